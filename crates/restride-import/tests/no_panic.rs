//! No reader panics, whatever the bytes: arbitrary input, input that starts like each
//! format, and truncations and mutations of valid generated files.

#![allow(clippy::unwrap_used, reason = "generators and helpers of a test: a failed unwrap is a failed test")]

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;
use restride_import::testgen::{self, CsvLanguage, CsvRow, TrackSpec};
use restride_import::{Input, Limits, import_files, parse_fit, parse_gpx, parse_strava_csv, parse_tcx};

fn limits() -> Limits {
    Limits { max_track_points: 5_000, max_entry_bytes: 4 << 20, ..Limits::default() }
}

/// Runs every reader; only panics matter, and what they accept must be sane.
fn read_all(bytes: &[u8]) {
    let limits = limits();
    for parsed in
        [parse_gpx("x", bytes, &limits), parse_tcx("x", bytes, &limits), parse_fit("x", bytes, &limits)]
    {
        for activity in parsed.into_iter().flatten() {
            assert!(activity.pace_variability.is_none_or(f64::is_finite));
            assert!(activity.distance_m.is_none_or(|d| d.is_finite() && d >= 0.0));
            assert!(activity.rpe.is_none_or(|r| r <= 10));
            assert!(activity.feel.is_none_or(|f| (1..=5).contains(&f)));
            if let Some(route) = &activity.route {
                assert_eq!(
                    route.to_string().parse::<restride_import::RouteFingerprint>().ok().as_ref(),
                    Some(route)
                );
            }
        }
    }
    let _ = parse_strava_csv("x", bytes, &limits);
    let _ = import_files(vec![Input::from_bytes("x", bytes.to_vec())], &limits, &mut |_| {});
}

/// Valid files of every kind, small enough to mutate quickly.
fn samples() -> &'static [Vec<u8>] {
    static SAMPLES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let spec = TrackSpec {
            points: 40,
            pauses: vec![(19, 30)],
            rpe_x10: Some(50),
            feel: Some(50),
            ..TrackSpec::default()
        };
        let fit = testgen::fit(&spec);
        let gpx = testgen::gpx(&spec).into_bytes();
        // activities.csv in every language read, each in its own date shape.
        let csvs: Vec<String> = CsvLanguage::ALL
            .iter()
            .map(|&language| {
                let row = CsvRow::for_spec(1, &spec, Some("activities/1.fit.gz"));
                testgen::strava_csv_in(&[row], language.date_style(), language, 87)
            })
            .collect();
        let csv = csvs[0].clone();
        let fit_gz = testgen::gzip(&fit).unwrap();
        let mut samples = vec![
            gpx.clone(),
            testgen::tcx(&spec).into_bytes(),
            fit.clone(),
            fit_gz.clone(),
            testgen::strava_export(
                &csv,
                &[("activities/1.fit.gz".into(), fit_gz), ("activities/2.gpx".into(), gpx)],
            )
            .unwrap(),
            testgen::garmin_export(&[fit]).unwrap(),
        ];
        samples.extend(csvs.into_iter().map(String::into_bytes));
        samples
    })
}

const PREFIXES: [&[u8]; 6] = [
    b"",
    b"<?xml version=\"1.0\"?><gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\">",
    b"<TrainingCenterDatabase><Activities><Activity Sport=\"Running\"><Lap StartTime=\"2024-01-01T00:00:00Z\">",
    b"Activity ID,Activity Date,Distance,Filename,Distance\n",
    b"PK\x03\x04",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes(prefix in 0..PREFIXES.len(), body in prop::collection::vec(any::<u8>(), 0..1500)) {
        let mut bytes = PREFIXES.get(prefix).copied().unwrap_or_default().to_vec();
        bytes.extend_from_slice(&body);
        read_all(&bytes);
    }

    #[test]
    fn arbitrary_fit_records_with_valid_header_and_crc(body in prop::collection::vec(any::<u8>(), 0..1500)) {
        // A valid header and CRC send the decoder all the way through the messages.
        read_all(&testgen::fit_file(&body));
    }

    #[test]
    fn truncated_and_mutated_valid_files(
        which in 0..7usize,
        flips in prop::collection::vec((any::<Index>(), any::<u8>()), 0..6),
        cut in any::<Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = samples().get(which).cloned().unwrap_or_default();
        for (at, value) in flips {
            let i = at.index(bytes.len().max(1));
            if let Some(b) = bytes.get_mut(i) {
                *b = value;
            }
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        read_all(&bytes);
    }
}

#[test]
fn every_sample_is_valid_before_mutation() {
    for (i, sample) in samples().iter().enumerate() {
        let outcome = import_files(
            vec![Input::from_bytes(format!("sample{i}"), sample.clone())],
            &limits(),
            &mut |_| {},
        );
        assert!(outcome.failures.is_empty(), "sample {i}: {:?}", outcome.failures);
        assert!(!outcome.activities.is_empty(), "sample {i}");
    }
}
