//! The rules that keep a runner's data safe, over any [`KeyValue`] store:
//! - a save rewrites one month, read fresh from the store, so a run saved by another
//!   tab since we loaded is kept, not overwritten by our stale copy;
//! - data that can't be read is never overwritten: garbage is moved aside under
//!   `restride.aside.*` (and only removed once the copy is written), data from a newer
//!   app version is left exactly where it is and its month refuses writes;
//! - a failed write (quota) leaves everything saved earlier as it was.

use std::collections::HashMap;
use std::hash::Hash;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use restride_core::history::sort_newest_first;
use restride_core::plan::{RaceGoal, WeekPlan};
use restride_core::{Run, RunId, Setback, Settings, Wellness};
use thiserror::Error;

use crate::backend::{BackendError, KeyValue};
use crate::plan_record::{decode_goal, decode_plan, encode_goal, encode_plan};
use crate::record::{
    DecodeError, decode_month, decode_settings, decode_wellness_month, encode_month, encode_settings,
    encode_wellness_month,
};
use crate::setback_record::{decode_setbacks, encode_setbacks};

pub const RUNS_PREFIX: &str = "restride.runs.";
pub const WELLNESS_PREFIX: &str = "restride.wellness.";
pub const SETTINGS_KEY: &str = "restride.settings";
pub const ASIDE_PREFIX: &str = "restride.aside.";
pub const PLAN_PREFIX: &str = "restride.plan.";
pub const GOAL_KEY: &str = "restride.goal";
pub const SETBACKS_KEY: &str = "restride.setbacks";

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

pub struct Store<B> {
    backend: B,
}

/// Something stored one calendar month per key.
pub(crate) trait MonthItem: Clone {
    /// The month keys' prefix.
    const PREFIX: &'static str;
    /// Identity: two items with the same key are versions of the same run or the
    /// same day's check-in.
    type Key: Eq + Hash + Clone;
    fn key(&self) -> Self::Key;
    /// The local date whose month holds the item.
    fn local_date(&self) -> NaiveDate;
    /// When the runner last changed it; the newer version wins a merge.
    fn updated(&self) -> DateTime<Utc>;
    fn decode(json: &str) -> Result<Vec<Self>, DecodeError>;
    fn encode(items: &[Self]) -> String;
    /// Newest first.
    fn sort(items: &mut [Self]);

    fn month_key(&self) -> String {
        month_key_of(Self::PREFIX, self.local_date())
    }
}

fn month_key_of(prefix: &str, date: NaiveDate) -> String {
    format!("{prefix}{:04}-{:02}", date.year(), date.month())
}

fn run_month_key(start: &DateTime<FixedOffset>) -> String {
    month_key_of(RUNS_PREFIX, start.date_naive())
}

impl MonthItem for Run {
    const PREFIX: &'static str = RUNS_PREFIX;
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
    fn sort(items: &mut [Self]) {
        sort_newest_first(items);
    }
}

impl MonthItem for Wellness {
    const PREFIX: &'static str = WELLNESS_PREFIX;
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
    fn sort(items: &mut [Self]) {
        items.sort_by_key(|d| std::cmp::Reverse(d.date));
    }
}

/// What the data under `key` is, in words, for [`SaveError::Unreadable`].
fn data_label(key: &str) -> String {
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
    } else {
        key.to_string()
    }
}

impl<B: KeyValue> Store<B> {
    pub fn new(backend: B) -> Self {
        Self { backend }
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// Reads everything. Never fails as a whole: what can't be read is reported in
    /// `problems` and kept safe, and the rest loads.
    pub fn load(&self) -> Result<Loaded, BackendError> {
        let mut loaded = Loaded::default();
        let mut keys = self.backend.keys()?;
        keys.sort();
        let mut by_id: HashMap<RunId, Run> = HashMap::new();
        for key in &keys {
            if key.starts_with(ASIDE_PREFIX) {
                loaded.problems.push(Problem { key: key.clone(), error: None, kept_at: key.clone() });
                continue;
            }
            let Some(raw) = self.backend.get(key)? else {
                continue;
            };
            if key.starts_with(RUNS_PREFIX) {
                match decode_month(&raw) {
                    Ok(runs) => {
                        for run in runs {
                            // A save interrupted between writing a run's new month and
                            // removing it from the old one leaves two copies: keep the newer.
                            match by_id.get(&run.id) {
                                Some(seen) if seen.updated >= run.updated => {}
                                _ => {
                                    by_id.insert(run.id.clone(), run);
                                }
                            }
                        }
                    }
                    Err(error) => loaded.problems.push(self.keep_safe(key, &raw, error)),
                }
            } else if key.starts_with(WELLNESS_PREFIX) {
                match decode_wellness_month(&raw) {
                    Ok(days) => loaded.wellness.extend(days),
                    Err(error) => loaded.problems.push(self.keep_safe(key, &raw, error)),
                }
            } else if key.starts_with(PLAN_PREFIX) {
                match decode_plan(&raw) {
                    Ok(plan) => loaded.plans.push(plan),
                    Err(error) => loaded.problems.push(self.keep_safe(key, &raw, error)),
                }
            } else if key == GOAL_KEY {
                match decode_goal(&raw) {
                    Ok(goal) => loaded.goal = Some(goal),
                    Err(error) => loaded.problems.push(self.keep_safe(key, &raw, error)),
                }
            } else if key == SETBACKS_KEY {
                match decode_setbacks(&raw) {
                    Ok(setbacks) => loaded.setbacks = setbacks,
                    Err(error) => loaded.problems.push(self.keep_safe(key, &raw, error)),
                }
            } else if key == SETTINGS_KEY {
                match decode_settings(&raw) {
                    Ok(settings) => loaded.settings = settings,
                    Err(error) => loaded.problems.push(self.keep_safe(key, &raw, error)),
                }
            }
        }
        loaded.plans.sort_by_key(|p| p.start);
        loaded.runs = by_id.into_values().collect();
        sort_newest_first(&mut loaded.runs);
        Wellness::sort(&mut loaded.wellness);
        Ok(loaded)
    }

    /// Moves unreadable data out of the way, or leaves it in place when it must
    /// stay (a newer version's) or can't be copied (storage full).
    fn keep_safe(&self, key: &str, raw: &str, error: DecodeError) -> Problem {
        let stay = Problem { key: key.to_string(), error: Some(error.clone()), kept_at: key.to_string() };
        if error.is_from_newer_version() {
            return stay;
        }
        let Some(aside) = (0..1000)
            .map(|n| format!("{ASIDE_PREFIX}{key}.{n}"))
            .find(|k| matches!(self.backend.get(k), Ok(None)))
        else {
            return stay;
        };
        if self.backend.set(&aside, raw).is_err() {
            return stay;
        }
        if self.backend.remove(key).is_err() {
            return stay;
        }
        Problem { key: key.to_string(), error: Some(error), kept_at: aside }
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

    pub(crate) fn write_month<T: MonthItem>(&self, key: &str, items: &[T]) -> Result<(), SaveError> {
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

    fn put<T: MonthItem>(&self, item: &T) -> Result<(), SaveError> {
        let key = item.month_key();
        let mut items: Vec<T> = self.read_month(&key)?;
        items.retain(|i| i.key() != item.key());
        items.push(item.clone());
        T::sort(&mut items);
        self.write_month(&key, &items)
    }

    /// Saves a new or edited run. `previous_start` is the run's start before the
    /// edit: when it moves to another month, it leaves the old one.
    pub fn upsert(&self, run: &Run, previous_start: Option<&DateTime<FixedOffset>>) -> Result<(), SaveError> {
        self.put(run)?;
        if let Some(old_key) = previous_start.map(run_month_key).filter(|k| *k != run.month_key()) {
            self.remove_run_from(&old_key, &run.id)?;
        }
        Ok(())
    }

    pub fn delete(&self, id: &RunId, start: &DateTime<FixedOffset>) -> Result<(), SaveError> {
        self.remove_run_from(&run_month_key(start), id)
    }

    fn remove_run_from(&self, key: &str, id: &RunId) -> Result<(), SaveError> {
        let mut runs: Vec<Run> = self.read_month(key)?;
        let before = runs.len();
        runs.retain(|r| &r.id != id);
        if runs.len() != before {
            self.write_month(key, &runs)?;
        }
        Ok(())
    }

    /// Saves a day's check-in, replacing that day's earlier one.
    pub fn upsert_wellness(&self, day: &Wellness) -> Result<(), SaveError> {
        self.put(day)
    }

    /// Saves a week's plan, replacing that week's earlier one.
    pub fn save_plan(&self, plan: &WeekPlan) -> Result<(), SaveError> {
        let key = format!("{PLAN_PREFIX}{}", plan.start.format("%Y-%m-%d"));
        self.refuse_newer(&key)?;
        Ok(self.backend.set(&key, &encode_plan(plan))?)
    }

    /// Sets the race goal, or clears it.
    pub fn save_goal(&self, goal: Option<&RaceGoal>) -> Result<(), SaveError> {
        self.refuse_newer(GOAL_KEY)?;
        Ok(self.write_raw(GOAL_KEY, goal.map(encode_goal).as_deref())?)
    }

    /// Saves every illness and injury the runner reported (oldest first).
    pub fn save_setbacks(&self, setbacks: &[Setback]) -> Result<(), SaveError> {
        self.refuse_newer(SETBACKS_KEY)?;
        let value = (!setbacks.is_empty()).then(|| encode_setbacks(setbacks));
        Ok(self.write_raw(SETBACKS_KEY, value.as_deref())?)
    }

    /// A value a newer app wrote must not be overwritten by this one.
    fn refuse_newer(&self, key: &str) -> Result<(), SaveError> {
        if let Some(raw) = self.backend.get(key)?
            && let Err(error) = crate::record::probe_version(&raw)
        {
            return Err(SaveError::Unreadable { data: data_label(key), error });
        }
        Ok(())
    }

    pub fn save_settings(&self, settings: &Settings) -> Result<(), SaveError> {
        if let Some(raw) = self.backend.get(SETTINGS_KEY)?
            && let Err(error) = decode_settings(&raw)
            && error.is_from_newer_version()
        {
            return Err(SaveError::Unreadable { data: data_label(SETTINGS_KEY), error });
        }
        self.backend.set(SETTINGS_KEY, &encode_settings(settings))?;
        Ok(())
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
    use chrono::{TimeZone, Utc};
    use restride_core::testing::sample_run;
    use restride_core::{DistanceUnit, Feel, Rpe, RunType};

    pub(crate) fn run(n: u8, start: &str) -> Run {
        Run { rpe: Rpe::new(3), feel: Feel::new(4), ..sample_run(n, start, RunType::Easy, 30.0, 5.0) }
    }

    fn store() -> Store<MemoryBackend> {
        Store::new(MemoryBackend::default())
    }

    #[test]
    fn plans_and_the_goal_load_back_and_a_newer_apps_are_left_alone() {
        use restride_core::plan::{PlanInput, build_week};
        let s = store();
        let settings = Settings::default();
        let week = |d: u32| {
            let week_start = NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
            build_week(&PlanInput {
                week_start,
                first_day: week_start,
                settings: &settings,
                runs: &[],
                findings: &[],
                fitness: None,
                goal: None,
                setbacks: &[],
            })
        };
        let (later, earlier) = (week(23), week(16));
        s.save_plan(&later).unwrap();
        s.save_plan(&earlier).unwrap();
        let goal = RaceGoal {
            distance_m: 10_000.0,
            date: NaiveDate::from_ymd_opt(2027, 3, 7).unwrap(),
            target_s: None,
        };
        s.save_goal(Some(&goal)).unwrap();
        let loaded = s.load().unwrap();
        assert_eq!(loaded.plans, vec![earlier, later.clone()]);
        assert_eq!(loaded.goal, Some(goal));
        s.save_goal(None).unwrap();
        assert_eq!(s.load().unwrap().goal, None);

        let newer = r#"{"schema":99,"start":"2026-11-23"}"#;
        s.backend().set("restride.plan.2026-11-23", newer).unwrap();
        let refused = s.save_plan(&later).unwrap_err();
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
        s.upsert(&a, None).unwrap();
        s.upsert(&b, None).unwrap();
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
    fn one_check_in_per_day_editable() {
        let s = store();
        s.upsert_wellness(&wellness("2026-11-24", 3)).unwrap();
        s.upsert_wellness(&wellness("2026-11-25", 3)).unwrap();
        s.upsert_wellness(&wellness("2026-11-25", 6)).unwrap();
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
        s.upsert(&theirs, None).unwrap();
        s.upsert(&mine, None).unwrap();
        assert_eq!(s.load().unwrap().runs.len(), 2);
    }

    #[test]
    fn moving_a_run_to_another_month_leaves_one_copy() {
        let s = store();
        let a = run(1, "2026-11-02T07:00:00+01:00");
        s.upsert(&a, None).unwrap();
        let mut moved = a.clone();
        moved.start = DateTime::parse_from_rfc3339("2026-10-30T07:00:00+01:00").unwrap();
        s.upsert(&moved, Some(&a.start)).unwrap();
        assert_eq!(s.load().unwrap().runs, vec![moved]);
        assert_eq!(s.backend().keys().unwrap(), ["restride.runs.2026-10"]);
    }

    #[test]
    fn delete_then_undo() {
        let s = store();
        let a = run(1, "2026-11-02T07:00:00+01:00");
        s.upsert(&a, None).unwrap();
        s.delete(&a.id, &a.start).unwrap();
        assert!(s.load().unwrap().runs.is_empty());
        assert!(s.backend().keys().unwrap().is_empty());
        s.upsert(&a, None).unwrap();
        assert_eq!(s.load().unwrap().runs, vec![a]);
    }

    #[test]
    fn garbage_is_moved_aside_never_lost() {
        let s = store();
        s.backend().set("restride.runs.2026-11", "{oops").unwrap();
        let good = run(1, "2026-10-02T07:00:00+01:00");
        s.upsert(&good, None).unwrap();
        let loaded = s.load().unwrap();
        assert_eq!(loaded.runs, vec![good]);
        assert_eq!(loaded.problems.len(), 1);
        let kept = &loaded.problems[0].kept_at;
        assert_eq!(kept, "restride.aside.restride.runs.2026-11.0");
        assert_eq!(s.raw(kept).unwrap().as_deref(), Some("{oops"));
        // The month is free again, and the aside copy is still reported next time.
        s.upsert(&run(2, "2026-11-02T07:00:00+01:00"), None).unwrap();
        let again = s.load().unwrap();
        assert_eq!(again.runs.len(), 2);
        assert_eq!(again.problems[0].kept_at, *kept);
        assert_eq!(s.raw(kept).unwrap().as_deref(), Some("{oops"));
    }

    #[test]
    fn newer_versions_data_stays_put_and_blocks_writes_to_its_month() {
        let s = store();
        let newer = r#"{"schema":7,"runs":"a shape from the future"}"#;
        s.backend().set("restride.runs.2026-11", newer).unwrap();
        let loaded = s.load().unwrap();
        assert_eq!(loaded.problems[0].error, Some(DecodeError::TooNew { found: 7 }));
        let err = s.upsert(&run(1, "2026-11-02T07:00:00+01:00"), None).unwrap_err();
        assert!(
            matches!(err, SaveError::Unreadable { ref data, .. } if data == "runs of 2026-11"),
            "{err:?}"
        );
        assert_eq!(s.raw("restride.runs.2026-11").unwrap().as_deref(), Some(newer));
    }

    #[test]
    fn quota_exceeded_changes_nothing() {
        let s = Store::new(MemoryBackend::with_quota(600));
        let a = run(1, "2026-11-02T07:00:00+01:00");
        s.upsert(&a, None).unwrap();
        let before = s.backend().snapshot();
        let mut big = run(2, "2026-11-03T07:00:00+01:00");
        big.notes = "x".repeat(1000);
        assert_eq!(s.upsert(&big, None), Err(SaveError::QuotaExceeded));
        assert_eq!(s.backend().snapshot(), before);
    }

    #[test]
    fn settings_persist_and_corrupt_settings_fall_back() {
        let s = store();
        s.save_settings(&Settings { unit: DistanceUnit::Mi, ..Settings::default() }).unwrap();
        assert_eq!(s.load().unwrap().settings.unit, DistanceUnit::Mi);
        s.backend().set(SETTINGS_KEY, "][").unwrap();
        let loaded = s.load().unwrap();
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
        let err = s.save_goal(None).unwrap_err();
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
