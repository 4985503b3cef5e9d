//! Importing whatever the runner dropped in: single files, Strava and Garmin exports,
//! gzipped files. Formats are recognised by content, not by name; a file that fails
//! never stops the others.

use std::fmt;

#[cfg(feature = "strava")]
use crate::StravaRow;
use crate::activity::Activity;
use crate::error::ImportError;
use crate::limits::Limits;

/// Where an import is: called after each file and each archive entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Files and archive entries finished.
    pub done: usize,
    /// Files and archive entries known so far: it grows as archives are opened.
    pub total: usize,
    /// The file or entry just finished.
    pub current: String,
}

/// A file or archive entry that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFailure {
    /// The file, or `"export.zip › activities/123.fit.gz"`.
    pub name: String,
    /// Why.
    pub reason: ImportError,
}

impl fmt::Display for FileFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.reason)
    }
}

/// Why a file was passed over without being an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// Not an activity file (photos, other CSVs, JSON of an account export…).
    NotAnActivity,
    /// A format this build leaves out (its cargo feature is off).
    NotBuiltIn(&'static str),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::NotAnActivity => write!(f, "not an activity file"),
            SkipReason::NotBuiltIn(format) => write!(f, "{format} files can't be read by this version"),
        }
    }
}

/// A file or archive entry passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file, or `"export.zip › media/1.jpg"`.
    pub name: String,
    /// Why.
    pub why: SkipReason,
}

/// Everything one import produced.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportOutcome {
    /// The activities read, all sports (the app decides what it keeps), in the order
    /// found. A Strava CSV row and its activity file are already one activity here;
    /// duplicates against stored runs are left to [`dedup`](crate::dedup).
    pub activities: Vec<Activity>,
    /// Files and entries that could not be read, and CSV rows that could not.
    pub failures: Vec<FileFailure>,
    /// Files and entries passed over.
    pub skipped: Vec<Skipped>,
}

/// Reads every input (name and bytes) and returns the activities found.
///
/// Zips are opened (nested ones up to [`Limits::max_nesting_depth`]), gzip is
/// unpacked, and `activities.csv` rows are merged with the activity files they name,
/// matched by file name: the file gives the summary and route; the row gives the name,
/// RPE and Strava ID when the file lacks them, and the sport (what the runner set on
/// Strava, which may correct the watch). Rows whose file is missing or unreadable
/// become activities of their own. `on_progress` is called after each file and each
/// archive entry.
pub fn import_files(
    inputs: Vec<(String, Vec<u8>)>,
    limits: &Limits,
    on_progress: &mut dyn FnMut(&Progress),
) -> ImportOutcome {
    let mut importer = Importer {
        limits,
        progress: Progress { done: 0, total: inputs.len(), current: String::new() },
        on_progress,
        unpacked: 0,
        found: Vec::new(),
        #[cfg(feature = "strava")]
        rows: Vec::new(),
        outcome: ImportOutcome::default(),
    };
    for (name, bytes) in inputs {
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if size > limits.max_file_bytes {
            importer.fail(&name, ImportError::FileTooLarge { size, limit: limits.max_file_bytes });
        } else {
            importer.handle(&name, &name, &bytes, 0, false);
        }
        drop(bytes);
        importer.step(name);
    }
    importer.finish()
}

/// An activity read from a file, with the file name a CSV row would use for it.
struct Found {
    key: String,
    activity: Activity,
}

struct Importer<'a> {
    limits: &'a Limits,
    progress: Progress,
    on_progress: &'a mut dyn FnMut(&Progress),
    /// Bytes unpacked so far, against `max_total_bytes`.
    unpacked: u64,
    found: Vec<Found>,
    #[cfg(feature = "strava")]
    rows: Vec<(String, StravaRow)>,
    outcome: ImportOutcome,
}

/// What a file's content says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Zip,
    Gzip,
    Fit,
    Gpx,
    Tcx,
    StravaCsv,
    Unknown,
}

fn sniff(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Kind::Zip;
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Kind::Gzip;
    }
    if matches!(bytes.first(), Some(12 | 14)) && bytes.get(8..12) == Some(b".FIT") {
        return Kind::Fit;
    }
    let head = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes));
    if head.contains("<TrainingCenterDatabase") {
        return Kind::Tcx;
    }
    if head.contains("<gpx") {
        return Kind::Gpx;
    }
    let first_line = head.lines().next().unwrap_or_default();
    if first_line.contains("Activity ID") && first_line.contains("Activity Date") {
        return Kind::StravaCsv;
    }
    Kind::Unknown
}

/// The name a Strava CSV row would give this file: its last path component,
/// lower-cased, without `.gz`.
fn file_key(path: &str) -> String {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path).to_ascii_lowercase();
    base.strip_suffix(".gz").map(str::to_owned).unwrap_or(base)
}

impl Importer<'_> {
    fn step(&mut self, current: String) {
        self.progress.done = self.progress.done.saturating_add(1);
        self.progress.current = current;
        (self.on_progress)(&self.progress);
    }

    fn fail(&mut self, name: &str, reason: ImportError) {
        self.outcome.failures.push(FileFailure { name: name.to_owned(), reason });
    }

    fn skip(&mut self, name: &str, why: SkipReason) {
        self.outcome.skipped.push(Skipped { name: name.to_owned(), why });
    }

    /// Reads one file or entry. `display` names it for the runner, `path` is its name
    /// inside its container (for matching CSV rows), `depth` the archives around it.
    fn handle(&mut self, display: &str, path: &str, bytes: &[u8], depth: u8, in_gzip: bool) {
        let kind = sniff(bytes);
        let parsed: Result<Vec<Activity>, ImportError> = match kind {
            Kind::Zip => return self.open_zip(display, bytes, depth),
            Kind::Gzip if in_gzip => return self.skip(display, SkipReason::NotAnActivity),
            Kind::Gzip => return self.open_gzip(display, path, bytes, depth),
            Kind::StravaCsv => return self.read_csv(display, bytes),
            Kind::Unknown => return self.skip(display, SkipReason::NotAnActivity),
            Kind::Gpx => self.parse(display, bytes, Kind::Gpx),
            Kind::Tcx => self.parse(display, bytes, Kind::Tcx),
            Kind::Fit => self.parse(display, bytes, Kind::Fit),
        };
        match parsed {
            Ok(activities) => {
                let key = file_key(path);
                self.found
                    .extend(activities.into_iter().map(|activity| Found { key: key.clone(), activity }));
            }
            Err(reason) => self.fail(display, reason),
        }
    }

    fn parse(&mut self, display: &str, bytes: &[u8], kind: Kind) -> Result<Vec<Activity>, ImportError> {
        match kind {
            #[cfg(feature = "gpx")]
            Kind::Gpx => crate::gpx::parse_gpx(display, bytes, self.limits),
            #[cfg(feature = "tcx")]
            Kind::Tcx => crate::tcx::parse_tcx(display, bytes, self.limits),
            #[cfg(feature = "fit")]
            Kind::Fit => crate::fit::parse_fit(display, bytes, self.limits),
            _ => {
                let format = match kind {
                    Kind::Gpx => "GPX",
                    Kind::Tcx => "TCX",
                    _ => "FIT",
                };
                self.skip(display, SkipReason::NotBuiltIn(format));
                Ok(Vec::new())
            }
        }
    }

    #[cfg(feature = "strava")]
    fn read_csv(&mut self, display: &str, bytes: &[u8]) {
        match crate::strava::parse_strava_csv(display, bytes, self.limits) {
            Ok(rows) => {
                for row in rows {
                    match row {
                        Ok(row) => self.rows.push((display.to_owned(), row)),
                        Err(reason) => self.fail(display, reason),
                    }
                }
            }
            Err(reason) => self.fail(display, reason),
        }
    }

    #[cfg(not(feature = "strava"))]
    fn read_csv(&mut self, display: &str, _bytes: &[u8]) {
        self.skip(display, SkipReason::NotBuiltIn("Strava activities.csv"));
    }

    #[cfg(feature = "archive")]
    fn open_gzip(&mut self, display: &str, path: &str, bytes: &[u8], depth: u8) {
        let packed = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        let decoder = flate2::read::GzDecoder::new(bytes);
        match crate::archive::read_limited(decoder, packed, self.limits, &mut self.unpacked, |e| {
            ImportError::Gzip(e.to_string())
        }) {
            Ok(inner) => {
                let inner_path = path.strip_suffix(".gz").unwrap_or(path);
                self.handle(display, inner_path, &inner, depth, true);
            }
            Err(reason) => self.fail(display, reason),
        }
    }

    #[cfg(not(feature = "archive"))]
    fn open_gzip(&mut self, display: &str, _path: &str, _bytes: &[u8], _depth: u8) {
        self.skip(display, SkipReason::NotBuiltIn("gzip"));
    }

    #[cfg(feature = "archive")]
    fn open_zip(&mut self, display: &str, bytes: &[u8], depth: u8) {
        if depth >= 1 && cfg!(not(feature = "garmin")) {
            return self.skip(display, SkipReason::NotBuiltIn("nested zip"));
        }
        if depth >= self.limits.max_nesting_depth {
            return self.fail(display, ImportError::NestedTooDeep { limit: self.limits.max_nesting_depth });
        }
        let mut archive = match crate::archive::Archive::open(bytes, self.limits) {
            Ok(archive) => archive,
            Err(reason) => return self.fail(display, reason),
        };
        self.progress.total = self.progress.total.saturating_add(archive.len());
        for index in 0..archive.len() {
            let entry = archive.entry(index, self.limits, &mut self.unpacked);
            let (path, result) = match entry {
                crate::archive::Entry::Directory => {
                    self.step(display.to_owned());
                    continue;
                }
                crate::archive::Entry::Passed(path) => {
                    let name = format!("{display} › {path}");
                    self.skip(&name, SkipReason::NotAnActivity);
                    self.step(name);
                    continue;
                }
                crate::archive::Entry::Read(path, result) => (path, result),
            };
            let name = format!("{display} › {path}");
            match result {
                Ok(data) => self.handle(&name, &path, &data, depth.saturating_add(1), false),
                Err(reason) => {
                    let stop = matches!(reason, ImportError::TotalTooLarge { .. });
                    self.fail(&name, reason);
                    if stop {
                        // Nothing more will fit; count the rest as done and stop.
                        self.progress.done =
                            self.progress.done.saturating_add(archive.len().saturating_sub(index + 1));
                        self.step(name);
                        return;
                    }
                }
            }
            self.step(name);
        }
    }

    #[cfg(not(feature = "archive"))]
    fn open_zip(&mut self, display: &str, _bytes: &[u8], _depth: u8) {
        self.skip(display, SkipReason::NotBuiltIn("zip"));
    }

    /// Merges CSV rows into the files they name and returns the outcome.
    fn finish(mut self) -> ImportOutcome {
        #[cfg(feature = "strava")]
        {
            use std::collections::HashMap;
            let mut by_key: HashMap<String, usize> = HashMap::new();
            for (index, (_, row)) in self.rows.iter().enumerate() {
                if let Some(filename) = &row.filename {
                    by_key.entry(file_key(filename)).or_insert(index);
                }
            }
            let mut used = vec![false; self.rows.len()];
            for found in &mut self.found {
                let Some(&index) = by_key.get(&found.key) else { continue };
                let (Some(slot), Some((_, row))) = (used.get_mut(index), self.rows.get(index)) else {
                    continue;
                };
                if *slot {
                    continue;
                }
                *slot = true;
                let sport = found.activity.sport.clone();
                found.activity.fill_from(&row.activity);
                // The runner's choice on Strava corrects the watch's guess.
                found.activity.sport = if row.activity.sport == crate::Sport::Unknown {
                    sport
                } else {
                    row.activity.sport.clone()
                };
            }
            self.outcome.activities.extend(self.found.into_iter().map(|f| f.activity));
            for ((_, row), used) in self.rows.into_iter().zip(used) {
                if !used {
                    self.outcome.activities.push(row.activity);
                }
            }
        }
        #[cfg(not(feature = "strava"))]
        self.outcome.activities.extend(self.found.into_iter().map(|f| f.activity));
        self.outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_by_content() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Kind::Zip);
        assert_eq!(sniff(&[0x1f, 0x8b, 8]), Kind::Gzip);
        assert_eq!(sniff(b"\x0e\x20\0\0\0\0\0\0.FIT\0\0"), Kind::Fit);
        assert_eq!(sniff(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<gpx version=\"1.1\">"), Kind::Gpx);
        assert_eq!(sniff(b"<TrainingCenterDatabase>"), Kind::Tcx);
        assert_eq!(sniff(b"Activity ID,Activity Date\n"), Kind::StravaCsv);
        assert_eq!(sniff(b"\xff\xd8\xff\xe0 jpeg"), Kind::Unknown);
        assert_eq!(sniff(b""), Kind::Unknown);
    }

    #[test]
    fn file_keys_match_csv_filenames() {
        assert_eq!(file_key("activities/123.fit.gz"), "123.fit");
        assert_eq!(file_key("export_1/activities/123.FIT"), "123.fit");
        assert_eq!(file_key("123.gpx"), "123.gpx");
    }

    #[test]
    fn failures_read_with_their_file_name() {
        let failure =
            FileFailure { name: "a.zip".into(), reason: ImportError::TooManyEntries { limit: 20_000 } };
        assert_eq!(failure.to_string(), "a.zip: more than 20,000 entries — is this really an export?");
        assert_eq!(SkipReason::NotAnActivity.to_string(), "not an activity file");
    }

    #[test]
    fn too_large_unknown_and_empty_inputs() {
        let limits = Limits { max_file_bytes: 10, ..Limits::default() };
        let mut calls = Vec::new();
        let outcome = import_files(
            vec![("big.gpx".into(), vec![b' '; 11]), ("photo.jpg".into(), b"\xff\xd8".to_vec())],
            &limits,
            &mut |p| calls.push((p.done, p.total)),
        );
        assert_eq!(calls, vec![(1, 2), (2, 2)]);
        assert!(matches!(outcome.failures[0].reason, ImportError::FileTooLarge { size: 11, limit: 10 }));
        assert_eq!(outcome.skipped[0].why, SkipReason::NotAnActivity);
        assert!(outcome.activities.is_empty());
    }
}
