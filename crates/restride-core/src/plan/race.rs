//! A race goal: the predicted time from recent efforts, progress toward a target,
//! the taper, and a warning when rut signs show up in the final weeks.

use chrono::{Duration, NaiveDate, Weekday};

use super::library::{FITNESS_WINDOW_DAYS, counts_as_effort};
use super::recovery::RaceRecovery;
use crate::analysis::performance::{Effort, RACE_RANGE_M, best_effort, predict_time, time_for_vdot};
use crate::analysis::{Finding, Sign, Status};
use crate::form::{FASTEST_PLAUSIBLE_S_PER_KM, SLOWEST_PLAUSIBLE_S_PER_KM};
use crate::history::week_start_of;
use crate::run::{Run, RunType};
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

    /// Whether the goal still belongs on the plan screen on `today`: ahead, or its
    /// race's recovery window (see [`RaceRecovery`]) not yet over, so the runner
    /// reads "recover first" rather than losing the goal the day after the race.
    pub fn in_view(&self, runs: &[Run], today: NaiveDate) -> bool {
        self.date >= today || RaceRecovery::after(self, runs).is_some_and(|r| today <= r.last_day())
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
    /// How far the weekly volume and long runs behind the prediction carry it
    /// (Runalyze's marathon shape), and the time they support.
    pub endurance: Option<Endurance>,
    /// After race day, through its recovery window: "recover first".
    pub recovery: Option<RaceRecovery>,
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
    let endurance = vdot.and_then(|p| endurance(runs, p.from.vdot, goal.distance_m, today));
    let adjusted = endurance.as_ref().and_then(|e| e.adjusted_s);
    // The cautious time is the headline: both formulas flatter a runner without the
    // volume behind them, and the marathon shape says by how much.
    let predicted_s =
        [riegel.map(|p| p.time_s), vdot.map(|p| p.time_s), adjusted].into_iter().flatten().reduce(f64::max);
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
        endurance,
        recovery: RaceRecovery::after(goal, runs).filter(|r| r.race_day < today && today <= r.last_day()),
    }
}

/// Runalyze's "marathon shape" (its basic endurance; Runalyze, BasicEndurance): how
/// far the runner's weekly volume and long runs go towards what a marathon at their
/// VDOT asks. 100 % is a full marathon build; more is possible.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MarathonShape {
    /// Kilometres a week over the last 182 days (at least 70 days, at most back to
    /// the first run).
    pub weekly_km: f64,
    /// What a marathon build asks at this VDOT: VDOT^1.135 km a week.
    pub target_weekly_km: f64,
    /// Runs over 13 km in the last 70 days, and Runalyze's score for them: each
    /// (2 − 2 × days ago ÷ 70) × ((km − 13) ÷ (ln(VDOT ÷ 4) × 12 − 13))², summed, × 7 ÷ 70.
    pub long_runs: usize,
    pub long_run_score: f64,
    /// 100 × (0.67 × weekly_km ÷ target + 0.33 × long-run score).
    pub percent: f64,
}

/// Runalyze's defaults: runs over 13 km are long; volume over 182 days (70 at
/// least), long runs over 70 days; volume weighs 0.67 and long runs 0.33.
const LONG_RUN_KM: f64 = 13.0;
const VOLUME_DAYS: i64 = 182;
const MIN_VOLUME_DAYS: i64 = 70;
const LONG_RUN_DAYS: i64 = 70;
const VOLUME_WEIGHT: f64 = 0.67;
const LONG_RUN_WEIGHT: f64 = 0.33;

/// The marathon shape of `runs` up to `today` for a runner of `vdot`.
pub fn marathon_shape(runs: &[Run], vdot: f64, today: NaiveDate) -> MarathonShape {
    let target_weekly_km = vdot.max(10.0).powf(1.135);
    let target_long_km = ((vdot / 4.0).ln() * 12.0 - LONG_RUN_KM).max(1.0);
    let running: Vec<(i64, f64)> = runs
        .iter()
        .filter(|r| r.kind != RunType::Cross)
        .filter_map(|r| Some(((today - r.start.date_naive()).num_days(), r.distance_m? / METRES_PER_KM)))
        .filter(|(ago, km)| *ago >= 0 && km.is_finite())
        .collect();
    let history = running.iter().map(|(ago, _)| *ago + 1).max().unwrap_or(0);
    let volume_days = history.clamp(MIN_VOLUME_DAYS, VOLUME_DAYS);
    let volume: f64 = running.iter().filter(|(ago, _)| *ago < volume_days).map(|(_, km)| km).sum();
    #[allow(clippy::cast_precision_loss)] // at most 182 days
    let weekly_km = volume * 7.0 / volume_days as f64;
    let long: Vec<&(i64, f64)> =
        running.iter().filter(|(ago, km)| *ago < LONG_RUN_DAYS && *km > LONG_RUN_KM).collect();
    #[allow(clippy::cast_precision_loss)] // days
    let points: f64 = long
        .iter()
        .map(|(ago, km)| {
            (2.0 - 2.0 / LONG_RUN_DAYS as f64 * *ago as f64) * ((km - LONG_RUN_KM) / target_long_km).powi(2)
        })
        .sum();
    #[allow(clippy::cast_precision_loss)]
    let long_run_score = points * 7.0 / LONG_RUN_DAYS as f64;
    let percent = 100.0 * (VOLUME_WEIGHT * weekly_km / target_weekly_km + LONG_RUN_WEIGHT * long_run_score);
    MarathonShape { weekly_km, target_weekly_km, long_runs: long.len(), long_run_score, percent }
}

/// What the marathon shape says about a prediction over a distance.
#[derive(Debug, Clone, PartialEq)]
pub struct Endurance {
    pub shape: MarathonShape,
    /// The shape a race of this distance asks: km^1.23 (about 100 % for the
    /// marathon, 43 % for the half, 17 % for 10 km).
    pub required_percent: f64,
    /// The share of the VDOT the shape supports: min(1, 0.6 + 0.4 × max(0, 1 −
    /// (required − shape) ÷ 100)).
    pub factor: f64,
    /// The race time at that VDOT, when it is less than the full one.
    pub adjusted_s: Option<f64>,
    /// Plain words: how optimistic the prediction is, and why.
    pub sentence: String,
}

/// Runalyze's prognosis adjustment (Runalyze, Prognosis\Daniels: "not based on Jack
/// Daniels' formulas"): a VDOT predicts a long race only as far as the volume and
/// long runs behind it allow. `None` for a VDOT out of range.
pub fn endurance(runs: &[Run], vdot: f64, distance_m: f64, today: NaiveDate) -> Option<Endurance> {
    if !vdot.is_finite() || vdot <= 0.0 {
        return None;
    }
    let shape = marathon_shape(runs, vdot, today);
    let required_percent = (distance_m / METRES_PER_KM).powf(1.23);
    let factor = (0.6 + 0.4 * (1.0 - (required_percent - shape.percent) / 100.0).max(0.0)).min(1.0);
    let full = time_for_vdot(vdot, distance_m)?;
    let adjusted_s = (factor < 1.0).then(|| time_for_vdot(vdot * factor, distance_m)).flatten();
    let race = crate::units::format_distance(distance_m, crate::units::DistanceUnit::Km);
    let sentence = match adjusted_s {
        Some(t) => format!(
            "Optimistic: your marathon shape is {:.0} % ({:.0} km a week of the {:.0} a marathon build at your \
             fitness asks, {} over 13 km in 10 weeks) and a {race} race asks about {:.0} %. With that, \
             Runalyze's adjustment gives {} rather than {} ({:.0} % slower).",
            shape.percent.max(0.0),
            shape.weekly_km,
            shape.target_weekly_km,
            crate::analysis::words::count(shape.long_runs, "long run"),
            required_percent,
            format_duration_s(t),
            format_duration_s(full),
            (t / full - 1.0) * 100.0
        ),
        None => format!(
            "Your volume and long runs carry this prediction: marathon shape {:.0} %, and a {race} race asks \
             about {:.0} %.",
            shape.percent, required_percent
        ),
    };
    [shape.percent, shape.weekly_km, shape.long_run_score, factor, required_percent]
        .iter()
        .all(|x| x.is_finite())
        .then_some(Endurance { shape, required_percent, factor, adjusted_s, sentence })
}

/// A time in seconds as "3:58:10".
fn format_duration_s(seconds: f64) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a race of at most a day
    let s = seconds.round().clamp(0.0, 86_400.0) as u32;
    crate::units::format_duration(s)
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
    fn marathon_shape_as_runalyze_computes_it() {
        let today = date("2026-06-01");
        // 26 weeks of 40 km a week (4 × 10 km), and a 30 km long run 7 and 14 days ago.
        let mut runs: Vec<Run> = (0..104u32)
            .map(|i| {
                let d = today - Duration::days(i64::from(i) * 7 / 4 + 1);
                sample_run(1, &format!("{d}T07:00:00+01:00"), RunType::Easy, 60.0, 10.0)
            })
            .collect();
        for ago in [7, 14] {
            let d = today - Duration::days(ago);
            runs.push(sample_run(2, &format!("{d}T07:00:00+01:00"), RunType::Long, 180.0, 30.0));
        }
        let s = marathon_shape(&runs, 50.0, today);
        // Volume: (104 × 10 + 60) km over 182 days; target 50^1.135 = 84.83 km.
        assert!((s.weekly_km - 1100.0 * 7.0 / 182.0).abs() < 1e-9, "{s:?}");
        assert!((s.target_weekly_km - 50f64.powf(1.135)).abs() < 1e-9);
        // Long runs: target 12·ln(12.5) − 13 = 17.31 km over 13; each (2 − 2·ago/70)·(17/17.31)².
        let t = 12.0 * 12.5f64.ln() - 13.0;
        let points: f64 = [7.0, 14.0].iter().map(|ago| (2.0 - 2.0 * ago / 70.0) * (17.0 / t).powi(2)).sum();
        assert_eq!(s.long_runs, 2);
        assert!((s.long_run_score - points * 0.1).abs() < 1e-9);
        assert!(
            (s.percent - 100.0 * (0.67 * s.weekly_km / s.target_weekly_km + 0.33 * s.long_run_score)).abs()
                < 1e-9
        );
        // Runalyze's adjustment over a marathon: 0.6 + 0.4 × (1 − (99.6 − shape) ÷ 100).
        let e = endurance(&runs, 50.0, MARATHON_M, today).unwrap();
        let want = 0.6 + 0.4 * (1.0 - (MARATHON_M / 1000.0f64).powf(1.23) / 100.0 + s.percent / 100.0);
        assert!((e.factor - want).abs() < 1e-9 && e.factor < 1.0, "{e:?}");
        assert!(e.adjusted_s.unwrap() > time_for_vdot(50.0, MARATHON_M).unwrap());
        // Over 10 km the same volume is plenty: no adjustment.
        let e = endurance(&runs, 50.0, 10_000.0, today).unwrap();
        assert_eq!((e.factor, e.adjusted_s), (1.0, None));
        assert!(e.sentence.starts_with("Your volume and long runs carry this prediction"));
        assert_eq!(endurance(&runs, f64::NAN, 10_000.0, today), None);
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
        // Three runs in 70 days are no half-marathon build: the marathon shape holds
        // the VDOT back, and the cautious time is the headline.
        let e = o.endurance.clone().unwrap();
        assert!(e.shape.percent < 5.0 && (e.required_percent - 21.0975f64.powf(1.23)).abs() < 1e-9);
        let adjusted = e.adjusted_s.unwrap();
        assert!(adjusted > riegel.time_s.max(vdot.time_s), "{e:?}");
        assert!(e.sentence.starts_with("Optimistic: your marathon shape is"), "{}", e.sentence);
        let predicted = o.predicted_s.unwrap();
        assert!((predicted - adjusted).abs() < 1e-9);
        let gap = o.gap.unwrap();
        assert!((gap.seconds - (predicted - 5700.0)).abs() < 1e-9 && gap.seconds > 0.0, "behind the target");
        assert!((gap.percent - gap.seconds / 57.0).abs() < 1e-9);
        assert_eq!(o.days_to_race, 92);
        assert_eq!(o.warning, None);
        assert_eq!(o.recovery, None, "before race day");
        // Without races, hard training efforts; without those, nothing.
        let none = race_outlook(&goal, &runs[2..], &[], today, Weekday::Mon);
        assert_eq!((none.riegel, none.vdot, none.predicted_s, none.gap), (None, None, None, None));
    }
}
