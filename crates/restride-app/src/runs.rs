//! Runs: log one from the form, repeat the usual one, edit, delete, and undo the
//! last two. A run that is saved ticks off the planned session it fulfils; a run
//! deleted or changed gives its tick back first, so the plan never counts a run
//! that isn't there.
//!
//! A save rewrites one month in storage and moves one run in the model (a binary
//! search, not a sort), so it costs the same with ten years of runs as with none.
//!
//! An edit or a deletion carries the run as the runner saw it; if the stored run
//! has changed since (another tab) or was deleted, nothing is saved, the model
//! reads that month again and the runner is told. A deletion leaves a tombstone,
//! and an undo saves the run again after it, so both travel in backups.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use restride_core::form::{RunForm, repeat_of, start_for};
use restride_core::history::{insert_newest_first, position_newest_first, usual_run};
use restride_core::plan::ops::untick;
use restride_core::plan::tick;
use restride_core::{Feel, FieldError, FormContext, Rpe, Run, RunId, RunType, validate};
use restride_store::KeyValue;
use restride_store::repo::{DELETED_KEY, run_month_key};

use crate::outcome::{Changed, Message, Outcome, Undo};
use crate::plans::WeekPlan;
use crate::{App, Device};

const RUNS: Changed = Changed {
    runs: true,
    wellness: false,
    settings: false,
    plans: false,
    goal: false,
    setbacks: false,
    problems: false,
    today: false,
};

/// How many earlier routes the Log form suggests.
const ROUTES_SUGGESTED: usize = 30;

/// A run that ended this recently is probably the one a runner who "just
/// finished" is about to log again.
const JUST_LOGGED: Duration = Duration::hours(1);

/// Why a quick log saved nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QuickLogError {
    /// The effort or the feel (or both) not chosen: the usual run may have neither
    /// (an imported run often has no feel), so the card can't prefill them.
    #[error("{}", unanswered(*effort, *feel))]
    Unanswered { effort: bool, feel: bool },
    /// A run ended within the last hour: this is probably it again. Saved only
    /// once the runner says it is another run.
    #[error("Already logged? A run that ended at {} is saved.", ended_at(.0))]
    AlreadyLogged(Box<Run>),
}

fn unanswered(effort: bool, feel: bool) -> &'static str {
    match (effort, feel) {
        (true, true) => "Choose how hard it was and how it felt, then save.",
        (true, false) => "Choose how hard it was, then save.",
        _ => "Choose how it felt, then save.",
    }
}

/// When `run` ended, on its own clock ("19:35").
pub fn ended_at(run: &Run) -> String {
    run_end(run).format("%H:%M").to_string()
}

fn run_end(run: &Run) -> DateTime<FixedOffset> {
    run.start + Duration::seconds(i64::from(run.elapsed_s.unwrap_or(run.moving_s).max(run.moving_s)))
}

impl<B: KeyValue, D: Device> App<B, D> {
    /// A saved run by id.
    pub fn run(&self, id: &RunId) -> Option<&Run> {
        self.model.stored.runs.iter().find(|r| &r.id == id)
    }

    /// The Log form's starting values: `editing`'s, or for a new run now and an
    /// easy run.
    pub fn run_form(&self, editing: Option<&Run>) -> RunForm {
        match editing {
            Some(run) => RunForm::from_run(run, self.model.stored.settings.unit),
            None => RunForm {
                start: self.run_start_for(""),
                kind: RunType::Easy.slug().to_string(),
                ..RunForm::default()
            },
        }
    }

    /// The start of a run just finished that took `duration` (as typed): now less
    /// the duration. The Log form follows it until the runner sets the start.
    pub fn run_start_for(&self, duration: &str) -> String {
        start_for(self.device.now_local().naive_local(), duration)
    }

    /// A run (not cross-training) that was still going within the last hour, the
    /// newest: a runner who "just finished" has probably logged it already.
    pub fn logged_within_the_hour(&self) -> Option<&Run> {
        let now = self.device.now();
        let since = now - JUST_LOGGED;
        // Newest first: nothing that started more than three days before `since`
        // can reach into the last hour (the form takes runs of up to 72 hours).
        self.model
            .stored
            .runs
            .iter()
            .skip_while(|r| r.start > now)
            .take_while(|r| r.start >= since - Duration::days(3))
            .find(|r| r.kind != RunType::Cross && run_end(r) >= since)
    }

    /// The run a quick check-in offers to repeat now (see [`usual_run`]).
    pub fn usual_run(&self) -> Option<&Run> {
        usual_run(&self.model.stored.runs, self.device.now_local())
    }

    /// Earlier routes, most recent first, for the Log form's suggestions.
    pub fn recent_routes(&self) -> Vec<String> {
        let mut seen = Vec::<String>::new();
        for r in self.model.stored.runs.iter().filter(|r| !r.route.is_empty()) {
            if !seen.contains(&r.route) {
                seen.push(r.route.clone());
                if seen.len() == ROUTES_SUGGESTED {
                    break;
                }
            }
        }
        seen
    }

    fn check(
        &self,
        form: &RunForm,
        pace_confirmed: bool,
    ) -> Result<restride_core::form::RunEntry, Vec<FieldError>> {
        let offset_at = |local| self.device.local_offset_at(local);
        let ctx = FormContext {
            now: self.device.now(),
            unit: self.model.stored.settings.unit,
            offset_at: &offset_at,
            pace_confirmed,
        };
        validate(form, &ctx)
    }

    /// Logs a new run from the form. Invalid input comes back as field errors
    /// (nothing saved); otherwise the outcome says whether it was saved.
    pub fn log_run(&mut self, form: &RunForm, pace_confirmed: bool) -> Result<Outcome, Vec<FieldError>> {
        let entry = self.check(form, pace_confirmed)?;
        let now = self.device.now();
        let run = entry.into_new_run(self.device.new_run_id(now), now);
        Ok(self.save_new(run, Message::ok("Run saved.")))
    }

    /// Saves the form's changes to `original` (the run as the form was opened on).
    pub fn edit_run(
        &mut self,
        original: &Run,
        form: &RunForm,
        pace_confirmed: bool,
    ) -> Result<Outcome, Vec<FieldError>> {
        let entry = self.check(form, pace_confirmed)?;
        // Newer than what it was made from, even if the clock went back.
        let now = self.device.now().max(original.updated + chrono::Duration::milliseconds(1));
        let run = entry.apply_to(original, now);
        if let Err(e) = self.store.update_run(&run, original) {
            return Ok(self.refused(&e, &[run_month_key(&original.start), DELETED_KEY.into()]));
        }
        self.take_out(original);
        let mut outcome = Outcome::done(RUNS, Message::ok("Changes saved."));
        // Matched afresh: the edit may have moved it to another day or type.
        self.retick(Some(original), Some(&run), &mut outcome, "The changes are saved");
        insert_newest_first(&mut self.model.stored.runs, run);
        Ok(self.finish(outcome))
    }

    /// "Just finished your usual run?": another `usual` run, ending now, with the
    /// runner's effort and feel. It can be undone. Unless the runner said it is
    /// `another` run, a run that ended within the last hour
    /// ([`Self::logged_within_the_hour`]) is taken for this one: nothing is saved
    /// and the error asks.
    pub fn quick_log(
        &mut self,
        usual: &Run,
        rpe: Option<u8>,
        feel: Option<u8>,
        another: bool,
    ) -> Result<Outcome, QuickLogError> {
        let (rpe, feel) = (rpe.and_then(Rpe::new), feel.and_then(Feel::new));
        let (Some(rpe), Some(feel)) = (rpe, feel) else {
            return Err(QuickLogError::Unanswered { effort: rpe.is_none(), feel: feel.is_none() });
        };
        if !another && let Some(logged) = self.logged_within_the_hour() {
            return Err(QuickLogError::AlreadyLogged(Box::new(logged.clone())));
        }
        let now = self.device.now();
        let entry = repeat_of(usual, rpe, feel, self.device.now_local());
        let run = entry.into_new_run(self.device.new_run_id(now), now);
        let undo = Undo::RemoveRun(run.id.clone());
        Ok(self.save_new(run, Message::ok("Run saved.").with_undo(undo)))
    }

    fn save_new(&mut self, run: Run, saved: Message) -> Outcome {
        if let Err(e) = self.store.save_new_run(&run) {
            return Outcome::failed(e);
        }
        let mut outcome = Outcome::done(RUNS, saved);
        self.retick(None, Some(&run), &mut outcome, "The run is saved");
        insert_newest_first(&mut self.model.stored.runs, run);
        self.finish(outcome)
    }

    /// Deletes a run; the message offers to undo it.
    pub fn delete_run(&mut self, id: &RunId) -> Outcome {
        let Some(run) = self.run(id).cloned() else {
            return Outcome::default();
        };
        match self.remove(&run, "The run is deleted") {
            Ok(mut outcome) => {
                outcome
                    .messages
                    .insert(0, Message::ok("Run deleted.").with_undo(Undo::RestoreRun(Box::new(run))));
                self.finish(outcome)
            }
            Err(failed) => failed,
        }
    }

    /// Takes back a save, a deletion, a change to the plan or to the setbacks.
    pub fn undo(&mut self, undo: Undo) -> Outcome {
        match undo {
            Undo::RestoreRun(run) => {
                let run = match self.store.restore_run(&run, self.device.now()) {
                    Ok(run) => run,
                    Err(e) => return Outcome::failed(e),
                };
                // Another tab may have put it back already.
                self.take_out(&run);
                let mut outcome = Outcome::done(RUNS, Message::ok("Run restored."));
                self.retick(None, Some(&run), &mut outcome, "The run is restored");
                insert_newest_first(&mut self.model.stored.runs, run);
                self.finish(outcome)
            }
            Undo::RestorePlan(plan) => self.restore_plan(*plan),
            Undo::RestoreSetbacks { setbacks, plan } => self.restore_setbacks(setbacks, plan.map(|p| *p)),
            Undo::RemoveRun(id) => {
                let Some(run) = self.run(&id).cloned() else {
                    return Outcome::done(Changed::default(), Message::ok("Run removed."));
                };
                match self.remove(&run, "The run is removed") {
                    Ok(mut outcome) => {
                        outcome.messages.insert(0, Message::ok("Run removed."));
                        self.finish(outcome)
                    }
                    Err(failed) => failed,
                }
            }
        }
    }

    /// Deletes `run` from storage and the model, and gives back its tick. `Err`
    /// when nothing was deleted.
    fn remove(&mut self, run: &Run, done: &str) -> Result<Outcome, Outcome> {
        if let Err(e) = self.store.delete_run(run, self.device.now()) {
            return Err(self.refused(&e, &[run_month_key(&run.start), DELETED_KEY.into()]));
        }
        self.take_out(run);
        let mut outcome = Outcome { changed: RUNS, messages: Vec::new() };
        self.retick(Some(run), None, &mut outcome, done);
        Ok(outcome)
    }

    /// Takes `run` out of the model: found by its start and id, or by id alone if
    /// another tab has moved it since.
    fn take_out(&mut self, run: &Run) {
        let runs = &mut self.model.stored.runs;
        if let Some(i) = position_newest_first(runs, run).or_else(|| runs.iter().position(|r| r.id == run.id))
        {
            runs.remove(i);
        }
    }

    /// Keeps the plan's ticks true to the runs: `gone` (a run deleted, or as it was
    /// before an edit) gives back the session it ticked off, and `now` (a run as
    /// saved) ticks off the session it fulfils. The run itself is saved already: a
    /// plan that fails to save only loses the tick, and the outcome says so after
    /// `done` ("The run is saved").
    fn retick(&mut self, gone: Option<&Run>, now: Option<&Run>, outcome: &mut Outcome, done: &str) {
        let plans = &self.model.stored.plans;
        let mut staged: Vec<(usize, WeekPlan)> = Vec::with_capacity(2);
        if let Some(run) = gone
            && let Some((i, plan)) = plan_holding(plans, run.start)
        {
            staged.push((i, untick(plan, &run.id)));
        }
        if let Some(run) = now
            && let Some((i, plan)) = plan_holding(plans, run.start)
        {
            match staged.iter_mut().find(|(j, _)| *j == i) {
                Some((_, unticked)) => *unticked = tick(unticked, run),
                None => staged.push((i, tick(plan, run))),
            }
        }
        for (i, plan) in staged {
            if self.model.stored.plans.get(i) == Some(&plan) {
                continue;
            }
            let base = self.model.stored.plans.get(i);
            if let Err(e) = self.store.save_plan(&plan, base, self.device.now()) {
                outcome.say(Message::warning(format!("{done}, but the plan couldn't be updated: {e}")));
                return;
            }
            if let Some(slot) = self.model.stored.plans.get_mut(i) {
                *slot = plan;
                outcome.changed.plans = true;
            }
        }
    }
}

/// The first planned week (oldest first) holding `start`'s local date, and its index.
fn plan_holding(plans: &[WeekPlan], start: DateTime<FixedOffset>) -> Option<(usize, &WeekPlan)> {
    let date: NaiveDate = start.date_naive();
    let i = plans.partition_point(|p| p.end() < date);
    plans.get(i).filter(|p| p.contains(date)).map(|p| (i, p))
}

#[cfg(test)]
mod tests {
    use restride_core::FormError;
    use restride_core::plan::SessionStatus;
    use restride_store::{KeyValue, MemoryBackend};

    use super::*;
    use crate::MessageKind;
    use crate::testing::{Counting, NEWER, TestApp, app, app_on, form};

    const TUESDAY_RUN: &str = "2026-11-24T07:00";

    /// An app with this week planned, on Tuesday evening.
    fn planned() -> TestApp {
        let mut a = app();
        assert!(!a.plan_week().is_error());
        a.device.set("2026-11-24T20:00:00+01:00");
        a
    }

    fn tuesday(a: &TestApp) -> SessionStatus {
        let plan = a.model.stored.plans.first().unwrap();
        plan.sessions.iter().find(|s| s.date.to_string() == "2026-11-24").unwrap().status.clone()
    }

    fn texts(o: &Outcome) -> Vec<(MessageKind, &str)> {
        o.messages.iter().map(|m| (m.kind, m.text.as_str())).collect()
    }

    /// The model is what storage holds.
    fn in_step<B: KeyValue>(a: &App<B, crate::testing::FixedDevice>) {
        let loaded = a.store.load().unwrap();
        assert_eq!(a.model.stored.runs, loaded.runs);
        assert_eq!(a.model.stored.plans, loaded.plans);
    }

    #[test]
    fn logging_a_run_saves_it_and_says_so() {
        let mut a = app();
        let o = a.log_run(&form("2026-11-22T09:30", "easy", "45:00", "8"), false).unwrap();
        assert_eq!(texts(&o), [(MessageKind::Ok, "Run saved.")]);
        assert_eq!(o.messages[0].undo, None);
        assert_eq!(o.changed, RUNS);
        let run = &a.model.stored.runs[0];
        assert_eq!(run.start.to_rfc3339(), "2026-11-22T09:30:00+01:00");
        assert_eq!(run.moving_s, 45 * 60);
        assert_eq!(run.created, a.device.now());
        in_step(&a);
    }

    #[test]
    fn invalid_input_comes_back_by_field_and_saves_nothing() {
        let mut a = app();
        let before = a.store.backend().snapshot();
        let errors = a.log_run(&form("2026-11-22T09:30", "easy", "", "eight"), false).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, [restride_core::Field::Duration, restride_core::Field::Distance]);
        // A run in the future (the clock says Monday 08:00) is refused too.
        let errors = a.log_run(&form("2026-11-23T09:00", "easy", "30:00", "5"), false).unwrap_err();
        assert_eq!(errors[0].error, FormError::FutureStart);
        // An unusual pace asks first, then saves once confirmed.
        let errors = a.log_run(&form("2026-11-22T09:30", "easy", "10:00", "8"), false).unwrap_err();
        assert!(matches!(errors[0].error, FormError::UnusualPace(_)));
        assert_eq!(a.store.backend().snapshot(), before);
        assert!(a.model.stored.runs.is_empty());
        assert!(!a.log_run(&form("2026-11-22T09:30", "easy", "10:00", "8"), true).unwrap().is_error());
    }

    #[test]
    fn a_full_storage_or_a_newer_versions_month_saves_nothing_and_says_why() {
        let mut a = app_on(MemoryBackend::with_quota(120));
        let o = a.log_run(&form("2026-11-22T09:30", "easy", "45:00", "8"), false).unwrap();
        assert!(o.is_error());
        assert!(o.errors().next().unwrap().starts_with("Storage is full"), "{o:?}");
        assert_eq!(o.changed, Changed::default());
        assert!(a.model.stored.runs.is_empty());

        let mut a = app();
        a.store.backend().set("restride.runs.2026-11", NEWER).unwrap();
        let o = a.log_run(&form("2026-11-22T09:30", "easy", "45:00", "8"), false).unwrap();
        assert!(o.errors().next().unwrap().starts_with("The saved runs of 2026-11 can't be read"), "{o:?}");
        assert_eq!(a.store.backend().get("restride.runs.2026-11").unwrap().as_deref(), Some(NEWER));
        assert!(a.model.stored.runs.is_empty());
    }

    #[test]
    fn a_logged_run_ticks_off_its_session() {
        let mut a = planned();
        let o = a.log_run(&form(TUESDAY_RUN, "easy", "20:00", "3"), false).unwrap();
        let run_id = a.model.stored.runs[0].id.clone();
        assert_eq!(tuesday(&a), SessionStatus::Done(run_id));
        assert!(o.changed.runs && o.changed.plans);
        in_step(&a);
    }

    #[test]
    fn quick_log_repeats_the_usual_run_and_undo_takes_it_back_with_its_tick() {
        let mut a = planned();
        let _ = a.log_run(&form("2026-11-22T19:00", "easy", "25:00", "4.5"), false).unwrap();
        let plan_before = a.model.stored.plans.clone();
        let usual = a.usual_run().cloned().unwrap();
        // Tuesday 20:00: the usual evening easy run, finished now.
        let o = a.quick_log(&usual, Some(4), Some(5), false).unwrap();
        let run = a.model.stored.runs[0].clone();
        assert_eq!(run.start.to_rfc3339(), "2026-11-24T19:35:00+01:00");
        assert_eq!((run.moving_s, run.distance_m), (usual.moving_s, usual.distance_m));
        assert_eq!((run.rpe.unwrap().value(), run.feel.unwrap().value()), (4, 5));
        assert_eq!(texts(&o), [(MessageKind::Ok, "Run saved.")]);
        let undo = o.messages[0].undo.clone().unwrap();
        assert_eq!(undo, Undo::RemoveRun(run.id.clone()));
        assert_eq!(tuesday(&a), SessionStatus::Done(run.id.clone()));

        let o = a.undo(undo);
        assert_eq!(texts(&o), [(MessageKind::Ok, "Run removed.")]);
        assert!(o.changed.runs && o.changed.plans);
        assert!(a.run(&run.id).is_none());
        assert_eq!(a.model.stored.plans, plan_before, "the tick is given back");
        in_step(&a);
    }

    #[test]
    fn quick_log_needs_an_effort_and_a_feel_and_says_which() {
        let mut a = app();
        let _ = a.log_run(&form("2026-11-22T07:00", "easy", "25:00", "4.5"), false).unwrap();
        // Imported: no effort, no feel to prefill.
        let mut usual = a.model.stored.runs[0].clone();
        (usual.rpe, usual.feel) = (None, None);
        let before = a.store.backend().snapshot();
        let unanswered = |effort, feel| Err(QuickLogError::Unanswered { effort, feel });
        assert_eq!(a.quick_log(&usual, Some(4), None, false), unanswered(false, true));
        assert_eq!(a.quick_log(&usual, None, Some(4), false), unanswered(true, false));
        assert_eq!(a.quick_log(&usual, Some(11), Some(0), false), unanswered(true, true));
        assert_eq!(
            [unanswered(false, true), unanswered(true, false), unanswered(true, true)]
                .map(|e| e.unwrap_err().to_string()),
            [
                "Choose how it felt, then save.",
                "Choose how hard it was, then save.",
                "Choose how hard it was and how it felt, then save."
            ]
        );
        assert_eq!(a.store.backend().snapshot(), before, "nothing saved");
        // Once chosen, it saves, though the usual run had neither.
        let o = a.quick_log(&usual, Some(4), Some(3), false).unwrap();
        assert_eq!(texts(&o), [(MessageKind::Ok, "Run saved.")]);
        assert_eq!(a.model.stored.runs[0].feel.map(Feel::value), Some(3));
        in_step(&a);
    }

    #[test]
    fn a_second_quick_log_within_the_hour_asks_first() {
        let mut a = app();
        let _ = a.log_run(&form("2026-11-22T07:00", "easy", "25:00", "4.5"), false).unwrap();
        let usual = a.model.stored.runs[0].clone();
        assert_eq!(a.logged_within_the_hour(), None, "yesterday's run is long over");
        // Monday 08:00: saved, ending now.
        let first = a.quick_log(&usual, Some(4), Some(4), false).unwrap();
        let saved = a.model.stored.runs[0].clone();
        assert_eq!(a.logged_within_the_hour(), Some(&saved));
        // A second tap: nothing saved, and the error asks.
        let before = a.store.backend().snapshot();
        let again = a.quick_log(&usual, Some(4), Some(4), false);
        assert_eq!(again, Err(QuickLogError::AlreadyLogged(Box::new(saved))));
        assert_eq!(again.unwrap_err().to_string(), "Already logged? A run that ended at 08:00 is saved.");
        assert_eq!(a.store.backend().snapshot(), before);
        // Said to be another run, it is saved.
        assert!(!a.quick_log(&usual, Some(6), Some(2), true).unwrap().is_error());
        assert_eq!(a.model.stored.runs.len(), 3);
        // Undoing both leaves nothing within the hour.
        let _ = a.undo(Undo::RemoveRun(a.model.stored.runs[0].id.clone()));
        let _ = a.undo(first.messages[0].undo.clone().unwrap());
        assert_eq!(a.logged_within_the_hour(), None);
        in_step(&a);
    }

    #[test]
    fn a_run_still_going_within_the_last_hour_counts_as_just_logged() {
        let mut a = app();
        // Monday 08:00. A 45-minute run from 06:30 (ended 07:15) and a 70-minute
        // one from 05:00 (ended 06:10), logged by hand; strength at 07:30.
        let _ = a.log_run(&form("2026-11-23T06:30", "easy", "45:00", "8"), false).unwrap();
        let _ = a.log_run(&form("2026-11-23T05:00", "long", "70:00", "12"), false).unwrap();
        let mut strength = form("2026-11-23T07:30", "cross", "20:00", "");
        strength.distance.clear();
        let _ = a.log_run(&strength, false).unwrap();
        assert_eq!(
            a.logged_within_the_hour().map(|r| r.moving_s),
            Some(45 * 60),
            "cross-training isn't a run"
        );
        // 08:16: the 45-minute run ended 61 minutes ago.
        a.device.set("2026-11-23T08:16:00+01:00");
        assert_eq!(a.logged_within_the_hour(), None);
        // Its elapsed time (stops included) counts: ended 07:30.
        let run = a.model.stored.runs.iter().find(|r| r.moving_s == 45 * 60).unwrap().clone();
        let with_stops =
            RunForm { elapsed: "1:00:00".into(), ..form("2026-11-23T06:30", "easy", "45:00", "8") };
        let _ = a.edit_run(&run, &with_stops, false).unwrap();
        assert_eq!(a.logged_within_the_hour().map(ended_at), Some("07:30".to_string()));
    }

    #[test]
    fn a_new_runs_start_follows_the_duration_typed() {
        let mut a = app();
        // Monday 08:00: a 45-minute run just finished started at 07:15.
        assert_eq!(a.run_start_for("45:00"), "2026-11-23T07:15");
        assert_eq!(a.run_start_for("1:30:00"), "2026-11-23T06:30");
        assert_eq!(a.run_start_for("soon"), "2026-11-23T08:00");
        assert_eq!(a.run_form(None).start, "2026-11-23T08:00", "until a duration is typed");
        // And it saves as such (not in the future).
        let o = a.log_run(&form(&a.run_start_for("45:00"), "easy", "45:00", "8"), false).unwrap();
        assert!(!o.is_error());
        a.device.set("2026-11-23T08:05:00+01:00");
        assert_eq!(a.run_start_for("45"), "2026-11-23T07:20");
    }

    #[test]
    fn editing_moves_a_run_and_its_tick() {
        let mut a = planned();
        let _ = a.log_run(&form(TUESDAY_RUN, "easy", "20:00", "3"), false).unwrap();
        let original = a.model.stored.runs[0].clone();
        assert_eq!(tuesday(&a), SessionStatus::Done(original.id.clone()));
        // It was really last month's run: it leaves November, and Tuesday's session
        // is planned again.
        let o = a.edit_run(&original, &form("2026-10-30T07:00", "easy", "20:00", "3"), false).unwrap();
        assert_eq!(texts(&o), [(MessageKind::Ok, "Changes saved.")]);
        assert!(o.changed.plans);
        assert_eq!(tuesday(&a), SessionStatus::Planned);
        assert_eq!(a.model.stored.runs.len(), 1);
        assert_eq!(a.model.stored.runs[0].id, original.id);
        assert_eq!(a.model.stored.runs[0].created, original.created);
        assert_eq!(
            a.store.backend().keys().unwrap().iter().filter(|k| k.starts_with("restride.runs.")).count(),
            1
        );
        in_step(&a);
        // Back to Tuesday: ticked again.
        let edited = a.model.stored.runs[0].clone();
        let _ = a.edit_run(&edited, &form(TUESDAY_RUN, "easy", "22:00", "3"), false).unwrap();
        assert_eq!(tuesday(&a), SessionStatus::Done(original.id.clone()));
        assert_eq!(a.model.stored.runs[0].moving_s, 22 * 60);
        in_step(&a);
    }

    #[test]
    fn a_run_deleted_gives_back_its_tick_and_undo_restores_both() {
        let mut a = planned();
        let unticked = a.model.stored.plans.clone();
        let _ = a.log_run(&form(TUESDAY_RUN, "easy", "20:00", "3"), false).unwrap();
        let ticked = a.model.stored.plans.clone();
        let run = a.model.stored.runs[0].clone();

        let o = a.delete_run(&run.id);
        assert_eq!(texts(&o), [(MessageKind::Ok, "Run deleted.")]);
        assert!(o.changed.runs && o.changed.plans);
        assert!(a.model.stored.runs.is_empty());
        assert_eq!(tuesday(&a), SessionStatus::Planned, "no session points at a deleted run");
        assert_eq!(a.model.stored.plans, unticked);
        in_step(&a);
        // Adherence no longer counts it.
        let effect = crate::shown::company(&a.model.stored.plans, &a.model.stored.runs, a.model.today);
        assert_eq!(effect.without.done + effect.with.done, 0);

        let o = a.undo(o.messages[0].undo.clone().unwrap());
        assert_eq!(texts(&o), [(MessageKind::Ok, "Run restored.")]);
        // Saved again after its deletion, so the undo travels as the deletion did.
        let restored = a.model.stored.runs[0].clone();
        assert!(restored.updated > run.updated);
        assert_eq!(vec![Run { updated: run.updated, ..restored }], vec![run]);
        assert_eq!(a.model.stored.plans, ticked);
        in_step(&a);
    }

    #[test]
    fn a_plan_that_cannot_be_saved_loses_only_the_tick_and_both_messages_show() {
        let mut a = planned();
        // Another tab, a newer version, wrote this week's plan meanwhile.
        a.store.backend().set("restride.plan.2026-11-23", NEWER).unwrap();
        let o = a.log_run(&form(TUESDAY_RUN, "easy", "20:00", "3"), false).unwrap();
        assert_eq!(o.messages.len(), 2, "{o:?}");
        assert_eq!(texts(&o)[0], (MessageKind::Ok, "Run saved."));
        assert_eq!(o.messages[1].kind, MessageKind::Warning);
        assert!(
            o.messages[1].text.starts_with(
                "The run is saved, but the plan couldn't be updated: The saved plan for the week of 2026-11-23"
            ),
            "{}",
            o.messages[1].text
        );
        assert!(!o.is_error());
        assert_eq!(a.model.stored.runs.len(), 1);
        assert_eq!(tuesday(&a), SessionStatus::Planned);
        // It ticked nothing, so deleting it leaves the plan alone: no warning.
        let id = a.model.stored.runs[0].id.clone();
        let o = a.delete_run(&id);
        assert_eq!(texts(&o), [(MessageKind::Ok, "Run deleted.")]);
    }

    #[test]
    fn deleting_in_a_newer_versions_month_changes_nothing() {
        let mut a = app();
        let _ = a.log_run(&form("2026-11-22T07:00", "easy", "20:00", "3"), false).unwrap();
        let id = a.model.stored.runs[0].id.clone();
        a.store.backend().set("restride.runs.2026-11", NEWER).unwrap();
        let o = a.delete_run(&id);
        assert!(o.is_error());
        assert_eq!(o.messages[0].undo, None);
        assert_eq!(a.model.stored.runs.len(), 1);
        // An unknown id (deleted in another tab) is no error.
        let mut b = app();
        assert_eq!(b.delete_run(&id), Outcome::default());
    }

    #[test]
    fn an_undo_that_cannot_be_saved_changes_nothing_and_says_why() {
        let mut a = app();
        let _ = a.log_run(&form("2026-11-22T07:00", "easy", "20:00", "3"), false).unwrap();
        let run = a.model.stored.runs[0].clone();
        let deleted = a.delete_run(&run.id);
        // A newer version took the month meanwhile: the run can't go back in.
        a.store.backend().set("restride.runs.2026-11", NEWER).unwrap();
        let o = a.undo(deleted.messages[0].undo.clone().unwrap());
        assert!(o.errors().next().unwrap().starts_with("The saved runs of 2026-11 can't be read"), "{o:?}");
        assert_eq!(o.changed, Changed::default());
        assert!(a.model.stored.runs.is_empty());
        // Nor can a quick log's run come out of it.
        let mut b = app();
        let _ = b.log_run(&form("2026-11-22T07:00", "easy", "20:00", "3"), false).unwrap();
        let usual = b.model.stored.runs[0].clone();
        let saved = b.quick_log(&usual, Some(3), Some(4), false).unwrap();
        b.store.backend().set("restride.runs.2026-11", NEWER).unwrap();
        let o = b.undo(saved.messages[0].undo.clone().unwrap());
        assert!(o.is_error());
        assert_eq!(b.model.stored.runs.len(), 2);
        // An undo of a run already gone (another tab removed it) has nothing left to do.
        let mut c = app();
        let o = c.undo(Undo::RemoveRun(usual.id.clone()));
        assert_eq!((o.changed, o.is_error()), (Changed::default(), false));
    }

    /// A backend with ten years of daily runs, and one with none.
    fn histories() -> [App<Counting, crate::testing::FixedDevice>; 2] {
        let ten_years = Counting::default();
        let start = DateTime::parse_from_rfc3339("2016-11-23T07:00:00+01:00").unwrap();
        let mut runs: Vec<Run> = (0..3650)
            .map(|d| {
                let mut r = restride_core::testing::sample_run(
                    0,
                    "2016-11-23T07:00:00+01:00",
                    RunType::Easy,
                    30.0,
                    5.0,
                );
                r.id = RunId::v7(1_500_000_000_000 + d, [1; 10]);
                r.start = start + chrono::Duration::days(i64::try_from(d).unwrap());
                r
            })
            .collect();
        restride_core::history::sort_newest_first(&mut runs);
        let store = restride_store::Store::new(MemoryBackend::default());
        assert!(store.save_runs(&runs).is_ok());
        for (key, value) in store.backend().snapshot() {
            ten_years.inner.set(&key, &value).unwrap();
        }
        [app_on(Counting::default()), app_on(ten_years)]
    }

    #[test]
    fn a_save_costs_the_same_with_ten_years_of_runs_as_with_none() {
        let mut touched = Vec::new();
        for mut a in histories() {
            a.store.backend().forget();
            let o = a.log_run(&form("2026-11-22T07:00", "easy", "20:00", "3"), false).unwrap();
            assert!(!o.is_error());
            let b = a.store.backend();
            assert_eq!(b.listed.get(), 0, "no key listing");
            touched.push((b.read.borrow().clone(), b.written.borrow().clone()));
            let mut sorted = a.model.stored.runs.clone();
            restride_core::history::sort_newest_first(&mut sorted);
            assert_eq!(a.model.stored.runs, sorted);
            assert_eq!(a.model.stored.runs[0].start.to_rfc3339(), "2026-11-22T07:00:00+01:00");
        }
        assert_eq!(touched[0], touched[1]);
        assert_eq!(touched[0].1.iter().collect::<Vec<_>>(), ["restride.runs.2026-11"], "one month rewritten");
    }

    #[test]
    fn an_edit_left_open_in_one_tab_never_overwrites_a_newer_edit_or_revives_a_deletion() {
        let backend = crate::testing::Shared::default();
        let mut mine = app_on(backend.clone());
        let _ = mine.log_run(&form("2026-11-22T07:00", "easy", "20:00", "3"), false).unwrap();
        let mut theirs = app_on(backend);
        theirs.device.set("2026-11-23T09:00:00+01:00");
        // This tab opens the edit form on the run as it is now.
        let opened = mine.model.stored.runs[0].clone();
        // The other tab edits it first.
        let mut newer = form("2026-11-22T07:00", "easy", "20:00", "3");
        newer.notes = "edited in the other tab".into();
        assert!(!theirs.edit_run(&opened, &newer, false).unwrap().is_error());
        mine.device.set("2026-11-23T09:30:00+01:00");
        let mut stale = form("2026-11-22T07:00", "easy", "25:00", "3");
        stale.notes = "edited here".into();
        let o = mine.edit_run(&opened, &stale, false).unwrap();
        assert_eq!(
            o.errors().collect::<Vec<_>>(),
            [
                "This run was changed in another tab or window since you opened it, so this wasn't saved. It now shows as it was saved there."
            ]
        );
        // The model now shows the other tab's edit.
        assert!(o.changed.runs);
        assert_eq!(mine.model.stored.runs[0].notes, "edited in the other tab");
        in_step(&mine);
        // The other tab deletes it; this tab's form, opened on its last version, can't bring it back.
        let seen = mine.model.stored.runs[0].clone();
        let _ = theirs.reload();
        let _ = theirs.delete_run(&seen.id);
        let o = mine.edit_run(&seen, &stale, false).unwrap();
        assert_eq!(
            o.errors().collect::<Vec<_>>(),
            ["This run was deleted in another tab or window, so it wasn't saved again."]
        );
        assert!(mine.model.stored.runs.is_empty());
        in_step(&mine);
    }

    #[test]
    fn another_tabs_writes_are_read_key_by_key() {
        let backend = crate::testing::Shared::default();
        let mut mine = app_on(backend.clone());
        let _ = mine.log_run(&form("2026-10-22T07:00", "easy", "20:00", "3"), false).unwrap();
        let mut theirs = app_on(backend);
        theirs.device.set("2026-11-23T09:00:00+01:00");
        let _ = theirs.log_run(&form("2026-11-22T07:00", "long", "80:00", "14"), false).unwrap();
        let october = mine.model.stored.runs[0].clone();
        let _ = theirs.delete_run(&october.id);
        let _ = theirs.change_settings(crate::SettingChange::Unit(restride_core::DistanceUnit::Mi));
        let keys: std::collections::BTreeSet<String> =
            ["restride.runs.2026-11", "restride.runs.2026-10", "restride.deleted", "restride.settings"]
                .into_iter()
                .map(String::from)
                .collect();
        let changed = mine.reload_keys(&keys).unwrap();
        assert_eq!(changed, Changed { runs: true, settings: true, ..Changed::default() });
        assert_eq!(mine.model.stored, theirs.model.stored);
        in_step(&mine);
    }
}
