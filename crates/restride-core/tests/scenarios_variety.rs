//! Scenario tests for the variety half of the rut engine: staleness, plateau, low
//! motivation and life stress. Each case is a runner's history and the status each
//! of these four signs should get; one loop runs them all and lists every mismatch.
#![allow(clippy::unwrap_used)]

// The shared builder's `History::run` takes eight arguments.
#[allow(clippy::too_many_arguments)]
mod common;

use common::{Case, check_cases};
use restride_core::analysis::{Sign, Status};

const TODAY: &str = "2026-06-01";

/// The four signs this file checks; each case's `expect` is in this order: staleness, plateau, low motivation, life stress.
const SIGNS: [Sign; 4] = [Sign::Staleness, Sign::Plateau, Sign::LowMotivation, Sign::LifeStress];

const CASES: &[Case] = &[
    // The article's case: the same 20 minutes twice a week for six months.
    Case {
        name: "twenty minutes twice a week",
        build: common::twenty_minutes_twice_a_week,
        expect: ["rut", "rut", "clear", "insufficient"],
    },
    // Healthy histories: none of the four signs fires.
    Case {
        name: "varied, progressing plan",
        build: common::varied_progressing_plan,
        expect: ["clear", "clear", "clear", "clear"],
    },
    Case {
        name: "taper before a race",
        build: common::taper_before_race,
        expect: ["clear", "clear", "clear", "insufficient"],
    },
    Case {
        name: "raced once, then built",
        build: common::raced_then_built,
        expect: ["clear", "clear", "clear", "clear"],
    },
    Case {
        name: "beginner's first month",
        build: common::beginners_first_month,
        expect: ["insufficient", "insufficient", "insufficient", "insufficient"],
    },
    // One sign at a time.
    Case {
        name: "mostly the same run",
        build: common::mostly_the_same_run,
        expect: ["watch", "clear", "clear", "insufficient"],
    },
    Case {
        name: "varied but stuck",
        build: common::varied_but_stuck,
        expect: ["clear", "rut", "clear", "clear"],
    },
    Case {
        name: "losing motivation",
        build: common::losing_motivation,
        expect: ["clear", "clear", "rut", "clear"],
    },
    Case {
        name: "feel slipping",
        build: common::feel_slipping,
        expect: ["clear", "clear", "watch", "clear"],
    },
    Case {
        name: "stressful fortnight",
        build: common::stressful_fortnight,
        expect: ["clear", "clear", "clear", "rut"],
    },
    Case { name: "a busy week", build: common::a_busy_week, expect: ["clear", "clear", "clear", "watch"] },
];

#[test]
fn every_scenario_gets_the_expected_status() {
    check_cases(&SIGNS, CASES, TODAY);
}

/// Every finding of these four signs is complete, whatever its status: finite
/// evidence with text, a sentence, a source, a why with inputs, and remedies.
#[test]
fn every_finding_is_complete_and_finite() {
    let mut problems = Vec::new();
    for case in CASES {
        let report = (case.build)(TODAY).analyze();
        for f in report.findings.iter().filter(|f| SIGNS.contains(&f.sign)) {
            let at = format!("{} / {}", case.name, f.sign.slug());
            if f.sentence.trim().is_empty() || !f.sentence.ends_with('.') {
                problems.push(format!("{at}: sentence {:?}", f.sentence));
            }
            if f.source.is_empty() {
                problems.push(format!("{at}: no source"));
            }
            if f.why.is_empty()
                || f.why.iter().any(|w| w.formula.is_empty() || w.threshold.is_empty() || w.inputs.is_empty())
            {
                problems.push(format!("{at}: incomplete why"));
            }
            if f.remedies.is_empty() {
                problems.push(format!("{at}: no remedies"));
            }
            for e in &f.evidence {
                if !e.value.is_finite() || e.shown.is_empty() || e.label.is_empty() || e.window.is_empty() {
                    problems.push(format!("{at}: evidence {e:?}"));
                }
                if e.shown.contains("NaN") || e.shown.contains("inf") {
                    problems.push(format!("{at}: evidence shows {:?}", e.shown));
                }
            }
            if let Status::Insufficient { needs } = &f.status
                && (needs.is_empty() || needs.ends_with('.'))
            {
                problems.push(format!("{at}: needs {needs:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_articles_case_names_the_runners_own_numbers() {
    let report = common::twenty_minutes_twice_a_week(TODAY).analyze();
    let staleness = report.findings.iter().find(|f| f.sign == Sign::Staleness).unwrap();
    assert!(staleness.sentence.contains("100 %"), "{}", staleness.sentence);
    assert!(staleness.sentence.contains("about 20 min easy"), "{}", staleness.sentence);
    assert!(staleness.sentence.contains("block loop"), "{}", staleness.sentence);
    let plateau = report.findings.iter().find(|f| f.sign == Sign::Plateau).unwrap();
    // 3.6 km in 20 minutes is a VDOT of 33.1: a 5 km equivalent of 28:15.
    assert!(plateau.sentence.contains("5 km equivalent stayed at 28:15"), "{}", plateau.sentence);
    assert!(plateau.sentence.contains("longest run stayed at 3.60 km"), "{}", plateau.sentence);
    assert!(report.verdict.strongest.contains(&Sign::Staleness));
    assert!(report.verdict.strongest.contains(&Sign::Plateau));
}

#[test]
fn nothing_counts_after_today() {
    // Today moved back to the plan's fifth week: later runs and check-ins are
    // ignored, so there are under 8 weeks of runs, but a month of good check-ins.
    let mut h = common::varied_progressing_plan(TODAY);
    h.today -= chrono::Duration::days(16 * 7 - 30);
    assert_eq!(h.status("staleness"), "insufficient");
    assert_eq!(h.status("plateau"), "insufficient");
    assert_eq!(h.status("low-motivation"), "clear");
    assert_eq!(h.status("life-stress"), "clear");
}
