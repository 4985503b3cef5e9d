//! What the screens show that is worked out from the runner's data. Each takes
//! exactly the parts of the [`Model`](crate::Model) it reads, so a UI that keeps
//! the parts in separate signals recomputes it only when one of those changes.
//! (Reads that need the clock or the radar's report are methods on [`App`](crate::App).)

use chrono::{DateTime, Duration, NaiveDate, Utc};
use restride_core::history::{runs_dated, week_start_of};
use restride_core::plan::{
    CompanyEffect, WeekPlan, company_effect, current_fitness, diagnose_misses, needs_realign, reflow,
};
use restride_core::{Run, Settings};
use restride_store::DeviceState;

/// The plan of the week holding `today`, as it stands today: sessions past their
/// day and not done count as missed and the rest of the week re-flows around them
/// (without cramming), and paces follow the runner's current fitness.
pub fn this_week(
    plans: &[WeekPlan],
    runs: &[Run],
    settings: &Settings,
    today: NaiveDate,
) -> Option<WeekPlan> {
    let week_start = week_start_of(today, settings.week_start);
    let i = plans.binary_search_by_key(&week_start, |p| p.start).ok()?;
    let plan = plans.get(i)?;
    Some(reflow(plan, today).with_fitness(current_fitness(runs, today).as_ref()))
}

/// Runs with company against runs alone: their feel and the plan kept.
pub fn company(plans: &[WeekPlan], runs: &[Run], today: NaiveDate) -> CompanyEffect {
    company_effect(plans, runs, today)
}

/// Why planned sessions get missed, in a sentence, when the plans show a pattern.
pub fn misses(plans: &[WeekPlan], today: NaiveDate) -> Option<String> {
    diagnose_misses(plans, today).map(|d| d.sentence)
}

/// Whether enough sessions were missed lately to offer realigning the week.
pub fn realign_offered(plans: &[WeekPlan], today: NaiveDate) -> bool {
    needs_realign(plans, today)
}

/// Totals of the runner's week so far.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WeekSoFar {
    pub sessions: u32,
    pub moving_s: u32,
    pub distance_m: f64,
}

/// The week holding `today` (Settings' week start), in local dates, up to today.
pub fn week_so_far(runs: &[Run], settings: &Settings, today: NaiveDate) -> WeekSoFar {
    let first = week_start_of(today, settings.week_start);
    runs_dated(runs, first, today).fold(WeekSoFar::default(), |t, r| WeekSoFar {
        sessions: t.sessions + 1,
        moving_s: t.moving_s.saturating_add(r.moving_s),
        distance_m: t.distance_m + r.distance_m.unwrap_or(0.0),
    })
}

/// Days between reminders to back up while the browser may clear Restride's
/// storage by itself (not installed, and no promise to keep it): Safari deletes
/// what a site's scripts stored after seven days without a visit, so a weekly
/// backup is what keeps those runs.
pub const REMIND_AT_RISK_DAYS: i64 = 7;
/// Days between reminders once storage is kept (persisted, or the app installed):
/// a lost or broken phone is then the risk, and a monthly backup bounds the loss.
pub const REMIND_KEPT_DAYS: i64 = 30;

/// "Last backup: …", for Settings and the reminder.
pub fn last_backup(device: &DeviceState, now: DateTime<Utc>) -> String {
    match device.last_backup.map(|at| (now - at).num_days()) {
        None => "No backup made on this device yet.".into(),
        Some(..=0) => "Last backup: today.".into(),
        Some(1) => "Last backup: yesterday.".into(),
        Some(days) => format!("Last backup: {days} days ago."),
    }
}

/// The reminder to back up, when one is due: the runner has runs, none of them
/// backed up for the interval (a week while storage may be cleared, a month
/// otherwise), and the reminder wasn't put off within that interval either.
pub fn backup_reminder(
    device: &DeviceState,
    runs: &[Run],
    now: DateTime<Utc>,
    at_risk: bool,
) -> Option<String> {
    let interval = Duration::days(if at_risk { REMIND_AT_RISK_DAYS } else { REMIND_KEPT_DAYS });
    let first_saved = runs.iter().map(|r| r.created).min()?;
    let since = device.last_backup.unwrap_or(first_saved);
    let put_off = device.reminder_put_off.is_some_and(|at| now - at < interval);
    if now - since < interval || put_off {
        return None;
    }
    let risk = if at_risk {
        "This browser may delete them if you don't visit for a while."
    } else {
        "If this phone is lost, so are they."
    };
    let last = match device.last_backup {
        None => "You haven't backed up yet.".to_string(),
        Some(_) => last_backup(device, now),
    };
    Some(format!("Your runs are only on this device. {risk} {last}"))
}
