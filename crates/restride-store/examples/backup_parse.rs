//! Reading a 50 MB backup (the largest the app accepts): time and peak memory of
//! `parse_backup` (the process's peak resident size above what it held before,
//! Linux only), printed. A figure, not a test:
//!
//!     cargo run --release -p restride-store --example backup_parse
//!
//! The file is a version-4 backup (any version this or an older app reads) of
//! 123,000 runs with notes, routes and heart rates, written here as text.
#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::cast_precision_loss,
    reason = "a measuring script, not app code"
)]

use std::time::Instant;

/// A line of `/proc/self/status` in kB (Linux: `VmRSS` now, `VmHWM` its peak).
fn status_kb(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

const RUNS: usize = 123_000;

/// The file, written straight into one string (no pieces freed afterwards, so
/// what is resident before parsing is the file).
fn backup() -> String {
    use std::fmt::Write;
    let mut file = String::with_capacity(RUNS * 420);
    file.push_str(r#"{"format":"restride-backup","schema":4,"exported_at":"2026-11-26T08:00:00Z","settings":{"schema":4,"units":"km"},"runs":["#);
    for i in 0..RUNS {
        let day = i % 28 + 1;
        let month = i / 28 % 12 + 1;
        let year = 2000 + i / (28 * 12);
        if i > 0 {
            file.push_str(",\n");
        }
        write!(
            file,
            r#"{{"id":"01901234-5678-7{:03x}-8{:03x}-{:012x}","start":"{year}-{month:02}-{day:02}T07:30:00+01:00","kind":"easy","moving_s":2700,"elapsed_s":2760,"distance_m":8123.4,"rpe":4,"feel":4,"route":"River loop and back by the park","company":"Sam","notes":"Easy, legs a bit heavy at first, then fine. Windy on the way back.","hr_avg":148,"hr_max":171,"elevation_gain_m":42.5,"created_ms":1700000000000,"updated_ms":1700000000000}}"#,
            i % 4096,
            i / 4096 % 4096,
            i
        )
        .unwrap();
    }
    file.push_str(r#"],"wellness":[]}"#);
    file
}

fn main() {
    let file = backup();
    // Resets the peak to what is resident now (Linux 4.0 and later).
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let before = status_kb("VmRSS:");
    let start = Instant::now();
    let parsed = restride_store::parse_backup(&file).unwrap();
    let took = start.elapsed();
    let peak = status_kb("VmHWM:") - before;
    println!(
        "parse_backup: {} runs, a {:.1} MB file: {:.0} ms, peak memory {:.1} MB above the file's",
        parsed.runs.len(),
        file.len() as f64 / 1e6,
        took.as_secs_f64() * 1000.0,
        peak as f64 / 1000.0
    );
}
