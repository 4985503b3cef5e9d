//! A FIT file, whatever its bytes: `parse_fit` never panics and what it accepts is
//! sane. The data is also wrapped in a valid header and CRC, so mutations reach the
//! message decoding and the summary instead of stopping at a checksum.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use restride_import::testgen::fit_file;
use restride_import::{Limits, parse_fit};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_track_points: 20_000, ..Limits::default() };
    for activity in parse_fit("fuzz.fit", data, &limits).into_iter().flatten() {
        common::check(&activity);
    }
    // A generated file starts with its 14-byte header; fuzz what follows it.
    let records = data.get(14..).unwrap_or(data);
    let records = records.get(..records.len().saturating_sub(2)).unwrap_or_default();
    for activity in parse_fit("fuzz.fit", &fit_file(records), &limits).into_iter().flatten() {
        common::check(&activity);
    }
});
