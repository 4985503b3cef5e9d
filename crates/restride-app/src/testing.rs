//! A fixed device for the tests: a clock that moves only when told, one time zone,
//! and ids counted up.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use restride_core::RunId;
use restride_core::form::RunForm;
use restride_store::{BackendError, KeyValue, MemoryBackend};

use crate::{App, Device};

pub(crate) struct FixedDevice {
    pub now: Cell<DateTime<Utc>>,
    pub offset: FixedOffset,
    next_id: Cell<u8>,
}

impl FixedDevice {
    /// At `local` (RFC 3339 with its offset), in that offset's zone.
    pub fn at(local: &str) -> Self {
        let t = DateTime::parse_from_rfc3339(local).unwrap();
        Self { now: Cell::new(t.with_timezone(&Utc)), offset: *t.offset(), next_id: Cell::new(100) }
    }

    /// Moves the clock to `local` (same zone).
    pub fn set(&self, local: &str) {
        self.now.set(DateTime::parse_from_rfc3339(local).unwrap().with_timezone(&Utc));
    }
}

impl Device for FixedDevice {
    fn now(&self) -> DateTime<Utc> {
        self.now.get()
    }

    fn offset_at(&self, _: DateTime<Utc>) -> FixedOffset {
        self.offset
    }

    fn local_offset_at(&self, local: NaiveDateTime) -> Option<FixedOffset> {
        self.offset.from_local_datetime(&local).single().map(|t| *t.offset())
    }

    fn new_run_id(&self, now: DateTime<Utc>) -> RunId {
        let n = self.next_id.get();
        self.next_id.set(n.wrapping_add(1));
        RunId::v7(u64::try_from(now.timestamp_millis()).unwrap(), [n; 10])
    }
}

pub(crate) type TestApp = App<MemoryBackend, FixedDevice>;

/// Monday 23 November 2026, 08:00 in UTC+1: the week of Mon 23 to Sun 29 Nov, whose
/// default run days are Tue 24, Thu 26 and Sat 28.
pub(crate) const MONDAY: &str = "2026-11-23T08:00:00+01:00";

/// An app on `backend` on [`MONDAY`].
pub(crate) fn app_on<B: KeyValue>(backend: B) -> App<B, FixedDevice> {
    let (app, unavailable) = App::open(backend, FixedDevice::at(MONDAY));
    assert_eq!(unavailable, None);
    app
}

pub(crate) fn app() -> TestApp {
    app_on(MemoryBackend::default())
}

impl<B: KeyValue> App<B, FixedDevice> {
    /// A backup file restored in one go (the UI prepares it, then commits it
    /// under the storage lock).
    pub(crate) fn restore(&mut self, name: &str, text: &str) -> crate::Outcome {
        match self.prepare_restore(name, text) {
            Ok(prepared) => self.commit_restore(prepared),
            Err(refused) => refused,
        }
    }

    /// An import saved in one go, likewise.
    pub(crate) fn import(
        &mut self,
        summary: restride_import::ImportSummary,
        keep_cross_training: bool,
    ) -> (crate::Imported, crate::Outcome) {
        let prepared = self.prepare_import(summary, keep_cross_training);
        self.commit_import(prepared)
    }

    /// The backup file as the runner would download it.
    pub(crate) fn backup_file(&self) -> crate::Export {
        self.backup().unwrap()
    }
}

/// The Log form filled in: `start` as a `datetime-local` gives it, effort 3, feel 4.
pub(crate) fn form(start: &str, kind: &str, duration: &str, distance: &str) -> RunForm {
    RunForm {
        start: start.into(),
        kind: kind.into(),
        duration: duration.into(),
        distance: distance.into(),
        rpe: "3".into(),
        feel: "4".into(),
        ..RunForm::default()
    }
}

/// A backend shared by several apps, as browser tabs share localStorage.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shared(pub Rc<MemoryBackend>);

impl KeyValue for Shared {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.0.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        self.0.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), BackendError> {
        self.0.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        self.0.keys()
    }
}

/// A backend that notes which keys are read, written and listed.
#[derive(Debug, Default)]
pub(crate) struct Counting {
    pub inner: MemoryBackend,
    pub read: RefCell<BTreeSet<String>>,
    pub written: RefCell<BTreeSet<String>>,
    pub listed: Cell<usize>,
}

impl Counting {
    pub fn forget(&self) {
        self.read.borrow_mut().clear();
        self.written.borrow_mut().clear();
        self.listed.set(0);
    }
}

impl KeyValue for Counting {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.read.borrow_mut().insert(key.into());
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        self.written.borrow_mut().insert(key.into());
        self.inner.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), BackendError> {
        self.written.borrow_mut().insert(key.into());
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        self.listed.set(self.listed.get() + 1);
        self.inner.keys()
    }
}

/// A run record from a newer app version: it must stay as it is, and its key
/// refuses writes.
pub(crate) const NEWER: &str = r#"{"schema":99,"from":"a newer Restride"}"#;

/// An app on [`MONDAY`] whose runner ran ten weeks of Tuesday easy runs (40
/// minutes), Thursday tempo runs (30) and Saturday long runs (80): past a
/// beginner's base, so the week's plan holds a quality session.
pub(crate) fn seasoned() -> TestApp {
    let mut a = app();
    a.device.set("2026-11-22T20:00:00+01:00");
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for week in 1..=10 {
        for (day, kind, minutes, km) in
            [(1, "easy", "40:00", "7"), (3, "tempo", "30:00", "6"), (5, "long", "1:20:00", "13")]
        {
            let d = monday - chrono::Duration::weeks(week) + chrono::Duration::days(day);
            let mut run = form(&format!("{d}T07:00"), kind, minutes, km);
            run.rpe = "4".into();
            let _ = a.log_run(&run, false).unwrap();
        }
    }
    a.device.set(MONDAY);
    let _ = a.refresh_today();
    a
}
