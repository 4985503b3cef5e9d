//! Training-load measures shared by the detectors: session-RPE load per day, the
//! fitness/fatigue/form model, acute:chronic ratios, monotony and strain, TRIMP,
//! the intensity distribution, and Hooper & Mackinnon's streak of high check-in
//! ratings. Every function is total: where a measure is
//! undefined (no load, a zero denominator, too little history) it returns `None`,
//! never a NaN or an infinity.

use std::ops::AddAssign;

use chrono::{Datelike, Duration, NaiveDate};

use super::effort::EffortScale;
// Their home before the judging and wording helpers had files of their own.
pub use super::judge::{margin, strength};
pub use super::words::{count, show_load, show_percent, show_ratio};
use crate::run::Run;
use crate::settings::Settings;
use crate::wellness::{HooperItem, Wellness};

/// Days in the acute window (acute:chronic ratio, monotony).
pub const WEEK: usize = 7;
/// Days in the chronic window of the acute:chronic ratio (Hulin et al. 2016).
pub const CHRONIC_DAYS: usize = 28;
/// Time constant of fitness, CTL (TrainingPeaks' Performance Management Chart).
pub const FITNESS_DAYS: usize = 42;
/// Time constant of fatigue, ATL; also the acute EWMA window of the acute:chronic ratio.
pub const FATIGUE_DAYS: usize = 7;
/// Acute:chronic "sweet spot" (Gabbett 2016).
pub const RATIO_SWEET_SPOT: (f64, f64) = (0.8, 1.3);
/// Acute:chronic ratio from which a week counts as a load spike (Gabbett 2016).
pub const RATIO_SPIKE: f64 = 1.5;
/// Monotony above this is high (Foster 1998; Runalyze flags it).
pub const MONOTONY_HIGH: f64 = 2.0;
/// Monotony below this is preferable (Runalyze).
pub const MONOTONY_FINE: f64 = 1.5;
/// A week with no day-to-day variation has SD 0; Runalyze caps monotony here.
pub const MONOTONY_CAP: f64 = 10.0;
/// Highest CR-10 rating counted as easy, and lowest counted as hard, for the
/// intensity distribution (Seiler's three zones read from RPE).
pub const EASY_MAX_RPE: u8 = 4;
pub const HARD_MIN_RPE: u8 = 7;
/// A beginner's week of load: three 20-minute easy runs at RPE 3.5 (the shape of
/// common couch-to-5K first weeks). Below it a runner has no base to measure a
/// spike against, and the plan starts from it.
pub const BASE_WEEKLY_LOAD: f64 = 210.0;
/// The share Treff et al. (2019) put in for an empty zone 2 in the polarization index.
pub const TREFF_EMPTY_ZONE2: f64 = 0.01;

/// Session-RPE load (Foster et al. 2001): CR-10 RPE × minutes, in arbitrary units,
/// with the rating estimated by `scale` when the run has none.
pub fn session_load(run: &Run, scale: &EffortScale) -> f64 {
    scale.rpe(run) * f64::from(run.moving_s) / 60.0
}

/// Load per calendar day from `first` to `last` inclusive (rest days are 0), from
/// runs with their local dates. Runs outside the range are ignored.
pub fn daily_load<'r>(
    runs: impl IntoIterator<Item = (NaiveDate, &'r Run)>,
    scale: &EffortScale,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<f64> {
    per_day(runs, first, last, |run| session_load(run, scale))
}

/// Sessions per calendar day from `first` to `last` inclusive, like [`daily_load`].
pub fn daily_sessions<'r>(
    runs: impl IntoIterator<Item = (NaiveDate, &'r Run)>,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<u32> {
    per_day(runs, first, last, |_| 1)
}

fn per_day<'r, T: Copy + Default + AddAssign>(
    runs: impl IntoIterator<Item = (NaiveDate, &'r Run)>,
    first: NaiveDate,
    last: NaiveDate,
    value: impl Fn(&Run) -> T,
) -> Vec<T> {
    let days = usize::try_from((last - first).num_days() + 1).unwrap_or(0);
    let mut out = vec![T::default(); days];
    // Day numbers rather than date subtraction: one calendar conversion per run.
    let first = first.num_days_from_ce();
    for (date, run) in runs {
        let index = usize::try_from(date.num_days_from_ce() - first).ok();
        if let Some(slot) = index.and_then(|d| out.get_mut(d)) {
            *slot += value(run);
        }
    }
    out
}

/// Whole days from `date` to `today`: 0 today, 1 yesterday, negative after today.
pub fn days_ago(today: NaiveDate, date: NaiveDate) -> i64 {
    (today - date).num_days()
}

/// The last `n` days of a daily series, or `None` when the series is shorter.
pub fn last_days(series: &[f64], n: usize) -> Option<&[f64]> {
    series.len().checked_sub(n).and_then(|start| series.get(start..))
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// The EWMA decay for an `days`-day window, λ = 2 / (N + 1) (Williams et al. 2017):
/// the acute:chronic ratio's.
pub fn ewma_lambda(days: usize) -> f64 {
    2.0 / (days as f64 + 1.0)
}

/// The daily decay of fitness and fatigue as TrainingPeaks' Performance Management
/// Chart computes them, 1 ÷ the time constant: CTL(t) = CTL(t − 1) + (load(t) −
/// CTL(t − 1)) ÷ 42, ATL likewise with 7. (intervals.icu decays by 1 − e^(−1/τ),
/// 0.023528 and 0.133122 a day, within a few percent of these.)
pub fn pmc_lambda(days: usize) -> f64 {
    1.0 / days as f64
}

/// e(t) = λ·load(t) + (1 − λ)·e(t − 1), one value per day, starting from 0 the day
/// before the first run because nothing was logged before it.
fn smooth(loads: &[f64], lambda: f64) -> Vec<f64> {
    let mut e = 0.0;
    loads
        .iter()
        .map(|load| {
            e = lambda * load + (1.0 - lambda) * e;
            e
        })
        .collect()
}

/// Exponentially weighted moving average of a daily series over an `days`-day
/// window, λ = 2 / (N + 1) (Williams et al. 2017), for the acute:chronic ratio.
pub fn ewma(loads: &[f64], days: usize) -> Vec<f64> {
    smooth(loads, ewma_lambda(days))
}

/// Fitness (CTL, 42-day time constant) and fatigue (ATL, 7-day) for each day of a
/// daily series, decaying as TrainingPeaks does (see [`pmc_lambda`]).
pub fn fitness_fatigue(loads: &[f64]) -> (Vec<f64>, Vec<f64>) {
    (smooth(loads, pmc_lambda(FITNESS_DAYS)), smooth(loads, pmc_lambda(FATIGUE_DAYS)))
}

/// Fitness, fatigue and form as of the last day of a daily series (Banister's
/// impulse-response model as TrainingPeaks' Performance Management Chart draws it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pmc {
    /// CTL: daily load averaged with a 42-day time constant.
    pub fitness: f64,
    /// ATL: daily load averaged with a 7-day time constant.
    pub fatigue: f64,
    /// TSB: yesterday's fitness − yesterday's fatigue.
    pub form: f64,
    /// Ramp rate: fitness − fitness 7 days earlier.
    pub ramp: f64,
}

impl Pmc {
    /// Form as a percentage of fitness, the scale-free reading intervals.icu
    /// uses (session-RPE units are far larger than TSS, so absolute TSB
    /// thresholds do not carry over). `None` without fitness.
    pub fn form_percent(&self) -> Option<f64> {
        (self.fitness > 0.0).then(|| self.form / self.fitness * 100.0).and_then(finite)
    }

    /// Days of complete rest until form is back to zero (Runalyze): resting,
    /// fatigue decays by (1 − λA) a day and fitness by (1 − λC), so they meet after
    /// ln(CTL / ATL) / ln((1 − λA) / (1 − λC)) days. 0 when fatigue is already at or
    /// below fitness; `None` without fitness or fatigue.
    pub fn days_to_balance(&self) -> Option<f64> {
        if self.fitness.is_nan() || self.fitness <= 0.0 || self.fatigue.is_nan() || self.fatigue <= 0.0 {
            return None;
        }
        if self.fatigue <= self.fitness {
            return Some(0.0);
        }
        let daily = ((1.0 - pmc_lambda(FATIGUE_DAYS)) / (1.0 - pmc_lambda(FITNESS_DAYS))).ln();
        finite((self.fitness / self.fatigue).ln() / daily)
    }
}

/// The performance-management model at the end of `loads`; days before the series
/// count as 0. `None` for an empty series.
pub fn pmc(loads: &[f64]) -> Option<Pmc> {
    let (ctl, atl) = fitness_fatigue(loads);
    let back = |series: &[f64], days: usize| {
        series.len().checked_sub(1 + days).and_then(|i| series.get(i)).copied().unwrap_or(0.0)
    };
    let fitness = *ctl.last()?;
    let fatigue = *atl.last()?;
    let pmc = Pmc { fitness, fatigue, form: back(&ctl, 1) - back(&atl, 1), ramp: fitness - back(&ctl, WEEK) };
    [pmc.fitness, pmc.fatigue, pmc.form, pmc.ramp].iter().all(|x| x.is_finite()).then_some(pmc)
}

/// Form over the last 7 days as a percentage of fitness, 100 × (1 − Σ fatigue ÷
/// Σ fitness), each day's values taken as of the day before, as form is. Fatigue
/// swings from day to day in a week of 2–4 runs, so one day's form says more about
/// the weekday than the week; a week's reads the trend. `None` with under 8 days or
/// no fitness.
pub fn week_form_percent(loads: &[f64]) -> Option<f64> {
    let days = loads.len().checked_sub(1 + WEEK)?..loads.len() - 1;
    let (ctl, atl) = fitness_fatigue(loads);
    let fitness: f64 = ctl.get(days.clone())?.iter().sum();
    let fatigue: f64 = atl.get(days)?.iter().sum();
    (fitness > 0.0).then(|| 100.0 * (1.0 - fatigue / fitness)).and_then(finite)
}

/// Foster's (1998) monotony and strain over one week of daily loads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Monotony {
    pub weekly_load: f64,
    pub mean: f64,
    /// Population standard deviation of the daily loads.
    pub sd: f64,
    /// mean ÷ SD, capped at [`MONOTONY_CAP`].
    pub monotony: f64,
    /// weekly load × monotony.
    pub strain: f64,
}

/// Monotony and strain over the last 7 days of `loads`, rest days as 0 (Foster
/// 1998), with the population SD and a cap of 10 (Runalyze). `None` with fewer
/// than 7 days or no load in them.
pub fn monotony(loads: &[f64]) -> Option<Monotony> {
    let week = last_days(loads, WEEK)?;
    let weekly_load: f64 = week.iter().sum();
    if weekly_load.is_nan() || weekly_load <= 0.0 {
        return None;
    }
    let days = 7.0;
    let mean = weekly_load / days;
    let sd = (week.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / days).sqrt();
    let monotony = if sd > 0.0 { (mean / sd).min(MONOTONY_CAP) } else { MONOTONY_CAP };
    let m = Monotony { weekly_load, mean, sd, monotony, strain: weekly_load * monotony };
    [m.weekly_load, m.mean, m.sd, m.monotony, m.strain].iter().all(|x| x.is_finite()).then_some(m)
}

/// An acute:chronic workload ratio (Hulin et al. 2016; Williams et al. 2017). Its
/// worth as an injury predictor is contested (Lolli et al. 2019; Impellizzeri et
/// al. 2020): Restride reads it only as "this week is a jump from your usual".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Acwr {
    pub acute: f64,
    pub chronic: f64,
    pub ratio: f64,
}

/// Rolling, uncoupled: the load of the last 7 days ÷ the mean weekly load of the 28
/// days before them (the acute week is left out of the chronic window, as Lolli et
/// al. 2019 recommend). `None` with fewer than 35 days or no chronic load.
pub fn rolling_acwr(loads: &[f64]) -> Option<Acwr> {
    let span = last_days(loads, WEEK + CHRONIC_DAYS)?;
    let (chronic_days, acute_days) = span.split_at(CHRONIC_DAYS);
    let acute: f64 = acute_days.iter().sum();
    let chronic = chronic_days.iter().sum::<f64>() / 4.0;
    ratio(acute, chronic)
}

/// EWMA: the 7-day EWMA of daily load ÷ the 28-day EWMA (Williams et al. 2017), as
/// daily loads. `None` with fewer than 28 days (the 28-day average would still be
/// climbing from its 0 start) or no chronic load.
pub fn ewma_acwr(loads: &[f64]) -> Option<Acwr> {
    last_days(loads, CHRONIC_DAYS)?;
    let acute = *ewma(loads, FATIGUE_DAYS).last()?;
    let chronic = *ewma(loads, CHRONIC_DAYS).last()?;
    ratio(acute, chronic)
}

fn ratio(acute: f64, chronic: f64) -> Option<Acwr> {
    if chronic.is_nan() || chronic <= 0.0 {
        return None;
    }
    let ratio = finite(acute / chronic)?;
    (acute.is_finite() && chronic.is_finite()).then_some(Acwr { acute, chronic, ratio })
}

/// Where an acute:chronic ratio falls (Gabbett 2016's bands).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcwrBand {
    Low,
    SweetSpot,
    High,
    Spike,
}

impl AcwrBand {
    pub fn of(ratio: f64) -> Self {
        if ratio >= RATIO_SPIKE {
            Self::Spike
        } else if ratio > RATIO_SWEET_SPOT.1 {
            Self::High
        } else if ratio >= RATIO_SWEET_SPOT.0 {
            Self::SweetSpot
        } else {
            Self::Low
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "below usual",
            Self::SweetSpot => "in line with usual",
            Self::High => "above usual",
            Self::Spike => "a load spike",
        }
    }
}

/// Banister's TRIMP (Banister 1991; Morton et al. 1990): minutes × HRr × 0.64 ×
/// e^(1.92 × HRr), HRr = (average HR − rest HR) ÷ (max HR − rest HR), clamped to
/// 0–1. Restride does not ask for sex, so it uses the men's coefficients (women's:
/// 0.86, 1.67); comparing a runner with their own past is unaffected. `None`
/// without heart rate on the run or both max and rest HR in the settings.
pub fn trimp(run: &Run, settings: &Settings) -> Option<f64> {
    let hr = run.heart_rate?;
    let (max, rest) = (settings.max_hr?, settings.rest_hr?);
    if max <= rest {
        return None;
    }
    let hrr = ((f64::from(hr.average) - f64::from(rest)) / f64::from(max - rest)).clamp(0.0, 1.0);
    finite(f64::from(run.moving_s) / 60.0 * hrr * 0.64 * (1.92 * hrr).exp())
}

/// Sessions per intensity zone, read from RPE: easy ≤ 4, moderate 5–6, hard ≥ 7
/// (Seiler's three-zone model; Seiler 2010 finds about 80 % of endurance
/// athletes' sessions easy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Intensity {
    pub easy: usize,
    pub moderate: usize,
    pub hard: usize,
}

impl Intensity {
    pub fn of<'r>(runs: impl IntoIterator<Item = &'r Run>, scale: &EffortScale) -> Self {
        let mut zones = Self::default();
        for run in runs {
            match scale.rpe(run) {
                r if r <= f64::from(EASY_MAX_RPE) => zones.easy += 1,
                r if r >= f64::from(HARD_MIN_RPE) => zones.hard += 1,
                _ => zones.moderate += 1,
            }
        }
        zones
    }

    pub fn total(&self) -> usize {
        self.easy + self.moderate + self.hard
    }

    /// Shares of sessions (0–1): easy, moderate, hard. `None` without sessions.
    pub fn shares(&self) -> Option<[f64; 3]> {
        let total = self.total();
        (total > 0).then(|| [self.easy, self.moderate, self.hard].map(|n| n as f64 / total as f64))
    }

    /// Polarization index (Treff et al. 2019): log10(Z1 ÷ Z2 × Z3 × 100) with zone
    /// shares as fractions; above 2 is polarized. An empty zone 2 counts as 0.01
    /// (1 %), the value Treff et al. substitute so the index stays defined for the
    /// most polarized distributions. `None` without easy or hard sessions (the log
    /// of 0: not polarized at all).
    pub fn polarization_index(&self) -> Option<f64> {
        let [z1, z2, z3] = self.shares()?;
        let z2 = if z2 > 0.0 { z2 } else { TREFF_EMPTY_ZONE2 };
        (z1 > 0.0 && z3 > 0.0).then(|| (z1 / z2 * z3 * 100.0).log10()).and_then(finite)
    }
}

/// Hooper & Mackinnon (1995): a rating above 5 (6 or 7 of 7) is "high" (bad).
pub const HOOPER_HIGH: u8 = 5;

/// The longest run of consecutive calendar days whose `item` rating is above 5, in
/// check-ins sorted by date. A day without a check-in breaks the run.
pub fn longest_high_streak(days: &[&Wellness], item: HooperItem) -> usize {
    let (mut longest, mut current, mut last) = (0, 0, None::<NaiveDate>);
    for d in days {
        // A second check-in on the same date (merged backups) is not another day.
        if last == Some(d.date) {
            continue;
        }
        let high = d.hooper(item).value() > HOOPER_HIGH;
        let follows = last.is_some_and(|l| d.date - l == Duration::days(1));
        current = match (high, follows) {
            (false, _) => 0,
            (true, true) => current + 1,
            (true, false) => 1,
        };
        last = Some(d.date);
        longest = longest.max(current);
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::sample_run;

    use crate::run::{HeartRate, Rpe, RunType};

    fn run(start: &str, minutes: u32, rpe: u8) -> Run {
        Run { rpe: Rpe::new(rpe), ..sample_run(0, start, RunType::Easy, f64::from(minutes), 5.0) }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn daily_load_and_sessions_fill_rest_days_and_skip_outside_days() {
        let runs = [
            run("2026-03-01T07:00:00+00:00", 30, 4),
            run("2026-03-03T07:00:00+00:00", 40, 5),
            run("2026-03-03T18:00:00+00:00", 20, 3),
            run("2026-03-09T07:00:00+00:00", 20, 3),
        ];
        let refs: Vec<_> = runs.iter().map(|r| (r.start.date_naive(), r)).collect();
        let loads =
            daily_load(refs.iter().copied(), &EffortScale::default(), date("2026-03-01"), date("2026-03-04"));
        assert_eq!(loads, vec![120.0, 0.0, 260.0, 0.0]);
        assert_eq!(
            daily_sessions(refs.iter().copied(), date("2026-03-01"), date("2026-03-04")),
            vec![1, 0, 2, 0]
        );
        assert!(
            daily_load(refs.iter().copied(), &EffortScale::default(), date("2026-03-04"), date("2026-03-01"))
                .is_empty()
        );
    }

    #[test]
    fn a_year_of_load_gives_ten_years_fitness_fatigue_and_form() {
        // What the analysis horizon rests on: days over a year back barely move the
        // model (a load a year back weighs (41/42)^365 ≈ 1.5e-4 of its first day's
        // weight in fitness), far below anything a finding reads.
        let loads: Vec<f64> =
            (0..3650u32).map(|d| if d % 7 == 3 { 0.0 } else { f64::from(100 + d * 37 % 250) }).collect();
        let horizon = usize::try_from(crate::analysis::HORIZON_DAYS).unwrap();
        let (all, year) = (pmc(&loads).unwrap(), pmc(&loads[loads.len() - horizon..]).unwrap());
        // Within 0.02 % of fitness: form, read as a percentage of fitness, moves by
        // under 0.02 points.
        for (a, y) in [(all.fitness, year.fitness), (all.fatigue, year.fatigue), (all.form, year.form)] {
            assert!((a - y).abs() <= 2e-4 * all.fitness, "{a} vs {y}");
        }
        let (all, year) = (ewma_acwr(&loads).unwrap(), ewma_acwr(&loads[loads.len() - horizon..]).unwrap());
        assert!((all.ratio - year.ratio).abs() < 1e-9);
    }

    #[test]
    fn ewma_by_hand() {
        // λ7 = 0.25: 25, 18.75, 14.0625. λ28 = 2/29.
        let e7 = ewma(&[100.0, 0.0, 0.0], 7);
        assert!(close(e7[0], 25.0) && close(e7[1], 18.75) && close(e7[2], 14.0625));
        let e28 = ewma(&[100.0, 0.0], 28);
        assert!(close(e28[0], 200.0 / 29.0) && close(e28[1], 200.0 / 29.0 * 27.0 / 29.0));
    }

    #[test]
    fn pmc_by_hand() {
        // TrainingPeaks: CTL = CTL + (load − CTL) / 42, ATL with 7. One day of 100,
        // then a rest day: fitness 100/42 · 41/42, fatigue 100/7 · 6/7.
        let p = pmc(&[100.0, 0.0]).unwrap();
        let (ctl0, atl0) = (100.0 / 42.0, 100.0 / 7.0);
        assert!(close(p.fitness, ctl0 * 41.0 / 42.0));
        assert!(close(p.fatigue, atl0 * 6.0 / 7.0));
        assert!(close(p.form, ctl0 - atl0), "form uses yesterday's values");
        assert!(close(p.ramp, p.fitness), "fitness was 0 a week earlier");
        assert_eq!(pmc(&[]), None);
        // Constant load for 10 days: ramp = fitness(day 9) − fitness(day 2).
        let p = pmc(&[50.0; 10]).unwrap();
        let c = |days: i32| 50.0 * (1.0 - (41.0f64 / 42.0).powi(days));
        let a = |days: i32| 50.0 * (1.0 - (6.0f64 / 7.0).powi(days));
        assert!(close(p.fitness, c(10)) && close(p.ramp, c(10) - c(3)));
        assert!(close(p.form, c(9) - a(9)));
        // The charted series are the same numbers.
        let (ctl, atl) = fitness_fatigue(&[50.0; 10]);
        assert!(close(ctl[9], p.fitness) && close(atl[9], p.fatigue));
    }

    #[test]
    fn week_form_by_hand() {
        // One day of 100 then rest: the 7 days ending yesterday sum fitness to
        // 100·(1 − (41/42)^7) and fatigue to 100·(1 − (6/7)^7).
        let mut loads = vec![100.0];
        loads.extend([0.0; 7]);
        let want = 100.0 * (1.0 - (1.0 - (6.0f64 / 7.0).powi(7)) / (1.0 - (41.0f64 / 42.0).powi(7)));
        assert!(close(week_form_percent(&loads).unwrap(), want));
        assert_eq!(week_form_percent(&loads[1..]), None, "needs 8 days");
        assert_eq!(week_form_percent(&[0.0; 20]), None, "no fitness");
        // A steady daily load: fatigue is ahead of fitness, so form is negative.
        assert!(week_form_percent(&[50.0; 60]).unwrap() < 0.0);
    }

    #[test]
    fn rest_until_form_balances() {
        // Runalyze: ln(50/100) / ln((6/7) / (41/42)) = 5.330 days, nearly twice what λ =
        // 2/(N + 1) gave.
        let p = Pmc { fitness: 50.0, fatigue: 100.0, form: 0.0, ramp: 0.0 };
        let want = (0.5f64).ln() / ((6.0f64 / 7.0) / (41.0 / 42.0)).ln();
        assert!((p.days_to_balance().unwrap() - want).abs() < 1e-9 && (want - 5.3297).abs() < 1e-3, "{want}");
        assert_eq!(Pmc { fatigue: 40.0, ..p }.days_to_balance(), Some(0.0));
        assert_eq!(Pmc { fitness: 0.0, ..p }.days_to_balance(), None);
        assert_eq!(Pmc { fatigue: 0.0, ..p }.days_to_balance(), None);
        assert_eq!(Pmc { form: -20.0, ..p }.form_percent(), Some(-40.0));
        assert_eq!(Pmc { fitness: 0.0, ..p }.form_percent(), None);
    }

    #[test]
    fn monotony_by_hand() {
        // Four days of 100 and three rest days: mean 400/7, SD = 100·√(4/7·3/7),
        // so monotony = √(4/3) = 1.1547 and strain = 400 × 1.1547.
        let m = monotony(&[999.0, 0.0, 100.0, 0.0, 100.0, 0.0, 100.0, 100.0]).unwrap();
        assert!(close(m.weekly_load, 400.0));
        assert!(close(m.monotony, (4.0f64 / 3.0).sqrt()));
        assert!(close(m.strain, 400.0 * (4.0f64 / 3.0).sqrt()));
        // Six equal days and one rest: √6 = 2.449, high.
        let m = monotony(&[100.0, 100.0, 100.0, 0.0, 100.0, 100.0, 100.0]).unwrap();
        assert!(close(m.monotony, 6.0f64.sqrt()));
        // The same load every day has SD 0: capped, not infinite.
        assert_eq!(monotony(&[60.0; 7]).map(|m| m.monotony), Some(MONOTONY_CAP));
        assert_eq!(monotony(&[0.0; 7]), None);
        assert_eq!(monotony(&[50.0; 6]), None);
    }

    #[test]
    fn acwr_rolling_is_uncoupled() {
        // 28 days of 10 a day (70 a week), then a week of 20 a day (140).
        let mut loads = vec![5000.0];
        loads.extend([10.0; 28]);
        loads.extend([20.0; 7]);
        let a = rolling_acwr(&loads).unwrap();
        assert!(close(a.acute, 140.0) && close(a.chronic, 70.0) && close(a.ratio, 2.0));
        assert_eq!(rolling_acwr(&loads[2..]), None, "needs 35 days");
        assert_eq!(rolling_acwr(&[vec![0.0; 28], vec![50.0; 7]].concat()), None, "no chronic load");
    }

    #[test]
    fn acwr_ewma_by_hand() {
        // A constant load c for 28 days: (1 − 0.75^28) ÷ (1 − (27/29)^28) = 1.15600.
        let a = ewma_acwr(&[30.0; 28]).unwrap();
        assert!((a.ratio - 1.155_997).abs() < 1e-5);
        assert_eq!(ewma_acwr(&[30.0; 27]), None);
        assert_eq!(ewma_acwr(&[0.0; 40]), None);
    }

    #[test]
    fn acwr_bands() {
        assert_eq!(AcwrBand::of(0.5), AcwrBand::Low);
        assert_eq!(AcwrBand::of(0.8), AcwrBand::SweetSpot);
        assert_eq!(AcwrBand::of(1.3), AcwrBand::SweetSpot);
        assert_eq!(AcwrBand::of(1.4), AcwrBand::High);
        assert_eq!(AcwrBand::of(1.5), AcwrBand::Spike);
    }

    #[test]
    fn trimp_by_hand() {
        // 60 min at 150 bpm, rest 50, max 190: HRr = 100/140; 108.095.
        let mut r = run("2026-03-01T07:00:00+00:00", 60, 5);
        let settings = Settings { max_hr: Some(190), rest_hr: Some(50), ..Settings::default() };
        assert_eq!(trimp(&r, &settings), None, "no heart rate");
        r.heart_rate = Some(HeartRate { average: 150, max: 170 });
        assert!((trimp(&r, &settings).unwrap() - 108.095_359).abs() < 1e-5);
        assert_eq!(trimp(&r, &Settings::default()), None);
        assert_eq!(trimp(&r, &Settings { max_hr: Some(50), ..settings.clone() }), None);
        r.heart_rate = Some(HeartRate { average: 40, max: 60 });
        assert_eq!(trimp(&r, &settings), Some(0.0), "below resting counts as no load");
    }

    #[test]
    fn intensity_zones_and_polarization() {
        let rpes = [2, 3, 4, 4, 3, 2, 3, 4, 5, 8];
        let runs: Vec<Run> = rpes.iter().map(|r| run("2026-03-01T07:00:00+00:00", 30, *r)).collect();
        let z = Intensity::of(&runs, &EffortScale::default());
        assert_eq!(z, Intensity { easy: 8, moderate: 1, hard: 1 });
        assert_eq!(z.shares(), Some([0.8, 0.1, 0.1]));
        // log10(0.8 / 0.1 × 0.1 × 100) = log10(80).
        assert!(close(z.polarization_index().unwrap(), 80f64.log10()));
        let z = Intensity { easy: 7, moderate: 1, hard: 2 };
        assert!(close(z.polarization_index().unwrap(), 140f64.log10()));
        // No moderate sessions: zone 2 counts as 1 % (Treff et al. 2019), log10(0.9 / 0.01 × 0.1 × 100).
        let z = Intensity { easy: 9, moderate: 0, hard: 1 };
        assert!(close(z.polarization_index().unwrap(), 900f64.log10()));
        assert_eq!(Intensity { easy: 9, moderate: 1, hard: 0 }.polarization_index(), None);
        assert_eq!(Intensity::default().shares(), None);
    }

    fn day(date: NaiveDate, stress: u8) -> Wellness {
        use crate::wellness::{Hooper, Level};
        use chrono::{TimeZone, Utc};
        let h = |v| Hooper::new(v).unwrap();
        Wellness {
            date,
            sleep_hours: Some(7.5),
            sleep_quality: h(2),
            stress: h(stress),
            fatigue: h(3),
            soreness: h(3),
            hydration: Level::new(4).unwrap(),
            motivation: Level::new(4).unwrap(),
            tags: Vec::new(),
            updated: Utc.timestamp_millis_opt(0).unwrap(),
        }
    }

    #[test]
    fn a_missed_day_breaks_a_streak() {
        let start = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let at = |i: i64, s| day(start + Duration::days(i), s);
        let days = [at(0, 6), at(1, 7), at(1, 7), at(2, 6), at(4, 6), at(5, 6), at(6, 3), at(7, 6)];
        let refs: Vec<&Wellness> = days.iter().collect();
        assert_eq!(longest_high_streak(&refs, HooperItem::Stress), 3);
        assert_eq!(longest_high_streak(&refs, HooperItem::SleepQuality), 0);
        // Exactly 5 is not above 5.
        let fives: Vec<Wellness> = (0..10).map(|i| at(i, 5)).collect();
        assert_eq!(longest_high_streak(&fives.iter().collect::<Vec<_>>(), HooperItem::Stress), 0);
        let sixes: Vec<Wellness> = (0..10).map(|i| at(i, 6)).collect();
        assert_eq!(longest_high_streak(&sixes.iter().collect::<Vec<_>>(), HooperItem::Stress), 10);
    }
}
