//! Missed sessions: re-flowing the rest of the week without cramming, when a plan
//! needs realigning, and what the misses have in common.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::adjustment::Adjustment;
use super::library::{Session, SessionKind};
use super::rules::{check_rules, hard_allowed};
use super::week::{Budget, PlanInput, build_week, build_week_within};
use super::{PlannedSession, SessionStatus, WeekPlan};
use crate::settings::TimeOfDay;

/// Re-flows the rest of the week from `today`: sessions before today that are still
/// only planned become missed; nothing is added and no session moves, so the
/// remaining sessions never outnumber the remaining days (one a day) and the
/// missed load is dropped, not carried over (cramming missed sessions in is one of
/// the article's signs of a rut). One thing may change: when a quality session of
/// the week was missed and none is left or done, the first later easy run that can
/// be hard (not next to another hard day, not in the two days before a race)
/// becomes a quality session of at most its own load, the missed kind if it fits,
/// else the cheapest that does. A skip never changes another session: the runner
/// chose to let that session go, and was told the rest of the week stays as it is.
/// The week's load never grows. Next week's target
/// comes from the load actually run ([`super::load_basis`]), so misses can only
/// lower it.
pub fn reflow(plan: &WeekPlan, today: NaiveDate) -> WeekPlan {
    // Sessions still planned on days an illness or injury paused are let go, not
    // missed: nothing counts as missed while the runner is ill.
    let mut out = without_paused(plan);
    let mut changed = out.sessions.len() != plan.sessions.len();
    for s in &mut out.sessions {
        if s.overdue(today) {
            s.status = SessionStatus::Missed { reason: None };
            changed = true;
        }
    }
    let missed_quality = out
        .sessions
        .iter()
        .rev()
        .find(|s| matches!(s.status, SessionStatus::Missed { .. }) && s.session.kind.is_quality())
        .map(|s| s.session.kind);
    let has_quality = out.active().any(|s| s.session.kind.is_quality());
    let mut promoted = None;
    if let Some(missed) = missed_quality
        && !has_quality
        && let Some(p) = promote(&out, today, missed)
    {
        promoted = Some(p.1);
        out = p.0;
        changed = true;
    }
    if changed {
        let missed = out.sessions.iter().filter(|s| s.status.is_not_done()).count();
        out.adjustments.retain(|a| !matches!(a, Adjustment::Reflowed { .. }));
        out.adjustments.push(Adjustment::Reflowed { missed, promoted });
    }
    out
}

/// The plan without the sessions still planned on its paused days.
fn without_paused(plan: &WeekPlan) -> WeekPlan {
    let mut out = plan.clone();
    out.sessions.retain(|s| s.status != SessionStatus::Planned || !plan.paused.contains(&s.date));
    out
}

/// A later easy run turned into a quality session, if one can be.
fn promote(plan: &WeekPlan, today: NaiveDate, missed: SessionKind) -> Option<(WeekPlan, SessionKind)> {
    let mut kinds = vec![missed];
    let mut others: Vec<SessionKind> = SessionKind::QUALITY.into_iter().filter(|k| *k != missed).collect();
    others.sort_by(|a, b| shortest_load(*a).total_cmp(&shortest_load(*b)));
    kinds.extend(others);
    let candidates: Vec<usize> = plan
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.status == SessionStatus::Planned
                && s.session.kind == SessionKind::Easy
                && s.date >= today
                && hard_allowed(plan.race_day, s.date)
                && plan.race_day.is_none_or(|r| s.date < r)
        })
        .map(|(i, _)| i)
        .collect();
    for i in candidates {
        let easy: &PlannedSession = plan.sessions.get(i)?;
        let budget = easy.session.load();
        let fitness = easy.session.target.pace.map(|p| p.basis);
        for kind in &kinds {
            let range = kind.minutes_range();
            let session = (*range.start()..=*range.end())
                .rev()
                .map(|m| Session::new(*kind, m, fitness.as_ref()))
                .find(|s| s.load() <= budget);
            let Some(session) = session else { continue };
            let mut out = plan.clone();
            if let Some(s) = out.sessions.get_mut(i) {
                s.session = session;
            }
            if check_rules(&out).is_ok() {
                return Some((out, *kind));
            }
        }
    }
    None
}

/// Rebuilds the rest of the week from `today` with `input` (typically after
/// [`needs_realign`], once the runner has changed their days or times): sessions
/// before today keep what became of them (still-planned ones become missed), as do
/// later ones already done, skipped or missed; the other days from today on get the
/// sessions of a plan for the days left ([`build_week`] with `input` from today),
/// held to the load and running minutes those days held in `plan` and to what the
/// fresh week leaves beside the kept sessions, numbered after the kept ones. A
/// fresh hard session next to a kept hard one becomes an easy run; then, should the
/// week still break a rule or hold more from today on than `plan` did, fresh
/// sessions go, easy ones and the latest first. Missed sessions are never made
/// up: a realigned week never asks more of the days left than the week it replaces.
/// Days an illness or injury in `input` covers are paused: their planned sessions
/// are let go, not missed. If even the kept sessions alone break a rule under the
/// fresh bound, the plan is only re-flowed ([`reflow`]).
pub fn realign(plan: &WeekPlan, input: &PlanInput<'_>, today: NaiveDate) -> WeekPlan {
    let (load, minutes) = plan.remaining(today);
    replan(plan, input, today, Budget { load, minutes })
}

/// Plans the days left of the week from `today` afresh, as [`realign`] does but
/// without holding them to what they held in `plan`: for a week whose days were
/// paused by an illness or injury the runner is now back from (a paused day held
/// nothing, so there is nothing to make up), or one whose sessions are all gone
/// and that the runner asks to plan again. Sessions before today and those already
/// done or missed are kept, and so are skips before today (a skip from today on
/// is let go: the runner asks for the week again); the days left get at most the fresh week's
/// share for them ([`build_week`] from today: the run days left, a return week's
/// share after a setback) and the fresh whole week's target less what the kept
/// sessions hold, so the week never holds more than a week planned afresh would,
/// and nothing let go earlier is made up.
pub fn resume(plan: &WeekPlan, input: &PlanInput<'_>, today: NaiveDate) -> WeekPlan {
    let mut plan = plan.clone();
    plan.sessions.retain(|s| !(s.status == SessionStatus::Skipped && s.date >= today));
    replan(&plan, input, today, Budget { load: f64::INFINITY, minutes: f64::INFINITY })
}

/// [`realign`] and [`resume`]: the days left planned afresh, held to `before` (what
/// they may hold at most, besides the fresh week's bounds).
fn replan(plan: &WeekPlan, input: &PlanInput<'_>, today: NaiveDate, before: Budget) -> WeekPlan {
    // The whole week's plan, for its bounds, paused days and reasons.
    let fresh = build_week(&PlanInput { week_start: plan.start, first_day: plan.start, ..*input });
    let flowed = reflow(&WeekPlan { paused: fresh.paused.clone(), ..plan.clone() }, today);
    let kept: Vec<PlannedSession> = flowed
        .sessions
        .iter()
        .filter(|s| s.date < today || s.status != SessionStatus::Planned)
        .cloned()
        .collect();
    // The days left are planned afresh, within what they held before and what the
    // fresh week leaves beside the sessions kept.
    let Budget { load: budget_load, minutes: budget_minutes } = before;
    let kept_load: f64 = kept.iter().filter(|s| s.status.is_active()).map(|s| s.session.load()).sum();
    let kept_minutes: f64 = kept
        .iter()
        .filter(|s| s.status.is_active() && s.session.is_run())
        .map(|s| f64::from(s.session.minutes))
        .sum();
    let budget = Budget {
        load: budget_load.min(fresh.target_load - kept_load),
        minutes: budget_minutes.min(fresh.load.minutes_cap - kept_minutes),
    };
    let first_day = today.clamp(plan.start, plan.end() + chrono::Duration::days(1));
    let rest = build_week_within(&PlanInput { week_start: plan.start, first_day, ..*input }, budget);
    let next_n = kept.iter().map(|s| s.id.n).max().map_or(0, |n| n.saturating_add(1));
    let kept_hard: Vec<NaiveDate> =
        kept.iter().filter(|s| s.status.is_active() && s.session.is_hard()).map(|s| s.date).collect();
    let mut added: Vec<PlannedSession> = Vec::new();
    // A day with a kept session, done or let go, gets nothing new.
    for s in rest.sessions.iter().filter(|s| s.date >= today && !kept.iter().any(|k| k.date == s.date)) {
        let mut s = s.clone();
        s.id.n = next_n.saturating_add(u8::try_from(added.len()).unwrap_or(u8::MAX));
        if s.session.is_hard() && kept_hard.iter().any(|d| (*d - s.date).num_days().abs() <= 1) {
            let fitness = s.session.target.pace.map(|p| p.basis);
            s.session = Session::new(SessionKind::Easy, s.session.minutes, fitness.as_ref());
        }
        added.push(s);
    }
    let mut out = WeekPlan {
        sessions: kept.iter().chain(&added).cloned().collect(),
        adjustments: fresh.adjustments.clone(),
        ..fresh.clone()
    };
    out.sort();
    loop {
        let (load, minutes) = out.remaining(today);
        let over = out.planned_load() > fresh.target_load + 1e-6
            || load > budget_load + 1e-6
            || minutes > budget_minutes + 1e-6;
        if !over && check_rules(&out).is_ok() {
            break;
        }
        // The least valuable fresh session: easy before hard, latest first.
        let drop = out
            .sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| added.iter().any(|a| a.id == s.id))
            .max_by_key(|(_, s)| (!s.session.is_hard(), s.date))
            .map(|(i, _)| i);
        match drop {
            Some(i) => {
                out.sessions.remove(i);
            }
            None => return flowed,
        }
    }
    // The fresh plan's reasons hold for what is left of it, except a quality
    // session or strength that had to go.
    let has = |f: fn(SessionKind) -> bool| out.active().any(|s| f(s.session.kind));
    let (quality, strength) = (has(SessionKind::is_quality), has(|k| k == SessionKind::Strength));
    out.adjustments.retain(|a| match a {
        Adjustment::QualityFor { .. } => quality,
        Adjustment::MoreVariety { .. } => quality || strength,
        _ => true,
    });
    let missed = out.sessions.iter().filter(|s| s.status.is_not_done()).count();
    if missed > 0 {
        out.adjustments.push(Adjustment::Reflowed { missed, promoted: None });
    }
    out
}

fn shortest_load(kind: SessionKind) -> f64 {
    Session::new(kind, *kind.minutes_range().start(), None).load()
}

/// Sessions not done within this many days trigger a realign.
pub const REALIGN_WINDOW_DAYS: i64 = 14;
/// How many: Runna realigns a plan after 3 or more missed workouts.
pub const REALIGN_MISSES: usize = 3;

/// Sessions of the plan history that were not done: missed, skipped, or past their
/// day and still only planned. Each session once, however often its week appears.
fn not_done<'a>(history: &'a [WeekPlan], today: NaiveDate) -> impl Iterator<Item = &'a PlannedSession> + 'a {
    let mut seen = HashSet::new();
    history
        .iter()
        .flat_map(|p| p.sessions.iter())
        .filter(move |s| s.session.kind != SessionKind::Rest && (s.status.is_not_done() || s.overdue(today)))
        .filter(move |s| seen.insert(s.id))
}

/// Whether the plan no longer fits the runner's life: 3 or more sessions not done
/// (missed, skipped or overdue) in the 14 days up to `today`, as Runna realigns a
/// plan after 3+ missed workouts. Then the UI offers to rebuild the plan (fewer
/// days, other days or times) rather than pile up misses.
pub fn needs_realign(history: &[WeekPlan], today: NaiveDate) -> bool {
    let since = today - Duration::days(REALIGN_WINDOW_DAYS - 1);
    not_done(history, today).filter(|s| (since..=today).contains(&s.date)).count() >= REALIGN_MISSES
}

/// Planned and missed sessions in one slot (a time of day or a weekday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotCount<T> {
    pub slot: T,
    /// Sessions whose day has come: done, skipped, missed or overdue.
    pub planned: usize,
    /// Of those, not done.
    pub missed: usize,
}

impl<T> SlotCount<T> {
    fn rate(&self) -> f64 {
        if self.planned == 0 { 0.0 } else { self.missed as f64 / self.planned as f64 }
    }
}

/// Where the misses fall.
#[derive(Debug, Clone, PartialEq)]
pub struct MissDiagnosis {
    pub planned: usize,
    pub missed: usize,
    /// Every time of day, in `TimeOfDay::ALL` order.
    pub by_time: Vec<SlotCount<TimeOfDay>>,
    /// Every weekday, Monday first.
    pub by_weekday: Vec<SlotCount<Weekday>>,
    /// The time of day that stands out for misses, and a better one if the
    /// history shows one.
    pub worst_time: Option<TimeOfDay>,
    pub try_time: Option<TimeOfDay>,
    /// The same for weekdays, when no time of day stands out.
    pub worst_day: Option<Weekday>,
    pub try_day: Option<Weekday>,
    pub sentence: String,
}

/// Sessions needed before the misses are read at all.
const MIN_SESSIONS: usize = 8;
/// Sessions in a slot before its rate counts.
const MIN_IN_SLOT: usize = 3;
/// A slot stands out with at least half its sessions and at least 3 missed…
const STANDS_OUT_RATE: f64 = 0.5;
const STANDS_OUT_MISSES: usize = 3;
/// …and, when compared, 30 points more than the best slot. Restride's own cut-offs.
const CONTRAST: f64 = 0.3;

const WEEKDAYS: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

/// Reads the misses of the plan history by time of day, then by weekday, e.g. "You
/// missed 7 of 10 evening sessions and 1 of 8 morning ones: try mornings." `None`
/// with fewer than 8 sessions whose day has come.
pub fn diagnose_misses(history: &[WeekPlan], today: NaiveDate) -> Option<MissDiagnosis> {
    let mut seen = HashSet::new();
    let due: Vec<&PlannedSession> = history
        .iter()
        .flat_map(|p| p.sessions.iter())
        .filter(|s| {
            s.session.kind != SessionKind::Rest && (s.status != SessionStatus::Planned || s.date < today)
        })
        .filter(|s| seen.insert(s.id))
        .collect();
    if due.len() < MIN_SESSIONS {
        return None;
    }
    let missed_of = |s: &PlannedSession| s.status.is_not_done() || s.overdue(today);
    let count = |f: &dyn Fn(&PlannedSession) -> bool| {
        let in_slot: Vec<&&PlannedSession> = due.iter().filter(|s| f(s)).collect();
        (in_slot.len(), in_slot.into_iter().filter(|s| missed_of(s)).count())
    };
    let by_time: Vec<SlotCount<TimeOfDay>> = TimeOfDay::ALL
        .iter()
        .map(|t| {
            let (planned, missed) = count(&|s| s.time == *t);
            SlotCount { slot: *t, planned, missed }
        })
        .collect();
    let by_weekday: Vec<SlotCount<Weekday>> = WEEKDAYS
        .iter()
        .map(|d| {
            let (planned, missed) = count(&|s| s.date.weekday() == *d);
            SlotCount { slot: *d, planned, missed }
        })
        .collect();
    let missed = due.iter().filter(|s| missed_of(s)).count();
    let planned = due.len();
    let (worst_time, try_time) = stand_out(&by_time);
    let (worst_day, try_day) = if worst_time.is_some() { (None, None) } else { stand_out(&by_weekday) };
    let find = |counts: &[SlotCount<TimeOfDay>], t: TimeOfDay| counts.iter().find(|c| c.slot == t).copied();
    let find_day = |d: Weekday| by_weekday.iter().find(|c| c.slot == d).copied();
    let time_word = |t: TimeOfDay| t.label().to_lowercase();
    let sentence =
        match (worst_time.and_then(|t| find(&by_time, t)), try_time.and_then(|t| find(&by_time, t))) {
            (Some(w), Some(b)) => format!(
                "You missed {} of {} {} sessions and {} of {} {} ones: try {}s.",
                w.missed,
                w.planned,
                time_word(w.slot),
                b.missed,
                b.planned,
                time_word(b.slot),
                time_word(b.slot)
            ),
            (Some(w), None) => format!(
                "You missed {} of {} {} sessions: try another time of day.",
                w.missed,
                w.planned,
                time_word(w.slot)
            ),
            _ => match (worst_day.and_then(find_day), try_day.and_then(find_day)) {
                (Some(w), Some(b)) => format!(
                    "You missed {} of {} {} sessions and {} of {} on {}s: try moving {}'s session.",
                    w.missed,
                    w.planned,
                    day_word(w.slot),
                    b.missed,
                    b.planned,
                    day_word(b.slot),
                    day_word(w.slot)
                ),
                (Some(w), None) => format!(
                    "You missed {} of {} {} sessions: try another day.",
                    w.missed,
                    w.planned,
                    day_word(w.slot)
                ),
                _ if missed == 0 => format!("You did all {planned} planned sessions."),
                _ => format!(
                    "You missed {missed} of {planned} sessions, with no time of day or weekday standing out."
                ),
            },
        };
    Some(MissDiagnosis {
        planned,
        missed,
        by_time,
        by_weekday,
        worst_time,
        try_time,
        worst_day,
        try_day,
        sentence,
    })
}

fn day_word(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The slot that stands out for misses, and the best slot to try instead when one
/// has enough sessions and a clearly lower rate.
fn stand_out<T: Copy>(counts: &[SlotCount<T>]) -> (Option<T>, Option<T>) {
    let enough: Vec<&SlotCount<T>> = counts.iter().filter(|c| c.planned >= MIN_IN_SLOT).collect();
    let worst = enough
        .iter()
        .copied()
        .filter(|c| c.rate() >= STANDS_OUT_RATE && c.missed >= STANDS_OUT_MISSES)
        .max_by(|a, b| a.rate().total_cmp(&b.rate()).then(a.planned.cmp(&b.planned)));
    let Some(worst) = worst else { return (None, None) };
    let best = enough
        .iter()
        .copied()
        .filter(|c| worst.rate() - c.rate() >= CONTRAST)
        .min_by(|a, b| a.rate().total_cmp(&b.rate()).then(b.planned.cmp(&a.planned)));
    (Some(worst.slot), best.map(|b| b.slot))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::week::tests::{date, plan_for, steady};
    use crate::plan::{PlanInput, SessionId, mark_missed, skip};
    use crate::settings::Settings;

    /// Tuesday quality, Thursday easy, Saturday long.
    fn plan() -> WeekPlan {
        plan_for(&steady(10), &Settings::default(), &[])
    }

    #[test]
    fn reflow_marks_overdue_sessions_and_never_crams() {
        let p = plan();
        assert_eq!(reflow(&p, date("2026-11-24")), p, "nothing overdue yet");
        let wednesday = reflow(&p, date("2026-11-25"));
        assert_eq!(wednesday.sessions[0].status, SessionStatus::Missed { reason: None });
        // The week's only quality session was missed: Thursday's easy run becomes a
        // quality session of no more load; nothing is added.
        let thursday = &wednesday.sessions[1];
        assert!(thursday.session.kind.is_quality(), "{:?}", thursday.session.kind);
        assert!(thursday.session.load() <= p.sessions[1].session.load());
        assert_eq!(wednesday.sessions.len(), p.sessions.len());
        assert!(wednesday.planned_load() < p.planned_load());
        check_rules(&wednesday).unwrap();
        let Some(Adjustment::Reflowed { missed: 1, promoted: Some(kind) }) = wednesday.adjustments.last()
        else {
            panic!("{:?}", wednesday.adjustments);
        };
        assert_eq!(*kind, thursday.session.kind);
        // Again on the same day: nothing more to do.
        assert_eq!(reflow(&wednesday, date("2026-11-25")), wednesday);
        // Skipped ahead of time: the runner let it go, and nothing else changes
        // (the skip's message says the rest of the week stays as it is).
        let skipped = skip(&p, p.sessions[0].id).unwrap();
        let flowed = reflow(&skipped, date("2026-11-24"));
        assert_eq!(flowed.sessions[1..], skipped.sessions[1..]);
        assert_eq!(flowed.sessions[1].session.kind, SessionKind::Easy);
        // After the week: everything left is missed, nothing moves.
        let after = reflow(&p, date("2026-12-01"));
        assert!(after.sessions.iter().all(|s| s.status == SessionStatus::Missed { reason: None }));
        assert!(after.planned_load().abs() < f64::EPSILON);
    }

    #[test]
    fn realign_rebuilds_the_rest_of_the_week() {
        let runs = steady(10);
        let p = plan();
        // Tuesday's session missed; from Wednesday the runner can only do Wed, Fri, Sun.
        let settings =
            Settings { run_days: vec![Weekday::Wed, Weekday::Fri, Weekday::Sun], ..Settings::default() };
        let input = PlanInput {
            week_start: p.start,
            first_day: p.start,
            settings: &settings,
            runs: &runs,
            findings: &[],
            fitness: None,
            goal: None,
            setbacks: &[],
        };
        let r = realign(&p, &input, date("2026-11-25"));
        check_rules(&r).unwrap();
        assert_eq!(r.sessions[0].id, p.sessions[0].id);
        assert_eq!(r.sessions[0].status, SessionStatus::Missed { reason: None });
        let new_days: Vec<Weekday> = r.sessions[1..].iter().map(|s| s.date.weekday()).collect();
        assert!(new_days.iter().all(|d| settings.run_days.contains(d)), "{new_days:?}");
        assert!(!new_days.is_empty());
        assert!(
            r.sessions[1..].iter().all(|s| s.id.n > p.sessions[0].id.n && s.status == SessionStatus::Planned)
        );
        assert!(r.planned_load() <= r.target_load + 1e-6);
        assert_eq!(r.run_days, settings.run_days);
        assert!(matches!(r.adjustments.last(), Some(Adjustment::Reflowed { missed: 1, promoted: None })));
        // Tuesday done instead: it stays, and nothing hard lands next to it.
        let run = crate::testing::sample_run(
            9,
            "2026-11-24T07:00:00+01:00",
            p.sessions[0].session.kind.run_type().unwrap(),
            30.0,
            6.0,
        );
        let done = crate::plan::tick(&p, &run);
        let r = realign(&done, &input, date("2026-11-25"));
        check_rules(&r).unwrap();
        assert!(matches!(r.sessions[0].status, SessionStatus::Done(_)));
        let wednesday = r.on(date("2026-11-25"));
        assert!(wednesday.is_none_or(|s| !s.session.is_hard()), "{wednesday:?}");
        // A skipped Thursday stays skipped and its day gets nothing new.
        let skipped = skip(&p, p.sessions[1].id).unwrap();
        let every_day = Settings { run_days: WEEKDAYS.to_vec(), ..Settings::default() };
        let r = realign(&skipped, &PlanInput { settings: &every_day, ..input }, date("2026-11-25"));
        check_rules(&r).unwrap();
        assert!(r.on(date("2026-11-26")).is_none());
    }

    fn at(n: u8, d: &str, time: TimeOfDay, status: SessionStatus) -> PlannedSession {
        let date = date(d);
        let week = crate::history::week_start_of(date, Weekday::Mon);
        PlannedSession {
            id: SessionId { week, n },
            date,
            time,
            session: Session::new(SessionKind::Easy, 30, None),
            status,
        }
    }

    fn history(sessions: Vec<PlannedSession>) -> Vec<WeekPlan> {
        let template = plan();
        let mut weeks: Vec<WeekPlan> = Vec::new();
        for s in sessions {
            let start = s.id.week;
            match weeks.iter_mut().find(|w| w.start == start) {
                Some(w) => w.sessions.push(s),
                None => weeks.push(WeekPlan { start, sessions: vec![s], ..template.clone() }),
            }
        }
        weeks
    }

    #[test]
    fn realign_after_three_misses_in_two_weeks() {
        let missed = || SessionStatus::Missed { reason: None };
        let two = history(vec![
            at(0, "2026-11-16", TimeOfDay::Evening, missed()),
            at(1, "2026-11-18", TimeOfDay::Evening, SessionStatus::Skipped),
            at(2, "2026-11-20", TimeOfDay::Evening, SessionStatus::Done(crate::RunId::v7(1, [0; 10]))),
        ]);
        assert!(!needs_realign(&two, date("2026-11-25")));
        // A third: an overdue session still only planned counts too.
        let mut three = two.clone();
        three.push(history(vec![at(0, "2026-11-24", TimeOfDay::Evening, SessionStatus::Planned)]).remove(0));
        assert!(needs_realign(&three, date("2026-11-25")));
        // …but not a future one, nor misses older than 14 days.
        assert!(!needs_realign(&three, date("2026-11-24")));
        assert!(!needs_realign(&three, date("2026-11-16") + Duration::days(REALIGN_WINDOW_DAYS)));
        assert_eq!(REALIGN_MISSES, 3);
        // The same week twice in the history counts once.
        let twice = [two.clone(), two].concat();
        assert!(!needs_realign(&twice, date("2026-11-25")));
    }

    #[test]
    fn misses_by_time_of_day() {
        let missed = || SessionStatus::Missed { reason: Some("work".into()) };
        let done = || SessionStatus::Done(crate::RunId::v7(1, [0; 10]));
        let mut sessions = Vec::new();
        // Ten evening sessions on Tuesdays and Thursdays over five weeks, 7 missed;
        // eight morning ones on Saturdays and Sundays over four weeks, 1 missed.
        for w in 0..5u8 {
            let monday = date("2026-10-19") + Duration::weeks(i64::from(w));
            for (n, day) in [(0u8, 1), (1, 3)] {
                let d = (monday + Duration::days(day)).to_string();
                let status = if w * 2 + n < 7 { missed() } else { done() };
                sessions.push(at(n, &d, TimeOfDay::Evening, status));
            }
            if w < 4 {
                for (n, day) in [(2u8, 5), (3, 6)] {
                    let d = (monday + Duration::days(day)).to_string();
                    let status = if w == 0 && n == 2 { missed() } else { done() };
                    sessions.push(at(n, &d, TimeOfDay::Morning, status));
                }
            }
        }
        let h = history(sessions);
        let d = diagnose_misses(&h, date("2026-11-25")).unwrap();
        assert_eq!((d.planned, d.missed), (18, 8));
        assert_eq!(d.sentence, "You missed 7 of 10 evening sessions and 1 of 8 morning ones: try mornings.");
        assert_eq!((d.worst_time, d.try_time), (Some(TimeOfDay::Evening), Some(TimeOfDay::Morning)));
        let evening = d.by_time.iter().find(|c| c.slot == TimeOfDay::Evening).unwrap();
        assert_eq!((evening.planned, evening.missed), (10, 7));
        assert_eq!(d.by_weekday.len(), 7);
        // Too little to say.
        assert_eq!(diagnose_misses(&h[..1], date("2026-11-25")), None);
        // Only evenings: no other time to compare with.
        let evenings: Vec<PlannedSession> =
            h.iter().flat_map(|w| w.sessions.clone()).filter(|s| s.time == TimeOfDay::Evening).collect();
        let only = diagnose_misses(&history(evenings), date("2026-11-25")).unwrap();
        assert_eq!(only.sentence, "You missed 7 of 10 evening sessions: try another time of day.");
    }

    #[test]
    fn misses_by_weekday_and_none_standing_out() {
        let p = plan();
        let missed = || SessionStatus::Missed { reason: None };
        let done = || SessionStatus::Done(crate::RunId::v7(1, [0; 10]));
        let mut sessions = Vec::new();
        // All mornings; Mondays mostly missed, Saturdays done.
        for w in 0..5 {
            let monday = date("2026-10-19") + Duration::weeks(w);
            let status = if w < 4 { missed() } else { done() };
            sessions.push(at(0, &monday.to_string(), TimeOfDay::Morning, status));
            sessions.push(at(1, &(monday + Duration::days(5)).to_string(), TimeOfDay::Morning, done()));
        }
        let d = diagnose_misses(&history(sessions.clone()), date("2026-11-25")).unwrap();
        assert_eq!(d.worst_time, None);
        assert_eq!((d.worst_day, d.try_day), (Some(Weekday::Mon), Some(Weekday::Sat)));
        assert_eq!(
            d.sentence,
            "You missed 4 of 5 Monday sessions and 0 of 5 on Saturdays: try moving Monday's session."
        );
        // Nothing missed.
        for s in &mut sessions {
            s.status = done();
        }
        let d = diagnose_misses(&history(sessions.clone()), date("2026-11-25")).unwrap();
        assert_eq!(d.sentence, "You did all 10 planned sessions.");
        // A few misses spread out.
        sessions[0].status = missed();
        sessions[3].status = missed();
        let d = diagnose_misses(&history(sessions), date("2026-11-25")).unwrap();
        assert_eq!(d.sentence, "You missed 2 of 10 sessions, with no time of day or weekday standing out.");
        // A reason does not change the count.
        let p2 = mark_missed(&p, p.sessions[0].id, Some("rain")).unwrap();
        assert!(p2.sessions[0].status.is_not_done());
    }
}
