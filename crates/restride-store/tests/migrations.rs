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
