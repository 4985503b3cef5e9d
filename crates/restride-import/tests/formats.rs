//! Every format read back from the generators, with the pitfalls each is known for.

#![allow(clippy::unwrap_used, reason = "generators and helpers of a test: a failed unwrap is a failed test")]

use chrono::{FixedOffset, TimeDelta};
use restride_import::testgen::{self, CsvLanguage, CsvRow, DateStyle, TrackSpec};
use restride_import::{
    Activity, ExistingRun, ImportError, Limits, NotRecorded, SkipReason, Sport, dedup, group_routes,
    parse_fit, parse_gpx, parse_strava_csv, parse_tcx, same_route,
};

mod common;

use common::{close, import};

fn paused_spec() -> TrackSpec {
    TrackSpec {
        offset: FixedOffset::east_opt(2 * 3600),
        pauses: vec![(599, 120), (1199, 45)],
        ..TrackSpec::default()
    }
}

#[test]
fn gpx_with_pauses_offset_and_extensions() {
    let spec = paused_spec();
    let a = &parse_gpx("run.gpx", testgen::gpx(&spec).as_bytes(), &Limits::default()).unwrap()[0];
    assert_eq!(a.sport, Sport::Run);
    assert_eq!(a.start_utc, spec.start);
    assert_eq!(a.utc_offset, spec.offset);
    assert_eq!(a.name.as_deref(), Some("Evening Run"));
    // Segments are pauses: 1,799 s of points, 165 s paused.
    assert_eq!(a.moving_s, spec.moving_s());
    assert_eq!(a.elapsed_s, spec.elapsed_s());
    assert!(close(a.distance_m.unwrap(), spec.distance_m(), 0.01), "{:?}", a.distance_m);
    let hr = a.heart_rate.unwrap();
    assert_eq!((hr.avg, hr.max), (150, 155));
    assert_eq!(a.cadence_avg, Some(170));
    // One 10 m hill per 5 km loop, 6 km run: ~ 20 m up to the band's 3 m.
    let gain = a.elevation_gain_m.unwrap();
    assert!((15.0..=25.0).contains(&gain), "{gain}");
    assert!(a.pace_variability.unwrap() < 0.02);
    assert!(a.route.is_some());
    assert_eq!(a.external_id, None);
}

#[test]
fn gpx_of_100k_points_is_quick_to_make_and_read() {
    let spec = TrackSpec { points: 100_000, ..TrackSpec::default() };
    let started = std::time::Instant::now();
    let text = testgen::gpx(&spec);
    let made = started.elapsed();
    let activities = parse_gpx("long.gpx", text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(activities[0].moving_s, 99_999);
    // Generous bounds for a debug build on a shared machine.
    assert!(made.as_secs() < 10, "generating took {made:?}");
    assert!(started.elapsed().as_secs() < 30, "took {:?}", started.elapsed());
}

#[test]
fn tcx_laps_between_pauses() {
    let spec = paused_spec();
    let activities = parse_tcx("run.tcx", testgen::tcx(&spec).as_bytes(), &Limits::default()).unwrap();
    let a = &activities[0];
    assert_eq!(a.sport, Sport::Run);
    assert_eq!(a.start_utc, spec.start);
    assert_eq!(a.utc_offset, spec.offset);
    assert_eq!(a.moving_s, spec.moving_s());
    assert_eq!(a.elapsed_s, spec.elapsed_s());
    assert!(close(a.distance_m.unwrap(), spec.distance_m(), 0.01));
    assert_eq!(a.cadence_avg, Some(170));
    assert!(a.route.is_some());
}

#[test]
fn fit_session_with_feel_rpe_offset_and_compressed_timestamps() {
    let spec = TrackSpec { rpe_x10: Some(70), feel: Some(75), ..paused_spec() };
    let a = &parse_fit("run.fit", &testgen::fit(&spec), &Limits::default()).unwrap()[0];
    assert_eq!(a.sport, Sport::Run);
    assert_eq!(a.start_utc, spec.start);
    assert_eq!(a.utc_offset, spec.offset);
    assert_eq!(a.moving_s, spec.moving_s());
    assert_eq!(a.elapsed_s, spec.elapsed_s());
    assert!(close(a.distance_m.unwrap(), spec.distance_m(), 0.001));
    assert_eq!(a.rpe, Some(7));
    assert_eq!(a.feel, Some(4));
    assert_eq!(a.cadence_avg, Some(170));
    assert_eq!(a.heart_rate.unwrap().max, 155);
    assert_eq!(a.external_id, Some(format!("fit:{}:{}", spec.serial, spec.start.timestamp() - 631_065_600)));
    assert!(a.route.is_some());
    assert!(a.pace_variability.is_some());
}

#[test]
fn fit_without_session_is_derived_from_records_and_timer_events() {
    let spec = TrackSpec { fit_session: false, ..paused_spec() };
    let a = &parse_fit("run.fit", &testgen::fit(&spec), &Limits::default()).unwrap()[0];
    // The timer's stop/start pairs split the records: the pauses are not moving time.
    assert_eq!(a.moving_s, spec.moving_s());
    assert_eq!(a.elapsed_s, spec.elapsed_s());
    assert!(close(a.distance_m.unwrap(), spec.distance_m(), 0.001));
    assert_eq!(a.rpe, None);
    assert_eq!(a.sport, Sport::Unknown);
    assert_eq!(a.heart_rate.unwrap().avg, 150);
}

#[test]
fn fit_damage_is_named() {
    let spec = TrackSpec { points: 100, ..TrackSpec::default() };
    let good = testgen::fit(&spec);
    let limits = Limits::default();

    let mut data = good.clone();
    data[200] ^= 0x55;
    assert!(matches!(parse_fit("x", &data, &limits), Err(ImportError::FitCrc { .. })));

    let mut header = good.clone();
    header[4] ^= 1;
    assert!(matches!(parse_fit("x", &header, &limits), Err(ImportError::FitHeaderCrc { .. })));
    assert!(ImportError::FitHeaderCrc { found: 1, computed: 2 }.to_string().contains("header is damaged"));

    assert_eq!(parse_fit("x", &good[..good.len() / 2], &limits), Err(ImportError::Truncated));
    assert_eq!(parse_fit("x", &good[..13], &limits), Err(ImportError::Truncated));

    let tiny = Limits { max_track_points: 50, ..Limits::default() };
    assert_eq!(parse_fit("x", &good, &tiny), Err(ImportError::TooManyPoints { limit: 50 }));
}

#[test]
fn non_running_sports_are_named() {
    for (fit_name, sport) in [
        ("cycling", Sport::Ride),
        ("walking", Sport::Walk),
        ("hiking", Sport::Hike),
        ("strength", Sport::Strength),
        ("swimming", Sport::Swim),
        ("trail", Sport::Run),
        ("tennis", Sport::Other("tennis".into())),
    ] {
        let spec = TrackSpec { points: 30, sport: fit_name.into(), ..TrackSpec::default() };
        let a = &parse_fit("x.fit", &testgen::fit(&spec), &Limits::default()).unwrap()[0];
        assert_eq!(a.sport, sport, "{fit_name}");
    }
    // Cycling cadence is not doubled.
    let ride = TrackSpec { points: 30, sport: "cycling".into(), ..TrackSpec::default() };
    let a = &parse_fit("x.fit", &testgen::fit(&ride), &Limits::default()).unwrap()[0];
    assert_eq!(a.cadence_avg, Some(85));
    let gpx = TrackSpec { points: 30, sport: "Ride".into(), ..TrackSpec::default() };
    assert_eq!(
        parse_gpx("x", testgen::gpx(&gpx).as_bytes(), &Limits::default()).unwrap()[0].sport,
        Sport::Ride
    );
}

#[test]
fn gpx_without_time_or_elevation() {
    let spec = TrackSpec { points: 60, elevation: None, hr: None, cadence: None, ..TrackSpec::default() };
    let a = &parse_gpx("x", testgen::gpx(&spec).as_bytes(), &Limits::default()).unwrap()[0];
    assert_eq!(a.elevation_gain_m, None);
    assert_eq!(a.heart_rate, None);
    assert_eq!(a.cadence_avg, None);
    let untimed: String = testgen::gpx(&spec).lines().map(|l| strip_time(l) + "\n").collect();
    assert_eq!(
        parse_gpx("x", untimed.as_bytes(), &Limits::default()),
        Err(ImportError::NotRecorded(NotRecorded::UntimedTrack))
    );
    let cut = testgen::gpx(&spec);
    assert_eq!(
        parse_gpx("x", &cut.as_bytes()[..cut.len() / 2], &Limits::default()),
        Err(ImportError::Truncated)
    );
}

fn strip_time(line: &str) -> String {
    match (line.find("<time>"), line.find("</time>")) {
        (Some(a), Some(b)) => format!("{}{}", &line[..a], &line[b + 7..]),
        _ => line.to_owned(),
    }
}

fn strava_export(style: DateStyle, language: CsvLanguage) -> (Vec<u8>, TrackSpec, TrackSpec) {
    let fit_spec = TrackSpec { points: 600, ..TrackSpec::default() };
    let gpx_spec = TrackSpec {
        points: 900,
        start: fit_spec.start + TimeDelta::days(1),
        name: None,
        ..TrackSpec::default()
    };
    let mut row1 = CsvRow::for_spec(1001, &fit_spec, Some("activities/1001.fit.gz"));
    row1.rpe = Some(8);
    row1.name = "Tempo, with friends".into();
    let row2 = CsvRow::for_spec(1002, &gpx_spec, Some("activities/1002.gpx"));
    let manual = CsvRow {
        id: 1003,
        start: fit_spec.start + TimeDelta::days(2),
        name: "Treadmill".into(),
        sport: "Run".into(),
        elapsed_s: 1800,
        moving_s: 1800,
        distance_m: 5000.0,
        elevation_gain_m: None,
        hr: None,
        rpe: Some(5),
        filename: None,
    };
    let ride = CsvRow { id: 1004, sport: "Ride".into(), filename: None, ..manual.clone() };
    let mut csv = testgen::strava_csv_in(&[row1, row2, manual, ride], style, language, 25);
    csv.push_str("1005,\"not a date\",Broken,Run,,100,\"1.00\",,,false,,,,,,100.0,100.0,1000.0\n");
    let zip = testgen::strava_export(
        &csv,
        &[
            ("activities/1001.fit.gz".into(), testgen::gzip(&testgen::fit(&fit_spec)).unwrap()),
            ("activities/1002.gpx".into(), testgen::gpx(&gpx_spec).into_bytes()),
        ],
    )
    .unwrap();
    (zip, fit_spec, gpx_spec)
}

#[test]
fn strava_export_merges_rows_with_their_files() {
    let mut cases = vec![
        (DateStyle::Us, CsvLanguage::English),
        (DateStyle::Uk, CsvLanguage::English),
        (DateStyle::Iso, CsvLanguage::English),
    ];
    cases.extend(CsvLanguage::ALL.iter().skip(1).map(|&l| (l.date_style(), l)));
    for (style, language) in cases {
        let (zip, fit_spec, gpx_spec) = strava_export(style, language);
        let (outcome, progress) = import(vec![("export.zip", zip)], &Limits::default());
        let activities = &outcome.activities;
        assert_eq!(activities.len(), 4, "{style:?}: {activities:#?}");

        let fit = &activities[0];
        assert_eq!(fit.source, "export.zip › activities/1001.fit.gz");
        assert_eq!(fit.start_utc, fit_spec.start);
        // No French name for "Perceived Exertion" is known.
        let rpe = if language == CsvLanguage::French { None } else { Some(8) };
        assert_eq!(fit.rpe, rpe, "{language:?}: the CSV fills what the FIT lacks");
        assert_eq!(fit.name.as_deref(), Some("Tempo, with friends"));
        assert!(fit.external_id.as_deref().unwrap().starts_with("fit:"), "the file's own id is kept");
        assert!(fit.route.is_some());

        let gpx = &activities[1];
        assert_eq!(gpx.external_id.as_deref(), Some("strava:1002"));
        assert_eq!(gpx.start_utc, gpx_spec.start);
        assert_eq!(gpx.moving_s, gpx_spec.moving_s());

        let manual = &activities[2];
        assert_eq!(manual.source, "export.zip › activities.csv");
        assert_eq!(manual.distance_m, Some(5000.0));
        assert_eq!(manual.route, None);
        assert_eq!(activities[3].sport, Sport::Ride);

        assert_eq!(outcome.failures.len(), 1, "{:#?}", outcome.failures);
        let failure = outcome.failures[0].to_string();
        assert!(failure.contains("row 6") && failure.contains("not a date"), "{failure}");
        let skipped: Vec<&str> = outcome.skipped.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(skipped, ["export.zip › profile.csv", "export.zip › media/photo.jpg"]);

        let last = progress.last().unwrap();
        assert_eq!((last.done, last.total), (6, 6));
        assert!(progress.windows(2).all(|w| w[0].done < w[1].done));
    }
}

#[test]
fn strava_folder_dropped_as_loose_files_merges_too() {
    let spec = TrackSpec { points: 300, name: None, ..TrackSpec::default() };
    let row = CsvRow { rpe: Some(6), ..CsvRow::for_spec(77, &spec, Some("activities/77.gpx.gz")) };
    let csv = testgen::strava_csv(&[row], DateStyle::Us);
    let (outcome, _) = import(
        vec![
            ("activities.csv", csv.into_bytes()),
            ("77.gpx.gz", testgen::gzip(testgen::gpx(&spec).as_bytes()).unwrap()),
        ],
        &Limits::default(),
    );
    assert_eq!(outcome.activities.len(), 1, "{:#?}", outcome.activities);
    let a = &outcome.activities[0];
    assert_eq!(a.rpe, Some(6));
    assert_eq!(a.external_id.as_deref(), Some("strava:77"));
    assert!(a.route.is_some());
}

#[test]
fn garmin_export_reads_fits_in_nested_zips() {
    let specs: Vec<TrackSpec> = (0..3)
        .map(|i| TrackSpec {
            points: 200,
            start: TrackSpec::default().start + TimeDelta::days(i),
            ..TrackSpec::default()
        })
        .collect();
    let fits: Vec<Vec<u8>> = specs.iter().map(testgen::fit).collect();
    let zip = testgen::garmin_export(&fits).unwrap();
    let (outcome, progress) = import(vec![("garmin.zip", zip)], &Limits::default());
    assert!(outcome.failures.is_empty(), "{:#?}", outcome.failures);
    assert_eq!(outcome.activities.len(), 3);
    assert_eq!(
        outcome.activities[0].source,
        "garmin.zip › DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip › user_1000.fit"
    );
    assert_eq!(outcome.skipped.len(), 1); // the JSON
    let last = progress.last().unwrap();
    assert_eq!((last.done, last.total), (6, 6));
}

#[test]
fn nesting_deeper_than_the_limit_is_refused() {
    let fit = testgen::fit(&TrackSpec { points: 50, ..TrackSpec::default() });
    let inner = testgen::zip(&[("a.fit", &fit)]).unwrap();
    let middle = testgen::zip(&[("inner.zip", &inner)]).unwrap();
    let outer = testgen::zip(&[("middle.zip", &middle)]).unwrap();
    let (outcome, _) = import(vec![("outer.zip", outer)], &Limits::default());
    assert!(outcome.activities.is_empty());
    assert_eq!(outcome.failures[0].name, "outer.zip › middle.zip › inner.zip");
    assert_eq!(outcome.failures[0].reason, ImportError::NestedTooDeep { limit: 2 });
    let (outcome, _) = import(vec![("middle.zip", middle)], &Limits::default());
    assert_eq!(outcome.activities.len(), 1);
}

#[test]
fn zip_bombs_and_oversized_archives_stop_early() {
    let bomb = testgen::zip_bomb(50 << 20).unwrap();
    assert!(bomb.len() < 200 << 10, "{}", bomb.len());
    let (outcome, _) = import(vec![("bomb.zip", bomb)], &Limits::default());
    assert_eq!(outcome.failures[0].reason, ImportError::CompressionRatio { limit: 200 });
    assert!(
        outcome.failures[0]
            .to_string()
            .starts_with("bomb.zip › activities/bomb.gpx: unpacks to more than 200")
    );

    let gpx = testgen::gpx(&TrackSpec { points: 20, ..TrackSpec::default() });
    let names: Vec<String> = (0..6).map(|i| format!("{i}.gpx")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), gpx.as_bytes())).collect();
    let many = testgen::zip(&entries).unwrap();
    let limits = Limits { max_zip_entries: 5, ..Limits::default() };
    let (outcome, _) = import(vec![("many.zip", many.clone())], &limits);
    assert_eq!(outcome.failures[0].to_string(), "many.zip: more than 5 entries — is this really an export?");

    let limits = Limits { max_entry_bytes: 1000, ..Limits::default() };
    let (outcome, _) = import(vec![("many.zip", many.clone())], &limits);
    assert_eq!(outcome.failures.len(), 6);
    assert!(outcome.failures.iter().all(|f| f.reason == ImportError::EntryTooLarge { limit: 1000 }));

    let total = u64::try_from(gpx.len() * 2 + 10).unwrap();
    let limits = Limits { max_total_bytes: total, ..Limits::default() };
    let (outcome, progress) = import(vec![("many.zip", many)], &limits);
    assert_eq!(outcome.activities.len(), 2);
    assert_eq!(outcome.failures.len(), 1);
    assert_eq!(outcome.failures[0].reason, ImportError::TotalTooLarge { limit: total });
    let last = progress.last().unwrap();
    assert_eq!(last.done, last.total);
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let spec = TrackSpec { points: 100, ..TrackSpec::default() };
    let mut bad_fit = testgen::fit(&spec);
    bad_fit[300] ^= 0xFF;
    let (outcome, _) = import(
        vec![
            ("good.gpx", testgen::gpx(&spec).into_bytes()),
            ("bad.fit", bad_fit),
            ("notes.txt", b"hello".to_vec()),
            ("good.tcx", testgen::tcx(&spec).into_bytes()),
        ],
        &Limits::default(),
    );
    assert_eq!(outcome.activities.len(), 2);
    assert_eq!(outcome.failures.len(), 1);
    assert_eq!(outcome.failures[0].name, "bad.fit");
    assert_eq!(outcome.skipped[0].why, SkipReason::NotAnActivity);
    // The same run as GPX and TCX is one run.
    let (kept, duplicates) = dedup(outcome.activities, &[]);
    assert_eq!((kept.len(), duplicates.len()), (1, 1));
}

#[test]
fn dedup_against_stored_runs_after_import() {
    let spec = TrackSpec::default();
    let (outcome, _) = import(vec![("a.fit", testgen::fit(&spec))], &Limits::default());
    let stored = ExistingRun {
        start_utc: spec.start + TimeDelta::minutes(7),
        moving_s: spec.moving_s() + 60,
        distance_m: None,
        approximate_start: true,
        external_id: None,
    };
    let (kept, duplicates) = dedup(outcome.activities.clone(), std::slice::from_ref(&stored));
    assert!(kept.is_empty());
    assert_eq!(duplicates.len(), 1);
    let precise = ExistingRun { approximate_start: false, ..stored };
    let (kept, _) = dedup(outcome.activities, &[precise]);
    assert_eq!(kept.len(), 1);
}

fn route_of(spec: &TrackSpec) -> restride_import::RouteFingerprint {
    let activities: Vec<Activity> =
        parse_gpx("r.gpx", testgen::gpx(spec).as_bytes(), &Limits::default()).unwrap();
    activities[0].route.clone().unwrap()
}

#[test]
fn the_same_route_is_recognised_through_noise_and_another_start() {
    let base = TrackSpec { points: 1500, ..TrackSpec::default() };
    let again = TrackSpec { phase: 1.7, noise_m: 10.0, seed: 42, points: 1450, ..TrackSpec::default() };
    let moved_start = TrackSpec {
        centre: (base.centre.0 + 0.0004, base.centre.1 - 0.0003),
        phase: 3.0,
        noise_m: 6.0,
        seed: 7,
        ..TrackSpec::default()
    };
    let longer = TrackSpec { loop_m: 12_000.0, points: 3600, ..TrackSpec::default() };
    let elsewhere = TrackSpec { centre: (47.40, 8.60), ..TrackSpec::default() };
    let [a, b, c, d, e] = [&base, &again, &moved_start, &longer, &elsewhere].map(route_of);
    assert!(same_route(&a, &b), "{}", a.similarity(&b));
    assert!(same_route(&a, &c), "{}", a.similarity(&c));
    assert!(!same_route(&a, &d), "{}", a.similarity(&d));
    assert!(!same_route(&a, &e), "{}", a.similarity(&e));
    assert_eq!(group_routes([&a, &d, &b, &e, &c]), vec![0, 1, 0, 2, 0]);
    let text = a.to_string();
    assert!(text.len() <= 120, "{text}");
    assert_eq!(text.parse::<restride_import::RouteFingerprint>().unwrap(), a);
}

/// One file per language Restride reads besides English, shaped like a real export
/// (headers exactly as real exports or their readers show them, dates and decimal
/// commas as they write them; sources in `tests/fixtures/strava/SOURCES.md`): every
/// value Restride takes comes out as written.
#[test]
fn strava_fixtures_in_every_language_read_as_written() {
    struct Expected {
        id: &'static str,
        start: &'static str,
        sport: Sport,
        name: &'static str,
        elapsed_s: u32,
        moving_s: u32,
        distance_m: f64,
        elevation_gain_m: Option<f64>,
        hr: Option<(u16, u16)>,
        rpe: Option<u8>,
        filename: Option<&'static str>,
    }
    let plain = |id, start, sport, name, elapsed_s, moving_s, distance_m| Expected {
        id,
        start,
        sport,
        name,
        elapsed_s,
        moving_s,
        distance_m,
        elevation_gain_m: None,
        hr: None,
        rpe: None,
        filename: None,
    };
    let files: [(&str, &[u8], Vec<Expected>); 3] = [
        (
            "activities-de.csv",
            include_bytes!("fixtures/strava/activities-de.csv"),
            vec![
                Expected {
                    elevation_gain_m: Some(64.0),
                    hr: Some((148, 171)),
                    rpe: Some(6),
                    filename: Some("activities/8228026758.gpx"),
                    ..plain(
                        "8228026758",
                        "2022-12-09T15:24:49Z",
                        Sport::Run,
                        "Lauf am Nachmittag",
                        3189,
                        3070,
                        9443.2,
                    )
                },
                plain("8230011422", "2022-12-10T07:02:10Z", Sport::Run, "Laufband", 1800, 1800, 5000.0),
                plain(
                    "8231100007",
                    "2022-12-11T10:15:00Z",
                    Sport::Ride,
                    "Radfahrt am Vormittag",
                    3600,
                    3500,
                    24100.0,
                ),
            ],
        ),
        (
            "activities-fr.csv",
            include_bytes!("fixtures/strava/activities-fr.csv"),
            vec![
                Expected {
                    elevation_gain_m: Some(41.0),
                    hr: Some((151, 168)),
                    filename: Some("activities/15012345678.fit.gz"),
                    ..plain(
                        "15012345678",
                        "2026-07-01T03:45:40Z",
                        Sport::Run,
                        "Course à pied le matin",
                        2712,
                        2650,
                        8021.4,
                    )
                },
                plain(
                    "15019876543",
                    "2026-02-09T18:05:00Z",
                    Sport::Ride,
                    "Sortie à vélo",
                    5400,
                    5200,
                    40500.0,
                ),
                plain("15020000001", "2026-08-15T06:30:00Z", Sport::Run, "Footing", 1800, 1800, 5000.0),
            ],
        ),
        (
            "activities-nl.csv",
            include_bytes!("fixtures/strava/activities-nl.csv"),
            vec![
                Expected {
                    elevation_gain_m: Some(38.0),
                    hr: Some((152, 176)),
                    rpe: Some(7),
                    filename: Some("activities/16780001234.fit.gz"),
                    ..plain(
                        "16780001234",
                        "2026-01-04T09:28:00Z",
                        Sport::Run,
                        "Ochtendloop",
                        3712,
                        3604,
                        10021.7,
                    )
                },
                plain("16780005555", "2026-03-12T17:45:10Z", Sport::Ride, "Middagrit", 4500, 4300, 37970.0),
                plain("16780009999", "2026-10-31T07:00:00Z", Sport::Run, "Loopband", 1800, 1800, 5000.0),
            ],
        ),
    ];
    for (file, bytes, expected) in files {
        let rows = parse_strava_csv(file, bytes, &Limits::default()).unwrap();
        assert_eq!(rows.len(), expected.len(), "{file}");
        for (row, want) in rows.into_iter().zip(expected) {
            let row = row.unwrap();
            let a = &row.activity;
            let what = format!("{file} {}", want.id);
            assert_eq!(a.external_id, Some(format!("strava:{}", want.id)), "{what}");
            assert_eq!(a.start_utc.to_rfc3339_opts(chrono::SecondsFormat::Secs, true), want.start, "{what}");
            assert_eq!(a.sport, want.sport, "{what}");
            assert_eq!(a.name.as_deref(), Some(want.name), "{what}");
            assert_eq!((a.elapsed_s, a.moving_s), (want.elapsed_s, want.moving_s), "{what}");
            assert_eq!(a.distance_m, Some(want.distance_m), "{what}");
            assert_eq!(a.elevation_gain_m, want.elevation_gain_m, "{what}");
            assert_eq!(a.heart_rate.map(|h| (h.avg, h.max)), want.hr, "{what}");
            assert_eq!(a.rpe, want.rpe, "{what}");
            assert_eq!(row.filename.as_deref(), want.filename, "{what}");
        }
    }
    // The runs' cadence is read where the language names the column.
    let de = parse_strava_csv("de", include_bytes!("fixtures/strava/activities-de.csv"), &Limits::default())
        .unwrap();
    assert!(de[0].as_ref().unwrap().activity.cadence_avg.is_some());
}
