//! What Today's Rut Radar shows beyond the report: the one answer (the next step
//! and why) and each sign's last 12 weeks. The rules are the core's
//! (`restride_core::analysis::{next_step, trend}`); this picks their inputs from
//! the model and keeps the past weeks' statuses between changes.

use std::sync::Arc;

use chrono::NaiveDate;
use restride_core::analysis::next_step::{Circumstances, NextStep, next_step};
use restride_core::analysis::trend::{self, Level, SignTrend};
use restride_core::history::week_start_of;
use restride_core::{Setback, Settings};
use restride_store::KeyValue;

use crate::{App, Device};

/// The levels found at the end of each past week of the trend, and what they were
/// worked out from.
#[derive(Debug, Default)]
pub(crate) struct PastWeeks {
    settings: Option<Settings>,
    setbacks: Vec<Setback>,
    /// (day, fingerprint of the runs and check-ins up to it, levels), oldest first.
    weeks: Vec<(NaiveDate, u64, [Level; 8])>,
    /// Past weeks analysed so far: what the tests check is spared.
    #[cfg(test)]
    analysed: usize,
}

impl<B: KeyValue, D: Device> App<B, D> {
    /// Today's one answer: the next step for the report, in the runner's
    /// circumstances (ill or injured, a race's recovery, a return week, a new
    /// runner's base). Cheap once the report is worked out.
    pub fn next_step(&self) -> NextStep {
        let m = &self.model.stored;
        let today = self.model.today;
        let week = week_start_of(today, m.settings.week_start);
        let c = Circumstances::on(today, week, &m.runs, m.goal.as_ref(), &m.setbacks);
        next_step(&self.report().findings, &c)
    }

    /// Each sign's status at the end of each of the last 11 weeks and today, in
    /// `Sign::ALL` order. A past week's end is analysed again only when the runs or
    /// check-ins up to it, the settings or the setbacks changed (see
    /// `trend::fingerprints`): a run saved today redoes none of them.
    pub fn trends(&self) -> Arc<Vec<SignTrend>> {
        Arc::clone(self.trends.get_or_init(|| Arc::new(self.work_out_trends())))
    }

    fn work_out_trends(&self) -> Vec<SignTrend> {
        let m = &self.model.stored;
        let days = trend::past_week_ends(self.model.today, m.settings.week_start);
        let marks = trend::fingerprints(&m.runs, &m.wellness, &days);
        let mut past = self.past_weeks.borrow_mut();
        if past.settings.as_ref() != Some(&m.settings) || past.setbacks != m.setbacks {
            past.settings = Some(m.settings.clone());
            past.setbacks.clone_from(&m.setbacks);
            past.weeks.clear();
        }
        let mut weeks = Vec::with_capacity(days.len());
        for (day, mark) in days.into_iter().zip(marks) {
            let kept = past.weeks.iter().find(|(d, k, _)| *d == day && *k == mark).map(|(_, _, l)| *l);
            let levels = match kept {
                Some(levels) => levels,
                None => {
                    #[cfg(test)]
                    {
                        past.analysed += 1;
                    }
                    trend::levels_on(&m.runs, &m.wellness, &m.setbacks, &m.settings, day)
                }
            };
            weeks.push((day, mark, levels));
        }
        let levels: Vec<[Level; 8]> = weeks.iter().map(|(_, _, l)| *l).collect();
        past.weeks = weeks;
        trend::trends(&levels, trend::levels(&self.report()))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Duration};
    use restride_core::analysis::next_step::{Reason, Step};
    use restride_core::analysis::{Remedy, Sign};
    use restride_core::{Rpe, Run, RunId, RunType};
    use restride_store::{KeyValue, MemoryBackend};

    use super::*;
    use crate::testing::{TestApp, app, app_on, form};
    use crate::{GoalForm, SettingChange};

    /// Sixteen weeks up to Sunday 22 Nov of the same 30-minute evening run on the
    /// same loop three times a week (a stale runner), the last four rated harder.
    fn stale_app() -> TestApp {
        let start = DateTime::parse_from_rfc3339("2026-08-03T18:00:00+01:00").unwrap();
        let mut runs: Vec<Run> = (0..16 * 7)
            .filter(|d| d % 7 == 0 || d % 7 == 2 || d % 7 == 4)
            .map(|d: i64| {
                let mut r = restride_core::testing::sample_run(
                    0,
                    "2026-08-03T18:00:00+01:00",
                    RunType::Easy,
                    30.0,
                    5.0,
                );
                r.id = RunId::v7(1_700_000_000_000 + u64::try_from(d).unwrap(), [2; 10]);
                r.start = start + Duration::days(d);
                r.route = "block loop".into();
                r.rpe = Rpe::new(if d >= 12 * 7 { 6 } else { 4 });
                r
            })
            .collect();
        restride_core::history::sort_newest_first(&mut runs);
        let store = restride_store::Store::new(MemoryBackend::default());
        assert!(store.save_runs(&runs).is_ok());
        let backend = MemoryBackend::default();
        for (key, value) in store.backend().snapshot() {
            backend.set(&key, &value).unwrap();
        }
        app_on(backend)
    }

    #[test]
    fn past_weeks_are_analysed_once_and_kept_until_what_they_read_changes() {
        let mut a = stale_app();
        let first = a.trends();
        assert_eq!(first.len(), 8);
        assert!(first.iter().all(|t| t.levels.len() == trend::WEEKS));
        assert_eq!(a.past_weeks.borrow().analysed, 11, "the 11 weeks before this one");
        assert!(Arc::ptr_eq(&first, &a.trends()), "asked twice, worked out once");
        // The same run every week: staleness is a rut sign this week.
        let stale = first.iter().find(|t| t.sign == Sign::Staleness).unwrap();
        assert_eq!(stale.levels.last(), Some(&Level::Rut));

        // A run saved today redoes no past week; this week's point follows the report.
        let _ = a.log_run(&form("2026-11-23T07:00", "easy", "30:00", "5"), false).unwrap();
        let after = a.trends();
        assert!(!Arc::ptr_eq(&first, &after));
        assert_eq!(a.past_weeks.borrow().analysed, 11);
        assert_eq!(
            after.iter().map(|t| t.levels.last().copied()).collect::<Vec<_>>(),
            trend::levels(&a.report()).map(Some).to_vec()
        );

        // An old run edited: the weeks from its end on are analysed again, not those before.
        let old = a
            .model
            .stored
            .runs
            .iter()
            .find(|r| r.start.date_naive().to_string() == "2026-11-02")
            .cloned()
            .unwrap();
        let mut edit = form("2026-11-02T18:00", "easy", "40:00", "6");
        edit.rpe = "5".into();
        let _ = a.edit_run(&old, &edit, false).unwrap();
        let _ = a.trends();
        // Sun 8, 15 and 22 Nov: three week ends reach the edited run.
        assert_eq!(a.past_weeks.borrow().analysed, 14);

        // A setting change redoes them all.
        let _ = a.change_settings(SettingChange::Unit(restride_core::DistanceUnit::Mi));
        let _ = a.trends();
        assert_eq!(a.past_weeks.borrow().analysed, 25);
    }

    #[test]
    fn the_next_step_follows_the_report_and_the_goal() {
        let mut a = stale_app();
        let n = a.next_step();
        // The last four weeks rated harder at the same pace: effort creep comes first,
        // and the stale card's hills wait.
        assert!(matches!(n.reason, Some(Reason::Sign { sign: Sign::EffortCreep, .. })), "{n:?}");
        assert_eq!(n.step, Step::Try(Remedy::EasierWeek));
        assert!(n.holds(Remedy::HillsSession));
        // The goal's 10 km on Saturday, not logged: from Monday on, recover first.
        let goal = GoalForm { distance_m: "10000".into(), date: "2026-11-28".into(), target: String::new() };
        assert!(!a.set_goal(&goal).is_error());
        a.device.set("2026-11-30T08:00:00+01:00");
        let _ = a.refresh_today();
        let n = a.next_step();
        assert_eq!(
            n.step,
            Step::RecoverFromRace { until: chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap() }
        );
        assert!(n.why().contains("Also weighed: effort creep"), "{}", n.why());
        // Nothing logged: keep logging.
        assert_eq!(app().next_step().step, Step::KeepLogging);
    }
}
