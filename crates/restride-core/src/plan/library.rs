//! The session library: what each kind of session is, how to run it, how long and
//! how hard, its load, and its target (paces from the runner's VDOT when a recent
//! hard effort gives one, effort ratings otherwise).

use std::ops::RangeInclusive;

use chrono::{Duration, NaiveDate};

use crate::analysis::performance::{Effort, Intensity, PaceRange, best_effort, training_pace};
use crate::run::{Run, RunType};
use crate::units::{DistanceUnit, format_distance, format_pace};

/// The kinds of session a plan is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SessionKind {
    Easy,
    Recovery,
    Long,
    Tempo,
    Intervals,
    Hills,
    /// A short bodyweight routine.
    Strength,
    Rest,
}

impl SessionKind {
    pub const ALL: [Self; 8] = [
        Self::Easy,
        Self::Recovery,
        Self::Long,
        Self::Tempo,
        Self::Intervals,
        Self::Hills,
        Self::Strength,
        Self::Rest,
    ];

    /// The quality sessions: the three a runner rotates through for variety.
    pub const QUALITY: [Self; 3] = [Self::Tempo, Self::Intervals, Self::Hills];

    /// Stable text for storage and `data-*` attributes.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Easy => "easy",
            Self::Recovery => "recovery",
            Self::Long => "long",
            Self::Tempo => "tempo",
            Self::Intervals => "intervals",
            Self::Hills => "hills",
            Self::Strength => "strength",
            Self::Rest => "rest",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Easy => "Easy run",
            Self::Recovery => "Recovery run",
            Self::Long => "Long run",
            Self::Tempo => "Tempo run",
            Self::Intervals => "Intervals",
            Self::Hills => "Hills",
            Self::Strength => "Strength",
            Self::Rest => "Rest day",
        }
    }

    /// A hard day for the hard/easy rule (Bowerman's hard/easy principle: a
    /// stressful day is followed by an easy one): the quality sessions, and the
    /// long run, which Daniels counts as a quality ("Q") session in his plans
    /// because its length, not its pace, is the stress.
    pub fn is_hard(self) -> bool {
        matches!(self, Self::Tempo | Self::Intervals | Self::Hills | Self::Long)
    }

    pub fn is_quality(self) -> bool {
        Self::QUALITY.contains(&self)
    }

    /// The run type a logged run of this session has, for ticking it off.
    pub fn run_type(self) -> Option<RunType> {
        match self {
            Self::Easy => Some(RunType::Easy),
            Self::Recovery => Some(RunType::Recovery),
            Self::Long => Some(RunType::Long),
            Self::Tempo => Some(RunType::Tempo),
            Self::Intervals => Some(RunType::Intervals),
            Self::Hills => Some(RunType::Hills),
            Self::Strength => Some(RunType::Cross),
            Self::Rest => None,
        }
    }

    /// The whole session's CR-10 rating as Foster's session-RPE asks for it (the
    /// session as a whole, warm-up included). Easy running sits in Seiler's easy
    /// zone (RPE ≤ 4, as `metrics::EASY_MAX_RPE`); intervals and hills at or above
    /// `metrics::HARD_MIN_RPE`; tempo at 6–7, "comfortably hard".
    pub fn target_rpe(self) -> RpeRange {
        let (low, high) = match self {
            Self::Easy | Self::Long => (3, 4),
            Self::Recovery => (2, 3),
            Self::Tempo => (6, 7),
            Self::Intervals | Self::Hills => (7, 8),
            Self::Strength => (4, 5),
            Self::Rest => (0, 0),
        };
        RpeRange { low, high }
    }

    /// How long a session of this kind may be, in minutes. The short ends are the
    /// shortest session worth its warm-up; the long ends keep a recreational
    /// runner's quality work modest: a tempo run's steady part at most 20 minutes
    /// (Daniels' steady threshold run), intervals at most 5 × 3 minutes hard.
    pub fn minutes_range(self) -> RangeInclusive<u32> {
        match self {
            Self::Easy => 20..=75,
            Self::Recovery => 15..=40,
            Self::Long => 40..=150,
            Self::Tempo => 25..=35,
            Self::Intervals => 27..=45,
            Self::Hills => 18..=40,
            Self::Strength => 15..=25,
            Self::Rest => 0..=0,
        }
    }

    /// Daniels' intensity for the main set, where pace means something: not on
    /// hills (the slope sets the effort), strength, recovery (slower than easy,
    /// any pace) or rest.
    fn intensity(self) -> Option<Intensity> {
        match self {
            Self::Easy | Self::Long => Some(Intensity::Easy),
            Self::Tempo => Some(Intensity::Threshold),
            Self::Intervals => Some(Intensity::Interval),
            Self::Recovery | Self::Hills | Self::Strength | Self::Rest => None,
        }
    }
}

/// A range on the CR-10 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RpeRange {
    pub low: u8,
    pub high: u8,
}

impl RpeRange {
    pub fn mid(self) -> f64 {
        (f64::from(self.low) + f64::from(self.high)) / 2.0
    }
}

/// How to run a session, as plain sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HowTo {
    pub warm_up: String,
    pub main_set: String,
    pub cool_down: String,
}

/// The runner's current fitness: a VDOT and the effort it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fitness {
    pub vdot: f64,
    pub effort: Effort,
}

/// Paces for a session's main set, and the effort they came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaceTarget {
    pub intensity: Intensity,
    pub range: PaceRange,
    pub basis: Fitness,
}

/// What to aim for: always an effort range, and paces when the runner's fitness
/// is known and pace suits the session.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub rpe: RpeRange,
    pub pace: Option<PaceTarget>,
}

impl Target {
    /// "Effort: 6–7 out of 10. Threshold pace 4:18 /km to 4:31 /km (VDOT 50, from
    /// your 10.00 km race on Sun 1 Nov)."
    pub fn text(&self, unit: DistanceUnit) -> String {
        let mut aim = format!("Effort: {}–{} out of 10.", self.rpe.low, self.rpe.high);
        if let Some(p) = &self.pace {
            let effort = p.basis.effort;
            aim.push_str(&format!(
                " {} pace {} to {} (VDOT {:.0}, from your {} {} on {}).",
                p.intensity.label(),
                format_pace(p.range.fast_s_per_km, unit),
                format_pace(p.range.slow_s_per_km, unit),
                p.basis.vdot,
                format_distance(effort.distance_m, unit),
                if effort.race { "race" } else { "hard run" },
                super::day_name(effort.date)
            ));
        }
        aim
    }
}

/// One session: its kind, length, how to run it and what to aim for.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub kind: SessionKind,
    /// Minutes in all, warm-up and cool-down included.
    pub minutes: u32,
    pub how_to: HowTo,
    pub target: Target,
}

impl Session {
    /// A session of `kind` about `minutes` long (clamped to the kind's range; a
    /// structured session rounds down to whole repetitions), with paces from
    /// `fitness` where they apply.
    pub fn new(kind: SessionKind, minutes: u32, fitness: Option<&Fitness>) -> Self {
        let range = kind.minutes_range();
        let minutes = minutes.clamp(*range.start(), *range.end());
        let (minutes, how_to) = how_to(kind, minutes);
        let pace = fitness.and_then(|f| {
            let intensity = kind.intensity()?;
            training_pace(f.vdot, intensity).map(|range| PaceTarget { intensity, range, basis: *f })
        });
        Self { kind, minutes, how_to, target: Target { rpe: kind.target_rpe(), pace } }
    }

    /// Planned session-RPE load (Foster et al. 2001, as `metrics::session_load`):
    /// the middle of the target rating × minutes.
    pub fn load(&self) -> f64 {
        self.target.rpe.mid() * f64::from(self.minutes)
    }

    pub fn is_hard(&self) -> bool {
        self.kind.is_hard()
    }

    /// A run (strength and rest are not): what the minutes and longest-run bounds count.
    pub fn is_run(&self) -> bool {
        !matches!(self.kind, SessionKind::Strength | SessionKind::Rest)
    }
}

/// Minutes per hill repetition: about 45 s up and a jog back down that takes longer.
const HILL_REP_MIN: u32 = 2;
/// Minutes per strength round.
const STRENGTH_ROUND_MIN: u32 = 5;

/// The session's actual length and its how-to. Intervals follow Daniels' table of
/// I-pace and "hard" workouts for up to 48 km a week (Daniels' Running Formula,
/// 4th ed., table 4.3: 5–6 × 2 min hard with 1 min jogs, or 4 × 3 min with 2 min).
fn how_to(kind: SessionKind, minutes: u32) -> (u32, HowTo) {
    let s =
        |warm: String, main: String, cool: String| HowTo { warm_up: warm, main_set: main, cool_down: cool };
    match kind {
        SessionKind::Easy => (
            minutes,
            s(
                "Start with 5 minutes of very easy jogging.".into(),
                format!(
                    "Run {} minutes at an easy, conversational pace: you could talk in full sentences.",
                    minutes - 5
                ),
                "Walk for a few minutes to finish.".into(),
            ),
        ),
        SessionKind::Recovery => (
            minutes,
            s(
                "Walk for a few minutes first.".into(),
                format!(
                    "Jog {minutes} minutes slower than your easy pace; walking breaks are fine. \
                     The point is to move, not to train."
                ),
                "Walk for a few minutes and stretch gently if you like.".into(),
            ),
        ),
        SessionKind::Long => (
            minutes,
            s(
                "Run the first 10 minutes slower than easy.".into(),
                format!(
                    "Then {} minutes at your easy pace, steady. Take water if it is over an hour or warm.",
                    minutes - 10
                ),
                "Walk for 5 minutes; eat and drink within the hour.".into(),
            ),
        ),
        SessionKind::Tempo => {
            let main = minutes - 15;
            (
                minutes,
                s(
                    "Run 10 minutes easy.".into(),
                    format!(
                        "Run {main} minutes steady at tempo: comfortably hard, you could say a few words \
                         but not chat."
                    ),
                    "Run 5 minutes easy.".into(),
                ),
            )
        }
        SessionKind::Intervals => {
            let main = minutes - 15;
            let (reps, hard, jog) =
                if main >= 20 { ((main / 5).min(5), 3, 2) } else { ((main / 3).min(6), 2, 1) };
            (
                15 + reps * (hard + jog),
                s(
                    "Run 10 minutes easy.".into(),
                    format!(
                        "{reps} × {hard} minutes hard (strong but controlled, the same pace each time) \
                         with {jog} {} of easy jogging after each.",
                        if jog == 1 { "minute" } else { "minutes" }
                    ),
                    "Run 5 minutes easy.".into(),
                ),
            )
        }
        SessionKind::Hills => {
            let warm = if minutes >= 30 { 10 } else { 5 };
            let reps = ((minutes - warm - 5) / HILL_REP_MIN).min(10);
            (
                warm + reps * HILL_REP_MIN + 5,
                s(
                    format!("Run {warm} minutes easy to a hill that takes about a minute to climb."),
                    format!(
                        "{reps} × 45 seconds uphill, hard (strong arms, quick short steps), jogging back \
                         down slowly as recovery."
                    ),
                    "Run 5 minutes easy on the flat.".into(),
                ),
            )
        }
        SessionKind::Strength => {
            let rounds = ((minutes - 5) / STRENGTH_ROUND_MIN).min(4);
            (
                5 + rounds * STRENGTH_ROUND_MIN,
                s(
                    "3 minutes of marching on the spot, leg swings and arm circles.".into(),
                    format!(
                        "{rounds} rounds of: 12 squats, 8 reverse lunges each leg, 12 glute bridges, \
                         15 calf raises, a 30-second plank and a 20-second side plank each side. Rest a \
                         minute between rounds."
                    ),
                    "2 minutes of gentle stretching: calves, thighs, hips.".into(),
                ),
            )
        }
        SessionKind::Rest => (
            0,
            s(
                String::new(),
                "No run today. Sleep well, eat and drink well; an easy walk is fine.".into(),
                String::new(),
            ),
        ),
    }
}

/// How far back a race or hard effort counts as current fitness: 12 weeks, the
/// plateau window's upper end. Older efforts say little about today.
pub const FITNESS_WINDOW_DAYS: i64 = 84;
/// A training run rated at least this hard (CR-10 "very hard") was close to a race
/// effort, so its VDOT is a fair reading.
const HARD_EFFORT_RPE: u8 = 8;

/// The runner's fitness for training paces: the highest VDOT (Daniels & Gilbert
/// 1979) over the last 12 weeks up to `today`, from a race or a continuous run
/// rated 8 or more. Easy training runs are left out on purpose: read as races they
/// understate fitness so much that their threshold pace would be slower than the
/// runner's easy runs. Intervals and hills are left out because their time
/// includes the recoveries. Ties go to the most recent effort.
pub fn current_fitness(runs: &[Run], today: NaiveDate) -> Option<Fitness> {
    let since = today - Duration::days(FITNESS_WINDOW_DAYS - 1);
    runs.iter()
        .filter(|r| (since..=today).contains(&r.start.date_naive()) && counts_as_effort(r))
        .filter_map(best_effort)
        .max_by(|a, b| a.vdot.total_cmp(&b.vdot).then(a.date.cmp(&b.date)))
        .map(|effort| Fitness { vdot: effort.vdot, effort })
}

/// A race, or a continuous run rated near-maximal.
pub(crate) fn counts_as_effort(run: &Run) -> bool {
    run.kind == RunType::Race
        || (matches!(run.kind, RunType::Easy | RunType::Long | RunType::Tempo)
            && run.rpe.is_some_and(|r| r.value() >= HARD_EFFORT_RPE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Rpe;
    use crate::testing::sample_run;

    #[test]
    fn slugs_round_trip_and_classes() {
        for k in SessionKind::ALL {
            assert_eq!(SessionKind::from_slug(k.slug()), Some(k));
            assert!(!k.label().is_empty());
        }
        assert_eq!(SessionKind::from_slug("swim"), None);
        let hard: Vec<SessionKind> = SessionKind::ALL.into_iter().filter(|k| k.is_hard()).collect();
        use SessionKind::*;
        assert_eq!(hard, [Long, Tempo, Intervals, Hills]);
        assert!(Tempo.is_quality() && !Long.is_quality());
        assert_eq!(Strength.run_type(), Some(RunType::Cross));
        assert_eq!(Rest.run_type(), None);
    }

    #[test]
    fn sessions_add_up_to_their_minutes() {
        // The article's "20-minute hills run": 5 easy, 5 × 45 s up with jog-downs, 5 easy.
        let hills = Session::new(SessionKind::Hills, 20, None);
        assert_eq!(hills.minutes, 20);
        assert!(hills.how_to.main_set.starts_with("5 × 45 seconds uphill"), "{:?}", hills.how_to);
        // "A 30-minute tempo run": 10 easy, 15 at tempo, 5 easy.
        let tempo = Session::new(SessionKind::Tempo, 30, None);
        assert_eq!(tempo.minutes, 30);
        assert!(tempo.how_to.main_set.starts_with("Run 15 minutes steady at tempo"));
        assert_eq!(tempo.target.rpe, RpeRange { low: 6, high: 7 });
        assert!((tempo.load() - 195.0).abs() < 1e-9, "6.5 × 30");
        // Intervals: 2-minute reps below 20 minutes of main set, 3-minute ones above.
        let short = Session::new(SessionKind::Intervals, 30, None);
        assert_eq!(short.minutes, 30);
        assert!(short.how_to.main_set.starts_with("5 × 2 minutes hard"), "{}", short.how_to.main_set);
        let long = Session::new(SessionKind::Intervals, 45, None);
        assert_eq!(long.minutes, 40);
        assert!(long.how_to.main_set.starts_with("5 × 3 minutes hard"));
        let strength = Session::new(SessionKind::Strength, 20, None);
        assert_eq!(strength.minutes, 20);
        assert!(strength.how_to.main_set.starts_with("3 rounds"));
        // Clamped into the kind's range, never beyond.
        for k in SessionKind::ALL {
            for m in [0, 1, 17, 30, 60, 500, u32::MAX] {
                let s = Session::new(k, m, None);
                assert!(k.minutes_range().contains(&s.minutes), "{k:?} {m} → {}", s.minutes);
                assert!(s.minutes <= m.max(*k.minutes_range().start()), "never longer than asked");
                assert!(s.load().is_finite() && s.load() >= 0.0);
            }
        }
        assert!(Session::new(SessionKind::Rest, 30, None).load().abs() < f64::EPSILON);
    }

    fn race(date: &str, minutes: f64, km: f64) -> Run {
        sample_run(1, &format!("{date}T09:00:00+01:00"), RunType::Race, minutes, km)
    }

    #[test]
    fn fitness_comes_from_recent_hard_efforts() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let runs = vec![
            race("2026-05-10", 19.95, 5.0), // VDOT ≈ 50
            race("2026-01-10", 18.0, 5.0),  // faster, but 20 weeks ago
            sample_run(2, "2026-05-20T07:00:00+01:00", RunType::Easy, 60.0, 10.0), // easy: not an effort
        ];
        let f = current_fitness(&runs, today).unwrap();
        assert_eq!(f.effort.date.to_string(), "2026-05-10");
        assert!((today - runs[1].start.date_naive()).num_days() > FITNESS_WINDOW_DAYS);
        assert!((f.vdot - 50.0).abs() < 0.3);
        let tempo = Session::new(SessionKind::Tempo, 30, Some(&f));
        let pace = tempo.target.pace.unwrap();
        assert_eq!(pace.intensity, Intensity::Threshold);
        assert!((pace.range.fast_s_per_km - 255.0).abs() < 2.0, "T about 4:15 /km: {pace:?}");
        assert!(Session::new(SessionKind::Hills, 20, Some(&f)).target.pace.is_none());
        // A hard continuous training run counts; an unrated one does not.
        let mut hard = sample_run(3, "2026-05-25T07:00:00+01:00", RunType::Tempo, 40.0, 10.0);
        hard.rpe = Rpe::new(8);
        assert!(counts_as_effort(&hard));
        hard.rpe = None;
        assert!(!counts_as_effort(&hard));
        assert_eq!(current_fitness(&[], today), None);
    }
}
