//! How alike a runner's runs are: clusters of near-identical runs, the Shannon
//! entropy of session types, and how many routes, weekdays and times of day they
//! use. No validated index of training variety exists (see the domain notes), so
//! every measure here is Restride's own heuristic.
//!
//! A run's signature is what the article's stale runner repeats: its type, route
//! (when logged), and its moving time and pace on logarithmic steps of 10 % and 5 %.
//! A cluster is every run sharing type and route whose steps fall in two
//! neighbouring steps on each axis: each run within about ±10 % of the cluster's
//! central duration and ±5 % of its central pace. Distance is duration ÷ pace, so
//! it is covered too. Time of day and weekday are counted separately, not matched:
//! the same 20 minutes before work one day and after it the next is still the same
//! run.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use chrono::{Datelike, Timelike};

use crate::run::{Run, RunType};
use crate::settings::TimeOfDay;

/// Width of one duration step, as a ratio (10 %).
pub const DURATION_STEP: f64 = 1.10;
/// Width of one pace step, as a ratio (5 %).
pub const PACE_STEP: f64 = 1.05;
/// The axes a cluster spans: duration and pace.
const AXES: usize = 2;

/// The step a positive value falls on, counting steps of `ratio` from 1.
fn step(value: f64, ratio: f64) -> i32 {
    let s = (value.ln() / ratio.ln()).floor();
    // Clamped far beyond any real run (1 s to 72 h is steps 0 to 128 at 10 %), so
    // the cast cannot truncate; NaN maps to 0.
    #[allow(clippy::cast_possible_truncation)]
    let s = s.clamp(-10_000.0, 10_000.0) as i32;
    s
}

/// A route as typed, so "Park loop " and "park loop" are the same route; `None`
/// when not logged.
/// The multiply-rotate hash of rustc's FxHasher. The keys are the runner's own
/// runs, so there is no attacker to resist, and std's SipHash was over half of
/// the staleness detector's time in the browser (measured).
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.write_u64(u64::from(byte));
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

fn route_key(run: &Run) -> Option<String> {
    let route = run.route.trim();
    (!route.is_empty()).then(|| route.to_lowercase())
}

/// A run's signature: what must match exactly for two runs to share a cluster
/// (type, route, whether it has a pace) and its steps on the axes that may differ
/// a little: duration and pace (0 without one). Routes are numbered so a signature
/// is a small copyable key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Signature {
    kind: RunType,
    route: Option<usize>,
    /// Runs without a pace (cross-training, no distance) only cluster with each other.
    paced: bool,
    steps: [i32; AXES],
}

/// Two words rather than a derived field-by-field hash: hashing signatures was most
/// of the clustering's cost. Equal signatures hash equal; the map's `Eq` settles
/// the rest.
impl Hash for Signature {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let [duration, pace] = self.steps.map(|s| u64::from(s.cast_unsigned()));
        let route = self.route.map_or(0, |r| r as u64 + 1);
        state.write_u64(duration | pace << 32);
        state.write_u64((self.kind as u64) | u64::from(self.paced) << 8 | route << 9);
    }
}

impl Signature {
    fn of(run: &Run, route: Option<usize>) -> Self {
        let pace = run.pace_s_per_km().filter(|p| p.is_finite() && *p > 0.0).map(|p| step(p, PACE_STEP));
        Self {
            kind: run.kind,
            route,
            paced: pace.is_some(),
            steps: [step(f64::from(run.moving_s.max(1)), DURATION_STEP), pace.unwrap_or(0)],
        }
    }

    /// Whether `other` lies in the block with `self` as its lowest corner.
    fn covers(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.route == other.route
            && self.paced == other.paced
            && self.steps.iter().zip(other.steps).all(|(lo, x)| (*lo..=lo + 1).contains(&x))
    }
}

/// The largest group of near-identical runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub runs: usize,
    pub kind: RunType,
    /// The route as the runner last typed it, when logged.
    pub route: Option<String>,
    /// The time of day most of its runs start in (earliest on ties).
    pub time_of_day: TimeOfDay,
    pub mean_moving_s: f64,
    /// `None` for runs without a distance.
    pub mean_pace_s_per_km: Option<f64>,
}

/// Variety measures over a set of runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Variety {
    pub runs: usize,
    /// The largest cluster; `None` without runs.
    pub dominant: Option<Cluster>,
    /// Runs per session type, in [`RunType::ALL`] order.
    pub type_counts: [usize; RunType::ALL.len()],
    /// Shannon entropy of session types, in bits.
    pub type_entropy_bits: f64,
    pub distinct_routes: usize,
    pub distinct_weekdays: usize,
    pub distinct_times_of_day: usize,
}

/// Shannon entropy in bits, H = −Σ p·log2 p, of a distribution given as counts.
/// 0 for no counts.
pub fn shannon_entropy_bits(counts: &[usize]) -> f64 {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)] // counts of runs are far below 2^52
    let total = total as f64;
    let h: f64 = counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            #[allow(clippy::cast_precision_loss)]
            let p = c as f64 / total;
            -p * p.log2()
        })
        .sum();
    // A single type sums to −0.0, which would show as "-0.00 bits".
    if h > 0.0 { h } else { 0.0 }
}

impl Variety {
    /// Measures `runs`: one pass counts signatures into cells, three passes over
    /// the cells sum them into blocks, and a last pass over the runs averages the
    /// winning block. Linear in the runs.
    pub fn measure(runs: &[&Run]) -> Self {
        let mut route_ids: FxHashMap<String, usize> = FxHashMap::default();
        route_ids.reserve(runs.len());
        let mut signatures = Vec::with_capacity(runs.len());
        let mut cells: FxHashMap<Signature, usize> = FxHashMap::default();
        cells.reserve(runs.len());
        let mut type_counts = [0; RunType::ALL.len()];
        let (mut weekdays, mut times) = (0u8, 0u8);
        for run in runs {
            let next = route_ids.len();
            let route = route_key(run).map(|r| *route_ids.entry(r).or_insert(next));
            let sig = Signature::of(run, route);
            if let Some(i) = RunType::ALL.iter().position(|t| *t == run.kind) {
                type_counts[i] += 1;
            }
            weekdays |= 1 << run.start.weekday().num_days_from_monday();
            let time = TimeOfDay::of_hour(run.start.hour());
            times |= TimeOfDay::ALL.iter().position(|t| *t == time).map_or(0, |i| 1 << i);
            *cells.entry(sig).or_default() += 1;
            signatures.push(sig);
        }
        // Runs per block, keyed by the block's lowest corner, summed one axis at a
        // time: after each pass a key holds its own count plus its upper
        // neighbour's on that axis. A pass per axis of at most two updates per key, so
        // the cost stays linear however the runs spread. Ties go to the lowest
        // corner, so the answer never depends on the map's order.
        let mut blocks = cells;
        for axis in 0..AXES {
            let mut summed: FxHashMap<Signature, usize> =
                FxHashMap::with_capacity_and_hasher(blocks.len() * 2, BuildHasherDefault::default());
            for (sig, n) in &blocks {
                *summed.entry(*sig).or_default() += n;
                // Runs without a pace have no pace axis to spread along.
                if axis != 1 || sig.paced {
                    let mut lower = *sig;
                    lower.steps[axis] -= 1;
                    *summed.entry(lower).or_default() += n;
                }
            }
            blocks = summed;
        }
        let best = blocks.into_iter().max_by(|(a, n), (b, m)| n.cmp(m).then_with(|| b.cmp(a)));
        let dominant = best.map(|(corner, _)| Self::cluster(runs, &signatures, &corner));
        Self {
            runs: runs.len(),
            dominant,
            type_counts,
            type_entropy_bits: shannon_entropy_bits(&type_counts),
            distinct_routes: route_ids.len(),
            distinct_weekdays: weekdays.count_ones() as usize,
            distinct_times_of_day: times.count_ones() as usize,
        }
    }

    fn cluster(runs: &[&Run], signatures: &[Signature], corner: &Signature) -> Cluster {
        let (mut n, mut seconds, mut paced, mut pace_sum) = (0usize, 0.0, 0usize, 0.0);
        let mut times = [0usize; TimeOfDay::ALL.len()];
        let mut route = None;
        let members = runs.iter().zip(signatures).filter(|(_, s)| corner.covers(s));
        for (run, _) in members {
            n += 1;
            seconds += f64::from(run.moving_s);
            let time = TimeOfDay::of_hour(run.start.hour());
            if let Some(slot) = TimeOfDay::ALL.iter().position(|t| *t == time).and_then(|i| times.get_mut(i))
            {
                *slot += 1;
            }
            if let Some(p) = run.pace_s_per_km() {
                paced += 1;
                pace_sum += p;
            }
            route = Some(run.route.trim().to_string()).filter(|r| !r.is_empty());
        }
        #[allow(clippy::cast_precision_loss)] // counts of runs are far below 2^52
        let mean = |sum: f64, count: usize| sum / count.max(1) as f64;
        let most =
            times.iter().enumerate().max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i))).map_or(0, |(i, _)| i);
        Cluster {
            runs: n,
            kind: corner.kind,
            route,
            time_of_day: TimeOfDay::ALL.get(most).copied().unwrap_or(TimeOfDay::Morning),
            mean_moving_s: mean(seconds, n),
            mean_pace_s_per_km: (paced > 0).then(|| mean(pace_sum, paced)),
        }
    }

    /// The share of runs in the dominant cluster, 0–1 (0 without runs).
    pub fn dominant_share(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)] // counts of runs are far below 2^52
        self.dominant.as_ref().map_or(0.0, |c| c.runs as f64 / self.runs.max(1) as f64)
    }

    /// Type entropy divided by its maximum, log2 of the number of session types: 0
    /// when every run is one type, 1 when all types are used equally.
    pub fn type_entropy_normalised(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)] // eight types
        let max = (RunType::ALL.len() as f64).log2();
        self.type_entropy_bits / max
    }

    /// The effective number of session types, 2^H: as varied as this many types
    /// used equally often.
    pub fn effective_types(&self) -> f64 {
        self.type_entropy_bits.exp2()
    }

    pub fn distinct_types(&self) -> usize {
        self.type_counts.iter().filter(|&&c| c > 0).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::sample_run;

    use chrono::Duration;

    fn run(day: i64, hour: u32, kind: RunType, seconds: u32, km: f64, route: &str) -> Run {
        let run = sample_run(0, &format!("2026-01-05T{hour:02}:00:00+01:00"), kind, 0.0, km);
        Run { start: run.start + Duration::days(day), moving_s: seconds, route: route.into(), ..run }
    }

    fn measure(runs: &[Run]) -> Variety {
        Variety::measure(&runs.iter().collect::<Vec<_>>())
    }

    #[test]
    fn entropy_in_bits() {
        assert!(shannon_entropy_bits(&[]).abs() < 1e-12);
        assert!(shannon_entropy_bits(&[5, 0, 0]).is_sign_positive());
        assert!(shannon_entropy_bits(&[5, 0, 0]).abs() < 1e-12);
        assert!((shannon_entropy_bits(&[3, 3]) - 1.0).abs() < 1e-12);
        assert!((shannon_entropy_bits(&[1, 1, 1, 1]) - 2.0).abs() < 1e-12);
        // 80/20: 0.722 bits.
        assert!((shannon_entropy_bits(&[8, 2]) - 0.7219).abs() < 1e-4);
    }

    #[test]
    fn the_same_run_with_small_wobbles_is_one_cluster() {
        // 20 min ± 5 % at 5:33 /km ± 2 %, Tuesday and Friday evenings.
        let runs: Vec<Run> = (0..20)
            .map(|i| {
                let wobble = [0.97, 1.0, 1.03, 0.99, 1.02][i % 5];
                let km = 3.6 * [1.0, 0.99, 1.01, 1.0, 1.02][(i + 2) % 5];
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let seconds = (1200.0 * wobble) as u32;
                run(i64::try_from(i).unwrap() * 3 + 1, 18, RunType::Easy, seconds, km, "Block loop ")
            })
            .collect();
        let v = measure(&runs);
        let c = v.dominant.clone().unwrap();
        assert_eq!((c.runs, c.kind, c.time_of_day), (20, RunType::Easy, TimeOfDay::Evening));
        assert_eq!(c.route.as_deref(), Some("Block loop"));
        assert!((c.mean_moving_s - 1200.0).abs() < 15.0);
        assert!((c.mean_pace_s_per_km.unwrap() - 333.0).abs() < 5.0);
        assert!((v.dominant_share() - 1.0).abs() < 1e-12);
        assert!(v.type_entropy_bits.abs() < 1e-12);
        assert!((v.effective_types() - 1.0).abs() < 1e-12);
        assert_eq!((v.distinct_types(), v.distinct_routes, v.distinct_times_of_day), (1, 1, 1));
        assert!(v.distinct_weekdays >= 2);
    }

    #[test]
    fn different_runs_split_into_clusters() {
        let mut runs = Vec::new();
        for week in 0..4 {
            let d = week * 7;
            runs.push(run(d, 7, RunType::Easy, 1800, 5.5, "park"));
            runs.push(run(d + 2, 18, RunType::Tempo, 2400, 8.0, "river"));
            runs.push(run(d + 4, 12, RunType::Intervals, 2700, 8.5, "track"));
            runs.push(run(d + 6, 8, RunType::Long, 5400 + 300 * u32::try_from(week).unwrap(), 15.0, "hills"));
        }
        // Same type, route and time as the park run but 30 % longer: another cluster.
        runs.push(run(30, 7, RunType::Easy, 2340, 7.2, "park"));
        let v = measure(&runs);
        let c = v.dominant.clone().unwrap();
        assert_eq!(c.runs, 4);
        assert!((v.dominant_share() - 4.0 / 17.0).abs() < 1e-12);
        assert_eq!((v.distinct_types(), v.distinct_routes, v.distinct_times_of_day), (4, 4, 3));
        assert!(v.type_entropy_bits > 1.9 && v.type_entropy_bits <= 2.0);
        assert!((v.type_entropy_normalised() - v.type_entropy_bits / 3.0).abs() < 1e-12);
    }

    #[test]
    fn pace_and_route_each_split_a_cluster_and_the_time_of_day_does_not() {
        let base = run(0, 7, RunType::Easy, 1800, 6.0, "park");
        let faster = run(1, 7, RunType::Easy, 1800, 6.8, "park"); // 13 % faster
        let elsewhere = run(3, 7, RunType::Easy, 1800, 6.0, "canal");
        let v = measure(&[base.clone(), faster, elsewhere, base.clone()]);
        assert_eq!(v.dominant.map(|c| c.runs), Some(2));
        // The same run before work and after it: one cluster, mostly in the evening.
        let evening = run(2, 18, RunType::Easy, 1800, 6.0, "park");
        let v = measure(&[base, evening.clone(), evening]);
        let c = v.dominant.unwrap();
        assert_eq!((c.runs, c.time_of_day), (3, TimeOfDay::Evening));
        assert_eq!(v.distinct_times_of_day, 2);
    }

    #[test]
    fn runs_without_pace_cluster_together_and_nothing_is_nan() {
        let v =
            measure(&[run(0, 7, RunType::Cross, 1800, 0.0, ""), run(1, 7, RunType::Cross, 1750, 0.0, "")]);
        let c = v.dominant.clone().unwrap();
        assert_eq!((c.runs, c.mean_pace_s_per_km, c.route), (2, None, None));
        assert_eq!(v.distinct_routes, 0);
        let empty = measure(&[]);
        assert_eq!((empty.runs, empty.dominant.is_none()), (0, true));
        for x in [empty.dominant_share(), empty.type_entropy_bits, empty.type_entropy_normalised()] {
            assert!(x.is_finite() && x.abs() < 1e-12);
        }
        // A zero-length run does not break the steps.
        let zero = measure(&[run(0, 7, RunType::Easy, 0, 5.0, "")]);
        assert_eq!(zero.dominant.map(|c| c.runs), Some(1));
    }
}
