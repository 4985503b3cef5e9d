//! Garmin's account export keeps a summary of every activity in
//! `DI_CONNECT/DI-Connect-Fitness/*_summarizedActivities.json`, shaped
//! `[{"summarizedActivitiesExport": [ {…}, … ]}]`. It covers activities whose FIT
//! file the export lacks (manual entries, old uploads), and gives the name and the
//! runner's self-evaluation. The file is read as a stream, one activity object at a
//! time, so a decade of summaries never sits in memory as JSON.
//!
//! Fields read (units as Garmin writes them): `activityId`; `name`; `activityType`
//! (a type key such as `"running"`, or an object with `typeKey`), else `sportType`;
//! `beginTimestamp` (epoch ms, UTC; else `startTimeGmt`) and `startTimeLocal` (the
//! local clock as epoch ms, so the difference is the offset); `duration` (timer
//! time, ms), `elapsedDuration` (ms); `distance` and `elevationGain` (cm);
//! `avgHr`, `maxHr`; `calories` (kcal); `workoutRpe` (RPE × 10) and `workoutFeel`
//! (0–100), as in the FIT session's fields 193 and 192.
//!
//! Sources relied on (public code of people reading real exports): the outer shape
//! and `beginTimestamp`/`startTimeLocal` in epoch ms from several importers; the cm,
//! ms and cm units from a French Garmin parser's conversion table; `workoutRpe` and
//! `workoutFeel` from a documented list of Garmin activity fields and an importer
//! that divides the RPE by 10.

use std::fmt;
use std::io::{BufReader, Read};

use chrono::FixedOffset;
use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::activity::{Activity, HeartRateAvgMax, Sport, to_u16, to_u32_secs};
use crate::error::ImportError;
use crate::input::import_error;
use crate::limits::Limits;
use crate::time::from_millis;

/// Reads the activities of a `summarizedActivities.json` as it streams by.
pub fn parse_garmin_summaries(
    name: &str,
    reader: &mut dyn Read,
    limits: &Limits,
) -> Result<Vec<Activity>, ImportError> {
    let mut json = serde_json::Deserializer::from_reader(BufReader::with_capacity(64 * 1024, reader));
    let mut out = Vec::new();
    Outer { list: List { source: name, limits, out: &mut out } }
        .deserialize(&mut json)
        .and_then(|()| json.end())
        .map_err(error)?;
    Ok(out)
}

fn error(err: serde_json::Error) -> ImportError {
    use serde_json::error::Category;
    match err.classify() {
        Category::Eof => ImportError::Truncated,
        Category::Io => import_error(&std::io::Error::from(err), |_| ImportError::Unreadable),
        Category::Syntax | Category::Data => ImportError::Json { line: err.line(), message: err.to_string() },
    }
}

/// Where the activities go, and the limit on their number.
struct List<'a> {
    source: &'a str,
    limits: &'a Limits,
    out: &'a mut Vec<Activity>,
}

/// The outer array of objects.
struct Outer<'a> {
    list: List<'a>,
}

impl<'de> DeserializeSeed<'de> for Outer<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Outer<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of {\"summarizedActivitiesExport\": [...]} objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Chunk { list: &mut self.list })?.is_some() {}
        Ok(())
    }
}

/// One `{"summarizedActivitiesExport": [...]}` object.
struct Chunk<'l, 'a> {
    list: &'l mut List<'a>,
}

impl<'de> DeserializeSeed<'de> for Chunk<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Chunk<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with \"summarizedActivitiesExport\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "summarizedActivitiesExport" {
                map.next_value_seed(Activities { list: &mut *self.list })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// The list of activity objects.
struct Activities<'l, 'a> {
    list: &'l mut List<'a>,
}

impl<'de> DeserializeSeed<'de> for Activities<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Activities<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of activities")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(raw) = seq.next_element::<Raw>()? {
            if self.list.out.len() >= self.list.limits.max_csv_rows {
                return Err(serde::de::Error::custom(format!(
                    "more than {} activities",
                    self.list.limits.max_csv_rows
                )));
            }
            if let Some(activity) = raw.into_activity(self.list.source) {
                self.list.out.push(activity);
            }
        }
        Ok(())
    }
}

/// One activity object; every field is optional and read leniently (a number may
/// come as a string), since the export's fields have changed over the years.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Raw {
    #[serde(default)]
    activity_id: Option<Value>,
    #[serde(default)]
    name: Option<Value>,
    #[serde(default)]
    activity_type: Option<Value>,
    #[serde(default)]
    sport_type: Option<Value>,
    #[serde(default)]
    begin_timestamp: Option<Value>,
    #[serde(default)]
    start_time_gmt: Option<Value>,
    #[serde(default)]
    start_time_local: Option<Value>,
    #[serde(default)]
    duration: Option<Value>,
    #[serde(default)]
    elapsed_duration: Option<Value>,
    #[serde(default)]
    distance: Option<Value>,
    #[serde(default)]
    elevation_gain: Option<Value>,
    #[serde(default)]
    avg_hr: Option<Value>,
    #[serde(default)]
    max_hr: Option<Value>,
    #[serde(default)]
    calories: Option<Value>,
    #[serde(default)]
    workout_rpe: Option<Value>,
    #[serde(default)]
    workout_feel: Option<Value>,
}

fn number(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
    .filter(|v| v.is_finite())
}

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Object(map) => text(map.get("typeKey")),
        _ => None,
    }
}

#[allow(clippy::cast_possible_truncation)] // epoch milliseconds, range-checked by from_millis
fn millis(value: f64) -> i64 {
    value.round() as i64
}

impl Raw {
    fn into_activity(self, source: &str) -> Option<Activity> {
        let begin = number(self.begin_timestamp.as_ref()).or_else(|| number(self.start_time_gmt.as_ref()))?;
        let start = from_millis(millis(begin))?;
        let sport = text(self.activity_type.as_ref())
            .or_else(|| text(self.sport_type.as_ref()))
            .map_or(Sport::Unknown, |t| Sport::from_name(&t));
        let mut activity = Activity::new(source, sport, start);
        activity.external_id = match self.activity_id {
            Some(Value::Number(id)) => Some(format!("garmin:{id}")),
            Some(Value::String(id)) if !id.is_empty() => Some(format!("garmin:{id}")),
            _ => None,
        };
        activity.name = text(self.name.as_ref());
        activity.utc_offset = number(self.start_time_local.as_ref()).and_then(|local| offset(local - begin));
        let timer = number(self.duration.as_ref()).filter(|ms| *ms >= 0.0);
        let elapsed = number(self.elapsed_duration.as_ref()).filter(|ms| *ms >= 0.0).or(timer);
        activity.moving_s = to_u32_secs(timer.or(elapsed).unwrap_or(0.0) / 1000.0);
        activity.elapsed_s = to_u32_secs(elapsed.unwrap_or(0.0) / 1000.0).max(activity.moving_s);
        activity.distance_m = number(self.distance.as_ref()).map(|cm| cm / 100.0).filter(|m| *m > 0.0);
        activity.elevation_gain_m =
            number(self.elevation_gain.as_ref()).map(|cm| cm / 100.0).filter(|m| *m >= 0.0);
        let avg = number(self.avg_hr.as_ref()).and_then(to_u16).filter(|&hr| hr > 0);
        let max = number(self.max_hr.as_ref()).and_then(to_u16);
        activity.heart_rate = avg.map(|avg| HeartRateAvgMax { avg, max: max.unwrap_or(avg).max(avg) });
        activity.energy_kcal = number(self.calories.as_ref()).filter(|c| *c >= 0.0);
        activity.rpe = number(self.workout_rpe.as_ref())
            .filter(|v| (0.0..=100.0).contains(v))
            .and_then(|v| to_u16(v / 10.0))
            .and_then(|v| u8::try_from(v).ok());
        activity.feel = number(self.workout_feel.as_ref())
            .filter(|v| (0.0..=100.0).contains(v))
            .and_then(|v| to_u16(v / 25.0))
            .and_then(|v| u8::try_from(v + 1).ok());
        Some(activity)
    }
}

/// The offset from local minus UTC milliseconds, rounded to a quarter hour.
fn offset(diff_ms: f64) -> Option<FixedOffset> {
    let quarters = (diff_ms / 900_000.0).round();
    if !quarters.is_finite() || quarters.abs() > 56.0 {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)] // |quarters| ≤ 56
    FixedOffset::east_opt(quarters as i32 * 900)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Vec<Activity>, ImportError> {
        parse_garmin_summaries("summaries.json", &mut json.as_bytes(), &Limits::default())
    }

    #[test]
    fn activities_in_garmin_units() {
        let json = r#"[ {
  "summarizedActivitiesExport" : [ {
    "activityId" : 12345678901, "name" : "Lunch Run", "activityType" : "running", "sportType" : "RUNNING",
    "beginTimestamp" : 1710000000000, "startTimeGmt" : 1710000000000, "startTimeLocal" : 1710003600000,
    "duration" : 1800500.0, "elapsedDuration" : 1900000.0, "movingDuration" : 1750000.0,
    "distance" : 502000.0, "elevationGain" : 4500.0, "avgHr" : 151.0, "maxHr" : 177.0, "calories" : 420.0,
    "workoutRpe" : 70, "workoutFeel" : 75, "splits" : [ { "startTimeGMT" : 1, "type" : "INTERVAL_ACTIVE" } ],
    "summarizedDiveInfo" : { "summarizedDiveGases" : [ ] }
  }, {
    "activityId" : 2, "activityType" : { "typeKey" : "strength_training" }, "beginTimestamp" : "1710090000000",
    "duration" : 2400000, "manualActivity" : true
  }, { "name" : "no start, no activity" } ]
}, { "somethingElse" : [ 1, 2, 3 ] } ]"#;
        let activities = parse(json).unwrap();
        assert_eq!(activities.len(), 2);
        let a = &activities[0];
        assert_eq!(
            (a.external_id.as_deref(), a.name.as_deref()),
            (Some("garmin:12345678901"), Some("Lunch Run"))
        );
        assert_eq!(a.sport, Sport::Run);
        assert_eq!(a.start_utc.timestamp(), 1_710_000_000);
        assert_eq!(a.utc_offset, FixedOffset::east_opt(3600));
        assert_eq!((a.moving_s, a.elapsed_s), (1801, 1900));
        assert_eq!((a.distance_m, a.elevation_gain_m), (Some(5020.0), Some(45.0)));
        assert_eq!(a.heart_rate, Some(HeartRateAvgMax { avg: 151, max: 177 }));
        assert_eq!((a.rpe, a.feel, a.energy_kcal), (Some(7), Some(4), Some(420.0)));
        let b = &activities[1];
        assert_eq!(
            (b.sport.clone(), b.moving_s, b.elapsed_s, b.distance_m),
            (Sport::Strength, 2400, 2400, None)
        );
    }

    #[test]
    fn broken_and_cut_files() {
        assert_eq!(
            parse(r#"[{"summarizedActivitiesExport":[{"beginTimestamp":1"#),
            Err(ImportError::Truncated)
        );
        assert!(matches!(
            parse(r#"[{"summarizedActivitiesExport":[}]"#),
            Err(ImportError::Json { line: 1, .. })
        ));
        assert!(matches!(parse(r#"{"summarizedActivitiesExport":[]}"#), Err(ImportError::Json { .. })));
        assert_eq!(parse("[]"), Ok(Vec::new()));
        let many =
            format!("[{{\"summarizedActivitiesExport\":[{}]}}]", ["{\"beginTimestamp\":1}"; 4].join(","));
        let small = Limits { max_csv_rows: 3, ..Limits::default() };
        assert!(matches!(
            parse_garmin_summaries("x", &mut many.as_bytes(), &small),
            Err(ImportError::Json { .. })
        ));
    }
}
