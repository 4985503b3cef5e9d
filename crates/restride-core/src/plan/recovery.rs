//! After a race: its recovery window. A common coaching guide is about one easy day
//! per kilometre raced before hard sessions again (about 10 days after a 10 km, 3
//! weeks after a half, 6 after a marathon, whose muscle damage takes one to two
//! weeks to clear), so there is no quality session in the window (which keeps at least the 7 days after
//! a half and the 14 after a marathon free of them), no long run in its first half
//! and a shortened one in its second, and the week's load rises from half back to
//! full across it. A race is a run logged as one, or the race goal's day once it
//! has passed.

use chrono::{Duration, NaiveDate};

use super::race::RaceGoal;
use crate::run::{Run, RunType};
use crate::units::METRES_PER_KM;

/// Days of recovery per kilometre raced.
const DAYS_PER_KM: f64 = 1.0;
/// The shortest window: even a mile race earns two easy days after it.
const MIN_DAYS: i64 = 3;
/// A race without a distance is counted at 5 minutes a kilometre, a fast club pace,
/// so its window errs long.
const S_PER_KM_WITHOUT_DISTANCE: f64 = 300.0;
/// The week's load share right after the race; it rises linearly to 1 by the
/// window's end.
const FIRST_SHARE: f64 = 0.5;
/// A long run in the window's second half: at most three quarters of the usual bound.
pub const LONG_RUN_SHARE: f64 = 0.75;

/// A race and the easy days after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RaceRecovery {
    pub race_day: NaiveDate,
    pub distance_m: f64,
    /// Easy days after race day: about one per km raced.
    pub days: i64,
    /// From the race goal's day (no race was logged on it).
    pub from_goal: bool,
}

impl RaceRecovery {
    /// The window of a race of `distance_m` on `race_day`.
    pub fn new(race_day: NaiveDate, distance_m: f64, from_goal: bool) -> Self {
        let km = if distance_m.is_finite() { (distance_m / METRES_PER_KM).max(0.0) } else { 0.0 };
        // Clamped to 0–1000 days first, so the cast is exact.
        #[allow(clippy::cast_possible_truncation)]
        let days = (km * DAYS_PER_KM).ceil().clamp(0.0, 1000.0) as i64;
        Self { race_day, distance_m, days: days.max(MIN_DAYS), from_goal }
    }

    /// The window of a logged race: its distance, or its time at 5:00 /km without one.
    pub fn of_run(run: &Run) -> Self {
        let distance =
            run.distance_m.unwrap_or(f64::from(run.moving_s) / S_PER_KM_WITHOUT_DISTANCE * METRES_PER_KM);
        Self::new(run.start.date_naive(), distance, false)
    }

    /// The goal race's window: the race logged on its day (or the day either side),
    /// else the goal's day and distance.
    pub fn after(goal: &RaceGoal, runs: &[Run]) -> Option<Self> {
        let logged = runs
            .iter()
            .filter(|r| r.kind == RunType::Race && (r.start.date_naive() - goal.date).num_days().abs() <= 1)
            .max_by_key(|r| r.start);
        Some(logged.map_or_else(|| Self::new(goal.date, goal.distance_m, true), Self::of_run))
    }

    /// The last easy day.
    pub fn last_day(&self) -> NaiveDate {
        self.race_day + Duration::days(self.days)
    }

    /// The first day a quality session may go on again.
    pub fn quality_from(&self) -> NaiveDate {
        self.last_day() + Duration::days(1)
    }

    /// The first day of the window's second half, from which a shortened long run may go on.
    pub fn long_run_from(&self) -> NaiveDate {
        self.race_day + Duration::days(self.days / 2 + 1)
    }

    /// Whether `date` is one of the easy days after the race.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.race_day < date && date <= self.last_day()
    }

    /// "Recover first", for the race card through the window.
    pub fn advice(&self) -> String {
        format!(
            "Recover first: easy running only until {} (about a day per km raced), no long run until {}, and \
             the load back to normal by then. Muscle damage from a long race takes one to two weeks to clear.",
            super::day_name(self.last_day()),
            super::day_name(self.long_run_from())
        )
    }

    /// The share of the usual load a week starting its sessions on `date` may hold:
    /// half right after the race, rising to full by the window's end.
    pub fn load_share(&self, date: NaiveDate) -> f64 {
        if !self.covers(date) {
            return 1.0;
        }
        #[allow(clippy::cast_precision_loss)] // days
        let through = (date - self.race_day).num_days() as f64 / self.days.max(1) as f64;
        FIRST_SHARE + (1.0 - FIRST_SHARE) * through.clamp(0.0, 1.0)
    }
}

/// The races a plan for `from`–`to` recovers from: the races before `to` (runs
/// logged as one, and the goal's day once past) whose windows reach `from`, the one
/// ending last (the strictest) first.
pub fn recovering_from(
    runs: &[Run],
    goal: Option<&RaceGoal>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<RaceRecovery> {
    let logged = runs
        .iter()
        .filter(|r| r.kind == RunType::Race && r.start.date_naive() < to)
        .map(RaceRecovery::of_run);
    // The goal's day counts only when no race was logged on it (that one is above).
    let planned =
        goal.filter(|g| g.date < to).and_then(|g| RaceRecovery::after(g, runs)).filter(|r| r.from_goal);
    let mut windows: Vec<RaceRecovery> = logged.chain(planned).filter(|r| r.last_day() >= from).collect();
    windows.sort_by(|a, b| b.last_day().cmp(&a.last_day()).then(b.race_day.cmp(&a.race_day)));
    windows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::performance::MARATHON_M;
    use crate::plan::week::tests::date;
    use crate::testing::sample_run;

    #[test]
    fn about_a_day_per_km_raced() {
        let marathon = RaceRecovery::new(date("2026-11-01"), MARATHON_M, false);
        assert_eq!(marathon.days, 43);
        assert!(marathon.quality_from() - marathon.race_day > Duration::days(14));
        let half = RaceRecovery::new(date("2026-11-01"), 21_097.5, false);
        assert_eq!(half.days, 22);
        assert!(half.quality_from() - half.race_day > Duration::days(7));
        assert_eq!(RaceRecovery::new(date("2026-11-01"), 5000.0, false).days, 5);
        assert_eq!(RaceRecovery::new(date("2026-11-01"), 1500.0, false).days, MIN_DAYS);
        assert_eq!(RaceRecovery::new(date("2026-11-01"), f64::NAN, false).days, MIN_DAYS);
        assert!(
            !half.covers(date("2026-11-01"))
                && half.covers(date("2026-11-02"))
                && half.covers(date("2026-11-23"))
        );
        assert!(!half.covers(date("2026-11-24")));
        assert!((half.load_share(date("2026-11-02")) - (0.5 + 0.5 / 22.0)).abs() < 1e-9);
        assert!((half.load_share(date("2026-11-24")) - 1.0).abs() < 1e-9);
        assert_eq!(half.long_run_from(), date("2026-11-13"));
    }

    #[test]
    fn a_logged_race_or_the_goals_day() {
        let goal = RaceGoal { distance_m: MARATHON_M, date: date("2026-11-01"), target_s: None };
        let none: Vec<Run> = Vec::new();
        let r = RaceRecovery::after(&goal, &none).unwrap();
        assert!(r.from_goal && r.days == 43);
        // The marathon logged (a little long on the GPS): its own distance.
        let run = sample_run(1, "2026-11-01T09:00:00+01:00", RunType::Race, 230.0, 42.6);
        let r = RaceRecovery::after(&goal, std::slice::from_ref(&run)).unwrap();
        assert!(!r.from_goal && r.days == 43);
        // A 10 km three weeks after the marathon: both windows reach the week, the
        // marathon's (ending later) first; once it is over the 10 km's alone.
        let ten = sample_run(2, "2026-11-22T09:00:00+01:00", RunType::Race, 45.0, 10.0);
        let both = [run, ten];
        let r = recovering_from(&both, Some(&goal), date("2026-11-23"), date("2026-11-29"));
        assert_eq!(
            r.iter().map(|r| r.race_day).collect::<Vec<_>>(),
            [date("2026-11-01"), date("2026-11-22")]
        );
        let ten_alone = [both[1].clone()];
        let r = recovering_from(&ten_alone, None, date("2026-11-23"), date("2026-11-29"));
        assert_eq!(r.first().map(|r| r.race_day), Some(date("2026-11-22")));
        assert!(recovering_from(&both, None, date("2026-12-30"), date("2027-01-05")).is_empty());
        // A race without a distance: 5:00 /km.
        let unmeasured = sample_run(3, "2026-11-20T09:00:00+01:00", RunType::Race, 50.0, 0.0);
        assert_eq!(RaceRecovery::of_run(&unmeasured).days, 10);
    }
}
