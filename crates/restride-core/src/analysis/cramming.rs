//! Missed sessions crammed in: a short week followed by a week whose load jumps well
//! above the runner's usual, often as runs on consecutive days.
//!
//! It reads what was run, not the plan: a cram shows in the logged weeks whether or
//! not a plan was followed (and a runner may have no plan), so the runner's usual
//! week is inferred from their own rhythm: the median load, sessions and longest
//! run of consecutive days of up to 8 full calendar weeks before. A short
//! week has at most 70 % of the usual load and fewer sessions than usual; the week
//! after is a jump when its load is at least 1.5× the short week's and 1.3× the
//! usual. Restride's own heuristic; the 1.5× borrows the acute:chronic spike
//! convention (Gabbett 2016).

use chrono::{Days, NaiveDate};

use super::judge::{margin, strength};
use super::metrics::daily_sessions;
use super::words::{count, show_load, show_ratio};
use super::{Context, Evidence, Finding, Remedy, Sign, Status, Strength, Why};
use crate::history::week_start_of;

const SOURCE: &str = "Restride's own heuristic (your logged weeks against your own usual week); the 1.5× jump \
                      echoes the acute:chronic spike convention (Gabbett 2016)";
const BASELINE_WEEKS: usize = 8;
const MIN_BASELINE_WEEKS: usize = 3;
/// Weeks (the current one included) in which a jump counts.
const RECENT_WEEKS: usize = 6;
const SHORT_SHARE: f64 = 0.7;
const JUMP_VS_SHORT: f64 = 1.5;
const JUMP_VS_USUAL: f64 = 1.3;
/// A jump this far above usual, run on consecutive days, is a clear sign by itself.
const BIG_JUMP: f64 = 1.5;
const CLUSTER_DAYS: u32 = 3;
/// The partial first week, the baseline, the short week and the week after.
const MIN_WEEKS: usize = 1 + MIN_BASELINE_WEEKS + 2;

#[derive(Debug, Clone, Copy)]
struct Week {
    start: NaiveDate,
    load: f64,
    sessions: u32,
    /// Longest run of consecutive days with a session.
    streak: u32,
}

/// The weeks before a week, summarised by their medians.
#[derive(Debug, Clone, Copy)]
struct Usual {
    weeks: usize,
    load: f64,
    sessions: f64,
    streak: f64,
}

#[derive(Debug, Clone, Copy)]
struct Cram {
    short: Week,
    after: Week,
    usual: Usual,
    /// The week after ÷ the usual week's load.
    jump: f64,
    cluster: bool,
}

impl Cram {
    fn big(&self) -> bool {
        self.cluster && self.jump >= BIG_JUMP
    }
}

/// Calendar weeks (the runner's week start) from the week of `load_start` (the first
/// run's, or the horizon's partial week) to today's.
fn weeks(ctx: &Context<'_>) -> Vec<Week> {
    let sessions = daily_sessions(ctx.dated_runs(), ctx.load_start, ctx.today);
    let mut weeks: Vec<Week> = Vec::new();
    let mut streak = 0;
    // The days run in order, so a week's start is worked out once, when its first day comes.
    let mut next_week = ctx.load_start;
    for ((date, load), n) in ctx.load_start.iter_days().zip(&ctx.daily_load).zip(&sessions) {
        if date >= next_week {
            let start = week_start_of(date, ctx.settings.week_start);
            next_week = start.checked_add_days(Days::new(7)).unwrap_or(NaiveDate::MAX);
            weeks.push(Week { start, load: 0.0, sessions: 0, streak: 0 });
            streak = 0;
        }
        streak = if *n > 0 { streak + 1 } else { 0 };
        if let Some(week) = weeks.last_mut() {
            week.load += load;
            week.sessions += n;
            week.streak = week.streak.max(streak);
        }
    }
    weeks
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => values.get(mid).copied(),
        _ => Some((values.get(mid - 1)? + values.get(mid)?) / 2.0),
    }
}

/// The usual week before week `index`: up to 8 full weeks, never the partial first.
fn usual_before(weeks: &[Week], index: usize) -> Option<Usual> {
    let baseline = weeks.get(index.saturating_sub(BASELINE_WEEKS).max(1)..index)?;
    if baseline.len() < MIN_BASELINE_WEEKS {
        return None;
    }
    let usual = Usual {
        weeks: baseline.len(),
        load: median(baseline.iter().map(|w| w.load).collect())?,
        sessions: median(baseline.iter().map(|w| f64::from(w.sessions)).collect())?,
        streak: median(baseline.iter().map(|w| f64::from(w.streak)).collect())?,
    };
    (usual.load > 0.0).then_some(usual)
}

/// The weeks compared and what the comparisons found.
struct Measures {
    weeks: Vec<Week>,
    /// Short weeks followed by a jump in the last 6 weeks, oldest first.
    crams: Vec<Cram>,
    /// The week with the highest load for its usual, for a clear card.
    biggest: Option<(usize, Usual, f64)>,
}

/// Missed sessions crammed in, read from the runner's own logged weeks (the plan
/// is not consulted: a cram shows in what was run, planned or not): a short week,
/// then a week at ≥ 1.5× its load and ≥ 1.3× the usual week. Restride's own
/// heuristic; 1.5× echoes the acute:chronic spike line (Gabbett 2016).
pub fn detect(ctx: &Context<'_>) -> Finding {
    let m = measure(ctx);
    let Some(biggest) = m.biggest else {
        return insufficient(&m.weeks);
    };
    match m.crams.last() {
        Some(cram) => word_cram(cram, m.crams.len()),
        None => word_clear(&m.weeks, biggest),
    }
}

fn measure(ctx: &Context<'_>) -> Measures {
    let weeks = weeks(ctx);
    let first_after = weeks.len().saturating_sub(RECENT_WEEKS).max(MIN_WEEKS - 1);
    let mut crams: Vec<Cram> = Vec::new();
    let mut biggest: Option<(usize, Usual, f64)> = None;
    for after_index in first_after..weeks.len() {
        let (Some(short), Some(after)) = (weeks.get(after_index - 1), weeks.get(after_index)) else {
            continue;
        };
        let Some(usual) = usual_before(&weeks, after_index - 1) else { continue };
        let jump = after.load / usual.load;
        if biggest.is_none_or(|(_, _, b)| jump > b) {
            biggest = Some((after_index, usual, jump));
        }
        let was_short = short.load <= SHORT_SHARE * usual.load && f64::from(short.sessions) < usual.sessions;
        if was_short && after.load >= JUMP_VS_SHORT * short.load && jump >= JUMP_VS_USUAL {
            let cluster = after.streak >= CLUSTER_DAYS && f64::from(after.streak) > usual.streak;
            crams.push(Cram { short: *short, after: *after, usual, jump, cluster });
        }
    }
    Measures { weeks, crams, biggest }
}

/// The latest cram decides: two in 6 weeks, or one big and clustered, is a rut.
fn judge(cram: &Cram, crams: usize) -> (Status, Strength) {
    let rut = crams >= 2 || cram.big();
    let grade = strength(margin(cram.jump, JUMP_VS_USUAL), data(cram.usual) * crams as f64);
    (if rut { Status::Rut } else { Status::Watch }, grade)
}

fn crams_evidence(crams: usize) -> Evidence {
    Evidence {
        label: "Short weeks followed by a jump".into(),
        window: "last 6 weeks".into(),
        value: crams as f64,
        shown: crams.to_string(),
    }
}

fn word_cram(cram: &Cram, crams: usize) -> Finding {
    let (status, grade) = judge(cram, crams);
    let mut evidence = vec![crams_evidence(crams)];
    let mut show = |label: &str, window: String, value: f64, shown: String| {
        evidence.push(Evidence { label: label.into(), window, value, shown });
    };
    let short_week = format!("week of {}", day(cram.short.start));
    let after_week = format!("week of {}", day(cram.after.start));
    show("Load in the short week", short_week.clone(), cram.short.load, show_load(cram.short.load));
    show(
        "Sessions in the short week",
        short_week,
        f64::from(cram.short.sessions),
        cram.short.sessions.to_string(),
    );
    show("Load in the week after", after_week.clone(), cram.after.load, show_load(cram.after.load));
    show(
        "Sessions in the week after",
        after_week.clone(),
        f64::from(cram.after.sessions),
        cram.after.sessions.to_string(),
    );
    show_usual(&mut show, cram.usual);
    show("Week after vs your usual week", after_week.clone(), cram.jump, show_ratio(cram.jump));
    show("Most days in a row", after_week, f64::from(cram.after.streak), cram.after.streak.to_string());
    let lead = if status == Status::Rut { "Signs of missed sessions crammed in" } else { "Worth watching" };
    let days_in_row =
        if cram.cluster { format!(" with {} days in a row", cram.after.streak) } else { String::new() };
    let when = if crams >= 2 {
        format!(
            "{crams} times in the last 6 weeks a short week was followed by a jump; most recently the week of {}",
            day(cram.after.start)
        )
    } else {
        format!(
            "after a short week ({}), the week of {}",
            count(usize::try_from(cram.short.sessions).unwrap_or(0), "session"),
            day(cram.after.start)
        )
    };
    let sentence = format!(
        "{lead}: {when} held {:.1} times your usual week's training{days_in_row} (your usual week: the middle \
         of the {} weeks before).",
        cram.jump, cram.usual.weeks,
    );
    let why = vec![
        jump_why(cram.short, cram.after, cram.usual, cram.jump, grade),
        Why {
            metric: "Runs on consecutive days".into(),
            formula: "Longest run of consecutive days with a session in the week after, against the median \
                      of your usual weeks."
                .into(),
            inputs: vec![
                ("Most days in a row, week after".to_string(), cram.after.streak.to_string()),
                ("Usual most days in a row".to_string(), show_median(cram.usual.streak)),
            ],
            threshold: "3 or more days in a row, more than usual, together with a jump of 1.5× your usual \
                        load is a clear sign (Restride's own heuristic)."
                .into(),
            strength: strength(
                margin(f64::from(cram.after.streak), f64::from(CLUSTER_DAYS) - 0.5),
                data(cram.usual),
            ),
        },
    ];
    Finding {
        sign: Sign::Cramming,
        status,
        evidence,
        sentence,
        headline: format!("{:.1}× usual after a short week", cram.jump),
        source: SOURCE,
        why,
        remedies: vec![Remedy::NoCramming, Remedy::DifferentTimeOfDay, Remedy::RunningPartner],
    }
}

fn word_clear(weeks: &[Week], (index, usual, jump): (usize, Usual, f64)) -> Finding {
    let mut evidence = vec![crams_evidence(0)];
    let mut show = |label: &str, window: String, value: f64, shown: String| {
        evidence.push(Evidence { label: label.into(), window, value, shown });
    };
    show_usual(&mut show, usual);
    show("Biggest week vs your usual week", "last 6 weeks".into(), jump, show_ratio(jump));
    let sentence = format!(
        "No sign of crammed sessions: in the last 6 weeks no short week was followed by a jump (your usual \
         week, the middle of the {} weeks before, holds {} sessions).",
        usual.weeks,
        show_median(usual.sessions),
    );
    let grade = strength(margin(jump, JUMP_VS_USUAL), data(usual));
    let why = match (weeks.get(index - 1), weeks.get(index)) {
        (Some(before), Some(after)) => vec![jump_why(*before, *after, usual, jump, grade)],
        _ => Vec::new(),
    };
    Finding {
        sign: Sign::Cramming,
        status: Status::Clear,
        evidence,
        sentence,
        headline: "no jump after a short week".into(),
        source: SOURCE,
        why,
        remedies: vec![Remedy::NoCramming],
    }
}

fn insufficient(weeks: &[Week]) -> Finding {
    let more = (weeks.len() < MIN_WEEKS).then(|| count(MIN_WEEKS - weeks.len(), "more week"));
    let needs = match &more {
        Some(more) => format!(
            "{more} of runs: your usual week is learned from at least 3 full weeks before a week is compared"
        ),
        None => "a few weeks of regular runs with effort ratings to learn your usual week".to_string(),
    };
    Finding {
        sign: Sign::Cramming,
        sentence: format!("Not enough history yet to spot crammed sessions: it needs {needs}."),
        headline: more.map_or_else(|| "needs regular weeks".into(), |m| format!("needs {m}")),
        status: Status::Insufficient { needs },
        evidence: Vec::new(),
        source: SOURCE,
        why: Vec::new(),
        remedies: vec![Remedy::TrackProgress],
    }
}

fn show_usual(show: &mut impl FnMut(&str, String, f64, String), usual: Usual) {
    let window = format!("median of the {} weeks before", usual.weeks);
    show("Usual weekly load", window.clone(), usual.load, show_load(usual.load));
    show("Usual sessions a week", window, usual.sessions, show_median(usual.sessions));
}

/// How much of a full baseline the usual week rests on (1 = 8 weeks).
fn data(usual: Usual) -> f64 {
    usual.weeks as f64 / BASELINE_WEEKS as f64
}

fn jump_why(short: Week, after: Week, usual: Usual, jump: f64, strength: Strength) -> Why {
    Why {
        metric: "Load jump after a short week".into(),
        formula: "Your usual week = the median load and sessions of up to 8 full weeks before, from your \
                  logged runs. Short week: at most 70 % of the usual load and fewer \
                  sessions. Jump: the next week's load at least 1.5× the short week's and 1.3× the usual. \
                  Load = RPE × minutes."
            .into(),
        inputs: vec![
            (format!("Load, week of {}", day(short.start)), show_load(short.load)),
            (format!("Sessions, week of {}", day(short.start)), short.sessions.to_string()),
            (format!("Load, week of {}", day(after.start)), show_load(after.load)),
            ("Usual weekly load".to_string(), show_load(usual.load)),
            ("Usual sessions a week".to_string(), show_median(usual.sessions)),
            ("Week after vs usual".to_string(), show_ratio(jump)),
        ],
        threshold:
            "One short week followed by a jump in the last 6 weeks is worth watching; two, or one reaching \
                    1.5× your usual with 3 or more days in a row, is a clear sign."
                .into(),
        strength,
    }
}

/// A median count: "3" or "3.5".
fn show_median(n: f64) -> String {
    if n.fract() == 0.0 { format!("{n:.0}") } else { format!("{n:.1}") }
}

/// "3 Nov".
fn day(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_says_what_it_compared_with() {
        // Ten steady weeks, a week with one run, then one of six days in a row.
        use crate::run::{Run, RunType};
        use crate::settings::Settings;
        use crate::testing::sample_run;
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let monday = crate::history::week_start_of(today, chrono::Weekday::Mon);
        let mut runs: Vec<Run> = Vec::new();
        for w in 3..13 {
            for day in [1, 3, 5] {
                let d = monday - chrono::Duration::weeks(w) + chrono::Duration::days(day);
                runs.push(sample_run(1, &format!("{d}T07:00:00+00:00"), RunType::Easy, 45.0, 7.5));
            }
        }
        let short = monday - chrono::Duration::weeks(2) + chrono::Duration::days(1);
        runs.push(sample_run(2, &format!("{short}T07:00:00+00:00"), RunType::Easy, 45.0, 7.5));
        for day in 0..6 {
            let d = monday - chrono::Duration::weeks(1) + chrono::Duration::days(day);
            runs.push(sample_run(3, &format!("{d}T07:00:00+00:00"), RunType::Easy, 50.0, 8.0));
        }
        let settings = Settings::default();
        let f = detect(&Context::new(&runs, &[], &[], &settings, today));
        assert_eq!(f.status, Status::Rut, "{}", f.sentence);
        assert!(f.sentence.contains("your usual week: the middle of the 8 weeks before"), "{}", f.sentence);
        assert!(!f.sentence.contains("no plan"));
    }

    #[test]
    fn medians_and_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(show_median(3.0), "3");
        assert_eq!(show_median(3.5), "3.5");
    }
}
