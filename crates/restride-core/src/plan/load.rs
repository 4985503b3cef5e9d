//! The load a week is built from: the runner's recent weeks and the bound a plan
//! keeps above them.

use chrono::{Duration, NaiveDate};

use crate::analysis::effort::EffortScale;
use crate::analysis::metrics::session_load;
use crate::run::Run;

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

/// The recent load a plan is built from and the bound it keeps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadBasis {
    /// Session-RPE load of each of the four weeks before the plan's week, oldest first.
    pub weeks: [f64; RECENT_WEEKS],
    /// Their mean. Weeks without runs count as 0, so a missed session always lowers
    /// it and never raises a later target.
    pub average: f64,
    /// Runs per week over the same four weeks.
    pub sessions_per_week: f64,
    /// The most a week's plan may hold: max(average × (1 + bound), beginner week).
    pub cap: f64,
    /// The beginner week applies: the average is too low to build on.
    pub beginner: bool,
}

/// The load of the four weeks before `week_start` (Foster's session-RPE, as
/// `metrics::session_load`, estimating missing ratings like the radar) and the
/// cap it gives.
pub fn load_basis(runs: &[Run], week_start: NaiveDate) -> LoadBasis {
    let first = week_start - Duration::days(7 * RECENT_WEEKS as i64);
    let recent: Vec<&Run> =
        runs.iter().filter(|r| (first..week_start).contains(&r.start.date_naive())).collect();
    // Missing ratings are estimated as the radar does, but against the easy pace of
    // the runs before these four weeks: then no run in the window, done or missed,
    // changes another's estimate, and a miss can only lower the average.
    let scale = EffortScale::of(runs.iter().filter(|r| r.start.date_naive() < first));
    let mut weeks = [0.0; RECENT_WEEKS];
    for run in &recent {
        let week = usize::try_from((run.start.date_naive() - first).num_days() / 7).ok();
        let load = session_load(run, &scale);
        if let Some(slot) = week.and_then(|w| weeks.get_mut(w))
            && load.is_finite()
        {
            *slot += load;
        }
    }
    let average = weeks.iter().sum::<f64>() / RECENT_WEEKS as f64;
    let average = if average.is_finite() { average } else { 0.0 };
    let sessions_per_week = recent.len() as f64 / RECENT_WEEKS as f64;
    let grown = average * (1.0 + LOAD_BOUND);
    LoadBasis {
        weeks,
        average,
        sessions_per_week,
        cap: grown.max(BEGINNER_WEEK_LOAD),
        beginner: average * (1.0 + GROWTH) < BEGINNER_WEEK_LOAD,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::week::tests::{date, steady};

    #[test]
    #[allow(clippy::float_cmp)] // sums of whole numbers: exact
    fn load_basis_by_hand() {
        // 4 weeks of (40 + 30 + 80) min × RPE 4 = 600 a week.
        let runs = steady(6);
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
}
