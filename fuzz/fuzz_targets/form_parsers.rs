//! Whatever a runner types: the form parsers never panic, and what they accept is
//! in range.
#![no_main]

use libfuzzer_sys::fuzz_target;
use restride_core::DistanceUnit;
use restride_core::units::{MAX_DISTANCE_M, MAX_DURATION_S, format_duration, parse_distance, parse_duration};
use restride_core::wellness::parse_sleep_hours;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(seconds) = parse_duration(text) {
        assert!((1..=MAX_DURATION_S).contains(&seconds));
        assert_eq!(parse_duration(&format_duration(seconds)), Ok(seconds));
    }
    for unit in [DistanceUnit::Km, DistanceUnit::Mi] {
        if let Ok(metres) = parse_distance(text, unit) {
            assert!(metres.is_finite() && metres > 0.0 && metres <= MAX_DISTANCE_M, "{metres}");
        }
    }
    if let Ok(Some(hours)) = parse_sleep_hours(text) {
        assert!((0.0..=24.0).contains(&hours), "{hours}");
    }
});
