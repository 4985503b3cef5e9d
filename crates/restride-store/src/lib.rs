//! Restride's storage boundary. The domain's types stay free to change; what is
//! written to disk is the versioned records here, converted at this edge.
//!
//! Layout in the key-value store: one key per calendar month of runs
//! (`restride.runs.YYYY-MM`), so saving a run rewrites one month, not the whole
//! history; `restride.settings`; and `restride.aside.*` for unreadable data that was
//! moved out of the way rather than overwritten.

pub mod backend;
pub mod record;
pub mod repo;

pub use backend::{BackendError, KeyValue, MemoryBackend};
pub use record::{DecodeError, SCHEMA_VERSION};
pub use repo::{Loaded, Problem, RunStore, SaveError};
