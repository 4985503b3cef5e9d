//! CSV records (RFC 4180, read leniently as the csv crate reads them), split by hand
//! straight off the decoded text: a field borrows from the text unless it holds an
//! escaped quote. Strava's activities.csv is the only CSV read. The csv crate took
//! more than half of that parse in wasm (its state machine visits every byte and
//! copies every field); this loop finds delimiters and copies nothing.
//!
//! Malformed input gets *a* reading, never an error, as the csv crate's does: a quote
//! inside an unquoted field is kept, text after a closing quote is kept, and an
//! unclosed quote runs to the end of the file. The tests check all of this against the
//! csv crate.

use std::borrow::Cow;

/// Fields past this many in a record are read past but not kept: a line of a million
/// commas must not become a million fields. (Strava's export has under a hundred.)
pub(crate) const MAX_FIELDS: usize = 1024;

/// The records of a CSV text, one at a time.
pub(crate) struct Records<'a> {
    rest: &'a str,
    fields: Vec<Cow<'a, str>>,
}

impl<'a> Records<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self { rest: text, fields: Vec::new() }
    }

    /// The next record's fields, or `None` at the end. Empty lines are not records.
    pub(crate) fn next_record(&mut self) -> Option<&[Cow<'a, str>]> {
        self.fields.clear();
        let text = self.rest.trim_start_matches(['\r', '\n']);
        let bytes = text.as_bytes();
        if bytes.is_empty() {
            self.rest = text;
            return None;
        }
        let mut start = 0;
        let end = loop {
            let (field, end) = if bytes.get(start) == Some(&b'"') {
                read_quoted(text, start)
            } else {
                let end = delimiter_from(bytes, start);
                (Cow::Borrowed(text.get(start..end).unwrap_or_default()), end)
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
        let next = if bytes.get(end..end + 2) == Some(b"\r\n") { end + 2 } else { end + 1 };
        self.rest = text.get(next..).unwrap_or_default();
        Some(&self.fields)
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

/// The quoted field whose opening quote is at byte `start`, and where it ends: at a
/// delimiter's index, or the text's length. "" stands for one quote; the closing
/// quote may be followed by more text before the delimiter, which is kept. Quotes and
/// delimiters are ASCII, so every index taken here is a char boundary.
fn read_quoted(text: &str, start: usize) -> (Cow<'_, str>, usize) {
    let bytes = text.as_bytes();
    let slice = |from: usize, to: usize| text.get(from..to).unwrap_or_default();
    let mut unescaped: Option<String> = None;
    let mut from = start + 1;
    loop {
        let quote = bytes.get(from..).and_then(|rest| rest.iter().position(|&b| b == b'"')).map(|p| from + p);
        let Some(quote) = quote else {
            // Never closed: the field is the rest of the text.
            return (joined(unescaped, slice(from, bytes.len()), ""), bytes.len());
        };
        if bytes.get(quote + 1) == Some(&b'"') {
            let buffer = unescaped.get_or_insert_with(String::new);
            buffer.push_str(slice(from, quote));
            buffer.push('"');
            from = quote + 2;
            continue;
        }
        let end = delimiter_from(bytes, quote + 1);
        return (joined(unescaped, slice(from, quote), slice(quote + 1, end)), end);
    }
}

/// What was unescaped so far, then `piece` and `tail`: borrowed when nothing was.
fn joined<'a>(unescaped: Option<String>, piece: &'a str, tail: &str) -> Cow<'a, str> {
    match unescaped {
        None if tail.is_empty() => Cow::Borrowed(piece),
        mut unescaped => {
            let mut owned = unescaped.take().unwrap_or_default();
            owned.push_str(piece);
            owned.push_str(tail);
            Cow::Owned(owned)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(text: &str) -> Vec<Vec<String>> {
        let mut records = Records::new(text);
        let mut out = Vec::new();
        while let Some(fields) = records.next_record() {
            out.push(fields.iter().map(|f| f.to_string()).collect());
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
        assert_eq!(records.next_record().map(<[_]>::len), Some(MAX_FIELDS));
        assert_eq!(records.next_record().map(<[_]>::to_vec), Some(vec![Cow::Borrowed("next")]));
        assert!(records.next_record().is_none());
    }

    proptest! {
        /// Any text over the characters that matter reads as the csv crate reads it.
        #[test]
        fn reads_as_the_csv_crate_does(text in "[ab,\"\r\n é]{0,40}") {
            prop_assert_eq!(ours(&text), csv_crate(&text));
        }
    }
}
