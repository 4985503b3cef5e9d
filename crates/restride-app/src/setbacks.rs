//! Illness, injury and coming back: "I'm ill", "I have a cold (above the neck)",
//! "I'm injured", from the check-in or the Plan tab, and later "I'm back". Each is
//! saved with every other setback under one key (`Store::save_setbacks`) and
//! re-plans this week at once: a setback pauses the days it covers (their
//! sessions are let go, nothing counts as missed), and coming back plans the days
//! left as the graded return (`restride_core::setback`). Both can be undone, the
//! plan with them.

use chrono::NaiveDate;
use restride_core::plan::{WeekPlan, day_name, realign, resume};
use restride_core::setback::{ReturnWeek, lasting_on, return_week};
use restride_core::{Setback, SetbackKind};
use restride_store::KeyValue;

use crate::outcome::{Changed, Message, Outcome, Undo};
use crate::{App, Device};

/// Where the runner stands, for Today and the Plan tab.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SetbackNow {
    /// Ill, injured or nursing a cold, from its first day.
    Lasting(Setback),
    /// Back, in a week of the graded return.
    Returning(ReturnWeek),
}

impl SetbackNow {
    /// The runner's setback on `today`, or the return week `today` falls in (weeks
    /// starting on `week_start`'s day).
    pub fn on(setbacks: &[Setback], week_start: NaiveDate, today: NaiveDate) -> Option<Self> {
        lasting_on(setbacks, today)
            .map(|s| Self::Lasting(*s))
            .or_else(|| return_week(setbacks, week_start).map(Self::Returning))
    }

    /// A short title: "Paused: you're ill".
    pub fn title(&self) -> String {
        match self {
            Self::Lasting(s) if s.kind == SetbackKind::HeadCold => "Paused: a cold above the neck".into(),
            Self::Lasting(s) => format!("Paused: you're {}", s.kind.phrase()),
            Self::Returning(r) => format!("Week {} of {} back", r.week, r.of),
        }
    }

    /// What to do, in plain words.
    pub fn advice(&self) -> String {
        match self {
            Self::Lasting(s) if s.kind == SetbackKind::HeadCold => format!(
                "Since {}. Nothing is planned and nothing counts as missed. By the neck check, easy running is \
                 fine if you feel up to it: a runny nose or a sore throat only. With a fever, aches or a chest \
                 cold, rest, and say you're ill instead.",
                day_name(s.start)
            ),
            Self::Lasting(s) => format!(
                "Since {}. Rest: the plan is paused, nothing counts as missed, and the Rut Radar reads nothing \
                 into the break. When you're back, say so and the plan rebuilds gently.",
                day_name(s.start)
            ),
            Self::Returning(r) => format!(
                "Back on {} after {} days {}: easy running only this week, about {:.0} % of your load before the \
                 break, rising about 15 % a week (Daniels: start from about half the previous load after one to \
                 four weeks off, a third after longer).",
                day_name(r.back),
                r.days_off,
                r.kind.phrase(),
                r.share * 100.0
            ),
        }
    }
}

const SETBACKS: Changed = Changed {
    runs: false,
    wellness: false,
    settings: false,
    plans: false,
    goal: false,
    setbacks: true,
    problems: false,
    today: false,
};

/// A day as a date input gives it; blank is `today`.
fn day_or_today(text: &str, today: NaiveDate, what: &str) -> Result<NaiveDate, String> {
    match text.trim() {
        "" => Ok(today),
        t => NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| format!("Pick {what}.")),
    }
}

impl<B: KeyValue, D: Device> App<B, D> {
    /// The setback lasting today, or the return week today falls in.
    pub fn setback_now(&self) -> Option<SetbackNow> {
        let m = &self.model.stored;
        let week_start = restride_core::history::week_start_of(self.model.today, m.settings.week_start);
        SetbackNow::on(&m.setbacks, week_start, self.model.today)
    }

    /// "I'm ill" (or injured, or a cold above the neck) from `from` (`YYYY-MM-DD`,
    /// blank for today). While another setback lasts, this one takes over from
    /// `from` (a cold that turned into a fever): the other ends that day, or is
    /// replaced if it began no earlier. This week's plan pauses from `from`.
    pub fn report_setback(&mut self, kind: SetbackKind, from: &str) -> Outcome {
        let today = self.model.today;
        let from = match day_or_today(from, today, "the first day you were out") {
            Ok(d) => d,
            Err(why) => return Outcome::failed(why),
        };
        let new = match Setback::new(kind, from, None, today) {
            Ok(s) => s,
            Err(e) => return Outcome::failed(e),
        };
        let before = self.model.stored.setbacks.clone();
        let mut next: Vec<Setback> = before.clone();
        if let Some(lasting) = lasting_on(&before, today).copied() {
            if lasting.kind == kind {
                return Outcome::failed(format!(
                    "You're already marked {} since {}.",
                    kind.phrase(),
                    day_name(lasting.start)
                ));
            }
            next.retain(|s| *s != lasting);
            if let Ok(ended) = lasting.back_on(from, today) {
                next.push(ended);
            }
        }
        if let Some(clash) = next.iter().find(|s| s.covers(from) || s.start > from) {
            return Outcome::failed(format!(
                "That overlaps the time you were {} from {}: pick a first day after it.",
                clash.kind.phrase(),
                day_name(clash.start)
            ));
        }
        next.push(new);
        next.sort_by_key(|s| (s.start, s.kind));
        let said = match kind {
            SetbackKind::HeadCold => format!(
                "Marked a cold above the neck from {}. Nothing is planned while it lasts; easy running is fine \
                 if you feel up to it.",
                day_name(from)
            ),
            _ => format!(
                "Marked {} from {}. Rest: the plan is paused and nothing counts as missed.",
                kind.phrase(),
                day_name(from)
            ),
        };
        self.save_setbacks(before, next, &said, realign)
    }

    /// "I'm back": the lasting setback is over from `on` (`YYYY-MM-DD`, blank for
    /// today), and this week's days left are planned as the graded return.
    pub fn back_from_setback(&mut self, on: &str) -> Outcome {
        let today = self.model.today;
        let Some(lasting) = lasting_on(&self.model.stored.setbacks, today).copied() else {
            return Outcome::failed("You're not marked ill or injured.");
        };
        let on = match day_or_today(on, today, "the day you were back") {
            Ok(d) => d,
            Err(why) => return Outcome::failed(why),
        };
        let ended = match lasting.back_on(on, today) {
            Ok(s) => s,
            Err(e) => return Outcome::failed(e),
        };
        let before = self.model.stored.setbacks.clone();
        let next: Vec<Setback> = before.iter().map(|s| if *s == lasting { ended } else { *s }).collect();
        let said = if ended.kind.needs_return() {
            format!(
                "Welcome back. From {}, the plan rebuilds gently: easy running only, from a share of your load \
                 before the break.",
                day_name(on)
            )
        } else {
            format!("Welcome back. From {}, the plan goes on as before.", day_name(on))
        };
        self.save_setbacks(before, next, &said, resume)
    }

    /// Saves `next` in place of `before`, re-plans this week (if it has a plan)
    /// with `replan`, and offers both back.
    fn save_setbacks(
        &mut self,
        before: Vec<Setback>,
        next: Vec<Setback>,
        said: &str,
        replan: impl FnOnce(&WeekPlan, &restride_core::plan::PlanInput<'_>, NaiveDate) -> WeekPlan,
    ) -> Outcome {
        if let Err(e) = self.store.save_setbacks(&next) {
            return Outcome::failed(e);
        }
        self.model.stored.setbacks = next;
        self.changed(SETBACKS);
        let stored = self.stored_week();
        let undo = Undo::RestoreSetbacks { setbacks: before, plan: stored.map(Box::new) };
        let mut outcome = Outcome::done(SETBACKS, Message::ok(said).with_undo(undo));
        if let Some(shown) = self.this_week() {
            let today = self.model.today;
            let rebuilt = self.build(shown.start, shown.start, |input| replan(&shown, input, today));
            let rebuilt = restride_core::plan::reflow(&rebuilt, today);
            self.write_plan_too(rebuilt, &mut outcome, "updated");
        }
        self.finish(outcome)
    }

    /// Writes this week's plan beside a setback change: the outcome says the plans
    /// changed, or that the plan couldn't be `done` (the setbacks are saved anyway).
    fn write_plan_too(&mut self, plan: WeekPlan, outcome: &mut Outcome, done: &str) {
        match self.write_plan(plan) {
            Ok(()) => outcome.changed.plans = true,
            Err(failed) => {
                let why = failed.errors().next().unwrap_or_default().to_string();
                outcome.say(Message::warning(format!("This week's plan couldn't be {done}: {why}")));
            }
        }
    }

    /// Puts the setbacks back as they were, and this week's plan with them (an undo).
    pub(crate) fn restore_setbacks(&mut self, setbacks: Vec<Setback>, plan: Option<WeekPlan>) -> Outcome {
        if let Err(e) = self.store.save_setbacks(&setbacks) {
            return Outcome::failed(e);
        }
        self.model.stored.setbacks = setbacks;
        let mut outcome = Outcome::done(SETBACKS, Message::ok("Put back as it was."));
        if let Some(plan) = plan {
            self.write_plan_too(plan, &mut outcome, "put back");
        }
        self.finish(outcome)
    }
}

#[cfg(test)]
mod tests {
    use restride_core::plan::{Adjustment, SessionStatus};
    use restride_store::KeyValue;

    use super::*;
    use crate::testing::{NEWER, TestApp, app, seasoned};

    fn on(a: &mut TestApp, local: &str) {
        a.device.set(local);
        let _ = a.refresh_today();
    }

    fn undo_of(o: &Outcome) -> Undo {
        o.messages.iter().find_map(|m| m.undo.clone()).unwrap()
    }

    #[test]
    fn ill_pauses_the_week_and_nothing_counts_as_missed() {
        let mut a = seasoned();
        let _ = a.plan_week();
        let planned = a.model.stored.plans.clone();
        let o = a.report_setback(SetbackKind::Ill, "");
        assert_eq!(
            o.messages[0].text,
            "Marked ill from Mon 23 Nov. Rest: the plan is paused and nothing counts as missed."
        );
        assert_eq!(o.changed, Changed { setbacks: true, plans: true, ..Changed::default() });
        assert_eq!(a.store.load().unwrap().setbacks, a.model.stored.setbacks);
        assert_eq!(a.store.load().unwrap().plans, a.model.stored.plans);
        assert!(matches!(a.setback_now(), Some(SetbackNow::Lasting(s)) if s.kind == SetbackKind::Ill));
        assert!(a.report().verdict.headline.starts_with("You are ill since Mon 23 Nov"));
        // Days later: nothing planned, nothing missed.
        on(&mut a, "2026-11-27T08:00:00+01:00");
        let week = a.this_week().unwrap();
        assert_eq!(week.active().count(), 0);
        assert!(
            week.sessions.iter().all(|s| !matches!(s.status, SessionStatus::Missed { .. })),
            "{:?}",
            week.sessions
        );
        assert!(week.adjustments.iter().any(|x| matches!(x, Adjustment::Paused { .. })));
        // Said twice: refused. Undone: the setback goes and the week is back.
        let again = a.report_setback(SetbackKind::Ill, "");
        assert_eq!(again.errors().collect::<Vec<_>>(), ["You're already marked ill since Mon 23 Nov."]);
        let _ = a.undo(undo_of(&o));
        assert!(a.model.stored.setbacks.is_empty());
        assert_eq!(a.model.stored.plans, planned);
        assert_eq!(a.store.load().unwrap().setbacks, Vec::new());
    }

    #[test]
    fn back_plans_the_days_left_as_the_graded_return() {
        let mut a = seasoned();
        let _ = a.plan_week();
        let _ = a.report_setback(SetbackKind::Injured, "2026-11-23");
        on(&mut a, "2026-11-26T08:00:00+01:00");
        let paused = a.model.stored.plans.clone();
        let o = a.back_from_setback("");
        assert!(o.messages[0].text.starts_with("Welcome back. From Thu 26 Nov, the plan rebuilds gently"));
        assert_eq!(o.changed, Changed { setbacks: true, plans: true, ..Changed::default() });
        let week = a.this_week().unwrap();
        restride_core::plan::check_rules(&week).unwrap();
        assert!(week.active().count() > 0, "{:?}", week.adjustments);
        assert!(week.active().all(|s| s.date >= a.model.today && !s.session.kind.is_quality()));
        assert!(week.sessions.iter().all(|s| !matches!(s.status, SessionStatus::Missed { .. })));
        let Some(SetbackNow::Returning(r)) = a.setback_now() else { panic!("{:?}", a.setback_now()) };
        assert_eq!((r.week, r.of, r.days_off), (1, 2, 3));
        assert!(SetbackNow::Returning(r).title() == "Week 1 of 2 back");
        assert!(SetbackNow::Returning(r).advice().contains("75 %"));
        assert!(week.adjustments.iter().any(|x| matches!(x, Adjustment::Return { week: 1, of: 2, .. })));
        // The radar reads again.
        assert!(!a.report().verdict.headline.starts_with("You are injured"));
        // Undone: injured again, the paused week back.
        let _ = a.undo(undo_of(&o));
        assert!(matches!(a.setback_now(), Some(SetbackNow::Lasting(_))));
        assert_eq!(a.model.stored.plans, paused);
    }

    #[test]
    fn a_cold_that_turns_into_a_fever_and_what_is_refused() {
        let mut a = app();
        assert_eq!(
            a.back_from_setback("").errors().collect::<Vec<_>>(),
            ["You're not marked ill or injured."]
        );
        for (from, why) in [
            ("2026-11-24", "Pick a first day from today back."),
            ("yesterday", "Pick the first day you were out."),
        ] {
            let o = a.report_setback(SetbackKind::Ill, from);
            assert_eq!(o.errors().collect::<Vec<_>>(), [why]);
            assert_eq!(o.changed, Changed::default());
        }
        let o = a.report_setback(SetbackKind::HeadCold, "2026-11-20");
        assert!(o.messages[0].text.contains("easy running is fine if you feel up to it"), "{:?}", o.messages);
        assert!(SetbackNow::Lasting(a.model.stored.setbacks[0]).advice().contains("neck check"));
        // A fever from Sunday: the cold ends that day and the illness begins.
        let _ = a.report_setback(SetbackKind::Ill, "2026-11-22");
        let kinds: Vec<_> =
            a.model.stored.setbacks.iter().map(|s| (s.kind, s.start.to_string(), s.end)).collect();
        assert_eq!(
            kinds,
            [
                (
                    SetbackKind::HeadCold,
                    "2026-11-20".to_string(),
                    chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
                ),
                (SetbackKind::Ill, "2026-11-22".to_string(), None),
            ]
        );
        let o = a.back_from_setback("2026-11-22");
        assert_eq!(
            o.errors().collect::<Vec<_>>(),
            ["The day you were back has to come after the first day you were out."]
        );
        let _ = a.back_from_setback("2026-11-23");
        // A new one can't start inside one already over.
        let o = a.report_setback(SetbackKind::Injured, "2026-11-21");
        assert!(o.errors().next().unwrap().starts_with("That overlaps the time you were nursing a cold"));
        // A newer version's list is not written over.
        a.store.backend().set("restride.setbacks", NEWER).unwrap();
        let o = a.report_setback(SetbackKind::Injured, "");
        assert!(o.is_error() && o.changed == Changed::default(), "{o:?}");
        assert_eq!(a.model.stored.setbacks.len(), 2);
    }
}
