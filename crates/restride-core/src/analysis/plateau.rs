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

use super::metrics::{margin, strength};
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

pub fn detect(ctx: &Context<'_>) -> Finding {
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
    let (vdot_before, vdot_recent) = (best(&vdots, first, first + ENDS), best(&vdots, recent_from, BLOCKS));
    let (long_before, long_recent) =
        (best(&longest, first, first + ENDS), best(&longest, recent_from, BLOCKS));
    let newest_week = (BLOCKS - first - ENDS) * 2;
    let before_window = format!("{}–{newest_week} weeks ago", newest_week + 2 * ENDS);
    let compared = format!("last 4 weeks vs {before_window}");
    let unit = ctx.settings.unit;
    let five_k = |v: f64| {
        performance::time_for_vdot(v, EQUIVALENT_M).map_or_else(
            || "–".to_string(),
            |t| {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                // a 5 km at a plausible pace is under 2 hours
                let t = t.round() as u32;
                format_duration(t)
            },
        )
    };

    let block_inputs = |values: &[Option<f64>], show: &dyn Fn(f64) -> String| -> Vec<(String, String)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let newer = (BLOCKS - 1 - i) * 2;
                let label = if newer == 0 {
                    "Last 2 weeks".into()
                } else {
                    format!("{newer}–{} weeks ago", newer + 2)
                };
                (label, v.map_or_else(|| "–".into(), show))
            })
            .collect()
    };
    let show_vdot = |v: f64| format!("VDOT {v:.1} (5 km ≈ {})", five_k(v));
    let show_distance = |m: f64| format_distance(m, unit);

    let (Some(vb), Some(vr)) = (vdot_before, vdot_recent) else {
        return insufficient(with_efforts, block_inputs(&vdots, &show_vdot));
    };
    if with_efforts < MIN_BLOCKS_WITH_EFFORTS {
        return insufficient(with_efforts, block_inputs(&vdots, &show_vdot));
    }

    let speed_gain = gain_pct(vb, vr);
    let speed = trend(speed_gain, SPEED_FLAT_PCT, SPEED_PROGRESS_PCT);
    // Without a comfortable run in either window the distance can't be called flat.
    let distance_gain = long_before.zip(long_recent).map(|(b, r)| gain_pct(b, r));
    let distance = distance_gain.map(|g| trend(g, DISTANCE_FLAT_PCT, DISTANCE_PROGRESS_PCT));

    let status = match (speed, distance) {
        (Trend::Progress, _) | (_, Some(Trend::Progress)) => Status::Clear,
        (Trend::Flat, Some(Trend::Flat)) => Status::Rut,
        _ => Status::Watch,
    };

    let efforts =
        runs.iter().filter_map(|r| performance::best_effort(r)).filter(|e| raced_lately || !e.race).count();
    let comfortable = runs.iter().filter(|r| performance::comfortable_distance_m(r).is_some()).count();
    let speed_strength = firmness(speed_gain, SPEED_FLAT_PCT, SPEED_PROGRESS_PCT, efforts);
    let distance_strength = distance_gain
        .map_or(Strength::Weak, |g| firmness(g, DISTANCE_FLAT_PCT, DISTANCE_PROGRESS_PCT, comfortable));

    // "from 28:15 to 28:15" reads like a typo: say it stayed.
    let moved = |from: String, to: String| {
        if from == to { format!("stayed at {to}") } else { format!("went from {from} to {to}") }
    };
    let distance_phrase = match (long_before, long_recent) {
        (Some(b), Some(r)) => {
            format!("your longest run {}", moved(format_distance(b, unit), format_distance(r, unit)))
        }
        _ => "your longest run is unknown in one of the windows".into(),
    };
    let changes = format!(
        "your best 5 km equivalent {} and {distance_phrase} ({compared})",
        moved(five_k(vb), five_k(vr))
    );
    let sentence = match status {
        Status::Rut => format!("Your race pace and distance have stalled: {changes}."),
        Status::Watch => format!("Only slight progress: {changes}."),
        _ => format!("You are progressing: {changes}."),
    };

    let mut evidence = vec![
        Evidence {
            label: "Best race-equivalent effort".into(),
            window: RECENT.into(),
            value: vr,
            shown: show_vdot(vr),
        },
        Evidence {
            label: "Best race-equivalent effort".into(),
            window: before_window.clone(),
            value: vb,
            shown: show_vdot(vb),
        },
        Evidence {
            label: "Change in best effort".into(),
            window: compared.clone(),
            value: speed_gain,
            shown: format!("{speed_gain:+.1} %"),
        },
    ];
    for (value, window) in [(long_recent, RECENT), (long_before, before_window.as_str())] {
        if let Some(m) = value {
            evidence.push(Evidence {
                label: "Longest run (not a race)".into(),
                window: window.into(),
                value: m,
                shown: format_distance(m, unit),
            });
        }
    }
    if let Some(g) = distance_gain {
        evidence.push(Evidence {
            label: "Change in longest run".into(),
            window: compared,
            value: g,
            shown: format!("{g:+.1} %"),
        });
    }

    let mut speed_inputs = block_inputs(&vdots, &show_vdot);
    speed_inputs.push(("Change".into(), format!("{speed_gain:+.1} % ({vb:.1} → {vr:.1})")));
    let mut distance_inputs = block_inputs(&longest, &show_distance);
    distance_inputs
        .push(("Change".into(), distance_gain.map_or_else(|| "–".into(), |g| format!("{g:+.1} %"))));
    let why = vec![
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
            strength: speed_strength,
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
            strength: distance_strength,
        },
    ];

    let mut remedies = Vec::new();
    if speed < Trend::Progress {
        remedies.extend([Remedy::Intervals, Remedy::TempoSession]);
    }
    if distance.is_none_or(|d| d < Trend::Progress) {
        remedies.push(Remedy::LongerRun);
    }
    remedies.push(Remedy::TrackProgress);

    Finding { sign: Sign::Plateau, status, evidence, sentence, source: SOURCE, why, remedies }
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
