//! Race performance from a runner's own runs: Riegel's race-time prediction,
//! Daniels' VDOT and training paces, the best effort in each run, the longest run
//! in two-week blocks, and like-for-like comparisons (the same session on the same
//! terrain) between two windows, which the plateau and overreaching signs read.
//!
//! Every function is total: out-of-range input gives `None`, never NaN or infinity.

use std::ops::RangeInclusive;

use chrono::{Duration, NaiveDate};

use crate::form::{FASTEST_PLAUSIBLE_S_PER_KM, SLOWEST_PLAUSIBLE_S_PER_KM};
use crate::run::{Run, RunType};
use crate::units::METRES_PER_KM;

/// Riegel's fatigue exponent (Riegel 1977, "Time seeding"; 1981, "Athletic records
/// and human endurance", American Scientist 69).
pub const RIEGEL_EXPONENT: f64 = 1.06;

/// The marathon, in metres.
pub const MARATHON_M: f64 = 42_195.0;

/// The distances both Riegel's formula and Daniels' VDOT tables cover: 1500 m to
/// the marathon. The top is 43 km so a GPS-measured marathon still counts.
pub const RACE_RANGE_M: RangeInclusive<f64> = 1500.0..=43_000.0;

/// Trends are read in blocks of two weeks: one block is long enough to hold a
/// quality session or a long run even in a light week.
pub const BLOCK_DAYS: i64 = 14;

/// True for a distance inside [`RACE_RANGE_M`] and a time at a pace a runner could
/// actually hold (the run form's plausible band, 2:00–20:00 /km).
fn in_range(distance_m: f64, time_s: f64) -> bool {
    // Compared as times, not paces, so the bounds [`time_for_vdot`] brackets with
    // are exactly inside.
    let km = distance_m / METRES_PER_KM;
    RACE_RANGE_M.contains(&distance_m)
        && (FASTEST_PLAUSIBLE_S_PER_KM * km..=SLOWEST_PLAUSIBLE_S_PER_KM * km).contains(&time_s)
}

/// Riegel's prediction (1977/1981): T2 = T1 × (D2 / D1)^1.06, in seconds. `None`
/// outside 1500 m to the marathon or at an implausible pace.
pub fn predict_time(from_distance_m: f64, from_time_s: f64, to_distance_m: f64) -> Option<f64> {
    if !in_range(from_distance_m, from_time_s) || !RACE_RANGE_M.contains(&to_distance_m) {
        return None;
    }
    let t = from_time_s * (to_distance_m / from_distance_m).powf(RIEGEL_EXPONENT);
    t.is_finite().then_some(t)
}

/// Daniels & Gilbert (1979), "Oxygen Power": the oxygen cost of running at `v`
/// metres per minute, in ml/kg/min.
fn oxygen_cost(v: f64) -> f64 {
    -4.60 + 0.182_258 * v + 0.000_104 * v * v
}

/// Daniels & Gilbert (1979): the fraction of VO2max a runner can sustain for `t`
/// minutes.
fn sustainable_fraction(t: f64) -> f64 {
    0.8 + 0.189_439_3 * (-0.012_778 * t).exp() + 0.298_955_8 * (-0.193_260_5 * t).exp()
}

/// Daniels' VDOT (Daniels & Gilbert 1979) of covering `distance_m` in `time_s`:
/// VO2 = −4.60 + 0.182258 v + 0.000104 v² (v in m/min) divided by
/// %max = 0.8 + 0.1894393 e^(−0.012778 t) + 0.2989558 e^(−0.1932605 t) (t in min).
/// `None` outside 1500 m to the marathon or at an implausible pace.
pub fn vdot(distance_m: f64, time_s: f64) -> Option<f64> {
    if !in_range(distance_m, time_s) {
        return None;
    }
    let t = time_s / 60.0;
    let value = oxygen_cost(distance_m / t) / sustainable_fraction(t);
    (value.is_finite() && value > 0.0).then_some(value)
}

/// The time in seconds at which `distance_m` gives `target` VDOT: the inverse of
/// [`vdot`], found by bisection (VDOT falls as the time grows). This is Daniels'
/// race-equivalent time, e.g. the 5 km a runner's best effort is worth. `None` when
/// no plausible pace over that distance reaches `target`.
pub fn time_for_vdot(target: f64, distance_m: f64) -> Option<f64> {
    if !target.is_finite() || !RACE_RANGE_M.contains(&distance_m) {
        return None;
    }
    let km = distance_m / METRES_PER_KM;
    let (mut fast, mut slow) = (FASTEST_PLAUSIBLE_S_PER_KM * km, SLOWEST_PLAUSIBLE_S_PER_KM * km);
    if !(vdot(distance_m, slow)? <= target && target <= vdot(distance_m, fast)?) {
        return None;
    }
    // 60 halvings take the bracket far below a hundredth of a second.
    for _ in 0..60 {
        let mid = (fast + slow) / 2.0;
        if vdot(distance_m, mid)? > target {
            fast = mid;
        } else {
            slow = mid;
        }
    }
    Some((fast + slow) / 2.0)
}

/// The mile, in metres: Daniels' R pace is about the runner's mile race pace.
const MILE_M: f64 = 1609.344;

/// Daniels' training intensities (Daniels' Running Formula, ch. 4–5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Intensity {
    /// Easy and long runs, recovery, warm-ups.
    Easy,
    Marathon,
    /// Threshold ("tempo"): comfortably hard, sustainable for about an hour racing.
    Threshold,
    /// Intervals at about VO2max, 3–5 minute bouts.
    Interval,
    /// Repetitions: short, fast, full recovery, for speed and economy.
    Repetition,
}

impl Intensity {
    pub const ALL: [Self; 5] =
        [Self::Easy, Self::Marathon, Self::Threshold, Self::Interval, Self::Repetition];

    /// Daniels' letter: E, M, T, I, R.
    pub fn letter(self) -> &'static str {
        match self {
            Self::Easy => "E",
            Self::Marathon => "M",
            Self::Threshold => "T",
            Self::Interval => "I",
            Self::Repetition => "R",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Easy => "Easy",
            Self::Marathon => "Marathon",
            Self::Threshold => "Threshold",
            Self::Interval => "Interval",
            Self::Repetition => "Repetition",
        }
    }

    /// The share of VO2max each intensity runs at (Daniels' Running Formula: M
    /// 75–84 %, T 83–88 %, I 95–100 %). Daniels gives E as 59–74 %, but the E paces
    /// he prints (and his calculator, vdoto2.com, gives) sit at 62–70 % of VDOT:
    /// at 74 % the fast end of E was within about 25 s/km of marathon pace, so E is
    /// 62–70 % here (checked against the calculator's paces in the tests). R has no
    /// band: it is faster than I, so it is read from race pace instead (see
    /// [`training_pace`]).
    fn vo2_share(self) -> Option<(f64, f64)> {
        match self {
            Self::Easy => Some((0.62, 0.70)),
            Self::Marathon => Some((0.75, 0.84)),
            Self::Threshold => Some((0.83, 0.88)),
            Self::Interval => Some((0.95, 1.0)),
            Self::Repetition => None,
        }
    }
}

/// A band of paces in seconds per kilometre, the fast end first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaceRange {
    pub fast_s_per_km: f64,
    pub slow_s_per_km: f64,
}

impl PaceRange {
    pub fn contains(&self, s_per_km: f64) -> bool {
        (self.fast_s_per_km..=self.slow_s_per_km).contains(&s_per_km)
    }
}

/// The speed in metres per minute whose oxygen cost is `vo2` ml/kg/min: the
/// positive root of Daniels & Gilbert's (1979) −4.60 + 0.182258 v + 0.000104 v² =
/// VO2. `None` for a cost no running speed has (at or below 0).
pub fn speed_for_oxygen_cost(vo2: f64) -> Option<f64> {
    let (a, b, c) = (0.000_104, 0.182_258, -4.60 - vo2);
    if !vo2.is_finite() || vo2 <= 0.0 {
        return None;
    }
    let v = (-b + (b * b - 4.0 * a * c).sqrt()) / (2.0 * a);
    (v.is_finite() && v > 0.0).then_some(v)
}

/// The pace band for training at `intensity` for a runner of `vdot`: E, M, T and I
/// run at their share of VO2max (VDOT) and turn into a speed through the inverse
/// of the oxygen-cost equation; R runs from mile race pace (fast end) to the speed
/// at 100 % of VO2max, since Daniels sets R at about current mile race pace,
/// faster than I. `None` for a VDOT outside Daniels' tables' 30–85 widened to
/// 20–90, or a pace outside 2:00–20:00 /km.
pub fn training_pace(vdot: f64, intensity: Intensity) -> Option<PaceRange> {
    if !(20.0..=90.0).contains(&vdot) {
        return None;
    }
    let pace = |share: f64| speed_for_oxygen_cost(vdot * share).map(|v| METRES_PER_KM / v * 60.0);
    let (fast, slow) = match intensity.vo2_share() {
        Some((low, high)) => (pace(high)?, pace(low)?),
        None => (time_for_vdot(vdot, MILE_M)? / (MILE_M / METRES_PER_KM), pace(1.0)?),
    };
    let plausible = FASTEST_PLAUSIBLE_S_PER_KM..=SLOWEST_PLAUSIBLE_S_PER_KM;
    (plausible.contains(&fast) && plausible.contains(&slow) && fast <= slow)
        .then_some(PaceRange { fast_s_per_km: fast, slow_s_per_km: slow })
}

/// A run's best effort: the whole run read as a race over its distance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Effort {
    pub date: NaiveDate,
    pub distance_m: f64,
    pub time_s: f64,
    pub vdot: f64,
    /// Logged as a race, so a real best effort rather than a training run's floor.
    pub race: bool,
}

/// The best effort in `run`: a race, or any run of at least 1500 m with a distance,
/// scored by its VDOT over moving time. A training run's VDOT understates the
/// runner's fitness, but it does so the same way week after week, so its trend
/// still shows progress. `None` for cross-training and runs out of range.
pub fn best_effort(run: &Run) -> Option<Effort> {
    if run.kind == RunType::Cross {
        return None;
    }
    let distance_m = run.distance_m?;
    let time_s = f64::from(run.moving_s);
    Some(Effort {
        date: run.start.date_naive(),
        distance_m,
        time_s,
        vdot: vdot(distance_m, time_s)?,
        race: run.kind == RunType::Race,
    })
}

/// The largest `value` per two-week block, oldest block first: `blocks` blocks, the
/// last ending on `end` (inclusive). Runs outside those blocks are skipped and a
/// block without a value is `None`. One pass; `runs` may be in any order.
pub fn best_by_block(
    runs: &[&Run],
    end: NaiveDate,
    blocks: usize,
    value: impl Fn(&Run) -> Option<f64>,
) -> Vec<Option<f64>> {
    let mut best: Vec<Option<f64>> = vec![None; blocks];
    let span = i64::try_from(blocks).unwrap_or(0) * BLOCK_DAYS;
    let start = end - Duration::days(span - 1);
    for run in runs {
        let day = (run.start.date_naive() - start).num_days();
        if !(0..span).contains(&day) {
            continue;
        }
        let slot = usize::try_from(day / BLOCK_DAYS).ok().and_then(|b| best.get_mut(b));
        if let (Some(slot), Some(v)) = (slot, value(run).filter(|v| v.is_finite())) {
            *slot = Some(slot.map_or(v, |b: f64| b.max(v)));
        }
    }
    best
}

/// A run that counts toward the longest comfortable run: a run with a distance that
/// was not a race (a race is an all-out effort, not a comfortable distance).
pub fn comfortable_distance_m(run: &Run) -> Option<f64> {
    (run.kind != RunType::Race && run.kind.needs_distance()).then_some(run.distance_m).flatten()
}

/// The longest comfortable run in metres per two-week block (see [`best_by_block`]).
pub fn longest_by_block(runs: &[&Run], end: NaiveDate, blocks: usize) -> Vec<Option<f64>> {
    best_by_block(runs, end, blocks, comfortable_distance_m)
}

/// A decline by a clear margin: like-for-like runs about 5 % slower (5 % lower
/// VDOT). Restride's own line, well past the day-to-day noise of one session type
/// (a few percent) and the 1 % plateau's "flat".
pub const DECLINE_PCT: f64 = 5.0;
/// Two runs are the same session when their moving time or their distance is within
/// 20 % (a faster lap of a fixed route keeps its distance, a fixed 20 minutes its
/// time).
const SAME_LENGTH: f64 = 1.2;

/// Climb per kilometre, in bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Terrain {
    Unknown,
    Flat,
    Rolling,
    Hilly,
}

impl Terrain {
    /// Flat under 10 m of climb per km, rolling under 25, hilly above; unknown
    /// without a climb logged (such runs only match each other).
    fn of(run: &Run, km: f64) -> Self {
        match run.elevation_gain_m.filter(|m| m.is_finite() && *m >= 0.0).map(|m| m / km) {
            None => Self::Unknown,
            Some(c) if c < 10.0 => Self::Flat,
            Some(c) if c < 25.0 => Self::Rolling,
            Some(_) => Self::Hilly,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Unknown => "",
            Self::Flat => "flat",
            Self::Rolling => "rolling",
            Self::Hilly => "hilly",
        }
    }
}

/// A run as the like-for-like comparison reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparable {
    pub kind: RunType,
    pub terrain: Terrain,
    pub moving_s: f64,
    pub km: f64,
    /// s/km.
    pub pace: f64,
    pub vdot: f64,
    pub rpe: Option<f64>,
}

impl Comparable {
    /// A run whose average pace says how it went: continuous running (easy, long,
    /// recovery, tempo) and races, of 1.5 km or more at a plausible pace. Intervals
    /// and hills are left out (their average includes the recoveries), as is
    /// cross-training.
    pub fn of(run: &Run) -> Option<Self> {
        if !matches!(
            run.kind,
            RunType::Easy | RunType::Long | RunType::Recovery | RunType::Tempo | RunType::Race
        ) {
            return None;
        }
        let effort = best_effort(run)?;
        let km = effort.distance_m / METRES_PER_KM;
        Some(Self {
            kind: run.kind,
            terrain: Terrain::of(run, km),
            moving_s: effort.time_s,
            km,
            pace: effort.time_s / km,
            vdot: effort.vdot,
            rpe: run.rpe.map(|r| f64::from(r.value())),
        })
    }

    /// The same session: same type and terrain, and the same moving time or the
    /// same distance within 20 %.
    pub fn matches(&self, other: &Self) -> bool {
        let close = |a: f64, b: f64| a.max(b) <= SAME_LENGTH * a.min(b);
        self.kind == other.kind
            && self.terrain == other.terrain
            && (close(self.moving_s, other.moving_s) || close(self.km, other.km))
    }
}

/// One session type on one terrain, compared: each recent run against the earlier
/// runs it matches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupChange {
    pub kind: RunType,
    pub terrain: Terrain,
    /// Mean moving time of its recent runs, in minutes.
    pub minutes: f64,
    /// Earlier runs matched, and recent runs that matched any.
    pub earlier_runs: usize,
    pub recent_runs: usize,
    /// Mean pace (s/km) and VDOT then (each recent run's matches, averaged) and now.
    pub earlier_pace: f64,
    pub recent_pace: f64,
    pub earlier_vdot: f64,
    pub recent_vdot: f64,
}

impl GroupChange {
    /// VDOT now against then, in percent: positive is faster.
    pub fn vdot_change_pct(&self) -> f64 {
        (self.recent_vdot / self.earlier_vdot - 1.0) * 100.0
    }
}

/// Like-for-like runs compared between two windows (days ago): every recent run
/// held against the earlier runs of the same session (see [`Comparable::matches`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LikeForLike {
    /// By session type and terrain.
    pub groups: Vec<GroupChange>,
    pub earlier_runs: usize,
    pub recent_runs: usize,
    /// Mean pace then and now (s/km), over the matched recent runs.
    pub earlier_pace: f64,
    pub recent_pace: f64,
    /// The same for the runner's own ratings, over matched rated runs; `None`
    /// without.
    pub rpe: Option<(f64, f64)>,
}

impl LikeForLike {
    /// Pace now against then, in percent: positive is slower.
    pub fn slower_pct(&self) -> f64 {
        (self.recent_pace / self.earlier_pace - 1.0) * 100.0
    }

    /// The change of VDOT over every group, weighted by their recent runs, in
    /// percent: positive is faster.
    pub fn vdot_change_pct(&self) -> f64 {
        let (mut w, mut sum) = (0.0, 0.0);
        for g in &self.groups {
            #[allow(clippy::cast_precision_loss)] // runs
            let weight = g.recent_runs as f64;
            w += weight;
            sum += weight * g.vdot_change_pct();
        }
        if w > 0.0 { sum / w } else { 0.0 }
    }

    /// The group with the most recent runs (the earliest on ties): the session
    /// the runner repeats most, for the card's example.
    pub fn main_group(&self) -> Option<&GroupChange> {
        self.groups.iter().rev().max_by_key(|g| g.recent_runs)
    }
}

/// Sums over the matched recent runs of one group.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    runs: usize,
    seconds: f64,
    earlier_pace: f64,
    recent_pace: f64,
    earlier_vdot: f64,
    recent_vdot: f64,
}

fn mean(total: f64, n: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)] // runs
    let n = n.max(1) as f64;
    total / n
}

/// Compares the comparable runs of `aged` (days ago, run) aged `recent` with those
/// aged `earlier`. `None` when no recent run matches an earlier one.
pub fn like_for_like<'r>(
    aged: impl IntoIterator<Item = (i64, &'r Run)>,
    recent: std::ops::Range<i64>,
    earlier: std::ops::Range<i64>,
) -> Option<LikeForLike> {
    let (mut now, mut then) = (Vec::new(), Vec::new());
    for (ago, run) in aged {
        let side = if recent.contains(&ago) {
            &mut now
        } else if earlier.contains(&ago) {
            &mut then
        } else {
            continue;
        };
        side.extend(Comparable::of(run));
    }
    let mut groups: std::collections::BTreeMap<(RunType, Terrain), Sums> = std::collections::BTreeMap::new();
    let mut matched_then = vec![false; then.len()];
    let (mut rated, mut earlier_rpe, mut recent_rpe) = (0usize, 0.0, 0.0);
    for r in &now {
        let (mut n, mut pace, mut vdot, mut rpe_n, mut rpe) = (0usize, 0.0, 0.0, 0usize, 0.0);
        for (e, seen) in then.iter().zip(matched_then.iter_mut()).filter(|(e, _)| r.matches(e)) {
            *seen = true;
            n += 1;
            pace += e.pace;
            vdot += e.vdot;
            if let Some(x) = e.rpe {
                rpe_n += 1;
                rpe += x;
            }
        }
        if n == 0 {
            continue;
        }
        let g = groups.entry((r.kind, r.terrain)).or_default();
        g.runs += 1;
        g.seconds += r.moving_s;
        g.earlier_pace += mean(pace, n);
        g.recent_pace += r.pace;
        g.earlier_vdot += mean(vdot, n);
        g.recent_vdot += r.vdot;
        if let (Some(x), true) = (r.rpe, rpe_n > 0) {
            rated += 1;
            earlier_rpe += mean(rpe, rpe_n);
            recent_rpe += x;
        }
    }
    let (mut runs, mut earlier_pace, mut recent_pace) = (0usize, 0.0, 0.0);
    let changes: Vec<GroupChange> = groups
        .into_iter()
        .map(|((kind, terrain), s)| {
            runs += s.runs;
            earlier_pace += s.earlier_pace;
            recent_pace += s.recent_pace;
            GroupChange {
                kind,
                terrain,
                minutes: mean(s.seconds, s.runs) / 60.0,
                earlier_runs: then
                    .iter()
                    .zip(&matched_then)
                    .filter(|(e, seen)| **seen && e.kind == kind && e.terrain == terrain)
                    .count(),
                recent_runs: s.runs,
                earlier_pace: mean(s.earlier_pace, s.runs),
                recent_pace: mean(s.recent_pace, s.runs),
                earlier_vdot: mean(s.earlier_vdot, s.runs),
                recent_vdot: mean(s.recent_vdot, s.runs),
            }
        })
        .collect();
    let out = LikeForLike {
        earlier_runs: matched_then.iter().filter(|m| **m).count(),
        recent_runs: runs,
        earlier_pace: mean(earlier_pace, runs),
        recent_pace: mean(recent_pace, runs),
        rpe: (rated > 0).then(|| (mean(earlier_rpe, rated), mean(recent_rpe, rated))),
        groups: changes,
    };
    let finite = out.earlier_pace.is_finite()
        && out.recent_pace.is_finite()
        && out.groups.iter().all(|g| g.vdot_change_pct().is_finite());
    (runs > 0 && finite).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::sample_run;

    fn close(actual: Option<f64>, expected: f64, tolerance: f64) -> bool {
        actual.is_some_and(|a| (a - expected).abs() <= tolerance)
    }

    #[test]
    fn vdot_matches_daniels_tables() {
        // The worked values of the formula.
        assert!(close(vdot(5000.0, 1200.0), 49.81, 0.01), "{:?}", vdot(5000.0, 1200.0));
        assert!(close(vdot(10_000.0, 3000.0), 40.01, 0.01), "{:?}", vdot(10_000.0, 3000.0));
        // Daniels' Running Formula, VDOT 50 row: 5 km 19:57, 10 km 41:21,
        // half marathon 1:31:35, marathon 3:10:49.
        for (d, t) in [(5000.0, 1197.0), (10_000.0, 2481.0), (21_097.5, 5495.0), (MARATHON_M, 11_449.0)] {
            assert!(close(vdot(d, t), 50.0, 0.3), "{d} m in {t} s: {:?}", vdot(d, t));
        }
        // VDOT 40 row: 5 km 24:08.
        assert!(close(vdot(5000.0, 1448.0), 40.0, 0.3));
    }

    #[test]
    fn riegel_matches_the_published_example() {
        // 5 km in 20:00 → 10 km in 41:42 (1200 × 2^1.06 = 2501.9 s).
        assert!(close(predict_time(5000.0, 1200.0, 10_000.0), 2501.9, 0.1));
        // And back again.
        assert!(close(predict_time(10_000.0, 2501.9, 5000.0), 1200.0, 0.1));
        // Same distance: same time.
        assert!(close(predict_time(5000.0, 1200.0, 5000.0), 1200.0, 1e-9));
    }

    #[test]
    fn riegel_matches_published_tables() {
        // Riegel tables published by race-time calculators, to the second:
        // train.inquilinos.me (from a 22:00 5 km) and usecalcpro.com (from 25:00).
        let tables = [
            ("22:00", [(10_000.0, "45:52"), (21_097.5, "1:41:12"), (MARATHON_M, "3:31:00")]),
            ("25:00", [(10_000.0, "52:07"), (21_097.5, "1:55:00"), (MARATHON_M, "3:59:47")]),
        ];
        for (five_k, rows) in tables {
            for (distance, want) in rows {
                let got = predict_time(5000.0, clock(five_k), distance).unwrap();
                assert!((got - clock(want)).abs() <= 1.0, "{five_k} → {distance} m: {got} vs {want}");
            }
        }
    }

    #[test]
    fn out_of_range_is_none_never_nan() {
        assert_eq!(vdot(800.0, 120.0), None); // shorter than 1500 m
        assert_eq!(vdot(50_000.0, 18_000.0), None); // longer than a marathon
        assert_eq!(vdot(5000.0, 0.0), None);
        assert_eq!(vdot(5000.0, -1.0), None);
        assert_eq!(vdot(5000.0, f64::NAN), None);
        assert_eq!(vdot(f64::INFINITY, 1200.0), None);
        assert_eq!(vdot(5000.0, 300.0), None); // 1:00 /km: a typo, not a run
        assert_eq!(vdot(5000.0, 7200.0), None); // 24:00 /km: a walk with stops
        assert_eq!(predict_time(5000.0, 1200.0, 100_000.0), None);
        assert_eq!(predict_time(400.0, 60.0, 5000.0), None);
        assert_eq!(predict_time(5000.0, f64::NAN, 10_000.0), None);
        assert_eq!(time_for_vdot(f64::NAN, 5000.0), None);
        assert_eq!(time_for_vdot(500.0, 5000.0), None);
        assert_eq!(time_for_vdot(50.0, 100.0), None);
    }

    #[test]
    fn every_plausible_input_gives_a_finite_answer() {
        for d in [1500.0, 3000.0, 5000.0, 10_000.0, 21_097.5, MARATHON_M, 43_000.0] {
            let km = d / 1000.0;
            let mut previous = f64::INFINITY;
            for step in 0..=108 {
                let t = (120.0 + f64::from(step) * 10.0) * km;
                let v = vdot(d, t);
                assert!(v.is_some_and(f64::is_finite), "{d} m in {t} s: {v:?}");
                // VDOT falls as the time grows, which the bisection relies on.
                let v = v.unwrap_or(f64::NAN);
                assert!(v < previous, "{d} m: VDOT not falling at {t} s");
                previous = v;
                assert!(predict_time(d, t, 5000.0).is_some_and(f64::is_finite));
            }
        }
    }

    #[test]
    fn race_equivalent_time_inverts_vdot() {
        assert!(close(time_for_vdot(49.81, 5000.0), 1200.0, 0.5));
        // VDOT 50 → 5 km in about 19:57 in Daniels' table.
        assert!(close(time_for_vdot(50.0, 5000.0), 1197.0, 3.0));
        for d in [1500.0, 10_000.0, MARATHON_M] {
            let t = time_for_vdot(45.0, d).unwrap_or(f64::NAN);
            assert!(close(vdot(d, t), 45.0, 1e-6));
        }
    }

    #[test]
    fn oxygen_cost_inverts() {
        for v in [150.0, 200.0, 250.0, 350.0] {
            assert!(close(speed_for_oxygen_cost(oxygen_cost(v)), v, 1e-9));
        }
        assert_eq!(speed_for_oxygen_cost(0.0), None);
        assert_eq!(speed_for_oxygen_cost(f64::NAN), None);
    }

    /// Seconds per km from a pace per mile.
    fn per_km(min: f64, s: f64) -> f64 {
        (min * 60.0 + s) / 1.609_344
    }

    #[test]
    fn training_paces_match_daniels_tables() {
        // Daniels' Running Formula (2nd ed.), VDOT 49 row: E 8:40 /mi, M 7:24 /mi,
        // T 4:20 /km, I 3:59 /km, R 1:29 per 400 m. Each sits in its band; T is the
        // band's fast end (88 %), I its middle.
        let band = |i| training_pace(49.0, i).unwrap();
        assert!(band(Intensity::Easy).contains(per_km(8.0, 40.0)), "{:?}", band(Intensity::Easy));
        assert!(band(Intensity::Marathon).contains(per_km(7.0, 24.0)), "{:?}", band(Intensity::Marathon));
        assert!((band(Intensity::Threshold).fast_s_per_km - 260.0).abs() < 2.0);
        assert!(band(Intensity::Interval).contains(239.0));
        assert!(band(Intensity::Repetition).contains(89.0 * 2.5));
        // VDOT 50: M pace is marathon race pace, 3:10:49 / 42.195 km = 4:31 /km.
        let m = training_pace(50.0, Intensity::Marathon).unwrap();
        assert!(m.contains(11_449.0 / 42.195), "{m:?}");
        // E at VDOT 50 over the 62–70 % band: about 5:08–5:40 /km.
        let e = training_pace(50.0, Intensity::Easy).unwrap();
        assert!((e.fast_s_per_km - 308.0).abs() < 2.0 && (e.slow_s_per_km - 340.0).abs() < 2.0, "{e:?}");
        // Faster intensities, faster paces.
        let fast: Vec<f64> =
            Intensity::ALL.iter().map(|i| training_pace(50.0, *i).unwrap().fast_s_per_km).collect();
        assert!(fast.windows(2).all(|w| w[0] > w[1]), "{fast:?}");
    }

    /// "m:ss" as seconds.
    fn clock(s: &str) -> f64 {
        s.split(':').fold(0.0, |t, part| t * 60.0 + part.parse::<f64>().unwrap())
    }

    #[test]
    fn easy_pace_matches_daniels_calculator() {
        // E ranges from Daniels' calculator (vdoto2.com) for race times, per km:
        // (race distance, race time, fast end of E, slow end of E). 62–70 % of VDOT
        // meets them to the second from VDOT 42 up; below it Daniels' E creeps up
        // towards M and 62–70 % stays a few seconds slower.
        let table = [
            (MARATHON_M, "2:30:00", "4:04", "4:30"),
            (MARATHON_M, "3:00:00", "4:51", "5:21"),
            (MARATHON_M, "3:30:00", "5:37", "6:11"),
            (MARATHON_M, "4:00:00", "6:20", "6:57"),
            (21_097.5, "1:30:00", "5:02", "5:33"),
            (21_097.5, "2:00:00", "6:27", "7:05"),
        ];
        for (distance, time, fast, slow) in table {
            let v = vdot(distance, clock(time)).unwrap();
            let e = training_pace(v, Intensity::Easy).unwrap();
            assert!((e.fast_s_per_km - clock(fast)).abs() <= 10.0, "{time}: {e:?} vs {fast}");
            assert!((e.slow_s_per_km - clock(slow)).abs() <= 10.0, "{time}: {e:?} vs {slow}");
        }
        // The fast end of E stays clearly slower than marathon race pace, at least
        // 10 % (about 30 s/km for most runners), across the tables.
        for v in [30.0, 40.0, 50.0, 60.0, 70.0, 80.0] {
            let e = training_pace(v, Intensity::Easy).unwrap();
            let marathon_pace = time_for_vdot(v, MARATHON_M).unwrap() / (MARATHON_M / 1000.0);
            assert!(e.fast_s_per_km >= 1.1 * marathon_pace, "VDOT {v}: E {e:?}, M {marathon_pace}");
        }
    }

    #[test]
    fn training_paces_outside_the_tables_are_none() {
        for bad in [f64::NAN, f64::INFINITY, 0.0, 10.0, 95.0] {
            for i in Intensity::ALL {
                assert_eq!(training_pace(bad, i), None, "{bad} {i:?}");
            }
        }
        let letters: Vec<&str> = Intensity::ALL.iter().map(|i| i.letter()).collect();
        assert_eq!(letters, ["E", "M", "T", "I", "R"]);
        assert_eq!(Intensity::Threshold.label(), "Threshold");
    }

    fn run(date: &str, kind: RunType, minutes: u32, km: Option<f64>) -> Run {
        sample_run(0, &format!("{date}T07:00:00+01:00"), kind, f64::from(minutes), km.unwrap_or(0.0))
    }

    #[test]
    fn best_efforts_skip_cross_training_and_short_runs() {
        let race = run("2026-03-01", RunType::Race, 20, Some(5.0));
        let effort = best_effort(&race).unwrap();
        assert!(effort.race && close(Some(effort.vdot), 49.81, 0.01));
        assert!(!best_effort(&run("2026-03-01", RunType::Easy, 30, Some(5.0))).unwrap().race);
        assert_eq!(best_effort(&run("2026-03-01", RunType::Cross, 30, None)), None);
        assert_eq!(best_effort(&run("2026-03-01", RunType::Easy, 6, Some(1.2))), None);
        assert_eq!(best_effort(&run("2026-03-01", RunType::Easy, 30, None)), None);
    }

    #[test]
    fn like_for_like_compares_the_same_session_on_the_same_terrain() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let at = |ago: i64, kind: RunType, minutes: f64, km: f64, climb: Option<f64>| {
            let d = today - Duration::days(ago);
            Run {
                elevation_gain_m: climb,
                ..sample_run(1, &format!("{d}T07:00:00+01:00"), kind, minutes, km)
            }
        };
        let runs = [
            // Flat 30-minute easy runs: 6:00 /km then 6:18 /km (5 % slower).
            at(40, RunType::Easy, 30.0, 5.0, Some(20.0)),
            at(50, RunType::Easy, 30.0, 5.0, Some(20.0)),
            at(5, RunType::Easy, 31.5, 5.0, Some(20.0)),
            at(10, RunType::Easy, 31.5, 5.0, Some(20.0)),
            // The same easy run on a hilly route is another group, only now.
            at(3, RunType::Easy, 36.0, 5.0, Some(200.0)),
            // Tempo for hills: never compared with each other.
            at(45, RunType::Tempo, 25.0, 5.0, None),
            at(4, RunType::Hills, 40.0, 6.0, None),
        ];
        let c = like_for_like(
            runs.iter().map(|r| ((today - r.start.date_naive()).num_days(), r)),
            0..28,
            28..112,
        )
        .unwrap();
        assert_eq!(c.groups.len(), 1);
        assert_eq!((c.groups[0].kind, c.groups[0].terrain), (RunType::Easy, Terrain::Flat));
        assert_eq!((c.earlier_runs, c.recent_runs), (2, 2));
        assert!((c.slower_pct() - 5.0).abs() < 1e-9, "{c:?}");
        assert!(c.vdot_change_pct() < -5.0, "{}", c.vdot_change_pct());
        assert_eq!(c.rpe, Some((4.0, 4.0)));
        assert_eq!(c.main_group().map(|g| g.kind), Some(RunType::Easy));
        // Nothing in both windows: nothing to compare.
        assert!(like_for_like(runs.iter().map(|r| (3, r)), 0..28, 28..112).is_none());
        assert_eq!(Comparable::of(&at(3, RunType::Intervals, 40.0, 8.0, None)), None);
        // The same 5 km run faster: same distance, so still the same session; the
        // same 20 minutes further: same time, same session.
        let a = Comparable::of(&at(3, RunType::Tempo, 25.0, 5.0, None)).unwrap();
        assert!(a.matches(&Comparable::of(&at(3, RunType::Tempo, 21.0, 5.0, None)).unwrap()));
        assert!(a.matches(&Comparable::of(&at(3, RunType::Tempo, 25.0, 5.8, None)).unwrap()));
        assert!(!a.matches(&Comparable::of(&at(3, RunType::Tempo, 40.0, 8.0, None)).unwrap()));
    }

    #[test]
    fn blocks_hold_the_best_of_each_fortnight() {
        let end = NaiveDate::from_ymd_opt(2026, 3, 28).unwrap();
        let runs = [
            run("2026-02-27", RunType::Easy, 30, Some(5.0)), // before the first block
            run("2026-02-28", RunType::Easy, 30, Some(5.0)), // first day of block 0
            run("2026-03-02", RunType::Tempo, 25, Some(5.0)),
            run("2026-03-20", RunType::Long, 70, Some(12.0)),
            run("2026-03-27", RunType::Race, 21, Some(5.0)),
            run("2026-03-29", RunType::Race, 18, Some(5.0)), // after `end`
        ];
        let refs: Vec<&Run> = runs.iter().collect();
        let vdot_by_block =
            |runs: &[&Run], blocks| best_by_block(runs, end, blocks, |r| best_effort(r).map(|e| e.vdot));
        let v = vdot_by_block(&refs, 2);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0], vdot(5000.0, 1500.0));
        assert_eq!(v[1], vdot(5000.0, 1260.0));
        // The race is not a comfortable distance; the long run is.
        assert_eq!(longest_by_block(&refs, end, 2), vec![Some(5000.0), Some(12_000.0)]);
        assert_eq!(longest_by_block(&refs, end, 0), Vec::<Option<f64>>::new());
        assert_eq!(vdot_by_block(&[], 3), vec![None, None, None]);
    }
}
