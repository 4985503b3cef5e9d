//! The Plan tab's numbers in a runner's words: the week as minutes and a step from
//! the last four weeks (the load figures kept for a details panel), and the race
//! goal as one prediction with its range and why.

use restride_core::analysis::performance::Effort;
use restride_core::plan::{RaceGoal, RaceOutlook, WeekPlan, day_name};
use restride_core::{DistanceUnit, format_duration, race_name};

/// The week in words, and the numbers behind them.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSummary {
    /// "About 2 h 45 min of running in 3 sessions: a small step up from your last 4
    /// weeks (about 2 h 30 min a week)."
    pub sentence: String,
    /// The figures, label and value, for a "the numbers" panel.
    pub numbers: Vec<(String, String)>,
}

/// "2 h 45 min", "50 min".
pub fn hours_and_minutes(minutes: f64) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to a week of minutes
    let m = minutes.round().clamp(0.0, 10_080.0) as u32;
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Planned minutes this much over the recent average read as "about the same".
const SAME_WITHIN: f64 = 0.03;

/// The week's running in minutes against the last four weeks', and its load
/// bounds in figures.
pub fn plan_summary(plan: &WeekPlan) -> PlanSummary {
    let minutes = plan.planned_minutes();
    let sessions = plan.active().count();
    let basis = &plan.load;
    let sentence = if sessions == 0 {
        "No running planned this week.".to_string()
    } else {
        let running = format!(
            "About {} of running in {}",
            hours_and_minutes(minutes),
            restride_core::analysis::words::count(sessions, "session")
        );
        let average = basis.average_minutes;
        if basis.beginner || average < 1.0 {
            format!("{running}: a gentle week to start from.")
        } else {
            let step = minutes / average - 1.0;
            let how = if step > SAME_WITHIN {
                "a small step up from"
            } else if step >= -SAME_WITHIN {
                "about the same as"
            } else {
                "less than"
            };
            format!("{running}: {how} your last 4 weeks (about {} a week).", hours_and_minutes(average))
        }
    };
    let numbers = vec![
        ("Running planned".into(), format!("{:.0} of at most {:.0} minutes", minutes, basis.minutes_cap)),
        ("Your last 4 weeks".into(), format!("{:.0} minutes a week on average", basis.average_minutes)),
        (
            "Load planned (effort × minutes)".into(),
            format!("{:.0} of at most {:.0}", plan.planned_load(), basis.cap),
        ),
        (
            "Your last 4 weeks' load".into(),
            format!("{:.0} a week on average; a week may rise 10 %", basis.average),
        ),
        (
            "Longest run".into(),
            format!(
                "at most {:.0} minutes: 10 % over your longest of the last 30 days ({:.0})",
                basis.longest_cap, basis.longest_minutes
            ),
        ),
    ];
    PlanSummary { sentence, numbers }
}

/// The race goal in words.
#[derive(Debug, Clone, PartialEq)]
pub struct RaceWords {
    /// "10 km on Sun 14 Feb — in 82 days."
    pub race: String,
    /// "Predicted: 52:10", or how to get a prediction.
    pub prediction: String,
    /// "likely 50:56 to 52:10", when the ways of predicting differ.
    pub range: Option<String>,
    /// Why that time: the efforts it came from, how optimistic it is, the figures.
    pub why: Vec<String>,
    /// After race day, through the recovery window: "Recover first: …".
    pub recover: Option<String>,
}

/// A race time or a gap in seconds as "52:07" or "1:45:00".
pub fn whole(seconds: f64) -> String {
    // Predictions are finite race times; the clamp keeps the cast exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let s = seconds.round().clamp(0.0, f64::from(u32::MAX)) as u32;
    format_duration(s)
}

/// "your 5 km race on Thu 5 Nov", "your 8.00 km hard run on …".
fn effort_words(e: &Effort, unit: DistanceUnit) -> String {
    format!(
        "your {} {} on {}",
        race_name(e.distance_m, unit),
        if e.race { "race" } else { "hard run" },
        day_name(e.date)
    )
}

/// The race card's words: one prediction (the cautious one), the range the ways
/// of predicting give, and why.
pub fn race_words(goal: &RaceGoal, outlook: &RaceOutlook, unit: DistanceUnit) -> RaceWords {
    let when = match outlook.days_to_race {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        n if n < 0 => format!("{} days ago", -n),
        n => format!("in {n} days"),
    };
    let race = format!("{} on {} — {when}.", race_name(goal.distance_m, unit), day_name(goal.date));
    let times: Vec<f64> = [
        outlook.riegel.map(|p| p.time_s),
        outlook.vdot.map(|p| p.time_s),
        outlook.endurance.as_ref().and_then(|e| e.adjusted_s),
    ]
    .into_iter()
    .flatten()
    .filter(|t| t.is_finite())
    .collect();
    let fastest = times.iter().copied().reduce(f64::min);
    let prediction = match outlook.predicted_s {
        Some(p) => format!("Predicted: {}", whole(p)),
        None => {
            "No prediction yet: log a race, or a hard continuous run of 1.5 km or more rated 8 or higher, \
                 in the last 12 weeks."
                .into()
        }
    };
    let range = match (fastest, outlook.predicted_s) {
        (Some(low), Some(high)) if high - low >= 1.0 => {
            Some(format!("likely {} to {}", whole(low), whole(high)))
        }
        _ => None,
    };
    let mut why = Vec::new();
    let mut from: Vec<&Effort> =
        [outlook.riegel.as_ref(), outlook.vdot.as_ref()].into_iter().flatten().map(|p| &p.from).collect();
    from.dedup_by(|a, b| a == b);
    if !from.is_empty() {
        let efforts: Vec<String> = from.iter().map(|e| effort_words(e, unit)).collect();
        let source = if outlook.from_races {
            "races only"
        } else {
            "hard training runs, which likely understate what you could race"
        };
        why.push(format!("From {} ({source}).", efforts.join(" and ")));
    }
    if let Some(e) = &outlook.endurance {
        why.push(e.sentence.clone());
    }
    let methods: Vec<String> = [
        outlook.riegel.map(|p| format!("Riegel's formula {}", whole(p.time_s))),
        outlook.vdot.map(|p| format!("Daniels' VDOT {}", whole(p.time_s))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !methods.is_empty() {
        why.push(format!(
            "{}; the prediction is the slowest of these, as both formulas flatter a runner without the weekly \
             volume and long runs behind them.",
            methods.join(", ")
        ));
    }
    RaceWords { race, prediction, range, why, recover: outlook.recovery.map(|r| r.advice()) }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use restride_core::plan::race_outlook;

    use super::*;
    use crate::testing::{TestApp, app, form};

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn minutes_read_as_hours_and_minutes() {
        assert_eq!(hours_and_minutes(50.0), "50 min");
        assert_eq!(hours_and_minutes(120.0), "2 h");
        assert_eq!(hours_and_minutes(165.4), "2 h 45 min");
        assert_eq!(hours_and_minutes(f64::NAN), "0 min");
    }

    /// Four weeks of 40, 40 and 60 minutes before Mon 23 Nov.
    fn steady() -> TestApp {
        let mut a = app();
        a.device.set("2026-11-22T20:00:00+01:00");
        for week in 1..=4 {
            for (day, minutes) in [(1, "40:00"), (3, "40:00"), (5, "1:00:00")] {
                let d = date("2026-11-23") - chrono::Duration::days(7 * week) + chrono::Duration::days(day);
                let _ = a.log_run(&form(&format!("{d}T07:00"), "easy", minutes, "7"), false).unwrap();
            }
        }
        a.device.set("2026-11-23T08:00:00+01:00");
        let _ = a.refresh_today();
        a
    }

    #[test]
    fn the_week_reads_in_minutes_against_the_last_four() {
        let mut a = steady();
        let _ = a.plan_week();
        let plan = a.this_week().unwrap();
        let summary = plan_summary(&plan);
        assert!(summary.sentence.starts_with("About 2 h"), "{}", summary.sentence);
        assert!(
            summary.sentence.contains("your last 4 weeks (about 2 h 20 min a week)"),
            "{}",
            summary.sentence
        );
        assert!(!summary.sentence.contains("load"), "the load is in the numbers");
        assert!(
            summary.numbers.iter().any(|(k, v)| k.starts_with("Load planned") && v.contains(" of at most "))
        );
        // Nothing planned, nothing to compare.
        let empty = WeekPlan { sessions: Vec::new(), ..plan };
        assert_eq!(plan_summary(&empty).sentence, "No running planned this week.");
        // A new runner's first week.
        let mut b = app();
        let _ = b.plan_week();
        assert!(plan_summary(&b.this_week().unwrap()).sentence.ends_with("a gentle week to start from."));
    }

    #[test]
    fn one_prediction_with_its_range_and_why_and_race_names_in_miles() {
        let mut a = app();
        a.device.set("2026-11-20T20:00:00+01:00");
        let mut race = form("2026-11-05T09:00", "race", "25:00", "5");
        race.rpe = "9".into();
        let _ = a.log_run(&race, false).unwrap();
        let today = date("2026-11-25");
        let goal = RaceGoal::new(10_000.0, date("2027-02-14"), None, today).unwrap();
        let m = &a.model().stored;
        let outlook = race_outlook(&goal, &m.runs, &[], today, chrono::Weekday::Mon);
        let words = race_words(&goal, &outlook, DistanceUnit::Mi);
        assert_eq!(words.race, "10 km on Sun 14 Feb — in 81 days.");
        assert!(words.prediction.starts_with("Predicted: 5"), "{}", words.prediction);
        let range = words.range.unwrap();
        assert!(
            range.starts_with("likely 5") && range.ends_with(&words.prediction["Predicted: ".len()..]),
            "{range}"
        );
        assert_eq!(words.why[0], "From your 5 km race on Thu 5 Nov (races only).");
        assert!(words.why.iter().any(|w| w.contains("Riegel's formula 52:0")), "{:?}", words.why);
        assert_eq!(words.recover, None);
        // After the race, through its window: recover first.
        let after = race_outlook(&goal, &m.runs, &[], date("2027-02-16"), chrono::Weekday::Mon);
        let words = race_words(&goal, &after, DistanceUnit::Km);
        assert_eq!(words.race, "10 km on Sun 14 Feb — 2 days ago.");
        assert!(words.recover.unwrap().starts_with("Recover first"));
    }
}
