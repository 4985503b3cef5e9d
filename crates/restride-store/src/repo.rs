//! The rules that keep a runner's data safe, over any [`KeyValue`] store:
//! - a save rewrites one month, read fresh from the store, so a run saved by another
//!   tab since we loaded is kept, not overwritten by our stale copy;
//! - a change carries what it was made from (a run's `updated`, the plan or goal as
//!   the runner saw it), and is refused when the stored copy has changed since or
//!   the run was deleted ([`SaveError::ChangedElsewhere`], [`SaveError::Deleted`]):
//!   an edit left open in one tab never overwrites a newer one or brings a deleted
//!   run back. A deletion leaves a tombstone (`deleted_record`);
//! - data that can't be read is never overwritten: loading only reads, and
//!   [`Store::set_aside`] then moves garbage under `restride.aside.*`, re-reading it
//!   first (another tab may have just rewritten it) and removing it only once the
//!   copy is written; data from a newer app version (a newer format, or a value or
//!   field this version doesn't know) is left exactly where it is and its key
//!   refuses writes;
//! - a failed write (quota) leaves everything saved earlier as it was.
//!
//! Nothing here locks: one tab at a time is the caller's business (the app runs
//! every change under the Web Locks API, `src/lock.rs`). The bulk merges
//! (`backup`) are split so that what they read can be checked unchanged before
//! they write.

use std::collections::HashMap;
use std::hash::Hash;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use restride_core::history::sort_newest_first;
use restride_core::plan::{RaceGoal, WeekPlan};
use restride_core::{Run, RunId, Setback, Settings, Wellness};
use thiserror::Error;

use crate::backend::{BackendError, KeyValue};
use crate::deleted_record::{Deleted, add, decode_deleted, encode_deleted, is_deleted};
use crate::device_record::{DeviceState, decode_device, encode_device};
use crate::plan_record::{decode_goal, decode_plan, encode_goal, encode_plan};
use crate::record::{
    DecodeError, RunRecord, WellnessRecord, decode_month, decode_settings, decode_wellness_month,
    encode_month, encode_settings, encode_wellness_month, refuse_if_newer,
};
use crate::setback_record::{decode_setbacks, encode_setbacks};

pub const RUNS_PREFIX: &str = "restride.runs.";
pub const WELLNESS_PREFIX: &str = "restride.wellness.";
pub const SETTINGS_KEY: &str = "restride.settings";
pub const ASIDE_PREFIX: &str = "restride.aside.";
pub const PLAN_PREFIX: &str = "restride.plan.";
pub const GOAL_KEY: &str = "restride.goal";
pub const SETBACKS_KEY: &str = "restride.setbacks";
pub const DELETED_KEY: &str = "restride.deleted";
/// This device's own notes (the last backup, dismissals): not the runner's data,
/// so never in a backup (see `device_record`). Keys under `restride.device.` are
/// this device's too: the place for any state of the screens kept in storage.
pub const DEVICE_KEY: &str = "restride.device";
/// Written and removed at once to see that storage takes writes (`src/storage.rs`).
pub const PROBE_KEY: &str = "restride.probe";
/// The lease that stands in for the Web Locks API where a browser has none
/// (`src/lock.rs`).
pub const LEASE_KEY: &str = "restride.lock";
/// Keys the app uses for its own machinery and nothing else: never data.
pub const MACHINERY_KEYS: [&str; 2] = [PROBE_KEY, LEASE_KEY];
/// Every key Restride writes starts with this; other keys on the origin are not ours.
pub const PREFIX: &str = "restride.";

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SaveError {
    #[error(
        "Storage is full, so this wasn't saved. Everything saved before is unchanged; export a backup and free some space."
    )]
    QuotaExceeded,
    #[error("This browser isn't letting Restride save ({0}). Nothing was saved.")]
    Unavailable(String),
    /// `data` says which: "runs of 2026-11", "check-ins of 2026-11", "settings",
    /// "plan for the week of 2026-11-23", "race goal".
    #[error(
        "The saved {data} can't be read: {error} Restride won't write over data it can't read, so this wasn't saved."
    )]
    Unreadable { data: String, error: DecodeError },
    /// Another tab (or a restored backup) changed it after the runner opened it.
    /// `what` starts the sentence: "This run", "This week's plan", "The race goal".
    #[error(
        "{what} was changed in another tab or window since you opened it, so this wasn't saved. It now shows as it was saved there."
    )]
    ChangedElsewhere { what: &'static str },
    #[error("This run was deleted in another tab or window, so it wasn't saved again.")]
    Deleted,
    #[error("Saving failed ({0}). Everything saved before is unchanged.")]
    Backend(String),
}

impl From<BackendError> for SaveError {
    fn from(e: BackendError) -> Self {
        match e {
            BackendError::QuotaExceeded => Self::QuotaExceeded,
            BackendError::Unavailable(why) => Self::Unavailable(why),
            BackendError::Other(why) => Self::Backend(why),
        }
    }
}

impl SaveError {
    /// Whether the save was refused because storage has moved on: the model should
    /// be read again so the runner sees what is there now.
    pub fn is_conflict(&self) -> bool {
        matches!(self, Self::ChangedElsewhere { .. } | Self::Deleted)
    }
}

/// Stored data that could not be read, and where its bytes are now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The key the data was found under.
    pub key: String,
    /// Why it can't be read; `None` for data set aside on an earlier visit.
    pub error: Option<DecodeError>,
    /// The key that holds the untouched bytes now, for download.
    pub kept_at: String,
}

impl Problem {
    fn in_place(key: &str, error: DecodeError) -> Self {
        Self { key: key.to_string(), error: Some(error), kept_at: key.to_string() }
    }

    /// Whether it is garbage still under its own key, to be set aside.
    pub fn to_set_aside(&self) -> bool {
        self.key == self.kept_at && self.error.as_ref().is_some_and(|e| !e.is_from_newer_version())
    }
}

/// Everything stored, as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    /// Newest first.
    pub runs: Vec<Run>,
    /// Newest first, one per date.
    pub wellness: Vec<Wellness>,
    pub settings: Settings,
    /// Planned weeks, oldest first.
    pub plans: Vec<WeekPlan>,
    pub goal: Option<RaceGoal>,
    /// Illnesses and injuries, oldest first.
    pub setbacks: Vec<Setback>,
    pub problems: Vec<Problem>,
}

/// What one key holds, read and decoded ([`Store::read_key`]): a part of the model
/// to put in place of what the model had for that key.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyData {
    /// A month of runs (none once its last run is gone), with deleted runs left out.
    Runs(Vec<Run>),
    /// A month of check-ins.
    Wellness(Vec<Wellness>),
    /// The week starting on this day: its plan, or none.
    Plan(NaiveDate, Option<WeekPlan>),
    Goal(Option<RaceGoal>),
    Setbacks(Vec<Setback>),
    Settings(Settings),
    /// Deleted runs; the model holds none of them.
    Deleted(Deleted),
    /// Data that can't be read, where it is.
    Unreadable(Problem),
    /// Nothing the model shows: a key removed, this device's notes, machinery,
    /// another app's key.
    Nothing,
}

pub struct Store<B> {
    backend: B,
}

/// Something stored one calendar month per key.
pub(crate) trait MonthItem: Clone {
    /// The month keys' prefix.
    const PREFIX: &'static str;
    /// Identity: two items with the same key are versions of the same run or the
    /// same day's check-in.
    type Key: Eq + Hash + Clone + Ord;
    fn key(&self) -> Self::Key;
    /// The local date whose month holds the item.
    fn local_date(&self) -> NaiveDate;
    /// When the runner last changed it; the newer version wins a merge.
    fn updated(&self) -> DateTime<Utc>;
    fn decode(json: &str) -> Result<Vec<Self>, DecodeError>;
    fn encode(items: &[Self]) -> String;
    /// The item as stored, to settle a tie between two versions saved in the same
    /// millisecond by their content, the same way on every device.
    fn record_json(&self) -> String;
    /// Newest first.
    fn sort(items: &mut [Self]);
    /// What `data` means for the runner, for messages ("This run").
    const WHAT: &'static str;

    fn month_key(&self) -> String {
        month_key_of(Self::PREFIX, self.local_date())
    }

    /// Whether this version wins over `other`, a version of the same item: the
    /// newer `updated`, and on a tie the greater stored text, so a merge comes out
    /// the same whichever copy it starts from.
    fn wins_over(&self, other: &Self) -> bool {
        self.updated() > other.updated()
            || (self.updated() == other.updated() && self.record_json() > other.record_json())
    }
}

fn month_key_of(prefix: &str, date: NaiveDate) -> String {
    format!("{prefix}{:04}-{:02}", date.year(), date.month())
}

/// The key of the month holding a run that starts at `start`.
pub fn run_month_key(start: &DateTime<FixedOffset>) -> String {
    month_key_of(RUNS_PREFIX, start.date_naive())
}

/// The key of the week's plan starting on `week_start`.
pub fn plan_key(week_start: NaiveDate) -> String {
    format!("{PLAN_PREFIX}{}", week_start.format("%Y-%m-%d"))
}

impl MonthItem for Run {
    const PREFIX: &'static str = RUNS_PREFIX;
    const WHAT: &'static str = "This run";
    type Key = RunId;
    fn key(&self) -> RunId {
        self.id.clone()
    }
    fn local_date(&self) -> NaiveDate {
        self.start.date_naive()
    }
    fn updated(&self) -> DateTime<Utc> {
        self.updated
    }
    fn decode(json: &str) -> Result<Vec<Self>, DecodeError> {
        decode_month(json)
    }
    fn encode(items: &[Self]) -> String {
        encode_month(items)
    }
    fn record_json(&self) -> String {
        serde_json::to_string(&RunRecord::from(self)).unwrap_or_default()
    }
    fn sort(items: &mut [Self]) {
        sort_newest_first(items);
    }
}

impl MonthItem for Wellness {
    const PREFIX: &'static str = WELLNESS_PREFIX;
    const WHAT: &'static str = "This day's check-in";
    type Key = NaiveDate;
    fn key(&self) -> NaiveDate {
        self.date
    }
    fn local_date(&self) -> NaiveDate {
        self.date
    }
    fn updated(&self) -> DateTime<Utc> {
        self.updated
    }
    fn decode(json: &str) -> Result<Vec<Self>, DecodeError> {
        decode_wellness_month(json)
    }
    fn encode(items: &[Self]) -> String {
        encode_wellness_month(items)
    }
    fn record_json(&self) -> String {
        serde_json::to_string(&WellnessRecord::from(self)).unwrap_or_default()
    }
    fn sort(items: &mut [Self]) {
        sort_check_ins(items);
    }
}

/// Check-ins newest first, as the model and every month keep them.
pub fn sort_check_ins(days: &mut [Wellness]) {
    days.sort_by_key(|d| std::cmp::Reverse(d.date));
}

/// What the data under `key` is, in words, for [`SaveError::Unreadable`].
pub(crate) fn data_label(key: &str) -> String {
    if let Some(month) = key.strip_prefix(RUNS_PREFIX) {
        format!("runs of {month}")
    } else if let Some(month) = key.strip_prefix(WELLNESS_PREFIX) {
        format!("check-ins of {month}")
    } else if let Some(week) = key.strip_prefix(PLAN_PREFIX) {
        format!("plan for the week of {week}")
    } else if key == GOAL_KEY {
        "race goal".into()
    } else if key == SETBACKS_KEY {
        "illnesses and injuries".into()
    } else if key == SETTINGS_KEY {
        "settings".into()
    } else if key == DELETED_KEY {
        "list of deleted runs".into()
    } else {
        key.to_string()
    }
}

/// Whether `key` holds the runner's data (everything a backup must carry), as
/// opposed to this device's notes (`restride.device`, `restride.device.*`), the
/// app's machinery or another app's key. A data key this version doesn't decode is
/// a newer version's, kept and reported as such.
pub fn is_data_key(key: &str) -> bool {
    key.starts_with(PREFIX) && !key.starts_with(DEVICE_KEY) && !MACHINERY_KEYS.contains(&key)
}

/// Decodes the stored text of a data key, by what the key holds. Keys set aside
/// and keys this version doesn't know are not its to read.
pub(crate) fn decode_key(key: &str, raw: &str) -> Result<KeyData, DecodeError> {
    Ok(if key.starts_with(RUNS_PREFIX) {
        KeyData::Runs(decode_month(raw)?)
    } else if key.starts_with(WELLNESS_PREFIX) {
        KeyData::Wellness(decode_wellness_month(raw)?)
    } else if key.starts_with(PLAN_PREFIX) {
        let plan = decode_plan(raw)?;
        KeyData::Plan(plan.start, Some(plan))
    } else if key == GOAL_KEY {
        KeyData::Goal(decode_goal(raw)?)
    } else if key == SETBACKS_KEY {
        KeyData::Setbacks(decode_setbacks(raw)?)
    } else if key == SETTINGS_KEY {
        KeyData::Settings(decode_settings(raw)?)
    } else if key == DELETED_KEY {
        KeyData::Deleted(decode_deleted(raw)?)
    } else if key.starts_with(ASIDE_PREFIX) {
        return Err(DecodeError::Garbage("it was set aside".into()));
    } else {
        // A kind of data added by a newer version.
        return Err(DecodeError::unknown("a kind of data", key.trim_start_matches(PREFIX)));
    })
}

impl<B: KeyValue> Store<B> {
    pub fn new(backend: B) -> Self {
        Self { backend }
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// Reads everything, and changes nothing (data that can't be read is reported
    /// where it is; [`Self::set_aside`] moves it). Never fails as a whole: what
    /// can't be read is reported in `problems` and the rest loads.
    pub fn load(&self) -> Result<Loaded, BackendError> {
        let mut loaded = Loaded::default();
        let mut keys = self.backend.keys()?;
        keys.retain(|k| is_data_key(k) && k != DELETED_KEY);
        keys.sort();
        let deleted = self.deleted_for_reading(&mut loaded.problems)?;
        let mut by_id: HashMap<RunId, Run> = HashMap::new();
        for key in &keys {
            match self.read_key_with(key, &deleted)? {
                KeyData::Runs(runs) => {
                    for run in runs {
                        // A save interrupted between writing a run's new month and
                        // removing it from the old one leaves two copies: keep the newer.
                        match by_id.get(&run.id) {
                            Some(seen) if !run.wins_over(seen) => {}
                            _ => {
                                by_id.insert(run.id.clone(), run);
                            }
                        }
                    }
                }
                KeyData::Wellness(days) => loaded.wellness.extend(days),
                KeyData::Plan(_, plan) => loaded.plans.extend(plan),
                KeyData::Goal(goal) => loaded.goal = goal,
                KeyData::Setbacks(setbacks) => loaded.setbacks = setbacks,
                KeyData::Settings(settings) => loaded.settings = settings,
                KeyData::Unreadable(problem) => loaded.problems.push(problem),
                KeyData::Deleted(_) | KeyData::Nothing => {}
            }
        }
        loaded.plans.sort_by_key(|p| p.start);
        loaded.runs = by_id.into_values().collect();
        sort_newest_first(&mut loaded.runs);
        Wellness::sort(&mut loaded.wellness);
        Ok(loaded)
    }

    /// The deleted runs, to leave out of what is read; unreadable, it is reported
    /// and nothing is left out.
    fn deleted_for_reading(&self, problems: &mut Vec<Problem>) -> Result<Deleted, BackendError> {
        match self.read_key(DELETED_KEY)? {
            KeyData::Deleted(deleted) => Ok(deleted),
            KeyData::Unreadable(problem) => {
                problems.push(problem);
                Ok(Deleted::new())
            }
            _ => Ok(Deleted::new()),
        }
    }

    /// What each of `keys` holds now (another tab wrote them), for the model; the
    /// deleted runs read once for all the months.
    pub fn read_keys<'k>(
        &self,
        keys: impl IntoIterator<Item = &'k String>,
    ) -> Result<Vec<(&'k String, KeyData)>, BackendError> {
        let mut deleted = None;
        let mut read = Vec::new();
        for key in keys {
            let data = if key.starts_with(RUNS_PREFIX) {
                let deleted = match &deleted {
                    Some(deleted) => deleted,
                    None => deleted.insert(self.deleted_for_reading(&mut Vec::new())?),
                };
                self.read_key_with(key, deleted)?
            } else {
                self.read_key_with(key, &Deleted::new())?
            };
            read.push((key, data));
        }
        Ok(read)
    }

    /// What one key holds now, for the model.
    pub fn read_key(&self, key: &str) -> Result<KeyData, BackendError> {
        let deleted = if key.starts_with(RUNS_PREFIX) {
            self.deleted_for_reading(&mut Vec::new())?
        } else {
            Deleted::new()
        };
        self.read_key_with(key, &deleted)
    }

    fn read_key_with(&self, key: &str, deleted: &Deleted) -> Result<KeyData, BackendError> {
        if !is_data_key(key) {
            return Ok(KeyData::Nothing);
        }
        let Some(raw) = self.backend.get(key)? else {
            return Ok(absent(key));
        };
        if key.starts_with(ASIDE_PREFIX) {
            return Ok(KeyData::Unreadable(Problem {
                key: key.to_string(),
                error: None,
                kept_at: key.to_string(),
            }));
        }
        Ok(match decode_key(key, &raw) {
            Ok(KeyData::Runs(mut runs)) => {
                runs.retain(|r| !is_deleted(deleted, &r.id, r.updated));
                KeyData::Runs(runs)
            }
            Ok(data) => data,
            Err(error) => KeyData::Unreadable(Problem::in_place(key, error)),
        })
    }

    /// Moves the garbage under `key` aside, so the key is free for new data and
    /// the bytes are kept. It is read again first: another tab may have rewritten
    /// it since it was found unreadable, and then it is read, not moved
    /// ([`KeyData`]). A newer version's data, or data that can't be copied (storage
    /// full), stays where it is.
    pub fn set_aside(&self, key: &str) -> Result<KeyData, BackendError> {
        let data = self.read_key(key)?;
        let KeyData::Unreadable(problem) = data else {
            return Ok(data);
        };
        let Some(raw) = self.backend.get(key)? else {
            return Ok(KeyData::Nothing);
        };
        if !problem.to_set_aside() {
            return Ok(KeyData::Unreadable(problem));
        }
        let Some(aside) = self.free_aside_key(key) else {
            return Ok(KeyData::Unreadable(problem));
        };
        if self.backend.set(&aside, &raw).is_err() || self.backend.remove(key).is_err() {
            return Ok(KeyData::Unreadable(problem));
        }
        Ok(KeyData::Unreadable(Problem { kept_at: aside, ..problem }))
    }

    /// The first free `restride.aside.<key>.<n>`.
    pub(crate) fn free_aside_key(&self, key: &str) -> Option<String> {
        (0..1000)
            .map(|n| format!("{ASIDE_PREFIX}{key}.{n}"))
            .find(|k| matches!(self.backend.get(k), Ok(None)))
    }

    /// The raw bytes under a key, for "download what couldn't be read".
    pub fn raw(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.backend.get(key)
    }

    /// Deletes data the runner chose to discard after downloading it.
    pub fn discard(&self, key: &str) -> Result<(), SaveError> {
        if key.starts_with(ASIDE_PREFIX) {
            self.backend.remove(key)?;
        }
        Ok(())
    }

    /// A month as it is in storage now (another tab may have written to it).
    pub(crate) fn read_month<T: MonthItem>(&self, key: &str) -> Result<Vec<T>, SaveError> {
        match self.backend.get(key)? {
            None => Ok(Vec::new()),
            Some(raw) => {
                T::decode(&raw).map_err(|error| SaveError::Unreadable { data: data_label(key), error })
            }
        }
    }

    fn write_month<T: MonthItem>(&self, key: &str, items: &[T]) -> Result<(), SaveError> {
        Ok(self.write_raw(key, month_value(items).as_deref())?)
    }

    /// Sets a key, or removes it for `None`.
    fn write_raw(&self, key: &str, value: Option<&str>) -> Result<(), BackendError> {
        match value {
            Some(value) => self.backend.set(key, value),
            None => self.backend.remove(key),
        }
    }

    /// Writes every key or none. After a failed write each key already written gets
    /// its previous value back, newest first, so every step returns storage to a
    /// state it was already in, which fitted the quota.
    pub(crate) fn write_all_or_nothing(&self, writes: &[(String, Option<String>)]) -> Result<(), SaveError> {
        let mut done: Vec<(&str, Option<String>)> = Vec::with_capacity(writes.len());
        for (key, value) in writes {
            let written = self.backend.get(key).and_then(|before| {
                self.write_raw(key, value.as_deref())?;
                Ok(before)
            });
            match written {
                Ok(before) => done.push((key, before)),
                Err(error) => {
                    for (key, before) in done.iter().rev() {
                        // Nothing better to do if even this fails; the first error is the one to report.
                        let _ = self.write_raw(key, before.as_deref());
                    }
                    return Err(error.into());
                }
            }
        }
        Ok(())
    }

    /// Saves a new item (a new run, a day's check-in), replacing a version of it
    /// in its month unless that version is newer.
    fn put<T: MonthItem>(&self, item: &T) -> Result<(), SaveError> {
        let key = item.month_key();
        let mut items: Vec<T> = self.read_month(&key)?;
        if let Some(stored) = items.iter().find(|i| i.key() == item.key())
            && stored.wins_over(item)
        {
            return Err(SaveError::ChangedElsewhere { what: T::WHAT });
        }
        items.retain(|i| i.key() != item.key());
        items.push(item.clone());
        T::sort(&mut items);
        self.write_month(&key, &items)
    }

    /// Saves a run just logged (a new id).
    pub fn save_new_run(&self, run: &Run) -> Result<(), SaveError> {
        self.put(run)
    }

    /// The stored copy of `original` (the run as the runner opened it), checked
    /// unchanged: the same `updated`, in the month it was in, and not deleted.
    fn unchanged_copy(&self, original: &Run) -> Result<Vec<Run>, SaveError> {
        if is_deleted(&self.deleted()?, &original.id, original.updated) {
            return Err(SaveError::Deleted);
        }
        let runs: Vec<Run> = self.read_month(&run_month_key(&original.start))?;
        match runs.iter().find(|r| r.id == original.id) {
            Some(stored) if stored.updated == original.updated => Ok(runs),
            // Edited since, here or into another month.
            _ => Err(SaveError::ChangedElsewhere { what: Run::WHAT }),
        }
    }

    /// Saves an edit of `original` (the run as the form was opened on, whose
    /// `updated` is what the edit was made from). Refused if the stored run has
    /// changed since or was deleted; a run that moves month leaves the old one in
    /// the same all-or-nothing write.
    pub fn update_run(&self, run: &Run, original: &Run) -> Result<(), SaveError> {
        let mut old_month = self.unchanged_copy(original)?;
        let (old_key, new_key) = (run_month_key(&original.start), run.month_key());
        old_month.retain(|r| r.id != run.id);
        let mut writes = Vec::with_capacity(2);
        if old_key == new_key {
            old_month.push(run.clone());
            Run::sort(&mut old_month);
        } else {
            let mut new_month: Vec<Run> = self.read_month(&new_key)?;
            new_month.retain(|r| r.id != run.id);
            new_month.push(run.clone());
            Run::sort(&mut new_month);
            writes.push((new_key, month_value(&new_month)));
        }
        writes.push((old_key, month_value(&old_month)));
        self.write_all_or_nothing(&writes)
    }

    /// Deletes `run` (as the runner saw it) at `now`, leaving a tombstone so the
    /// deletion holds against older copies. Refused if the stored run has changed
    /// since; a run already deleted elsewhere is deleted.
    pub fn delete_run(&self, run: &Run, now: DateTime<Utc>) -> Result<(), SaveError> {
        let mut month = match self.unchanged_copy(run) {
            Err(SaveError::Deleted) => return Ok(()),
            other => other?,
        };
        month.retain(|r| r.id != run.id);
        let mut deleted = self.deleted()?;
        add(&mut deleted, run.id.clone(), now.max(run.updated));
        self.write_all_or_nothing(&[
            (run_month_key(&run.start), month_value(&month)),
            (DELETED_KEY.to_string(), Some(encode_deleted(&deleted))),
        ])
    }

    /// Puts back a deleted run (an undo): saved as changed at `now`, after its
    /// tombstone, so the undo travels like the deletion did. Returns the run as
    /// saved; if another tab has put it back already, the newer copy stands.
    pub fn restore_run(&self, run: &Run, now: DateTime<Utc>) -> Result<Run, SaveError> {
        let tombstone = self.deleted()?.get(&run.id).copied();
        let after = tombstone.map_or(now, |at| now.max(at + chrono::Duration::milliseconds(1)));
        let restored = Run { updated: after.max(run.updated), ..run.clone() };
        let key = restored.month_key();
        let mut month: Vec<Run> = self.read_month(&key)?;
        if let Some(newer) = month.iter().find(|r| r.id == run.id && r.wins_over(&restored)) {
            return Ok(newer.clone());
        }
        month.retain(|r| r.id != run.id);
        month.push(restored.clone());
        Run::sort(&mut month);
        self.write_month(&key, &month)?;
        Ok(restored)
    }

    /// The deleted runs.
    pub(crate) fn deleted(&self) -> Result<Deleted, SaveError> {
        match self.backend.get(DELETED_KEY)? {
            None => Ok(Deleted::new()),
            Some(raw) => decode_deleted(&raw)
                .map_err(|error| SaveError::Unreadable { data: data_label(DELETED_KEY), error }),
        }
    }

    /// Saves a day's check-in, replacing that day's earlier one (unless the stored
    /// one is newer: then another tab saved after this one was made).
    pub fn upsert_wellness(&self, day: &Wellness) -> Result<(), SaveError> {
        self.put(day)
    }

    /// Saves a week's plan, replacing that week's earlier one, if that earlier one
    /// is still `base` (the plan the runner saw, `None` for no plan).
    pub fn save_plan(
        &self,
        plan: &WeekPlan,
        base: Option<&WeekPlan>,
        now: DateTime<Utc>,
    ) -> Result<(), SaveError> {
        let key = plan_key(plan.start);
        let stored = self.read_stored(&key, decode_plan)?;
        // Compared as stored: a plan in the model also has its paces worked out
        // (from the runner's fitness), which storage leaves out.
        let as_stored = |p: Option<&WeekPlan>| p.map(|p| encode_plan(p, DateTime::UNIX_EPOCH));
        if as_stored(stored.as_ref()) != as_stored(base) {
            return Err(SaveError::ChangedElsewhere { what: "This week's plan" });
        }
        Ok(self.backend.set(&key, &encode_plan(plan, now))?)
    }

    /// Sets the race goal, or clears it (kept as a cleared goal, so clearing it
    /// travels to other devices), if the stored one is still `base`.
    pub fn save_goal(
        &self,
        goal: Option<&RaceGoal>,
        base: Option<&RaceGoal>,
        now: DateTime<Utc>,
    ) -> Result<(), SaveError> {
        let stored = self.read_stored(GOAL_KEY, decode_goal)?.flatten();
        if stored.as_ref() != base {
            return Err(SaveError::ChangedElsewhere { what: "The race goal" });
        }
        Ok(self.backend.set(GOAL_KEY, &encode_goal(goal, now))?)
    }

    /// Saves every illness and injury the runner reported (oldest first).
    pub fn save_setbacks(&self, setbacks: &[Setback]) -> Result<(), SaveError> {
        self.read_stored(SETBACKS_KEY, decode_setbacks)?;
        let value = (!setbacks.is_empty()).then(|| encode_setbacks(setbacks));
        Ok(self.write_raw(SETBACKS_KEY, value.as_deref())?)
    }

    /// The settings as stored now (defaults when none are), to change one of them.
    pub fn settings(&self) -> Result<Settings, SaveError> {
        Ok(self.read_stored(SETTINGS_KEY, decode_settings)?.unwrap_or_default())
    }

    pub fn save_settings(&self, settings: &Settings) -> Result<(), SaveError> {
        self.read_stored(SETTINGS_KEY, decode_settings)?;
        self.backend.set(SETTINGS_KEY, &encode_settings(settings))?;
        Ok(())
    }

    /// A single-key value as stored, to be replaced: `None` when there is none or
    /// it is garbage (ours to overwrite; it has been set aside, or a save will
    /// replace it), and a refusal when a newer version wrote it.
    fn read_stored<T>(
        &self,
        key: &str,
        decode: impl Fn(&str) -> Result<T, DecodeError>,
    ) -> Result<Option<T>, SaveError> {
        let Some(raw) = self.backend.get(key)? else {
            return Ok(None);
        };
        let decoded = decode(&raw);
        refuse_if_newer(&decoded).map_err(|error| SaveError::Unreadable { data: data_label(key), error })?;
        Ok(decoded.ok())
    }

    /// This device's notes (defaults when there are none or they can't be read).
    pub fn device(&self) -> DeviceState {
        self.backend
            .get(DEVICE_KEY)
            .ok()
            .flatten()
            .and_then(|raw| decode_device(&raw).ok())
            .unwrap_or_default()
    }

    /// Saves this device's notes, unless a newer version wrote them.
    pub fn save_device(&self, device: &DeviceState) -> Result<(), SaveError> {
        self.read_stored(DEVICE_KEY, decode_device)?;
        Ok(self.backend.set(DEVICE_KEY, &encode_device(device))?)
    }
}

/// What a key that holds nothing means for the model.
fn absent(key: &str) -> KeyData {
    let week = key.strip_prefix(PLAN_PREFIX).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    if key.starts_with(RUNS_PREFIX) {
        KeyData::Runs(Vec::new())
    } else if key.starts_with(WELLNESS_PREFIX) {
        KeyData::Wellness(Vec::new())
    } else if let Some(week) = week {
        KeyData::Plan(week, None)
    } else if key == GOAL_KEY {
        KeyData::Goal(None)
    } else if key == SETBACKS_KEY {
        KeyData::Setbacks(Vec::new())
    } else if key == SETTINGS_KEY {
        KeyData::Settings(Settings::default())
    } else if key == DELETED_KEY {
        KeyData::Deleted(Deleted::new())
    } else {
        KeyData::Nothing
    }
}

/// What a month's key holds: nothing once its last item is gone.
pub(crate) fn month_value<T: MonthItem>(items: &[T]) -> Option<String> {
    (!items.is_empty()).then(|| T::encode(items))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::backend::MemoryBackend;
    pub(crate) use crate::plan_record::tests::plan as sample_plan;
    use crate::plan_record::{decode_goal, decode_plan, encode_plan};
    use crate::record::decode_month;
    use chrono::{TimeZone, Utc};
    use restride_core::testing::sample_run;
    use restride_core::{DistanceUnit, Feel, Rpe, RunType};

    pub(crate) fn run(n: u8, start: &str) -> Run {
        Run { rpe: Rpe::new(3), feel: Feel::new(4), ..sample_run(n, start, RunType::Easy, 30.0, 5.0) }
    }

    fn store() -> Store<MemoryBackend> {
        Store::new(MemoryBackend::default())
    }

    pub(crate) fn at(ms: i64) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(1_764_000_000_000 + ms).unwrap()
    }

    /// Loads, then sets aside what can't be read, as the app does.
    fn load_and_set_aside(s: &Store<MemoryBackend>) -> Loaded {
        for problem in s.load().unwrap().problems {
            s.set_aside(&problem.key).unwrap();
        }
        s.load().unwrap()
    }

    #[test]
    fn plans_and_the_goal_load_back_and_a_newer_apps_are_left_alone() {
        use restride_core::plan::{PlanInput, build_week};
        let s = store();
        let settings = Settings::default();
        let week = |d: u32| {
            let week_start = NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
            build_week(&PlanInput::first_week(week_start, &settings))
        };
        let (later, earlier) = (week(23), week(16));
        s.save_plan(&later, None, at(0)).unwrap();
        s.save_plan(&earlier, None, at(0)).unwrap();
        let goal = RaceGoal {
            distance_m: 10_000.0,
            date: NaiveDate::from_ymd_opt(2027, 3, 7).unwrap(),
            target_s: None,
        };
        s.save_goal(Some(&goal), None, at(1)).unwrap();
        let loaded = s.load().unwrap();
        assert_eq!(loaded.plans, vec![earlier, later.clone()]);
        assert_eq!(loaded.goal, Some(goal));
        s.save_goal(None, Some(&goal), at(2)).unwrap();
        assert_eq!(s.load().unwrap().goal, None);
        // Cleared, the goal stays as a record: clearing it travels like setting it.
        assert_eq!(s.raw(GOAL_KEY).unwrap().as_deref(), Some(r#"{"schema":5,"updated_ms":1764000000002}"#));

        let newer = r#"{"schema":99,"start":"2026-11-23"}"#;
        s.backend().set("restride.plan.2026-11-23", newer).unwrap();
        let refused = s.save_plan(&later, Some(&later), at(3)).unwrap_err();
        assert!(
            matches!(refused, SaveError::Unreadable { ref data, .. } if data == "plan for the week of 2026-11-23"),
            "{refused:?}"
        );
        assert!(refused.to_string().starts_with("The saved plan for the week of 2026-11-23 can't be read"));
        assert_eq!(s.raw("restride.plan.2026-11-23").unwrap().as_deref(), Some(newer));
    }

    #[test]
    fn runs_round_trip_newest_first_one_key_per_month() {
        let s = store();
        let a = run(1, "2026-10-31T23:30:00+01:00");
        let b = run(2, "2026-11-01T07:00:00+01:00");
        s.save_new_run(&a).unwrap();
        s.save_new_run(&b).unwrap();
        let loaded = s.load().unwrap();
        assert_eq!(loaded.runs, vec![b, a]);
        assert_eq!(s.backend().keys().unwrap(), ["restride.runs.2026-10", "restride.runs.2026-11"]);
    }

    pub(crate) fn wellness(date: &str, stress: u8) -> Wellness {
        use restride_core::{Hooper, Level};
        Wellness {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            sleep_hours: Some(7.5),
            sleep_quality: Hooper::new(3).unwrap(),
            stress: Hooper::new(stress).unwrap(),
            fatigue: Hooper::new(4).unwrap(),
            soreness: Hooper::new(2).unwrap(),
            hydration: Level::new(4).unwrap(),
            motivation: Level::new(3).unwrap(),
            tags: vec![restride_core::LifeTag::BusyWeek],
            updated: Utc.timestamp_millis_opt(1_700_000_000_000).unwrap(),
        }
    }

    #[test]
    fn one_check_in_per_day_editable_never_over_a_newer_one() {
        let s = store();
        s.upsert_wellness(&wellness("2026-11-24", 3)).unwrap();
        s.upsert_wellness(&wellness("2026-11-25", 3)).unwrap();
        let mut edited = wellness("2026-11-25", 6);
        edited.updated += chrono::Duration::seconds(1);
        s.upsert_wellness(&edited).unwrap();
        // A copy made before that edit (a tab left open) doesn't replace it.
        assert_eq!(
            s.upsert_wellness(&wellness("2026-11-25", 1)),
            Err(SaveError::ChangedElsewhere { what: "This day's check-in" })
        );
        let loaded = s.load().unwrap();
        assert_eq!(loaded.wellness.len(), 2);
        assert_eq!(loaded.wellness[0].stress.value(), 6);
        assert_eq!(loaded.wellness[0].date.to_string(), "2026-11-25");
        assert_eq!(s.backend().keys().unwrap(), ["restride.wellness.2026-11"]);
    }

    #[test]
    fn a_save_keeps_runs_another_tab_wrote() {
        let s = store();
        let mine = run(1, "2026-11-02T07:00:00+01:00");
        let theirs = run(2, "2026-11-03T07:00:00+01:00");
        // Two handles on one backend stand in for two tabs that each loaded nothing.
        s.save_new_run(&theirs).unwrap();
        s.save_new_run(&mine).unwrap();
        assert_eq!(s.load().unwrap().runs.len(), 2);
    }

    #[test]
    fn moving_a_run_to_another_month_leaves_one_copy() {
        let s = store();
        let a = run(1, "2026-11-02T07:00:00+01:00");
        s.save_new_run(&a).unwrap();
        let mut moved = a.clone();
        moved.start = DateTime::parse_from_rfc3339("2026-10-30T07:00:00+01:00").unwrap();
        moved.updated += chrono::Duration::seconds(1);
        s.update_run(&moved, &a).unwrap();
        assert_eq!(s.load().unwrap().runs, vec![moved]);
        assert_eq!(s.backend().keys().unwrap(), ["restride.runs.2026-10"]);
    }

    #[test]
    fn delete_leaves_a_tombstone_and_undo_brings_the_run_back_after_it() {
        let s = store();
        let a = run(1, "2026-11-02T07:00:00+01:00");
        s.save_new_run(&a).unwrap();
        let deleted_at = a.updated + chrono::Duration::minutes(1);
        s.delete_run(&a, deleted_at).unwrap();
        assert!(s.load().unwrap().runs.is_empty());
        assert_eq!(s.backend().keys().unwrap(), [DELETED_KEY]);
        assert_eq!(s.deleted().unwrap()[&a.id], deleted_at);
        // Deleting it again (another tab did already) is no error.
        s.delete_run(&a, deleted_at).unwrap();
        let restored = s.restore_run(&a, deleted_at).unwrap();
        assert!(restored.updated > deleted_at, "changed after its tombstone");
        assert_eq!(Run { updated: a.updated, ..restored.clone() }, a);
        assert_eq!(s.load().unwrap().runs, vec![restored]);
    }

    #[test]
    fn an_edit_left_open_never_overwrites_a_newer_edit_or_revives_a_deletion() {
        let s = store();
        let opened = run(1, "2026-11-02T07:00:00+01:00");
        s.save_new_run(&opened).unwrap();
        // Another tab edits it (and moves it to October).
        let mut theirs = opened.clone();
        theirs.notes = "edited in the other tab".into();
        theirs.start = DateTime::parse_from_rfc3339("2026-10-30T07:00:00+01:00").unwrap();
        theirs.updated += chrono::Duration::minutes(1);
        s.update_run(&theirs, &opened).unwrap();
        // This tab's form was opened on the version before.
        let mut mine = opened.clone();
        mine.notes = "edited here, later".into();
        mine.updated += chrono::Duration::minutes(2);
        let before = s.backend().snapshot();
        assert_eq!(s.update_run(&mine, &opened), Err(SaveError::ChangedElsewhere { what: "This run" }));
        assert_eq!(
            s.delete_run(&opened, mine.updated),
            Err(SaveError::ChangedElsewhere { what: "This run" })
        );
        assert_eq!(s.backend().snapshot(), before);
        // The other tab deletes it: this tab's edit of it is refused, not saved again.
        s.delete_run(&theirs, theirs.updated + chrono::Duration::minutes(1)).unwrap();
        let before = s.backend().snapshot();
        assert_eq!(s.update_run(&mine, &theirs), Err(SaveError::Deleted));
        assert!(
            s.update_run(&mine, &theirs)
                .unwrap_err()
                .to_string()
                .starts_with("This run was deleted in another tab")
        );
        assert_eq!(s.backend().snapshot(), before);
        assert!(s.load().unwrap().runs.is_empty());
    }

    #[test]
    fn garbage_is_moved_aside_never_lost() {
        let s = store();
        s.backend().set("restride.runs.2026-11", "{oops").unwrap();
        let good = run(1, "2026-10-02T07:00:00+01:00");
        s.save_new_run(&good).unwrap();
        // Loading only reads: the garbage is reported where it is.
        let loaded = s.load().unwrap();
        assert_eq!(loaded.runs, vec![good.clone()]);
        assert_eq!(loaded.problems[0].kept_at, "restride.runs.2026-11");
        assert!(loaded.problems[0].to_set_aside());
        let loaded = load_and_set_aside(&s);
        assert_eq!(loaded.runs, vec![good]);
        assert_eq!(loaded.problems.len(), 1);
        let kept = &loaded.problems[0].kept_at;
        assert_eq!(kept, "restride.aside.restride.runs.2026-11.0");
        assert_eq!(s.raw(kept).unwrap().as_deref(), Some("{oops"));
        // The month is free again, and the aside copy is still reported next time.
        s.save_new_run(&run(2, "2026-11-02T07:00:00+01:00")).unwrap();
        let again = s.load().unwrap();
        assert_eq!(again.runs.len(), 2);
        assert_eq!(again.problems[0].kept_at, *kept);
        assert_eq!(s.raw(kept).unwrap().as_deref(), Some("{oops"));
    }

    #[test]
    fn garbage_another_tab_rewrote_meanwhile_is_read_not_moved_aside() {
        let s = store();
        s.backend().set("restride.runs.2026-11", "{oops").unwrap();
        assert_eq!(s.load().unwrap().problems.len(), 1);
        // Before this tab set it aside, another one wrote the month afresh.
        let theirs = run(1, "2026-11-02T07:00:00+01:00");
        s.backend().set("restride.runs.2026-11", &encode_month(std::slice::from_ref(&theirs))).unwrap();
        assert_eq!(s.set_aside("restride.runs.2026-11").unwrap(), KeyData::Runs(vec![theirs.clone()]));
        assert_eq!(s.backend().keys().unwrap(), ["restride.runs.2026-11"]);
        assert_eq!(s.load().unwrap().runs, vec![theirs]);
    }

    #[test]
    fn newer_versions_data_stays_put_and_blocks_writes_to_its_month() {
        // A newer format, and this version's format holding what only a newer
        // version knows: a run type, a field, a tag, a session kind, a reason.
        let month = |kind: &str, extra: &str| {
            format!(
                r#"{{"schema":5,"runs":[{{"id":"01901234-5678-7fff-bfff-ffffffffffff","start":"2026-11-25T07:30:00+01:00","kind":"{kind}","moving_s":1800,"created_ms":0,"updated_ms":0{extra}}}]}}"#
            )
        };
        let plan = |why: &str| {
            encode_plan(&restride_core::plan::WeekPlan { adjustments: vec![], ..sample_plan() }, at(0))
                .replace(r#""adjustments":[]"#, &format!(r#""adjustments":[{{"why":"{why}"}}]"#))
        };
        let cases = [
            ("restride.runs.2026-11", r#"{"schema":7,"runs":"a shape from the future"}"#.to_string(), "format 7"),
            ("restride.runs.2026-11", month("trail", ""), r#"a run type "trail""#),
            ("restride.runs.2026-11", month("easy", r#","shoes":"red""#), r#"a field "shoes""#),
            (
                "restride.wellness.2026-11",
                r#"{"schema":5,"days":[{"date":"2026-11-02","sleep_quality":3,"stress":3,"fatigue":3,"soreness":3,"hydration":3,"motivation":3,"tags":["jet-lag"],"updated_ms":0}]}"#.to_string(),
                r#"a tag "jet-lag""#,
            ),
            ("restride.plan.2026-11-23", plan("moon-phase"), r#"the value "moon-phase""#),
            (
                "restride.plan.2026-11-23",
                encode_plan(&sample_plan(), at(0)).replacen(r#""kind":"easy""#, r#""kind":"trail-run""#, 1),
                r#"a session kind "trail-run""#,
            ),
            ("restride.shoes", r#"{"schema":6,"pairs":[]}"#.to_string(), r#"a kind of data "shoes""#),
        ];
        for (key, newer, why) in cases {
            let s = store();
            s.backend().set(key, &newer).unwrap();
            let loaded = load_and_set_aside(&s);
            let error = loaded.problems[0].error.clone().unwrap();
            assert!(error.is_from_newer_version(), "{key}: {error:?}");
            assert!(error.to_string().contains(why), "{error} should name {why}");
            assert!(error.to_string().ends_with("Reload to update the app."), "{error}");
            assert_eq!(loaded.problems[0].kept_at, key, "left where it is");
            assert_eq!(s.raw(key).unwrap().as_deref(), Some(newer.as_str()));
            let refused = match key {
                "restride.runs.2026-11" => s.save_new_run(&run(1, "2026-11-02T07:00:00+01:00")),
                "restride.wellness.2026-11" => s.upsert_wellness(&wellness("2026-11-02", 3)),
                "restride.plan.2026-11-23" => s.save_plan(&sample_plan(), None, at(1)),
                _ => Err(SaveError::Unreadable { data: key.into(), error }),
            };
            assert!(matches!(refused, Err(SaveError::Unreadable { .. })), "{key}: {refused:?}");
            assert_eq!(s.raw(key).unwrap().as_deref(), Some(newer.as_str()));
        }
    }

    #[test]
    fn a_plan_or_goal_changed_elsewhere_is_not_overwritten() {
        let s = store();
        let plan = sample_plan();
        s.save_plan(&plan, None, at(0)).unwrap();
        let mut theirs = plan.clone();
        theirs.sessions.pop();
        s.save_plan(&theirs, Some(&plan), at(1)).unwrap();
        let mut mine = plan.clone();
        mine.sessions.remove(0);
        assert_eq!(
            s.save_plan(&mine, Some(&plan), at(2)),
            Err(SaveError::ChangedElsewhere { what: "This week's plan" })
        );
        assert_eq!(
            s.save_plan(&mine, None, at(2)),
            Err(SaveError::ChangedElsewhere { what: "This week's plan" })
        );
        assert_eq!(s.load().unwrap().plans, vec![theirs]);
        let goal = RaceGoal {
            distance_m: 5000.0,
            date: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            target_s: None,
        };
        s.save_goal(Some(&goal), None, at(3)).unwrap();
        assert_eq!(
            s.save_goal(None, None, at(4)),
            Err(SaveError::ChangedElsewhere { what: "The race goal" })
        );
        assert_eq!(s.load().unwrap().goal, Some(goal));
    }

    #[test]
    fn dates_outside_the_years_kept_are_refused_when_read() {
        let month = |start: &str| {
            format!(
                r#"{{"schema":5,"runs":[{{"id":"01901234-5678-7fff-bfff-ffffffffffff","start":"{start}","kind":"easy","moving_s":1800,"created_ms":0,"updated_ms":0}}]}}"#
            )
        };
        assert!(decode_month(&month("1899-12-31T07:00:00+01:00")).is_err());
        assert!(decode_month(&month("1900-01-01T07:00:00+01:00")).is_ok());
        assert!(decode_month(&month("9999-12-31T07:00:00+01:00")).is_ok());
        let far = encode_plan(&sample_plan(), at(0)).replace("2026-11-", "+262143-11-");
        assert!(decode_plan(&far).is_err(), "{far}");
        assert!(
            decode_goal(r#"{"schema":5,"distance_m":5000.0,"date":"+99999-01-01","updated_ms":0}"#).is_err()
        );
        // Nor does date arithmetic on a plan at the calendar's end panic.
        let last = WeekPlan { start: NaiveDate::MAX - chrono::Duration::days(2), ..sample_plan() };
        assert_eq!((last.dates().count(), last.end()), (3, NaiveDate::MAX));
        assert!(last.contains(NaiveDate::MAX) && last.rest_days().len() == 3);
        let late = r#"{"schema":5,"runs":[{"id":"01901234-5678-7fff-bfff-ffffffffffff","start":"2026-11-25T07:30:00+01:00","kind":"easy","moving_s":1800,"created_ms":0,"updated_ms":8210298412800000}]}"#;
        assert!(decode_month(late).is_err());
    }

    #[test]
    fn quota_exceeded_changes_nothing() {
        let s = Store::new(MemoryBackend::with_quota(600));
        let a = run(1, "2026-11-02T07:00:00+01:00");
        s.save_new_run(&a).unwrap();
        let before = s.backend().snapshot();
        let mut big = run(2, "2026-11-03T07:00:00+01:00");
        big.notes = "x".repeat(1000);
        assert_eq!(s.save_new_run(&big), Err(SaveError::QuotaExceeded));
        assert_eq!(s.backend().snapshot(), before);
    }

    #[test]
    fn settings_persist_and_corrupt_settings_fall_back() {
        let s = store();
        s.save_settings(&Settings { unit: DistanceUnit::Mi, ..Settings::default() }).unwrap();
        assert_eq!(s.load().unwrap().settings.unit, DistanceUnit::Mi);
        s.backend().set(SETTINGS_KEY, "][").unwrap();
        let loaded = load_and_set_aside(&s);
        assert_eq!(loaded.settings, Settings::default());
        assert_eq!(loaded.problems.len(), 1);
    }

    #[test]
    fn a_newer_versions_settings_and_goal_refuse_writes_and_say_what_they_are() {
        let s = store();
        let newer = r#"{"schema":99,"unit":"furlong"}"#;
        s.backend().set(SETTINGS_KEY, newer).unwrap();
        s.backend().set(GOAL_KEY, newer).unwrap();
        let err = s.save_settings(&Settings::default()).unwrap_err();
        assert!(matches!(err, SaveError::Unreadable { ref data, .. } if data == "settings"), "{err:?}");
        assert!(err.to_string().starts_with("The saved settings can't be read"), "{err}");
        let err = s.save_goal(None, None, at(0)).unwrap_err();
        assert!(matches!(err, SaveError::Unreadable { ref data, .. } if data == "race goal"), "{err:?}");
        assert_eq!(s.raw(SETTINGS_KEY).unwrap().as_deref(), Some(newer));
        assert_eq!(s.raw(GOAL_KEY).unwrap().as_deref(), Some(newer));
    }

    #[test]
    fn a_duplicate_left_by_an_interrupted_move_loads_once_as_the_newer() {
        let s = store();
        let old = run(1, "2026-11-02T07:00:00+01:00");
        let mut newer = old.clone();
        newer.start = DateTime::parse_from_rfc3339("2026-10-02T07:00:00+01:00").unwrap();
        newer.updated = old.updated + chrono::Duration::seconds(5);
        s.backend().set("restride.runs.2026-11", &encode_month(std::slice::from_ref(&old))).unwrap();
        s.backend().set("restride.runs.2026-10", &encode_month(std::slice::from_ref(&newer))).unwrap();
        assert_eq!(s.load().unwrap().runs, vec![newer]);
    }
}
