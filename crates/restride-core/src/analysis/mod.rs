//! The rut engine: reads a runner's own history and says which signs of a running
//! rut it shows, with the numbers behind each, and what to do next.
//!
//! One detector per sign, one file each, named for what it detects. Every detector
//! is a plain function over a shared [`Context`] (built once, so the whole analysis
//! stays linear in the history) and returns a [`Finding`]: a status, the evidence
//! as numbers over named windows, a plain sentence, the source of its threshold, a
//! "why" per metric, and remedies. Nothing here is a diagnosis: the overtraining
//! consensus (Meeusen et al. 2013) is that no single marker diagnoses it, so every
//! flag is worded as a sign to watch, not a verdict on the runner's health.

pub mod effort;
pub mod metrics;
pub mod performance;
pub mod variety;

mod all_easy;
mod cramming;
mod effort_creep;
mod life_stress;
mod low_motivation;
mod overreaching;
mod plateau;
mod staleness;

use chrono::NaiveDate;

use crate::run::{Run, SECONDS_PER_DAY, date_of_day, day_of_date};
use crate::settings::Settings;
use crate::wellness::Wellness;
use effort::EffortScale;

/// The signs of a running rut Restride looks for, in the order the radar shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sign {
    EffortCreep,
    LowMotivation,
    Plateau,
    Overreaching,
    Staleness,
    LifeStress,
    Cramming,
    AllEasy,
}

impl Sign {
    pub const ALL: [Self; 8] = [
        Self::EffortCreep,
        Self::LowMotivation,
        Self::Plateau,
        Self::Overreaching,
        Self::Staleness,
        Self::LifeStress,
        Self::Cramming,
        Self::AllEasy,
    ];

    /// Stable text for `data-sign` attributes and tests.
    pub fn slug(self) -> &'static str {
        match self {
            Self::EffortCreep => "effort-creep",
            Self::LowMotivation => "low-motivation",
            Self::Plateau => "plateau",
            Self::Overreaching => "overreaching",
            Self::Staleness => "staleness",
            Self::LifeStress => "life-stress",
            Self::Cramming => "cramming",
            Self::AllEasy => "all-easy",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::EffortCreep => "Effort creep",
            Self::LowMotivation => "Low motivation",
            Self::Plateau => "Plateau",
            Self::Overreaching => "Overreaching and poor recovery",
            Self::Staleness => "Same run every time",
            Self::LifeStress => "Life stress",
            Self::Cramming => "Missed sessions crammed in",
            Self::AllEasy => "Every run feels easy",
        }
    }
}

/// What a detector concluded.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// No sign of this in the history.
    Clear,
    /// Early or mild signs: worth watching.
    Watch,
    /// The sign is clearly present.
    Rut,
    /// Not enough data to say; `needs` tells the runner what would decide it,
    /// e.g. "4 more weeks of runs with effort ratings".
    Insufficient { needs: String },
}

impl Status {
    /// Stable text for `data-status` attributes and tests.
    pub fn slug(&self) -> &'static str {
        match self {
            Self::Clear => "clear",
            Self::Watch => "watch",
            Self::Rut => "rut",
            Self::Insufficient { .. } => "insufficient",
        }
    }

    /// Ordering for the verdict: a rut outranks a watch outranks the rest.
    pub fn severity(&self) -> u8 {
        match self {
            Self::Rut => 2,
            Self::Watch => 1,
            Self::Clear | Self::Insufficient { .. } => 0,
        }
    }
}

/// One number behind a finding, over a named window, e.g.
/// `Evidence { label: "Average RPE at easy pace", window: "last 4 weeks", value: 4.6, shown: "4.6" }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub label: String,
    pub window: String,
    /// The raw value (finite: detectors never report NaN or infinity).
    pub value: f64,
    /// The value as the runner reads it, with its unit ("4.6", "1.8×", "62 %").
    pub shown: String,
}

/// How much the data supports a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Weak,
    Moderate,
    Strong,
}

impl Strength {
    pub fn label(self) -> &'static str {
        match self {
            Self::Weak => "weak",
            Self::Moderate => "moderate",
            Self::Strong => "strong",
        }
    }
}

/// The "why" panel for one metric: its formula, the runner's own inputs, the
/// threshold applied, and how strong the evidence is.
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    pub metric: String,
    pub formula: String,
    /// (name, value as shown) pairs from the runner's own history.
    pub inputs: Vec<(String, String)>,
    pub threshold: String,
    pub strength: Strength,
}

/// Something to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Remedy {
    HillsSession,
    TempoSession,
    Intervals,
    Strength,
    RestDay,
    EasierWeek,
    Sleep,
    Hydration,
    DifferentTimeOfDay,
    RunningPartner,
    NoCramming,
    NewRoute,
    LongerRun,
    TrackProgress,
}

impl Remedy {
    /// A concrete suggestion, as the article puts it.
    pub fn text(self) -> &'static str {
        match self {
            Self::HillsSession => "Swap one easy run for a 20-minute hills session.",
            Self::TempoSession => "Try a 30-minute tempo run: comfortably hard, steady.",
            Self::Intervals => "Add one interval session, e.g. 6 × 2 minutes hard with 2 minutes easy.",
            Self::Strength => "Add 20 minutes of strength training once a week.",
            Self::RestDay => "Take a full rest day, or two.",
            Self::EasierWeek => "Make this an easier week: shorter runs, lower effort.",
            Self::Sleep => "Protect your sleep: aim for 7–9 hours.",
            Self::Hydration => "Drink more through the day, not just around runs.",
            Self::DifferentTimeOfDay => "Run at a different time of day, e.g. mornings instead of evenings.",
            Self::RunningPartner => "Run with a friend or a group for company and accountability.",
            Self::NoCramming => "Let a missed session go: don't squeeze it into the next days.",
            Self::NewRoute => "Pick a new route.",
            Self::LongerRun => "Stretch one run a week a little longer.",
            Self::TrackProgress => "Log each run and check your progress every few weeks.",
        }
    }
}

/// What one detector found about one sign.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub sign: Sign,
    pub status: Status,
    pub evidence: Vec<Evidence>,
    /// One plain sentence for the radar card.
    pub sentence: String,
    /// Where the formula and threshold come from (author, year), or "Restride's own
    /// heuristic" where no validated measure exists.
    pub source: &'static str,
    pub why: Vec<Why>,
    pub remedies: Vec<Remedy>,
}

/// How far back the analysis reads: a year. The longest window any detector
/// compares is 16 weeks (effort creep), and a load from a year ago weighs under
/// 1e-7 in the 42-day fitness average, so older runs change no finding; reading
/// only the last year keeps the analysis as fast with ten years of runs as with
/// one. It also keeps the easy-pace reference (see [`EffortScale`]) the runner's
/// current one.
pub const HORIZON_DAYS: i64 = 365;

/// Everything a detector may read, built once per analysis.
#[derive(Debug)]
pub struct Context<'a> {
    /// The runner's local date today; nothing after it counts.
    pub today: NaiveDate,
    /// Runs of the last [`HORIZON_DAYS`] days up to today, oldest first by local
    /// start time.
    pub runs: Vec<&'a Run>,
    /// The local date of each of `runs`, in the same order. Worked out once: date
    /// arithmetic on offset times was over half the analysis when each detector
    /// redid it per run.
    pub dates: Vec<NaiveDate>,
    /// Days from each of `runs` to today (0 today), in the same order: chrono's date
    /// subtraction is slow enough to matter when every detector does it per run.
    pub ages: Vec<i64>,
    /// Check-ins of the horizon's days, oldest first.
    pub wellness: Vec<&'a Wellness>,
    pub settings: &'a Settings,
    /// Session load per day (see [`metrics::daily_load`]), index 0 = `load_start`,
    /// last = today; rest days are 0. Empty without runs.
    pub daily_load: Vec<f64>,
    /// The local date of the runner's first run, however long ago (today without
    /// runs): how long the history is.
    pub first_day: NaiveDate,
    /// The date of `daily_load[0]`: the first run's, or the first day of the
    /// horizon if the history is longer.
    pub load_start: NaiveDate,
    /// Estimates the effort of runs without a rating.
    pub effort: EffortScale,
}

impl<'a> Context<'a> {
    /// `runs` and `wellness` in any order; duplicates and future entries are fine.
    pub fn new(runs: &'a [Run], wellness: &'a [Wellness], settings: &'a Settings, today: NaiveDate) -> Self {
        // By local time: every window below is a range of local dates. One pass
        // over the whole history finds its first day; only the horizon is kept.
        let today_n = day_of_date(today);
        let horizon_n = today_n - (HORIZON_DAYS - 1);
        let mut first_n: Option<i64> = None;
        let mut local: Vec<((i64, u32), &Run)> = Vec::new();
        for run in runs {
            let seconds = run.local_seconds();
            let day = seconds.div_euclid(SECONDS_PER_DAY);
            if day > today_n {
                continue;
            }
            // The earliest local date, not the date of the earliest instant: a run
            // logged under another UTC offset can start earlier in local terms.
            first_n = Some(first_n.map_or(day, |f| f.min(day)));
            if day >= horizon_n {
                local.push(((seconds, run.start.timestamp_subsec_nanos()), run));
            }
        }
        sort_oldest_first(&mut local);
        let days: Vec<i64> = local.iter().map(|((t, _), _)| t.div_euclid(SECONDS_PER_DAY)).collect();
        // Runs share dates, so a date is worked out once per distinct day.
        let mut previous: Option<(i64, NaiveDate)> = None;
        let dates: Vec<NaiveDate> = days
            .iter()
            .map(|&day| match previous {
                Some((d, date)) if d == day => date,
                _ => {
                    let date = date_of_day(day).unwrap_or(today);
                    previous = Some((day, date));
                    date
                }
            })
            .collect();
        let ages = days.iter().map(|d| today_n - d).collect();
        let runs: Vec<&Run> = local.into_iter().map(|(_, r)| r).collect();
        let first_day = first_n.and_then(date_of_day).unwrap_or(today);
        let horizon = date_of_day(horizon_n);
        let load_start = horizon.map_or(first_day, |h| h.max(first_day));
        let mut wellness: Vec<&Wellness> =
            wellness.iter().filter(|w| w.date <= today && horizon.is_none_or(|h| w.date >= h)).collect();
        wellness.sort_by_key(|w| w.date);
        let effort = EffortScale::of(runs.iter().copied());
        let daily_load =
            metrics::daily_load(dates.iter().copied().zip(runs.iter().copied()), &effort, load_start, today);
        Self { today, runs, dates, ages, wellness, settings, daily_load, first_day, load_start, effort }
    }
}

/// Sorts by key, oldest first, keeping tied entries in their input order as a stable
/// sort would. The app keeps runs newest first, so the usual input needs a reversal
/// (ties put back), not a sort.
fn sort_oldest_first<K: Ord + Copy, T>(entries: &mut [(K, T)]) {
    if entries.is_sorted_by_key(|(k, _)| *k) {
        return;
    }
    if entries.windows(2).all(|w| w[0].0 >= w[1].0) {
        entries.reverse();
        for tied in entries.chunk_by_mut(|a, b| a.0 == b.0) {
            tied.reverse();
        }
    } else {
        entries.sort_by_key(|&(k, _)| k);
    }
}

/// The overall picture: the strongest signs, worded as signs, never a diagnosis.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub headline: String,
    /// Signs at `Rut`, then at `Watch`, most severe first (at most three).
    pub strongest: Vec<Sign>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// One finding per sign, in [`Sign::ALL`] order.
    pub findings: Vec<Finding>,
    pub verdict: Verdict,
}

/// Runs every detector over the runner's history.
pub fn analyze(runs: &[Run], wellness: &[Wellness], settings: &Settings, today: NaiveDate) -> Report {
    let ctx = Context::new(runs, wellness, settings, today);
    let findings = vec![
        effort_creep::detect(&ctx),
        low_motivation::detect(&ctx),
        plateau::detect(&ctx),
        overreaching::detect(&ctx),
        staleness::detect(&ctx),
        life_stress::detect(&ctx),
        cramming::detect(&ctx),
        all_easy::detect(&ctx),
    ];
    let verdict = verdict(&findings, ctx.runs.len());
    Report { findings, verdict }
}

fn verdict(findings: &[Finding], runs: usize) -> Verdict {
    let mut flagged: Vec<&Finding> = findings.iter().filter(|f| f.status.severity() > 0).collect();
    flagged.sort_by_key(|f| std::cmp::Reverse(f.status.severity()));
    let strongest: Vec<Sign> = flagged.iter().take(3).map(|f| f.sign).collect();
    let names =
        |signs: &[Sign]| signs.iter().map(|s| s.title().to_lowercase()).collect::<Vec<_>>().join(", ");
    let ruts: Vec<Sign> = flagged.iter().filter(|f| f.status == Status::Rut).map(|f| f.sign).collect();
    let headline = if runs == 0 {
        "Log a few runs and Restride will start looking for signs of a rut.".to_string()
    } else if !ruts.is_empty() {
        format!(
            "Your history shows signs of a rut: {}. These are signs to act on, not a diagnosis.",
            names(&ruts)
        )
    } else if !strongest.is_empty() {
        format!("No clear rut, but keep an eye on: {}.", names(&strongest))
    } else if findings.iter().all(|f| matches!(f.status, Status::Insufficient { .. })) {
        "Not enough history yet to spot a rut. Keep logging: each card says what it still needs.".to_string()
    } else {
        "No signs of a rut in your history. Keep it varied.".to_string()
    };
    Verdict { headline, strongest }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stably_sorted(entries: &[(u8, usize)]) -> Vec<(u8, usize)> {
        let mut sorted = entries.to_vec();
        sorted.sort_by_key(|&(k, _)| k);
        sorted
    }

    proptest! {
        #[test]
        fn oldest_first_is_a_stable_sort(keys in proptest::collection::vec(0u8..8, 0..40)) {
            // The order the app keeps (newest first, ties in any order), ascending, and as drawn.
            let drawn: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut newest_first = drawn.clone();
            newest_first.sort_by_key(|&(k, _)| std::cmp::Reverse(k));
            for input in [drawn.clone(), stably_sorted(&drawn), newest_first] {
                let mut entries = input.clone();
                sort_oldest_first(&mut entries);
                prop_assert_eq!(entries, stably_sorted(&input));
            }
        }
    }
}
