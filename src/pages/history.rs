//! The History tab: runs grouped by the runner's week, newest first, with weekly
//! totals, a filter by type, and edit and delete (with undo) on each run. Only a
//! few weeks are rendered at a time, so ten years of daily runs open at once.

use leptos::prelude::*;
use restride_core::history::recent_weeks;
use restride_core::{Run, RunType, format_distance, format_duration, format_elevation};

use super::widgets::HistoryViews;
use super::{format_start, run_heading, run_summary};
use crate::nav::{Tab, use_nav};
use crate::state::use_state;

/// About how many runs are rendered at first and added by "Show more weeks": a
/// screenful at 390 px (whole weeks are shown, so a page can hold a few more).
/// Rendering a page, not the whole history, keeps opening History (and every save,
/// which lands here) as fast with ten years of runs as with ten.
const RUNS_PER_PAGE: usize = 6;

#[component]
fn RunItem(run: Run) -> impl IntoView {
    let state = use_state();
    let nav = use_nav();
    let when = format_start(&run.start);
    let heading = run_heading(&run);
    let mut effort = [
        // A run with its own name says its type here, under the numbers.
        (!run.title.is_empty()).then(|| run.kind.label().to_string()),
        run.rpe.map(|r| format!("Effort {} ({})", r.value(), r.label())),
        run.feel.map(|f| format!("Felt {}", f.phrase())),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    if run.completion == restride_core::Completion::CutShort {
        effort.push_str(" · Stopped early");
    }
    let extras: Vec<String> = [
        (!run.route.is_empty()).then(|| run.route.clone()),
        run.company.as_ref().map(|c| format!("with {c}")),
        run.heart_rate.map(|h| format!("HR {}/{}", h.average, h.max)),
    ]
    .into_iter()
    .flatten()
    .collect();
    // History is kept while Settings changes the unit: the climb is read live.
    let elevation = run.elevation_gain_m;
    let extras = (!extras.is_empty() || elevation.is_some()).then(|| {
        let line = move || {
            let unit = state.settings.with(|s| s.unit);
            extras
                .iter()
                .cloned()
                .chain(elevation.map(|e| format_elevation(e, unit)))
                .collect::<Vec<_>>()
                .join(" · ")
        };
        view! { <p class="run-effort">{line}</p> }
    });
    let id = run.id.clone();
    let edit = {
        let id = id.clone();
        move |_| {
            state.editing.set(Some(id.clone()));
            nav.navigate(Tab::Log);
        }
    };
    let delete = move |_| state.toasts.say_when(state.delete_run(&id));
    let (kind, start_iso) = (run.kind, run.start.to_rfc3339());
    let notes = (!run.notes.is_empty()).then(|| view! { <p class="notes">{run.notes.clone()}</p> });
    let summary = move || run_summary(&run, state.settings.get().unit);
    view! {
        <li class="run" data-kind=kind.slug()>
            <div class="run-head">
                <h4>{heading}</h4>
                <time datetime=start_iso>{when.clone()}</time>
            </div>
            <p class="run-summary">{summary}</p>
            <p class="run-effort">{effort}</p>
            {extras}
            {notes}
            <div class="run-actions">
                <button type="button" on:click=edit aria-label=format!("Edit run of {when}")>"Edit"</button>
                <button type="button" class="danger" on:click=delete aria-label=format!("Delete run of {when}")>
                    "Delete"
                </button>
            </div>
        </li>
    }
}

#[component]
pub fn HistoryPage() -> impl IntoView {
    let state = use_state();
    let filter = RwSignal::new(None::<RunType>);
    let shown_runs = RwSignal::new(RUNS_PER_PAGE);
    let week_start = Memo::new(move |_| state.settings.with(|s| s.week_start));
    // Only the weeks on screen are materialised; the grouping itself is one pass.
    // History stays mounted once opened, so this is kept current only while shown.
    let nav = use_nav();
    let page = nav.while_shown(Tab::History, move || {
        let limit = shown_runs.get();
        state.runs.with(|runs| {
            let (shown, more) = recent_weeks(runs, week_start.get(), filter.get(), limit);
            let visible: Vec<(chrono::NaiveDate, u32, u64, f64, Vec<Run>)> = shown
                .into_iter()
                .map(|w| {
                    (w.start, w.sessions, w.moving_s, w.distance_m, w.runs.into_iter().cloned().collect())
                })
                .collect();
            (visible, more)
        })
    });
    let empty = nav.while_shown(Tab::History, move || state.runs.with(Vec::is_empty));
    view! {
        <section class="page" aria-labelledby="history-title">
            <h2 id="history-title">"History"</h2>
            <HistoryViews on=Tab::History/>
            <p class="hint">
                <a href="#/import">"Import from a watch or Strava"</a>
            </p>
            <Show
                when=move || !empty.get()
                fallback=|| {
                    view! {
                        <div class="empty">
                            <p>"No runs yet."</p>
                            <a class="button primary" href="#/log">"Log your first run"</a>
                            <a class="button" href="#/import">"Import from a watch or Strava"</a>
                        </div>
                    }
                }
            >
                <div class="toolbar">
                    <div class="field">
                        <label for="type-filter">"Show"</label>
                        <select
                            id="type-filter"
                            on:change=move |ev| {
                                filter.set(RunType::from_slug(&event_target_value(&ev)));
                                shown_runs.set(RUNS_PER_PAGE);
                            }
                        >
                            <option value="">"All types"</option>
                            {RunType::ALL.into_iter().map(|t| view! { <option value=t.slug()>{t.label()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <p class="empty" hidden=move || !page.with(|(w, _)| w.is_empty())>"No runs of this type."</p>
                <div class="weeks">
                    <For
                        each=move || page.get().0
                        key=|(start, sessions, moving, _, runs)| (*start, *sessions, *moving, runs.iter().map(|r| r.updated).max())
                        children=move |(start, sessions, moving_s, distance_m, runs)| {
                            // History is kept while other tabs change the settings: the unit is read live.
                            let totals = move || {
                                format!(
                                    "{sessions} {} · {} · {}",
                                    if sessions == 1 { "session" } else { "sessions" },
                                    format_duration(u32::try_from(moving_s).unwrap_or(u32::MAX)),
                                    format_distance(distance_m, state.settings.with(|s| s.unit)),
                                )
                            };
                            let title = format!("Week of {}", start.format("%a %-d %b %Y"));
                            view! {
                                <section class="week" aria-label=title>
                                    <div class="week-head">
                                        <h3>{title.clone()}</h3>
                                        <span class="week-totals">{totals}</span>
                                    </div>
                                    <ul class="run-list" aria-label=format!("Runs, {}", title.to_lowercase())>
                                        {runs.into_iter().map(|run| view! { <RunItem run/> }).collect_view()}
                                    </ul>
                                </section>
                            }
                        }
                    />
                </div>
                <Show when=move || page.with(|(_, more)| *more)>
                    <button
                        type="button"
                        class="more-weeks"
                        on:click=move |_| shown_runs.update(|n| *n += RUNS_PER_PAGE)
                    >
                        "Show more weeks"
                    </button>
                </Show>
            </Show>
        </section>
    }
}
