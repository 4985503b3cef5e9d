//! A run as the domain sees it. Storage has its own serialisable copy
//! (restride-store) so this type can change without breaking saved data.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc};

use crate::id::RunId;
use crate::units::pace_s_per_km;

/// The kind of session. `Cross` covers strength and cross-training, which count
/// toward load but have no pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RunType {
    Easy,
    Long,
    Tempo,
    Intervals,
    Hills,
    Race,
    Recovery,
    Cross,
}

impl RunType {
    pub const ALL: [Self; 8] = [
        Self::Easy,
        Self::Long,
        Self::Tempo,
        Self::Intervals,
        Self::Hills,
        Self::Race,
        Self::Recovery,
        Self::Cross,
    ];

    /// Stable text used in storage, forms and `data-*` attributes.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Easy => "easy",
            Self::Long => "long",
            Self::Tempo => "tempo",
            Self::Intervals => "intervals",
            Self::Hills => "hills",
            Self::Race => "race",
            Self::Recovery => "recovery",
            Self::Cross => "cross",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Easy => "Easy",
            Self::Long => "Long",
            Self::Tempo => "Tempo",
            Self::Intervals => "Intervals",
            Self::Hills => "Hills",
            Self::Race => "Race",
            Self::Recovery => "Recovery",
            Self::Cross => "Strength / cross",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.slug() == slug)
    }

    /// Strength and cross-training have no meaningful running distance or pace.
    pub fn needs_distance(self) -> bool {
        self != Self::Cross
    }
}

rating_scale!(
    /// Rating of perceived exertion on Foster's CR-10 scale (0 rest … 10 maximal).
    Rpe,
    0..=10
);

impl Rpe {
    /// The verbal anchors of Foster et al. (2001)'s modified CR-10 scale; the
    /// unanchored steps (6, 8, 9) take the anchor below them.
    pub fn label(self) -> &'static str {
        match self.0 {
            0 => "Rest",
            1 => "Very, very easy",
            2 => "Easy",
            3 => "Moderate",
            4 => "Somewhat hard",
            5 | 6 => "Hard",
            7 | 8 => "Very hard",
            9 => "Very, very hard",
            _ => "Maximal",
        }
    }
}

rating_scale!(
    /// How the run felt, 1 (awful) to 5 (great).
    Feel,
    1..=5
);

impl Feel {
    /// As it reads after "Felt": "felt good", "felt OK".
    pub fn phrase(self) -> &'static str {
        match self.0 {
            1 => "awful",
            2 => "poor",
            3 => "OK",
            4 => "good",
            _ => "great",
        }
    }

    pub fn label(self) -> &'static str {
        match self.0 {
            1 => "Awful",
            2 => "Poor",
            3 => "OK",
            4 => "Good",
            _ => "Great",
        }
    }
}

/// Whether the runner finished what they set out to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Completion {
    #[default]
    AsPlanned,
    CutShort,
}

/// Where a run came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Source {
    #[default]
    Manual,
    /// Imported from a file; the file's name.
    Imported(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeartRate {
    pub average: u16,
    pub max: u16,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub id: RunId,
    /// Local start time with the UTC offset in force where and when it was run.
    pub start: DateTime<FixedOffset>,
    pub kind: RunType,
    /// The run's own name, when it has one ("Tempo Tuesday", "Berlin Marathon"):
    /// an imported activity's title, or one the runner gave it. Empty for none;
    /// History shows the type in its place.
    pub title: String,
    /// Moving time in seconds.
    pub moving_s: u32,
    pub elapsed_s: Option<u32>,
    pub distance_m: Option<f64>,
    /// Missing on imported runs whose file did not record it.
    pub rpe: Option<Rpe>,
    pub feel: Option<Feel>,
    pub completion: Completion,
    pub route: String,
    /// Where an imported run went, as the importer's route fingerprint, so the same
    /// route run again gets the same `route` name.
    pub route_fingerprint: Option<String>,
    /// Who the runner ran with, if anyone.
    pub company: Option<String>,
    pub notes: String,
    pub source: Source,
    pub heart_rate: Option<HeartRate>,
    pub elevation_gain_m: Option<f64>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

impl Run {
    pub fn pace_s_per_km(&self) -> Option<f64> {
        self.distance_m.and_then(|d| pace_s_per_km(self.moving_s, d))
    }

    /// Minutes past local midnight at the start, for time-of-day grouping.
    pub fn start_minute_of_day(&self) -> u32 {
        self.start.hour() * 60 + self.start.minute()
    }

    /// The start's local wall-clock time as seconds since 1970-01-01 00:00 on that
    /// wall clock: orders and dates runs by local time with integer arithmetic.
    /// (chrono's `naive_local()` does checked offset arithmetic that costs more
    /// than the rest of a pass over the history.)
    pub fn local_seconds(&self) -> i64 {
        self.start.timestamp() + i64::from(self.start.offset().local_minus_utc())
    }

    /// The start's local date as days since 1970-01-01 (see [`Self::local_seconds`]).
    pub fn local_day(&self) -> i64 {
        self.local_seconds().div_euclid(SECONDS_PER_DAY)
    }
}

pub const SECONDS_PER_DAY: i64 = 86_400;
/// Days from 0001-01-01 (chrono's day 1 of the common era) to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;

/// The date `day` days after 1970-01-01, as [`Run::local_day`] counts; `None`
/// outside chrono's range.
pub fn date_of_day(day: i64) -> Option<NaiveDate> {
    i32::try_from(day + UNIX_EPOCH_DAYS_FROM_CE).ok().and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// `date` as days since 1970-01-01, the count [`Run::local_day`] uses.
pub fn day_of_date(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - UNIX_EPOCH_DAYS_FROM_CE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_days_match_chrono_across_offsets_and_the_epoch() {
        for start in [
            "2026-11-29T00:00:00+00:00",
            "2026-11-29T23:59:59+14:00",
            "2026-11-29T00:30:00-12:00",
            "1969-12-31T23:59:59-05:00",
            "1970-01-01T00:00:00+01:00",
            "2024-02-29T12:00:00.750+05:45",
        ] {
            let run = crate::testing::sample_run(1, start, RunType::Easy, 30.0, 5.0);
            let date = run.start.date_naive();
            assert_eq!(date_of_day(run.local_day()), Some(date), "{start}");
            assert_eq!(day_of_date(date), run.local_day(), "{start}");
            assert_eq!(run.local_seconds(), run.start.naive_local().and_utc().timestamp(), "{start}");
        }
    }

    #[test]
    fn slugs_round_trip() {
        for t in RunType::ALL {
            assert_eq!(RunType::from_slug(t.slug()), Some(t));
        }
        assert_eq!(RunType::from_slug("swim"), None);
        assert!(!RunType::Cross.needs_distance());
        assert!(RunType::Hills.needs_distance());
    }

    #[test]
    fn scales_reject_out_of_range() {
        assert!(Rpe::new(11).is_none());
        assert_eq!(Rpe::new(0).map(Rpe::label), Some("Rest"));
        assert_eq!(Rpe::new(10).map(Rpe::label), Some("Maximal"));
        assert!(Feel::new(0).is_none());
        assert!(Feel::new(6).is_none());
        assert_eq!(Feel::new(5).map(Feel::label), Some("Great"));
    }
}
