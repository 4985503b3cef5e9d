//! Deleted runs as stored: one key, `restride.deleted`, holding a tombstone (the
//! run's id and when it was deleted) for every run the runner deleted.
//!
//! A tombstone is what lets a deletion travel: without it, the deleted run's copy
//! in an older backup, another device's backup or a tab left open would simply be
//! "new" again. A run is there when its newest version was changed after its
//! tombstone, so an undo (which saves the run again, later) brings it back, and a
//! merge takes, per id, the newest version and the latest tombstone: commutative,
//! associative and idempotent, so devices agree whatever order they merge in.
//!
//! Tombstones are kept for good. Each is about 70 bytes; a deleted run must not come
//! back from a backup of any age, and a runner deleting a run a week adds under
//! 4 KB a year (a run's own record is 300 bytes or more).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use restride_core::RunId;
use serde::{Deserialize, Serialize};

use crate::record::{DecodeError, SCHEMA_VERSION, Versioned, decode_text, time_from_ms};

/// Deleted runs: when each was deleted, by id.
pub type Deleted = BTreeMap<RunId, DateTime<Utc>>;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeletedRecord {
    pub schema: u32,
    /// By id, ascending.
    pub runs: Vec<TombstoneRecord>,
}

impl Versioned for DeletedRecord {
    fn schema(&self) -> u32 {
        self.schema
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TombstoneRecord {
    pub id: String,
    pub deleted_ms: i64,
}

pub fn encode_deleted(deleted: &Deleted) -> String {
    let record = DeletedRecord { schema: SCHEMA_VERSION, runs: to_records(deleted) };
    // Plain strings and numbers: serialising cannot fail.
    serde_json::to_string(&record).unwrap_or_default()
}

pub(crate) fn to_records(deleted: &Deleted) -> Vec<TombstoneRecord> {
    deleted
        .iter()
        .map(|(id, at)| TombstoneRecord { id: id.to_string(), deleted_ms: at.timestamp_millis() })
        .collect()
}

pub fn decode_deleted(json: &str) -> Result<Deleted, DecodeError> {
    from_records(decode_text::<DeletedRecord>(json)?.runs)
}

pub(crate) fn from_records(records: Vec<TombstoneRecord>) -> Result<Deleted, DecodeError> {
    let mut deleted = Deleted::new();
    for r in records {
        let bad = |what: &str| DecodeError::InvalidDeleted(format!("{what} ({})", r.id));
        let id = RunId::parse(&r.id).ok_or_else(|| bad("bad id"))?;
        let at = time_from_ms(r.deleted_ms).ok_or_else(|| bad("bad time"))?;
        add(&mut deleted, id, at);
    }
    Ok(deleted)
}

/// Notes that run `id` was deleted at `at`; of two tombstones the later stands.
pub fn add(deleted: &mut Deleted, id: RunId, at: DateTime<Utc>) {
    deleted.entry(id).and_modify(|kept| *kept = (*kept).max(at)).or_insert(at);
}

/// Both lists as one: per id, the later tombstone.
pub fn merge_deleted(ours: &Deleted, theirs: &Deleted) -> Deleted {
    let mut merged = ours.clone();
    for (id, at) in theirs {
        add(&mut merged, id.clone(), *at);
    }
    merged
}

/// Whether a run version changed at `updated` is gone: deleted at or after it.
pub fn is_deleted(deleted: &Deleted, id: &RunId, updated: DateTime<Utc>) -> bool {
    deleted.get(id).is_some_and(|at| *at >= updated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn id(n: u8) -> RunId {
        RunId::v7(1_700_000_000_000, [n; 10])
    }

    fn at(ms: i64) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(1_700_000_000_000 + ms).unwrap()
    }

    #[test]
    fn round_trips_sorted_and_refuses_damage() {
        let mut d = Deleted::new();
        add(&mut d, id(2), at(5));
        add(&mut d, id(1), at(9));
        add(&mut d, id(1), at(3));
        let json = encode_deleted(&d);
        assert!(json.starts_with(&format!("{{\"schema\":{SCHEMA_VERSION},\"runs\":[{{\"id\":\"{}", id(1))));
        assert_eq!(decode_deleted(&json), Ok(d.clone()));
        assert_eq!(d[&id(1)], at(9), "the later tombstone stands");
        assert!(matches!(
            decode_deleted(r#"{"schema":5,"runs":[{"id":"nope","deleted_ms":1}]}"#),
            Err(DecodeError::InvalidDeleted(_))
        ));
        assert!(matches!(
            decode_deleted(r#"{"schema":5,"runs":[],"shoes":[]}"#),
            Err(DecodeError::Unknown(_))
        ));
    }

    #[test]
    fn a_run_changed_after_its_deletion_is_back() {
        let mut d = Deleted::new();
        add(&mut d, id(1), at(10));
        assert!(is_deleted(&d, &id(1), at(10)));
        assert!(is_deleted(&d, &id(1), at(9)));
        assert!(!is_deleted(&d, &id(1), at(11)));
        assert!(!is_deleted(&d, &id(2), at(0)));
    }

    fn arb() -> impl Strategy<Value = Deleted> {
        proptest::collection::vec((0u8..8, 0i64..20), 0..10).prop_map(|pairs| {
            let mut d = Deleted::new();
            for (n, ms) in pairs {
                add(&mut d, id(n), at(ms));
            }
            d
        })
    }

    proptest! {
        #[test]
        fn merging_is_order_independent_idempotent_and_associative(a in arb(), b in arb(), c in arb()) {
            let ab = merge_deleted(&a, &b);
            prop_assert_eq!(&ab, &merge_deleted(&b, &a));
            prop_assert_eq!(&merge_deleted(&ab, &b), &ab);
            prop_assert_eq!(merge_deleted(&ab, &c), merge_deleted(&a, &merge_deleted(&b, &c)));
        }
    }
}
