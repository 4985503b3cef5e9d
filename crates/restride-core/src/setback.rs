//! Illness, injury and coming back from them: plain data (a kind, a first day, and
//! once the runner is back, the day they were back), so storage can keep them as
//! they are, and the graded return that follows.
//!
//! While a setback lasts the plan pauses (no sessions, nothing counted as missed)
//! and the radar reads nothing into the gap. The neck check (symptoms above the neck
//! only: easy running may go on; below the neck or a fever: rest; Eichner 1993,
//! as sports medicine teaches it) decides what a cold allows: nothing is planned,
//! but easy running is fine if the runner feels up to it, and no return plan follows.
//!
//! Coming back from being ill (below the neck, or a fever) or injured, the plan
//! rebuilds from a share of the load before the break, rising 15 % a week, easy
//! running only, until it is back to the full load. The starting share follows
//! Daniels' guidance for returning after time off (Daniels' Running Formula, on
//! training breaks: about half the previous load after one to four weeks off, about
//! a third after longer), with a lighter start (three quarters) after up to 5 days, where Daniels
//! expects no loss of fitness but a runner who was ill should still ease back in;
//! the 15 % weekly rise is the middle of the 10–20 % a week that return-to-running
//! progressions use.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::history::week_start_of;

/// What kept the runner from running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SetbackKind {
    /// A cold with symptoms above the neck only (the neck check: easy running may go on).
    HeadCold,
    /// Ill below the neck or with a fever: rest.
    Ill,
    Injured,
}

impl SetbackKind {
    pub const ALL: [Self; 3] = [Self::HeadCold, Self::Ill, Self::Injured];

    /// Stable text for storage and `data-*` attributes.
    pub fn slug(self) -> &'static str {
        match self {
            Self::HeadCold => "head-cold",
            Self::Ill => "ill",
            Self::Injured => "injured",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::HeadCold => "A cold (above the neck)",
            Self::Ill => "Ill",
            Self::Injured => "Injured",
        }
    }

    /// As it reads after "while you are": "ill", "injured", "nursing a cold".
    pub fn phrase(self) -> &'static str {
        match self {
            Self::HeadCold => "nursing a cold",
            Self::Ill => "ill",
            Self::Injured => "injured",
        }
    }

    /// Whether coming back calls for a graded return: after a cold above the neck
    /// the runner may have kept running easy, so it does not.
    pub fn needs_return(self) -> bool {
        self != Self::HeadCold
    }
}

/// A time the runner was ill or injured: from `start`, until they were back on `end`
/// (the first day fit to run), or still going on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Setback {
    pub kind: SetbackKind,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SetbackError {
    #[error("Pick a first day from today back.")]
    StartsLater,
    #[error("The day you were back has to come after the first day you were out.")]
    BackBeforeStart,
    #[error("Pick the day you were back from today back.")]
    BackLater,
}

/// Days off up to which Daniels expects no loss of fitness (his VDOT adjustment for
/// time off is 1.000 up to 5 days: Daniels' Running Formula; vdoto2.com).
pub const SHORT_BREAK_DAYS: i64 = 5;
/// Days off up to which a return starts from about half the previous load (Daniels).
const MONTH_BREAK_DAYS: i64 = 28;
/// The return's first week, as a share of the load before the break.
const SHORT_BREAK_SHARE: f64 = 0.75;
const BREAK_SHARE: f64 = 0.5;
const LONG_BREAK_SHARE: f64 = 1.0 / 3.0;
/// How much each return week may add to the last: 15 %.
pub const RETURN_RISE: f64 = 0.15;
/// A share this close to the full load is the full load: the return is over.
const RETURN_DONE: f64 = 0.95;

impl Setback {
    /// A setback starting `start` (not after `today`), with the day the runner was
    /// back if they are (after `start`, not after `today`).
    pub fn new(
        kind: SetbackKind,
        start: NaiveDate,
        end: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Self, SetbackError> {
        if start > today {
            return Err(SetbackError::StartsLater);
        }
        let setback = Self { kind, start, end: None };
        match end {
            Some(end) => setback.back_on(end, today),
            None => Ok(setback),
        }
    }

    /// "I'm back": the same setback, over from `on`.
    pub fn back_on(self, on: NaiveDate, today: NaiveDate) -> Result<Self, SetbackError> {
        if on <= self.start {
            return Err(SetbackError::BackBeforeStart);
        }
        if on > today {
            return Err(SetbackError::BackLater);
        }
        Ok(Self { end: Some(on), ..self })
    }

    /// Whether `date` falls in it: from the first day, up to (not including) the day
    /// the runner was back.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| date < e)
    }

    /// Days off: from the first day to the day back (or to `today` while it lasts).
    pub fn days_off(&self, today: NaiveDate) -> i64 {
        (self.end.unwrap_or(today) - self.start).num_days().max(0)
    }
}

/// The setback in force on `date` (the latest begun, if several overlap).
pub fn lasting_on(setbacks: &[Setback], date: NaiveDate) -> Option<&Setback> {
    setbacks.iter().filter(|s| s.covers(date)).max_by_key(|s| s.start)
}

/// Where a week sits in the return after a setback.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReturnWeek {
    pub kind: SetbackKind,
    /// The setback's first day and the day the runner was back.
    pub start: NaiveDate,
    pub back: NaiveDate,
    pub days_off: i64,
    /// 1 for the first return week … `of` for the last.
    pub week: u8,
    pub of: u8,
    /// Share of the load before the break this week may hold.
    pub share: f64,
}

/// The return weeks after `days_off` days off: their shares of the previous load,
/// each 15 % above the last, until the full load (see the module notes).
pub fn return_shares(days_off: i64) -> Vec<f64> {
    let first = if days_off <= SHORT_BREAK_DAYS {
        SHORT_BREAK_SHARE
    } else if days_off <= MONTH_BREAK_DAYS {
        BREAK_SHARE
    } else {
        LONG_BREAK_SHARE
    };
    std::iter::successors(Some(first), |s| Some(s * (1.0 + RETURN_RISE)))
        .take_while(|s| *s < RETURN_DONE)
        .collect()
}

/// The return week the week starting `week_start` is, after the latest setback that
/// ended by its last day and needs a return, if it is one.
pub fn return_week(setbacks: &[Setback], week_start: NaiveDate) -> Option<ReturnWeek> {
    let week_end = week_start + Duration::days(6);
    let setback = setbacks
        .iter()
        .filter(|s| s.kind.needs_return() && s.end.is_some_and(|e| e <= week_end))
        .max_by_key(|s| s.end)?;
    let back = setback.end?;
    let days_off = setback.days_off(back);
    let weekday: Weekday = week_start.weekday();
    let weeks_since = (week_start - week_start_of(back, weekday)).num_days().div_euclid(7);
    let shares = return_shares(days_off);
    let share = *shares.get(usize::try_from(weeks_since).ok()?)?;
    Some(ReturnWeek {
        kind: setback.kind,
        start: setback.start,
        back,
        days_off,
        week: u8::try_from(weeks_since + 1).ok()?,
        of: u8::try_from(shares.len()).ok()?,
        share,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::week::tests::date;

    #[test]
    fn setbacks_are_checked() {
        let today = date("2026-03-10");
        let ill = Setback::new(SetbackKind::Ill, date("2026-03-02"), None, today).unwrap();
        assert!(ill.covers(date("2026-03-02")) && ill.covers(today) && !ill.covers(date("2026-03-01")));
        assert_eq!(ill.days_off(today), 8);
        assert_eq!(ill.back_on(date("2026-03-02"), today), Err(SetbackError::BackBeforeStart));
        assert_eq!(ill.back_on(date("2026-03-11"), today), Err(SetbackError::BackLater));
        let back = ill.back_on(date("2026-03-09"), today).unwrap();
        assert!(back.covers(date("2026-03-08")) && !back.covers(date("2026-03-09")));
        assert_eq!(back.days_off(today), 7);
        assert_eq!(
            Setback::new(SetbackKind::Injured, date("2026-03-11"), None, today),
            Err(SetbackError::StartsLater)
        );
        for k in SetbackKind::ALL {
            assert_eq!(SetbackKind::from_slug(k.slug()), Some(k));
        }
        assert_eq!(lasting_on(&[back, ill], today), Some(&ill));
        assert_eq!(lasting_on(&[back], today), None);
    }

    #[test]
    fn returns_start_from_a_share_that_shrinks_with_the_break_and_rise_fifteen_percent() {
        let close =
            |a: &[f64], b: &[f64]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9);
        assert!(close(&return_shares(4), &[0.75, 0.8625]));
        assert!(close(&return_shares(21), &[0.5, 0.575, 0.66125, 0.7604375, 0.874503125]));
        let long = return_shares(42);
        assert_eq!(long.len(), 8);
        assert!(
            (long[0] - 1.0 / 3.0).abs() < 1e-9 && long.windows(2).all(|w| (w[1] / w[0] - 1.15).abs() < 1e-9)
        );
    }

    #[test]
    fn return_weeks_count_from_the_week_back() {
        // Three weeks off, back on Thursday 26 Mar; weeks start on Monday.
        let s =
            Setback { kind: SetbackKind::Injured, start: date("2026-03-05"), end: Some(date("2026-03-26")) };
        assert_eq!(return_week(&[s], date("2026-03-16")), None, "still out all week");
        let first = return_week(&[s], date("2026-03-23")).unwrap();
        assert_eq!((first.week, first.of, first.days_off), (1, 5, 21));
        assert!((first.share - 0.5).abs() < 1e-9);
        assert_eq!(return_week(&[s], date("2026-04-20")).map(|r| r.week), Some(5));
        assert_eq!(return_week(&[s], date("2026-04-27")), None, "back to the full load");
        // A cold above the neck needs no return.
        let cold = Setback { kind: SetbackKind::HeadCold, ..s };
        assert_eq!(return_week(&[cold], date("2026-03-23")), None);
    }
}
