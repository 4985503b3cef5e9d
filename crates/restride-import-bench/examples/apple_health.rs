//! Writes the Apple Health benchmark's export.zip: four years of workouts (runs
//! five days a week, a third of them with a GPS route, and strength sessions) in an
//! export.xml padded with heart-rate `<Record>`s, as a real export is mostly, to at
//! least `min_mb` megabytes. Written as it goes, deflated as the iPhone writes it.
//!
//!   cargo run --release -p restride-import-bench --example apple_health -- <out.zip> [min_mb]
//!
//! Prints one line of JSON: the zip's and export.xml's sizes and the workout count.
#![allow(clippy::print_stdout)] // a command-line tool

use std::error::Error;
use std::fs::File;
use std::io::{self, BufWriter, Write};

use chrono::{DateTime, FixedOffset, TimeDelta};
use restride_import::testgen::{HealthWorkout, TrackSpec, write_apple_health_export, write_health_xml};

/// Bytes `write_health_xml` writes per filler record, measured on a sample.
fn bytes_per_record(workouts: &[HealthWorkout]) -> io::Result<(u64, u64)> {
    let mut small = Counter(0);
    write_health_xml(&mut small, workouts, 0)?;
    let mut sample = Counter(0);
    write_health_xml(&mut sample, workouts, 1000)?;
    Ok((small.0, (sample.0 - small.0) / 1000))
}

struct Counter(u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let out = args.next().ok_or("usage: apple_health <out.zip> [min_mb]")?;
    let min_mb: u64 = args.next().map_or(Ok(520), |a| a.parse())?;
    let first = DateTime::from_timestamp(1_600_000_000, 0).ok_or("a date")?;
    let offset = FixedOffset::east_opt(3600);
    let mut workouts = Vec::new();
    for day in 0..(4 * 365) {
        let weekday = day % 7;
        let start = first + TimeDelta::days(day) + TimeDelta::hours(17);
        if weekday == 2 || weekday == 5 {
            workouts.push(HealthWorkout {
                spec: TrackSpec { start, offset, points: 10, elevation: None, ..TrackSpec::default() },
                activity_type: "TraditionalStrengthTraining".into(),
                route: false,
                effort: None,
                indoor: true,
            });
            continue;
        }
        let route = day % 3 == 0;
        workouts.push(HealthWorkout {
            spec: TrackSpec {
                start,
                offset,
                points: 1800,
                // Routes are sampled every 5 s, as the Watch's route files are.
                interval_s: if route { 5 } else { 1 },
                pace_s_per_km: 300.0 + f64::from(u32::try_from(day % 60).unwrap_or(0)),
                seed: u64::try_from(day).unwrap_or(0),
                noise_m: 1.5,
                ..TrackSpec::default()
            },
            activity_type: "Running".into(),
            route,
            effort: (day % 4 == 0).then_some(5),
            indoor: false,
        });
    }
    let (fixed, per_record) = bytes_per_record(&workouts)?;
    let target = min_mb * 1_000_000;
    let records = usize::try_from(target.saturating_sub(fixed).div_ceil(per_record.max(1)))?;
    let file = BufWriter::with_capacity(1 << 20, File::create(&out)?);
    write_apple_health_export(file, &workouts, records, true)?;
    let zip_bytes = std::fs::metadata(&out)?.len();
    let xml_bytes = fixed + per_record * records as u64;
    println!(
        "{{\"zipBytes\":{zip_bytes},\"xmlBytes\":{xml_bytes},\"workouts\":{},\"records\":{records}}}",
        workouts.len()
    );
    Ok(())
}
