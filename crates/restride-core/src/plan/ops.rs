//! Changing a plan: every operation returns a new plan, or an error saying which
//! rule the change would break; the plan passed in is left as it was.

use chrono::NaiveDate;

use super::library::SessionKind;
use super::rules::check_rules;
use super::{PlanError, SessionId, SessionStatus, WeekPlan};
use crate::id::RunId;
use crate::run::{Run, RunType};

/// The index of session `id`, which must still be planned.
fn planned(plan: &WeekPlan, id: SessionId) -> Result<usize, PlanError> {
    let i = plan.sessions.iter().position(|s| s.id == id).ok_or(PlanError::NotFound(id))?;
    match plan.sessions.get(i).map(|s| &s.status) {
        Some(SessionStatus::Planned) => Ok(i),
        Some(status) => Err(PlanError::NotPlanned { id, status: status.clone() }),
        None => Err(PlanError::NotFound(id)),
    }
}

fn checked(mut plan: WeekPlan) -> Result<WeekPlan, PlanError> {
    plan.sort();
    check_rules(&plan)?;
    Ok(plan)
}

/// Swaps the days (and times of day) of two planned sessions.
pub fn swap(plan: &WeekPlan, a: SessionId, b: SessionId) -> Result<WeekPlan, PlanError> {
    let (i, j) = (planned(plan, a)?, planned(plan, b)?);
    let mut out = plan.clone();
    let slot = |p: &WeekPlan, k: usize| p.sessions.get(k).map(|s| (s.date, s.time));
    if let (Some(si), Some(sj)) = (slot(plan, i), slot(plan, j)) {
        for (k, (date, time)) in [(i, sj), (j, si)] {
            if let Some(s) = out.sessions.get_mut(k) {
                s.date = date;
                s.time = time;
            }
        }
    }
    checked(out)
}

/// Moves a planned session to another day of the week, which must have no other
/// planned or done session.
pub fn move_session(plan: &WeekPlan, id: SessionId, to: NaiveDate) -> Result<WeekPlan, PlanError> {
    let i = planned(plan, id)?;
    if !plan.contains(to) {
        return Err(PlanError::OutsideWeek(to));
    }
    let mut out = plan.clone();
    if let Some(s) = out.sessions.get_mut(i) {
        s.date = to;
    }
    checked(out)
}

fn set_status(plan: &WeekPlan, id: SessionId, status: SessionStatus) -> Result<WeekPlan, PlanError> {
    let i = planned(plan, id)?;
    let mut out = plan.clone();
    if let Some(s) = out.sessions.get_mut(i) {
        s.status = status;
    }
    // Dropping a session only frees a day and load, so every rule still holds.
    checked(out)
}

/// Lets a planned session go ahead of time.
pub fn skip(plan: &WeekPlan, id: SessionId) -> Result<WeekPlan, PlanError> {
    set_status(plan, id, SessionStatus::Skipped)
}

/// Marks a planned session missed, with the runner's reason if they gave one
/// (blank counts as none).
pub fn mark_missed(plan: &WeekPlan, id: SessionId, reason: Option<&str>) -> Result<WeekPlan, PlanError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty()).map(str::to_string);
    set_status(plan, id, SessionStatus::Missed { reason })
}

/// How well a logged run type fits a session: 0 the same type, 1 the same family
/// (easy running: easy, recovery, long; quality: tempo, intervals, hills, and a
/// race, which is as hard as any), `None` otherwise (strength is only ticked by
/// strength or cross-training).
fn fit(kind: SessionKind, run: RunType) -> Option<u8> {
    use RunType as R;
    if kind.run_type() == Some(run) {
        return Some(0);
    }
    let family = |k: SessionKind| match k {
        SessionKind::Easy | SessionKind::Recovery | SessionKind::Long => Some(0),
        SessionKind::Tempo | SessionKind::Intervals | SessionKind::Hills => Some(1),
        SessionKind::Strength | SessionKind::Rest => None,
    };
    let run_family = match run {
        R::Easy | R::Recovery | R::Long => Some(0),
        R::Tempo | R::Intervals | R::Hills | R::Race => Some(1),
        R::Cross => None,
    };
    (family(kind).is_some() && family(kind) == run_family).then_some(1)
}

/// Ticks off the planned session a logged run fulfils. The match: a still-planned
/// session of a fitting type (see `fit`) on the run's local date, or failing that
/// the day before or after (a session run a day early or late still counts); the
/// same date beats a better type, the same type beats the same family, the earlier
/// session breaks a tie. A run that already ticked a session, or fits none, leaves
/// the plan as it was.
pub fn tick(plan: &WeekPlan, run: &Run) -> WeekPlan {
    let mut out = plan.clone();
    if plan.sessions.iter().any(|s| s.status == SessionStatus::Done(run.id.clone())) {
        return out;
    }
    let day = run.start.date_naive();
    let best = plan
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.status == SessionStatus::Planned)
        .filter_map(|(i, s)| {
            let distance = (s.date - day).num_days().abs();
            let fit = fit(s.session.kind, run.kind)?;
            (distance <= 1).then_some(((distance, fit, s.date), i))
        })
        .min_by_key(|(key, _)| *key);
    if let Some((_, i)) = best
        && let Some(s) = out.sessions.get_mut(i)
    {
        s.status = SessionStatus::Done(run.id.clone());
    }
    out
}

/// Undoes [`tick`]: the session `run` ticked off is planned again (the run was
/// deleted, or changed and is matched afresh). A plan it ticked nothing in is
/// returned as it was.
pub fn untick(plan: &WeekPlan, run: &RunId) -> WeekPlan {
    let mut out = plan.clone();
    for s in &mut out.sessions {
        if matches!(&s.status, SessionStatus::Done(id) if id == run) {
            s.status = SessionStatus::Planned;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::rules::RuleBroken;
    use crate::plan::week::tests::{date, plan_for, steady};
    use crate::settings::{Settings, TimeOfDay};
    use crate::testing::sample_run;

    #[test]
    fn fits() {
        assert_eq!(fit(SessionKind::Tempo, RunType::Tempo), Some(0));
        assert_eq!(fit(SessionKind::Tempo, RunType::Race), Some(1));
        assert_eq!(fit(SessionKind::Long, RunType::Easy), Some(1));
        assert_eq!(fit(SessionKind::Easy, RunType::Tempo), None);
        assert_eq!(fit(SessionKind::Strength, RunType::Cross), Some(0));
        assert_eq!(fit(SessionKind::Strength, RunType::Easy), None);
        assert_eq!(fit(SessionKind::Easy, RunType::Cross), None);
        assert_eq!(fit(SessionKind::Rest, RunType::Easy), None);
    }

    /// Tuesday quality, Thursday easy, Saturday long.
    fn plan() -> WeekPlan {
        let p = plan_for(&steady(10), &Settings::default(), &[]);
        let kinds: Vec<SessionKind> = p.sessions.iter().map(|s| s.session.kind).collect();
        assert!(kinds[0].is_quality() && kinds[1] == SessionKind::Easy && kinds[2] == SessionKind::Long);
        p
    }

    #[test]
    fn swap_and_move_keep_the_rules() {
        let p = plan();
        let [q, e, l] = [0, 1, 2].map(|i| p.sessions[i].id);
        let swapped = swap(&p, q, e).unwrap();
        assert_eq!(swapped.session(q).unwrap().date, date("2026-11-26"));
        assert_eq!(swapped.session(e).unwrap().date, date("2026-11-24"));
        assert_eq!(swapped.sessions[0].id, e, "kept in date order");
        assert_eq!(swap(&p, q, q).unwrap(), p);
        // The long run to Thursday is fine (two days after Tuesday's quality
        // session); the quality session to Friday, next to the long run, is not.
        assert_eq!(swap(&p, e, l).unwrap().session(l).unwrap().date, date("2026-11-26"));
        let err = move_session(&p, q, date("2026-11-27")).unwrap_err();
        assert_eq!(
            err,
            PlanError::Rule(RuleBroken::HardBackToBack {
                first: date("2026-11-27"),
                second: date("2026-11-28")
            })
        );
        assert!(err.to_string().contains("back to back"));
        let moved = move_session(&p, e, date("2026-11-25")).unwrap();
        assert_eq!(moved.session(e).unwrap().date, date("2026-11-25"));
        assert_eq!(moved.session(e).unwrap().time, TimeOfDay::Morning);
        assert_eq!(
            move_session(&p, e, date("2026-11-28")),
            Err(PlanError::Rule(RuleBroken::DayTaken(date("2026-11-28"))))
        );
        assert_eq!(move_session(&p, e, date("2026-11-30")), Err(PlanError::OutsideWeek(date("2026-11-30"))));
        let ghost = SessionId { week: date("2026-11-23"), n: 9 };
        assert_eq!(skip(&p, ghost), Err(PlanError::NotFound(ghost)));
        assert!(PlanError::OutsideWeek(date("2026-11-30")).to_string().contains("Mon 30 Nov"));
    }

    #[test]
    fn skip_and_miss_only_planned_sessions() {
        let p = plan();
        let e = p.sessions[1].id;
        let skipped = skip(&p, e).unwrap();
        assert_eq!(skipped.session(e).unwrap().status, SessionStatus::Skipped);
        assert!(skipped.planned_load() < p.planned_load());
        let again = skip(&skipped, e).unwrap_err();
        assert_eq!(again, PlanError::NotPlanned { id: e, status: SessionStatus::Skipped });
        assert!(again.to_string().contains("already skipped"));
        assert!(move_session(&skipped, e, date("2026-11-25")).is_err());
        let missed = mark_missed(&p, e, Some("  work ran late ")).unwrap();
        assert_eq!(
            missed.session(e).unwrap().status,
            SessionStatus::Missed { reason: Some("work ran late".into()) }
        );
        let blank = mark_missed(&p, e, Some("  ")).unwrap();
        assert_eq!(blank.session(e).unwrap().status, SessionStatus::Missed { reason: None });
        // A skipped day is free again: another session may move there.
        let q = p.sessions[0].id;
        assert!(move_session(&skipped, q, date("2026-11-26")).is_ok());
    }

    #[test]
    fn ticking_matches_date_then_type() {
        let p = plan();
        let quality_type = p.sessions[0].session.kind.run_type().unwrap();
        // Same day, same type.
        let run = sample_run(1, "2026-11-24T07:10:00+01:00", quality_type, 30.0, 6.0);
        let t = tick(&p, &run);
        assert_eq!(t.sessions[0].status, SessionStatus::Done(run.id.clone()));
        assert_eq!(tick(&t, &run), t, "once only");
        // A day early, same family: Thursday's easy run done on Wednesday as a
        // recovery run.
        let early = sample_run(2, "2026-11-25T18:00:00+01:00", RunType::Recovery, 30.0, 5.0);
        assert_eq!(tick(&p, &early).sessions[1].status, SessionStatus::Done(early.id.clone()));
        // A long run on Friday: Saturday's long run (same type) beats Thursday's easy one.
        let long = sample_run(7, "2026-11-27T07:00:00+01:00", RunType::Long, 90.0, 15.0);
        assert_eq!(tick(&p, &long).sessions[2].status, SessionStatus::Done(long.id.clone()));
        // Two days off, or a type that does not fit: nothing.
        let far = sample_run(3, "2026-11-30T07:00:00+01:00", RunType::Long, 90.0, 15.0);
        assert_eq!(tick(&p, &far), p);
        let cross = sample_run(4, "2026-11-24T07:00:00+01:00", RunType::Cross, 30.0, 0.0);
        assert_eq!(tick(&p, &cross), p);
        // On Friday an easy run fits both Thursday's easy run and Saturday's long run,
        // a day either side: the same type wins.
        let friday = sample_run(5, "2026-11-27T07:00:00+01:00", RunType::Easy, 40.0, 7.0);
        assert_eq!(tick(&p, &friday).sessions[1].status, SessionStatus::Done(friday.id.clone()));
        // Done sessions are not ticked twice by another run.
        let done = tick(&p, &run);
        let second = sample_run(6, "2026-11-24T18:00:00+01:00", quality_type, 30.0, 6.0);
        assert_eq!(tick(&done, &second), done);
    }

    #[test]
    fn unticking_plans_the_session_again() {
        let p = plan();
        let quality_type = p.sessions[0].session.kind.run_type().unwrap();
        let run = sample_run(1, "2026-11-24T07:10:00+01:00", quality_type, 30.0, 6.0);
        let ticked = tick(&p, &run);
        assert_ne!(ticked, p);
        assert_eq!(untick(&ticked, &run.id), p);
        let other = sample_run(2, "2026-11-26T07:10:00+01:00", RunType::Easy, 30.0, 5.0);
        assert_eq!(untick(&ticked, &other.id), ticked, "another run's tick stays");
    }
}
