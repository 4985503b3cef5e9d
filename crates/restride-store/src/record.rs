//! The records written to storage, their schema version and migrations. Each stored
//! value is a JSON object whose first field is `"schema"`, from the very first byte
//! Restride ever wrote, so any later format can be recognised and migrated.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
use restride_core::settings::HEART_RATE_RANGE;
use restride_core::{
    Completion, DistanceUnit, Feel, HeartRate, Hooper, Level, LifeTag, Rpe, Run, RunId, RunType, Settings,
    Source, TimeOfDay, Wellness,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The format this build writes. Bump it whenever a stored record changes shape,
/// and say here how each older version is read (see [`decode_text`]).
///
/// - 1: runs by month, settings with units.
/// - 2: settings gain week start, heart rates, run days and time of day; wellness
///   check-ins by month. Bumped so that an older app, which would drop the new
///   settings fields when it saved, refuses to write over them instead.
/// - 3: a run's effort and feel may be missing (imported runs), and imported runs
///   keep a route fingerprint. Bumped so that an older app, which cannot read a run
///   without effort, refuses this data instead of setting it aside.
/// - 4: a planned week keeps its safety bounds (running minutes, the longest run),
///   its paused days and the first day a quality session may go on, and new
///   reasons (race recovery, paused, return, base building, the bounds). Bumped so
///   that an older app, which would set aside a plan with reasons it does not know,
///   refuses it instead.
/// - 5: a planned week and the race goal keep when they were last changed
///   (`updated_ms`; read as 0, "before anything", from version 4), a cleared goal
///   stays as a record so clearing it travels between devices, deleted runs leave
///   a tombstone (`restride.deleted`), and the backup holds everything (plans, the
///   goal, tombstones, data this version can't read). Bumped so that an older app,
///   which would drop those times when it saved, refuses them instead.
///
/// Every version so far reads into today's records as it is: what a version added
/// is optional with a default, so the migration from any older version is reading
/// it (its `schema` says which it is). A future change that reshapes a record must
/// instead rewrite the older JSON before it is read, in [`decode_text`].
pub const SCHEMA_VERSION: u32 = 5;

/// The years a stored date may fall in. Dates outside them are refused when read,
/// so an import never "succeeds" with a date that a later load would refuse, and
/// date arithmetic on stored dates (a week, a year) can never overflow.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error("it is not readable JSON ({0})")]
    Garbage(String),
    #[error("it has no format version")]
    Unversioned,
    #[error(
        "it was saved by a newer version of Restride (format {found}; this one reads up to {SCHEMA_VERSION}). Reload to update the app."
    )]
    TooNew { found: u32 },
    /// A value or field this version has never heard of, in a record of a format
    /// it reads: a newer version wrote it (one that added a run type, a tag, a
    /// session kind, a field…), so it is treated exactly like [`Self::TooNew`].
    #[error("it holds {0}, which only a newer version of Restride knows. Reload to update the app.")]
    Unknown(String),
    #[error("format version {0} never existed")]
    UnknownVersion(u32),
    #[error("run {id} is invalid: {reason}")]
    InvalidRecord { id: String, reason: String },
    #[error("the check-in of {date} is invalid: {reason}")]
    InvalidCheckIn { date: String, reason: String },
    #[error("the settings are invalid: bad {0}")]
    InvalidSettings(String),
    #[error("the plan of {week} is invalid: {reason}")]
    InvalidPlan { week: String, reason: String },
    #[error("the illness or injury from {start} is invalid: {reason}")]
    InvalidSetback { start: String, reason: String },
    #[error("the list of deleted runs is invalid: {0}")]
    InvalidDeleted(String),
}

impl DecodeError {
    /// A newer app's data is fine, just not ours to read: it must stay exactly where
    /// it is for when this device updates, and this app must not write over it.
    pub fn is_from_newer_version(&self) -> bool {
        matches!(self, Self::TooNew { .. } | Self::Unknown(_))
    }

    /// `what` (e.g. `a run type "trail"`) is unknown to this version.
    pub(crate) fn unknown(what: &str, value: &str) -> Self {
        Self::Unknown(format!("{what} \"{value}\""))
    }
}

/// Whether a stored date is one Restride keeps (see [`YEARS`]).
pub(crate) fn in_years(date: NaiveDate) -> bool {
    YEARS.contains(&date.year())
}

/// A stored Unix-milliseconds time, within [`YEARS`].
pub(crate) fn time_from_ms(ms: i64) -> Option<DateTime<Utc>> {
    Utc.timestamp_millis_opt(ms).single().filter(|t| YEARS.contains(&t.year()))
}

/// The version and kind of a stored value, read without building anything else
/// (serde skips the other fields).
#[derive(Deserialize)]
struct Probe {
    schema: Option<u32>,
    format: Option<String>,
}

fn probe(json: &str) -> Option<Probe> {
    serde_json::from_str::<Probe>(json).ok()
}

/// Whether this version reads values of format `version`.
pub(crate) fn check_version(version: Option<u32>) -> Result<(), DecodeError> {
    match version {
        None => Err(DecodeError::Unversioned),
        Some(0) => Err(DecodeError::UnknownVersion(0)),
        Some(found) if found > SCHEMA_VERSION => Err(DecodeError::TooNew { found }),
        Some(_) => Ok(()),
    }
}

/// `Err(TooNew)` or `Err(Unknown)` when `json` was written by a newer app, by its
/// version or by what it holds; anything else is ours to overwrite (garbage has
/// been, or is about to be, set aside).
pub(crate) fn refuse_if_newer<T>(decoded: &Result<T, DecodeError>) -> Result<(), DecodeError> {
    match decoded {
        Err(error) if error.is_from_newer_version() => Err(error.clone()),
        _ => Ok(()),
    }
}

/// A serde error in a value whose format this version reads: a field or variant
/// it doesn't know means a newer version wrote it; anything else is damage.
pub(crate) fn classify(e: &serde_json::Error) -> DecodeError {
    let message = e.to_string();
    for (prefix, what) in [("unknown field `", "a field"), ("unknown variant `", "the value")] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((name, _)) = rest.split_once('`')
        {
            return DecodeError::unknown(what, name);
        }
    }
    DecodeError::Garbage(message)
}

/// A stored record that says its format version.
pub(crate) trait Versioned {
    fn schema(&self) -> u32;
}

/// Decodes stored text (a month, the settings, a plan, a backup file…) into `T`,
/// whatever its version, in one pass over the text: every version so far reads
/// into today's record (see [`SCHEMA_VERSION`]). When it doesn't fit, the version
/// says why: a newer version's value is `TooNew`, not damage. Records refuse
/// fields they don't know (`deny_unknown_fields`), so a newer version's additions
/// are never read and then silently dropped by a save.
pub(crate) fn decode_text<T: DeserializeOwned + Versioned>(json: &str) -> Result<T, DecodeError> {
    match serde_json::from_str::<T>(json) {
        Ok(record) => check_version(Some(record.schema())).map(|()| record),
        Err(e) => match probe(json) {
            // The version decides first: a newer version may reshape anything.
            Some(p) => check_version(p.schema).and_then(|()| Err(classify(&e))),
            None => Err(DecodeError::Garbage(e.to_string())),
        },
    }
}

/// The `schema` a JSON object says it has, if it is one that says.
pub(crate) fn version_of(json: &str) -> Option<u32> {
    probe(json).and_then(|p| p.schema)
}

/// The `format` a JSON object says it is, if it is one (for telling a backup from
/// other files before reading it as one).
pub(crate) fn format_of(json: &str) -> Option<String> {
    probe(json).and_then(|p| p.format)
}

/// One calendar month of runs.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthRecord {
    pub schema: u32,
    pub runs: Vec<RunRecord>,
}

/// A run as stored. Field names are spelled out (the backup file is this format
/// too, and people read backups); times of bookkeeping are Unix milliseconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunRecord {
    pub id: String,
    /// RFC 3339 local time with offset, e.g. `2026-11-25T07:30:00+01:00`.
    pub start: String,
    pub kind: String,
    /// The run's own name (an imported activity's); absent when it has none. An
    /// optional field: older versions read it as absent, so no format change.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub moving_s: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_s: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpe: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feel: Option<u8>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub cut_short: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub route: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_fingerprint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The imported file's name; absent for runs logged by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hr_avg: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hr_max: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elevation_gain_m: Option<f64>,
    pub created_ms: i64,
    pub updated_ms: i64,
}

impl Versioned for MonthRecord {
    fn schema(&self) -> u32 {
        self.schema
    }
}

impl Versioned for SettingsRecord {
    fn schema(&self) -> u32 {
        self.schema
    }
}

impl Versioned for WellnessMonthRecord {
    fn schema(&self) -> u32 {
        self.schema
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(b: &bool) -> bool {
    !*b
}

impl From<&Run> for RunRecord {
    fn from(run: &Run) -> Self {
        Self {
            id: run.id.to_string(),
            start: run.start.to_rfc3339(),
            kind: run.kind.slug().to_string(),
            title: run.title.clone(),
            moving_s: run.moving_s,
            elapsed_s: run.elapsed_s,
            distance_m: run.distance_m,
            rpe: run.rpe.map(Rpe::value),
            feel: run.feel.map(Feel::value),
            cut_short: run.completion == Completion::CutShort,
            route: run.route.clone(),
            route_fingerprint: run.route_fingerprint.clone(),
            company: run.company.clone(),
            notes: run.notes.clone(),
            source_file: match &run.source {
                Source::Manual => None,
                Source::Imported(file) => Some(file.clone()),
            },
            hr_avg: run.heart_rate.map(|h| h.average),
            hr_max: run.heart_rate.map(|h| h.max),
            elevation_gain_m: run.elevation_gain_m,
            created_ms: run.created.timestamp_millis(),
            updated_ms: run.updated.timestamp_millis(),
        }
    }
}

impl TryFrom<RunRecord> for Run {
    type Error = DecodeError;

    fn try_from(r: RunRecord) -> Result<Self, DecodeError> {
        let invalid =
            |reason: &str| DecodeError::InvalidRecord { id: r.id.clone(), reason: reason.to_string() };
        let finite_non_negative = |v: Option<f64>| v.is_none_or(|x| x.is_finite() && x >= 0.0);
        let id = RunId::parse(&r.id).ok_or_else(|| invalid("bad id"))?;
        let start = DateTime::<FixedOffset>::parse_from_rfc3339(&r.start)
            .ok()
            .filter(|t| in_years(t.date_naive()))
            .ok_or_else(|| invalid("bad start time"))?;
        let kind = RunType::from_slug(&r.kind).ok_or_else(|| DecodeError::unknown("a run type", &r.kind))?;
        let rpe = r.rpe.map(|v| Rpe::new(v).ok_or_else(|| invalid("effort out of range"))).transpose()?;
        let feel = r.feel.map(|v| Feel::new(v).ok_or_else(|| invalid("feel out of range"))).transpose()?;
        if r.moving_s == 0 {
            return Err(invalid("zero duration"));
        }
        if !finite_non_negative(r.distance_m) || !finite_non_negative(r.elevation_gain_m) {
            return Err(invalid("bad distance or elevation"));
        }
        let created = time_from_ms(r.created_ms).ok_or_else(|| invalid("bad created time"))?;
        let updated = time_from_ms(r.updated_ms).ok_or_else(|| invalid("bad updated time"))?;
        Ok(Run {
            id,
            start,
            kind,
            title: r.title,
            moving_s: r.moving_s,
            elapsed_s: r.elapsed_s,
            distance_m: r.distance_m,
            rpe,
            feel,
            completion: if r.cut_short { Completion::CutShort } else { Completion::AsPlanned },
            heart_rate: match (r.hr_avg, r.hr_max) {
                (Some(average), Some(max)) => Some(HeartRate { average, max }),
                _ => None,
            },
            route: r.route,
            route_fingerprint: r.route_fingerprint,
            company: r.company,
            notes: r.notes,
            source: r.source_file.map_or(Source::Manual, Source::Imported),
            elevation_gain_m: r.elevation_gain_m,
            created,
            updated,
        })
    }
}

pub fn encode_month(runs: &[Run]) -> String {
    let record = MonthRecord { schema: SCHEMA_VERSION, runs: runs.iter().map(RunRecord::from).collect() };
    // Serialising plain strings and numbers cannot fail; an empty month is the
    // harmless fallback should serde ever disagree.
    serde_json::to_string(&record).unwrap_or_else(|_| format!("{{\"schema\":{SCHEMA_VERSION},\"runs\":[]}}"))
}

pub fn decode_month(json: &str) -> Result<Vec<Run>, DecodeError> {
    let month: MonthRecord = decode_text(json)?;
    month.runs.into_iter().map(Run::try_from).collect()
}

/// The runner's settings, stored under `restride.settings` and carried whole
/// (with its own `schema`) in a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsRecord {
    pub schema: u32,
    /// `km` or `mi`.
    pub units: String,
    /// `mon` … `sun`.
    #[serde(default = "default_week_start")]
    pub week_start: String,
    /// Beats per minute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hr: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest_hr: Option<u16>,
    #[serde(default = "default_run_days")]
    pub run_days: Vec<String>,
    /// Whether the runner picked the run days (else the plan reads them from the
    /// history). Added without a schema bump: absent in older records, where run
    /// days other than the defaults can only have been picked by the runner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_days_chosen: Option<bool>,
    /// `morning`, `midday`, `evening` or `night`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_time: Option<String>,
    /// Today's weeks-in-a-row line hidden. Optional, false when absent, left out
    /// when false: no schema change, and older versions ignore it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hide_streak: bool,
}

fn default_week_start() -> String {
    weekday_slug(Settings::default().week_start).to_string()
}

fn default_run_days() -> Vec<String> {
    Settings::default().run_days.into_iter().map(|d| weekday_slug(d).to_string()).collect()
}

pub(crate) fn weekday_slug(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

pub(crate) fn weekday_from_slug(slug: &str) -> Option<Weekday> {
    slug.parse().ok()
}

impl From<&Settings> for SettingsRecord {
    fn from(s: &Settings) -> Self {
        Self {
            schema: SCHEMA_VERSION,
            units: s.unit.label().to_string(),
            week_start: weekday_slug(s.week_start).to_string(),
            max_hr: s.max_hr,
            rest_hr: s.rest_hr,
            run_days: s.run_days.iter().map(|d| weekday_slug(*d).to_string()).collect(),
            run_days_chosen: Some(s.run_days_chosen),
            preferred_time: s.preferred_time.map(|t| t.slug().to_string()),
            hide_streak: !s.show_streak,
        }
    }
}

impl TryFrom<SettingsRecord> for Settings {
    type Error = DecodeError;

    fn try_from(r: SettingsRecord) -> Result<Self, DecodeError> {
        let bad = |what: &str| DecodeError::InvalidSettings(what.to_string());
        let hr = |v: Option<u16>| match v {
            Some(b) if !HEART_RATE_RANGE.contains(&b) => Err(bad("heart rate")),
            other => Ok(other),
        };
        let mut run_days = r
            .run_days
            .iter()
            .map(|d| weekday_from_slug(d).ok_or_else(|| bad("run day")))
            .collect::<Result<Vec<_>, _>>()?;
        run_days.sort_by_key(Weekday::num_days_from_monday);
        run_days.dedup();
        let run_days_chosen = r.run_days_chosen.unwrap_or(run_days != Settings::default().run_days);
        Ok(Settings {
            unit: DistanceUnit::parse(&r.units).ok_or_else(|| bad("unit"))?,
            week_start: weekday_from_slug(&r.week_start).ok_or_else(|| bad("week start"))?,
            max_hr: hr(r.max_hr)?,
            rest_hr: hr(r.rest_hr)?,
            run_days,
            run_days_chosen,
            preferred_time: match r.preferred_time {
                None => None,
                Some(t) => {
                    Some(TimeOfDay::from_slug(&t).ok_or_else(|| DecodeError::unknown("a time of day", &t))?)
                }
            },
            show_streak: !r.hide_streak,
        })
    }
}

pub fn encode_settings(settings: &Settings) -> String {
    serde_json::to_string(&SettingsRecord::from(settings)).unwrap_or_default()
}

pub fn decode_settings(json: &str) -> Result<Settings, DecodeError> {
    decode_text::<SettingsRecord>(json)?.try_into()
}

/// One calendar month of wellness check-ins.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WellnessMonthRecord {
    pub schema: u32,
    pub days: Vec<WellnessRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WellnessRecord {
    /// `YYYY-MM-DD`, the runner's local date.
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sleep_hours: Option<f64>,
    pub sleep_quality: u8,
    pub stress: u8,
    pub fatigue: u8,
    pub soreness: u8,
    pub hydration: u8,
    pub motivation: u8,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    pub updated_ms: i64,
}

impl From<&Wellness> for WellnessRecord {
    fn from(w: &Wellness) -> Self {
        Self {
            date: w.date.format("%Y-%m-%d").to_string(),
            sleep_hours: w.sleep_hours,
            sleep_quality: w.sleep_quality.value(),
            stress: w.stress.value(),
            fatigue: w.fatigue.value(),
            soreness: w.soreness.value(),
            hydration: w.hydration.value(),
            motivation: w.motivation.value(),
            tags: w.tags.iter().map(|t| t.slug().to_string()).collect(),
            updated_ms: w.updated.timestamp_millis(),
        }
    }
}

impl TryFrom<WellnessRecord> for Wellness {
    type Error = DecodeError;

    fn try_from(r: WellnessRecord) -> Result<Self, DecodeError> {
        let invalid =
            |reason: &str| DecodeError::InvalidCheckIn { date: r.date.clone(), reason: reason.to_string() };
        let hooper = |v: u8| Hooper::new(v).ok_or_else(|| invalid("rating out of range"));
        let level = |v: u8| Level::new(v).ok_or_else(|| invalid("rating out of range"));
        let date = NaiveDate::parse_from_str(&r.date, "%Y-%m-%d")
            .ok()
            .filter(|d| in_years(*d))
            .ok_or_else(|| invalid("bad date"))?;
        if r.sleep_hours.is_some_and(|h| !(0.0..=24.0).contains(&h)) {
            return Err(invalid("bad sleep hours"));
        }
        let mut tags = r
            .tags
            .iter()
            .map(|t| LifeTag::from_slug(t).ok_or_else(|| DecodeError::unknown("a tag", t)))
            .collect::<Result<Vec<_>, _>>()?;
        tags.sort();
        tags.dedup();
        Ok(Wellness {
            date,
            sleep_hours: r.sleep_hours,
            sleep_quality: hooper(r.sleep_quality)?,
            stress: hooper(r.stress)?,
            fatigue: hooper(r.fatigue)?,
            soreness: hooper(r.soreness)?,
            hydration: level(r.hydration)?,
            motivation: level(r.motivation)?,
            tags,
            updated: time_from_ms(r.updated_ms).ok_or_else(|| invalid("bad updated time"))?,
        })
    }
}

pub fn encode_wellness_month(days: &[Wellness]) -> String {
    let record =
        WellnessMonthRecord { schema: SCHEMA_VERSION, days: days.iter().map(WellnessRecord::from).collect() };
    serde_json::to_string(&record).unwrap_or_else(|_| format!("{{\"schema\":{SCHEMA_VERSION},\"days\":[]}}"))
}

pub fn decode_wellness_month(json: &str) -> Result<Vec<Wellness>, DecodeError> {
    let month: WellnessMonthRecord = decode_text(json)?;
    month.days.into_iter().map(Wellness::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_this_version_writes_begins_with_its_format() {
        let prefix = format!("{{\"schema\":{SCHEMA_VERSION},");
        assert!(encode_month(&[]).starts_with(&prefix));
        assert!(encode_settings(&Settings::default()).starts_with(&prefix));
        assert!(encode_wellness_month(&[]).starts_with(&prefix));
        // Another key order decodes too.
        assert_eq!(decode_month(r#"{"runs":[],"schema":2}"#), Ok(vec![]));
        assert!(matches!(decode_month(r#"{"schema":2,"runs":[{]}"#), Err(DecodeError::Garbage(_))));
        // A field this version doesn't know is a newer version's, whatever the order.
        assert_eq!(
            decode_month(r#"{"laps":[],"schema":5,"runs":[]}"#),
            Err(DecodeError::Unknown("a field \"laps\"".into()))
        );
    }

    #[test]
    fn every_version_is_told_apart() {
        assert!(matches!(decode_month("not json"), Err(DecodeError::Garbage(_))));
        assert!(matches!(decode_month("[1,2]"), Err(DecodeError::Garbage(_))));
        assert_eq!(decode_month(r#"{"runs":[]}"#), Err(DecodeError::Unversioned));
        assert_eq!(
            decode_month(r#"{"schema":99,"runs":"whatever"}"#),
            Err(DecodeError::TooNew { found: 99 })
        );
        assert_eq!(decode_month(r#"{"schema":0,"runs":[]}"#), Err(DecodeError::UnknownVersion(0)));
        assert_eq!(decode_month(r#"{"schema":1,"runs":[]}"#), Ok(vec![]));
        assert_eq!(decode_month(r#"{"schema":2,"runs":[]}"#), Ok(vec![]));
        assert_eq!(decode_month(r#"{"schema":2,"runs":[]}"#), Ok(vec![]));
    }

    #[test]
    fn a_bad_record_is_named() {
        let json = r#"{"schema":2,"runs":[{"id":"01901234-5678-7fff-bfff-ffffffffffff","start":"2026-11-25T07:30:00+01:00","kind":"easy","moving_s":1800,"rpe":12,"feel":4,"created_ms":0,"updated_ms":0}]}"#;
        assert_eq!(
            decode_month(json),
            Err(DecodeError::InvalidRecord {
                id: "01901234-5678-7fff-bfff-ffffffffffff".into(),
                reason: "effort out of range".into()
            })
        );
    }

    #[test]
    fn settings_round_trip_and_reject_junk() {
        let s = Settings {
            unit: DistanceUnit::Mi,
            week_start: Weekday::Sun,
            max_hr: Some(188),
            rest_hr: Some(48),
            run_days: vec![Weekday::Mon, Weekday::Wed],
            run_days_chosen: true,
            preferred_time: Some(TimeOfDay::Morning),
            show_streak: false,
        };
        assert!(encode_settings(&s).contains(r#""hide_streak":true"#));
        // Shown, the default, is left out: older versions read the same record.
        assert!(!encode_settings(&Settings::default()).contains("hide_streak"));
        assert_eq!(decode_settings(&encode_settings(&s)), Ok(s.clone()));
        // Whether the runner picked the days: kept; in a record from before it was
        // stored, days other than the defaults were picked, the defaults were not.
        let unpicked = Settings { run_days: Settings::default().run_days, run_days_chosen: false, ..s };
        assert_eq!(decode_settings(&encode_settings(&unpicked)), Ok(unpicked));
        let older =
            |days: &str| decode_settings(&format!(r#"{{"schema":4,"units":"km","run_days":{days}}}"#));
        assert!(older(r#"["mon","wed"]"#).unwrap().run_days_chosen);
        assert!(!older(r#"["tue","thu","sat"]"#).unwrap().run_days_chosen);
        assert!(decode_settings(r#"{"schema":2,"units":"furlongs"}"#).is_err());
        assert!(decode_settings(r#"{"schema":2,"units":"km","max_hr":900}"#).is_err());
        assert!(decode_settings(r#"{"schema":2,"units":"km","run_days":["someday"]}"#).is_err());
        // A v1 settings record migrates with defaults for what v1 didn't have.
        let v1 = decode_settings(r#"{"schema":1,"units":"mi"}"#).unwrap();
        assert_eq!(v1, Settings { unit: DistanceUnit::Mi, ..Settings::default() });
    }
}
