//! Writes the browser benchmark's input files, the same bytes for Restride and for the
//! JS libraries, with restride-import's generators (`testgen`):
//!
//!   cargo run --release -p restride-import-bench --example fixtures -- bench/import/out/fixtures
//!
//! - `track-10k` and `track-100k` as GPX (Garmin TrackPointExtension hr/cad), TCX
//!   (HeartRateBpm, RunCadence) and FIT (records with compressed timestamps): 10,000 and
//!   100,000 one-second points with elevation, heart rate, cadence, 2 m of GPS noise and
//!   three pauses;
//! - `activities.csv`: Strava's export CSV with 5,000 rows;
//! - `strava-export.zip`: an export of 100 one-hour runs as `activities/<id>.fit.gz`,
//!   their activities.csv, and the files that are not activities.
//!
//! and `manifest.json`, which the bench page reads: one entry per file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeDelta};
use restride_import::testgen::{self, CsvRow, DateStyle, TrackSpec};

/// 2024-03-12 18:00 UTC.
const START: i64 = 1_710_266_400;

fn track(points: usize) -> TrackSpec {
    TrackSpec {
        points,
        noise_m: 2.0,
        seed: 7,
        pauses: [1, 2, 3].iter().map(|q| (points * q / 4, 90)).collect(),
        name: Some(format!("Long run, {points} points")),
        ..TrackSpec::default()
    }
}

/// The `index`th of a series of daily runs: 30–90 minutes at 4:30–6:00/km.
fn daily_run(index: usize, points: usize) -> TrackSpec {
    let day = i64::try_from(index).unwrap_or_default();
    let step = f64::from(u32::try_from(index % 7).unwrap_or_default());
    TrackSpec {
        start: DateTime::from_timestamp(START, 0).unwrap_or_default() - TimeDelta::days(day),
        points,
        pace_s_per_km: 270.0 + 15.0 * step,
        noise_m: 2.0,
        seed: u64::try_from(index).unwrap_or_default(),
        name: Some(format!("Run #{index}")),
        ..TrackSpec::default()
    }
}

struct Writer {
    dir: PathBuf,
    manifest: Vec<String>,
}

impl Writer {
    fn write(&mut self, file: &str, format: &str, label: &str, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::write(self.dir.join(file), bytes)?;
        self.manifest.push(format!(
            r#"  {{ "file": "{file}", "format": "{format}", "label": "{label}", "bytes": {} }}"#,
            bytes.len()
        ));
        eprintln!("  {file:<22}{:>12} bytes", bytes.len());
        Ok(())
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir =
        std::env::args().nth(1).map_or_else(|| PathBuf::from("bench/import/out/fixtures"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    eprintln!("writing fixtures into {}", dir.display());
    let mut out = Writer { dir, manifest: Vec::new() };

    for (points, size) in [(10_000, "10k"), (100_000, "100k")] {
        let spec = track(points);
        let label = format!("{size} points");
        out.write(&format!("track-{size}.gpx"), "gpx", &label, testgen::gpx(&spec).as_bytes())?;
        out.write(&format!("track-{size}.tcx"), "tcx", &label, testgen::tcx(&spec).as_bytes())?;
        out.write(&format!("track-{size}.fit"), "fit", &label, &testgen::fit(&spec))?;
    }

    let rows: Vec<CsvRow> = (0..5_000)
        .map(|i| {
            let spec = daily_run(i, 1_800 + (i % 5) * 900);
            let id = 10_000_000_000 + u64::try_from(i).unwrap_or_default();
            CsvRow::for_spec(id, &spec, Some(&format!("activities/{id}.fit.gz")))
        })
        .collect();
    let csv = testgen::strava_csv(&rows, DateStyle::Us);
    out.write("activities.csv", "csv", "5,000 rows", csv.as_bytes())?;

    let mut rows = Vec::new();
    let mut files = Vec::new();
    for i in 0..100 {
        let spec = daily_run(i, 3_600);
        let id = 20_000_000_000 + u64::try_from(i).unwrap_or_default();
        let path = format!("activities/{id}.fit.gz");
        rows.push(CsvRow::for_spec(id, &spec, Some(&path)));
        files.push((path, testgen::gzip(&testgen::fit(&spec))?));
    }
    let zip = testgen::strava_export(&testgen::strava_csv(&rows, DateStyle::Us), &files)?;
    out.write("strava-export.zip", "zip", "100 FIT.gz + CSV", &zip)?;

    let mut manifest = String::from("[\n");
    let _ = write!(manifest, "{}\n]\n", out.manifest.join(",\n"));
    std::fs::write(Path::new(&out.dir).join("manifest.json"), manifest)?;
    Ok(())
}
