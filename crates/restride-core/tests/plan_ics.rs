//! The plan's calendar export read back by a real iCalendar parser (the `ical`
//! crate): every session an event at the right UTC instant across a daylight
//! saving change, with its how-to, a reminder, and a UID that survives a move.
#![allow(clippy::unwrap_used)]

// The shared builder's `History::run` takes eight arguments.
#[allow(clippy::too_many_arguments)]
mod common;

use std::io::BufReader;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use common::{History, load_steady};
use ical::IcalParser;
use ical::parser::ical::component::IcalEvent;
use restride_core::plan::{
    IcsOptions, PlanInput, SessionStatus, WeekPlan, build_week, current_fitness, move_session, skip, to_ics,
};
use restride_core::{DistanceUnit, RunType, TimeOfDay};

/// Berlin in late October 2026: summer time (+02:00) until 03:00 on Sunday the
/// 25th, winter time (+01:00) after.
fn berlin(local: NaiveDateTime) -> FixedOffset {
    let change = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap().and_hms_opt(3, 0, 0).unwrap();
    FixedOffset::east_opt(if local < change { 7200 } else { 3600 }).unwrap()
}

/// A steady runner with a recent 5 km race, planning the week of 19–25 October,
/// Mondays, Wednesdays and Sundays, mornings.
fn plan() -> WeekPlan {
    let mut h: History = load_steady("2026-10-18", 10, 0);
    h.run(3, 9, RunType::Race, 19.95, 5.0, 9, 4);
    h.settings.run_days = vec![Weekday::Mon, Weekday::Wed, Weekday::Sun];
    h.settings.preferred_time = Some(TimeOfDay::Morning);
    let report = h.analyze();
    build_week(&PlanInput {
        week_start: NaiveDate::from_ymd_opt(2026, 10, 19).unwrap(),
        first_day: NaiveDate::from_ymd_opt(2026, 10, 19).unwrap(),
        settings: &h.settings,
        runs: &h.runs,
        findings: &report.findings,
        fitness: current_fitness(&h.runs, h.today),
        goal: None,
        setbacks: &[],
    })
}

fn options() -> IcsOptions {
    IcsOptions {
        stamp: Utc.with_ymd_and_hms(2026, 10, 18, 20, 15, 0).unwrap(),
        reminder_minutes: 30,
        unit: DistanceUnit::Mi,
    }
}

fn parse(text: &str) -> Vec<IcalEvent> {
    let mut calendars = IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = calendars.next().unwrap().unwrap();
    assert!(calendars.next().is_none(), "one calendar");
    let version = calendar.properties.iter().find(|p| p.name == "VERSION").unwrap();
    assert_eq!(version.value.as_deref(), Some("2.0"));
    calendar.events
}

fn prop<'a>(event: &'a IcalEvent, name: &str) -> &'a str {
    event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.as_deref()).unwrap()
}

fn utc(text: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%SZ").unwrap())
}

/// RFC 5545 TEXT unescaping.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn no_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_session_is_an_event_at_its_utc_instant() {
    let plan = plan();
    assert!(plan.sessions.len() >= 3, "{:?}", plan.sessions);
    // The week runs into winter time: at least one session on each side.
    assert!(plan.sessions.iter().any(|s| s.date.to_string() == "2026-10-25"));
    let text = to_ics(&plan, &options(), berlin);
    let events = parse(&text);
    assert_eq!(events.len(), plan.sessions.len());
    for (s, e) in plan.sessions.iter().zip(&events) {
        assert_eq!(prop(e, "UID"), format!("restride-{}@restride", s.id));
        assert_eq!(prop(e, "DTSTAMP"), "20261018T201500Z");
        let local = s.local_start();
        let offset = if s.date.to_string() == "2026-10-25" { 1 } else { 2 };
        let start = utc(prop(e, "DTSTART"));
        assert_eq!(start.naive_utc(), local - Duration::hours(offset), "{} at 07:00 local", s.date);
        assert_eq!(utc(prop(e, "DTEND")) - start, Duration::minutes(i64::from(s.session.minutes)));
        assert_eq!(prop(e, "SUMMARY"), format!("{} ({} min)", s.session.kind.label(), s.session.minutes));
        let description = unescape(prop(e, "DESCRIPTION"));
        // The parser trims each folded line's trailing spaces, so compare without them.
        let how = &s.session.how_to;
        for part in [&how.warm_up, &how.main_set, &how.cool_down] {
            assert!(no_spaces(&description).contains(&no_spaces(part)), "{description}\n--- {part}");
        }
        assert!(description.contains("Effort: "));
        if let Some(p) = &s.session.target.pace {
            assert!(description.contains("/mi"), "paces in the runner's unit: {description}");
            assert!(no_spaces(&description).contains("fromyour3.11mirace"), "{description}");
            assert!(p.basis.effort.race);
        }
        assert_eq!(e.alarms.len(), 1);
        let alarm = &e.alarms[0];
        assert_eq!(prop_alarm(alarm, "ACTION"), "DISPLAY");
        assert_eq!(prop_alarm(alarm, "TRIGGER"), "-PT30M");
    }
    assert!(plan.sessions.iter().any(|s| s.session.target.pace.is_some()), "a race gives paces");
}

fn prop_alarm<'a>(alarm: &'a ical::parser::ical::component::IcalAlarm, name: &str) -> &'a str {
    alarm.properties.iter().find(|p| p.name == name).and_then(|p| p.value.as_deref()).unwrap()
}

#[test]
fn lines_are_crlf_folded_and_escaped() {
    let text = to_ics(&plan(), &options(), berlin);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "no bare line feeds");
    assert!(!text.replace("\r\n", "").contains('\r'), "no bare carriage returns");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    // Descriptions are long enough to fold, and hold "×" and "–" (several octets
    // each) and commas, escaped.
    assert!(text.contains("\r\n "), "folded");
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains("strong but controlled\\, the same pace") || unfolded.contains("\\,"));
    assert!(unfolded.contains('–'));
}

#[test]
fn moved_sessions_keep_their_uid_and_skipped_ones_leave() {
    let plan = plan();
    let first = plan.sessions[0].clone();
    let free =
        plan.dates().find(|d| plan.on(*d).is_none() && move_session(&plan, first.id, *d).is_ok()).unwrap();
    let moved = move_session(&plan, first.id, free).unwrap();
    let events = parse(&to_ics(&moved, &options(), berlin));
    let uid = format!("restride-{}@restride", first.id);
    let event = events.iter().find(|e| prop(e, "UID") == uid).unwrap();
    let local = free.and_time(first.local_start().time());
    assert_eq!(utc(prop(event, "DTSTART")), berlin(local).from_local_datetime(&local).unwrap().to_utc());
    let skipped = skip(&plan, first.id).unwrap();
    assert_eq!(skipped.session(first.id).unwrap().status, SessionStatus::Skipped);
    let events = parse(&to_ics(&skipped, &options(), berlin));
    assert_eq!(events.len(), plan.sessions.len() - 1);
    assert!(events.iter().all(|e| prop(e, "UID") != uid));
}

#[test]
fn an_empty_plan_is_an_empty_calendar() {
    let mut plan = plan();
    plan.sessions.clear();
    let text = to_ics(&plan, &options(), berlin);
    assert!(parse(&text).is_empty());
}
