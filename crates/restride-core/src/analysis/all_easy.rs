//! Every run feels easy: effort ratings low and flat, with no harder sessions.
//!
//! Over the last 6 weeks of runs (strength and cross-training left out): at least
//! 90 % rated easy (RPE ≤ 4) and none at RPE 6 or more is a clear sign; no run at
//! 6 or more at all (the "everything moderate" grey zone), or 90 % easy with a
//! single harder run, is worth watching. Seiler (2010) finds about 80 % of
//! endurance athletes' sessions easy, the rest hard: easy is healthy, only easy is
//! not. Zones read from RPE and the polarization index (Treff et al. 2019) are
//! shown as evidence; the 90 % / RPE 6 cut-offs are Restride's own heuristic. In the
//! first 9 weeks of a history (or of a return after a long break) easy running is
//! the point, building a base as couch-to-5K programmes do, so it is no sign there;
//! nor in a race's recovery window (about a day per km raced), which asks for easy
//! running too.

use super::context::BASE_BUILDING_DAYS;
use super::judge::{margin, strength};
use super::metrics::{Intensity, days_ago};
use super::words::{count, day_name, show_percent};
use super::{Context, Evidence, Finding, Remedy, Sign, Status, Strength, Why};
use crate::run::{Run, RunType};

const SOURCE: &str = "Seiler 2010 (about 80 % easy, the rest hard); Treff et al. 2019 (polarization index); \
                      the 90 % easy / RPE 6 cut-offs are Restride's own heuristic";
const WINDOW_DAYS: i64 = 42;
/// The window's length of history: a beginner's first weeks are not a rut.
const MIN_HISTORY_DAYS: usize = 42;
const MIN_RUNS: usize = 8;
/// Runs for a firm call.
const FULL_RUNS: f64 = 16.0;
const EASY_SHARE: f64 = 0.9;
/// An effort of 6 or more counts as a harder session here; Foster's CR-10 labels 5
/// and 6 "hard", so 6 is the firmer of the two.
const HARDER_RPE: f64 = 6.0;
/// Under half the runs easy is the opposite of this sign, far from Seiler's (2010)
/// ~80 %: a clear card says so rather than read as all is well (Restride's own line).
const FEW_EASY_SHARE: f64 = 0.5;

/// What the last 6 weeks of runs hold.
struct Measures {
    zones: Intensity,
    /// Runs at RPE 6 or more.
    harder: usize,
    mean: f64,
    sd: f64,
    /// Days since the last run at RPE 6 or more, as far back as the analysis reads,
    /// and whether none was found in a history longer than that.
    since_harder: i64,
    beyond: bool,
}

impl Measures {
    fn shares(&self) -> [f64; 3] {
        self.zones.shares().unwrap_or([0.0; 3])
    }

    fn shown_since(&self) -> String {
        if self.beyond { format!("over {}", self.since_harder) } else { self.since_harder.to_string() }
    }
}

/// Every run easy: over 6 weeks, ≥ 90 % of runs at RPE ≤ 4 and none at 6 or more.
/// Restride's own cut-offs against Seiler's (2010) ~80 % easy, the rest hard.
pub fn detect(ctx: &Context<'_>) -> Finding {
    if let Some(rec) = ctx.recovering {
        let until = day_name(rec.last_day());
        return Finding {
            sign: Sign::AllEasy,
            status: Status::Insufficient {
                needs: format!("your race's recovery to end ({until}): easy running is what it asks for"),
            },
            evidence: Vec::new(),
            sentence: format!(
                "You raced on {}: easy running is what the weeks after a race are for, until {until}.",
                day_name(rec.race_day)
            ),
            headline: "recovering from your race".into(),
            source: SOURCE,
            why: Vec::new(),
            remedies: vec![Remedy::TrackProgress],
        };
    }
    let runs: Vec<&Run> = ctx
        .aged_runs()
        .filter(|&(ago, r)| r.kind != RunType::Cross && (0..WINDOW_DAYS).contains(&ago))
        .map(|(_, r)| r)
        .collect();
    let history_days = ctx.daily_load.len();
    let enough_history = !ctx.runs.is_empty() && history_days >= MIN_HISTORY_DAYS;
    if !enough_history || runs.len() < MIN_RUNS {
        return insufficient(ctx, enough_history, runs.len());
    }
    let m = measure(ctx, &runs);
    let (status, grade) = judge(&m);
    let history_days = (ctx.today - ctx.first_day).num_days() + 1;
    if history_days < BASE_BUILDING_DAYS && status.severity() > 0 {
        return base_building(&m, history_days);
    }
    word(&m, status, grade)
}

/// A beginner's (or returning runner's) easy weeks: no sign, and why not.
fn base_building(m: &Measures, history_days: i64) -> Finding {
    let weeks = usize::try_from(history_days.div_euclid(7)).unwrap_or(0);
    let mut finding = word(m, Status::Clear, Strength::Moderate);
    finding.sentence = format!(
        "You are building an easy base ({} of running so far): easy running is what the first 9 weeks are \
         for, so this is no sign of a rut. Harder sessions come later.",
        count(weeks, "week")
    );
    finding.remedies = vec![Remedy::TrackProgress];
    if let Some(w) = finding.why.first_mut() {
        w.threshold.push_str(&format!(
            " Not read in the first {} weeks of a history or of a return after a long break: those build an easy \
             base (couch-to-5K programmes run 9 weeks of easy running).",
            BASE_BUILDING_DAYS / 7
        ));
    }
    finding.headline = "building an easy base".into();
    finding
}

fn measure(ctx: &Context<'_>, runs: &[&Run]) -> Measures {
    let zones = Intensity::of(runs.iter().copied(), &ctx.effort);
    let total = zones.total();
    let rpes: Vec<f64> = runs.iter().map(|r| ctx.effort.rpe(r)).collect();
    let harder = rpes.iter().filter(|r| **r >= HARDER_RPE).count();
    let mean = rpes.iter().sum::<f64>() / total as f64;
    let sd = (rpes.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / total as f64).sqrt();
    // How long since a harder run, as far back as the analysis reads: the longer,
    // the firmer the call. None in the last year of a longer history shows as "over".
    let last_harder = ctx
        .aged_runs()
        .filter(|&(_, r)| r.kind != RunType::Cross && ctx.effort.rpe(r) >= HARDER_RPE)
        .map(|(ago, _)| ago)
        .min();
    let since_harder = last_harder.unwrap_or_else(|| days_ago(ctx.today, ctx.load_start));
    let beyond = last_harder.is_none() && ctx.load_start > ctx.first_day;
    Measures { zones, harder, mean, sd, since_harder, beyond }
}

/// The status and how firmly the data decides it.
fn judge(m: &Measures) -> (Status, Strength) {
    let [easy_share, ..] = m.shares();
    let status = if easy_share >= EASY_SHARE && m.harder == 0 {
        Status::Rut
    } else if m.harder == 0 || (easy_share >= EASY_SHARE && m.harder == 1) {
        Status::Watch
    } else {
        Status::Clear
    };
    let data = m.zones.total() as f64 / FULL_RUNS;
    let grade = match (&status, m.harder) {
        // The longer without a harder run beyond the 6-week window, the firmer.
        (Status::Rut | Status::Watch, 0) => strength(margin(m.since_harder as f64, WINDOW_DAYS as f64), data),
        (Status::Watch, _) => strength(margin(easy_share, EASY_SHARE), data),
        // Clear: the boundary sits between 1 and 2 harder runs.
        _ => strength(margin(m.harder as f64, 1.5), data),
    };
    (status, grade)
}

fn word(m: &Measures, status: Status, grade: Strength) -> Finding {
    let sentence = sentence(m, &status);
    let headline = headline(m, &status);
    Finding {
        sign: Sign::AllEasy,
        status,
        evidence: evidence(m),
        sentence,
        headline,
        source: SOURCE,
        why: why(m, grade),
        remedies: vec![Remedy::TempoSession, Remedy::Intervals, Remedy::HillsSession],
    }
}

fn sentence(m: &Measures, status: &Status) -> String {
    let [easy_share, moderate_share, _] = m.shares();
    let (n, harder) = (m.zones.total(), m.harder);
    let hard = "a hard effort (6 of 10 or more)";
    match status {
        Status::Rut => format!(
            "Signs that every run feels easy: {} of your {n} runs in the last 6 weeks were easy (effort 4 of 10 \
             or less) and none reached {hard}.",
            m.zones.easy
        ),
        Status::Watch if harder == 0 => format!(
            "Worth watching: none of your {n} runs in the last 6 weeks reached {hard}, and {} sat at a \
             moderate effort, the grey zone between easy and hard.",
            show_percent(moderate_share)
        ),
        Status::Watch => format!(
            "Worth watching: {} of your {n} runs in the last 6 weeks were easy and only one reached {hard}.",
            show_percent(easy_share)
        ),
        // The opposite warning, so a clear card never hides it.
        _ if easy_share < FEW_EASY_SHARE => format!(
            "Far from every run being easy, the opposite: only {} of your {n} runs in the last 6 weeks were \
             easy, and {harder} reached {hard}. Most runners do about 4 runs in 5 easy; if you feel worn down, \
             see Overreaching and poor recovery.",
            show_percent(easy_share)
        ),
        _ => format!(
            "Your efforts vary: {harder} of your {n} runs in the last 6 weeks reached {hard} and {} were easy.",
            show_percent(easy_share)
        ),
    }
}

/// The mix in a few words, for the radar's row.
fn headline(m: &Measures, status: &Status) -> String {
    let [easy_share, ..] = m.shares();
    let easy = show_percent(easy_share);
    match (status, m.harder) {
        (Status::Rut, _) => format!("{easy} easy, none hard"),
        (Status::Watch, 0) => "no hard run in 6 weeks".into(),
        _ if easy_share < FEW_EASY_SHARE => format!("only {easy} of runs easy"),
        (_, harder) => format!("{easy} easy, {harder} hard"),
    }
}

fn evidence(m: &Measures) -> Vec<Evidence> {
    let [easy_share, moderate_share, hard_share] = m.shares();
    let (total, harder, mean) = (m.zones.total(), m.harder, m.mean);
    let mut evidence = vec![
        Evidence {
            label: "Runs".into(),
            window: "last 6 weeks".into(),
            value: total as f64,
            shown: total.to_string(),
        },
        ev("Easy runs (effort 0–4 of 10)", easy_share, show_percent(easy_share)),
        ev("Moderate runs (effort 5–6)", moderate_share, show_percent(moderate_share)),
        ev("Hard runs (effort 7–10)", hard_share, show_percent(hard_share)),
        ev("Runs at a hard effort (6 or more)", harder as f64, harder.to_string()),
        ev("Average effort (0–10)", mean, format!("{mean:.1}")),
    ];
    evidence.push(Evidence {
        label: "Days since a hard run (effort 6 or more)".into(),
        window: if m.beyond { "last 12 months" } else { "whole history" }.into(),
        value: m.since_harder as f64,
        shown: m.shown_since(),
    });
    evidence
}

fn why(m: &Measures, grade: Strength) -> Vec<Why> {
    let [easy_share, moderate_share, hard_share] = m.shares();
    let zones = &m.zones;
    let mut inputs = vec![
        ("Runs".to_string(), zones.total().to_string()),
        ("Easy (RPE ≤ 4)".to_string(), format!("{} ({})", zones.easy, show_percent(easy_share))),
        ("Moderate (RPE 5–6)".to_string(), format!("{} ({})", zones.moderate, show_percent(moderate_share))),
        ("Hard (RPE ≥ 7)".to_string(), format!("{} ({})", zones.hard, show_percent(hard_share))),
        ("Runs at RPE 6 or more".to_string(), m.harder.to_string()),
    ];
    if let Some(pi) = zones.polarization_index() {
        inputs.push(("Polarization index (Treff 2019; above 2 polarized)".to_string(), format!("{pi:.2}")));
    }
    vec![
        Why {
            metric: "Intensity distribution from RPE".into(),
            formula: "Share of runs in the last 6 weeks per zone: easy RPE ≤ 4, moderate 5–6, hard ≥ 7; \
                      polarization index = log10(easy ÷ moderate × hard × 100), shares as fractions, an \
                      empty moderate zone counted as 0.01 (Treff et al. 2019), when easy and hard both have \
                      runs."
                .into(),
            inputs,
            threshold: "At least 90 % easy and none at RPE 6 or more: a clear sign; none at 6 or more, or only \
                        one with 90 % easy: worth watching. About 80 % easy with the rest hard is the healthy \
                        pattern (Seiler 2010)."
                .into(),
            strength: grade,
        },
        Why {
            metric: "Spread of effort".into(),
            formula: "Average and standard deviation of RPE over the last 6 weeks; days since the last run at \
                      RPE 6 or more."
                .into(),
            inputs: vec![
                ("Average RPE".to_string(), format!("{:.1}", m.mean)),
                ("SD of RPE".to_string(), format!("{:.1}", m.sd)),
                ("Days since RPE 6 or more".to_string(), m.shown_since()),
            ],
            threshold: "Low and flat (an SD near 1 or less, no run at 6 or more) means no session challenges \
                        you any more (Restride's own reading)."
                .into(),
            strength: grade,
        },
    ]
}

fn insufficient(ctx: &Context<'_>, enough_history: bool, runs: usize) -> Finding {
    let mut wanted = Vec::new();
    if !enough_history {
        let history_days = ctx.daily_load.len();
        let more = if ctx.runs.is_empty() { MIN_HISTORY_DAYS } else { MIN_HISTORY_DAYS - history_days };
        wanted.push(format!("{} of logged runs", count(more.div_ceil(7), "more week")));
    }
    if runs < MIN_RUNS {
        wanted.push(format!("{} in the last 6 weeks", count(MIN_RUNS - runs, "more run")));
    }
    let headline = wanted.first().map_or_else(String::new, |w| format!("needs {w}"));
    let needs = format!("{} with effort ratings", wanted.join(" and "));
    Finding {
        sign: Sign::AllEasy,
        sentence: format!("Not enough history yet to tell whether every run feels easy: it needs {needs}."),
        headline,
        status: Status::Insufficient { needs },
        evidence: Vec::new(),
        source: SOURCE,
        why: Vec::new(),
        remedies: vec![Remedy::TrackProgress],
    }
}

fn ev(label: &str, value: f64, shown: String) -> Evidence {
    Evidence { label: label.into(), window: "last 6 weeks".into(), value, shown }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Rpe;
    use crate::settings::Settings;
    use crate::testing::sample_run;
    use chrono::{Duration, NaiveDate};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    /// Three runs a week for `weeks` weeks, all easy (RPE 4), the Wednesday one
    /// `wednesday` when given.
    fn history(weeks: i64, wednesday: Option<(RunType, Option<u8>)>) -> Vec<Run> {
        let mut runs = Vec::new();
        for w in 0..weeks {
            for day in [0, 2, 4] {
                let d = today() - Duration::days(w * 7 + day);
                let (kind, rpe) = match wednesday {
                    Some(k) if day == 2 => k,
                    _ => (RunType::Easy, Some(4)),
                };
                let run = sample_run(1, &format!("{d}T07:00:00+00:00"), kind, 40.0, 6.5);
                runs.push(Run { rpe: rpe.and_then(Rpe::new), ..run });
            }
        }
        runs
    }

    fn finding(runs: &[Run]) -> Finding {
        let settings = Settings::default();
        detect(&Context::new(runs, &[], &[], &settings, today()))
    }

    #[test]
    fn every_run_easy_for_months_is_a_sign() {
        assert_eq!(finding(&history(14, None)).status, Status::Rut);
    }

    #[test]
    fn a_beginners_easy_weeks_build_a_base() {
        // Seven weeks of easy running: past the 6 weeks needed, inside the 9 of a base.
        let f = finding(&history(7, None));
        assert_eq!(f.status, Status::Clear, "{}", f.sentence);
        assert!(f.sentence.starts_with("You are building an easy base"));
        assert_eq!(f.remedies, [Remedy::TrackProgress]);
    }

    #[test]
    fn unrated_intervals_count_as_hard() {
        // Weekly intervals without a rating, at an average pace near easy pace.
        let f = finding(&history(14, Some((RunType::Intervals, None))));
        assert_eq!(f.status, Status::Clear, "{}", f.sentence);
    }

    #[test]
    fn a_races_recovery_is_meant_to_be_easy() {
        let mut runs = history(14, None);
        let d = today() - Duration::days(6);
        runs.push(sample_run(9, &format!("{d}T09:00:00+00:00"), RunType::Race, 50.0, 10.0));
        assert!(matches!(finding(&runs).status, Status::Insufficient { .. }));
    }

    #[test]
    fn a_clear_card_says_when_few_runs_are_easy() {
        // Everything hard: no sign that every run is easy, and the card says the opposite.
        let runs: Vec<Run> = history(14, None).into_iter().map(|r| Run { rpe: Rpe::new(7), ..r }).collect();
        let f = finding(&runs);
        assert_eq!(f.status, Status::Clear, "{}", f.sentence);
        assert!(f.sentence.contains("the opposite: only 0 % of your"), "{}", f.sentence);
        assert_eq!(f.headline, "only 0 % of runs easy");
    }

    #[test]
    fn polarization_with_no_moderate_runs_is_shown() {
        // Weekly hard intervals, the rest easy: zone 2 empty, Treff's 0.01 stands in.
        let f = finding(&history(14, Some((RunType::Intervals, Some(8)))));
        let inputs = &f.why[0].inputs;
        let pi = inputs.iter().find(|(k, _)| k.starts_with("Polarization index")).unwrap();
        assert!(pi.1.parse::<f64>().unwrap() > 2.0, "{pi:?}");
    }
}
