//! What the GPX and TCX readers share: a streaming quick-xml reader over lossily
//! decoded text, error mapping, and text collection that resolves entities.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::errors::SyntaxError;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, Event};

use crate::error::ImportError;

/// The document as text: a BOM is dropped; invalid UTF-8 becomes U+FFFD rather than an
/// error (some exporters write Latin-1 names; the numbers are ASCII either way).
pub(crate) fn text_of(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes)
}

pub(crate) fn reader(text: &str) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    // `<trkpt …/>` becomes Start + End, so one code path handles both forms.
    config.expand_empty_elements = true;
    config.trim_text(false);
    reader
}

pub(crate) fn error(reader: &Reader<&[u8]>, err: &quick_xml::Error) -> ImportError {
    match err {
        // Every syntax error but this one means the input ended inside markup.
        quick_xml::Error::Syntax(syntax) if *syntax != SyntaxError::InvalidBangMarkup => {
            ImportError::Truncated
        }
        _ => ImportError::Xml { position: reader.error_position(), message: err.to_string() },
    }
}

/// Appends an event's character data to `buf` (text, CDATA, entity references).
pub(crate) fn collect_text(event: &Event<'_>, buf: &mut String) {
    match event {
        Event::Text(text) => buf.push_str(&text.xml10_content()),
        Event::CData(data) => buf.push_str(&data.xml10_content()),
        Event::GeneralRef(reference) => push_reference(reference, buf),
        _ => {}
    }
}

fn push_reference(reference: &BytesRef<'_>, buf: &mut String) {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        buf.push(c);
    } else if let Some(s) = resolve_predefined_entity(reference) {
        buf.push_str(s);
    }
}

/// Parses a number leniently (surrounding space allowed); non-finite is `None`.
pub(crate) fn number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A non-empty, trimmed string.
pub(crate) fn non_empty(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_collects_entities_and_cdata() {
        let mut r = reader("<a>Tom &amp; Jerry&#33; <![CDATA[<x>]]></a>");
        let mut buf = String::new();
        loop {
            match r.read_event() {
                Ok(Event::Eof) => break,
                Ok(e) => collect_text(&e, &mut buf),
                Err(e) => panic!("{e}"),
            }
        }
        assert_eq!(buf, "Tom & Jerry! <x>");
    }
}
