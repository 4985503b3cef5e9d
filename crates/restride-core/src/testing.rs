//! Test builders, for this crate's unit tests and (with the `test-support` feature)
//! its dependents' tests. Never compiled into the app.
#![allow(clippy::expect_used)] // a malformed literal in a test should fail loudly

use chrono::{DateTime, TimeZone, Utc};

use crate::id::RunId;
use crate::run::{Completion, Feel, Rpe, Run, RunType, Source};

/// A plain manual run: started at `start` (RFC 3339), `minutes` long, `km` far (0
/// for none), effort 4, feel 3, no optional details. Distinct `n` give distinct ids.
pub fn sample_run(n: u8, start: &str, kind: RunType, minutes: f64, km: f64) -> Run {
    let created = Utc.timestamp_millis_opt(1_700_000_000_000).single().expect("a valid time"); // allow-unwrap: test-only module
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // test durations
    let moving_s = (minutes * 60.0).round() as u32;
    Run {
        id: RunId::v7(1_700_000_000_000, [n; 10]),
        start: DateTime::parse_from_rfc3339(start).expect("an RFC 3339 start"), // allow-unwrap: test-only module
        kind,
        title: String::new(),
        moving_s,
        elapsed_s: None,
        distance_m: (km > 0.0).then_some(km * 1000.0),
        rpe: Rpe::new(4),
        feel: Feel::new(3),
        completion: Completion::AsPlanned,
        route: String::new(),
        route_fingerprint: None,
        company: None,
        notes: String::new(),
        source: Source::Manual,
        heart_rate: None,
        elevation_gain_m: None,
        created,
        updated: created,
    }
}
