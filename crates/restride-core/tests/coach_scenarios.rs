//! The coach against the cases issue 12 reproduced, and a few runners besides: a
//! history in, the radar's signs and the next plan out. Every plan here is checked
//! against the safety rules recomputed from the runs (`common::safety_violations`)
//! and `check_rules`; each case then asserts what a careful coach would expect.
//! `SHOW_FINDINGS=1 cargo test -p restride-core --test coach_scenarios -- --nocapture`
//! prints each case's signs and plan.
#![allow(clippy::unwrap_used)]

// The shared builder's `History::run` takes eight arguments.
#[allow(clippy::too_many_arguments)]
mod common;

use chrono::{Duration, NaiveDate, TimeZone, Weekday};
use common::*;
use restride_core::analysis::{Report, Sign, Status};
use restride_core::plan::{
    Adjustment, PlanInput, RaceGoal, SessionKind, WeekPlan, check_rules, load_basis, mark_missed,
    race_outlook, realign,
};
use restride_core::{Hooper, LifeTag, Rpe, Run, RunType, Setback, SetbackKind};

/// A Monday.
const MONDAY: &str = "2026-11-23";

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn status(report: &Report, sign: Sign) -> Status {
    report.findings.iter().find(|f| f.sign == sign).unwrap().status.clone()
}

fn sentence(report: &Report, sign: Sign) -> &str {
    &report.findings.iter().find(|f| f.sign == sign).unwrap().sentence
}

fn kinds(plan: &WeekPlan) -> Vec<SessionKind> {
    plan.active().map(|s| s.session.kind).collect()
}

fn has_quality(plan: &WeekPlan) -> bool {
    plan.active().any(|s| s.session.kind.is_quality())
}

fn longest(plan: &WeekPlan) -> u32 {
    plan.active().filter(|s| s.session.is_run()).map(|s| s.session.minutes).max().unwrap_or(0)
}

/// Signs, then the plan, in a line or two each: what the report lists per case.
fn summary(report: &Report, plan: &WeekPlan) -> String {
    let signs: Vec<String> =
        report.findings.iter().map(|f| format!("{} {}", f.sign.slug(), f.status.slug())).collect();
    let sessions: Vec<String> = plan
        .active()
        .map(|s| format!("{} {} {} min", s.date.format("%a"), s.session.kind.slug(), s.session.minutes))
        .collect();
    let adjustments: Vec<String> = plan.adjustments.iter().map(Adjustment::text).collect();
    format!(
        "signs: {}\nplan: {} (load {:.0} of {:.0}, {:.0} of {:.0} running minutes, longest {} of {:.0})\nwhy: {}",
        signs.join(", "),
        if sessions.is_empty() { "nothing planned".into() } else { sessions.join(", ") },
        plan.planned_load(),
        plan.load.cap,
        plan.planned_minutes(),
        plan.load.minutes_cap,
        longest(plan),
        plan.load.longest_cap,
        adjustments.join(" | ")
    )
}

fn show(case: &str, report: &Report, plan: &WeekPlan) {
    if std::env::var_os("SHOW_FINDINGS").is_some() {
        eprintln!("== {case}\n{}\n", summary(report, plan));
    }
}

/// 16 weeks building to a marathon: easy, tempo or intervals, easy and a long run a
/// week, the long run growing to 150 minutes, with a 3-week taper; the marathon on
/// the Sunday before `MONDAY`.
fn marathoner(today: &str) -> (History, RaceGoal) {
    let mut h = History::new(today);
    let race = date("2026-11-22");
    for w in (1..=16i64).rev() {
        let monday = race - Duration::days(6) - Duration::weeks(w - 1);
        let ago = |d: i64| (h.today - (monday + Duration::days(d))).num_days();
        let taper = if w <= 3 { 0.6 + 0.1 * (3 - w) as f64 } else { 1.0 };
        let long = (90.0 + 4.0 * (16 - w).min(15) as f64).min(150.0) * taper;
        let quality = if w % 2 == 0 { RunType::Tempo } else { RunType::Intervals };
        let (a, b, c, d) = (ago(1), ago(3), ago(4), ago(6));
        h.run(a, 7, RunType::Easy, 50.0 * taper, 50.0 * taper / 6.0, 3, 4);
        if w > 1 {
            h.run(b, 7, quality, 45.0 * taper, 45.0 * taper / 5.0, 7, 4);
            h.run(c, 7, RunType::Easy, 40.0 * taper, 40.0 * taper / 6.0, 3, 4);
            h.run(d, 8, RunType::Long, long, long / 6.2, 4, 4);
        }
    }
    h.run(1, 9, RunType::Race, 225.0, 42.3, 9, 4);
    let goal = RaceGoal { distance_m: 42_195.0, date: race, target_s: Some(225 * 60) };
    (h, goal)
}

#[test]
fn after_a_marathon_the_weeks_are_easy_and_the_goal_says_recover_first() {
    let (h, goal) = marathoner(MONDAY);
    let (report, monday) = plan_week(&h, Some(&goal), date(MONDAY));
    show("after a marathon: the Monday after", &report, &monday);
    // Not hills two days after, nor a long run on Saturday: easy running, lighter.
    assert!(!has_quality(&monday) && !kinds(&monday).contains(&SessionKind::Long), "{:?}", kinds(&monday));
    let Some(Adjustment::RaceRecovery { quality_from, share, .. }) =
        monday.adjustments.iter().find(|a| matches!(a, Adjustment::RaceRecovery { .. })).cloned()
    else {
        panic!("{:?}", monday.adjustments)
    };
    assert_eq!(quality_from, date("2026-11-22") + Duration::days(44), "about a day per km raced");
    assert!(share < 0.55 && monday.planned_load() <= monday.load.average * 0.6, "{share}");
    assert!(f64::from(longest(&monday)) <= 0.75 * 1.1 * monday.load.longest_minutes + 1e-9);
    // The race leaves the basis as it was: not a week's training to build on.
    let without_race: Vec<Run> = h.runs.iter().filter(|r| r.kind != RunType::Race).cloned().collect();
    assert_eq!(load_basis(&h.runs, date(MONDAY)), load_basis(&without_race, date(MONDAY)));
    // Eight days after: still no quality, still no long run (the first half lasts 22 days).
    let mut later = h.clone();
    later.today = date("2026-11-30");
    let (report, next) = plan_week(&later, Some(&goal), date("2026-11-30"));
    show("after a marathon: eight days after", &report, &next);
    assert!(!has_quality(&next) && !kinds(&next).contains(&SessionKind::Long), "{:?}", kinds(&next));
    let recovery_share = |p: &WeekPlan| {
        p.adjustments
            .iter()
            .find_map(|a| if let Adjustment::RaceRecovery { share, .. } = a { Some(*share) } else { None })
    };
    assert!(recovery_share(&next) > recovery_share(&monday), "the load comes back gradually");
    // The radar reads no plateau or "every run easy" into the recovery weeks.
    for sign in [Sign::Plateau, Sign::AllEasy] {
        assert_eq!(status(&report, sign).severity(), 0, "{}", sentence(&report, sign));
    }
    // The goal stays in view through the window, saying "recover first".
    let o = race_outlook(&goal, &h.runs, &report.findings, date("2026-11-24"), Weekday::Mon);
    let recovery = o.recovery.unwrap();
    assert!(
        recovery.advice().starts_with("Recover first: easy running only until Mon 4 Jan"),
        "{}",
        recovery.advice()
    );
    assert!(goal.in_view(&h.runs, date("2027-01-04")) && !goal.in_view(&h.runs, date("2027-01-05")));
}

/// 12 weeks of 155 minutes a week (40 and 45 easy, a 70-minute long run), every run
/// rated 5.
fn rates_everything_five(today: &str) -> History {
    let mut h = History::new(today);
    for w in 1..=12 {
        for (day, kind, minutes) in
            [(1, RunType::Easy, 40.0), (3, RunType::Easy, 45.0), (5, RunType::Long, 70.0)]
        {
            let ago = (h.today - (date(MONDAY) - Duration::weeks(w) + Duration::days(day))).num_days();
            h.run(ago, 7, kind, minutes, minutes / 6.0, 5, 3);
        }
    }
    h
}

#[test]
fn long_runs_and_weekly_time_stay_within_ten_percent() {
    let h = rates_everything_five(MONDAY);
    let (report, p) = plan_week(&h, None, date(MONDAY));
    show("long runs and weekly time", &report, &p);
    // Was 190 minutes with a 115-minute long run: now at most 170.5 and 77.
    assert!(p.planned_minutes() <= 155.0 * 1.1 + 1e-9, "{}", p.planned_minutes());
    assert!(f64::from(longest(&p)) <= 70.0 * 1.1, "{}", longest(&p));
    // And the plan says which bound held it.
    assert!(
        p.adjustments.iter().any(|a| matches!(a, Adjustment::Minutes { .. } | Adjustment::LongestRun { .. }))
    );
}

#[test]
fn realign_never_crams_the_days_left() {
    // Four runs a week for 12 weeks; this week planned Mon/Wed/Fri/Sun.
    let mut h = History::new(MONDAY);
    for wb in 1..=12 {
        load_week(
            &mut h,
            wb,
            &[(0, RunType::Easy), (2, RunType::Tempo), (4, RunType::Easy), (6, RunType::Long)],
            1.0,
            1.0,
        );
    }
    h.settings.run_days = vec![Weekday::Mon, Weekday::Wed, Weekday::Fri, Weekday::Sun];
    let (report, p) = plan_week(&h, None, date(MONDAY));
    assert_eq!(p.active().count(), 4, "{:?}", kinds(&p));
    // Monday and Wednesday missed; on Thursday the runner moves to Thursday–Sunday
    // and realigns.
    let monday = p.on(date(MONDAY)).unwrap().id;
    let wednesday = p.on(date("2026-11-25")).unwrap().id;
    let p = mark_missed(&mark_missed(&p, monday, None).unwrap(), wednesday, None).unwrap();
    let thursday = date("2026-11-26");
    let before = p.remaining(thursday);
    let mut moved = h;
    moved.settings.run_days = vec![Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
    let input = PlanInput {
        week_start: date(MONDAY),
        first_day: date(MONDAY),
        settings: &moved.settings,
        runs: &moved.runs,
        findings: &report.findings,
        fitness: None,
        goal: None,
        setbacks: &[],
    };
    let after = realign(&p, &input, thursday);
    show("realign after two misses", &report, &after);
    check_rules(&after).unwrap();
    let now = after.remaining(thursday);
    if std::env::var_os("SHOW_FINDINGS").is_some() {
        eprintln!(
            "left from {thursday}: load {:.0} in {:.0} minutes before, {:.0} in {:.0} after",
            before.0, before.1, now.0, now.1
        );
    }
    // Was 648 → 1102 load from Thursday on (the whole week's, four days in a row):
    // now never more than before.
    assert!(now.0 <= before.0 + 1e-9 && now.1 <= before.1 + 1e-9, "{now:?} vs {before:?}");
    assert!(safety_violations(&after, &moved.runs, &[], None).is_empty());
    let hard: Vec<NaiveDate> =
        after.active().filter(|s| s.date >= thursday && s.session.is_hard()).map(|s| s.date).collect();
    assert!(hard.windows(2).all(|w| w[1] - w[0] > Duration::days(1)), "{hard:?}");
}

#[test]
fn no_hard_session_back_from_injury_for_a_beginner_or_while_ill() {
    // Week 1 back from three weeks injured, after months of every run easy (a plateau
    // and all-easy history): easy running at half the load, no long run, no quality.
    let mut back = load_all_easy(MONDAY);
    back.runs.retain(|r| (back.today - r.start.date_naive()).num_days() > 21);
    back.setbacks.push(Setback {
        kind: SetbackKind::Injured,
        start: date("2026-11-02"),
        end: Some(date("2026-11-23")),
    });
    let (report, p) = plan_week(&back, None, date(MONDAY));
    show("week 1 back from injury", &report, &p);
    assert!(!has_quality(&p) && !kinds(&p).contains(&SessionKind::Long), "{:?}", kinds(&p));
    assert!(
        p.adjustments
            .iter()
            .any(|a| matches!(a, Adjustment::Return { week: 1, share, .. } if (*share - 0.5).abs() < 1e-9))
    );
    // Six weeks into running, every run rated 4: no quality, and no "every run easy".
    let mut beginner = History::new(MONDAY);
    for i in 0..18i64 {
        beginner.run(42 - i * 7 / 3, 18, RunType::Easy, 20.0 + i as f64, (20.0 + i as f64) / 7.5, 4, 4);
    }
    let (report, p) = plan_week(&beginner, None, date(MONDAY));
    show("a six-week beginner", &report, &p);
    assert!(!has_quality(&p), "{:?}", kinds(&p));
    assert_ne!(status(&report, Sign::AllEasy), Status::Rut);
    // Ill since four days ago: nothing planned on the days it lasts, nothing missed.
    let mut ill = load_all_easy(MONDAY);
    ill.setbacks.push(Setback { kind: SetbackKind::Ill, start: date("2026-11-19"), end: None });
    let (report, p) = plan_week(&ill, None, date(MONDAY));
    show("four days ill", &report, &p);
    assert!(p.sessions.is_empty(), "{:?}", kinds(&p));
    assert!(report.findings.iter().all(|f| matches!(f.status, Status::Insufficient { .. })));
    // Back after those four days: an easy week at three quarters, no quality.
    ill.setbacks[0].end = Some(date("2026-11-23"));
    let (report, p) = plan_week(&ill, None, date(MONDAY));
    show("back after four days ill", &report, &p);
    assert!(!has_quality(&p) && !p.sessions.is_empty(), "{:?}", kinds(&p));
}

/// 16 steady weeks; the last four every run 7 % slower and rated a point harder.
fn slower_and_harder(today: &str) -> History {
    let mut h = load_steady(today, 16, 0);
    let today = h.today;
    for r in &mut h.runs {
        if (today - r.start.date_naive()).num_days() < 28 {
            r.distance_m = r.distance_m.map(|m| m / 1.07);
            r.rpe = r.rpe.and_then(|rpe| Rpe::new(rpe.value() + 1));
        }
    }
    h
}

#[test]
fn a_decline_is_overreaching_and_gets_rest_not_intensity() {
    let h = slower_and_harder("2026-11-25");
    let (report, p) = plan_week(&h, None, date("2026-11-30"));
    show("a decline", &report, &p);
    assert_eq!(status(&report, Sign::Overreaching), Status::Rut, "{}", sentence(&report, Sign::Overreaching));
    assert!(sentence(&report, Sign::Overreaching).contains("performance decline"));
    assert_eq!(status(&report, Sign::Plateau), Status::Clear);
    assert!(
        sentence(&report, Sign::Plateau).starts_with("Not a plateau"),
        "{}",
        sentence(&report, Sign::Plateau)
    );
    assert!(!has_quality(&p), "{:?}", kinds(&p));
    assert!(p.adjustments.contains(&Adjustment::NoQuality { sign: Sign::Overreaching }));
    assert!(p.planned_load() < p.load.average);
}

#[test]
fn swapping_tempo_for_hills_is_not_a_collapse() {
    // A varied plan whose last four weeks swap the tempo run for hills (the app's own advice).
    let mut h = varied_plan("2026-11-25", 16, false);
    let today = h.today;
    for r in &mut h.runs {
        if r.kind == RunType::Tempo && (today - r.start.date_naive()).num_days() < 28 {
            r.kind = RunType::Hills;
            r.moving_s = 40 * 60;
            r.distance_m = Some(6000.0);
        }
    }
    let (report, p) = plan_week(&h, None, date("2026-11-30"));
    show("tempo swapped for hills", &report, &p);
    assert_ne!(status(&report, Sign::Overreaching), Status::Rut);
    assert!(!sentence(&report, Sign::Plateau).starts_with("Not a plateau"), "no decline read into it");
}

#[test]
fn a_few_easy_runs_after_six_weeks_off_are_no_load_spike() {
    let mut h = load_steady("2026-11-25", 12, 7);
    for ago in [5, 3, 1] {
        h.run(ago, 7, RunType::Easy, 22.0, 3.5, 3, 4);
    }
    let report = h.analyze();
    let o = report.findings.iter().find(|f| f.sign == Sign::Overreaching).unwrap();
    assert!(o.status.severity() == 0, "{}", o.sentence);
    assert!(!o.sentence.contains("a sudden jump"), "{}", o.sentence);
    let (report, p) = plan_week(&h, None, date("2026-11-30"));
    show("six weeks off, then easy runs", &report, &p);
}

/// A real 80/20 runner whose runs came from a watch without ratings: four easy or
/// long runs and one session of intervals or hills a week, typed on import.
fn imported_eighty_twenty(today: &str) -> History {
    let mut h = History::new(today);
    for w in 0..14i64 {
        let d = w * 7;
        for (day, kind, minutes, pace) in [
            (6, RunType::Easy, 45.0, 360.0),
            (5, if w % 2 == 0 { RunType::Intervals } else { RunType::Hills }, 50.0, 350.0),
            (3, RunType::Easy, 40.0, 365.0),
            (2, RunType::Recovery, 30.0, 390.0),
            (0, RunType::Long, 85.0, 375.0),
        ] {
            h.run(d + day, 7, kind, minutes, minutes * 60.0 / pace, 0, 4).with(|r| r.rpe = None);
        }
    }
    h
}

#[test]
fn an_imported_eighty_twenty_runner_is_not_told_every_run_is_easy() {
    let h = imported_eighty_twenty("2026-11-25");
    let (report, p) = plan_week(&h, None, date("2026-11-30"));
    show("imported 80/20 runner", &report, &p);
    assert_eq!(status(&report, Sign::AllEasy), Status::Clear, "{}", sentence(&report, Sign::AllEasy));
}

#[test]
fn a_couch_to_5k_runner_at_six_weeks_is_building_a_base() {
    let mut h = History::new("2026-11-25");
    for i in 0..18i64 {
        let minutes = 20.0 + (i / 3) as f64 * 2.0;
        h.run(42 - i * 7 / 3, 18, RunType::Easy, minutes, minutes / 8.0, 4, 4);
    }
    let (report, p) = plan_week(&h, None, date("2026-11-30"));
    show("couch to 5K at six weeks", &report, &p);
    assert_eq!(status(&report, Sign::AllEasy), Status::Clear, "{}", sentence(&report, Sign::AllEasy));
    assert!(sentence(&report, Sign::AllEasy).starts_with("You are building an easy base"));
    assert!(!has_quality(&p));
    assert!(p.adjustments.iter().any(|a| matches!(a, Adjustment::BaseBuilding { .. })));
}

#[test]
fn the_same_twenty_minutes_at_two_times_of_day_is_still_stale() {
    // The article's case, Tuesdays before work and Fridays after it.
    let mut h = History::new("2026-11-25");
    for week in 0..26 {
        h.run(week * 7 + 1, 7, RunType::Easy, 20.0, 3.6, 4, 3).with(|r| r.route = "block loop".into());
        h.run(week * 7 + 4, 19, RunType::Easy, 20.0, 3.6, 4, 3).with(|r| r.route = "block loop".into());
    }
    let (report, p) = plan_week(&h, None, date("2026-11-30"));
    show("twenty minutes at two times of day", &report, &p);
    assert_eq!(status(&report, Sign::Staleness), Status::Rut, "{}", sentence(&report, Sign::Staleness));
}

#[test]
fn a_trip_alone_is_not_life_stress() {
    // 12 days away, tagged "travel", sleeping and feeling as usual.
    let mut h = varied_progressing_plan("2026-11-25");
    let today = h.today;
    for w in &mut h.wellness {
        if (today - w.date).num_days() < 12 {
            w.tags = vec![LifeTag::Travel];
        }
    }
    let (report, p) = plan_week(&h, None, date("2026-11-30"));
    show("a 12-day trip", &report, &p);
    assert_eq!(status(&report, Sign::LifeStress), Status::Clear, "{}", sentence(&report, Sign::LifeStress));
}

#[test]
fn a_healthy_eighty_twenty_runner_gets_quality_and_a_long_run() {
    let h = varied_progressing_plan("2026-11-25");
    let (report, p) = plan_week(&h, None, date("2026-11-30"));
    show("a healthy 80/20 runner", &report, &p);
    assert!(report.findings.iter().all(|f| f.status.severity() == 0), "{}", report.verdict.headline);
    assert!(has_quality(&p) && kinds(&p).contains(&SessionKind::Long), "{:?}", kinds(&p));
}

#[test]
fn a_taper_keeps_intensity_and_cuts_load() {
    let mut h = load_progressing_plan("2026-11-25");
    h.settings.run_days = vec![Weekday::Tue, Weekday::Thu, Weekday::Sat, Weekday::Sun];
    let goal = RaceGoal::new(21_097.5, date("2026-12-13"), None, h.today).unwrap();
    let (report, p) = plan_week(&h, Some(&goal), date("2026-11-30"));
    show("a taper", &report, &p);
    assert!(p.adjustments.iter().any(|a| matches!(a, Adjustment::Taper(_))));
    assert!(has_quality(&p), "{:?}", kinds(&p));
    assert!(p.target_load < p.load.average);
}

#[test]
fn back_from_three_weeks_off_the_radar_reads_the_return_against_itself() {
    // 16 steady weeks, three weeks injured, back on Monday 9 Nov and running since.
    let mut h = load_steady("2026-11-25", 16, 6);
    h.setbacks.push(Setback {
        kind: SetbackKind::Injured,
        start: date("2026-10-19"),
        end: Some(date("2026-11-09")),
    });
    for ago in [15, 13, 11, 8, 6, 4, 1] {
        h.run(ago, 7, RunType::Easy, 30.0, 5.0, 3, 4);
    }
    let (report, p) = plan_week(&h, None, date("2026-11-30"));
    show("back from three weeks off", &report, &p);
    // Nothing judged against the runner before the break: no spike from a low base,
    // no effort creep, no plateau or staleness yet.
    for sign in [Sign::Overreaching, Sign::EffortCreep, Sign::Plateau, Sign::Cramming, Sign::AllEasy] {
        assert_eq!(status(&report, sign).severity(), 0, "{sign:?}: {}", sentence(&report, sign));
    }
    assert!(
        report.verdict.headline.contains("Since you were back on Mon 9 Nov"),
        "{}",
        report.verdict.headline
    );
    // Return week 4 of 5: easy only, 76 % of the load before the break.
    assert!(
        p.adjustments.iter().any(|a| matches!(a, Adjustment::Return { week: 4, of: 5, .. })),
        "{:?}",
        p.adjustments
    );
    assert!(!has_quality(&p));
}

#[test]
fn a_runner_crossing_time_zones_keeps_one_run_a_day() {
    // The same 40-minute morning run at 07:00 local, at home (UTC+1), then two weeks
    // in Tokyo (UTC+9), then a week in New York (UTC−5), with travel check-ins.
    let mut h = varied_plan("2026-11-25", 16, true);
    let today = h.today;
    for r in &mut h.runs {
        let ago = (today - r.start.date_naive()).num_days();
        let offset = if ago < 7 {
            -5 * 3600
        } else if ago < 21 {
            9 * 3600
        } else {
            3600
        };
        let local = r.start.naive_local();
        r.start = chrono::FixedOffset::east_opt(offset).unwrap().from_local_datetime(&local).unwrap();
    }
    for w in &mut h.wellness {
        if (today - w.date).num_days() < 21 {
            w.tags = vec![LifeTag::Travel];
            w.sleep_quality = Hooper::new(3).unwrap();
        }
    }
    let (report, p) = plan_week(&h, None, date("2026-11-30"));
    show("across time zones", &report, &p);
    assert!(report.findings.iter().all(|f| f.status.severity() == 0), "{}", report.verdict.headline);
    assert!(has_quality(&p));
}
