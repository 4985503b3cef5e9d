//! The load a week is built from: the runner's recent weeks and the bound a plan
//! keeps above them.

use chrono::{Duration, NaiveDate};

use crate::analysis::effort::EffortScale;
use crate::analysis::metrics::session_load;
use crate::run::{Run, RunType};

/// How far a week's planned load may rise above the average of the last four
/// weeks: 10 %. Not the folklore "10 % rule" (Buist et al. 2008 found a graded
/// 10 %-a-week programme no more protective than a standard one): the bound is
/// chosen so a plan stays well inside the evidence there is. Nielsen et al. (2014)
/// saw more injuries in novices whose volume rose by more than 30 % over two weeks;
/// against a four-week average that itself lags, 10 % above it keeps two
/// successive capped weeks far below that, and keeps the planned week's
/// acute:chronic ratio at most 1.1, inside the 0.8–1.3 band (Gabbett 2016, a
/// contested model read here only as "no jump"). Loads here are session-RPE, not
/// kilometres, which is a further reason to stay conservative.
pub const LOAD_BOUND: f64 = 0.10;
/// A plan aims a little above the recent average, half the bound, so a runner who
/// runs a few minutes longer than planned still stays inside it.
pub(crate) const GROWTH: f64 = 0.05;
/// The beginner week, with no or too little history: three 20-minute easy runs at
/// RPE 3.5 (the shape of common couch-to-5k first weeks: three sessions of 20–30
/// minutes; the radar's base for reading load spikes, `metrics::BASE_WEEKLY_LOAD`).
/// It is also the floor of the load cap, so a runner back from a break is planned
/// into a beginner week rather than into nothing.
pub const BEGINNER_WEEK_LOAD: f64 = crate::analysis::metrics::BASE_WEEKLY_LOAD;
/// Weeks in the recent average.
pub const RECENT_WEEKS: usize = 4;
/// How far a week's planned running minutes may rise above the average of the last
/// four weeks: 10 %, as the load. The load bound alone let a runner who rates
/// everything hard be planned far more minutes than they ran (planned efforts are
/// read at their target ratings), so minutes are bounded too.
pub const MINUTES_BOUND: f64 = 0.10;
/// The beginner week's running minutes (three 20-minute runs): the floor of the
/// minutes cap.
pub const BEGINNER_WEEK_MINUTES: f64 = 60.0;
/// How much longer than the longest run of the last 30 days a planned run may be:
/// 10 %. Frandsen, Nielsen et al. (BJSM 2025; 5,200 runners) found single sessions
/// more than 10 % longer than the longest run of the previous 30 days raised the
/// injury risk (their measure is distance; with paces planned at easy effort,
/// minutes track it), while week-to-week volume changes mattered less.
pub const LONGEST_RUN_BOUND: f64 = 0.10;
/// Days looked back on for the longest run.
pub const LONGEST_RUN_DAYS: i64 = 30;
/// The longest a run may be with little or no history: 30 minutes, where
/// couch-to-5K programmes end.
pub const LONGEST_RUN_FLOOR_MINUTES: f64 = 30.0;

/// The recent load a plan is built from and the bounds it keeps. In a return after
/// an illness or injury, the four weeks before the break, and the bounds its return
/// week allows (see [`crate::setback::return_week`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadBasis {
    /// Session-RPE load of each of the four weeks before the plan's week, oldest first.
    pub weeks: [f64; RECENT_WEEKS],
    /// Their mean. Weeks without runs count as 0, so a missed session always lowers
    /// it and never raises a later target. Races count as 0 too: a race is not
    /// training to build on.
    pub average: f64,
    /// Runs per week over the same four weeks (races aside).
    pub sessions_per_week: f64,
    /// The most a week's plan may hold: max(average × (1 + bound), beginner week).
    pub cap: f64,
    /// The beginner week applies: the average is too low to build on.
    pub beginner: bool,
    /// Running minutes a week over the same four weeks (races and cross-training
    /// aside), and the most a week's plan may hold: max(average × (1 + bound),
    /// beginner week's minutes).
    pub average_minutes: f64,
    pub minutes_cap: f64,
    /// The longest run (not a race) of the 30 days before the week, in minutes, and
    /// the longest a planned run may be: max(longest × (1 + bound), 30 minutes).
    pub longest_minutes: f64,
    pub longest_cap: f64,
}

/// Whether a run counts towards what a plan builds on: not a race (see
/// [`LoadBasis::average`]).
fn counts(run: &Run) -> bool {
    run.kind != RunType::Race
}

/// The load of the four weeks before `week_start` (Foster's session-RPE, as
/// `metrics::session_load`, estimating missing ratings like the radar), its running
/// minutes and the longest run of the 30 days before, and the bounds they give.
pub fn load_basis(runs: &[Run], week_start: NaiveDate) -> LoadBasis {
    let first = week_start - Duration::days(7 * RECENT_WEEKS as i64);
    let recent: Vec<&Run> =
        runs.iter().filter(|r| (first..week_start).contains(&r.start.date_naive()) && counts(r)).collect();
    // Missing ratings are estimated as the radar does, but against the easy pace of
    // the runs before these four weeks: then no run in the window, done or missed,
    // changes another's estimate, and a miss can only lower the average.
    let scale = EffortScale::of(runs.iter().filter(|r| r.start.date_naive() < first));
    let mut weeks = [0.0; RECENT_WEEKS];
    let mut minutes = 0.0;
    for run in &recent {
        let week = usize::try_from((run.start.date_naive() - first).num_days() / 7).ok();
        let load = session_load(run, &scale);
        if let Some(slot) = week.and_then(|w| weeks.get_mut(w))
            && load.is_finite()
        {
            *slot += load;
        }
        if run.kind != RunType::Cross {
            minutes += f64::from(run.moving_s) / 60.0;
        }
    }
    let average = weeks.iter().sum::<f64>() / RECENT_WEEKS as f64;
    let average = if average.is_finite() { average } else { 0.0 };
    let average_minutes = minutes / RECENT_WEEKS as f64;
    let sessions_per_week = recent.len() as f64 / RECENT_WEEKS as f64;
    let grown = average * (1.0 + LOAD_BOUND);
    let longest_minutes = longest_run_minutes(runs, week_start);
    LoadBasis {
        weeks,
        average,
        sessions_per_week,
        cap: grown.max(BEGINNER_WEEK_LOAD),
        beginner: average * (1.0 + GROWTH) < BEGINNER_WEEK_LOAD,
        average_minutes,
        minutes_cap: (average_minutes * (1.0 + MINUTES_BOUND)).max(BEGINNER_WEEK_MINUTES),
        longest_minutes,
        longest_cap: (longest_minutes * (1.0 + LONGEST_RUN_BOUND)).max(LONGEST_RUN_FLOOR_MINUTES),
    }
}

/// The longest run (not a race, not cross-training) of the 30 days before `date`,
/// in minutes; 0 without one.
pub fn longest_run_minutes(runs: &[Run], date: NaiveDate) -> f64 {
    let since = date - Duration::days(LONGEST_RUN_DAYS);
    runs.iter()
        .filter(|r| counts(r) && r.kind != RunType::Cross && (since..date).contains(&r.start.date_naive()))
        .map(|r| f64::from(r.moving_s) / 60.0)
        .fold(0.0, f64::max)
}

impl LoadBasis {
    /// The basis a return week builds on: the four weeks before the break (`before`),
    /// at `share` of their load and minutes, and no run longer than the 30-day rule
    /// allows or `share` of the longest run before the break (30 minutes at least).
    #[must_use]
    pub fn for_return(self, before: &Self, share: f64) -> Self {
        let share = share.clamp(0.0, 1.0);
        Self {
            weeks: before.weeks,
            average: before.average,
            sessions_per_week: before.sessions_per_week,
            cap: before.average.max(BEGINNER_WEEK_LOAD) * share,
            beginner: before.beginner,
            average_minutes: before.average_minutes,
            minutes_cap: before.average_minutes.max(BEGINNER_WEEK_MINUTES) * share,
            longest_minutes: self.longest_minutes,
            longest_cap: self
                .longest_cap
                .min((before.longest_minutes * share).max(LONGEST_RUN_FLOOR_MINUTES)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::week::tests::{date, steady};
    use crate::testing::sample_run;

    #[test]
    #[allow(clippy::float_cmp)] // sums of whole numbers: exact
    fn load_basis_by_hand() {
        // 4 weeks of (40 + 30 + 80) min × RPE 4 = 600 a week.
        let runs = steady(10);
        let b = load_basis(&runs, date("2026-11-23"));
        assert_eq!(b.weeks, [600.0; 4]);
        assert!((b.average - 600.0).abs() < 1e-9 && (b.cap - 660.0).abs() < 1e-9);
        assert!((b.sessions_per_week - 3.0).abs() < 1e-9 && !b.beginner);
        // Two weeks of history over four: the average halves; runs on or after the
        // week's start do not count.
        let b = load_basis(&steady(2), date("2026-11-23"));
        assert!((b.average - 300.0).abs() < 1e-9);
        let b = load_basis(&runs, date("2026-11-09"));
        assert_eq!(b.weeks, [600.0; 4]);
        // Nothing: the beginner week is the cap.
        let b = load_basis(&[], date("2026-11-23"));
        assert!(b.beginner && (b.cap - BEGINNER_WEEK_LOAD).abs() < 1e-9 && b.average.abs() < 1e-9);
        // Unrated runs count at an estimated effort, not as rest.
        let unrated: Vec<Run> = runs.iter().cloned().map(|r| Run { rpe: None, ..r }).collect();
        assert!(load_basis(&unrated, date("2026-11-23")).average > 0.0);
    }

    #[test]
    fn minutes_and_the_longest_run_are_bounded_too() {
        // 150 minutes a week, the longest 80: at most 165 a week and 88 for one run.
        let b = load_basis(&steady(10), date("2026-11-23"));
        assert!((b.average_minutes - 150.0).abs() < 1e-9 && (b.minutes_cap - 165.0).abs() < 1e-9);
        assert!((b.longest_minutes - 80.0).abs() < 1e-9 && (b.longest_cap - 88.0).abs() < 1e-9);
        // Little history: the beginner week's 60 minutes and 30-minute runs.
        let b = load_basis(&[], date("2026-11-23"));
        assert_eq!((b.minutes_cap, b.longest_minutes, b.longest_cap), (60.0, 0.0, 30.0));
        // The longest run reads 30 days back: a 120-minute run 31 days before is too old.
        let mut runs = steady(10);
        runs.push(sample_run(90, "2026-10-23T08:00:00+01:00", RunType::Long, 120.0, 20.0));
        assert!((load_basis(&runs, date("2026-11-23")).longest_minutes - 80.0).abs() < 1e-9);
        runs.push(sample_run(91, "2026-10-24T08:00:00+01:00", RunType::Long, 120.0, 20.0));
        assert!((load_basis(&runs, date("2026-11-23")).longest_minutes - 120.0).abs() < 1e-9);
    }

    #[test]
    fn races_do_not_inflate_the_basis() {
        // A marathon in the last four weeks: not a week's training to build on.
        let mut runs = steady(10);
        let plain = load_basis(&runs, date("2026-11-23"));
        runs.push(sample_run(92, "2026-11-15T09:00:00+01:00", RunType::Race, 240.0, 42.2));
        let raced = load_basis(&runs, date("2026-11-23"));
        assert_eq!(raced, plain);
    }

    #[test]
    fn a_return_builds_on_the_weeks_before_the_break() {
        let before = load_basis(&steady(10), date("2026-11-23"));
        let now = load_basis(&[], date("2026-12-21"));
        let back = now.for_return(&before, 0.5);
        assert!((back.cap - 300.0).abs() < 1e-9 && (back.minutes_cap - 75.0).abs() < 1e-9);
        // Nothing in the last 30 days: the 30-minute floor, not half the old 80.
        assert!((back.longest_cap - 30.0).abs() < 1e-9);
        assert!((back.average - 600.0).abs() < 1e-9);
    }
}
