//! CSV records (RFC 4180, read leniently as the csv crate reads them), split by hand
//! straight off the decoded text: a field is a span of the text unless it holds an
//! escaped quote. Strava's activities.csv is the only CSV read. The csv crate took
//! more than half of that parse in wasm (its state machine visits every byte and
//! copies every field); this loop finds delimiters and copies nothing.
//!
//! Malformed input gets *a* reading, never an error, as the csv crate's does: a quote
//! inside an unquoted field is kept, text after a closing quote is kept, and an
//! unclosed quote runs to the end of the file. The tests check all of this against the
//! csv crate.

/// Fields past this many in a record are read past but not kept: a line of a million
/// commas must not become a million fields. (Strava's export has under a hundred.)
pub(crate) const MAX_FIELDS: usize = 1024;

/// Where a field's text is: a byte range of the input, or (when it held an escaped
/// quote) one of the current record's unescaped strings. Plain positions, so a
/// record's fields are cleared without dropping anything and only the fields read
/// are ever sliced.
#[derive(Debug, Clone, Copy)]
enum Field {
    Span(usize, usize),
    Unescaped(usize),
}

/// The records of a CSV text, one at a time.
pub(crate) struct Records<'a> {
    text: &'a str,
    /// Where the next record starts.
    at: usize,
    fields: Vec<Field>,
    unescaped: Vec<String>,
}

impl<'a> Records<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self { text, at: 0, fields: Vec::new(), unescaped: Vec::new() }
    }

    /// Reads the next record; false at the end. Empty lines are not records.
    pub(crate) fn next_record(&mut self) -> bool {
        self.fields.clear();
        self.unescaped.clear();
        let bytes = self.text.as_bytes();
        let mut start = self.at;
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start >= bytes.len() {
            self.at = start;
            return false;
        }
        let end = loop {
            let (field, end) = if bytes.get(start) == Some(&b'"') {
                self.read_quoted(start)
            } else {
                let end = delimiter_from(bytes, start);
                (Field::Span(start, end), end)
            };
            if self.fields.len() < MAX_FIELDS {
                self.fields.push(field);
            }
            if bytes.get(end) != Some(&b',') {
                break end;
            }
            start = end + 1;
        };
        // Past the line break: "\r\n", "\n" or "\r".
        self.at = if bytes.get(end..end + 2) == Some(b"\r\n") { end + 2 } else { end + 1 };
        true
    }

    /// Bytes read so far: up to the end of the current record.
    pub(crate) fn consumed(&self) -> usize {
        self.at
    }

    /// How many fields the current record has (at most [`MAX_FIELDS`]).
    pub(crate) fn len(&self) -> usize {
        self.fields.len()
    }

    /// The current record's fields, in order.
    pub(crate) fn fields(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.field(i))
    }

    /// Field `i` of the current record, if it has one.
    pub(crate) fn field(&self, i: usize) -> Option<&str> {
        match *self.fields.get(i)? {
            // Delimiters and quotes are ASCII: every span is on char boundaries.
            Field::Span(from, to) => self.text.get(from..to),
            Field::Unescaped(k) => self.unescaped.get(k).map(String::as_str),
        }
    }

    /// The quoted field whose opening quote is at byte `start`, and where it ends:
    /// at a delimiter's index, or the text's length. "" stands for one quote; the
    /// closing quote may be followed by more text before the delimiter, which is kept.
    fn read_quoted(&mut self, start: usize) -> (Field, usize) {
        let bytes = self.text.as_bytes();
        let slice = |from: usize, to: usize| self.text.get(from..to).unwrap_or_default();
        let mut unescaped: Option<String> = None;
        let mut from = start + 1;
        let (piece, tail, end) = loop {
            let quote =
                bytes.get(from..).and_then(|rest| rest.iter().position(|&b| b == b'"')).map(|p| from + p);
            let Some(quote) = quote else {
                // Never closed: the field is the rest of the text.
                break ((from, bytes.len()), "", bytes.len());
            };
            if bytes.get(quote + 1) == Some(&b'"') {
                let buffer = unescaped.get_or_insert_with(String::new);
                buffer.push_str(slice(from, quote));
                buffer.push('"');
                from = quote + 2;
                continue;
            }
            let end = delimiter_from(bytes, quote + 1);
            break ((from, quote), slice(quote + 1, end), end);
        };
        if unescaped.is_none() && tail.is_empty() {
            return (Field::Span(piece.0, piece.1), end);
        }
        let mut owned = unescaped.unwrap_or_default();
        owned.push_str(slice(piece.0, piece.1));
        owned.push_str(tail);
        self.unescaped.push(owned);
        (Field::Unescaped(self.unescaped.len() - 1), end)
    }
}

/// Which bytes end an unquoted field.
const DELIMITER: [bool; 256] = {
    let mut table = [false; 256];
    table[b',' as usize] = true;
    table[b'\r' as usize] = true;
    table[b'\n' as usize] = true;
    table
};

/// Where the first delimiter at or after `from` is (or the text's length). A plain
/// loop over a table: this runs for every field of every row.
fn delimiter_from(bytes: &[u8], mut from: usize) -> usize {
    while let Some(&b) = bytes.get(from) {
        if DELIMITER[usize::from(b)] {
            break;
        }
        from += 1;
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(text: &str) -> Vec<Vec<String>> {
        let mut records = Records::new(text);
        let mut out = Vec::new();
        while records.next_record() {
            out.push(records.fields().map(str::to_owned).collect());
        }
        out
    }

    /// The csv crate, configured as activities.csv was read with it before.
    fn csv_crate(text: &str) -> Vec<Vec<String>> {
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        reader
            .byte_records()
            .map(|r| r.map(|r| r.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect()))
            .collect::<Result<_, _>>()
            .unwrap_or_default()
    }

    #[test]
    fn quoting_as_rfc_4180_says() {
        let text = "a,\"b,c\",\"d\"\"e\"\r\n\n\"multi\nline\",,x\n";
        assert_eq!(ours(text), vec![vec!["a", "b,c", "d\"e"], vec!["multi\nline", "", "x"]]);
    }

    #[test]
    fn malformed_quotes_get_a_reading() {
        assert_eq!(ours("a\"b,\"c\"d,\"open"), vec![vec!["a\"b", "cd", "open"]]);
        assert_eq!(ours("\"\"\"\""), vec![vec!["\""]]);
    }

    #[test]
    fn fields_past_the_cap_are_dropped_but_the_row_still_ends() {
        let text = format!("{}\nnext", ",".repeat(MAX_FIELDS + 10));
        let mut records = Records::new(&text);
        assert!(records.next_record());
        assert_eq!(records.len(), MAX_FIELDS);
        assert!(records.next_record());
        assert_eq!((records.len(), records.field(0)), (1, Some("next")));
        assert!(!records.next_record());
    }

    proptest! {
        /// Any text over the characters that matter reads as the csv crate reads it.
        #[test]
        fn reads_as_the_csv_crate_does(text in "[ab,\"\r\n é]{0,40}") {
            prop_assert_eq!(ours(&text), csv_crate(&text));
        }
    }
}
