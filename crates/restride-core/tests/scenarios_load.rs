//! Scenario tests for the load half of the rut engine: effort creep, overreaching,
//! cramming and every run easy. Each case is a runner's history and the status
//! each of these four signs should get; one loop runs them all and lists every
//! mismatch.
#![allow(clippy::unwrap_used)]

// The shared builder's `History::run` takes eight arguments.
#[allow(clippy::too_many_arguments)]
mod common;

use common::{Case, check_cases};
use restride_core::analysis::Sign;

/// A Wednesday, so the current calendar week is part-way through.
const TODAY: &str = "2026-11-25";

/// The four signs this file checks; each case's `expect` is in this order: effort creep, overreaching, cramming, all easy.
const SIGNS: [Sign; 4] = [Sign::EffortCreep, Sign::Overreaching, Sign::Cramming, Sign::AllEasy];

const CASES: &[Case] = &[
    // Healthy histories: none of the four signs fires.
    Case {
        name: "varied, progressing plan",
        build: common::load_progressing_plan,
        expect: ["clear", "clear", "clear", "clear"],
    },
    Case {
        name: "taper to a race",
        build: common::load_taper_to_race,
        expect: ["clear", "clear", "clear", "clear"],
    },
    Case {
        name: "beginner's first month",
        build: common::load_beginner_month,
        expect: ["insufficient", "insufficient", "insufficient", "insufficient"],
    },
    Case {
        name: "steady weeks",
        build: |t| common::load_steady(t, 12, 0),
        expect: ["clear", "clear", "clear", "clear"],
    },
    // One sign at a time, at each level it is designed to reach.
    Case {
        name: "load spike, every day, tired",
        build: common::load_spike_every_day,
        expect: ["clear", "rut", "clear", "clear"],
    },
    Case {
        name: "load spike in one week",
        build: common::load_spike_one_week,
        expect: ["clear", "watch", "clear", "clear"],
    },
    Case {
        name: "tired for nine days, load unchanged",
        build: common::load_tired_for_nine_days,
        expect: ["clear", "rut", "clear", "clear"],
    },
    Case {
        name: "sleeping badly, load unchanged",
        build: common::load_sleeping_badly,
        expect: ["clear", "watch", "clear", "clear"],
    },
    Case {
        name: "daily streak of easy runs",
        build: common::load_daily_streak,
        expect: ["clear", "watch", "clear", "rut"],
    },
    Case {
        name: "six days in a row after a short week",
        build: common::load_cram_six_days,
        expect: ["clear", "clear", "rut", "clear"],
    },
    Case {
        name: "a bigger week after a short one",
        build: common::load_cram_spread,
        expect: ["clear", "clear", "watch", "clear"],
    },
    Case { name: "every run easy", build: common::load_all_easy, expect: ["clear", "clear", "clear", "rut"] },
    Case {
        name: "every run moderate",
        build: common::load_grey_zone,
        expect: ["clear", "clear", "clear", "watch"],
    },
    Case {
        name: "effort creeping up",
        build: common::load_effort_creeping,
        expect: ["rut", "clear", "clear", "clear"],
    },
    Case {
        name: "slower at the same effort",
        build: common::load_slowing_at_same_effort,
        expect: ["watch", "clear", "clear", "clear"],
    },
];

#[test]
fn every_scenario_gets_the_expected_status() {
    check_cases(&SIGNS, CASES, TODAY);
}

#[test]
fn runs_over_a_year_old_change_no_finding() {
    // Ten years of a steady varied plan against its last 400 days alone: the
    // analysis reads a year (`HORIZON_DAYS`), so every finding is the same.
    let ten_years = common::varied_plan(TODAY, 520, false);
    let mut last_400_days = common::varied_plan(TODAY, 520, false);
    let cut = last_400_days.today - chrono::Duration::days(400);
    last_400_days.runs.retain(|r| r.start.date_naive() >= cut);
    last_400_days.wellness.retain(|w| w.date >= cut);
    assert!(ten_years.runs.len() > 8 * last_400_days.runs.len());
    assert_eq!(ten_years.analyze(), last_400_days.analyze());
}
