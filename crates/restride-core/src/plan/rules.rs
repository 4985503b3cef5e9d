//! The rules every plan keeps, checked by [`check_rules`] after every change:
//! - no two hard days back to back (hard: tempo, intervals, hills and the long run;
//!   see [`SessionKind::is_hard`](super::SessionKind::is_hard));
//! - the week's planned load at most the recent average × (1 + [`LOAD_BOUND`]), or
//!   the beginner week's load when that is more (see [`load_basis`](super::load_basis));
//! - the week's planned running minutes at most the recent average × (1 +
//!   [`MINUTES_BOUND`]), or the beginner week's minutes when that is more;
//! - no run longer than the longest run of the last 30 days × (1 +
//!   [`LONGEST_RUN_BOUND`]), or 30 minutes when that is more (Frandsen, Nielsen et
//!   al. 2025);
//! - no planned quality session before the plan's `quality_from` (after a race, in
//!   a return, in a beginner's first weeks), and nothing planned on a day paused for
//!   an illness or injury;
//! - at least one rest day;
//! - one session a day, inside the week; a race day free and no hard session the
//!   two days before it.
//!
//! During a return after a break, the load, minutes and longest run bounds are the
//! return week's (see [`super::LoadBasis::for_return`]).

use chrono::{Duration, NaiveDate};

use super::library::SessionKind;
#[cfg(doc)]
use super::load::{LOAD_BOUND, LONGEST_RUN_BOUND, MINUTES_BOUND};
use super::{PlannedSession, SessionStatus, WeekPlan, day_name};

/// Hard sessions end at least this many days before a race: two easy or rest days
/// between the last hard session and race day (Restride's own choice, inside the
/// intensity-kept taper of Bosquet et al. 2007).
pub(crate) const HARD_BEFORE_RACE_DAYS: i64 = 3;
/// Whether a hard session may fall on `date` with a race on `race`: not in the two
/// days before it.
pub(crate) fn hard_allowed(race: Option<NaiveDate>, date: NaiveDate) -> bool {
    race.is_none_or(|r| date <= r - Duration::days(HARD_BEFORE_RACE_DAYS) || date > r)
}

/// A rule a plan must keep, broken.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RuleBroken {
    #[error(
        "That puts two hard sessions back to back ({} and {}); keep an easy or rest day between them.",
        day_name(*.first), day_name(*.second)
    )]
    HardBackToBack { first: NaiveDate, second: NaiveDate },
    #[error("That is more load ({planned:.0}) than the week allows ({cap:.0}).")]
    OverLoadCap { planned: f64, cap: f64 },
    #[error("That leaves no rest day in the week; keep at least one.")]
    NoRestDay,
    #[error("{} already has a session; one a day.", day_name(*.0))]
    DayTaken(NaiveDate),
    #[error("{} is outside this plan's week.", day_name(*.0))]
    OutsideWeek(NaiveDate),
    #[error("{} is race day; keep it free.", day_name(*.0))]
    RaceDay(NaiveDate),
    #[error("{} is too close to your race for a hard session; keep the last two days easy.", day_name(*.0))]
    HardBeforeRace(NaiveDate),
    #[error("That is more running ({planned:.0} minutes) than the week allows ({cap:.0}).")]
    OverMinutesCap { planned: f64, cap: f64 },
    #[error(
        "A {minutes}-minute run on {} is more than 10 % over your longest run of the last 30 days; keep it to \
         {cap:.0} minutes.",
        day_name(*.date)
    )]
    RunTooLong { date: NaiveDate, minutes: u32, cap: f64 },
    #[error("No hard session on {}: easy running only until {}.", day_name(*.date), day_name(*.from))]
    QualityTooSoon { date: NaiveDate, from: NaiveDate },
    #[error("{} is paused while you are ill or injured; nothing goes on it.", day_name(*.0))]
    DayPaused(NaiveDate),
}

/// Checks every rule (see the module documentation) on the active sessions.
pub fn check_rules(plan: &WeekPlan) -> Result<(), RuleBroken> {
    let mut active: Vec<&PlannedSession> = plan.active().collect();
    active.sort_by_key(|s| s.date);
    for s in &active {
        if !plan.contains(s.date) {
            return Err(RuleBroken::OutsideWeek(s.date));
        }
    }
    for pair in active.windows(2) {
        if let [a, b] = pair {
            if a.date == b.date {
                return Err(RuleBroken::DayTaken(b.date));
            }
            if a.session.is_hard() && b.session.is_hard() && b.date - a.date == Duration::days(1) {
                return Err(RuleBroken::HardBackToBack { first: a.date, second: b.date });
            }
        }
    }
    if let Some(race) = plan.race_day {
        if active.iter().any(|s| s.date == race) {
            return Err(RuleBroken::RaceDay(race));
        }
        if let Some(s) = active.iter().find(|s| s.session.is_hard() && !hard_allowed(Some(race), s.date)) {
            return Err(RuleBroken::HardBeforeRace(s.date));
        }
    }
    // Days paused and quality sessions held back bind what is still to come; a
    // session done before the pause began is history.
    for s in plan
        .sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Planned && s.session.kind != SessionKind::Rest)
    {
        if plan.paused.contains(&s.date) {
            return Err(RuleBroken::DayPaused(s.date));
        }
        if let Some(from) = plan.quality_from.filter(|f| s.session.kind.is_quality() && s.date < *f) {
            return Err(RuleBroken::QualityTooSoon { date: s.date, from });
        }
    }
    if let Some(s) = active
        .iter()
        .find(|s| s.session.is_run() && f64::from(s.session.minutes) > plan.load.longest_cap + 1e-6)
    {
        return Err(RuleBroken::RunTooLong {
            date: s.date,
            minutes: s.session.minutes,
            cap: plan.load.longest_cap,
        });
    }
    let planned = plan.planned_load();
    // A hair of tolerance for the sum's rounding.
    if planned > plan.load.cap + 1e-6 {
        return Err(RuleBroken::OverLoadCap { planned, cap: plan.load.cap });
    }
    let minutes = plan.planned_minutes();
    if minutes > plan.load.minutes_cap + 1e-6 {
        return Err(RuleBroken::OverMinutesCap { planned: minutes, cap: plan.load.minutes_cap });
    }
    if plan.rest_days().is_empty() {
        return Err(RuleBroken::NoRestDay);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::SessionId;
    use crate::plan::library::{Session, SessionKind};
    use crate::plan::week::tests::{date, plan_for, steady};
    use crate::settings::Settings;

    #[test]
    fn rules_are_checked() {
        let runs = steady(10);
        let plan = plan_for(&runs, &Settings::default(), &[]);
        let mut broken = plan.clone();
        broken.sessions[0].date = broken.sessions[1].date;
        assert_eq!(check_rules(&broken), Err(RuleBroken::DayTaken(plan.sessions[1].date)));
        let mut broken = plan.clone();
        broken.sessions[0].date = date("2026-12-05");
        assert_eq!(check_rules(&broken), Err(RuleBroken::OutsideWeek(date("2026-12-05"))));
        let mut broken = plan.clone();
        broken.load.cap = 10.0;
        assert!(matches!(check_rules(&broken), Err(RuleBroken::OverLoadCap { .. })));
        let mut broken = plan.clone();
        broken.sessions[1].session = Session::new(SessionKind::Hills, 20, None);
        broken.sessions[1].date = date("2026-11-27");
        assert_eq!(
            check_rules(&broken),
            Err(RuleBroken::HardBackToBack { first: date("2026-11-27"), second: date("2026-11-28") })
        );
        let mut broken = plan.clone();
        broken.race_day = Some(plan.sessions[2].date);
        assert_eq!(check_rules(&broken), Err(RuleBroken::RaceDay(plan.sessions[2].date)));
        broken.race_day = Some(plan.sessions[2].date + Duration::days(2));
        assert_eq!(check_rules(&broken), Err(RuleBroken::HardBeforeRace(plan.sessions[2].date)));
        let mut full = plan.clone();
        full.load.cap = 1e9;
        full.load.minutes_cap = 1e9;
        let template = full.sessions[0].clone();
        for (i, d) in full.dates().collect::<Vec<_>>().into_iter().enumerate() {
            if full.on(d).is_none() {
                full.sessions.push(PlannedSession {
                    id: SessionId { week: plan.start, n: 10 + u8::try_from(i).unwrap() },
                    date: d,
                    session: Session::new(SessionKind::Recovery, 20, None),
                    ..template.clone()
                });
            }
        }
        assert_eq!(check_rules(&full), Err(RuleBroken::NoRestDay));
        assert!(RuleBroken::NoRestDay.to_string().contains("rest day"));
        assert!(
            RuleBroken::HardBackToBack { first: date("2026-11-27"), second: date("2026-11-28") }
                .to_string()
                .contains("Fri 27 Nov and Sat 28 Nov")
        );
    }
}
