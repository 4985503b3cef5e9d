//! The Today tab: the one answer (verdict and next step), the quick log, the daily
//! check-in, this week so far with the weeks in a row, the latest run, and the Rut
//! Radar.

use leptos::prelude::*;
use restride_core::{format_distance, format_duration};

use super::backup::BackupReminder;
use super::checkin::CheckIn;
use super::quick::QuickLog;
use super::radar::{NextStepCard, RutRadar};
use super::setback::SetbackNotice;
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
    // Weeks in a row with the planned runs, unless hidden in Settings; nothing
    // before a first run (the first screen then matches index.html's shell).
    let streak = nav.while_shown(Tab::Today, move || {
        (has_runs.get() && state.settings.with(|s| s.show_streak)).then(|| state.streak.get())
    });
    // On a first visit the radar renders in the task after the rest of Today, below
    // it: the browser compiles each wasm function at its first call, and Today with
    // the radar in one task blocked the page for about 140 ms at 4x CPU (a tap is
    // answered in between now). An installed app's code is compiled already: there
    // a second task would only add a frame before the radar.
    let radar_shown = RwSignal::new(!crate::first_visit());
    if !radar_shown.get_untracked() {
        set_timeout(move || radar_shown.set(true), std::time::Duration::ZERO);
    }
    view! {
        <section class="page" aria-labelledby="today-title">
            <h2 id="today-title">"Today"</h2>
            // The one answer leads once there is a history to answer from; while
            // ill or injured, what to do and "I'm back" follow it.
            <Show when=move || has_runs.get()>
                <NextStepCard/>
            </Show>
            <SetbackNotice on=Tab::Today/>
            // The quick card, or "Log a run" until there is a usual run to offer.
            <QuickLog on=Tab::Today/>
            <CheckIn/>
            // The week, the weeks in a row and the latest run in one card, so Today
            // with a full rut fits in about two screens.
            <div class="card week-card">
                <h3>"This week"</h3>
                <p>{week}</p>
                {move || streak.get().map(|s| view! { <p class="streak">{s}</p> })}
                <Show when=move || has_runs.get()>
                    <p class="latest">
                        <strong>
                            "Latest run: " {move || latest.with(|l| l.as_ref().map(|l| l.0.clone()))}
                        </strong>
                        " · "
                        {move || latest.with(|l| l.as_ref().map(|l| l.1.clone()))}
                        " · "
                        {move || latest.with(|l| l.as_ref().map(|l| l.2.clone()))}
                    </p>
                </Show>
            </div>
            <BackupReminder/>
            <Show when=move || !has_runs.get()>
                <div class="card">
                    <h3>"Welcome to Restride"</h3>
                    <p>"Log your runs right after you finish. The more history Restride has, the earlier it can spot a rut."</p>
                    <a class="button" href="#/import">"Import your runs from a watch or Strava"</a>
                </div>
            </Show>
            <Show when=move || radar_shown.get()>
                <RutRadar/>
            </Show>
        </section>
    }
}
