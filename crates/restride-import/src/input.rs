//! What an import reads from: files as `Read + Seek` streams, never whole in memory.
//!
//! The worker gives each browser `File` as a reader over `Blob.slice`s; tests give
//! byte vectors. Everything between (zips, gzip, the readers of each format) pulls
//! from these streams one file at a time, so a multi-gigabyte export costs its
//! working set, not its size. Only activity files small enough to parse whole (GPX,
//! TCX, FIT, a CSV) are read into memory, within [`Limits::max_in_memory_bytes`]
//! for all of them together; Apple Health's `export.xml` and Garmin's summaries are
//! parsed as they stream by.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::io::{self, Cursor, Read, Seek, SeekFrom};

use crate::error::ImportError;
use crate::import::Progress;
use crate::limits::Limits;

/// A readable, seekable stream: a file.
pub trait ReadSeek: Read + Seek {}
impl<T: Read + Seek + ?Sized> ReadSeek for T {}

/// One file the runner chose.
pub struct Input<'r> {
    /// Its name, as shown in the summary.
    pub name: String,
    /// Its size in bytes (for the progress bar and the size limit).
    pub size: u64,
    /// Its content, or why it could not even be opened.
    pub content: Result<Box<dyn ReadSeek + 'r>, ImportError>,
}

impl Input<'static> {
    /// A file whose bytes are already in memory (tests, tools).
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        Input { name: name.into(), size, content: Ok(Box::new(Cursor::new(bytes))) }
    }

    /// A file that could not be opened.
    pub fn unreadable(name: impl Into<String>, size: u64, reason: ImportError) -> Self {
        Input { name: name.into(), size, content: Err(reason) }
    }
}

impl fmt::Debug for Input<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Input").field("name", &self.name).field("size", &self.size).finish_non_exhaustive()
    }
}

/// A reason found while streaming (a limit reached, a damaged archive), carried
/// through `io::Error` to where the entry is reported.
#[derive(Debug)]
struct Carried(ImportError);

impl fmt::Display for Carried {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Carried {}

/// An `io::Error` that carries `reason` to [`import_error`].
pub(crate) fn carry(reason: ImportError) -> io::Error {
    io::Error::other(Carried(reason))
}

/// A stream whose own errors are named by `name` (a zip entry's read as zip errors,
/// a gzip stream's as gzip errors); errors already carried pass unchanged.
pub(crate) struct Named<'a> {
    pub inner: &'a mut dyn Read,
    pub name: fn(&io::Error) -> ImportError,
}

impl Read for Named<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| carry(import_error(&e, self.name)))
    }
}

/// The [`ImportError`] an I/O error stands for: a limit reached while streaming, or
/// `otherwise` of the error.
pub(crate) fn import_error(
    err: &io::Error,
    otherwise: impl FnOnce(&io::Error) -> ImportError,
) -> ImportError {
    match err.get_ref().and_then(|inner| inner.downcast_ref::<Carried>()) {
        Some(Carried(reason)) => reason.clone(),
        None if err.kind() == io::ErrorKind::UnexpectedEof => ImportError::Truncated,
        None => otherwise(err),
    }
}

/// What one import shares across nested readers: bytes unpacked and held, and the
/// progress reported.
pub(crate) struct Shared<'p> {
    pub limits: Limits,
    /// Bytes unpacked from archives so far, against `max_total_bytes`.
    unpacked: Cell<u64>,
    /// Bytes of files held in memory right now, against `max_in_memory_bytes`.
    held: Cell<u64>,
    progress: RefCell<Progress>,
    on_progress: RefCell<&'p mut dyn FnMut(&Progress)>,
    /// Bytes of the top-level files already finished.
    finished: Cell<u64>,
    /// Bytes read from the current top-level file, and its size.
    current_read: Cell<u64>,
    current_size: Cell<u64>,
    /// `bytes_read` when progress was last reported, and the step between reports.
    last_reported: Cell<u64>,
    step: u64,
}

impl<'p> Shared<'p> {
    pub fn new(
        limits: &Limits,
        files: usize,
        bytes_total: u64,
        on_progress: &'p mut dyn FnMut(&Progress),
    ) -> Self {
        Shared {
            limits: limits.clone(),
            unpacked: Cell::new(0),
            held: Cell::new(0),
            progress: RefCell::new(Progress {
                done: 0,
                total: files,
                bytes_read: 0,
                bytes_total,
                current: String::new(),
            }),
            on_progress: RefCell::new(on_progress),
            finished: Cell::new(0),
            current_read: Cell::new(0),
            current_size: Cell::new(0),
            last_reported: Cell::new(0),
            // Often enough for a smooth bar (every 1/200 of the whole), rarely enough
            // that posting costs nothing next to reading (1 MiB at least).
            step: (bytes_total / 200).max(1 << 20),
        }
    }

    fn report(&self) {
        let (Ok(progress), Ok(mut callback)) =
            (self.progress.try_borrow(), self.on_progress.try_borrow_mut())
        else {
            return;
        };
        self.last_reported.set(progress.bytes_read);
        callback(&progress);
    }

    fn update(&self, change: impl FnOnce(&mut Progress)) {
        if let Ok(mut progress) = self.progress.try_borrow_mut() {
            change(&mut progress);
        }
    }

    /// A top-level file of `size` bytes starts.
    pub fn start_file(&self, size: u64) {
        self.current_read.set(0);
        self.current_size.set(size);
    }

    /// The current top-level file is done: all its bytes count as read.
    pub fn finish_file(&self) {
        self.finished.set(self.finished.get().saturating_add(self.current_size.get()));
        self.current_read.set(0);
        self.current_size.set(0);
        let bytes = self.finished.get();
        self.update(|p| p.bytes_read = bytes);
    }

    /// `n` more bytes of the current top-level file were read.
    fn read(&self, n: usize) {
        let read = self.current_read.get().saturating_add(u64::try_from(n).unwrap_or(u64::MAX));
        self.current_read.set(read);
        let bytes = self.finished.get().saturating_add(read.min(self.current_size.get()));
        self.update(|p| p.bytes_read = bytes);
        if bytes >= self.last_reported.get().saturating_add(self.step) {
            self.report();
        }
    }

    /// A file or archive entry is finished.
    pub fn step(&self, name: &str) {
        self.update(|p| {
            p.done = p.done.saturating_add(1);
            name.clone_into(&mut p.current);
        });
        self.report();
    }

    /// `count` more files or entries are known (an archive was opened).
    pub fn add_total(&self, count: usize) {
        self.update(|p| p.total = p.total.saturating_add(count));
    }

    /// `count` entries will not be read (the import's total was reached).
    pub fn skip_entries(&self, count: usize) {
        self.update(|p| p.done = p.done.saturating_add(count));
    }
}

/// A top-level file whose reads move the progress bar.
pub(crate) struct Counted<'s, 'p, R> {
    pub inner: R,
    pub shared: &'s Shared<'p>,
}

impl<R: Read> Read for Counted<'_, '_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.shared.read(n);
        Ok(n)
    }
}

impl<R: Seek> Seek for Counted<'_, '_, R> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// Entries smaller than this are not held to the compression ratio: tiny files of
/// repeated bytes compress absurdly well and are harmless.
const RATIO_FLOOR: u64 = 1 << 20;

/// An entry or gzip stream being unpacked: stops with the limit's error as soon as
/// its ratio or the import's total unpacked bytes are exceeded. Sizes are counted
/// while reading, never trusted from headers, so a zip bomb stops after the first
/// megabytes that give it away.
pub(crate) struct Unpacking<'s, 'p, R> {
    pub inner: R,
    /// The entry's packed size.
    pub packed: u64,
    read: u64,
    shared: &'s Shared<'p>,
}

impl<'s, 'p, R: Read> Unpacking<'s, 'p, R> {
    pub fn new(inner: R, packed: u64, shared: &'s Shared<'p>) -> Self {
        Unpacking { inner, packed, read: 0, shared }
    }
}

impl<R: Read> Read for Unpacking<'_, '_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let n64 = u64::try_from(n).unwrap_or(u64::MAX);
        self.read = self.read.saturating_add(n64);
        let limits = &self.shared.limits;
        let ratio_cap = self.packed.max(1).saturating_mul(u64::from(limits.max_compression_ratio));
        if self.read > RATIO_FLOOR && self.read > ratio_cap {
            return Err(carry(ImportError::CompressionRatio { limit: limits.max_compression_ratio }));
        }
        let total = self.shared.unpacked.get().saturating_add(n64);
        self.shared.unpacked.set(total);
        if total > limits.max_total_bytes {
            return Err(carry(ImportError::TotalTooLarge { limit: limits.max_total_bytes }));
        }
        Ok(n)
    }
}

/// Bytes held in memory, counted against [`Limits::max_in_memory_bytes`] until
/// dropped.
pub(crate) struct Held<'s, 'p> {
    pub bytes: Vec<u8>,
    counted: u64,
    shared: &'s Shared<'p>,
}

impl Drop for Held<'_, '_> {
    fn drop(&mut self) {
        self.shared.held.set(self.shared.held.get().saturating_sub(self.counted));
    }
}

/// Reads all of `reader` into memory: a file small enough to parse whole. `declared`
/// is the size its container gave (0 if unknown); the reservation is made once from
/// it, and the read stops with [`ImportError::EntryTooLarge`] past what one file, or
/// all files held at once, may take.
pub(crate) fn read_whole<'s, 'p>(
    reader: &mut dyn Read,
    declared: u64,
    shared: &'s Shared<'p>,
    io_error: impl Fn(&io::Error) -> ImportError,
) -> Result<Held<'s, 'p>, ImportError> {
    let limits = &shared.limits;
    let room = limits.max_in_memory_bytes.saturating_sub(shared.held.get());
    let cap = limits.max_entry_bytes.min(room);
    let too_large = ImportError::EntryTooLarge { limit: cap };
    if declared > cap {
        return Err(too_large);
    }
    // Reserved once: growing by doubling could take twice the file's size.
    let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
    let mut limited = reader.take(cap.saturating_add(1));
    loop {
        match limited.read_to_end(&mut bytes) {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(import_error(&e, &io_error)),
        }
    }
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > cap {
        return Err(too_large);
    }
    shared.held.set(shared.held.get().saturating_add(len));
    Ok(Held { bytes, counted: len, shared })
}

/// Reads up to `n` bytes from the start of `reader` (fewer only at its end).
pub(crate) fn read_head(reader: &mut dyn Read, n: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(n);
    let mut limited = reader.take(u64::try_from(n).unwrap_or(u64::MAX));
    loop {
        match limited.read_to_end(&mut head) {
            Ok(_) => return Ok(head),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(limits: &Limits) -> Shared<'static> {
        let callback: &'static mut dyn FnMut(&Progress) = Box::leak(Box::new(|_: &Progress| {}));
        Shared::new(limits, 1, 0, callback)
    }

    #[test]
    fn unpacking_stops_at_the_ratio_and_the_total() {
        let limits = Limits { max_total_bytes: 5 << 20, ..Limits::default() };
        let shared = shared(&limits);
        let zeros = vec![0u8; 2 << 20];
        let mut sink = Vec::new();
        // 2 MiB from 1 KiB packed is a ratio of 2048.
        let err = Unpacking::new(&zeros[..], 1024, &shared).read_to_end(&mut sink).err();
        assert_eq!(
            err.map(|e| import_error(&e, |_| ImportError::Unreadable)),
            Some(ImportError::CompressionRatio { limit: 200 })
        );
        for _ in 0..2 {
            assert!(Unpacking::new(&zeros[..], 1 << 20, &shared).read_to_end(&mut Vec::new()).is_ok());
        }
        let err = Unpacking::new(&zeros[..], 1 << 20, &shared).read_to_end(&mut Vec::new()).err();
        assert_eq!(
            err.map(|e| import_error(&e, |_| ImportError::Unreadable)),
            Some(ImportError::TotalTooLarge { limit: 5 << 20 })
        );
    }

    #[test]
    fn files_held_at_once_share_the_memory_cap() {
        let limits = Limits { max_entry_bytes: 3 << 20, max_in_memory_bytes: 4 << 20, ..Limits::default() };
        let shared = shared(&limits);
        let err = |_: &io::Error| ImportError::Unreadable;
        let three = vec![1u8; 3 << 20];
        let first = read_whole(&mut &three[..], 0, &shared, err).map(|h| h.bytes.len());
        assert_eq!(first, Ok(3 << 20), "dropped right away: nothing stays held");
        let held = read_whole(&mut &three[..], 3 << 20, &shared, err);
        assert!(held.is_ok());
        // 1 MiB of room left while the first is held.
        assert_eq!(
            read_whole(&mut &three[..], 0, &shared, err).map(|h| h.bytes.len()),
            Err(ImportError::EntryTooLarge { limit: 1 << 20 })
        );
        drop(held);
        let big = vec![1u8; 5 << 20];
        assert_eq!(
            read_whole(&mut &big[..], 5 << 20, &shared, err).map(|h| h.bytes.len()),
            Err(ImportError::EntryTooLarge { limit: 3 << 20 }),
            "a declared size over the cap is refused before reading"
        );
    }
}
