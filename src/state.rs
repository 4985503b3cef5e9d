//! The app's shared state: what was loaded from storage, kept in signals, and the
//! few operations that change it. Each operation writes storage first and updates
//! the signals only once the write succeeded, so the screen never shows a run that
//! isn't saved.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use restride_core::analysis::{Report, analyze};
use restride_core::history::sort_newest_first;
use restride_core::plan::{CompanyEffect, RaceGoal, WeekPlan, company_effect, diagnose_misses, tick};
use restride_core::{Run, RunId, Settings, Wellness};
use restride_store::{
    BackendError, MergeCounts, Problem, RestoreReport, SaveError, Store, export_backup, export_runs_csv,
    parse_backup,
};

use crate::storage::AppBackend;

/// What "Undo" on a toast does.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    /// Put back a deleted run.
    Restore(Run),
    /// Take back a run that was just saved.
    Remove(RunId),
}

/// A short message at the bottom of the screen, optionally with an undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub message: String,
    pub undo: Option<Undo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Today,
    Log,
    History,
    Plan,
    Settings,
    /// The Progress charts: a page of its own, reached from Today and History.
    Progress,
    /// Importing from a watch or Strava, reached from History and Today.
    Import,
}

impl Tab {
    /// The tabs in the bottom navigation.
    pub const ALL: [Self; 5] = [Self::Today, Self::Log, Self::History, Self::Plan, Self::Settings];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Today => "today",
            Self::Log => "log",
            Self::History => "history",
            Self::Plan => "plan",
            Self::Settings => "settings",
            Self::Progress => "progress",
            Self::Import => "import",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Today => "Today",
            Self::Log => "Log",
            Self::History => "History",
            Self::Plan => "Plan",
            Self::Settings => "Settings",
            Self::Progress => "Progress",
            Self::Import => "Import",
        }
    }

    /// From a location hash like `#/log`; unknown hashes mean Today.
    pub fn from_hash(hash: &str) -> Self {
        let slug = hash.trim_start_matches('#').trim_start_matches('/');
        Self::ALL
            .into_iter()
            .chain([Self::Progress, Self::Import])
            .find(|t| t.slug() == slug)
            .unwrap_or_default()
    }
}

/// A value read without copying it, equal only to itself: reading a Memo of it
/// clones a pointer, and comparing it compares pointers, so a Memo of it notifies
/// whenever it is recomputed. (The radar's report was deep-copied and deep-compared
/// on every visit to Today.) Finer Memos downstream compare the parts they show.
#[derive(Debug)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Self(Arc::new(value))
    }
}

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

#[derive(Clone, Copy)]
pub struct AppState {
    store: StoredValue<Store<AppBackend>, LocalStorage>,
    pub runs: RwSignal<Vec<Run>>,
    /// Newest first, one per date.
    pub wellness: RwSignal<Vec<Wellness>>,
    pub settings: RwSignal<Settings>,
    /// Planned weeks, oldest first.
    pub plans: RwSignal<Vec<WeekPlan>>,
    pub goal: RwSignal<Option<RaceGoal>>,
    pub problems: RwSignal<Vec<Problem>>,
    /// Why the browser's storage can't be used, if it can't.
    pub storage_unavailable: RwSignal<Option<BackendError>>,
    pub toast: RwSignal<Option<Toast>>,
    pub tab: RwSignal<Tab>,
    /// The run open in the Log form for editing.
    pub editing: RwSignal<Option<RunId>>,
    /// The runner's local date, refreshed when the app comes back into view.
    pub today: RwSignal<NaiveDate>,
    /// The Rut Radar's analysis. Kept here, not in the Today page, so it is redone
    /// only when the runs, check-ins, settings or date change, not on every visit.
    pub report: Memo<Shared<Report>>,
    /// Runs with company against runs alone, for the radar; kept here for the same reason.
    pub company: Memo<CompanyEffect>,
    /// Why planned sessions get missed, in a sentence, when the plan shows a pattern.
    pub misses: Memo<Option<String>>,
    persist_requested: StoredValue<bool>,
    toast_seq: StoredValue<u64>,
}

impl AppState {
    pub fn load() -> Self {
        let (backend, unavailable) = AppBackend::open();
        let store = Store::new(backend);
        let loaded = store.load();
        let runs = RwSignal::new(Vec::<Run>::new());
        let wellness = RwSignal::new(Vec::<Wellness>::new());
        let settings = RwSignal::new(Settings::default());
        let today = RwSignal::new(crate::browser::now_local().date_naive());
        let report = Memo::new(move |_| {
            Shared::new(runs.with(|r| wellness.with(|w| settings.with(|s| analyze(r, w, s, today.get())))))
        });
        let plans = RwSignal::new(Vec::new());
        let company = Memo::new(move |_| {
            let today = today.get();
            plans.with(|p| runs.with(|r| company_effect(p, r, today)))
        });
        let misses = Memo::new(move |_| {
            let today = today.get();
            plans.with(|p| diagnose_misses(p, today)).map(|d| d.sentence)
        });
        let state = Self {
            store: StoredValue::new_local(store),
            runs,
            wellness,
            settings,
            plans,
            goal: RwSignal::new(None),
            problems: RwSignal::new(Vec::new()),
            storage_unavailable: RwSignal::new(unavailable),
            toast: RwSignal::new(None),
            tab: RwSignal::new(Tab::default()),
            editing: RwSignal::new(None),
            today,
            report,
            company,
            misses,
            persist_requested: StoredValue::new(false),
            toast_seq: StoredValue::new(0),
        };
        state.apply_loaded(loaded);
        state
    }

    fn apply_loaded(&self, loaded: Result<restride_store::Loaded, BackendError>) {
        match loaded {
            Ok(l) => {
                self.runs.set(l.runs);
                self.wellness.set(l.wellness);
                self.settings.set(l.settings);
                self.plans.set(l.plans);
                self.goal.set(l.goal);
                self.problems.set(l.problems);
            }
            Err(e) => self.storage_unavailable.set(Some(e)),
        }
    }

    /// Saves imported runs in one all-or-nothing write.
    pub fn save_runs(&self, runs: &[Run]) -> Result<MergeCounts, SaveError> {
        let counts = self.store.with_value(|s| s.save_runs(runs))?;
        self.reload();
        self.request_persistence();
        Ok(counts)
    }

    /// Shows `tab`, re-rendering only if it is not already shown (the hashchange
    /// that follows a tap names the tab the tap already opened).
    pub fn show_tab(&self, tab: Tab) {
        if self.tab.get_untracked() != tab {
            self.tab.set(tab);
        }
    }

    /// `value`, kept current only while `tab` is shown. Today and History stay
    /// mounted behind the other tabs; through this they do no work when the history
    /// changes elsewhere, and catch up when shown again, re-rendering only what changed.
    pub fn while_shown<T>(self, tab: Tab, value: impl Fn() -> T + Send + Sync + 'static) -> Memo<T>
    where
        T: Clone + PartialEq + Send + Sync + 'static,
    {
        Memo::new(move |previous: Option<&T>| match previous {
            Some(previous) if self.tab.get() != tab => previous.clone(),
            _ => value(),
        })
    }

    /// Re-reads storage, e.g. after another tab wrote to it.
    pub fn reload(&self) {
        let loaded = self.store.with_value(Store::load);
        self.apply_loaded(loaded);
    }

    pub fn run(&self, id: &RunId) -> Option<Run> {
        self.runs.with_untracked(|runs| runs.iter().find(|r| &r.id == id).cloned())
    }

    /// Saves a new or edited run, then shows it.
    pub fn save_run(&self, run: &Run) -> Result<(), SaveError> {
        let previous = self.run(&run.id).map(|r| r.start);
        self.store.with_value(|s| s.upsert(run, previous.as_ref()))?;
        self.runs.update(|runs| {
            runs.retain(|r| r.id != run.id);
            runs.push(run.clone());
            sort_newest_first(runs);
        });
        self.request_persistence();
        self.tick_plan(run);
        Ok(())
    }

    /// A logged run ticks off the matching planned session. The run is saved
    /// already; a plan that fails to save only loses the tick, so it says so.
    fn tick_plan(&self, run: &Run) {
        let date = run.start.date_naive();
        let Some(plan) = self.plans.with_untracked(|plans| plans.iter().find(|p| p.contains(date)).cloned())
        else {
            return;
        };
        let ticked = tick(&plan, run);
        if ticked != plan
            && let Err(e) = self.save_plan(ticked)
        {
            self.show_toast(format!("The run is saved, but the plan couldn't be updated: {e}"), None);
        }
    }

    /// Saves a week's plan, replacing that week's earlier one.
    pub fn save_plan(&self, plan: WeekPlan) -> Result<(), SaveError> {
        self.store.with_value(|s| s.save_plan(&plan))?;
        self.plans.update(|plans| {
            plans.retain(|p| p.start != plan.start);
            plans.push(plan);
            plans.sort_by_key(|p| p.start);
        });
        Ok(())
    }

    /// Sets or clears the race goal.
    pub fn save_goal(&self, goal: Option<RaceGoal>) -> Result<(), SaveError> {
        self.store.with_value(|s| s.save_goal(goal.as_ref()))?;
        self.goal.set(goal);
        Ok(())
    }

    /// Deletes a run and offers to undo it.
    pub fn delete_run(&self, id: &RunId) -> Result<(), SaveError> {
        let Some(run) = self.run(id) else {
            return Ok(());
        };
        self.store.with_value(|s| s.delete(id, &run.start))?;
        self.runs.update(|runs| runs.retain(|r| &r.id != id));
        self.show_toast("Run deleted.".into(), Some(Undo::Restore(run)));
        Ok(())
    }

    /// Runs a toast's undo.
    pub fn undo(&self, undo: Undo) {
        let result = match undo {
            Undo::Restore(run) => self.save_run(&run).map(|()| "Run restored."),
            Undo::Remove(id) => self.remove_quietly(&id).map(|()| "Run removed."),
        };
        match result {
            Ok(message) => self.show_toast(message.into(), None),
            Err(e) => self.show_toast(e.to_string(), None),
        }
    }

    fn remove_quietly(&self, id: &RunId) -> Result<(), SaveError> {
        let Some(run) = self.run(id) else { return Ok(()) };
        self.store.with_value(|s| s.delete(id, &run.start))?;
        self.runs.update(|runs| runs.retain(|r| &r.id != id));
        Ok(())
    }

    /// Saves the day's wellness check-in (replacing an earlier one that day).
    pub fn save_wellness(&self, day: &Wellness) -> Result<(), SaveError> {
        self.store.with_value(|s| s.upsert_wellness(day))?;
        self.wellness.update(|days| {
            days.retain(|d| d.date != day.date);
            days.push(day.clone());
            days.sort_by_key(|d| std::cmp::Reverse(d.date));
        });
        self.request_persistence();
        Ok(())
    }

    pub fn save_settings(&self, settings: Settings) -> Result<(), SaveError> {
        self.store.with_value(|s| s.save_settings(&settings))?;
        self.settings.set(settings);
        Ok(())
    }

    /// Everything, as one versioned backup file (docs/backup-format.md).
    pub fn backup_json(&self) -> String {
        let settings = self.settings.get_untracked();
        self.runs.with_untracked(|runs| {
            self.wellness.with_untracked(|days| export_backup(runs, days, &settings, crate::browser::now()))
        })
    }

    pub fn runs_csv(&self) -> String {
        let unit = self.settings.with_untracked(|s| s.unit);
        self.runs.with_untracked(|runs| export_runs_csv(runs, unit))
    }

    /// Merges a backup file into storage: all of it, or (refused or failed) none.
    pub fn import_backup(&self, text: &str) -> Result<RestoreReport, String> {
        let backup = parse_backup(text).map_err(|e| e.to_string())?;
        let report = self.store.with_value(|s| s.restore_backup(&backup)).map_err(|e| e.to_string())?;
        self.reload();
        self.request_persistence();
        Ok(report)
    }

    pub fn raw(&self, key: &str) -> Option<String> {
        self.store.with_value(|s| s.raw(key)).ok().flatten()
    }

    pub fn discard(&self, key: &str) -> Result<(), SaveError> {
        self.store.with_value(|s| s.discard(key))?;
        self.problems.update(|p| p.retain(|p| p.kept_at != key));
        Ok(())
    }

    pub fn show_toast(&self, message: String, undo: Option<Undo>) {
        let id = self.toast_seq.get_value() + 1;
        self.toast_seq.set_value(id);
        self.toast.set(Some(Toast { id, message, undo }));
        let toast = self.toast;
        set_timeout(
            move || {
                toast.update(|t| {
                    if t.as_ref().is_some_and(|t| t.id == id) {
                        *t = None
                    }
                })
            },
            std::time::Duration::from_secs(8),
        );
    }

    /// Asks the browser not to evict our storage, once a runner has data worth keeping.
    fn request_persistence(&self) {
        if self.persist_requested.get_value() {
            return;
        }
        self.persist_requested.set_value(true);
        if let Some(promise) = web_sys::window().and_then(|w| w.navigator().storage().persist().ok()) {
            // The answer changes nothing we do; the request is what matters.
            leptos::task::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            });
        }
    }
}

/// The state provided at the root.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
