//! Bounds on what one import may cost, so a zip bomb or an absurd file fails with a
//! message instead of freezing the tab or exhausting memory.

/// Limits for one [`import_files`](crate::import_files) call (and the single-format
/// parsers). Exceeding one gives the [`ImportError`](crate::ImportError) variant named
/// after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file, in bytes. Default 16 GiB: files are streamed, never held
    /// whole, so this only bounds the time an import can take (Apple Health exports
    /// of many years run to several GB).
    pub max_file_bytes: u64,
    /// Most entries in one zip archive. Default 20,000 (ten years of daily runs plus
    /// the export's other files is well below).
    pub max_zip_entries: usize,
    /// Largest file that is read whole into memory to be parsed: a GPX, TCX, FIT or
    /// CSV, or a compressed zip inside a zip. Default 128 MiB (a 500,000-point GPX
    /// with heart rate is about 130 MB; a FIT file of a day's recording under 10 MB).
    /// Apple Health's export.xml and Garmin's summaries stream and are not bound by it.
    pub max_entry_bytes: u64,
    /// Most bytes held in memory at once by files read whole (a nested zip and a file
    /// from it). Default 160 MiB: with the track points of one activity (at most
    /// 500,000 × 48 bytes) and the reading buffers, an import stays under 256 MiB.
    pub max_in_memory_bytes: u64,
    /// Most bytes unpacked by one import, all archives together. Default 64 GiB: a
    /// bound on time, not memory (everything streams).
    pub max_total_bytes: u64,
    /// Highest unpacked/packed ratio of an entry bigger than 1 MiB. Default 200:
    /// activity files compress 3–30×, zip bombs by 1,000× and more.
    pub max_compression_ratio: u32,
    /// How many archives deep the import opens (a zip in a zip is 2). Default 2.
    pub max_nesting_depth: u8,
    /// Most track points (GPX/TCX trackpoints, FIT records) in one file. Default
    /// 500,000: a week-long 1-second recording is 604,800, a 24-hour race 86,400.
    pub max_track_points: usize,
    /// Most rows in a CSV file, workouts in an Apple Health export.xml or activities
    /// in a Garmin summaries file. Default 100,000 activities.
    pub max_csv_rows: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 16 << 30,
            max_zip_entries: 20_000,
            max_entry_bytes: 128 << 20,
            max_in_memory_bytes: 160 << 20,
            max_total_bytes: 64 << 30,
            max_compression_ratio: 200,
            max_nesting_depth: 2,
            max_track_points: 500_000,
            max_csv_rows: 100_000,
        }
    }
}
