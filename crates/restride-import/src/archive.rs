//! Zip archives read from a seekable stream: the central directory first, then one
//! entry at a time. A stored entry (a zip kept uncompressed inside a zip) is read
//! in place by seeking; a compressed one streams through its decompressor.

use crate::error::ImportError;
use crate::input::ReadSeek;
use crate::limits::Limits;

/// Extensions worth opening; everything else in an export (photos, GPS-less
/// clinical records, media) is passed over without being read.
const WANTED: [&str; 8] = [".gpx", ".tcx", ".fit", ".gz", ".zip", ".csv", ".xml", ".json"];

/// An opened zip archive.
pub(crate) struct Archive<'a> {
    zip: zip::ZipArchive<&'a mut dyn ReadSeek>,
}

/// One entry, before it is read.
pub(crate) enum Entry<'z, 'a> {
    Directory,
    /// Not an activity file by its name; not unpacked.
    Passed(String),
    /// Could not be opened.
    Broken(String, ImportError),
    /// Kept uncompressed: read in place, seekable.
    Stored(String, u64, zip::read::ZipFileSeek<'z, &'a mut dyn ReadSeek>),
    /// Compressed: its unpacked size as declared, its packed size, and the stream.
    Packed(String, u64, u64, zip::read::ZipFile<'z, &'a mut dyn ReadSeek>),
}

impl<'a> Archive<'a> {
    pub fn open(reader: &'a mut dyn ReadSeek, limits: &Limits) -> Result<Archive<'a>, ImportError> {
        let zip = zip::ZipArchive::new(reader).map_err(|e| ImportError::Zip(e.to_string()))?;
        if zip.len() > limits.max_zip_entries {
            return Err(ImportError::TooManyEntries { limit: limits.max_zip_entries });
        }
        Ok(Archive { zip })
    }

    pub fn len(&self) -> usize {
        self.zip.len()
    }

    pub fn entry(&mut self, index: usize) -> Entry<'_, 'a> {
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
        let (stored, size) = match self.zip.by_index_raw(index) {
            Ok(file) if file.is_dir() => return Entry::Directory,
            Ok(file) => (file.compression() == zip::CompressionMethod::Stored, file.size()),
            Err(e) => return Entry::Broken(path, ImportError::Zip(e.to_string())),
        };
        if stored {
            return match self.zip.by_index_seek(index) {
                Ok(file) => Entry::Stored(path, size, file),
                Err(e) => Entry::Broken(path, ImportError::Zip(e.to_string())),
            };
        }
        match self.zip.by_index(index) {
            Ok(file) => {
                let packed = file.compressed_size();
                Entry::Packed(path, size, packed, file)
            }
            Err(e) => Entry::Broken(path, ImportError::Zip(e.to_string())),
        }
    }
}
