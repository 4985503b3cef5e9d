//! FIT activity files, decoded by `rustyfit` (streaming, components not expanded: the
//! fields we read are plain).
//!
//! One activity per session. The session's own figures win (the device's timer time
//! already excludes pauses); whatever it lacks comes from the records, where a timer
//! stop/start event pair splits the track into segments so the pause is not counted.
//! Garmin's post-run self-evaluation sits in undocumented session fields: 192 "feel"
//! (0, 25, 50, 75, 100 → 1–5) and 193 RPE × 10 (→ 0–10). The local offset is the
//! activity message's `local_timestamp − timestamp`.
//!
//! Checksums are checked here, before decoding, as the FIT SDK's decoder does: the
//! file CRC covers everything from the first header byte to the end of the data.
//! A 14-byte header carries its own CRC too, which may be `0x0000` ("not
//! computed", as Garmin Edge and Forerunner units of 2011–2015 wrote it); when it
//! is right, the CRC over header and data equals the CRC over the data alone (a
//! CRC run over its own value ends at zero), so one rule covers all three cases.
//! Chained files (several FIT files back to back) are each checked the same way; a
//! damaged file after a good one ends the chain there. A FIT file of another type
//! (settings, a workout, a course, monitoring…) is not an activity and says what it
//! is ([`NotRecorded::FitFile`]).

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, Utc};
use rustyfit::profile::typedef::{FitBaseType, MesgNum, Sport as FitSport, SubSport};
use rustyfit::proto::{Field, Message, Value};
use rustyfit::{Decoder, DecoderError, DecoderEvent, StreamingIterator};

use crate::activity::{Activity, HeartRateAvgMax, Sport, cadence_for, to_u16, to_u32_secs};
use crate::crc::fit_crc;
use crate::error::{ImportError, NotRecorded};
use crate::limits::Limits;
use crate::time::from_millis;
use crate::track::{Point, Track, summarize};

/// Unix time of the FIT epoch, 1989-12-31T00:00:00Z.
const FIT_EPOCH: i64 = 631_065_600;
/// FIT times below this are seconds since the device powered on, not dates.
const MIN_DATE: u32 = 0x1000_0000;
const SEMICIRCLE_DEG: f64 = 180.0 / 2_147_483_648.0;

/// Whether `bytes` start like a FIT file (header size and the ".FIT" tag).
pub(crate) fn looks_like_fit(bytes: &[u8]) -> bool {
    matches!(bytes.first(), Some(12 | 14)) && bytes.get(8..12) == Some(b".FIT")
}

#[derive(Debug, Default)]
struct Session {
    start: Option<u32>,
    timestamp: Option<u32>,
    sport: Option<u8>,
    sub_sport: Option<u8>,
    elapsed_ms: Option<f64>,
    timer_ms: Option<f64>,
    distance_cm: Option<f64>,
    avg_hr: Option<f64>,
    max_hr: Option<f64>,
    avg_cadence: Option<f64>,
    avg_fractional_cadence: Option<f64>,
    ascent: Option<f64>,
    feel: Option<f64>,
    rpe: Option<f64>,
}

/// The FIT profile's `file` type of an activity.
const ACTIVITY_FILE: u8 = 4;

/// Everything read from the file, before it becomes activities.
#[derive(Debug)]
struct Decoded {
    /// Whether a `file_id` said "activity", and the other type one said, if any.
    activity_file: bool,
    other_file_type: Option<u8>,
    serial: Option<f64>,
    time_created: Option<u32>,
    sessions: Vec<Session>,
    sport: Option<(u8, Option<u8>)>,
    offset: Option<FixedOffset>,
    track: Track,
    timer_stopped: bool,
    seg: u32,
}

/// Reads a FIT file into its activities (one per session).
pub fn parse_fit(name: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Activity>, ImportError> {
    let bytes = checked_files(bytes)?;
    let mut decoded = Decoded {
        activity_file: false,
        other_file_type: None,
        serial: None,
        time_created: None,
        sessions: Vec::new(),
        sport: None,
        offset: None,
        track: Track::new(limits.max_track_points),
        timer_stopped: false,
        seg: 0,
    };
    // Checksums were checked above, by the SDK's rule.
    let mut decoder = Decoder::builder().expand_components(false).checksum(false).build();
    let mut reader = bytes;
    let mut stream = decoder.stream(&mut reader);
    // After one whole file, trailing bytes that don't decode (padding, a damaged
    // chained file) are ignored.
    let mut complete = false;
    while let Some(event) = stream.next() {
        match event {
            Ok(DecoderEvent::Message(message)) => decoded.message(message)?,
            Ok(DecoderEvent::Crc(_)) => complete = true,
            Ok(_) => {}
            Err(_) if complete => break,
            Err(err) => return Err(decode_error(&err)),
        }
    }
    if !complete {
        return Err(ImportError::Truncated);
    }
    decoded.into_activities(name)
}

/// The chained files at the start of `bytes` whose header and file CRCs are right:
/// the first must be, or its problem is the error; a later damaged one ends the chain.
fn checked_files(bytes: &[u8]) -> Result<&[u8], ImportError> {
    let mut end = checked_file(bytes)?;
    while let Some(rest) = bytes.get(end..).filter(|rest| !rest.is_empty()) {
        match checked_file(rest) {
            Ok(len) => end = end.saturating_add(len),
            Err(_) => break,
        }
    }
    Ok(bytes.get(..end).unwrap_or(bytes))
}

/// Checks the file at the start of `bytes` and returns its length (header, data and
/// CRC).
fn checked_file(bytes: &[u8]) -> Result<usize, ImportError> {
    check_header(bytes)?;
    let header_len = usize::from(bytes.first().copied().unwrap_or(0));
    let data_size = bytes.get(4..8).and_then(|b| <[u8; 4]>::try_from(b).ok()).map(u32::from_le_bytes);
    let data_end = data_size
        .and_then(|size| usize::try_from(size).ok())
        .and_then(|size| header_len.checked_add(size))
        .ok_or(ImportError::Truncated)?;
    let (Some(covered), Some(&[lo, hi])) =
        (bytes.get(..data_end), bytes.get(data_end..data_end.saturating_add(2)))
    else {
        return Err(ImportError::Truncated);
    };
    let found = u16::from_le_bytes([lo, hi]);
    let computed = fit_crc(0, covered);
    if found != computed {
        return Err(ImportError::FitCrc { found, computed });
    }
    Ok(data_end.saturating_add(2))
}

/// Header size, ".FIT" tag and (for 14-byte headers) the header CRC, checked first
/// for a clear message.
fn check_header(bytes: &[u8]) -> Result<(), ImportError> {
    if !looks_like_fit(bytes) {
        return Err(ImportError::WrongFormat { expected: "FIT" });
    }
    if bytes.first() == Some(&14) {
        let (Some(header), Some(&[lo, hi])) = (bytes.get(..12), bytes.get(12..14)) else {
            return Err(ImportError::Truncated);
        };
        let found = u16::from_le_bytes([lo, hi]);
        let computed = fit_crc(0, header);
        // 0 means "not computed", which the protocol allows.
        if found != 0 && found != computed {
            return Err(ImportError::FitHeaderCrc { found, computed });
        }
    }
    Ok(())
}

fn decode_error<E: core::fmt::Debug>(err: &DecoderError<E>) -> ImportError {
    match err {
        DecoderError::UnexpectedEof => ImportError::Truncated,
        DecoderError::ChecksumMismatch { found, calculated } => {
            ImportError::FitCrc { found: *found, computed: *calculated }
        }
        DecoderError::NotFITFile => ImportError::WrongFormat { expected: "FIT" },
        DecoderError::MissingMessageDefinition { local_mesg_num } => {
            ImportError::Fit(format!("data for undefined local message {local_mesg_num}"))
        }
        DecoderError::Io { err } => ImportError::Fit(format!("{err:?}")),
    }
}

impl Decoded {
    fn message(&mut self, message: &Message) -> Result<(), ImportError> {
        let field = |num: u8| message.fields.iter().find(|f| f.num == num).and_then(number);
        let date = |num: u8| field(num).and_then(fit_date);
        match message.num {
            MesgNum::FILE_ID => {
                match field(0).and_then(byte) {
                    Some(ACTIVITY_FILE) => self.activity_file = true,
                    Some(other) => self.other_file_type = self.other_file_type.or(Some(other)),
                    None => {}
                }
                self.serial = field(3);
                self.time_created = date(4);
            }
            MesgNum::SESSION => self.sessions.push(Session {
                start: date(2),
                timestamp: date(253),
                sport: field(5).and_then(byte),
                sub_sport: field(6).and_then(byte),
                elapsed_ms: field(7),
                timer_ms: field(8),
                distance_cm: field(9),
                avg_hr: field(16),
                max_hr: field(17),
                avg_cadence: field(18),
                avg_fractional_cadence: field(41),
                ascent: field(22),
                feel: field(192),
                rpe: field(193),
            }),
            MesgNum::SPORT => {
                if let Some(sport) = field(0).and_then(byte) {
                    self.sport = Some((sport, field(1).and_then(byte)));
                }
            }
            // event 0 = timer; event_type 0 = start, 1 stop, 4 stop_all, 8/9 stop_disable(_all).
            MesgNum::EVENT if field(0).and_then(byte) == Some(0) => match field(1).and_then(byte) {
                Some(0) if self.timer_stopped => {
                    self.timer_stopped = false;
                    self.seg = self.seg.saturating_add(1);
                }
                Some(1 | 4 | 8 | 9) => self.timer_stopped = true,
                _ => {}
            },
            MesgNum::ACTIVITY => {
                if let (Some(utc), Some(local)) = (date(253), date(5)) {
                    self.offset = offset_between(utc, local);
                }
            }
            MesgNum::RECORD => {
                let pos = match (field(0), field(1)) {
                    (Some(lat), Some(lon)) => Some((lat * SEMICIRCLE_DEG, lon * SEMICIRCLE_DEG)),
                    _ => None,
                };
                let altitude = field(78).or_else(|| field(2)).map(|a| a / 5.0 - 500.0);
                self.track.push(Point {
                    time_ms: date(253).map(|t| (i64::from(t) + FIT_EPOCH).saturating_mul(1000)),
                    pos,
                    ele: altitude,
                    hr: field(3).and_then(to_u16),
                    cad: field(4).and_then(to_u16),
                    dist: field(5).map(|d| d / 100.0),
                    seg: self.seg,
                })?;
            }
            _ => {}
        }
        Ok(())
    }

    fn into_activities(self, name: &str) -> Result<Vec<Activity>, ImportError> {
        if let (false, Some(kind)) = (self.activity_file, self.other_file_type) {
            return Err(ImportError::NotRecorded(NotRecorded::FitFile(kind)));
        }
        let points = &self.track.points;
        let external_id =
            self.serial.zip(self.time_created).map(|(serial, created)| format!("fit:{serial}:{created}"));
        let default_sport = self.sport;
        let mut activities = Vec::new();
        if self.sessions.is_empty() {
            // No session (the device stopped before writing it): all from the records.
            let summary = summarize(points);
            let start = summary.start_ms.and_then(from_millis).ok_or(ImportError::NoActivity)?;
            let sport = default_sport.map_or(Sport::Unknown, |(s, sub)| sport_of(s, sub));
            let mut activity = Activity::new(name, sport, start);
            activity.external_id = external_id;
            activity.utc_offset = self.offset;
            fill_from_track(&mut activity, &summary);
            activities.push(activity);
            return Ok(activities);
        }
        let several = self.sessions.len() > 1;
        let first_record = points.iter().find_map(|p| p.time_ms).and_then(from_millis);
        for (index, session) in self.sessions.iter().enumerate() {
            let end = session.timestamp.and_then(date_time);
            let elapsed_ms = session.elapsed_ms.map_or(0, |ms| to_u32(ms).map_or(0, i64::from));
            let start =
                session.start.and_then(date_time).or(if several { None } else { first_record }).or_else(
                    || end.and_then(|end| from_millis(end.timestamp_millis().saturating_sub(elapsed_ms))),
                );
            let Some(start) = start else { continue };
            let start_ms = start.timestamp_millis();
            let end_ms = end.map_or(start_ms.saturating_add(elapsed_ms), |t| t.timestamp_millis());
            // With several sessions (multisport), each takes the records of its time.
            let mine: Cow<'_, [Point]> = if several {
                let within = |p: &&Point| p.time_ms.is_some_and(|t| t >= start_ms && t <= end_ms);
                Cow::Owned(points.iter().filter(within).copied().collect())
            } else {
                Cow::Borrowed(points)
            };
            let summary = summarize(&mine);

            let sport = match session.sport {
                Some(sport) => sport_of(sport, session.sub_sport),
                None => default_sport.map_or(Sport::Unknown, |(s, sub)| sport_of(s, sub)),
            };
            let mut activity = Activity::new(name, sport, start);
            activity.external_id = external_id.as_ref().map(|id| match index {
                0 => id.clone(),
                n => format!("{id}:{n}"),
            });
            activity.utc_offset = self.offset;
            fill_from_track(&mut activity, &summary);
            if let Some(ms) = session.timer_ms {
                activity.moving_s = to_u32_secs(ms / 1000.0);
            }
            if let Some(ms) = session.elapsed_ms {
                activity.elapsed_s = to_u32_secs(ms / 1000.0);
            }
            if let Some(cm) = session.distance_cm {
                activity.distance_m = Some(cm / 100.0);
            }
            if let Some(ascent) = session.ascent {
                activity.elevation_gain_m = Some(ascent);
            }
            if let Some(avg) = session.avg_hr.and_then(to_u16).filter(|&hr| hr > 0) {
                let max = session.max_hr.and_then(to_u16).unwrap_or(avg).max(avg);
                activity.heart_rate = Some(HeartRateAvgMax { avg, max });
            }
            if let Some(cadence) = session.avg_cadence {
                let fraction = session.avg_fractional_cadence.unwrap_or(0.0) / 128.0;
                activity.cadence_avg = cadence_for(&activity.sport, cadence + fraction);
            }
            activity.feel = session.feel.filter(|v| (0.0..=100.0).contains(v)).and_then(|v| {
                let level = to_u16(v / 25.0)?;
                u8::try_from(level + 1).ok()
            });
            activity.rpe = session
                .rpe
                .filter(|v| (0.0..=100.0).contains(v))
                .and_then(|v| to_u16(v / 10.0))
                .and_then(|v| u8::try_from(v).ok());
            activities.push(activity);
        }
        if activities.is_empty() {
            return Err(ImportError::NoActivity);
        }
        Ok(activities)
    }
}

fn fill_from_track(activity: &mut Activity, summary: &crate::track::Summary) {
    activity.moving_s = summary.moving_s;
    activity.elapsed_s = summary.elapsed_s;
    activity.distance_m = summary.distance_m;
    activity.elevation_gain_m = summary.elevation_gain_m;
    activity.heart_rate = summary.heart_rate;
    activity.cadence_avg = summary.cadence_raw.and_then(|c| cadence_for(&activity.sport, c));
    activity.pace_variability = summary.pace_variability;
    activity.route = summary.route.clone();
}

fn sport_of(sport: u8, sub_sport: Option<u8>) -> Sport {
    let sport = FitSport(sport);
    let generic = [FitSport::GENERIC, FitSport::TRAINING, FitSport::FITNESS_EQUIPMENT].contains(&sport);
    if generic && let Some(sub) = sub_sport.map(SubSport) {
        let by_sub = match sub {
            SubSport::TREADMILL => Some(Sport::Run),
            SubSport::STRENGTH_TRAINING => Some(Sport::Strength),
            SubSport::INDOOR_WALKING => Some(Sport::Walk),
            SubSport::LAP_SWIMMING => Some(Sport::Swim),
            SubSport::INDOOR_CYCLING => Some(Sport::Ride),
            _ => None,
        };
        if let Some(sport) = by_sub {
            return sport;
        }
    }
    Sport::from_name(&sport.to_string())
}

/// The offset from a UTC and a local FIT time, rounded to 15 minutes (all zones are
/// whole quarters) and only if within ±14 h.
fn offset_between(utc: u32, local: u32) -> Option<FixedOffset> {
    let diff = i64::from(local) - i64::from(utc);
    let quarters = (diff as f64 / 900.0).round();
    if quarters.abs() > 56.0 {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)] // |quarters| ≤ 56
    let seconds = quarters as i32 * 900;
    FixedOffset::east_opt(seconds)
}

fn fit_date(value: f64) -> Option<u32> {
    let v = to_u32(value)?;
    (v >= MIN_DATE).then_some(v)
}

fn date_time(fit: u32) -> Option<DateTime<Utc>> {
    from_millis((i64::from(fit) + FIT_EPOCH).saturating_mul(1000))
}

fn to_u32(value: f64) -> Option<u32> {
    if value.is_finite() && (0.0..=f64::from(u32::MAX)).contains(&value) {
        #[allow(clippy::cast_possible_truncation)] // range checked
        Some(value as u32)
    } else {
        None
    }
}

fn byte(value: f64) -> Option<u8> {
    to_u16(value).and_then(|v| u8::try_from(v).ok())
}

/// A scalar field's value, `None` for FIT's "invalid" markers, arrays and strings.
fn number(field: &Field) -> Option<f64> {
    let z = matches!(field.base_type, FitBaseType::UINT8Z | FitBaseType::UINT16Z | FitBaseType::UINT32Z);
    match field.value {
        Value::Uint8(v) => (v != u8::MAX && !(z && v == 0)).then_some(f64::from(v)),
        Value::Int8(v) => (v != i8::MAX).then_some(f64::from(v)),
        Value::Uint16(v) => (v != u16::MAX && !(z && v == 0)).then_some(f64::from(v)),
        Value::Int16(v) => (v != i16::MAX).then_some(f64::from(v)),
        Value::Uint32(v) => (v != u32::MAX && !(z && v == 0)).then_some(f64::from(v)),
        Value::Int32(v) => (v != i32::MAX).then_some(f64::from(v)),
        Value::Float32(v) => v.is_finite().then_some(f64::from(v)),
        Value::Float64(v) => v.is_finite().then_some(v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_round_to_quarters_and_stay_in_range() {
        assert_eq!(offset_between(1_000_000_000, 1_000_003_601), FixedOffset::east_opt(3600));
        assert_eq!(offset_between(1_000_000_000, 1_000_000_000 - 20_700), FixedOffset::east_opt(-20_700));
        assert_eq!(offset_between(1_000_000_000, 1_100_000_000), None);
    }

    #[test]
    fn sports_from_sport_and_sub_sport() {
        assert_eq!(sport_of(1, Some(3)), Sport::Run);
        assert_eq!(sport_of(10, Some(20)), Sport::Strength);
        assert_eq!(sport_of(4, Some(1)), Sport::Run);
        assert_eq!(sport_of(2, None), Sport::Ride);
        assert_eq!(sport_of(0, None), Sport::Unknown);
        assert_eq!(sport_of(8, None), Sport::Other("tennis".into()));
    }

    #[test]
    fn header_problems_are_named() {
        assert_eq!(
            parse_fit("x", b"hello", &Limits::default()),
            Err(ImportError::WrongFormat { expected: "FIT" })
        );
        let mut header = [14u8, 0x20, 0, 0, 0, 0, 0, 0, b'.', b'F', b'I', b'T', 1, 2];
        assert!(matches!(check_header(&header), Err(ImportError::FitHeaderCrc { found: 0x0201, .. })));
        header[12] = 0;
        header[13] = 0;
        assert_eq!(parse_fit("x", &header, &Limits::default()), Err(ImportError::Truncated));
    }
}
