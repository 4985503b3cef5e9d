//! The training plan: a week of sessions built from the runner's own history and
//! what the radar found, kept honest as the week goes (ticked off, skipped, missed,
//! moved) and never crammed.
//!
//! - [`library`]: the sessions (how to run them, how long, how hard, their load
//!   and target) and the runner's current fitness (VDOT from a recent effort).
//! - [`week`]: [`build_week`], from [`load`] (the recent load and the bound above
//!   it), [`rules`] (what every plan keeps, [`check_rules`]) and [`adjustment`]
//!   (why a plan looks as it does).
//! - [`ops`]: swap, move, skip, miss, and ticking a session off when a run is logged.
//! - [`misses`]: re-flowing the week after misses, when and how to realign, and
//!   why sessions get missed.
//! - [`race`]: a race goal, its predicted time (and how far the runner's volume
//!   carries it), the taper and warnings.
//! - [`recovery`]: the easy days after a race.
//! - [`accountability`]: company and adherence, and the weekly summary.
//! - [`ics`]: the plan as an RFC 5545 calendar file.
//!
//! Everything here is pure: today, time-zone offsets and the clock are passed in.

pub mod accountability;
pub mod adjustment;
pub mod ics;
pub mod library;
pub mod load;
pub mod misses;
pub mod ops;
pub mod race;
pub mod recovery;
pub mod rules;
pub mod week;

use std::fmt;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use crate::id::RunId;
use crate::settings::TimeOfDay;

pub use accountability::{CompanyEffect, CompanyGroup, Highlight, WeekSummary, company_effect, week_summary};
pub use adjustment::Adjustment;
pub use ics::{IcsOptions, to_ics};
pub use library::{Fitness, HowTo, PaceTarget, RpeRange, Session, SessionKind, Target, current_fitness};
pub use load::{BEGINNER_WEEK_LOAD, LOAD_BOUND, LoadBasis, load_basis};
pub use misses::{MissDiagnosis, SlotCount, diagnose_misses, needs_realign, realign, reflow, resume};
pub use ops::{mark_missed, move_session, skip, swap, tick};
pub use race::{
    Endurance, Gap, GoalError, MarathonShape, Method, Prediction, RaceGoal, RaceOutlook, RaceWarning,
    TaperWeek, endurance, marathon_shape, race_outlook,
};
pub use recovery::{RaceRecovery, recovering_from};
pub use rules::{RuleBroken, check_rules};
pub use week::{PlanInput, build_week};

/// A planned session's id: its week and its number in the plan as built. It stays
/// with the session through swaps and moves, so the calendar export's UID and the
/// stored record keep pointing at the same session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SessionId {
    pub week: NaiveDate,
    pub n: u8,
}

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.week.format("%Y-%m-%d"), self.n)
    }
}

/// What became of a planned session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionStatus {
    Planned,
    /// Done: the run that ticked it off.
    Done(RunId),
    /// Let go ahead of time by the runner.
    Skipped,
    /// Did not happen; the runner may say why.
    Missed {
        reason: Option<String>,
    },
}

impl SessionStatus {
    /// Stable text for `data-status` attributes and tests.
    pub fn slug(&self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Done(_) => "done",
            Self::Skipped => "skipped",
            Self::Missed { .. } => "missed",
        }
    }

    /// Planned or done: the session holds its day and its load.
    pub fn is_active(&self) -> bool {
        matches!(self, Self::Planned | Self::Done(_))
    }

    /// Skipped or missed.
    pub fn is_not_done(&self) -> bool {
        matches!(self, Self::Skipped | Self::Missed { .. })
    }
}

/// One session on one day of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedSession {
    pub id: SessionId,
    pub date: NaiveDate,
    pub time: TimeOfDay,
    pub session: Session,
    pub status: SessionStatus,
}

impl PlannedSession {
    /// The local start, at the usual clock time of the session's time of day.
    pub fn local_start(&self) -> NaiveDateTime {
        self.date.and_time(start_time(self.time))
    }

    /// Past its day and still only planned: missed, whether or not anyone said so.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status == SessionStatus::Planned && self.date < today
    }
}

/// The clock time a session at `time` of day is planned for: near the start of
/// the bucket (settings.rs), where a session before work, at lunch, after work or
/// late fits.
pub fn start_time(time: TimeOfDay) -> NaiveTime {
    let (h, m) = match time {
        TimeOfDay::Morning => (7, 0),
        TimeOfDay::Midday => (12, 30),
        TimeOfDay::Evening => (18, 0),
        TimeOfDay::Night => (21, 0),
    };
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// A week of sessions. Days without an active session are rest days.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekPlan {
    /// The first day of the week (the runner's week start).
    pub start: NaiveDate,
    /// The days the runner said they can run, when the plan was built.
    pub run_days: Vec<Weekday>,
    /// Sorted by date; at most one active session a day.
    pub sessions: Vec<PlannedSession>,
    /// The recent load the plan was built from and the bound it keeps.
    pub load: LoadBasis,
    /// The load the plan aimed for (at most `load.cap`).
    pub target_load: f64,
    /// Why the plan looks as it does, in the order decided.
    pub adjustments: Vec<Adjustment>,
    /// The goal race's day when it falls in this week or in the 3 days after it
    /// (so the hard-free days before it fall in this week): kept free.
    pub race_day: Option<NaiveDate>,
    /// Days of the week an illness or injury covers: nothing is planned on them.
    pub paused: Vec<NaiveDate>,
    /// The first day a quality session may go on (after a race's recovery window,
    /// a return week, a beginner's base); `None`: any day.
    pub quality_from: Option<NaiveDate>,
}

impl WeekPlan {
    /// The same plan with every session's pace targets from `fitness`: a stored plan
    /// keeps what to run, and the paces follow the runner's current fitness.
    #[must_use]
    pub fn with_fitness(&self, fitness: Option<&Fitness>) -> Self {
        let mut plan = self.clone();
        for s in &mut plan.sessions {
            s.session = Session::new(s.session.kind, s.session.minutes, fitness);
        }
        plan
    }

    /// The week's last day. Checked: a plan is data read back from storage, and a
    /// date at the end of the calendar must not panic (storage refuses years past
    /// 9999, so this never stops short in practice).
    pub fn end(&self) -> NaiveDate {
        self.start.checked_add_days(Days::new(6)).unwrap_or(NaiveDate::MAX)
    }

    /// The week's days (fewer at the end of the calendar, never a panic).
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        (0..7).map_while(|d| self.start.checked_add_days(Days::new(d)))
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.start..=self.end()).contains(&date)
    }

    pub fn session(&self, id: SessionId) -> Option<&PlannedSession> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// Sessions that hold their day and load: planned or done.
    pub fn active(&self) -> impl Iterator<Item = &PlannedSession> + '_ {
        self.sessions.iter().filter(|s| s.status.is_active() && s.session.kind != SessionKind::Rest)
    }

    /// The active session on `date`, if any.
    pub fn on(&self, date: NaiveDate) -> Option<&PlannedSession> {
        self.active().find(|s| s.date == date)
    }

    /// The planned load of the active sessions (session-RPE units).
    pub fn planned_load(&self) -> f64 {
        self.active().map(|s| s.session.load()).fold(0.0, |a, l| a + l)
    }

    /// The planned running minutes of the active sessions (strength aside).
    pub fn planned_minutes(&self) -> f64 {
        // Folded from +0.0: an empty f64 sum is −0.0, which would show as "-0".
        self.active()
            .filter(|s| s.session.is_run())
            .map(|s| f64::from(s.session.minutes))
            .fold(0.0, |a, m| a + m)
    }

    /// The planned load and running minutes of the sessions still to do from
    /// `today` on: what a change of plan may never raise (a miss is never made up).
    pub fn remaining(&self, today: NaiveDate) -> (f64, f64) {
        self.sessions
            .iter()
            .filter(|s| {
                s.status == SessionStatus::Planned && s.date >= today && s.session.kind != SessionKind::Rest
            })
            .fold((0.0, 0.0), |(load, minutes), s| {
                let m = if s.session.is_run() { f64::from(s.session.minutes) } else { 0.0 };
                (load + s.session.load(), minutes + m)
            })
    }

    /// Days with no active session, the race day aside (a paused day rests too).
    pub fn rest_days(&self) -> Vec<NaiveDate> {
        self.dates().filter(|d| self.on(*d).is_none() && Some(*d) != self.race_day).collect()
    }

    fn sort(&mut self) {
        self.sessions.sort_by_key(|s| (s.date, s.id));
    }
}

/// Errors of the plan operations.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("That session is not in this week's plan.")]
    NotFound(SessionId),
    #[error("That session is already {}; only a planned session can be changed.", .status.slug())]
    NotPlanned { id: SessionId, status: SessionStatus },
    #[error("{} is outside this plan's week.", day_name(*.0))]
    OutsideWeek(NaiveDate),
    #[error(transparent)]
    Rule(#[from] RuleBroken),
}

pub use crate::analysis::words::day_name;
