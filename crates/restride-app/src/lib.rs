//! Everything a Restride runner can do, in one layer below the UI: log, edit,
//! delete and undo a run (keeping the plan's ticks true), check in, change
//! settings, plan a week and change it, set a race goal, import activities, back up
//! and restore. And the values the screens show that are worked out from the
//! runner's data: the usual run, this week's plan, the radar's report, the race
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
mod runs;
mod settings;
pub mod shown;
#[cfg(test)]
mod testing;

use std::cell::OnceCell;
use std::sync::Arc;

use chrono::NaiveDate;
use restride_core::analysis::{Report, analyze};
use restride_store::{BackendError, KeyValue, Loaded, Store};

pub use backup::Export;
pub use device::Device;
pub use import::Imported;
pub use outcome::{Changed, Message, MessageKind, Outcome, Undo};
pub use plan::{GoalForm, PlanChange, ShareCard};
pub use runs::{QuickLogError, ended_at};
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
}

/// The runner's data and every operation on it.
pub struct App<B, D> {
    store: Store<B>,
    device: D,
    model: Model,
    /// The radar's report over the model, worked out the first time it is asked
    /// for after a change to what it reads, and shared (the UI keeps the pointer).
    report: OnceCell<Arc<Report>>,
}

impl<B: KeyValue, D: Device> App<B, D> {
    /// Loads everything stored. When storage can't even be listed, the app starts
    /// empty and the error says why.
    pub fn open(backend: B, device: D) -> (Self, Option<BackendError>) {
        let today = device.today();
        let mut app = Self {
            store: Store::new(backend),
            device,
            model: Model { today, ..Model::default() },
            report: OnceCell::new(),
        };
        let unavailable = app.reload().err();
        (app, unavailable)
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Reads storage again (another tab wrote to it). On failure the model is left
    /// as it was.
    pub fn reload(&mut self) -> Result<Changed, BackendError> {
        self.model.stored = self.store.load()?;
        Ok(self.changed(Changed::STORED))
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
