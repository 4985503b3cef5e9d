//! Test-file generators (feature `test-support`): GPX, TCX and FIT files of a
//! synthetic run, Strava's activities.csv, and the zips of Strava and Garmin exports.
//! The FIT encoder is written from the protocol, independently of the decoder, so the
//! two check each other.

// Generated values (speeds, altitudes, semicircles) are small and rounded on purpose.
#![allow(clippy::cast_possible_truncation)]

use std::fmt::Write as _;
use std::io::Write as _;

use chrono::{DateTime, Datelike, FixedOffset, Offset, SecondsFormat, TimeDelta, Utc};

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
    /// Sessions the FIT file splits the points into (a multisport file has several).
    pub fit_sessions: usize,
    /// FIT `file_id` type: 4 is an activity; 2 settings, 5 a workout, 6 a course…
    pub fit_file_type: u8,
    /// Write the 14-byte header's CRC as 0x0000 ("not computed"), the file CRC then
    /// covering header and data, as Garmin units of 2011–2015 did.
    pub fit_header_crc_zero: bool,
    /// Records carry a developer field (a power meter app's, as Connect IQ writes it).
    pub fit_developer_fields: bool,
    /// Most records use compressed timestamp headers, as many devices write them
    /// (Garmin's JavaScript SDK cannot read those; fitdecode can).
    pub fit_compressed_timestamps: bool,
    /// In the GPX, only every n-th point has a `<time>` (1: all; the first always has
    /// one), as some apps write tracks merged from timed and drawn parts.
    pub gpx_time_every: usize,
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
            fit_sessions: 1,
            fit_file_type: 4,
            fit_header_crc_zero: false,
            fit_developer_fields: false,
            fit_compressed_timestamps: true,
            gpx_time_every: 1,
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
    for (i, s) in samples.iter().enumerate() {
        if s.seg != seg {
            seg = s.seg;
            out.push_str("  </trkseg>\n  <trkseg>\n");
        }
        let _ = write!(out, r#"   <trkpt lat="{:.7}" lon="{:.7}">"#, s.lat, s.lon);
        if let Some(ele) = s.ele {
            let _ = write!(out, "<ele>{ele:.1}</ele>");
        }
        if i % spec.gpx_time_every.max(1) == 0 {
            let _ = write!(out, "<time>{}</time>", iso(s.time, spec.offset));
        }
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
        self.define_with_developer(local, global, fields, &[]);
    }

    /// A definition with developer fields (field number, size, developer data index).
    fn define_with_developer(
        &mut self,
        local: u8,
        global: u16,
        fields: &[(u8, u8, u8)],
        developer: &[(u8, u8, u8)],
    ) {
        let flag = if developer.is_empty() { 0 } else { 0x20 };
        self.data.push(0x40 | flag | (local & 0x0F));
        self.data.push(0); // reserved
        self.data.push(0); // little-endian
        self.data.extend_from_slice(&global.to_le_bytes());
        self.data.push(u8::try_from(fields.len()).unwrap_or(u8::MAX));
        for &(num, size, base) in fields {
            self.data.extend_from_slice(&[num, size, base]);
        }
        if !developer.is_empty() {
            self.data.push(u8::try_from(developer.len()).unwrap_or(u8::MAX));
            for &(num, size, index) in developer {
                self.data.extend_from_slice(&[num, size, index]);
            }
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
            &[spec.fit_file_type],
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
    let developer: &[(u8, u8, u8)] = if spec.fit_developer_fields {
        // developer_data_id (207): developer_data_index 0; field_description (206):
        // field 0 of developer 0 is a uint16 "Power" in watts.
        w.define(9, 207, &[(1, 16, 0x0D), (3, 1, UINT8)]);
        w.message(9, &le(&[&[0xA5; 16], &[0]]));
        w.define(10, 206, &[(0, 1, UINT8), (1, 1, UINT8), (2, 1, UINT8), (3, 6, 0x07), (8, 6, 0x07)]);
        w.message(10, &le(&[&[0, 0, UINT16], b"Power\0", b"Watts\0"]));
        &[(0, 2, 0)]
    } else {
        &[]
    };
    w.define_with_developer(2, 20, &full, developer);
    w.define_with_developer(3, 20, &record_fields, developer);

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
        let power: &[u8] = if spec.fit_developer_fields { &[0x2C, 0x01] } else { &[] };
        let values = le(&[
            &semis(s.lat),
            &semis(s.lon),
            &alt.to_le_bytes(),
            &[s.hr.map_or(u8::MAX, |h| u8::try_from(h).unwrap_or(u8::MAX))],
            &[s.cad.map_or(u8::MAX, |c| u8::try_from(c).unwrap_or(u8::MAX))],
            &((s.dist * 100.0).round() as u32).to_le_bytes(),
            &speed.to_le_bytes(),
            power,
        ]);
        match last_full {
            Some(base) if spec.fit_compressed_timestamps && i % 10 != 0 && t.wrapping_sub(base) < 32 => {
                w.compressed(3, t, &values)
            }
            _ => {
                w.message(2, &le(&[&t.to_le_bytes(), &values]));
                last_full = Some(t);
            }
        }
    }
    let end = samples.last().map_or(start, |s| fit_time(s.time));
    w.message(1, &le(&[&end.to_le_bytes(), &[0, 4]]));

    // One lap and one session per part of the points (one part unless
    // `fit_sessions` asks for more, as a multisport file has).
    let parts = spec.fit_sessions.clamp(1, samples.len().max(1));
    let per_part = samples.len().div_ceil(parts).max(1);
    // Lap: timestamp, start_time, total_elapsed_time, total_timer_time, total_distance.
    w.define(4, 19, &[(253, 4, UINT32), (2, 4, UINT32), (7, 4, UINT32), (8, 4, UINT32), (9, 4, UINT32)]);
    if spec.fit_session {
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
    }
    let mut timer_total = 0u32;
    for part in samples.chunks(per_part) {
        let (Some(first), Some(last)) = (part.first(), part.last()) else { continue };
        let moved = part.windows(2).filter(|pair| pair[0].seg == pair[1].seg).count();
        let timer_ms =
            u32::try_from(moved).unwrap_or(u32::MAX).saturating_mul(spec.interval_s).saturating_mul(1000);
        timer_total = timer_total.saturating_add(timer_ms);
        let elapsed_ms = u32::try_from((last.time - first.time).num_milliseconds()).unwrap_or(0);
        let distance_cm = ((last.dist - first.dist) * 100.0).round() as u32;
        let (part_start, part_end) = (fit_time(first.time), fit_time(last.time));
        w.message(
            4,
            &le(&[
                &part_end.to_le_bytes(),
                &part_start.to_le_bytes(),
                &elapsed_ms.to_le_bytes(),
                &timer_ms.to_le_bytes(),
                &distance_cm.to_le_bytes(),
            ]),
        );
        if !spec.fit_session {
            continue;
        }
        let (sport, sub_sport) = fit_sport(&spec.sport);
        let hrs: Vec<u16> = part.iter().filter_map(|s| s.hr).collect();
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
            let loops = (last.dist - first.dist) / spec.loop_m;
            (2.0 * amp * loops.ceil()).round() as u16
        });
        w.message(
            5,
            &le(&[
                &part_end.to_le_bytes(),
                &part_start.to_le_bytes(),
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
    let timer_ms = timer_total;
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
            &u16::try_from(parts).unwrap_or(1).to_le_bytes(),
            &[0, 26, 1],
            &local.to_le_bytes(),
        ]),
    );

    if spec.fit_header_crc_zero { fit_file_unchecked_header(&w.data) } else { fit_file(&w.data) }
}

/// Wraps FIT data records in a 14-byte header (with its CRC) and the file CRC.
pub fn fit_file(data: &[u8]) -> Vec<u8> {
    fit_file_with(data, true)
}

/// Like [`fit_file`], with the header CRC written as 0x0000, "not computed".
pub fn fit_file_unchecked_header(data: &[u8]) -> Vec<u8> {
    fit_file_with(data, false)
}

fn fit_file_with(data: &[u8], header_crc: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 16);
    out.extend_from_slice(&[14, 0x20]);
    out.extend_from_slice(&2132u16.to_le_bytes());
    out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(b".FIT");
    let crc = if header_crc { fit_crc(0, &out) } else { 0 };
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(data);
    // The file CRC covers header and data (the FIT SDK's rule); after a correct
    // header CRC that is the data's CRC alone.
    let file_crc = fit_crc(0, &out);
    out.extend_from_slice(&file_crc.to_le_bytes());
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
    /// `12.03.2024, 18:00:00` (German).
    German,
    /// `12 mars 2024, 18:00:00`, `1 juil. 2026, 03:45:40` (French).
    French,
    /// `12 mars 2024 à 18:00:00` (French, as an older French reader splits it).
    FrenchA,
    /// `12 mrt 2024, 18:00:00`, `4 jan 2026, 09:28:00` (Dutch).
    Dutch,
}

impl DateStyle {
    /// "Activity Date" for `start` in this style.
    pub fn format(self, start: DateTime<Utc>) -> String {
        // Month names as the sources in `strava.rs` show them, written here
        // independently of the reader's table.
        const FRENCH: [&str; 12] = [
            "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
        ];
        const DUTCH: [&str; 12] =
            ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
        let month = |names: &[&'static str; 12]| -> &'static str {
            let index = usize::try_from(start.month0()).unwrap_or_default();
            names.get(index).copied().unwrap_or_default()
        };
        let (day, year, time) = (start.day(), start.year(), start.format("%H:%M:%S"));
        match self {
            DateStyle::Us => start.format("%b %-d, %Y, %-I:%M:%S %p").to_string(),
            DateStyle::Uk => start.format("%-d %b %Y, %H:%M:%S").to_string(),
            DateStyle::Iso => start.format("%Y-%m-%d %H:%M:%S").to_string(),
            DateStyle::German => start.format("%d.%m.%Y, %H:%M:%S").to_string(),
            DateStyle::French => format!("{day} {} {year}, {time}", month(&FRENCH)),
            DateStyle::FrenchA => format!("{day} {} {year} à {time}", month(&FRENCH)),
            DateStyle::Dutch => format!("{day} {} {year}, {time}", month(&DUTCH)),
        }
    }
}

/// The language of activities.csv's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvLanguage {
    /// Strava's default.
    English,
    /// German, with the header names seen in real German exports.
    German,
    /// French, with the header names real French exports' readers use.
    French,
    /// Dutch, likewise.
    Dutch,
}

impl CsvLanguage {
    /// Every language [`strava_csv_in`] writes.
    pub const ALL: [CsvLanguage; 4] =
        [CsvLanguage::English, CsvLanguage::German, CsvLanguage::French, CsvLanguage::Dutch];

    /// The date style this language's exports use.
    pub fn date_style(self) -> DateStyle {
        match self {
            CsvLanguage::English => DateStyle::Us,
            CsvLanguage::German => DateStyle::German,
            CsvLanguage::French => DateStyle::French,
            CsvLanguage::Dutch => DateStyle::Dutch,
        }
    }

    /// Strava's "Activity Type" in this language, for the types whose
    /// translation a real export shows (others are written as given).
    fn sport(self, english: &str) -> &str {
        match (self, english) {
            (CsvLanguage::German, "Run") => "Lauf",
            (CsvLanguage::German, "Ride") => "Radfahrt",
            (CsvLanguage::French, "Run") => "Course à pied",
            (CsvLanguage::French, "Ride") => "Vélo",
            (CsvLanguage::French, "Walk") => "Marche",
            (CsvLanguage::Dutch, "Run") => "Hardloopsessie",
            (CsvLanguage::Dutch, "Ride") => "Fietsrit",
            (CsvLanguage::Dutch, "Walk") => "Wandeling",
            _ => english,
        }
    }
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

/// The columns [`strava_csv`] writes, in order: English name, then German, French
/// and Dutch (the sources are listed in `strava.rs`). A name not seen in a real
/// export of that language is `None` and written as a visible placeholder
/// ("Column 5"), never as a guessed translation.
const CSV_COLUMNS: [(&str, [Option<&str>; 3]); 25] = [
    ("Activity ID", [Some("Aktivitäts-ID"), Some("ID de l'activité"), Some("Activiteits-ID")]),
    ("Activity Date", [Some("Aktivitätsdatum"), Some("Date de l'activité"), Some("Datum van activiteit")]),
    ("Activity Name", [Some("Name der Aktivität"), Some("Nom de l'activité"), Some("Naam activiteit")]),
    ("Activity Type", [Some("Aktivitätsart"), Some("Type d'activité"), Some("Activiteitstype")]),
    ("Activity Description", [Some("Aktivitätsbeschreibung"), None, Some("Beschrijving van activiteit")]),
    ("Elapsed Time", [Some("Verstrichene Zeit"), Some("Temps écoulé"), Some("Verstreken tijd")]),
    ("Distance", [Some("Distanz"), Some("Distance"), Some("Afstand")]),
    ("Max Heart Rate", [Some("Max. Herzfrequenz"), Some("Fréquence cardiaque max."), Some("Max. hartslag")]),
    ("Relative Effort", [Some("Relative Leistung"), Some("Effort relatif"), None]),
    ("Commute", [Some("Pendeln"), None, None]),
    ("Activity Private Note", [Some("Hinweis zur Privatsphäre für Aktivitäten"), None, None]),
    (
        "Activity Gear",
        [
            Some("Aktivitätsausrüstung"),
            Some("Matériel utilisé pour l'activité"),
            Some("Uitrusting voor activiteit"),
        ],
    ),
    ("Filename", [Some("Dateiname"), Some("Nom du fichier"), Some("Bestandsnaam")]),
    ("Athlete Weight", [Some("Sportlergewicht"), None, None]),
    ("Bike Weight", [Some("Fahrradgewicht"), None, None]),
    ("Elapsed Time", [Some("Verstrichene Zeit"), Some("Temps écoulé"), Some("Verstreken tijd")]),
    ("Moving Time", [Some("Bewegungszeit"), Some("Durée de déplacement"), Some("Beweegtijd")]),
    ("Distance", [Some("Distanz"), Some("Distance"), Some("Afstand")]),
    ("Max Speed", [Some("Höchstgeschw."), Some("Vitesse max."), Some("Max. snelheid")]),
    (
        "Average Speed",
        [Some("Durchschnittliche Geschwindigkeit"), Some("Vitesse moyenne"), Some("Gemiddelde snelheid")],
    ),
    ("Elevation Gain", [Some("Höhenzunahme"), Some("Dénivelé positif"), Some("Totale stijging")]),
    ("Elevation Loss", [Some("Höhenunterschied"), None, None]),
    ("Max Heart Rate", [Some("Max. Herzfrequenz"), Some("Fréquence cardiaque max."), Some("Max. hartslag")]),
    (
        "Average Heart Rate",
        [
            Some("Durchschnittliche Herzfrequenz"),
            Some("Fréquence cardiaque moyenne"),
            Some("Gemiddelde hartslag"),
        ],
    ),
    ("Perceived Exertion", [Some("Gefühlte Anstrengung"), None, Some("Ervaren inspanning")]),
];

/// Strava's activities.csv, with its repeated "Elapsed Time", "Distance" and "Max
/// Heart Rate" columns and dates in `style`.
pub fn strava_csv(rows: &[CsvRow], style: DateStyle) -> String {
    strava_csv_in(rows, style, CsvLanguage::English, CSV_COLUMNS.len())
}

/// activities.csv with its header in `language`, padded with empty columns to
/// `columns` (Strava's export grew from 87 columns to 101 over the years; the
/// padding stands for the columns Restride doesn't read).
pub fn strava_csv_in(rows: &[CsvRow], style: DateStyle, language: CsvLanguage, columns: usize) -> String {
    let mut names: Vec<String> = CSV_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, (english, [german, french, dutch]))| {
            let name = match language {
                CsvLanguage::English => Some(*english),
                CsvLanguage::German => *german,
                CsvLanguage::French => *french,
                CsvLanguage::Dutch => *dutch,
            };
            name.map_or_else(|| format!("Column {}", i + 1), str::to_owned)
        })
        .collect();
    let padding = columns.saturating_sub(names.len());
    names.extend((0..padding).map(|i| format!("Column {}", CSV_COLUMNS.len() + i + 1)));
    let mut out = names.iter().map(|n| csv_field(n)).collect::<Vec<_>>().join(",");
    out.push('\n');
    let pad = ",".repeat(padding);
    for row in rows {
        let opt = |v: Option<String>| v.unwrap_or_default();
        let display_distance = format!("{:.2}", row.distance_m / 1000.0);
        let display_distance = match language {
            // German and Dutch exports write the display distance with a decimal
            // comma ("9,44", "37,97" in the sources).
            CsvLanguage::German | CsvLanguage::Dutch => display_distance.replace('.', ","),
            CsvLanguage::English | CsvLanguage::French => display_distance,
        };
        let _ = writeln!(
            out,
            "{},\"{}\",\"{}\",{},,{},\"{}\",{},,false,,,{},,,{}.0,{}.0,{:.1},,,{},,{},{},{}{}",
            row.id,
            style.format(row.start),
            row.name.replace('"', "\"\""),
            csv_field(language.sport(&row.sport)),
            row.elapsed_s,
            display_distance,
            opt(row.hr.map(|(_, max)| max.to_string())),
            opt(row.filename.clone()),
            row.elapsed_s,
            row.moving_s,
            row.distance_m,
            opt(row.elevation_gain_m.map(|e| format!("{e:.1}"))),
            opt(row.hr.map(|(_, max)| format!("{max}.0"))),
            opt(row.hr.map(|(avg, _)| format!("{avg}.0"))),
            opt(row.rpe.map(|r| format!("{r}.0"))),
            pad,
        );
    }
    out
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
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
    garmin_export_with_summaries(fits, None)
}

/// A Garmin account export, with `summaries` (see [`garmin_summaries`]) as
/// `DI_CONNECT/DI-Connect-Fitness/runner@example.com_0_summarizedActivities.json`.
pub fn garmin_export_with_summaries(fits: &[Vec<u8>], summaries: Option<&str>) -> std::io::Result<Vec<u8>> {
    let names: Vec<String> = (0..fits.len()).map(|i| format!("user_{}.fit", 1000 + i)).collect();
    let inner_entries: Vec<(&str, &[u8])> =
        names.iter().map(String::as_str).zip(fits.iter().map(Vec::as_slice)).collect();
    let inner = zip(&inner_entries)?;
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("DI_CONNECT/DI-Connect-User/user_profile.json", b"{\"userName\":\"runner\"}"),
        ("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", &inner),
    ];
    if let Some(json) = summaries {
        entries.push((
            "DI_CONNECT/DI-Connect-Fitness/runner@example.com_0_summarizedActivities.json",
            json.as_bytes(),
        ));
    }
    zip(&entries)
}

/// One activity of Garmin's summarizedActivities.json.
#[derive(Debug, Clone, PartialEq)]
pub struct GarminSummary {
    /// Garmin's activity ID.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// Type key ("running", "strength_training"…).
    pub type_key: String,
    /// Start (UTC) and the local offset.
    pub start: DateTime<Utc>,
    /// Local offset, seconds east.
    pub offset_s: i32,
    /// Timer time, seconds.
    pub duration_s: u32,
    /// Metres.
    pub distance_m: Option<f64>,
    /// Average and max heart rate.
    pub hr: Option<(u16, u16)>,
    /// RPE 1–10 (written × 10).
    pub rpe: Option<u8>,
}

impl GarminSummary {
    /// The summary Garmin keeps of a run generated from `spec`.
    pub fn for_spec(id: u64, spec: &TrackSpec) -> GarminSummary {
        GarminSummary {
            id,
            name: spec.name.clone().unwrap_or_else(|| "Run".to_owned()),
            type_key: "running".to_owned(),
            start: spec.start,
            offset_s: spec.offset.map_or(0, |o| o.local_minus_utc()),
            duration_s: spec.moving_s(),
            distance_m: Some(spec.distance_m()),
            hr: spec.hr.map(|hr| (hr, hr + 5)),
            rpe: None,
        }
    }
}

/// Garmin's `[{"summarizedActivitiesExport": [...]}]`, in its units (ms, cm), with
/// fields Restride does not read, as the real file has.
pub fn garmin_summaries(activities: &[GarminSummary]) -> String {
    let items: Vec<String> = activities
        .iter()
        .map(|a| {
            let begin = a.start.timestamp_millis();
            let mut fields = vec![
                format!("\"activityId\" : {}", a.id),
                format!("\"name\" : \"{}\"", a.name.replace('"', "\\\"")),
                format!("\"activityType\" : \"{}\"", a.type_key),
                format!("\"sportType\" : \"{}\"", a.type_key.to_uppercase()),
                format!("\"beginTimestamp\" : {begin}"),
                format!("\"startTimeGmt\" : {begin}"),
                format!("\"startTimeLocal\" : {}", begin + i64::from(a.offset_s) * 1000),
                format!("\"duration\" : {}.0", u64::from(a.duration_s) * 1000),
                format!("\"elapsedDuration\" : {}.0", u64::from(a.duration_s) * 1000),
                "\"deviceId\" : 3999123456".to_owned(),
                "\"splitSummaries\" : [ { \"noOfSplits\" : 1, \"splitType\" : \"INTERVAL_ACTIVE\" } ]"
                    .to_owned(),
            ];
            if let Some(m) = a.distance_m {
                fields.push(format!("\"distance\" : {:.1}", m * 100.0));
            }
            if let Some((avg, max)) = a.hr {
                fields.push(format!("\"avgHr\" : {avg}.0, \"maxHr\" : {max}.0"));
            }
            if let Some(rpe) = a.rpe {
                fields.push(format!("\"workoutRpe\" : {}", u32::from(rpe) * 10));
            }
            format!("{{\n    {}\n  }}", fields.join(",\n    "))
        })
        .collect();
    format!("[ {{\n  \"summarizedActivitiesExport\" : [ {} ]\n}} ]", items.join(", "))
}

/// One workout of an Apple Health export.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthWorkout {
    /// The run or other activity; its points become the route file when `route`.
    pub spec: TrackSpec,
    /// `HKWorkoutActivityType…` without the prefix ("Running", "Cycling"…).
    pub activity_type: String,
    /// Write a GPX route in `workout-routes/` and reference it.
    pub route: bool,
    /// The runner's effort rating (iOS 18), 1–10.
    pub effort: Option<u8>,
    /// `HKIndoorWorkout`.
    pub indoor: bool,
}

fn health_date(time: DateTime<Utc>, offset: Option<FixedOffset>) -> String {
    let offset = offset.unwrap_or_else(|| FixedOffset::east_opt(0).unwrap_or(Utc.fix()));
    time.with_timezone(&offset).format("%Y-%m-%d %H:%M:%S %z").to_string()
}

/// The route file name Apple gives a workout.
pub fn health_route_name(workout: &HealthWorkout) -> String {
    format!("route_{}.gpx", workout.spec.start.format("%Y-%m-%d_%-I.%M%P"))
}

/// Writes export.xml: its DOCTYPE, `filler_records` heart-rate `<Record>`s (the bulk
/// of a real export), the effort ratings, then the workouts. Streams to `out`, so
/// the benchmark can write a file of any size.
pub fn write_health_xml(
    out: &mut dyn std::io::Write,
    workouts: &[HealthWorkout],
    filler_records: usize,
) -> std::io::Result<()> {
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE HealthData [\n<!-- HealthKit Export Version: 14 -->\n<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>\n<!ATTLIST HealthData\n  locale CDATA #REQUIRED\n>\n<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>\n<!ATTLIST Workout\n  workoutActivityType   CDATA #REQUIRED\n  duration              CDATA #IMPLIED\n  durationUnit          CDATA #IMPLIED\n  startDate             CDATA #REQUIRED\n  endDate               CDATA #REQUIRED\n>\n]>\n<HealthData locale=\"en_GB\">\n <ExportDate value=\"2026-01-15 09:00:00 +0000\"/>\n <Me HKCharacteristicTypeIdentifierDateOfBirth=\"\" HKCharacteristicTypeIdentifierBiologicalSex=\"HKBiologicalSexNotSet\"/>\n",
    )?;
    let base = workouts.first().map_or(DateTime::<Utc>::UNIX_EPOCH, |w| w.spec.start);
    let mut line = String::with_capacity(400);
    for i in 0..filler_records {
        line.clear();
        let t = base - TimeDelta::seconds(i64::try_from(i).unwrap_or(0) * 5);
        let date = health_date(t, None);
        let _ = writeln!(
            line,
            r#" <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Runner’s Apple Watch" sourceVersion="10.1" device="&lt;&lt;HKDevice: 0x300e5c5a0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:10.1&gt;" unit="count/min" creationDate="{date}" startDate="{date}" endDate="{date}" value="{}"><MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/></Record>"#,
            60 + i % 40
        );
        out.write_all(line.as_bytes())?;
    }
    for w in workouts.iter().filter(|w| w.effort.is_some()) {
        let end = w.spec.start + TimeDelta::seconds(i64::from(w.spec.elapsed_s()));
        let _ = writeln!(
            out,
            r#" <Record type="HKQuantityTypeIdentifierWorkoutEffortScore" sourceName="Health" unit="appleEffortScore" creationDate="{e}" startDate="{s}" endDate="{e}" value="{}"/>"#,
            w.effort.unwrap_or_default(),
            s = health_date(w.spec.start, w.spec.offset),
            e = health_date(end, w.spec.offset),
        );
    }
    for w in workouts {
        let spec = &w.spec;
        let start = health_date(spec.start, spec.offset);
        let end = health_date(spec.start + TimeDelta::seconds(i64::from(spec.elapsed_s())), spec.offset);
        let _ = writeln!(
            out,
            r#" <Workout workoutActivityType="HKWorkoutActivityType{}" duration="{:.4}" durationUnit="min" sourceName="Runner’s Apple Watch" sourceVersion="10.1" creationDate="{end}" startDate="{start}" endDate="{end}">"#,
            w.activity_type,
            f64::from(spec.moving_s()) / 60.0
        );
        let _ = writeln!(out, r#"  <MetadataEntry key="HKIndoorWorkout" value="{}"/>"#, u8::from(w.indoor));
        if let Some((_, amp)) = spec.elevation {
            let _ = writeln!(
                out,
                r#"  <MetadataEntry key="HKElevationAscended" value="{:.0} cm"/>"#,
                2.0 * amp * 100.0
            );
        }
        let _ = writeln!(out, r#"  <MetadataEntry key="HKWeatherTemperature" value="59 degF"/>"#);
        let _ = writeln!(out, r#"  <MetadataEntry key="HKWeatherHumidity" value="6500 %"/>"#);
        let _ = writeln!(
            out,
            r#"  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="{start}" endDate="{end}" sum="{:.5}" unit="km"/>"#,
            spec.distance_m() / 1000.0
        );
        let _ = writeln!(
            out,
            r#"  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="{start}" endDate="{end}" sum="{:.3}" unit="kcal"/>"#,
            spec.distance_m() / 1000.0 * 62.0
        );
        if let Some(hr) = spec.hr {
            let _ = writeln!(
                out,
                r#"  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="{start}" endDate="{end}" average="{hr}" minimum="{}" maximum="{}" unit="count/min"/>"#,
                hr - 5,
                hr + 5
            );
        }
        if w.route {
            let _ = writeln!(
                out,
                "  <WorkoutRoute sourceName=\"Runner’s Apple Watch\" startDate=\"{start}\" endDate=\"{end}\">\n   <MetadataEntry key=\"HKMetadataKeySyncVersion\" value=\"2\"/>\n   <FileReference path=\"/workout-routes/{}\"/>\n  </WorkoutRoute>",
                health_route_name(w)
            );
        }
        out.write_all(b" </Workout>\n")?;
    }
    out.write_all(b"</HealthData>\n")
}

/// The GPX Apple writes for a workout's route: points with elevation and time, no
/// heart rate, no type.
pub fn health_route_gpx(spec: &TrackSpec) -> String {
    gpx(&TrackSpec { hr: None, cadence: None, name: None, sport: String::new(), ..spec.clone() })
}

/// An Apple Health `export.zip`: `apple_health_export/export.xml` (see
/// [`write_health_xml`]), `export_cda.xml`, and the routes in `workout-routes/`.
pub fn apple_health_export(workouts: &[HealthWorkout], filler_records: usize) -> std::io::Result<Vec<u8>> {
    let mut out = std::io::Cursor::new(Vec::new());
    write_apple_health_export(&mut out, workouts, filler_records, true)?;
    Ok(out.into_inner())
}

/// Writes an Apple Health `export.zip` to `out` as it goes (export.xml is never
/// whole in memory), its entries deflated as the iPhone writes them or, with
/// `deflate` false, stored.
pub fn write_apple_health_export<W: std::io::Write + std::io::Seek>(
    out: W,
    workouts: &[HealthWorkout],
    filler_records: usize,
    deflate: bool,
) -> std::io::Result<()> {
    let method = if deflate { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
    let options = zip::write::SimpleFileOptions::default().compression_method(method).large_file(true);
    let mut writer = zip::ZipWriter::new(out);
    writer.start_file("apple_health_export/export.xml", options)?;
    let mut buffered = std::io::BufWriter::with_capacity(1 << 20, &mut writer);
    write_health_xml(&mut buffered, workouts, filler_records)?;
    buffered.flush()?;
    drop(buffered);
    writer.start_file("apple_health_export/export_cda.xml", options)?;
    writer.write_all(
        b"<?xml version=\"1.0\"?>\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\"></ClinicalDocument>\n",
    )?;
    for w in workouts.iter().filter(|w| w.route) {
        writer.start_file(format!("apple_health_export/workout-routes/{}", health_route_name(w)), options)?;
        writer.write_all(health_route_gpx(&w.spec).as_bytes())?;
    }
    writer.finish()?;
    Ok(())
}

/// A zip whose one GPX entry unpacks from a few KiB to `unpacked` bytes: a GPX
/// start, then spaces.
pub fn zip_bomb(unpacked: usize) -> std::io::Result<Vec<u8>> {
    let mut bomb = b"<?xml version=\"1.0\"?><gpx version=\"1.1\">".to_vec();
    bomb.resize(unpacked, b' ');
    zip(&[("activities/bomb.gpx", &bomb)])
}

/// The files of the comparison harness (`tests/reference.rs`, `scripts/reference-readers`):
/// the shapes real devices write, each named for what it tests. The same bytes
/// every time, so another reader's results, taken once, stay valid.
pub fn reference_files() -> Vec<(String, Vec<u8>)> {
    let day = |d: i64| TrackSpec::default().start + TimeDelta::days(d);
    // Garmin's JavaScript SDK reads no compressed timestamps: only the first file
    // has them, and only fitdecode reads it.
    let base = TrackSpec { fit_compressed_timestamps: false, ..TrackSpec::default() };
    let paused = TrackSpec {
        pauses: vec![(899, 95), (1499, 40)],
        offset: FixedOffset::east_opt(3600),
        ..base.clone()
    };
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "fit-compressed-timestamps.fit".into(),
            fit(&TrackSpec { fit_compressed_timestamps: true, ..paused.clone() }),
        ),
        (
            "fit-header-crc-zero.fit".into(),
            fit(&TrackSpec { fit_header_crc_zero: true, start: day(1), ..base.clone() }),
        ),
        (
            "fit-developer-fields.fit".into(),
            fit(&TrackSpec {
                fit_developer_fields: true,
                start: day(2),
                sport: "trail".into(),
                ..base.clone()
            }),
        ),
        (
            "fit-three-sessions.fit".into(),
            fit(&TrackSpec { fit_sessions: 3, points: 2700, start: day(3), ..base.clone() }),
        ),
        (
            "fit-records-only.fit".into(),
            fit(&TrackSpec { fit_session: false, start: day(4), ..paused.clone() }),
        ),
        (
            "fit-cycling.fit".into(),
            fit(&TrackSpec { sport: "cycling".into(), pace_s_per_km: 120.0, start: day(5), ..base.clone() }),
        ),
    ];
    let mut chained = fit(&TrackSpec { points: 900, start: day(6), ..base.clone() });
    chained.extend(fit(&TrackSpec {
        points: 600,
        start: day(6) + TimeDelta::hours(2),
        serial: 42,
        fit_header_crc_zero: true,
        ..base
    }));
    files.push(("fit-chained.fit".into(), chained));
    files.push(("fit-pauses.fit".into(), fit(&paused)));
    files.push(("gpx-segments.gpx".into(), gpx(&paused).into_bytes()));
    files.push((
        "gpx-partly-timed.gpx".into(),
        gpx(&TrackSpec { gpx_time_every: 9, start: day(7), ..TrackSpec::default() }).into_bytes(),
    ));
    files.push((
        "gpx-gps-noise.gpx".into(),
        gpx(&TrackSpec {
            noise_m: 2.5,
            seed: 7,
            start: day(8),
            elevation: Some((120.0, 25.0)),
            ..TrackSpec::default()
        })
        .into_bytes(),
    ));
    // Two tracks 20 minutes apart in one file: one outing.
    let first = gpx(&TrackSpec { points: 900, start: day(9), ..TrackSpec::default() });
    let second = gpx(&TrackSpec {
        points: 900,
        start: day(9) + TimeDelta::minutes(35),
        phase: 1.0,
        ..TrackSpec::default()
    });
    let second_trk = second.find(" <trk>").map_or("", |at| second.get(at..).unwrap_or_default());
    let two = first.replace("</gpx>\n", "") + second_trk;
    files.push(("gpx-two-tracks.gpx".into(), two.into_bytes()));
    files.push(("tcx-laps.tcx".into(), tcx(&TrackSpec { start: day(10), ..paused }).into_bytes()));
    files
}
