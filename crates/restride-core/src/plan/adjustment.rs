//! Why a plan looks as it does, in plain sentences for the plan screen.

use chrono::NaiveDate;

use super::day_name;
use super::library::SessionKind;
use super::race::TaperWeek;
use crate::analysis::Sign;
use crate::setback::SetbackKind;

/// Why a plan looks as it does.
#[derive(Debug, Clone, PartialEq)]
pub enum Adjustment {
    /// No run days in the settings: nothing to plan.
    NoRunDays,
    /// Too little recent running to build on: the beginner week.
    BeginnerWeek,
    /// Every day is a run day, but one stays a rest day.
    RestDayKept,
    /// Load scaled by `share` because of `sign`.
    Lighter {
        sign: Sign,
        share: f64,
    },
    /// One session fewer (more rest) because of `sign`.
    FewerSessions {
        sign: Sign,
    },
    /// No quality session this week because of `sign`.
    NoQuality {
        sign: Sign,
    },
    /// A quality session included because of `sign`.
    QualityFor {
        sign: Sign,
    },
    /// Strength and a quality session the runner has done least lately.
    MoreVariety {
        sign: Sign,
    },
    Taper(TaperWeek),
    /// The race is this week: race day and the day before it stay free.
    RaceWeek(NaiveDate),
    /// A hard session turned easy: no day left that is not next to another hard one.
    MadeEasy {
        kind: SessionKind,
    },
    /// Left out (`dropped`) or made an easy run, to stay within the week's load.
    Trimmed {
        kind: SessionKind,
        dropped: bool,
    },
    /// Re-flowed after misses: how many were missed, and the quality session a
    /// later easy run became, if any.
    Reflowed {
        missed: usize,
        promoted: Option<SessionKind>,
    },
    /// Planned when the week had begun: sessions from `from` on, and the week's
    /// load scaled to the run days left (`share` of them).
    PartWeek {
        from: NaiveDate,
        share: f64,
    },
    /// Recovering from a race of `distance_m` on `race_day`: easy running only until
    /// `quality_from`, the long run held back, the week's load at `share` of usual.
    RaceRecovery {
        race_day: NaiveDate,
        distance_m: f64,
        quality_from: NaiveDate,
        share: f64,
    },
    /// Nothing planned from `from` while the runner is ill or injured (until
    /// `until`, the day they were back, when they are).
    Paused {
        kind: SetbackKind,
        from: NaiveDate,
        until: Option<NaiveDate>,
    },
    /// Week `week` of `of` of the return after a setback: `share` of the load before
    /// it, easy running only.
    Return {
        kind: SetbackKind,
        back: NaiveDate,
        week: u8,
        of: u8,
        share: f64,
    },
    /// A new runner's easy base: no quality session before `until`.
    BaseBuilding {
        until: NaiveDate,
    },
    /// The long run held to 10 % over the longest run of the last 30 days
    /// (`longest` minutes): at most `cap`.
    LongestRun {
        cap: f64,
        longest: f64,
    },
    /// The week's running held to 10 % over the recent average (`average` minutes):
    /// at most `cap` minutes.
    Minutes {
        cap: f64,
        average: f64,
    },
}

impl Adjustment {
    /// One plain sentence for the plan screen.
    pub fn text(&self) -> String {
        match self {
            Self::NoRunDays => "Pick the days you can run in Settings and the plan will fill them.".into(),
            Self::BeginnerWeek => {
                "Not much running logged in the last four weeks, so this is a gentle starting week.".into()
            }
            Self::RestDayKept => "You can run every day, but one day stays a rest day.".into(),
            Self::PartWeek { from, share } => format!(
                "Planned from {} on: the days already past are left as they were, and the week's \
                 load is {:.0} % of a full week's, for the run days left.",
                super::day_name(*from),
                share * 100.0
            ),
            Self::Lighter { sign, share } => format!(
                "A lighter week (about {:.0} % of usual) because the radar shows signs of {}.",
                share * 100.0,
                sign.title().to_lowercase()
            ),
            Self::FewerSessions { sign } => {
                format!(
                    "One session fewer for more rest: the radar shows signs of {}.",
                    sign.title().to_lowercase()
                )
            }
            Self::NoQuality { sign } => {
                format!(
                    "No hard session this week: recovery comes first, as the radar shows signs of {}.",
                    sign.title().to_lowercase()
                )
            }
            Self::QualityFor { sign } => {
                format!(
                    "A quality session to move you on: the radar shows signs of {}.",
                    sign.title().to_lowercase()
                )
            }
            Self::MoreVariety { sign } => format!(
                "More variety (strength, and the session you have done least lately): the radar shows \
                 signs of {}.",
                sign.title().to_lowercase()
            ),
            Self::Taper(t) => format!(
                "Taper week {} of {}: about {:.0} % less load than before the taper, same intensity.",
                t.week,
                t.of,
                t.reduction * 100.0
            ),
            Self::RaceWeek(date) => {
                format!("Race on {}: that day and the day before stay free.", day_name(*date))
            }
            Self::MadeEasy { kind } => format!(
                "The {} became an easy run: your run days leave no room between hard days.",
                kind.label().to_lowercase()
            ),
            Self::Trimmed { kind, dropped: true } => {
                format!("{} left out to keep the week within your recent load.", kind.label())
            }
            Self::Trimmed { kind, dropped: false } => {
                format!("{} made an easy run to keep the week within your recent load.", kind.label())
            }
            Self::RaceRecovery { race_day, distance_m, quality_from, share } => format!(
                "Recovering from your {} on {}: easy running only until {} (about a day per km raced), \
                 no long run in the first half of that and a shorter one after, and about {:.0} % of your usual \
                 load this week.",
                crate::units::race_name(*distance_m, crate::units::DistanceUnit::Km),
                day_name(*race_day),
                day_name(*quality_from - chrono::Duration::days(1)),
                share * 100.0
            ),
            Self::Paused { kind: SetbackKind::HeadCold, from, until } => format!(
                "A cold above the neck since {}{}: nothing is planned and nothing counts as missed. By the neck \
                 check, easy running is fine if you feel up to it; with a fever or symptoms below the neck, rest.",
                day_name(*from),
                until.map_or_else(String::new, |u| format!(" (until {})", day_name(u)))
            ),
            Self::Paused { kind, from, until } => format!(
                "Paused while you are {} (since {}{}): nothing is planned and nothing counts as missed. Rest; once \
                 you are back, the plan rebuilds gently.",
                kind.phrase(),
                day_name(*from),
                until.map_or_else(String::new, |u| format!(", back on {}", day_name(u)))
            ),
            Self::Return { kind, back, week, of, share } => format!(
                "Return week {week} of {of} after being {} (back on {}): {:.0} % of your load before the break, easy \
                 running only, rising about 15 % a week (Daniels: start from about half the previous load after \
                 one to four weeks off, a third after longer).",
                kind.phrase(),
                day_name(*back),
                share * 100.0
            ),
            Self::BaseBuilding { until } => format!(
                "Building an easy base: no hard sessions until {}, your first 9 weeks of running (as couch-to-5K \
                 programmes do).",
                day_name(*until)
            ),
            Self::LongestRun { cap, longest } => format!(
                "No run longer than {cap:.0} minutes: 10 % over your longest run of the last 30 days ({longest:.0} \
                 minutes), or 30 minutes with less. Single runs more than 10 % over it raise the injury risk \
                 (Frandsen, Nielsen et al., BJSM 2025)."
            ),
            Self::Minutes { cap, average } => format!(
                "At most {cap:.0} minutes of running this week: 10 % over your recent average ({average:.0} minutes \
                 a week), or the beginner week's 60."
            ),
            Self::Reflowed { missed, promoted } => {
                let missed = crate::analysis::metrics::count(*missed, "missed session");
                match promoted {
                    Some(kind) => format!(
                        "Re-planned after {missed}: a later easy run became a shorter {}; the missed time \
                         is not made up.",
                        kind.label().to_lowercase()
                    ),
                    None => format!("Re-planned after {missed}; the missed time is not made up."),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::week::tests::date;

    #[test]
    fn adjustments_read_as_sentences() {
        let all = [
            Adjustment::NoRunDays,
            Adjustment::BeginnerWeek,
            Adjustment::RestDayKept,
            Adjustment::Lighter { sign: Sign::LifeStress, share: 0.75 },
            Adjustment::FewerSessions { sign: Sign::Overreaching },
            Adjustment::NoQuality { sign: Sign::Overreaching },
            Adjustment::QualityFor { sign: Sign::Plateau },
            Adjustment::MoreVariety { sign: Sign::Staleness },
            Adjustment::Taper(TaperWeek { week: 1, of: 2, reduction: 0.4 }),
            Adjustment::RaceWeek(date("2026-11-29")),
            Adjustment::MadeEasy { kind: SessionKind::Tempo },
            Adjustment::Trimmed { kind: SessionKind::Strength, dropped: true },
            Adjustment::Trimmed { kind: SessionKind::Tempo, dropped: false },
            Adjustment::Reflowed { missed: 1, promoted: Some(SessionKind::Hills) },
            Adjustment::Reflowed { missed: 2, promoted: None },
            Adjustment::RaceRecovery {
                race_day: date("2026-11-01"),
                distance_m: 42_195.0,
                quality_from: date("2026-12-14"),
                share: 0.55,
            },
            Adjustment::Paused { kind: SetbackKind::Ill, from: date("2026-11-24"), until: None },
            Adjustment::Paused {
                kind: SetbackKind::HeadCold,
                from: date("2026-11-24"),
                until: Some(date("2026-11-27")),
            },
            Adjustment::Return {
                kind: SetbackKind::Injured,
                back: date("2026-11-20"),
                week: 1,
                of: 5,
                share: 0.5,
            },
            Adjustment::BaseBuilding { until: date("2026-12-28") },
            Adjustment::LongestRun { cap: 77.0, longest: 70.0 },
            Adjustment::Minutes { cap: 171.0, average: 155.0 },
        ];
        for a in &all {
            let t = a.text();
            assert!(t.ends_with('.') && t.chars().next().is_some_and(char::is_uppercase), "{t}");
        }
        assert!(all[3].text().contains("75 %"));
        assert!(all[8].text().contains("week 1 of 2") && all[8].text().contains("40 %"));
        assert!(all[9].text().contains("Sun 29 Nov"));
        assert!(
            all[15].text().contains("until Sun 13 Dec")
                && all[15].text().contains("your marathon on Sun 1 Nov")
        );
        assert!(all[16].text().contains("while you are ill (since Tue 24 Nov)"));
        assert!(all[17].text().contains("neck check"));
        assert!(all[18].text().contains("week 1 of 5") && all[18].text().contains("50 %"));
        assert!(all[20].text().contains("77 minutes") && all[20].text().contains("Frandsen"));
    }
}
