//! Archives, whatever their bytes: `import_files` never panics, and every entry it
//! finishes is counted. The input is read as a zip as it is, and also split into
//! pieces that are packed into a Strava-like zip (activities.csv, a .gpx, a gzipped
//! .fit, a nested zip), so the fuzzed content reaches the CSV merge and the nesting.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use restride_import::testgen::{fit_file, gzip, zip};
use restride_import::{Input, Limits, import_files};

fn import(bytes: Vec<u8>) {
    let limits = Limits {
        max_entry_bytes: 8 << 20,
        max_total_bytes: 32 << 20,
        max_track_points: 20_000,
        max_csv_rows: 2_000,
        max_zip_entries: 2_000,
        ..Limits::default()
    };
    let mut last = None;
    let size = bytes.len() as u64;
    let outcome = import_files(vec![Input::from_bytes("fuzz.zip", bytes)], &limits, &mut |p| last = Some(p.clone()));
    let last = last.expect("progress is reported for every input");
    assert_eq!(last.done, last.total, "{last:?}");
    assert_eq!((last.bytes_read, last.bytes_total), (size, size), "{last:?}");
    outcome.activities.iter().for_each(common::check);
}

fuzz_target!(|data: &[u8]| {
    import(data.to_vec());

    let mut pieces = data.split(|&b| b == 0xFE);
    let csv = pieces.next().unwrap_or_default();
    let gpx = pieces.next().unwrap_or_default();
    let fit = fit_file(pieces.next().unwrap_or_default());
    let nested = pieces.next().unwrap_or_default();
    let (Ok(fit_gz), Ok(inner)) = (gzip(&fit), zip(&[("activities/3.gpx", nested), ("4.fit", &fit)])) else {
        return;
    };
    if let Ok(outer) = zip(&[
        ("activities.csv", csv),
        ("activities/1.gpx", gpx),
        ("activities/2.fit.gz", &fit_gz),
        ("DI_CONNECT/part.zip", &inner),
    ]) {
        import(outer);
    }
});
