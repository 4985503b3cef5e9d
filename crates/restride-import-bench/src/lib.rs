//! restride-import's parsers as JavaScript functions, for the browser benchmark in
//! `bench/import` (against the JS libraries a web app would otherwise use) and for the
//! wasm size each format adds (`scripts/bench-import`). Not part of the app.
//!
//! Every function takes the file's bytes as they come off disk (a `Uint8Array`, copied
//! into wasm memory by the glue), runs the whole parse with [`Limits::default`], and
//! returns a small summary of what it read (see `summary`), so nothing can be skipped.
//! Failures come back as a thrown `Error` with restride-import's message.
//!
//! Features mirror restride-import's formats (`gpx`, `tcx`, `fit`, `strava`, `apple`,
//! `garmin`, `archive`); each enables its parser here. With none, only
//! [`import_files`] is left, which then recognises files and skips them: that build is
//! the size report's baseline.

use restride_import::{Activity, Limits};
use wasm_bindgen::prelude::*;

/// What every function returns (a `Float64Array`): activities found, their total
/// distance (m) and moving time (s), the moving-time-weighted mean of their average
/// heart rates (NaN without any), and the number of failures.
fn summary<'a>(activities: impl IntoIterator<Item = &'a Activity>, failed: usize) -> Vec<f64> {
    let (mut count, mut distance, mut moving) = (0usize, 0.0, 0.0);
    let (mut hr_sum, mut hr_weight) = (0.0, 0.0);
    for activity in activities {
        count += 1;
        distance += activity.distance_m.unwrap_or(0.0);
        let seconds = f64::from(activity.moving_s);
        moving += seconds;
        if let Some(hr) = activity.heart_rate {
            hr_sum += f64::from(hr.avg) * seconds;
            hr_weight += seconds;
        }
    }
    let hr_avg = if hr_weight > 0.0 { hr_sum / hr_weight } else { f64::NAN };
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    let counts = (count as f64, failed as f64);
    vec![counts.0, distance, moving, hr_avg, counts.1]
}

#[cfg(any(feature = "gpx", feature = "tcx", feature = "fit", feature = "strava"))]
fn js_error(err: &restride_import::ImportError) -> JsError {
    JsError::new(&err.to_string())
}

/// Imports one file as the app's worker does: recognised by content, zips and gzip
/// opened (when the build has `archive`), Strava CSV rows merged with their files.
/// Failures inside count in `failed`; files passed over (not activities, or formats
/// this build leaves out) are neither.
#[wasm_bindgen]
pub fn import_files(name: &str, bytes: Vec<u8>) -> Vec<f64> {
    let outcome = restride_import::import_files(
        vec![restride_import::Input::from_bytes(name, bytes)],
        &Limits::default(),
        &mut |_| {},
    );
    summary(&outcome.activities, outcome.failures.len())
}

/// Reads a GPX file.
#[cfg(feature = "gpx")]
#[wasm_bindgen]
pub fn parse_gpx(bytes: &[u8]) -> Result<Vec<f64>, JsError> {
    let activities = restride_import::parse_gpx("bench.gpx", bytes, &Limits::default());
    activities.map(|a| summary(&a, 0)).map_err(|e| js_error(&e))
}

/// Reads a TCX file.
#[cfg(feature = "tcx")]
#[wasm_bindgen]
pub fn parse_tcx(bytes: &[u8]) -> Result<Vec<f64>, JsError> {
    let activities = restride_import::parse_tcx("bench.tcx", bytes, &Limits::default());
    activities.map(|a| summary(&a, 0)).map_err(|e| js_error(&e))
}

/// Reads a FIT file.
#[cfg(feature = "fit")]
#[wasm_bindgen]
pub fn parse_fit(bytes: &[u8]) -> Result<Vec<f64>, JsError> {
    let activities = restride_import::parse_fit("bench.fit", bytes, &Limits::default());
    activities.map(|a| summary(&a, 0)).map_err(|e| js_error(&e))
}

/// Reads Strava's activities.csv: one activity per row; rows that could not be read
/// count in `failed`.
#[cfg(feature = "strava")]
#[wasm_bindgen]
pub fn parse_strava_csv(bytes: &[u8]) -> Result<Vec<f64>, JsError> {
    let rows = restride_import::parse_strava_csv("activities.csv", bytes, &Limits::default())
        .map_err(|e| js_error(&e))?;
    let failed = rows.iter().filter(|row| row.is_err()).count();
    Ok(summary(rows.iter().filter_map(|row| row.as_ref().ok()).map(|row| &row.activity), failed))
}
