//! Life stress: a busy week, little sleep, other stress.
//!
//! From the daily check-in. Hooper & Mackinnon (1995): Hooper ratings above 5 (6
//! or 7 of 7) for more than 7 consecutive days marked staleness before performance
//! fell; here the life-side items, stress and sleep quality, over the last 4 weeks,
//! and that alone is a rut sign. Short sleep: under 6 hours a night on average
//! (adults need 7 or more: Watson et al. 2015, AASM/SRS consensus). The rest is
//! Restride's own heuristic against the runner's own baseline (the 7 weeks before
//! the last one): stress 1 point or more above it and at least "average" (4), or
//! high (5+) without a baseline; sleep 1 hour shorter and under 7 hours, or sleep
//! quality 1 point worse and at least "average"; life tags (busy week, work stress,
//! illness, poor sleep) on 3 or more of the last 14 days, or any illness. Travel
//! alone is not counted: a trip can be a holiday, and when it does weigh (jet lag,
//! short nights) the sleep and stress ratings show it.
//! A rut: the Hooper streak, or two or more signs. Watch: one sign.

use chrono::Duration;

use super::judge::{Check, Signal, share_of};
use super::metrics::longest_high_streak;
use super::words::{and_list, count};
use super::{Context, Evidence, Finding, Remedy, Sign, Status, Strength, Why};
use crate::wellness::{HooperItem, LifeTag, Wellness};

const RECENT_DAYS: usize = 7;
const BASELINE_DAYS: usize = 49;
const TAG_DAYS: usize = 14;
const STREAK_DAYS: usize = 28;
const MIN_RECENT: usize = 3;
const MIN_BASELINE: usize = 10;
/// Hooper & Mackinnon (1995): ratings above 5 (`metrics::HOOPER_HIGH`) for more than 7
/// consecutive days.
const HOOPER_STREAK: usize = 8;
const RISE: f64 = 1.0;
const AVERAGE: f64 = 4.0;
const HIGH: f64 = 5.0;
const SHORT_SLEEP_H: f64 = 6.0;
const ENOUGH_SLEEP_H: f64 = 7.0;
const SLEEP_DROP_H: f64 = 1.0;
const TAGGED_DAYS: usize = 3;
const SOURCE: &str = "Hooper & Mackinnon 1995 (ratings above 5 for more than 7 days); Watson et al. 2015 \
                      (7 hours' sleep); comparisons with your own baseline are Restride's own heuristic";

/// Check-ins in both windows for a firm call: a full week and four weeks before it.
const FIRM_CHECK_INS: usize = 35;

/// Averages over a window of check-ins.
#[derive(Debug, Clone, Copy)]
struct Means {
    days: usize,
    stress: f64,
    sleep_quality: f64,
    /// `None` when no check-in gave hours.
    sleep_hours: Option<f64>,
}

impl Means {
    #[allow(clippy::cast_precision_loss)] // counts of days are far below 2^52
    fn of(days: &[&Wellness], at_least: usize) -> Option<Self> {
        if days.len() < at_least {
            return None;
        }
        let n = days.len() as f64;
        let mean = |f: &dyn Fn(&Wellness) -> u8| days.iter().map(|d| f64::from(f(d))).sum::<f64>() / n;
        let hours: Vec<f64> = days.iter().filter_map(|d| d.sleep_hours).filter(|h| h.is_finite()).collect();
        Some(Self {
            days: days.len(),
            stress: mean(&|d| d.stress.value()),
            sleep_quality: mean(&|d| d.sleep_quality.value()),
            sleep_hours: (!hours.is_empty()).then(|| hours.iter().sum::<f64>() / hours.len() as f64),
        })
    }
}

/// Whether a life tag counts towards life stress: every one but travel (see the
/// module notes).
fn counts_as_stress(tag: LifeTag) -> bool {
    tag != LifeTag::Travel
}

/// What the check-ins hold, before any judgement.
struct Measures {
    recent: Means,
    /// The 7 weeks before the last one, when they hold enough check-ins.
    baseline: Option<Means>,
    /// Check-ins in the last 14 days, and those with a tag.
    tag_days: usize,
    tagged: usize,
    illness: bool,
    /// Days per tag in the last 14, most frequent first.
    tag_counts: Vec<(LifeTag, usize)>,
    /// Check-ins in the last 4 weeks, and the longest run of high stress and of
    /// poor sleep quality in them.
    streak_days: usize,
    streaks: [(HooperItem, usize); 2],
}

impl Measures {
    fn streak(&self) -> usize {
        self.streaks.iter().map(|(_, n)| *n).max().unwrap_or(0)
    }
}

/// The signs, judged.
struct Judged {
    stress: Signal,
    sleep: Signal,
    tags: Signal,
    streak: Check,
    streak_strength: Strength,
    status: Status,
}

/// Life stress from the daily check-in: Hooper & Mackinnon's (1995) streak of high
/// stress or poor sleep, short sleep (Watson et al. 2015), and stress, sleep and
/// life tags against the runner's own baseline (Restride's own heuristic). See the
/// module notes.
pub fn detect(ctx: &Context<'_>) -> Finding {
    let recent_days = ctx.wellness_between(day(ctx, RECENT_DAYS - 1), ctx.today);
    match measure(ctx, recent_days) {
        Some(m) => {
            let judged = judge(&m);
            word(&m, &judged)
        }
        None => insufficient(ctx, recent_days.len()),
    }
}

/// `back` days before today.
fn day(ctx: &Context<'_>, back: usize) -> chrono::NaiveDate {
    ctx.today - Duration::days(i64::try_from(back).unwrap_or(0))
}

/// `None` with too few recent check-ins to say anything.
fn measure(ctx: &Context<'_>, recent_days: &[&Wellness]) -> Option<Measures> {
    let recent = Means::of(recent_days, MIN_RECENT)?;
    let baseline_days =
        ctx.wellness_between(day(ctx, RECENT_DAYS + BASELINE_DAYS - 1), day(ctx, RECENT_DAYS));
    let tag_days = ctx.wellness_between(day(ctx, TAG_DAYS - 1), ctx.today);
    let mut tag_counts: Vec<(LifeTag, usize)> = LifeTag::ALL
        .iter()
        .map(|t| (*t, tag_days.iter().filter(|d| d.tags.contains(t)).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    tag_counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let streak_days = ctx.wellness_between(day(ctx, STREAK_DAYS - 1), ctx.today);
    Some(Measures {
        recent,
        baseline: Means::of(baseline_days, MIN_BASELINE),
        tag_days: tag_days.len(),
        tagged: tag_days.iter().filter(|d| d.tags.iter().any(|t| counts_as_stress(*t))).count(),
        illness: tag_days.iter().any(|d| d.tags.contains(&LifeTag::Illness)),
        tag_counts,
        streak_days: streak_days.len(),
        streaks: [HooperItem::Stress, HooperItem::SleepQuality]
            .map(|i| (i, longest_high_streak(streak_days, i))),
    })
}

/// Stress above the runner's baseline (or high outright without one), sleep short
/// or worse than usual, tags on many days: each sign's strength comes from the
/// line that decides it and how many check-ins both windows hold. A rut: the
/// Hooper streak, or two signs.
fn judge(m: &Measures) -> Judged {
    let recent = m.recent;
    let data = share_of(recent.days + m.baseline.map_or(0, |b| b.days), FIRM_CHECK_INS);
    let stress = match m.baseline {
        Some(b) => Check::all([
            Check::at_least(recent.stress - b.stress, RISE),
            Check::at_least(recent.stress, AVERAGE),
        ]),
        None => Check::at_least(recent.stress, HIGH),
    }
    .signal(data);
    let short_sleep = recent.sleep_hours.map(|h| Check::below(h, SHORT_SLEEP_H));
    let less_sleep = recent.sleep_hours.zip(m.baseline.and_then(|b| b.sleep_hours)).map(|(h, usual)| {
        Check::all([Check::at_least(usual - h, SLEEP_DROP_H), Check::below(h, ENOUGH_SLEEP_H)])
    });
    let worse_sleep = m.baseline.map(|b| {
        Check::all([
            Check::at_least(recent.sleep_quality - b.sleep_quality, RISE),
            Check::at_least(recent.sleep_quality, AVERAGE),
        ])
    });
    let sleep = Check::any([short_sleep, less_sleep, worse_sleep].into_iter().flatten()).signal(data);
    #[allow(clippy::cast_precision_loss)] // at most 14 days
    let tags = Check::any([
        Check::at_least(m.tagged as f64, TAGGED_DAYS as f64),
        Check { fired: m.illness, margin: if m.illness { 1.0 } else { 0.0 } },
    ])
    .signal(share_of(m.tag_days, TAG_DAYS));
    #[allow(clippy::cast_precision_loss)] // at most 28 days
    let streak = Check::at_least(m.streak() as f64, HOOPER_STREAK as f64);
    let streak_strength = streak.signal(share_of(m.streak_days, STREAK_DAYS)).strength;
    let fired = [stress, sleep, tags].iter().filter(|s| s.fired).count();
    let status = if streak.fired || fired >= 2 {
        Status::Rut
    } else if fired == 1 {
        Status::Watch
    } else {
        Status::Clear
    };
    Judged { stress, sleep, tags, streak, streak_strength, status }
}

fn word(m: &Measures, j: &Judged) -> Finding {
    Finding {
        sign: Sign::LifeStress,
        status: j.status.clone(),
        evidence: evidence(m),
        sentence: sentence(m, j),
        headline: headline(m, j),
        source: SOURCE,
        why: why(m, j),
        remedies: remedies(j),
    }
}

fn sentence(m: &Measures, j: &Judged) -> String {
    let (recent, baseline, streak) = (m.recent, m.baseline, m.streak());
    let mut parts = Vec::new();
    if j.streak.fired {
        parts.push(format!("you rated stress or sleep 6 or worse on {streak} days in a row"));
    }
    if j.stress.fired {
        parts.push(match baseline {
            Some(b) => {
                format!("your stress averaged {:.1} of 7 this week (usually {:.1})", recent.stress, b.stress)
            }
            None => format!("your stress averaged {:.1} of 7 this week", recent.stress),
        });
    }
    if j.sleep.fired {
        let usual =
            baseline.and_then(|b| b.sleep_hours).map_or_else(String::new, |b| format!(" (usually {b:.1})"));
        parts.push(match recent.sleep_hours {
            Some(h) => format!("you slept {h:.1} hours a night{usual}"),
            None => format!("your sleep quality averaged {:.1} of 7 (1 best)", recent.sleep_quality),
        });
    }
    if j.tags.fired {
        let names: Vec<String> = m
            .tag_counts
            .iter()
            .filter(|(t, _)| counts_as_stress(*t))
            .map(|(t, _)| format!("“{}”", t.label().to_lowercase()))
            .collect();
        parts.push(format!("you noted {} on {} of the last 14 days", and_list(&names), m.tagged));
    }
    match j.status {
        Status::Clear => {
            let usual = baseline.map_or_else(String::new, |b| format!(" (usually {:.1})", b.stress));
            let sleep = recent
                .sleep_hours
                .map_or_else(String::new, |h| format!(", and you slept {h:.1} hours a night"));
            format!(
                "Life looks steady: your stress averaged {:.1} of 7 this week{usual}{sleep}.",
                recent.stress
            )
        }
        _ => {
            let mut s = and_list(&parts);
            if let Some(first) = s.get(..1) {
                s = first.to_uppercase() + s.get(1..).unwrap_or("");
            }
            format!("{s}. Life may be weighing on your running.")
        }
    }
}

/// The sign that tells most, for the radar's row.
fn headline(m: &Measures, j: &Judged) -> String {
    let (recent, baseline) = (m.recent, m.baseline);
    let stress = || match baseline {
        Some(b) => format!("stress {:.1} of 7 (usually {:.1})", recent.stress, b.stress),
        None => format!("stress {:.1} of 7", recent.stress),
    };
    if j.streak.fired {
        format!("stress or sleep 6–7 for {}", count(m.streak(), "day"))
    } else if j.stress.fired {
        stress()
    } else if j.sleep.fired {
        recent.sleep_hours.map_or_else(
            || format!("sleep quality {:.1} of 7", recent.sleep_quality),
            |h| format!("{h:.1} h sleep a night"),
        )
    } else if j.tags.fired {
        format!("life notes on {} of 14 days", m.tagged)
    } else {
        stress()
    }
}

fn evidence(m: &Measures) -> Vec<Evidence> {
    let (recent, baseline, streak) = (m.recent, m.baseline, m.streak());
    let mut evidence = vec![Evidence {
        label: "Average stress (1 best, 7 worst)".into(),
        window: "last 7 days".into(),
        value: recent.stress,
        shown: format!("{:.1}", recent.stress),
    }];
    if let Some(b) = baseline {
        evidence.push(Evidence {
            label: "Average stress (1 best, 7 worst)".into(),
            window: "the 7 weeks before".into(),
            value: b.stress,
            shown: format!("{:.1}", b.stress),
        });
    }
    for (hours, window) in
        [(recent.sleep_hours, "last 7 days"), (baseline.and_then(|b| b.sleep_hours), "the 7 weeks before")]
    {
        if let Some(h) = hours {
            evidence.push(Evidence {
                label: "Average sleep".into(),
                window: window.into(),
                value: h,
                shown: format!("{h:.1} h"),
            });
        }
    }
    #[allow(clippy::cast_precision_loss)] // at most 28 days
    evidence.push(Evidence {
        label: "Longest run of days rating stress or sleep 6–7".into(),
        window: "last 4 weeks".into(),
        value: streak as f64,
        shown: count(streak, "day"),
    });
    #[allow(clippy::cast_precision_loss)] // at most 14 days
    evidence.push(Evidence {
        label: "Days with a life tag".into(),
        window: "last 14 days".into(),
        value: m.tagged as f64,
        shown: format!("{} of 14", m.tagged),
    });
    evidence
}

fn why(m: &Measures, j: &Judged) -> Vec<Why> {
    let (recent, baseline) = (m.recent, m.baseline);
    let base_text =
        |f: &dyn Fn(&Means) -> String| baseline.map_or_else(|| "no baseline yet".into(), |b| f(&b));
    vec![
        Why {
            metric: "Hooper ratings above 5 for more than 7 days".into(),
            formula: "the longest run of consecutive days with the stress or sleep-quality rating at 6 or 7 \
                      (of 7, 1 best)"
                .into(),
            inputs: m
                .streaks
                .iter()
                .map(|(item, n)| (format!("{} (last 4 weeks)", item.label()), count(*n, "day")))
                .collect(),
            threshold: format!(
                "more than 7 consecutive days ({HOOPER_STREAK} or more): a rut sign on its own"
            ),
            strength: j.streak_strength,
        },
        Why {
            metric: "Stress against your usual".into(),
            formula: "average stress rating over the last 7 days minus its average over the 7 weeks before"
                .into(),
            inputs: vec![
                ("Last 7 days".into(), format!("{:.2} over {} check-ins", recent.stress, recent.days)),
                ("Your usual".into(), base_text(&|b| format!("{:.2} over {} check-ins", b.stress, b.days))),
            ],
            threshold: format!(
                "a sign at {RISE:.0} point or more above your usual and at least {AVERAGE:.0} (average); \
                 without {MIN_BASELINE} earlier check-ins, at {HIGH:.0} (high) or more"
            ),
            strength: j.stress.strength,
        },
        Why {
            metric: "Sleep".into(),
            formula:
                "average hours and sleep-quality rating over the last 7 days, against the 7 weeks before"
                    .into(),
            inputs: vec![
                (
                    "Hours, last 7 days".into(),
                    recent.sleep_hours.map_or_else(|| "not logged".into(), |h| format!("{h:.2}")),
                ),
                (
                    "Hours, usual".into(),
                    baseline
                        .and_then(|b| b.sleep_hours)
                        .map_or_else(|| "no baseline yet".into(), |h| format!("{h:.2}")),
                ),
                ("Quality, last 7 days".into(), format!("{:.2}", recent.sleep_quality)),
                ("Quality, usual".into(), base_text(&|b| format!("{:.2}", b.sleep_quality))),
            ],
            threshold: format!(
                "a sign under {SHORT_SLEEP_H:.0} hours, or {SLEEP_DROP_H:.0} hour less than usual and under \
                 {ENOUGH_SLEEP_H:.0}, or quality {RISE:.0} point worse than usual and at least {AVERAGE:.0}"
            ),
            strength: j.sleep.strength,
        },
        Why {
            metric: "Life tags".into(),
            formula: "days in the last 14 with a busy-week, work-stress, illness or poor-sleep tag (travel \
                      alone is not counted)"
                .into(),
            inputs: if m.tag_counts.is_empty() {
                vec![("Tags".into(), "none".into())]
            } else {
                m.tag_counts
                    .iter()
                    .map(|(t, n)| {
                        let not_counted = if counts_as_stress(*t) { "" } else { " (not counted)" };
                        (t.label().to_string(), format!("{}{not_counted}", count(*n, "day")))
                    })
                    .collect()
            },
            threshold: format!("a sign on {TAGGED_DAYS} or more days, or any illness"),
            strength: j.tags.strength,
        },
    ]
}

fn remedies(j: &Judged) -> Vec<Remedy> {
    let mut remedies = Vec::new();
    if j.sleep.fired {
        remedies.push(Remedy::Sleep);
    }
    remedies.extend([Remedy::EasierWeek, Remedy::RestDay]);
    if !remedies.contains(&Remedy::Sleep) {
        remedies.push(Remedy::Sleep);
    }
    remedies.push(Remedy::Hydration);
    remedies
}

fn insufficient(ctx: &Context<'_>, recent: usize) -> Finding {
    let needs = if ctx.wellness.is_empty() {
        "a daily check-in for a week or two".to_string()
    } else {
        format!("check-ins on at least {MIN_RECENT} of the last 7 days (you have {recent})")
    };
    #[allow(clippy::cast_precision_loss)] // at most seven days
    let value = recent as f64;
    Finding {
        sign: Sign::LifeStress,
        status: Status::Insufficient { needs },
        evidence: vec![Evidence {
            label: "Check-ins".into(),
            window: "last 7 days".into(),
            value,
            shown: format!("{recent} of 7 days"),
        }],
        sentence: "Check in daily (sleep, stress, how life is going) and Restride can tell when life stress \
                   is weighing on your running."
            .into(),
        headline: "needs daily check-ins".into(),
        source: SOURCE,
        why: vec![Why {
            metric: "Daily check-ins".into(),
            formula: "stress and sleep from the daily check-in, compared with your own previous weeks".into(),
            inputs: vec![("Check-ins in the last 7 days".into(), recent.to_string())],
            threshold: format!("needs {MIN_RECENT} check-ins in the last 7 days"),
            strength: Strength::Weak,
        }],
        remedies: vec![Remedy::Sleep, Remedy::RestDay, Remedy::EasierWeek, Remedy::Hydration],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use crate::wellness::{Hooper, Level};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    /// Eight weeks of calm check-ins, the last `tagged` days with `tag`.
    fn check_ins(tagged: i64, tag: LifeTag) -> Vec<Wellness> {
        (0..56)
            .map(|ago| Wellness {
                date: today() - Duration::days(ago),
                sleep_hours: Some(7.5),
                sleep_quality: Hooper::new(2).unwrap(),
                stress: Hooper::new(2).unwrap(),
                fatigue: Hooper::new(3).unwrap(),
                soreness: Hooper::new(3).unwrap(),
                hydration: Level::new(4).unwrap(),
                motivation: Level::new(4).unwrap(),
                tags: if ago < tagged { vec![tag] } else { Vec::new() },
                updated: Utc.timestamp_millis_opt(0).unwrap(),
            })
            .collect()
    }

    fn finding(days: &[Wellness]) -> Finding {
        let settings = Settings::default();
        detect(&Context::new(&[], days, &[], &settings, today()))
    }

    #[test]
    fn travel_alone_is_not_life_stress() {
        let f = finding(&check_ins(12, LifeTag::Travel));
        assert_eq!(f.status, Status::Clear, "{}", f.sentence);
        let tags = f.why.iter().find(|w| w.metric == "Life tags").unwrap();
        assert_eq!(tags.inputs, [("Travel".to_string(), "12 days (not counted)".to_string())]);
        // A busy week on as many days is.
        assert_eq!(finding(&check_ins(12, LifeTag::BusyWeek)).status, Status::Watch);
    }
}
