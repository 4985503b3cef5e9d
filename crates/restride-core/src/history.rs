//! History views: weeks with totals, and the run a quick check-in repeats.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Timelike, Weekday};

use crate::run::{Run, RunType};
use crate::settings::TimeOfDay;

/// A calendar week of runs (newest run first) and its totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Week<'a> {
    /// The local date the week starts on.
    pub start: NaiveDate,
    pub runs: Vec<&'a Run>,
    pub sessions: u32,
    pub moving_s: u64,
    pub distance_m: f64,
}

/// The order runs are kept in: newest start instant first, and of two runs started
/// at the same instant the greater id first, so the order is total.
pub fn newest_first(a: &Run, b: &Run) -> Ordering {
    b.start.cmp(&a.start).then_with(|| b.id.cmp(&a.id))
}

/// Sorts runs [`newest_first`].
pub fn sort_newest_first(runs: &mut [Run]) {
    runs.sort_by(newest_first);
}

/// Puts `run` where it belongs in `runs` (already [`newest_first`]): a binary
/// search and one move, not a sort, so a save costs the same with ten years of runs.
pub fn insert_newest_first(runs: &mut Vec<Run>, run: Run) {
    let at = runs.partition_point(|r| newest_first(r, &run) == Ordering::Less);
    runs.insert(at, run);
}

/// Where `run` (its start and id) is in `runs` (already [`newest_first`]), if there.
pub fn position_newest_first(runs: &[Run], run: &Run) -> Option<usize> {
    runs.binary_search_by(|r| newest_first(r, run)).ok()
}

/// The first day of the week containing `date`, for weeks starting on `week_start`.
pub fn week_start_of(date: NaiveDate, week_start: Weekday) -> NaiveDate {
    let back = (7 + date.weekday().num_days_from_monday() - week_start.num_days_from_monday()) % 7;
    date - Duration::days(i64::from(back))
}

/// The runs dated `from` to `to` (local dates, inclusive), from runs newest first by
/// start instant, as the store keeps them. Only the runs back to a day before `from`
/// are looked at (no offset is a day or more), so the cost is the window's, not the
/// history's: Today's week total is worked out on every visit after a save.
pub fn runs_dated(runs: &[Run], from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = &Run> {
    let earliest = from.pred_opt().unwrap_or(from).and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    runs.iter()
        .take_while(move |r| earliest.is_none_or(|e| r.start >= e))
        .filter(move |r| (from..=to).contains(&r.start.date_naive()))
}

/// Groups runs (already newest first) into weeks, newest week first, keeping only
/// runs of `only` when it is given; weeks without runs are left out. Stops after the
/// week in which `min_runs` runs are reached, so a page of History costs the same
/// with ten years of runs as with ten. The flag says whether older matching runs
/// remain.
pub fn recent_weeks(
    runs: &[Run],
    week_start: Weekday,
    only: Option<RunType>,
    min_runs: usize,
) -> (Vec<Week<'_>>, bool) {
    let mut out: Vec<Week<'_>> = Vec::new();
    for (taken, run) in runs.iter().filter(|r| only.is_none_or(|t| r.kind == t)).enumerate() {
        let start = week_start_of(run.start.date_naive(), week_start);
        if taken >= min_runs && out.last().is_none_or(|w| w.start != start) {
            return (out, true);
        }
        let week = match out.last_mut() {
            Some(w) if w.start == start => w,
            _ => {
                out.push(Week { start, runs: Vec::new(), sessions: 0, moving_s: 0, distance_m: 0.0 });
                match out.last_mut() {
                    Some(w) => w,
                    None => continue,
                }
            }
        };
        week.runs.push(run);
        week.sessions += 1;
        week.moving_s += u64::from(run.moving_s);
        week.distance_m += run.distance_m.unwrap_or(0.0);
    }
    (out, false)
}

/// How far back a quick check-in looks for the runner's usual run.
pub const USUAL_RUN_WINDOW_DAYS: i64 = 56;

/// The run a quick check-in offers to repeat: among the last eight weeks' runs
/// started at the same time of day as `now`, the most common type, and of that
/// type the most recent run. With none at this time of day, the same over all of
/// the last eight weeks' runs. `runs` are newest first by start instant, as the
/// store keeps them: only the eight weeks are looked at, however long the history.
pub fn usual_run(runs: &[Run], now: DateTime<FixedOffset>) -> Option<&Run> {
    let since = now - Duration::days(USUAL_RUN_WINDOW_DAYS);
    let bucket = TimeOfDay::of_hour(now.hour());
    let not_after_now = runs.get(runs.partition_point(|r| r.start > now)..).unwrap_or(&[]);
    let recent: Vec<&Run> = not_after_now.iter().take_while(|r| r.start >= since).collect();
    let same_time: Vec<&Run> =
        recent.iter().copied().filter(|r| TimeOfDay::of_hour(r.start.hour()) == bucket).collect();
    let pool = if same_time.is_empty() { recent } else { same_time };
    let mut counts: HashMap<RunType, usize> = HashMap::new();
    for r in &pool {
        *counts.entry(r.kind).or_default() += 1;
    }
    // Most common type; ties go to the type run most recently.
    let latest_of = |t: RunType| pool.iter().copied().filter(|r| r.kind == t).max_by_key(|r| r.start);
    counts
        .into_iter()
        .max_by(|(ta, a), (tb, b)| {
            a.cmp(b).then_with(|| latest_of(*ta).map(|r| r.start).cmp(&latest_of(*tb).map(|r| r.start)))
        })
        .and_then(|(t, _)| latest_of(t))
}

/// Run dates needed before the history says which days a runner runs on: two
/// weeks of two runs.
const USUAL_DAYS_MIN_DATES: usize = 4;
/// Run days a week the plan takes from the history: a plan keeps a rest day, and
/// two runs a week is where a habit starts.
const USUAL_DAYS_RANGE: std::ops::RangeInclusive<usize> = 2..=6;

/// The weekdays the runner ran on most over the 8 weeks before `before` (runs and
/// races, not cross-training; a day with two runs counts once), as many as the
/// days a week they ran on average, Monday first. Ties go to the weekday run on
/// most recently. `None` with fewer than 4 run dates: too little to go on.
pub fn usual_run_days(runs: &[Run], before: NaiveDate) -> Option<Vec<Weekday>> {
    let since = before - Duration::days(USUAL_RUN_WINDOW_DAYS);
    let mut dates: Vec<NaiveDate> = runs
        .iter()
        .filter(|r| r.kind != RunType::Cross)
        .map(|r| r.start.date_naive())
        .filter(|d| (since..before).contains(d))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    let first = *dates.first()?;
    if dates.len() < USUAL_DAYS_MIN_DATES {
        return None;
    }
    // Weeks since the first run in the window (a newer runner's weeks, not eight).
    let weeks = ((before - first).num_days() + 6) / 7;
    #[allow(clippy::cast_precision_loss)] // at most 56 dates and 8 weeks
    let per_week = (dates.len() as f64 / weeks.max(1) as f64).round();
    // Clamped to 2–6 first, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = (per_week as usize).clamp(*USUAL_DAYS_RANGE.start(), *USUAL_DAYS_RANGE.end());
    let mut by_day: Vec<(usize, NaiveDate, Weekday)> = (0..7u8)
        .filter_map(|d| Weekday::try_from(d).ok())
        .filter_map(|w| {
            let on: Vec<&NaiveDate> = dates.iter().filter(|d| d.weekday() == w).collect();
            Some((on.len(), **on.last()?, w))
        })
        .collect();
    by_day.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    let mut days: Vec<Weekday> = by_day.into_iter().take(n).map(|(_, _, w)| w).collect();
    days.sort_by_key(Weekday::num_days_from_monday);
    Some(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::sample_run;

    #[test]
    fn usual_run_days_come_from_the_history() {
        let before = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(); // a Monday
        let at = |days_before: i64, kind: RunType| {
            let d = before - Duration::days(days_before);
            run(u8::try_from(days_before).unwrap(), &format!("{d}T07:00:00+01:00"), kind)
        };
        // Six weeks on Wed, Fri, Sun and Mon; the odd Tuesday; cross-training on Thursdays.
        let mut runs = Vec::new();
        for w in 0..6 {
            for back in [1, 5, 3, 7] {
                runs.push(at(w * 7 + back, RunType::Easy));
            }
            runs.push(at(w * 7 + 4, RunType::Cross));
        }
        runs.push(at(13, RunType::Easy));
        assert_eq!(
            usual_run_days(&runs, before),
            Some(vec![Weekday::Mon, Weekday::Wed, Weekday::Fri, Weekday::Sun])
        );
        // Two runs the same day count once; too little history says nothing.
        assert_eq!(
            usual_run_days(&[at(1, RunType::Easy), at(1, RunType::Long), at(3, RunType::Easy)], before),
            None
        );
        // Two weeks of two runs: those two days.
        let two = [at(1, RunType::Easy), at(3, RunType::Easy), at(8, RunType::Easy), at(10, RunType::Easy)];
        assert_eq!(usual_run_days(&two, before), Some(vec![Weekday::Fri, Weekday::Sun]));
        // Older runs than the window are not read.
        assert_eq!(usual_run_days(&[at(60, RunType::Easy)], before), None);
    }

    fn run(n: u8, start: &str, kind: RunType) -> Run {
        sample_run(n, start, kind, 30.0, 5.0)
    }

    #[test]
    fn runs_go_in_newest_first_and_are_found_again() {
        let a = run(1, "2026-11-02T07:00:00+01:00", RunType::Easy);
        // The same instant as `a` in another zone: ordered by id.
        let b = run(2, "2026-11-02T06:00:00+00:00", RunType::Easy);
        let c = run(3, "2026-11-03T07:00:00+01:00", RunType::Easy);
        let d = run(4, "2026-10-30T07:00:00+01:00", RunType::Easy);
        let mut sorted = vec![a.clone(), b.clone(), c.clone(), d.clone()];
        sort_newest_first(&mut sorted);
        assert_eq!(sorted, vec![c.clone(), b.clone(), a.clone(), d.clone()]);
        let mut inserted = Vec::new();
        for r in [a, d, c, b] {
            insert_newest_first(&mut inserted, r);
        }
        assert_eq!(inserted, sorted);
        for (i, r) in sorted.iter().enumerate() {
            assert_eq!(position_newest_first(&sorted, r), Some(i));
        }
        let elsewhere = run(5, "2026-11-02T07:00:00+01:00", RunType::Easy);
        assert_eq!(position_newest_first(&sorted, &elsewhere), None);
    }

    #[test]
    fn week_starts() {
        let wed = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(week_start_of(wed, Weekday::Mon).to_string(), "2026-11-23");
        assert_eq!(week_start_of(wed, Weekday::Sun).to_string(), "2026-11-22");
        assert_eq!(week_start_of(wed, Weekday::Wed), wed);
        assert_eq!(week_start_of(wed, Weekday::Thu).to_string(), "2026-11-19");
    }

    #[test]
    fn runs_dated_reads_local_dates_and_only_the_window() {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let mut runs = vec![
            // 23:30 on the 23rd in Auckland is the 23rd there, but 10:30 UTC.
            sample_run(1, "2026-11-23T23:30:00+13:00", RunType::Easy, 30.0, 5.0),
            sample_run(2, "2026-11-22T20:00:00-08:00", RunType::Easy, 30.0, 5.0),
            sample_run(3, "2026-11-25T07:00:00+00:00", RunType::Easy, 30.0, 5.0),
            sample_run(4, "2026-11-10T07:00:00+00:00", RunType::Easy, 30.0, 5.0),
        ];
        runs.sort_by_key(|r| std::cmp::Reverse(r.start));
        let ids = |from, to| runs_dated(&runs, day(from), day(to)).map(|r| r.start).collect::<Vec<_>>();
        let all = |from, to| {
            runs.iter()
                .filter(|r| (day(from)..=day(to)).contains(&r.start.date_naive()))
                .map(|r| r.start)
                .collect::<Vec<_>>()
        };
        for (from, to) in [
            ("2026-11-23", "2026-11-29"),
            ("2026-11-22", "2026-11-22"),
            ("2026-11-01", "2026-11-30"),
            ("2026-11-26", "2026-11-29"),
        ] {
            assert_eq!(ids(from, to), all(from, to), "{from}..{to}");
        }
        assert_eq!(ids("2026-11-23", "2026-11-23").len(), 1);
    }

    #[test]
    fn weeks_group_total_and_page() {
        let runs = vec![
            run(1, "2026-11-25T07:00:00+01:00", RunType::Easy),
            run(2, "2026-11-23T07:00:00+01:00", RunType::Tempo),
            run(3, "2026-11-22T07:00:00+01:00", RunType::Easy),
        ];
        let (w, _) = recent_weeks(&runs, Weekday::Mon, None, usize::MAX);
        assert_eq!(w.len(), 2);
        assert_eq!((w[0].sessions, w[0].moving_s, w[0].distance_m), (2, 3600, 10000.0));
        assert_eq!(w[1].start.to_string(), "2026-11-16");
        let (sunday_weeks, _) = recent_weeks(&runs, Weekday::Sun, None, usize::MAX);
        assert_eq!(sunday_weeks.len(), 1);
        // A page: whole weeks until at least `min_runs` runs, and whether more remain.
        let (page, more) = recent_weeks(&runs, Weekday::Mon, None, 1);
        assert_eq!((page.len(), page[0].sessions, more), (1, 2, true));
        let (page, more) = recent_weeks(&runs, Weekday::Mon, None, 3);
        assert_eq!((page.len(), more), (2, false));
        let (tempo, _) = recent_weeks(&runs, Weekday::Mon, Some(RunType::Tempo), usize::MAX);
        assert_eq!(tempo.len(), 1);
        assert_eq!(tempo[0].runs[0].kind, RunType::Tempo);
    }

    #[test]
    fn usual_run_matches_time_of_day_then_type() {
        let now = DateTime::parse_from_rfc3339("2026-11-25T18:30:00+01:00").unwrap();
        let runs = vec![
            run(1, "2026-11-24T07:00:00+01:00", RunType::Tempo),
            run(2, "2026-11-23T18:00:00+01:00", RunType::Easy),
            run(3, "2026-11-21T19:00:00+01:00", RunType::Hills),
            run(4, "2026-11-19T18:10:00+01:00", RunType::Easy),
        ];
        // Evening runs: two easy, one hills; the latest easy one.
        assert_eq!(usual_run(&runs, now).map(|r| r.id.clone()), Some(runs[1].id.clone()));
        // In the morning only the tempo run matches.
        let morning = DateTime::parse_from_rfc3339("2026-11-25T06:45:00+01:00").unwrap();
        assert_eq!(usual_run(&runs, morning).map(|r| r.kind), Some(RunType::Tempo));
        // At midday nothing matches: the most common type over all recent runs.
        let noon = DateTime::parse_from_rfc3339("2026-11-25T12:00:00+01:00").unwrap();
        assert_eq!(usual_run(&runs, noon).map(|r| r.id.clone()), Some(runs[1].id.clone()));
        // Too old: nothing.
        let later = DateTime::parse_from_rfc3339("2027-06-01T18:00:00+01:00").unwrap();
        assert_eq!(usual_run(&runs, later), None);
        assert_eq!(usual_run(&[], now), None);
    }
}
