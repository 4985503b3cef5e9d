//! Garmin's summarizedActivities.json, whatever its bytes: `parse_garmin_summaries`
//! never panics and the activities it accepts are sane; and inside a Garmin-like
//! export with a FIT file, through `import_files` (the merge by start time).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use restride_import::testgen::{self, TrackSpec, zip};
use restride_import::{Input, Limits, import_files, parse_garmin_summaries};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_track_points: 20_000, max_csv_rows: 5_000, ..Limits::default() };
    for activity in parse_garmin_summaries("summaries.json", &mut &data[..], &limits).into_iter().flatten() {
        common::check(&activity);
        assert!(activity.elapsed_s >= activity.moving_s);
    }
    let fit = testgen::fit(&TrackSpec { points: 30, ..TrackSpec::default() });
    if let Ok(export) = zip(&[
        ("DI_CONNECT/DI-Connect-Fitness/x_0_summarizedActivities.json", data),
        ("DI_CONNECT/DI-Connect-Uploaded-Files/1.fit", &fit),
    ]) {
        let outcome = import_files(vec![Input::from_bytes("garmin.zip", export)], &limits, &mut |_| {});
        outcome.activities.iter().for_each(common::check);
    }
});
