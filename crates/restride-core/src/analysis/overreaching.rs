//! Overreaching and poor recovery: falling performance, a jump in load, weeks
//! without rest or variation, deeply negative form, and check-ins that report
//! fatigue, soreness or poor sleep.
//!
//! Markers and their sources:
//! - performance falling by a clear margin: like-for-like runs (the same session,
//!   length and terrain; see [`super::performance::like_for_like`]) 5 % or more
//!   slower over the last 4 weeks than the 12 before. A decline is overreaching's
//!   defining sign (Meeusen et al. 2013); with the same runs rated harder (effort
//!   creep, Siegl et al. 2018) or check-ins reporting fatigue or soreness it is a
//!   clear sign on its own, and rest is the remedy, never more intensity;
//! - acute:chronic workload ratio ≥ 1.5, rolling (uncoupled) or EWMA 7/28 (Hulin et
//!   al. 2016; Williams et al. 2017), read only as a load-spike warning because
//!   its worth as an injury predictor is contested (Lolli et al. 2019; Impellizzeri
//!   et al. 2020), and only over a chronic base of at least a beginner's week (three
//!   20-minute easy runs, 210 a week): from less, a few easy runs after weeks off read
//!   as a "13×" spike;
//! - form averaged over the week below −30 % of fitness (Banister's model with
//!   TrainingPeaks' 42- and 7-day time constants; intervals.icu's "high risk" zone,
//!   about a week at twice the usual load), over the same base and once the history
//!   is long enough (126 days) for fitness to have filled in;
//! - monotony above 2.0 (Foster 1998; population SD, capped at 10, as Runalyze);
//! - fewer than 2 rest days in 14 (Restride's own heuristic: one a week);
//! - Hooper fatigue, soreness or sleep quality averaging 5 or worse over 7 days
//!   (Restride's reading of the scale); fatigue or soreness above 5 for more than 7
//!   days in a row is Hooper & Mackinnon's (1995) staleness mark.
//!
//! No single marker diagnoses overreaching (Meeusen et al. 2013), so one kind of
//! marker alone is only worth watching; two kinds together (load, rhythm,
//! self-report, performance), Hooper's staleness mark, or a decline with rising
//! effort or fatigue, make it a clear sign. Monotony and rest days count as one
//! kind, as do the load ratio and form: each pair reads the same thing. Poor sleep
//! alone never decides it: it may be life, not training.

use chrono::Duration;

use super::judge::{margin, strength};
use super::metrics::{
    AcwrBand, BASE_WEEKLY_LOAD, FITNESS_DAYS, HOOPER_HIGH, MONOTONY_FINE, MONOTONY_HIGH, RATIO_SPIKE, WEEK,
    ewma_acwr, last_days, longest_high_streak, monotony, pmc, rolling_acwr, trimp, week_form_percent,
};
use super::performance::{DECLINE_PCT, like_for_like};
use super::words::{and_list, count, show_load, show_ratio, signed};
use super::{Context, Evidence, Finding, Remedy, Sign, Status, Strength, Why};
use crate::wellness::HooperItem;

const SOURCE: &str = "Meeusen et al. 2013 (a performance decline defines it; no single marker decides); Siegl \
                      et al. 2018 (effort at the same pace); Hulin et al. 2016 and Williams et al. 2017 \
                      (acute:chronic ratio; contested: Lolli et al. 2019, Impellizzeri et al. 2020); Foster 1998 \
                      (monotony); Banister, TrainingPeaks PMC and intervals.icu (fitness, fatigue, form); Hooper & \
                      Mackinnon 1995 (check-ins)";
/// A week compared with the four before it.
const MIN_DAYS: usize = 35;
/// History for a firm call: the 42-day fitness average has filled in.
const FULL_DAYS: f64 = 56.0;
/// Form is read once the history covers three of fitness's time constants: from
/// nothing, fitness then stands at 95 % of its level ((41/42)^126 ≈ 0.05). Before
/// that fatigue runs ahead of fitness by construction (12 steady weeks read about
/// −19 %), and a new runner would read as deeply fatigued.
const FORM_DAYS: usize = 3 * FITNESS_DAYS;
/// intervals.icu's "high risk" form, below −30 % of fitness, with the time constants
/// it uses (42 and 7 days): about a week at twice the usual load, the acute:chronic
/// spike line read on fitness and fatigue.
const FORM_VERY_NEGATIVE: f64 = -30.0;
/// The chronic base below which load spikes are not read: a beginner's week a week
/// (see the module notes), and the same as a daily average for fitness.
const MIN_CHRONIC_WEEKLY: f64 = BASE_WEEKLY_LOAD;
const MIN_CHRONIC_DAILY: f64 = BASE_WEEKLY_LOAD / 7.0;
/// Performance: the last 4 weeks against the 12 before, as effort creep compares.
const RECENT_DAYS: i64 = 28;
const EARLIER_END_DAYS: i64 = RECENT_DAYS + 84;
/// Like-for-like runs before a decline is read: as effort creep asks.
const MIN_EARLIER_RUNS: usize = 6;
const MIN_RECENT_RUNS: usize = 4;
/// The same runs rated this much harder: effort creep's watch line.
const HARDER_RPE: f64 = 0.5;
const REST_WINDOW: usize = 14;
const MIN_REST_DAYS: usize = 2;
const HOOPER_DAYS: i64 = 7;
const HOOPER_STREAK_DAYS: i64 = 14;
const HOOPER_MIN_CHECK_INS: usize = 3;
/// Hooper & Mackinnon's staleness mark: rated above 5 for more than 7 days.
const HOOPER_STREAK: usize = 7;
const HOOPER_ITEMS: [HooperItem; 3] = [HooperItem::Fatigue, HooperItem::Soreness, HooperItem::SleepQuality];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Performance,
    Load,
    Rhythm,
    SelfReport,
}

struct Marker {
    kind: Kind,
    /// A clear sign on its own (Hooper's staleness streak; a decline with rising
    /// effort or fatigue).
    decisive: bool,
    /// What the runner's numbers say, for the sentence.
    phrase: String,
    /// The same in a few words, for the radar's row.
    short: String,
    remedies: Vec<Remedy>,
}

#[derive(Default)]
struct Parts {
    evidence: Vec<Evidence>,
    why: Vec<Why>,
    /// Flagged markers only.
    flags: Vec<Marker>,
    /// Numbers for the sentence when nothing is flagged.
    calm: Vec<String>,
    /// The row's few words when nothing is flagged: the first calm reading.
    calm_short: Option<String>,
}

impl Parts {
    fn calm(&mut self, phrase: String, short: String) {
        self.calm.push(phrase);
        self.calm_short.get_or_insert(short);
    }

    fn show(&mut self, label: &str, window: &str, value: f64, shown: String) {
        self.evidence.push(Evidence { label: label.into(), window: window.into(), value, shown });
    }
}

/// Overreaching and poor recovery from load (acute:chronic ratio, Hulin et al. 2016 /
/// Williams et al. 2017, contested; form, Banister / TrainingPeaks PMC), rhythm
/// (monotony, Foster 1998; rest days, Restride's own) and Hooper check-ins (Hooper &
/// Mackinnon 1995): one kind of marker is worth watching, two are a clear sign
/// (Meeusen et al. 2013: no single marker decides). See the module notes.
pub fn detect(ctx: &Context<'_>) -> Finding {
    let loads = &ctx.daily_load;
    let enough_load = !ctx.runs.is_empty() && loads.len() >= MIN_DAYS;
    let data = loads.len() as f64 / FULL_DAYS;
    let mut parts = Parts::default();
    if enough_load {
        load_spike(loads, data, &mut parts);
        form(loads, data, &mut parts);
        rhythm(loads, data, &mut parts);
        heart_rate_load(ctx, &mut parts);
    }
    let poor_check_ins = check_ins(ctx, &mut parts);
    performance(ctx, poor_check_ins, &mut parts);

    let kinds: Vec<Kind> = [Kind::Performance, Kind::Load, Kind::Rhythm, Kind::SelfReport]
        .into_iter()
        .filter(|k| parts.flags.iter().any(|m| m.kind == *k))
        .collect();
    let phrases: Vec<String> = parts.flags.iter().map(|m| m.phrase.clone()).collect();
    let (status, sentence) = if kinds.len() >= 2 || parts.flags.iter().any(|m| m.decisive) {
        (Status::Rut, format!("Signs of overreaching and poor recovery: {}.", and_list(&phrases)))
    } else if !kinds.is_empty() {
        (Status::Watch, format!("Worth watching: {}.", and_list(&phrases)))
    } else if enough_load {
        (Status::Clear, format!("No signs of overreaching: {}.", and_list(&parts.calm)))
    } else {
        let needs = if ctx.runs.is_empty() {
            "5 weeks of runs with effort ratings: a week is compared with the 4 before it".to_string()
        } else {
            format!(
                "{} of runs with effort ratings: a week is compared with the 4 before it",
                count(MIN_DAYS - loads.len(), "more day")
            )
        };
        let sentence = format!("Not enough history yet to spot overreaching: it needs {needs}.");
        (Status::Insufficient { needs }, sentence)
    };
    let headline = match (&status, parts.flags.first(), &parts.calm_short) {
        (Status::Insufficient { .. }, ..) => {
            format!("needs {}", count(MIN_DAYS.saturating_sub(loads.len()).div_ceil(7).max(1), "more week"))
        }
        (_, Some(flag), _) => flag.short.clone(),
        (_, None, Some(calm)) => calm.clone(),
        _ => "no sign in your load".into(),
    };
    let mut remedies: Vec<Remedy> = Vec::new();
    for r in parts.flags.iter().flat_map(|m| &m.remedies) {
        if !remedies.contains(r) {
            remedies.push(*r);
        }
    }
    if remedies.is_empty() {
        remedies.push(Remedy::TrackProgress);
    }
    Finding {
        sign: Sign::Overreaching,
        status,
        evidence: parts.evidence,
        sentence,
        headline,
        source: SOURCE,
        why: parts.why,
        remedies,
    }
}

/// Acute:chronic ratio, both ways. Strength is capped at moderate: the measure is
/// contested.
fn load_spike(loads: &[f64], data: f64, parts: &mut Parts) {
    // Only over a chronic base: a ratio of a few easy runs to next to nothing is no spike.
    let rolling = rolling_acwr(loads).filter(|a| a.chronic >= MIN_CHRONIC_WEEKLY);
    let ewma = ewma_acwr(loads).filter(|a| a.chronic >= MIN_CHRONIC_DAILY);
    let mut inputs = Vec::new();
    if let Some(a) = rolling {
        parts.show("Load", "last 7 days", a.acute, show_load(a.acute));
        parts.show("Usual weekly load", "the 4 weeks before", a.chronic, show_load(a.chronic));
        parts.show("Acute:chronic ratio", "last 7 days vs the 4 weeks before", a.ratio, show_ratio(a.ratio));
        inputs.push(("Load, last 7 days".to_string(), show_load(a.acute)));
        inputs.push(("Weekly load, the 4 weeks before".to_string(), show_load(a.chronic)));
        inputs.push(("Rolling ratio".to_string(), show_ratio(a.ratio)));
    }
    if let Some(a) = ewma {
        parts.show("Acute:chronic ratio (EWMA 7/28 days)", "today", a.ratio, show_ratio(a.ratio));
        inputs.push(("7-day EWMA of daily load".to_string(), show_load(a.acute)));
        inputs.push(("28-day EWMA of daily load".to_string(), show_load(a.chronic)));
        inputs.push(("EWMA ratio".to_string(), show_ratio(a.ratio)));
    }
    let phrase = |a: super::metrics::Acwr, rolling: bool| {
        if rolling {
            format!("in the last 7 days you trained {} times as much as in your usual week", times(a.ratio))
        } else {
            format!(
                "your training this past week ran at {} times your average of the last 4 weeks",
                times(a.ratio)
            )
        }
    };
    let short = |a: super::metrics::Acwr| format!("{}× your usual week", times(a.ratio));
    // Flag on whichever ratio is higher; otherwise quote the rolling one, which reads plainly.
    let highest = [rolling.map(|a| (a, true)), ewma.map(|a| (a, false))]
        .into_iter()
        .flatten()
        .max_by(|x, y| x.0.ratio.total_cmp(&y.0.ratio));
    let Some((top, top_is_rolling)) = highest else {
        if rolling_acwr(loads).is_some() {
            parts.calm(
                "your usual week is still light (under three 20-minute easy runs), too little for a jump in \
                 training to mean much"
                    .into(),
                "a light usual week".into(),
            );
        }
        return;
    };
    let ratio = top.ratio;
    parts.why.push(Why {
        metric: "Acute:chronic workload ratio".into(),
        formula: "Rolling: load of the last 7 days ÷ (load of the 28 days before them ÷ 4). EWMA: 7-day ÷ \
                  28-day exponentially weighted average of daily load, λ = 2 / (N + 1). Load = RPE × minutes."
            .into(),
        inputs,
        threshold: format!(
            "0.8–1.3 in line with your usual, 1.5 or more a load spike (yours: {}). A load-spike warning \
             only: as an injury predictor the ratio is contested (Lolli et al. 2019; Impellizzeri et al. 2020). \
             Read only when your usual week holds at least {} (three 20-minute easy runs).",
            AcwrBand::of(ratio).label(),
            show_load(MIN_CHRONIC_WEEKLY)
        ),
        strength: strength(margin(ratio, RATIO_SPIKE), data).min(Strength::Moderate),
    });
    if ratio >= RATIO_SPIKE {
        parts.flags.push(Marker {
            kind: Kind::Load,
            decisive: false,
            phrase: format!(
                "{} (a sudden jump: a warning sign, not a forecast of injury)",
                phrase(top, top_is_rolling)
            ),
            short: short(top),
            remedies: vec![Remedy::EasierWeek, Remedy::RestDay],
        });
    } else {
        let quoted = rolling.unwrap_or(top);
        parts.calm(phrase(quoted, rolling.is_some()), short(quoted));
    }
}

/// A ratio in words: "1.6".
fn times(ratio: f64) -> String {
    format!("{ratio:.1}")
}

fn form(loads: &[f64], data: f64, parts: &mut Parts) {
    if loads.len() < FORM_DAYS {
        return;
    }
    let Some((p, today, week)) = pmc(loads)
        .filter(|p| p.fitness >= MIN_CHRONIC_DAILY)
        .and_then(|p| Some((p, p.form_percent()?, week_form_percent(loads)?)))
    else {
        return;
    };
    let percent = |x: f64| format!("{} % of fitness", signed(x));
    parts.show("Fitness (CTL)", "today", p.fitness, show_load(p.fitness));
    parts.show("Fatigue (ATL)", "today", p.fatigue, show_load(p.fatigue));
    parts.show("Form", "fitness − fatigue, as of yesterday", today, percent(today));
    parts.show("Form", "average of the last 7 days", week, percent(week));
    let mut inputs = vec![
        ("Fitness (CTL, 42-day time constant)".to_string(), show_load(p.fitness)),
        ("Fatigue (ATL, 7-day time constant)".to_string(), show_load(p.fatigue)),
        ("Form, as of yesterday".to_string(), format!("{} ({})", signed(p.form), percent(today))),
        ("Form, last 7 days".to_string(), percent(week)),
        ("Fitness change over 7 days".to_string(), signed(p.ramp)),
    ];
    let rest = p.days_to_balance().filter(|d| *d > 0.0);
    if let Some(days) = rest {
        parts.show("Days of rest until form balances", "from today", days, format!("{days:.1}"));
        inputs.push(("Days of rest until form balances".to_string(), format!("{days:.1}")));
    }
    parts.why.push(Why {
        metric: "Form (fitness − fatigue)".into(),
        formula: "Form = yesterday's fitness − yesterday's fatigue, as TrainingPeaks computes them: fitness \
                  (CTL) = CTL + (load − CTL) ÷ 42 each day, fatigue (ATL) likewise with 7. Judged over the last \
                  7 days, 1 − Σ fatigue ÷ Σ fitness, because one day's form swings with the weekday. Days of \
                  rest until form balances = ln(fitness ÷ fatigue) ÷ ln((1 − 1/7) ÷ (1 − 1/42)) (Runalyze)."
            .into(),
        inputs,
        threshold: format!(
            "Below −30 % of fitness over the week is very negative (intervals.icu's high-risk zone, about a \
             week at twice your usual load); read only when fitness is at least {} a day (a beginner's week).",
            show_load(MIN_CHRONIC_DAILY)
        ),
        strength: strength(margin(week, FORM_VERY_NEGATIVE), data),
    });
    if week < FORM_VERY_NEGATIVE {
        let lead = "your tiredness has run far ahead of your fitness this week";
        let phrase = match rest {
            Some(days) if days < 1.5 => format!("{lead} (about a day of rest would balance them)"),
            Some(days) => format!("{lead} (about {days:.0} days of rest would balance them)"),
            None => lead.to_string(),
        };
        parts.flags.push(Marker {
            kind: Kind::Load,
            decisive: false,
            phrase,
            short: "tiredness far above fitness".into(),
            remedies: vec![Remedy::RestDay, Remedy::EasierWeek],
        });
    }
}

fn rhythm(loads: &[f64], data: f64, parts: &mut Parts) {
    if let Some(m) = monotony(loads) {
        parts.show("Monotony", "last 7 days", m.monotony, format!("{:.2}", m.monotony));
        parts.show("Strain", "last 7 days", m.strain, show_load(m.strain));
        parts.why.push(Why {
            metric: "Training monotony and strain".into(),
            formula: "Monotony = mean daily load ÷ standard deviation of daily load over 7 days, rest days as \
                      0 (population SD, capped at 10). Strain = weekly load × monotony."
                .into(),
            inputs: vec![
                ("Load, last 7 days".to_string(), show_load(m.weekly_load)),
                ("Mean daily load".to_string(), show_load(m.mean)),
                ("SD of daily load".to_string(), show_load(m.sd)),
                ("Monotony".to_string(), format!("{:.2}", m.monotony)),
                ("Strain".to_string(), show_load(m.strain)),
            ],
            threshold: format!(
                "Above {MONOTONY_HIGH:.1} is high, below {MONOTONY_FINE:.1} preferable (Foster 1998; Runalyze)."
            ),
            strength: strength(margin(m.monotony, MONOTONY_HIGH), data),
        });
        if m.monotony > MONOTONY_HIGH {
            parts.flags.push(Marker {
                kind: Kind::Rhythm,
                decisive: false,
                phrase: "your days have been much alike, with no easier or rest days to break them up".into(),
                short: "every day alike".into(),
                remedies: vec![Remedy::RestDay],
            });
        }
    }
    let Some(window) = last_days(loads, REST_WINDOW) else {
        return;
    };
    let rest = window.iter().filter(|load| **load <= 0.0).count();
    let shown = count(rest, "rest day");
    parts.show("Rest days", "last 14 days", rest as f64, rest.to_string());
    parts.why.push(Why {
        metric: "Rest days".into(),
        formula: "Days with no logged session (or only RPE 0) in the last 14 days.".into(),
        inputs: vec![("Rest days, last 14 days".to_string(), rest.to_string())],
        threshold: "Fewer than 2 in 14 days is too few (Restride's own heuristic: a full rest day a week)."
            .into(),
        // The boundary sits between 1 and 2 rest days.
        strength: strength(margin(rest as f64, MIN_REST_DAYS as f64 - 0.5), data),
    });
    if rest < MIN_REST_DAYS {
        parts.flags.push(Marker {
            kind: Kind::Rhythm,
            decisive: false,
            phrase: format!("{shown} in the last 2 weeks"),
            short: format!("{shown} in 2 weeks"),
            remedies: vec![Remedy::RestDay],
        });
    } else {
        parts.calm(format!("{shown} in the last 2 weeks"), format!("{shown} in 2 weeks"));
    }
}

/// Heart-rate load as extra evidence only: TRIMP is in other units than the
/// session-RPE load every decision above uses.
fn heart_rate_load(ctx: &Context<'_>, parts: &mut Parts) {
    let (mut acute, mut chronic, mut with_hr) = (0.0, 0.0, 0usize);
    for (ago, run) in ctx.aged_runs() {
        let Some(t) = trimp(run, ctx.settings) else { continue };
        match usize::try_from(ago) {
            Ok(d) if d < WEEK => acute += t,
            Ok(d) if d < MIN_DAYS => chronic += t,
            _ => continue,
        }
        with_hr += 1;
    }
    if with_hr > 0 {
        parts.show("Heart-rate load (Banister TRIMP)", "last 7 days", acute, show_load(acute));
        let weekly = chronic / 4.0;
        parts.show(
            "Heart-rate load (Banister TRIMP) a week",
            "the 4 weeks before",
            weekly,
            show_load(weekly),
        );
    }
}

/// The Hooper check-ins; whether fatigue or soreness averaged 5 or worse this week
/// (or ran high for over a week), for the performance marker.
fn check_ins(ctx: &Context<'_>, parts: &mut Parts) -> bool {
    let recent = ctx.wellness_between(ctx.today - Duration::days(HOOPER_DAYS - 1), ctx.today);
    let streak_days = ctx.wellness_between(ctx.today - Duration::days(HOOPER_STREAK_DAYS - 1), ctx.today);
    let mut inputs = vec![("Check-ins, last 7 days".to_string(), recent.len().to_string())];
    let mut worst: Option<f64> = None;
    let mut any_streak = false;
    let (mut stale, mut high, mut flag_remedies) = (Vec::new(), Vec::new(), Vec::new());
    let mut tired = false;
    for item in HOOPER_ITEMS {
        let name = item.label().to_lowercase();
        let mean = (recent.len() >= HOOPER_MIN_CHECK_INS).then(|| {
            recent.iter().map(|w| f64::from(w.hooper(item).value())).sum::<f64>() / recent.len() as f64
        });
        let streak = longest_high_streak(streak_days, item);
        if let Some(mean) = mean {
            parts.show(
                &format!("Average {name} (1–7, 7 worst)"),
                "last 7 days",
                mean,
                format!("{mean:.1} of 7"),
            );
            inputs.push((format!("Average {name}"), format!("{mean:.1}")));
            worst = Some(worst.map_or(mean, |w: f64| w.max(mean)));
        }
        if streak > 0 {
            parts.show(
                &format!("Days in a row with {name} rated 6 or 7"),
                "last 14 days",
                streak as f64,
                streak.to_string(),
            );
            inputs.push((format!("Days in a row with {name} 6 or 7"), streak.to_string()));
            any_streak = true;
        }
        let remedies: &[Remedy] = match item {
            HooperItem::SleepQuality => &[Remedy::Sleep],
            HooperItem::Soreness => &[Remedy::RestDay, Remedy::Hydration],
            HooperItem::Fatigue | HooperItem::Stress => &[Remedy::RestDay, Remedy::Sleep],
        };
        let high_mean = mean.is_some_and(|m| m >= f64::from(HOOPER_HIGH));
        tired |= item != HooperItem::SleepQuality && (high_mean || streak > HOOPER_STREAK);
        // Poor sleep alone can be life rather than training: it never decides by itself.
        if streak > HOOPER_STREAK && item != HooperItem::SleepQuality {
            stale.push(name);
            flag_remedies.extend_from_slice(remedies);
        } else if let Some(mean) = mean.filter(|m| *m >= f64::from(HOOPER_HIGH) || streak > HOOPER_STREAK) {
            high.push(format!("{name} {mean:.1}"));
            flag_remedies.extend_from_slice(remedies);
        }
    }
    let phrase = if !stale.is_empty() {
        Some((
            format!(
                "your check-ins have rated {} 6 or 7 for more than {HOOPER_STREAK} days in a row",
                and_list(&stale)
            ),
            format!("{} high for over a week", and_list(&stale)),
        ))
    } else if !high.is_empty() {
        Some((
            format!("your check-ins average {} (of 7, 7 worst)", and_list(&high)),
            format!("{} of 7", and_list(&high)),
        ))
    } else {
        None
    };
    if let Some((phrase, short)) = phrase {
        parts.flags.push(Marker {
            kind: Kind::SelfReport,
            decisive: !stale.is_empty(),
            phrase,
            short,
            remedies: flag_remedies,
        });
    }
    if worst.is_none() && !any_streak {
        return tired;
    }
    let data = recent.len() as f64 / HOOPER_DAYS as f64;
    parts.why.push(Why {
        metric: "Hooper check-in ratings".into(),
        formula: "Average of each daily rating (1 best, 7 worst) over the last 7 days, and the longest run of \
                  consecutive days rated above 5 in the last 14."
            .into(),
        inputs,
        threshold: "An average of 5 (high, bad) or worse over at least 3 check-ins is worth watching \
                    (Restride's reading of the scale); above 5 for more than 7 days in a row marked staleness in \
                    Hooper & Mackinnon 1995."
            .into(),
        strength: if parts.flags.iter().any(|m| m.decisive && m.kind == Kind::SelfReport) {
            Strength::Strong
        } else {
            strength(margin(worst.unwrap_or(1.0), f64::from(HOOPER_HIGH)), data)
        },
    });
    tired
}

/// Performance on like-for-like runs, the last 4 weeks against the 12 before: 5 %
/// slower or more is a decline, and with the same runs rated harder or check-ins
/// reporting fatigue or soreness (`tired`) a clear sign on its own (Meeusen et al.
/// 2013: performance decline defines overreaching).
fn performance(ctx: &Context<'_>, tired: bool, parts: &mut Parts) {
    let Some(like) = like_for_like(ctx.aged_runs(), 0..RECENT_DAYS, RECENT_DAYS..EARLIER_END_DAYS)
        .filter(|l| l.earlier_runs >= MIN_EARLIER_RUNS && l.recent_runs >= MIN_RECENT_RUNS)
    else {
        return;
    };
    let slower = like.slower_pct();
    let harder = like.rpe.map(|(then, now)| now - then);
    let window = "last 4 weeks vs the 12 before";
    let change = |x: f64, unit: &str| format!("{x:+.1}{unit}");
    parts.show("Pace on like-for-like runs", window, slower, format!("{} slower", change(slower, " %")));
    let mut inputs = vec![
        (
            "Like-for-like runs then / now".to_string(),
            format!("{} / {}", like.earlier_runs, like.recent_runs),
        ),
        ("Pace change".to_string(), change(slower, " % (positive is slower)")),
    ];
    if let (Some(h), Some((then, now))) = (harder, like.rpe) {
        parts.show("Effort on the same runs", window, h, format!("RPE {then:.1} → {now:.1}"));
        inputs.push(("Effort on the same runs".to_string(), format!("RPE {then:.1} → {now:.1} ({h:+.1})")));
    }
    inputs.push((
        "Check-ins: fatigue or soreness 5 or worse".to_string(),
        if tired { "yes" } else { "no" }.to_string(),
    ));
    let harder_too = harder.is_some_and(|h| h >= HARDER_RPE);
    let decline = slower >= DECLINE_PCT;
    #[allow(clippy::cast_precision_loss)] // runs
    let data = (like.recent_runs.min(like.earlier_runs) as f64) / (MIN_RECENT_RUNS as f64 * 2.0);
    parts.why.push(Why {
        metric: "Performance on like-for-like runs".into(),
        formula: "Each run of the last 4 weeks against the runs of the same session (type, terrain, and \
                  moving time or distance within 20 %) in the 12 weeks before: mean pace now ÷ then − 1; \
                  the runner's own ratings on the same runs, now − then."
            .into(),
        inputs,
        threshold: format!(
            "{DECLINE_PCT:.0} % slower or more is a decline; with the same runs rated {HARDER_RPE} or more harder, \
             or check-ins averaging 5 or worse for fatigue or soreness, a clear sign of overreaching on its own \
             (Meeusen et al. 2013: a performance decline defines it). Rest is the remedy, not more intensity."
        ),
        strength: strength(margin(slower, DECLINE_PCT), data),
    });
    if decline && (harder_too || tired) {
        let why = match (harder_too, harder) {
            (true, Some(h)) => format!("rated {h:.1} harder (of 10)"),
            _ => "with your check-ins reporting fatigue or soreness".to_string(),
        };
        parts.flags.push(Marker {
            kind: Kind::Performance,
            decisive: true,
            phrase: format!(
                "your runs are {slower:.0} % slower than the same runs before and {why}: a performance decline, \
                 which calls for rest, not more intensity"
            ),
            short: format!("{slower:.0} % slower, feels harder"),
            remedies: vec![Remedy::RestDay, Remedy::EasierWeek, Remedy::Sleep],
        });
    } else if decline {
        parts.calm(
            format!(
                "your runs are {slower:.0} % slower than the same runs before, though not rated harder (heat, or \
                 easier running by choice, can do that)"
            ),
            format!("{slower:.0} % slower, not harder"),
        );
    } else {
        parts.calm(
            format!("your runs kept their pace against the same runs before ({})", change(slower, " %")),
            "pace held on the same runs".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{Rpe, Run, RunType};
    use crate::settings::Settings;
    use crate::testing::sample_run;
    use chrono::NaiveDate;

    const TODAY: &str = "2026-11-25";

    fn today() -> NaiveDate {
        NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
    }

    /// `weeks` weeks back from today of three runs a week (45 easy, 35 tempo, 80
    /// long at 6:00, 5:00 and 6:15 /km, RPE 3, 6 and 4), `scale`d in minutes for the
    /// last 7 days; `last_4` changes each run of the last four weeks.
    fn history(weeks: i64, scale: f64, last_4: impl Fn(&mut Run)) -> Vec<Run> {
        let mut runs = Vec::new();
        for w in 0..weeks {
            for (day, kind, minutes, pace, rpe) in [
                (1, RunType::Easy, 45.0, 360.0, 3),
                (3, RunType::Tempo, 35.0, 300.0, 6),
                (5, RunType::Long, 80.0, 375.0, 4),
            ] {
                let ago = w * 7 + day;
                let minutes = if ago < 7 { minutes * scale } else { minutes };
                let d = today() - Duration::days(ago);
                let mut run =
                    sample_run(1, &format!("{d}T07:00:00+00:00"), kind, minutes, minutes * 60.0 / pace);
                run.rpe = Rpe::new(rpe);
                if ago < 28 {
                    last_4(&mut run);
                }
                runs.push(run);
            }
        }
        runs
    }

    fn finding(runs: &[Run]) -> Finding {
        let settings = Settings::default();
        detect(&Context::new(runs, &[], &[], &settings, today()))
    }

    #[test]
    fn a_clear_decline_with_rising_effort_is_a_sign_on_its_own() {
        // Every run of the last four weeks 7 % slower and rated a point harder.
        let f = finding(&history(16, 1.0, |r| {
            r.distance_m = r.distance_m.map(|m| m / 1.07);
            r.rpe = r.rpe.and_then(|x| Rpe::new(x.value() + 1));
        }));
        assert_eq!(f.status, Status::Rut, "{}", f.sentence);
        assert!(f.sentence.contains("performance decline") && f.remedies.contains(&Remedy::RestDay));
        assert!(
            f.why
                .iter()
                .any(|w| w.metric == "Performance on like-for-like runs" && w.threshold.contains("Meeusen"))
        );
        // Slower alone (heat, easier running by choice) is no sign; 4 % slower is no decline.
        let f = finding(&history(16, 1.0, |r| r.distance_m = r.distance_m.map(|m| m / 1.07)));
        assert_eq!(f.status, Status::Clear, "{}", f.sentence);
        assert!(f.sentence.contains("though not rated harder"), "{}", f.sentence);
        let f = finding(&history(16, 1.0, |r| {
            r.distance_m = r.distance_m.map(|m| m / 1.04);
            r.rpe = r.rpe.and_then(|x| Rpe::new(x.value() + 1));
        }));
        assert!(!f.sentence.contains("performance decline"), "{}", f.sentence);
    }

    #[test]
    fn a_spike_from_almost_nothing_is_not_read() {
        // Five weeks of one 10-minute jog a week (RPE 2: 20 a week), then three
        // 25-minute runs: a "6×" ratio over a base under a beginner's week.
        let mut runs: Vec<Run> = (1..6)
            .map(|w| {
                sample_run(
                    1,
                    &format!("{}T07:00:00+00:00", today() - Duration::weeks(w) - Duration::days(2)),
                    RunType::Easy,
                    10.0,
                    1.5,
                )
            })
            .map(|r| Run { rpe: Rpe::new(2), ..r })
            .collect();
        for ago in [5, 3, 1] {
            runs.push(sample_run(
                2,
                &format!("{}T07:00:00+00:00", today() - Duration::days(ago)),
                RunType::Easy,
                25.0,
                4.0,
            ));
        }
        let f = finding(&runs);
        assert_eq!(f.status, Status::Clear, "{}", f.sentence);
        assert!(f.sentence.contains("too little for a jump in training"), "{}", f.sentence);
        // The same jump from a real base is read: twice the usual week.
        let f = finding(&history(12, 2.0, |_| {}));
        assert!(f.sentence.contains("a sudden jump"), "{}", f.sentence);
    }

    #[test]
    fn form_is_read_once_fitness_has_filled_in() {
        // Doubled for a week after 30 steady weeks: form falls below −30 %.
        let f = finding(&history(30, 2.0, |_| {}));
        let form = f.evidence.iter().find(|e| e.window == "average of the last 7 days").unwrap();
        assert!(form.value < FORM_VERY_NEGATIVE, "{form:?}");
        assert!(f.sentence.contains("tiredness has run far ahead of your fitness"), "{}", f.sentence);
        // After 12 steady weeks the model is still filling in: not read.
        let f = finding(&history(12, 1.0, |_| {}));
        assert!(f.evidence.iter().all(|e| e.label != "Form"), "{:?}", f.evidence);
    }
}
