//! The Settings tab: units, and what is stored on this device.

use leptos::prelude::*;
use restride_core::{DistanceUnit, Settings};

use crate::state::use_state;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_state();
    let set_unit = move |unit: DistanceUnit| {
        let settings = Settings { unit };
        if let Err(e) = state.save_settings(settings) {
            state.show_toast(e.to_string(), None);
        }
    };
    let unit_choice = move |unit: DistanceUnit, label: &'static str| {
        view! {
            <label class="chip">
                <input
                    type="radio"
                    name="unit"
                    prop:checked=move || state.settings.get().unit == unit
                    on:change=move |_| set_unit(unit)
                />
                {label}
            </label>
        }
    };
    let count = move || state.runs.with(Vec::len);
    view! {
        <section class="page" aria-labelledby="settings-title">
            <h2 id="settings-title">"Settings"</h2>
            <fieldset class="field">
                <legend>"Units"</legend>
                <div class="choices">
                    {unit_choice(DistanceUnit::Km, "Kilometres")}
                    {unit_choice(DistanceUnit::Mi, "Miles")}
                </div>
            </fieldset>
            <div class="card">
                <h3>"Your data"</h3>
                <p>{move || format!("{} runs saved on this device. Nothing leaves it unless you export it.", count())}</p>
            </div>
            <div class="card coming">
                <h3>"Coming soon"</h3>
                <p>"Not built yet: backup and restore, a daily wellness check-in, heart-rate zones, preferred run days, and importing from your watch or Strava."</p>
            </div>
        </section>
    }
}
