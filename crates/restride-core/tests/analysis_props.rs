//! Property tests over the whole analysis: any history, however odd (empty, one
//! run, 72-hour runs, 1000 km runs, the same start twice, out of order, in the
//! future, any UTC offset, random check-ins, times ill or injured past and
//! present), gives one finding per sign in order, finite evidence, a "why" for
//! every call that is not "insufficient", a row headline and sentences in plain
//! words (no RPE, VDOT, Hooper, bits, monotony… outside the why panel), and one next
//! step that adds no load while rest or easy running comes first; while a setback
//! lasts, every sign waits.
#![allow(clippy::unwrap_used)]

use std::time::{Duration as Elapsed, Instant};

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
use proptest::prelude::*;
use restride_core::analysis::next_step::{Circumstances, Reason, Step, next_step};
use restride_core::analysis::{Report, Sign, Status, analyze};
use restride_core::history::week_start_of;
use restride_core::{
    Completion, DistanceUnit, Feel, HeartRate, Hooper, Level, LifeTag, Rpe, Run, RunId, RunType, Setback,
    SetbackKind, Settings, Source, Wellness,
};

const MAX_MOVING_S: u32 = 72 * 3600;
const MAX_DISTANCE_M: f64 = 1_000_000.0;

fn today(offset_days: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap() + Duration::days(offset_days)
}

/// One run `days_ago` days before today (negative: in the future), as generated.
#[derive(Debug, Clone)]
struct RawRun {
    days_ago: i64,
    second_of_day: i64,
    utc_offset_s: i32,
    kind: RunType,
    moving_s: u32,
    distance_m: Option<f64>,
    rpe: u8,
    feel: u8,
    cut_short: bool,
    heart_rate: Option<(u16, u16)>,
}

fn raw_run() -> impl Strategy<Value = RawRun> {
    let days = prop_oneof![3 => -3i64..120, 1 => -400i64..3000, 1 => Just(0i64)];
    let moving =
        prop_oneof![3 => 60u32..7200, 1 => 0u32..=MAX_MOVING_S, 1 => Just(MAX_MOVING_S), 1 => Just(0u32)];
    let distance = prop_oneof![
        3 => (500.0f64..50_000.0).prop_map(Some),
        1 => Just(None),
        1 => (0.0f64..=MAX_DISTANCE_M).prop_map(Some),
        1 => Just(Some(MAX_DISTANCE_M)),
        1 => Just(Some(0.001)),
    ];
    let hr = proptest::option::of((25u16..=230, 25u16..=230));
    (
        (days, 0i64..86_400, -14 * 3600..=14 * 3600i32),
        (proptest::sample::select(RunType::ALL.to_vec()), moving, distance),
        // 11 and 6 stand for "not rated" (imported runs).
        (0u8..=11, 1u8..=6, any::<bool>(), hr),
    )
        .prop_map(
            |(
                (days_ago, second_of_day, utc_offset_s),
                (kind, moving_s, distance_m),
                (rpe, feel, cut_short, heart_rate),
            )| {
                RawRun {
                    days_ago,
                    second_of_day,
                    utc_offset_s,
                    kind,
                    moving_s,
                    distance_m,
                    rpe,
                    feel,
                    cut_short,
                    heart_rate,
                }
            },
        )
}

fn build_run(raw: &RawRun, today: NaiveDate, n: u64) -> Run {
    let offset = FixedOffset::east_opt(raw.utc_offset_s).unwrap();
    let local = (today - Duration::days(raw.days_ago)).and_hms_opt(0, 0, 0).unwrap()
        + Duration::seconds(raw.second_of_day);
    let start = offset.from_local_datetime(&local).unwrap();
    let created = Utc.timestamp_millis_opt(1_700_000_000_000).unwrap();
    Run {
        id: RunId::v7(n, [7; 10]),
        start,
        kind: raw.kind,
        title: String::new(),
        moving_s: raw.moving_s,
        elapsed_s: Some(raw.moving_s.saturating_add(60)),
        distance_m: raw.distance_m,
        rpe: Rpe::new(raw.rpe),
        feel: Feel::new(raw.feel),
        completion: if raw.cut_short { Completion::CutShort } else { Completion::AsPlanned },
        route: ["", "park", "river"][usize::try_from(n % 3).unwrap()].to_string(),
        route_fingerprint: None,
        company: None,
        notes: String::new(),
        source: Source::Manual,
        heart_rate: raw.heart_rate.map(|(average, max)| HeartRate { average, max }),
        elevation_gain_m: None,
        created,
        updated: created,
    }
}

fn check_in() -> impl Strategy<Value = (i64, [u8; 4], u8, u8, Option<f64>, Vec<LifeTag>)> {
    (
        prop_oneof![3 => -3i64..60, 1 => -30i64..800],
        [1u8..=7, 1u8..=7, 1u8..=7, 1u8..=7],
        1u8..=5,
        1u8..=5,
        proptest::option::of(0.0f64..=24.0),
        proptest::sample::subsequence(LifeTag::ALL.to_vec(), 0..=LifeTag::ALL.len()),
    )
}

fn build_check_in(raw: &(i64, [u8; 4], u8, u8, Option<f64>, Vec<LifeTag>), today: NaiveDate) -> Wellness {
    let (days_ago, [sleep, stress, fatigue, soreness], hydration, motivation, sleep_hours, tags) = raw;
    Wellness {
        date: today - Duration::days(*days_ago),
        sleep_hours: *sleep_hours,
        sleep_quality: Hooper::new(*sleep).unwrap(),
        stress: Hooper::new(*stress).unwrap(),
        fatigue: Hooper::new(*fatigue).unwrap(),
        soreness: Hooper::new(*soreness).unwrap(),
        hydration: Level::new(*hydration).unwrap(),
        motivation: Level::new(*motivation).unwrap(),
        tags: tags.clone(),
        updated: Utc.timestamp_millis_opt(1_700_000_000_000).unwrap(),
    }
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        proptest::option::of(25u16..=230),
        proptest::option::of(25u16..=230),
        proptest::sample::select(vec![Weekday::Mon, Weekday::Sun, Weekday::Sat, Weekday::Wed]),
        any::<bool>(),
    )
        .prop_map(|(max_hr, rest_hr, week_start, miles)| Settings {
            max_hr,
            rest_hr,
            week_start,
            unit: if miles { DistanceUnit::Mi } else { DistanceUnit::Km },
            ..Settings::default()
        })
}

/// Words that belong in the why panel, not in a card's plain sentence or its row
/// (issue 18: plain words first, numbers and their names in the why panel).
const JARGON: [&str; 11] =
    ["rpe", "vdot", "hooper", "bits", "monotony", "banister", "ctl", "atl", "ewma", "trimp", "polarization"];

/// The first piece of jargon in `text`, if any: a whole word of [`JARGON`], or a
/// load shown as a bare number of arbitrary units.
fn jargon(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).find(|w| JARGON.contains(w)).map(str::to_string).or_else(
        || {
            ["acute:chronic", "load about", "load is"]
                .into_iter()
                .find(|p| lower.contains(p))
                .map(str::to_string)
        },
    )
}

/// The one answer's promises for `report` on `today`: one step, and nothing that
/// adds load while rest or easy running comes first; the first broken, if any.
fn broken_answer(
    report: &Report,
    runs: &[Run],
    setbacks: &[Setback],
    settings: &Settings,
    today: NaiveDate,
) -> Option<String> {
    let week = week_start_of(today, settings.week_start);
    let c = Circumstances::on(today, week, runs, None, setbacks);
    let n = next_step(&report.findings, &c);
    if n.step.text().trim().is_empty() || n.why().trim().is_empty() {
        return Some("an empty step or why".into());
    }
    if let Some(word) = jargon(&n.step.text()) {
        return Some(format!("the step says '{word}'"));
    }
    if n.weighed.iter().any(Reason::calls_for_recovery) && n.holding.is_none() {
        return Some("recovery comes first, yet nothing waits".into());
    }
    if let Step::Try(r) = n.step
        && n.holds(r)
    {
        return Some(format!("the step {r:?} adds load while {:?} comes first", n.holding));
    }
    n.weighed
        .iter()
        .find_map(|r| match r {
            Reason::Sign { remedy: Some(remedy), .. } if n.holds(*remedy) => Some(*remedy),
            _ => None,
        })
        .map(|r| format!("a card's step {r:?} adds load while recovery comes first"))
}

/// Every rule a report keeps, whatever the history; the first broken one, if any.
fn broken_rule(report: &Report) -> Option<String> {
    let signs: Vec<Sign> = report.findings.iter().map(|f| f.sign).collect();
    if signs != Sign::ALL {
        return Some(format!("findings not one per sign in order: {signs:?}"));
    }
    for f in &report.findings {
        let sign = f.sign.slug();
        if let Some(e) = f.evidence.iter().find(|e| !e.value.is_finite()) {
            return Some(format!("{sign}: evidence '{}' is {}", e.label, e.value));
        }
        if f.sentence.trim().is_empty() || f.source.trim().is_empty() {
            return Some(format!("{sign}: empty sentence or source"));
        }
        match &f.status {
            Status::Insufficient { needs } if needs.trim().is_empty() => {
                return Some(format!("{sign}: insufficient without saying what it needs"));
            }
            Status::Insufficient { .. } => {}
            _ if f.why.is_empty() => return Some(format!("{sign}: {} without a why", f.status.slug())),
            _ => {}
        }
        if let Some(w) = f.why.iter().find(|w| w.metric.trim().is_empty() || w.threshold.trim().is_empty()) {
            return Some(format!("{sign}: a why without metric or threshold: {w:?}"));
        }
        if f.remedies.is_empty() && f.status.severity() > 0 {
            return Some(format!("{sign}: flagged without a remedy"));
        }
    }
    for f in &report.findings {
        if f.headline.trim().is_empty() {
            return Some(format!("{}: no headline for the radar's row", f.sign.slug()));
        }
        for text in [&f.sentence, &f.headline] {
            if let Some(word) = jargon(text) {
                return Some(format!("{}: '{word}' in \"{text}\"", f.sign.slug()));
            }
        }
    }
    if let Some(word) = jargon(&report.verdict.headline) {
        return Some(format!("verdict: '{word}' in \"{}\"", report.verdict.headline));
    }
    let flagged = report.findings.iter().filter(|f| f.status.severity() > 0).count();
    if report.verdict.strongest.len() != flagged.min(3) {
        return Some(format!("verdict lists {} signs for {flagged} flagged", report.verdict.strongest.len()));
    }
    None
}

proptest! {
    #[test]
    fn any_history_gives_a_complete_finite_report(
        day in -400i64..400,
        raw_runs in proptest::collection::vec(raw_run(), 0..120),
        twice in proptest::collection::vec(any::<proptest::sample::Index>(), 0..6),
        raw_check_ins in proptest::collection::vec(check_in(), 0..40),
        raw_setbacks in proptest::collection::vec(
            (proptest::sample::select(SetbackKind::ALL.to_vec()), -200i64..5, proptest::option::of(1i64..60)),
            0..3,
        ),
        settings in settings(),
    ) {
        let today = today(day);
        // Times ill or injured, before today or still going on.
        let setbacks: Vec<Setback> = raw_setbacks
            .iter()
            .map(|(kind, from, days)| {
                let start = today + Duration::days(*from);
                Setback { kind: *kind, start, end: days.map(|d| start + Duration::days(d)) }
            })
            .collect();
        let mut runs: Vec<Run> = raw_runs.iter().zip(0u64..).map(|(r, n)| build_run(r, today, n)).collect();
        // The same run (same start) logged twice.
        for i in &twice {
            if !runs.is_empty() {
                let copy = runs[i.index(runs.len())].clone();
                runs.push(copy);
            }
        }
        let wellness: Vec<Wellness> = raw_check_ins.iter().map(|c| build_check_in(c, today)).collect();
        let report = analyze(&runs, &wellness, &setbacks, &settings, today);
        prop_assert_eq!(broken_rule(&report), None);
        prop_assert_eq!(broken_answer(&report, &runs, &setbacks, &settings, today), None);
        // While a setback lasts nothing is read into the gap: every sign waits.
        if setbacks.iter().any(|s| s.covers(today)) {
            let waiting = report.findings.iter().all(|f| matches!(f.status, Status::Insufficient { .. }));
            prop_assert!(waiting, "a sign read into a setback");
        }
        // Order does not matter: the reversed history gives the same report.
        runs.reverse();
        let reversed = analyze(&runs, &wellness, &setbacks, &settings, today);
        let statuses = |r: &Report| r.findings.iter().map(|f| f.status.slug()).collect::<Vec<_>>();
        prop_assert_eq!(statuses(&report), statuses(&reversed));
    }

    /// Regular training (a few paces and lengths, runs every few days) reaches the
    /// detectors' comparisons, not just their "not enough data" answers.
    #[test]
    fn regular_histories_give_a_complete_finite_report(
        sessions in proptest::collection::vec(
            (0i64..4, proptest::sample::select(vec![300.0, 330.0, 360.0]), -0.03f64..0.03, 20u32..120, 0u8..=10),
            0..200,
        ),
        raw_check_ins in proptest::collection::vec(check_in(), 0..30),
        settings in settings(),
    ) {
        let today = today(0);
        let mut days_ago = 0;
        let runs: Vec<Run> = sessions
            .iter()
            .zip(0u64..)
            .map(|((gap, pace, jitter, minutes, rpe), n)| {
                days_ago += gap;
                let moving_s = minutes * 60;
                let raw = RawRun {
                    days_ago,
                    second_of_day: 7 * 3600,
                    utc_offset_s: 0,
                    kind: if n % 4 == 0 { RunType::Long } else { RunType::Easy },
                    moving_s,
                    distance_m: Some(f64::from(moving_s) / (pace * (1.0 + jitter)) * 1000.0),
                    rpe: *rpe,
                    feel: 3,
                    cut_short: false,
                    heart_rate: None,
                };
                build_run(&raw, today, n)
            })
            .collect();
        let wellness: Vec<Wellness> = raw_check_ins.iter().map(|c| build_check_in(c, today)).collect();
        let report = analyze(&runs, &wellness, &[], &settings, today);
        prop_assert_eq!(broken_rule(&report), None);
        prop_assert_eq!(broken_answer(&report, &runs, &[], &settings, today), None);
    }

    #[test]
    fn a_single_run_or_none_is_handled(raw in raw_run(), day in -400i64..400, settings in settings()) {
        let today = today(day);
        prop_assert_eq!(broken_rule(&analyze(&[], &[], &[], &settings, today)), None);
        let run = build_run(&raw, today, 1);
        prop_assert_eq!(broken_rule(&analyze(std::slice::from_ref(&run), &[], &[], &settings, today)), None);
    }
}

/// A regular runner with several runs a day for years: 100,000 runs.
fn hundred_thousand_runs(today: NaiveDate) -> Vec<Run> {
    (0u64..100_000)
        .map(|n| {
            let kind = RunType::ALL[usize::try_from(n % 8).unwrap()];
            let raw = RawRun {
                days_ago: i64::try_from(n / 30).unwrap(),
                second_of_day: i64::try_from(n % 30 * 2400).unwrap(),
                utc_offset_s: 3600,
                kind,
                moving_s: 1200 + u32::try_from(n % 97).unwrap() * 40,
                distance_m: Some(3000.0 + f64::from(u32::try_from(n % 89).unwrap()) * 100.0),
                rpe: u8::try_from(n % 11).unwrap(),
                feel: 1 + u8::try_from(n % 5).unwrap(),
                cut_short: n % 13 == 0,
                heart_rate: (n % 3 == 0).then_some((140, 170)),
            };
            build_run(&raw, today, n)
        })
        .collect()
}

#[test]
fn a_hundred_thousand_runs_are_analysed_quickly() {
    let today = today(0);
    let runs = hundred_thousand_runs(today);
    let settings = Settings { max_hr: Some(190), rest_hr: Some(50), ..Settings::default() };
    let started = Instant::now();
    let report = analyze(&runs, &[], &[], &settings, today);
    let took = started.elapsed();
    assert_eq!(broken_rule(&report), None);
    // Generous for an unoptimised build: a quadratic detector would take minutes.
    assert!(took < Elapsed::from_secs(20), "took {took:?}");
}
