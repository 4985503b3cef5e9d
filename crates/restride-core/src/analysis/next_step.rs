//! The one answer: of everything the radar found and what the runner is going
//! through (ill or injured, coming back, after a race, a new runner's base), the
//! single next step, and why it won. Restride's own rule, on the coaching-safety
//! sources (docs/coaching-safety.md), in this order:
//!
//! 1. **Safety**: ill or injured now (rest; for a cold above the neck, the neck
//!    check, Eichner 1993), a race's recovery window (about an easy day per km
//!    raced), a return week after a setback (Daniels: rebuild from a share of the
//!    load before the break).
//! 2. **Recovery**: overreaching, life stress and effort creep, all answered with
//!    rest or an easier week: a performance decline with rising effort or fatigue
//!    calls for rest, never more intensity (Meeusen et al. 2013), and effort rising
//!    at the same pace follows overreaching (Siegl et al. 2018).
//! 3. **Load**: missed sessions crammed into the next week (a jump in load).
//! 4. **Variety and progress**: the same run every time, a plateau, every run easy,
//!    low motivation.
//! 5. **Base**: a new runner's first 9 weeks of easy running.
//!
//! A rut sign comes before a sign worth watching of the same rank, and signs of one
//! rank and level keep the order above. While a reason of rank 1 or 2 is present,
//! or a new runner is building a base, anything that asks more of the body (a
//! harder session, a longer run, strength work: [`Remedy::adds_load`]) waits: the
//! step is never one of them, the radar's cards show them as "once recovered", and
//! the plan holds no quality session in a week whose first reason calls for
//! recovery (`plan::build_week`). So the answer, the cards and the plan never
//! contradict each other.

use chrono::{Duration, NaiveDate};

use super::context::{BASE_BUILDING_DAYS, base_until};
use super::words::{and_list, day_name};
use super::{Finding, Remedy, Sign, Status};
use crate::plan::{RaceGoal, RaceRecovery, recovering_from};
use crate::run::Run;
use crate::setback::{ReturnWeek, Setback, SetbackKind, lasting_on, return_week};

/// How much a reason weighs, most first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    Safety,
    Recovery,
    Load,
    Variety,
    Base,
}

/// The signs in the order they weigh within their rank: rank first, then their
/// place in this list.
const SIGN_ORDER: [(Sign, Priority); 8] = [
    (Sign::Overreaching, Priority::Recovery),
    (Sign::LifeStress, Priority::Recovery),
    (Sign::EffortCreep, Priority::Recovery),
    (Sign::Cramming, Priority::Load),
    (Sign::Staleness, Priority::Variety),
    (Sign::Plateau, Priority::Variety),
    (Sign::AllEasy, Priority::Variety),
    (Sign::LowMotivation, Priority::Variety),
];

/// A sign's rank and its place within it: how the verdict and the answer order signs.
pub fn sign_rank(sign: Sign) -> (Priority, usize) {
    SIGN_ORDER
        .iter()
        .position(|(s, _)| *s == sign)
        .and_then(|i| SIGN_ORDER.get(i).map(|(_, p)| (*p, i)))
        .unwrap_or((Priority::Variety, SIGN_ORDER.len()))
}

/// What the runner is going through, apart from the signs: the circumstances the
/// plan's safety rules also read.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Circumstances {
    /// Ill or injured on the day.
    pub setback: Option<Setback>,
    /// In a race's recovery window (the strictest, when several reach the day).
    pub race: Option<RaceRecovery>,
    /// The week is a return week after a setback.
    pub returning: Option<ReturnWeek>,
    /// A new runner's easy base lasts until this day.
    pub base_until: Option<NaiveDate>,
}

impl Circumstances {
    /// The circumstances on `day`, in the week starting `week_start`: the setback
    /// lasting that day, a race's recovery window reaching it (a logged race, or the
    /// goal's day once past; see `plan::recovering_from`), the return week the week
    /// is, and a new runner's base (see `context::base_until`; none before a first run).
    pub fn on(
        day: NaiveDate,
        week_start: NaiveDate,
        runs: &[Run],
        goal: Option<&RaceGoal>,
        setbacks: &[Setback],
    ) -> Self {
        // A base only while the first run is recent: the earliest start instant
        // (cheap to find, and within a day of the earliest local date) rules out a
        // long history before any date is worked out per run.
        let recent_start = runs
            .iter()
            .map(|r| r.start)
            .min()
            .is_some_and(|first| first.date_naive() + Duration::days(BASE_BUILDING_DAYS + 1) > day);
        Self {
            setback: lasting_on(setbacks, day).copied(),
            race: recovering_from(runs, goal, day, day + Duration::days(1)).first().copied(),
            returning: return_week(setbacks, week_start),
            base_until: (recent_start && runs.iter().any(|r| r.start.date_naive() <= day))
                .then(|| base_until(runs, week_start))
                .filter(|until| *until > day),
        }
    }
}

/// Something weighed for the next step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reason {
    Setback(Setback),
    RaceRecovery(RaceRecovery),
    Returning(ReturnWeek),
    /// A sign at watch (`rut: false`) or rut, with the first of its remedies that
    /// may go on now, if any.
    Sign {
        sign: Sign,
        rut: bool,
        remedy: Option<Remedy>,
    },
    BaseBuilding {
        until: NaiveDate,
    },
}

impl Reason {
    pub fn priority(&self) -> Priority {
        match self {
            Self::Setback(_) | Self::RaceRecovery(_) | Self::Returning(_) => Priority::Safety,
            Self::Sign { sign, .. } => sign_rank(*sign).0,
            Self::BaseBuilding { .. } => Priority::Base,
        }
    }

    /// Whether it asks for rest or easy running first: no quality session in a week
    /// it leads, and nothing that adds load while it lasts.
    pub fn calls_for_recovery(&self) -> bool {
        matches!(self.priority(), Priority::Safety | Priority::Recovery)
    }

    /// Whether harder work waits while it lasts: recovery, and a new runner's base.
    fn holds_load(&self) -> bool {
        self.calls_for_recovery() || self.priority() == Priority::Base
    }

    /// Stable text for `data-*` attributes and tests: the sign's slug, or "setback",
    /// "race", "return", "base".
    pub fn slug(&self) -> &'static str {
        match self {
            Self::Setback(_) => "setback",
            Self::RaceRecovery(_) => "race",
            Self::Returning(_) => "return",
            Self::Sign { sign, .. } => sign.slug(),
            Self::BaseBuilding { .. } => "base",
        }
    }

    /// What it is, in a few words: "overreaching and poor recovery (a rut sign)".
    pub fn label(&self) -> String {
        match self {
            Self::Setback(s) => format!("being {} since {}", s.kind.phrase(), day_name(s.start)),
            Self::RaceRecovery(r) => format!("your race on {}", day_name(r.race_day)),
            Self::Returning(r) => {
                format!("coming back after being {} (return week {} of {})", r.kind.phrase(), r.week, r.of)
            }
            Self::Sign { sign, rut, .. } => format!(
                "{} ({})",
                sign.title().to_lowercase(),
                if *rut { "a rut sign" } else { "worth watching" }
            ),
            Self::BaseBuilding { .. } => "building an easy base".into(),
        }
    }

    /// Until when harder work waits, as it reads after "wait": "until you have
    /// recovered", "until Sat 5 Dec".
    fn until(&self) -> String {
        match self {
            Self::RaceRecovery(r) => format!("until {} (your race's recovery)", day_name(r.quality_from())),
            Self::BaseBuilding { until } => format!("until {} (your first 9 weeks)", day_name(*until)),
            Self::Setback(_) => "until you are back and through your return".into(),
            _ => "until you have recovered".into(),
        }
    }
}

/// The single next step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// Ill (below the neck, or a fever) or injured: rest until back.
    Rest(SetbackKind),
    /// A cold above the neck: easy running only if up to it.
    NeckCheck,
    /// After a race: easy running until `until`.
    RecoverFromRace { until: NaiveDate },
    /// A return week: easy running at `share` of the load before the break.
    EaseBack { week: u8, of: u8, share: f64 },
    /// One of the radar's remedies.
    Try(Remedy),
    /// A new runner: easy runs, nothing hard until `until`.
    BuildBase { until: NaiveDate },
    /// Nothing flagged: keep going.
    KeepGoing,
    /// Not enough history to say.
    KeepLogging,
}

impl Step {
    /// The step in one plain sentence.
    pub fn text(&self) -> String {
        match self {
            Self::Rest(kind) => format!(
                "Rest while you are {}: no runs until you are back, then the plan eases you in.",
                kind.phrase()
            ),
            Self::NeckCheck => {
                "With a cold above the neck, run easy only if you feel up to it; with a fever or \
                                symptoms below the neck, rest."
                    .into()
            }
            Self::RecoverFromRace { until } => {
                format!("Recover from your race: easy running only until {}.", day_name(*until))
            }
            Self::EaseBack { week, of, share } => format!(
                "Ease back in: easy running only, about {:.0} % of your load before the break (return week \
                 {week} of {of}).",
                share * 100.0
            ),
            Self::Try(remedy) => remedy.text().into(),
            Self::BuildBase { until } => format!(
                "Keep your runs easy and build the habit: harder sessions come after {}.",
                day_name(*until)
            ),
            Self::KeepGoing => "Keep doing what you are doing: vary your runs and log each one.".into(),
            Self::KeepLogging => {
                "Keep logging your runs (and check in daily): the radar needs a few weeks of history.".into()
            }
        }
    }
}

/// The answer: one step, what it answers, and everything weighed.
#[derive(Debug, Clone, PartialEq)]
pub struct NextStep {
    pub step: Step,
    /// What the step answers: `None` when nothing is flagged or known.
    pub reason: Option<Reason>,
    /// Everything weighed, most first (the step's reason among them).
    pub weighed: Vec<Reason>,
    /// The first reason that holds harder work back, when one does.
    pub holding: Option<Reason>,
}

impl NextStep {
    /// Whether `remedy` waits for now (see the module notes).
    pub fn holds(&self, remedy: Remedy) -> bool {
        self.holding.is_some() && remedy.adds_load()
    }

    /// "until you have recovered", when something holds harder work back.
    pub fn held_until(&self) -> Option<String> {
        self.holding.map(|r| r.until())
    }

    /// Why this step won, in plain sentences: what was weighed and the rule that
    /// decided.
    pub fn why(&self) -> String {
        let Some(reason) = self.reason else {
            return if self.weighed.is_empty() {
                "Nothing in your history calls for a change: no sign of a rut is showing.".into()
            } else {
                "Nothing shows that one step would answer.".into()
            };
        };
        let rule = match reason.priority() {
            Priority::Safety => {
                "Your health and your legs come first: while you are ill or injured, after a \
                                 race and coming back from a break, easy running or rest comes before anything \
                                 else."
            }
            Priority::Recovery => {
                "Recovery comes first: with signs of fatigue or stress, rest and an easier \
                                   week come before any harder session (Meeusen et al. 2013: rest, not more \
                                   load)."
            }
            Priority::Load => {
                "Nothing calls for rest, and squeezing missed sessions into a week is the next \
                               risk: a sudden jump in load."
            }
            Priority::Variety => {
                "Nothing calls for rest or less load, so the step answers the strongest sign \
                                  of a rut."
            }
            Priority::Base => "You are new to running: easy running builds the base everything else needs.",
        };
        let mut text = format!("{rule} This step answers {}.", reason.label());
        let others: Vec<String> = self.weighed.iter().filter(|r| **r != reason).map(Reason::label).collect();
        if !others.is_empty() {
            text.push_str(&format!(" Also weighed: {}.", and_list(&others)));
        }
        if let Some(until) = self.held_until() {
            text.push_str(&format!(" Harder sessions, longer runs and strength work wait {until}."));
        }
        text
    }
}

/// Everything that weighs on the next step, most first (see the module notes).
pub fn rank(findings: &[Finding], c: &Circumstances) -> Vec<Reason> {
    let mut reasons: Vec<Reason> = Vec::new();
    reasons.extend(c.setback.map(Reason::Setback));
    reasons.extend(c.race.map(Reason::RaceRecovery));
    reasons.extend(c.returning.map(Reason::Returning));
    let holding = !reasons.is_empty()
        || c.base_until.is_some()
        || findings.iter().any(|f| f.status.severity() > 0 && sign_rank(f.sign).0 == Priority::Recovery);
    let mut signs: Vec<(&Finding, (Priority, usize))> =
        findings.iter().filter(|f| f.status.severity() > 0).map(|f| (f, sign_rank(f.sign))).collect();
    signs.sort_by_key(|(f, (priority, i))| (*priority, std::cmp::Reverse(f.status.severity()), *i));
    reasons.extend(signs.into_iter().map(|(f, _)| Reason::Sign {
        sign: f.sign,
        rut: f.status == Status::Rut,
        remedy:
            f.remedies.iter().copied().find(|r| *r != Remedy::TrackProgress && !(holding && r.adds_load())),
    }));
    reasons.extend(c.base_until.map(|until| Reason::BaseBuilding { until }));
    reasons
}

/// The first reason of [`rank`]: what a week's plan puts first.
pub fn first_reason(findings: &[Finding], c: &Circumstances) -> Option<Reason> {
    rank(findings, c).into_iter().next()
}

/// The single next step for `findings` in `c` (see the module notes).
pub fn next_step(findings: &[Finding], c: &Circumstances) -> NextStep {
    let weighed = rank(findings, c);
    let holding = weighed.iter().copied().find(Reason::holds_load);
    // The first reason with something to do now: a sign whose remedies all wait
    // (a plateau's intervals in a new runner's base) gives way to the next.
    let answer = weighed.iter().find_map(|reason| {
        let step = match reason {
            Reason::Setback(s) if s.kind == SetbackKind::HeadCold => Step::NeckCheck,
            Reason::Setback(s) => Step::Rest(s.kind),
            Reason::RaceRecovery(r) => Step::RecoverFromRace { until: r.last_day() },
            Reason::Returning(r) => Step::EaseBack { week: r.week, of: r.of, share: r.share },
            Reason::Sign { remedy, .. } => Step::Try((*remedy)?),
            Reason::BaseBuilding { until } => Step::BuildBase { until: *until },
        };
        Some((step, *reason))
    });
    let all_unknown = findings.iter().all(|f| matches!(f.status, Status::Insufficient { .. }));
    let (step, reason) = match answer {
        Some((step, reason)) => (step, Some(reason)),
        None if all_unknown => (Step::KeepLogging, None),
        None => (Step::KeepGoing, None),
    };
    NextStep { step, reason, weighed, holding }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Status;
    use crate::plan::week::tests::{date, finding};

    fn with(sign: Sign, status: Status, remedies: &[Remedy]) -> Finding {
        Finding { remedies: remedies.to_vec(), ..finding(sign, status) }
    }

    #[test]
    fn recovery_outranks_a_rut_in_variety_and_holds_its_harder_remedies() {
        let findings = [
            with(
                Sign::Plateau,
                Status::Rut,
                &[Remedy::Intervals, Remedy::TempoSession, Remedy::TrackProgress],
            ),
            with(Sign::EffortCreep, Status::Watch, &[Remedy::EasierWeek, Remedy::RestDay]),
            with(Sign::Staleness, Status::Rut, &[Remedy::HillsSession, Remedy::NewRoute]),
        ];
        let n = next_step(&findings, &Circumstances::default());
        assert_eq!(n.step, Step::Try(Remedy::EasierWeek));
        assert!(matches!(n.reason, Some(Reason::Sign { sign: Sign::EffortCreep, rut: false, .. })));
        assert!(n.holds(Remedy::Intervals) && n.holds(Remedy::Strength) && !n.holds(Remedy::NewRoute));
        // The staleness card's step now is the new route, not the hills.
        assert!(n.weighed.iter().any(|r| matches!(
            r,
            Reason::Sign { sign: Sign::Staleness, remedy: Some(Remedy::NewRoute), .. }
        )));
        let why = n.why();
        assert!(
            why.contains("Recovery comes first") && why.contains("effort creep (worth watching)"),
            "{why}"
        );
        assert!(
            why.contains("Also weighed: same run every time (a rut sign) and plateau (a rut sign)"),
            "{why}"
        );
        assert!(why.contains("wait until you have recovered"), "{why}");
    }

    #[test]
    fn without_recovery_signs_the_strongest_variety_sign_answers() {
        let findings = [
            with(Sign::LowMotivation, Status::Rut, &[Remedy::RunningPartner]),
            with(Sign::Plateau, Status::Watch, &[Remedy::Intervals]),
            with(Sign::Staleness, Status::Watch, &[Remedy::NewRoute]),
        ];
        let n = next_step(&findings, &Circumstances::default());
        // A rut before a watch of the same rank; among watches, staleness before plateau.
        let order: Vec<Sign> = n
            .weighed
            .iter()
            .filter_map(|r| match r {
                Reason::Sign { sign, .. } => Some(*sign),
                _ => None,
            })
            .collect();
        assert_eq!(order, [Sign::LowMotivation, Sign::Staleness, Sign::Plateau]);
        assert_eq!(n.step, Step::Try(Remedy::RunningPartner));
        assert_eq!(n.holding, None);
        assert!(!n.holds(Remedy::Intervals));
    }

    #[test]
    fn circumstances_come_first() {
        let ill = Setback { kind: SetbackKind::Ill, start: date("2026-11-20"), end: None };
        let findings = [with(Sign::Staleness, Status::Rut, &[Remedy::NewRoute])];
        let c = Circumstances { setback: Some(ill), ..Circumstances::default() };
        let n = next_step(&findings, &c);
        assert_eq!(n.step, Step::Rest(SetbackKind::Ill));
        assert!(n.step.text().starts_with("Rest while you are ill"));
        let cold = Circumstances {
            setback: Some(Setback { kind: SetbackKind::HeadCold, ..ill }),
            ..Circumstances::default()
        };
        assert_eq!(next_step(&[], &cold).step, Step::NeckCheck);
        let race = RaceRecovery::new(date("2026-11-22"), 10_000.0, false);
        let c = Circumstances { race: Some(race), ..Circumstances::default() };
        let n = next_step(&findings, &c);
        assert_eq!(n.step, Step::RecoverFromRace { until: date("2026-12-02") });
        assert!(n.holds(Remedy::HillsSession));
        assert!(n.why().contains("wait until Thu 3 Dec (your race's recovery)"), "{}", n.why());
    }

    #[test]
    fn a_new_runner_builds_a_base_and_nothing_flagged_keeps_going() {
        let base = Circumstances { base_until: Some(date("2026-12-28")), ..Circumstances::default() };
        // A plateau's only remedies wait in a base: the base answers.
        let plateau = [with(Sign::Plateau, Status::Watch, &[Remedy::Intervals, Remedy::TrackProgress])];
        let n = next_step(&plateau, &base);
        assert_eq!(n.step, Step::BuildBase { until: date("2026-12-28") });
        assert!(n.holds(Remedy::Intervals));
        let clear = [finding(Sign::Staleness, Status::Clear)];
        let n = next_step(&clear, &Circumstances::default());
        assert_eq!((n.step, n.reason), (Step::KeepGoing, None));
        assert!(n.why().contains("no sign of a rut"));
        let unknown = [finding(Sign::Staleness, Status::Insufficient { needs: "more".into() })];
        assert_eq!(next_step(&unknown, &Circumstances::default()).step, Step::KeepLogging);
    }

    #[test]
    fn circumstances_are_read_from_the_history() {
        let monday = date("2026-11-23");
        let ill =
            Setback { kind: SetbackKind::Injured, start: date("2026-10-20"), end: Some(date("2026-11-10")) };
        let race =
            crate::testing::sample_run(1, "2026-11-21T09:00:00+01:00", crate::run::RunType::Race, 45.0, 10.0);
        let old =
            crate::testing::sample_run(2, "2026-01-05T09:00:00+01:00", crate::run::RunType::Easy, 30.0, 5.0);
        let c = Circumstances::on(monday, monday, &[race, old], None, &[ill]);
        assert_eq!(c.setback, None);
        assert_eq!(c.race.map(|r| r.race_day), Some(date("2026-11-21")));
        assert_eq!(c.returning.map(|r| r.week), Some(3));
        assert_eq!(c.base_until, None, "running since January");
        let fresh =
            crate::testing::sample_run(3, "2026-11-02T09:00:00+01:00", crate::run::RunType::Easy, 30.0, 5.0);
        let c = Circumstances::on(monday, monday, std::slice::from_ref(&fresh), None, &[]);
        assert_eq!(c.base_until, Some(date("2027-01-04")));
    }
}
