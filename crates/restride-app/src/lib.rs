//! Everything a Restride runner can do, in one layer below the UI: log, edit,
//! delete and undo a run (keeping the plan's ticks true), check in, change
//! settings, plan a week and change it, say "I'm ill / injured / back", set a race
//! goal, import activities, back up and restore. And the values the screens show
//! that are worked out from the runner's data: the usual run, this week's plan, the
//! radar's report, Today's one answer and each sign's last 12 weeks, the race
//! outlook, the week's card and calendar file.
//!
//! [`App`] holds the [`Model`] (what is stored, as loaded) and writes through a
//! [`Store`] over any [`KeyValue`] backend. It reads the clock, the time zone and
//! new ids from a [`Device`], so it is tested natively with all three fixed. Each
//! operation validates with `restride-core`, writes with `restride-store`, updates
//! the model only once the write succeeded, and returns an [`Outcome`]: which parts
//! of the model changed and the messages to show. The Leptos components in `src/`
//! collect input, call `AppState`, which forwards here, and show the model.

mod backup;
mod checkin;
mod device;
mod import;
mod outcome;
mod plan;
pub mod plan_words;
mod radar;
mod runs;
mod setbacks;
mod settings;
pub mod shown;
#[cfg(test)]
mod testing;

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use restride_core::analysis::trend::SignTrend;
use restride_core::analysis::{Report, analyze};
use restride_core::history::sort_newest_first;
use restride_core::{Run, RunId, Wellness};
use restride_store::deleted_record::is_deleted;
use restride_store::repo::{DEVICE_KEY, RUNS_PREFIX, WELLNESS_PREFIX, sort_check_ins};
use restride_store::{BackendError, DeviceState, KeyData, KeyValue, Loaded, SaveError, Store};

pub use backup::{Export, PreparedRestore};
pub use device::Device;
pub use import::{Imported, PreparedImport};
pub use outcome::{Changed, Message, MessageKind, Outcome, Undo};
pub use plan::{GoalForm, PlanChange, ShareCard};
pub use runs::{QuickLogError, ended_at};
pub use setbacks::SetbackNow;
pub use settings::SettingChange;

/// The plan's types, for the screens that show a plan. (The plan's rules and
/// operations are reached through [`App`] and [`shown`] only.)
pub mod plans {
    pub use restride_core::plan::{
        CompanyEffect, CompanyGroup, Method, PlannedSession, RaceGoal, RaceOutlook, SessionId, SessionStatus,
        WeekPlan, day_name,
    };
}

/// The runner's data: what is stored, as loaded and kept in step with storage by
/// every operation, and the date the screens show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    /// Runs newest first ([`restride_core::history::newest_first`]), check-ins
    /// newest first, settings, planned weeks oldest first (one per start date), the
    /// goal, and stored data that couldn't be read.
    pub stored: Loaded,
    /// The runner's local date, as the screens show it: moved on by
    /// [`App::refresh_today`] (the app coming back into view), not by every tick of
    /// the clock, so a screen doesn't change under the runner's finger at midnight.
    pub today: NaiveDate,
    /// This device's own notes: the last backup, the reminder put off, dismissals.
    pub device: DeviceState,
}

/// The runner's data and every operation on it.
pub struct App<B, D> {
    store: Store<B>,
    device: D,
    model: Model,
    /// The radar's report over the model, worked out the first time it is asked
    /// for after a change to what it reads, and shared (the UI keeps the pointer).
    report: OnceCell<Arc<Report>>,
    /// Each sign's last 12 weeks, worked out like the report.
    trends: OnceCell<Arc<Vec<SignTrend>>>,
    /// The past weeks' levels behind `trends`, kept across changes: a week's end is
    /// analysed again only when what was logged up to it changed.
    past_weeks: RefCell<radar::PastWeeks>,
}

impl<B: KeyValue, D: Device> App<B, D> {
    /// Loads everything stored, changing nothing: data that can't be read is
    /// reported where it is, and [`Self::set_aside_unreadable`] (a write, so run
    /// where writes are, after this) moves it. When storage can't even be listed,
    /// the app starts empty and the error says why.
    pub fn open(backend: B, device: D) -> (Self, Option<BackendError>) {
        let today = device.today();
        let store = Store::new(backend);
        let model = Model { today, device: store.device(), ..Model::default() };
        let mut app = Self {
            store,
            device,
            model,
            report: OnceCell::new(),
            trends: OnceCell::new(),
            past_weeks: RefCell::default(),
        };
        let unavailable = app.reload().err();
        (app, unavailable)
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Now, by the device's clock (for what a screen shows about time passed).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.device.now()
    }

    /// Reads storage again (another tab wrote to it). On failure the model is left
    /// as it was.
    pub fn reload(&mut self) -> Result<Changed, BackendError> {
        self.model.stored = self.store.load()?;
        Ok(self.changed(Changed::STORED))
    }

    /// Reads again only `keys`, which another tab wrote (a `storage` event each),
    /// and puts what they hold in place of what the model had for them: 200 months
    /// written elsewhere cost 200 months read here, once, not 200 full loads.
    pub fn reload_keys(&mut self, keys: &BTreeSet<String>) -> Result<Changed, BackendError> {
        let mut changed = Changed::default();
        if keys.contains(DEVICE_KEY) {
            self.model.device = self.store.device();
        }
        let read = self.store.read_keys(keys.iter().filter(|k| *k != DEVICE_KEY))?;
        let mut months: Vec<(&str, KeyData)> = Vec::new();
        for (key, data) in read {
            let problems = &mut self.model.stored.problems;
            let before = problems.len();
            problems.retain(|p| p.key != *key && p.kept_at != *key);
            changed.problems |= problems.len() != before;
            match data {
                KeyData::Unreadable(problem) => {
                    changed.problems = true;
                    self.model.stored.problems.push(problem);
                    // Whatever the model had from it is no longer what storage holds.
                    if key.starts_with(RUNS_PREFIX) {
                        months.push((key, KeyData::Runs(Vec::new())));
                    } else if key.starts_with(WELLNESS_PREFIX) {
                        months.push((key, KeyData::Wellness(Vec::new())));
                    }
                }
                data => changed = changed.or(self.put_in_model(key, data, &mut months)),
            }
        }
        changed = changed.or(self.put_months_in_model(months));
        Ok(self.changed(changed))
    }

    /// Puts what a key holds in the model (months are gathered and put in
    /// together); what changed.
    fn put_in_model<'k>(
        &mut self,
        key: &'k str,
        data: KeyData,
        months: &mut Vec<(&'k str, KeyData)>,
    ) -> Changed {
        let m = &mut self.model.stored;
        let mut changed = Changed::default();
        match data {
            KeyData::Runs(_) | KeyData::Wellness(_) => months.push((key, data)),
            KeyData::Plan(week, plan) => {
                changed.plans = true;
                match (m.plans.binary_search_by_key(&week, |p| p.start), plan) {
                    (Ok(i), Some(plan)) => m.plans[i] = plan,
                    (Ok(i), None) => {
                        m.plans.remove(i);
                    }
                    (Err(i), Some(plan)) => m.plans.insert(i, plan),
                    (Err(_), None) => changed.plans = false,
                }
            }
            KeyData::Goal(goal) => {
                changed.goal = m.goal != goal;
                m.goal = goal;
            }
            KeyData::Setbacks(setbacks) => {
                changed.setbacks = m.setbacks != setbacks;
                m.setbacks = setbacks;
            }
            KeyData::Settings(settings) => {
                changed.settings = m.settings != settings;
                m.settings = settings;
            }
            KeyData::Deleted(deleted) => {
                let before = m.runs.len();
                m.runs.retain(|r| !is_deleted(&deleted, &r.id, r.updated));
                changed.runs = m.runs.len() != before;
            }
            KeyData::Unreadable(_) | KeyData::Nothing => {}
        }
        changed
    }

    /// Replaces the model's runs and check-ins of each month read with what it holds.
    fn put_months_in_model(&mut self, months: Vec<(&str, KeyData)>) -> Changed {
        let mut changed = Changed::default();
        let (mut run_months, mut day_months) = (BTreeSet::new(), BTreeSet::new());
        let (mut runs, mut days): (Vec<Run>, Vec<Wellness>) = (Vec::new(), Vec::new());
        for (key, data) in months {
            let month = key.rsplit('.').next().unwrap_or_default().to_string();
            match data {
                KeyData::Runs(list) => {
                    run_months.insert(month);
                    runs.extend(list);
                }
                KeyData::Wellness(list) => {
                    day_months.insert(month);
                    days.extend(list);
                }
                _ => {}
            }
        }
        let m = &mut self.model.stored;
        let month_of = |d: NaiveDate| format!("{:04}-{:02}", d.year(), d.month());
        if !run_months.is_empty() {
            changed.runs = true;
            // One copy of each run read: the newer, as a load keeps it.
            let mut fresh: HashMap<RunId, Run> = HashMap::with_capacity(runs.len());
            for run in runs {
                match fresh.get(&run.id) {
                    Some(seen) if seen.updated >= run.updated => {}
                    _ => {
                        fresh.insert(run.id.clone(), run);
                    }
                }
            }
            // The months read are replaced; a run that moved from a month not read
            // (only one of its months written) keeps its newer copy.
            m.runs.retain(|r| {
                !run_months.contains(&month_of(r.start.date_naive()))
                    && fresh.get(&r.id).is_none_or(|f| r.updated > f.updated)
            });
            let kept: HashSet<&RunId> = m.runs.iter().map(|r| &r.id).collect();
            let fresh: Vec<Run> = fresh.into_values().filter(|r| !kept.contains(&r.id)).collect();
            m.runs.extend(fresh);
            sort_newest_first(&mut m.runs);
        }
        if !day_months.is_empty() {
            changed.wellness = true;
            m.wellness.retain(|w| !day_months.contains(&month_of(w.date)));
            m.wellness.extend(days);
            sort_check_ins(&mut m.wellness);
        }
        changed
    }

    /// Moves data that can't be read (and isn't a newer version's) out of the way,
    /// so its key takes new data again; each key is read again first, and one that
    /// another tab has rewritten meanwhile is read, not moved. A write: the caller
    /// runs it where it runs writes (under the storage lock, `src/lock.rs`).
    pub fn set_aside_unreadable(&mut self) -> Outcome {
        let keys: Vec<String> =
            self.model.stored.problems.iter().filter(|p| p.to_set_aside()).map(|p| p.key.clone()).collect();
        let mut changed = Changed::default();
        let mut months = Vec::new();
        for key in &keys {
            let data = match self.store.set_aside(key) {
                Ok(data) => data,
                Err(e) => return self.finish(Outcome::failed(SaveError::from(e))),
            };
            self.model.stored.problems.retain(|p| p.key != *key);
            changed.problems = true;
            match data {
                KeyData::Unreadable(problem) => self.model.stored.problems.push(problem),
                data => changed = changed.or(self.put_in_model(key, data, &mut months)),
            }
        }
        changed = changed.or(self.put_months_in_model(months));
        self.finish(Outcome { changed, messages: Vec::new() })
    }

    /// A save refused by `error`: when storage had moved on (another tab), the
    /// model reads `keys` again so the runner sees what is saved now.
    fn refused(&mut self, error: &SaveError, keys: &[String]) -> Outcome {
        let mut outcome = Outcome::failed(error);
        if error.is_conflict()
            && let Ok(changed) = self.reload_keys(&keys.iter().cloned().collect())
        {
            outcome.changed = changed;
        }
        self.finish(outcome)
    }

    /// Moves the date on when the day has changed (the app came back into view the
    /// next morning). Nothing changes on the same day, so nothing is redone.
    pub fn refresh_today(&mut self) -> Changed {
        let today = self.device.today();
        if today == self.model.today {
            return Changed::default();
        }
        self.model.today = today;
        self.changed(Changed { today: true, ..Changed::default() })
    }

    /// The Rut Radar's report on the model as it is.
    pub fn report(&self) -> Arc<Report> {
        Arc::clone(self.report.get_or_init(|| {
            let m = &self.model.stored;
            Arc::new(analyze(&m.runs, &m.wellness, &m.setbacks, &m.settings, self.model.today))
        }))
    }

    /// Notes that `changed` changed: what is worked out from it is redone when next
    /// asked for. Every operation's changes pass through here.
    fn changed(&mut self, changed: Changed) -> Changed {
        if changed.analysis_inputs() {
            self.report.take();
            self.trends.take();
        }
        changed
    }

    /// Finishes an operation: its changes noted, its outcome returned.
    fn finish(&mut self, outcome: Outcome) -> Outcome {
        self.changed(outcome.changed);
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{FixedDevice, MONDAY, Shared, TestApp, app, app_on, form};

    /// Storage that can't even be listed (a browser that turned it off mid-way).
    struct Broken;

    impl KeyValue for Broken {
        fn get(&self, _: &str) -> Result<Option<String>, BackendError> {
            Err(BackendError::Unavailable("off".into()))
        }
        fn set(&self, _: &str, _: &str) -> Result<(), BackendError> {
            Err(BackendError::Unavailable("off".into()))
        }
        fn remove(&self, _: &str) -> Result<(), BackendError> {
            Err(BackendError::Unavailable("off".into()))
        }
        fn keys(&self) -> Result<Vec<String>, BackendError> {
            Err(BackendError::Unavailable("off".into()))
        }
    }

    #[test]
    fn storage_that_cant_be_read_starts_empty_and_says_why() {
        let (mut a, unavailable) = App::open(Broken, FixedDevice::at(MONDAY));
        assert_eq!(unavailable, Some(BackendError::Unavailable("off".into())));
        assert_eq!(a.model, Model { today: a.model.today, ..Model::default() });
        assert_eq!(a.model.today.to_string(), "2026-11-23");
        let o = a.log_run(&form("2026-11-22T07:00", "easy", "20:00", "3"), false).unwrap();
        assert_eq!(
            o.errors().collect::<Vec<_>>(),
            ["This browser isn't letting Restride save (off). Nothing was saved."]
        );
        assert!(a.reload().is_err());
    }

    #[test]
    fn another_tabs_saves_show_on_reload() {
        let backend = Shared::default();
        let mut mine = app_on(backend.clone());
        let mut theirs = app_on(backend);
        // Another tab's ids are its own.
        theirs.device.set("2026-11-23T08:05:00+01:00");
        let _ = theirs.log_run(&form("2026-11-22T07:00", "easy", "20:00", "3"), false).unwrap();
        assert!(mine.model.stored.runs.is_empty());
        // Their run is kept when this tab saves into the same month.
        let _ = mine.log_run(&form("2026-11-21T07:00", "easy", "20:00", "3"), false).unwrap();
        assert_eq!(mine.reload(), Ok(Changed::STORED));
        assert_eq!(mine.model.stored.runs.len(), 2);
        assert_eq!(mine.model.stored.runs, theirs.store.load().unwrap().runs);
    }

    #[test]
    fn the_date_moves_on_only_when_the_day_changes() {
        let mut a = app();
        a.device.set("2026-11-23T23:59:00+01:00");
        assert_eq!(a.refresh_today(), Changed::default());
        a.device.set("2026-11-24T00:01:00+01:00");
        assert_eq!(a.refresh_today(), Changed { today: true, ..Changed::default() });
        assert_eq!(a.model.today.to_string(), "2026-11-24");
    }

    #[test]
    fn the_report_is_shared_until_what_it_reads_changes() {
        let mut a = app();
        let first = a.report();
        assert!(Arc::ptr_eq(&first, &a.report()), "asked twice, worked out once");
        // A plan or a goal doesn't change the analysis.
        let _ = a.plan_week();
        assert!(Arc::ptr_eq(&first, &a.report()));
        let _ = a.log_run(&form("2026-11-22T07:00", "easy", "20:00", "3"), false).unwrap();
        let after_run = a.report();
        assert!(!Arc::ptr_eq(&first, &after_run));
        assert_eq!(after_run.findings.len(), first.findings.len());
        // A failed save changes nothing, so the report stands.
        let _ = a.log_run(&form("", "easy", "20:00", "3"), false);
        assert!(Arc::ptr_eq(&after_run, &a.report()));
        for change in [
            |a: &mut TestApp| a.change_settings(SettingChange::Unit(restride_core::DistanceUnit::Mi)).changed,
            |a: &mut TestApp| a.reload().unwrap(),
        ] {
            let before = a.report();
            assert!(change(&mut a).analysis_inputs());
            assert!(!Arc::ptr_eq(&before, &a.report()));
        }
    }
}
