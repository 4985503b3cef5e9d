//! Illness and injury as stored: one key, `restride.setbacks`, holding every
//! setback the runner reported (a handful a year, so one key costs nothing and a
//! change rewrites one small value).
//!
//! Setbacks merge without timestamps: the same setback is the same kind starting
//! the same day, and of two copies the one that knows more wins (an end beats none,
//! a later end beats an earlier one). That is commutative and idempotent, so a
//! backup restored twice, or two devices' backups in either order, agree.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use restride_core::{Setback, SetbackKind};
use serde::{Deserialize, Serialize};

use crate::record::{DecodeError, SCHEMA_VERSION, Versioned, decode_text, in_years};

const DATE: &str = "%Y-%m-%d";

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetbacksRecord {
    pub schema: u32,
    pub setbacks: Vec<SetbackRecord>,
}

impl Versioned for SetbacksRecord {
    fn schema(&self) -> u32 {
        self.schema
    }
}

/// One setback: `kind` is `head-cold`, `ill` or `injured`; `end` is the day the
/// runner was back, absent while it lasts.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetbackRecord {
    pub kind: String,
    pub start: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

impl From<&Setback> for SetbackRecord {
    fn from(s: &Setback) -> Self {
        Self {
            kind: s.kind.slug().to_string(),
            start: s.start.format(DATE).to_string(),
            end: s.end.map(|e| e.format(DATE).to_string()),
        }
    }
}

impl TryFrom<SetbackRecord> for Setback {
    type Error = DecodeError;

    fn try_from(r: SetbackRecord) -> Result<Self, DecodeError> {
        let bad =
            |reason: &str| DecodeError::InvalidSetback { start: r.start.clone(), reason: reason.into() };
        let kind = SetbackKind::from_slug(&r.kind)
            .ok_or_else(|| DecodeError::unknown("an illness or injury", &r.kind))?;
        let day = |d: &str| NaiveDate::parse_from_str(d, DATE).ok().filter(|d| in_years(*d));
        let start = day(&r.start).ok_or_else(|| bad("bad first day"))?;
        let end = match &r.end {
            None => None,
            Some(e) => Some(day(e).ok_or_else(|| bad("bad day back"))?),
        };
        if end.is_some_and(|e| e <= start) {
            return Err(bad("back before it began"));
        }
        Ok(Setback { kind, start, end })
    }
}

/// Oldest first, one per kind and first day.
pub fn encode_setbacks(setbacks: &[Setback]) -> String {
    let record = SetbacksRecord {
        schema: SCHEMA_VERSION,
        setbacks: setbacks.iter().map(SetbackRecord::from).collect(),
    };
    // Plain strings: serialising cannot fail.
    serde_json::to_string(&record).unwrap_or_default()
}

pub fn decode_setbacks(json: &str) -> Result<Vec<Setback>, DecodeError> {
    decode_list(decode_text::<SetbacksRecord>(json)?.setbacks)
}

pub(crate) fn decode_list(records: Vec<SetbackRecord>) -> Result<Vec<Setback>, DecodeError> {
    let setbacks = records.into_iter().map(Setback::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok(merge_setbacks(&setbacks, &[]))
}

/// `ours` and `theirs` as one list, oldest first: one setback per kind and first day,
/// the copy that knows more winning (see the module notes).
pub fn merge_setbacks(ours: &[Setback], theirs: &[Setback]) -> Vec<Setback> {
    let mut by_start: BTreeMap<(NaiveDate, SetbackKind), Setback> = BTreeMap::new();
    for s in ours.iter().chain(theirs) {
        by_start.entry((s.start, s.kind)).and_modify(|kept| kept.end = kept.end.max(s.end)).or_insert(*s);
    }
    by_start.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn round_trips_oldest_first() {
        let ill = Setback { kind: SetbackKind::Ill, start: day(10), end: Some(day(14)) };
        let injured = Setback { kind: SetbackKind::Injured, start: day(20), end: None };
        let json = encode_setbacks(&[injured, ill]);
        assert!(json.starts_with(&format!("{{\"schema\":{SCHEMA_VERSION},")));
        assert_eq!(decode_setbacks(&json).unwrap(), vec![ill, injured]);
    }

    #[test]
    fn unreadable_setbacks_are_errors() {
        for bad in [
            r#"{"schema":4,"setbacks":[{"kind":"ill","start":"2026-13-01"}]}"#,
            r#"{"schema":4,"setbacks":[{"kind":"ill","start":"2026-11-05","end":"2026-11-05"}]}"#,
        ] {
            assert!(matches!(decode_setbacks(bad), Err(DecodeError::InvalidSetback { .. })), "{bad}");
        }
        // A kind this version doesn't know is a newer version's, not damage.
        let newer = decode_setbacks(r#"{"schema":4,"setbacks":[{"kind":"flu","start":"2026-11-01"}]}"#);
        assert_eq!(newer, Err(DecodeError::Unknown("an illness or injury \"flu\"".into())));
    }

    #[test]
    fn the_copy_that_knows_more_wins() {
        let open = Setback { kind: SetbackKind::Ill, start: day(3), end: None };
        let closed = Setback { end: Some(day(9)), ..open };
        assert_eq!(merge_setbacks(&[open], &[closed]), vec![closed]);
        assert_eq!(merge_setbacks(&[closed], &[open]), vec![closed]);
    }

    fn arb_setback() -> impl Strategy<Value = Setback> {
        (0..3usize, 1..20u32, proptest::option::of(1..9u32)).prop_map(|(k, start, len)| Setback {
            kind: SetbackKind::ALL[k],
            start: day(start),
            end: len.map(|l| day(start + l)),
        })
    }

    proptest! {
        #[test]
        fn merging_is_order_independent_and_idempotent(
            a in proptest::collection::vec(arb_setback(), 0..6),
            b in proptest::collection::vec(arb_setback(), 0..6),
        ) {
            let ab = merge_setbacks(&a, &b);
            prop_assert_eq!(&ab, &merge_setbacks(&b, &a));
            prop_assert_eq!(&merge_setbacks(&ab, &b), &ab);
            prop_assert_eq!(&merge_setbacks(&ab, &ab), &ab);
        }
    }
}
