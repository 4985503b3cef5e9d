//! Apple Health's "Export All Health Data": `export.zip` holds
//! `apple_health_export/export.xml` (the name is localised, so it is recognised by
//! its `<!DOCTYPE HealthData` root, not its name) and `workout-routes/*.gpx`.
//!
//! `export.xml` runs to several GB, almost all of it `<Record>` samples (heart rate,
//! steps…). It is read as a stream: one event at a time through quick-xml's
//! buffered reader, keeping only the workouts, so memory stays flat whatever its size.
//!
//! What is read, as real exports write it (HealthKit Export Version 13–14):
//! - `<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="32.44"
//!   durationUnit="min" totalDistance="5.2" totalDistanceUnit="km"
//!   totalEnergyBurned="300" totalEnergyBurnedUnit="kcal" startDate="2024-09-15
//!   10:07:43 -0500" endDate="…">`. `duration` leaves out pauses (HKWorkout's
//!   duration); the elapsed time is end − start. Newer exports move distance and
//!   energy into `<WorkoutStatistics type="…DistanceWalkingRunning" sum="3.92"
//!   unit="km"/>` and `…ActiveEnergyBurned`; heart rate is `<WorkoutStatistics
//!   type="HKQuantityTypeIdentifierHeartRate" average="158.3" maximum="175"
//!   unit="count/min"/>`.
//! - `<MetadataEntry key="HKIndoorWorkout" value="1"/>`, `HKElevationAscended`
//!   (`"3230 cm"`), `HKWeatherTemperature` (`"60 degF"`), `HKWeatherHumidity`
//!   (`"5000 %"`, hundredths of a percent).
//! - The route: `<WorkoutRoute><FileReference path="/workout-routes/route_….gpx"/>`
//!   (older exports: `<MetadataEntry key="com.apple.health.workout-route" value="…">`).
//! - The runner's own effort rating (iOS 18), a `<Record
//!   type="HKQuantityTypeIdentifierWorkoutEffortScore" value="7"
//!   unit="appleEffortScore">` spanning the workout, becomes its RPE (the same 1–10
//!   scale). Apple's *estimated* score (`…EstimatedWorkoutEffortScore`) is left out:
//!   it is the watch's guess, not what the runner felt.
//!
//! Sources relied on (public notes of people parsing real exports, read for this
//! reader): the layout, `durationUnit`, the statistics and `FileReference` as seen
//! in HealthKit Export Version 14 (an ingest tool's "Real-export quirks" notes); the
//! workout and statistics attributes from an export analysed in a health-data
//! project's "Apple Health Export XML Format" notes; `HKWeatherHumidity` in
//! hundredths from a Python runner-data tool that divides it by 100; the effort
//! score types and their `appleEffortScore` unit from HealthKit's identifier lists.

use std::io::{BufReader, Read};

use chrono::{DateTime, FixedOffset, Utc};
use quick_xml::events::{BytesStart, Event};

use crate::activity::{Activity, Conditions, HeartRateAvgMax, Sport, to_u16, to_u32_secs};
use crate::error::ImportError;
use crate::input::import_error;
use crate::limits::Limits;

/// A workout from export.xml, and the route file it names.
#[derive(Debug, Clone, PartialEq)]
pub struct AppleWorkout {
    /// What the workout says.
    pub activity: Activity,
    /// `/workout-routes/route_….gpx`, if it names one.
    pub route_file: Option<String>,
}

/// The runner's effort rating, spanning its workout.
struct Effort {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    score: f64,
}

/// Bytes the XML reader buffers at a time.
const BUFFER: usize = 256 * 1024;

/// Reads export.xml's workouts as it streams by.
pub fn parse_apple_health(
    name: &str,
    reader: &mut dyn Read,
    limits: &Limits,
) -> Result<Vec<AppleWorkout>, ImportError> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(BUFFER, reader));
    xml.config_mut().trim_text(true);
    let mut buf = Vec::new();
    let mut workouts: Vec<AppleWorkout> = Vec::new();
    let mut efforts: Vec<Effort> = Vec::new();
    let mut current: Option<Builder> = None;
    let mut in_route = false;
    let mut depth = 0usize;
    let mut saw_root = false;
    loop {
        buf.clear();
        let event = xml.read_event_into(&mut buf).map_err(|e| error(&xml, &e))?;
        let (start, empty) = match &event {
            Event::Start(start) => (start, false),
            Event::Empty(start) => (start, true),
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                match end.local_name().as_ref() {
                    "Workout" => {
                        if let Some(done) = current.take().and_then(|b| b.finish(name)) {
                            push(&mut workouts, done, limits)?;
                        }
                    }
                    "WorkoutRoute" => in_route = false,
                    _ => {}
                }
                if depth == 0 && saw_root {
                    break;
                }
                continue;
            }
            Event::Eof if !saw_root => {
                return Err(ImportError::WrongFormat { expected: "Apple Health export.xml" });
            }
            Event::Eof => return Err(ImportError::Truncated),
            _ => continue,
        };
        if !empty {
            depth += 1;
        }
        let local = start.local_name();
        let tag = local.as_ref();
        if !saw_root {
            if tag != "HealthData" {
                return Err(ImportError::WrongFormat { expected: "Apple Health export.xml" });
            }
            saw_root = true;
            continue;
        }
        match (tag, current.as_mut()) {
            // The bulk of the file: only the effort ratings are kept.
            ("Record", None) => {
                if attr(start, "type").as_deref() == Some("HKQuantityTypeIdentifierWorkoutEffortScore")
                    && let Some(effort) = effort(start)
                {
                    efforts.push(effort);
                }
            }
            ("Workout", None) => {
                let builder = Builder::new(start);
                if empty {
                    if let Some(done) = builder.finish(name) {
                        push(&mut workouts, done, limits)?;
                    }
                } else {
                    current = Some(builder);
                }
            }
            ("WorkoutStatistics", Some(workout)) => workout.statistics(start),
            ("MetadataEntry", Some(workout)) if !in_route => workout.metadata(start),
            ("WorkoutRoute", Some(_)) => in_route = !empty,
            ("FileReference", Some(workout)) if in_route => {
                workout.route = attr(start, "path").or(workout.route.take());
            }
            _ => {}
        }
    }
    for workout in &mut workouts {
        workout.activity.rpe = rating_for(&workout.activity, &efforts);
    }
    Ok(workouts)
}

fn push(workouts: &mut Vec<AppleWorkout>, workout: AppleWorkout, limits: &Limits) -> Result<(), ImportError> {
    if workouts.len() >= limits.max_csv_rows {
        return Err(ImportError::TooManyRows { limit: limits.max_csv_rows });
    }
    workouts.push(workout);
    Ok(())
}

fn error<R>(xml: &quick_xml::Reader<R>, err: &quick_xml::Error) -> ImportError {
    match err {
        quick_xml::Error::Io(io) => import_error(io, |_| ImportError::Unreadable),
        quick_xml::Error::Syntax(_) => ImportError::Truncated,
        _ => ImportError::Xml { position: xml.error_position(), message: err.to_string() },
    }
}

/// An attribute's value, unescaped.
fn attr(start: &BytesStart<'_>, key: &str) -> Option<String> {
    let attribute = start.try_get_attribute(key).ok().flatten()?;
    let value = attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok()?;
    Some(value.into_owned())
}

fn number(start: &BytesStart<'_>, key: &str) -> Option<f64> {
    attr(start, key).and_then(|v| v.trim().parse::<f64>().ok()).filter(|v| v.is_finite())
}

/// "2024-09-15 10:07:43 -0500".
fn date(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M:%S %z").ok()
}

fn effort(start: &BytesStart<'_>) -> Option<Effort> {
    let from = date(&attr(start, "startDate")?)?.with_timezone(&Utc);
    let to = date(&attr(start, "endDate")?)?.with_timezone(&Utc);
    Some(Effort { start: from, end: to, score: number(start, "value")? })
}

/// The rating whose span overlaps the workout, nearest its start.
fn rating_for(activity: &Activity, efforts: &[Effort]) -> Option<u8> {
    let start = activity.start_utc;
    let end = start + chrono::TimeDelta::seconds(i64::from(activity.elapsed_s.max(activity.moving_s)));
    efforts
        .iter()
        .filter(|e| e.start <= end && e.end >= start)
        .min_by_key(|e| (e.start - start).num_seconds().abs())
        .filter(|e| (0.0..=10.0).contains(&e.score))
        .and_then(|e| to_u16(e.score))
        .and_then(|v| u8::try_from(v).ok())
}

/// A `<Workout>` being read.
struct Builder {
    sport: Sport,
    start: Option<DateTime<FixedOffset>>,
    end: Option<DateTime<FixedOffset>>,
    duration_s: Option<f64>,
    distance_m: Option<f64>,
    statistics_distance_m: Option<f64>,
    energy_kcal: Option<f64>,
    heart_rate: Option<HeartRateAvgMax>,
    elevation_gain_m: Option<f64>,
    conditions: Conditions,
    route: Option<String>,
}

impl Builder {
    fn new(start: &BytesStart<'_>) -> Builder {
        let unit = |key: &str| attr(start, key).unwrap_or_default();
        let duration = number(start, "duration").map(|d| d * seconds_per(&unit("durationUnit")));
        let distance =
            number(start, "totalDistance").and_then(|d| Some(d * metres_per(&unit("totalDistanceUnit"))?));
        let energy = number(start, "totalEnergyBurned").and_then(|e| kcal(e, &unit("totalEnergyBurnedUnit")));
        Builder {
            sport: attr(start, "workoutActivityType").map_or(Sport::Unknown, |t| sport(&t)),
            start: attr(start, "startDate").as_deref().and_then(date),
            end: attr(start, "endDate").as_deref().and_then(date),
            duration_s: duration,
            distance_m: distance,
            statistics_distance_m: None,
            energy_kcal: energy,
            heart_rate: None,
            elevation_gain_m: None,
            conditions: Conditions::default(),
            route: None,
        }
    }

    fn statistics(&mut self, start: &BytesStart<'_>) {
        let Some(kind) = attr(start, "type") else { return };
        let kind = kind.strip_prefix("HKQuantityTypeIdentifier").unwrap_or(&kind);
        let unit = attr(start, "unit").unwrap_or_default();
        match kind {
            "HeartRate" => {
                let avg = number(start, "average").and_then(to_u16).filter(|&hr| hr > 0);
                let max = number(start, "maximum").and_then(to_u16);
                self.heart_rate = avg.map(|avg| HeartRateAvgMax { avg, max: max.unwrap_or(avg).max(avg) });
            }
            "ActiveEnergyBurned" => {
                if let Some(e) = number(start, "sum").and_then(|e| kcal(e, &unit)) {
                    self.energy_kcal = Some(e);
                }
            }
            _ if kind.starts_with("Distance") => {
                if let Some(d) = number(start, "sum").and_then(|d| Some(d * metres_per(&unit)?)) {
                    self.statistics_distance_m = Some(d);
                }
            }
            _ => {}
        }
    }

    fn metadata(&mut self, start: &BytesStart<'_>) {
        let (Some(key), Some(value)) = (attr(start, "key"), attr(start, "value")) else { return };
        let (amount, unit) = quantity(&value);
        match key.as_str() {
            "HKIndoorWorkout" => self.conditions.indoor = amount.map(|v| v >= 0.5),
            "HKElevationAscended" => {
                self.elevation_gain_m =
                    amount.and_then(|v| Some(v * metres_per(unit)?)).filter(|v| *v >= 0.0);
            }
            "HKWeatherTemperature" => {
                self.conditions.temperature_c = amount.and_then(|v| match unit {
                    "degF" => Some((v - 32.0) * 5.0 / 9.0),
                    "degC" => Some(v),
                    _ => None,
                });
            }
            // Written in hundredths of a percent ("5000 %" is 50 %).
            "HKWeatherHumidity" => {
                self.conditions.humidity_pct = amount.map(|v| if v > 100.0 { v / 100.0 } else { v });
            }
            _ if key.ends_with("workout-route") => {
                self.route = Some(value.trim_start_matches("..").to_owned())
            }
            _ => {}
        }
    }

    fn finish(self, source: &str) -> Option<AppleWorkout> {
        let start = self.start?;
        let mut activity = Activity::new(source, self.sport, start.with_timezone(&Utc));
        activity.utc_offset = Some(*start.offset());
        let elapsed = self.end.map(|end| (end - start).num_milliseconds() as f64 / 1000.0);
        activity.elapsed_s = to_u32_secs(elapsed.unwrap_or(0.0));
        activity.moving_s = to_u32_secs(self.duration_s.or(elapsed).unwrap_or(0.0));
        if activity.elapsed_s < activity.moving_s {
            activity.elapsed_s = activity.moving_s;
        }
        activity.distance_m = self.distance_m.or(self.statistics_distance_m).filter(|d| *d > 0.0);
        activity.energy_kcal = self.energy_kcal;
        activity.heart_rate = self.heart_rate;
        activity.elevation_gain_m = self.elevation_gain_m;
        activity.conditions = (self.conditions != Conditions::default()).then_some(self.conditions);
        Some(AppleWorkout { activity, route_file: self.route })
    }
}

/// "3230 cm" → (3230, "cm").
fn quantity(text: &str) -> (Option<f64>, &str) {
    let mut parts = text.split_whitespace();
    let amount = parts.next().and_then(|v| v.parse::<f64>().ok()).filter(|v| v.is_finite());
    (amount, parts.next().unwrap_or(""))
}

fn seconds_per(unit: &str) -> f64 {
    match unit {
        "min" => 60.0,
        "hr" | "h" => 3600.0,
        // HealthKit's own unit; older exports write no unit at all.
        _ => 1.0,
    }
}

fn metres_per(unit: &str) -> Option<f64> {
    match unit {
        "km" => Some(1000.0),
        "m" => Some(1.0),
        "cm" => Some(0.01),
        "mi" => Some(1609.344),
        "yd" => Some(0.9144),
        "ft" => Some(0.3048),
        _ => None,
    }
}

fn kcal(value: f64, unit: &str) -> Option<f64> {
    match unit {
        "kcal" | "Cal" => Some(value),
        "kJ" => Some(value / 4.184),
        "cal" => Some(value / 1000.0),
        _ => None,
    }
}

/// `HKWorkoutActivityTypeTraditionalStrengthTraining` and the like.
fn sport(kind: &str) -> Sport {
    let name = kind.strip_prefix("HKWorkoutActivityType").unwrap_or(kind);
    match name {
        "Running" => Sport::Run,
        "Walking" => Sport::Walk,
        "Hiking" => Sport::Hike,
        "Cycling" | "HandCycling" => Sport::Ride,
        "Swimming" => Sport::Swim,
        "TraditionalStrengthTraining" | "FunctionalStrengthTraining" | "CoreTraining" => Sport::Strength,
        "" | "Other" => Sport::Unknown,
        other => {
            // "HighIntensityIntervalTraining" → "High Intensity Interval Training".
            let mut spaced = String::with_capacity(other.len() + 4);
            for (i, c) in other.chars().enumerate() {
                if i > 0 && c.is_ascii_uppercase() {
                    spaced.push(' ');
                }
                spaced.push(c);
            }
            Sport::Other(spaced)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate,Me,(Record|Workout)*)>\n<!ATTLIST HealthData locale CDATA #REQUIRED>\n]>\n<HealthData locale=\"en_GB\">\n <ExportDate value=\"2024-10-01 09:00:00 +0100\"/>\n";

    fn parse(body: &str) -> Result<Vec<AppleWorkout>, ImportError> {
        let xml = format!("{HEAD}{body}</HealthData>\n");
        parse_apple_health("export.xml", &mut xml.as_bytes(), &Limits::default())
    }

    #[test]
    fn a_run_with_statistics_metadata_route_and_effort() {
        let body = r#" <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" value="63" startDate="2024-09-15 10:07:43 -0500" endDate="2024-09-15 10:07:43 -0500"/>
 <Record type="HKQuantityTypeIdentifierWorkoutEffortScore" sourceName="Watch" unit="appleEffortScore" value="7" startDate="2024-09-15 07:00:00 -0500" endDate="2024-09-15 07:40:00 -0500"/>
 <Record type="HKQuantityTypeIdentifierEstimatedWorkoutEffortScore" sourceName="Watch" unit="appleEffortScore" value="4" startDate="2024-09-15 07:00:00 -0500" endDate="2024-09-15 07:40:00 -0500"/>
 <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="35.5" durationUnit="min" sourceName="Watch" startDate="2024-09-15 07:00:00 -0500" endDate="2024-09-15 07:40:00 -0500">
  <MetadataEntry key="HKIndoorWorkout" value="0"/>
  <MetadataEntry key="HKElevationAscended" value="3230 cm"/>
  <MetadataEntry key="HKWeatherTemperature" value="59 degF"/>
  <MetadataEntry key="HKWeatherHumidity" value="6500 %"/>
  <WorkoutEvent type="HKWorkoutEventTypePause" date="2024-09-15 07:20:00 -0500"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2024-09-15 07:00:00 -0500" endDate="2024-09-15 07:40:00 -0500" sum="412.5" unit="kcal"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2024-09-15 07:00:00 -0500" endDate="2024-09-15 07:40:00 -0500" sum="6.12" unit="km"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2024-09-15 07:00:00 -0500" endDate="2024-09-15 07:40:00 -0500" average="151.4" minimum="98" maximum="176" unit="count/min"/>
  <WorkoutRoute sourceName="Watch" startDate="2024-09-15 07:00:05 -0500" endDate="2024-09-15 07:40:00 -0500">
   <MetadataEntry key="HKMetadataKeySyncVersion" value="2"/>
   <FileReference path="/workout-routes/route_2024-09-15_7.40am.gpx"/>
  </WorkoutRoute>
 </Workout>
 <ActivitySummary dateComponents="2024-09-15" activeEnergyBurned="600"/>
"#;
        let workouts = parse(body).unwrap();
        assert_eq!(workouts.len(), 1);
        let w = &workouts[0];
        let a = &w.activity;
        assert_eq!(a.sport, Sport::Run);
        assert_eq!(a.start_utc.to_rfc3339(), "2024-09-15T12:00:00+00:00");
        assert_eq!(a.utc_offset, FixedOffset::west_opt(5 * 3600));
        assert_eq!((a.moving_s, a.elapsed_s), (2130, 2400));
        assert_eq!(a.distance_m, Some(6120.0));
        assert_eq!(a.energy_kcal, Some(412.5));
        assert_eq!(a.heart_rate, Some(HeartRateAvgMax { avg: 151, max: 176 }));
        assert_eq!(a.elevation_gain_m, Some(32.3));
        assert_eq!(a.rpe, Some(7), "the runner's rating, not the estimate");
        let c = a.conditions.unwrap();
        assert_eq!(c.indoor, Some(false));
        assert!((c.temperature_c.unwrap() - 15.0).abs() < 1e-9);
        assert_eq!(c.humidity_pct, Some(65.0));
        assert_eq!(a.notes(), "15 °C, 65 % humidity");
        assert_eq!(w.route_file.as_deref(), Some("/workout-routes/route_2024-09-15_7.40am.gpx"));
    }

    #[test]
    fn older_attributes_sports_and_empty_workouts() {
        let body = r#"<Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" duration="1800" startDate="2019-01-01 18:00:00 +0000" endDate="2019-01-01 18:31:00 +0000"/>
<Workout workoutActivityType="HKWorkoutActivityTypeCycling" duration="60" durationUnit="min" totalDistance="20" totalDistanceUnit="mi" totalEnergyBurned="2000" totalEnergyBurnedUnit="kJ" startDate="2019-01-02 18:00:00 +0100" endDate="2019-01-02 19:00:00 +0100"><MetadataEntry key="HKIndoorWorkout" value="1"/></Workout>
<Workout workoutActivityType="HKWorkoutActivityTypeHighIntensityIntervalTraining" duration="20" durationUnit="min" startDate="2019-01-03 18:00:00 +0100" endDate="2019-01-03 18:20:00 +0100"/>
<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="20" durationUnit="min"/>"#;
        let w = parse(body).unwrap();
        assert_eq!(w.len(), 3, "a workout without a start is no activity");
        assert_eq!(
            (w[0].activity.sport.clone(), w[0].activity.moving_s, w[0].activity.elapsed_s),
            (Sport::Strength, 1800, 1860)
        );
        assert_eq!(w[1].activity.sport, Sport::Ride);
        assert!((w[1].activity.distance_m.unwrap() - 32_186.88).abs() < 1e-6);
        assert!((w[1].activity.energy_kcal.unwrap() - 478.0).abs() < 0.1);
        assert_eq!(w[1].activity.notes(), "Indoor");
        assert_eq!(w[2].activity.sport, Sport::Other("High Intensity Interval Training".into()));
        assert_eq!(w[2].activity.rpe, None);
    }

    #[test]
    fn wrong_root_truncation_and_no_workouts() {
        let err = parse_apple_health("x", &mut &b"<gpx></gpx>"[..], &Limits::default());
        assert_eq!(err, Err(ImportError::WrongFormat { expected: "Apple Health export.xml" }));
        let cut = format!("{HEAD}<Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\"");
        assert_eq!(
            parse_apple_health("x", &mut cut.as_bytes(), &Limits::default()),
            Err(ImportError::Truncated)
        );
        assert_eq!(parse("<Record type=\"HKQuantityTypeIdentifierStepCount\" value=\"5\"/>"), Ok(Vec::new()));
    }
}
