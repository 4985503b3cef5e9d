//! Every format Restride has ever written must still load. Each fixture is a value
//! exactly as that version stored it; add one whenever SCHEMA_VERSION is bumped.

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
    assert_eq!(backup.settings.unit, restride_core::DistanceUnit::Mi);
    assert_eq!(backup.runs.len(), 2);
    assert_eq!(backup.runs[1].notes, "gym: squats, lunges");
    assert!(backup.wellness.is_empty());
}

#[test]
fn version_2_backup_loads() {
    let backup =
        restride_store::parse_backup(include_str!("fixtures/backup-v2.json")).expect("v2 backup parses");
    assert_eq!(backup.settings.max_hr, Some(188));
    assert_eq!(backup.runs[0].heart_rate.map(|h| h.max), Some(171));
    assert_eq!(backup.runs[0].source, restride_core::Source::Imported("long-run.gpx".into()));
    assert_eq!(backup.wellness[0].sleep_hours, Some(7.25));
    assert_eq!(backup.wellness[0].tags.len(), 2);
}
