//! Zip and gzip reading under the [`Limits`]: sizes are checked while unpacking, never
//! trusted from headers, so a zip bomb stops after the first megabytes that give it
//! away.

use std::io::{Cursor, Read};

use crate::error::ImportError;
use crate::limits::Limits;

/// Entries smaller than this are not held to the compression ratio: tiny files of
/// repeated bytes compress absurdly well and are harmless.
const RATIO_FLOOR: u64 = 1 << 20;

/// Extensions worth unpacking; everything else in an export (photos, JSON) is passed
/// over without being read.
const WANTED: [&str; 6] = [".gpx", ".tcx", ".fit", ".gz", ".zip", ".csv"];

/// An opened zip archive.
pub(crate) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
}

/// One entry, as far as it was read.
pub(crate) enum Entry {
    Directory,
    /// Not an activity file by its name; not unpacked.
    Passed(String),
    /// Its path inside the archive and its unpacked bytes.
    Read(String, Result<Vec<u8>, ImportError>),
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Archive<'a>, ImportError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::Zip(e.to_string()))?;
        if zip.len() > limits.max_zip_entries {
            return Err(ImportError::TooManyEntries { limit: limits.max_zip_entries });
        }
        Ok(Archive { zip })
    }

    pub fn len(&self) -> usize {
        self.zip.len()
    }

    pub fn entry(&mut self, index: usize, limits: &Limits, unpacked: &mut u64) -> Entry {
        let path = match self.zip.name_for_index(index) {
            Some(name) => name.to_owned(),
            None => format!("entry {}", index.saturating_add(1)),
        };
        let lower = path.to_ascii_lowercase();
        if lower.ends_with('/') {
            return Entry::Directory;
        }
        if !WANTED.iter().any(|ext| lower.ends_with(ext)) {
            return Entry::Passed(path);
        }
        let file = match self.zip.by_index(index) {
            Ok(file) => file,
            Err(e) => return Entry::Read(path, Err(ImportError::Zip(e.to_string()))),
        };
        if file.is_dir() {
            return Entry::Directory;
        }
        if file.size() > limits.max_entry_bytes {
            return Entry::Read(path, Err(ImportError::EntryTooLarge { limit: limits.max_entry_bytes }));
        }
        let packed = file.compressed_size();
        let result = read_limited(file, packed, limits, unpacked, |e| ImportError::Zip(e.to_string()));
        Entry::Read(path, result)
    }
}

/// Unpacks `reader` (whose packed size is `packed`) into memory, stopping with the
/// limit's error as soon as the entry, the ratio or the import's total is exceeded.
/// `unpacked` is the import's running total.
pub(crate) fn read_limited(
    mut reader: impl Read,
    packed: u64,
    limits: &Limits,
    unpacked: &mut u64,
    io_error: impl Fn(&std::io::Error) -> ImportError,
) -> Result<Vec<u8>, ImportError> {
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    let ratio_cap = packed.max(1).saturating_mul(u64::from(limits.max_compression_ratio));
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_error(&e)),
        };
        out.extend_from_slice(chunk.get(..n).unwrap_or_default());
        let len = u64::try_from(out.len()).unwrap_or(u64::MAX);
        if len > limits.max_entry_bytes {
            return Err(ImportError::EntryTooLarge { limit: limits.max_entry_bytes });
        }
        if len > RATIO_FLOOR && len > ratio_cap {
            return Err(ImportError::CompressionRatio { limit: limits.max_compression_ratio });
        }
        if unpacked.saturating_add(len) > limits.max_total_bytes {
            return Err(ImportError::TotalTooLarge { limit: limits.max_total_bytes });
        }
    }
    *unpacked = unpacked.saturating_add(u64::try_from(out.len()).unwrap_or(u64::MAX));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_stop_unpacking_early() {
        let limits = Limits { max_entry_bytes: 3 << 20, max_total_bytes: 5 << 20, ..Limits::default() };
        let zeros = vec![0u8; 2 << 20];
        let mut total = 0;
        let err = |_: &std::io::Error| ImportError::Gzip(String::new());
        // 2 MiB from 1 KiB packed is a ratio of 2048.
        assert_eq!(
            read_limited(&zeros[..], 1024, &limits, &mut total, err),
            Err(ImportError::CompressionRatio { limit: 200 })
        );
        assert_eq!(read_limited(&zeros[..], 1 << 20, &limits, &mut total, err).map(|v| v.len()), Ok(2 << 20));
        assert_eq!(total, 2 << 20);
        assert_eq!(read_limited(&zeros[..], 1 << 20, &limits, &mut total, err).map(|v| v.len()), Ok(2 << 20));
        assert_eq!(
            read_limited(&zeros[..], 1 << 20, &limits, &mut total, err),
            Err(ImportError::TotalTooLarge { limit: 5 << 20 })
        );
        let big = vec![0u8; 4 << 20];
        assert_eq!(
            read_limited(&big[..], 4 << 20, &limits, &mut 0, err),
            Err(ImportError::EntryTooLarge { limit: 3 << 20 })
        );
    }
}
