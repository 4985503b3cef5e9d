//! Same run every time ("20 minutes twice a week at the same pace for six months").
//!
//! Restride's own heuristic (no validated variety index exists; see the domain
//! notes): over the last 12 weeks, the share of runs inside the largest cluster of
//! near-identical runs (what the article names: the same type and route, duration
//! within about ±10 %, pace within about ±5 %; the time of day need not match, see
//! [`super::variety`]) and the Shannon entropy of session types. A rut: at least 70 % of the runs in one cluster and type entropy
//! below 1 bit (fewer than two types' worth of variety). Watch: at least 50 % in one
//! cluster. Needs 8 weeks of history and 10 runs in the window.

use chrono::Duration;

use super::judge::Check;
use super::metrics::{count, show_percent};
use super::variety::Variety;
use super::{Context, Evidence, Finding, Remedy, Sign, Status, Strength, Why};
use crate::run::RunType;
use crate::units::format_pace;

const WINDOW_DAYS: i64 = 12 * 7;
const WINDOW: &str = "last 12 weeks";
/// Below 8 weeks, a few identical runs are a new routine, not a rut.
const MIN_HISTORY_DAYS: i64 = 8 * 7;
const MIN_RUNS: usize = 10;
/// Twice the minimum: two runs a week over the window makes a firm call.
const FIRM_RUNS: f64 = 20.0;
const RUT_SHARE: f64 = 0.70;
const WATCH_SHARE: f64 = 0.50;
/// 1 bit: as varied as two session types used equally often.
const LOW_ENTROPY_BITS: f64 = 1.0;
const SOURCE: &str =
    "Restride's own heuristic (clustering and Shannon entropy; no validated variety index exists)";

/// What the last 12 weeks of runs hold.
struct Measures {
    variety: Variety,
    /// Days from the first run to today (0 without runs).
    history_days: i64,
    /// The dominant cluster in words, e.g. "about 20 min easy at 5:33 /km in the evening".
    described: Option<String>,
}

struct Judged {
    status: Status,
    /// How firm the call on the share is, and on the type variety.
    strength: Strength,
    entropy_strength: Strength,
}

/// The same run every time: the share of runs in the largest cluster of
/// near-identical runs and the Shannon entropy of session types over 12 weeks
/// (Restride's own heuristic; see the module notes).
pub fn detect(ctx: &Context<'_>) -> Finding {
    let m = measure(ctx);
    let judged = judge(&m);
    word(&m, &judged)
}

fn measure(ctx: &Context<'_>) -> Measures {
    let runs = ctx.runs_between(ctx.today - Duration::days(WINDOW_DAYS - 1), ctx.today);
    let variety = Variety::measure(runs);
    let unit = ctx.settings.unit;
    let described = variety.dominant.as_ref().map(|c| {
        let mut text = format!("about {:.0} min {}", c.mean_moving_s / 60.0, c.kind.label().to_lowercase());
        if let Some(pace) = c.mean_pace_s_per_km {
            text.push_str(&format!(" at {}", format_pace(pace, unit)));
        }
        text.push_str(&format!(", mostly in the {}", c.time_of_day.label().to_lowercase()));
        if let Some(route) = &c.route {
            text.push_str(&format!(" on “{route}”"));
        }
        text
    });
    let history_days = if ctx.runs.is_empty() { 0 } else { (ctx.today - ctx.first_day).num_days() + 1 };
    Measures { variety, history_days, described }
}

/// A rut: most runs in one cluster and little type variety; watch: half in one
/// cluster.
fn judge(m: &Measures) -> Judged {
    let v = &m.variety;
    let share = v.dominant_share();
    #[allow(clippy::cast_precision_loss)] // counts of runs are far below 2^52
    let n = v.runs as f64;
    let rut =
        Check::all([Check::at_least(share, RUT_SHARE), Check::below(v.type_entropy_bits, LOW_ENTROPY_BITS)]);
    let watch = Check::at_least(share, WATCH_SHARE);
    let status = if m.history_days < MIN_HISTORY_DAYS {
        let weeks = usize::try_from((MIN_HISTORY_DAYS - m.history_days + 6) / 7).unwrap_or(1);
        Status::Insufficient { needs: format!("runs over at least 8 weeks ({} to go)", count(weeks, "week")) }
    } else if v.runs < MIN_RUNS {
        Status::Insufficient {
            needs: format!("at least {MIN_RUNS} runs in the last 12 weeks (you have {})", v.runs),
        }
    } else if rut.fired {
        Status::Rut
    } else if watch.fired {
        Status::Watch
    } else {
        Status::Clear
    };
    // A watch sits between two lines: the nearer one decides how firm it is.
    let decided_by = match status {
        Status::Rut => rut,
        Status::Watch => Check { fired: true, margin: watch.margin.min(rut.margin) },
        _ => watch,
    };
    Judged {
        status,
        strength: decided_by.signal(n / FIRM_RUNS).strength,
        entropy_strength: Check::below(v.type_entropy_bits, LOW_ENTROPY_BITS).signal(n / FIRM_RUNS).strength,
    }
}

fn word(m: &Measures, j: &Judged) -> Finding {
    Finding {
        sign: Sign::Staleness,
        status: j.status.clone(),
        evidence: evidence(&m.variety),
        sentence: sentence(m, j),
        headline: headline(m, j),
        source: SOURCE,
        why: why(m, j),
        remedies: remedies(&m.variety),
    }
}

fn sentence(m: &Measures, j: &Judged) -> String {
    let v = &m.variety;
    let share = v.dominant_share();
    let same = m.described.as_deref().unwrap_or("one kind of run");
    match j.status {
        Status::Rut => format!(
            "{} of your {} runs in the last 12 weeks were the same run: {same}.",
            show_percent(share),
            v.runs
        ),
        Status::Watch => format!(
            "Your runs are getting alike: {} of your {} runs in the last 12 weeks were {same}.",
            show_percent(share),
            v.runs
        ),
        Status::Clear => format!(
            "Your runs vary: your most common run makes up {} of your {} runs in the last 12 weeks, across \
             {} and {} of day.",
            show_percent(share),
            v.runs,
            count(v.distinct_types(), "session type"),
            count(v.distinct_times_of_day, "time"),
        ),
        Status::Insufficient { .. } => format!(
            "Not enough history yet to tell whether you run the same run every time ({} in the last 12 weeks).",
            count(v.runs, "run")
        ),
    }
}

fn headline(m: &Measures, j: &Judged) -> String {
    let share = show_percent(m.variety.dominant_share());
    match &j.status {
        Status::Rut | Status::Watch => format!("{share} the same run"),
        Status::Clear => format!("most common run: {share}"),
        Status::Insufficient { .. } if m.history_days < MIN_HISTORY_DAYS => {
            let weeks = usize::try_from((MIN_HISTORY_DAYS - m.history_days + 6) / 7).unwrap_or(1);
            format!("needs {}", count(weeks, "more week"))
        }
        Status::Insufficient { .. } => format!("needs {MIN_RUNS} runs in 12 weeks"),
    }
}

fn evidence(v: &Variety) -> Vec<Evidence> {
    let share = v.dominant_share();
    let cluster_runs = v.dominant.as_ref().map_or(0, |c| c.runs);
    let mut evidence = vec![
        Evidence {
            label: "Runs that were the same run".into(),
            window: WINDOW.into(),
            value: share,
            shown: format!("{} ({cluster_runs} of {})", show_percent(share), v.runs),
        },
        Evidence {
            label: "Variety of session types".into(),
            window: WINDOW.into(),
            value: v.type_entropy_bits,
            shown: format!("as varied as {:.1} types used equally", v.effective_types()),
        },
    ];
    for (label, count) in [
        ("Different routes", v.distinct_routes),
        ("Different weekdays", v.distinct_weekdays),
        ("Different times of day", v.distinct_times_of_day),
    ] {
        #[allow(clippy::cast_precision_loss)] // at most a few hundred
        let value = count as f64;
        evidence.push(Evidence {
            label: label.into(),
            window: WINDOW.into(),
            value,
            shown: count.to_string(),
        });
    }
    evidence
}

fn why(m: &Measures, j: &Judged) -> Vec<Why> {
    let v = &m.variety;
    let share = v.dominant_share();
    let cluster_runs = v.dominant.as_ref().map_or(0, |c| c.runs);
    #[allow(clippy::cast_precision_loss)] // counts of runs are far below 2^52
    let (n, in_cluster) = (v.runs as f64, cluster_runs as f64);
    let type_inputs: Vec<(String, String)> = RunType::ALL
        .iter()
        .zip(v.type_counts)
        .filter(|(_, c)| *c > 0)
        .map(|(t, c)| (format!("{} runs", t.label()), c.to_string()))
        .collect();
    vec![
        Why {
            metric: "Share of runs in the most common cluster".into(),
            formula: "runs in the largest cluster ÷ runs in the window; a cluster is runs of the same type \
                      and route within about ±10 % of one duration and ±5 % of one pace, whatever the time \
                      of day"
                .into(),
            inputs: vec![
                ("Runs in the last 12 weeks".into(), v.runs.to_string()),
                ("Runs in the cluster".into(), cluster_runs.to_string()),
                ("The cluster".into(), m.described.clone().unwrap_or_else(|| "none".into())),
                ("Share".into(), format!("{} ({in_cluster:.0} ÷ {n:.0})", show_percent(share))),
            ],
            threshold: format!(
                "rut at {} or more with type variety below {LOW_ENTROPY_BITS:.0} bit; watch at {} or more; \
                 needs 8 weeks of history and {MIN_RUNS} runs",
                show_percent(RUT_SHARE),
                show_percent(WATCH_SHARE)
            ),
            strength: j.strength,
        },
        Why {
            metric: "Session-type variety (Shannon entropy)".into(),
            formula: "H = −Σ p·log2 p over the share p of each session type, in bits; 2^H is the number of \
                      types used equally often that would be as varied; normalised = H ÷ log2 8"
                .into(),
            inputs: type_inputs
                .into_iter()
                .chain([
                    ("Entropy".into(), format!("{:.2} bits", v.type_entropy_bits)),
                    ("Normalised".into(), format!("{:.2}", v.type_entropy_normalised())),
                ])
                .collect(),
            threshold: format!("below {LOW_ENTROPY_BITS:.0} bit (fewer than 2 types' worth) counts as low"),
            strength: j.entropy_strength,
        },
        Why {
            metric: "Routes, weekdays and times of day".into(),
            formula: "the number of different routes logged, weekdays run on and times of day \
                      (morning, midday, evening, night)"
                .into(),
            inputs: vec![
                ("Routes".into(), v.distinct_routes.to_string()),
                ("Weekdays".into(), v.distinct_weekdays.to_string()),
                ("Times of day".into(), v.distinct_times_of_day.to_string()),
            ],
            threshold: "no threshold: shown so you can see where the sameness is".into(),
            strength: j.strength,
        },
    ]
}

/// The most telling change first: a new route or time of day when those never vary.
fn remedies(v: &Variety) -> Vec<Remedy> {
    let mut remedies = Vec::new();
    if v.distinct_routes <= 1 {
        remedies.push(Remedy::NewRoute);
    }
    if v.distinct_times_of_day <= 1 {
        remedies.push(Remedy::DifferentTimeOfDay);
    }
    remedies.extend([Remedy::HillsSession, Remedy::TempoSession, Remedy::Intervals, Remedy::Strength]);
    for r in [Remedy::NewRoute, Remedy::DifferentTimeOfDay, Remedy::RunningPartner] {
        if !remedies.contains(&r) {
            remedies.push(r);
        }
    }
    remedies
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{Run, RunType};
    use crate::settings::Settings;
    use crate::testing::sample_run;
    use chrono::NaiveDate;

    const TODAY: &str = "2026-11-25";

    /// `n` runs, every `every` days back from today, the same 30 minutes easy at
    /// 6:00 /km on one route at 18:00 — except every `other`-th run, a tempo on the
    /// track at 07:00.
    fn history(n: u8, every: i64, other: u8) -> Vec<Run> {
        let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
        (1..=n)
            .map(|i| {
                let date = today - Duration::days(i64::from(i) * every);
                let varied = other > 0 && i % other == 0;
                let (hour, kind, route) =
                    if varied { (7, RunType::Tempo, "track") } else { (18, RunType::Easy, "block loop") };
                let run = sample_run(i, &format!("{date}T{hour:02}:00:00+00:00"), kind, 30.0, 5.0);
                Run { route: route.into(), ..run }
            })
            .collect()
    }

    fn status(runs: &[Run]) -> Finding {
        let settings = Settings::default();
        let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
        detect(&Context::new(runs, &[], &[], &settings, today))
    }

    #[test]
    fn the_same_run_every_time_is_a_rut_with_its_share_as_evidence() {
        let f = status(&history(24, 3, 0));
        assert_eq!(f.status, Status::Rut);
        assert!(f.evidence.iter().any(|e| (e.value - 1.0).abs() < 1e-9 || (e.value - 100.0).abs() < 1e-9));
        assert!(f.remedies.contains(&Remedy::NewRoute));
    }

    #[test]
    fn a_dominant_run_with_real_variety_is_only_worth_watching() {
        // Every third run is a different session: two thirds in one cluster.
        assert_eq!(status(&history(24, 3, 3)).status, Status::Watch);
        // Every other run different: half in one cluster, and two types.
        assert_eq!(status(&history(24, 3, 2)).status, Status::Watch);
    }

    #[test]
    fn the_same_run_at_different_times_of_day_is_still_the_same_run() {
        // The article's case, one run before work and one after it.
        let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
        let runs: Vec<Run> = (1..=24u8)
            .map(|i| {
                let date = today - Duration::days(i64::from(i) * 3);
                let hour = if i % 2 == 0 { 7 } else { 19 };
                Run {
                    route: "block loop".into(),
                    ..sample_run(i, &format!("{date}T{hour:02}:00:00+00:00"), RunType::Easy, 20.0, 3.6)
                }
            })
            .collect();
        let f = status(&runs);
        assert_eq!(f.status, Status::Rut, "{}", f.sentence);
        assert!(f.sentence.contains("100 %"), "{}", f.sentence);
    }

    #[test]
    fn a_new_routine_is_not_yet_a_rut() {
        // Six weeks of identical runs: too short to call.
        let f = status(&history(14, 3, 0));
        assert!(matches!(f.status, Status::Insufficient { .. }), "{:?}", f.status);
        assert!(matches!(status(&[]).status, Status::Insufficient { .. }));
    }
}
