//! The training plan and race goal as stored: one key per planned week
//! (`restride.plan.YYYY-MM-DD`, the week's first day) and `restride.goal`.
//!
//! A stored session keeps what the runner was asked to do and what became of it
//! (kind, minutes, day, time, status); its how-to and pace targets are rebuilt from
//! the kind and length when read, so they follow the library's wording and the
//! runner's current fitness rather than freezing last month's paces.

use chrono::NaiveDate;
use restride_core::analysis::Sign;
use restride_core::plan::{
    Adjustment, LoadBasis, PlannedSession, RaceGoal, Session, SessionId, SessionKind, SessionStatus,
    TaperWeek, WeekPlan,
};
use restride_core::{RunId, TimeOfDay};
use serde::{Deserialize, Serialize};

use crate::record::{DecodeError, SCHEMA_VERSION, decode_text, weekday_from_slug, weekday_slug};

const DATE: &str = "%Y-%m-%d";

#[derive(Debug, Serialize, Deserialize)]
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
}

#[derive(Debug, Serialize, Deserialize)]
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
pub struct LoadRecord {
    pub weeks: [f64; 4],
    pub average: f64,
    pub sessions_per_week: f64,
    pub cap: f64,
    pub beginner: bool,
}

/// Why the plan looks as it does, by name, with signs and kinds as their slugs.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "kebab-case")]
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
}

#[derive(Debug, Serialize, Deserialize)]
pub struct GoalRecord {
    pub schema: u32,
    pub distance_m: f64,
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_s: Option<u32>,
}

fn date(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

impl From<&WeekPlan> for PlanRecord {
    fn from(plan: &WeekPlan) -> Self {
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
            },
            target_load: plan.target_load,
            adjustments: plan.adjustments.iter().map(AdjustmentRecord::from).collect(),
            race_day: plan.race_day.map(date),
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
        let parse_date = |s: &str| NaiveDate::parse_from_str(s, DATE).map_err(|_| bad("bad date"));
        let start = parse_date(&r.start)?;
        let run_days = r
            .run_days
            .iter()
            .map(|d| weekday_from_slug(d).ok_or_else(|| bad("bad run day")))
            .collect::<Result<_, _>>()?;
        let finite = [r.target_load, r.load.average, r.load.sessions_per_week, r.load.cap]
            .iter()
            .chain(&r.load.weeks)
            .all(|x| x.is_finite() && *x >= 0.0);
        if !finite {
            return Err(bad("bad load"));
        }
        let mut sessions = Vec::with_capacity(r.sessions.len());
        for s in &r.sessions {
            let kind = SessionKind::from_slug(&s.kind).ok_or_else(|| bad("unknown session kind"))?;
            let status = match (s.status.as_str(), &s.run) {
                ("planned", _) => SessionStatus::Planned,
                ("done", Some(run)) => {
                    SessionStatus::Done(RunId::parse(run).ok_or_else(|| bad("bad run id"))?)
                }
                ("skipped", _) => SessionStatus::Skipped,
                ("missed", _) => SessionStatus::Missed { reason: s.reason.clone() },
                _ => return Err(bad("unknown session status")),
            };
            sessions.push(PlannedSession {
                id: SessionId { week: start, n: s.n },
                date: parse_date(&s.date)?,
                time: TimeOfDay::from_slug(&s.time).ok_or_else(|| bad("bad time of day"))?,
                session: Session::new(kind, s.minutes, None),
                status,
            });
        }
        let adjustments = r
            .adjustments
            .iter()
            .map(|a| a.to_domain().ok_or_else(|| bad("unknown adjustment")))
            .collect::<Result<_, _>>()?;
        Ok(WeekPlan {
            start,
            run_days,
            sessions,
            load: LoadBasis {
                weeks: r.load.weeks,
                average: r.load.average,
                sessions_per_week: r.load.sessions_per_week,
                cap: r.load.cap,
                beginner: r.load.beginner,
            },
            target_load: r.target_load,
            adjustments,
            race_day: r.race_day.as_deref().map(parse_date).transpose()?,
        })
    }
}

impl AdjustmentRecord {
    fn to_domain(&self) -> Option<Adjustment> {
        let sign = |s: &str| Sign::ALL.into_iter().find(|x| x.slug() == s);
        let kind = SessionKind::from_slug;
        Some(match self {
            Self::NoRunDays => Adjustment::NoRunDays,
            Self::BeginnerWeek => Adjustment::BeginnerWeek,
            Self::RestDayKept => Adjustment::RestDayKept,
            Self::Lighter { sign: s, share } if share.is_finite() => {
                Adjustment::Lighter { sign: sign(s)?, share: *share }
            }
            Self::Lighter { .. } => return None,
            Self::FewerSessions { sign: s } => Adjustment::FewerSessions { sign: sign(s)? },
            Self::NoQuality { sign: s } => Adjustment::NoQuality { sign: sign(s)? },
            Self::QualityFor { sign: s } => Adjustment::QualityFor { sign: sign(s)? },
            Self::MoreVariety { sign: s } => Adjustment::MoreVariety { sign: sign(s)? },
            Self::Taper { week, of, reduction } if reduction.is_finite() => {
                Adjustment::Taper(TaperWeek { week: *week, of: *of, reduction: *reduction })
            }
            Self::Taper { .. } => return None,
            Self::RaceWeek { date } => Adjustment::RaceWeek(NaiveDate::parse_from_str(date, DATE).ok()?),
            Self::PartWeek { from, share } if (0.0..=1.0).contains(share) => {
                Adjustment::PartWeek { from: NaiveDate::parse_from_str(from, DATE).ok()?, share: *share }
            }
            Self::PartWeek { .. } => return None,
            Self::MadeEasy { kind: k } => Adjustment::MadeEasy { kind: kind(k)? },
            Self::Trimmed { kind: k, dropped } => Adjustment::Trimmed { kind: kind(k)?, dropped: *dropped },
            Self::Reflowed { missed, promoted } => Adjustment::Reflowed {
                missed: *missed,
                promoted: match promoted {
                    Some(k) => Some(kind(k)?),
                    None => None,
                },
            },
        })
    }
}

pub fn encode_plan(plan: &WeekPlan) -> String {
    // Plain strings and numbers: serialising cannot fail.
    serde_json::to_string(&PlanRecord::from(plan)).unwrap_or_default()
}

pub fn decode_plan(json: &str) -> Result<WeekPlan, DecodeError> {
    decode_text::<PlanRecord>(json)?.try_into()
}

pub fn encode_goal(goal: &RaceGoal) -> String {
    let record = GoalRecord {
        schema: SCHEMA_VERSION,
        distance_m: goal.distance_m,
        date: date(goal.date),
        target_s: goal.target_s,
    };
    serde_json::to_string(&record).unwrap_or_default()
}

/// A stored goal stays readable after its race day (the runner may want to see how
/// it went), so only its shape is checked here, not that it lies ahead.
pub fn decode_goal(json: &str) -> Result<RaceGoal, DecodeError> {
    let r = decode_text::<GoalRecord>(json)?;
    let bad = |what: &str| DecodeError::InvalidPlan { week: "race goal".into(), reason: what.to_string() };
    if !r.distance_m.is_finite() || r.distance_m <= 0.0 {
        return Err(bad("bad distance"));
    }
    let date = NaiveDate::parse_from_str(&r.date, DATE).map_err(|_| bad("bad date"))?;
    Ok(RaceGoal { distance_m: r.distance_m, date, target_s: r.target_s })
}

#[cfg(test)]
mod tests {
    use super::*;
    use restride_core::Settings;
    use restride_core::plan::{PlanInput, build_week, mark_missed, skip};

    fn plan() -> WeekPlan {
        let week_start = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let settings = Settings::default();
        build_week(&PlanInput {
            week_start,
            first_day: week_start,
            settings: &settings,
            runs: &[],
            findings: &[],
            fitness: None,
            goal: None,
        })
    }

    #[test]
    fn a_plan_round_trips_with_its_statuses() {
        let mut p = plan();
        let ids: Vec<SessionId> = p.active().map(|s| s.id).collect();
        assert!(ids.len() >= 2, "{p:?}");
        p = skip(&p, ids[0]).unwrap();
        p = mark_missed(&p, ids[1], Some("late at work")).unwrap();
        let back = decode_plan(&encode_plan(&p)).unwrap();
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
        });
        assert!(p.adjustments.iter().any(|a| matches!(a, Adjustment::PartWeek { .. })), "{p:?}");
        assert_eq!(decode_plan(&encode_plan(&p)).unwrap(), p);
    }

    #[test]
    fn damaged_plans_are_refused_not_guessed() {
        let json = encode_plan(&plan());
        for (from, to) in
            [(r#""kind":"easy""#, r#""kind":"jog""#), (r#""status":"planned""#, r#""status":"maybe""#)]
        {
            assert!(json.contains(from), "{json}");
            let err = decode_plan(&json.replacen(from, to, 1)).unwrap_err();
            assert!(matches!(err, DecodeError::InvalidPlan { .. }), "{err:?}");
        }
        assert!(matches!(decode_plan(r#"{"schema":99}"#), Err(DecodeError::TooNew { found: 99 })));
    }

    #[test]
    fn goals_round_trip_even_after_race_day() {
        let goal = RaceGoal {
            distance_m: 21_097.5,
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            target_s: Some(6300),
        };
        assert_eq!(decode_goal(&encode_goal(&goal)), Ok(goal));
        assert!(decode_goal(r#"{"schema":3,"distance_m":-1,"date":"2026-03-01"}"#).is_err());
    }
}
