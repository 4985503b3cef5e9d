//! The Settings tab: units, week start, heart rates, when the runner likes to run,
//! and their data: backup, restore and CSV export.

use chrono::Weekday;
use leptos::prelude::*;
use restride_app::SettingChange;
use restride_core::{DistanceUnit, Settings, TimeOfDay};

use super::backup::{BackupCard, StorageCard};
use super::widgets::{Chip, ErrorLine, RadioChips, ToggleChips};
use crate::state::use_state;

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "Mon"),
    (Weekday::Tue, "Tue"),
    (Weekday::Wed, "Wed"),
    (Weekday::Thu, "Thu"),
    (Weekday::Fri, "Fri"),
    (Weekday::Sat, "Sat"),
    (Weekday::Sun, "Sun"),
];

/// A heart-rate setting: saved when a valid number (or nothing) is entered.
#[component]
fn HeartRateField(
    label: &'static str,
    id: &'static str,
    get: fn(&Settings) -> Option<u16>,
    change: fn(String) -> SettingChange,
) -> impl IntoView {
    let state = use_state();
    let error = RwSignal::new(None::<String>);
    let initial = state.settings.with_untracked(|s| get(s).map(|v| v.to_string()).unwrap_or_default());
    let on_change = move |ev| {
        state
            .change_settings(change(event_target_value(&ev)))
            .then(move |outcome| error.set(outcome.errors().next().map(str::to_string)));
    };
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                inputmode="numeric"
                autocomplete="off"
                value=initial
                on:change=on_change
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=error_id.clone()
            />
            <ErrorLine id=error_id text=error/>
        </div>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_state();
    let change = move |change: SettingChange| state.toasts.say_when(state.change_settings(change));
    let unit = Signal::derive(move || Some(state.settings.with(|s| s.unit)));
    let week_start = Signal::derive(move || Some(state.settings.with(|s| s.week_start)));
    // The days the plan runs on: the runner's, or until they pick, their history's.
    let plan_days = Memo::new(move |_| state.run_days());
    let run_days = Signal::derive(move || plan_days.with(|(days, _)| days.clone()));
    let time = Signal::derive(move || Some(state.settings.with(|s| s.preferred_time)));
    let count = move || state.runs.with(Vec::len);
    view! {
        <section class="page settings-group" aria-labelledby="settings-title">
            <h2 id="settings-title">"Settings"</h2>
            <RadioChips
                legend="Units"
                name="unit"
                options=vec![Chip::new(DistanceUnit::Km, "Kilometres"), Chip::new(DistanceUnit::Mi, "Miles")]
                selected=unit
                on_pick=move |u| change(SettingChange::Unit(u))
            />
            <RadioChips
                legend="Weeks start on"
                name="week-start"
                options=vec![Chip::new(Weekday::Mon, "Monday"), Chip::new(Weekday::Sat, "Saturday"), Chip::new(Weekday::Sun, "Sunday")]
                selected=week_start
                on_pick=move |d| change(SettingChange::WeekStart(d))
            />
            <ToggleChips
                legend="Days you can usually run"
                options=WEEKDAYS.iter().map(|(d, l)| Chip::new(*d, *l)).collect()
                selected=run_days
                on_toggle=move |d: Weekday| change(SettingChange::ToggleRunDay(d))
            />
            <Show when=move || plan_days.with(|(_, from_history)| *from_history)>
                <p class="hint">"These are the days you have run on most lately; pick your own and the plan follows them."</p>
            </Show>
            <RadioChips
                legend="Preferred time to run"
                name="preferred-time"
                options=std::iter::once(Chip::new(None, "No preference"))
                    .chain(TimeOfDay::ALL.into_iter().map(|t| Chip::new(Some(t), t.label())))
                    .collect()
                selected=time
                on_pick=move |t| change(SettingChange::PreferredTime(t))
            />
            <div class="field">
                <label class="check">
                    <input
                        type="checkbox"
                        aria-describedby="streak-hint"
                        prop:checked=move || state.settings.with(|s| s.show_streak)
                        on:change=move |ev| change(SettingChange::ShowStreak(event_target_checked(&ev)))
                    />
                    "Show weeks in a row on Today"
                </label>
                <p class="hint" id="streak-hint">
                    "Weeks in a row with the runs your plan asked for (without a plan, one a run day, at most 6). Being ill, injured or away keeps it going. Untick it if it doesn't help you."
                </p>
            </div>
            <div class="field-row">
                <HeartRateField label="Max heart rate" id="max-hr" get=|s| s.max_hr change=SettingChange::MaxHeartRate/>
                <HeartRateField label="Resting heart rate" id="rest-hr" get=|s| s.rest_hr change=SettingChange::RestingHeartRate/>
            </div>
            <div class="card">
                <h3>"Your data"</h3>
                <p>
                    {move || format!("{} runs saved on this device. Nothing leaves it unless you export it.", count())}
                </p>
            </div>
            <BackupCard/>
            <StorageCard/>
        </section>
    }
}
