//! Why a plan looks as it does, in plain sentences for the plan screen.

use chrono::NaiveDate;

use super::day_name;
use super::library::SessionKind;
use super::race::TaperWeek;
use crate::analysis::Sign;

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
                    "No hard session this week: the radar shows signs of {}.",
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
        ];
        for a in &all {
            let t = a.text();
            assert!(t.ends_with('.') && t.chars().next().is_some_and(char::is_uppercase), "{t}");
        }
        assert!(all[3].text().contains("75 %"));
        assert!(all[8].text().contains("week 1 of 2") && all[8].text().contains("40 %"));
        assert!(all[9].text().contains("Sun 29 Nov"));
    }
}
