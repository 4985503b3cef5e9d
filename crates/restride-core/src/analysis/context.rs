//! What every detector reads: the runs of the analysis horizon, sorted, with their
//! local dates, ages and the daily load, built once per analysis, and the window
//! queries over them (binary searches, so a window costs O(log n + its runs)
//! however long the history).

use chrono::NaiveDate;

use super::effort::EffortScale;
use super::metrics;
use crate::plan::RaceRecovery;
use crate::run::{Run, RunType, SECONDS_PER_DAY, date_of_day, day_of_date};
use crate::setback::{SHORT_BREAK_DAYS, Setback};
use crate::settings::Settings;
use crate::wellness::Wellness;

/// How far back the analysis reads: a year. The longest window any detector
/// compares is 16 weeks (effort creep), and a load from a year ago weighs about
/// 1.5e-4 of a fresh one in fitness ((41/42)^365), far below any threshold, so older
/// runs change no finding; reading
/// only the last year keeps the analysis as fast with ten years of runs as with
/// one. It also keeps the easy-pace reference (see [`EffortScale`]) the runner's
/// current one.
pub const HORIZON_DAYS: i64 = 365;

/// The first weeks of a runner's history (or of a return after a long break) build
/// an easy base: couch-to-5K programmes such as the NHS's run 9 weeks of easy running
/// before anything harder, and the plan keeps quality sessions out for as long.
pub const BASE_BUILDING_DAYS: i64 = 9 * 7;

/// The first day after a new runner's easy base: [`BASE_BUILDING_DAYS`] after their
/// first run before `before` (or after `before`, without one). The plan holds
/// quality sessions until then, and the one answer (see [`super::next_step`]) holds
/// harder work.
pub fn base_until(runs: &[Run], before: NaiveDate) -> NaiveDate {
    runs.iter().map(|r| r.start.date_naive()).filter(|d| *d < before).min().unwrap_or(before)
        + chrono::Duration::days(BASE_BUILDING_DAYS)
}

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
    /// The day the runner was back from an illness or injury long enough to reset
    /// their baseline, when the analysis reads from it: the return is judged
    /// against itself, not against the runner before the break.
    pub back_on: Option<NaiveDate>,
    /// The recovery window of a race run lately that today falls in, when one does:
    /// a plateau or every run being easy means nothing in it.
    pub recovering: Option<RaceRecovery>,
}

impl<'a> Context<'a> {
    /// `runs` and `wellness` in any order; duplicates and future entries are fine.
    /// After a setback of more than 5 days off that needs a return (see
    /// [`Self::back_on`]), only runs from the day back count.
    pub fn new(
        runs: &'a [Run],
        wellness: &'a [Wellness],
        setbacks: &[Setback],
        settings: &'a Settings,
        today: NaiveDate,
    ) -> Self {
        // By local time: every window below is a range of local dates. One pass
        // over the whole history finds its first day; only the horizon is kept.
        let today_n = day_of_date(today);
        let horizon_n = today_n - (HORIZON_DAYS - 1);
        let back_on = baseline_reset(setbacks, today);
        let back_n = back_on.map_or(i64::MIN, day_of_date);
        let mut first_n: Option<i64> = None;
        let mut local: Vec<((i64, u32), &Run)> = Vec::new();
        for run in runs {
            let seconds = run.local_seconds();
            let day = seconds.div_euclid(SECONDS_PER_DAY);
            if day > today_n || day < back_n {
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
        let recovering = runs
            .iter()
            .filter(|r| r.kind == RunType::Race)
            .map(|r| RaceRecovery::of_run(r))
            .filter(|r| r.covers(today))
            .max_by_key(RaceRecovery::last_day);
        Self {
            today,
            runs,
            dates,
            ages,
            wellness,
            settings,
            daily_load,
            first_day,
            load_start,
            effort,
            back_on,
            recovering,
        }
    }

    /// Runs dated `from` to `to` inclusive: a binary search, so a window costs
    /// O(log n + its runs) however long the history.
    pub fn runs_between(&self, from: NaiveDate, to: NaiveDate) -> &[&'a Run] {
        let lo = self.dates.partition_point(|d| *d < from);
        let hi = self.dates.partition_point(|d| *d <= to).max(lo);
        self.runs.get(lo..hi).unwrap_or(&[])
    }

    /// Each run with its local date, oldest first.
    pub fn dated_runs(&self) -> impl Iterator<Item = (NaiveDate, &'a Run)> + '_ {
        self.dates.iter().copied().zip(self.runs.iter().copied())
    }

    /// Each run with the days from it to today (0 today), oldest first.
    pub fn aged_runs(&self) -> impl Iterator<Item = (i64, &'a Run)> + '_ {
        self.ages.iter().copied().zip(self.runs.iter().copied())
    }

    /// Check-ins dated `from` to `to` inclusive, found the same way.
    pub fn wellness_between(&self, from: NaiveDate, to: NaiveDate) -> &[&'a Wellness] {
        let lo = self.wellness.partition_point(|w| w.date < from);
        let hi = self.wellness.partition_point(|w| w.date <= to).max(lo);
        self.wellness.get(lo..hi).unwrap_or(&[])
    }
}

/// The day back from the latest setback that resets the baseline: ill or injured
/// (a cold above the neck lets easy running go on), more than 5 days off (up to 5,
/// Daniels expects no loss of fitness), over by `today` and within the horizon.
fn baseline_reset(setbacks: &[Setback], today: NaiveDate) -> Option<NaiveDate> {
    setbacks
        .iter()
        .filter(|s| s.kind.needs_return() && s.days_off(today) > SHORT_BREAK_DAYS)
        .filter_map(|s| s.end)
        .filter(|end| *end <= today && (today - *end).num_days() < HORIZON_DAYS)
        .max()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::RunType;
    use crate::testing::sample_run;
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

    #[test]
    fn windows_are_inclusive_and_cheap() {
        let runs: Vec<Run> = (0..10)
            .map(|d| sample_run(d, &format!("2026-01-{:02}T07:00:00+01:00", d + 5), RunType::Easy, 30.0, 5.0))
            .collect();
        let settings = Settings::default();
        let today = NaiveDate::from_ymd_opt(2026, 1, 14).unwrap();
        let ctx = Context::new(&runs, &[], &[], &settings, today);
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
        assert_eq!(ctx.runs_between(day(6), day(8)).len(), 3);
        assert_eq!(ctx.runs_between(day(1), day(31)).len(), 10);
        assert_eq!(ctx.runs_between(day(8), day(6)).len(), 0);
        assert_eq!(ctx.wellness_between(day(1), day(31)).len(), 0);
    }
}
