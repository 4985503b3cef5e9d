//! The plan as an iCalendar file (RFC 5545), for the runner's own calendar app.

use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, Utc};

use super::library::Session;
use super::{PlannedSession, WeekPlan};
use crate::units::DistanceUnit;

/// What the export needs besides the plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IcsOptions {
    /// DTSTAMP: when the file was made.
    pub stamp: DateTime<Utc>,
    /// A reminder this many minutes before each session.
    pub reminder_minutes: u32,
    /// The unit paces and distances are written in.
    pub unit: DistanceUnit,
}

/// RFC 5545 §3.1: content lines are folded at 75 octets.
const FOLD_OCTETS: usize = 75;

/// The plan's active sessions (planned or done; skipped and missed ones are left
/// out) as a VCALENDAR of VEVENTs with CRLF line endings and lines folded at 75
/// octets on character boundaries. Times are written in UTC ("Z"): each session's
/// local start is `local_start` at the offset `offset_at` gives for it, so the
/// caller can pass the offset in force on that date (a week may cross a daylight
/// saving change). The UID is the session id, so importing a newer export updates
/// the same events.
pub fn to_ics(
    plan: &WeekPlan,
    options: &IcsOptions,
    offset_at: impl Fn(NaiveDateTime) -> FixedOffset,
) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Restride//Training plan//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    let stamp = utc_text(options.stamp);
    for s in plan.active() {
        let local = s.local_start();
        let start = local.and_local_timezone(offset_at(local)).single().map(|t| t.with_timezone(&Utc));
        let Some(start) = start else { continue };
        let end = start + Duration::minutes(i64::from(s.session.minutes));
        let summary = format!("{} ({} min)", s.session.kind.label(), s.session.minutes);
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:restride-{}@restride", s.id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART:{}", utc_text(start)),
            format!("DTEND:{}", utc_text(end)),
            format!("SUMMARY:{}", escape(&summary)),
            format!("DESCRIPTION:{}", escape(&description(s, options.unit))),
            "BEGIN:VALARM".into(),
            "ACTION:DISPLAY".into(),
            format!("DESCRIPTION:{}", escape(&summary)),
            format!("TRIGGER:-PT{}M", options.reminder_minutes),
            "END:VALARM".into(),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join("")
}

fn utc_text(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The how-to and the target, one sentence a line.
fn description(s: &PlannedSession, unit: DistanceUnit) -> String {
    let Session { how_to, target, .. } = &s.session;
    let mut lines: Vec<String> = [&how_to.warm_up, &how_to.main_set, &how_to.cool_down]
        .into_iter()
        .filter(|l| !l.is_empty())
        .cloned()
        .collect();
    lines.push(target.text(unit));
    lines.join("\n")
}

/// RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks as
/// "\n" (a CR of a CRLF is dropped).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded (RFC 5545 §3.1): at most 75 octets a physical line, a
/// continuation starting with a space, never splitting a UTF-8 character; every
/// physical line ends in CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > FOLD_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn folds_at_75_octets_on_char_boundaries() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold(&line);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= FOLD_OCTETS, "{} octets", physical.len());
        }
        // Unfolding (drop CRLF + space) gives the line back.
        assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
        assert_eq!(fold("SHORT"), "SHORT\r\n");
        let exactly = "X".repeat(75);
        assert_eq!(fold(&exactly), format!("{exactly}\r\n"));
    }
}
