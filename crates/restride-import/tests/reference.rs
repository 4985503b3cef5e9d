//! The comparison harness: Restride's summary of the shapes real devices write
//! (`testgen::reference_files`: header CRC 0, developer fields, compressed
//! timestamps, chained files, several sessions, records only, partly timed and
//! multi-track GPX, GPS noise, TCX laps) against other maintained readers run once
//! on the same bytes (`scripts/reference-readers`; their results are in
//! `tests/reference/`): fitdecode and Garmin's FIT JavaScript SDK for FIT, gpxpy for
//! GPX, @tmcw/togeojson for TCX.
//!
//! Tolerances, field by field (`TOLERANCES` below), and where Restride differs on
//! purpose:
//! - **Ascent of a GPX track**: Restride climbs through a 3 m dead band (GPS
//!   altitude wobble is not climbing); gpxpy smooths the altitudes and sums every
//!   rise, so on a noisy track it reports more. Checked: Restride is not above
//!   gpxpy, and within 40 % of it.
//! - **Moving time of a GPX track**: both leave out stops, by different rules
//!   (Restride: intervals over 30 s or under 0.5 m/s; gpxpy: its own speed
//!   threshold). Within 2 %, except a track timed only every few points, where
//!   gpxpy counts no moving time at all and Restride counts the timed intervals
//!   (a partly timed track is still a run).
//! - **Moving time of a FIT file without a session**: the readers report none
//!   (only records); Restride sums the records' intervals between the timer's
//!   stop/start events. Not compared.
//! - **Elapsed time of a multi-track GPX**: from the first point to the last,
//!   the gap between tracks included, as gpxpy's time bounds.
//!
//! Run with `--nocapture` to see the agreement table.

#![allow(clippy::unwrap_used, clippy::print_stderr, reason = "a test and its report")]

use std::collections::BTreeMap;

use restride_import::testgen::reference_files;
use restride_import::{Activity, Input, Limits, Sport, import_files};
use serde_json::Value;

/// (field, relative tolerance, absolute tolerance): a value agrees when within
/// either.
const TOLERANCES: [(&str, f64, f64); 7] = [
    ("start", 0.0, 1.0),
    ("timer", 0.0, 1.0),
    ("elapsed", 0.0, 1.0),
    ("distance", 0.001, 1.0),
    ("ascent", 0.0, 1.0),
    ("avg HR", 0.0, 1.0),
    ("max HR", 0.0, 0.0),
];

/// GPX readers compute from points: distance by their own great-circle formula.
const GPX_DISTANCE: f64 = 0.01;
const GPX_MOVING: f64 = 0.02;
const GPX_ASCENT_BELOW: f64 = 0.40;

fn load(name: &str) -> BTreeMap<String, Value> {
    let path = format!("{}/tests/reference/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn ours() -> BTreeMap<String, Vec<Activity>> {
    reference_files()
        .into_iter()
        .map(|(name, bytes)| {
            let outcome =
                import_files(vec![Input::from_bytes(name.clone(), bytes)], &Limits::default(), &mut |_| {});
            assert!(outcome.failures.is_empty(), "{name}: {:?}", outcome.failures);
            (name, outcome.activities)
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    compared: usize,
    agreed: usize,
    on_purpose: usize,
    rows: Vec<String>,
}

impl Tally {
    fn check(&mut self, file: &str, field: &str, restride: Option<f64>, reference: Option<f64>, rule: Rule) {
        let (Some(r), Some(x)) = (restride, reference) else {
            self.rows.push(format!(
                "{file:34} {field:9} {:>10} {:>10}  not compared",
                show(restride),
                show(reference)
            ));
            return;
        };
        self.compared += 1;
        let (ok, note) = match rule {
            Rule::Within(rel, abs) => ((r - x).abs() <= abs.max(rel * x.abs()), ""),
            Rule::NotAboveWithin(rel) => {
                (r <= x + 1.0 && r >= x * (1.0 - rel), "dead band: at most the reference")
            }
            Rule::OnPurpose(why) => {
                self.on_purpose += 1;
                (true, why)
            }
        };
        if ok {
            self.agreed += 1;
        }
        let verdict = if ok { "agrees" } else { "DIFFERS" };
        self.rows.push(format!("{file:34} {field:9} {r:>10.1} {x:>10.1}  {verdict} {note}"));
        assert!(ok, "{file} {field}: Restride {r}, reference {x}");
    }
}

#[derive(Clone, Copy)]
enum Rule {
    Within(f64, f64),
    NotAboveWithin(f64),
    OnPurpose(&'static str),
}

fn show(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}"))
}

fn tolerance(field: &str) -> Rule {
    let (_, rel, abs) = TOLERANCES.iter().find(|(f, _, _)| *f == field).copied().unwrap();
    Rule::Within(rel, abs)
}

fn compare(tally: &mut Tally, reader: &str, name: &str, ours: &[Activity], theirs: &Value) {
    let sessions = theirs["sessions"].as_array().unwrap();
    assert_eq!(ours.len(), sessions.len(), "{reader} {name}: activities");
    let gpx = name.ends_with(".gpx");
    for (i, (a, s)) in ours.iter().zip(sessions).enumerate() {
        let file = if sessions.len() > 1 { format!("{name} #{}", i + 1) } else { name.to_owned() };
        let file = format!("{file} ({reader})");
        let num = |key: &str| s[key].as_f64();
        if let Some(sport) = s["sport"].as_str().filter(|s| !s.is_empty()) {
            assert_eq!(a.sport, Sport::from_name(sport), "{file}: sport");
            tally.compared += 1;
            tally.agreed += 1;
        }
        tally.check(&file, "start", Some(a.start_utc.timestamp() as f64), num("start"), tolerance("start"));
        let timer_rule = match (gpx, name) {
            (_, "gpx-partly-timed.gpx") => {
                Rule::OnPurpose("gpxpy counts no moving time between untimed points")
            }
            (true, _) => Rule::Within(GPX_MOVING, 1.0),
            _ => tolerance("timer"),
        };
        tally.check(&file, "timer", Some(f64::from(a.moving_s)), num("timerS"), timer_rule);
        tally.check(&file, "elapsed", Some(f64::from(a.elapsed_s)), num("elapsedS"), tolerance("elapsed"));
        let distance_rule = if gpx { Rule::Within(GPX_DISTANCE, 1.0) } else { tolerance("distance") };
        tally.check(&file, "distance", a.distance_m, num("distanceM"), distance_rule);
        let ascent_rule = if gpx { Rule::NotAboveWithin(GPX_ASCENT_BELOW) } else { tolerance("ascent") };
        tally.check(&file, "ascent", a.elevation_gain_m, num("ascentM"), ascent_rule);
        let hr = a.heart_rate;
        tally.check(&file, "avg HR", hr.map(|h| f64::from(h.avg)), num("avgHr"), tolerance("avg HR"));
        tally.check(&file, "max HR", hr.map(|h| f64::from(h.max)), num("maxHr"), tolerance("max HR"));
    }
}

#[test]
fn restride_agrees_with_other_readers_on_the_same_files() {
    let ours = ours();
    let mut tally = Tally::default();
    for (reader, results) in
        [("fitdecode", load("fitdecode")), ("gpxpy", load("gpxpy")), ("togeojson", load("togeojson"))]
    {
        for (name, theirs) in &results {
            compare(&mut tally, reader, name, &ours[name], theirs);
        }
    }
    // Garmin's JavaScript SDK: every file it could decode (it reads no compressed
    // timestamps, and says so).
    for (name, theirs) in &load("fitsdk") {
        if theirs["errors"].as_array().is_some_and(|e| e.is_empty()) {
            compare(&mut tally, "fitsdk", name, &ours[name], theirs);
        } else {
            tally.rows.push(format!("{name} (fitsdk): not decoded by the reference: {}", theirs["errors"]));
        }
    }
    let covered: std::collections::BTreeSet<&String> = ours.keys().collect();
    assert_eq!(covered.len(), reference_files().len());
    eprintln!("{:34} {:9} {:>10} {:>10}  verdict", "file (reader)", "field", "Restride", "reference");
    for row in &tally.rows {
        eprintln!("{row}");
    }
    eprintln!(
        "{} of {} compared values agree within the stated tolerances ({} of them differ on purpose, as documented)",
        tally.agreed, tally.compared, tally.on_purpose
    );
    assert_eq!(tally.agreed, tally.compared);
}
