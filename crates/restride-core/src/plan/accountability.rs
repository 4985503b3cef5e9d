//! Accountability: whether running with someone goes with doing more of the plan
//! and enjoying it more, and the weekly summary for a share card.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};

use super::library::counts_as_effort;
use super::{SessionStatus, WeekPlan, day_name};
use crate::analysis::performance::best_effort;
use crate::run::{Run, RunType, day_of_date};
use crate::units::{DistanceUnit, format_distance, format_duration};

fn with_company(run: &Run) -> bool {
    run.company.as_deref().is_some_and(|c| !c.trim().is_empty())
}

/// Runs and plan weeks on one side of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CompanyGroup {
    pub runs: usize,
    /// Runs with a feel rating, and their mean (1 awful … 5 great).
    pub feel_runs: usize,
    pub average_feel: Option<f64>,
    /// Plan weeks, and their sessions whose day has come and those done.
    pub weeks: usize,
    pub planned: usize,
    pub done: usize,
    /// done ÷ planned.
    pub adherence: Option<f64>,
}

/// Running with company against running alone.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyEffect {
    /// Runs with company; plan weeks with at least one such run.
    pub with: CompanyGroup,
    /// Runs alone; plan weeks without any run with company.
    pub without: CompanyGroup,
    /// Plain words, when both sides have enough to compare.
    pub sentence: Option<String>,
}

/// Runs per side before feel is compared, and due sessions per side before
/// adherence is: Restride's own minimums.
const MIN_RUNS: usize = 3;
const MIN_SESSIONS: usize = 4;

/// Compares runs with company (the `company` field set) with runs alone: average
/// feel, and the share of planned sessions done in plan weeks with at least one
/// run with company against weeks without. A week-level comparison because a
/// missed session has no run to say whether company was planned. An association,
/// not a cause: the sentence says "went with", never "made".
pub fn company_effect(history: &[WeekPlan], runs: &[Run], today: NaiveDate) -> CompanyEffect {
    let mut groups = [CompanyGroup::default(), CompanyGroup::default()];
    let mut feel_sums = [0.0, 0.0];
    let today_n = day_of_date(today);
    // The days with company, for the plan weeks below: one pass over the runs.
    let mut company_days: Vec<i64> = Vec::new();
    for run in runs {
        let day = run.local_day();
        let company = with_company(run);
        if company {
            company_days.push(day);
        }
        if day > today_n {
            continue;
        }
        let g = usize::from(company);
        if let Some(group) = groups.get_mut(g) {
            group.runs += 1;
            if let Some(feel) = run.feel {
                group.feel_runs += 1;
                if let Some(sum) = feel_sums.get_mut(g) {
                    *sum += f64::from(feel.value());
                }
            }
        }
    }
    company_days.sort_unstable();
    let mut seen = HashSet::new();
    for plan in history.iter().filter(|p| seen.insert(p.start)) {
        let (from, to) = (day_of_date(plan.start), day_of_date(plan.end()));
        let company = company_days.get(company_days.partition_point(|d| *d < from)).is_some_and(|d| *d <= to);
        let due: Vec<&SessionStatus> = plan
            .sessions
            .iter()
            .filter(|s| s.status != SessionStatus::Planned || s.date < today)
            .map(|s| &s.status)
            .collect();
        if let Some(group) = groups.get_mut(usize::from(company)) {
            group.weeks += 1;
            group.planned += due.len();
            group.done += due.iter().filter(|s| matches!(s, SessionStatus::Done(_))).count();
        }
    }
    for (group, sum) in groups.iter_mut().zip(feel_sums) {
        group.average_feel = (group.feel_runs > 0).then(|| sum / group.feel_runs as f64);
        group.adherence = (group.planned > 0).then(|| group.done as f64 / group.planned as f64);
    }
    let [without, with] = groups;
    let mut parts = Vec::new();
    if with.feel_runs >= MIN_RUNS
        && without.feel_runs >= MIN_RUNS
        && let (Some(a), Some(b)) = (with.average_feel, without.average_feel)
    {
        parts.push(format!(
            "Runs with company felt {a:.1} out of 5 on average ({} runs), runs alone {b:.1} ({} runs).",
            with.feel_runs, without.feel_runs
        ));
    }
    if with.planned >= MIN_SESSIONS
        && without.planned >= MIN_SESSIONS
        && let (Some(a), Some(b)) = (with.adherence, without.adherence)
    {
        parts.push(format!(
            "In weeks with a run with company you did {:.0} % of planned sessions ({} of {}); in other \
             weeks {:.0} % ({} of {}).",
            a * 100.0,
            with.done,
            with.planned,
            b * 100.0,
            without.done,
            without.planned
        ));
    }
    let sentence = (!parts.is_empty()).then(|| parts.join(" "));
    CompanyEffect { with, without, sentence }
}

/// The best thing about a week, for the share card.
#[derive(Debug, Clone, PartialEq)]
pub enum Highlight {
    /// The week's best effort is the best of the last 12 weeks.
    BestEffort { date: NaiveDate, distance_m: f64, time_s: f64 },
    /// The week's longest run is the longest of the last 12 weeks.
    LongestRun { date: NaiveDate, moving_s: u32 },
    /// Every planned session done.
    AllSessionsDone { sessions: usize },
    /// A run that felt good or great.
    FeltGreat { date: NaiveDate, feel: u8 },
    /// A run with company.
    Company { date: NaiveDate, with: String },
}

impl Highlight {
    pub fn text(&self, unit: DistanceUnit) -> String {
        match self {
            Self::BestEffort { date, distance_m, time_s } => format!(
                "Your best effort in 12 weeks: {} in {} on {}.",
                format_distance(*distance_m, unit),
                format_duration(seconds(*time_s)),
                day_name(*date)
            ),
            Self::LongestRun { date, moving_s } => {
                format!(
                    "Your longest run in 12 weeks: {} on {}.",
                    format_duration(*moving_s),
                    day_name(*date)
                )
            }
            Self::AllSessionsDone { sessions } => {
                format!("Every planned session done: {sessions} of {sessions}.")
            }
            Self::FeltGreat { date, feel } => format!(
                "The run on {} felt {}.",
                day_name(*date),
                crate::run::Feel::new(*feel).map_or("good", crate::run::Feel::phrase)
            ),
            Self::Company { date, with } => format!("A run with {with} on {}.", day_name(*date)),
        }
    }
}

/// Whole seconds of a finite, non-negative time (others 0).
fn seconds(time_s: f64) -> u32 {
    let t = if time_s.is_finite() { time_s.round().clamp(0.0, f64::from(u32::MAX)) } else { 0.0 };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to u32's range above
    let t = t as u32;
    t
}

/// A week in numbers and lines of text, for a share card.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekSummary {
    pub start: NaiveDate,
    pub runs: usize,
    pub distance_m: f64,
    pub moving_s: u64,
    pub sessions_done: usize,
    pub sessions_planned: usize,
    pub best: Option<Highlight>,
    /// The radar's headline.
    pub headline: String,
    /// The card's lines, in order.
    pub lines: Vec<String>,
}

/// Earlier runs in the 12 weeks before a "best in 12 weeks" means something.
const MIN_EARLIER_RUNS: usize = 3;
const HIGHLIGHT_WINDOW_DAYS: i64 = 84;

/// The week starting `week_start`: runs, distance and time logged, sessions done of
/// the plan's sessions (skipped ones left out: the runner let them go), the best
/// thing (a 12-week best effort, else a 12-week longest run, else every session
/// done, else a run that felt good, else a run with company), and the radar's
/// `headline`.
pub fn week_summary(
    plan: Option<&WeekPlan>,
    runs: &[Run],
    week_start: NaiveDate,
    headline: &str,
    unit: DistanceUnit,
) -> WeekSummary {
    let end = week_start + Duration::days(6);
    let week: Vec<&Run> =
        runs.iter().filter(|r| (week_start..=end).contains(&r.start.date_naive())).collect();
    // A fold from +0.0: an empty f64 sum is −0.0, which would show as "-0.00 km".
    let distance_m =
        week.iter().filter_map(|r| r.distance_m).filter(|d| d.is_finite()).fold(0.0, |a, d| a + d);
    let moving_s: u64 = week.iter().map(|r| u64::from(r.moving_s)).sum();
    let (sessions_done, sessions_planned) = plan.map_or((0, 0), |p| {
        let counted: Vec<_> = p.sessions.iter().filter(|s| s.status != SessionStatus::Skipped).collect();
        (counted.iter().filter(|s| matches!(s.status, SessionStatus::Done(_))).count(), counted.len())
    });
    let since = week_start - Duration::days(HIGHLIGHT_WINDOW_DAYS);
    let earlier: Vec<&Run> =
        runs.iter().filter(|r| (since..week_start).contains(&r.start.date_naive())).collect();
    let best = best_effort_highlight(&week, &earlier)
        .or_else(|| longest_highlight(&week, &earlier))
        .or_else(|| {
            (sessions_planned > 0 && sessions_done == sessions_planned)
                .then_some(Highlight::AllSessionsDone { sessions: sessions_planned })
        })
        .or_else(|| {
            week.iter()
                .filter_map(|r| r.feel.map(|f| (f.value(), r.start.date_naive())))
                .filter(|(f, _)| *f >= 4)
                .max()
                .map(|(feel, date)| Highlight::FeltGreat { date, feel })
        })
        .or_else(|| {
            week.iter().find(|r| with_company(r)).map(|r| Highlight::Company {
                date: r.start.date_naive(),
                with: r.company.as_deref().unwrap_or_default().trim().to_string(),
            })
        });
    let mut lines = vec![format!(
        "{} · {} · {}",
        crate::analysis::metrics::count(week.len(), "run"),
        format_distance(distance_m, unit),
        format_duration(u32::try_from(moving_s).unwrap_or(u32::MAX))
    )];
    if plan.is_some() {
        lines.push(format!("Plan: {sessions_done} of {sessions_planned} sessions done"));
    }
    if let Some(b) = &best {
        lines.push(b.text(unit));
    }
    lines.push(headline.to_string());
    WeekSummary {
        start: week_start,
        runs: week.len(),
        distance_m,
        moving_s,
        sessions_done,
        sessions_planned,
        best,
        headline: headline.to_string(),
        lines,
    }
}

/// The week's best effort when it beats every effort of the 12 weeks before. Races
/// and hard continuous runs only, as for fitness, so an easy run's "VDOT" never
/// passes for an achievement.
fn best_effort_highlight(week: &[&Run], earlier: &[&Run]) -> Option<Highlight> {
    let efforts = |runs: &[&Run]| {
        runs.iter().filter(|r| counts_as_effort(r)).filter_map(|r| best_effort(r)).collect::<Vec<_>>()
    };
    let before = efforts(earlier);
    if before.len() < MIN_EARLIER_RUNS {
        return None;
    }
    let top = before.iter().map(|e| e.vdot).fold(f64::MIN, f64::max);
    efforts(week)
        .into_iter()
        .filter(|e| e.vdot > top)
        .max_by(|a, b| a.vdot.total_cmp(&b.vdot))
        .map(|e| Highlight::BestEffort { date: e.date, distance_m: e.distance_m, time_s: e.time_s })
}

fn longest_highlight(week: &[&Run], earlier: &[&Run]) -> Option<Highlight> {
    let running = |r: &&&Run| r.kind != RunType::Cross;
    let before: Vec<u32> = earlier.iter().filter(running).map(|r| r.moving_s).collect();
    if before.len() < MIN_EARLIER_RUNS {
        return None;
    }
    let top = before.iter().copied().max().unwrap_or(0);
    week.iter()
        .filter(running)
        .filter(|r| r.moving_s > top)
        .max_by_key(|r| r.moving_s)
        .map(|r| Highlight::LongestRun { date: r.start.date_naive(), moving_s: r.moving_s })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::week::tests::{date, plan_for, steady};
    use crate::plan::{skip, tick};
    use crate::run::{Feel, Rpe};
    use crate::settings::Settings;
    use crate::testing::sample_run;

    fn run(n: u8, day: &str, kind: RunType, minutes: f64, km: f64) -> Run {
        sample_run(n, &format!("{day}T07:00:00+01:00"), kind, minutes, km)
    }

    #[test]
    fn company_against_alone() {
        // Week 1 (Nov 23): two of three sessions done, one with a friend. Week 2
        // (Nov 30): one of three done, alone.
        let settings = Settings::default();
        let w1 = plan_for(&steady(10), &settings, &[]);
        let mut w2 = w1.clone();
        w2.start = date("2026-11-30");
        for s in &mut w2.sessions {
            s.date += Duration::days(7);
            s.id.week = w2.start;
        }
        let kind = |p: &WeekPlan, i: usize| p.sessions[i].session.kind.run_type().unwrap();
        let mut runs = vec![
            Run {
                company: Some("Sam".into()),
                feel: Feel::new(5),
                ..run(1, "2026-11-24", kind(&w1, 0), 30.0, 6.0)
            },
            Run {
                feel: Feel::new(4),
                company: Some("  ".into()),
                ..run(2, "2026-11-26", kind(&w1, 1), 40.0, 7.0)
            },
            run(3, "2026-12-01", kind(&w2, 0), 30.0, 6.0),
            Run { feel: None, ..run(4, "2026-12-05", RunType::Easy, 20.0, 3.0) },
        ];
        runs[2].feel = Feel::new(2);
        let w1 = runs.iter().fold(w1, |p, r| tick(&p, r));
        let w2 = runs.iter().fold(w2, |p, r| tick(&p, r));
        let e = company_effect(&[w1.clone(), w2, w1], &runs, date("2026-12-07"));
        assert_eq!((e.with.runs, e.with.feel_runs, e.with.average_feel), (1, 1, Some(5.0)));
        assert_eq!((e.without.runs, e.without.feel_runs), (3, 2));
        assert!((e.without.average_feel.unwrap() - 3.0).abs() < 1e-9);
        assert_eq!((e.with.weeks, e.with.planned, e.with.done), (1, 3, 2), "the repeated week counts once");
        assert_eq!((e.without.weeks, e.without.planned, e.without.done), (1, 3, 2));
        // Too few to compare.
        assert_eq!(e.sentence, None);
        // Enough runs on both sides: the feel sentence.
        let more: Vec<Run> = (10..16)
            .map(|n| {
                let friend = (n % 2 == 0).then(|| "the club".to_string());
                Run {
                    company: friend.clone(),
                    feel: Feel::new(if friend.is_some() { 4 } else { 3 }),
                    ..run(n, "2026-11-10", RunType::Easy, 30.0, 5.0)
                }
            })
            .collect();
        let e = company_effect(&[], &more, date("2026-12-07"));
        assert_eq!(
            e.sentence.as_deref(),
            Some("Runs with company felt 4.0 out of 5 on average (3 runs), runs alone 3.0 (3 runs).")
        );
        assert_eq!(e.with.adherence, None);
    }

    #[test]
    fn week_summary_lines() {
        let settings = Settings::default();
        let plan = plan_for(&steady(10), &settings, &[]);
        let kinds: Vec<RunType> = plan.sessions.iter().map(|s| s.session.kind.run_type().unwrap()).collect();
        let mut runs = steady(10);
        let week = vec![
            run(40, "2026-11-24", kinds[0], 30.0, 6.0),
            run(41, "2026-11-26", kinds[1], 40.0, 7.0),
            // Longer than any run of the 12 weeks before (80 minutes).
            run(42, "2026-11-28", kinds[2], 100.0, 16.0),
        ];
        runs.extend(week.clone());
        let plan = week.iter().fold(plan, |p, r| tick(&p, r));
        let s = week_summary(Some(&plan), &runs, date("2026-11-23"), "No signs of a rut.", DistanceUnit::Km);
        assert_eq!((s.runs, s.sessions_done, s.sessions_planned, s.moving_s), (3, 3, 3, 170 * 60));
        assert!((s.distance_m - 29_000.0).abs() < 1e-6);
        assert_eq!(s.best, Some(Highlight::LongestRun { date: date("2026-11-28"), moving_s: 6000 }));
        assert_eq!(
            s.lines,
            [
                "3 runs · 29.00 km · 2:50:00",
                "Plan: 3 of 3 sessions done",
                "Your longest run in 12 weeks: 1:40:00 on Sat 28 Nov.",
                "No signs of a rut.",
            ]
        );
        // A race faster than anything before: the best effort wins.
        let mut raced = runs.clone();
        raced.push(Run { rpe: Rpe::new(9), ..run(43, "2026-11-29", RunType::Race, 20.0, 5.0) });
        for n in 0..3 {
            raced.push(run(50 + n, "2026-11-01", RunType::Race, 25.0, 5.0));
        }
        let s = week_summary(Some(&plan), &raced, date("2026-11-23"), "", DistanceUnit::Mi);
        assert_eq!(
            s.best,
            Some(Highlight::BestEffort { date: date("2026-11-29"), distance_m: 5000.0, time_s: 1200.0 })
        );
        assert_eq!(s.lines[2], "Your best effort in 12 weeks: 3.11 mi in 20:00 on Sun 29 Nov.");
        // Nothing special but every session done; a skipped one leaves the count.
        let short = vec![run(60, "2026-11-24", kinds[0], 30.0, 6.0)];
        let p = tick(
            &skip(
                &skip(&plan_for(&steady(10), &settings, &[]), plan.sessions[1].id).unwrap(),
                plan.sessions[2].id,
            )
            .unwrap(),
            &short[0],
        );
        let s = week_summary(Some(&p), &short, date("2026-11-23"), "", DistanceUnit::Km);
        assert_eq!((s.sessions_done, s.sessions_planned), (1, 1));
        assert_eq!(s.best, Some(Highlight::AllSessionsDone { sessions: 1 }));
        assert_eq!(s.best.unwrap().text(DistanceUnit::Km), "Every planned session done: 1 of 1.");
        // No plan: a run that felt great, or one with company.
        let felt = vec![Run { feel: Feel::new(5), ..short[0].clone() }];
        let s = week_summary(None, &felt, date("2026-11-23"), "", DistanceUnit::Km);
        assert_eq!(
            s.best.as_ref().map(|b| b.text(DistanceUnit::Km)).as_deref(),
            Some("The run on Tue 24 Nov felt great.")
        );
        assert_eq!(s.lines.len(), 3, "no plan line");
        let friend = vec![Run { company: Some(" Ana ".into()), ..short[0].clone() }];
        let s = week_summary(None, &friend, date("2026-11-23"), "", DistanceUnit::Km);
        assert_eq!(s.best.unwrap().text(DistanceUnit::Km), "A run with Ana on Tue 24 Nov.");
        let s = week_summary(None, &[], date("2026-11-23"), "", DistanceUnit::Km);
        assert_eq!((s.runs, s.best.is_none(), s.lines[0].as_str()), (0, true, "0 runs · 0.00 km · 0:00"));
    }
}
