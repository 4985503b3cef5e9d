//! Reads the activity files runners bring — GPX, TCX, FIT, Strava's, Garmin's and
//! Apple Health's exports — into [`Activity`] summaries. Pure: no I/O of its own,
//! no clock, no web dependency; streams in ([`Input`]: any `Read + Seek`), summaries
//! out. Raw tracks never leave the crate.
//!
//! - [`import_files`] takes whatever was dropped in (files, zips, `.gz`), reads them
//!   one at a time as streams, recognises each by content, merges the summaries an
//!   export keeps with their recordings, and returns an [`ImportOutcome`]:
//!   activities, failures, and files skipped with what they are.
//! - The per-format readers ([`parse_gpx`], [`parse_tcx`], [`parse_fit`],
//!   [`parse_strava_csv`], [`parse_apple_health`], [`parse_garmin_summaries`]) are
//!   public for tests, fuzzing and tools.
//! - With `serde`: [`protocol`] is the import worker's typed messages.
//! - [`dedup`] sets aside activities that are already stored or imported twice.
//! - With `serde`: [`summarize`] is what the import worker runs, and [`to_runs`]
//!   makes Restride runs of the result (types from names and shape, route names).
//! - [`RouteFingerprint`], [`same_route`] and [`group_routes`] recognise a route run
//!   again.
//!
//! Every reader returns [`ImportError`] instead of panicking, whatever the bytes, and
//! stays within [`Limits`].
//!
//! # From a track to a summary
//!
//! A file's own totals win (FIT session, TCX laps); what it lacks is computed from its
//! points, the same way for every format:
//! - **Moving time**: the sum of intervals between consecutive timed points of one
//!   segment that last at most 30 s and go at least 0.5 m/s (an interval without a
//!   known distance counts if it is short enough). Longer gaps are pauses; a GPX
//!   `<trkseg>`, a TCX lap or a FIT timer stop/start starts a new segment.
//! - **Distance**: the device's cumulative distance where points carry one, otherwise
//!   the great-circle length of each segment.
//! - **Elevation gain**: rises of the altitude through a 3 m dead band (it only moves
//!   once the raw altitude is more than 3 m away), so GPS wobble is not climbing.
//! - **Pace variability**: the coefficient of variation of the speeds of consecutive
//!   60 s slices of moving time, from three slices on.
//! - **Route**: see [`RouteFingerprint`]; duplicates: see [`dedup`].
//!
//! Features: `gpx`, `tcx`, `fit`, `strava` (CSV + zip), `garmin` (nested zips + FIT +
//! summaries JSON), `apple` (export.xml + GPX routes), all on by default; `archive`
//! (zip + gzip) comes with `strava`/`garmin`/`apple`;
//! `test-support` adds the [`testgen`] file generators; `serde` derives serialisation.

// A build with only some formats (for the size report) leaves some shared helpers
// unused; the default build, with all of them, must have no dead code.
#![cfg_attr(
    not(all(
        feature = "gpx",
        feature = "tcx",
        feature = "fit",
        feature = "strava",
        feature = "garmin",
        feature = "apple"
    )),
    allow(dead_code, unused_variables, unused_imports)
)]

mod activity;
mod dedup;
mod error;
mod import;
mod input;
mod limits;
mod merge;
mod route;
mod time;
mod track;

#[cfg(feature = "apple")]
mod apple;
#[cfg(feature = "garmin")]
mod garmin;

#[cfg(feature = "archive")]
mod archive;
#[cfg(any(feature = "fit", feature = "test-support", test))]
mod crc;
#[cfg(feature = "strava")]
mod csv_records;
#[cfg(feature = "fit")]
mod fit;
#[cfg(feature = "gpx")]
mod gpx;
#[cfg(feature = "strava")]
mod strava;
#[cfg(feature = "tcx")]
mod tcx;
#[cfg(any(feature = "gpx", feature = "tcx"))]
mod xml;

#[cfg(any(test, feature = "test-support"))]
pub mod testgen;
// Activities into Restride runs, and the messages between the page and the worker.
#[cfg(feature = "serde")]
pub mod protocol;
#[cfg(feature = "serde")]
mod runs;

pub use activity::{Activity, Conditions, HeartRateAvgMax, Sport};
#[cfg(feature = "apple")]
pub use apple::{AppleWorkout, parse_apple_health};
pub use dedup::{Duplicate, DuplicateOf, ExistingRun, MatchReason, dedup};
pub use error::{ImportError, NotRecorded};
#[cfg(feature = "fit")]
pub use fit::parse_fit;
#[cfg(feature = "garmin")]
pub use garmin::parse_garmin_summaries;
#[cfg(feature = "gpx")]
pub use gpx::parse_gpx;
pub use import::{FileFailure, ImportOutcome, Progress, SkipReason, Skipped, import_files};
pub use input::{Input, ReadSeek};
pub use limits::Limits;
pub use route::{RouteFingerprint, RouteParseError, group_routes, same_route};
#[cfg(feature = "serde")]
pub use runs::{Converted, ImportSummary, RunOptions, summarize, to_runs};
#[cfg(feature = "strava")]
pub use strava::{StravaRow, parse_strava_csv, parse_strava_date};
#[cfg(feature = "tcx")]
pub use tcx::parse_tcx;
