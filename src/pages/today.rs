//! The Today tab: the quick log, the daily check-in, this week so far, the latest
//! run, and the Rut Radar.

use leptos::prelude::*;
use restride_core::{format_distance, format_duration};

use super::checkin::CheckIn;
use super::quick::QuickLog;
use super::radar::RutRadar;
use super::{format_start, run_heading, run_summary};
use crate::nav::{Tab, use_nav};
use crate::state::use_state;

#[component]
pub fn TodayPage() -> impl IntoView {
    let state = use_state();
    let nav = use_nav();
    let latest = nav.while_shown(Tab::Today, move || {
        let unit = state.settings.get().unit;
        state
            .runs
            .with(|runs| runs.first().map(|r| (run_heading(r), format_start(&r.start), run_summary(r, unit))))
    });
    let has_runs = Memo::new(move |_| latest.with(Option::is_some));
    // The runner's week (Settings' week start), in local time.
    let week = nav.while_shown(Tab::Today, move || {
        let unit = state.settings.with(|s| s.unit);
        let week = state.week_so_far();
        format!(
            "{} {} · {} · {}",
            week.sessions,
            if week.sessions == 1 { "session" } else { "sessions" },
            format_duration(week.moving_s),
            format_distance(week.distance_m, unit)
        )
    });
    view! {
        <section class="page" aria-labelledby="today-title">
            <h2 id="today-title">"Today"</h2>
            <QuickLog on=Tab::Today/>
            <a class="button primary big" href="#/log">"Log a run"</a>
            <CheckIn/>
            <div class="card">
                <h3>"This week"</h3>
                <p>{week}</p>
            </div>
            // Built once; a new latest run updates the card's text in place.
            <Show
                when=move || has_runs.get()
                fallback=|| view! {
                    <div class="card">
                        <h3>"Welcome to Restride"</h3>
                        <p>"Log your runs right after you finish. The more history Restride has, the earlier it can spot a rut."</p>
                        <a class="button" href="#/import">"Import your runs from a watch or Strava"</a>
                    </div>
                }
            >
                <div class="card">
                    <h3>"Latest run"</h3>
                    <p>
                        <strong>{move || latest.with(|l| l.as_ref().map(|l| l.0.clone()))}</strong>
                        " · "
                        {move || latest.with(|l| l.as_ref().map(|l| l.1.clone()))}
                    </p>
                    <p>{move || latest.with(|l| l.as_ref().map(|l| l.2.clone()))}</p>
                </div>
            </Show>
            <RutRadar/>
        </section>
    }
}
