//! A race goal: the predicted time from recent efforts, progress toward a target,
//! the taper, and a warning when rut signs show up in the final weeks.

use chrono::{Duration, NaiveDate, Weekday};

use super::library::{FITNESS_WINDOW_DAYS, counts_as_effort};
use crate::analysis::performance::{Effort, RACE_RANGE_M, best_effort, predict_time, time_for_vdot};
use crate::analysis::{Finding, Sign, Status};
use crate::form::{FASTEST_PLAUSIBLE_S_PER_KM, SLOWEST_PLAUSIBLE_S_PER_KM};
use crate::history::week_start_of;
use crate::run::Run;
use crate::units::METRES_PER_KM;

/// A race the runner is training for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RaceGoal {
    pub distance_m: f64,
    pub date: NaiveDate,
    /// The time the runner hopes for, in seconds.
    pub target_s: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GoalError {
    #[error("Restride can plan for races from 1500 m to the marathon.")]
    Distance,
    #[error("Pick a race day from today on.")]
    InThePast,
    #[error("That target time is not a pace anyone could hold over the distance; check it.")]
    TargetTime,
}

/// Taper lengths by race distance: 1 week up to 10 km, 2 up to the half marathon,
/// 3 for longer. Mujika & Padilla (2003) review tapers of 4–28 days; Bosquet et al.
/// (2007) find about two weeks best on average; the split by distance is common
/// coaching practice (the longer the race, the longer the build to recover from).
const TAPER_10K_MAX_M: f64 = 10_500.0;
const TAPER_HALF_MAX_M: f64 = 22_000.0;
/// The load cut over a taper: 40 % in its first week rising to 60 % in the race
/// week, Bosquet et al.'s (2007) 41–60 % volume reduction with intensity kept,
/// stepped down progressively as Mujika & Padilla (2003) favour.
const TAPER_CUT: (f64, f64) = (0.4, 0.6);
/// "The final weeks" for race warnings: the longest taper and a week before it.
const FINAL_DAYS: i64 = 28;

/// Where a plan week sits in the taper.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaperWeek {
    /// 1 for the first taper week … `of` for the last.
    pub week: u8,
    pub of: u8,
    /// Share of the pre-taper load taken off (0.4–0.6).
    pub reduction: f64,
}

impl RaceGoal {
    /// A goal of `distance_m` on `date`, checked: 1500 m to the marathon (the range
    /// of Riegel's formula and Daniels' tables), not before `today`, and a target
    /// at a pace between 2:00 and 20:00 /km.
    pub fn new(
        distance_m: f64,
        date: NaiveDate,
        target_s: Option<u32>,
        today: NaiveDate,
    ) -> Result<Self, GoalError> {
        if !RACE_RANGE_M.contains(&distance_m) {
            return Err(GoalError::Distance);
        }
        if date < today {
            return Err(GoalError::InThePast);
        }
        let km = distance_m / METRES_PER_KM;
        if let Some(t) = target_s
            && !(FASTEST_PLAUSIBLE_S_PER_KM * km..=SLOWEST_PLAUSIBLE_S_PER_KM * km).contains(&f64::from(t))
        {
            return Err(GoalError::TargetTime);
        }
        Ok(Self { distance_m, date, target_s })
    }

    /// Weeks of taper for this distance (1, 2 or 3).
    pub fn taper_weeks(&self) -> u8 {
        if self.distance_m <= TAPER_10K_MAX_M {
            1
        } else if self.distance_m <= TAPER_HALF_MAX_M {
            2
        } else {
            3
        }
    }

    /// The taper's last week: the calendar week holding most of the 7 days before
    /// the race (the one with its 4th day before), so a race early in a week still
    /// gets its final taper week before it.
    fn last_taper_week(&self, week_start: Weekday) -> NaiveDate {
        week_start_of(self.date - Duration::days(4), week_start)
    }

    /// The first day of the taper, in weeks starting on `week_start`.
    pub fn taper_start(&self, week_start: Weekday) -> NaiveDate {
        self.last_taper_week(week_start) - Duration::weeks(i64::from(self.taper_weeks()) - 1)
    }

    /// Where the week starting `week_start` sits in the taper, if it does. The race
    /// week after a race on its first day counts as the last taper week too.
    pub fn taper_week(&self, week_start: NaiveDate) -> Option<TaperWeek> {
        use chrono::Datelike;
        let of = self.taper_weeks();
        let last = self.last_taper_week(week_start.weekday());
        let weeks_before = (last - week_start).num_days().div_euclid(7);
        let holds_race = (week_start..week_start + Duration::days(7)).contains(&self.date);
        let week = if (0..i64::from(of)).contains(&weeks_before) {
            u8::try_from(i64::from(of) - weeks_before).ok()?
        } else if holds_race {
            of
        } else {
            return None;
        };
        let reduction = if of <= 1 {
            (TAPER_CUT.0 + TAPER_CUT.1) / 2.0
        } else {
            TAPER_CUT.0 + (TAPER_CUT.1 - TAPER_CUT.0) * f64::from(week - 1) / f64::from(of - 1)
        };
        Some(TaperWeek { week, of, reduction })
    }
}

/// How a time was predicted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Riegel (1977/1981): T2 = T1 × (D2/D1)^1.06.
    Riegel,
    /// Daniels' VDOT race equivalent (Daniels & Gilbert 1979).
    Vdot,
}

/// A predicted race time and the effort it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    pub method: Method,
    pub time_s: f64,
    pub from: Effort,
}

/// Predicted minus target: positive means slower than the target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    pub seconds: f64,
    /// Of the target time.
    pub percent: f64,
}

/// Rut signs close to race day.
#[derive(Debug, Clone, PartialEq)]
pub struct RaceWarning {
    pub signs: Vec<Sign>,
    pub sentence: String,
}

/// Everything the race card shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RaceOutlook {
    pub days_to_race: i64,
    /// From the effort nearest the race distance (Riegel is most accurate close
    /// to the distance it starts from).
    pub riegel: Option<Prediction>,
    /// From the effort with the highest VDOT, as Daniels advises.
    pub vdot: Option<Prediction>,
    /// The slower of the two: both tend to flatter recreational runners over long
    /// races, so the cautious one is the headline.
    pub predicted_s: Option<f64>,
    /// Only races were used (when there were any in the window); otherwise hard
    /// training efforts, which likely understate race fitness.
    pub from_races: bool,
    pub gap: Option<Gap>,
    pub taper_weeks: u8,
    pub taper_start: NaiveDate,
    pub warning: Option<RaceWarning>,
}

/// The race card: predictions from the last 12 weeks' efforts up to `today` (races
/// if there are any, else continuous runs rated 8 or more), progress toward the
/// target, the taper in weeks starting on `week_start`, and a warning when the
/// findings show a rut (or overreaching worth watching) within 4 weeks of the race.
pub fn race_outlook(
    goal: &RaceGoal,
    runs: &[Run],
    findings: &[Finding],
    today: NaiveDate,
    week_start: Weekday,
) -> RaceOutlook {
    let since = today - Duration::days(FITNESS_WINDOW_DAYS - 1);
    let efforts: Vec<Effort> = runs
        .iter()
        .filter(|r| (since..=today).contains(&r.start.date_naive()) && counts_as_effort(r))
        .filter_map(best_effort)
        .collect();
    let from_races = efforts.iter().any(|e| e.race);
    let efforts: Vec<Effort> = efforts.into_iter().filter(|e| e.race || !from_races).collect();
    let closeness = |e: &Effort| (e.distance_m / goal.distance_m).ln().abs();
    let riegel = efforts
        .iter()
        .min_by(|a, b| closeness(a).total_cmp(&closeness(b)).then(b.date.cmp(&a.date)))
        .and_then(|e| {
            let time_s = predict_time(e.distance_m, e.time_s, goal.distance_m)?;
            Some(Prediction { method: Method::Riegel, time_s, from: *e })
        });
    let vdot =
        efforts.iter().max_by(|a, b| a.vdot.total_cmp(&b.vdot).then(a.date.cmp(&b.date))).and_then(|e| {
            let time_s = time_for_vdot(e.vdot, goal.distance_m)?;
            Some(Prediction { method: Method::Vdot, time_s, from: *e })
        });
    let predicted_s = [riegel, vdot].iter().flatten().map(|p| p.time_s).reduce(f64::max);
    let gap = predicted_s.zip(goal.target_s).and_then(|(p, t)| {
        let t = f64::from(t);
        let gap = Gap { seconds: p - t, percent: (p - t) / t * 100.0 };
        (gap.seconds.is_finite() && gap.percent.is_finite()).then_some(gap)
    });
    let days_to_race = (goal.date - today).num_days();
    let warning = race_warning(findings, days_to_race);
    RaceOutlook {
        days_to_race,
        riegel,
        vdot,
        predicted_s,
        from_races,
        gap,
        taper_weeks: goal.taper_weeks(),
        taper_start: goal.taper_start(week_start),
        warning,
    }
}

fn race_warning(findings: &[Finding], days_to_race: i64) -> Option<RaceWarning> {
    if !(0..=FINAL_DAYS).contains(&days_to_race) {
        return None;
    }
    let signs: Vec<Sign> = findings
        .iter()
        .filter(|f| f.status == Status::Rut || (f.sign == Sign::Overreaching && f.status == Status::Watch))
        .map(|f| f.sign)
        .collect();
    if signs.is_empty() {
        return None;
    }
    let names: Vec<String> = signs.iter().map(|s| s.title().to_lowercase()).collect();
    let when = match days_to_race {
        0 => "Your race is today".to_string(),
        1 => "Your race is tomorrow".to_string(),
        d => format!("Your race is in {d} days"),
    };
    let sentence = format!(
        "{when} and the radar shows signs of {}. Ease off now: this close to the race, rest costs no \
         fitness and a tired start costs a lot. Consider a gentler target. These are signs, not a diagnosis.",
        names.join(", ")
    );
    Some(RaceWarning { signs, sentence })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::performance::MARATHON_M;
    use crate::run::RunType;
    use crate::testing::sample_run;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn goals_are_checked() {
        let today = date("2026-06-01");
        assert_eq!(RaceGoal::new(800.0, today, None, today), Err(GoalError::Distance));
        assert_eq!(RaceGoal::new(f64::NAN, today, None, today), Err(GoalError::Distance));
        assert_eq!(RaceGoal::new(5000.0, date("2026-05-31"), None, today), Err(GoalError::InThePast));
        assert_eq!(RaceGoal::new(5000.0, today, Some(300), today), Err(GoalError::TargetTime));
        assert!(RaceGoal::new(5000.0, today, Some(1500), today).is_ok());
    }

    #[test]
    fn taper_by_distance() {
        let today = date("2026-06-01");
        // A Sunday race; weeks start on Monday.
        let race = date("2026-06-28");
        let ten = RaceGoal::new(10_000.0, race, None, today).unwrap();
        let half = RaceGoal::new(21_097.5, race, None, today).unwrap();
        let full = RaceGoal::new(MARATHON_M, race, None, today).unwrap();
        assert_eq!((ten.taper_weeks(), half.taper_weeks(), full.taper_weeks()), (1, 2, 3));
        assert_eq!(full.taper_start(Weekday::Mon), date("2026-06-08"));
        assert_eq!(ten.taper_week(date("2026-06-15")), None);
        let t = ten.taper_week(date("2026-06-22")).unwrap();
        assert_eq!((t.week, t.of), (1, 1));
        assert!((t.reduction - 0.5).abs() < 1e-9);
        let reductions: Vec<f64> = ["2026-06-08", "2026-06-15", "2026-06-22"]
            .iter()
            .map(|d| full.taper_week(date(d)).unwrap().reduction)
            .collect();
        assert!(reductions.iter().zip([0.4, 0.5, 0.6]).all(|(a, b)| (a - b).abs() < 1e-9), "{reductions:?}");
        assert_eq!(full.taper_week(date("2026-06-01")), None);
        assert_eq!(full.taper_week(date("2026-06-29")), None, "after the race");
        // A Monday race: the week before is the last taper week, and the race week
        // itself is treated as one too. A Friday race: its own week is the last.
        let monday = RaceGoal::new(5000.0, date("2026-06-29"), None, today).unwrap();
        assert_eq!(monday.taper_week(date("2026-06-22")).map(|t| t.week), Some(1));
        assert_eq!(monday.taper_week(date("2026-06-29")).map(|t| t.week), Some(1));
        let friday = RaceGoal::new(5000.0, date("2026-06-26"), None, today).unwrap();
        assert_eq!(friday.taper_week(date("2026-06-15")), None);
        assert_eq!(friday.taper_week(date("2026-06-22")).map(|t| t.week), Some(1));
    }

    #[test]
    fn predictions_say_which_effort() {
        let today = date("2026-06-01");
        let goal = RaceGoal::new(21_097.5, date("2026-09-01"), Some(95 * 60), today).unwrap();
        // Daniels' VDOT 50 row: 5 km 19:57 and 10 km 41:21.
        let runs = vec![
            sample_run(1, "2026-05-02T09:00:00+01:00", RunType::Race, 19.95, 5.0),
            sample_run(2, "2026-05-23T09:00:00+01:00", RunType::Race, 41.35, 10.0),
            sample_run(3, "2026-05-30T09:00:00+01:00", RunType::Easy, 60.0, 10.0),
        ];
        let o = race_outlook(&goal, &runs, &[], today, Weekday::Mon);
        assert!(o.from_races);
        let riegel = o.riegel.unwrap();
        assert_eq!(riegel.from.date, date("2026-05-23"), "the 10 km is nearer the half");
        // 2481 × 2.10975^1.06 = 5470 s.
        assert!((riegel.time_s - 2481.0 * 2.109_75f64.powf(1.06)).abs() < 1.0);
        let vdot = o.vdot.unwrap();
        // VDOT 50's half marathon: 1:31:35.
        assert!((vdot.time_s - 5495.0).abs() < 30.0, "{}", vdot.time_s);
        let predicted = o.predicted_s.unwrap();
        assert!((predicted - riegel.time_s.max(vdot.time_s)).abs() < 1e-9);
        let gap = o.gap.unwrap();
        assert!((gap.seconds - (predicted - 5700.0)).abs() < 1e-9 && gap.seconds < 0.0, "ahead of target");
        assert!((gap.percent - gap.seconds / 57.0).abs() < 1e-9);
        assert_eq!(o.days_to_race, 92);
        assert_eq!(o.warning, None);
        // Without races, hard training efforts; without those, nothing.
        let none = race_outlook(&goal, &runs[2..], &[], today, Weekday::Mon);
        assert_eq!((none.riegel, none.vdot, none.predicted_s, none.gap), (None, None, None, None));
    }
}
