//! Property tests for the plan: any runner (run days from none to all seven, any
//! preferred time, any recent load including none, races, illness and injury past
//! and present, any findings, any VDOT or none, any race goal, before or after its
//! day) gets a plan that keeps every rule; any sequence of swaps, moves, skips,
//! misses, ticks, re-flows and realigns keeps them too or says which it would
//! break; no operation ever raises the week's load or running minutes, nor a
//! re-flow or realign the load and minutes left from today (a miss is never made
//! up); misses never raise next week's target; and the safety rules, recomputed
//! here from the runs themselves, hold for every plan and every week: no run over
//! 10 % longer than the longest of the last 30 days (30 minutes with less), no
//! week's running over 10 % above its recent average (60 minutes with less, a
//! return's share of the weeks before a break in a return), nothing on a day an
//! illness or injury covers, and no quality session after a race within about a
//! day per km raced, in a week a setback touches or a return week, or in a
//! beginner's first 9 weeks; and no quality session (nor strength) in a week whose
//! first reason, as Today's one answer ranks them, calls for rest or easy running.
//! Nothing panics and no number is NaN or infinite.
#![allow(clippy::unwrap_used)]

// The shared builder's `History::run` takes eight arguments.
#[allow(clippy::too_many_arguments)]
mod common;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
use proptest::prelude::*;
use restride_core::analysis::next_step::{Circumstances, Reason, first_reason};
use restride_core::analysis::performance::{Effort, time_for_vdot};
use restride_core::analysis::{Finding, Sign, Status};
use restride_core::plan::{
    BEGINNER_WEEK_LOAD, Fitness, IcsOptions, LOAD_BOUND, PlanInput, RaceGoal, SessionKind, SessionStatus,
    WeekPlan, build_week, check_rules, company_effect, diagnose_misses, mark_missed, move_session,
    needs_realign, race_outlook, realign, reflow, resume, skip, swap, tick, to_ics, week_summary,
};
use restride_core::setback::SetbackKind;
use restride_core::{
    Completion, DistanceUnit, Feel, Rpe, Run, RunId, RunType, Setback, Settings, Source, TimeOfDay,
};

const WEEKDAYS: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

fn first_monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
}

fn run_at(
    n: u64,
    date: NaiveDate,
    hour: u32,
    kind: RunType,
    minutes: u32,
    km: Option<f64>,
    rpe: Option<u8>,
) -> Run {
    let start = FixedOffset::east_opt(3600)
        .unwrap()
        .from_local_datetime(&date.and_hms_opt(hour, 0, 0).unwrap())
        .unwrap();
    let created = Utc.timestamp_millis_opt(1_700_000_000_000).unwrap();
    let mut random = [0u8; 10];
    random[..8].copy_from_slice(&n.to_be_bytes());
    Run {
        id: RunId::v7(n, random),
        start,
        kind,
        title: String::new(),
        moving_s: minutes * 60,
        elapsed_s: None,
        distance_m: km.map(|k| k * 1000.0),
        rpe: rpe.and_then(Rpe::new),
        feel: Feel::new(u8::try_from(n % 5).unwrap() + 1),
        completion: Completion::AsPlanned,
        route: String::new(),
        route_fingerprint: None,
        company: n.is_multiple_of(3).then(|| "Sam".to_string()),
        notes: String::new(),
        source: Source::Manual,
        heart_rate: None,
        elevation_gain_m: None,
        created,
        updated: created,
    }
}

/// A run as generated: days before the week, hour, type, minutes, km, RPE.
type RawRun = (i64, u32, RunType, u32, Option<f64>, Option<u8>);

/// A runner, as generated.
#[derive(Debug, Clone)]
struct Runner {
    week: i64,
    run_days: u8,
    preferred: Option<TimeOfDay>,
    runs: Vec<RawRun>,
    findings: Vec<(Sign, u8)>,
    vdot: Option<f64>,
    /// (distance, days after the week's start, target time).
    goal: Option<(f64, i64, Option<u32>)>,
    /// Illness and injury: (kind, first day relative to the week's start, days
    /// until back or still going on).
    setbacks: Vec<(SetbackKind, i64, Option<i64>)>,
}

fn runner() -> impl Strategy<Value = Runner> {
    let run = (
        prop_oneof![4 => 1i64..35, 1 => 1i64..120],
        0u32..24,
        proptest::sample::select(RunType::ALL.to_vec()),
        prop_oneof![4 => 15u32..120, 1 => 1u32..600],
        proptest::option::of(0.5f64..45.0),
        proptest::option::of(0u8..=10),
    );
    let runs = prop_oneof![1 => Just(Vec::new()), 4 => proptest::collection::vec(run, 0..40)];
    let findings = proptest::collection::vec((proptest::sample::select(Sign::ALL.to_vec()), 0u8..4), 0..8);
    let vdot = proptest::option::of(prop_oneof![4 => 25.0f64..80.0, 1 => 0.0f64..120.0]);
    // Goals ahead, and goals whose day has passed (the race run, or not logged).
    let goal = proptest::option::of((
        prop_oneof![Just(5000.0), Just(10_000.0), Just(21_097.5), Just(42_195.0), 1500.0f64..43_000.0],
        prop_oneof![3 => -3i64..70, 1 => -50i64..0],
        proptest::option::of(300u32..30_000),
    ));
    let setback = (
        proptest::sample::select(SetbackKind::ALL.to_vec()),
        -70i64..7,
        proptest::option::of(prop_oneof![1i64..6, 6i64..60]),
    );
    let setbacks = prop_oneof![3 => Just(Vec::new()), 2 => proptest::collection::vec(setback, 1..3)];
    (
        0i64..60,
        0u8..128,
        proptest::option::of(proptest::sample::select(TimeOfDay::ALL.to_vec())),
        runs,
        findings,
        vdot,
        goal,
        setbacks,
    )
        .prop_map(|(week, run_days, preferred, runs, findings, vdot, goal, setbacks)| Runner {
            week,
            run_days,
            preferred,
            runs,
            findings,
            vdot,
            goal,
            setbacks,
        })
}

struct Built {
    start: NaiveDate,
    settings: Settings,
    runs: Vec<Run>,
    findings: Vec<Finding>,
    fitness: Option<Fitness>,
    goal: Option<RaceGoal>,
    setbacks: Vec<Setback>,
}

impl Built {
    fn new(r: &Runner) -> Self {
        let start = first_monday() + Duration::weeks(r.week);
        let settings = Settings {
            run_days: WEEKDAYS
                .iter()
                .enumerate()
                .filter(|(i, _)| r.run_days & (1 << i) != 0)
                .map(|(_, d)| *d)
                .collect(),
            preferred_time: r.preferred,
            ..Settings::default()
        };
        let runs = r
            .runs
            .iter()
            .enumerate()
            .map(|(n, (before, hour, kind, minutes, km, rpe))| {
                run_at(n as u64 + 1, start - Duration::days(*before), *hour, *kind, *minutes, *km, *rpe)
            })
            .collect();
        let findings = r
            .findings
            .iter()
            .map(|(sign, s)| Finding {
                sign: *sign,
                status: match s {
                    0 => Status::Clear,
                    1 => Status::Watch,
                    2 => Status::Rut,
                    _ => Status::Insufficient { needs: "more".into() },
                },
                evidence: Vec::new(),
                sentence: String::new(),
                headline: String::new(),
                source: "",
                why: Vec::new(),
                remedies: Vec::new(),
            })
            .collect();
        let fitness = r.vdot.map(|vdot| Fitness {
            vdot,
            effort: Effort {
                date: start - Duration::days(10),
                distance_m: 5000.0,
                time_s: time_for_vdot(vdot, 5000.0).unwrap_or(1500.0),
                vdot,
                race: true,
            },
        });
        // A goal whose day has passed is kept as stored (RaceGoal::new only takes
        // days ahead).
        let goal = r.goal.and_then(|(d, after, target)| {
            let date = start + Duration::days(after);
            RaceGoal::new(d, date, target, start - Duration::days(7))
                .ok()
                .or_else(|| (after < -3).then_some(RaceGoal { distance_m: d, date, target_s: None }))
        });
        let setbacks = r
            .setbacks
            .iter()
            .map(|(kind, from, days)| {
                let start = start + Duration::days(*from);
                Setback { kind: *kind, start, end: days.map(|d| start + Duration::days(d)) }
            })
            .collect();
        Self { start, settings, runs, findings, fitness, goal, setbacks }
    }

    fn plan(&self, start: NaiveDate, runs: &[Run]) -> WeekPlan {
        self.plan_from(start, start, runs)
    }

    fn plan_from(&self, start: NaiveDate, first_day: NaiveDate, runs: &[Run]) -> WeekPlan {
        build_week(&PlanInput {
            week_start: start,
            first_day,
            settings: &self.settings,
            runs,
            findings: &self.findings,
            fitness: self.fitness,
            goal: self.goal.as_ref(),
            setbacks: &self.setbacks,
        })
    }
}

fn week_distance(a: NaiveDate, b: NaiveDate) -> i64 {
    let d = (a - b).num_days().abs() % 7;
    d.min(7 - d)
}

/// Every rule, the builder's stricter promises, and the safety rules recomputed
/// from `runs` (see [`assert_safe`]).
fn assert_built_plan_ok(plan: &WeekPlan, b: &Built, runs: &[Run]) -> Result<(), TestCaseError> {
    let settings = &b.settings;
    prop_assert_eq!(check_rules(plan), Ok(()));
    assert_safe(plan, b, runs)?;
    let finite = [
        plan.load.average,
        plan.load.cap,
        plan.load.sessions_per_week,
        plan.target_load,
        plan.planned_load(),
    ];
    prop_assert!(
        finite.iter().chain(plan.load.weeks.iter()).all(|x| x.is_finite() && *x >= 0.0),
        "{finite:?}"
    );
    prop_assert!(plan.planned_load() <= plan.target_load + 1e-6);
    prop_assert!(plan.target_load <= plan.load.cap + 1e-6);
    prop_assert!(
        plan.load.cap <= plan.load.average * (1.0 + LOAD_BOUND) + 1e-6
            || plan.load.cap <= BEGINNER_WEEK_LOAD + 1e-6
    );
    prop_assert!(plan.sessions.len() <= 6);
    prop_assert!(plan.sessions.iter().all(|s| settings.run_days.contains(&s.date.weekday())));
    prop_assert!(
        plan.sessions
            .iter()
            .all(|s| s.status == SessionStatus::Planned && s.session.kind != SessionKind::Rest)
    );
    let hard: Vec<NaiveDate> = plan.active().filter(|s| s.session.is_hard()).map(|s| s.date).collect();
    prop_assert!(hard.iter().all(|a| hard.iter().all(|b| a == b || week_distance(*a, *b) > 1)), "{hard:?}");
    for s in &plan.sessions {
        prop_assert!(s.session.kind.minutes_range().contains(&s.session.minutes));
        prop_assert!(s.session.load().is_finite());
        if let Some(p) = &s.session.target.pace {
            prop_assert!(p.range.fast_s_per_km.is_finite() && p.range.slow_s_per_km.is_finite());
            prop_assert!(p.range.fast_s_per_km <= p.range.slow_s_per_km);
        }
    }
    let mut ids: Vec<_> = plan.sessions.iter().map(|s| s.id).collect();
    ids.dedup();
    prop_assert_eq!(ids.len(), plan.sessions.len());
    prop_assert!(plan.adjustments.iter().all(|a| !a.text().is_empty()));
    Ok(())
}

/// The safety rules, recomputed from the runs (see `common::safety_violations`).
fn assert_safe(plan: &WeekPlan, b: &Built, runs: &[Run]) -> Result<(), TestCaseError> {
    let broken = common::safety_violations(plan, runs, &b.setbacks, b.goal.as_ref());
    prop_assert!(broken.is_empty(), "{broken:?}");
    Ok(())
}

#[derive(Debug, Clone)]
enum Op {
    Swap(usize, usize),
    Move(usize, i64),
    Skip(usize),
    Miss(usize, Option<String>),
    Tick(i64, RunType),
    Reflow(i64),
    /// Realign from a day with new run days, and maybe a new illness or injury
    /// (kind, first day in the week).
    Realign(i64, u8, Option<(SetbackKind, i64)>),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..7, 0usize..7).prop_map(|(a, b)| Op::Swap(a, b)),
        (0usize..7, -1i64..8).prop_map(|(a, d)| Op::Move(a, d)),
        (0usize..7).prop_map(Op::Skip),
        (0usize..7, proptest::option::of("\\PC{0,12}")).prop_map(|(a, r)| Op::Miss(a, r)),
        (-1i64..8, proptest::sample::select(RunType::ALL.to_vec())).prop_map(|(d, k)| Op::Tick(d, k)),
        (-1i64..9).prop_map(Op::Reflow),
        (
            -1i64..9,
            0u8..128,
            proptest::option::of((proptest::sample::select(SetbackKind::ALL.to_vec()), -3i64..7))
        )
            .prop_map(|(d, days, s)| Op::Realign(d, days, s)),
    ]
}

proptest! {
    #[test]
    fn every_plan_keeps_the_rules(r in runner()) {
        let b = Built::new(&r);
        let plan = b.plan(b.start, &b.runs);
        assert_built_plan_ok(&plan, &b, &b.runs)?;
        // A race goal: the race day and the two days before stay free of hard sessions.
        if let Some(race) = plan.race_day {
            prop_assert!(plan.on(race).is_none());
            prop_assert!(plan.on(race - Duration::days(1)).is_none());
        }
        // With run days and room for one easy run, something is planned.
        if !b.settings.run_days.is_empty() && plan.target_load >= 70.0 && plan.race_day.is_none() {
            prop_assert!(!plan.sessions.is_empty(), "{:?}", plan.adjustments);
        }
    }

    /// Recovery first, the one answer's rule (`analysis::next_step`): a week whose
    /// first reason, ranked as Today's next step ranks them, calls for rest or easy
    /// running holds no quality session, nor strength work.
    #[test]
    fn no_quality_session_when_recovery_comes_first(r in runner(), begun in 0i64..7) {
        let b = Built::new(&r);
        let first_day = b.start + Duration::days(begun);
        let plan = b.plan_from(b.start, first_day, &b.runs);
        let c = Circumstances::on(first_day, b.start, &b.runs, b.goal.as_ref(), &b.setbacks);
        if let Some(first) = first_reason(&b.findings, &c).filter(Reason::calls_for_recovery) {
            let harder = plan
                .active()
                .any(|s| s.session.kind.is_quality() || s.session.kind == SessionKind::Strength);
            prop_assert!(!harder, "{:?} first, yet {:?}", first, plan.sessions);
        }
    }

    #[test]
    fn a_week_planned_once_begun_keeps_the_rules_and_leaves_the_past_alone(r in runner(), begun in 1i64..8) {
        let b = Built::new(&r);
        let first_day = b.start + Duration::days(begun);
        let full = b.plan(b.start, &b.runs);
        let plan = b.plan_from(b.start, first_day, &b.runs);
        assert_built_plan_ok(&plan, &b, &b.runs)?;
        prop_assert!(plan.sessions.iter().all(|s| s.date >= first_day), "{:?}", plan.sessions);
        prop_assert!(plan.target_load <= full.target_load + 1e-6);
        // Nothing planned is already overdue: a fresh plan never shows as missed.
        prop_assert!(plan.sessions.iter().all(|s| !s.overdue(first_day)));
    }

    #[test]
    fn operations_keep_the_rules_or_say_which(r in runner(), ops in proptest::collection::vec(op(), 0..16)) {
        let b = Built::new(&r);
        let mut plan = b.plan(b.start, &b.runs);
        let mut setbacks = b.setbacks.clone();
        let id = |p: &WeekPlan, i: usize| p.sessions.get(i % p.sessions.len().max(1)).map(|s| s.id);
        for (n, op) in ops.into_iter().enumerate() {
            // What no operation may raise: the week's load and running minutes, and
            // (re-flow and realign) what is left of them from their day on.
            let (load, minutes) = (plan.planned_load(), plan.planned_minutes());
            let result = match op {
                Op::Swap(a, c) => match (id(&plan, a), id(&plan, c)) {
                    (Some(a), Some(c)) => Some(swap(&plan, a, c)),
                    _ => None,
                },
                Op::Move(a, d) => id(&plan, a).map(|a| move_session(&plan, a, b.start + Duration::days(d))),
                Op::Skip(a) => id(&plan, a).map(|a| skip(&plan, a)),
                Op::Miss(a, reason) => id(&plan, a).map(|a| mark_missed(&plan, a, reason.as_deref())),
                Op::Tick(d, kind) => {
                    let run = run_at(1000 + n as u64, b.start + Duration::days(d), 7, kind, 30, Some(5.0), Some(5));
                    let ticked = tick(&plan, &run);
                    let done = |p: &WeekPlan| p.sessions.iter().filter(|s| matches!(s.status, SessionStatus::Done(_))).count();
                    prop_assert!(done(&ticked) <= done(&plan) + 1);
                    Some(Ok(ticked))
                }
                Op::Reflow(d) => {
                    let today = b.start + Duration::days(d);
                    let before = plan.clone();
                    let after = reflow(&plan, today);
                    prop_assert!(after.planned_load() <= before.planned_load() + 1e-9, "never crams");
                    let (left_load, left_minutes) = before.remaining(today);
                    let (now_load, now_minutes) = after.remaining(today);
                    prop_assert!(now_load <= left_load + 1e-9 && now_minutes <= left_minutes + 1e-9, "never crams what is left");
                    // Only sessions planned on paused days go; everything else stays.
                    prop_assert!(after.sessions.len() <= before.sessions.len());
                    prop_assert!(before.sessions.iter().all(|s| after.session(s.id).is_some() || (s.status == SessionStatus::Planned && before.paused.contains(&s.date))));
                    prop_assert!(after.active().count() <= before.active().count());
                    prop_assert!(after.sessions.iter().all(|s| !s.overdue(today)));
                    let remaining_days = after.dates().filter(|d| *d >= today).count();
                    prop_assert!(after.active().filter(|s| s.date >= today).count() <= remaining_days);
                    Some(Ok(after))
                }
                Op::Realign(d, days, setback) => {
                    let today = b.start + Duration::days(d);
                    if let Some((kind, from)) = setback {
                        setbacks.push(Setback { kind, start: b.start + Duration::days(from), end: None });
                    }
                    let settings = Settings {
                        run_days: WEEKDAYS.iter().enumerate().filter(|(i, _)| days & (1 << i) != 0).map(|(_, w)| *w).collect(),
                        ..b.settings.clone()
                    };
                    let input = PlanInput {
                        week_start: b.start,
                        first_day: b.start,
                        settings: &settings,
                        runs: &b.runs,
                        findings: &b.findings,
                        fitness: b.fitness,
                        goal: b.goal.as_ref(),
                        setbacks: &setbacks,
                    };
                    let after = realign(&plan, &input, today);
                    // Nothing before today changes but overdue sessions turning missed,
                    // and sessions planned on days now paused going.
                    let past = |p: &WeekPlan| p.sessions.iter().filter(|s| s.date < today && !(s.status == SessionStatus::Planned && after.paused.contains(&s.date))).map(|s| (s.id, s.date)).collect::<Vec<_>>();
                    prop_assert_eq!(past(&after), past(&plan));
                    prop_assert!(after.sessions.iter().all(|s| !s.overdue(today)));
                    // A miss is never made up: what is left from today never grows.
                    let (left_load, left_minutes) = plan.remaining(today);
                    let (now_load, now_minutes) = after.remaining(today);
                    prop_assert!(now_load <= left_load + 1e-6, "realign raised the load left: {now_load} > {left_load}");
                    prop_assert!(now_minutes <= left_minutes + 1e-6, "realign raised the minutes left: {now_minutes} > {left_minutes}");
                    // Nothing planned on a day the new setbacks pause.
                    prop_assert!(after.sessions.iter().filter(|s| s.status == SessionStatus::Planned && s.date >= today).all(|s| !setbacks.iter().any(|x| x.covers(s.date))));
                    let mut ids: Vec<_> = after.sessions.iter().map(|s| s.id).collect();
                    ids.sort();
                    ids.dedup();
                    prop_assert_eq!(ids.len(), after.sessions.len());
                    Some(Ok(after))
                }
            };
            match result {
                Some(Ok(next)) => {
                    prop_assert_eq!(check_rules(&next), Ok(()));
                    prop_assert!(next.planned_load().is_finite());
                    prop_assert!(next.planned_load() <= load + 1e-6, "an operation raised the load");
                    prop_assert!(next.planned_minutes() <= minutes + 1e-6, "an operation raised the minutes");
                    plan = next;
                }
                Some(Err(e)) => prop_assert!(!e.to_string().is_empty()),
                None => {}
            }
        }
    }

    #[test]
    fn a_week_resumed_holds_no_more_than_a_fresh_week_and_keeps_the_rules(
        r in runner(),
        d in 0i64..8,
        let_go in any::<u8>(),
        ill in proptest::option::of((proptest::sample::select(SetbackKind::ALL.to_vec()), -10i64..7)),
    ) {
        // Some sessions skipped or missed, maybe an illness that began in or before
        // the week, then the runner back today (or still out), and the days left
        // planned again.
        let b = Built::new(&r);
        let today = b.start + Duration::days(d);
        let mut plan = b.plan(b.start, &b.runs);
        let ids: Vec<_> = plan.sessions.iter().map(|s| s.id).collect();
        for (i, id) in ids.into_iter().enumerate() {
            if let_go & (1 << i) != 0 {
                plan = if i % 2 == 0 { skip(&plan, id).unwrap() } else { mark_missed(&plan, id, None).unwrap() };
            }
        }
        let mut setbacks = b.setbacks.clone();
        if let Some((kind, from)) = ill {
            let start = b.start + Duration::days(from);
            let end = (today > start).then_some(today);
            setbacks.push(Setback { kind, start, end });
        }
        let input = PlanInput {
            week_start: b.start,
            first_day: b.start,
            settings: &b.settings,
            runs: &b.runs,
            findings: &b.findings,
            fitness: b.fitness,
            goal: b.goal.as_ref(),
            setbacks: &setbacks,
        };
        let after = resume(&plan, &input, today);
        prop_assert_eq!(check_rules(&after), Ok(()));
        let broken = common::safety_violations(&after, &b.runs, &setbacks, b.goal.as_ref());
        prop_assert!(broken.is_empty(), "{broken:?}");
        // The past keeps what became of it; nothing is overdue or on a paused day.
        let past = |p: &WeekPlan| p.sessions.iter().filter(|s| s.date < today && !(s.status == SessionStatus::Planned && after.paused.contains(&s.date))).map(|s| (s.id, s.date)).collect::<Vec<_>>();
        prop_assert_eq!(past(&after), past(&plan));
        prop_assert!(after.sessions.iter().all(|s| !s.overdue(today)));
        prop_assert!(after.sessions.iter().filter(|s| s.status == SessionStatus::Planned).all(|s| !setbacks.iter().any(|x| x.covers(s.date))));
        // No more than a week planned afresh: what is new fits beside what was kept
        // within the whole week's target, and from today within what a week
        // planned today would hold.
        let fresh = build_week(&input);
        let is_new = |s: &&restride_core::plan::PlannedSession| plan.session(s.id).is_none();
        let load_of = |new: bool| after.active().filter(|s| is_new(s) == new).map(|s| s.session.load()).sum::<f64>();
        let (kept, added) = (load_of(false), load_of(true));
        prop_assert!(added <= (fresh.target_load - kept).max(0.0) + 1e-6, "{added} beside {kept} > {}", fresh.target_load);
        let from_today = build_week(&PlanInput { first_day: today, ..input });
        let (left, _) = after.remaining(today);
        prop_assert!(left <= from_today.target_load + 1e-6, "{left} > {}", from_today.target_load);
        let mut ids: Vec<_> = after.sessions.iter().map(|s| s.id).collect();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), after.sessions.len());
    }

    #[test]
    fn following_the_plan_week_after_week_stays_safe(r in runner(), weeks in 2usize..6, mask in any::<u64>()) {
        // The runner does each week's sessions (some a little long), misses some,
        // and the next week is planned from what was run: every week keeps the
        // safety rules against the runs so far.
        let b = Built::new(&r);
        let mut runs = b.runs.clone();
        for w in 0..weeks {
            let start = b.start + Duration::weeks(w as i64);
            let plan = b.plan(start, &runs);
            assert_built_plan_ok(&plan, &b, &runs)?;
            for (i, s) in plan.sessions.iter().enumerate() {
                if (mask >> ((w * 6 + i) % 64)) & 1 == 1 {
                    let kind = s.session.kind.run_type().unwrap_or(RunType::Cross);
                    let minutes = s.session.minutes + u32::from((mask >> (i % 60)) & 1 == 1) * 5;
                    runs.push(run_at(3000 + (w * 10 + i) as u64, s.date, 7, kind, minutes, Some(f64::from(minutes) / 6.0), Some(s.session.target.rpe.high)));
                }
            }
        }
    }

    #[test]
    fn misses_never_raise_next_weeks_target(
        r in runner(),
        done_mask in 0u8..64,
        keys in proptest::collection::vec(any::<u32>(), 6),
    ) {
        // The sessions in a random order.
        let mut order: Vec<usize> = (0..6).collect();
        order.sort_by_key(|i| keys[*i]);
        let b = Built::new(&r);
        let plan = b.plan(b.start, &b.runs);
        // The runner does some sessions and misses the rest, in any order.
        let mut with_misses = b.runs.clone();
        let mut all_done = b.runs.clone();
        let mut p = plan.clone();
        for i in order.into_iter().filter(|i| *i < plan.sessions.len()) {
            let s = &plan.sessions[i];
            let kind = s.session.kind.run_type().unwrap_or(RunType::Easy);
            let rpe = Some(s.session.target.rpe.high);
            let run = run_at(500 + i as u64, s.date, 7, kind, s.session.minutes, Some(5.0), rpe);
            all_done.push(run.clone());
            if done_mask & (1 << i) != 0 {
                with_misses.push(run.clone());
                p = tick(&p, &run);
            } else {
                p = mark_missed(&p, s.id, Some("busy")).unwrap();
            }
            prop_assert_eq!(check_rules(&p), Ok(()));
            let mid = reflow(&p, s.date);
            prop_assert_eq!(check_rules(&mid), Ok(()));
        }
        let end = reflow(&p, b.start + Duration::days(7));
        prop_assert_eq!(check_rules(&end), Ok(()));
        let next = b.start + Duration::days(7);
        let after_misses = b.plan(next, &with_misses);
        let no_misses = b.plan(next, &all_done);
        assert_built_plan_ok(&after_misses, &b, &with_misses)?;
        prop_assert!(after_misses.target_load <= no_misses.target_load + 1e-9,
            "{} > {}", after_misses.target_load, no_misses.target_load);
        prop_assert!(after_misses.load.cap <= no_misses.load.cap + 1e-9);
        prop_assert!(after_misses.planned_load() <= after_misses.load.cap + 1e-9);
    }

    #[test]
    fn readers_never_panic(r in runner(), weeks in 1usize..6, mask in any::<u64>(), today_after in -3i64..60) {
        let b = Built::new(&r);
        let mut history = Vec::new();
        let mut runs = b.runs.clone();
        for w in 0..weeks {
            let start = b.start + Duration::weeks(w as i64);
            let mut plan = b.plan(start, &runs);
            for (i, s) in plan.sessions.clone().iter().enumerate() {
                match (mask >> ((w * 6 + i) % 64)) & 3 {
                    0 => plan = mark_missed(&plan, s.id, None).unwrap(),
                    1 => plan = skip(&plan, s.id).unwrap(),
                    2 => {
                        let run = run_at(2000 + (w * 10 + i) as u64, s.date, 18, s.session.kind.run_type().unwrap_or(RunType::Cross), s.session.minutes, Some(6.0), Some(4));
                        plan = tick(&plan, &run);
                        runs.push(run);
                    }
                    _ => {}
                }
            }
            history.push(plan);
        }
        let today = b.start + Duration::days(today_after);
        let _ = needs_realign(&history, today);
        if let Some(d) = diagnose_misses(&history, today) {
            prop_assert!(d.missed <= d.planned && !d.sentence.is_empty());
            prop_assert_eq!(d.by_time.iter().map(|c| c.planned).sum::<usize>(), d.planned);
        }
        let e = company_effect(&history, &runs, today);
        for g in [e.with, e.without] {
            prop_assert!(g.average_feel.is_none_or(|f| (1.0..=5.0).contains(&f)));
            prop_assert!(g.adherence.is_none_or(|a| (0.0..=1.0).contains(&a)));
        }
        for plan in &history {
            let s = week_summary(Some(plan), &runs, plan.start, "Headline.", DistanceUnit::Mi);
            prop_assert!(s.distance_m.is_finite() && s.sessions_done <= s.sessions_planned);
            prop_assert!(s.lines.iter().all(|l| !l.is_empty()) || s.lines.last().is_some());
            let stamp: DateTime<Utc> = Utc.timestamp_millis_opt(1_800_000_000_000).unwrap();
            let ics = to_ics(plan, &IcsOptions { stamp, reminder_minutes: 15, unit: DistanceUnit::Km }, |local| {
                FixedOffset::east_opt(if local.month() > 6 { 7200 } else { 3600 }).unwrap()
            });
            prop_assert!(ics.split("\r\n").all(|l| l.len() <= 75));
            prop_assert_eq!(ics.matches("BEGIN:VEVENT").count(), plan.active().count());
        }
        if let Some(goal) = &b.goal {
            let o = race_outlook(goal, &runs, &b.findings, today, Weekday::Mon);
            for t in [o.predicted_s, o.riegel.map(|p| p.time_s), o.vdot.map(|p| p.time_s)].into_iter().flatten() {
                prop_assert!(t.is_finite() && t > 0.0);
            }
            if let Some(g) = o.gap {
                prop_assert!(g.seconds.is_finite() && g.percent.is_finite());
            }
            prop_assert!((1..=3).contains(&o.taper_weeks));
        }
    }
}
