//! GPX 1.1 (and 1.0): tracks, segments, points with optional `ele` and `time`, and
//! Garmin's TrackPointExtension `hr`/`cad` under any namespace prefix.
//!
//! All `<trk>`s of a file form one activity, segments and tracks being pauses, and
//! their distances summed (as Strava and Garmin Connect import them), unless a track
//! starts more than 2 hours after the previous one ended: then it is a new activity
//! (a file collecting several days). Distance runs over every point, timed or not,
//! once the track has a start. A file with no timed point says what it is instead:
//! a planned route (`<rte>`), a track without times, or waypoints.

use chrono::FixedOffset;
use quick_xml::events::Event;

use crate::activity::{Activity, Sport, cadence_for};
use crate::error::{ImportError, NotRecorded};
use crate::limits::Limits;
use crate::time::{from_millis, millis, parse_iso};
use crate::track::{Point, Track, summarize};
use crate::xml;

/// Tracks further apart than this are separate activities.
const SPLIT_GAP_MS: i64 = 2 * 60 * 60 * 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Metadata,
    Trk,
    TrkPt,
    Ele,
    Time,
    Name,
    Type,
    Hr,
    Cad,
    Other,
}

impl Tag {
    fn of(local: &str) -> Tag {
        match local {
            "metadata" => Tag::Metadata,
            "trk" => Tag::Trk,
            "trkpt" => Tag::TrkPt,
            "ele" => Tag::Ele,
            "time" => Tag::Time,
            "name" => Tag::Name,
            "type" => Tag::Type,
            "hr" | "heartrate" => Tag::Hr,
            "cad" | "cadence" => Tag::Cad,
            _ => Tag::Other,
        }
    }

    fn is_leaf(self) -> bool {
        matches!(self, Tag::Ele | Tag::Time | Tag::Name | Tag::Type | Tag::Hr | Tag::Cad)
    }
}

/// One `<trk>`: its points are `points[first..end]`.
struct TrkInfo {
    first: usize,
    end: usize,
    name: Option<String>,
    sport: Option<String>,
}

/// Reads a GPX file into its activities (usually one).
pub fn parse_gpx(name: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Activity>, ImportError> {
    let text = xml::text_of(bytes);
    let mut reader = xml::reader(&text);
    let mut stack: Vec<Tag> = Vec::new();
    let mut buf = String::new();
    let mut track = Track::new(limits.max_track_points);
    let mut trks: Vec<TrkInfo> = Vec::new();
    let mut metadata_name: Option<String> = None;
    let mut point = Point::default();
    let mut offset: Option<FixedOffset> = None;
    let mut seg = 0u32;
    let mut saw_root = false;
    let (mut saw_route, mut saw_waypoint) = (false, false);
    // Open <trk> and <trkpt> elements, counted rather than searched for in the stack
    // so deep nesting stays linear.
    let (mut in_trk, mut in_trkpt) = (0usize, 0usize);

    loop {
        let event = reader.read_event().map_err(|e| xml::error(&reader, &e))?;
        match &event {
            Event::Start(start) => {
                let local = start.local_name();
                if !saw_root {
                    if local.as_ref() != "gpx" {
                        return Err(ImportError::WrongFormat { expected: "GPX" });
                    }
                    saw_root = true;
                    stack.push(Tag::Other);
                    continue;
                }
                let mut tag = Tag::of(local.as_ref());
                match tag {
                    Tag::Trk => {
                        in_trk += 1;
                        seg = seg.saturating_add(1);
                        trks.push(TrkInfo { first: track.points.len(), end: 0, name: None, sport: None });
                    }
                    Tag::TrkPt if in_trk == 0 => tag = Tag::Other,
                    Tag::TrkPt => {
                        in_trkpt += 1;
                        let attr = |key: &str| {
                            start.try_get_attribute(key).ok().flatten().and_then(|a| xml::number(&a.value))
                        };
                        point = Point { seg, ..Point::default() };
                        if let (Some(lat), Some(lon)) = (attr("lat"), attr("lon")) {
                            point.pos = Some((lat, lon));
                        }
                    }
                    _ if local.as_ref() == "trkseg" => seg = seg.saturating_add(1),
                    _ if local.as_ref() == "rte" => saw_route = true,
                    _ if local.as_ref() == "wpt" => saw_waypoint = true,
                    _ => {}
                }
                buf.clear();
                stack.push(tag);
            }
            Event::End(_) => {
                let Some(tag) = stack.pop() else { break };
                let parent = stack.last().copied();
                let in_point = in_trkpt > 0;
                match tag {
                    Tag::TrkPt => {
                        in_trkpt = in_trkpt.saturating_sub(1);
                        track.push(point)?;
                    }
                    Tag::Trk => {
                        in_trk = in_trk.saturating_sub(1);
                        if let Some(trk) = trks.last_mut() {
                            trk.end = track.points.len();
                        }
                    }
                    Tag::Ele if in_point => point.ele = xml::number(&buf),
                    Tag::Time if in_point => {
                        if let Some(stamp) = parse_iso(&buf) {
                            point.time_ms = Some(millis(stamp.utc));
                            offset = offset.or(stamp.offset);
                        }
                    }
                    Tag::Hr if in_point => point.hr = xml::number(&buf).and_then(crate::activity::to_u16),
                    Tag::Cad if in_point => point.cad = xml::number(&buf).and_then(crate::activity::to_u16),
                    Tag::Name if parent == Some(Tag::Trk) => {
                        if let Some(trk) = trks.last_mut() {
                            trk.name = xml::non_empty(&buf);
                        }
                    }
                    Tag::Type if parent == Some(Tag::Trk) => {
                        if let Some(trk) = trks.last_mut() {
                            trk.sport = xml::non_empty(&buf);
                        }
                    }
                    Tag::Name if parent == Some(Tag::Metadata) => metadata_name = xml::non_empty(&buf),
                    _ => {}
                }
                if stack.is_empty() {
                    break;
                }
            }
            Event::Eof => {
                if !saw_root {
                    return Err(ImportError::WrongFormat { expected: "GPX" });
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

    let activities = split_activities(&track.points, &trks)
        .into_iter()
        .filter_map(|(range, trk)| {
            let points = track.points.get(range)?;
            let summary = summarize(points);
            let start = from_millis(summary.start_ms?)?;
            let sport = trk.sport.as_deref().map_or(Sport::Unknown, Sport::from_name);
            let mut activity = Activity::new(name, sport, start);
            activity.utc_offset = offset;
            activity.moving_s = summary.moving_s;
            activity.elapsed_s = summary.elapsed_s;
            activity.distance_m = summary.distance_m;
            activity.elevation_gain_m = summary.elevation_gain_m;
            activity.heart_rate = summary.heart_rate;
            activity.cadence_avg = summary.cadence_raw.and_then(|c| cadence_for(&activity.sport, c));
            activity.pace_variability = summary.pace_variability;
            activity.name = trk.name.clone().or_else(|| metadata_name.clone());
            activity.route = summary.route;
            Some(activity)
        })
        .collect::<Vec<_>>();
    if activities.is_empty() {
        let what = if !track.points.is_empty() {
            NotRecorded::UntimedTrack
        } else if saw_route {
            NotRecorded::PlannedRoute
        } else if saw_waypoint {
            NotRecorded::Waypoints
        } else {
            return Err(ImportError::NoActivity);
        };
        return Err(ImportError::NotRecorded(what));
    }
    Ok(activities)
}

/// Groups consecutive tracks into activities; each gets its point range and the first
/// track's name and type.
fn split_activities<'a>(points: &[Point], trks: &'a [TrkInfo]) -> Vec<(std::ops::Range<usize>, &'a TrkInfo)> {
    let first_time = |range: std::ops::Range<usize>| points.get(range)?.iter().find_map(|p| p.time_ms);
    let last_time = |range: std::ops::Range<usize>| points.get(range)?.iter().rev().find_map(|p| p.time_ms);
    let mut groups: Vec<(std::ops::Range<usize>, &TrkInfo)> = Vec::new();
    for trk in trks.iter().filter(|t| t.end > t.first) {
        if let Some((range, _)) = groups.last_mut() {
            let gap = first_time(trk.first..trk.end)
                .zip(last_time(range.clone()))
                .map(|(start, end)| start.saturating_sub(end));
            if gap.is_none_or(|gap| gap <= SPLIT_GAP_MS) {
                range.end = trk.end;
                continue;
            }
        }
        groups.push((trk.first..trk.end, trk));
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">"#;

    fn parse(xml: &str) -> Result<Vec<Activity>, ImportError> {
        parse_gpx("a.gpx", xml.as_bytes(), &Limits::default())
    }

    #[test]
    fn reads_points_extensions_and_type() {
        let mut xml = format!(
            "{HEAD}<metadata><name>Meta</name></metadata><trk><name>Evening &amp; Run</name><type>running</type><trkseg>"
        );
        for i in 0..120 {
            xml.push_str(&format!(
                r#"<trkpt lat="{}" lon="8.5"><ele>{}</ele><time>2024-03-12T18:{:02}:{:02}+01:00</time><extensions><ns3:TrackPointExtension><ns3:hr>{}</ns3:hr><ns3:cad>85</ns3:cad></ns3:TrackPointExtension></extensions></trkpt>"#,
                47.0 + i as f64 * 3.0 / 111_195.0,
                400 + i / 10,
                i / 60,
                i % 60,
                140 + i % 10
            ));
        }
        xml.push_str("</trkseg></trk></gpx>");
        let a = &parse(&xml).unwrap()[0];
        assert_eq!(a.sport, Sport::Run);
        assert_eq!(a.name.as_deref(), Some("Evening & Run"));
        assert_eq!(a.start_utc.to_rfc3339(), "2024-03-12T17:00:00+00:00");
        assert_eq!(a.utc_offset, FixedOffset::east_opt(3600));
        assert_eq!(a.elapsed_s, 119);
        assert_eq!(a.moving_s, 119);
        assert!((a.distance_m.unwrap() - 357.0).abs() < 1.0);
        assert_eq!(a.heart_rate.unwrap().max, 149);
        assert_eq!(a.cadence_avg, Some(170));
        assert!(a.elevation_gain_m.unwrap() > 7.0);
        assert!(a.route.is_some());
    }

    #[test]
    fn missing_time_and_elevation_are_tolerated() {
        let xml = format!(
            r#"{HEAD}<trk><trkseg><trkpt lat="47" lon="8"/><trkpt lat="47.001" lon="8"><time>2024-01-01T10:00:00Z</time></trkpt><trkpt lat="47.002" lon="8"><time>2024-01-01T10:00:10Z</time></trkpt></trkseg></trk></gpx>"#
        );
        let a = &parse(&xml).unwrap()[0];
        assert_eq!(a.elapsed_s, 10);
        assert_eq!(a.elevation_gain_m, None);
        assert_eq!(a.sport, Sport::Unknown);
        let untimed = format!(r#"{HEAD}<trk><trkseg><trkpt lat="47" lon="8"/></trkseg></trk></gpx>"#);
        assert_eq!(parse(&untimed), Err(ImportError::NotRecorded(NotRecorded::UntimedTrack)));
        let route = format!(
            r#"{HEAD}<rte><name>Sunday loop</name><rtept lat="47" lon="8"/><rtept lat="47.01" lon="8"/></rte></gpx>"#
        );
        assert_eq!(parse(&route), Err(ImportError::NotRecorded(NotRecorded::PlannedRoute)));
        let waypoints = format!(r#"{HEAD}<wpt lat="47" lon="8"><name>Car park</name></wpt></gpx>"#);
        assert_eq!(parse(&waypoints), Err(ImportError::NotRecorded(NotRecorded::Waypoints)));
        assert_eq!(parse(&format!("{HEAD}</gpx>")), Err(ImportError::NoActivity));
    }

    #[test]
    fn tracks_hours_apart_are_separate_activities() {
        let trk = |hour: u32| {
            format!(
                r#"<trk><trkseg><trkpt lat="47" lon="8"><time>2024-01-01T{hour:02}:00:00Z</time></trkpt><trkpt lat="47.001" lon="8"><time>2024-01-01T{hour:02}:01:00Z</time></trkpt></trkseg></trk>"#
            )
        };
        let xml = format!("{HEAD}{}{}{}</gpx>", trk(8), trk(9), trk(15));
        let activities = parse(&xml).unwrap();
        assert_eq!(activities.len(), 2);
        assert_eq!(activities[0].elapsed_s, 3660);
        // Two tracks an hour apart: one outing, the tracks' distances summed (not the
        // jump between them, which is nothing here: both start at the same place).
        let d = activities[0].distance_m.unwrap();
        assert!((d - 222.4).abs() < 1.0, "{d}");
    }

    #[test]
    fn wrong_root_truncation_and_broken_xml_are_errors() {
        assert_eq!(parse("<kml></kml>"), Err(ImportError::WrongFormat { expected: "GPX" }));
        assert_eq!(parse(""), Err(ImportError::WrongFormat { expected: "GPX" }));
        assert_eq!(parse(&format!("{HEAD}<trk><trkseg>")), Err(ImportError::Truncated));
        assert!(matches!(parse(&format!("{HEAD}<trk></trkseg></gpx>")), Err(ImportError::Xml { .. })));
    }

    #[test]
    fn point_limit_is_enforced() {
        let mut xml = format!("{HEAD}<trk><trkseg>");
        for _ in 0..11 {
            xml.push_str(r#"<trkpt lat="47" lon="8"><time>2024-01-01T10:00:00Z</time></trkpt>"#);
        }
        xml.push_str("</trkseg></trk></gpx>");
        let limits = Limits { max_track_points: 10, ..Limits::default() };
        assert_eq!(parse_gpx("a", xml.as_bytes(), &limits), Err(ImportError::TooManyPoints { limit: 10 }));
    }
}
