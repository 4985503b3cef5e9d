//! Plateau: race pace not getting faster and the comfortable distance not growing.
//!
//! Speed is the best race-equivalent effort: Daniels' VDOT (Daniels & Gilbert 1979)
//! of the best run in each two-week block (see [`super::performance`]). Distance is
//! the longest run that was not a race. Races count only when there is one in the
//! last 4 weeks, so an old race never stands against training runs. Each compares the best of the last 4 weeks
//! with the best of the first 4 weeks of the last 12 that hold an effort, so a flat
//! line means no progress over 8 weeks or more; best-of-4-weeks against
//! best-of-4-weeks keeps a taper's short runs from hiding the build before it. The
//! thresholds are Restride's own heuristic: a VDOT gain under 1 % (about 1 % on
//! race times) and a longest-run gain under 5 % are flat; 2 % and 10 % are clear
//! progress. A rut: both flat. Watch: neither shows clear progress. Needs best
//! efforts in 4 of the last 6 blocks, including the last 4 weeks.

use chrono::Duration;

use super::judge::{margin, strength};
use super::performance::{self, BLOCK_DAYS};
use super::{Context, Evidence, Finding, Remedy, Sign, Status, Strength, Why};
use crate::run::RunType;
use crate::units::{format_distance, format_duration};

const BLOCKS: usize = 6;
/// Two blocks (4 weeks) at each end of the window are compared.
const ENDS: usize = 2;
const MIN_BLOCKS_WITH_EFFORTS: usize = 4;
/// One effort (and one comfortable run) a week over the 12 weeks makes a firm call.
const FIRM_RUNS: f64 = 12.0;
const SPEED_FLAT_PCT: f64 = 1.0;
const SPEED_PROGRESS_PCT: f64 = 2.0;
const DISTANCE_FLAT_PCT: f64 = 5.0;
const DISTANCE_PROGRESS_PCT: f64 = 10.0;
/// Race-equivalent times are shown over 5 km, the distance most runners know.
const EQUIVALENT_M: f64 = 5000.0;
const RECENT: &str = "last 4 weeks";
const SOURCE: &str = "Daniels & Gilbert 1979 (VDOT); thresholds are Restride's own heuristic";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Trend {
    Flat,
    Slight,
    Progress,
}

fn trend(gain_pct: f64, flat: f64, progress: f64) -> Trend {
    if gain_pct < flat {
        Trend::Flat
    } else if gain_pct < progress {
        Trend::Slight
    } else {
        Trend::Progress
    }
}

/// The best value over `blocks[from..to]`.
fn best(blocks: &[Option<f64>], from: usize, to: usize) -> Option<f64> {
    blocks.get(from..to).and_then(|b| b.iter().flatten().copied().reduce(f64::max))
}

fn gain_pct(before: f64, recent: f64) -> f64 {
    if before > 0.0 { (recent - before) / before * 100.0 } else { 0.0 }
}

/// How firm a call on `gain` is: its distance to the nearer edge of its band.
fn firmness(gain: f64, flat: f64, progress: f64, runs: usize) -> Strength {
    #[allow(clippy::cast_precision_loss)] // runs in 12 weeks
    let data = runs as f64 / FIRM_RUNS;
    strength(margin(gain, flat).min(margin(gain, progress)), data)
}

/// The best effort and longest run per two-week block, and the two ends compared.
struct Measures {
    vdots: Vec<Option<f64>>,
    longest: Vec<Option<f64>>,
    /// Blocks with an effort.
    with_efforts: usize,
    /// Best VDOT of the early end and of the last 4 weeks.
    vdot_before: Option<f64>,
    vdot_recent: Option<f64>,
    long_before: Option<f64>,
    long_recent: Option<f64>,
    /// "12–8 weeks ago": the early end compared.
    before_window: String,
    /// Efforts and comfortable runs counted, for how firm the call is.
    efforts: usize,
    comfortable: usize,
}

/// The trends, with the comparison that decided them.
struct Judged {
    vb: f64,
    vr: f64,
    speed_gain: f64,
    speed: Trend,
    distance_gain: Option<f64>,
    distance: Option<Trend>,
    status: Status,
    speed_strength: Strength,
    distance_strength: Strength,
}

/// Plateau: the best race-equivalent effort (Daniels' VDOT) and the longest run,
/// the last 4 weeks against the first 4 of the last 12 with an effort. Flat both
/// ways is a rut (thresholds Restride's own; see the module notes).
pub fn detect(ctx: &Context<'_>) -> Finding {
    let m = measure(ctx);
    let Some(judged) = judge(&m) else {
        return insufficient(m.with_efforts, block_inputs(&m.vdots, &show_vdot));
    };
    word(ctx, &m, &judged)
}

fn measure(ctx: &Context<'_>) -> Measures {
    let span = i64::try_from(BLOCKS).unwrap_or(0) * BLOCK_DAYS;
    let runs = ctx.runs_between(ctx.today - Duration::days(span - 1), ctx.today);
    // Races are compared with races: without one in the last 4 weeks, an old race
    // would stand against training runs and read as a decline.
    let raced_lately = performance::best_by_block(runs, ctx.today, ENDS, |r| {
        (r.kind == RunType::Race).then(|| performance::best_effort(r)).flatten().map(|e| e.vdot)
    })
    .iter()
    .any(Option::is_some);
    let vdots = if raced_lately {
        performance::vdot_by_block(runs, ctx.today, BLOCKS)
    } else {
        performance::best_by_block(runs, ctx.today, BLOCKS, |r| {
            performance::best_effort(r).filter(|e| !e.race).map(|e| e.vdot)
        })
    };
    let longest = performance::longest_by_block(runs, ctx.today, BLOCKS);
    let with_efforts = vdots.iter().flatten().count();
    // The early end starts at the first block with an effort, so a runner with
    // 8 weeks of history compares weeks 8–4 ago with the last 4.
    let first = vdots.iter().position(Option::is_some).unwrap_or(0).min(BLOCKS - 2 * ENDS);
    let recent_from = BLOCKS - ENDS;
    let newest_week = (BLOCKS - first - ENDS) * 2;
    let efforts =
        runs.iter().filter_map(|r| performance::best_effort(r)).filter(|e| raced_lately || !e.race).count();
    let comfortable = runs.iter().filter(|r| performance::comfortable_distance_m(r).is_some()).count();
    Measures {
        vdot_before: best(&vdots, first, first + ENDS),
        vdot_recent: best(&vdots, recent_from, BLOCKS),
        long_before: best(&longest, first, first + ENDS),
        long_recent: best(&longest, recent_from, BLOCKS),
        before_window: format!("{}–{newest_week} weeks ago", newest_week + 2 * ENDS),
        vdots,
        longest,
        with_efforts,
        efforts,
        comfortable,
    }
}

/// `None` without efforts at both ends or in enough blocks.
fn judge(m: &Measures) -> Option<Judged> {
    let (vb, vr) = m.vdot_before.zip(m.vdot_recent)?;
    if m.with_efforts < MIN_BLOCKS_WITH_EFFORTS {
        return None;
    }
    let speed_gain = gain_pct(vb, vr);
    let speed = trend(speed_gain, SPEED_FLAT_PCT, SPEED_PROGRESS_PCT);
    // Without a comfortable run in either window the distance can't be called flat.
    let distance_gain = m.long_before.zip(m.long_recent).map(|(b, r)| gain_pct(b, r));
    let distance = distance_gain.map(|g| trend(g, DISTANCE_FLAT_PCT, DISTANCE_PROGRESS_PCT));
    let status = match (speed, distance) {
        (Trend::Progress, _) | (_, Some(Trend::Progress)) => Status::Clear,
        (Trend::Flat, Some(Trend::Flat)) => Status::Rut,
        _ => Status::Watch,
    };
    Some(Judged {
        vb,
        vr,
        speed_gain,
        speed,
        distance_gain,
        distance,
        status,
        speed_strength: firmness(speed_gain, SPEED_FLAT_PCT, SPEED_PROGRESS_PCT, m.efforts),
        distance_strength: distance_gain
            .map_or(Strength::Weak, |g| firmness(g, DISTANCE_FLAT_PCT, DISTANCE_PROGRESS_PCT, m.comfortable)),
    })
}

/// A best effort's 5 km equivalent: "24:58", or "–" beyond the tables.
fn five_k(v: f64) -> String {
    performance::time_for_vdot(v, EQUIVALENT_M).map_or_else(
        || "–".to_string(),
        |t| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            // a 5 km at a plausible pace is under 2 hours
            let t = t.round() as u32;
            format_duration(t)
        },
    )
}

fn show_vdot(v: f64) -> String {
    format!("VDOT {v:.1} (5 km ≈ {})", five_k(v))
}

/// One input per block, newest last: ("4–6 weeks ago", value).
fn block_inputs(values: &[Option<f64>], show: &dyn Fn(f64) -> String) -> Vec<(String, String)> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let newer = (BLOCKS - 1 - i) * 2;
            let label =
                if newer == 0 { "Last 2 weeks".into() } else { format!("{newer}–{} weeks ago", newer + 2) };
            (label, v.map_or_else(|| "–".into(), show))
        })
        .collect()
}

fn word(ctx: &Context<'_>, m: &Measures, j: &Judged) -> Finding {
    Finding {
        sign: Sign::Plateau,
        status: j.status.clone(),
        evidence: evidence(ctx, m, j),
        sentence: sentence(ctx, m, j),
        source: SOURCE,
        why: why(ctx, m, j),
        remedies: remedies(j),
    }
}

fn sentence(ctx: &Context<'_>, m: &Measures, j: &Judged) -> String {
    let unit = ctx.settings.unit;
    // "from 28:15 to 28:15" reads like a typo: say it stayed.
    let moved = |from: String, to: String| {
        if from == to { format!("stayed at {to}") } else { format!("went from {from} to {to}") }
    };
    let distance_phrase = match (m.long_before, m.long_recent) {
        (Some(b), Some(r)) => {
            format!("your longest run {}", moved(format_distance(b, unit), format_distance(r, unit)))
        }
        _ => "your longest run is unknown in one of the windows".into(),
    };
    let changes = format!(
        "your best 5 km equivalent {} and {distance_phrase} (last 4 weeks vs {})",
        moved(five_k(j.vb), five_k(j.vr)),
        m.before_window
    );
    match j.status {
        Status::Rut => format!("Your race pace and distance have stalled: {changes}."),
        Status::Watch => format!("Only slight progress: {changes}."),
        _ => format!("You are progressing: {changes}."),
    }
}

fn evidence(ctx: &Context<'_>, m: &Measures, j: &Judged) -> Vec<Evidence> {
    let unit = ctx.settings.unit;
    let compared = format!("last 4 weeks vs {}", m.before_window);
    let mut evidence = vec![
        Evidence {
            label: "Best race-equivalent effort".into(),
            window: RECENT.into(),
            value: j.vr,
            shown: show_vdot(j.vr),
        },
        Evidence {
            label: "Best race-equivalent effort".into(),
            window: m.before_window.clone(),
            value: j.vb,
            shown: show_vdot(j.vb),
        },
        Evidence {
            label: "Change in best effort".into(),
            window: compared.clone(),
            value: j.speed_gain,
            shown: format!("{:+.1} %", j.speed_gain),
        },
    ];
    for (value, window) in [(m.long_recent, RECENT), (m.long_before, m.before_window.as_str())] {
        if let Some(metres) = value {
            evidence.push(Evidence {
                label: "Longest run (not a race)".into(),
                window: window.into(),
                value: metres,
                shown: format_distance(metres, unit),
            });
        }
    }
    if let Some(g) = j.distance_gain {
        evidence.push(Evidence {
            label: "Change in longest run".into(),
            window: compared,
            value: g,
            shown: format!("{g:+.1} %"),
        });
    }
    evidence
}

fn why(ctx: &Context<'_>, m: &Measures, j: &Judged) -> Vec<Why> {
    let unit = ctx.settings.unit;
    let mut speed_inputs = block_inputs(&m.vdots, &show_vdot);
    speed_inputs.push(("Change".into(), format!("{:+.1} % ({:.1} → {:.1})", j.speed_gain, j.vb, j.vr)));
    let mut distance_inputs = block_inputs(&m.longest, &|metres| format_distance(metres, unit));
    distance_inputs
        .push(("Change".into(), j.distance_gain.map_or_else(|| "–".into(), |g| format!("{g:+.1} %"))));
    vec![
        Why {
            metric: "Best race-equivalent effort (VDOT)".into(),
            formula: "per run of 1.5 km or more: VO2 = −4.60 + 0.182258 v + 0.000104 v² (v in m/min), \
                      %max = 0.8 + 0.1894393 e^(−0.012778 t) + 0.2989558 e^(−0.1932605 t) (t in min), \
                      VDOT = VO2 ÷ %max; best per two-week block (races only count with a race in the last \
                      4 weeks); change = best of the last 4 weeks vs best of the first 4 weeks with an effort \
                      in the last 12"
                .into(),
            inputs: speed_inputs,
            threshold: format!(
                "under {SPEED_FLAT_PCT:.0} % is flat, {SPEED_PROGRESS_PCT:.0} % or more is clear progress; \
                 a rut when both this and the longest run are flat"
            ),
            strength: j.speed_strength,
        },
        Why {
            metric: "Longest comfortable run".into(),
            formula: "the longest run that was not a race, per two-week block; change = longest of the last \
                      4 weeks vs longest of the same early 4 weeks as the effort"
                .into(),
            inputs: distance_inputs,
            threshold: format!(
                "under {DISTANCE_FLAT_PCT:.0} % is flat, {DISTANCE_PROGRESS_PCT:.0} % or more is clear progress"
            ),
            strength: j.distance_strength,
        },
    ]
}

fn remedies(j: &Judged) -> Vec<Remedy> {
    let mut remedies = Vec::new();
    if j.speed < Trend::Progress {
        remedies.extend([Remedy::Intervals, Remedy::TempoSession]);
    }
    if j.distance.is_none_or(|d| d < Trend::Progress) {
        remedies.push(Remedy::LongerRun);
    }
    remedies.push(Remedy::TrackProgress);
    remedies
}

fn insufficient(with_efforts: usize, inputs: Vec<(String, String)>) -> Finding {
    let needs = format!(
        "runs of 1.5 km or more with a distance in at least {MIN_BLOCKS_WITH_EFFORTS} of the last {BLOCKS} \
         two-week blocks, including the last 4 weeks (you have {with_efforts})"
    );
    #[allow(clippy::cast_precision_loss)] // at most six blocks
    let value = with_efforts as f64;
    Finding {
        sign: Sign::Plateau,
        status: Status::Insufficient { needs },
        evidence: vec![Evidence {
            label: "Two-week blocks with a best effort".into(),
            window: "last 12 weeks".into(),
            value,
            shown: format!("{with_efforts} of {BLOCKS}"),
        }],
        sentence:
            "Not enough runs with a distance yet to tell whether your pace and distance are still growing."
                .into(),
        source: SOURCE,
        why: vec![Why {
            metric: "Best race-equivalent effort (VDOT)".into(),
            formula: "Daniels' VDOT of the best run of 1.5 km or more in each two-week block".into(),
            inputs,
            threshold: format!("needs efforts in {MIN_BLOCKS_WITH_EFFORTS} of {BLOCKS} blocks"),
            strength: Strength::Weak,
        }],
        remedies: vec![Remedy::TrackProgress],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{Run, RunType};
    use crate::settings::Settings;
    use crate::testing::sample_run;
    use chrono::NaiveDate;

    const TODAY: &str = "2026-11-25";

    /// One 5 km effort a week for `weeks` weeks, oldest first; week `w`'s time comes
    /// from `minutes(w)`, plus a long run of `long_km(w)` the same week.
    fn history(weeks: u8, minutes: impl Fn(u8) -> f64, long_km: impl Fn(u8) -> f64) -> Vec<Run> {
        let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
        (0..weeks)
            .flat_map(|w| {
                let back = i64::from(weeks - w) * 7 - 3;
                let day = |d: i64| format!("{}T07:00:00+00:00", today - Duration::days(back + d));
                let long = long_km(w);
                [
                    sample_run(2 * w, &day(0), RunType::Tempo, minutes(w), 5.0),
                    sample_run(2 * w + 1, &day(2), RunType::Long, long * 6.5, long),
                ]
            })
            .collect()
    }

    fn status(runs: &[Run]) -> Status {
        let settings = Settings::default();
        let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
        detect(&Context::new(runs, &[], &settings, today)).status
    }

    #[test]
    fn the_same_times_and_distances_for_twelve_weeks_are_a_plateau() {
        assert_eq!(status(&history(12, |_| 25.0, |_| 10.0)), Status::Rut);
    }

    #[test]
    fn getting_faster_or_going_further_is_progress() {
        // 25:00 -> about 23:40 over twelve weeks: more than 2 % faster.
        assert_eq!(status(&history(12, |w| 25.0 - f64::from(w) * 0.12, |_| 10.0)), Status::Clear);
        // Same pace, long run 10 -> 15 km.
        assert_eq!(status(&history(12, |_| 25.0, |w| 10.0 + f64::from(w) * 0.45)), Status::Clear);
    }

    #[test]
    fn a_few_weeks_of_efforts_cannot_show_a_plateau() {
        assert!(matches!(status(&history(3, |_| 25.0, |_| 10.0)), Status::Insufficient { .. }));
    }
}
