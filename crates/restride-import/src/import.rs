//! Importing whatever the runner dropped in: single files, Strava, Garmin and Apple
//! Health exports, gzipped files. Formats are recognised by content, not by name;
//! files are read one at a time, as streams; a file that fails never stops the
//! others.

use std::fmt;
use std::io::{Cursor, Read, SeekFrom};

use crate::activity::Activity;
use crate::error::{ImportError, NotRecorded};
use crate::input::{Counted, Input, Named, ReadSeek, Shared, Unpacking, import_error, read_head, read_whole};
use crate::limits::Limits;
use crate::merge::{Described, Found, merge};

/// Where an import is: reported after each file and archive entry, and every
/// megabyte or so while a large file streams by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Files and archive entries finished.
    pub done: usize,
    /// Files and archive entries known so far: it grows as archives are opened.
    pub total: usize,
    /// Bytes of the chosen files read so far (what the progress bar shows).
    pub bytes_read: u64,
    /// Bytes of all the chosen files together.
    pub bytes_total: u64,
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
    /// A file of a known kind that holds no recorded activity: what it is instead.
    NotRecorded(NotRecorded),
    /// A format this build leaves out (its cargo feature is off).
    NotBuiltIn(&'static str),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::NotAnActivity => write!(f, "not an activity file"),
            SkipReason::NotRecorded(what) => what.fmt(f),
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
    /// found. A summary (Strava CSV row, Apple Health workout, Garmin summary) and
    /// its recording are already one activity here; duplicates against stored runs
    /// are left to [`dedup`](crate::dedup).
    pub activities: Vec<Activity>,
    /// Files and entries that could not be read, and CSV rows that could not.
    pub failures: Vec<FileFailure>,
    /// Files and entries passed over.
    pub skipped: Vec<Skipped>,
}

/// Reads every input, one at a time, and returns the activities found.
///
/// Zips are opened (nested ones up to [`Limits::max_nesting_depth`]), gzip is
/// unpacked, and the summaries an export keeps beside its recordings are merged with
/// them (see `merge.rs`): Strava's `activities.csv` rows by file name, Apple
/// Health's workouts with their routes, Garmin's summaries with their FIT files by
/// start time. Summaries without a recording become activities of their own.
/// `on_progress` is called after each file and archive entry, and as bytes are read.
pub fn import_files(
    inputs: Vec<Input<'_>>,
    limits: &Limits,
    on_progress: &mut dyn FnMut(&Progress),
) -> ImportOutcome {
    let bytes_total = inputs.iter().fold(0u64, |sum, input| sum.saturating_add(input.size));
    let shared = Shared::new(limits, inputs.len(), bytes_total, on_progress);
    let mut importer = Importer {
        shared: &shared,
        found: Vec::new(),
        described: Vec::new(),
        outcome: ImportOutcome::default(),
    };
    for input in inputs {
        shared.start_file(input.size);
        match input.content {
            Err(reason) => importer.fail(&input.name, reason),
            Ok(_) if input.size > limits.max_file_bytes => importer.fail(
                &input.name,
                ImportError::FileTooLarge { size: input.size, limit: limits.max_file_bytes },
            ),
            Ok(mut content) => {
                let mut counted = Counted { inner: &mut *content, shared: &shared };
                importer.handle(
                    &input.name,
                    &input.name,
                    Content::Seekable(&mut counted),
                    input.size,
                    0,
                    false,
                );
            }
        }
        shared.finish_file();
        shared.step(&input.name);
    }
    let Importer { found, described, mut outcome, .. } = importer;
    merge(found, described, &mut outcome);
    outcome
}

struct Importer<'s, 'p> {
    shared: &'s Shared<'p>,
    found: Vec<Found>,
    described: Vec<Described>,
    outcome: ImportOutcome,
}

/// A file or entry being read: seekable (a file, a stored entry) or a stream.
enum Content<'c> {
    Seekable(&'c mut dyn ReadSeek),
    Stream(&'c mut dyn Read),
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
    AppleHealth,
    GarminSummaries,
    Unknown,
}

/// Bytes read to recognise a file. Apple Health's `export.xml` names its root in the
/// DOCTYPE on its second line; everything else says what it is in its first bytes.
const HEAD: usize = 4096;

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
    let head = String::from_utf8_lossy(bytes);
    if head.contains("<TrainingCenterDatabase") {
        return Kind::Tcx;
    }
    if head.contains("<gpx") {
        return Kind::Gpx;
    }
    if head.contains("<!DOCTYPE HealthData") || head.contains("<HealthData") {
        return Kind::AppleHealth;
    }
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('[') && trimmed.contains("\"summarizedActivitiesExport\"") {
        return Kind::GarminSummaries;
    }
    let first_line = trimmed.lines().next().unwrap_or_default();
    if is_strava_header(first_line) {
        return Kind::StravaCsv;
    }
    Kind::Unknown
}

/// What a file is, by its content and, for one case, its name: Strava names its
/// export's CSV `activities.csv` in every language, and it has had 87 to 101
/// columns (issue 14; geo-activity-playground issues 112, 131, 403), far more than
/// other CSVs of that name (Garmin Connect's activity list has about 40). Such a file
/// whose header is in a language Restride doesn't read is still Strava's: it is read
/// as one, so the runner is told the column it lacks, not "not an activity file".
fn sniff_named(path: &str, head: &[u8]) -> Kind {
    const STRAVA_MIN_COLUMNS: usize = 80;
    match sniff(head) {
        Kind::Unknown if file_key(path) == "activities.csv" => {
            let text = String::from_utf8_lossy(head);
            let columns = text.lines().next().map_or(0, |line| line.split(',').count());
            if columns >= STRAVA_MIN_COLUMNS { Kind::StravaCsv } else { Kind::Unknown }
        }
        kind => kind,
    }
}

#[cfg(feature = "strava")]
fn is_strava_header(line: &str) -> bool {
    crate::strava::is_activities_header(line)
}

#[cfg(not(feature = "strava"))]
fn is_strava_header(line: &str) -> bool {
    line.contains("Activity ID") && line.contains("Activity Date")
}

/// The name a summary would give this file: its last path component, lower-cased,
/// without `.gz`.
pub(crate) fn file_key(path: &str) -> String {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path).to_ascii_lowercase();
    base.strip_suffix(".gz").map(str::to_owned).unwrap_or(base)
}

impl Importer<'_, '_> {
    fn fail(&mut self, name: &str, reason: ImportError) {
        match reason {
            // Not an error: a file of a known kind that isn't a recording.
            ImportError::NotRecorded(what) => self.skip(name, SkipReason::NotRecorded(what)),
            reason => self.outcome.failures.push(FileFailure { name: name.to_owned(), reason }),
        }
    }

    fn skip(&mut self, name: &str, why: SkipReason) {
        self.outcome.skipped.push(Skipped { name: name.to_owned(), why });
    }

    /// Reads one file or entry. `display` names it for the runner, `path` is its name
    /// inside its container (for matching summaries to files), `declared` its size as
    /// its container gives it (0 when unknown), `depth` the archives around it.
    fn handle(
        &mut self,
        display: &str,
        path: &str,
        content: Content<'_>,
        declared: u64,
        depth: u8,
        in_gzip: bool,
    ) {
        let unreadable = |_: &std::io::Error| ImportError::Unreadable;
        match content {
            Content::Seekable(reader) => {
                let head = match read_head(reader, HEAD) {
                    Ok(head) => head,
                    Err(e) => return self.fail(display, import_error(&e, unreadable)),
                };
                if let Err(e) = reader.seek(SeekFrom::Start(0)) {
                    return self.fail(display, import_error(&e, unreadable));
                }
                let kind = sniff_named(path, &head);
                if kind == Kind::Zip {
                    return self.open_zip(display, reader, depth);
                }
                self.read(display, path, kind, reader, declared, depth, in_gzip);
            }
            Content::Stream(reader) => {
                let head = match read_head(reader, HEAD) {
                    Ok(head) => head,
                    Err(e) => return self.fail(display, import_error(&e, unreadable)),
                };
                let kind = sniff_named(path, &head);
                let mut whole = Cursor::new(head).chain(reader);
                if kind == Kind::Zip {
                    // A compressed zip inside a zip can't be seeked: it is held in
                    // memory (within the memory cap) and opened from there.
                    let held = match read_whole(&mut whole, declared, self.shared, unreadable) {
                        Ok(held) => held,
                        Err(reason) => return self.fail(display, reason),
                    };
                    let mut cursor = Cursor::new(held.bytes.as_slice());
                    return self.open_zip(display, &mut cursor, depth);
                }
                self.read(display, path, kind, &mut whole, declared, depth, in_gzip);
            }
        }
    }

    /// Reads a file that is not a zip from its start.
    #[allow(clippy::too_many_arguments)] // one reader's context, passed down once
    fn read(
        &mut self,
        display: &str,
        path: &str,
        kind: Kind,
        reader: &mut dyn Read,
        declared: u64,
        depth: u8,
        in_gzip: bool,
    ) {
        match kind {
            // Opened by `handle`, which needs it seekable.
            Kind::Zip => {}
            Kind::Unknown => self.skip(display, SkipReason::NotAnActivity),
            Kind::Gzip if in_gzip => self.skip(display, SkipReason::NotAnActivity),
            Kind::Gzip => self.open_gzip(display, path, reader, declared, depth),
            Kind::AppleHealth => self.read_apple_health(display, reader),
            Kind::GarminSummaries => self.read_garmin_summaries(display, reader),
            Kind::StravaCsv | Kind::Gpx | Kind::Tcx | Kind::Fit => {
                let unreadable = |_: &std::io::Error| ImportError::Unreadable;
                let held = match read_whole(reader, declared, self.shared, unreadable) {
                    Ok(held) => held,
                    Err(reason) => return self.fail(display, reason),
                };
                if kind == Kind::StravaCsv {
                    return self.read_csv(display, &held.bytes);
                }
                match self.parse(display, &held.bytes, kind) {
                    Ok(activities) => {
                        let key = file_key(path);
                        self.found.extend(activities.into_iter().map(|activity| Found {
                            key: key.clone(),
                            path: path.to_owned(),
                            activity,
                        }));
                    }
                    Err(reason) => self.fail(display, reason),
                }
            }
        }
    }

    fn parse(&mut self, display: &str, bytes: &[u8], kind: Kind) -> Result<Vec<Activity>, ImportError> {
        let limits = &self.shared.limits;
        match kind {
            #[cfg(feature = "gpx")]
            Kind::Gpx => crate::gpx::parse_gpx(display, bytes, limits),
            #[cfg(feature = "tcx")]
            Kind::Tcx => crate::tcx::parse_tcx(display, bytes, limits),
            #[cfg(feature = "fit")]
            Kind::Fit => crate::fit::parse_fit(display, bytes, limits),
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
        match crate::strava::parse_strava_csv(display, bytes, &self.shared.limits) {
            Ok(rows) => {
                for row in rows {
                    match row {
                        Ok(row) => self.described.push(Described::strava(row)),
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

    #[cfg(feature = "apple")]
    fn read_apple_health(&mut self, display: &str, reader: &mut dyn Read) {
        match crate::apple::parse_apple_health(display, reader, &self.shared.limits) {
            Ok(workouts) if workouts.is_empty() => {
                self.skip(display, SkipReason::NotRecorded(NotRecorded::HealthWithoutWorkouts));
            }
            Ok(workouts) => self.described.extend(workouts.into_iter().map(Described::apple)),
            Err(reason) => self.fail(display, reason),
        }
    }

    #[cfg(not(feature = "apple"))]
    fn read_apple_health(&mut self, display: &str, _reader: &mut dyn Read) {
        self.skip(display, SkipReason::NotBuiltIn("Apple Health export.xml"));
    }

    #[cfg(feature = "garmin")]
    fn read_garmin_summaries(&mut self, display: &str, reader: &mut dyn Read) {
        match crate::garmin::parse_garmin_summaries(display, reader, &self.shared.limits) {
            Ok(summaries) => self.described.extend(summaries.into_iter().map(Described::garmin)),
            Err(reason) => self.fail(display, reason),
        }
    }

    #[cfg(not(feature = "garmin"))]
    fn read_garmin_summaries(&mut self, display: &str, _reader: &mut dyn Read) {
        self.skip(display, SkipReason::NotBuiltIn("Garmin summarizedActivities.json"));
    }

    #[cfg(feature = "archive")]
    fn open_gzip(&mut self, display: &str, path: &str, reader: &mut dyn Read, declared: u64, depth: u8) {
        let mut unpacking = Unpacking::new(flate2::read::GzDecoder::new(reader), declared, self.shared);
        let mut named = Named { inner: &mut unpacking, name: |e| ImportError::Gzip(e.to_string()) };
        let inner_path = path.strip_suffix(".gz").unwrap_or(path);
        self.handle(display, inner_path, Content::Stream(&mut named), 0, depth, true);
    }

    #[cfg(not(feature = "archive"))]
    fn open_gzip(&mut self, display: &str, _path: &str, _reader: &mut dyn Read, _declared: u64, _depth: u8) {
        self.skip(display, SkipReason::NotBuiltIn("gzip"));
    }

    #[cfg(feature = "archive")]
    fn open_zip(&mut self, display: &str, reader: &mut dyn ReadSeek, depth: u8) {
        use crate::archive::{Archive, Entry};
        if depth >= 1 && cfg!(not(feature = "garmin")) {
            return self.skip(display, SkipReason::NotBuiltIn("nested zip"));
        }
        let limits = &self.shared.limits;
        if depth >= limits.max_nesting_depth {
            return self.fail(display, ImportError::NestedTooDeep { limit: limits.max_nesting_depth });
        }
        let mut archive = match Archive::open(reader, limits) {
            Ok(archive) => archive,
            Err(reason) => return self.fail(display, reason),
        };
        let count = archive.len();
        self.shared.add_total(count);
        for index in 0..count {
            let inner = depth.saturating_add(1);
            let name = match archive.entry(index) {
                Entry::Directory => {
                    self.shared.step(display);
                    continue;
                }
                Entry::Passed(path) => {
                    let name = format!("{display} › {path}");
                    self.skip(&name, SkipReason::NotAnActivity);
                    name
                }
                Entry::Broken(path, reason) => {
                    let name = format!("{display} › {path}");
                    self.fail(&name, reason);
                    name
                }
                Entry::Stored(path, size, mut file) => {
                    let name = format!("{display} › {path}");
                    self.handle(&name, &path, Content::Seekable(&mut file), size, inner, false);
                    name
                }
                Entry::Packed(path, size, packed, file) => {
                    let name = format!("{display} › {path}");
                    let mut unpacking = Unpacking::new(file, packed, self.shared);
                    let mut named =
                        Named { inner: &mut unpacking, name: |e| ImportError::Zip(e.to_string()) };
                    self.handle(&name, &path, Content::Stream(&mut named), size, inner, false);
                    name
                }
            };
            let stopped = self
                .outcome
                .failures
                .last()
                .is_some_and(|f| f.name == name && matches!(f.reason, ImportError::TotalTooLarge { .. }));
            if stopped {
                // Nothing more will fit; count the rest as done and stop.
                self.shared.skip_entries(count.saturating_sub(index + 1));
                self.shared.step(&name);
                return;
            }
            self.shared.step(&name);
        }
    }

    #[cfg(not(feature = "archive"))]
    fn open_zip(&mut self, display: &str, _reader: &mut dyn ReadSeek, _depth: u8) {
        self.skip(display, SkipReason::NotBuiltIn("zip"));
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
        assert_eq!(
            sniff(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE HealthData [\n<!-- HealthKit Export Version: 14 -->"),
            Kind::AppleHealth
        );
        assert_eq!(sniff(b"[ {\n  \"summarizedActivitiesExport\" : [ {"), Kind::GarminSummaries);
        assert_eq!(sniff(b"[{\"userName\":\"x\"}]"), Kind::Unknown);
        assert_eq!(sniff(b"\xff\xd8\xff\xe0 jpeg"), Kind::Unknown);
        assert_eq!(sniff(b""), Kind::Unknown);
    }

    #[test]
    fn file_keys_match_csv_filenames() {
        assert_eq!(file_key("activities/123.fit.gz"), "123.fit");
        assert_eq!(file_key("export_1/activities/123.FIT"), "123.fit");
        assert_eq!(file_key("/workout-routes/route_2024-01-01_8.00am.gpx"), "route_2024-01-01_8.00am.gpx");
    }

    #[test]
    fn failures_read_with_their_file_name() {
        let failure =
            FileFailure { name: "a.zip".into(), reason: ImportError::TooManyEntries { limit: 20_000 } };
        assert_eq!(failure.to_string(), "a.zip: more than 20,000 entries — is this really an export?");
        assert_eq!(SkipReason::NotAnActivity.to_string(), "not an activity file");
    }

    #[test]
    fn too_large_unknown_unreadable_and_empty_inputs() {
        let limits = Limits { max_file_bytes: 10, ..Limits::default() };
        let mut calls = Vec::new();
        let outcome = import_files(
            vec![
                Input::from_bytes("big.gpx", vec![b' '; 11]),
                Input::from_bytes("photo.jpg", b"\xff\xd8".to_vec()),
                Input::unreadable("gone.fit", 3, ImportError::Unreadable),
            ],
            &limits,
            &mut |p| calls.push((p.done, p.total, p.bytes_read, p.bytes_total)),
        );
        assert_eq!(calls, vec![(1, 3, 11, 16), (2, 3, 13, 16), (3, 3, 16, 16)]);
        assert!(matches!(outcome.failures[0].reason, ImportError::FileTooLarge { size: 11, limit: 10 }));
        assert_eq!(outcome.failures[1].reason, ImportError::Unreadable);
        assert_eq!(outcome.skipped[0].why, SkipReason::NotAnActivity);
        assert!(outcome.activities.is_empty());
    }
}
