//! Summaries computed from track points, shared by GPX, TCX and FIT. The rules (and
//! why) are in the crate docs, "From a track to a summary"; the constants below are
//! their numbers.

use crate::activity::{HeartRateAvgMax, to_u16, to_u32_secs};
use crate::error::ImportError;
use crate::route::{RouteFingerprint, distance_m};

/// Intervals longer than this are pauses.
const MAX_GAP_S: f64 = 30.0;
/// Intervals slower than this are standing still.
const MIN_SPEED: f64 = 0.5;
/// Altitude dead band.
const ELE_BAND_M: f64 = 3.0;
/// Slice of moving time for pace variability.
const SLICE_S: f64 = 60.0;

/// One recorded point; any field may be missing.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Point {
    /// Unix time in milliseconds.
    pub time_ms: Option<i64>,
    /// Latitude and longitude in degrees.
    pub pos: Option<(f64, f64)>,
    /// Altitude in metres.
    pub ele: Option<f64>,
    pub hr: Option<u16>,
    /// Cadence as the file stores it.
    pub cad: Option<u16>,
    /// The device's cumulative distance in metres.
    pub dist: Option<f64>,
    /// Segment number: intervals across segments are pauses.
    pub seg: u32,
}

/// A list of points that refuses to grow past its budget.
#[derive(Debug)]
pub(crate) struct Track {
    pub points: Vec<Point>,
    /// Points this track may still take.
    budget: usize,
    /// The limit named in the error (a file's activities share one limit).
    limit: usize,
}

impl Track {
    pub fn new(limit: usize) -> Track {
        Track::with_budget(limit, limit)
    }

    pub fn with_budget(budget: usize, limit: usize) -> Track {
        Track { points: Vec::new(), budget, limit }
    }

    pub fn push(&mut self, point: Point) -> Result<(), ImportError> {
        if self.points.len() >= self.budget {
            return Err(ImportError::TooManyPoints { limit: self.limit });
        }
        self.points.push(point);
        Ok(())
    }
}

/// What the points say about the activity.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Summary {
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
    pub elapsed_s: u32,
    pub moving_s: u32,
    pub distance_m: Option<f64>,
    pub elevation_gain_m: Option<f64>,
    pub heart_rate: Option<HeartRateAvgMax>,
    /// Average cadence as the file stores it (not yet doubled).
    pub cadence_raw: Option<f64>,
    pub pace_variability: Option<f64>,
    pub route: Option<RouteFingerprint>,
}

pub(crate) fn summarize(points: &[Point]) -> Summary {
    let mut summary = Summary::default();

    let mut moving = 0.0f64;
    let mut slices = Slices::default();
    let mut previous: Option<&Point> = None;
    for point in points {
        let Some(time) = point.time_ms else { continue };
        if summary.start_ms.is_none() {
            summary.start_ms = Some(time);
        }
        if let Some(prev) = previous {
            let Some(prev_time) = prev.time_ms else { continue };
            if time < prev_time {
                // Time going backwards: a broken point; skip it, keep the previous one.
                continue;
            }
            let dt = (time.saturating_sub(prev_time)) as f64 / 1000.0;
            let same_segment = prev.seg == point.seg;
            let d = interval_distance(prev, point, same_segment);
            let is_moving =
                same_segment && dt > 0.0 && dt <= MAX_GAP_S && d.is_none_or(|d| d / dt >= MIN_SPEED);
            if is_moving {
                moving += dt;
                slices.add(dt, d);
            }
        }
        summary.end_ms = Some(time);
        previous = Some(point);
    }
    if let (Some(start), Some(end)) = (summary.start_ms, summary.end_ms) {
        summary.elapsed_s = to_u32_secs(end.saturating_sub(start) as f64 / 1000.0);
    }
    summary.moving_s = to_u32_secs(moving);
    if summary.start_ms.is_some() {
        summary.distance_m = distance(points);
    }
    summary.pace_variability = slices.variability();
    summary.elevation_gain_m = elevation_gain(points.iter().filter_map(|p| p.ele));
    summary.heart_rate = heart_rate(points.iter().filter_map(|p| p.hr));
    summary.cadence_raw = average(points.iter().filter_map(|p| p.cad).filter(|&c| c > 0 && c < 255));
    summary.route = RouteFingerprint::from_positions(points.iter().filter_map(|p| p.pos));
    summary
}

/// Metres along every point of the track, timed or not (a track timed only in part
/// still went all the way), segment by segment; `None` when no interval has one.
fn distance(points: &[Point]) -> Option<f64> {
    let mut total = None::<f64>;
    let mut previous: Option<&Point> = None;
    for point in points.iter().filter(|p| p.pos.is_some() || p.dist.is_some()) {
        if let Some(prev) = previous
            && let Some(d) = interval_distance(prev, point, prev.seg == point.seg)
        {
            total = Some(total.unwrap_or(0.0) + d);
        }
        previous = Some(point);
    }
    total
}

/// Metres between two consecutive points, `None` when unknown.
fn interval_distance(a: &Point, b: &Point, same_segment: bool) -> Option<f64> {
    match (a.dist, b.dist, a.pos, b.pos) {
        // Device distance: already excludes what the watch didn't count; a reset
        // (going down) counts as nothing.
        (Some(da), Some(db), _, _) if da.is_finite() && db.is_finite() => Some((db - da).max(0.0)),
        (_, _, Some(pa), Some(pb)) if same_segment => {
            let d = distance_m(pa, pb);
            d.is_finite().then_some(d)
        }
        _ => None,
    }
}

/// Accumulates 60-second slices of moving time and their distances.
#[derive(Default)]
struct Slices {
    time: f64,
    distance: f64,
    /// Set when a moving interval had no distance: the slice's speed is unknown.
    unknown: bool,
    speeds: Vec<f64>,
}

impl Slices {
    fn add(&mut self, mut dt: f64, d: Option<f64>) {
        let mut d_left = d.unwrap_or(0.0);
        if d.is_none() {
            self.unknown = true;
        }
        // dt ≤ MAX_GAP_S < SLICE_S, so this runs at most twice.
        while self.time + dt >= SLICE_S && dt > 0.0 {
            let take = SLICE_S - self.time;
            let share = d_left * take / dt;
            self.distance += share;
            if !self.unknown {
                self.speeds.push(self.distance / SLICE_S);
            }
            d_left -= share;
            dt -= take;
            self.time = 0.0;
            self.distance = 0.0;
            self.unknown = d.is_none();
        }
        self.time += dt;
        self.distance += d_left;
    }

    fn variability(&self) -> Option<f64> {
        if self.speeds.len() < 3 {
            return None;
        }
        let n = self.speeds.len() as f64;
        let mean = self.speeds.iter().sum::<f64>() / n;
        if mean <= 0.0 {
            return None;
        }
        let var = self.speeds.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / n;
        let cv = var.sqrt() / mean;
        cv.is_finite().then_some(cv)
    }
}

pub(crate) fn elevation_gain(elevations: impl Iterator<Item = f64>) -> Option<f64> {
    let mut filtered: Option<f64> = None;
    let mut gain = 0.0;
    for ele in elevations.filter(|e| e.is_finite() && (-500.0..=9000.0).contains(e)) {
        match filtered {
            None => filtered = Some(ele),
            Some(f) if ele > f + ELE_BAND_M => {
                gain += ele - ELE_BAND_M - f;
                filtered = Some(ele - ELE_BAND_M);
            }
            Some(f) if ele < f - ELE_BAND_M => filtered = Some(ele + ELE_BAND_M),
            Some(_) => {}
        }
    }
    filtered.map(|_| gain)
}

pub(crate) fn heart_rate(values: impl Iterator<Item = u16>) -> Option<HeartRateAvgMax> {
    let mut sum = 0u64;
    let mut n = 0u64;
    let mut max = 0u16;
    // 0 is "no reading"; above 250 is a sensor glitch.
    for hr in values.filter(|&hr| hr > 0 && hr <= 250) {
        sum += u64::from(hr);
        n += 1;
        max = max.max(hr);
    }
    let avg = to_u16((sum as f64 / n as f64).round())?;
    (n > 0).then_some(HeartRateAvgMax { avg, max })
}

fn average(values: impl Iterator<Item = u16>) -> Option<f64> {
    let (sum, n) = values.fold((0u64, 0u64), |(s, n), v| (s + u64::from(v), n + 1));
    (n > 0).then(|| sum as f64 / n as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(t_s: i64, north_m: f64, seg: u32) -> Point {
        Point {
            time_ms: Some(t_s * 1000),
            pos: Some((47.0 + north_m / 111_195.0, 8.0)),
            seg,
            ..Point::default()
        }
    }

    #[test]
    fn moving_time_skips_stops_gaps_and_segment_breaks() {
        let mut points = Vec::new();
        // 10 minutes at 3 m/s, 1 s apart.
        for i in 0..=600 {
            points.push(pt(i, i as f64 * 3.0, 0));
        }
        // Standing 2 minutes (still recording).
        for i in 601..=720 {
            points.push(pt(i, 1800.0, 0));
        }
        // A 5-minute gap (auto-pause), then 100 s more.
        for i in 0..=100 {
            points.push(pt(1020 + i, 1800.0 + i as f64 * 3.0, 0));
        }
        // New segment after 60 s: the gap is a pause; 100 s more.
        for i in 0..=100 {
            points.push(pt(1180 + i, 2100.0 + i as f64 * 3.0, 1));
        }
        let s = summarize(&points);
        assert_eq!(s.moving_s, 800);
        assert_eq!(s.elapsed_s, 1280);
        let d = s.distance_m.unwrap();
        assert!((d - 2400.0).abs() < 5.0, "{d}");
        let cv = s.pace_variability.unwrap();
        assert!(cv < 0.01, "{cv}");
    }

    #[test]
    fn elevation_noise_is_not_climbing() {
        let noisy = (0..1000).map(|i| 100.0 + if i % 2 == 0 { 2.0 } else { -2.0 });
        assert_eq!(elevation_gain(noisy), Some(0.0));
        let climb = (0..=100).map(f64::from).chain((0..=100).rev().map(f64::from));
        let gain = elevation_gain(climb).unwrap();
        assert!((gain - 97.0).abs() < 1e-9, "{gain}");
        assert_eq!(elevation_gain(std::iter::empty()), None);
    }

    #[test]
    fn heart_rate_ignores_zero_and_glitches() {
        assert_eq!(heart_rate([0, 140, 150, 300].into_iter()), Some(HeartRateAvgMax { avg: 145, max: 150 }));
        assert_eq!(heart_rate([0].into_iter()), None);
    }

    #[test]
    fn distance_runs_over_untimed_points_once_the_track_has_a_start() {
        // 11 points 30 m apart; only the first two carry a time.
        let points: Vec<Point> = (0..=10)
            .map(|i| Point {
                time_ms: (i < 2).then_some(i64::from(i) * 10_000),
                ..pt(0, f64::from(i) * 30.0, 0)
            })
            .collect();
        let s = summarize(&points);
        let d = s.distance_m.unwrap();
        assert!((d - 300.0).abs() < 1.0, "{d}");
        assert_eq!((s.moving_s, s.elapsed_s), (10, 10));
        let untimed: Vec<Point> = points.iter().map(|p| Point { time_ms: None, ..*p }).collect();
        assert_eq!(summarize(&untimed).distance_m, None, "no start, no activity to measure");
    }

    #[test]
    fn points_without_time_or_position_are_harmless() {
        let points = vec![Point::default(); 5];
        let s = summarize(&points);
        assert_eq!(s.start_ms, None);
        assert_eq!(s.moving_s, 0);
        assert_eq!(s.distance_m, None);
    }
}
