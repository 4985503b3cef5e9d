//! The Plan tab: this week's sessions (built from the runner's days, recent load and
//! what the radar found), what to do with a session that can't happen, the race
//! goal, and getting the week out of the app (calendar file, share card).
//! Every rule lives in the core's plan module, reached through the app crate;
//! this page only shows and asks.

use chrono::NaiveDate;
use leptos::prelude::*;
use restride_app::plan_words::{plan_summary, race_words, whole};
use restride_app::plans::{PlannedSession, RaceGoal, SessionId, SessionStatus, WeekPlan, day_name};
use restride_app::{GoalForm, Message, Outcome, PlanChange};
use restride_core::history::runs_dated;
use restride_core::{DistanceUnit, format_duration};

use super::run_summary;
use super::setback::{SetbackAsk, SetbackNotice};
use super::widgets::Messages;
use crate::browser;
use crate::nav::Tab;
use crate::share::{Delivered, share_card};
use crate::state::use_state;

/// Reasons offered when a session is marked missed; the diagnosis reads times and
/// days, the reason is for the runner's own record.
const MISS_REASONS: [&str; 5] = ["No time", "Too tired", "Sore or ill", "Weather", "Didn't feel like it"];

/// Shows what the page's last action said.
type Say = Callback<Vec<Message>>;

#[component]
pub fn PlanPage() -> impl IntoView {
    let state = use_state();
    let plan = Memo::new(move |_| state.this_week());
    let messages = RwSignal::new(Vec::<Message>::new());
    let say: Say = Callback::new(move |said| messages.set(said));
    let build = move |_| state.plan_week().then(move |o| state.toasts.say(&o));
    // The days a new plan goes on, and where they come from.
    let days_line = move || {
        let (days, from_history) = state.run_days();
        let names: Vec<String> = days.iter().map(|d| d.to_string()).collect();
        match (names.is_empty(), from_history) {
            (true, _) => "Pick the days you can run in Settings first.".to_string(),
            (false, true) => format!(
                "On the days you have run on most lately: {}. Pick your own in Settings.",
                names.join(", ")
            ),
            (false, false) => format!("On your run days: {} (change them in Settings).", names.join(", ")),
        }
    };

    view! {
        <section class="page" aria-labelledby="plan-title">
            <h2 id="plan-title">"Plan"</h2>
            <Messages messages/>
            <SetbackNotice on=Tab::Plan/>
            {move || match plan.get() {
                None => {
                    view! {
                        <div class="card">
                            <h3>"Plan this week"</h3>
                            <p>
                                "A week around the days you can run, your recent running and what the Rut Radar found: some variety, at least one rest day, never two hard days in a row, and never more than a small step up from what you have been doing."
                            </p>
                            <p class="hint">{days_line}</p>
                            <button type="button" class="primary" on:click=build>"Plan this week"</button>
                        </div>
                    }
                        .into_any()
                }
                Some(plan) => view! { <WeekView plan say/> }.into_any(),
            }}
            <SetbackAsk/>
            <GoalCard/>
        </section>
    }
}

#[component]
fn WeekView(plan: WeekPlan, say: Say) -> impl IntoView {
    let state = use_state();
    let today = state.today.get_untracked();
    let toasts = state.toasts;
    let change = move |change: PlanChange| state.change_plan(&change).then(move |o| toasts.say(&o));
    let realign_needed = state.realign_offered();
    let diagnosis = state.misses.get_untracked();
    let do_realign = move |_| state.realign().then(move |o| toasts.say(&o));
    let replan = move |_| state.replan_week().then(move |o| toasts.say(&o));
    let summary = plan_summary(&plan);
    let title = format!("Week of {}", day_name(plan.start));
    let adjustments: Vec<String> = plan.adjustments.iter().map(|a| a.text()).collect();
    let unit = state.settings.get_untracked().unit;
    // What was run each day, planned or not, and the session of another day a run
    // ticked off (a run a day early or late still counts for its session).
    let ran = state.runs.with_untracked(|runs| {
        runs_dated(runs, plan.start, plan.end())
            .map(|r| {
                let date = r.start.date_naive();
                let ticked = plan
                    .sessions
                    .iter()
                    .find(|s| s.status == SessionStatus::Done(r.id.clone()) && s.date != date)
                    .map(|s| s.date);
                let line = format!("{} · {}", r.kind.label(), run_summary(r, unit));
                let line = match ticked {
                    Some(d) => format!("{line} (for {}'s session)", day_name(d)),
                    None => line,
                };
                (date, line, ticked.is_some())
            })
            .collect::<Vec<_>>()
    });
    let days: Vec<Day> = plan
        .dates()
        .map(|date| Day {
            date,
            active: plan.on(date).cloned(),
            other: plan
                .sessions
                .iter()
                .filter(|s| s.date == date && !s.status.is_active())
                .cloned()
                .collect(),
            ran: ran.iter().filter(|(d, _, _)| *d == date).map(|(_, r, _)| r.clone()).collect(),
            extra: ran.iter().any(|(d, _, ticked)| *d == date && !ticked),
            paused: plan.paused.contains(&date),
        })
        .collect();
    let plan = StoredValue::new(plan);

    let export_ics = move |_| {
        let Some(file) = state.week_calendar() else { return };
        say.run(vec![match browser::download(&file.filename, file.mime, &file.contents) {
            Ok(()) => Message::ok("Calendar file saved: open it to add the sessions to your calendar."),
            Err(e) => Message::error(format!("The calendar file couldn't be saved: {e}")),
        }]);
    };
    let share = move |_| {
        let Some(card) = state.week_card() else { return };
        leptos::task::spawn_local(async move {
            let said = match share_card(&card).await {
                Ok(Delivered::Shared) => Message::ok("Shared."),
                Ok(Delivered::Downloaded) => {
                    Message::ok(format!("Saved {}: share it from your photos or files.", card.filename))
                }
                Ok(Delivered::Cancelled) => return,
                Err(e) => Message::error(format!("The card couldn't be made: {e}")),
            };
            say.run(vec![said]);
        });
    };

    view! {
        <div class="card plan-week">
            <h3>{title}</h3>
            <p class="plan-summary">{summary.sentence}</p>
            <details class="numbers plan-numbers">
                <summary>"The numbers"</summary>
                <dl class="evidence">
                    {summary
                        .numbers
                        .into_iter()
                        .map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> })
                        .collect_view()}
                </dl>
            </details>
            {(!adjustments.is_empty())
                .then(|| {
                    view! {
                        <ul class="adjustments" aria-label="Why the week looks like this">
                            {adjustments.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
                        </ul>
                    }
                })}
            {realign_needed
                .then(|| {
                    view! {
                        <div class="notice" role="status">
                            <p>
                                "Three or more sessions missed in the last two weeks. Re-plan the rest of this week from today, without making up what was missed?"
                            </p>
                            <button type="button" on:click=do_realign>"Realign the plan"</button>
                        </div>
                    }
                })}
            {diagnosis.map(|d| view! { <p class="miss-diagnosis">{d}</p> })}
            <ol class="plan-days" aria-label="This week's sessions">
                {days.into_iter().map(|day| view! { <DayItem day today change plan/> }).collect_view()}
            </ol>
            <div class="actions">
                <button type="button" on:click=replan>"Plan the rest of the week again"</button>
                <button type="button" on:click=export_ics>"Add to calendar (.ics)"</button>
                <button type="button" on:click=share>"Share this week"</button>
            </div>
        </div>
    }
}

/// A day of the week's plan: its active session, the sessions let go, the runs
/// logged on it, and whether an illness or injury paused it.
struct Day {
    date: NaiveDate,
    active: Option<PlannedSession>,
    other: Vec<PlannedSession>,
    ran: Vec<String>,
    /// A run on it that ticked no session of another day.
    extra: bool,
    paused: bool,
}

#[component]
fn DayItem(
    day: Day,
    today: NaiveDate,
    change: impl Fn(PlanChange) + Copy + Send + Sync + 'static,
    plan: StoredValue<WeekPlan>,
) -> impl IntoView {
    let state = use_state();
    let unit = state.settings.get_untracked().unit;
    let Day { date, active, other, ran, extra, paused } = day;
    let has_ran = !ran.is_empty();
    let ran_lines = move || {
        ran.clone().into_iter().map(|r| view! { <p class="ran">{format!("Ran: {r} ✓")}</p> }).collect_view()
    };
    let day = day_name(date);
    let gone: Vec<String> = other
        .iter()
        .map(|s| {
            format!(
                "{} {} ({})",
                s.session.kind.label(),
                s.status.slug(),
                format_duration(s.session.minutes * 60)
            )
        })
        .collect();
    let Some(s) = active else {
        // A run on a day with nothing planned is an extra run, never a "rest day".
        let (status, text) = match (has_ran, extra, paused) {
            (true, true, _) => ("extra", "Extra run"),
            (true, false, _) => ("ran", "Ran"),
            (false, _, true) => ("rest", "Paused: rest"),
            (false, _, false) => ("rest", "Rest day"),
        };
        let text = if date == today { format!("{text} (today)") } else { text.to_string() };
        return view! {
            <li class="plan-day" data-date=date.to_string() data-status=status>
                <h4>{day}</h4>
                <p>{text}</p>
                {ran_lines()}
                {gone.into_iter().map(|g| view! { <p class="hint">{g}</p> }).collect_view()}
            </li>
        }
        .into_any();
    };
    let id = s.id;
    let label = s.session.kind.label();
    let name = format!("{label} on {day}");
    let what = format!("{label} · {} min · {}", s.session.minutes, s.time.label().to_lowercase());
    let aim = s.session.target.text(unit);
    let how = s.session.how_to.clone();
    let status = s.status.clone();
    let planned = status == SessionStatus::Planned;
    let status_text = match &status {
        SessionStatus::Done(_) => "Done ✓",
        _ if date == today => "Today",
        _ => "",
    };
    view! {
        <li class="plan-day" data-date=date.to_string() data-status=status.slug() data-kind=s.session.kind.slug()>
            <h4>{day} " " <span class="status">{status_text}</span></h4>
            <p class="session">{what}</p>
            <p class="hint">{aim}</p>
            <details>
                <summary>{format!("How to run the {}", label.to_lowercase())}</summary>
                <p>{how.warm_up}</p>
                <p>{how.main_set}</p>
                <p>{how.cool_down}</p>
            </details>
            {ran_lines()}
            {gone.into_iter().map(|g| view! { <p class="hint">{g}</p> }).collect_view()}
            {planned.then(|| view! { <SessionActions id name=name.clone() date today change plan/> })}
        </li>
    }
        .into_any()
}

/// What the runner can do with a session still to come: skip it, say it was missed
/// (and why), or move it to another day.
#[component]
fn SessionActions(
    id: SessionId,
    name: String,
    date: NaiveDate,
    today: NaiveDate,
    change: impl Fn(PlanChange) + Copy + Send + Sync + 'static,
    plan: StoredValue<WeekPlan>,
) -> impl IntoView {
    let choosing_reason = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let other_days: Vec<NaiveDate> =
        plan.with_value(|p| p.dates().filter(|d| *d != date && *d >= today).collect());
    // Other sessions still to come, to trade days with.
    let partners: Vec<(SessionId, String)> = plan.with_value(|p| {
        p.active()
            .filter(|s| s.id != id && s.status == SessionStatus::Planned && s.date >= today)
            .map(|s| (s.id, format!("{} on {}", s.session.kind.label(), day_name(s.date))))
            .collect()
    });
    let swap_label = format!("Swap {name} with");
    // A day not yet come can be skipped or moved, not missed.
    let come = date <= today;
    let skip_label = format!("Skip {name}");
    let miss_button = format!("Mark {name} missed");
    let move_label = format!("Move {name} to");
    let miss_label = format!("Why was {name} missed?");
    let miss_id = format!("miss-{id}");
    view! {
        <div class="run-actions">
            <button
                type="button"
                aria-label=skip_label
                on:click=move |_| change(PlanChange::Skip(id))
            >
                "Skip"
            </button>
            {come
                .then(|| {
                    view! {
                        <button type="button" aria-label=miss_button on:click=move |_| choosing_reason.set(true)>
                            "Missed"
                        </button>
                    }
                })}
            <select
                aria-label=move_label
                on:change=move |ev| {
                    if let Ok(to) = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                        change(PlanChange::Move { session: id, to });
                    }
                }
            >
                <option value="">"Move to…"</option>
                {other_days.iter().map(|d| view! { <option value=d.to_string()>{day_name(*d)}</option> }).collect_view()}
            </select>
            {(!partners.is_empty())
                .then(|| {
                    let options = partners.clone();
                    view! {
                        <select
                            aria-label=swap_label
                            on:change=move |ev| {
                                let picked = event_target_value(&ev);
                                if let Some((other, _)) = partners.iter().find(|(o, _)| o.to_string() == picked) {
                                    change(PlanChange::Swap(id, *other));
                                }
                            }
                        >
                            <option value="">"Swap with…"</option>
                            {options
                                .into_iter()
                                .map(|(o, label)| view! { <option value=o.to_string()>{label}</option> })
                                .collect_view()}
                        </select>
                    }
                })}
        </div>
        <Show when=move || come && choosing_reason.get()>
        <div class="field">
            <label for=miss_id.clone()>{miss_label.clone()}</label>
            <select id=miss_id.clone() on:change=move |ev| reason.set(event_target_value(&ev))>
                <option value="">"Rather not say"</option>
                {MISS_REASONS.map(|r| view! { <option value=r>{r}</option> }).collect_view()}
            </select>
            <button
                type="button"
                on:click=move |_| {
                    let why = reason.get_untracked();
                    change(PlanChange::Miss { session: id, reason: (!why.is_empty()).then_some(why) });
                }
            >
                "Mark missed"
            </button>
        </div>
        </Show>
    }
}

/// The race goal: set it, and see the prediction, the gap, the taper and warnings.
#[component]
fn GoalCard() -> impl IntoView {
    let state = use_state();
    let distance = RwSignal::new("10000".to_string());
    let date = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let show = move |outcome: Outcome| error.set(outcome.errors().next().map(str::to_string));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state
            .set_goal(&GoalForm {
                distance_m: distance.get_untracked(),
                date: date.get_untracked(),
                target: target.get_untracked(),
            })
            .then(show);
    };
    let clear = move |_| state.clear_goal().then(show);

    view! {
        <div class="card goal">
            <h3>"Race goal"</h3>
            {move || {
                let unit = state.settings.with(|s| s.unit);
                state.goal_shown().map(|goal| view! { <Outlook goal unit/> })
            }}
            <form on:submit=submit aria-label="Race goal">
                <div class="field">
                    <label for="goal-distance">"Distance"</label>
                    <select id="goal-distance" on:change=move |ev| distance.set(event_target_value(&ev))>
                        <option value="5000">"5 km"</option>
                        <option value="10000" selected>"10 km"</option>
                        <option value="21097.5">"Half marathon"</option>
                        <option value="42195">"Marathon"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="goal-date">"Race day"</label>
                    <input id="goal-date" type="date" on:input=move |ev| date.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="goal-target">"Target time (optional)"</label>
                    <input
                        id="goal-target"
                        type="text"
                        autocomplete="off"
                        inputmode="numeric"
                        placeholder="h:mm:ss"
                        on:input=move |ev| target.set(event_target_value(&ev))
                    />
                </div>
                {move || error.get().map(|e| view! { <p role="alert" class="save-error">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="primary">"Set goal"</button>
                    <Show when=move || state.goal.with(Option::is_some)>
                        <button type="button" on:click=clear>"Clear goal"</button>
                    </Show>
                </div>
            </form>
        </div>
    }
}

#[component]
fn Outlook(goal: RaceGoal, unit: DistanceUnit) -> impl IntoView {
    let state = use_state();
    let today = state.today.get_untracked();
    let outlook = state.race_outlook(&goal);
    let words = race_words(&goal, &outlook, unit);
    let ahead = outlook.days_to_race >= 0;
    let gap = match (goal.target_s, outlook.gap) {
        (Some(t), Some(g)) if g.seconds > 0.0 => {
            Some(format!("Target {}: {} to find ({:.1} %).", format_duration(t), whole(g.seconds), g.percent))
        }
        (Some(t), Some(_)) => Some(format!("Target {}: on course.", format_duration(t))),
        _ => None,
    };
    let taper = format!(
        "Taper: {} {} from {}, less load at the same intensity.",
        outlook.taper_weeks,
        if outlook.taper_weeks == 1 { "week" } else { "weeks" },
        day_name(outlook.taper_start)
    );
    let taper_started = outlook.taper_start <= today;
    match words.recover {
        Some(recover) => view! {
            <div class="outlook" data-testid="race-outlook">
                <p class="race">{words.race}</p>
                <p class="recover" role="status">{recover}</p>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="outlook" data-testid="race-outlook">
                <p class="race">{words.race}</p>
                <p class="prediction">{words.prediction}</p>
                {words.range.map(|r| view! { <p class="hint range">{r}</p> })}
                {(!words.why.is_empty())
                    .then(|| {
                        view! {
                            <details class="why">
                                <summary>"Why this time"</summary>
                                {words.why.into_iter().map(|w| view! { <p>{w}</p> }).collect_view()}
                            </details>
                        }
                    })}
                {gap.map(|g| view! { <p>{g}</p> })}
                {ahead.then(|| view! { <p class=if taper_started { "taper now" } else { "taper" }>{taper}</p> })}
                {outlook.warning.map(|w| view! { <p role="alert" class="warning">{w.sentence}</p> })}
            </div>
        }
        .into_any(),
    }
}
