//! Timestamps as activity files write them.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};

/// A parsed timestamp: the instant, and the offset when the text named one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub utc: DateTime<Utc>,
    /// `Some` for a numeric offset (`+02:00`), `None` for `Z` or no zone: "Z" says the
    /// writer used UTC, not that the runner was in it.
    pub offset: Option<FixedOffset>,
}

/// ISO 8601 / RFC 3339 as in GPX and TCX; without a zone, UTC is assumed (TCX and GPX
/// define their times as UTC).
pub(crate) fn parse_iso(text: &str) -> Option<Stamp> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        let zulu = text.ends_with(['Z', 'z']);
        return Some(Stamp { utc: t.with_timezone(&Utc), offset: (!zulu).then(|| *t.offset()) });
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Some(Stamp { utc: t.and_utc(), offset: None });
        }
    }
    None
}

pub(crate) fn millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub(crate) fn from_millis(ms: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zulu_has_no_known_offset_numeric_offsets_do() {
        let z = parse_iso("2024-03-12T18:00:00Z").unwrap();
        assert_eq!(z.utc.to_rfc3339(), "2024-03-12T18:00:00+00:00");
        assert_eq!(z.offset, None);
        let local = parse_iso("2024-03-12T19:00:00.250+01:00").unwrap();
        assert_eq!(local.utc.timestamp_millis(), z.utc.timestamp_millis() + 250);
        assert_eq!(local.offset, FixedOffset::east_opt(3600));
        assert!(parse_iso("2024-03-12T18:00:00").unwrap().offset.is_none());
        assert!(parse_iso("yesterday").is_none());
    }
}
