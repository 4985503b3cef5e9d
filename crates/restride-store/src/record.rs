//! The records written to storage, their schema version and migrations. Each stored
//! value is a JSON object whose first field is `"schema"`, from the very first byte
//! Restride ever wrote, so any later format can be recognised and migrated.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use restride_core::{
    Completion, DistanceUnit, Feel, HeartRate, Rpe, Run, RunId, RunType, Settings, Source,
};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The format this build writes. Bump it, and add a step to [`migrate`], whenever a
/// stored record changes shape.
pub const SCHEMA_VERSION: u32 = 1;

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
    #[error("format version {0} never existed")]
    UnknownVersion(u32),
    #[error("run {id} is invalid: {reason}")]
    InvalidRecord { id: String, reason: String },
}

impl DecodeError {
    /// A newer app's data is fine, just not ours to read: it must stay exactly where
    /// it is for when this device updates.
    pub fn is_from_newer_version(&self) -> bool {
        matches!(self, Self::TooNew { .. })
    }
}

#[derive(Deserialize)]
struct Probe {
    schema: Option<u32>,
}

/// Reads the version, migrates older formats up to the current one, and returns
/// the current-format JSON value.
fn migrate(json: &str) -> Result<serde_json::Value, DecodeError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| DecodeError::Garbage(e.to_string()))?;
    let probe = Probe::deserialize(&value).map_err(|e| DecodeError::Garbage(e.to_string()))?;
    match probe.schema {
        None => Err(DecodeError::Unversioned),
        Some(SCHEMA_VERSION) => Ok(value),
        Some(v) if v > SCHEMA_VERSION => Err(DecodeError::TooNew { found: v }),
        // Version 1 is the first format; each later version adds its step here.
        Some(v) => Err(DecodeError::UnknownVersion(v)),
    }
}

fn decode<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T, DecodeError> {
    let value = migrate(json)?;
    T::deserialize(value).map_err(|e| DecodeError::Garbage(e.to_string()))
}

/// One calendar month of runs.
#[derive(Debug, Serialize, Deserialize)]
pub struct MonthRecord {
    pub schema: u32,
    pub runs: Vec<RunRecord>,
}

/// A run as stored. Field names are spelled out (the backup file is this format
/// too, and people read backups); times of bookkeeping are Unix milliseconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    pub id: String,
    /// RFC 3339 local time with offset, e.g. `2026-11-25T07:30:00+01:00`.
    pub start: String,
    pub kind: String,
    pub moving_s: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_s: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<f64>,
    pub rpe: u8,
    pub feel: u8,
    #[serde(default, skip_serializing_if = "is_false")]
    pub cut_short: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub route: String,
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
            moving_s: run.moving_s,
            elapsed_s: run.elapsed_s,
            distance_m: run.distance_m,
            rpe: run.rpe.value(),
            feel: run.feel.value(),
            cut_short: run.completion == Completion::CutShort,
            route: run.route.clone(),
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
        let invalid = |reason: &str| DecodeError::InvalidRecord {
            id: r.id.clone(),
            reason: reason.to_string(),
        };
        let finite_non_negative = |v: Option<f64>| v.is_none_or(|x| x.is_finite() && x >= 0.0);
        let id = RunId::parse(&r.id).ok_or_else(|| invalid("bad id"))?;
        let start = DateTime::<FixedOffset>::parse_from_rfc3339(&r.start)
            .map_err(|_| invalid("bad start time"))?;
        let kind = RunType::from_slug(&r.kind).ok_or_else(|| invalid("unknown run type"))?;
        let rpe = Rpe::new(r.rpe).ok_or_else(|| invalid("effort out of range"))?;
        let feel = Feel::new(r.feel).ok_or_else(|| invalid("feel out of range"))?;
        if r.moving_s == 0 {
            return Err(invalid("zero duration"));
        }
        if !finite_non_negative(r.distance_m) || !finite_non_negative(r.elevation_gain_m) {
            return Err(invalid("bad distance or elevation"));
        }
        let created = Utc
            .timestamp_millis_opt(r.created_ms)
            .single()
            .ok_or_else(|| invalid("bad created time"))?;
        let updated = Utc
            .timestamp_millis_opt(r.updated_ms)
            .single()
            .ok_or_else(|| invalid("bad updated time"))?;
        Ok(Run {
            id,
            start,
            kind,
            moving_s: r.moving_s,
            elapsed_s: r.elapsed_s,
            distance_m: r.distance_m,
            rpe,
            feel,
            completion: if r.cut_short {
                Completion::CutShort
            } else {
                Completion::AsPlanned
            },
            heart_rate: match (r.hr_avg, r.hr_max) {
                (Some(average), Some(max)) => Some(HeartRate { average, max }),
                _ => None,
            },
            route: r.route,
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
    let record = MonthRecord {
        schema: SCHEMA_VERSION,
        runs: runs.iter().map(RunRecord::from).collect(),
    };
    // Serialising plain strings and numbers cannot fail; an empty month is the
    // harmless fallback should serde ever disagree.
    serde_json::to_string(&record)
        .unwrap_or_else(|_| format!("{{\"schema\":{SCHEMA_VERSION},\"runs\":[]}}"))
}

pub fn decode_month(json: &str) -> Result<Vec<Run>, DecodeError> {
    let month: MonthRecord = decode(json)?;
    month.runs.into_iter().map(Run::try_from).collect()
}

#[derive(Debug, Serialize, Deserialize)]
struct SettingsRecord {
    schema: u32,
    units: String,
}

pub fn encode_settings(settings: &Settings) -> String {
    let record = SettingsRecord {
        schema: SCHEMA_VERSION,
        units: settings.unit.label().to_string(),
    };
    serde_json::to_string(&record).unwrap_or_default()
}

pub fn decode_settings(json: &str) -> Result<Settings, DecodeError> {
    let record: SettingsRecord = decode(json)?;
    let unit = DistanceUnit::parse(&record.units)
        .ok_or_else(|| DecodeError::Garbage(format!("unknown unit {:?}", record.units)))?;
    Ok(Settings { unit })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_is_told_apart() {
        assert!(matches!(
            decode_month("not json"),
            Err(DecodeError::Garbage(_))
        ));
        assert!(matches!(
            decode_month("[1,2]"),
            Err(DecodeError::Garbage(_))
        ));
        assert_eq!(
            decode_month(r#"{"runs":[]}"#),
            Err(DecodeError::Unversioned)
        );
        assert_eq!(
            decode_month(r#"{"schema":99,"runs":"whatever"}"#),
            Err(DecodeError::TooNew { found: 99 })
        );
        assert_eq!(
            decode_month(r#"{"schema":0,"runs":[]}"#),
            Err(DecodeError::UnknownVersion(0))
        );
        assert_eq!(decode_month(r#"{"schema":1,"runs":[]}"#), Ok(vec![]));
    }

    #[test]
    fn a_bad_record_is_named() {
        let json = r#"{"schema":1,"runs":[{"id":"01901234-5678-7fff-bfff-ffffffffffff","start":"2026-11-25T07:30:00+01:00","kind":"easy","moving_s":1800,"rpe":12,"feel":4,"created_ms":0,"updated_ms":0}]}"#;
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
        };
        assert_eq!(decode_settings(&encode_settings(&s)), Ok(s));
        assert!(decode_settings(r#"{"schema":1,"units":"furlongs"}"#).is_err());
    }
}
