//! Effort creep: the usual pace and distance feel harder than they should.
//!
//! RPE at a fixed submaximal speed rises after overreaching (Siegl et al. 2018).
//! Restride compares runs of the same pace band (10 % wide, about ±5 %) and length
//! band (1.5× wide, about ±20 %) between the 12 weeks before the last 4 and the
//! last 4: the average RPE of each band in both windows, weighted by the fewer of
//! its runs in either. The mirror reading, pace at the same RPE and length, is
//! compared the same way. A rise of 0.5 RPE (or 5 % slower) is worth watching, 1
//! RPE (or 10 % slower) a clear sign. Bands and thresholds are Restride's own
//! heuristic. Intervals and hills are left out (their average pace says little
//! about effort), as are strength and cross-training (no pace).

use std::collections::BTreeMap;

use super::judge::{margin, strength};
use super::words::count;
use super::{Context, Evidence, Finding, Remedy, Sign, Status, Strength, Why};
use crate::run::{Run, RunType};
use crate::units::{DistanceUnit, format_pace};

const SOURCE: &str = "Siegl et al. 2018 (RPE at a fixed submaximal speed rises with overreaching); pace and \
                      length bands and thresholds are Restride's own heuristic";
const RECENT_DAYS: i64 = 28;
/// The earlier window: the 12 weeks before the recent one.
const EARLIER_END_DAYS: i64 = RECENT_DAYS + 84;
/// Both windows need some history: 4 weeks before the last 4.
const MIN_HISTORY_DAYS: usize = 56;
const PACE_BAND: f64 = 1.10;
const LENGTH_BAND: f64 = 1.5;
const MIN_EARLIER: usize = 6;
const MIN_RECENT: usize = 4;
/// Comparable runs for a firm call, earlier and recent.
const FULL_EARLIER: f64 = 12.0;
const FULL_RECENT: f64 = 8.0;
const RPE_WATCH: f64 = 0.5;
const RPE_RUT: f64 = 1.0;
const SLOWER_WATCH: f64 = 0.05;
const SLOWER_RUT: f64 = 0.10;

/// Sums over one band in one window.
#[derive(Debug, Default, Clone, Copy)]
struct Side {
    runs: usize,
    rpe: f64,
    pace: f64,
}

impl Side {
    fn add(&mut self, rpe: f64, pace: f64) {
        self.runs += 1;
        self.rpe += rpe;
        self.pace += pace;
    }
}

type Bands = BTreeMap<(i64, i64), [Side; 2]>;

/// Band-by-band comparison of one quantity between the windows.
#[derive(Debug, Clone, Copy)]
struct Comparison {
    earlier_runs: usize,
    recent_runs: usize,
    earlier: f64,
    recent: f64,
    /// Weighted mean pace of the compared runs, for the sentence.
    pace: f64,
}

impl Comparison {
    /// Share of a firm call's data.
    fn data(&self) -> f64 {
        (self.earlier_runs as f64 / FULL_EARLIER).min(self.recent_runs as f64 / FULL_RECENT)
    }

    fn enough(&self) -> bool {
        self.earlier_runs >= MIN_EARLIER && self.recent_runs >= MIN_RECENT
    }
}

/// Compares `value` (a mean of a side) band by band; bands need runs in both windows.
fn compare(bands: &Bands, value: fn(&Side) -> f64) -> Option<Comparison> {
    let (mut weight, mut earlier, mut recent, mut pace) = (0.0, 0.0, 0.0, 0.0);
    let (mut earlier_runs, mut recent_runs) = (0, 0);
    for [e, r] in bands.values().filter(|[e, r]| e.runs > 0 && r.runs > 0) {
        let w = e.runs.min(r.runs) as f64;
        weight += w;
        earlier += w * value(e);
        recent += w * value(r);
        pace += w * (e.pace + r.pace) / (e.runs + r.runs) as f64;
        earlier_runs += e.runs;
        recent_runs += r.runs;
    }
    let c = Comparison {
        earlier_runs,
        recent_runs,
        earlier: earlier / weight,
        recent: recent / weight,
        pace: pace / weight,
    };
    (weight > 0.0 && [c.earlier, c.recent, c.pace].iter().all(|x| x.is_finite())).then_some(c)
}

/// The band of a positive value on a log scale, each band `width` times the last.
fn band(value: f64, width: f64) -> Option<i64> {
    let b = (value.ln() / width.ln()).floor();
    // A finite log of a positive f64 divided by ln 1.1 is within ±8,000.
    #[allow(clippy::cast_possible_truncation)]
    b.is_finite().then_some(b as i64)
}

fn mean_rpe(s: &Side) -> f64 {
    s.rpe / s.runs as f64
}

fn mean_pace(s: &Side) -> f64 {
    s.pace / s.runs as f64
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Clear,
    Watch,
    Rut,
}

fn level(change: f64, watch: f64, rut: f64) -> Level {
    if change >= rut {
        Level::Rut
    } else if change >= watch {
        Level::Watch
    } else {
        Level::Clear
    }
}

/// Both comparisons over the runner's own ratings, each `None` without enough
/// comparable runs.
struct Measures {
    /// RPE at the same pace and length.
    effort: Option<Comparison>,
    /// Pace at the same RPE and length.
    speed: Option<Comparison>,
}

/// Each comparison's level and how firm it is.
struct Judged {
    effort: Option<(Level, Strength)>,
    speed: Option<(Level, Strength)>,
    status: Status,
}

/// Effort creep: RPE at the same pace and length up by ≥ 0.5 (watch) or ≥ 1 (rut),
/// or pace at the same RPE and length ≥ 5 % / 10 % slower, last 4 weeks against the
/// 12 before (Siegl et al. 2018; bands and thresholds Restride's own).
pub fn detect(ctx: &Context<'_>) -> Finding {
    let (m, partial) = measure(ctx);
    if m.effort.is_none() && m.speed.is_none() {
        return insufficient(ctx, partial);
    }
    let judged = judge(&m);
    word(ctx, &m, &judged)
}

/// The comparisons, and the effort comparison before its minimums (for what an
/// insufficient card still needs).
fn measure(ctx: &Context<'_>) -> (Measures, Option<Comparison>) {
    let mut at_pace = Bands::new();
    let mut at_rpe = Bands::new();
    for (ago, run) in ctx.aged_runs() {
        let side = match ago {
            0..RECENT_DAYS => 1,
            RECENT_DAYS..EARLIER_END_DAYS => 0,
            _ => continue,
        };
        // Only the runner's own ratings: an estimate from pace would measure pace twice.
        let Some(rpe) = run.rpe.map(|r| r.value()) else { continue };
        let Some((pace, length, pace_band)) = comparable(run) else { continue };
        for (bands, key) in [(&mut at_pace, (pace_band, length)), (&mut at_rpe, (i64::from(rpe), length))] {
            if let Some(s) = bands.entry(key).or_default().get_mut(side) {
                s.add(f64::from(rpe), pace);
            }
        }
    }
    let enough_history = !ctx.runs.is_empty() && ctx.daily_load.len() >= MIN_HISTORY_DAYS;
    let usable = |c: &Comparison| enough_history && c.enough();
    let any_effort = compare(&at_pace, mean_rpe);
    let m = Measures { effort: any_effort.filter(usable), speed: compare(&at_rpe, mean_pace).filter(usable) };
    (m, any_effort)
}

/// The worse of the two comparisons decides.
fn judge(m: &Measures) -> Judged {
    let effort = m.effort.map(|c| {
        let rise = c.recent - c.earlier + 0.0; // + 0.0 turns -0.0 into 0.0 for display
        let lvl = level(rise, RPE_WATCH, RPE_RUT);
        let crossed = if lvl == Level::Rut { RPE_RUT } else { RPE_WATCH };
        (lvl, strength(margin(rise, crossed), c.data()))
    });
    let speed = m.speed.map(|c| {
        let slower = c.recent / c.earlier - 1.0;
        let lvl = level(slower, SLOWER_WATCH, SLOWER_RUT);
        let crossed = if lvl == Level::Rut { SLOWER_RUT } else { SLOWER_WATCH };
        (lvl, strength(margin(slower, crossed), c.data()))
    });
    let worst = [effort, speed].into_iter().flatten().map(|(l, _)| l).max().unwrap_or(Level::Clear);
    let status = match worst {
        Level::Rut => Status::Rut,
        Level::Watch => Status::Watch,
        Level::Clear => Status::Clear,
    };
    Judged { effort, speed, status }
}

const EARLIER: &str = "the 12 weeks before the last 4";
const RECENT: &str = "last 4 weeks";

/// What the card says, gathered comparison by comparison.
#[derive(Default)]
struct Parts {
    evidence: Vec<Evidence>,
    why: Vec<Why>,
    /// Clauses for a flagged sentence, and for a clear one.
    flagged: Vec<String>,
    calm: Vec<String>,
}

impl Parts {
    fn show(&mut self, label: &str, window: &str, value: f64, shown: String) {
        self.evidence.push(Evidence { label: label.into(), window: window.into(), value, shown });
    }
}

fn word(ctx: &Context<'_>, m: &Measures, j: &Judged) -> Finding {
    let unit = ctx.settings.unit;
    let mut parts = Parts::default();
    if let (Some(c), Some((lvl, grade))) = (m.effort, j.effort) {
        word_effort(&mut parts, c, lvl, grade, unit);
    }
    if let (Some(c), Some((lvl, grade))) = (m.speed, j.speed) {
        word_speed(&mut parts, c, lvl, grade, unit);
    }
    let sentence = match j.status {
        Status::Rut => format!("Signs of effort creep: {}.", parts.flagged.join("; and ")),
        Status::Watch => format!("Worth watching: {}.", parts.flagged.join("; and ")),
        _ => format!("No sign of effort creep: {}.", parts.calm.join(", and ")),
    };
    // The comparison that decided the status leads the row: the effort one on a tie.
    let effort_first = j.effort.map(|(l, _)| l) >= j.speed.map(|(l, _)| l);
    let headline = match (m.effort, m.speed) {
        (Some(c), _) if effort_first || m.speed.is_none() => effort_headline(c.recent - c.earlier),
        (_, Some(c)) => speed_headline(c.recent / c.earlier - 1.0),
        _ => String::new(),
    };
    let remedies = if j.status == Status::Clear {
        vec![Remedy::TrackProgress]
    } else {
        vec![Remedy::EasierWeek, Remedy::RestDay, Remedy::Sleep]
    };
    Finding {
        sign: Sign::EffortCreep,
        status: j.status.clone(),
        evidence: parts.evidence,
        sentence,
        headline,
        source: SOURCE,
        why: parts.why,
        remedies,
    }
}

/// "same pace feels 1.2 harder", for the radar's row.
fn effort_headline(rise: f64) -> String {
    if rise.abs() < 0.25 {
        "same pace, same effort".into()
    } else if rise > 0.0 {
        format!("same pace feels {rise:.1} harder")
    } else {
        format!("same pace feels {:.1} easier", -rise)
    }
}

/// "6 % slower at the same effort", for the radar's row.
fn speed_headline(slower: f64) -> String {
    if slower.abs() < 0.005 {
        "same effort, same pace".into()
    } else if slower > 0.0 {
        format!("{:.0} % slower at the same effort", slower * 100.0)
    } else {
        format!("{:.0} % faster at the same effort", -slower * 100.0)
    }
}

fn word_effort(p: &mut Parts, c: Comparison, lvl: Level, grade: Strength, unit: DistanceUnit) {
    let rise = c.recent - c.earlier + 0.0;
    p.show("Average effort (0–10) on comparable runs", EARLIER, c.earlier, format!("{:.1}", c.earlier));
    p.show("Average effort (0–10) on comparable runs", RECENT, c.recent, format!("{:.1}", c.recent));
    p.show(
        "Change in effort at the same pace and length",
        "last 4 weeks vs the 12 before",
        rise,
        format!("{rise:+.1}"),
    );
    p.show("Comparable runs", EARLIER, c.earlier_runs as f64, c.earlier_runs.to_string());
    p.show("Comparable runs", RECENT, c.recent_runs as f64, c.recent_runs.to_string());
    p.why.push(Why {
        metric: "RPE at the same pace and length".into(),
        formula:
            "Runs grouped by pace band (10 % wide, about ±5 %) and length band (1.5× wide); for each band \
                  with runs in both windows, average RPE then and now, weighted by the fewer of its runs; \
                  change = now − then."
                .into(),
        inputs: vec![
            ("Typical compared pace".to_string(), format_pace(c.pace, unit)),
            ("Average RPE, 12 weeks before".to_string(), format!("{:.1}", c.earlier)),
            ("Average RPE, last 4 weeks".to_string(), format!("{:.1}", c.recent)),
            ("Comparable runs then / now".to_string(), format!("{} / {}", c.earlier_runs, c.recent_runs)),
        ],
        threshold: "A rise of 0.5 RPE is worth watching, 1 RPE or more a clear sign (Restride's own \
                    heuristic; Siegl et al. 2018 found RPE at a fixed speed rising with overreaching)."
            .into(),
        strength: grade,
    });
    if lvl == Level::Clear {
        let feel = if rise <= -RPE_WATCH { "easier" } else { "about the same" };
        p.calm.push(format!(
            "runs at the same pace and length feel {feel} (effort {:.1} then, {:.1} now, of 10)",
            c.earlier, c.recent
        ));
    } else {
        p.flagged.push(format!(
            "runs at the same pace and length (around {}) now feel harder: you rated them {:.1} then and {:.1} \
             now (of 10), over {} compared with {} earlier",
            format_pace(c.pace, unit),
            c.earlier,
            c.recent,
            count(c.recent_runs, "recent run"),
            c.earlier_runs
        ));
    }
}

fn word_speed(p: &mut Parts, c: Comparison, lvl: Level, grade: Strength, unit: DistanceUnit) {
    let slower = c.recent / c.earlier - 1.0;
    let shown = if slower.abs() < 0.005 {
        "unchanged".to_string()
    } else if slower > 0.0 {
        format!("{:.0} % slower", slower * 100.0)
    } else {
        format!("{:.0} % faster", -slower * 100.0)
    };
    p.show("Pace at the same effort and length", EARLIER, c.earlier, format_pace(c.earlier, unit));
    p.show("Pace at the same effort and length", RECENT, c.recent, format_pace(c.recent, unit));
    p.show("Pace change at the same effort", "last 4 weeks vs the 12 before", slower * 100.0, shown.clone());
    p.why.push(Why {
        metric: "Pace at the same RPE and length".into(),
        formula:
            "Runs grouped by RPE and length band (1.5× wide); for each group with runs in both windows, \
                  average pace then and now, weighted by the fewer of its runs; change = now ÷ then − 1."
                .into(),
        inputs: vec![
            ("Average pace, 12 weeks before".to_string(), format_pace(c.earlier, unit)),
            ("Average pace, last 4 weeks".to_string(), format_pace(c.recent, unit)),
            ("Change".to_string(), shown.clone()),
            ("Comparable runs then / now".to_string(), format!("{} / {}", c.earlier_runs, c.recent_runs)),
        ],
        threshold: "5 % slower at the same effort is worth watching, 10 % or more a clear sign (Restride's \
                    own heuristic)."
            .into(),
        strength: grade,
    });
    if lvl == Level::Clear {
        p.calm.push(format!("at the same effort your pace held ({shown})"));
    } else {
        p.flagged.push(format!("at the same effort and length you now run {shown} than before"));
    }
}

/// Pace (s/km), length band and pace band of a run whose average pace describes
/// its effort.
fn comparable(run: &Run) -> Option<(f64, i64, i64)> {
    if matches!(run.kind, RunType::Cross | RunType::Intervals | RunType::Hills) || run.moving_s == 0 {
        return None;
    }
    let pace = run.pace_s_per_km().filter(|p| p.is_finite() && *p > 0.0)?;
    Some((pace, band(f64::from(run.moving_s), LENGTH_BAND)?, band(pace, PACE_BAND)?))
}

fn insufficient(ctx: &Context<'_>, partial: Option<Comparison>) -> Finding {
    let days = ctx.daily_load.len();
    let weeks_to_go = (ctx.runs.is_empty() || days < MIN_HISTORY_DAYS).then(|| {
        let more = if ctx.runs.is_empty() { MIN_HISTORY_DAYS } else { MIN_HISTORY_DAYS - days };
        count(more.div_ceil(7), "more week")
    });
    let needs = if let Some(weeks) = &weeks_to_go {
        format!(
            "{weeks} of runs with distance and effort: runs in the last 4 weeks are compared with those at \
             the same pace and length before"
        )
    } else {
        let (earlier, recent) = partial.map_or((0, 0), |c| (c.earlier_runs, c.recent_runs));
        format!(
            "runs at a pace and length you ran both in the last 4 weeks and in the 12 before: at least {MIN_RECENT} \
             recent and {MIN_EARLIER} earlier (now {recent} and {earlier}), with distance and effort"
        )
    };
    Finding {
        sign: Sign::EffortCreep,
        sentence: format!("Not enough comparable runs yet to spot effort creep: it needs {needs}."),
        headline: weeks_to_go.map_or_else(|| "needs comparable runs".into(), |w| format!("needs {w}")),
        status: Status::Insufficient { needs },
        evidence: Vec::new(),
        source: SOURCE,
        why: Vec::new(),
        remedies: vec![Remedy::TrackProgress],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_log_spaced_and_total() {
        // ln(pace) / ln(1.1): 6:00 /km is 61.76 and 6:05 61.90, one band; 6:10 is 62.04.
        assert_eq!(band(360.0, PACE_BAND), Some(61));
        assert_eq!(band(365.0, PACE_BAND), Some(61));
        assert_eq!(band(370.0, PACE_BAND), Some(62));
        assert_eq!(band(0.0, PACE_BAND), None);
        assert_eq!(band(f64::NAN, PACE_BAND), None);
    }

    #[test]
    fn comparison_weights_each_band_by_its_fewer_runs() {
        // Band A: 3 earlier runs at RPE 3, 1 recent at RPE 5 (weight 1).
        // Band B: 2 earlier at RPE 4, 4 recent at RPE 4.5 (weight 2).
        // Band C: earlier runs only, left out.
        let side = |runs: usize, rpe: f64| Side { runs, rpe: rpe * runs as f64, pace: 360.0 * runs as f64 };
        let mut bands = Bands::new();
        bands.insert((1, 1), [side(3, 3.0), side(1, 5.0)]);
        bands.insert((2, 1), [side(2, 4.0), side(4, 4.5)]);
        bands.insert((3, 1), [side(5, 2.0), Side::default()]);
        let c = compare(&bands, mean_rpe).unwrap();
        assert!((c.earlier - (3.0 + 2.0 * 4.0) / 3.0).abs() < 1e-9);
        assert!((c.recent - (5.0 + 2.0 * 4.5) / 3.0).abs() < 1e-9);
        assert_eq!((c.earlier_runs, c.recent_runs), (5, 5));
        assert!(compare(&Bands::new(), mean_rpe).is_none());
    }
}
