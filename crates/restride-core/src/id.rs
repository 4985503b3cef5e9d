//! Run identifiers: UUID version 7 (RFC 9562), so ids sort by creation time and two
//! devices never collide when their backups are merged.

use std::fmt;

/// A run's id, the canonical lower-case hyphenated UUID text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RunId(String);

impl RunId {
    /// A UUIDv7 from a Unix time in milliseconds and ten random bytes. The caller
    /// supplies the randomness, which keeps this crate free of I/O.
    pub fn v7(unix_ms: u64, random: [u8; 10]) -> Self {
        let mut b = [0u8; 16];
        b[..6].copy_from_slice(&unix_ms.to_be_bytes()[2..]);
        b[6..].copy_from_slice(&random);
        b[6] = 0x70 | (b[6] & 0x0f); // version 7
        b[8] = 0x80 | (b[8] & 0x3f); // RFC 9562 variant
        let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
        Self(format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32]))
    }

    /// Accepts any UUID text (any version, either case): ids from backups and
    /// imports are kept as they were written, normalised to lower case.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        let shape_ok = t.len() == 36
            && t.char_indices().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_hexdigit(),
            });
        shape_ok.then(|| Self(t.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v7_has_version_variant_and_time_prefix() {
        let id = RunId::v7(0x0190_1234_5678, [0xff; 10]);
        assert_eq!(id.as_str(), "01901234-5678-7fff-bfff-ffffffffffff");
        assert_eq!(RunId::parse(id.as_str()), Some(id));
    }

    #[test]
    fn v7_ids_sort_by_time() {
        let a = RunId::v7(1_700_000_000_000, [9; 10]);
        let b = RunId::v7(1_700_000_000_001, [0; 10]);
        assert!(a < b);
    }

    #[test]
    fn parse_rejects_bad_shapes() {
        for bad in [
            "",
            "not-a-uuid",
            "01901234-5678-7fff-bfff-fffffffffff",
            "01901234_5678-7fff-bfff-ffffffffffff",
            "0190123g-5678-7fff-bfff-ffffffffffff",
        ] {
            assert_eq!(RunId::parse(bad), None, "{bad}");
        }
        assert_eq!(
            RunId::parse(" 01901234-5678-7FFF-BFFF-FFFFFFFFFFFF ").map(|i| i.to_string()),
            Some("01901234-5678-7fff-bfff-ffffffffffff".to_string())
        );
    }
}
