//! How each sign is moving: its status at the end of each of the last 11 weeks (the
//! analysis re-run as of each week's last day, reading only what was logged by then)
//! and today, and since last week: better, worse or the same.
//!
//! Re-running the analysis twelve times on every change would cost twelve analyses;
//! a past week's status only changes when what was logged up to its end changes (an
//! old run edited or imported, a check-in, settings or setbacks), so
//! [`fingerprints`] gives one number per day for what the analysis reads of the runs
//! and check-ins up to it, in one pass over the history, and a caller keeps the
//! statuses of days whose fingerprint (and settings and setbacks) did not change.

use chrono::{Duration, NaiveDate, Weekday};

use super::{HORIZON_DAYS, Report, Sign, Status, analyze};
use crate::history::week_start_of;
use crate::run::{Run, day_of_date};
use crate::setback::{Setback, lasting_on};
use crate::settings::Settings;
use crate::wellness::Wellness;

/// Weeks the radar shows for each sign, this one included.
pub const WEEKS: usize = 12;

/// A sign's status on one day, as the trend shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Not enough data that week.
    Unknown,
    /// Ill or injured: the radar was paused.
    Paused,
    Clear,
    Watch,
    Rut,
}

impl Level {
    pub fn of(status: &Status) -> Self {
        match status {
            Status::Clear => Self::Clear,
            Status::Watch => Self::Watch,
            Status::Rut => Self::Rut,
            Status::Insufficient { .. } => Self::Unknown,
        }
    }

    /// Stable text for `data-level` attributes and tests.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Unknown => "insufficient",
            Self::Paused => "paused",
            Self::Clear => "clear",
            Self::Watch => "watch",
            Self::Rut => "rut",
        }
    }

    /// As it reads in a sentence: "clear", "a rut sign".
    pub fn words(self) -> &'static str {
        match self {
            Self::Unknown => "not enough data",
            Self::Paused => "paused",
            Self::Clear => "clear",
            Self::Watch => "worth watching",
            Self::Rut => "a rut sign",
        }
    }

    /// How bad, where known: clear 0, watch 1, rut 2.
    fn severity(self) -> Option<u8> {
        match self {
            Self::Unknown | Self::Paused => None,
            Self::Clear => Some(0),
            Self::Watch => Some(1),
            Self::Rut => Some(2),
        }
    }
}

/// Each sign's level in `report`, in [`Sign::ALL`] order.
pub fn levels(report: &Report) -> [Level; 8] {
    Sign::ALL.map(|sign| {
        report.findings.iter().find(|f| f.sign == sign).map_or(Level::Unknown, |f| Level::of(&f.status))
    })
}

/// Each sign's level as of `day`: the analysis re-run with `day` as today, or
/// paused if the runner was ill or injured that day.
pub fn levels_on(
    runs: &[Run],
    wellness: &[Wellness],
    setbacks: &[Setback],
    settings: &Settings,
    day: NaiveDate,
) -> [Level; 8] {
    if lasting_on(setbacks, day).is_some() {
        return [Level::Paused; 8];
    }
    levels(&analyze(runs, wellness, setbacks, settings, day))
}

/// The last day of each of the [`WEEKS`] − 1 weeks before the one holding `today`
/// (weeks starting on `week_start`), oldest first: the days the trend re-runs the
/// analysis for. Today's own report is the last point.
pub fn past_week_ends(today: NaiveDate, week_start: Weekday) -> Vec<NaiveDate> {
    let this_week = week_start_of(today, week_start);
    (1..WEEKS)
        .rev()
        .map(|back| this_week - Duration::days(7 * i64::try_from(back).unwrap_or(0) - 6))
        .collect()
}

/// Since last week, for one sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    Better,
    Worse,
    Same,
    /// Not known last week or now.
    Unknown,
}

impl Movement {
    pub fn of(last_week: Level, now: Level) -> Self {
        match (last_week.severity(), now.severity()) {
            (Some(then), Some(now)) if now < then => Self::Better,
            (Some(then), Some(now)) if now > then => Self::Worse,
            (Some(_), Some(_)) => Self::Same,
            _ => Self::Unknown,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Self::Better => "better",
            Self::Worse => "worse",
            Self::Same => "same",
            Self::Unknown => "unknown",
        }
    }

    /// "Since last week: better."
    pub fn sentence(self) -> &'static str {
        match self {
            Self::Better => "Since last week: better.",
            Self::Worse => "Since last week: worse.",
            Self::Same => "Since last week: the same.",
            Self::Unknown => "Since last week: not known yet.",
        }
    }
}

/// One sign's last [`WEEKS`] weeks, oldest first, the last one today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignTrend {
    pub sign: Sign,
    pub levels: Vec<Level>,
}

impl SignTrend {
    pub fn since_last_week(&self) -> Movement {
        match self.levels.as_slice() {
            [.., then, now] => Movement::of(*then, *now),
            _ => Movement::Unknown,
        }
    }

    /// The strip in words, oldest first: "Last 12 weeks: not enough data for 3
    /// weeks, then clear for 6, then a rut sign for 3 (this week)."
    pub fn text(&self) -> String {
        let mut spans: Vec<(Level, usize)> = Vec::new();
        for level in &self.levels {
            match spans.last_mut() {
                Some((l, n)) if l == level => *n += 1,
                _ => spans.push((*level, 1)),
            }
        }
        let weeks = self.levels.len();
        match spans.as_slice() {
            [] => "No weeks to show yet.".into(),
            [(level, _)] => format!("Last {weeks} weeks: {} every week.", level.words()),
            _ => {
                let parts: Vec<String> = spans
                    .iter()
                    .enumerate()
                    .map(|(i, (level, n))| {
                        let span = if i == 0 {
                            format!("{} for {}", level.words(), super::words::count(*n, "week"))
                        } else {
                            format!("{} for {n}", level.words())
                        };
                        if i + 1 == spans.len() { format!("then {span} up to this week") } else { span }
                    })
                    .collect();
                format!("Last {weeks} weeks, oldest first: {}.", parts.join(", "))
            }
        }
    }
}

/// Every sign's trend from the levels of the past week ends (oldest first) and today.
pub fn trends(past: &[[Level; 8]], now: [Level; 8]) -> Vec<SignTrend> {
    Sign::ALL
        .iter()
        .enumerate()
        .map(|(i, sign)| SignTrend {
            sign: *sign,
            levels: past.iter().chain(std::iter::once(&now)).filter_map(|l| l.get(i).copied()).collect(),
        })
        .collect()
}

/// A fingerprint of the runs and check-ins dated up to each of `days` (sorted,
/// oldest first): equal fingerprints, with the same settings and setbacks, mean the
/// analysis as of that day reads the same history. A run counts by its start, its
/// last change (every edit changes it) and the random end of its id. Runs and
/// check-ins from before the analysis horizon of the first of `days` change no
/// finding as of any of them (see [`super::Context`]) except through the day of
/// the runner's first run (how long the history is): they count by that day alone.
///
/// `runs` must be newest first by start instant, as the app keeps them
/// ([`crate::history::newest_first`]): the pass stops at the horizon, so it reads
/// the last year of a long history, not all of it (every save pays it). A local
/// day is at most two days out of step with the instant order (UTC offsets span
/// 26 hours), hence the slack at both ends.
pub fn fingerprints(runs: &[Run], wellness: &[Wellness], days: &[NaiveDate]) -> Vec<u64> {
    const SLACK_DAYS: i64 = 2;
    let day_numbers: Vec<i64> = days.iter().map(|d| day_of_date(*d)).collect();
    let Some(first) = day_numbers.first() else { return Vec::new() };
    let horizon = first - (HORIZON_DAYS - 1);
    let mut parts = vec![0u64; days.len()];
    let mut add = |day: i64, hash: u64| {
        // The first of `days` on or after `day` counts it, and every later one
        // through the running sum below.
        if let Some(part) = parts.get_mut(day_numbers.partition_point(|d| *d < day)) {
            *part = part.wrapping_add(hash);
        }
    };
    for run in runs {
        let day = run.local_day();
        if day < horizon - SLACK_DAYS {
            break;
        }
        if day < horizon {
            continue;
        }
        let id = run.id.as_str().as_bytes();
        let tail = id.get(id.len().saturating_sub(8)..).and_then(|t| <[u8; 8]>::try_from(t).ok());
        let mut h = mix(0, run.start.timestamp());
        h = mix(h, i64::from(run.start.offset().local_minus_utc()));
        h = mix(h, run.updated.timestamp_millis());
        h = mix(h, tail.map_or(0, i64::from_le_bytes));
        add(day, h);
    }
    // The first run's local day: among the oldest by instant.
    let oldest = runs.last().map(Run::local_day);
    let earliest = oldest.and_then(|oldest| {
        runs.iter().rev().map(Run::local_day).take_while(|d| *d <= oldest + 2 * SLACK_DAYS).min()
    });
    if let Some(day) = earliest {
        add(day, mix(2, day));
    }
    for w in wellness {
        let day = day_of_date(w.date);
        if day >= horizon {
            add(day, mix(mix(1, day), w.updated.timestamp_millis()));
        }
    }
    let mut sum = 0u64;
    parts
        .into_iter()
        .map(|p| {
            sum = sum.wrapping_add(p);
            sum
        })
        .collect()
}

/// One step of a fast non-cryptographic hash (the FxHash step, then a final mix
/// so that sums of hashes don't cancel).
fn mix(h: u64, word: i64) -> u64 {
    let x = (h.rotate_left(5) ^ u64::from_le_bytes(word.to_le_bytes())).wrapping_mul(0x517c_c1b7_2722_0a95);
    x ^ (x >> 29)
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;
    use crate::plan::week::tests::{date, steady};

    #[test]
    fn the_past_week_ends_lead_up_to_this_week() {
        // A Wednesday, weeks from Monday: the 11 Sundays before.
        let days = past_week_ends(date("2026-11-25"), Weekday::Mon);
        assert_eq!(days.len(), WEEKS - 1);
        assert_eq!(days.last(), Some(&date("2026-11-22")));
        assert_eq!(days.first(), Some(&date("2026-09-13")));
        assert!(days.iter().all(|d| d.weekday() == Weekday::Sun));
        // Weeks from Sunday: Saturdays; on the week's first day the last one is yesterday.
        let days = past_week_ends(date("2026-11-22"), Weekday::Sun);
        assert_eq!(days.last(), Some(&date("2026-11-21")));
    }

    #[test]
    fn movement_compares_last_week_with_now() {
        assert_eq!(Movement::of(Level::Clear, Level::Rut), Movement::Worse);
        assert_eq!(Movement::of(Level::Rut, Level::Watch), Movement::Better);
        assert_eq!(Movement::of(Level::Watch, Level::Watch), Movement::Same);
        assert_eq!(Movement::of(Level::Unknown, Level::Rut), Movement::Unknown);
        assert_eq!(Movement::of(Level::Clear, Level::Paused), Movement::Unknown);
    }

    #[test]
    fn a_strip_reads_as_spans() {
        let mut levels = vec![Level::Unknown; 3];
        levels.extend([Level::Clear; 6]);
        levels.extend([Level::Rut; 3]);
        let t = SignTrend { sign: Sign::Plateau, levels };
        assert_eq!(
            t.text(),
            "Last 12 weeks, oldest first: not enough data for 3 weeks, clear for 6, then a rut sign for 3 up to \
             this week."
        );
        assert_eq!(t.since_last_week(), Movement::Same);
        let flat = SignTrend { sign: Sign::Plateau, levels: vec![Level::Clear; 12] };
        assert_eq!(flat.text(), "Last 12 weeks: clear every week.");
        let one = SignTrend { sign: Sign::Plateau, levels: vec![Level::Watch] };
        assert_eq!(one.since_last_week(), Movement::Unknown);
    }

    #[test]
    fn fingerprints_change_only_for_days_the_change_reaches() {
        let newest_first = |mut runs: Vec<Run>| {
            crate::history::sort_newest_first(&mut runs);
            runs
        };
        let run =
            |n: u8, start: &str| crate::testing::sample_run(n, start, crate::run::RunType::Easy, 30.0, 5.0);
        let runs = newest_first(steady(12));
        let days = past_week_ends(date("2026-11-25"), Weekday::Mon);
        let before = fingerprints(&runs, &[], &days);
        // A run today changes no past week's end.
        let mut more = runs.clone();
        more.push(run(77, "2026-11-25T07:00:00+01:00"));
        assert_eq!(fingerprints(&newest_first(more), &[], &days), before);
        // An edit four weeks back changes that week's end and every later one.
        let mut edited = runs;
        let i = edited.iter().position(|r| r.start.date_naive() == date("2026-10-27")).unwrap();
        edited[i].updated += Duration::seconds(1);
        let after = fingerprints(&edited, &[], &days);
        let changed: Vec<bool> = before.iter().zip(&after).map(|(a, b)| a != b).collect();
        let first = days.iter().position(|d| *d >= date("2026-10-27")).unwrap();
        assert!(changed[..first].iter().all(|c| !c) && changed[first..].iter().all(|c| *c), "{changed:?}");
        // Over a year before the first week's end, only the first run's day counts.
        let mut long = steady(12);
        long.push(run(78, "2025-03-04T07:00:00+01:00"));
        long.push(run(79, "2025-01-07T07:00:00+01:00"));
        let mut long = newest_first(long);
        let base = fingerprints(&long, &[], &days);
        let mut edited_old = long.clone();
        edited_old[12 * 3].updated += Duration::seconds(1);
        assert_eq!(fingerprints(&edited_old, &[], &days), base, "a change no finding reads");
        long.pop();
        assert!(fingerprints(&long, &[], &days).iter().zip(&base).all(|(a, b)| a != b), "a later first run");
    }

    #[test]
    fn levels_follow_the_report_and_pause_while_ill() {
        let runs = steady(16);
        let settings = Settings::default();
        let day = date("2026-11-22");
        let report = analyze(&runs, &[], &[], &settings, day);
        assert_eq!(levels_on(&runs, &[], &[], &settings, day), levels(&report));
        let ill = Setback { kind: crate::setback::SetbackKind::Ill, start: date("2026-11-20"), end: None };
        assert_eq!(levels_on(&runs, &[], &[ill], &settings, day), [Level::Paused; 8]);
        let t = trends(&[[Level::Clear; 8], [Level::Watch; 8]], [Level::Rut; 8]);
        assert_eq!(t.len(), 8);
        assert_eq!(t[3].levels, [Level::Clear, Level::Watch, Level::Rut]);
        assert_eq!(t[3].since_last_week(), Movement::Worse);
    }
}
