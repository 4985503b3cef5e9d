//! The week's plan: build it, change it (skip, miss, move, swap; the rest of the
//! week re-flows, never crammed), realign it after misses, the race goal, and the
//! week taken out of the app (calendar file, share card). Every rule is in
//! `restride_core::plan`; this decides which week, with which inputs, and saves.

use chrono::{NaiveDate, Weekday};
use restride_core::Settings;
use restride_core::history::{usual_run_days, week_start_of};
use restride_core::plan::{
    IcsOptions, PlanError, PlanInput, PlannedSession, RaceGoal, RaceOutlook, SessionId, SessionKind,
    SessionStatus, WeekPlan, build_week, current_fitness, day_name, mark_missed, move_session, race_outlook,
    realign, reflow, resume, skip, swap, to_ics, week_summary,
};
use restride_core::units::parse_duration;
use restride_store::KeyValue;
use restride_store::repo::{GOAL_KEY, plan_key};

use crate::backup::Export;
use crate::outcome::{Changed, Message, Outcome, Undo};
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

    /// The sessions it changes itself.
    fn sessions(&self) -> [SessionId; 2] {
        match self {
            Self::Skip(id) | Self::Miss { session: id, .. } | Self::Move { session: id, .. } => [*id, *id],
            Self::Swap(a, b) => [*a, *b],
        }
    }

    /// What it did, from the week `before` and `after` it: the change itself, then
    /// every other session that changed with it (a missed quality session taken up
    /// by a later easy run), or that nothing else did.
    fn said(&self, before: &WeekPlan, after: &WeekPlan) -> String {
        let named = |id: SessionId| before.session(id).map_or_else(|| "that session".into(), what_and_when);
        let day_of = |id: SessionId| after.session(id).map_or_else(String::new, |s| day_name(s.date));
        let done = match self {
            Self::Skip(id) => format!("Skipped the {}.", named(*id)),
            Self::Miss { session, .. } => {
                format!("Marked the {} missed; it is not made up.", named(*session))
            }
            Self::Move { session, to } => {
                format!(
                    "Moved the {} to {}.",
                    before.session(*session).map_or("session", |s| what(s.session.kind)),
                    day_name(*to)
                )
            }
            Self::Swap(a, b) => {
                let kind = |id: SessionId| before.session(id).map_or("session", |s| what(s.session.kind));
                format!(
                    "Swapped: the {} is now on {} and the {} on {}.",
                    kind(*a),
                    day_of(*a),
                    kind(*b),
                    day_of(*b)
                )
            }
        };
        let others = changes_beside(before, after, &self.sessions());
        if others.is_empty() {
            format!("{done} The rest of the week stays as it is.")
        } else {
            format!("{done} {}", others.join(" "))
        }
    }
}

/// How a session reads in a sentence: "easy run", "hills session".
fn what(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::Easy => "easy run",
        SessionKind::Recovery => "recovery run",
        SessionKind::Long => "long run",
        SessionKind::Tempo => "tempo run",
        SessionKind::Intervals => "intervals session",
        SessionKind::Hills => "hills session",
        SessionKind::Strength => "strength session",
        SessionKind::Rest => "rest day",
    }
}

/// "easy run on Thu 26 Nov".
fn what_and_when(s: &PlannedSession) -> String {
    format!("{} on {}", what(s.session.kind), day_name(s.date))
}

/// Every session of `after` that changed from `before` other than `except`, in
/// plain sentences: a session that became another kind, was let go, or is past
/// its day and now counts as missed.
fn changes_beside(before: &WeekPlan, after: &WeekPlan, except: &[SessionId]) -> Vec<String> {
    let mut said = Vec::new();
    for was in before.sessions.iter().filter(|s| !except.contains(&s.id)) {
        match after.session(was.id) {
            None => said.push(format!("The {} is let go.", what_and_when(was))),
            Some(now)
                if now.session.kind != was.session.kind || now.session.minutes != was.session.minutes =>
            {
                let why = if now.session.kind.is_quality() && !was.session.kind.is_quality() {
                    ", so the week keeps its one quality session at no more load"
                } else {
                    ""
                };
                said.push(format!(
                    "The {} is now a {}-minute {}{why}.",
                    what_and_when(was),
                    now.session.minutes,
                    what(now.session.kind)
                ));
            }
            Some(now) if now.status != was.status && matches!(now.status, SessionStatus::Missed { .. }) => {
                said.push(format!("The {} is past and counts as missed.", what_and_when(was)));
            }
            Some(_) => {}
        }
    }
    said
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

pub(crate) const PLANS: Changed = Changed {
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

    /// The days the plan runs on, and whether they come from the runner's history:
    /// the days they picked in Settings, or until they do, the weekdays they have
    /// run on most over the last 8 weeks ([`usual_run_days`]), or with too little
    /// history the default days.
    pub fn run_days(&self) -> (Vec<Weekday>, bool) {
        let m = &self.model.stored;
        if !m.settings.run_days_chosen
            && let Some(days) = usual_run_days(&m.runs, self.model.today)
        {
            return (days, true);
        }
        (m.settings.run_days.clone(), false)
    }

    /// The settings a plan is built with: the runner's, with the run days of
    /// [`Self::run_days`].
    fn plan_settings(&self) -> Settings {
        Settings { run_days: self.run_days().0, ..self.model.stored.settings.clone() }
    }

    /// What a week's plan is built from: the runner's settings, runs, current
    /// fitness, goal and the radar's findings.
    pub(crate) fn build(
        &self,
        week_start: NaiveDate,
        first_day: NaiveDate,
        build: impl FnOnce(&PlanInput<'_>) -> WeekPlan,
    ) -> WeekPlan {
        let m = &self.model.stored;
        let report = self.report();
        let settings = self.plan_settings();
        build(&PlanInput {
            week_start,
            first_day,
            settings: &settings,
            runs: &m.runs,
            findings: &report.findings,
            fitness: current_fitness(&m.runs, self.model.today),
            goal: m.goal.as_ref(),
            setbacks: &m.setbacks,
        })
    }

    /// The week holding today: its first day.
    fn this_week_start(&self) -> NaiveDate {
        week_start_of(self.model.today, self.model.stored.settings.week_start)
    }

    /// This week's plan as stored (before today's re-flow), for an undo.
    pub(crate) fn stored_week(&self) -> Option<WeekPlan> {
        let start = self.this_week_start();
        let plans = &self.model.stored.plans;
        plans.binary_search_by_key(&start, |p| p.start).ok().and_then(|i| plans.get(i)).cloned()
    }

    /// Plans the week holding today, from today on (days already past get nothing).
    /// A plan already there is replaced, and the message offers it back.
    pub fn plan_week(&mut self) -> Outcome {
        let today = self.model.today;
        let plan = self.build(self.this_week_start(), today, build_week);
        let message = Message::ok("This week is planned.");
        let message = match self.stored_week() {
            Some(before) => message.with_undo(Undo::RestorePlan(Box::new(before))),
            None => message,
        };
        self.save_plan(plan, message)
    }

    /// Plans the days left of this week again from today (every session gone, or
    /// the runner asks): what became of the days before is kept, and the days
    /// left get what a week planned today would give them, never what was let go
    /// earlier (see `restride_core::plan::resume`). With no plan yet, plans the week.
    pub fn replan_week(&mut self) -> Outcome {
        let Some(shown) = self.this_week() else {
            return self.plan_week();
        };
        let today = self.model.today;
        let rebuilt = self.build(shown.start, shown.start, |input| resume(&shown, input, today));
        let rebuilt = reflow(&rebuilt, today);
        let text = if rebuilt.sessions.iter().any(|s| s.date >= today && s.status == SessionStatus::Planned) {
            "The rest of the week is planned again from today."
        } else {
            "Nothing more fits this week: the days left are rest days."
        };
        self.save_with_undo(rebuilt, text)
    }

    /// Changes a session of this week; the rest of the week re-flows, and the
    /// message says every session that changed. It can be undone.
    pub fn change_plan(&mut self, change: &PlanChange) -> Outcome {
        let Some(shown) = self.this_week() else {
            return Outcome::failed("There is no plan for this week.");
        };
        let today = self.model.today;
        // A day not yet come can be skipped, not missed.
        if let PlanChange::Miss { session, .. } = change
            && let Some(s) = shown.session(*session).filter(|s| s.date > today)
        {
            return Outcome::failed(format!(
                "{} hasn't come yet: skip the session if it won't happen.",
                day_name(s.date)
            ));
        }
        match change.apply(&shown) {
            Ok(changed) => {
                let after = reflow(&changed, today);
                let said = change.said(&shown, &after);
                self.save_with_undo(after, &said)
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
        self.save_with_undo(reflow(&rebuilt, today), "The rest of the week is re-planned from today.")
    }

    /// Saves this week's new plan; the message offers the stored one back.
    fn save_with_undo(&mut self, plan: WeekPlan, done: &str) -> Outcome {
        let message = Message::ok(done);
        let message = match self.stored_week() {
            Some(before) => message.with_undo(Undo::RestorePlan(Box::new(before))),
            None => message,
        };
        self.save_plan(plan, message)
    }

    /// Puts a week's plan back as it was (an undo).
    pub(crate) fn restore_plan(&mut self, plan: WeekPlan) -> Outcome {
        self.save_plan(plan, Message::ok("The week is back as it was."))
    }

    /// Saves a week's plan, replacing that week's earlier one.
    fn save_plan(&mut self, plan: WeekPlan, done: Message) -> Outcome {
        match self.write_plan(plan) {
            Ok(()) => self.finish(Outcome::done(PLANS, done)),
            Err(failed) => failed,
        }
    }

    /// Writes a week's plan over that week's earlier one as the runner saw it (not
    /// if another tab has changed it since) and takes it into the model; on
    /// failure nothing changed here.
    pub(crate) fn write_plan(&mut self, plan: WeekPlan) -> Result<(), Outcome> {
        let plans = &self.model.stored.plans;
        let at = plans.binary_search_by_key(&plan.start, |p| p.start);
        let base = at.ok().and_then(|i| plans.get(i));
        if let Err(e) = self.store.save_plan(&plan, base, self.device.now()) {
            return Err(self.refused(&e, &[plan_key(plan.start)]));
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
        Ok(())
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

    /// The race goal while it belongs on the Plan tab: ahead, or its race's
    /// recovery window not over (so "recover first" stays in view after the race).
    pub fn goal_shown(&self) -> Option<RaceGoal> {
        let m = &self.model.stored;
        m.goal.filter(|g| g.in_view(&m.runs, self.model.today))
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
    use crate::testing::{NEWER, TestApp, app, form, seasoned};

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

    /// The undo a change's message offers.
    fn undo_of(o: &Outcome) -> Undo {
        o.messages.iter().find_map(|m| m.undo.clone()).unwrap()
    }

    #[test]
    fn every_change_to_a_session_is_saved_said_as_it_is_and_undone() {
        let mut a = planned();
        let (tue, thu, sat) =
            (session_on(&a, "2026-11-24"), session_on(&a, "2026-11-26"), session_on(&a, "2026-11-28"));
        let planned_week = a.model.stored.plans.clone();
        let o = a.change_plan(&PlanChange::Swap(tue, sat));
        assert_eq!(
            o.messages[0].text,
            "Swapped: the easy run is now on Sat 28 Nov and the easy run on Tue 24 Nov. The rest of the week \
             stays as it is."
        );
        assert_eq!(a.this_week().unwrap().session(tue).unwrap().date, date("2026-11-28"));
        // Undone: the week as it was, in storage too.
        let undone = a.undo(undo_of(&o));
        assert_eq!(undone.messages[0].text, "The week is back as it was.");
        assert_eq!(undone.changed, PLANS);
        assert_eq!(a.model.stored.plans, planned_week);
        assert_eq!(a.store.load().unwrap().plans, planned_week);
        let o = a.change_plan(&PlanChange::Skip(thu));
        assert_eq!(
            o.messages[0].text,
            "Skipped the easy run on Thu 26 Nov. The rest of the week stays as it is."
        );
        assert_eq!(a.this_week().unwrap().session(thu).unwrap().status, SessionStatus::Skipped);
        let o = a.change_plan(&PlanChange::Move { session: sat, to: date("2026-11-25") });
        assert_eq!(
            o.messages[0].text,
            "Moved the easy run to Wed 25 Nov. The rest of the week stays as it is."
        );
        // A day not yet come can't be missed; today's session can.
        let o = a.change_plan(&PlanChange::Miss { session: sat, reason: None });
        assert_eq!(
            o.errors().collect::<Vec<_>>(),
            ["Wed 25 Nov hasn't come yet: skip the session if it won't happen."]
        );
        assert_eq!(o.changed, Changed::default());
        a.device.set("2026-11-25T20:00:00+01:00");
        let _ = a.refresh_today();
        let o = a.change_plan(&PlanChange::Miss { session: sat, reason: Some("No time".into()) });
        assert_eq!(
            o.messages[0].text,
            "Marked the easy run on Wed 25 Nov missed; it is not made up. The rest of the week stays as it is.",
            "Tuesday's session already showed as missed"
        );
        assert_eq!(
            a.this_week().unwrap().session(sat).unwrap().status,
            SessionStatus::Missed { reason: Some("No time".into()) }
        );
        assert_eq!(a.store.load().unwrap().plans, a.model.stored.plans);
    }

    #[test]
    fn a_skip_changes_nothing_else_and_a_miss_says_what_took_its_place() {
        let mut a = seasoned();
        let _ = a.plan_week();
        let shown = a.this_week().unwrap();
        let kinds: Vec<_> = shown.active().map(|s| s.session.kind).collect();
        assert!(kinds[0].is_quality() && kinds[1] == restride_core::plan::SessionKind::Easy, "{kinds:?}");
        let (quality, easy) = (shown.sessions[0].id, shown.sessions[1].id);
        // Skipping the week's quality session leaves Thursday's easy run easy.
        let o = a.change_plan(&PlanChange::Skip(quality));
        assert!(
            o.messages[0].text.ends_with("The rest of the week stays as it is."),
            "{}",
            o.messages[0].text
        );
        assert_eq!(a.this_week().unwrap().session(easy).unwrap().session, shown.sessions[1].session);
        let _ = a.undo(undo_of(&o));
        // Missed on its day: Thursday's easy run takes it up, and the message says so.
        a.device.set("2026-11-24T20:00:00+01:00");
        let _ = a.refresh_today();
        let o = a.change_plan(&PlanChange::Miss { session: quality, reason: None });
        let text = &o.messages[0].text;
        let thursday = a.this_week().unwrap().session(easy).unwrap().session.clone();
        assert!(thursday.kind.is_quality());
        assert!(
            text.contains(&format!(
                "The easy run on Thu 26 Nov is now a {}-minute {}, so the week keeps its one quality session at no \
                 more load.",
                thursday.minutes,
                what(thursday.kind)
            )),
            "{text}"
        );
    }

    #[test]
    fn the_week_can_always_be_planned_again() {
        let mut a = planned();
        for day in ["2026-11-24", "2026-11-26", "2026-11-28"] {
            let id = session_on(&a, day);
            let _ = a.change_plan(&PlanChange::Skip(id));
        }
        assert_eq!(a.this_week().unwrap().active().count(), 0);
        let before = a.model.stored.plans.clone();
        let o = a.replan_week();
        assert_eq!(o.messages[0].text, "The rest of the week is planned again from today.");
        let again = a.this_week().unwrap();
        assert_eq!(again.active().count(), 3);
        restride_core::plan::check_rules(&again).unwrap();
        let _ = a.undo(undo_of(&o));
        assert_eq!(a.model.stored.plans, before);
        // With no plan at all, it plans the week.
        let mut b = app();
        assert_eq!(b.replan_week().messages[0].text, "This week is planned.");
        // Planned again over a plan: offered back.
        let o = b.plan_week();
        assert!(matches!(undo_of(&o), Undo::RestorePlan(_)));
        // Storage refusing the plan: nothing changes.
        b.store.backend().set("restride.plan.2026-11-23", NEWER).unwrap();
        let o = b.replan_week();
        assert!(o.is_error() && o.changed == Changed::default());
    }

    #[test]
    fn run_days_come_from_the_history_until_the_runner_picks() {
        // Eight weeks of runs on Mon, Wed, Fri and Sun.
        let mut a = app();
        a.device.set("2026-11-23T06:00:00+01:00");
        for week in 0..8 {
            for back in [1, 3, 5, 7] {
                let d = date("2026-11-23") - chrono::Duration::days(week * 7 + back);
                let _ = a.log_run(&form(&format!("{d}T07:00"), "easy", "30:00", "5"), false).unwrap();
            }
        }
        use chrono::Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
        assert_eq!(a.run_days(), (vec![Mon, Wed, Fri, Sun], true));
        let _ = a.plan_week();
        let days: Vec<_> =
            a.this_week().unwrap().active().map(|s| chrono::Datelike::weekday(&s.date)).collect();
        assert!(days.iter().all(|d| [Mon, Wed, Fri, Sun].contains(d)) && !days.is_empty(), "{days:?}");
        // The first tap in Settings starts from those days, and from then on they are the runner's.
        let _ = a.change_settings(crate::SettingChange::ToggleRunDay(Tue));
        assert_eq!(a.run_days(), (vec![Mon, Tue, Wed, Fri, Sun], false));
        assert!(a.store.load().unwrap().settings.run_days_chosen);
        // Without history, the defaults.
        assert_eq!(app().run_days(), (vec![Tue, Thu, Sat], false));
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
        let before = a.model.stored.plans.clone();
        let o = a.realign();
        assert_eq!(
            o.messages,
            [Message::ok("The rest of the week is re-planned from today.")
                .with_undo(Undo::RestorePlan(Box::new(before[0].clone())))]
        );
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
        assert_eq!(a.goal_shown(), Some(set));
        // After the race, through its recovery window (about a day per km), then gone.
        a.device.set("2027-03-10T08:00:00+01:00");
        let _ = a.refresh_today();
        assert!(a.race_outlook(&set).recovery.is_some());
        assert_eq!(a.goal_shown(), Some(set));
        a.device.set("2027-03-20T08:00:00+01:00");
        let _ = a.refresh_today();
        assert_eq!(a.goal_shown(), None);
        a.device.set("2026-11-23T08:00:00+01:00");
        let _ = a.refresh_today();
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
