//! Why a file could not be read. Each variant reads as a sentence for the runner; the
//! file's name is added by [`FileFailure`](crate::FileFailure)'s `Display`.

use thiserror::Error;

/// The languages Strava's activities.csv is read in (`strava::COLUMN_NAMES` has
/// names in them), as a runner is told them. Here, not in `strava.rs`, so builds
/// without the `strava` feature still compile the message.
pub(crate) const STRAVA_LANGUAGES_READ: &str = "English, German, French and Dutch";

/// Everything that can go wrong while reading one file (or one entry of an archive).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// The file is bigger than [`Limits::max_file_bytes`](crate::Limits::max_file_bytes).
    #[error("the file is {} — more than the {} this import accepts", bytes(*size), bytes(*limit))]
    FileTooLarge {
        /// Size of the file in bytes.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// An archive lists more than [`Limits::max_zip_entries`](crate::Limits::max_zip_entries).
    #[error("more than {} entries — is this really an export?", count(*limit))]
    TooManyEntries {
        /// The limit in force.
        limit: usize,
    },
    /// A file to be read whole (an activity file, a CSV, a compressed zip inside a
    /// zip) is bigger than [`Limits::max_entry_bytes`](crate::Limits::max_entry_bytes),
    /// or than the memory left under [`Limits::max_in_memory_bytes`](crate::Limits::max_in_memory_bytes).
    #[error("more than {} — too big to read as one activity file", bytes(*limit))]
    EntryTooLarge {
        /// The limit in force.
        limit: u64,
    },
    /// All archives together unpacked to more than
    /// [`Limits::max_total_bytes`](crate::Limits::max_total_bytes).
    #[error("this import has unpacked more than {} in all; the rest was not read", bytes(*limit))]
    TotalTooLarge {
        /// The limit in force.
        limit: u64,
    },
    /// An entry unpacks to more than [`Limits::max_compression_ratio`](crate::Limits::max_compression_ratio)
    /// times its packed size: the shape of a zip bomb, not of an activity file.
    #[error("unpacks to more than {limit} times its packed size — that looks like a zip bomb")]
    CompressionRatio {
        /// The limit in force.
        limit: u32,
    },
    /// Archives nested deeper than [`Limits::max_nesting_depth`](crate::Limits::max_nesting_depth).
    #[error("archives nested more than {limit} deep; the inner ones were not opened")]
    NestedTooDeep {
        /// The limit in force.
        limit: u8,
    },
    /// An activity has more than [`Limits::max_track_points`](crate::Limits::max_track_points).
    #[error("more than {} track points in one activity — too long to be one run", count(*limit))]
    TooManyPoints {
        /// The limit in force.
        limit: usize,
    },
    /// A CSV file has more than [`Limits::max_csv_rows`](crate::Limits::max_csv_rows).
    #[error("more than {} rows", count(*limit))]
    TooManyRows {
        /// The limit in force.
        limit: usize,
    },
    /// The content is not the format its reader expects.
    #[error("not a {expected} file")]
    WrongFormat {
        /// The format that was expected ("GPX", "TCX", "FIT", "Strava activities.csv").
        expected: &'static str,
    },
    /// The browser could not read the file at all (moved, deleted, or no permission).
    #[error("the browser could not read this file")]
    Unreadable,
    /// The file stops in the middle (an interrupted download or copy).
    #[error("the file ends too early — was it cut short?")]
    Truncated,
    /// Malformed XML.
    #[error("the XML is broken near byte {position}: {message}")]
    Xml {
        /// Byte offset of the problem.
        position: u64,
        /// What the XML reader said.
        message: String,
    },
    /// Malformed JSON.
    #[error("the JSON is broken at line {line}: {message}")]
    Json {
        /// Line of the problem.
        line: usize,
        /// What the JSON reader said.
        message: String,
    },
    /// The FIT file header's checksum does not match its bytes.
    #[error("the FIT header is damaged (checksum {found:#06x}, expected {computed:#06x})")]
    FitHeaderCrc {
        /// CRC stored in the header.
        found: u16,
        /// CRC computed from the header bytes.
        computed: u16,
    },
    /// The FIT file's closing checksum does not match its data.
    #[error("the FIT data is damaged (checksum {found:#06x}, expected {computed:#06x})")]
    FitCrc {
        /// CRC stored at the end of the file.
        found: u16,
        /// CRC computed from the data.
        computed: u16,
    },
    /// Another FIT decoding problem.
    #[error("the FIT data is damaged: {0}")]
    Fit(String),
    /// The file parsed but holds nothing that can become an activity (no session, no
    /// timed track point).
    #[error("no activity with a start time in this file")]
    NoActivity,
    /// A file of a known kind that is not a recording (a planned route, watch
    /// settings…): the import lists it as skipped, saying what it is.
    #[error("{0}")]
    NotRecorded(NotRecorded),
    /// activities.csv lacks a column it cannot do without: its English name (the
    /// runner's export may name it in their account's language).
    #[error(
        "the CSV has no \"{0}\" column, in English or in your Strava account's language (Restride reads Strava's export in {langs})",
        langs = STRAVA_LANGUAGES_READ
    )]
    MissingColumn(String),
    /// One CSV row could not be read; the other rows still were.
    #[error("row {row}: {reason}")]
    BadRow {
        /// 1-based row number in the file, the header being row 1.
        row: u64,
        /// What is wrong with it.
        reason: String,
    },
    /// A zip archive could not be opened or an entry not unpacked.
    #[error("the zip archive is unreadable: {0}")]
    Zip(String),
    /// A gzip file could not be unpacked.
    #[error("the gzip data is unreadable: {0}")]
    Gzip(String),
}

/// What a file holds instead of a recorded activity, said so that a runner who
/// chose it knows why nothing was imported (and that nothing is wrong with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRecorded {
    /// A GPX `<rte>`: a route planned in an app, with no times.
    PlannedRoute,
    /// A GPX track whose points have no times: drawn or exported from a map.
    UntimedTrack,
    /// A GPX file of waypoints only.
    Waypoints,
    /// A FIT file whose `file_id` type is not "activity" (the FIT profile's `file`
    /// type number).
    FitFile(u8),
    /// A TCX file with courses (planned routes) and no activity.
    TcxCourse,
    /// A TCX file with workouts (planned sessions) and no activity.
    TcxWorkout,
    /// An Apple Health route whose workout is not in the export.
    RouteWithoutWorkout,
    /// An Apple Health export.xml with no workouts in it.
    HealthWithoutWorkouts,
}

impl std::fmt::Display for NotRecorded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            NotRecorded::PlannedRoute => "a planned route without times, not a recorded run",
            NotRecorded::UntimedTrack => {
                "a track without times (drawn on a map or planned), not a recorded run"
            }
            NotRecorded::Waypoints => "only waypoints, not a recorded run",
            NotRecorded::TcxCourse => "a planned course, not a recorded run",
            NotRecorded::TcxWorkout => "a workout plan for a watch, not a recorded run",
            NotRecorded::RouteWithoutWorkout => "a route whose workout is not in this export; nothing to add",
            NotRecorded::HealthWithoutWorkouts => "Apple Health data without any workouts; nothing to add",
            NotRecorded::FitFile(kind) => return f.write_str(&fit_file_kind(*kind)),
        };
        f.write_str(text)
    }
}

/// The FIT profile's `file` types (FIT SDK Profile.xlsx, type `file`) as a runner
/// would name them.
fn fit_file_kind(kind: u8) -> String {
    let what = match kind {
        1 => "information about a device",
        2 => "settings from a watch",
        3 => "sport settings from a watch",
        5 => "a workout plan for a watch",
        6 => "a planned course",
        7 => "a training schedule",
        9 => "weight measurements",
        10 => "lifetime totals from a watch",
        11 => "goals set on a watch",
        14 => "blood pressure readings",
        15 | 28 | 32 => "all-day monitoring (steps, heart rate)",
        20 => "a summary of past activities",
        34 | 35 => "a segment to race on",
        40 => "data screen settings",
        _ => return format!("a FIT file of another kind (type {kind}), not a recorded run"),
    };
    format!("{what}, not a recorded run")
}

/// "20,000": limits in messages read better grouped.
fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "512 MiB": sizes in the unit a person would use.
fn bytes(n: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = KIB * 1024;
    const GIB: u64 = MIB * 1024;
    if n >= GIB && n.is_multiple_of(GIB) {
        format!("{} GiB", n / GIB)
    } else if n >= MIB {
        format!("{} MiB", n / MIB)
    } else if n >= KIB {
        format!("{} KiB", n / KIB)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_group_digits_and_name_units() {
        assert_eq!(
            ImportError::TooManyEntries { limit: 20_000 }.to_string(),
            "more than 20,000 entries — is this really an export?"
        );
        assert_eq!(count(999), "999");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(bytes(2 * 1024 * 1024 * 1024), "2 GiB");
        assert_eq!(bytes(300 * 1024 * 1024), "300 MiB");
        assert_eq!(bytes(12), "12 bytes");
        assert_eq!(
            ImportError::NotRecorded(NotRecorded::FitFile(5)).to_string(),
            "a workout plan for a watch, not a recorded run"
        );
        assert_eq!(
            NotRecorded::FitFile(99).to_string(),
            "a FIT file of another kind (type 99), not a recorded run"
        );
    }
}
