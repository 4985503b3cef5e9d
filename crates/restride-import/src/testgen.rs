//! Test-file generators (feature `test-support`): GPX, TCX and FIT files of a
//! synthetic run, Strava's activities.csv, and the zips of Strava and Garmin exports.
//! The FIT encoder is written from the protocol, independently of the decoder, so the
//! two check each other.

// Generated values (speeds, altitudes, semicircles) are small and rounded on purpose.
#![allow(clippy::cast_possible_truncation)]

use std::fmt::Write as _;
use std::io::Write as _;

use chrono::{DateTime, FixedOffset, SecondsFormat, TimeDelta, Utc};

use crate::crc::fit_crc;

const METRES_PER_DEG: f64 = 111_320.0;

/// A synthetic run: a loop around `centre`, at a steady pace, sampled every
/// `interval_s` seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackSpec {
    /// First point's time.
    pub start: DateTime<Utc>,
    /// Local offset: GPX/TCX times are written with it, FIT gets `local_timestamp`.
    pub offset: Option<FixedOffset>,
    /// Number of points.
    pub points: usize,
    /// Seconds between points.
    pub interval_s: u32,
    /// Pace in seconds per kilometre.
    pub pace_s_per_km: f64,
    /// Loop centre, degrees.
    pub centre: (f64, f64),
    /// Loop length in metres.
    pub loop_m: f64,
    /// Where on the loop the run starts, radians.
    pub phase: f64,
    /// GPS noise: each position is off by up to this many metres.
    pub noise_m: f64,
    /// Seed of the noise.
    pub seed: u64,
    /// Heart rate around this value (±5), if recorded.
    pub hr: Option<u16>,
    /// Cadence per foot, if recorded.
    pub cadence: Option<u16>,
    /// Altitude: base and amplitude of one hill per loop, if recorded.
    pub elevation: Option<(f64, f64)>,
    /// Pauses: after point `index`, `seconds` pass without moving instead of the next
    /// interval (a new GPX segment, a new TCX lap, FIT timer stop/start events).
    pub pauses: Vec<(usize, u32)>,
    /// Sport as the formats name it ("running", "cycling", "walking", "training"…).
    pub sport: String,
    /// Activity name (GPX `<name>`).
    pub name: Option<String>,
    /// FIT session field 193 (RPE × 10).
    pub rpe_x10: Option<u8>,
    /// FIT session field 192 (feel 0–100).
    pub feel: Option<u8>,
    /// FIT device serial number.
    pub serial: u32,
    /// Whether the FIT file has a session message (devices that crash don't write one).
    pub fit_session: bool,
}

impl Default for TrackSpec {
    fn default() -> Self {
        TrackSpec {
            start: DateTime::from_timestamp(1_710_266_400, 0).unwrap_or_default(),
            offset: None,
            points: 1800,
            interval_s: 1,
            pace_s_per_km: 300.0,
            centre: (47.3769, 8.5417),
            loop_m: 5_000.0,
            phase: 0.0,
            noise_m: 0.0,
            seed: 1,
            hr: Some(150),
            cadence: Some(85),
            elevation: Some((400.0, 10.0)),
            pauses: Vec::new(),
            sport: "running".to_owned(),
            name: Some("Evening Run".to_owned()),
            rpe_x10: None,
            feel: None,
            serial: 3_999_123_456,
            fit_session: true,
        }
    }
}

/// One generated point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    /// Time.
    pub time: DateTime<Utc>,
    /// Latitude, longitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Altitude in metres.
    pub ele: Option<f64>,
    /// Heart rate.
    pub hr: Option<u16>,
    /// Cadence per foot.
    pub cad: Option<u16>,
    /// Distance run so far, metres (without noise).
    pub dist: f64,
    /// Segment: increases after each pause.
    pub seg: u32,
}

impl TrackSpec {
    /// Speed in metres per second.
    pub fn speed(&self) -> f64 {
        1000.0 / self.pace_s_per_km
    }

    /// The points of the run.
    pub fn samples(&self) -> Vec<Sample> {
        let radius = self.loop_m / std::f64::consts::TAU;
        let cos_lat = self.centre.0.to_radians().cos();
        let mut state = self.seed;
        let mut samples = Vec::with_capacity(self.points);
        let mut time = self.start;
        let mut seg = 0;
        let mut moved = 0u32;
        for i in 0..self.points {
            let dist = f64::from(moved) * f64::from(self.interval_s) * self.speed();
            let angle = self.phase + dist / radius;
            let north = radius * angle.sin() + noise(&mut state, self.noise_m);
            let east = radius * angle.cos() + noise(&mut state, self.noise_m);
            samples.push(Sample {
                time,
                lat: self.centre.0 + north / METRES_PER_DEG,
                lon: self.centre.1 + east / (METRES_PER_DEG * cos_lat),
                ele: self.elevation.map(|(base, amp)| base + amp * (dist / radius).sin()),
                hr: self.hr.map(|hr| (hr + (i % 11) as u16).saturating_sub(5)),
                cad: self.cadence,
                dist,
                seg,
            });
            // A pause replaces the next interval: time passes, the runner stays put.
            if let Some((_, pause)) = self.pauses.iter().find(|(after, _)| *after == i) {
                time += TimeDelta::seconds(i64::from(*pause));
                seg += 1;
            } else {
                time += TimeDelta::seconds(i64::from(self.interval_s));
                moved = moved.saturating_add(1);
            }
        }
        samples
    }

    /// Pauses that fall between two points.
    fn inner_pauses(&self) -> impl Iterator<Item = u32> + '_ {
        self.pauses.iter().filter(|(after, _)| after + 1 < self.points).map(|(_, s)| *s)
    }

    /// Seconds in motion: the intervals between points that are not pauses.
    pub fn moving_s(&self) -> u32 {
        let intervals = self.points.saturating_sub(1).saturating_sub(self.inner_pauses().count());
        u32::try_from(intervals).unwrap_or(u32::MAX).saturating_mul(self.interval_s)
    }

    /// Seconds from first to last point.
    pub fn elapsed_s(&self) -> u32 {
        self.moving_s().saturating_add(self.inner_pauses().sum())
    }

    /// Metres run (without noise).
    pub fn distance_m(&self) -> f64 {
        f64::from(self.moving_s()) * self.speed()
    }
}

/// Uniform noise in ±`amplitude` from a splitmix64 state.
fn noise(state: &mut u64, amplitude: f64) -> f64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    ((z >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 2.0 * amplitude
}

fn iso(time: DateTime<Utc>, offset: Option<FixedOffset>) -> String {
    match offset {
        Some(offset) => time.with_timezone(&offset).to_rfc3339_opts(SecondsFormat::Secs, false),
        None => time.to_rfc3339_opts(SecondsFormat::Secs, true),
    }
}

/// A GPX 1.1 file with Garmin's TrackPointExtension (prefix `gpxtpx`).
pub fn gpx(spec: &TrackSpec) -> String {
    let samples = spec.samples();
    let mut out = String::with_capacity(200 + samples.len() * 260);
    out.push_str(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="restride testgen" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <metadata><time>"#,
    );
    out.push_str(&iso(spec.start, spec.offset));
    out.push_str("</time></metadata>\n <trk>\n");
    if let Some(name) = &spec.name {
        let _ = writeln!(out, "  <name>{}</name>", escape(name));
    }
    let _ = writeln!(out, "  <type>{}</type>\n  <trkseg>", escape(&spec.sport));
    let mut seg = 0;
    for s in &samples {
        if s.seg != seg {
            seg = s.seg;
            out.push_str("  </trkseg>\n  <trkseg>\n");
        }
        let _ = write!(out, r#"   <trkpt lat="{:.7}" lon="{:.7}">"#, s.lat, s.lon);
        if let Some(ele) = s.ele {
            let _ = write!(out, "<ele>{ele:.1}</ele>");
        }
        let _ = write!(out, "<time>{}</time>", iso(s.time, spec.offset));
        if s.hr.is_some() || s.cad.is_some() {
            out.push_str("<extensions><gpxtpx:TrackPointExtension>");
            if let Some(hr) = s.hr {
                let _ = write!(out, "<gpxtpx:hr>{hr}</gpxtpx:hr>");
            }
            if let Some(cad) = s.cad {
                let _ = write!(out, "<gpxtpx:cad>{cad}</gpxtpx:cad>");
            }
            out.push_str("</gpxtpx:TrackPointExtension></extensions>");
        }
        out.push_str("</trkpt>\n");
    }
    out.push_str("  </trkseg>\n </trk>\n</gpx>\n");
    out
}

/// A TCX file: one activity, one lap per stretch between pauses.
pub fn tcx(spec: &TrackSpec) -> String {
    let samples = spec.samples();
    let sport = match crate::Sport::from_name(&spec.sport) {
        crate::Sport::Run => "Running",
        crate::Sport::Ride => "Biking",
        _ => "Other",
    };
    let mut out = String::with_capacity(400 + samples.len() * 330);
    let _ = write!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
 <Activities>
  <Activity Sport="{sport}">
   <Id>{}</Id>
"#,
        iso(spec.start, spec.offset)
    );
    let mut rest = samples.as_slice();
    while let Some(first) = rest.first() {
        let len = rest.iter().position(|s| s.seg != first.seg).unwrap_or(rest.len());
        let (lap, tail) = rest.split_at(len);
        rest = tail;
        let last = lap.last().unwrap_or(first);
        let hrs: Vec<u16> = lap.iter().filter_map(|s| s.hr).collect();
        let _ = write!(
            out,
            "   <Lap StartTime=\"{}\">\n    <TotalTimeSeconds>{}</TotalTimeSeconds>\n    <DistanceMeters>{:.1}</DistanceMeters>\n",
            iso(first.time, spec.offset),
            (last.time - first.time).num_seconds(),
            last.dist - first.dist
        );
        if !hrs.is_empty() {
            let avg = hrs.iter().map(|&h| u32::from(h)).sum::<u32>() / u32::try_from(hrs.len()).unwrap_or(1);
            let max = hrs.iter().max().copied().unwrap_or_default();
            let _ = write!(
                out,
                "    <AverageHeartRateBpm><Value>{avg}</Value></AverageHeartRateBpm>\n    <MaximumHeartRateBpm><Value>{max}</Value></MaximumHeartRateBpm>\n"
            );
        }
        out.push_str(
            "    <Intensity>Active</Intensity>\n    <TriggerMethod>Manual</TriggerMethod>\n    <Track>\n",
        );
        for s in lap {
            let _ = write!(
                out,
                "     <Trackpoint><Time>{}</Time><Position><LatitudeDegrees>{:.7}</LatitudeDegrees><LongitudeDegrees>{:.7}</LongitudeDegrees></Position>",
                iso(s.time, spec.offset),
                s.lat,
                s.lon
            );
            if let Some(ele) = s.ele {
                let _ = write!(out, "<AltitudeMeters>{ele:.1}</AltitudeMeters>");
            }
            let _ = write!(out, "<DistanceMeters>{:.1}</DistanceMeters>", s.dist);
            if let Some(hr) = s.hr {
                let _ = write!(out, "<HeartRateBpm><Value>{hr}</Value></HeartRateBpm>");
            }
            if let Some(cad) = s.cad {
                let _ = write!(
                    out,
                    "<Extensions><ns3:TPX><ns3:RunCadence>{cad}</ns3:RunCadence></ns3:TPX></Extensions>"
                );
            }
            out.push_str("</Trackpoint>\n");
        }
        out.push_str("    </Track>\n   </Lap>\n");
    }
    out.push_str("  </Activity>\n </Activities>\n</TrainingCenterDatabase>\n");
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

// FIT base types.
const ENUM: u8 = 0x00;
const UINT8: u8 = 0x02;
const UINT16: u8 = 0x84;
const SINT32: u8 = 0x85;
const UINT32: u8 = 0x86;
const UINT32Z: u8 = 0x8C;
const FIT_EPOCH: i64 = 631_065_600;

/// FIT data records being written.
struct FitWriter {
    data: Vec<u8>,
}

impl FitWriter {
    /// A definition message: local number, global message number, (field, size, base type).
    fn define(&mut self, local: u8, global: u16, fields: &[(u8, u8, u8)]) {
        self.data.push(0x40 | (local & 0x0F));
        self.data.push(0); // reserved
        self.data.push(0); // little-endian
        self.data.extend_from_slice(&global.to_le_bytes());
        self.data.push(u8::try_from(fields.len()).unwrap_or(u8::MAX));
        for &(num, size, base) in fields {
            self.data.extend_from_slice(&[num, size, base]);
        }
    }

    fn message(&mut self, local: u8, values: &[u8]) {
        self.data.push(local & 0x0F);
        self.data.extend_from_slice(values);
    }

    /// A compressed-timestamp data message (local 0–3; time offset in 5 bits).
    fn compressed(&mut self, local: u8, time: u32, values: &[u8]) {
        let time_bits = u8::try_from(time & 0x1F).unwrap_or(0);
        self.data.push(0x80 | ((local & 0x03) << 5) | time_bits);
        self.data.extend_from_slice(values);
    }
}

fn fit_time(time: DateTime<Utc>) -> u32 {
    u32::try_from(time.timestamp() - FIT_EPOCH).unwrap_or(0)
}

/// Bytes of several values, concatenated.
fn le(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// FIT's sport and sub-sport numbers for a name.
fn fit_sport(name: &str) -> (u8, u8) {
    match name {
        "running" => (1, 0),
        "trail" => (1, 3),
        "treadmill" => (1, 1),
        "cycling" => (2, 0),
        "swimming" => (5, 0),
        "walking" => (11, 0),
        "hiking" => (17, 0),
        "strength" => (10, 20),
        "tennis" => (8, 0),
        _ => (0, 0),
    }
}

/// A FIT activity file: file_id, timer events (pauses), records (every tenth with a
/// full timestamp, the others with compressed timestamp headers), one lap, a session
/// (with fields 192/193 when set, unless `fit_session` is false) and the activity
/// message with `local_timestamp`. 14-byte header with CRC, file CRC at the end.
pub fn fit(spec: &TrackSpec) -> Vec<u8> {
    let samples = spec.samples();
    let start = fit_time(spec.start);
    let mut w = FitWriter { data: Vec::with_capacity(200 + samples.len() * 22) };

    w.define(0, 0, &[(0, 1, ENUM), (1, 2, UINT16), (2, 2, UINT16), (3, 4, UINT32Z), (4, 4, UINT32)]);
    w.message(
        0,
        &le(&[
            &[4],
            &1u16.to_le_bytes(),
            &1u16.to_le_bytes(),
            &spec.serial.to_le_bytes(),
            &start.to_le_bytes(),
        ]),
    );
    // Event: timestamp, event (0 = timer), event_type (0 start, 4 stop_all).
    w.define(1, 21, &[(253, 4, UINT32), (0, 1, ENUM), (1, 1, ENUM)]);
    w.message(1, &le(&[&start.to_le_bytes(), &[0, 0]]));
    let record_fields: [(u8, u8, u8); 7] = [
        (0, 4, SINT32),
        (1, 4, SINT32),
        (2, 2, UINT16),
        (3, 1, UINT8),
        (4, 1, UINT8),
        (5, 4, UINT32),
        (6, 2, UINT16),
    ];
    let mut full = vec![(253, 4, UINT32)];
    full.extend_from_slice(&record_fields);
    w.define(2, 20, &full);
    w.define(3, 20, &record_fields);

    let speed = (spec.speed() * 1000.0).round() as u16;
    let mut last_full: Option<u32> = None;
    let mut previous_seg = 0;
    for (i, s) in samples.iter().enumerate() {
        let t = fit_time(s.time);
        if s.seg != previous_seg {
            previous_seg = s.seg;
            // The pause: stop at the previous point's time, start at this one's.
            let stopped = samples.get(i.wrapping_sub(1)).map_or(t, |p| fit_time(p.time));
            w.message(1, &le(&[&stopped.to_le_bytes(), &[0, 4]]));
            w.message(1, &le(&[&t.to_le_bytes(), &[0, 0]]));
            last_full = Some(t);
        }
        let semis = |deg: f64| ((deg / 180.0 * 2_147_483_648.0).round() as i32).to_le_bytes();
        let alt = s.ele.map_or(u16::MAX, |e| ((e + 500.0) * 5.0).round() as u16);
        let values = le(&[
            &semis(s.lat),
            &semis(s.lon),
            &alt.to_le_bytes(),
            &[s.hr.map_or(u8::MAX, |h| u8::try_from(h).unwrap_or(u8::MAX))],
            &[s.cad.map_or(u8::MAX, |c| u8::try_from(c).unwrap_or(u8::MAX))],
            &((s.dist * 100.0).round() as u32).to_le_bytes(),
            &speed.to_le_bytes(),
        ]);
        match last_full {
            Some(base) if i % 10 != 0 && t.wrapping_sub(base) < 32 => w.compressed(3, t, &values),
            _ => {
                w.message(2, &le(&[&t.to_le_bytes(), &values]));
                last_full = Some(t);
            }
        }
    }
    let end = samples.last().map_or(start, |s| fit_time(s.time));
    w.message(1, &le(&[&end.to_le_bytes(), &[0, 4]]));

    let elapsed_ms = spec.elapsed_s().saturating_mul(1000);
    let timer_ms = spec.moving_s().saturating_mul(1000);
    let distance_cm = (spec.distance_m() * 100.0).round() as u32;
    // Lap: timestamp, start_time, total_elapsed_time, total_timer_time, total_distance.
    w.define(4, 19, &[(253, 4, UINT32), (2, 4, UINT32), (7, 4, UINT32), (8, 4, UINT32), (9, 4, UINT32)]);
    w.message(
        4,
        &le(&[
            &end.to_le_bytes(),
            &start.to_le_bytes(),
            &elapsed_ms.to_le_bytes(),
            &timer_ms.to_le_bytes(),
            &distance_cm.to_le_bytes(),
        ]),
    );
    if spec.fit_session {
        let (sport, sub_sport) = fit_sport(&spec.sport);
        let hrs: Vec<u16> = samples.iter().filter_map(|s| s.hr).collect();
        let avg_hr = if hrs.is_empty() {
            u8::MAX
        } else {
            u8::try_from(
                hrs.iter().map(|&h| u32::from(h)).sum::<u32>() / u32::try_from(hrs.len()).unwrap_or(1),
            )
            .unwrap_or(u8::MAX)
        };
        let max_hr = hrs.iter().max().map_or(u8::MAX, |&h| u8::try_from(h).unwrap_or(u8::MAX));
        let ascent = spec.elevation.map_or(u16::MAX, |(_, amp)| {
            let loops = spec.distance_m() / spec.loop_m;
            (2.0 * amp * loops.ceil()).round() as u16
        });
        w.define(
            5,
            18,
            &[
                (253, 4, UINT32),
                (2, 4, UINT32),
                (5, 1, ENUM),
                (6, 1, ENUM),
                (7, 4, UINT32),
                (8, 4, UINT32),
                (9, 4, UINT32),
                (16, 1, UINT8),
                (17, 1, UINT8),
                (18, 1, UINT8),
                (22, 2, UINT16),
                (192, 1, UINT8),
                (193, 1, UINT8),
            ],
        );
        w.message(
            5,
            &le(&[
                &end.to_le_bytes(),
                &start.to_le_bytes(),
                &[sport, sub_sport],
                &elapsed_ms.to_le_bytes(),
                &timer_ms.to_le_bytes(),
                &distance_cm.to_le_bytes(),
                &[avg_hr, max_hr, spec.cadence.map_or(u8::MAX, |c| u8::try_from(c).unwrap_or(u8::MAX))],
                &ascent.to_le_bytes(),
                &[spec.feel.unwrap_or(u8::MAX), spec.rpe_x10.unwrap_or(u8::MAX)],
            ]),
        );
    }
    // Activity: timestamp, total_timer_time, num_sessions, type, event, event_type, local_timestamp.
    let local = spec.offset.map_or(u32::MAX, |o| end.wrapping_add_signed(o.local_minus_utc()));
    w.define(
        6,
        34,
        &[
            (253, 4, UINT32),
            (0, 4, UINT32),
            (1, 2, UINT16),
            (2, 1, ENUM),
            (3, 1, ENUM),
            (4, 1, ENUM),
            (5, 4, UINT32),
        ],
    );
    w.message(
        6,
        &le(&[
            &end.to_le_bytes(),
            &timer_ms.to_le_bytes(),
            &1u16.to_le_bytes(),
            &[0, 26, 1],
            &local.to_le_bytes(),
        ]),
    );

    fit_file(&w.data)
}

/// Wraps FIT data records in a 14-byte header (with its CRC) and the file CRC.
pub fn fit_file(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 16);
    out.extend_from_slice(&[14, 0x20]);
    out.extend_from_slice(&2132u16.to_le_bytes());
    out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(b".FIT");
    let header_crc = fit_crc(0, &out);
    out.extend_from_slice(&header_crc.to_le_bytes());
    out.extend_from_slice(data);
    // With a 14-byte header the file CRC covers the data records only.
    out.extend_from_slice(&fit_crc(0, data).to_le_bytes());
    out
}

/// How activities.csv writes "Activity Date".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `Mar 12, 2024, 6:00:00 PM` (English, US).
    Us,
    /// `12 Mar 2024, 18:00:00` (English, UK).
    Uk,
    /// `2024-03-12 18:00:00`.
    Iso,
}

/// One row of activities.csv.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvRow {
    /// Strava activity ID.
    pub id: u64,
    /// Start (UTC).
    pub start: DateTime<Utc>,
    /// Activity Name.
    pub name: String,
    /// Activity Type ("Run", "Ride"…).
    pub sport: String,
    /// Elapsed Time, seconds.
    pub elapsed_s: u32,
    /// Moving Time, seconds.
    pub moving_s: u32,
    /// Distance, metres (the display column gets kilometres).
    pub distance_m: f64,
    /// Elevation Gain, metres.
    pub elevation_gain_m: Option<f64>,
    /// Average and Max Heart Rate.
    pub hr: Option<(u16, u16)>,
    /// Perceived Exertion 1–10.
    pub rpe: Option<u8>,
    /// Filename ("activities/123.fit.gz"), empty for manual activities.
    pub filename: Option<String>,
}

impl CsvRow {
    /// The row Strava would write for a run generated from `spec`.
    pub fn for_spec(id: u64, spec: &TrackSpec, filename: Option<&str>) -> CsvRow {
        CsvRow {
            id,
            start: spec.start,
            name: spec.name.clone().unwrap_or_else(|| "Run".to_owned()),
            sport: "Run".to_owned(),
            elapsed_s: spec.elapsed_s(),
            moving_s: spec.moving_s(),
            distance_m: spec.distance_m(),
            elevation_gain_m: spec.elevation.map(|(_, amp)| 2.0 * amp),
            hr: spec.hr.map(|hr| (hr, hr + 5)),
            rpe: None,
            filename: filename.map(str::to_owned),
        }
    }
}

/// Strava's activities.csv, with its repeated "Elapsed Time", "Distance" and "Max
/// Heart Rate" columns and dates in `style`.
pub fn strava_csv(rows: &[CsvRow], style: DateStyle) -> String {
    let mut out = String::from(
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Max Heart Rate,Average Heart Rate,Perceived Exertion\n",
    );
    for row in rows {
        let date = match style {
            DateStyle::Us => row.start.format("%b %-d, %Y, %-I:%M:%S %p").to_string(),
            DateStyle::Uk => row.start.format("%-d %b %Y, %H:%M:%S").to_string(),
            DateStyle::Iso => row.start.format("%Y-%m-%d %H:%M:%S").to_string(),
        };
        let opt = |v: Option<String>| v.unwrap_or_default();
        let _ = writeln!(
            out,
            "{},\"{}\",\"{}\",{},,{},\"{:.2}\",{},,false,,,{},,,{}.0,{}.0,{:.1},,,{},,{},{},{}",
            row.id,
            date,
            row.name.replace('"', "\"\""),
            row.sport,
            row.elapsed_s,
            row.distance_m / 1000.0,
            opt(row.hr.map(|(_, max)| max.to_string())),
            opt(row.filename.clone()),
            row.elapsed_s,
            row.moving_s,
            row.distance_m,
            opt(row.elevation_gain_m.map(|e| format!("{e:.1}"))),
            opt(row.hr.map(|(_, max)| format!("{max}.0"))),
            opt(row.hr.map(|(avg, _)| format!("{avg}.0"))),
            opt(row.rpe.map(|r| format!("{r}.0"))),
        );
    }
    out
}

/// A zip of `entries` (path, bytes), deflated.
pub fn zip(entries: &[(&str, &[u8])]) -> std::io::Result<Vec<u8>> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (path, bytes) in entries {
        writer.start_file(*path, options)?;
        writer.write_all(bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}

/// `bytes` gzipped.
pub fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// A Strava bulk export: activities.csv, the activity files under `activities/`
/// (paths as given, e.g. "activities/1.fit.gz", already gzipped if so named), and a
/// photo and another CSV that are not activities.
pub fn strava_export(csv: &str, files: &[(String, Vec<u8>)]) -> std::io::Result<Vec<u8>> {
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("activities.csv", csv.as_bytes()),
        ("profile.csv", b"Athlete ID,Email\n1,a@b.c\n"),
        ("media/photo.jpg", b"\xff\xd8\xff\xe0 not really a jpeg"),
    ];
    entries.extend(files.iter().map(|(path, bytes)| (path.as_str(), bytes.as_slice())));
    zip(&entries)
}

/// A Garmin account export: FIT files inside
/// `DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip`, next to JSON.
pub fn garmin_export(fits: &[Vec<u8>]) -> std::io::Result<Vec<u8>> {
    let names: Vec<String> = (0..fits.len()).map(|i| format!("user_{}.fit", 1000 + i)).collect();
    let inner_entries: Vec<(&str, &[u8])> =
        names.iter().map(String::as_str).zip(fits.iter().map(Vec::as_slice)).collect();
    let inner = zip(&inner_entries)?;
    zip(&[
        ("DI_CONNECT/DI-Connect-User/user_profile.json", b"{\"userName\":\"runner\"}"),
        ("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", &inner),
    ])
}

/// A zip whose one GPX-named entry unpacks from a few KiB to `unpacked` bytes of spaces.
pub fn zip_bomb(unpacked: usize) -> std::io::Result<Vec<u8>> {
    zip(&[("activities/bomb.gpx", &vec![b' '; unpacked])])
}
