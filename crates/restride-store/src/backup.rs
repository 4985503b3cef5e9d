//! The backup file: everything on the device in one JSON file the runner keeps
//! somewhere else, and the import that merges one back in. Everything means every
//! stored kind (runs, check-ins, settings, illnesses and injuries, planned weeks,
//! the race goal, deleted runs' tombstones) and, as raw text under their keys, the
//! data this version can't read (set aside, or a newer version's), so nothing on
//! the device is missing from the file; only this device's own notes
//! (`restride.device`) stay behind.
//!
//! Import never loses anything on either side: it adds what is new, takes a newer
//! version over an older one, applies deletions, keeps raw data without writing
//! over different bytes, and writes all of it or nothing. It is split in two
//! ([`Store::prepare_restore`], then [`Store::commit`]) so the reading and merging
//! can happen before this tab takes the storage lock, and the write, under it,
//! first checks that nothing it read has changed (else it merges again).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, SecondsFormat, Utc};
use restride_core::plan::{RaceGoal, WeekPlan};
use restride_core::{Run, Setback, Settings, Wellness};
use serde::de::{IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use thiserror::Error;

use crate::backend::{BackendError, KeyValue};
use crate::deleted_record::{
    Deleted, TombstoneRecord, decode_deleted, encode_deleted, from_records, is_deleted, merge_deleted,
    to_records,
};
use crate::plan_record::{
    GoalRecord, PlanRecord, Stamped, decode_stamped_goal, decode_stamped_plan, encode_goal, encode_plan,
    stamped_goal, stamped_plan,
};
use crate::record::{
    DecodeError, RunRecord, SCHEMA_VERSION, SettingsRecord, WellnessRecord, check_version, classify,
    format_of, version_of,
};
use crate::repo::{
    ASIDE_PREFIX, DELETED_KEY, GOAL_KEY, KeyData, MonthItem, PLAN_PREFIX, SETBACKS_KEY, SETTINGS_KEY,
    SaveError, Store, data_label, decode_key, is_data_key, month_value, plan_key,
};
use crate::setback_record::{SetbackRecord, decode_list, decode_setbacks, encode_setbacks, merge_setbacks};

/// The `format` field that tells a Restride backup from any other JSON.
pub const BACKUP_FORMAT: &str = "restride-backup";
/// Far beyond a lifetime of daily running; a file with more was not exported by Restride.
pub const MAX_RUNS: usize = 200_000;
/// A check-in a day for over 270 years.
pub const MAX_CHECK_INS: usize = 100_000;

/// The file as written and read: every record as stored, each with its own
/// `schema` where it has one. Fields this version doesn't know refuse the file
/// (a newer version's, which this one would otherwise drop).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BackupRecord {
    format: String,
    schema: u32,
    exported_at: String,
    /// Absent when the device had none saved (from version 5; always present before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    settings: Option<SettingsRecord>,
    runs: Vec<RunRecord>,
    // Version 1 had no check-ins.
    #[serde(default)]
    wellness: Vec<WellnessRecord>,
    // Illnesses and injuries; absent from files made before they were kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    setbacks: Vec<SetbackRecord>,
    /// Planned weeks (from version 5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    plans: Vec<PlanRecord>,
    /// The race goal, set or cleared (from version 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    goal: Option<GoalRecord>,
    /// Deleted runs' tombstones (from version 5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    deleted: Vec<TombstoneRecord>,
    /// Data the device couldn't read, as it was stored (from version 5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    kept: Vec<Kept>,
}

/// Stored text this version couldn't read (set aside as unreadable, or a newer
/// version's), carried byte for byte under the key it was stored under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kept {
    pub key: String,
    pub text: String,
}

/// A backup file that was read in full: every record in it is valid.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    pub exported_at: DateTime<Utc>,
    /// `None` when the device it came from had none saved.
    pub settings: Option<Settings>,
    pub runs: Vec<Run>,
    pub wellness: Vec<Wellness>,
    pub setbacks: Vec<Setback>,
    pub plans: Vec<Stamped<WeekPlan>>,
    /// `None`: no goal was ever set there; `Some(None)`: it was cleared.
    pub goal: Option<Stamped<Option<RaceGoal>>>,
    pub deleted: Deleted,
    pub kept: Vec<Kept>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BackupError {
    #[error("This file isn't a Restride backup: it isn't readable JSON ({0}).")]
    NotJson(String),
    #[error("This file isn't a Restride backup.")]
    NotABackup,
    #[error(
        "This backup was made by a newer version of Restride (format {found}; this one reads up to {SCHEMA_VERSION}); update the app first."
    )]
    TooNew { found: u32 },
    #[error(
        "This backup was made by a newer version of Restride (it holds {0}, which this version doesn't know); update the app first."
    )]
    NewerContent(String),
    #[error("This backup holds {count} {what}, more than the {max} Restride can import.")]
    TooLarge { what: &'static str, count: usize, max: usize },
    #[error("This backup is damaged ({0}), so none of it was imported.")]
    Damaged(String),
    #[error("This backup can't be imported because {0}. None of it was imported.")]
    InvalidRecord(DecodeError),
}

impl From<DecodeError> for BackupError {
    fn from(e: DecodeError) -> Self {
        match e {
            DecodeError::TooNew { found } => Self::TooNew { found },
            DecodeError::Unknown(what) => Self::NewerContent(what),
            DecodeError::Garbage(why) => Self::Damaged(why),
            DecodeError::Unversioned | DecodeError::UnknownVersion(_) => Self::Damaged(e.to_string()),
            DecodeError::InvalidRecord { .. }
            | DecodeError::InvalidCheckIn { .. }
            | DecodeError::InvalidSettings(_)
            | DecodeError::InvalidPlan { .. }
            | DecodeError::InvalidSetback { .. }
            | DecodeError::InvalidDeleted(_) => Self::InvalidRecord(e),
        }
    }
}

impl<B: KeyValue> Store<B> {
    /// Everything stored, as a backup file (pretty-printed: people read them). Read
    /// from storage, not from a tab's model, so what another tab saved a moment ago
    /// is in it too. Reading changes nothing.
    pub fn export_backup(&self, now: DateTime<Utc>) -> Result<String, BackendError> {
        let mut keys = self.backend().keys()?;
        keys.retain(|k| is_data_key(k));
        keys.sort();
        let mut record = BackupRecord {
            format: BACKUP_FORMAT.to_string(),
            schema: SCHEMA_VERSION,
            exported_at: now.to_rfc3339_opts(SecondsFormat::Secs, true),
            settings: None,
            runs: Vec::new(),
            wellness: Vec::new(),
            setbacks: Vec::new(),
            plans: Vec::new(),
            goal: None,
            deleted: Vec::new(),
            kept: Vec::new(),
        };
        let deleted = match self.backend().get(DELETED_KEY)?.map(|raw| decode_deleted(&raw)) {
            Some(Ok(deleted)) => deleted,
            _ => Deleted::new(),
        };
        let mut runs: BTreeMap<restride_core::RunId, Run> = BTreeMap::new();
        for key in keys {
            let Some(raw) = self.backend().get(&key)? else { continue };
            let read = if key.starts_with(PLAN_PREFIX) {
                decode_stamped_plan(&raw).map(|p| record.plans.push(PlanRecord::new(&p.value, p.updated)))
            } else if key == GOAL_KEY {
                decode_stamped_goal(&raw)
                    .map(|g| record.goal = Some(GoalRecord::new(g.value.as_ref(), g.updated)))
            } else {
                decode_key(&key, &raw).map(|data| match data {
                    KeyData::Runs(month) => {
                        for run in month.into_iter().filter(|r| !is_deleted(&deleted, &r.id, r.updated)) {
                            // Two copies (an interrupted move): the newer.
                            match runs.get(&run.id) {
                                Some(seen) if !run.wins_over(seen) => {}
                                _ => {
                                    runs.insert(run.id.clone(), run);
                                }
                            }
                        }
                    }
                    KeyData::Wellness(days) => record.wellness.extend(days.iter().map(WellnessRecord::from)),
                    KeyData::Settings(settings) => record.settings = Some(SettingsRecord::from(&settings)),
                    KeyData::Setbacks(list) => {
                        record.setbacks = list.iter().map(SetbackRecord::from).collect()
                    }
                    KeyData::Deleted(list) => record.deleted = to_records(&list),
                    KeyData::Plan(..) | KeyData::Goal(_) | KeyData::Unreadable(_) | KeyData::Nothing => {}
                })
            };
            if read.is_err() {
                record.kept.push(Kept { key, text: raw });
            }
        }
        let mut runs: Vec<Run> = runs.into_values().collect();
        Run::sort(&mut runs);
        record.runs = runs.iter().map(RunRecord::from).collect();
        // Serialising plain strings and numbers cannot fail.
        Ok(pretty(&serde_json::to_string(&record).unwrap_or_default()))
    }
}

/// Lays out compact JSON as serde_json's pretty printer does (two spaces a level,
/// an item a line): people read backups. Printing through the compact serializer
/// only keeps one copy of every record's serialising code in the app (storage
/// writes compact JSON), where `to_string_pretty` would add a second.
fn pretty(compact: &str) -> String {
    fn newline(out: &mut String, depth: usize) {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    }
    let mut out = String::with_capacity(compact.len() + compact.len() / 4);
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

/// How many items a list in the file holds, counted without reading them.
#[derive(Default)]
struct Count(usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Counter;
        impl<'de> Visitor<'de> for Counter {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        deserializer.deserialize_seq(Counter)
    }
}

/// The lists' lengths, for a file that didn't read.
#[derive(Deserialize)]
struct Counts {
    #[serde(default)]
    runs: Count,
    #[serde(default)]
    wellness: Count,
}

fn check_sizes(runs: usize, check_ins: usize) -> Result<(), BackupError> {
    for (count, what, max) in [(runs, "runs", MAX_RUNS), (check_ins, "check-ins", MAX_CHECK_INS)] {
        if count > max {
            return Err(BackupError::TooLarge { what, count, max });
        }
    }
    Ok(())
}

/// Why `json` didn't read as a backup, the most telling reason first: not JSON,
/// not a backup, a newer version's, too large, then what was wrong in it.
fn refusal(json: &str, e: &serde_json::Error) -> BackupError {
    if e.is_syntax() || e.is_eof() {
        return BackupError::NotJson(e.to_string());
    }
    if format_of(json).as_deref() != Some(BACKUP_FORMAT) {
        return BackupError::NotABackup;
    }
    if let Err(version) = check_version(version_of(json)) {
        return version.into();
    }
    if let Ok(counts) = serde_json::from_str::<Counts>(json)
        && let Err(too_large) = check_sizes(counts.runs.0, counts.wellness.0)
    {
        return too_large;
    }
    classify(e).into()
}

/// Reads a backup file whole, straight into its records (no JSON tree of the whole
/// file: a 50 MB file costs its records, not several times that). One bad record
/// refuses the file, so an import never brings in half of one.
pub fn parse_backup(json: &str) -> Result<Backup, BackupError> {
    let record: BackupRecord = serde_json::from_str(json).map_err(|e| refusal(json, &e))?;
    if record.format != BACKUP_FORMAT {
        return Err(BackupError::NotABackup);
    }
    check_version(Some(record.schema))?;
    check_sizes(record.runs.len(), record.wellness.len())?;
    let exported_at = DateTime::parse_from_rfc3339(&record.exported_at)
        .map_err(|_| BackupError::Damaged("bad export time".into()))?
        .with_timezone(&Utc);
    let settings = match record.settings {
        None => None,
        Some(s) => {
            check_version(Some(s.schema))?;
            Some(Settings::try_from(s)?)
        }
    };
    for kept in &record.kept {
        if !is_data_key(&kept.key) {
            return Err(BackupError::Damaged(format!("\"{}\" is not a Restride key", kept.key)));
        }
    }
    Ok(Backup {
        exported_at,
        settings,
        runs: record.runs.into_iter().map(Run::try_from).collect::<Result<_, _>>()?,
        wellness: record.wellness.into_iter().map(Wellness::try_from).collect::<Result<_, _>>()?,
        setbacks: decode_list(record.setbacks)?,
        plans: record.plans.into_iter().map(stamped_plan).collect::<Result<_, _>>()?,
        goal: record.goal.map(stamped_goal).transpose()?,
        deleted: from_records(record.deleted)?,
        kept: record.kept,
    })
}

/// What an import did with one kind of item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeCounts {
    /// New to this device.
    pub added: usize,
    /// The incoming version was newer and replaced the device's.
    pub updated: usize,
    /// The device already had this version or a newer one.
    pub unchanged: usize,
    /// On this device, but deleted on the device the backup came from.
    pub removed: usize,
}

/// What restoring a backup did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RestoreReport {
    pub runs: MergeCounts,
    pub wellness: MergeCounts,
    /// Planned weeks.
    pub plans: MergeCounts,
    /// The backup's race goal (set or cleared) was newer and replaced this device's.
    pub goal_changed: bool,
    /// The backup's settings were taken because the device had none; otherwise the
    /// device kept its own.
    pub settings_applied: bool,
    /// The backup brought illnesses or injuries this device didn't know about.
    pub setbacks_changed: bool,
    /// Pieces of data this version can't read that the backup carried and this
    /// device didn't have, written as they were.
    pub kept: usize,
}

/// Keys to write: each with its new value, `None` to remove it.
type Writes = Vec<(String, Option<String>)>;

/// A merge worked out and not yet written: what to write, and every key it read
/// (with what it held) so the write can check nothing changed since.
#[must_use]
#[derive(Debug)]
pub struct Prepared<R> {
    writes: Writes,
    read: Vec<(String, Option<String>)>,
    report: R,
}

/// A merge written: what it did and the keys it wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Committed<R> {
    pub report: R,
    pub written: Vec<String>,
}

/// How a listing of keys is noted among what a merge read.
const LISTING: &str = "\u{0}keys ";

/// Storage as a merge reads it: every value and listing noted.
struct Reads<'a, B> {
    store: &'a Store<B>,
    seen: Vec<(String, Option<String>)>,
}

impl<B: KeyValue> Reads<'_, B> {
    fn get(&mut self, key: &str) -> Result<Option<String>, BackendError> {
        let value = self.store.backend().get(key)?;
        self.seen.push((key.to_string(), value.clone()));
        Ok(value)
    }

    /// The stored keys starting with `prefix`, sorted.
    fn keys(&mut self, prefix: &str) -> Result<Vec<String>, BackendError> {
        let keys = self.store.listing(prefix)?;
        self.seen.push((format!("{LISTING}{prefix}"), Some(keys.join("\n"))));
        Ok(keys)
    }

    /// The stored value under `key`, decoded. Garbage refuses the merge (it is
    /// about to be set aside; until then what it held can't be known); a newer
    /// version's value is left alone ([`Stored::Newer`]).
    fn decoded<T>(
        &mut self,
        key: &str,
        decode: impl Fn(&str) -> Result<T, DecodeError>,
    ) -> Result<Stored<T>, SaveError> {
        match self.get(key)?.map(|raw| decode(&raw)) {
            None => Ok(Stored::Absent),
            Some(Ok(value)) => Ok(Stored::Readable(value)),
            Some(Err(error)) if error.is_from_newer_version() => Ok(Stored::Newer(error)),
            Some(Err(error)) => Err(SaveError::Unreadable { data: data_label(key), error }),
        }
    }
}

/// What a key holds, for a merge.
enum Stored<T> {
    Absent,
    Readable(T),
    /// A newer version's: never written over, so the merge leaves this key alone
    /// (and refuses when something must go into it).
    Newer(DecodeError),
}

impl<T: Default> Stored<T> {
    /// The value, or the default when there is none; `None` for a newer version's.
    fn or_default(self) -> Option<T> {
        match self {
            Self::Absent => Some(T::default()),
            Self::Readable(value) => Some(value),
            Self::Newer(_) => None,
        }
    }
}

impl<B: KeyValue> Store<B> {
    fn listing(&self, prefix: &str) -> Result<Vec<String>, BackendError> {
        let mut keys: Vec<String> =
            self.backend().keys()?.into_iter().filter(|k| k.starts_with(prefix)).collect();
        keys.sort();
        Ok(keys)
    }

    /// Works out how a backup merges into storage, without writing: by run id and
    /// check-in date the version with the newer `updated` wins (on a tie, the one
    /// whose stored text sorts last, the same on every device), deletions apply to
    /// versions changed before them, planned weeks are taken whole from whichever
    /// copy is newer, the goal likewise, illnesses by what they know, settings only
    /// onto a device without any, and data this version can't read is kept under
    /// its key, or beside it when the key holds something else. So importing again
    /// changes nothing and the order of imports doesn't matter.
    pub fn prepare_restore(&self, backup: &Backup) -> Result<Prepared<RestoreReport>, SaveError> {
        let mut reads = Reads { store: self, seen: Vec::new() };
        let mut writes = Writes::new();
        let stored_deleted = reads.decoded(DELETED_KEY, decode_deleted)?.or_default();
        let deleted = merge_deleted(stored_deleted.as_ref().unwrap_or(&Deleted::new()), &backup.deleted);
        let hidden = |r: &Run| is_deleted(&deleted, &r.id, r.updated);
        let runs = merge_items(&mut reads, &backup.runs, &hidden, &mut writes)?;
        let wellness = merge_items(&mut reads, &backup.wellness, &|_: &Wellness| false, &mut writes)?;
        if stored_deleted.is_some_and(|stored| stored != deleted) {
            writes.push((DELETED_KEY.to_string(), Some(encode_deleted(&deleted))));
        }
        // A device with settings keeps them: they belong to this phone's runner, and
        // only a new phone should take them from the backup.
        let settings_applied = match &backup.settings {
            Some(settings) if reads.get(SETTINGS_KEY)?.is_none() => {
                writes.push((SETTINGS_KEY.to_string(), Some(crate::record::encode_settings(settings))));
                true
            }
            _ => false,
        };
        let setbacks_changed = merge_setbacks_into(&mut reads, &backup.setbacks, &mut writes)?;
        let plans = merge_plans(&mut reads, &backup.plans, &mut writes)?;
        let goal_changed = match &backup.goal {
            Some(goal) => merge_goal(&mut reads, goal, &mut writes)?,
            None => false,
        };
        let kept = place_kept(&mut reads, &backup.kept, &mut writes)?;
        let report =
            RestoreReport { runs, wellness, plans, goal_changed, settings_applied, setbacks_changed, kept };
        Ok(Prepared { writes, read: reads.seen, report })
    }

    /// Works out how many runs at once (an import from a watch or Strava) merge in,
    /// like a backup's runs, without writing.
    pub fn prepare_save_runs(&self, runs: &[Run]) -> Result<Prepared<MergeCounts>, SaveError> {
        let mut reads = Reads { store: self, seen: Vec::new() };
        let deleted = reads.decoded(DELETED_KEY, decode_deleted)?.or_default().unwrap_or_default();
        let mut writes = Writes::new();
        let counts =
            merge_items(&mut reads, runs, &|r: &Run| is_deleted(&deleted, &r.id, r.updated), &mut writes)?;
        Ok(Prepared { writes, read: reads.seen, report: counts })
    }

    /// Writes a prepared merge, all or nothing, if every key it read still holds
    /// what it held then; `None` when one has changed (another tab wrote): merge
    /// again.
    pub fn commit<R>(&self, prepared: Prepared<R>) -> Result<Option<Committed<R>>, SaveError> {
        for (key, value) in &prepared.read {
            let now = match key.strip_prefix(LISTING) {
                Some(prefix) => Some(self.listing(prefix)?.join("\n")),
                None => self.backend().get(key)?,
            };
            if &now != value {
                return Ok(None);
            }
        }
        self.write_all_or_nothing(&prepared.writes)?;
        let written = prepared.writes.into_iter().map(|(key, _)| key).collect();
        Ok(Some(Committed { report: prepared.report, written }))
    }

    /// Commits `prepared`, or, if storage changed since it was worked out, works it
    /// out again with `again` and commits that (nothing can change in between:
    /// both happen in one go).
    pub fn commit_or_merge_again<R>(
        &self,
        prepared: Prepared<R>,
        again: impl FnOnce(&Self) -> Result<Prepared<R>, SaveError>,
    ) -> Result<Committed<R>, SaveError> {
        if let Some(done) = self.commit(prepared)? {
            return Ok(done);
        }
        self.commit(again(self)?)?.ok_or(SaveError::ChangedElsewhere { what: "The saved data" })
    }

    /// Merges a backup into storage (see [`Self::prepare_restore`]), all or nothing.
    pub fn restore_backup(&self, backup: &Backup) -> Result<RestoreReport, SaveError> {
        let prepared = self.prepare_restore(backup)?;
        Ok(self.commit_or_merge_again(prepared, |s| s.prepare_restore(backup))?.report)
    }

    /// Saves many runs at once, merged like a backup's runs, all or nothing, so a
    /// failed save leaves storage as it was.
    pub fn save_runs(&self, runs: &[Run]) -> Result<MergeCounts, SaveError> {
        let prepared = self.prepare_save_runs(runs)?;
        Ok(self.commit_or_merge_again(prepared, |s| s.prepare_save_runs(runs))?.report)
    }
}

/// Adds to `writes` the stored months `incoming` changes, with their new contents,
/// and removes items `hidden` says are deleted. Reads every stored month of the
/// kind, not only the incoming items' months: a newer version of a run may start
/// in another month, and the older copy must leave whichever month holds it.
fn merge_items<B: KeyValue, T: MonthItem>(
    reads: &mut Reads<'_, B>,
    incoming: &[T],
    hidden: &dyn Fn(&T) -> bool,
    writes: &mut Writes,
) -> Result<MergeCounts, SaveError> {
    let mut keys: BTreeSet<String> = reads.keys(T::PREFIX)?.into_iter().collect();
    keys.extend(incoming.iter().map(T::month_key));
    let mut months: BTreeMap<String, Vec<T>> = BTreeMap::new();
    // Months a newer version wrote: left alone. An item of theirs may be a version
    // of an incoming one; both are then kept, and the newer version of the app
    // keeps the newer copy when it reads them (as after an interrupted move).
    let mut newer: HashMap<String, DecodeError> = HashMap::new();
    // Per item, its winning stored version and every month holding a copy (an
    // interrupted move can leave two).
    let mut stored: HashMap<T::Key, (T, Vec<String>)> = HashMap::new();
    for key in keys {
        let items: Vec<T> = match reads.decoded(&key, T::decode)? {
            Stored::Absent => Vec::new(),
            Stored::Readable(items) => items,
            Stored::Newer(error) => {
                newer.insert(key, error);
                continue;
            }
        };
        for item in &items {
            let (best, homes) = stored.entry(item.key()).or_insert_with(|| (item.clone(), Vec::new()));
            if item.wins_over(best) {
                *best = item.clone();
            }
            homes.push(key.clone());
        }
        months.insert(key, items);
    }
    let mut counts = MergeCounts::default();
    let mut changed = BTreeSet::new();
    for item in incoming {
        let known = stored.get(&item.key());
        // Deleted after this version was made, or not newer than what is here.
        if hidden(item) || known.is_some_and(|(best, _)| !item.wins_over(best)) {
            counts.unchanged += 1;
            continue;
        }
        let homes = match known {
            Some((_, homes)) => {
                counts.updated += 1;
                homes.clone()
            }
            None => {
                counts.added += 1;
                Vec::new()
            }
        };
        leave(&mut months, &mut changed, &item.key(), &homes);
        let home = item.month_key();
        if let Some(error) = newer.get(&home) {
            return Err(SaveError::Unreadable { data: data_label(&home), error: error.clone() });
        }
        months.entry(home.clone()).or_default().push(item.clone());
        stored.insert(item.key(), (item.clone(), vec![home.clone()]));
        changed.insert(home);
    }
    // What the deletions hide leaves its months (in any order: the months
    // written are sorted, and each item leaves only its own homes).
    for (key, (best, homes)) in stored {
        if hidden(&best) {
            counts.removed += 1;
            leave(&mut months, &mut changed, &key, &homes);
        }
    }
    writes.extend(changed.into_iter().map(|key| {
        let mut items = months.remove(&key).unwrap_or_default();
        T::sort(&mut items);
        let value = month_value(&items);
        (key, value)
    }));
    Ok(counts)
}

/// Takes the item `key` out of each of its `homes`, which change.
fn leave<T: MonthItem>(
    months: &mut BTreeMap<String, Vec<T>>,
    changed: &mut BTreeSet<String>,
    key: &T::Key,
    homes: &[String],
) {
    for home in homes {
        if let Some(items) = months.get_mut(home) {
            items.retain(|i| &i.key() != key);
        }
        changed.insert(home.clone());
    }
}

/// Adds the write that merges `incoming` setbacks into the stored ones, if it
/// changes them; whether it does.
fn merge_setbacks_into<B: KeyValue>(
    reads: &mut Reads<'_, B>,
    incoming: &[Setback],
    writes: &mut Writes,
) -> Result<bool, SaveError> {
    let Some(stored) = reads.decoded(SETBACKS_KEY, decode_setbacks)?.or_default() else {
        return Ok(false);
    };
    let merged = merge_setbacks(&stored, incoming);
    if merged == stored {
        return Ok(false);
    }
    writes.push((SETBACKS_KEY.to_string(), Some(encode_setbacks(&merged))));
    Ok(true)
}

/// Whether `a` wins over `b`, two copies of one stamped value stored as `text_a`
/// and `text_b`: the newer, and on a tie the greater text.
fn newer_copy<T>(a: &Stamped<T>, text_a: &str, b: &Stamped<T>, text_b: &str) -> bool {
    a.updated > b.updated || (a.updated == b.updated && text_a > text_b)
}

/// Each incoming week's plan, taken whole when it is newer than this device's.
fn merge_plans<B: KeyValue>(
    reads: &mut Reads<'_, B>,
    incoming: &[Stamped<WeekPlan>],
    writes: &mut Writes,
) -> Result<MergeCounts, SaveError> {
    let mut counts = MergeCounts::default();
    // Per week, the copy that wins so far and its text.
    let mut weeks: BTreeMap<String, Option<(Stamped<WeekPlan>, String)>> = BTreeMap::new();
    let mut changed = BTreeSet::new();
    for plan in incoming {
        let key = plan_key(plan.value.start);
        if !weeks.contains_key(&key) {
            let stored = match reads.decoded(&key, decode_stamped_plan)? {
                Stored::Absent => None,
                Stored::Readable(p) => {
                    let text = encode_plan(&p.value, p.updated);
                    Some((p, text))
                }
                // A newer version's plan for that week stays.
                Stored::Newer(_) => {
                    counts.unchanged += 1;
                    continue;
                }
            };
            weeks.insert(key.clone(), stored);
        }
        let text = encode_plan(&plan.value, plan.updated);
        let slot = weeks.entry(key.clone()).or_default();
        match slot {
            Some((best, best_text)) if !newer_copy(plan, &text, best, best_text) => counts.unchanged += 1,
            _ => {
                if slot.is_some() {
                    counts.updated += 1;
                } else {
                    counts.added += 1;
                }
                *slot = Some((plan.clone(), text));
                changed.insert(key);
            }
        }
    }
    for key in changed {
        let text = weeks.remove(&key).flatten().map(|(_, text)| text);
        writes.push((key, text));
    }
    Ok(counts)
}

/// The incoming goal (set or cleared), when it is newer than this device's.
fn merge_goal<B: KeyValue>(
    reads: &mut Reads<'_, B>,
    incoming: &Stamped<Option<RaceGoal>>,
    writes: &mut Writes,
) -> Result<bool, SaveError> {
    let text = encode_goal(incoming.value.as_ref(), incoming.updated);
    match reads.decoded(GOAL_KEY, decode_stamped_goal)? {
        Stored::Readable(stored)
            if !newer_copy(incoming, &text, &stored, &encode_goal(stored.value.as_ref(), stored.updated)) =>
        {
            return Ok(false);
        }
        Stored::Newer(_) => return Ok(false),
        Stored::Absent | Stored::Readable(_) => {}
    }
    writes.push((GOAL_KEY.to_string(), Some(text)));
    Ok(true)
}

/// The key a piece of kept data belongs to: a set-aside copy's original key
/// (`restride.aside.<key>.<n>`), or its own.
fn origin_of(key: &str) -> &str {
    key.strip_prefix(ASIDE_PREFIX)
        .and_then(|rest| rest.rsplit_once('.'))
        .filter(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map_or(key, |(origin, _)| origin)
}

/// Adds the writes that keep the backup's unreadable data on this device: under its
/// own key when that is free, else set aside beside what is there, never over
/// different bytes, and not again when this device holds the same bytes already.
/// How many pieces were written.
fn place_kept<B: KeyValue>(
    reads: &mut Reads<'_, B>,
    kept: &[Kept],
    writes: &mut Writes,
) -> Result<usize, SaveError> {
    if kept.is_empty() {
        return Ok(0);
    }
    let mut aside: BTreeMap<String, Option<String>> = BTreeMap::new();
    for key in reads.keys(ASIDE_PREFIX)? {
        let value = reads.get(&key)?;
        aside.insert(key, value);
    }
    let mut placed = 0;
    for entry in kept {
        let written = writes.iter().find(|(k, _)| *k == entry.key).map(|(_, v)| v.clone());
        let here = match written {
            Some(value) => value,
            None if entry.key.starts_with(ASIDE_PREFIX) => aside.get(&entry.key).cloned().flatten(),
            None => reads.get(&entry.key)?,
        };
        if here.as_deref() == Some(entry.text.as_str()) {
            continue;
        }
        let origin = origin_of(&entry.key).to_string();
        let copies = format!("{ASIDE_PREFIX}{origin}.");
        let already =
            aside.iter().any(|(k, v)| k.starts_with(&copies) && v.as_deref() == Some(entry.text.as_str()));
        if already {
            continue;
        }
        let key = if here.is_none() {
            entry.key.clone()
        } else {
            let mut n = 0;
            while aside.contains_key(&format!("{copies}{n}")) {
                n += 1;
            }
            format!("{copies}{n}")
        };
        if key.starts_with(ASIDE_PREFIX) {
            aside.insert(key.clone(), Some(entry.text.clone()));
        }
        writes.push((key, Some(entry.text.clone())));
        placed += 1;
    }
    Ok(placed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::MemoryBackend;
    use crate::repo::tests::{at, run, sample_plan, wellness};
    use chrono::{Duration, TimeZone};
    use restride_core::DistanceUnit;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap()
    }

    fn backup(runs: Vec<Run>, wellness: Vec<Wellness>) -> Backup {
        Backup {
            exported_at: now(),
            settings: Some(Settings::default()),
            runs,
            wellness,
            setbacks: Vec::new(),
            plans: Vec::new(),
            goal: None,
            deleted: Deleted::new(),
            kept: Vec::new(),
        }
    }

    /// A device holding this data, exported.
    fn export(runs: &[Run], wellness: &[Wellness], settings: &Settings) -> String {
        let store = Store::new(MemoryBackend::default());
        store.save_settings(settings).unwrap();
        for r in runs {
            store.save_new_run(r).unwrap();
        }
        for w in wellness {
            store.upsert_wellness(w).unwrap();
        }
        store.export_backup(now()).unwrap()
    }

    fn counts(added: usize, updated: usize, unchanged: usize) -> MergeCounts {
        MergeCounts { added, updated, unchanged, removed: 0 }
    }

    /// What the app does with a chosen file.
    fn import_file(store: &Store<MemoryBackend>, json: &str) -> Result<RestoreReport, String> {
        let backup = parse_backup(json).map_err(|e| e.to_string())?;
        store.restore_backup(&backup).map_err(|e| e.to_string())
    }

    fn store_with_a_run() -> Store<MemoryBackend> {
        let store = Store::new(MemoryBackend::default());
        store.save_new_run(&run(1, "2026-11-02T07:00:00+01:00")).unwrap();
        store.upsert_wellness(&wellness("2026-11-02", 3)).unwrap();
        store
    }

    #[test]
    fn the_file_is_laid_out_as_serde_json_lays_out_pretty_json() {
        let mut tricky = run(1, "2026-11-02T07:00:00+01:00");
        tricky.notes = "quotes \" and a backslash \\, braces {[]}, a colon: and a comma, \n".into();
        let store = Store::new(MemoryBackend::default());
        store.save_new_run(&tricky).unwrap();
        store.save_plan(&sample_plan(), None, at(0)).unwrap();
        store.backend().set("restride.aside.x.0", "{\"a\":[]}").unwrap();
        let file = store.export_backup(now()).unwrap();
        let record: BackupRecord = serde_json::from_str(&file).unwrap();
        assert_eq!(file, serde_json::to_string_pretty(&record).unwrap());
        assert_eq!(pretty("{}"), "{}");
        assert_eq!(pretty(r#"{"a":[],"b":{}}"#), "{\n  \"a\": [],\n  \"b\": {}\n}");
    }

    #[test]
    fn save_runs_adds_a_batch_across_months_once() {
        let store = store_with_a_run();
        let batch = vec![run(2, "2026-10-30T18:00:00+01:00"), run(3, "2026-11-03T07:00:00+01:00")];
        assert_eq!(store.save_runs(&batch).unwrap(), counts(2, 0, 0));
        assert_eq!(store.save_runs(&batch).unwrap(), counts(0, 0, 2));
        let ids: Vec<String> = store.load().unwrap().runs.iter().map(|r| r.id.to_string()).collect();
        let first = run(1, "2026-11-02T07:00:00+01:00");
        assert_eq!(ids, [&batch[1], &first, &batch[0]].map(|r| r.id.to_string()));
    }

    #[test]
    fn export_parses_back_to_the_same_data() {
        let settings = Settings { unit: DistanceUnit::Mi, max_hr: Some(190), ..Settings::default() };
        let runs = vec![run(1, "2026-11-02T07:00:00+01:00"), run(2, "2024-02-29T23:59:00-05:00")];
        let days = vec![wellness("2026-11-02", 3)];
        let json = export(&runs, &days, &settings);
        assert!(json.contains(r#""format": "restride-backup""#));
        assert!(json.contains(r#""exported_at": "2026-11-26T08:00:00Z""#));
        assert_eq!(parse_backup(&json), Ok(Backup { settings: Some(settings), ..backup(runs, days) }));
    }

    #[test]
    fn setbacks_travel_in_the_backup_and_merge_by_what_they_know() {
        use restride_core::{Setback, SetbackKind};
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let open = Setback { kind: SetbackKind::Injured, start: day(3), end: None };
        let closed = Setback { end: Some(day(12)), ..open };
        let cold = Setback { kind: SetbackKind::HeadCold, start: day(20), end: Some(day(23)) };
        let device = Store::new(MemoryBackend::default());
        device.save_setbacks(&[closed, cold]).unwrap();
        let file = device.export_backup(now()).unwrap();
        assert_eq!(parse_backup(&file).unwrap().setbacks, vec![closed, cold]);

        let store = Store::new(MemoryBackend::default());
        store.save_setbacks(&[open]).unwrap();
        let report = import_file(&store, &file).unwrap();
        assert!(report.setbacks_changed);
        assert_eq!(store.load().unwrap().setbacks, vec![closed, cold]);
        let again = import_file(&store, &file).unwrap();
        assert!(!again.setbacks_changed);
    }

    #[test]
    fn refused_files_say_why_and_change_nothing() {
        let valid = export(&[run(2, "2026-11-03T07:00:00+01:00")], &[], &Settings::default());
        let bad_rpe = valid.replace(r#""rpe": 3"#, r#""rpe": 12"#);
        let bad_day = export(&[], &[wellness("2026-11-03", 3)], &Settings::default())
            .replace("2026-11-03", "2026-02-30");
        let trail = valid.replace(r#""kind": "easy""#, r#""kind": "trail""#);
        let shoes = valid.replace(r#""runs": ["#, r#""shoes": [], "runs": ["#);
        let bad_settings = valid.replace(r#""units": "km""#, r#""units": "furlongs""#);
        let (now, next) = (SCHEMA_VERSION, SCHEMA_VERSION + 1);
        let newer = valid.replace(&format!(r#""schema": {now}"#), &format!(r#""schema": {next}"#));
        let newer_settings = valid.replace(
            &format!("\"settings\": {{\n    \"schema\": {now}"),
            "\"settings\": {\n    \"schema\": 9",
        );
        let newer_why = format!(
            "made by a newer version of Restride (format {next}; this one reads up to {now}); update the app first"
        );
        let id = run(2, "2026-11-03T07:00:00+01:00").id.to_string();
        let cases: [(&str, &str); 12] = [
            ("", "isn't readable JSON"),
            ("{oops", "isn't readable JSON"),
            ("[1, 2]", "isn't a Restride backup."),
            (r#"{"schema":2,"runs":[]}"#, "isn't a Restride backup."),
            (&newer, &newer_why),
            (&newer_settings, "made by a newer version of Restride (format 9"),
            (&bad_rpe, &format!("because run {id} is invalid: effort out of range. None of it")),
            (&bad_day, "because the check-in of 2026-02-30 is invalid: bad date."),
            (&bad_settings, "because the settings are invalid: bad unit."),
            (r#"{"format":"restride-backup","schema":2,"runs":{}}"#, "This backup is damaged (invalid type"),
            (
                &trail,
                r#"made by a newer version of Restride (it holds a run type "trail", which this version"#,
            ),
            (&shoes, r#"made by a newer version of Restride (it holds a field "shoes""#),
        ];
        for (file, why) in cases {
            let store = store_with_a_run();
            let before = store.backend().snapshot();
            let err = import_file(&store, file).unwrap_err();
            assert!(err.contains(why), "{err:?} should contain {why:?}");
            assert_eq!(store.backend().snapshot(), before, "{why}");
        }
    }

    #[test]
    fn damaged_versions_and_absurd_sizes_are_refused() {
        let unversioned = r#"{"format":"restride-backup","runs":[]}"#;
        assert_eq!(parse_backup(unversioned), Err(BackupError::Damaged("it has no format version".into())));
        let zero = r#"{"format":"restride-backup","schema":0,"runs":[]}"#;
        assert!(matches!(parse_backup(zero), Err(BackupError::Damaged(_))));
        let runs = vec!["{}"; MAX_RUNS + 1].join(",");
        // Counted, not read, when the file doesn't read: too large says more than damaged.
        let huge = format!(r#"{{"format":"restride-backup","schema":2,"runs":[{runs}]}}"#);
        let err = parse_backup(&huge).unwrap_err();
        assert_eq!(err, BackupError::TooLarge { what: "runs", count: MAX_RUNS + 1, max: MAX_RUNS });
        assert_eq!(
            err.to_string(),
            "This backup holds 200001 runs, more than the 200000 Restride can import."
        );
    }

    #[test]
    fn a_version_1_backup_imports() {
        let store = Store::new(MemoryBackend::default());
        let report = import_file(&store, include_str!("../tests/fixtures/backup-v1.json")).unwrap();
        assert_eq!(report.runs, counts(2, 0, 0));
        assert!(report.settings_applied);
        let loaded = store.load().unwrap();
        assert_eq!(loaded.runs.len(), 2);
        assert_eq!(loaded.settings.unit, DistanceUnit::Mi);
        assert_eq!(
            store.backend().keys().unwrap(),
            ["restride.runs.2026-10", "restride.runs.2026-11", "restride.settings"]
        );
    }

    #[test]
    fn the_newer_version_wins_in_either_direction_and_a_tie_is_settled_by_content() {
        let stored = run(1, "2026-11-02T07:00:00+01:00");
        let mut newer = stored.clone();
        newer.notes = "edited on the other phone".into();
        newer.updated += Duration::minutes(5);
        let mut older = stored.clone();
        older.notes = "an old version".into();
        older.updated -= Duration::minutes(5);
        // A tie: the same on every device, whichever copy it starts from.
        let mut tie = stored.clone();
        tie.notes = "same time, other text".into();
        let tie_wins = tie.record_json() > stored.record_json();

        let store = store_with_a_run();
        let report = store.restore_backup(&backup(vec![older, tie.clone()], vec![])).unwrap();
        assert_eq!(report.runs, if tie_wins { counts(0, 1, 1) } else { counts(0, 0, 2) });
        let winner = if tie_wins { tie } else { stored };
        assert_eq!(store.load().unwrap().runs, vec![winner]);

        let report = store.restore_backup(&backup(vec![newer.clone()], vec![])).unwrap();
        assert_eq!(report.runs, counts(0, 1, 0));
        assert_eq!(store.load().unwrap().runs, vec![newer]);

        let mut newer_day = wellness("2026-11-02", 6);
        newer_day.updated += Duration::minutes(1);
        let mut older_day = wellness("2026-11-02", 7);
        older_day.updated -= Duration::minutes(1);
        let report = store.restore_backup(&backup(vec![], vec![older_day])).unwrap();
        assert_eq!(report.wellness, counts(0, 0, 1));
        let report = store.restore_backup(&backup(vec![], vec![newer_day.clone()])).unwrap();
        assert_eq!(report.wellness, counts(0, 1, 0));
        assert_eq!(store.load().unwrap().wellness, vec![newer_day]);
    }

    #[test]
    fn importing_twice_changes_nothing_the_second_time() {
        let store = store_with_a_run();
        let file = backup(
            vec![run(2, "2026-10-30T07:00:00+01:00"), run(3, "2025-01-01T00:30:00+14:00")],
            vec![wellness("2026-11-01", 2)],
        );
        let first = store.restore_backup(&file).unwrap();
        assert_eq!(first.runs.added, 2);
        assert_eq!(first.wellness.added, 1);
        assert!(first.settings_applied);
        let after_first = store.backend().snapshot();
        let second = store.restore_backup(&file).unwrap();
        assert_eq!(second.runs, counts(0, 0, 2));
        assert_eq!(second.wellness, counts(0, 0, 1));
        assert!(!second.settings_applied);
        assert_eq!(store.backend().snapshot(), after_first);
    }

    #[test]
    fn a_newer_version_in_another_month_replaces_the_stored_copy() {
        let store = store_with_a_run();
        let mut moved = run(1, "2026-10-31T07:00:00+01:00");
        moved.updated += Duration::seconds(1);
        let report = store.restore_backup(&backup(vec![moved.clone()], vec![])).unwrap();
        assert_eq!(report.runs.updated, 1);
        assert_eq!(store.load().unwrap().runs, vec![moved]);
        assert!(store.backend().get("restride.runs.2026-11").unwrap().is_none());
    }

    #[test]
    fn two_versions_in_one_file_store_the_newer_once() {
        let store = Store::new(MemoryBackend::default());
        let first = run(1, "2026-11-02T07:00:00+01:00");
        let mut second = run(1, "2026-12-02T07:00:00+01:00");
        second.updated += Duration::seconds(1);
        store.restore_backup(&backup(vec![second.clone(), first.clone()], vec![])).unwrap();
        let one_order = store.backend().snapshot();
        let store = Store::new(MemoryBackend::default());
        store.restore_backup(&backup(vec![first, second.clone()], vec![])).unwrap();
        assert_eq!(store.backend().snapshot(), one_order);
        assert_eq!(store.load().unwrap().runs, vec![second]);
    }

    #[test]
    fn a_failed_write_rolls_back_every_month_already_written() {
        let store = Store::new(MemoryBackend::with_quota(1500));
        store.save_new_run(&run(1, "2026-10-02T07:00:00+01:00")).unwrap();
        let before = store.backend().snapshot();
        let mut big = run(4, "2026-11-03T07:00:00+01:00");
        big.notes = "x".repeat(1000);
        // Written in key order: 2026-09 is created, 2026-10 grows, 2026-11 hits the quota.
        let mut file = backup(
            vec![run(2, "2026-09-02T07:00:00+01:00"), run(3, "2026-10-03T07:00:00+01:00"), big],
            vec![],
        );
        assert_eq!(store.restore_backup(&file), Err(SaveError::QuotaExceeded));
        assert_eq!(store.backend().snapshot(), before);
        // The months before it did fit: they were written, then put back.
        file.runs.pop();
        assert!(store.restore_backup(&file).is_ok());
    }

    #[test]
    fn an_unreadable_month_refuses_the_import_before_anything_is_written() {
        // Garbage anywhere (about to be set aside: what it held can't be known), or
        // a newer version's month that a run of the file belongs in.
        for (unreadable, run_month) in
            [("{oops", "2026-10-02"), (r#"{"schema":7,"runs":"from the future"}"#, "2026-11-02")]
        {
            let store = Store::new(MemoryBackend::default());
            store.backend().set("restride.runs.2026-11", unreadable).unwrap();
            let before = store.backend().snapshot();
            let file =
                backup(vec![run(1, &format!("{run_month}T07:00:00+01:00"))], vec![wellness("2026-10-02", 3)]);
            let err = store.restore_backup(&file).unwrap_err();
            assert!(
                matches!(err, SaveError::Unreadable { ref data, .. } if data == "runs of 2026-11"),
                "{err:?}"
            );
            assert_eq!(store.backend().snapshot(), before);
        }
    }

    #[test]
    fn a_newer_versions_data_is_left_alone_and_the_rest_imports() {
        let store = Store::new(MemoryBackend::default());
        let newer = r#"{"schema":7,"runs":"from the future"}"#;
        store.backend().set("restride.runs.2026-11", newer).unwrap();
        store.backend().set(GOAL_KEY, newer).unwrap();
        let mut file = backup(vec![run(1, "2026-10-02T07:00:00+01:00")], vec![]);
        file.goal = Some(Stamped { value: None, updated: at(0) });
        let report = store.restore_backup(&file).unwrap();
        assert_eq!((report.runs, report.goal_changed), (counts(1, 0, 0), false));
        assert_eq!(store.raw("restride.runs.2026-11").unwrap().as_deref(), Some(newer));
        assert_eq!(store.raw(GOAL_KEY).unwrap().as_deref(), Some(newer));
    }

    #[test]
    fn settings_are_applied_only_to_a_device_without_any() {
        let mut file = backup(vec![], vec![]);
        file.settings = Some(Settings { unit: DistanceUnit::Mi, ..Settings::default() });

        let new_phone = Store::new(MemoryBackend::default());
        assert!(new_phone.restore_backup(&file).unwrap().settings_applied);
        assert_eq!(new_phone.load().unwrap().settings.unit, DistanceUnit::Mi);

        let used_phone = Store::new(MemoryBackend::default());
        let own = Settings { max_hr: Some(180), ..Settings::default() };
        used_phone.save_settings(&own).unwrap();
        assert!(!used_phone.restore_backup(&file).unwrap().settings_applied);
        assert_eq!(used_phone.load().unwrap().settings, own);
    }

    #[test]
    fn plans_the_goal_deletions_and_unreadable_data_travel_and_merge() {
        let phone = Store::new(MemoryBackend::default());
        let kept_run = run(1, "2026-11-02T07:00:00+01:00");
        let gone = run(2, "2026-11-03T07:00:00+01:00");
        phone.save_new_run(&kept_run).unwrap();
        phone.save_new_run(&gone).unwrap();
        phone.delete_run(&gone, at(10)).unwrap();
        let plan = sample_plan();
        phone.save_plan(&plan, None, at(20)).unwrap();
        let goal = RaceGoal {
            distance_m: 10_000.0,
            date: chrono::NaiveDate::from_ymd_opt(2027, 3, 7).unwrap(),
            target_s: Some(3000),
        };
        phone.save_goal(Some(&goal), None, at(30)).unwrap();
        phone.backend().set("restride.aside.restride.runs.2020-01.0", "{oops").unwrap();
        phone.backend().set("restride.wellness.2026-10", r#"{"schema":9,"days":"newer"}"#).unwrap();
        phone.backend().set("restride.device", r#"{"schema":5,"last_backup_ms":1}"#).unwrap();
        phone.backend().set("restride.device.history-scroll", "640").unwrap();
        let file = phone.export_backup(now()).unwrap();
        let backup = parse_backup(&file).unwrap();
        assert_eq!(backup.plans, vec![Stamped { value: plan.clone(), updated: at(20) }]);
        assert_eq!(backup.goal, Some(Stamped { value: Some(goal), updated: at(30) }));
        assert_eq!(backup.deleted.get(&gone.id), Some(&at(10)));
        assert_eq!(
            backup.kept,
            vec![
                Kept { key: "restride.aside.restride.runs.2020-01.0".into(), text: "{oops".into() },
                Kept {
                    key: "restride.wellness.2026-10".into(),
                    text: r#"{"schema":9,"days":"newer"}"#.into()
                },
            ]
        );
        assert!(backup.settings.is_none(), "this device had none saved");
        assert!(
            !file.contains("last_backup") && !file.contains("scroll"),
            "the device's own notes stay behind"
        );
        assert!(phone.load().unwrap().problems.iter().all(|p| !p.key.starts_with("restride.device")));

        // Onto a new phone: everything but the device's notes, byte for byte.
        let new_phone = Store::new(MemoryBackend::default());
        let report = new_phone.restore_backup(&backup).unwrap();
        assert_eq!((report.plans, report.goal_changed, report.kept), (counts(1, 0, 0), true, 2));
        let mut expected = phone.backend().snapshot();
        expected.retain(|k, _| !k.starts_with("restride.device"));
        assert_eq!(new_phone.backend().snapshot(), expected);

        // Onto a phone that still has the deleted run, an older plan, a newer goal
        // and other bytes under the unreadable key.
        let old_phone = Store::new(MemoryBackend::default());
        old_phone.save_new_run(&gone).unwrap();
        let mut older_plan = plan.clone();
        older_plan.sessions.pop();
        old_phone.save_plan(&older_plan, None, at(5)).unwrap();
        old_phone.save_goal(None, None, at(40)).unwrap();
        old_phone.backend().set("restride.wellness.2026-10", r#"{"schema":9,"days":"other"}"#).unwrap();
        let report = old_phone.restore_backup(&backup).unwrap();
        assert_eq!(report.runs, MergeCounts { added: 1, updated: 0, unchanged: 0, removed: 1 });
        assert_eq!(report.plans, counts(0, 1, 0));
        assert!(!report.goal_changed, "its own clearing is newer");
        let loaded = old_phone.load().unwrap();
        assert_eq!(loaded.runs, vec![kept_run]);
        assert_eq!(loaded.plans, vec![plan]);
        assert_eq!(loaded.goal, None);
        let raw = |k: &str| old_phone.raw(k).unwrap();
        assert_eq!(raw("restride.wellness.2026-10").as_deref(), Some(r#"{"schema":9,"days":"other"}"#));
        assert_eq!(
            raw("restride.aside.restride.wellness.2026-10.0").as_deref(),
            Some(r#"{"schema":9,"days":"newer"}"#)
        );
        // And again: nothing changes.
        let before = old_phone.backend().snapshot();
        let again = old_phone.restore_backup(&backup).unwrap();
        assert_eq!((again.kept, again.runs.removed, again.plans.updated), (0, 0, 0));
        assert_eq!(old_phone.backend().snapshot(), before);
    }

    #[test]
    fn a_v4_backup_written_by_the_version_before_imports_whole() {
        let store = Store::new(MemoryBackend::default());
        let report = store
            .restore_backup(&parse_backup(include_str!("../tests/fixtures/backup-v4.json")).unwrap())
            .unwrap();
        assert_eq!(report.runs, counts(3, 0, 0));
        assert_eq!(report.wellness, counts(2, 0, 0));
        assert!(report.settings_applied && report.setbacks_changed);
        let loaded = store.load().unwrap();
        assert_eq!(loaded.settings.unit, DistanceUnit::Mi);
        assert_eq!(loaded.setbacks.len(), 2);
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn a_write_made_between_prepare_and_commit_is_merged_in_not_lost() {
        let store = store_with_a_run();
        let file = backup(vec![run(2, "2026-11-04T07:00:00+01:00")], vec![]);
        let prepared = store.prepare_restore(&file).unwrap();
        // Another tab saves a run into the same month meanwhile.
        let theirs = run(3, "2026-11-05T07:00:00+01:00");
        Store::new(store.backend()).save_new_run(&theirs).unwrap();
        let stale = store.prepare_restore(&file).unwrap();
        Store::new(store.backend()).upsert_wellness(&wellness("2026-11-05", 2)).unwrap();
        assert!(store.commit(stale).unwrap().is_none(), "a key it read has changed: not written");
        let done = store.commit_or_merge_again(prepared, |s| s.prepare_restore(&file)).unwrap();
        assert_eq!(done.written, ["restride.runs.2026-11", "restride.settings"]);
        assert_eq!(store.load().unwrap().runs.len(), 3, "theirs, the stored one and the backup's");
    }
}
