//! The rut engine: reads a runner's own history and says which signs of a running
//! rut it shows, with the numbers behind each, and what to do next.
//!
//! One detector per sign, one file each, named for what it detects. Every detector
//! is a plain function over a shared [`Context`] (built once, so the whole analysis
//! stays linear in the history) and returns a [`Finding`]: a status, the evidence
//! as numbers over named windows, a plain sentence, the source of its threshold, a
//! "why" per metric, and remedies. Each `detect()` reads the same way: measure (the
//! numbers, nothing judged), judge (status and strength, with the shared helpers of
//! [`judge`]) and word (sentence, evidence, why and remedies, with [`words`]).
//! Nothing here is a diagnosis: the overtraining
//! consensus (Meeusen et al. 2013) is that no single marker diagnoses it, so every
//! flag is worded as a sign to watch, not a verdict on the runner's health.

pub mod context;
pub mod effort;
pub mod judge;
pub mod metrics;
pub mod next_step;
pub mod performance;
pub mod trend;
pub mod variety;
pub mod words;

mod all_easy;
mod cramming;
mod effort_creep;
mod life_stress;
mod low_motivation;
mod overreaching;
mod plateau;
mod staleness;

use chrono::NaiveDate;

use crate::run::Run;
use crate::setback::{Setback, lasting_on};
use crate::settings::Settings;
use crate::wellness::Wellness;

pub use context::{Context, HORIZON_DAYS};

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
    /// Whether it asks more of the body (a harder session, a longer run, strength
    /// work): what waits while recovery comes first (see [`next_step`]).
    pub fn adds_load(self) -> bool {
        matches!(
            self,
            Self::HillsSession | Self::TempoSession | Self::Intervals | Self::Strength | Self::LongerRun
        )
    }

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
    /// One plain sentence for the radar card: plain words, true to the numbers.
    pub sentence: String,
    /// The number that tells most, in a few plain words, for the radar's one-line
    /// row: "feels 1.2 points harder", "70 % the same run", "needs 3 more weeks".
    pub headline: String,
    /// Where the formula and threshold come from (author, year), or "Restride's own
    /// heuristic" where no validated measure exists.
    pub source: &'static str,
    pub why: Vec<Why>,
    pub remedies: Vec<Remedy>,
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

/// Runs every detector over the runner's history. `setbacks` are the times the
/// runner was ill or injured: while one lasts the radar pauses (nothing is read into
/// the gap), and after a long one it reads the return against itself (see
/// [`Context::back_on`]).
pub fn analyze(
    runs: &[Run],
    wellness: &[Wellness],
    setbacks: &[Setback],
    settings: &Settings,
    today: NaiveDate,
) -> Report {
    if let Some(setback) = lasting_on(setbacks, today) {
        return paused(setback);
    }
    let ctx = Context::new(runs, wellness, setbacks, settings, today);
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
    let mut verdict = verdict(&findings, ctx.runs.len());
    if let Some(back) = ctx.back_on {
        verdict.headline.push_str(&format!(
            " Since you were back on {}, the radar reads your runs from then on, against themselves.",
            words::day_name(back)
        ));
    }
    Report { findings, verdict }
}

/// While a setback lasts: every sign waits for the runner to be back, and nothing is
/// read into the gap.
fn paused(setback: &Setback) -> Report {
    let since = words::day_name(setback.start);
    let phrase = setback.kind.phrase();
    let findings = Sign::ALL
        .iter()
        .map(|sign| Finding {
            sign: *sign,
            status: Status::Insufficient {
                needs: format!("you to be back: the radar pauses while you are {phrase}"),
            },
            evidence: Vec::new(),
            sentence: format!(
                "Paused while you are {phrase} (since {since}): nothing is read into the break."
            ),
            headline: "paused".into(),
            source: "Restride pauses the radar while you are ill or injured",
            why: Vec::new(),
            remedies: vec![Remedy::RestDay],
        })
        .collect();
    let headline = format!(
        "You are {phrase} since {since}: the radar pauses until you are back, and reads nothing into the break."
    );
    Report { findings, verdict: Verdict { headline, strongest: Vec::new() } }
}

/// Sign titles as they read inside a sentence: "a, b and 2 more".
fn sign_list(signs: &[Sign]) -> String {
    const NAMED: usize = 2;
    let mut names: Vec<String> = signs.iter().take(NAMED).map(|s| s.title().to_lowercase()).collect();
    if signs.len() > NAMED + 1 {
        names.push(format!("{} more", signs.len() - NAMED));
    } else if let Some(last) = signs.get(NAMED) {
        names.push(last.title().to_lowercase());
    }
    words::and_list(&names)
}

/// The verdict in one sentence: the flagged signs, rut signs first, each group in
/// the order [`next_step`] ranks them (what to act on first leads).
fn verdict(findings: &[Finding], runs: usize) -> Verdict {
    let mut flagged: Vec<&Finding> = findings.iter().filter(|f| f.status.severity() > 0).collect();
    flagged.sort_by_key(|f| (std::cmp::Reverse(f.status.severity()), next_step::sign_rank(f.sign)));
    let strongest: Vec<Sign> = flagged.iter().take(3).map(|f| f.sign).collect();
    let ruts: Vec<Sign> = flagged.iter().filter(|f| f.status == Status::Rut).map(|f| f.sign).collect();
    let watched: Vec<Sign> = flagged.iter().map(|f| f.sign).collect();
    let headline = if runs == 0 {
        "Log a few runs and Restride will start looking for signs of a rut.".to_string()
    } else if !ruts.is_empty() {
        format!("Signs of a rut: {}.", sign_list(&ruts))
    } else if !watched.is_empty() {
        format!("No clear rut, but worth watching: {}.", sign_list(&watched))
    } else if findings.iter().all(|f| matches!(f.status, Status::Insufficient { .. })) {
        "Not enough history yet to spot a rut: each sign says what it still needs.".to_string()
    } else {
        "No signs of a rut in your history.".to_string()
    };
    Verdict { headline, strongest }
}
