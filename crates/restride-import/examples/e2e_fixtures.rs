//! Writes the files the Playwright import specs drop into the app (e2e/import*.spec.mjs):
//! a Strava bulk export, a folder of mixed GPX/TCX/FIT files with one corrupt file,
//! an Apple Health export.zip, a Garmin export with its summaries, and a large Apple
//! Health export to cancel, all dated relative to `now` so the runs land in the
//! radar's recent weeks.
//!
//! `cargo run -p restride-import --features test-support --example e2e_fixtures -- <dir> <unix-seconds>`
#![allow(clippy::print_stdout)] // a command-line test tool

use std::error::Error;
use std::fs;
use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use restride_import::testgen::{
    CsvRow, DateStyle, GarminSummary, HealthWorkout, TrackSpec, fit, garmin_export_with_summaries,
    garmin_summaries, gpx, gzip, strava_csv, strava_export, tcx, write_apple_health_export,
};

fn main() -> Result<(), Box<dyn Error>> {
    let usage = "usage: e2e_fixtures <dir> <now, in Unix seconds>";
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or(usage)?;
    let now: i64 = args.next().ok_or(usage)?.parse()?;
    let now = DateTime::<Utc>::from_timestamp(now, 0).ok_or("now is out of range")?;
    let dir = Path::new(&dir);
    // 18:00 UTC today; days before it are whole days back (UTC has no DST).
    let six_pm = now.date_naive().and_hms_opt(18, 0, 0).ok_or("18:00 exists every day")?.and_utc();
    fs::create_dir_all(dir.join("mixed"))?;

    // The article's rut: 20 minutes, twice a week, same loop, same pace, at 18:00, for
    // ten weeks. Every other run is a FIT (gzipped, as Strava stores it), the rest GPX.
    let mut rows = Vec::new();
    let mut files = Vec::new();
    for week in 0..10i64 {
        for (n, days_back) in [(0, 2i64), (1, 5)] {
            let id = 9_000_000 + u64::try_from(week * 2 + n)?;
            let start = six_pm - Duration::days(week * 7 + days_back);
            let spec = TrackSpec {
                start,
                points: 1200,
                pace_s_per_km: 333.0,
                loop_m: 3_600.0,
                // Watches filter their positions; raw jitter would inflate a GPX's
                // distance (the parser does not smooth tracks).
                noise_m: 1.0,
                seed: id,
                name: Some("Evening Run".into()),
                ..TrackSpec::default()
            };
            let (path, bytes) = if n == 0 {
                (format!("activities/{id}.fit.gz"), gzip(&fit(&spec))?)
            } else {
                (format!("activities/{id}.gpx"), gpx(&spec).into_bytes())
            };
            let mut row = CsvRow::for_spec(id, &spec, Some(&path));
            row.rpe = Some(4);
            rows.push(row);
            files.push((path, bytes));
        }
    }
    // A ride, to be kept as cross-training or skipped.
    let ride = TrackSpec {
        start: six_pm - Duration::days(3) - Duration::hours(9),
        points: 900,
        pace_s_per_km: 120.0,
        sport: "cycling".into(),
        name: Some("Morning Ride".into()),
        ..TrackSpec::default()
    };
    let mut ride_row = CsvRow::for_spec(9_500_000, &ride, Some("activities/9500000.gpx"));
    ride_row.sport = "Ride".into();
    rows.push(ride_row);
    files.push(("activities/9500000.gpx".into(), gpx(&ride).into_bytes()));
    let csv = strava_csv(&rows, DateStyle::Us);
    fs::write(dir.join("strava-export.zip"), strava_export(&csv, &files)?)?;

    // A folder of mixed files from a watch, one of them corrupt.
    let morning = |days: i64, seed: u64| TrackSpec {
        start: six_pm - Duration::days(days) - Duration::hours(11),
        offset: FixedOffset::east_opt(3600),
        points: 2400,
        pace_s_per_km: 300.0,
        seed,
        centre: (47.40, 8.60),
        name: Some("Morning Run".into()),
        ..TrackSpec::default()
    };
    fs::write(dir.join("mixed/long-sunday.gpx"), gpx(&TrackSpec { points: 5400, ..morning(6, 1) }))?;
    fs::write(dir.join("mixed/lunch.tcx"), tcx(&morning(4, 2)))?;
    fs::write(
        dir.join("mixed/tempo.fit"),
        fit(&TrackSpec { name: Some("Tempo".into()), rpe_x10: Some(70), feel: Some(75), ..morning(1, 3) }),
    )?;
    let broken = fit(&morning(9, 4));
    fs::write(dir.join("mixed/broken.fit"), &broken[..broken.len() / 2])?;

    // Apple Health: the same rut from an Apple Watch, ten weeks of 20-minute runs at
    // 18:00 local (UTC+1), each with its route, rated 4 (iOS 18), and a strength
    // session without one; heart-rate records as filler, as a real export is mostly.
    let offset = FixedOffset::east_opt(3600);
    let mut workouts = Vec::new();
    for week in 0..10i64 {
        for (n, days_back) in [(0, 1i64), (1, 4)] {
            let spec = TrackSpec {
                start: six_pm - Duration::hours(1) - Duration::days(week * 7 + days_back),
                offset,
                points: 1200,
                pace_s_per_km: 333.0,
                loop_m: 3_600.0,
                noise_m: 1.0,
                seed: u64::try_from(week * 2 + n)?,
                centre: (51.50, -0.12),
                name: None,
                ..TrackSpec::default()
            };
            workouts.push(HealthWorkout {
                spec,
                activity_type: "Running".into(),
                route: true,
                effort: Some(4),
                indoor: false,
            });
        }
    }
    workouts.push(HealthWorkout {
        spec: TrackSpec {
            start: six_pm - Duration::days(2),
            points: 2400,
            elevation: None,
            ..TrackSpec::default()
        },
        activity_type: "TraditionalStrengthTraining".into(),
        route: false,
        effort: None,
        indoor: true,
    });
    fs::create_dir_all(dir.join("apple"))?;
    write_apple_health_export(fs::File::create(dir.join("apple/export.zip"))?, &workouts, 20_000, true)?;
    // The large one, to cancel: 600,000 records, about 250 MB of export.xml, stored
    // (no compression) so the fixture is quick to write.
    fs::create_dir_all(dir.join("apple-large"))?;
    write_apple_health_export(
        fs::File::create(dir.join("apple-large/export.zip"))?,
        &workouts,
        600_000,
        false,
    )?;

    // Garmin: sixteen FIT runs over eight weeks with their summaries (one renamed and
    // rated on Connect), and two treadmill runs entered by hand, which only the
    // summaries hold.
    let mut fits = Vec::new();
    let mut summaries = Vec::new();
    for i in 0..16i64 {
        let spec = TrackSpec {
            start: six_pm - Duration::hours(12) - Duration::days(i * 7 / 2 + 1),
            points: 1800,
            pace_s_per_km: 320.0,
            seed: 100 + u64::try_from(i)?,
            centre: (40.41, -3.70),
            name: None,
            ..TrackSpec::default()
        };
        fits.push(fit(&spec));
        let mut summary = GarminSummary::for_spec(20_000_000_000 + u64::try_from(i)?, &spec);
        summary.name = if i == 0 { "Parque del Retiro".into() } else { "Madrid Running".into() };
        summary.rpe = (i == 0).then_some(6);
        summaries.push(summary);
    }
    for i in 0..2i64 {
        let mut manual = GarminSummary::for_spec(
            20_000_000_100 + u64::try_from(i)?,
            &TrackSpec { start: six_pm - Duration::days(i * 3 + 2), ..TrackSpec::default() },
        );
        manual.name = "Treadmill".into();
        manual.type_key = "treadmill_running".into();
        manual.duration_s = 2400;
        manual.distance_m = Some(6_500.0);
        manual.hr = None;
        summaries.push(manual);
    }
    fs::write(
        dir.join("garmin-export.zip"),
        garmin_export_with_summaries(&fits, Some(&garmin_summaries(&summaries)))?,
    )?;
    println!("fixtures written to {}", dir.display());
    Ok(())
}
