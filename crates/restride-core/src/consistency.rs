//! Consistency that motivates without punishing: the weeks in a row in which the
//! runner ran the number of runs they planned.
//!
//! It counts runs, not days, so a rest day never breaks it, and a week's target is
//! its plan's runs (sessions that are runs, strength and rest aside) when the week
//! was planned, or else the runner's run days in Settings (at most 6: every plan
//! keeps a rest day). A week being ill or injured (a setback touches it), the week
//! after one, and a week with a check-in tagged travel or illness is a grace week:
//! it keeps the streak going whether or not its runs got done (it counts when they
//! did). This week counts once its runs are in and never breaks the streak while it
//! lasts. A week with nothing to run (no run days, or a plan with no runs) neither
//! counts nor breaks it. Restride's own rule: habit research counts repeated
//! behaviour, not perfection (Lally et al. 2010: a missed day did not set habit
//! forming back), so nothing here says a streak was "lost".

use chrono::{Duration, NaiveDate};

use crate::history::week_start_of;
use crate::plan::WeekPlan;
use crate::run::{Run, RunType, day_of_date};
use crate::setback::Setback;
use crate::settings::Settings;
use crate::wellness::{LifeTag, Wellness};

/// The most run days a week's target holds without a plan: every plan keeps a rest day.
const MAX_TARGET: usize = 6;
/// The weeks the streak counts back, at most: a year is plenty to motivate, and it
/// keeps the pass to the last year of runs, like the analysis (every save pays it).
pub const MAX_WEEKS: usize = 52;

/// This week's runs against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekCount {
    pub runs: usize,
    pub target: usize,
    /// Whether the target is the week's plan (else the run days in Settings).
    pub planned: bool,
}

/// Weeks in a row with the planned runs, and this week so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Streak {
    /// Weeks in a row that got their runs in (this one once it has), graced weeks
    /// between them kept.
    pub weeks: usize,
    /// Grace weeks inside the streak (ill, injured, travelling).
    pub graced: usize,
    pub this_week: WeekCount,
}

impl Streak {
    /// Weeks in a row with the planned runs up to `today` (at most [`MAX_WEEKS`]
    /// before this one), from the runs (newest first by start, as the app keeps
    /// them: the pass stops a week past the last one counted), the plans (oldest
    /// first, as stored), setbacks and check-ins. Runs in the future and
    /// cross-training don't count.
    pub fn of(
        runs: &[Run],
        plans: &[WeekPlan],
        setbacks: &[Setback],
        wellness: &[Wellness],
        settings: &Settings,
        today: NaiveDate,
    ) -> Self {
        let this_week = week_start_of(today, settings.week_start);
        let (week_n, today_n) = (day_of_date(this_week), day_of_date(today));
        // Weeks before this one, by local day number (integer arithmetic: this runs
        // on every save); `None` after today.
        let back_of =
            |day: i64| (day <= today_n).then(|| usize::try_from((week_n - day + 6).div_euclid(7)).ok())?;
        let weeks_back = |date: NaiveDate| back_of(day_of_date(date));
        // Runs per week, this one first. A local day is at most two days out of step
        // with the instant order (UTC offsets span 26 hours), so once a run is two
        // weeks past the cap none after it can count.
        let mut counts = vec![0usize; MAX_WEEKS + 1];
        for run in runs.iter().filter(|r| r.kind != RunType::Cross) {
            let day = run.local_day();
            if day < week_n - 7 * (i64::try_from(MAX_WEEKS).unwrap_or(0) + 2) {
                break;
            }
            if let Some(n) = back_of(day).and_then(|back| counts.get_mut(back)) {
                *n += 1;
            }
        }
        let mut graced_weeks: Vec<usize> = wellness
            .iter()
            .filter(|w| w.tags.iter().any(|t| matches!(t, LifeTag::Travel | LifeTag::Illness)))
            .filter_map(|w| weeks_back(w.date))
            .collect();
        for s in setbacks.iter().filter(|s| s.start <= today) {
            // Every week it touches, and the week after the last day it covers.
            let last = s.end.map_or(today, |e| e - Duration::days(1)).min(today);
            let (Some(first), Some(last)) = (weeks_back(s.start), weeks_back(last)) else { continue };
            graced_weeks.extend(last.saturating_sub(1)..=first);
        }
        let target = |back: usize| {
            let start = this_week - Duration::weeks(i64::try_from(back).unwrap_or(0));
            match plans.binary_search_by_key(&start, |p| p.start).ok().and_then(|i| plans.get(i)) {
                Some(plan) => (plan.sessions.iter().filter(|s| s.session.is_run()).count(), true),
                None => (settings.run_days.len().min(MAX_TARGET), false),
            }
        };
        let (target_now, planned) = target(0);
        let runs_now = counts.first().copied().unwrap_or(0);
        let mut streak = Self {
            weeks: usize::from(target_now > 0 && runs_now >= target_now),
            graced: 0,
            this_week: WeekCount { runs: runs_now, target: target_now, planned },
        };
        for (back, runs) in counts.iter().enumerate().skip(1) {
            let (target, _) = target(back);
            let graced = graced_weeks.contains(&back);
            if target > 0 && *runs >= target {
                streak.weeks += 1;
            } else if graced {
                streak.graced += 1;
            } else if target > 0 {
                break;
            }
        }
        streak
    }

    /// What the Today card says: encouraging, never "lost".
    pub fn sentence(&self) -> String {
        let WeekCount { runs, target, planned } = self.this_week;
        let this_week = if target == 0 {
            "Nothing to run this week: pick your run days in Settings.".to_string()
        } else if runs >= target {
            format!("This week's {target} runs are in.")
        } else if planned {
            format!("This week: {runs} of your plan's {target} so far.")
        } else {
            format!("This week: {runs} of {target} so far.")
        };
        let grace = match self.graced {
            0 => String::new(),
            1 => " (a grace week included)".into(),
            n => format!(" ({n} grace weeks included)"),
        };
        match self.weeks {
            0 => format!("{this_week} Get them in to start a run of weeks."),
            n if n >= MAX_WEEKS => {
                format!("A year or more in a row with your planned runs{grace}. {this_week}")
            }
            1 => format!("1 week with your planned runs{grace}. {this_week}"),
            n => format!("{n} weeks in a row with your planned runs{grace}. {this_week}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::week::tests::{date, plan_for};
    use crate::setback::SetbackKind;
    use crate::testing::sample_run;
    use chrono::{TimeZone, Utc, Weekday};

    /// Runs on the given days before Wednesday 25 Nov 2026 (weeks from Monday).
    fn runs_on(days_ago: &[i64]) -> Vec<Run> {
        let mut runs: Vec<Run> = days_ago
            .iter()
            .zip((0..=u8::MAX).cycle())
            .map(|(ago, n)| {
                let d = date("2026-11-25") - Duration::days(*ago);
                sample_run(n, &format!("{d}T07:00:00+01:00"), RunType::Easy, 30.0, 5.0)
            })
            .collect();
        crate::history::sort_newest_first(&mut runs);
        runs
    }

    fn streak(runs: &[Run], plans: &[WeekPlan], setbacks: &[Setback], wellness: &[Wellness]) -> Streak {
        let settings = Settings::default(); // Tue, Thu, Sat: three a week
        Streak::of(runs, plans, setbacks, wellness, &settings, date("2026-11-25"))
    }

    /// Three runs in each of the `weeks` weeks before this one (Mon, Wed, Fri).
    fn three_a_week(weeks: i64) -> Vec<i64> {
        (1..=weeks).flat_map(|w| [w * 7 - 3, w * 7 - 1, w * 7 + 1]).collect()
    }

    #[test]
    fn counts_runs_not_days_and_this_week_never_breaks_it() {
        let s = streak(&runs_on(&three_a_week(4)), &[], &[], &[]);
        assert_eq!((s.weeks, s.graced), (4, 0));
        assert_eq!(s.this_week, WeekCount { runs: 0, target: 3, planned: false });
        assert!(s.sentence().starts_with("4 weeks in a row with your planned runs."), "{}", s.sentence());
        assert!(s.sentence().contains("This week: 0 of 3 so far."));
        // Two runs on one day count as two: runs, not days.
        let mut days = three_a_week(2);
        days.extend([0, 0, 1]);
        let s = streak(&runs_on(&days), &[], &[], &[]);
        assert_eq!(s.weeks, 3, "this week's three are in");
        assert!(s.sentence().contains("This week's 3 runs are in."));
    }

    #[test]
    fn a_short_week_ends_it_but_a_grace_week_does_not() {
        // Weeks 1, 2 and 4 back kept; week 3 back (2–8 Nov) had one run.
        let mut days = three_a_week(4);
        days.retain(|d| ![18, 20].contains(d));
        assert_eq!(streak(&runs_on(&days), &[], &[], &[]).weeks, 2);
        // Ill in that week: graced, and the streak goes on through it.
        let ill =
            Setback { kind: SetbackKind::Ill, start: date("2026-11-05"), end: Some(date("2026-11-07")) };
        let s = streak(&runs_on(&days), &[], &[ill], &[]);
        assert_eq!((s.weeks, s.graced), (3, 1));
        assert!(s.sentence().contains("(a grace week included)"));
        // The week after being back is graced too.
        let earlier = Setback { start: date("2026-10-28"), end: Some(date("2026-11-02")), ..ill };
        assert_eq!(streak(&runs_on(&days), &[], &[earlier], &[]).graced, 1);
        // Travelling, from the check-in.
        let travel = Wellness {
            date: date("2026-11-04"),
            sleep_hours: None,
            sleep_quality: crate::wellness::Hooper::new(3).unwrap(),
            stress: crate::wellness::Hooper::new(3).unwrap(),
            fatigue: crate::wellness::Hooper::new(3).unwrap(),
            soreness: crate::wellness::Hooper::new(3).unwrap(),
            hydration: crate::wellness::Level::new(3).unwrap(),
            motivation: crate::wellness::Level::new(3).unwrap(),
            tags: vec![LifeTag::Travel],
            updated: Utc.timestamp_millis_opt(0).unwrap(),
        };
        assert_eq!(streak(&runs_on(&days), &[], &[], std::slice::from_ref(&travel)).weeks, 3);
    }

    #[test]
    fn a_planned_week_asks_for_its_plans_runs() {
        // Last week's plan had two runs and a strength session: two runs keep it.
        let runs = runs_on(&three_a_week(1));
        let settings =
            Settings { run_days: vec![Weekday::Mon, Weekday::Wed, Weekday::Fri], ..Settings::default() };
        let mut plan = plan_for(&runs, &settings, &[]);
        plan.start = date("2026-11-16");
        let n = plan.sessions.iter().filter(|s| s.session.is_run()).count();
        assert!(n > 0);
        let two = runs_on(&[2, 4]);
        let s = Streak::of(&two, &[plan], &[], &[], &settings, date("2026-11-25"));
        assert_eq!(s.weeks, usize::from(n <= 2), "plan of {n} runs");
        // Every week for two years: a year or more, and the pass stops there.
        let s = streak(&runs_on(&three_a_week(104)), &[], &[], &[]);
        assert_eq!(s.weeks, MAX_WEEKS);
        assert!(s.sentence().starts_with("A year or more in a row"), "{}", s.sentence());
        // No run days at all: nothing to keep, nothing broken.
        let none = Settings { run_days: Vec::new(), ..Settings::default() };
        let s = Streak::of(&runs_on(&three_a_week(3)), &[], &[], &[], &none, date("2026-11-25"));
        assert_eq!(s.weeks, 0);
        assert!(s.sentence().starts_with("Nothing to run this week"));
    }
}
