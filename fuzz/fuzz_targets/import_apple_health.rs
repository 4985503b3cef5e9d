//! Apple Health's export.xml, whatever its bytes: `parse_apple_health` never panics
//! and the workouts it accepts are sane; and as part of an export.zip with a route,
//! through `import_files` (the merge of workouts with their routes).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use restride_import::testgen::zip;
use restride_import::{Input, Limits, import_files, parse_apple_health};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_track_points: 20_000, max_csv_rows: 5_000, ..Limits::default() };
    for workout in parse_apple_health("export.xml", &mut &data[..], &limits).into_iter().flatten() {
        common::check(&workout.activity);
        assert!(workout.activity.elapsed_s >= workout.activity.moving_s);
    }
    // The input split at the first 0xFE: export.xml, then a route file.
    let mut pieces = data.splitn(2, |&b| b == 0xFE);
    let xml = pieces.next().unwrap_or_default();
    let route = pieces.next().unwrap_or_default();
    if let Ok(export) = zip(&[
        ("apple_health_export/export.xml", xml),
        ("apple_health_export/workout-routes/route_2024-09-15_7.40am.gpx", route),
    ]) {
        let outcome = import_files(vec![Input::from_bytes("export.zip", export)], &limits, &mut |_| {});
        outcome.activities.iter().for_each(common::check);
    }
});
