//! How hard a run was on Foster's CR-10 scale, for the load measures: the runner's
//! own rating when they gave one, otherwise an estimate. Imported runs often carry
//! no rating (GPX and TCX have no field for it), and leaving them out would make an
//! imported history look like rest.
//!
//! Only continuous easy running (easy, long and recovery runs) is estimated from
//! pace: the average pace of intervals, hills, a tempo run with its warm-up or a
//! race says little about how hard it was (intervals average out near easy pace),
//! so an unrated quality session, race or strength session gets its session type's
//! typical rating instead.
//!
//! The estimate reads pace against the runner's own usual easy pace (the median
//! over the analysis's year, so it follows the runner's current fitness): Daniels'
//! training intensities put easy running at 59–74 % of VO2max, threshold at 83–88 %
//! and intervals at 95–100 %, which for most runners is threshold about 20 % and
//! intervals about 33 % faster than easy pace. Anchoring easy pace at RPE 3.5
//! (between Foster's "moderate" and "somewhat hard") and rising 1.5 points per 10 %
//! of speed puts threshold near 6.5 and intervals near 8.5, where the CR-10 labels
//! "hard" to "very hard" sit. The mapping is Restride's own heuristic; a runner's
//! rating always wins over it. Without a pace (no distance) the session type's
//! typical rating is used too.

use crate::run::{Run, RunType};

/// The easy-pace anchor on the CR-10 scale.
const EASY_RPE: f64 = 3.5;
/// CR-10 points per unit of speed ratio (1.5 points per 10 % faster than easy).
const RPE_PER_SPEED_RATIO: f64 = 15.0;
/// The estimate stays inside what a training run plausibly is: never "rest", never
/// "maximal".
const ESTIMATE_RANGE: (f64, f64) = (1.0, 9.5);
/// Logged ratings at or below this count as easy for the reference pace (Seiler's
/// easy zone read from RPE, as in [`super::metrics::EASY_MAX_RPE`]).
const EASY_MAX_RPE: u8 = super::metrics::EASY_MAX_RPE;

/// Where a run's effort number came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EffortSource {
    Logged,
    /// Estimated from pace against the runner's usual easy pace.
    Pace,
    /// The typical rating of the session type.
    Kind,
}

/// The runner's reference for estimating missing ratings, built once per analysis.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct EffortScale {
    /// Median pace (s/km) of the runner's easy runs: rated easy, or of an easy
    /// type when unrated. `None` without any.
    pub easy_pace_s_per_km: Option<f64>,
}

impl EffortScale {
    pub fn of<'r>(runs: impl IntoIterator<Item = &'r Run>) -> Self {
        let mut paces: Vec<f64> = runs
            .into_iter()
            .filter(|r| match r.rpe {
                Some(rpe) => rpe.value() <= EASY_MAX_RPE,
                None => matches!(r.kind, RunType::Easy | RunType::Long | RunType::Recovery),
            })
            .filter_map(Run::pace_s_per_km)
            .filter(|p| p.is_finite())
            .collect();
        // The middle value, as sorting would place it, without sorting the history.
        let mid = paces.len() / 2;
        let easy_pace_s_per_km =
            (!paces.is_empty()).then(|| *paces.select_nth_unstable_by(mid, f64::total_cmp).1);
        Self { easy_pace_s_per_km }
    }

    /// The run's CR-10 effort and where it came from.
    pub fn rate(&self, run: &Run) -> (f64, EffortSource) {
        if let Some(rpe) = run.rpe {
            return (f64::from(rpe.value()), EffortSource::Logged);
        }
        let from_pace = self.easy_pace_s_per_km.zip(run.pace_s_per_km()).and_then(|(easy, pace)| {
            let estimate = EASY_RPE + (easy / pace - 1.0) * RPE_PER_SPEED_RATIO;
            estimate.is_finite().then(|| estimate.clamp(ESTIMATE_RANGE.0, ESTIMATE_RANGE.1))
        });
        match from_pace {
            Some(rpe) if paced_by_effort(run.kind) => (rpe, EffortSource::Pace),
            _ => (typical_rpe(run.kind), EffortSource::Kind),
        }
    }

    pub fn rpe(&self, run: &Run) -> f64 {
        self.rate(run).0
    }
}

/// Whether a run's average pace says how hard it was: continuous easy running.
fn paced_by_effort(kind: RunType) -> bool {
    matches!(kind, RunType::Easy | RunType::Long | RunType::Recovery)
}

/// A session type's usual CR-10 rating, from the intensities Daniels prescribes
/// for it (easy and long at E pace, tempo at T, intervals at I, hills near I).
fn typical_rpe(kind: RunType) -> f64 {
    match kind {
        RunType::Recovery => 2.0,
        RunType::Easy | RunType::Cross => 3.0,
        RunType::Long => 4.0,
        RunType::Tempo => 6.5,
        RunType::Hills => 7.0,
        RunType::Intervals => 8.0,
        RunType::Race => 9.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Rpe;
    use crate::testing::sample_run;

    fn unrated(kind: RunType, minutes: f64, km: f64) -> Run {
        Run { rpe: None, ..sample_run(1, "2026-03-02T07:00:00+01:00", kind, minutes, km) }
    }

    #[test]
    fn a_logged_rating_wins() {
        let scale = EffortScale { easy_pace_s_per_km: Some(360.0) };
        let run = Run { rpe: Rpe::new(8), ..unrated(RunType::Easy, 30.0, 5.0) };
        assert_eq!(scale.rate(&run), (8.0, EffortSource::Logged));
    }

    #[test]
    #[allow(clippy::float_cmp)] // clamped to exact bounds
    fn pace_against_easy_pace() {
        let scale = EffortScale { easy_pace_s_per_km: Some(360.0) };
        // At easy pace: the anchor.
        assert_eq!(scale.rate(&unrated(RunType::Easy, 30.0, 5.0)), (3.5, EffortSource::Pace));
        // An easy run 20 % faster (300 s/km): 3.5 + 0.2 × 15 = 6.5, threshold territory.
        let (fast, _) = scale.rate(&unrated(RunType::Easy, 25.0, 5.0));
        assert!((fast - 6.5).abs() < 1e-9, "{fast}");
        // Far faster or slower stays inside 1–9.5.
        assert_eq!(scale.rpe(&unrated(RunType::Long, 10.0, 5.0)), 9.5);
        assert_eq!(scale.rpe(&unrated(RunType::Recovery, 60.0, 5.0)), 1.0);
        // Quality sessions and races by their type, whatever their average pace:
        // intervals averaging easy pace were still hard.
        assert_eq!(scale.rate(&unrated(RunType::Intervals, 30.0, 5.0)), (8.0, EffortSource::Kind));
        assert_eq!(scale.rate(&unrated(RunType::Hills, 40.0, 5.5)), (7.0, EffortSource::Kind));
        assert_eq!(scale.rate(&unrated(RunType::Tempo, 25.0, 5.0)), (6.5, EffortSource::Kind));
        assert_eq!(scale.rate(&unrated(RunType::Race, 10.0, 5.0)), (9.0, EffortSource::Kind));
    }

    #[test]
    fn without_pace_or_reference_the_type_decides() {
        let scale = EffortScale::default();
        assert_eq!(scale.rate(&unrated(RunType::Intervals, 40.0, 8.0)), (8.0, EffortSource::Kind));
        let with_pace = EffortScale { easy_pace_s_per_km: Some(360.0) };
        assert_eq!(with_pace.rate(&unrated(RunType::Cross, 40.0, 0.0)), (3.0, EffortSource::Kind));
    }

    #[test]
    fn reference_is_the_median_easy_pace() {
        let runs = [
            Run { rpe: Rpe::new(3), ..sample_run(1, "2026-03-02T07:00:00+01:00", RunType::Easy, 30.0, 5.0) },
            Run { rpe: Rpe::new(2), ..sample_run(2, "2026-03-03T07:00:00+01:00", RunType::Easy, 35.0, 5.0) },
            Run { rpe: Rpe::new(4), ..sample_run(3, "2026-03-04T07:00:00+01:00", RunType::Easy, 32.5, 5.0) },
            // Hard runs and unrated hard types do not move the reference.
            Run { rpe: Rpe::new(8), ..sample_run(4, "2026-03-05T07:00:00+01:00", RunType::Tempo, 20.0, 5.0) },
            unrated(RunType::Intervals, 18.0, 5.0),
        ];
        assert_eq!(EffortScale::of(&runs).easy_pace_s_per_km, Some(390.0));
        assert_eq!(EffortScale::of(&[]).easy_pace_s_per_km, None);
    }
}
