//! Every format Restride has ever written must still load. Each fixture is a value
//! exactly as that version stored it; add them whenever SCHEMA_VERSION is bumped
//! (written by the build before the bump, not by hand).

use restride_core::plan::{SessionStatus, check_rules};
use restride_store::plan_record::{decode_plan, encode_plan};
use restride_store::record::decode_month;

#[test]
fn version_1_fixture_loads() {
    let runs = decode_month(include_str!("fixtures/month-v1.json")).expect("v1 fixture decodes");
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].kind.slug(), "tempo");
    assert_eq!(runs[0].distance_m, Some(8000.0));
    assert_eq!(runs[1].kind.slug(), "cross");
    assert_eq!(runs[1].distance_m, None);
    assert_eq!(runs[1].notes, "gym: squats, lunges");
}

#[test]
fn version_1_backup_loads() {
    let backup =
        restride_store::parse_backup(include_str!("fixtures/backup-v1.json")).expect("v1 backup parses");
    assert_eq!(backup.settings.map(|s| s.unit), Some(restride_core::DistanceUnit::Mi));
    assert_eq!(backup.runs.len(), 2);
    assert_eq!(backup.runs[1].notes, "gym: squats, lunges");
    assert!(backup.wellness.is_empty());
}

#[test]
fn version_2_backup_loads() {
    let backup =
        restride_store::parse_backup(include_str!("fixtures/backup-v2.json")).expect("v2 backup parses");
    assert_eq!(backup.settings.and_then(|s| s.max_hr), Some(188));
    assert_eq!(backup.runs[0].heart_rate.map(|h| h.max), Some(171));
    assert_eq!(backup.runs[0].source, restride_core::Source::Imported("long-run.gpx".into()));
    assert_eq!(backup.wellness[0].sleep_hours, Some(7.25));
    assert_eq!(backup.wellness[0].tags.len(), 2);
}

#[test]
fn version_3_backup_loads() {
    let backup =
        restride_store::parse_backup(include_str!("fixtures/backup-v3.json")).expect("v3 backup parses");
    assert_eq!(backup.runs.len(), 2);
    assert_eq!(backup.runs[0].rpe, None, "an imported run without effort");
    assert_eq!(backup.runs[0].route_fingerprint.as_deref(), Some("u0qj9d"));
    assert_eq!(backup.wellness[0].tags, [restride_core::LifeTag::Travel]);
}

#[test]
fn version_3_plan_loads_with_its_own_sessions_as_its_bounds() {
    let plan = decode_plan(include_str!("fixtures/plan-v3.json")).expect("v3 plan decodes");
    assert_eq!(plan.sessions.len(), 3);
    assert!(matches!(plan.sessions[0].status, SessionStatus::Done(_)));
    assert_eq!(plan.sessions[1].status, SessionStatus::Missed { reason: Some("late at work".into()) });
    assert_eq!(plan.sessions[2].status, SessionStatus::Skipped);
    // No bounds were stored in v3: the plan's own running minutes and longest run
    // stand in, so it keeps every rule and no change can go beyond what it held.
    let minutes: u32 = plan.sessions.iter().map(|s| s.session.minutes).sum();
    let longest = plan.sessions.iter().map(|s| s.session.minutes).max().unwrap();
    assert_eq!((plan.load.minutes_cap, plan.load.longest_cap), (f64::from(minutes), f64::from(longest)));
    assert!(plan.paused.is_empty() && plan.quality_from.is_none());
    assert_eq!(check_rules(&plan), Ok(()));
    // Written back, it is a current plan that reads back the same.
    let again = encode_plan(&plan, chrono::DateTime::UNIX_EPOCH);
    assert!(again.starts_with(&format!("{{\"schema\":{},", restride_store::SCHEMA_VERSION)), "{again}");
    assert_eq!(decode_plan(&again).unwrap(), plan);
}

/// Every value the version-4 app stored, exactly as it stored it (written by that
/// build: `backup-v4.json`, `plan-v4.json`, `goal-v4.json`, `settings-v4.json`,
/// `setbacks-v4.json`, `month-v4.json`, `wellness-month-v4.json`), reads in version 5,
/// with what 5 added at its defaults: a plan or goal changed "before anything" (0).
#[test]
fn version_4_values_load() {
    use restride_store::plan_record::{decode_stamped_goal, decode_stamped_plan};
    use restride_store::record::{decode_settings, decode_wellness_month};
    use restride_store::setback_record::decode_setbacks;
    let runs = decode_month(include_str!("fixtures/month-v4.json")).expect("v4 month decodes");
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].notes, "windy, \"tough\"");
    assert_eq!(runs[0].heart_rate.map(|h| h.max), Some(176));
    let days = decode_wellness_month(include_str!("fixtures/wellness-month-v4.json")).expect("v4 check-ins");
    assert_eq!(days[0].tags.len(), 2);
    let settings = decode_settings(include_str!("fixtures/settings-v4.json")).expect("v4 settings");
    assert_eq!(settings.max_hr, Some(186));
    assert_eq!(decode_setbacks(include_str!("fixtures/setbacks-v4.json")).expect("v4 setbacks").len(), 2);
    let plan = decode_stamped_plan(include_str!("fixtures/plan-v4.json")).expect("v4 plan decodes");
    assert_eq!(plan.updated.timestamp_millis(), 0, "a v4 plan is older than any v5 change");
    assert!(plan.value.quality_from.is_some() && !plan.value.paused.is_empty());
    assert_eq!(check_rules(&plan.value), Ok(()));
    let goal = decode_stamped_goal(include_str!("fixtures/goal-v4.json")).expect("v4 goal decodes");
    assert_eq!(goal.value.map(|g| g.target_s), Some(Some(6300)));
    assert_eq!(goal.updated.timestamp_millis(), 0);
}

#[test]
fn version_4_backup_loads() {
    let backup =
        restride_store::parse_backup(include_str!("fixtures/backup-v4.json")).expect("v4 backup parses");
    assert_eq!(backup.settings.as_ref().map(|s| s.unit), Some(restride_core::DistanceUnit::Mi));
    assert_eq!(backup.runs.len(), 3);
    assert_eq!(backup.runs[2].source, restride_core::Source::Imported("Evening_Run.fit".into()));
    assert_eq!(backup.wellness.len(), 2);
    assert_eq!(backup.setbacks.len(), 2);
    // Version 4 carried no plans, goal, deletions or unreadable data.
    assert!(
        backup.plans.is_empty()
            && backup.goal.is_none()
            && backup.deleted.is_empty()
            && backup.kept.is_empty()
    );
}
