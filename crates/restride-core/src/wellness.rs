//! The daily wellness check-in: sleep, stress, fatigue and soreness on the Hooper
//! scales, plus hydration, motivation and what is going on in the runner's life.
//!
//! Hooper & Mackinnon (1995), "Monitoring overtraining in athletes": sleep quality,
//! fatigue, stress and muscle soreness each rated 1–7, 1 the best. Hydration and
//! motivation are Restride's own 1–5 scales, 5 the best.

use chrono::{DateTime, NaiveDate, Utc};
use thiserror::Error;

/// One of the four Hooper items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HooperItem {
    SleepQuality,
    Stress,
    Fatigue,
    Soreness,
}

impl HooperItem {
    pub const ALL: [Self; 4] = [Self::SleepQuality, Self::Stress, Self::Fatigue, Self::Soreness];

    pub fn label(self) -> &'static str {
        match self {
            Self::SleepQuality => "Sleep quality",
            Self::Stress => "Stress",
            Self::Fatigue => "Fatigue",
            Self::Soreness => "Muscle soreness",
        }
    }

    /// Words for each point of the 1–7 scale, as Hooper's questionnaire words them.
    pub fn scale_word(self, value: u8) -> &'static str {
        const QUALITY: [&str; 7] =
            ["Very, very good", "Very good", "Good", "Average", "Bad", "Very bad", "Very, very bad"];
        const AMOUNT: [&str; 7] =
            ["Very, very low", "Very low", "Low", "Average", "High", "Very high", "Very, very high"];
        let words = match self {
            Self::SleepQuality => &QUALITY,
            Self::Stress | Self::Fatigue | Self::Soreness => &AMOUNT,
        };
        value.checked_sub(1).and_then(|i| words.get(usize::from(i))).copied().unwrap_or("")
    }
}

rating_scale!(
    /// A Hooper rating, 1 (best) to 7 (worst).
    Hooper,
    1..=7
);

rating_scale!(
    /// A 1–5 rating where 5 is best (hydration, motivation).
    Level,
    1..=5
);

impl Level {
    pub fn hydration_word(self) -> &'static str {
        word(["Very poor", "Poor", "OK", "Good", "Very good"], self.0)
    }

    pub fn motivation_word(self) -> &'static str {
        word(["None", "Low", "Some", "Keen", "Raring to go"], self.0)
    }
}

fn word(words: [&'static str; 5], value: u8) -> &'static str {
    value.checked_sub(1).and_then(|i| words.get(usize::from(i))).copied().unwrap_or("")
}

/// What is going on in the runner's life, for the life-stress sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LifeTag {
    BusyWeek,
    Travel,
    Illness,
    WorkStress,
    PoorSleep,
}

impl LifeTag {
    pub const ALL: [Self; 5] =
        [Self::BusyWeek, Self::Travel, Self::Illness, Self::WorkStress, Self::PoorSleep];
    /// The tags a check-in offers. Illness is not among them: the check-in asks
    /// "ill or injured?" itself, which pauses the plan and the radar
    /// (`crate::setback`); check-ins saved with the tag still read as before.
    pub const OFFERED: [Self; 4] = [Self::BusyWeek, Self::Travel, Self::WorkStress, Self::PoorSleep];

    pub fn slug(self) -> &'static str {
        match self {
            Self::BusyWeek => "busy-week",
            Self::Travel => "travel",
            Self::Illness => "illness",
            Self::WorkStress => "work-stress",
            Self::PoorSleep => "poor-sleep",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::BusyWeek => "Busy week",
            Self::Travel => "Travel",
            Self::Illness => "Illness",
            Self::WorkStress => "Work stress",
            Self::PoorSleep => "Poor sleep",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.slug() == slug)
    }
}

/// One day's check-in. There is at most one per date; saving again edits it.
#[derive(Debug, Clone, PartialEq)]
pub struct Wellness {
    pub date: NaiveDate,
    /// Hours slept last night, in quarter hours.
    pub sleep_hours: Option<f64>,
    pub sleep_quality: Hooper,
    pub stress: Hooper,
    pub fatigue: Hooper,
    pub soreness: Hooper,
    pub hydration: Level,
    pub motivation: Level,
    /// Sorted, no repeats.
    pub tags: Vec<LifeTag>,
    pub updated: DateTime<Utc>,
}

impl Wellness {
    /// The Hooper index: the sum of the four items, 4 (best) to 28 (worst).
    pub fn hooper_index(&self) -> u8 {
        self.sleep_quality.0 + self.stress.0 + self.fatigue.0 + self.soreness.0
    }

    /// The four Hooper ratings in plain words, for Today: those rated worse than
    /// average (5 or more) by name, "stress very high and fatigue high", or that all
    /// four were fine. The index (their sum) stays in the analysis's why panels.
    pub fn how_you_are(&self) -> String {
        let poor: Vec<String> = HooperItem::ALL
            .iter()
            .map(|item| (item, self.hooper(*item).value()))
            .filter(|(_, v)| *v >= 5)
            .map(|(item, v)| format!("{} {}", item.label().to_lowercase(), item.scale_word(v).to_lowercase()))
            .collect();
        if poor.is_empty() {
            "sleep, stress, fatigue and soreness fine".into()
        } else {
            crate::analysis::words::and_list(&poor)
        }
    }

    pub fn hooper(&self, item: HooperItem) -> Hooper {
        match item {
            HooperItem::SleepQuality => self.sleep_quality,
            HooperItem::Stress => self.stress,
            HooperItem::Fatigue => self.fatigue,
            HooperItem::Soreness => self.soreness,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SleepError {
    #[error("Write hours slept as a number, e.g. 7.5.")]
    Invalid,
    #[error("Hours slept must be between 0 and 24.")]
    OutOfRange,
}

/// Parses hours slept ("7", "7.5", "7,5"); empty means not given. Rounded to the
/// nearest quarter hour, which is as precise as anyone remembers a night.
pub fn parse_sleep_hours(text: &str) -> Result<Option<f64>, SleepError> {
    let t = text.trim().replace(',', ".");
    if t.is_empty() {
        return Ok(None);
    }
    if !t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(SleepError::Invalid);
    }
    let hours: f64 = t.parse().map_err(|_| SleepError::Invalid)?;
    if !(0.0..=24.0).contains(&hours) {
        return Err(SleepError::OutOfRange);
    }
    Ok(Some((hours * 4.0).round() / 4.0))
}

/// A question of the check-in, for a problem to be shown at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WellnessField {
    SleepHours,
    Hooper(HooperItem),
    Hydration,
    Motivation,
}

impl WellnessField {
    /// Stable text for element ids.
    pub fn slug(self) -> &'static str {
        match self {
            Self::SleepHours => "sleep-hours",
            Self::Hooper(HooperItem::SleepQuality) => "sleep-quality",
            Self::Hooper(HooperItem::Stress) => "stress",
            Self::Hooper(HooperItem::Fatigue) => "fatigue",
            Self::Hooper(HooperItem::Soreness) => "soreness",
            Self::Hydration => "hydration",
            Self::Motivation => "motivation",
        }
    }
}

/// What is wrong with one answer of the check-in, to show at its question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WellnessProblem {
    pub field: WellnessField,
    pub message: String,
}

/// The check-in form as answered: ratings are `None` until tapped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WellnessForm {
    pub sleep_hours: String,
    pub sleep_quality: Option<u8>,
    pub stress: Option<u8>,
    pub fatigue: Option<u8>,
    pub soreness: Option<u8>,
    pub hydration: Option<u8>,
    pub motivation: Option<u8>,
    pub tags: Vec<LifeTag>,
}

impl WellnessForm {
    pub fn from_wellness(w: &Wellness) -> Self {
        Self {
            sleep_hours: w.sleep_hours.map(|h| h.to_string()).unwrap_or_default(),
            sleep_quality: Some(w.sleep_quality.0),
            stress: Some(w.stress.0),
            fatigue: Some(w.fatigue.0),
            soreness: Some(w.soreness.0),
            hydration: Some(w.hydration.0),
            motivation: Some(w.motivation.0),
            tags: w.tags.clone(),
        }
    }

    /// The day's check-in, or one problem per unanswered or invalid item, in the
    /// form's order.
    pub fn validate(&self, date: NaiveDate, now: DateTime<Utc>) -> Result<Wellness, Vec<WellnessProblem>> {
        let mut problems = Vec::new();
        let mut problem =
            |field: WellnessField, message: String| problems.push(WellnessProblem { field, message });
        let sleep_hours = parse_sleep_hours(&self.sleep_hours)
            .map_err(|e| problem(WellnessField::SleepHours, e.to_string()))
            .ok();
        let mut hooper = |v: Option<u8>, item: HooperItem| {
            let h = v.and_then(Hooper::new);
            if h.is_none() {
                problem(WellnessField::Hooper(item), format!("Rate your {}.", item.label().to_lowercase()));
            }
            h
        };
        let sleep_quality = hooper(self.sleep_quality, HooperItem::SleepQuality);
        let stress = hooper(self.stress, HooperItem::Stress);
        let fatigue = hooper(self.fatigue, HooperItem::Fatigue);
        let soreness = hooper(self.soreness, HooperItem::Soreness);
        let mut level = |v: Option<u8>, field: WellnessField, what: &str| {
            let l = v.and_then(Level::new);
            if l.is_none() {
                problem(field, format!("Rate your {what}."));
            }
            l
        };
        let hydration = level(self.hydration, WellnessField::Hydration, "hydration");
        let motivation = level(self.motivation, WellnessField::Motivation, "motivation");
        let mut tags = self.tags.clone();
        tags.sort();
        tags.dedup();
        match (sleep_hours, sleep_quality, stress, fatigue, soreness, hydration, motivation) {
            (
                Some(sleep_hours),
                Some(sleep_quality),
                Some(stress),
                Some(fatigue),
                Some(soreness),
                Some(hydration),
                Some(motivation),
            ) => Ok(Wellness {
                date,
                sleep_hours,
                sleep_quality,
                stress,
                fatigue,
                soreness,
                hydration,
                motivation,
                tags,
                updated: now,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_bounded_and_worded() {
        assert!(Hooper::new(0).is_none() && Hooper::new(8).is_none());
        assert_eq!(HooperItem::SleepQuality.scale_word(1), "Very, very good");
        assert_eq!(HooperItem::Soreness.scale_word(7), "Very, very high");
        assert_eq!(HooperItem::Stress.scale_word(0), "");
        assert!(Level::new(6).is_none());
        assert_eq!(Level::new(5).map(Level::motivation_word), Some("Raring to go"));
        for t in LifeTag::ALL {
            assert_eq!(LifeTag::from_slug(t.slug()), Some(t));
        }
    }

    #[test]
    fn the_form_needs_every_rating_and_round_trips() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let now = DateTime::<Utc>::default();
        let empty = WellnessForm::default().validate(date, now).unwrap_err();
        assert_eq!(empty.len(), 6);
        assert_eq!(
            empty[0],
            WellnessProblem {
                field: WellnessField::Hooper(HooperItem::SleepQuality),
                message: "Rate your sleep quality.".into()
            }
        );
        assert_eq!(empty[5].field, WellnessField::Motivation);
        let form = WellnessForm {
            sleep_hours: "6.5".into(),
            sleep_quality: Some(5),
            stress: Some(6),
            fatigue: Some(4),
            soreness: Some(2),
            hydration: Some(3),
            motivation: Some(2),
            tags: vec![LifeTag::WorkStress, LifeTag::BusyWeek, LifeTag::WorkStress],
        };
        let w = form.validate(date, now).unwrap();
        assert_eq!(w.hooper_index(), 17);
        assert_eq!(w.how_you_are(), "sleep quality bad and stress very high");
        let fine = WellnessForm { sleep_quality: Some(2), stress: Some(4), ..form.clone() };
        assert_eq!(
            fine.validate(date, now).unwrap().how_you_are(),
            "sleep, stress, fatigue and soreness fine"
        );
        assert_eq!(w.tags, [LifeTag::BusyWeek, LifeTag::WorkStress]);
        assert_eq!(WellnessForm::from_wellness(&w), WellnessForm { tags: w.tags.clone(), ..form.clone() });
        let bad = WellnessForm { sleep_hours: "30".into(), stress: Some(9), ..form };
        let fields: Vec<WellnessField> =
            bad.validate(date, now).unwrap_err().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, [WellnessField::SleepHours, WellnessField::Hooper(HooperItem::Stress)]);
        let slugs: std::collections::HashSet<&str> =
            [WellnessField::SleepHours, WellnessField::Hydration, WellnessField::Motivation]
                .into_iter()
                .chain(HooperItem::ALL.map(WellnessField::Hooper))
                .map(WellnessField::slug)
                .collect();
        assert_eq!(slugs.len(), 7, "one id each");
    }

    #[test]
    fn sleep_hours() {
        assert_eq!(parse_sleep_hours(""), Ok(None));
        assert_eq!(parse_sleep_hours("7,5"), Ok(Some(7.5)));
        assert_eq!(parse_sleep_hours("6.9"), Ok(Some(7.0)));
        assert_eq!(parse_sleep_hours("25"), Err(SleepError::OutOfRange));
        assert_eq!(parse_sleep_hours("-1"), Err(SleepError::Invalid));
        assert_eq!(parse_sleep_hours("seven"), Err(SleepError::Invalid));
        assert_eq!(parse_sleep_hours("1.2.3"), Err(SleepError::Invalid));
    }
}
