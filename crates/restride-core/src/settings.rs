//! The runner's preferences.

use chrono::Weekday;

use crate::units::DistanceUnit;

/// When in the day a runner prefers to run (and when a run started).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TimeOfDay {
    /// 04:00–10:59
    Morning,
    /// 11:00–15:59
    Midday,
    /// 16:00–20:59
    Evening,
    /// 21:00–03:59
    Night,
}

impl TimeOfDay {
    pub const ALL: [Self; 4] = [Self::Morning, Self::Midday, Self::Evening, Self::Night];

    pub fn of_hour(hour: u32) -> Self {
        match hour {
            4..=10 => Self::Morning,
            11..=15 => Self::Midday,
            16..=20 => Self::Evening,
            _ => Self::Night,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Self::Morning => "morning",
            Self::Midday => "midday",
            Self::Evening => "evening",
            Self::Night => "night",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Morning => "Morning",
            Self::Midday => "Midday",
            Self::Evening => "Evening",
            Self::Night => "Night",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.slug() == slug)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Every distance and pace is entered and shown in this unit.
    pub unit: DistanceUnit,
    /// Weeks in History and the plan start on this day.
    pub week_start: Weekday,
    pub max_hr: Option<u16>,
    pub rest_hr: Option<u16>,
    /// Days the runner can usually run, for the plan.
    pub run_days: Vec<Weekday>,
    /// Whether the runner picked `run_days` themselves. Until they do, the plan
    /// runs on the days their history shows (`history::usual_run_days`), and
    /// `run_days` is only the fallback for a runner with too little history.
    pub run_days_chosen: bool,
    pub preferred_time: Option<TimeOfDay>,
    /// Whether Today shows the weeks in a row with the planned runs
    /// ([`crate::consistency::Streak`]); a runner it doesn't motivate can hide it.
    pub show_streak: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            unit: DistanceUnit::Km,
            week_start: Weekday::Mon,
            max_hr: None,
            rest_hr: None,
            run_days: vec![Weekday::Tue, Weekday::Thu, Weekday::Sat],
            run_days_chosen: false,
            preferred_time: None,
            show_streak: true,
        }
    }
}

/// Plausible heart rates for a runner's settings, in beats per minute.
pub const HEART_RATE_RANGE: std::ops::RangeInclusive<u16> = 25..=230;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_of_day_buckets() {
        assert_eq!(TimeOfDay::of_hour(3), TimeOfDay::Night);
        assert_eq!(TimeOfDay::of_hour(4), TimeOfDay::Morning);
        assert_eq!(TimeOfDay::of_hour(12), TimeOfDay::Midday);
        assert_eq!(TimeOfDay::of_hour(18), TimeOfDay::Evening);
        assert_eq!(TimeOfDay::of_hour(23), TimeOfDay::Night);
        for t in TimeOfDay::ALL {
            assert_eq!(TimeOfDay::from_slug(t.slug()), Some(t));
        }
    }
}
