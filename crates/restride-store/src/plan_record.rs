//! The training plan and race goal as stored: one key per planned week
//! (`restride.plan.YYYY-MM-DD`, the week's first day) and `restride.goal`.
//!
//! Each keeps when it was last changed (`updated_ms`, schema 5), which decides a
//! merge (a backup restored, another device's copy): a week's plan is one thing,
//! taken whole from whichever copy is newer, never mixed session by session (two
//! plans' sessions together could break the rules each keeps). A cleared goal is a
//! record too, so clearing it wins over an older goal from another device.
//!
//! A stored session keeps what the runner was asked to do and what became of it
//! (kind, minutes, day, time, status); its how-to and pace targets are rebuilt from
//! the kind and length when read, so they follow the library's wording and the
//! runner's current fitness rather than freezing last month's paces.

use chrono::{DateTime, NaiveDate, Utc};
use restride_core::analysis::Sign;
use restride_core::plan::{
    Adjustment, LoadBasis, PlannedSession, RaceGoal, Session, SessionId, SessionKind, SessionStatus,
    TaperWeek, WeekPlan,
};
use restride_core::{RunId, SetbackKind, TimeOfDay};
use serde::{Deserialize, Serialize};

use crate::record::{
    DecodeError, SCHEMA_VERSION, Versioned, check_version, decode_text, in_years, time_from_ms,
    weekday_from_slug, weekday_slug,
};

const DATE: &str = "%Y-%m-%d";

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRecord {
    pub schema: u32,
    pub start: String,
    pub run_days: Vec<String>,
    pub sessions: Vec<SessionRecord>,
    pub load: LoadRecord,
    pub target_load: f64,
    #[serde(default)]
    pub adjustments: Vec<AdjustmentRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub race_day: Option<String>,
    /// Days an illness or injury paused (schema 4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paused: Vec<String>,
    /// The first day a quality session may go on (schema 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_from: Option<String>,
    /// When the plan was last changed, Unix milliseconds (schema 5; 0 before).
    #[serde(default)]
    pub updated_ms: i64,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionRecord {
    pub n: u8,
    pub date: String,
    pub time: String,
    pub kind: String,
    pub minutes: u32,
    /// `planned`, `done`, `skipped` or `missed`.
    pub status: String,
    /// The run that ticked it off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<String>,
    /// Why it was missed, when the runner said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoadRecord {
    pub weeks: [f64; 4],
    pub average: f64,
    pub sessions_per_week: f64,
    pub cap: f64,
    pub beginner: bool,
    /// The running minutes and longest-run bounds (schema 4). A v3 plan has none:
    /// its own planned minutes and longest session stand in, so no change to it can
    /// go beyond what it already held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_minutes: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_cap: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longest_minutes: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longest_cap: Option<f64>,
}

/// Why the plan looks as it does, by name, with signs and kinds as their slugs.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "kebab-case", deny_unknown_fields)]
pub enum AdjustmentRecord {
    NoRunDays,
    BeginnerWeek,
    RestDayKept,
    Lighter { sign: String, share: f64 },
    FewerSessions { sign: String },
    NoQuality { sign: String },
    QualityFor { sign: String },
    MoreVariety { sign: String },
    Taper { week: u8, of: u8, reduction: f64 },
    RaceWeek { date: String },
    MadeEasy { kind: String },
    Trimmed { kind: String, dropped: bool },
    Reflowed { missed: usize, promoted: Option<String> },
    PartWeek { from: String, share: f64 },
    RaceRecovery { race_day: String, distance_m: f64, quality_from: String, share: f64 },
    Paused { kind: String, from: String, until: Option<String> },
    Return { kind: String, back: String, week: u8, of: u8, share: f64 },
    BaseBuilding { until: String },
    LongestRun { cap: f64, longest: f64 },
    Minutes { cap: f64, average: f64 },
}

/// The race goal, or (no distance and no date) that the runner cleared it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalRecord {
    pub schema: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_m: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_s: Option<u32>,
    /// When the goal was last set or cleared, Unix milliseconds (schema 5; 0 before).
    #[serde(default)]
    pub updated_ms: i64,
}

impl Versioned for PlanRecord {
    fn schema(&self) -> u32 {
        self.schema
    }
}

impl Versioned for GoalRecord {
    fn schema(&self) -> u32 {
        self.schema
    }
}

/// A stored value and when it was last changed: the newer of two copies wins.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamped<T> {
    pub value: T,
    pub updated: DateTime<Utc>,
}

fn date(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

/// A stored day: `YYYY-MM-DD` within the years Restride keeps.
fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, DATE).ok().filter(|d| in_years(*d))
}

impl PlanRecord {
    pub(crate) fn new(plan: &WeekPlan, updated: DateTime<Utc>) -> Self {
        Self {
            schema: SCHEMA_VERSION,
            start: date(plan.start),
            run_days: plan.run_days.iter().map(|d| weekday_slug(*d).to_string()).collect(),
            sessions: plan.sessions.iter().map(SessionRecord::from).collect(),
            load: LoadRecord {
                weeks: plan.load.weeks,
                average: plan.load.average,
                sessions_per_week: plan.load.sessions_per_week,
                cap: plan.load.cap,
                beginner: plan.load.beginner,
                average_minutes: Some(plan.load.average_minutes),
                minutes_cap: Some(plan.load.minutes_cap),
                longest_minutes: Some(plan.load.longest_minutes),
                longest_cap: Some(plan.load.longest_cap),
            },
            target_load: plan.target_load,
            adjustments: plan.adjustments.iter().map(AdjustmentRecord::from).collect(),
            race_day: plan.race_day.map(date),
            paused: plan.paused.iter().map(|d| date(*d)).collect(),
            quality_from: plan.quality_from.map(date),
            updated_ms: updated.timestamp_millis(),
        }
    }
}

impl From<&PlannedSession> for SessionRecord {
    fn from(s: &PlannedSession) -> Self {
        let (run, reason) = match &s.status {
            SessionStatus::Done(run) => (Some(run.to_string()), None),
            SessionStatus::Missed { reason } => (None, reason.clone()),
            SessionStatus::Planned | SessionStatus::Skipped => (None, None),
        };
        Self {
            n: s.id.n,
            date: date(s.date),
            time: s.time.slug().to_string(),
            kind: s.session.kind.slug().to_string(),
            minutes: s.session.minutes,
            status: s.status.slug().to_string(),
            run,
            reason,
        }
    }
}

impl From<&Adjustment> for AdjustmentRecord {
    fn from(a: &Adjustment) -> Self {
        let sign = |s: &Sign| s.slug().to_string();
        match a {
            Adjustment::NoRunDays => Self::NoRunDays,
            Adjustment::BeginnerWeek => Self::BeginnerWeek,
            Adjustment::RestDayKept => Self::RestDayKept,
            Adjustment::Lighter { sign: s, share } => Self::Lighter { sign: sign(s), share: *share },
            Adjustment::FewerSessions { sign: s } => Self::FewerSessions { sign: sign(s) },
            Adjustment::NoQuality { sign: s } => Self::NoQuality { sign: sign(s) },
            Adjustment::QualityFor { sign: s } => Self::QualityFor { sign: sign(s) },
            Adjustment::MoreVariety { sign: s } => Self::MoreVariety { sign: sign(s) },
            Adjustment::Taper(t) => Self::Taper { week: t.week, of: t.of, reduction: t.reduction },
            Adjustment::RaceWeek(d) => Self::RaceWeek { date: date(*d) },
            Adjustment::PartWeek { from, share } => Self::PartWeek { from: date(*from), share: *share },
            Adjustment::MadeEasy { kind } => Self::MadeEasy { kind: kind.slug().to_string() },
            Adjustment::Trimmed { kind, dropped } => {
                Self::Trimmed { kind: kind.slug().to_string(), dropped: *dropped }
            }
            Adjustment::Reflowed { missed, promoted } => {
                Self::Reflowed { missed: *missed, promoted: promoted.map(|k| k.slug().to_string()) }
            }
            Adjustment::RaceRecovery { race_day, distance_m, quality_from, share } => Self::RaceRecovery {
                race_day: date(*race_day),
                distance_m: *distance_m,
                quality_from: date(*quality_from),
                share: *share,
            },
            Adjustment::Paused { kind, from, until } => {
                Self::Paused { kind: kind.slug().to_string(), from: date(*from), until: until.map(date) }
            }
            Adjustment::Return { kind, back, week, of, share } => Self::Return {
                kind: kind.slug().to_string(),
                back: date(*back),
                week: *week,
                of: *of,
                share: *share,
            },
            Adjustment::BaseBuilding { until } => Self::BaseBuilding { until: date(*until) },
            Adjustment::LongestRun { cap, longest } => Self::LongestRun { cap: *cap, longest: *longest },
            Adjustment::Minutes { cap, average } => Self::Minutes { cap: *cap, average: *average },
        }
    }
}

fn invalid(week: &str, what: &str) -> DecodeError {
    DecodeError::InvalidPlan { week: week.to_string(), reason: what.to_string() }
}

impl TryFrom<PlanRecord> for WeekPlan {
    type Error = DecodeError;

    fn try_from(r: PlanRecord) -> Result<Self, DecodeError> {
        let bad = |what: &str| invalid(&r.start, what);
        let parse_date = |s: &str| parse_day(s).ok_or_else(|| bad("bad date"));
        let start = parse_date(&r.start)?;
        let run_days = r
            .run_days
            .iter()
            .map(|d| weekday_from_slug(d).ok_or_else(|| bad("bad run day")))
            .collect::<Result<_, _>>()?;
        let bounds = [r.load.average_minutes, r.load.minutes_cap, r.load.longest_minutes, r.load.longest_cap];
        let finite = [r.target_load, r.load.average, r.load.sessions_per_week, r.load.cap]
            .iter()
            .chain(&r.load.weeks)
            .chain(bounds.iter().flatten())
            .all(|x| x.is_finite() && *x >= 0.0);
        if !finite {
            return Err(bad("bad load"));
        }
        let mut sessions = Vec::with_capacity(r.sessions.len());
        for s in &r.sessions {
            let kind = SessionKind::from_slug(&s.kind)
                .ok_or_else(|| DecodeError::unknown("a session kind", &s.kind))?;
            let status = match (s.status.as_str(), &s.run) {
                ("planned", _) => SessionStatus::Planned,
                ("done", Some(run)) => {
                    SessionStatus::Done(RunId::parse(run).ok_or_else(|| bad("bad run id"))?)
                }
                ("done", None) => return Err(bad("done without its run")),
                ("skipped", _) => SessionStatus::Skipped,
                ("missed", _) => SessionStatus::Missed { reason: s.reason.clone() },
                (other, _) => return Err(DecodeError::unknown("a session status", other)),
            };
            sessions.push(PlannedSession {
                id: SessionId { week: start, n: s.n },
                date: parse_date(&s.date)?,
                time: TimeOfDay::from_slug(&s.time)
                    .ok_or_else(|| DecodeError::unknown("a time of day", &s.time))?,
                session: Session::new(kind, s.minutes, None),
                status,
            });
        }
        let adjustments = r.adjustments.iter().map(|a| a.to_domain(&r.start)).collect::<Result<_, _>>()?;
        // A v3 plan: its own planned minutes and longest run are its bounds.
        let running = || sessions.iter().filter(|s: &&PlannedSession| s.session.is_run());
        let planned_minutes: f64 = running().map(|s| f64::from(s.session.minutes)).sum::<f64>().max(0.0);
        let longest_run = running().map(|s| f64::from(s.session.minutes)).fold(0.0, f64::max);
        let minutes_cap = r.load.minutes_cap.unwrap_or(planned_minutes);
        let longest_cap = r.load.longest_cap.unwrap_or(longest_run);
        Ok(WeekPlan {
            start,
            run_days,
            load: LoadBasis {
                weeks: r.load.weeks,
                average: r.load.average,
                sessions_per_week: r.load.sessions_per_week,
                cap: r.load.cap,
                beginner: r.load.beginner,
                average_minutes: r.load.average_minutes.unwrap_or(minutes_cap),
                minutes_cap,
                longest_minutes: r.load.longest_minutes.unwrap_or(longest_cap),
                longest_cap,
            },
            sessions,
            target_load: r.target_load,
            adjustments,
            race_day: r.race_day.as_deref().map(parse_date).transpose()?,
            paused: r.paused.iter().map(|d| parse_date(d)).collect::<Result<_, _>>()?,
            quality_from: r.quality_from.as_deref().map(parse_date).transpose()?,
        })
    }
}

impl AdjustmentRecord {
    /// The reason as the domain has it. A sign, kind or setback this version
    /// doesn't know is a newer version's ([`DecodeError::Unknown`]); numbers out of
    /// range or a bad date are damage.
    fn to_domain(&self, week: &str) -> Result<Adjustment, DecodeError> {
        let bad = || invalid(week, "bad reason");
        let sign = |s: &str| {
            Sign::ALL.into_iter().find(|x| x.slug() == s).ok_or_else(|| DecodeError::unknown("a sign", s))
        };
        let kind =
            |k: &str| SessionKind::from_slug(k).ok_or_else(|| DecodeError::unknown("a session kind", k));
        let setback = |k: &str| {
            SetbackKind::from_slug(k).ok_or_else(|| DecodeError::unknown("an illness or injury", k))
        };
        let day = |d: &str| parse_day(d).ok_or_else(bad);
        let share_ok = |share: &f64| (0.0..=1.0).contains(share);
        Ok(match self {
            Self::NoRunDays => Adjustment::NoRunDays,
            Self::BeginnerWeek => Adjustment::BeginnerWeek,
            Self::RestDayKept => Adjustment::RestDayKept,
            Self::Lighter { sign: s, share } if share.is_finite() => {
                Adjustment::Lighter { sign: sign(s)?, share: *share }
            }
            Self::FewerSessions { sign: s } => Adjustment::FewerSessions { sign: sign(s)? },
            Self::NoQuality { sign: s } => Adjustment::NoQuality { sign: sign(s)? },
            Self::QualityFor { sign: s } => Adjustment::QualityFor { sign: sign(s)? },
            Self::MoreVariety { sign: s } => Adjustment::MoreVariety { sign: sign(s)? },
            Self::Taper { week, of, reduction } if reduction.is_finite() => {
                Adjustment::Taper(TaperWeek { week: *week, of: *of, reduction: *reduction })
            }
            Self::RaceWeek { date } => Adjustment::RaceWeek(day(date)?),
            Self::PartWeek { from, share } if share_ok(share) => {
                Adjustment::PartWeek { from: day(from)?, share: *share }
            }
            Self::MadeEasy { kind: k } => Adjustment::MadeEasy { kind: kind(k)? },
            Self::Trimmed { kind: k, dropped } => Adjustment::Trimmed { kind: kind(k)?, dropped: *dropped },
            Self::Reflowed { missed, promoted } => {
                Adjustment::Reflowed { missed: *missed, promoted: promoted.as_deref().map(kind).transpose()? }
            }
            Self::RaceRecovery { race_day, distance_m, quality_from, share }
                if distance_m.is_finite() && share_ok(share) =>
            {
                Adjustment::RaceRecovery {
                    race_day: day(race_day)?,
                    distance_m: *distance_m,
                    quality_from: day(quality_from)?,
                    share: *share,
                }
            }
            Self::Paused { kind, from, until } => Adjustment::Paused {
                kind: setback(kind)?,
                from: day(from)?,
                until: until.as_deref().map(day).transpose()?,
            },
            Self::Return { kind, back, week, of, share } if share_ok(share) => Adjustment::Return {
                kind: setback(kind)?,
                back: day(back)?,
                week: *week,
                of: *of,
                share: *share,
            },
            Self::BaseBuilding { until } => Adjustment::BaseBuilding { until: day(until)? },
            Self::LongestRun { cap, longest } if cap.is_finite() && longest.is_finite() => {
                Adjustment::LongestRun { cap: *cap, longest: *longest }
            }
            Self::Minutes { cap, average } if cap.is_finite() && average.is_finite() => {
                Adjustment::Minutes { cap: *cap, average: *average }
            }
            Self::Lighter { .. }
            | Self::Taper { .. }
            | Self::PartWeek { .. }
            | Self::RaceRecovery { .. }
            | Self::Return { .. }
            | Self::LongestRun { .. }
            | Self::Minutes { .. } => return Err(bad()),
        })
    }
}

/// A week's plan as stored, saying when it was last changed.
pub fn encode_plan(plan: &WeekPlan, updated: DateTime<Utc>) -> String {
    // Plain strings and numbers: serialising cannot fail.
    serde_json::to_string(&PlanRecord::new(plan, updated)).unwrap_or_default()
}

pub fn decode_plan(json: &str) -> Result<WeekPlan, DecodeError> {
    decode_stamped_plan(json).map(|p| p.value)
}

/// A stored week's plan and when it was last changed.
pub fn decode_stamped_plan(json: &str) -> Result<Stamped<WeekPlan>, DecodeError> {
    stamped_plan(decode_text::<PlanRecord>(json)?)
}

/// A plan record read (from storage or a backup) as the plan and its time.
pub(crate) fn stamped_plan(record: PlanRecord) -> Result<Stamped<WeekPlan>, DecodeError> {
    check_version(Some(record.schema))?;
    let updated =
        time_from_ms(record.updated_ms).ok_or_else(|| invalid(&record.start, "bad updated time"))?;
    Ok(Stamped { value: record.try_into()?, updated })
}

impl GoalRecord {
    pub(crate) fn new(goal: Option<&RaceGoal>, updated: DateTime<Utc>) -> Self {
        Self {
            schema: SCHEMA_VERSION,
            distance_m: goal.map(|g| g.distance_m),
            date: goal.map(|g| date(g.date)),
            target_s: goal.and_then(|g| g.target_s),
            updated_ms: updated.timestamp_millis(),
        }
    }
}

/// The race goal as stored: `None` once cleared, with when it was set or cleared.
pub fn encode_goal(goal: Option<&RaceGoal>, updated: DateTime<Utc>) -> String {
    serde_json::to_string(&GoalRecord::new(goal, updated)).unwrap_or_default()
}

pub fn decode_goal(json: &str) -> Result<Option<RaceGoal>, DecodeError> {
    decode_stamped_goal(json).map(|g| g.value)
}

/// A stored goal stays readable after its race day (the runner may want to see how
/// it went), so only its shape is checked here, not that it lies ahead.
pub fn decode_stamped_goal(json: &str) -> Result<Stamped<Option<RaceGoal>>, DecodeError> {
    stamped_goal(decode_text::<GoalRecord>(json)?)
}

/// A goal record read (from storage or a backup) as the goal and its time.
pub(crate) fn stamped_goal(r: GoalRecord) -> Result<Stamped<Option<RaceGoal>>, DecodeError> {
    check_version(Some(r.schema))?;
    let bad = |what: &str| DecodeError::InvalidPlan { week: "race goal".into(), reason: what.to_string() };
    let updated = time_from_ms(r.updated_ms).ok_or_else(|| bad("bad updated time"))?;
    let value = match (r.distance_m, r.date) {
        (None, None) if r.target_s.is_none() => None,
        (Some(distance_m), Some(day)) => {
            if !distance_m.is_finite() || distance_m <= 0.0 {
                return Err(bad("bad distance"));
            }
            let date = parse_day(&day).ok_or_else(|| bad("bad date"))?;
            Some(RaceGoal { distance_m, date, target_s: r.target_s })
        }
        _ => return Err(bad("a distance without a date, or a date without a distance")),
    };
    Ok(Stamped { value, updated })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use restride_core::Settings;
    use restride_core::plan::{PlanInput, build_week, mark_missed, skip};

    fn t0() -> DateTime<Utc> {
        DateTime::from_timestamp_millis(1_764_000_000_000).unwrap()
    }

    /// The week of Monday 23 November 2026 as `build_week` plans it for a new runner.
    pub(crate) fn plan() -> WeekPlan {
        let week_start = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let settings = Settings::default();
        build_week(&PlanInput::first_week(week_start, &settings))
    }

    #[test]
    fn a_plan_round_trips_with_its_statuses() {
        let mut p = plan();
        let ids: Vec<SessionId> = p.active().map(|s| s.id).collect();
        assert!(ids.len() >= 2, "{p:?}");
        p = skip(&p, ids[0]).unwrap();
        p = mark_missed(&p, ids[1], Some("late at work")).unwrap();
        let back = decode_plan(&encode_plan(&p, t0())).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn a_plan_begun_mid_week_round_trips_with_its_part_week_note() {
        let week_start = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let settings = Settings::default();
        let p = build_week(&PlanInput {
            week_start,
            first_day: week_start + chrono::Duration::days(3),
            settings: &settings,
            runs: &[],
            findings: &[],
            fitness: None,
            goal: None,
            setbacks: &[],
        });
        assert!(p.adjustments.iter().any(|a| matches!(a, Adjustment::PartWeek { .. })), "{p:?}");
        assert_eq!(decode_plan(&encode_plan(&p, t0())).unwrap(), p);
    }

    #[test]
    fn a_plan_with_its_safety_bounds_and_reasons_round_trips() {
        use restride_core::analysis::performance::MARATHON_M;
        use restride_core::testing::sample_run;
        use restride_core::{RunType, Setback};
        // The week after a marathon, ill since Thursday: recovery, pause, base
        // building and the bounds, all kept.
        let week_start = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let settings = Settings::default();
        let runs =
            vec![sample_run(1, "2026-11-22T09:00:00+01:00", RunType::Race, 230.0, MARATHON_M / 1000.0)];
        let setbacks = [Setback {
            kind: SetbackKind::Ill,
            start: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            end: None,
        }];
        let p = build_week(&PlanInput {
            runs: &runs,
            setbacks: &setbacks,
            ..PlanInput::first_week(week_start, &settings)
        });
        assert!(!p.paused.is_empty() && p.quality_from.is_some(), "{p:?}");
        assert!(p.adjustments.iter().any(|a| matches!(a, Adjustment::RaceRecovery { .. })));
        assert!(p.adjustments.iter().any(|a| matches!(a, Adjustment::Paused { .. })));
        let json = encode_plan(&p, t0());
        assert!(json.starts_with(r#"{"schema":5,"#));
        assert_eq!(decode_plan(&json).unwrap(), p);
        // Every reason round-trips, the ones this plan lacks too.
        let more = WeekPlan {
            adjustments: vec![
                Adjustment::Return {
                    kind: SetbackKind::Injured,
                    back: week_start,
                    week: 2,
                    of: 5,
                    share: 0.575,
                },
                Adjustment::BaseBuilding { until: week_start },
                Adjustment::LongestRun { cap: 77.0, longest: 70.0 },
                Adjustment::Minutes { cap: 170.5, average: 155.0 },
                Adjustment::Paused { kind: SetbackKind::HeadCold, from: week_start, until: Some(week_start) },
            ],
            ..p
        };
        assert_eq!(decode_plan(&encode_plan(&more, t0())).unwrap(), more);
    }

    #[test]
    fn damaged_plans_are_refused_not_guessed() {
        let json = encode_plan(&plan(), t0());
        for (from, to) in [(r#""date":"2026-11-2"#, r#""date":"2026-13-2"#), (r#""cap":"#, r#""cap":-"#)] {
            assert!(json.contains(from), "{json}");
            let err = decode_plan(&json.replacen(from, to, 1)).unwrap_err();
            assert!(matches!(err, DecodeError::InvalidPlan { .. }), "{err:?}");
        }
        // A kind or status this version doesn't know is a newer version's.
        for (from, to) in
            [(r#""kind":"easy""#, r#""kind":"jog""#), (r#""status":"planned""#, r#""status":"maybe""#)]
        {
            let err = decode_plan(&json.replacen(from, to, 1)).unwrap_err();
            assert!(matches!(err, DecodeError::Unknown(_)), "{err:?}");
        }
        assert!(matches!(decode_plan(r#"{"schema":99}"#), Err(DecodeError::TooNew { found: 99 })));
    }

    #[test]
    fn goals_round_trip_even_after_race_day_and_cleared() {
        let goal = RaceGoal {
            distance_m: 21_097.5,
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            target_s: Some(6300),
        };
        assert_eq!(
            decode_stamped_goal(&encode_goal(Some(&goal), t0())),
            Ok(Stamped { value: Some(goal), updated: t0() })
        );
        assert_eq!(decode_stamped_goal(&encode_goal(None, t0())), Ok(Stamped { value: None, updated: t0() }));
        assert!(decode_goal(r#"{"schema":3,"distance_m":-1,"date":"2026-03-01"}"#).is_err());
        assert!(
            decode_goal(r#"{"schema":5,"distance_m":5000,"updated_ms":0}"#).is_err(),
            "a distance without a date"
        );
    }

    #[test]
    fn a_plan_keeps_when_it_was_changed() {
        let p = plan();
        assert_eq!(decode_stamped_plan(&encode_plan(&p, t0())), Ok(Stamped { value: p, updated: t0() }));
    }
}
