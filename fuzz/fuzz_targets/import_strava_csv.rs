//! A Strava activities.csv, whatever its bytes: rows parse or fail alone, never panic.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use restride_import::{Limits, parse_strava_csv, parse_strava_date};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_csv_rows: 2_000, ..Limits::default() };
    for row in parse_strava_csv("activities.csv", data, &limits).into_iter().flatten().flatten() {
        common::check(&row.activity);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_strava_date(text);
    }
});
