//! The backup file: everything on the device in one JSON file the runner keeps
//! somewhere else, and the import that merges one back in. Import never loses a
//! run or check-in on either side: it adds what is new, takes a newer version over
//! an older one, and writes all of it or nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, SecondsFormat, Utc};
use restride_core::{Run, Setback, Settings, Wellness};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use crate::backend::KeyValue;
use crate::record::{
    DecodeError, RunRecord, SCHEMA_VERSION, SettingsRecord, WellnessRecord, decode_settings_value,
    encode_settings, migrate,
};
use crate::repo::{Loaded, MonthItem, SETBACKS_KEY, SETTINGS_KEY, SaveError, Store, month_value};
use crate::setback_record::{SetbackRecord, decode_list, decode_setbacks, encode_setbacks, merge_setbacks};

/// The `format` field that tells a Restride backup from any other JSON.
pub const BACKUP_FORMAT: &str = "restride-backup";
/// Far beyond a lifetime of daily running; a file with more was not exported by Restride.
pub const MAX_RUNS: usize = 200_000;
/// A check-in a day for over 270 years.
pub const MAX_CHECK_INS: usize = 100_000;

/// The file as written. `S` is the settings: a [`SettingsRecord`] when exporting, and
/// raw JSON when parsing so it can go through its own migration.
#[derive(Serialize, Deserialize)]
struct BackupRecord<S> {
    format: String,
    schema: u32,
    exported_at: String,
    settings: S,
    runs: Vec<RunRecord>,
    // Version 1 had no check-ins.
    #[serde(default)]
    wellness: Vec<WellnessRecord>,
    // Illnesses and injuries; absent from files made before they were kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    setbacks: Vec<SetbackRecord>,
}

/// A backup file that was read in full: every record in it is valid.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    pub exported_at: DateTime<Utc>,
    pub settings: Settings,
    pub runs: Vec<Run>,
    pub wellness: Vec<Wellness>,
    pub setbacks: Vec<Setback>,
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
            DecodeError::Garbage(why) => Self::Damaged(why),
            DecodeError::Unversioned | DecodeError::UnknownVersion(_) => Self::Damaged(e.to_string()),
            DecodeError::InvalidRecord { .. }
            | DecodeError::InvalidCheckIn { .. }
            | DecodeError::InvalidSettings(_)
            | DecodeError::InvalidPlan { .. }
            | DecodeError::InvalidSetback { .. } => Self::InvalidRecord(e),
        }
    }
}

/// Everything on the device as a backup file (pretty-printed: people read them).
pub fn export_backup(data: &Loaded, now: DateTime<Utc>) -> String {
    let record = BackupRecord {
        format: BACKUP_FORMAT.to_string(),
        schema: SCHEMA_VERSION,
        exported_at: now.to_rfc3339_opts(SecondsFormat::Secs, true),
        settings: SettingsRecord::from(&data.settings),
        runs: data.runs.iter().map(RunRecord::from).collect(),
        wellness: data.wellness.iter().map(WellnessRecord::from).collect(),
        setbacks: data.setbacks.iter().map(SetbackRecord::from).collect(),
    };
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&record).unwrap_or_default()
}

/// Reads a backup file whole: one bad record refuses the file, so an import never
/// brings in half of one.
pub fn parse_backup(json: &str) -> Result<Backup, BackupError> {
    let value: Value = serde_json::from_str(json).map_err(|e| BackupError::NotJson(e.to_string()))?;
    if value.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
        return Err(BackupError::NotABackup);
    }
    let value = migrate(value)?;
    for (field, what, max) in [("runs", "runs", MAX_RUNS), ("wellness", "check-ins", MAX_CHECK_INS)] {
        let count = value.get(field).and_then(Value::as_array).map_or(0, Vec::len);
        if count > max {
            return Err(BackupError::TooLarge { what, count, max });
        }
    }
    let record =
        BackupRecord::<Value>::deserialize(value).map_err(|e| BackupError::Damaged(e.to_string()))?;
    let exported_at = DateTime::parse_from_rfc3339(&record.exported_at)
        .map_err(|_| BackupError::Damaged("bad export time".into()))?
        .with_timezone(&Utc);
    Ok(Backup {
        exported_at,
        settings: decode_settings_value(record.settings)?,
        runs: record.runs.into_iter().map(Run::try_from).collect::<Result<_, _>>()?,
        wellness: record.wellness.into_iter().map(Wellness::try_from).collect::<Result<_, _>>()?,
        setbacks: decode_list(record.setbacks)?,
    })
}

/// What an import did with one kind of item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeCounts {
    /// New to this device.
    pub added: usize,
    /// The backup's version was newer and replaced the device's.
    pub updated: usize,
    /// The device already had this version or a newer one.
    pub unchanged: usize,
}

/// What restoring a backup did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RestoreReport {
    pub runs: MergeCounts,
    pub wellness: MergeCounts,
    /// The backup's settings were taken because the device had none; otherwise the
    /// device kept its own.
    pub settings_applied: bool,
    /// The backup brought illnesses or injuries this device didn't know about.
    pub setbacks_changed: bool,
}

/// Months to write: each key with its new value, `None` to remove it.
type Writes = Vec<(String, Option<String>)>;

impl<B: KeyValue> Store<B> {
    /// Merges a backup into storage: by run id and by check-in date, the version
    /// with the newer `updated` wins (on a tie the stored one stays), so importing
    /// again changes nothing and the order of imports doesn't matter. Everything is
    /// read and merged before the first write, and the writes are all or nothing.
    pub fn restore_backup(&self, backup: &Backup) -> Result<RestoreReport, SaveError> {
        let (mut writes, runs) = self.merge(&backup.runs)?;
        let (wellness_writes, wellness) = self.merge(&backup.wellness)?;
        writes.extend(wellness_writes);
        // A device with settings keeps them: they belong to this phone's runner, and
        // only a new phone should take them from the backup.
        let settings_applied = self.backend().get(SETTINGS_KEY)?.is_none();
        if settings_applied {
            writes.push((SETTINGS_KEY.to_string(), Some(encode_settings(&backup.settings))));
        }
        let setbacks_changed = self.merge_setbacks(&backup.setbacks, &mut writes)?;
        self.write_all_or_nothing(&writes)?;
        Ok(RestoreReport { runs, wellness, settings_applied, setbacks_changed })
    }

    /// Adds the write that merges `incoming` setbacks into the stored ones, if it
    /// changes them; whether it does.
    fn merge_setbacks(&self, incoming: &[Setback], writes: &mut Writes) -> Result<bool, SaveError> {
        let stored = match self.backend().get(SETBACKS_KEY)? {
            None => Vec::new(),
            Some(raw) => decode_setbacks(&raw)
                .map_err(|error| SaveError::Unreadable { data: "illnesses and injuries".into(), error })?,
        };
        let merged = merge_setbacks(&stored, incoming);
        if merged == stored {
            return Ok(false);
        }
        writes.push((SETBACKS_KEY.to_string(), Some(encode_setbacks(&merged))));
        Ok(true)
    }

    /// Saves many runs at once (an import from a watch or Strava): merged like a
    /// backup's runs, all or nothing, so a failed save leaves storage as it was.
    pub fn save_runs(&self, runs: &[Run]) -> Result<MergeCounts, SaveError> {
        let (writes, counts) = self.merge(runs)?;
        self.write_all_or_nothing(&writes)?;
        Ok(counts)
    }

    /// The stored months `incoming` changes, with their new contents. Reads every
    /// stored month of the kind, not only the incoming items' months: a newer
    /// version of a run may start in another month, and the older copy must leave
    /// whichever month holds it.
    fn merge<T: MonthItem>(&self, incoming: &[T]) -> Result<(Writes, MergeCounts), SaveError> {
        let mut keys: BTreeSet<String> =
            self.backend().keys()?.into_iter().filter(|k| k.starts_with(T::PREFIX)).collect();
        keys.extend(incoming.iter().map(T::month_key));
        let mut months: BTreeMap<String, Vec<T>> = BTreeMap::new();
        // Per item, its newest stored version's time and every month holding a copy
        // (an interrupted move can leave two).
        let mut stored: HashMap<T::Key, (DateTime<Utc>, Vec<String>)> = HashMap::new();
        for key in keys {
            let items: Vec<T> = self.read_month(&key)?;
            for item in &items {
                let (updated, homes) = stored.entry(item.key()).or_insert((item.updated(), Vec::new()));
                *updated = (*updated).max(item.updated());
                homes.push(key.clone());
            }
            months.insert(key, items);
        }
        let mut counts = MergeCounts::default();
        let mut changed = BTreeSet::new();
        for item in incoming {
            let old_homes = match stored.get(&item.key()) {
                None => {
                    counts.added += 1;
                    Vec::new()
                }
                Some((updated, homes)) if item.updated() > *updated => {
                    counts.updated += 1;
                    homes.clone()
                }
                Some(_) => {
                    counts.unchanged += 1;
                    continue;
                }
            };
            for home in old_homes {
                if let Some(items) = months.get_mut(&home) {
                    items.retain(|i| i.key() != item.key());
                }
                changed.insert(home);
            }
            let home = item.month_key();
            months.entry(home.clone()).or_default().push(item.clone());
            stored.insert(item.key(), (item.updated(), vec![home.clone()]));
            changed.insert(home);
        }
        let writes = changed
            .into_iter()
            .map(|key| {
                let mut items = months.remove(&key).unwrap_or_default();
                T::sort(&mut items);
                let value = month_value(&items);
                (key, value)
            })
            .collect();
        Ok((writes, counts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::MemoryBackend;
    use crate::repo::tests::{run, wellness};
    use chrono::{Duration, TimeZone};
    use restride_core::DistanceUnit;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap()
    }

    fn backup(runs: Vec<Run>, wellness: Vec<Wellness>) -> Backup {
        Backup { exported_at: now(), settings: Settings::default(), runs, wellness, setbacks: Vec::new() }
    }

    /// What a device holds, for an export.
    fn data(runs: &[Run], wellness: &[Wellness], settings: &Settings) -> Loaded {
        Loaded {
            runs: runs.to_vec(),
            wellness: wellness.to_vec(),
            settings: settings.clone(),
            ..Loaded::default()
        }
    }

    /// What the app does with a chosen file.
    fn import_file(store: &Store<MemoryBackend>, json: &str) -> Result<RestoreReport, String> {
        let backup = parse_backup(json).map_err(|e| e.to_string())?;
        store.restore_backup(&backup).map_err(|e| e.to_string())
    }

    fn store_with_a_run() -> Store<MemoryBackend> {
        let store = Store::new(MemoryBackend::default());
        store.upsert(&run(1, "2026-11-02T07:00:00+01:00"), None).unwrap();
        store.upsert_wellness(&wellness("2026-11-02", 3)).unwrap();
        store
    }

    #[test]
    fn save_runs_adds_a_batch_across_months_once() {
        let store = store_with_a_run();
        let batch = vec![run(2, "2026-10-30T18:00:00+01:00"), run(3, "2026-11-03T07:00:00+01:00")];
        assert_eq!(store.save_runs(&batch).unwrap(), MergeCounts { added: 2, updated: 0, unchanged: 0 });
        assert_eq!(store.save_runs(&batch).unwrap(), MergeCounts { added: 0, updated: 0, unchanged: 2 });
        let ids: Vec<String> = store.load().unwrap().runs.iter().map(|r| r.id.to_string()).collect();
        let first = run(1, "2026-11-02T07:00:00+01:00");
        assert_eq!(ids, [&batch[1], &first, &batch[0]].map(|r| r.id.to_string()));
    }

    #[test]
    fn export_parses_back_to_the_same_data() {
        let settings = Settings { unit: DistanceUnit::Mi, max_hr: Some(190), ..Settings::default() };
        let runs = vec![run(1, "2026-11-02T07:00:00+01:00"), run(2, "2024-02-29T23:59:00-05:00")];
        let days = vec![wellness("2026-11-02", 3)];
        let json = export_backup(&data(&runs, &days, &settings), now());
        assert!(json.contains(r#""format": "restride-backup""#));
        assert!(json.contains(r#""exported_at": "2026-11-26T08:00:00Z""#));
        assert_eq!(
            parse_backup(&json),
            Ok(Backup { exported_at: now(), settings, runs, wellness: days, setbacks: Vec::new() })
        );
    }

    #[test]
    fn setbacks_travel_in_the_backup_and_merge_by_what_they_know() {
        use restride_core::{Setback, SetbackKind};
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let open = Setback { kind: SetbackKind::Injured, start: day(3), end: None };
        let closed = Setback { end: Some(day(12)), ..open };
        let cold = Setback { kind: SetbackKind::HeadCold, start: day(20), end: Some(day(23)) };
        let file = export_backup(&Loaded { setbacks: vec![closed, cold], ..Loaded::default() }, now());
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
        let valid =
            export_backup(&data(&[run(2, "2026-11-03T07:00:00+01:00")], &[], &Settings::default()), now());
        let bad_rpe = valid.replace(r#""rpe": 3"#, r#""rpe": 12"#);
        let bad_day = export_backup(&data(&[], &[wellness("2026-11-03", 3)], &Settings::default()), now())
            .replace("2026-11-03", "2026-02-30");
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
        let cases: [(&str, &str); 10] = [
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
        assert_eq!(report.runs, MergeCounts { added: 2, updated: 0, unchanged: 0 });
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
    fn the_newer_version_wins_in_either_direction_and_a_tie_keeps_the_stored_one() {
        let stored = run(1, "2026-11-02T07:00:00+01:00");
        let mut newer = stored.clone();
        newer.notes = "edited on the other phone".into();
        newer.updated += Duration::minutes(5);
        let mut older = stored.clone();
        older.notes = "an old version".into();
        older.updated -= Duration::minutes(5);
        let mut tie = stored.clone();
        tie.notes = "same time, other text".into();

        let store = store_with_a_run();
        let report = store.restore_backup(&backup(vec![older, tie], vec![])).unwrap();
        assert_eq!(report.runs, MergeCounts { added: 0, updated: 0, unchanged: 2 });
        assert_eq!(store.load().unwrap().runs, vec![stored]);

        let report = store.restore_backup(&backup(vec![newer.clone()], vec![])).unwrap();
        assert_eq!(report.runs, MergeCounts { added: 0, updated: 1, unchanged: 0 });
        assert_eq!(store.load().unwrap().runs, vec![newer]);

        let mut newer_day = wellness("2026-11-02", 6);
        newer_day.updated += Duration::minutes(1);
        let mut older_day = wellness("2026-11-02", 7);
        older_day.updated -= Duration::minutes(1);
        let report = store.restore_backup(&backup(vec![], vec![older_day])).unwrap();
        assert_eq!(report.wellness, MergeCounts { added: 0, updated: 0, unchanged: 1 });
        let report = store.restore_backup(&backup(vec![], vec![newer_day.clone()])).unwrap();
        assert_eq!(report.wellness, MergeCounts { added: 0, updated: 1, unchanged: 0 });
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
        assert_eq!(second.runs, MergeCounts { added: 0, updated: 0, unchanged: 2 });
        assert_eq!(second.wellness, MergeCounts { added: 0, updated: 0, unchanged: 1 });
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
        store.upsert(&run(1, "2026-10-02T07:00:00+01:00"), None).unwrap();
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
        for unreadable in [r#"{"schema":7,"runs":"from the future"}"#, "{oops"] {
            let store = Store::new(MemoryBackend::default());
            store.backend().set("restride.runs.2026-11", unreadable).unwrap();
            let before = store.backend().snapshot();
            let file = backup(vec![run(1, "2026-10-02T07:00:00+01:00")], vec![wellness("2026-10-02", 3)]);
            let err = store.restore_backup(&file).unwrap_err();
            assert!(
                matches!(err, SaveError::Unreadable { ref data, .. } if data == "runs of 2026-11"),
                "{err:?}"
            );
            assert_eq!(store.backend().snapshot(), before);
        }
    }

    #[test]
    fn settings_are_applied_only_to_a_device_without_any() {
        let mut file = backup(vec![], vec![]);
        file.settings = Settings { unit: DistanceUnit::Mi, ..Settings::default() };

        let new_phone = Store::new(MemoryBackend::default());
        assert!(new_phone.restore_backup(&file).unwrap().settings_applied);
        assert_eq!(new_phone.load().unwrap().settings.unit, DistanceUnit::Mi);

        let used_phone = Store::new(MemoryBackend::default());
        let own = Settings { max_hr: Some(180), ..Settings::default() };
        used_phone.save_settings(&own).unwrap();
        assert!(!used_phone.restore_backup(&file).unwrap().settings_applied);
        assert_eq!(used_phone.load().unwrap().settings, own);
    }
}
