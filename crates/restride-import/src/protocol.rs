//! The messages between the import page and its Web Worker, one typed enum each
//! way, shared by both sides so they cannot drift apart.
//!
//! Each message travels as JSON (`{"protocol": 2, "message": {...}}`); the files go
//! beside it as `File` objects, which JSON cannot carry. Both sides check the
//! protocol number: a tab left open on an older version, starting a newer worker
//! (or the reverse), gets [`Refusal::OtherVersion`] and tells the runner to reload,
//! rather than misreading the other's messages.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::dedup::ExistingRun;
use crate::runs::ImportSummary;

/// Bumped whenever a message's shape changes.
pub const PROTOCOL_VERSION: u32 = 2;

/// Page → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ToWorker {
    /// Import the files sent beside this message, leaving out duplicates of
    /// `existing` (the runs already saved).
    Import {
        /// What the page knows of the runs already saved.
        existing: Vec<ExistingRun>,
    },
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker runs and listens (anything posted before this would be lost).
    Ready,
    /// How far the import is.
    Progress {
        /// Bytes of the chosen files read, and all of them.
        bytes_read: u64,
        /// All the chosen files' bytes.
        bytes_total: u64,
        /// The file or archive entry just finished.
        current: String,
    },
    /// The import is done; nothing has been saved yet.
    Done {
        /// What was found.
        summary: ImportSummary,
        /// What it cost.
        stats: WorkerStats,
    },
    /// The worker would not import: the runner is told why.
    Refused {
        /// Why.
        reason: Refusal,
    },
}

/// What an import cost the worker, for the runner's peace of mind and the benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WorkerStats {
    /// The worker's wasm memory at the end: its high-water mark, since wasm memory
    /// never shrinks.
    pub wasm_memory_bytes: u64,
    /// Milliseconds from the message to the summary.
    pub elapsed_ms: u64,
}

/// Why a message was not acted on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Refusal {
    /// The other side speaks another protocol version: one of them is from an
    /// older copy of Restride.
    OtherVersion {
        /// The version this side speaks.
        ours: u32,
        /// The version the message had.
        theirs: u32,
    },
    /// The message could not be read (the runs already saved among it, say).
    Unreadable {
        /// What the JSON reader said.
        detail: String,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::OtherVersion { .. } => f.write_str(
                "Restride was updated while this page was open, and the importer is from the other version. Reload the page and import again.",
            ),
            Refusal::Unreadable { detail } => write!(
                f,
                "The importer could not read the list of runs already saved ({detail}), so it could not tell which runs are already here."
            ),
        }
    }
}

#[derive(Serialize)]
struct Outgoing<'a, T> {
    protocol: u32,
    message: &'a T,
}

#[derive(Deserialize)]
struct Incoming<T> {
    protocol: u32,
    message: T,
}

#[derive(Deserialize)]
struct VersionOnly {
    protocol: u32,
}

/// A message as JSON, with the protocol version.
pub fn encode<T: Serialize>(message: &T) -> Result<String, Refusal> {
    serde_json::to_string(&Outgoing { protocol: PROTOCOL_VERSION, message })
        .map_err(|e| Refusal::Unreadable { detail: e.to_string() })
}

/// A message from JSON, refused if it is from another protocol version or
/// unreadable. Parsed once; only a message that fails is looked at again, for its
/// version.
pub fn decode<T: DeserializeOwned>(json: &str) -> Result<T, Refusal> {
    match serde_json::from_str::<Incoming<T>>(json) {
        Ok(incoming) if incoming.protocol == PROTOCOL_VERSION => Ok(incoming.message),
        Ok(incoming) => Err(Refusal::OtherVersion { ours: PROTOCOL_VERSION, theirs: incoming.protocol }),
        Err(e) => match serde_json::from_str::<VersionOnly>(json) {
            Ok(v) if v.protocol != PROTOCOL_VERSION => {
                Err(Refusal::OtherVersion { ours: PROTOCOL_VERSION, theirs: v.protocol })
            }
            _ => Err(Refusal::Unreadable { detail: e.to_string() }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_with_their_version() {
        let message = ToWorker::Import { existing: Vec::new() };
        let json = encode(&message).unwrap_or_default();
        assert_eq!(json, r#"{"protocol":2,"message":{"kind":"import","existing":[]}}"#);
        assert_eq!(decode::<ToWorker>(&json), Ok(message));
        let progress = FromWorker::Progress { bytes_read: 5, bytes_total: 10, current: "a.gpx".into() };
        assert_eq!(decode::<FromWorker>(&encode(&progress).unwrap_or_default()), Ok(progress));
    }

    #[test]
    fn another_version_or_a_broken_message_is_refused() {
        let newer = r#"{"protocol":3,"message":{"kind":"import","existing":[],"options":{}}}"#;
        assert_eq!(decode::<ToWorker>(newer), Err(Refusal::OtherVersion { ours: 2, theirs: 3 }));
        let older = r#"{"protocol":1,"message":{"kind":"something_else"}}"#;
        assert_eq!(decode::<ToWorker>(older), Err(Refusal::OtherVersion { ours: 2, theirs: 1 }));
        // The runs already saved, unreadable: an error the runner sees, never "no runs".
        let broken = r#"{"protocol":2,"message":{"kind":"import","existing":[{"start_utc":"yesterday"}]}}"#;
        let refusal = decode::<ToWorker>(broken);
        assert!(matches!(&refusal, Err(Refusal::Unreadable { .. })), "{refusal:?}");
        let said = refusal.err().map(|r| r.to_string()).unwrap_or_default();
        assert!(said.contains("could not tell which runs are already here"), "{said}");
        assert!(matches!(decode::<ToWorker>("not json"), Err(Refusal::Unreadable { .. })));
    }
}
