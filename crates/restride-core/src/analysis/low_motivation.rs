//! Low motivation: unmotivated to finish.
//!
//! Restride's own heuristic over three proxies the domain notes name, each
//! comparing the last 4 weeks with the 8 weeks before: the share of runs cut short
//! (a sign when at least 25 % and 15 points above before, at least 2 runs), the
//! average post-run feel (a sign when 0.5 or more lower on the 1–5 scale), and the
//! daily motivation check-in (a sign when the 4-week average is 2.5 or lower,
//! between "Low" and "Some", or 0.75 or more below before). A rut: two or more
//! signs. Watch: one. Needs 4 runs in each window, or a week of check-ins.

use chrono::Duration;

use super::judge::{Check, Signal, share_of};
use super::metrics::{count, show_percent};
use super::words::and_list;
use super::{Context, Evidence, Finding, Remedy, Sign, Status, Strength, Why};
use crate::run::{Completion, Run};
use crate::wellness::Wellness;

const RECENT_DAYS: i64 = 28;
const BEFORE_DAYS: i64 = 56;
const RECENT: &str = "last 4 weeks";
const BEFORE: &str = "the 8 weeks before";
const MIN_RUNS: usize = 4;
const MIN_CHECK_INS: usize = 7;
/// Twice the minimum in each window makes a firm call.
const FIRM_RUNS: usize = 8;
const FIRM_CHECK_INS: usize = 14;
const CUT_SHORT_SHARE: f64 = 0.25;
const CUT_SHORT_RISE: f64 = 0.15;
const MIN_CUT_SHORT: f64 = 2.0;
const FEEL_DROP: f64 = 0.5;
const LOW_MOTIVATION: f64 = 2.5;
const MOTIVATION_DROP: f64 = 0.75;
const SOURCE: &str =
    "Restride's own heuristic (runs cut short, feel and motivation against your own baseline)";

/// Runs and check-ins in one window.
#[derive(Debug, Default)]
struct Window {
    runs: usize,
    cut_short: usize,
    feel_sum: f64,
    /// Runs with a feel rating (imported runs may have none).
    felt: usize,
    check_ins: usize,
    motivation_sum: f64,
}

impl Window {
    fn of(runs: &[&Run], days: &[&Wellness]) -> Self {
        let mut w = Self { runs: runs.len(), check_ins: days.len(), ..Self::default() };
        for r in runs {
            w.cut_short += usize::from(r.completion == Completion::CutShort);
            if let Some(feel) = r.feel {
                w.feel_sum += f64::from(feel.value());
                w.felt += 1;
            }
        }
        w.motivation_sum = days.iter().map(|d| f64::from(d.motivation.value())).sum();
        w
    }

    #[allow(clippy::cast_precision_loss)] // counts of runs are far below 2^52
    fn cut_short_share(&self) -> Option<f64> {
        (self.runs >= MIN_RUNS).then(|| self.cut_short as f64 / self.runs as f64)
    }

    #[allow(clippy::cast_precision_loss)]
    fn feel(&self) -> Option<f64> {
        (self.felt >= MIN_RUNS).then(|| self.feel_sum / self.felt as f64)
    }

    #[allow(clippy::cast_precision_loss)]
    fn motivation(&self) -> Option<f64> {
        (self.check_ins >= MIN_CHECK_INS).then(|| self.motivation_sum / self.check_ins as f64)
    }
}

/// What the runs and check-ins of both windows hold.
struct Measures {
    recent: Window,
    before: Window,
}

/// The three proxies, judged (`None` where a window lacks the data), and the status.
struct Judged {
    cut: Option<Signal>,
    feel: Option<Signal>,
    motivation: Option<Signal>,
    status: Status,
}

/// Low motivation from runs cut short, post-run feel and motivation check-ins, the
/// last 4 weeks against the 8 before (Restride's own heuristic; see the module
/// notes).
pub fn detect(ctx: &Context<'_>) -> Finding {
    let m = measure(ctx);
    let judged = judge(&m);
    word(&m, &judged)
}

fn measure(ctx: &Context<'_>) -> Measures {
    let recent_from = ctx.today - Duration::days(RECENT_DAYS - 1);
    let before_from = recent_from - Duration::days(BEFORE_DAYS);
    let before_to = recent_from - Duration::days(1);
    Measures {
        recent: Window::of(
            ctx.runs_between(recent_from, ctx.today),
            ctx.wellness_between(recent_from, ctx.today),
        ),
        before: Window::of(
            ctx.runs_between(before_from, before_to),
            ctx.wellness_between(before_from, before_to),
        ),
    }
}

/// Each proxy a sign on its own; two or more a rut, one worth watching.
fn judge(m: &Measures) -> Judged {
    let (recent, before) = (&m.recent, &m.before);
    let runs_data = share_of(recent.runs.min(before.runs), FIRM_RUNS);
    let cut = recent.cut_short_share().zip(before.cut_short_share()).map(|(r, b)| {
        #[allow(clippy::cast_precision_loss)] // a handful of runs
        let cut_short = recent.cut_short as f64;
        Check::all([
            Check::at_least(r, CUT_SHORT_SHARE),
            Check::at_least(r - b, CUT_SHORT_RISE),
            Check::at_least(cut_short, MIN_CUT_SHORT),
        ])
        .signal(runs_data)
    });
    let feel = recent.feel().zip(before.feel()).map(|(r, b)| {
        Check::at_least(b - r, FEEL_DROP).signal(share_of(recent.felt.min(before.felt), FIRM_RUNS))
    });
    let motivation = recent.motivation().map(|r| {
        let drop = before.motivation().map(|b| Check::at_least(b - r, MOTIVATION_DROP));
        Check::any([Some(Check::at_most(r, LOW_MOTIVATION)), drop].into_iter().flatten())
            .signal(share_of(recent.check_ins, FIRM_CHECK_INS))
    });
    let signals = [cut, feel, motivation];
    let fired = signals.iter().flatten().filter(|s| s.fired).count();
    let status = if signals.iter().all(Option::is_none) {
        Status::Insufficient {
            needs: format!(
                "{MIN_RUNS} runs in the last 4 weeks and {MIN_RUNS} in the 8 weeks before, or a daily check-in \
                 for a week or two"
            ),
        }
    } else if fired >= 2 {
        Status::Rut
    } else if fired == 1 {
        Status::Watch
    } else {
        Status::Clear
    };
    Judged { cut, feel, motivation, status }
}

fn word(m: &Measures, j: &Judged) -> Finding {
    Finding {
        sign: Sign::LowMotivation,
        status: j.status.clone(),
        evidence: evidence(m),
        sentence: sentence(m, j),
        headline: headline(m, j),
        source: SOURCE,
        why: why(m, j),
        remedies: vec![
            Remedy::RunningPartner,
            Remedy::DifferentTimeOfDay,
            Remedy::NewRoute,
            Remedy::HillsSession,
            Remedy::TrackProgress,
        ],
    }
}

fn share_text(w: &Window) -> Option<String> {
    w.cut_short_share().map(|s| format!("{} ({} of {})", show_percent(s), w.cut_short, w.runs))
}

/// The proxies in words, each with its numbers: only those that fired when
/// `fired_only`, else every one measured.
fn phrases(m: &Measures, j: &Judged, fired_only: bool) -> Vec<String> {
    let (recent, before) = (&m.recent, &m.before);
    let shown = |signal: Option<Signal>| signal.is_some_and(|s| s.fired || !fired_only);
    let mut parts = Vec::new();
    if let (true, Some(b)) = (shown(j.cut), before.cut_short_share()) {
        parts.push(format!(
            "you cut {} of {} short (was {})",
            recent.cut_short,
            count(recent.runs, "run"),
            show_percent(b)
        ));
    }
    if let (true, Some(r), Some(b)) = (shown(j.feel), recent.feel(), before.feel()) {
        parts.push(format!("your runs felt {r:.1} of 5 on average (was {b:.1})"));
    }
    if let (true, Some(r)) = (shown(j.motivation), recent.motivation()) {
        let was = before.motivation().map_or_else(String::new, |b| format!(" (was {b:.1})"));
        parts.push(format!("your motivation check-ins averaged {r:.1} of 5{was}"));
    }
    parts
}

fn sentence(m: &Measures, j: &Judged) -> String {
    match j.status {
        Status::Rut | Status::Watch => format!("In the last 4 weeks {}.", and_list(&phrases(m, j, true))),
        Status::Clear => {
            format!("No drop in motivation: in the last 4 weeks {}.", and_list(&phrases(m, j, false)))
        }
        Status::Insufficient { .. } => {
            "Not enough runs or check-ins yet to compare the last 4 weeks with the 8 before.".into()
        }
    }
}

/// The proxy that tells most, for the radar's row: the first that fired, else feel.
fn headline(m: &Measures, j: &Judged) -> String {
    let (recent, before) = (&m.recent, &m.before);
    let fired = |signal: Option<Signal>| signal.is_some_and(|s| s.fired);
    let cut = || format!("{} of {} cut short", recent.cut_short, count(recent.runs, "run"));
    let feel = |r: f64| format!("runs feel {r:.1} of 5");
    let motivation = |r: f64| format!("motivation {r:.1} of 5");
    match (recent.feel(), recent.motivation()) {
        _ if fired(j.cut) => cut(),
        (Some(r), _) if fired(j.feel) => match before.feel() {
            Some(b) => format!("{} (was {b:.1})", feel(r)),
            None => feel(r),
        },
        (_, Some(r)) if fired(j.motivation) => motivation(r),
        _ if matches!(j.status, Status::Insufficient { .. }) => "needs more runs or check-ins".into(),
        (Some(r), _) => feel(r),
        (None, Some(r)) => motivation(r),
        (None, None) => cut(),
    }
}

fn evidence(m: &Measures) -> Vec<Evidence> {
    let windows = [(&m.recent, RECENT), (&m.before, BEFORE)];
    let mut evidence = Vec::new();
    for (w, window) in windows {
        if let (Some(s), Some(text)) = (w.cut_short_share(), share_text(w)) {
            evidence.push(Evidence {
                label: "Runs cut short".into(),
                window: window.into(),
                value: s,
                shown: text,
            });
        }
    }
    for (w, window) in windows {
        if let Some(f) = w.feel() {
            evidence.push(Evidence {
                label: "Average feel after a run".into(),
                window: window.into(),
                value: f,
                shown: format!("{f:.1} of 5"),
            });
        }
    }
    for (w, window) in windows {
        if let Some(m) = w.motivation() {
            evidence.push(Evidence {
                label: "Average motivation check-in".into(),
                window: window.into(),
                value: m,
                shown: format!("{m:.1} of 5"),
            });
        }
    }
    evidence
}

fn why(m: &Measures, j: &Judged) -> Vec<Why> {
    let (recent, before) = (&m.recent, &m.before);
    let grade = |signal: Option<Signal>| signal.map_or(Strength::Weak, |s| s.strength);
    let show = |v: Option<String>| v.unwrap_or_else(|| "not enough data".into());
    vec![
        Why {
            metric: "Runs cut short".into(),
            formula: "runs marked \"cut short\" ÷ runs, in the last 4 weeks and in the 8 weeks before".into(),
            inputs: vec![
                ("Last 4 weeks".into(), show(share_text(recent))),
                ("The 8 weeks before".into(), show(share_text(before))),
            ],
            threshold: format!(
                "a sign at {} or more, at least {} points above before and at least {MIN_CUT_SHORT} runs; \
                 needs {MIN_RUNS} runs in each window",
                show_percent(CUT_SHORT_SHARE),
                (CUT_SHORT_RISE * 100.0).round()
            ),
            strength: grade(j.cut),
        },
        Why {
            metric: "Feel after a run".into(),
            formula: "average of the 1–5 feel rating (1 awful, 5 great), last 4 weeks against the 8 before"
                .into(),
            inputs: vec![
                (
                    "Last 4 weeks".into(),
                    show(recent.feel().map(|f| format!("{f:.2} over {} runs", recent.felt))),
                ),
                (
                    "The 8 weeks before".into(),
                    show(before.feel().map(|f| format!("{f:.2} over {} runs", before.felt))),
                ),
            ],
            threshold: format!("a sign when {FEEL_DROP} or more lower than before"),
            strength: grade(j.feel),
        },
        Why {
            metric: "Motivation check-ins".into(),
            formula: "average of the daily 1–5 motivation rating (1 none, 5 raring to go)".into(),
            inputs: vec![
                (
                    "Last 4 weeks".into(),
                    show(recent.motivation().map(|m| format!("{m:.2} over {} check-ins", recent.check_ins))),
                ),
                (
                    "The 8 weeks before".into(),
                    show(before.motivation().map(|m| format!("{m:.2} over {} check-ins", before.check_ins))),
                ),
            ],
            threshold: format!(
                "a sign at {LOW_MOTIVATION} or lower, or {MOTIVATION_DROP} or more below before; needs \
                 {MIN_CHECK_INS} check-ins"
            ),
            strength: grade(j.motivation),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Completion;
    use crate::run::{Run, RunType};
    use crate::settings::Settings;
    use crate::testing::sample_run;
    use chrono::NaiveDate;

    const TODAY: &str = "2026-11-25";

    /// Three runs a week for twelve weeks; in the last four weeks `recent` sets
    /// each run's feel and whether it was cut short.
    fn history(recent: impl Fn(u8) -> (u8, bool)) -> Vec<Run> {
        let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
        (1..=36u8)
            .map(|i| {
                let date = today - Duration::days(i64::from(i) * 7 / 3);
                let run = sample_run(i, &format!("{date}T07:00:00+00:00"), RunType::Easy, 30.0, 5.0);
                let (feel, cut) = if i <= 12 { recent(i) } else { (4, false) };
                Run {
                    feel: crate::run::Feel::new(feel),
                    completion: if cut { Completion::CutShort } else { Completion::AsPlanned },
                    ..run
                }
            })
            .collect()
    }

    fn status(runs: &[Run]) -> Status {
        let settings = Settings::default();
        let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
        detect(&Context::new(runs, &[], &[], &settings, today)).status
    }

    #[test]
    fn runs_cut_short_and_feeling_worse_are_a_rut() {
        assert_eq!(status(&history(|i| (2, i % 2 == 0))), Status::Rut);
    }

    #[test]
    fn one_sign_alone_is_worth_watching() {
        assert_eq!(status(&history(|_| (3, false))), Status::Watch);
        assert_eq!(status(&history(|i| (4, i % 2 == 0))), Status::Watch);
    }

    #[test]
    fn steady_runs_are_clear_and_a_handful_is_not_enough() {
        assert_eq!(status(&history(|_| (4, false))), Status::Clear);
        let few = history(|_| (4, false)).into_iter().take(3).collect::<Vec<_>>();
        assert!(matches!(status(&few), Status::Insufficient { .. }));
    }
}
