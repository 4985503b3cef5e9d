//! The app's state as the views see it: the runner's data, held once by the app
//! crate (`restride_app::App`), read through [`Part`]s that each track their own
//! change, and every operation forwarded to the app crate. An operation's
//! [`Outcome`] says which parts changed; only their readers are told, and the
//! component that asked shows its messages. Nothing here decides anything.
//!
//! Every operation that writes runs under the storage lock (`lock.rs`), so it
//! runs once the lock is granted, a moment later: it returns a [`Pending`] result,
//! and the component says what to do with it (`.then(…)`). First, what other tabs
//! wrote meanwhile is read in, so the operation starts from storage as it is.
//! Reads (what a screen shows, the backup file) need no lock.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, Weekday};
use leptos::prelude::*;
use restride_app::plans::{CompanyEffect, RaceGoal, RaceOutlook, WeekPlan};
use restride_app::shown::{self, WeekSoFar};
use restride_app::{
    Changed, Export, GoalForm, Imported, Model, Outcome, PlanChange, QuickLogError, SetbackNow,
    SettingChange, ShareCard, Undo,
};
use restride_core::analysis::Report;
use restride_core::analysis::next_step::NextStep;
use restride_core::analysis::trend::SignTrend;
use restride_core::consistency::Streak;
use restride_core::form::RunForm;
use restride_core::wellness::WellnessForm;
use restride_core::{FieldError, Run, RunId, Setback, SetbackKind, Settings, Wellness, WellnessProblem};
use restride_import::ImportSummary;
use restride_store::DeviceState;
use restride_store::{BackendError, Problem};

use crate::browser::{self, BrowserDevice};
use crate::lock::with_store_lock;
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

/// The result of an operation that runs once this tab holds the storage lock.
/// The operation runs whether or not anyone waits for it; `.then` says what to
/// do with its result (show its messages, leave the form).
#[must_use = "the operation runs anyway; `.then` shows what it did"]
pub struct Pending<T: 'static>(Rc<RefCell<Waiting<T>>>);

enum Waiting<T> {
    /// Not done yet; what to do with the result, once said.
    Running(Option<Box<dyn FnOnce(T)>>),
    /// Done before anyone said (kept until they do).
    Done(Option<T>),
}

impl<T: 'static> Pending<T> {
    fn new() -> Self {
        Self(Rc::new(RefCell::new(Waiting::Running(None))))
    }

    /// Already done (refused before anything had to wait).
    fn ready(value: T) -> Self {
        Self(Rc::new(RefCell::new(Waiting::Done(Some(value)))))
    }

    fn resolve(&self, value: T) {
        let then = match &mut *self.0.borrow_mut() {
            Waiting::Running(then) => then.take(),
            Waiting::Done(_) => None,
        };
        match then {
            Some(then) => then(value),
            None => *self.0.borrow_mut() = Waiting::Done(Some(value)),
        }
    }

    /// Calls `then` with the result once the operation has run.
    pub fn then(self, then: impl FnOnce(T) + 'static) {
        let done = match &mut *self.0.borrow_mut() {
            Waiting::Done(value) => value.take(),
            Waiting::Running(slot) => {
                *slot = Some(Box::new(then));
                return;
            }
        };
        if let Some(value) = done {
            then(value);
        }
    }
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
    /// Today's one answer: the next step and why. Follows the report, the goal and
    /// the setbacks (a race's recovery, a return).
    pub next_step: Memo<NextStep>,
    /// Each sign's last 12 weeks (the app crate keeps the past weeks between changes).
    pub trends: Memo<Shared<Vec<SignTrend>>>,
    /// Weeks in a row with the planned runs, as Today says it.
    pub streak: Memo<String>,
    /// This device's notes: the last backup, the reminder put off, dismissals.
    pub device: Part<DeviceState>,
    /// Whether the browser has promised to keep Restride's storage (`None`: it
    /// can't say, or hasn't yet).
    pub storage_kept: RwSignal<Option<bool>>,
    /// Whether Restride runs as an installed app (from the home screen).
    pub installed: bool,
    /// The reminder to back up, when one is due.
    pub backup_reminder: Memo<Option<String>>,
    /// Keys other tabs wrote that this one hasn't read yet (`None`: none waiting);
    /// read together, a moment after the first, or before the next operation.
    unread: StoredValue<Option<Unread>>,
}

/// What other tabs wrote, waiting to be read.
#[derive(Debug, Default)]
struct Unread {
    keys: BTreeSet<String>,
    /// Storage was cleared, or said nothing of which key: read everything.
    everything: bool,
}

/// How long after another tab's first write this one reads what changed: long
/// enough to take a burst of writes (an import's months) in one go.
const READ_OTHER_TABS_AFTER: Duration = Duration::from_millis(150);

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
        let device = Part::new(core, |m| &m.device);
        let storage_kept = RwSignal::new(None);
        let installed = browser::installed();
        let backup_reminder = Memo::new(move |_| {
            today.track();
            let at_risk = !installed && storage_kept.get() != Some(true);
            let now = core.with_value(Core::now);
            device.with(|d| runs.with(|r| shown::backup_reminder(d, r, now, at_risk)))
        });
        let goal = Part::new(core, |m| &m.stored.goal);
        let next_step = Memo::new(move |_| {
            report.track();
            goal.track();
            core.with_value(Core::next_step)
        });
        let trends = Memo::new(move |_| {
            report.track();
            Shared(core.with_value(Core::trends))
        });
        let streak = Memo::new(move |_| {
            let today = today.get();
            plans.with(|p| {
                runs.with(|r| {
                    setbacks.with(|s| {
                        wellness.with(|w| settings.with(|set| Streak::of(r, p, s, w, set, today).sentence()))
                    })
                })
            })
        });
        let state = Self {
            core,
            runs,
            wellness,
            settings,
            plans,
            goal,
            setbacks,
            problems: Part::new(core, |m| &m.stored.problems),
            today,
            storage_unavailable: RwSignal::new(unavailable.or(unlisted)),
            toasts: Toasts::default(),
            editing: RwSignal::new(None),
            report,
            company,
            misses,
            next_step,
            trends,
            streak,
            device,
            storage_kept,
            installed,
            backup_reminder,
            unread: StoredValue::new(None),
        };
        // First, under the lock: unreadable data found on loading moved aside
        // (read again first), and, at the first launch, the browser asked to keep
        // Restride's storage; then what the browser says about it.
        state.locked(|c| (c.set_aside_unreadable(), c.persistence_to_ask()), |(o, _)| Some(o)).then(
            move |(_, ask)| {
                if ask {
                    browser::ask_to_keep_storage(storage_kept);
                } else {
                    browser::is_storage_kept(storage_kept);
                }
            },
        );
        state
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

    /// Runs an operation once this tab holds the storage lock, after reading what
    /// other tabs wrote meanwhile, and refreshes what it changed (and moves aside
    /// any unreadable data it turned up, under the same lock).
    fn locked<R: 'static>(
        &self,
        op: impl FnOnce(&mut Core) -> R + 'static,
        outcome: fn(&R) -> Option<&Outcome>,
    ) -> Pending<R> {
        let pending = Pending::new();
        let done = Pending(Rc::clone(&pending.0));
        let state = *self;
        with_store_lock(move || {
            state.read_other_tabs();
            let Some(result) = state.core.try_update_value(op) else { return };
            state.after(outcome(&result).map(|o| o.changed));
            done.resolve(result);
        });
        pending
    }

    /// After an operation (the lock held): refreshes what it changed, and moves
    /// aside any unreadable data it turned up.
    fn after(&self, changed: Option<Changed>) {
        if let Some(changed) = changed {
            self.refresh(changed);
            if changed.problems {
                self.set_aside_now();
            }
        }
    }

    /// Runs an operation that returns an outcome, under the lock.
    fn apply(&self, op: impl FnOnce(&mut Core) -> Outcome + 'static) -> Pending<Outcome> {
        self.locked(op, |o: &Outcome| Some(o))
    }

    fn read<R>(&self, f: impl FnOnce(&Core) -> R) -> R {
        self.core.with_value(f)
    }

    /// Another tab wrote `key` (`None`: it cleared storage). Read a moment later,
    /// with whatever else it writes meanwhile, so a burst of writes (an import's
    /// two hundred months) is read once, key by key, not reloaded whole each time.
    pub fn other_tab_wrote(&self, key: Option<String>) {
        let first = self.unread.with_value(Option::is_none);
        self.unread.update_value(|unread| {
            let unread = unread.get_or_insert_with(Unread::default);
            match key {
                Some(key) => {
                    unread.keys.insert(key);
                }
                None => unread.everything = true,
            }
        });
        if first {
            let state = *self;
            set_timeout(
                move || {
                    if state.read_other_tabs() {
                        let _ = state.set_aside();
                    }
                },
                READ_OTHER_TABS_AFTER,
            );
        }
    }

    /// Reads what other tabs wrote and this one hasn't read yet; whether it turned
    /// up unreadable data to move aside.
    fn read_other_tabs(&self) -> bool {
        let Some(unread) = self.unread.try_update_value(Option::take).flatten() else {
            return false;
        };
        let read = self
            .core
            .try_update_value(|c| if unread.everything { c.reload() } else { c.reload_keys(&unread.keys) });
        if unread.everything || unread.keys.contains(restride_store::repo::DEVICE_KEY) {
            self.device.changed.notify();
        }
        match read {
            Some(Ok(changed)) => {
                self.refresh(changed);
                changed.problems && self.problems.with_untracked(|p| p.iter().any(|p| p.to_set_aside()))
            }
            Some(Err(e)) => {
                self.storage_unavailable.set(Some(e));
                false
            }
            None => false,
        }
    }

    /// Moves unreadable data aside, under the lock.
    fn set_aside(&self) -> Pending<Outcome> {
        self.apply(Core::set_aside_unreadable)
    }

    /// Moves unreadable data aside now (the caller holds the lock).
    fn set_aside_now(&self) {
        let needed = self.problems.with_untracked(|p| p.iter().any(|p| p.to_set_aside()));
        if needed && let Some(outcome) = self.core.try_update_value(Core::set_aside_unreadable) {
            self.refresh(outcome.changed);
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

    pub fn log_run(&self, form: &RunForm, pace_confirmed: bool) -> Pending<Result<Outcome, Vec<FieldError>>> {
        let form = form.clone();
        self.locked(move |c| c.log_run(&form, pace_confirmed), |r| r.as_ref().ok())
    }

    /// Saves an edit of `original`, the run as the form was opened on: refused if
    /// another tab has changed or deleted it since.
    pub fn edit_run(
        &self,
        original: &Run,
        form: &RunForm,
        pace_confirmed: bool,
    ) -> Pending<Result<Outcome, Vec<FieldError>>> {
        let (original, form) = (original.clone(), form.clone());
        self.locked(move |c| c.edit_run(&original, &form, pace_confirmed), |r| r.as_ref().ok())
    }

    /// Logs the usual run again; `another` once the runner said a run logged
    /// within the hour was a different one.
    pub fn quick_log(
        &self,
        usual: &Run,
        rpe: Option<u8>,
        feel: Option<u8>,
        another: bool,
    ) -> Pending<Result<Outcome, QuickLogError>> {
        let usual = usual.clone();
        self.locked(move |c| c.quick_log(&usual, rpe, feel, another), |r| r.as_ref().ok())
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

    pub fn delete_run(&self, id: &RunId) -> Pending<Outcome> {
        let id = id.clone();
        self.apply(move |c| c.delete_run(&id))
    }

    pub fn undo(&self, undo: Undo) -> Pending<Outcome> {
        self.apply(move |c| c.undo(undo))
    }

    pub fn check_in_form(&self, existing: Option<&Wellness>) -> WellnessForm {
        self.read(|c| c.check_in_form(existing))
    }

    pub fn check_in(
        &self,
        form: &WellnessForm,
        unwell: Option<SetbackKind>,
    ) -> Pending<Result<Outcome, Vec<WellnessProblem>>> {
        let form = form.clone();
        self.locked(move |c| c.check_in(&form, unwell), |r| r.as_ref().ok())
    }

    /// "I'm ill / injured / a cold" from `from` (`YYYY-MM-DD`, blank for today).
    pub fn report_setback(&self, kind: SetbackKind, from: &str) -> Pending<Outcome> {
        let from = from.to_string();
        self.apply(move |c| c.report_setback(kind, &from))
    }

    /// "I'm back" on `on` (`YYYY-MM-DD`, blank for today).
    pub fn back_from_setback(&self, on: &str) -> Pending<Outcome> {
        let on = on.to_string();
        self.apply(move |c| c.back_from_setback(&on))
    }

    /// The setback lasting today, or the return week; follows the setbacks, settings and date.
    pub fn setback_now(&self) -> Option<SetbackNow> {
        self.setbacks.track();
        self.settings.track();
        self.today.track();
        self.read(Core::setback_now)
    }

    /// The days the plan runs on, and whether they come from the history; follows
    /// the runs, settings and date.
    pub fn run_days(&self) -> (Vec<Weekday>, bool) {
        self.runs.track();
        self.settings.track();
        self.today.track();
        self.read(Core::run_days)
    }

    pub fn change_settings(&self, change: SettingChange) -> Pending<Outcome> {
        self.apply(move |c| c.change_settings(change))
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

    pub fn plan_week(&self) -> Pending<Outcome> {
        self.apply(Core::plan_week)
    }

    pub fn change_plan(&self, change: &PlanChange) -> Pending<Outcome> {
        let change = change.clone();
        self.apply(move |c| c.change_plan(&change))
    }

    pub fn realign(&self) -> Pending<Outcome> {
        self.apply(Core::realign)
    }

    /// Plans the days left of this week again from today.
    pub fn replan_week(&self) -> Pending<Outcome> {
        self.apply(Core::replan_week)
    }

    pub fn set_goal(&self, form: &GoalForm) -> Pending<Outcome> {
        let form = form.clone();
        self.apply(move |c| c.set_goal(&form))
    }

    pub fn clear_goal(&self) -> Pending<Outcome> {
        self.apply(Core::clear_goal)
    }

    /// The race goal while it belongs on the Plan tab; follows the goal, runs and date.
    pub fn goal_shown(&self) -> Option<RaceGoal> {
        self.goal.track();
        self.runs.track();
        self.today.track();
        self.read(Core::goal_shown)
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

    /// Saves what the import worker read, all or nothing: made into runs and
    /// merged now, written under the lock (merged again if another tab wrote
    /// meanwhile).
    pub fn import_activities(
        &self,
        summary: ImportSummary,
        keep_cross_training: bool,
    ) -> Pending<(Imported, Outcome)> {
        let Some(prepared) = self.core.try_with_value(|c| c.prepare_import(summary, keep_cross_training))
        else {
            return Pending::ready((Imported::default(), Outcome::default()));
        };
        self.locked(move |c| c.commit_import(prepared), |(_, o)| Some(o))
    }

    /// Everything stored, as a backup file (a read: no lock).
    pub fn backup(&self) -> Result<Export, String> {
        self.read(Core::backup)
    }

    /// Now, by the app's clock.
    pub fn read_now(&self) -> chrono::DateTime<chrono::Utc> {
        self.read(Core::now)
    }

    /// Notes that a backup was just downloaded.
    pub fn record_backup(&self) -> Pending<Outcome> {
        self.device_change(Core::record_backup)
    }

    /// Puts the reminder to back up off for its interval.
    pub fn put_off_backup_reminder(&self) -> Pending<Outcome> {
        self.device_change(Core::put_off_backup_reminder)
    }

    /// Hides the banner about unreadable data kept at `key`.
    pub fn dismiss_problem(&self, key: &str) -> Pending<Outcome> {
        let key = key.to_string();
        self.device_change(move |c| c.dismiss_problem(&key))
    }

    fn device_change(&self, op: impl FnOnce(&mut Core) -> Outcome + 'static) -> Pending<Outcome> {
        let device = self.device;
        let pending = Pending::new();
        let done = Pending(Rc::clone(&pending.0));
        self.apply(op).then(move |outcome| {
            device.changed.notify();
            done.resolve(outcome);
        });
        pending
    }

    /// Asks the browser again to keep Restride's storage (Settings).
    pub fn ask_to_keep_storage(&self) {
        browser::ask_to_keep_storage(self.storage_kept);
    }

    pub fn runs_csv(&self) -> Export {
        self.read(Core::runs_csv)
    }

    /// Imports the backup file `name` (its text): read and merged now (a large
    /// file takes a while, and no other tab waits for it), written under the
    /// lock, merged again first if another tab wrote meanwhile.
    pub fn restore_backup(&self, name: &str, text: &str) -> Pending<Outcome> {
        match self.core.try_with_value(|c| c.prepare_restore(name, text)) {
            Some(Ok(prepared)) => self.apply(move |c| c.commit_restore(prepared)),
            Some(Err(refused)) => Pending::ready(refused),
            None => Pending::ready(Outcome::default()),
        }
    }

    /// The stored bytes under `key`, for download.
    pub fn raw(&self, key: &str) -> Option<String> {
        self.read(|c| c.raw(key))
    }

    pub fn discard(&self, key: &str) -> Pending<Outcome> {
        let key = key.to_string();
        self.apply(move |c| c.discard(&key))
    }
}

/// The state provided at the root.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
