//! Bounds on what one import may cost, so a zip bomb or an absurd file fails with a
//! message instead of freezing the tab or exhausting wasm's 4 GiB of memory.

/// Limits for one [`import_files`](crate::import_files) call (and the single-format
/// parsers). Exceeding one gives the [`ImportError`](crate::ImportError) variant named
/// after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file, in bytes. Default 1 GiB: a long-time Strava user's export
    /// with photos can be bigger, but the whole file has to sit in wasm memory, and an
    /// export of only the activities is far smaller.
    pub max_file_bytes: u64,
    /// Most entries in one zip archive. Default 20,000 (ten years of daily runs plus
    /// the export's other files is well below).
    pub max_zip_entries: usize,
    /// Largest unpacked size of one archive entry or gzip file. Default 512 MiB: one of
    /// Garmin's nested `UploadedFiles_*.zip` parts must fit.
    pub max_entry_bytes: u64,
    /// Most bytes unpacked by one import, all archives together. Default 4 GiB.
    pub max_total_bytes: u64,
    /// Highest unpacked/packed ratio of an entry bigger than 1 MiB. Default 200:
    /// activity files compress 3–30×, zip bombs by 1,000× and more.
    pub max_compression_ratio: u32,
    /// How many archives deep the import opens (a zip in a zip is 2). Default 2.
    pub max_nesting_depth: u8,
    /// Most track points (GPX/TCX trackpoints, FIT records) in one file. Default
    /// 500,000: a week-long 1-second recording is 604,800, a 24-hour race 86,400.
    pub max_track_points: usize,
    /// Most rows in a CSV file. Default 100,000 activities.
    pub max_csv_rows: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 1 << 30,
            max_zip_entries: 20_000,
            max_entry_bytes: 512 << 20,
            max_total_bytes: 4 << 30,
            max_compression_ratio: 200,
            max_nesting_depth: 2,
            max_track_points: 500_000,
            max_csv_rows: 100_000,
        }
    }
}
