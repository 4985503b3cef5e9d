//! TCX (Garmin Training Center): one activity per `<Activity>`, wherever it sits
//! (`Activities`, or a multisport session).
//!
//! Laps give the timer time, distance and heart rate; trackpoints give the route,
//! elevation, pace variability and the elapsed time. Moving time is the smaller of the
//! laps' `TotalTimeSeconds` and the track's moving time (see [`crate::track`]): TCX has
//! no pause events, and some writers put the wall-clock time in the laps.

use chrono::{DateTime, FixedOffset, Utc};
use quick_xml::events::Event;

use crate::activity::{Activity, HeartRateAvgMax, Sport, cadence_for, to_u16, to_u32_secs};
use crate::error::{ImportError, NotRecorded};
use crate::limits::Limits;
use crate::time::{from_millis, millis, parse_iso};
use crate::track::{Point, Track, heart_rate, summarize};
use crate::xml;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Activity,
    Id,
    Lap,
    TotalTimeSeconds,
    DistanceMeters,
    AverageHeartRateBpm,
    MaximumHeartRateBpm,
    HeartRateBpm,
    Value,
    Trackpoint,
    Time,
    LatitudeDegrees,
    LongitudeDegrees,
    AltitudeMeters,
    Cadence,
    RunCadence,
    Other,
}

impl Tag {
    fn of(local: &str) -> Tag {
        match local {
            "Activity" => Tag::Activity,
            "Id" => Tag::Id,
            "Lap" => Tag::Lap,
            "TotalTimeSeconds" => Tag::TotalTimeSeconds,
            "DistanceMeters" => Tag::DistanceMeters,
            "AverageHeartRateBpm" => Tag::AverageHeartRateBpm,
            "MaximumHeartRateBpm" => Tag::MaximumHeartRateBpm,
            "HeartRateBpm" => Tag::HeartRateBpm,
            "Value" => Tag::Value,
            "Trackpoint" => Tag::Trackpoint,
            "Time" => Tag::Time,
            "LatitudeDegrees" => Tag::LatitudeDegrees,
            "LongitudeDegrees" => Tag::LongitudeDegrees,
            "AltitudeMeters" => Tag::AltitudeMeters,
            "Cadence" => Tag::Cadence,
            "RunCadence" => Tag::RunCadence,
            _ => Tag::Other,
        }
    }

    fn is_leaf(self) -> bool {
        !matches!(
            self,
            Tag::Activity
                | Tag::Lap
                | Tag::AverageHeartRateBpm
                | Tag::MaximumHeartRateBpm
                | Tag::HeartRateBpm
                | Tag::Trackpoint
                | Tag::Other
        )
    }
}

#[derive(Debug, Default)]
struct Lap {
    start: Option<DateTime<Utc>>,
    total_s: Option<f64>,
    distance_m: Option<f64>,
    avg_hr: Option<u16>,
    max_hr: Option<u16>,
}

/// The activity being read.
struct Current {
    sport: Sport,
    id: Option<DateTime<Utc>>,
    offset: Option<FixedOffset>,
    laps: Vec<Lap>,
    track: Track,
    lap_count: u32,
}

/// Reads a TCX file into its activities.
pub fn parse_tcx(name: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Activity>, ImportError> {
    let text = xml::text_of(bytes);
    let mut reader = xml::reader(&text);
    let mut stack: Vec<Tag> = Vec::new();
    let mut buf = String::new();
    let mut activities = Vec::new();
    let mut current: Option<Current> = None;
    let mut point = Point::default();
    let mut saw_root = false;
    // Planned courses and workouts, in a file without a recorded activity.
    let (mut saw_course, mut saw_workout) = (false, false);
    // Points of all activities of the file count against one limit.
    let mut points_left = limits.max_track_points;

    loop {
        let event = reader.read_event().map_err(|e| xml::error(&reader, &e))?;
        match &event {
            Event::Start(start) => {
                let local = start.local_name();
                if !saw_root {
                    if local.as_ref() != "TrainingCenterDatabase" {
                        return Err(ImportError::WrongFormat { expected: "TCX" });
                    }
                    saw_root = true;
                    stack.push(Tag::Other);
                    continue;
                }
                match local.as_ref() {
                    "Course" => saw_course = true,
                    "Workout" => saw_workout = true,
                    _ => {}
                }
                let mut tag = Tag::of(local.as_ref());
                match (tag, current.as_mut()) {
                    (Tag::Activity, None) => {
                        let sport = start
                            .try_get_attribute("Sport")
                            .ok()
                            .flatten()
                            .map_or(Sport::Unknown, |a| Sport::from_name(&a.value));
                        current = Some(Current {
                            sport,
                            id: None,
                            offset: None,
                            laps: Vec::new(),
                            track: Track::with_budget(points_left, limits.max_track_points),
                            lap_count: 0,
                        });
                    }
                    (Tag::Lap, Some(activity)) => {
                        let start_time = start
                            .try_get_attribute("StartTime")
                            .ok()
                            .flatten()
                            .and_then(|a| parse_iso(&a.value));
                        if let Some(stamp) = start_time {
                            activity.offset = activity.offset.or(stamp.offset);
                        }
                        activity.laps.push(Lap { start: start_time.map(|s| s.utc), ..Lap::default() });
                        activity.lap_count = activity.lap_count.saturating_add(1);
                    }
                    (Tag::Trackpoint, Some(activity)) => {
                        point = Point { seg: activity.lap_count, ..Point::default() };
                    }
                    // An activity inside an activity, or parts outside any: not TCX as
                    // written by anyone; ignored.
                    (Tag::Activity | Tag::Lap | Tag::Trackpoint, _) => tag = Tag::Other,
                    _ => {}
                }
                buf.clear();
                stack.push(tag);
            }
            Event::End(_) => {
                let Some(tag) = stack.pop() else { break };
                let parent = stack.last().copied();
                if let Some(activity) = current.as_mut() {
                    if tag == Tag::Activity {
                        if let Some(done) = current.take() {
                            points_left = points_left.saturating_sub(done.track.points.len());
                            if let Some(activity) = finish(name, done) {
                                activities.push(activity);
                            }
                        }
                    } else {
                        apply(tag, parent, &buf, activity, &mut point)?;
                    }
                }
                if stack.is_empty() {
                    break;
                }
            }
            Event::Eof => {
                if !saw_root {
                    return Err(ImportError::WrongFormat { expected: "TCX" });
                }
                return Err(ImportError::Truncated);
            }
            other => {
                if stack.last().is_some_and(|t| t.is_leaf()) {
                    xml::collect_text(other, &mut buf);
                }
            }
        }
    }
    if activities.is_empty() {
        return Err(match (saw_course, saw_workout) {
            (true, _) => ImportError::NotRecorded(NotRecorded::TcxCourse),
            (false, true) => ImportError::NotRecorded(NotRecorded::TcxWorkout),
            (false, false) => ImportError::NoActivity,
        });
    }
    Ok(activities)
}

/// Stores a closed element's value where it belongs.
fn apply(
    tag: Tag,
    parent: Option<Tag>,
    text: &str,
    activity: &mut Current,
    point: &mut Point,
) -> Result<(), ImportError> {
    let in_point = parent == Some(Tag::Trackpoint);
    let lap = activity.laps.last_mut();
    match (tag, parent) {
        (Tag::Trackpoint, _) => activity.track.push(*point)?,
        (Tag::Id, Some(Tag::Activity)) => {
            if let Some(stamp) = parse_iso(text) {
                activity.id = Some(stamp.utc);
                activity.offset = activity.offset.or(stamp.offset);
            }
        }
        (Tag::TotalTimeSeconds, Some(Tag::Lap)) => {
            if let Some(lap) = lap {
                lap.total_s = xml::number(text).filter(|v| *v >= 0.0);
            }
        }
        (Tag::DistanceMeters, Some(Tag::Lap)) => {
            if let Some(lap) = lap {
                lap.distance_m = xml::number(text).filter(|v| *v >= 0.0);
            }
        }
        (Tag::Value, Some(Tag::AverageHeartRateBpm)) => {
            if let Some(lap) = lap {
                lap.avg_hr = xml::number(text).and_then(to_u16);
            }
        }
        (Tag::Value, Some(Tag::MaximumHeartRateBpm)) => {
            if let Some(lap) = lap {
                lap.max_hr = xml::number(text).and_then(to_u16);
            }
        }
        (Tag::Value, Some(Tag::HeartRateBpm)) => point.hr = xml::number(text).and_then(to_u16),
        (Tag::Time, _) if in_point => {
            if let Some(stamp) = parse_iso(text) {
                point.time_ms = Some(millis(stamp.utc));
            }
        }
        (Tag::LatitudeDegrees, _) => {
            let lon = point.pos.map_or(f64::NAN, |p| p.1);
            point.pos = xml::number(text).map(|lat| (lat, lon));
        }
        (Tag::LongitudeDegrees, _) => {
            let lat = point.pos.map_or(f64::NAN, |p| p.0);
            point.pos = xml::number(text).map(|lon| (lat, lon));
        }
        (Tag::AltitudeMeters, _) if in_point => point.ele = xml::number(text),
        (Tag::DistanceMeters, _) if in_point => point.dist = xml::number(text),
        (Tag::Cadence, _) if in_point => point.cad = xml::number(text).and_then(to_u16),
        // Garmin's ActivityExtension: <Extensions><TPX><RunCadence>.
        (Tag::RunCadence, _) if point.cad.is_none() => point.cad = xml::number(text).and_then(to_u16),
        _ => {}
    }
    Ok(())
}

fn finish(source: &str, mut current: Current) -> Option<Activity> {
    // A position with only one of its coordinates is no position.
    for point in &mut current.track.points {
        if point.pos.is_some_and(|(lat, lon)| lat.is_nan() || lon.is_nan()) {
            point.pos = None;
        }
    }
    let summary = summarize(&current.track.points);
    let first_lap = current.laps.iter().find_map(|l| l.start);
    let start = current.id.or(first_lap).or_else(|| summary.start_ms.and_then(from_millis))?;

    let lap_time: f64 = current.laps.iter().filter_map(|l| l.total_s).sum();
    let lap_distance: f64 = current.laps.iter().filter_map(|l| l.distance_m).sum();
    let has_track_time = summary.start_ms.is_some() && summary.end_ms > summary.start_ms;

    let mut activity = Activity::new(source, current.sport, start);
    activity.utc_offset = current.offset;
    activity.moving_s = match (lap_time > 0.0, has_track_time) {
        (true, true) => to_u32_secs(lap_time).min(summary.moving_s.max(1)),
        (true, false) => to_u32_secs(lap_time),
        (false, _) => summary.moving_s,
    };
    let track_end_s = summary.end_ms.map_or(0.0, |end| (end.saturating_sub(millis(start))) as f64 / 1000.0);
    activity.elapsed_s = to_u32_secs(track_end_s.max(lap_time));
    activity.distance_m = if lap_distance > 0.0 { Some(lap_distance) } else { summary.distance_m };
    activity.elevation_gain_m = summary.elevation_gain_m;
    activity.heart_rate = summary.heart_rate.or_else(|| lap_heart_rate(&current.laps));
    activity.cadence_avg = summary.cadence_raw.and_then(|c| cadence_for(&activity.sport, c));
    activity.pace_variability = summary.pace_variability;
    activity.route = summary.route;
    Some(activity)
}

/// Heart rate from the laps when the track has none: the time-weighted average of
/// their averages, and the highest maximum.
fn lap_heart_rate(laps: &[Lap]) -> Option<HeartRateAvgMax> {
    let (mut weighted, mut time) = (0.0, 0.0);
    for lap in laps {
        if let (Some(avg), Some(t)) = (lap.avg_hr, lap.total_s) {
            weighted += f64::from(avg) * t;
            time += t;
        }
    }
    let avg = if time > 0.0 {
        to_u16(weighted / time)
    } else {
        heart_rate(laps.iter().filter_map(|l| l.avg_hr)).map(|hr| hr.avg)
    }?;
    let max = laps.iter().filter_map(|l| l.max_hr).max().unwrap_or(avg).max(avg);
    (avg > 0).then_some(HeartRateAvgMax { avg, max })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tcx(body: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><Activities>{body}</Activities></TrainingCenterDatabase>"#
        )
    }

    fn parse(xml: &str) -> Result<Vec<Activity>, ImportError> {
        parse_tcx("a.tcx", xml.as_bytes(), &Limits::default())
    }

    #[test]
    fn laps_without_trackpoints() {
        let xml = tcx(r#"<Activity Sport="Running"><Id>2024-03-12T18:00:00Z</Id>
            <Lap StartTime="2024-03-12T18:00:00Z"><TotalTimeSeconds>300</TotalTimeSeconds><DistanceMeters>1000</DistanceMeters><AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm><MaximumHeartRateBpm><Value>150</Value></MaximumHeartRateBpm></Lap>
            <Lap StartTime="2024-03-12T18:05:00Z"><TotalTimeSeconds>100</TotalTimeSeconds><DistanceMeters>400</DistanceMeters><AverageHeartRateBpm><Value>160</Value></AverageHeartRateBpm><MaximumHeartRateBpm><Value>171</Value></MaximumHeartRateBpm></Lap>
            </Activity>"#);
        let a = &parse(&xml).unwrap()[0];
        assert_eq!(a.sport, Sport::Run);
        assert_eq!(a.moving_s, 400);
        assert_eq!(a.elapsed_s, 400);
        assert_eq!(a.distance_m, Some(1400.0));
        assert_eq!(a.heart_rate, Some(HeartRateAvgMax { avg: 145, max: 171 }));
        assert_eq!(a.route, None);
    }

    #[test]
    fn trackpoints_and_several_activities() {
        let mut points = String::new();
        for i in 0..200 {
            points.push_str(&format!(
                "<Trackpoint><Time>2024-03-12T18:{:02}:{:02}Z</Time><Position><LatitudeDegrees>{}</LatitudeDegrees><LongitudeDegrees>8.5</LongitudeDegrees></Position><AltitudeMeters>{}</AltitudeMeters><DistanceMeters>{}</DistanceMeters><HeartRateBpm><Value>150</Value></HeartRateBpm><Extensions><ns3:TPX><ns3:RunCadence>88</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>",
                i / 60,
                i % 60,
                47.0 + f64::from(i) * 3.0 / 111_195.0,
                400 + i / 20,
                i * 3
            ));
        }
        let first = format!(
            r#"<Activity Sport="Running"><Id>2024-03-12T18:00:00Z</Id><Lap StartTime="2024-03-12T18:00:00Z"><TotalTimeSeconds>199</TotalTimeSeconds><DistanceMeters>597</DistanceMeters><Track>{points}</Track></Lap></Activity>"#
        );
        let second = r#"<Activity Sport="Biking"><Id>2024-03-13T07:00:00Z</Id><Lap StartTime="2024-03-13T07:00:00Z"><TotalTimeSeconds>3600</TotalTimeSeconds></Lap></Activity>"#;
        let activities = parse(&tcx(&format!("{first}{second}"))).unwrap();
        assert_eq!(activities.len(), 2);
        let a = &activities[0];
        assert_eq!(a.moving_s, 199);
        assert_eq!(a.elapsed_s, 199);
        assert_eq!(a.distance_m, Some(597.0));
        assert_eq!(a.cadence_avg, Some(176));
        assert_eq!(a.heart_rate, Some(HeartRateAvgMax { avg: 150, max: 150 }));
        assert!(a.route.is_some());
        assert!(a.pace_variability.is_some());
        assert_eq!(activities[1].sport, Sport::Ride);
    }

    #[test]
    fn activities_of_a_file_share_the_point_limit() {
        let point = "<Trackpoint><Time>2024-03-12T18:00:00Z</Time></Trackpoint>";
        let activity = format!(
            r#"<Activity Sport="Running"><Id>2024-03-12T18:00:00Z</Id><Lap><Track>{}</Track></Lap></Activity>"#,
            point.repeat(3)
        );
        let xml = tcx(&activity.repeat(2));
        let limits = Limits { max_track_points: 5, ..Limits::default() };
        assert_eq!(parse_tcx("a", xml.as_bytes(), &limits), Err(ImportError::TooManyPoints { limit: 5 }));
        let roomy = Limits { max_track_points: 6, ..Limits::default() };
        assert_eq!(parse_tcx("a", xml.as_bytes(), &roomy).map(|a| a.len()), Ok(2));
    }

    #[test]
    fn wrong_root_and_empty_file() {
        assert_eq!(parse("<gpx></gpx>"), Err(ImportError::WrongFormat { expected: "TCX" }));
        assert_eq!(parse(&tcx("")), Err(ImportError::NoActivity));
        let course = r#"<?xml version="1.0"?><TrainingCenterDatabase><Courses><Course><Name>Loop</Name><Track><Trackpoint><Position><LatitudeDegrees>47</LatitudeDegrees><LongitudeDegrees>8</LongitudeDegrees></Position></Trackpoint></Track></Course></Courses></TrainingCenterDatabase>"#;
        assert_eq!(parse(course), Err(ImportError::NotRecorded(NotRecorded::TcxCourse)));
        let workout = r#"<TrainingCenterDatabase><Workouts><Workout Sport="Running"><Name>4x1k</Name></Workout></Workouts></TrainingCenterDatabase>"#;
        assert_eq!(parse(workout), Err(ImportError::NotRecorded(NotRecorded::TcxWorkout)));
        assert_eq!(parse(&tcx("<Activity Sport=\"Running\"><Lap>")[..120]), Err(ImportError::Truncated));
    }
}
