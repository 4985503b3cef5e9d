//! Restride's storage boundary. The domain's types stay free to change; what is
//! written to disk is the versioned records here, converted at this edge.
//!
//! Layout in the key-value store: one key per calendar month of runs
//! (`restride.runs.YYYY-MM`) and of wellness check-ins (`restride.wellness.YYYY-MM`),
//! so saving a run rewrites one month, not the whole history; `restride.settings`;
//! one key per planned week (`restride.plan.YYYY-MM-DD`), `restride.goal`,
//! `restride.setbacks`, `restride.deleted` (tombstones of deleted runs);
//! `restride.aside.*` for unreadable data that was moved out of the way rather
//! than overwritten; and `restride.device`, this device's own notes. Backups
//! (`backup`) carry all of it but the device's notes in one file; CSV
//! (`csv_export`) is a one-way export for spreadsheets.

pub mod backend;
pub mod backup;
pub mod csv_export;
pub mod deleted_record;
pub mod device_record;
pub mod plan_record;
pub mod record;
pub mod repo;
pub mod setback_record;

pub use backend::{BackendError, KeyValue, MemoryBackend};
pub use backup::{Backup, BackupError, Committed, Kept, MergeCounts, Prepared, RestoreReport, parse_backup};
pub use csv_export::export_runs_csv;
pub use deleted_record::Deleted;
pub use device_record::DeviceState;
pub use plan_record::Stamped;
pub use record::{DecodeError, SCHEMA_VERSION};
pub use repo::{KeyData, Loaded, Problem, SaveError, Store};
