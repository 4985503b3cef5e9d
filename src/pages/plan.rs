//! The Plan tab: this week's sessions (built from the runner's days, recent load and
//! what the radar found), what to do with a session that can't happen, the race
//! goal, and getting the week out of the app (calendar file, share card).
//! Every rule lives in `restride_core::plan`; this page only shows and asks.

use chrono::NaiveDate;
use leptos::prelude::*;
use restride_core::history::week_start_of;
use restride_core::plan::{
    IcsOptions, PlanError, PlanInput, PlannedSession, RaceGoal, SessionId, SessionStatus, WeekPlan,
    build_week, current_fitness, day_name, mark_missed, move_session, needs_realign, race_outlook, realign,
    reflow, skip, swap, to_ics, week_summary,
};
use restride_core::units::parse_duration;
use restride_core::{DistanceUnit, format_distance, format_duration};

use crate::browser;
use crate::share::{Card, Delivered, share_card};
use crate::state::{AppState, use_state};

/// Reasons offered when a session is marked missed; the diagnosis reads times and
/// days, the reason is for the runner's own record.
const MISS_REASONS: [&str; 5] = ["No time", "Too tired", "Sore or ill", "Weather", "Didn't feel like it"];
/// Minutes before a session the calendar reminds the runner.
const REMINDER_MINUTES: u32 = 30;

/// The plan of the week holding `today`, with overdue sessions counted as missed and
/// the week re-flowed around them, and targets from the current fitness.
fn this_week(state: AppState) -> Option<WeekPlan> {
    let today = state.today.get();
    let week_start = state.settings.with(|s| week_start_of(today, s.week_start));
    let plan = state.plans.with(|plans| plans.iter().find(|p| p.start == week_start).cloned())?;
    let fitness = state.runs.with(|runs| current_fitness(runs, today));
    Some(reflow(&plan, today).with_fitness(fitness.as_ref()))
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let state = use_state();
    let plan = Memo::new(move |_| this_week(state));
    let message = RwSignal::new(None::<(bool, String)>);
    let say = move |ok: bool, text: String| message.set(Some((ok, text)));

    let build = move |_| {
        let today = state.today.get_untracked();
        let settings = state.settings.get_untracked();
        let week_start = week_start_of(today, settings.week_start);
        let built = state.runs.with_untracked(|runs| {
            state.report.with_untracked(|report| {
                state.goal.with_untracked(|goal| {
                    build_week(&PlanInput {
                        week_start,
                        first_day: today,
                        settings: &settings,
                        runs,
                        findings: &report.findings,
                        fitness: current_fitness(runs, today),
                        goal: goal.as_ref(),
                    })
                })
            })
        });
        match state.save_plan(built) {
            Ok(()) => say(true, "This week is planned.".into()),
            Err(e) => say(false, e.to_string()),
        }
    };

    view! {
        <section class="page" aria-labelledby="plan-title">
            <h2 id="plan-title">"Plan"</h2>
            {move || {
                message
                    .get()
                    .map(|(ok, text)| {
                        if ok {
                            view! { <p role="status" class="ok">{text}</p> }.into_any()
                        } else {
                            view! { <p role="alert" class="save-error">{text}</p> }.into_any()
                        }
                    })
            }}
            {move || match plan.get() {
                None => {
                    view! {
                        <div class="card">
                            <h3>"Plan this week"</h3>
                            <p>
                                "A week around the days you can run (set them in Settings), your recent load and what the Rut Radar found: some variety, at least one rest day, never two hard days in a row, and never more than a small step up from what you have been doing."
                            </p>
                            <button type="button" class="primary" on:click=build>"Plan this week"</button>
                        </div>
                    }
                        .into_any()
                }
                Some(plan) => view! { <WeekView plan say/> }.into_any(),
            }}
            <GoalCard/>
        </section>
    }
}

#[component]
fn WeekView(plan: WeekPlan, say: impl Fn(bool, String) + Copy + Send + Sync + 'static) -> impl IntoView {
    let state = use_state();
    let unit = state.settings.get_untracked().unit;
    let today = state.today.get_untracked();
    let save = move |result: Result<WeekPlan, PlanError>, done: &str| match result {
        Ok(p) => match state.save_plan(reflow(&p, today)) {
            Ok(()) => say(true, done.to_string()),
            Err(e) => say(false, e.to_string()),
        },
        Err(e) => say(false, e.to_string()),
    };
    let realign_needed = state.plans.with_untracked(|plans| needs_realign(plans, today));
    let diagnosis = state.misses.get_untracked();
    let plan_for_realign = plan.clone();
    let do_realign = move |_| {
        let rebuilt = state.runs.with_untracked(|runs| {
            state.report.with_untracked(|report| {
                state.settings.with_untracked(|settings| {
                    state.goal.with_untracked(|goal| {
                        realign(
                            &plan_for_realign,
                            &PlanInput {
                                week_start: plan_for_realign.start,
                                // realign plans the whole week and keeps the days before today.
                                first_day: plan_for_realign.start,
                                settings,
                                runs,
                                findings: &report.findings,
                                fitness: current_fitness(runs, today),
                                goal: goal.as_ref(),
                            },
                            today,
                        )
                    })
                })
            })
        });
        save(Ok(rebuilt), "The rest of the week is re-planned from today.");
    };
    let load_line = format!(
        "Planned load {:.0} of at most {:.0}: your last four weeks averaged {:.0}, and a week may rise by at most 10 %.",
        plan.planned_load(),
        plan.load.cap,
        plan.load.average
    );
    let title = format!("Week of {}", day_name(plan.start));
    let adjustments: Vec<String> = plan.adjustments.iter().map(|a| a.text()).collect();
    let days: Vec<(NaiveDate, Option<PlannedSession>, Vec<PlannedSession>)> = plan
        .dates()
        .map(|d| {
            let active = plan.on(d).cloned();
            let other =
                plan.sessions.iter().filter(|s| s.date == d && !s.status.is_active()).cloned().collect();
            (d, active, other)
        })
        .collect();
    let plan = StoredValue::new(plan);

    let export_ics = move |_| {
        let ics = plan.with_value(|p| {
            to_ics(
                p,
                &IcsOptions { stamp: browser::now(), reminder_minutes: REMINDER_MINUTES, unit },
                |local| browser::local_offset_at(local).unwrap_or_else(|| browser::offset_at(browser::now())),
            )
        });
        let name = plan.with_value(|p| format!("restride-plan-{}.ics", p.start.format("%Y-%m-%d")));
        match browser::download(&name, "text/calendar", &ics) {
            Ok(()) => say(true, "Calendar file saved: open it to add the sessions to your calendar.".into()),
            Err(e) => say(false, format!("The calendar file couldn't be saved: {e}")),
        }
    };
    let share = move |_| {
        let card = plan.with_value(|p| {
            let summary = state.runs.with_untracked(|runs| {
                state
                    .report
                    .with_untracked(|r| week_summary(Some(p), runs, p.start, &r.verdict.headline, unit))
            });
            Card {
                title: format!("My running week · {}", day_name(p.start)),
                lines: summary.lines,
                footer: "Restride".into(),
            }
        });
        let name = plan.with_value(|p| format!("restride-week-{}.png", p.start.format("%Y-%m-%d")));
        leptos::task::spawn_local(async move {
            match share_card(&name, &card).await {
                Ok(Delivered::Shared) => say(true, "Shared.".into()),
                Ok(Delivered::Downloaded) => {
                    say(true, format!("Saved {name}: share it from your photos or files."))
                }
                Ok(Delivered::Cancelled) => {}
                Err(e) => say(false, format!("The card couldn't be made: {e}")),
            }
        });
    };

    view! {
        <div class="card plan-week">
            <h3>{title}</h3>
            <p class="hint">{load_line}</p>
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
                {days
                    .into_iter()
                    .map(|(date, active, other)| {
                        view! { <DayItem date active other today save plan/> }
                    })
                    .collect_view()}
            </ol>
            <div class="actions">
                <button type="button" on:click=export_ics>"Add to calendar (.ics)"</button>
                <button type="button" on:click=share>"Share this week"</button>
            </div>
        </div>
    }
}

#[component]
fn DayItem(
    date: NaiveDate,
    active: Option<PlannedSession>,
    other: Vec<PlannedSession>,
    today: NaiveDate,
    save: impl Fn(Result<WeekPlan, PlanError>, &str) + Copy + Send + Sync + 'static,
    plan: StoredValue<WeekPlan>,
) -> impl IntoView {
    let state = use_state();
    let unit = state.settings.get_untracked().unit;
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
        let rest = if date == today { "Rest day (today)" } else { "Rest day" };
        return view! {
            <li class="plan-day" data-date=date.to_string() data-status="rest">
                <h4>{day}</h4>
                <p>{rest}</p>
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
            {gone.into_iter().map(|g| view! { <p class="hint">{g}</p> }).collect_view()}
            {planned.then(|| view! { <SessionActions id name=name.clone() date today save plan/> })}
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
    save: impl Fn(Result<WeekPlan, PlanError>, &str) + Copy + Send + Sync + 'static,
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
    let not_yet = date > today;
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
                on:click=move |_| save(plan.with_value(|p| skip(p, id)), "Skipped; the rest of the week stays as it is.")
            >
                "Skip"
            </button>
            <button type="button" aria-label=miss_button disabled=not_yet on:click=move |_| choosing_reason.set(true)>
                "Missed"
            </button>
            <select
                aria-label=move_label
                on:change=move |ev| {
                    if let Ok(to) = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                        save(plan.with_value(|p| move_session(p, id, to)), "Moved.");
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
                                    save(plan.with_value(|p| swap(p, id, *other)), "Swapped.");
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
        <div class="field" hidden=move || !choosing_reason.get()>
            <label for=miss_id.clone()>{miss_label}</label>
            <select id=miss_id on:change=move |ev| reason.set(event_target_value(&ev))>
                <option value="">"Rather not say"</option>
                {MISS_REASONS.map(|r| view! { <option value=r>{r}</option> }).collect_view()}
            </select>
            <button
                type="button"
                on:click=move |_| {
                    let why = reason.get_untracked();
                    let why = (!why.is_empty()).then_some(why);
                    save(
                        plan.with_value(|p| mark_missed(p, id, why.as_deref())),
                        "Marked missed. The rest of the week is re-planned without cramming it in.",
                    );
                }
            >
                "Mark missed"
            </button>
        </div>
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

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let today = state.today.get_untracked();
        let Ok(distance_m) = distance.get_untracked().parse::<f64>() else {
            error.set(Some("Pick a race distance.".into()));
            return;
        };
        let Ok(day) = NaiveDate::parse_from_str(&date.get_untracked(), "%Y-%m-%d") else {
            error.set(Some("Pick the race day.".into()));
            return;
        };
        let target_text = target.get_untracked();
        let target_s = if target_text.trim().is_empty() {
            None
        } else {
            match parse_duration(&target_text) {
                Ok(s) => Some(s),
                Err(e) => {
                    error.set(Some(format!("Target time: {e}")));
                    return;
                }
            }
        };
        match RaceGoal::new(distance_m, day, target_s, today) {
            Ok(goal) => match state.save_goal(Some(goal)) {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some(e.to_string())),
            },
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let clear = move |_| {
        if let Err(e) = state.save_goal(None) {
            error.set(Some(e.to_string()));
        }
    };

    view! {
        <div class="card goal">
            <h3>"Race goal"</h3>
            {move || {
                let unit = state.settings.with(|s| s.unit);
                state.goal.get().map(|goal| view! { <Outlook goal unit/> })
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
    let week_start = state.settings.with_untracked(|s| s.week_start);
    let outlook = state.runs.with_untracked(|runs| {
        state.report.with_untracked(|r| race_outlook(&goal, runs, &r.findings, today, week_start))
    });
    let race = format!(
        "{} on {} — {}.",
        format_distance(goal.distance_m, unit),
        day_name(goal.date),
        match outlook.days_to_race {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            n => format!("in {n} days"),
        }
    );
    // Predictions are finite, positive race times; the clamp keeps the cast exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = |s: f64| format_duration(s.round().clamp(0.0, f64::from(u32::MAX)) as u32);
    let predicted = match outlook.predicted_s {
        Some(p) => format!("Predicted: {}.", whole(p)),
        None => "No prediction yet: log a race, or a hard continuous run of 1.5 km or more rated 8 or higher, in the last 12 weeks.".into(),
    };
    let methods: Vec<String> = [outlook.riegel, outlook.vdot]
        .into_iter()
        .flatten()
        .map(|p| {
            let method = match p.method {
                restride_core::plan::Method::Riegel => "Riegel",
                restride_core::plan::Method::Vdot => "VDOT",
            };
            format!(
                "{method}: {} from your {} {} on {}.",
                whole(p.time_s),
                format_distance(p.from.distance_m, unit),
                if p.from.race { "race" } else { "hard run" },
                day_name(p.from.date)
            )
        })
        .collect();
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
    view! {
        <div class="outlook" data-testid="race-outlook">
            <p class="race">{race}</p>
            <p class="prediction">{predicted}</p>
            {methods.into_iter().map(|m| view! { <p class="hint">{m}</p> }).collect_view()}
            {gap.map(|g| view! { <p>{g}</p> })}
            <p class=if taper_started { "taper now" } else { "taper" }>{taper}</p>
            {outlook.warning.map(|w| view! { <p role="alert" class="warning">{w.sentence}</p> })}
        </div>
    }
}
