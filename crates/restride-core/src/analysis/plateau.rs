//! Plateau: race pace not getting faster and the comfortable distance not growing.
//!
//! Speed is compared like with like: runs grouped by session type, length and
//! terrain (see [`performance::like_for_like`]), so a race is held against races,
//! a tempo run against tempo runs of its length, and a flat easy loop against flat
//! easy loops, never the best of whatever was run (swapping tempo for hills, heat
//! or hilly routes no longer reads as a collapse). Each group's mean race
//! equivalent (Daniels' VDOT, Daniels & Gilbert 1979) in the last 4 weeks is
//! compared with the same weeks 8–12 weeks ago, so a flat line means no progress
//! over 8 weeks or more, each recent run weighing the same. A fall by 5 % or more is
//! not a plateau but a decline, which the overreaching card reads as fatigue (Meeusen et al. 2013)
//! and answers with rest, never more intensity. Distance is the longest run that
//! was not a race, the same two windows. The thresholds are Restride's own
//! heuristic: a VDOT gain under 1 % (about 1 % on race times) and a longest-run
//! gain under 5 % are flat; 2 % and 10 % are clear progress. A rut: both flat.
//! Watch: neither shows clear progress. Needs comparable runs in both windows. In
//! a race's recovery window (about a day per km raced) nothing is read: the easy
//! weeks after a race are no plateau.

use chrono::Duration;

use super::judge::{margin, strength};
use super::performance::{self, BLOCK_DAYS, DECLINE_PCT, GroupChange, LikeForLike};
use super::words::{count, day_name};
use super::{Context, Evidence, Finding, Remedy, Sign, Status, Strength, Why};
use crate::plan::RaceRecovery;
use crate::units::{format_distance, format_duration};

const BLOCKS: usize = 6;
/// The two windows compared, in days ago: the last 4 weeks, and 8–12 weeks ago.
const RECENT_DAYS: std::ops::Range<i64> = 0..28;
const EARLIER_DAYS: std::ops::Range<i64> = 56..84;
/// Comparable runs in each window before a call.
const MIN_RUNS: usize = 2;
/// One comparable run a week in each window makes a firm call.
const FIRM_RUNS: f64 = 4.0;
const SPEED_FLAT_PCT: f64 = 1.0;
const SPEED_PROGRESS_PCT: f64 = 2.0;
const DISTANCE_FLAT_PCT: f64 = 5.0;
const DISTANCE_PROGRESS_PCT: f64 = 10.0;
/// Race-equivalent times are shown over 5 km, the distance most runners know.
const EQUIVALENT_M: f64 = 5000.0;
const RECENT: &str = "last 4 weeks";
const EARLIER: &str = "8–12 weeks ago";
const COMPARED: &str = "last 4 weeks vs 8–12 weeks ago";
const SOURCE: &str = "Daniels & Gilbert 1979 (VDOT); Meeusen et al. 2013 (a decline is fatigue, not a \
                      plateau); comparing like with like and the thresholds are Restride's own heuristic";

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

fn gain_pct(before: f64, recent: f64) -> f64 {
    if before > 0.0 { (recent - before) / before * 100.0 } else { 0.0 }
}

/// How firm a call on `gain` is: its distance to the nearer edge of its band.
fn firmness(gain: f64, flat: f64, progress: f64, runs: usize) -> Strength {
    #[allow(clippy::cast_precision_loss)] // runs in 12 weeks
    let data = runs as f64 / FIRM_RUNS;
    strength(margin(gain, flat).min(margin(gain, progress)), data)
}

/// What the windows hold.
struct Measures {
    /// Comparable runs in both windows, by group.
    like: Option<LikeForLike>,
    /// The longest comfortable run per two-week block over the last 12 weeks, and in
    /// each window.
    longest: Vec<Option<f64>>,
    long_before: Option<f64>,
    long_recent: Option<f64>,
    /// Comparable runs in each window, compared or not (for what an insufficient
    /// card still needs).
    comparable: [usize; 2],
}

/// The trends, with the comparison that decided them.
struct Judged {
    /// The session the runner repeats most, as the card's example.
    example: GroupChange,
    /// The change across every comparable session, and whether it is a clear fall.
    speed_gain: f64,
    speed: Trend,
    decline: bool,
    distance_gain: Option<f64>,
    distance: Option<Trend>,
    status: Status,
    speed_strength: Strength,
    distance_strength: Strength,
}

/// Plateau: like-for-like race equivalents (Daniels' VDOT) and the longest run, the
/// last 4 weeks against 8–12 weeks ago. Flat both ways is a rut; a clear fall is a
/// decline, not a plateau (thresholds Restride's own; see the module notes).
pub fn detect(ctx: &Context<'_>) -> Finding {
    if let Some(rec) = ctx.recovering {
        return recovering(&rec);
    }
    let m = measure(ctx);
    match judge(&m) {
        Some(judged) => word(ctx, &m, &judged),
        None => insufficient(&m),
    }
}

fn measure(ctx: &Context<'_>) -> Measures {
    let span = i64::try_from(BLOCKS).unwrap_or(0) * BLOCK_DAYS;
    let runs = ctx.runs_between(ctx.today - Duration::days(span - 1), ctx.today);
    let longest_in = |window: std::ops::Range<i64>| {
        ctx.aged_runs()
            .filter(|(ago, _)| window.contains(ago))
            .filter_map(|(_, r)| performance::comfortable_distance_m(r))
            .reduce(f64::max)
    };
    let mut comparable = [0, 0];
    for (ago, run) in ctx.aged_runs() {
        let side = usize::from(RECENT_DAYS.contains(&ago));
        if (RECENT_DAYS.contains(&ago) || EARLIER_DAYS.contains(&ago))
            && performance::Comparable::of(run).is_some()
            && let Some(n) = comparable.get_mut(side)
        {
            *n += 1;
        }
    }
    Measures {
        like: performance::like_for_like(ctx.aged_runs(), RECENT_DAYS, EARLIER_DAYS),
        longest: performance::longest_by_block(runs, ctx.today, BLOCKS),
        long_before: longest_in(EARLIER_DAYS),
        long_recent: longest_in(RECENT_DAYS),
        comparable,
    }
}

/// `None` without enough comparable runs in both windows.
fn judge(m: &Measures) -> Option<Judged> {
    let like = m.like.as_ref().filter(|l| l.earlier_runs >= MIN_RUNS && l.recent_runs >= MIN_RUNS)?;
    let example = *like.main_group()?;
    let speed_gain = like.vdot_change_pct();
    let speed = trend(speed_gain, SPEED_FLAT_PCT, SPEED_PROGRESS_PCT);
    let decline = speed_gain <= -DECLINE_PCT;
    // Without a comfortable run in either window the distance can't be called flat.
    let distance_gain = m.long_before.zip(m.long_recent).map(|(b, r)| gain_pct(b, r));
    let distance = distance_gain.map(|g| trend(g, DISTANCE_FLAT_PCT, DISTANCE_PROGRESS_PCT));
    let status = match (decline, speed, distance) {
        (true, ..) | (_, Trend::Progress, _) | (_, _, Some(Trend::Progress)) => Status::Clear,
        (_, Trend::Flat, Some(Trend::Flat)) => Status::Rut,
        _ => Status::Watch,
    };
    let compared = like.earlier_runs.min(like.recent_runs);
    #[allow(clippy::cast_precision_loss)] // runs
    let speed_strength = if decline {
        strength(margin(speed_gain, -DECLINE_PCT), compared as f64 / FIRM_RUNS)
    } else {
        firmness(speed_gain, SPEED_FLAT_PCT, SPEED_PROGRESS_PCT, compared)
    };
    let comfortable = m.comparable[0].min(m.comparable[1]);
    Some(Judged {
        example,
        speed_gain,
        speed,
        decline,
        distance_gain,
        distance,
        status,
        speed_strength,
        distance_strength: distance_gain
            .map_or(Strength::Weak, |g| firmness(g, DISTANCE_FLAT_PCT, DISTANCE_PROGRESS_PCT, comfortable)),
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

/// A race equivalent as the runner reads it; its VDOT is in the why panel.
fn show_vdot(v: f64) -> String {
    format!("5 km in about {}", five_k(v))
}

/// "from 28:15 to 27:50", or "stayed at 28:15" ("from 28:15 to 28:15" reads like a typo).
fn moved(from: &str, to: &str) -> String {
    if from == to { format!("stayed at {to}") } else { format!("went from {from} to {to}") }
}

/// A group of comparable runs in words: "tempo runs of about 30 min, flat".
fn describe(g: &GroupChange) -> String {
    let mut text = format!("{} runs of about {:.0} min", g.kind.label().to_lowercase(), g.minutes);
    let terrain = g.terrain.label();
    if !terrain.is_empty() {
        text.push_str(", ");
        text.push_str(terrain);
    }
    text
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
        headline: if j.decline {
            format!("{:.0} % slower like for like", -j.speed_gain)
        } else {
            let (then, now) = (five_k(j.example.earlier_vdot), five_k(j.example.recent_vdot));
            if then == now {
                format!("5 km time flat at {now}")
            } else {
                format!("5 km time {then} → {now}")
            }
        },
        source: SOURCE,
        why: why(ctx, m, j),
        remedies: remedies(j),
    }
}

fn sentence(ctx: &Context<'_>, m: &Measures, j: &Judged) -> String {
    if j.decline {
        return format!(
            "Not a plateau: like for like (the same session, length and terrain) you are {:.0} % slower than 8–12 \
             weeks ago. A fall like this is a sign of fatigue, not of a plateau (see Overreaching): rest, rather \
             than add intensity.",
            -j.speed_gain
        );
    }
    let unit = ctx.settings.unit;
    let distance_phrase = match (m.long_before, m.long_recent) {
        (Some(b), Some(r)) => {
            format!("your longest run {}", moved(&format_distance(b, unit), &format_distance(r, unit)))
        }
        _ => "your longest run is unknown in one of the windows".into(),
    };
    let changes = format!(
        "on comparable runs ({}) your 5 km equivalent {} and {distance_phrase} ({COMPARED})",
        describe(&j.example),
        moved(&five_k(j.example.earlier_vdot), &five_k(j.example.recent_vdot)),
    );
    match j.status {
        Status::Rut => format!("Your race pace and distance have stalled: {changes}."),
        Status::Watch => format!("Only slight progress: {changes}."),
        _ => format!("You are progressing: {changes}."),
    }
}

fn evidence(ctx: &Context<'_>, m: &Measures, j: &Judged) -> Vec<Evidence> {
    let unit = ctx.settings.unit;
    let mut evidence = vec![
        Evidence {
            label: format!("Race equivalent, {}", describe(&j.example)),
            window: RECENT.into(),
            value: j.example.recent_vdot,
            shown: show_vdot(j.example.recent_vdot),
        },
        Evidence {
            label: format!("Race equivalent, {}", describe(&j.example)),
            window: EARLIER.into(),
            value: j.example.earlier_vdot,
            shown: show_vdot(j.example.earlier_vdot),
        },
        Evidence {
            label: "Change on comparable runs".into(),
            window: COMPARED.into(),
            value: j.speed_gain,
            shown: format!("{:+.1} %", j.speed_gain),
        },
    ];
    for (value, window) in [(m.long_recent, RECENT), (m.long_before, EARLIER)] {
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
            window: COMPARED.into(),
            value: g,
            shown: format!("{g:+.1} %"),
        });
    }
    evidence
}

fn why(ctx: &Context<'_>, m: &Measures, j: &Judged) -> Vec<Why> {
    let unit = ctx.settings.unit;
    let mut speed_inputs: Vec<(String, String)> = m
        .like
        .iter()
        .flat_map(|l| &l.groups)
        .map(|g| {
            (
                format!("{} ({} then, {} now)", describe(g), g.earlier_runs, g.recent_runs),
                format!("VDOT {:.1} → {:.1} ({:+.1} %)", g.earlier_vdot, g.recent_vdot, g.vdot_change_pct()),
            )
        })
        .collect();
    speed_inputs.push(("All comparable runs".into(), format!("{:+.1} %", j.speed_gain)));
    let mut distance_inputs = block_inputs(&m.longest, &|metres| format_distance(metres, unit));
    distance_inputs
        .push(("Change".into(), j.distance_gain.map_or_else(|| "–".into(), |g| format!("{g:+.1} %"))));
    vec![
        Why {
            metric: "Race equivalent, like for like (VDOT)".into(),
            formula: "terrain by climb per km (flat under 10 m, rolling under 25 m, hilly above); per run, VO2 = −4.60 + 0.182258 v + 0.000104 v² \
                      (v in m/min), %max = 0.8 + 0.1894393 e^(−0.012778 t) + 0.2989558 e^(−0.1932605 t) (t in \
                      min), VDOT = VO2 ÷ %max; each recent run against the earlier runs of the same session \
                      (the same type and terrain, moving time or distance within 20 %) 8–12 weeks ago; change = \
                      the mean over the recent runs"
                .into(),
            inputs: speed_inputs,
            threshold: format!(
                "under {SPEED_FLAT_PCT:.0} % is flat, {SPEED_PROGRESS_PCT:.0} % or more is clear progress; a rut \
                 when both this and the longest run are flat; {DECLINE_PCT:.0} % or more down is a decline \
                 (fatigue, not a plateau)"
            ),
            strength: j.speed_strength,
        },
        Why {
            metric: "Longest comfortable run".into(),
            formula: "the longest run that was not a race, per two-week block; change = longest of the last \
                      4 weeks vs longest of 8–12 weeks ago"
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
    if j.decline {
        return vec![Remedy::RestDay, Remedy::EasierWeek, Remedy::Sleep];
    }
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

/// In a race's recovery window: the easy weeks after a race are no plateau, and
/// progress is read again once they are over.
fn recovering(rec: &RaceRecovery) -> Finding {
    let until = day_name(rec.last_day());
    Finding {
        sign: Sign::Plateau,
        status: Status::Insufficient {
            needs: format!("your race's recovery to end ({until}): progress is read again after it"),
        },
        evidence: Vec::new(),
        sentence: format!(
            "You raced on {}: recover first. The easy weeks after a race are no plateau; progress is read again \
             after {until}.",
            day_name(rec.race_day)
        ),
        headline: "recovering from your race".into(),
        source: SOURCE,
        why: Vec::new(),
        remedies: vec![Remedy::EasierWeek, Remedy::TrackProgress],
    }
}

fn insufficient(m: &Measures) -> Finding {
    let [earlier, recent] = m.comparable;
    let needs = format!(
        "runs of the same type, length and terrain both in the last 4 weeks and 8–12 weeks ago, at least \
         {MIN_RUNS} each (you have {recent} and {earlier} comparable runs of 1.5 km or more, not intervals or hills)"
    );
    #[allow(clippy::cast_precision_loss)] // runs
    let value = recent.min(earlier) as f64;
    Finding {
        sign: Sign::Plateau,
        status: Status::Insufficient { needs },
        evidence: vec![Evidence {
            label: "Comparable runs in both windows".into(),
            window: COMPARED.into(),
            value,
            shown: format!("{recent} now, {earlier} then"),
        }],
        sentence: "Not enough comparable runs yet to tell whether your pace and distance are still growing."
            .into(),
        headline: "needs comparable runs".into(),
        source: SOURCE,
        why: vec![Why {
            metric: "Race equivalent, like for like (VDOT)".into(),
            formula: "Daniels' VDOT of runs of the same type, length and terrain, the last 4 weeks against \
                      8–12 weeks ago"
                .into(),
            inputs: vec![
                ("Comparable runs, last 4 weeks".into(), count(recent, "run")),
                ("Comparable runs, 8–12 weeks ago".into(), count(earlier, "run")),
            ],
            threshold: format!("needs {MIN_RUNS} comparable runs in each window"),
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

    fn today() -> NaiveDate {
        NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
    }

    fn finding(runs: &[Run]) -> Finding {
        let settings = Settings::default();
        detect(&Context::new(runs, &[], &[], &settings, today()))
    }

    fn status(runs: &[Run]) -> Status {
        finding(runs).status
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
    fn a_clear_fall_is_a_decline_not_a_plateau() {
        // Every run of the last four weeks 8 % slower than the same runs before.
        let runs: Vec<Run> = history(12, |_| 25.0, |_| 10.0)
            .into_iter()
            .map(|r| {
                let recent = (today() - r.start.date_naive()).num_days() < 28;
                let distance_m = r.distance_m.map(|m| if recent { m / 1.08 } else { m });
                Run { distance_m, ..r }
            })
            .collect();
        let f = finding(&runs);
        assert_eq!(f.status, Status::Clear);
        assert!(f.sentence.starts_with("Not a plateau"), "{}", f.sentence);
        assert!(f.remedies.contains(&Remedy::RestDay) && !f.remedies.contains(&Remedy::Intervals));
    }

    #[test]
    fn sessions_are_only_held_against_the_same_sessions() {
        // Tempo runs in the early weeks, hills instead in the last four: the hills
        // are never compared with the tempo runs, so no collapse is read.
        let runs: Vec<Run> = history(12, |_| 25.0, |_| 10.0)
            .into_iter()
            .map(|r| {
                let recent = (today() - r.start.date_naive()).num_days() < 28;
                if recent && r.kind == RunType::Tempo {
                    Run { kind: RunType::Hills, moving_s: 2400, ..r }
                } else {
                    r
                }
            })
            .collect();
        let f = finding(&runs);
        assert!(!f.sentence.starts_with("Not a plateau"), "{}", f.sentence);
        assert!(f.why.first().is_some_and(|w| w.inputs.iter().all(|(k, _)| !k.starts_with("tempo"))));
    }

    #[test]
    fn nothing_is_read_in_a_races_recovery() {
        let mut runs = history(12, |_| 25.0, |_| 10.0);
        let d = today() - Duration::days(5);
        runs.push(sample_run(99, &format!("{d}T09:00:00+00:00"), RunType::Race, 95.0, 21.1));
        let f = finding(&runs);
        assert!(matches!(f.status, Status::Insufficient { .. }), "{:?}", f.status);
        assert!(f.sentence.contains("recover first"), "{}", f.sentence);
    }

    #[test]
    fn a_few_weeks_of_efforts_cannot_show_a_plateau() {
        assert!(matches!(status(&history(3, |_| 25.0, |_| 10.0)), Status::Insufficient { .. }));
    }
}
