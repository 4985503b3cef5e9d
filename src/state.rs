//! The app's state as the views see it: the runner's data, held once by the app
//! crate (`restride_app::App`), read through [`Part`]s that each track their own
//! change, and every operation forwarded to the app crate. An operation's
//! [`Outcome`] says which parts changed; only their readers are told, and the
//! component that asked shows its messages. Nothing here decides anything.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use restride_app::plans::{CompanyEffect, RaceGoal, RaceOutlook, WeekPlan};
use restride_app::shown::{self, WeekSoFar};
use restride_app::{
    Changed, Export, GoalForm, Imported, Model, Outcome, PlanChange, QuickLogError, SettingChange, ShareCard,
    Undo,
};
use restride_core::analysis::Report;
use restride_core::form::RunForm;
use restride_core::wellness::WellnessForm;
use restride_core::{FieldError, Run, RunId, Setback, Settings, Wellness};
use restride_import::ImportSummary;
use restride_store::{BackendError, Problem};

use crate::browser::{self, BrowserDevice};
use crate::storage::AppBackend;
use crate::toast::Toasts;

type Core = restride_app::App<AppBackend, BrowserDevice>;

/// A value read without copying it, equal only to itself: reading a Memo of it
/// clones a pointer, and comparing it compares pointers, so a Memo of it notifies
/// whenever it is recomputed. (The radar's report was deep-copied and deep-compared
/// on every visit to Today.) Finer Memos downstream compare the parts they show.
#[derive(Debug)]
pub struct Shared<T>(Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// One part of the model (the runs, the settings, …), read in place from the app
/// crate and tracked like a signal: reading it in a view or Memo subscribes to
/// that part's changes only.
pub struct Part<T: 'static> {
    core: StoredValue<Core, LocalStorage>,
    changed: Trigger,
    read: fn(&Model) -> &T,
}

impl<T> Clone for Part<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Part<T> {}

impl<T: 'static> Part<T> {
    fn new(core: StoredValue<Core, LocalStorage>, read: fn(&Model) -> &T) -> Self {
        Self { core, changed: Trigger::new(), read }
    }

    /// Subscribes to this part without reading it.
    pub fn track(&self) {
        self.changed.track();
    }

    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.track();
        self.with_untracked(f)
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.core.with_value(|core| f((self.read)(core.model())))
    }

    pub fn get(&self) -> T
    where
        T: Clone,
    {
        self.with(T::clone)
    }

    pub fn get_untracked(&self) -> T
    where
        T: Clone,
    {
        self.with_untracked(T::clone)
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    core: StoredValue<Core, LocalStorage>,
    /// Newest first.
    pub runs: Part<Vec<Run>>,
    /// Newest first, one per date.
    pub wellness: Part<Vec<Wellness>>,
    pub settings: Part<Settings>,
    /// Planned weeks, oldest first.
    pub plans: Part<Vec<WeekPlan>>,
    pub goal: Part<Option<RaceGoal>>,
    /// Illnesses and injuries, oldest first.
    pub setbacks: Part<Vec<Setback>>,
    pub problems: Part<Vec<Problem>>,
    /// The runner's local date, moved on when the app comes back into view.
    pub today: Part<NaiveDate>,
    /// Why the browser's storage can't be used, if it can't.
    pub storage_unavailable: RwSignal<Option<BackendError>>,
    pub toasts: Toasts,
    /// The run open in the Log form for editing.
    pub editing: RwSignal<Option<RunId>>,
    /// The Rut Radar's analysis. Kept here, not in the Today page, so it is redone
    /// only when the runs, check-ins, settings or date change, not on every visit;
    /// shared with the app crate, which builds plans from the same report.
    pub report: Memo<Shared<Report>>,
    /// Runs with company against runs alone, for the radar; kept here for the same reason.
    pub company: Memo<CompanyEffect>,
    /// Why planned sessions get missed, in a sentence, when the plan shows a pattern.
    pub misses: Memo<Option<String>>,
    persist_requested: StoredValue<bool>,
}

impl AppState {
    pub fn load() -> Self {
        let (backend, unavailable) = AppBackend::open();
        let (core, unlisted) = Core::open(backend, BrowserDevice);
        let core = StoredValue::new_local(core);
        let runs = Part::new(core, |m| &m.stored.runs);
        let wellness = Part::new(core, |m| &m.stored.wellness);
        let settings = Part::new(core, |m| &m.stored.settings);
        let plans = Part::new(core, |m| &m.stored.plans);
        let setbacks = Part::new(core, |m| &m.stored.setbacks);
        let today = Part::new(core, |m| &m.today);
        let report = Memo::new(move |_| {
            runs.track();
            wellness.track();
            setbacks.track();
            settings.track();
            today.track();
            Shared(core.with_value(Core::report))
        });
        let company = Memo::new(move |_| plans.with(|p| runs.with(|r| shown::company(p, r, today.get()))));
        let misses = Memo::new(move |_| plans.with(|p| shown::misses(p, today.get())));
        Self {
            core,
            runs,
            wellness,
            settings,
            plans,
            goal: Part::new(core, |m| &m.stored.goal),
            setbacks,
            problems: Part::new(core, |m| &m.stored.problems),
            today,
            storage_unavailable: RwSignal::new(unavailable.or(unlisted)),
            toasts: Toasts::default(),
            editing: RwSignal::new(None),
            report,
            company,
            misses,
            persist_requested: StoredValue::new(false),
        }
    }

    /// Tells the readers of each part that changed.
    fn refresh(&self, changed: Changed) {
        let parts = [
            (changed.runs, self.runs.changed),
            (changed.wellness, self.wellness.changed),
            (changed.settings, self.settings.changed),
            (changed.plans, self.plans.changed),
            (changed.goal, self.goal.changed),
            (changed.setbacks, self.setbacks.changed),
            (changed.problems, self.problems.changed),
            (changed.today, self.today.changed),
        ];
        for (_, trigger) in parts.into_iter().filter(|(changed, _)| *changed) {
            trigger.notify();
        }
    }

    /// Runs an operation and refreshes what it changed.
    fn act<R>(&self, op: impl FnOnce(&mut Core) -> R, outcome: impl Fn(&R) -> Option<&Outcome>) -> Option<R> {
        let result = self.core.try_update_value(op)?;
        if let Some(changed) = outcome(&result).map(|o| o.changed) {
            self.refresh(changed);
            if changed.runs || changed.wellness {
                self.request_persistence();
            }
        }
        Some(result)
    }

    /// Runs an operation that returns an outcome.
    fn apply(&self, op: impl FnOnce(&mut Core) -> Outcome) -> Outcome {
        self.act(op, |o: &Outcome| Some(o)).unwrap_or_default()
    }

    fn read<R>(&self, f: impl FnOnce(&Core) -> R) -> R {
        self.core.with_value(f)
    }

    /// Re-reads storage, e.g. after another tab wrote to it.
    pub fn reload(&self) {
        match self.core.try_update_value(Core::reload) {
            Some(Ok(changed)) => self.refresh(changed),
            Some(Err(e)) => self.storage_unavailable.set(Some(e)),
            None => {}
        }
    }

    /// Moves the date on if the day has changed (the app is back in view).
    /// The same day changes nothing, so nothing is redone.
    pub fn refresh_today(&self) {
        if let Some(changed) = self.core.try_update_value(Core::refresh_today) {
            self.refresh(changed);
        }
    }

    pub fn run(&self, id: &RunId) -> Option<Run> {
        self.read(|c| c.run(id).cloned())
    }

    /// The Log form's starting values, for `editing` or a new run.
    pub fn run_form(&self, editing: Option<&Run>) -> RunForm {
        self.read(|c| c.run_form(editing))
    }

    /// Earlier routes, for the Log form's suggestions.
    pub fn recent_routes(&self) -> Vec<String> {
        self.read(Core::recent_routes)
    }

    /// The run the quick check-in offers now; follows the runs.
    pub fn usual_run(&self) -> Option<Run> {
        self.runs.track();
        self.read(|c| c.usual_run().cloned())
    }

    pub fn log_run(&self, form: &RunForm, pace_confirmed: bool) -> Result<Outcome, Vec<FieldError>> {
        self.act(|c| c.log_run(form, pace_confirmed), |r| r.as_ref().ok())
            .unwrap_or_else(|| Ok(Outcome::default()))
    }

    pub fn edit_run(
        &self,
        original: &Run,
        form: &RunForm,
        pace_confirmed: bool,
    ) -> Result<Outcome, Vec<FieldError>> {
        self.act(|c| c.edit_run(original, form, pace_confirmed), |r| r.as_ref().ok())
            .unwrap_or_else(|| Ok(Outcome::default()))
    }

    /// Logs the usual run again; `another` once the runner said a run logged
    /// within the hour was a different one.
    pub fn quick_log(
        &self,
        usual: &Run,
        rpe: Option<u8>,
        feel: Option<u8>,
        another: bool,
    ) -> Result<Outcome, QuickLogError> {
        self.act(|c| c.quick_log(usual, rpe, feel, another), |r| r.as_ref().ok())
            .unwrap_or_else(|| Ok(Outcome::default()))
    }

    /// A run that ended within the last hour, if any; follows the runs.
    pub fn logged_within_the_hour(&self) -> Option<Run> {
        self.runs.track();
        self.read(|c| c.logged_within_the_hour().cloned())
    }

    /// The start of a run just finished that took `duration` (as typed).
    pub fn run_start_for(&self, duration: &str) -> String {
        self.read(|c| c.run_start_for(duration))
    }

    pub fn delete_run(&self, id: &RunId) -> Outcome {
        self.apply(|c| c.delete_run(id))
    }

    pub fn undo(&self, undo: Undo) -> Outcome {
        self.apply(|c| c.undo(undo))
    }

    pub fn check_in_form(&self, existing: Option<&Wellness>) -> WellnessForm {
        self.read(|c| c.check_in_form(existing))
    }

    pub fn check_in(&self, form: &WellnessForm) -> Result<Outcome, Vec<String>> {
        self.act(|c| c.check_in(form), |r| r.as_ref().ok()).unwrap_or_else(|| Ok(Outcome::default()))
    }

    pub fn change_settings(&self, change: SettingChange) -> Outcome {
        self.apply(|c| c.change_settings(change))
    }

    /// Totals of the runner's week so far; follows the runs, settings and date.
    pub fn week_so_far(&self) -> WeekSoFar {
        let today = self.today.get();
        self.settings.with(|s| self.runs.with(|r| shown::week_so_far(r, s, today)))
    }

    /// This week's plan as it stands today; follows the plans, runs, settings and date.
    pub fn this_week(&self) -> Option<WeekPlan> {
        let today = self.today.get();
        self.plans.with(|p| self.runs.with(|r| self.settings.with(|s| shown::this_week(p, r, s, today))))
    }

    /// Whether to offer realigning the week after misses.
    pub fn realign_offered(&self) -> bool {
        let today = self.today.get();
        self.plans.with(|p| shown::realign_offered(p, today))
    }

    pub fn plan_week(&self) -> Outcome {
        self.apply(Core::plan_week)
    }

    pub fn change_plan(&self, change: &PlanChange) -> Outcome {
        self.apply(|c| c.change_plan(change))
    }

    pub fn realign(&self) -> Outcome {
        self.apply(Core::realign)
    }

    pub fn set_goal(&self, form: &GoalForm) -> Outcome {
        self.apply(|c| c.set_goal(form))
    }

    pub fn clear_goal(&self) -> Outcome {
        self.apply(Core::clear_goal)
    }

    pub fn race_outlook(&self, goal: &RaceGoal) -> RaceOutlook {
        self.read(|c| c.race_outlook(goal))
    }

    pub fn week_calendar(&self) -> Option<Export> {
        self.read(Core::week_calendar)
    }

    pub fn week_card(&self) -> Option<ShareCard> {
        self.read(Core::week_card)
    }

    /// Saves what the import worker read, all or nothing.
    pub fn import_activities(
        &self,
        summary: ImportSummary,
        keep_cross_training: bool,
    ) -> (Imported, Outcome) {
        self.act(|c| c.import_activities(summary, keep_cross_training), |(_, o)| Some(o)).unwrap_or_default()
    }

    pub fn backup(&self) -> Export {
        self.read(Core::backup)
    }

    pub fn runs_csv(&self) -> Export {
        self.read(Core::runs_csv)
    }

    pub fn restore_backup(&self, name: &str, text: &str) -> Outcome {
        self.apply(|c| c.restore_backup(name, text))
    }

    /// The stored bytes under `key`, for download.
    pub fn raw(&self, key: &str) -> Option<String> {
        self.read(|c| c.raw(key))
    }

    pub fn discard(&self, key: &str) -> Outcome {
        self.apply(|c| c.discard(key))
    }

    /// Asks the browser to keep our storage, once, when a runner has data worth keeping.
    fn request_persistence(&self) {
        if !self.persist_requested.get_value() {
            self.persist_requested.set_value(true);
            browser::request_persistent_storage();
        }
    }
}

/// The state provided at the root.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
