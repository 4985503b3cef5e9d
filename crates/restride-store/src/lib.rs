//! Restride's storage boundary. The domain's types stay free to change; what is
//! written to disk is the versioned records here, converted at this edge.
//!
//! Layout in the key-value store: one key per calendar month of runs
//! (`restride.runs.YYYY-MM`) and of wellness check-ins (`restride.wellness.YYYY-MM`),
//! so saving a run rewrites one month, not the whole history; `restride.settings`;
//! and `restride.aside.*` for unreadable data that was moved out of the way rather
//! than overwritten. Backups (`backup`) carry the same records in one file; CSV
//! (`csv_export`) is a one-way export for spreadsheets.

pub mod backend;
pub mod backup;
pub mod csv_export;
pub mod plan_record;
pub mod record;
pub mod repo;
pub mod setback_record;

pub use backend::{BackendError, KeyValue, MemoryBackend};
pub use backup::{Backup, BackupError, MergeCounts, RestoreReport, export_backup, parse_backup};
pub use csv_export::export_runs_csv;
pub use record::{DecodeError, SCHEMA_VERSION};
pub use repo::{Loaded, Problem, SaveError, Store};
