//! Race performance from a runner's own runs: Riegel's race-time prediction,
//! Daniels' VDOT, the best effort in each run, and how the best effort and the
//! longest run move in two-week blocks.
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

    /// The share of VO2max each intensity runs at (Daniels' Running Formula: E
    /// 59–74 %, M 75–84 %, T 83–88 %, I 95–100 %). R has no band: it is faster
    /// than I, so it is read from race pace instead (see [`training_pace`]).
    fn vo2_share(self) -> Option<(f64, f64)> {
        match self {
            Self::Easy => Some((0.59, 0.74)),
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

/// The best VDOT per two-week block (see [`best_by_block`]): a race-equivalent trend.
pub fn vdot_by_block(runs: &[&Run], end: NaiveDate, blocks: usize) -> Vec<Option<f64>> {
    best_by_block(runs, end, blocks, |r| best_effort(r).map(|e| e.vdot))
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
        // E at VDOT 50 is about 4:54–5:52 /km over the whole 59–74 % band.
        let e = training_pace(50.0, Intensity::Easy).unwrap();
        assert!((e.fast_s_per_km - 293.5).abs() < 1.0 && (e.slow_s_per_km - 351.9).abs() < 1.0, "{e:?}");
        // Faster intensities, faster paces.
        let fast: Vec<f64> =
            Intensity::ALL.iter().map(|i| training_pace(50.0, *i).unwrap().fast_s_per_km).collect();
        assert!(fast.windows(2).all(|w| w[0] > w[1]), "{fast:?}");
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
        let v = vdot_by_block(&refs, end, 2);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0], vdot(5000.0, 1500.0));
        assert_eq!(v[1], vdot(5000.0, 1260.0));
        // The race is not a comfortable distance; the long run is.
        assert_eq!(longest_by_block(&refs, end, 2), vec![Some(5000.0), Some(12_000.0)]);
        assert_eq!(longest_by_block(&refs, end, 0), Vec::<Option<f64>>::new());
        assert_eq!(vdot_by_block(&[], end, 3), vec![None, None, None]);
    }
}
