//! A TCX file, whatever its bytes: `parse_tcx` never panics and what it accepts is sane.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use restride_import::{Limits, parse_tcx};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_track_points: 20_000, ..Limits::default() };
    for activity in parse_tcx("fuzz.tcx", data, &limits).into_iter().flatten() {
        common::check(&activity);
    }
});
