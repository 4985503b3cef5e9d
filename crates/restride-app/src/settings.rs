//! The runner's settings, changed one at a time as they are picked.

use chrono::Weekday;
use restride_core::settings::HEART_RATE_RANGE;
use restride_core::{DistanceUnit, TimeOfDay};
use restride_store::KeyValue;

use crate::outcome::{Changed, Outcome};
use crate::{App, Device};

/// One setting changed on the Settings tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingChange {
    Unit(DistanceUnit),
    WeekStart(Weekday),
    /// A day the runner can usually run, picked or unpicked.
    ToggleRunDay(Weekday),
    PreferredTime(Option<TimeOfDay>),
    /// The max heart rate as typed; blank clears it.
    MaxHeartRate(String),
    /// The resting heart rate as typed; blank clears it.
    RestingHeartRate(String),
    /// Show or hide Today's weeks in a row with the planned runs.
    ShowStreak(bool),
}

/// What a heart-rate field says: a rate, or nothing.
fn heart_rate(text: &str) -> Result<Option<u16>, &'static str> {
    match text.trim() {
        "" => Ok(None),
        t => t
            .parse::<u16>()
            .ok()
            .filter(|b| HEART_RATE_RANGE.contains(b))
            .map(Some)
            .ok_or("Beats per minute, from 25 to 230."),
    }
}

impl<B: KeyValue, D: Device> App<B, D> {
    /// Changes one setting and saves them. Invalid input (a heart rate out of
    /// range) comes back as an error message, and nothing is saved.
    ///
    /// The change is made to the settings as stored now, not as this tab last read
    /// them, so a setting changed in another tab meanwhile is kept.
    pub fn change_settings(&mut self, change: SettingChange) -> Outcome {
        let mut next = match self.store.settings() {
            Ok(stored) => stored,
            Err(e) => return Outcome::failed(e),
        };
        match change {
            SettingChange::Unit(unit) => next.unit = unit,
            SettingChange::WeekStart(day) => next.week_start = day,
            SettingChange::ToggleRunDay(day) => {
                // From the days the plan runs on now (the history's, until the runner
                // picks), so a tap changes one day, not the whole set.
                next.run_days = self.run_days().0;
                next.run_days_chosen = true;
                if let Some(i) = next.run_days.iter().position(|d| *d == day) {
                    next.run_days.remove(i);
                } else {
                    next.run_days.push(day);
                    next.run_days.sort_by_key(Weekday::num_days_from_monday);
                }
            }
            SettingChange::PreferredTime(time) => next.preferred_time = time,
            SettingChange::MaxHeartRate(text) => match heart_rate(&text) {
                Ok(rate) => next.max_hr = rate,
                Err(why) => return Outcome::failed(why),
            },
            SettingChange::RestingHeartRate(text) => match heart_rate(&text) {
                Ok(rate) => next.rest_hr = rate,
                Err(why) => return Outcome::failed(why),
            },
            SettingChange::ShowStreak(show) => next.show_streak = show,
        }
        if let Err(e) = self.store.save_settings(&next) {
            return Outcome::failed(e);
        }
        self.model.stored.settings = next;
        self.finish(Outcome {
            changed: Changed { settings: true, ..Changed::default() },
            messages: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use restride_store::KeyValue;

    use super::*;
    use crate::testing::{NEWER, app};

    #[test]
    fn each_setting_is_saved_as_it_is_picked() {
        let mut a = app();
        let o = a.change_settings(SettingChange::Unit(DistanceUnit::Mi));
        assert_eq!(o.changed, Changed { settings: true, ..Changed::default() });
        assert!(o.messages.is_empty());
        let _ = a.change_settings(SettingChange::WeekStart(Weekday::Sun));
        let _ = a.change_settings(SettingChange::PreferredTime(Some(TimeOfDay::Evening)));
        // Default days are Tue, Thu, Sat: Monday goes in first, Thursday comes out.
        let _ = a.change_settings(SettingChange::ToggleRunDay(Weekday::Mon));
        let _ = a.change_settings(SettingChange::ToggleRunDay(Weekday::Thu));
        let _ = a.change_settings(SettingChange::MaxHeartRate(" 188 ".into()));
        let _ = a.change_settings(SettingChange::RestingHeartRate("52".into()));
        let _ = a.change_settings(SettingChange::ShowStreak(false));
        let s = &a.model.stored.settings;
        assert_eq!(
            (s.unit, s.week_start, s.preferred_time),
            (DistanceUnit::Mi, Weekday::Sun, Some(TimeOfDay::Evening))
        );
        assert_eq!(s.run_days, [Weekday::Mon, Weekday::Tue, Weekday::Sat]);
        assert_eq!((s.max_hr, s.rest_hr, s.show_streak), (Some(188), Some(52), false));
        assert_eq!(&a.store.load().unwrap().settings, s);
        let _ = a.change_settings(SettingChange::MaxHeartRate(String::new()));
        assert_eq!(a.model.stored.settings.max_hr, None);
    }

    #[test]
    fn a_heart_rate_out_of_range_is_refused() {
        let mut a = app();
        for typed in ["300", "abc", "-60", "24"] {
            let o = a.change_settings(SettingChange::MaxHeartRate(typed.into()));
            assert_eq!(o.errors().collect::<Vec<_>>(), ["Beats per minute, from 25 to 230."], "{typed}");
            assert_eq!(o.changed, Changed::default());
        }
        assert_eq!(a.model.stored.settings.max_hr, None);
        assert!(a.store.backend().keys().unwrap().is_empty());
    }

    #[test]
    fn a_newer_versions_settings_are_not_overwritten() {
        let mut a = app();
        a.store.backend().set("restride.settings", NEWER).unwrap();
        let o = a.change_settings(SettingChange::Unit(DistanceUnit::Mi));
        assert!(o.errors().next().unwrap().starts_with("The saved settings can't be read"), "{o:?}");
        assert_eq!(a.model.stored.settings.unit, DistanceUnit::Km);
        assert_eq!(a.store.backend().get("restride.settings").unwrap().as_deref(), Some(NEWER));
    }
}
