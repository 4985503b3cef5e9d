//! The week's plan: build it, change it (skip, miss, move, swap; the rest of the
//! week re-flows, never crammed), realign it after misses, the race goal, and the
//! week taken out of the app (calendar file, share card). Every rule is in
//! `restride_core::plan`; this decides which week, with which inputs, and saves.

use chrono::NaiveDate;
use restride_core::history::week_start_of;
use restride_core::plan::{
    IcsOptions, PlanError, PlanInput, RaceGoal, RaceOutlook, SessionId, WeekPlan, build_week,
    current_fitness, day_name, mark_missed, move_session, race_outlook, realign, reflow, skip, swap, to_ics,
    week_summary,
};
use restride_core::units::parse_duration;
use restride_store::KeyValue;
use restride_store::repo::{GOAL_KEY, plan_key};

use crate::backup::Export;
use crate::outcome::{Changed, Message, Outcome};
use crate::shown::this_week;
use crate::{App, Device};

/// Minutes before a session the calendar reminds the runner.
const REMINDER_MINUTES: u32 = 30;

/// A change to a planned session of this week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanChange {
    /// Let it go ahead of time.
    Skip(SessionId),
    /// It didn't happen, and perhaps why.
    Miss { session: SessionId, reason: Option<String> },
    /// To another day of the week.
    Move { session: SessionId, to: NaiveDate },
    /// Trade days with another planned session.
    Swap(SessionId, SessionId),
}

impl PlanChange {
    fn apply(&self, plan: &WeekPlan) -> Result<WeekPlan, PlanError> {
        match self {
            Self::Skip(id) => skip(plan, *id),
            Self::Miss { session, reason } => mark_missed(plan, *session, reason.as_deref()),
            Self::Move { session, to } => move_session(plan, *session, *to),
            Self::Swap(a, b) => swap(plan, *a, *b),
        }
    }

    fn done(&self) -> &'static str {
        match self {
            Self::Skip(_) => "Skipped; the rest of the week stays as it is.",
            Self::Miss { .. } => "Marked missed. The rest of the week is re-planned without cramming it in.",
            Self::Move { .. } => "Moved.",
            Self::Swap(..) => "Swapped.",
        }
    }
}

/// The race goal form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoalForm {
    /// Metres, as the distance picker's value ("10000", "21097.5").
    pub distance_m: String,
    /// `YYYY-MM-DD`, as a date input gives it.
    pub date: String,
    /// `h:mm:ss` or blank.
    pub target: String,
}

impl GoalForm {
    fn parse(&self, today: NaiveDate) -> Result<RaceGoal, String> {
        let distance_m = self.distance_m.trim().parse::<f64>().map_err(|_| "Pick a race distance.")?;
        let date =
            NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d").map_err(|_| "Pick the race day.")?;
        let target_s = match self.target.trim() {
            "" => None,
            t => Some(parse_duration(t).map_err(|e| format!("Target time: {e}"))?),
        };
        RaceGoal::new(distance_m, date, target_s, today).map_err(|e| e.to_string())
    }
}

/// A picture of the week to share: what it says and the file it goes out as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareCard {
    pub filename: String,
    pub title: String,
    pub lines: Vec<String>,
    pub footer: String,
}

impl ShareCard {
    /// The card as plain text, for the share sheet's text and for screen readers.
    pub fn text(&self) -> String {
        let mut text = self.title.clone();
        for line in &self.lines {
            text.push('\n');
            text.push_str(line);
        }
        text
    }
}

const PLANS: Changed = Changed {
    runs: false,
    wellness: false,
    settings: false,
    plans: true,
    goal: false,
    setbacks: false,
    problems: false,
    today: false,
};

impl<B: KeyValue, D: Device> App<B, D> {
    /// This week's plan as it stands today (see [`this_week`]).
    pub fn this_week(&self) -> Option<WeekPlan> {
        let m = &self.model.stored;
        this_week(&m.plans, &m.runs, &m.settings, self.model.today)
    }

    /// What a week's plan is built from: the runner's settings, runs, current
    /// fitness, goal and the radar's findings.
    fn build(
        &self,
        week_start: NaiveDate,
        first_day: NaiveDate,
        build: impl FnOnce(&PlanInput<'_>) -> WeekPlan,
    ) -> WeekPlan {
        let m = &self.model.stored;
        let report = self.report();
        build(&PlanInput {
            week_start,
            first_day,
            settings: &m.settings,
            runs: &m.runs,
            findings: &report.findings,
            fitness: current_fitness(&m.runs, self.model.today),
            goal: m.goal.as_ref(),
            setbacks: &m.setbacks,
        })
    }

    /// Plans the week holding today, from today on (days already past get nothing).
    pub fn plan_week(&mut self) -> Outcome {
        let today = self.model.today;
        let week_start = week_start_of(today, self.model.stored.settings.week_start);
        let plan = self.build(week_start, today, build_week);
        self.save_plan(plan, "This week is planned.")
    }

    /// Changes a session of this week; the rest of the week re-flows.
    pub fn change_plan(&mut self, change: &PlanChange) -> Outcome {
        let Some(shown) = self.this_week() else {
            return Outcome::failed("There is no plan for this week.");
        };
        match change.apply(&shown) {
            Ok(changed) => {
                let today = self.model.today;
                self.save_plan(reflow(&changed, today), change.done())
            }
            Err(e) => Outcome::failed(e),
        }
    }

    /// Re-plans the rest of this week from today after misses, without making up
    /// what was missed; the days before today are kept.
    pub fn realign(&mut self) -> Outcome {
        let Some(shown) = self.this_week() else {
            return Outcome::failed("There is no plan for this week.");
        };
        let today = self.model.today;
        // realign plans the whole week and keeps the days before today.
        let rebuilt = self.build(shown.start, shown.start, |input| realign(&shown, input, today));
        self.save_plan(reflow(&rebuilt, today), "The rest of the week is re-planned from today.")
    }

    /// Saves a week's plan, replacing that week's earlier one as the runner saw
    /// it (not if another tab has changed it since).
    fn save_plan(&mut self, plan: WeekPlan, done: &str) -> Outcome {
        let plans = &self.model.stored.plans;
        let at = plans.binary_search_by_key(&plan.start, |p| p.start);
        let base = at.ok().and_then(|i| plans.get(i));
        if let Err(e) = self.store.save_plan(&plan, base, self.device.now()) {
            return self.refused(&e, &[plan_key(plan.start)]);
        }
        let plans = &mut self.model.stored.plans;
        match at {
            Ok(i) => {
                if let Some(slot) = plans.get_mut(i) {
                    *slot = plan;
                }
            }
            Err(i) => plans.insert(i, plan),
        }
        self.finish(Outcome::done(PLANS, Message::ok(done)))
    }

    /// Sets the race goal from its form. Invalid input comes back as an error
    /// message, and nothing is saved.
    pub fn set_goal(&mut self, form: &GoalForm) -> Outcome {
        match form.parse(self.model.today) {
            Ok(goal) => self.save_goal(Some(goal)),
            Err(why) => Outcome::failed(why),
        }
    }

    pub fn clear_goal(&mut self) -> Outcome {
        self.save_goal(None)
    }

    fn save_goal(&mut self, goal: Option<RaceGoal>) -> Outcome {
        let base = self.model.stored.goal.as_ref();
        if let Err(e) = self.store.save_goal(goal.as_ref(), base, self.device.now()) {
            return self.refused(&e, &[GOAL_KEY.into()]);
        }
        self.model.stored.goal = goal;
        self.finish(Outcome { changed: Changed { goal: true, ..Changed::default() }, messages: Vec::new() })
    }

    /// The predicted time for `goal`, the gap to its target, the taper and warnings.
    pub fn race_outlook(&self, goal: &RaceGoal) -> RaceOutlook {
        let m = &self.model.stored;
        race_outlook(goal, &m.runs, &self.report().findings, self.model.today, m.settings.week_start)
    }

    /// This week's plan as a calendar file, with a reminder before each session.
    pub fn week_calendar(&self) -> Option<Export> {
        let plan = self.this_week()?;
        let options = IcsOptions {
            stamp: self.device.now(),
            reminder_minutes: REMINDER_MINUTES,
            unit: self.model.stored.settings.unit,
        };
        // A time skipped by a daylight-saving change has no offset: the one now will do.
        let fallback = self.device.offset_at(options.stamp);
        let contents =
            to_ics(&plan, &options, |local| self.device.local_offset_at(local).unwrap_or(fallback));
        Some(Export {
            filename: format!("restride-plan-{}.ics", plan.start.format("%Y-%m-%d")),
            mime: "text/calendar",
            contents,
        })
    }

    /// This week's summary card: runs, the plan kept, the best thing, the radar's verdict.
    pub fn week_card(&self) -> Option<ShareCard> {
        let plan = self.this_week()?;
        let m = &self.model.stored;
        let summary =
            week_summary(Some(&plan), &m.runs, plan.start, &self.report().verdict.headline, m.settings.unit);
        Some(ShareCard {
            filename: format!("restride-week-{}.png", plan.start.format("%Y-%m-%d")),
            title: format!("My running week · {}", day_name(plan.start)),
            lines: summary.lines,
            footer: "Restride".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use restride_core::plan::SessionStatus;
    use restride_store::KeyValue;

    use super::*;
    use crate::MessageKind;
    use crate::testing::{NEWER, TestApp, app, form};

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn planned() -> TestApp {
        let mut a = app();
        let o = a.plan_week();
        assert_eq!(o.messages, [Message::ok("This week is planned.")]);
        assert_eq!(o.changed, PLANS);
        a
    }

    fn session_on(a: &TestApp, day: &str) -> SessionId {
        a.this_week().unwrap().sessions.iter().find(|s| s.date == date(day)).unwrap().id
    }

    fn status_on(a: &TestApp, day: &str) -> Option<SessionStatus> {
        a.this_week().unwrap().on(date(day)).map(|s| s.status.clone())
    }

    #[test]
    fn a_week_is_planned_on_the_runners_days_and_saved() {
        let a = planned();
        let plan = a.this_week().unwrap();
        assert_eq!(plan.start, date("2026-11-23"));
        let days: Vec<String> = plan.active().map(|s| s.date.to_string()).collect();
        assert_eq!(days, ["2026-11-24", "2026-11-26", "2026-11-28"]);
        assert_eq!(a.store.load().unwrap().plans, a.model.stored.plans);
        // Planned again the same week: replaced, not added.
        let mut a = a;
        let _ = a.plan_week();
        assert_eq!(a.model.stored.plans.len(), 1);
    }

    #[test]
    fn every_change_to_a_session_is_saved_and_said() {
        let mut a = planned();
        let (tue, thu, sat) =
            (session_on(&a, "2026-11-24"), session_on(&a, "2026-11-26"), session_on(&a, "2026-11-28"));
        let o = a.change_plan(&PlanChange::Swap(tue, sat));
        assert_eq!(o.messages, [Message::ok("Swapped.")]);
        assert_eq!(a.this_week().unwrap().session(tue).unwrap().date, date("2026-11-28"));
        let o = a.change_plan(&PlanChange::Skip(thu));
        assert_eq!(o.messages, [Message::ok("Skipped; the rest of the week stays as it is.")]);
        assert_eq!(a.this_week().unwrap().session(thu).unwrap().status, SessionStatus::Skipped);
        let o = a.change_plan(&PlanChange::Move { session: sat, to: date("2026-11-25") });
        assert_eq!(o.messages, [Message::ok("Moved.")]);
        let o = a.change_plan(&PlanChange::Miss { session: sat, reason: Some("No time".into()) });
        assert_eq!(
            o.messages[0].text,
            "Marked missed. The rest of the week is re-planned without cramming it in."
        );
        assert_eq!(
            a.this_week().unwrap().session(sat).unwrap().status,
            SessionStatus::Missed { reason: Some("No time".into()) }
        );
        assert_eq!(a.store.load().unwrap().plans, a.model.stored.plans);
    }

    #[test]
    fn a_change_that_breaks_a_rule_or_has_no_plan_is_refused() {
        let mut a = app();
        let ghost = SessionId { week: date("2026-11-23"), n: 1 };
        assert_eq!(
            a.change_plan(&PlanChange::Skip(ghost)).errors().collect::<Vec<_>>(),
            ["There is no plan for this week."]
        );
        assert!(a.realign().is_error());
        let mut a = planned();
        let (tue, thu) = (session_on(&a, "2026-11-24"), session_on(&a, "2026-11-26"));
        let before = a.model.stored.plans.clone();
        let o = a.change_plan(&PlanChange::Move { session: tue, to: date("2026-11-26") });
        assert_eq!(o.messages[0].kind, MessageKind::Error);
        assert_eq!(o.changed, Changed::default());
        let o = a.change_plan(&PlanChange::Move { session: tue, to: date("2026-12-02") });
        assert!(o.errors().next().unwrap().contains("outside this plan's week"));
        let _ = a.change_plan(&PlanChange::Skip(thu));
        let again = a.change_plan(&PlanChange::Skip(thu));
        assert!(again.errors().next().unwrap().contains("already skipped"));
        assert_ne!(a.model.stored.plans, before);
        // A newer version's plan for the week is not overwritten.
        a.store.backend().set("restride.plan.2026-11-23", NEWER).unwrap();
        let o = a.change_plan(&PlanChange::Skip(tue));
        assert!(
            o.errors().next().unwrap().starts_with("The saved plan for the week of 2026-11-23 can't be read")
        );
        assert_eq!(a.this_week().unwrap().session(tue).unwrap().status, SessionStatus::Planned);
    }

    #[test]
    fn overdue_sessions_show_missed_and_realigning_replans_from_today() {
        let mut a = planned();
        // Friday: Tuesday's and Thursday's sessions never happened.
        a.device.set("2026-11-27T08:00:00+01:00");
        assert_eq!(a.refresh_today(), Changed { today: true, ..Changed::default() });
        let shown = a.this_week().unwrap();
        let missed =
            shown.sessions.iter().filter(|s| matches!(s.status, SessionStatus::Missed { .. })).count();
        assert_eq!(missed, 2);
        assert_eq!(status_on(&a, "2026-11-28"), Some(SessionStatus::Planned));
        let o = a.realign();
        assert_eq!(o.messages, [Message::ok("The rest of the week is re-planned from today.")]);
        let realigned = a.this_week().unwrap();
        let days: Vec<NaiveDate> = realigned.active().map(|s| s.date).collect();
        assert!(!days.is_empty() && days.iter().all(|d| *d >= date("2026-11-27")), "{days:?}");
        // What was missed stays on record and is not made up.
        let still_missed =
            realigned.sessions.iter().filter(|s| matches!(s.status, SessionStatus::Missed { .. }));
        assert_eq!(still_missed.count(), 2);
        assert!(realigned.planned_load() <= shown.planned_load());
        assert_eq!(a.store.load().unwrap().plans, a.model.stored.plans);
    }

    #[test]
    fn the_race_goal_is_read_from_its_form() {
        let mut a = app();
        let goal = |distance: &str, date: &str, target: &str| GoalForm {
            distance_m: distance.into(),
            date: date.into(),
            target: target.into(),
        };
        for (form, why) in [
            (goal("", "2027-03-07", ""), "Pick a race distance."),
            (goal("10000", "", ""), "Pick the race day."),
            (goal("10000", "2026-11-01", ""), "Pick a race day from today on."),
            (goal("500", "2027-03-07", ""), "Restride can plan for races from 1500 m to the marathon."),
        ] {
            assert_eq!(a.set_goal(&form).errors().collect::<Vec<_>>(), [why]);
        }
        assert!(
            a.set_goal(&goal("10000", "2027-03-07", "fast"))
                .errors()
                .next()
                .unwrap()
                .starts_with("Target time: ")
        );
        assert_eq!(a.model.stored.goal, None);
        let o = a.set_goal(&goal("10000", "2027-03-07", "50:00"));
        assert_eq!(o.changed, Changed { goal: true, ..Changed::default() });
        let set = a.model.stored.goal.unwrap();
        assert_eq!((set.distance_m, set.date, set.target_s), (10_000.0, date("2027-03-07"), Some(3000)));
        assert_eq!(a.store.load().unwrap().goal, Some(set));
        assert_eq!(a.race_outlook(&set).days_to_race, 104);
        let _ = a.clear_goal();
        assert_eq!((a.model.stored.goal, a.store.load().unwrap().goal), (None, None));
        // A newer version's goal is left alone.
        a.store.backend().set("restride.goal", NEWER).unwrap();
        assert!(
            a.set_goal(&goal("5000", "2027-03-07", ""))
                .errors()
                .next()
                .unwrap()
                .starts_with("The saved race goal")
        );
    }

    #[test]
    fn the_week_goes_out_as_a_calendar_file_and_a_card() {
        let mut a = app();
        assert_eq!((a.week_calendar(), a.week_card()), (None, None));
        let _ = a.plan_week();
        let ics = a.week_calendar().unwrap();
        assert_eq!((ics.filename.as_str(), ics.mime), ("restride-plan-2026-11-23.ics", "text/calendar"));
        assert_eq!(ics.contents.matches("BEGIN:VEVENT").count(), 3);
        assert!(ics.contents.contains("DTSTAMP:20261123T070000Z"));
        assert!(ics.contents.contains("TRIGGER:-PT30M"));
        a.device.set("2026-11-24T20:00:00+01:00");
        let _ = a.log_run(&form("2026-11-24T07:00", "easy", "20:00", "3"), false).unwrap();
        let card = a.week_card().unwrap();
        assert_eq!(card.filename, "restride-week-2026-11-23.png");
        assert_eq!(card.title, "My running week · Mon 23 Nov");
        assert_eq!(card.footer, "Restride");
        assert!(card.lines.iter().any(|l| l == "Plan: 1 of 3 sessions done"), "{:?}", card.lines);
        assert_eq!(card.lines.last(), Some(&a.report().verdict.headline));
        assert!(card.text().starts_with("My running week · Mon 23 Nov\n1 run"));
    }
}
