//! Scenario tests for the one answer (`analysis::next_step`): each runner's history
//! gives one next step, answering the reason the rule puts first, and never
//! anything that contradicts a recovery sign: while rest or easy running comes
//! first, the step adds no load, no card's step does, and this week's plan holds no
//! quality session. Set SHOW_FINDINGS=1 to print each case's answer.
#![allow(clippy::unwrap_used)]

// The shared builder's `History::run` takes eight arguments.
#[allow(clippy::too_many_arguments)]
mod common;

use chrono::Duration;
use common::History;
use restride_core::analysis::next_step::{Circumstances, NextStep, Priority, Reason, Step, next_step};
use restride_core::analysis::{Remedy, Report, Sign};
use restride_core::history::week_start_of;
use restride_core::{LifeTag, RunType, Setback, SetbackKind};

const TODAY: &str = "2026-11-25";

/// What a case's answer must be: the reason it answers (a sign, or a circumstance
/// by name) and its step.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Answer {
    Sign(Sign, Step),
    Circumstance(&'static str),
    KeepGoing,
    BuildBase,
}

struct Case {
    name: &'static str,
    build: fn(&str) -> History,
    expect: Answer,
}

/// The answer on `h.today`, as the app works it out.
fn answer(h: &History) -> (Report, NextStep) {
    let report = h.analyze();
    let week = week_start_of(h.today, h.settings.week_start);
    let c = Circumstances::on(h.today, week, &h.runs, None, &h.setbacks);
    let n = next_step(&report.findings, &c);
    (report, n)
}

/// A stale runner (the article's case) whose check-ins report ten stressful days.
fn stale_and_stressed(today: &str) -> History {
    let mut h = common::twenty_minutes_twice_a_week(today);
    for ago in 0..10 {
        h.check_in(ago, 5.5, [6, 6, 4, 3], 3, 2, &[LifeTag::WorkStress]);
    }
    h
}

/// Effort creeping up (the runner: "an easier week" against "add intervals").
fn effort_creep_and_stuck(today: &str) -> History {
    common::load_effort_creeping(today)
}

/// A varied plan with a 10 km race three days ago.
fn just_raced(today: &str) -> History {
    let mut h = common::varied_plan(today, 16, true);
    h.run(3, 9, RunType::Race, 45.0, 10.0, 9, 4);
    h
}

/// The article's stale runner, ill since yesterday.
fn stale_and_ill(today: &str) -> History {
    let mut h = common::twenty_minutes_twice_a_week(today);
    h.setbacks.push(Setback { kind: SetbackKind::Ill, start: h.today - Duration::days(1), end: None });
    h
}

/// A stale runner back a week ago from three weeks injured.
fn stale_and_back_from_injury(today: &str) -> History {
    let mut h = common::twenty_minutes_twice_a_week(today);
    let back = h.today - Duration::days(7);
    h.runs.retain(|r| r.start.date_naive() < back - Duration::days(21));
    h.setbacks.push(Setback {
        kind: SetbackKind::Injured,
        start: back - Duration::days(21),
        end: Some(back),
    });
    h
}

const CASES: &[Case] = &[
    Case {
        name: "twenty minutes twice a week",
        build: common::twenty_minutes_twice_a_week,
        expect: Answer::Sign(Sign::Staleness, Step::Try(Remedy::NewRoute)),
    },
    Case {
        name: "varied, progressing plan",
        build: common::varied_progressing_plan,
        expect: Answer::KeepGoing,
    },
    Case { name: "beginner's first month", build: common::beginners_first_month, expect: Answer::BuildBase },
    Case {
        name: "varied but stuck",
        build: common::varied_but_stuck,
        expect: Answer::Sign(Sign::Plateau, Step::Try(Remedy::Intervals)),
    },
    Case {
        name: "losing motivation",
        build: common::losing_motivation,
        expect: Answer::Sign(Sign::LowMotivation, Step::Try(Remedy::RunningPartner)),
    },
    Case {
        name: "a stressful fortnight",
        build: common::stressful_fortnight,
        expect: Answer::Sign(Sign::LifeStress, Step::Try(Remedy::Sleep)),
    },
    Case {
        name: "load spike, every day, tired",
        build: common::load_spike_every_day,
        expect: Answer::Sign(Sign::Overreaching, Step::Try(Remedy::EasierWeek)),
    },
    Case {
        name: "tired for nine days",
        build: common::load_tired_for_nine_days,
        expect: Answer::Sign(Sign::Overreaching, Step::Try(Remedy::RestDay)),
    },
    Case {
        name: "effort creeping up",
        build: effort_creep_and_stuck,
        expect: Answer::Sign(Sign::EffortCreep, Step::Try(Remedy::EasierWeek)),
    },
    Case {
        name: "six days in a row after a short week",
        build: common::load_cram_six_days,
        expect: Answer::Sign(Sign::Cramming, Step::Try(Remedy::NoCramming)),
    },
    // Stuck too: a plateau comes before every run easy, and intervals answer both.
    Case {
        name: "every run easy",
        build: common::load_all_easy,
        expect: Answer::Sign(Sign::Plateau, Step::Try(Remedy::Intervals)),
    },
    Case {
        name: "stale and stressed",
        build: stale_and_stressed,
        expect: Answer::Sign(Sign::LifeStress, Step::Try(Remedy::Sleep)),
    },
    Case { name: "just raced", build: just_raced, expect: Answer::Circumstance("race") },
    Case { name: "stale and ill", build: stale_and_ill, expect: Answer::Circumstance("setback") },
    Case {
        name: "stale, back from injury",
        build: stale_and_back_from_injury,
        expect: Answer::Circumstance("returning"),
    },
];

/// What the answer broke of the rule, if anything: one line per problem.
fn problems(h: &History, report: &Report, n: &NextStep) -> Vec<String> {
    let mut problems = Vec::new();
    let recovery = n.weighed.iter().any(Reason::calls_for_recovery);
    if recovery && n.holding.is_none() {
        problems.push("a recovery reason holds nothing back".into());
    }
    if let Step::Try(r) = n.step
        && n.holding.is_some()
        && r.adds_load()
    {
        problems.push(format!("the step adds load ({r:?}) while recovery comes first"));
    }
    for reason in &n.weighed {
        if let Reason::Sign { sign, remedy: Some(r), .. } = reason
            && n.holds(*r)
        {
            problems.push(format!("{sign:?}'s card asks for {r:?}, which waits"));
        }
    }
    // The first reason weighed is the one with the highest priority.
    let priorities: Vec<Priority> = n.weighed.iter().map(Reason::priority).collect();
    if !priorities.is_sorted() {
        problems.push(format!("reasons out of order: {priorities:?}"));
    }
    // Every flagged sign is weighed.
    let flagged = report.findings.iter().filter(|f| f.status.severity() > 0).count();
    let signs = n.weighed.iter().filter(|r| matches!(r, Reason::Sign { .. })).count();
    if flagged != signs {
        problems.push(format!("{flagged} flagged signs, {signs} weighed"));
    }
    // The week's plan, from today, agrees: no quality session when recovery comes first.
    let (_, plan) = common::plan_week(h, None, h.today);
    if n.weighed.first().is_some_and(Reason::calls_for_recovery)
        && plan.active().any(|s| s.session.kind.is_quality())
    {
        problems.push("this week's plan has a quality session while recovery comes first".into());
    }
    problems
}

#[test]
fn every_scenario_gets_one_next_step_that_never_contradicts_recovery() {
    let mut mismatches = Vec::new();
    for case in CASES {
        let h = (case.build)(TODAY);
        let (report, n) = answer(&h);
        if std::env::var_os("SHOW_FINDINGS").is_some() {
            eprintln!("{}: {:?} — {}\n    why: {}", case.name, n.step, n.step.text(), n.why());
        }
        let got = match (n.reason, n.step) {
            (Some(Reason::Sign { sign, .. }), step) => Answer::Sign(sign, step),
            (Some(Reason::Setback(_)), _) => Answer::Circumstance("setback"),
            (Some(Reason::RaceRecovery(_)), _) => Answer::Circumstance("race"),
            (Some(Reason::Returning(_)), _) => Answer::Circumstance("returning"),
            (Some(Reason::BaseBuilding { .. }), _) => Answer::BuildBase,
            (None, Step::KeepGoing) => Answer::KeepGoing,
            (None, step) => {
                mismatches.push(format!("{}: no reason, step {step:?}", case.name));
                continue;
            }
        };
        if got != case.expect {
            mismatches.push(format!("{}: got {got:?}, expected {:?} ({})", case.name, case.expect, n.why()));
        }
        for p in problems(&h, &report, &n) {
            mismatches.push(format!("{}: {p}", case.name));
        }
        if n.step.text().trim().is_empty() || n.why().trim().is_empty() {
            mismatches.push(format!("{}: an empty step or why", case.name));
        }
    }
    assert!(mismatches.is_empty(), "{} mismatch(es):\n{}", mismatches.len(), mismatches.join("\n"));
}

#[test]
fn the_verdict_leads_with_what_comes_first() {
    let (report, n) = answer(&stale_and_stressed(TODAY));
    assert!(
        report.verdict.headline.starts_with("Signs of a rut: life stress"),
        "{}",
        report.verdict.headline
    );
    let why = n.why();
    assert!(why.contains("Recovery comes first"), "{why}");
    assert!(why.contains("same run every time (a rut sign)"), "{why}");
    // The stale card's step waits for nothing: a new route adds no load.
    assert!(
        n.weighed
            .iter()
            .any(|r| matches!(r, Reason::Sign { sign: Sign::Staleness, remedy: Some(Remedy::NewRoute), .. }))
    );
}
