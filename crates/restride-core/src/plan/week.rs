//! Building a week: how much load, how many sessions, which kinds on which days.
//! The load basis is in [`super::load`], the rules every plan keeps in
//! [`super::rules`], and why a plan looks as it does in [`super::adjustment`];
//! they are re-exported here, where they lived before.

use chrono::{Datelike, Duration, NaiveDate, Timelike, Weekday};

pub use super::adjustment::Adjustment;
use super::library::{Fitness, Session, SessionKind};
use super::load::GROWTH;
pub use super::load::{BEGINNER_WEEK_LOAD, LOAD_BOUND, LoadBasis, RECENT_WEEKS, load_basis};
use super::race::RaceGoal;
use super::recovery::{LONG_RUN_SHARE, recovering_from};
use super::rules::{HARD_BEFORE_RACE_DAYS, hard_allowed};
pub use super::rules::{RuleBroken, check_rules};
use super::{PlannedSession, SessionId, SessionStatus, WeekPlan};
use crate::analysis::context::base_until;
use crate::analysis::next_step::{Circumstances, Reason, first_reason};
use crate::analysis::{Finding, Sign};
use crate::history::week_start_of;
use crate::run::Run;
use crate::setback::{ReturnWeek, Setback, return_week};
use crate::settings::{Settings, TimeOfDay};

/// Lighter weeks never go below half the usual, the deep end of Bosquet et al.'s
/// (2007) effective taper reductions.
const LIGHTEST_SHARE: f64 = 0.5;
/// Days with a logged run to look back on for the runner's usual time of day.
const USUAL_TIME_DAYS: i64 = 56;
/// How far ahead a race shapes a week: its last hard-free days may fall in it.
const RACE_REACH_DAYS: i64 = HARD_BEFORE_RACE_DAYS;

/// Everything a week's plan is built from.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    /// The first day of the week to plan.
    pub week_start: NaiveDate,
    /// The first day a session may go on: today, when the week has begun (the days
    /// already past get none, and the week's load shrinks with the run days left).
    pub first_day: NaiveDate,
    /// Run days and preferred time of day.
    pub settings: &'a Settings,
    /// The runner's runs, any order; only those before `week_start` count.
    pub runs: &'a [Run],
    /// The radar's findings (`analysis::analyze(..).findings`).
    pub findings: &'a [Finding],
    /// Current fitness for paces (see `current_fitness`).
    pub fitness: Option<Fitness>,
    /// The race goal; after its day, its race's recovery window still shapes the plan.
    pub goal: Option<&'a RaceGoal>,
    /// Times the runner was (or is) ill or injured: their days are paused, and a
    /// graded return follows (see [`crate::setback`]).
    pub setbacks: &'a [Setback],
}

impl<'a> PlanInput<'a> {
    /// A whole week for a runner with nothing behind them yet: no runs, findings,
    /// fitness, goal or setbacks (a new runner's first week, and the plan tests' base).
    #[must_use]
    pub fn first_week(week_start: NaiveDate, settings: &'a Settings) -> Self {
        Self {
            week_start,
            first_day: week_start,
            settings,
            runs: &[],
            findings: &[],
            fitness: None,
            goal: None,
            setbacks: &[],
        }
    }
}

/// How strongly the findings show `sign`: 2 a rut, 1 worth watching, 0 otherwise.
fn severity(findings: &[Finding], sign: Sign) -> u8 {
    findings.iter().filter(|f| f.sign == sign).map(|f| f.status.severity()).max().unwrap_or(0)
}

/// Lighter-week shares at (watch, rut) for the signs that call for less load:
/// overreaching (Meeusen et al. 2013: reduce load and rest), life stress (stress
/// outside running adds to training stress) and effort creep (RPE rising at a fixed
/// pace follows overreaching, Siegl et al. 2018). Restride's own amounts.
const LIGHTER: [(Sign, f64, f64); 3] =
    [(Sign::Overreaching, 0.85, 0.7), (Sign::LifeStress, 0.9, 0.75), (Sign::EffortCreep, 0.9, 0.85)];

/// One session of the week being built.
#[derive(Debug, Clone, Copy)]
struct Slot {
    date: NaiveDate,
    kind: SessionKind,
    /// Minutes asked for; the built session may round down to whole repetitions.
    minutes: u32,
    /// Share of the week's minutes this slot grows towards.
    weight: f64,
}

impl Slot {
    fn session(&self, fitness: Option<&Fitness>) -> Session {
        Session::new(self.kind, self.minutes, fitness)
    }
}

/// What keeps a week safe beyond its load: days paused, the first day a quality
/// session may go on, the first day a long run may, and why.
struct Safety {
    paused: Vec<NaiveDate>,
    quality_from: Option<NaiveDate>,
    long_from: Option<NaiveDate>,
    /// The share of the usual load the week may hold (race recovery, paused days).
    share: f64,
    /// The longest a long run may be, when a race's recovery shortens it.
    long_cap: Option<f64>,
    /// A return week, when this is one.
    returning: Option<ReturnWeek>,
}

impl Safety {
    /// The windows of `input`'s week from `first_day` to `end`: setbacks (paused
    /// days; no quality in a week one touches), the return after one (no quality),
    /// a race's recovery (no quality, the long run later and shorter, the load
    /// rising from half, the long run at most ¾ of the longest-run bound), and a
    /// beginner's first 9 weeks (no quality).
    fn of(
        input: &PlanInput<'_>,
        first_day: NaiveDate,
        end: NaiveDate,
        load: &LoadBasis,
        returning: Option<ReturnWeek>,
        adjustments: &mut Vec<Adjustment>,
    ) -> Self {
        let start = input.week_start;
        let after_week = end + Duration::days(1);
        let mut quality_from: Option<NaiveDate> = None;
        let mut hold_quality =
            |from: NaiveDate| quality_from = Some(quality_from.map_or(from, |q| q.max(from)));
        let mut share = 1.0;
        let mut long_from = None;
        let mut long_cap = None;

        let week: Vec<NaiveDate> = (0..7).map(|d| start + Duration::days(d)).collect();
        let paused: Vec<NaiveDate> =
            week.iter().copied().filter(|d| input.setbacks.iter().any(|s| s.covers(*d))).collect();
        for s in input.setbacks.iter().filter(|s| week.iter().any(|d| s.covers(*d))) {
            adjustments.push(Adjustment::Paused { kind: s.kind, from: s.start, until: s.end });
            hold_quality(after_week);
        }
        // The run days left once the paused ones are taken out: the load shrinks with them.
        let run_day = |d: &&NaiveDate| **d >= first_day && input.settings.run_days.contains(&d.weekday());
        let open = week.iter().filter(run_day).count();
        let unpaused = week.iter().filter(run_day).filter(|d| !paused.contains(d)).count();
        if open > 0 {
            #[allow(clippy::cast_precision_loss)] // at most 7 days
            let left = unpaused as f64 / open as f64;
            share *= left;
        }
        if let Some(r) = returning {
            adjustments.push(Adjustment::Return {
                kind: r.kind,
                back: r.back,
                week: r.week,
                of: r.of,
                share: r.share,
            });
            hold_quality(after_week);
        }
        // Races before the first day planned whose windows reach into the week, all
        // of them kept: quality waits for the last window to end, the long run for
        // the latest second half, and the load is the lowest share, read at the
        // week's first day after each race (so a week planned once begun never holds
        // more than the whole week would).
        let windows = recovering_from(input.runs, input.goal, start, first_day);
        for rec in &windows {
            hold_quality(rec.quality_from());
            long_from =
                Some(long_from.map_or(rec.long_run_from(), |l: NaiveDate| l.max(rec.long_run_from())));
        }
        if let Some(rec) = windows.first() {
            let lowest = windows
                .iter()
                .map(|r| r.load_share(start.max(r.race_day + Duration::days(1))))
                .fold(1.0, f64::min);
            share *= lowest;
            long_cap = Some(load.longest_cap * LONG_RUN_SHARE);
            adjustments.push(Adjustment::RaceRecovery {
                race_day: rec.race_day,
                distance_m: rec.distance_m,
                quality_from: rec.quality_from(),
                share: lowest,
            });
        }
        let base_until = base_until(input.runs, start);
        if base_until > first_day {
            hold_quality(base_until);
            adjustments.push(Adjustment::BaseBuilding { until: base_until });
        }
        Self { paused, quality_from, long_from, share, long_cap, returning }
    }

    fn quality_on(&self, date: NaiveDate) -> bool {
        self.quality_from.is_none_or(|q| date >= q)
    }

    fn long_on(&self, date: NaiveDate) -> bool {
        self.long_from.is_none_or(|l| date >= l)
    }
}

/// Builds the week's plan. Always keeps the rules (see [`check_rules`]).
pub fn build_week(input: &PlanInput<'_>) -> WeekPlan {
    build(input, None)
}

/// The most a plan's new sessions may hold, in load and running minutes: what a
/// realigned week may ask of the days left (see [`super::realign`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    pub load: f64,
    pub minutes: f64,
}

/// [`build_week`] with its sessions held to `budget`.
pub(crate) fn build_week_within(input: &PlanInput<'_>, budget: Budget) -> WeekPlan {
    build(input, Some(budget))
}

fn build(input: &PlanInput<'_>, budget: Option<Budget>) -> WeekPlan {
    let start = input.week_start;
    let settings = input.settings;
    let end = start + Duration::days(6);
    let first_day = input.first_day.clamp(start, end + Duration::days(1));
    let mut adjustments = Vec::new();
    // The basis: the last four weeks, or in a return the four before the break.
    let returning = return_week(input.setbacks, start);
    let mut load = load_basis(input.runs, start);
    if let Some(r) = returning {
        let before = load_basis(input.runs, week_start_of(r.start, start.weekday()));
        load = load.for_return(&before, r.share);
    }
    let safety = Safety::of(input, first_day, end, &load, returning, &mut adjustments);
    let sev = |sign| severity(input.findings, sign);
    let mut run_days = settings.run_days.clone();
    run_days.sort_by_key(Weekday::num_days_from_monday);
    run_days.dedup();
    let goal = input.goal.filter(|g| g.date >= start);
    let race_day = goal.map(|g| g.date).filter(|d| *d <= end + Duration::days(RACE_REACH_DAYS));
    let taper = goal.and_then(|g| g.taper_week(start));

    // The load to aim for.
    if load.beginner {
        adjustments.push(Adjustment::BeginnerWeek);
    }
    let mut target = if safety.returning.is_some() {
        load.cap
    } else if load.beginner {
        BEGINNER_WEEK_LOAD
    } else {
        load.average * (1.0 + GROWTH)
    };
    let mut share = 1.0;
    for (sign, watch, rut) in LIGHTER {
        let s = match sev(sign) {
            2 => rut,
            1 => watch,
            _ => continue,
        };
        share *= s;
        adjustments.push(Adjustment::Lighter { sign, share: s });
    }
    target *= share.max(LIGHTEST_SHARE);
    if let (Some(t), Some(g)) = (taper, goal) {
        let before = load_basis(input.runs, g.taper_start(start.weekday())).average.max(BEGINNER_WEEK_LOAD);
        target = target.min(before * (1.0 - t.reduction));
        adjustments.push(Adjustment::Taper(t));
    }
    // Begun already: only the run days left count, and the load shrinks with them.
    if first_day > start && !run_days.is_empty() {
        let in_week = |from: NaiveDate| {
            (0..7)
                .map(|d| start + Duration::days(d))
                .filter(|d| *d >= from && run_days.contains(&d.weekday()))
                .count()
        };
        #[allow(clippy::cast_precision_loss)] // at most 7 days
        let share = in_week(first_day) as f64 / in_week(start) as f64;
        target *= share;
        adjustments.push(Adjustment::PartWeek { from: first_day, share });
    }
    target *= safety.share;
    let target = target.min(load.cap).min(budget.map_or(f64::INFINITY, |b| b.load)).max(0.0);

    // The days: run days in the week, less race day and its eve and paused days.
    let eve = race_day.map(|d| d - Duration::days(1));
    if let Some(d) = race_day.filter(|d| *d <= end) {
        adjustments.push(Adjustment::RaceWeek(d));
    }
    let days: Vec<NaiveDate> = (0..7)
        .map(|d| start + Duration::days(d))
        .filter(|d| {
            *d >= first_day
                && run_days.contains(&d.weekday())
                && Some(*d) != race_day
                && Some(*d) != eve
                && !safety.paused.contains(d)
        })
        .collect();
    if run_days.is_empty() {
        adjustments.push(Adjustment::NoRunDays);
    }
    if run_days.len() == 7 {
        adjustments.push(Adjustment::RestDayKept);
    }

    // How many sessions, and which.
    // Clamped to 2–6 first, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let usual = load.sessions_per_week.round().clamp(2.0, 6.0) as usize;
    let mut count = if load.beginner { 3 } else { usual };
    // Overreaching calls for rest (Meeusen et al. 2013); life stress only for less
    // load, since a runner under stress may need the runs most.
    if sev(Sign::Overreaching) == 2 && count > 1 {
        count -= 1;
        adjustments.push(Adjustment::FewerSessions { sign: Sign::Overreaching });
    }
    let count = count.min(days.len()).min(6);
    // Quality only where every window allows it, and never in a week whose first
    // reason calls for rest or easy running: the one answer's rule
    // (`analysis::next_step`), so Today's next step and the plan agree. A plateau
    // or all-easy sign asks for intensity only when nothing calls for recovery
    // (Meeusen et al. 2013: rest, not more load).
    let quality_days = days.iter().filter(|d| safety.quality_on(**d)).count();
    let circumstances = Circumstances::on(first_day, start, input.runs, input.goal, input.setbacks);
    let recovery_first = first_reason(input.findings, &circumstances).filter(Reason::calls_for_recovery);
    let wants_quality = [Sign::Plateau, Sign::AllEasy]
        .into_iter()
        .find(|s| sev(*s) > 0)
        .filter(|_| recovery_first.is_none() && quality_days > 0);
    let mut quality = usize::from(!load.beginner && count >= 2);
    if wants_quality.is_some() {
        quality = quality.max(1);
    }
    if sev(Sign::Plateau) == 2 && count >= 5 && wants_quality.is_some() {
        quality = 2;
    }
    if let Some(reason) = recovery_first
        && quality > 0
    {
        quality = 0;
        if let Reason::Sign { sign, .. } = reason {
            adjustments.push(Adjustment::NoQuality { sign });
        }
    }
    let quality = quality.min(count).min(quality_days);
    if let Some(sign) = wants_quality.filter(|_| quality > 0) {
        adjustments.push(Adjustment::QualityFor { sign });
    }
    // No long run in the taper's last week (race week), nor in a return's first
    // week, nor one that could not be its shortest within the longest-run bound.
    let final_taper = taper.is_some_and(|t| t.week == t.of);
    let first_return_week = safety.returning.is_some_and(|r| r.week == 1);
    let long_cap = safety.long_cap.unwrap_or(load.longest_cap);
    let long_fits = long_cap >= f64::from(*SessionKind::Long.minutes_range().start());
    let long = !load.beginner
        && count >= 3
        && quality < count
        && !final_taper
        && !first_return_week
        && long_fits
        && days.iter().any(|d| safety.long_on(*d));
    // Strength adds load too: it waits while recovery comes first.
    let variety = [Sign::Staleness, Sign::LowMotivation]
        .into_iter()
        .find(|s| sev(*s) > 0)
        .filter(|_| recovery_first.is_none());
    if let Some(sign) = variety {
        adjustments.push(Adjustment::MoreVariety { sign });
    }
    // Strength on a spare run day, or in place of an easy run when none is spare.
    let spare = days.len().min(6) > count;
    let strength = variety.is_some() && (spare || count > quality + usize::from(long) + 1);
    let count = count + usize::from(strength && spare);

    let kinds = quality_kinds(input.runs, start, quality);
    let hard: Vec<SessionKind> = if wants_quality.is_some() {
        kinds.iter().copied().chain(long.then_some(SessionKind::Long)).collect()
    } else {
        long.then_some(SessionKind::Long).into_iter().chain(kinds.iter().copied()).collect()
    };
    // After a race in the same week: easy running only. Nor a hard first day after a
    // hard run the day before the week.
    let hard_before =
        input.runs.iter().any(|r| r.start.date_naive() == start - Duration::days(1) && is_hard_run(r));
    let may_be_hard = |d: NaiveDate, kind: SessionKind| {
        hard_allowed(race_day, d)
            && race_day.is_none_or(|r| d < r)
            && !(hard_before && d == start)
            && (!kind.is_quality() || safety.quality_on(d))
            && (kind != SessionKind::Long || safety.long_on(d))
    };
    let (chosen, placed) = choose_days(&days, count, &hard, may_be_hard);
    let mut slots: Vec<Slot> = Vec::new();
    for (date, kind) in &placed {
        slots.push(Slot { date: *date, kind: *kind, minutes: start_minutes(*kind), weight: weight(*kind) });
    }
    for kind in hard.iter().filter(|k| !placed.iter().any(|(_, p)| p == *k)) {
        adjustments.push(Adjustment::MadeEasy { kind: *kind });
    }
    let long_day = placed.iter().find(|(_, k)| *k == SessionKind::Long).map(|(d, _)| *d);
    let mut strength_left = strength;
    let mut easy_n = 0;
    for date in chosen.iter().filter(|d| !placed.iter().any(|(p, _)| p == *d)) {
        let kind = if strength_left {
            strength_left = false;
            SessionKind::Strength
        } else if long_day.is_some_and(|l| *date == l + Duration::days(1)) && count >= 4 {
            SessionKind::Recovery
        } else {
            easy_n += 1;
            SessionKind::Easy
        };
        // Staleness: easy runs of different lengths, not the same one twice.
        let weight = match kind {
            SessionKind::Easy if variety.is_some() => {
                if easy_n % 2 == 0 {
                    1.3
                } else {
                    0.7
                }
            }
            _ => weight(kind),
        };
        slots.push(Slot { date: *date, kind, minutes: start_minutes(kind), weight });
    }
    slots.sort_by_key(|s| s.date);
    let fitness = input.fitness.as_ref();
    let minutes = load.minutes_cap.min(budget.map_or(f64::INFINITY, |b| b.minutes)).max(0.0);
    let bounds = Bounds { load: target, minutes, longest: load.longest_cap, long_run: long_cap };
    // A taper keeps its intensity (Bosquet et al. 2007): the quality session stays.
    let keep = Keep { quality: wants_quality.is_some() || taper.is_some(), strength: variety.is_some() };
    trim(&mut slots, bounds, keep, fitness, &mut adjustments);
    grow(&mut slots, bounds, fitness);
    say_what_bound(&slots, bounds, &load, fitness, &mut adjustments);

    let time =
        settings.preferred_time.or_else(|| usual_time(input.runs, start)).unwrap_or(TimeOfDay::Morning);
    let sessions = slots
        .iter()
        .enumerate()
        .map(|(n, slot)| PlannedSession {
            id: SessionId { week: start, n: u8::try_from(n).unwrap_or(u8::MAX) },
            date: slot.date,
            time,
            session: slot.session(fitness),
            status: SessionStatus::Planned,
        })
        .collect();
    WeekPlan {
        start,
        run_days,
        sessions,
        load,
        target_load: target,
        adjustments,
        race_day,
        paused: safety.paused,
        quality_from: safety.quality_from,
    }
}

/// A logged run that counts as a hard day: a hard type, a race, or rated at least
/// `metrics::HARD_MIN_RPE`.
fn is_hard_run(run: &Run) -> bool {
    use crate::run::RunType;
    matches!(run.kind, RunType::Long | RunType::Tempo | RunType::Intervals | RunType::Hills | RunType::Race)
        || run.rpe.is_some_and(|r| r.value() >= crate::analysis::metrics::HARD_MIN_RPE)
}

/// A slot's share of the week's minutes as it grows (see [`grow`]): the long run
/// about twice an easy run, quality sessions a little less than one.
fn weight(kind: SessionKind) -> f64 {
    match kind {
        SessionKind::Long => 2.0,
        SessionKind::Easy => 1.0,
        SessionKind::Tempo | SessionKind::Intervals => 0.9,
        SessionKind::Hills => 0.7,
        SessionKind::Recovery => 0.6,
        // Strength keeps its length.
        SessionKind::Strength | SessionKind::Rest => 0.0,
    }
}

/// Every slot starts at its kind's shortest, strength at its usual 20 minutes.
fn start_minutes(kind: SessionKind) -> u32 {
    if kind == SessionKind::Strength { 20 } else { *kind.minutes_range().start() }
}

fn total_load(slots: &[Slot], fitness: Option<&Fitness>) -> f64 {
    slots.iter().map(|s| s.session(fitness).load()).sum()
}

fn total_minutes(slots: &[Slot], fitness: Option<&Fitness>) -> f64 {
    slots.iter().map(|s| s.session(fitness)).filter(Session::is_run).map(|s| f64::from(s.minutes)).sum()
}

/// What a week may hold: its load, its running minutes and its longest run.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    load: f64,
    minutes: f64,
    longest: f64,
    /// The long run's own bound, at most `longest` (shorter in a race's recovery).
    long_run: f64,
}

impl Bounds {
    fn hold(&self, slots: &[Slot], fitness: Option<&Fitness>) -> bool {
        total_load(slots, fitness) <= self.load && total_minutes(slots, fitness) <= self.minutes
    }
}

/// What [`trim`] keeps longest because a finding asked for it.
#[derive(Debug, Clone, Copy)]
struct Keep {
    quality: bool,
    strength: bool,
}

/// Drops or eases sessions, least valuable first, until the week fits `bounds`.
/// Every slot starts at its shortest, so only changing the mix can help: strength
/// goes first (unless variety was asked for), then the long run turns easy, then a
/// quality session turns easy (unless a finding or a taper asked for it), then
/// strength, then easy runs go (keeping one), then any quality session turns easy,
/// then whatever is left goes.
fn trim(
    slots: &mut Vec<Slot>,
    bounds: Bounds,
    keep: Keep,
    fitness: Option<&Fitness>,
    adjustments: &mut Vec<Adjustment>,
) {
    struct Step {
        which: fn(SessionKind) -> bool,
        dropped: bool,
        allowed: bool,
    }
    let is_strength = |k: SessionKind| k == SessionKind::Strength;
    let is_long = |k: SessionKind| k == SessionKind::Long;
    let is_easy = |k: SessionKind| matches!(k, SessionKind::Easy | SessionKind::Recovery);
    while !bounds.hold(slots, fitness) && !slots.is_empty() {
        // Over the minutes but not the load: only fewer runs help, strength is free.
        let minutes_only = total_load(slots, fitness) <= bounds.load;
        let easy_runs = slots.iter().filter(|s| is_easy(s.kind)).count();
        let steps = [
            Step { which: is_strength, dropped: true, allowed: !keep.strength && !minutes_only },
            Step { which: is_long, dropped: false, allowed: true },
            Step { which: SessionKind::is_quality, dropped: false, allowed: !keep.quality && !minutes_only },
            Step { which: is_strength, dropped: true, allowed: !minutes_only },
            Step { which: is_easy, dropped: true, allowed: easy_runs > 1 },
            Step { which: SessionKind::is_quality, dropped: false, allowed: !minutes_only },
        ];
        let (i, dropped) = steps
            .iter()
            .filter(|step| step.allowed)
            .find_map(|step| slots.iter().rposition(|s| (step.which)(s.kind)).map(|i| (i, step.dropped)))
            .unwrap_or((slots.len() - 1, true));
        let Some(slot) = slots.get_mut(i) else { break };
        adjustments.push(Adjustment::Trimmed { kind: slot.kind, dropped });
        if dropped {
            slots.remove(i);
        } else {
            *slot = Slot {
                kind: SessionKind::Easy,
                minutes: *SessionKind::Easy.minutes_range().start(),
                weight: 1.0,
                ..*slot
            };
        }
    }
}

/// Lengthens sessions 5 minutes at a time while the week stays within `bounds` (its
/// load, its running minutes, and no run longer than the longest-run bound), always
/// the one furthest below its share (minutes ÷ weight), so the long run ends up
/// about twice an easy run. Strength keeps its 20 minutes.
fn grow(slots: &mut [Slot], bounds: Bounds, fitness: Option<&Fitness>) {
    const STEP: u32 = 5;
    let mut total = total_load(slots, fitness);
    let mut minutes = total_minutes(slots, fitness);
    loop {
        let mut best: Option<(usize, f64, f64, f64)> = None;
        for (i, slot) in slots.iter().enumerate() {
            let max = *slot.kind.minutes_range().end();
            if slot.weight <= 0.0 || slot.minutes >= max {
                continue;
            }
            let grown = Slot { minutes: (slot.minutes + STEP).min(max), ..*slot };
            let (now, then) = (slot.session(fitness), grown.session(fitness));
            let delta = then.load() - now.load();
            let more = f64::from(then.minutes) - f64::from(now.minutes);
            let longest = if slot.kind == SessionKind::Long { bounds.long_run } else { bounds.longest };
            if total + delta > bounds.load
                || (then.is_run() && (minutes + more > bounds.minutes || f64::from(then.minutes) > longest))
            {
                continue;
            }
            let need = f64::from(slot.minutes) / slot.weight;
            if best.is_none_or(|(_, n, _, _)| need < n) {
                best = Some((i, need, delta, if then.is_run() { more } else { 0.0 }));
            }
        }
        let Some((i, _, delta, more)) = best else { break };
        if let Some(slot) = slots.get_mut(i) {
            slot.minutes = (slot.minutes + STEP).min(*slot.kind.minutes_range().end());
        }
        total += delta;
        minutes += more;
    }
}

/// Says when the minutes or longest-run bound, not the load, kept the week short:
/// grown against the load alone, would it have held more?
fn say_what_bound(
    slots: &[Slot],
    bounds: Bounds,
    load: &LoadBasis,
    fitness: Option<&Fitness>,
    adjustments: &mut Vec<Adjustment>,
) {
    let mut free = slots.to_vec();
    let unbounded =
        Bounds { minutes: f64::INFINITY, longest: f64::INFINITY, long_run: f64::INFINITY, ..bounds };
    grow(&mut free, unbounded, fitness);
    let longest = |s: &[Slot]| {
        s.iter().map(|s| s.session(fitness)).filter(Session::is_run).map(|s| s.minutes).max().unwrap_or(0)
    };
    if f64::from(longest(&free)) > bounds.longest {
        adjustments.push(Adjustment::LongestRun { cap: bounds.longest, longest: load.longest_minutes });
    }
    if total_minutes(&free, fitness) > bounds.minutes {
        adjustments.push(Adjustment::Minutes { cap: bounds.minutes, average: load.average_minutes });
    }
}

/// How good a choice of days is, compared in order: hard sessions placed, the
/// smallest gap between days, how few gaps are that small, a weekend long run.
type Score = (usize, i64, i64, bool);
/// Hard sessions placed on days.
type Placed = Vec<(NaiveDate, SessionKind)>;

/// Days apart within a week that wraps: its last day sits next to the next week's
/// first, which is built the same way, so a hard Sunday and a hard Monday would
/// meet across weeks.
fn week_distance(a: NaiveDate, b: NaiveDate) -> i64 {
    let d = (a - b).num_days().abs() % 7;
    d.min(7 - d)
}

/// Picks `count` of `days` and places the `hard` sessions (in priority order) on
/// them, no two on neighbouring days (the week wrapping, see [`week_distance`])
/// and only on days `may_be_hard` allows. Of all choices of days, the one placing
/// the most hard sessions, then spreading the days most evenly, then putting the
/// long run on a weekend. Returns the chosen days and the placed (day, kind) pairs.
fn choose_days(
    days: &[NaiveDate],
    count: usize,
    hard: &[SessionKind],
    may_be_hard: impl Fn(NaiveDate, SessionKind) -> bool,
) -> (Vec<NaiveDate>, Placed) {
    let mut best: Option<(Score, Vec<NaiveDate>, Placed)> = None;
    let n = days.len().min(7);
    for mask in 0u32..(1 << n) {
        if mask.count_ones() as usize != count {
            continue;
        }
        let chosen: Vec<NaiveDate> =
            days.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, d)| *d).collect();
        let placed = place_hard(&chosen, hard, &may_be_hard);
        let mut gaps: Vec<i64> = chosen
            .windows(2)
            .filter_map(|w| match w {
                [a, b] => Some((*b - *a).num_days()),
                _ => None,
            })
            .collect();
        if let (Some(first), Some(last), true) = (chosen.first(), chosen.last(), chosen.len() > 1) {
            gaps.push(7 - (*last - *first).num_days());
        }
        let min_gap = gaps.iter().copied().min().unwrap_or(7);
        // Evenness: fewer days sharing the smallest gap.
        let tight = -(gaps.iter().filter(|g| **g == min_gap).count() as i64);
        let weekend_long = placed
            .iter()
            .any(|(d, k)| *k == SessionKind::Long && matches!(d.weekday(), Weekday::Sat | Weekday::Sun));
        let score = (placed.len(), min_gap, tight, weekend_long);
        if best.as_ref().is_none_or(|(b, _, _)| score > *b) {
            best = Some((score, chosen, placed));
        }
    }
    best.map(|(_, c, p)| (c, p)).unwrap_or_default()
}

/// Places hard sessions greedily: the long run on the latest weekend day (else the
/// latest day), a quality session on the day furthest from the hard days placed so
/// far (earliest on ties). A session with no allowed day is left out.
fn place_hard(
    chosen: &[NaiveDate],
    hard: &[SessionKind],
    may_be_hard: &impl Fn(NaiveDate, SessionKind) -> bool,
) -> Placed {
    let mut placed: Placed = Vec::new();
    for kind in hard {
        let free: Vec<NaiveDate> = chosen
            .iter()
            .copied()
            .filter(|d| may_be_hard(*d, *kind) && placed.iter().all(|(p, _)| week_distance(*d, *p) > 1))
            .collect();
        let day = if *kind == SessionKind::Long {
            free.iter()
                .rev()
                .find(|d| matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
                .or(free.last())
                .copied()
        } else {
            let distance = |d: NaiveDate| placed.iter().map(|(p, _)| week_distance(d, *p)).min().unwrap_or(7);
            free.iter().copied().fold(None, |best: Option<NaiveDate>, d| match best {
                Some(b) if distance(b) >= distance(d) => Some(b),
                _ => Some(d),
            })
        };
        if let Some(d) = day {
            placed.push((d, *kind));
        }
    }
    placed
}

/// The `n` quality kinds the runner has done least recently before `before` (never
/// first), ties in a rotation that moves on each week, so weeks vary even for a
/// runner who logs no quality sessions.
fn quality_kinds(runs: &[Run], before: NaiveDate, n: usize) -> Vec<SessionKind> {
    let rotation = usize::try_from(before.iso_week().week()).unwrap_or(0);
    let mut kinds: Vec<(Option<NaiveDate>, usize, SessionKind)> = SessionKind::QUALITY
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let last = runs
                .iter()
                .filter(|r| Some(r.kind) == k.run_type() && r.start.date_naive() < before)
                .map(|r| r.start.date_naive())
                .max();
            (last, (i + rotation) % SessionKind::QUALITY.len(), *k)
        })
        .collect();
    kinds.sort();
    kinds.into_iter().take(n).map(|(_, _, k)| k).collect()
}

/// The time of day the runner most often started runs in the 8 weeks before
/// `before`; `None` without runs.
fn usual_time(runs: &[Run], before: NaiveDate) -> Option<TimeOfDay> {
    let since = before - Duration::days(USUAL_TIME_DAYS);
    let mut counts = [0usize; 4];
    for run in runs.iter().filter(|r| (since..before).contains(&r.start.date_naive())) {
        let t = TimeOfDay::of_hour(run.start.hour());
        if let Some(i) = TimeOfDay::ALL.iter().position(|x| *x == t)
            && let Some(c) = counts.get_mut(i)
        {
            *c += 1;
        }
    }
    let (i, n) = counts.iter().enumerate().max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))?;
    (*n > 0).then(|| TimeOfDay::ALL.get(i).copied()).flatten()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::analysis::Status;
    use crate::run::{Rpe, RunType};
    use crate::testing::sample_run;

    pub(crate) fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub(crate) fn finding(sign: Sign, status: Status) -> Finding {
        Finding {
            sign,
            status,
            evidence: Vec::new(),
            sentence: String::new(),
            headline: String::new(),
            source: "",
            why: Vec::new(),
            remedies: Vec::new(),
        }
    }

    /// `weeks` weeks before 2026-11-23 (a Monday) of easy Tuesday, tempo Thursday
    /// and long Saturday runs, 40/30/80 minutes at RPE 4.
    pub(crate) fn steady(weeks: i64) -> Vec<Run> {
        let monday = date("2026-11-23");
        let mut runs = Vec::new();
        for w in 1..=weeks {
            for (day, kind, minutes) in
                [(1, RunType::Easy, 40.0), (3, RunType::Tempo, 30.0), (5, RunType::Long, 80.0)]
            {
                let d = monday - Duration::weeks(w) + Duration::days(day);
                let n = u8::try_from(runs.len()).unwrap();
                runs.push(sample_run(n, &format!("{d}T07:00:00+01:00"), kind, minutes, minutes / 6.0));
            }
        }
        runs
    }

    pub(crate) fn plan_for(runs: &[Run], settings: &Settings, findings: &[Finding]) -> WeekPlan {
        build_week(&PlanInput {
            week_start: date("2026-11-23"),
            first_day: date("2026-11-23"),
            settings,
            runs,
            findings,
            fitness: None,
            goal: None,
            setbacks: &[],
        })
    }

    #[test]
    fn a_steady_runner_gets_three_sessions_inside_the_bound() {
        let runs = steady(10);
        let plan = plan_for(&runs, &Settings::default(), &[]);
        check_rules(&plan).unwrap();
        // Tue/Thu/Sat are the default run days.
        let days: Vec<Weekday> = plan.sessions.iter().map(|s| s.date.weekday()).collect();
        assert_eq!(days, [Weekday::Tue, Weekday::Thu, Weekday::Sat]);
        let kinds: Vec<SessionKind> = plan.sessions.iter().map(|s| s.session.kind).collect();
        // The quality kind done least recently: hills and intervals never; hills is
        // next in this week's rotation or intervals, either way not tempo.
        assert_eq!(kinds.last(), Some(&SessionKind::Long));
        assert!(kinds.iter().any(|k| k.is_quality() && *k != SessionKind::Tempo), "{kinds:?}");
        assert!(plan.planned_load() <= plan.target_load + 1e-9);
        assert!((plan.target_load - 630.0).abs() < 1e-9, "5 % above 600");
        assert!(plan.planned_load() > 560.0, "fills most of it: {}", plan.planned_load());
        assert_eq!(plan.sessions.iter().map(|s| s.id.n).collect::<Vec<_>>(), [0, 1, 2]);
        assert!(plan.sessions.iter().all(|s| s.time == TimeOfDay::Morning), "runs at 07:00");
    }

    #[test]
    fn findings_shape_the_week() {
        let runs = steady(10);
        let settings = Settings {
            run_days: vec![Weekday::Mon, Weekday::Wed, Weekday::Fri, Weekday::Sun],
            ..Settings::default()
        };
        let base = plan_for(&runs, &settings, &[]);
        // Overreaching: less load, one session fewer, no quality session.
        let tired = plan_for(&runs, &settings, &[finding(Sign::Overreaching, Status::Rut)]);
        check_rules(&tired).unwrap();
        assert!(tired.target_load < base.target_load * 0.75);
        assert!(tired.active().count() < base.active().count());
        assert!(!tired.active().any(|s| s.session.kind.is_quality()));
        assert!(tired.adjustments.contains(&Adjustment::NoQuality { sign: Sign::Overreaching }));
        // Life stress: lighter, same number of sessions.
        let stressed = plan_for(&runs, &settings, &[finding(Sign::LifeStress, Status::Rut)]);
        assert!((stressed.target_load - base.target_load * 0.75).abs() < 1e-6);
        // Staleness: strength in the week.
        let stale = plan_for(&runs, &settings, &[finding(Sign::Staleness, Status::Watch)]);
        assert!(stale.active().any(|s| s.session.kind == SessionKind::Strength), "{:?}", stale.sessions);
        // Every run easy, even for a runner with a single run day: a quality session.
        let one_day = Settings { run_days: vec![Weekday::Wed], ..Settings::default() };
        let easy = plan_for(&runs, &one_day, &[finding(Sign::AllEasy, Status::Rut)]);
        assert_eq!(easy.sessions.len(), 1);
        assert!(easy.sessions[0].session.kind.is_quality());
        // A plateau with five days: two quality sessions, never side by side.
        let five = Settings {
            run_days: vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Sat],
            ..Settings::default()
        };
        // Ten weeks, past a beginner's base.
        let many: Vec<Run> = (0..70)
            .map(|i| {
                let d = date("2026-09-14") + Duration::days(i);
                sample_run(u8::try_from(i).unwrap(), &format!("{d}T07:00:00+01:00"), RunType::Easy, 40.0, 7.0)
            })
            .filter(|r| r.start.weekday() != Weekday::Sun && r.start.weekday() != Weekday::Fri)
            .collect();
        let stuck = plan_for(&many, &five, &[finding(Sign::Plateau, Status::Rut)]);
        check_rules(&stuck).unwrap();
        assert_eq!(stuck.active().filter(|s| s.session.kind.is_quality()).count(), 2, "{:?}", stuck.sessions);
    }

    #[test]
    fn days_that_leave_no_room_turn_hard_sessions_easy() {
        // Three days in a row after a hard tempo run on the Sunday before: Monday
        // can't be hard, the long run takes Wednesday, and Tuesday sits next to it.
        let mut runs = steady(10);
        let mut tempo = sample_run(99, "2026-11-22T09:00:00+01:00", RunType::Tempo, 40.0, 8.0);
        tempo.rpe = Rpe::new(8);
        runs.push(tempo);
        let settings =
            Settings { run_days: vec![Weekday::Mon, Weekday::Tue, Weekday::Wed], ..Settings::default() };
        let plan = plan_for(&runs, &settings, &[]);
        check_rules(&plan).unwrap();
        let kinds: Vec<SessionKind> = plan.sessions.iter().map(|s| s.session.kind).collect();
        assert_eq!(kinds.iter().filter(|k| k.is_hard()).count(), 1, "{kinds:?}");
        assert!(
            plan.adjustments.iter().any(|a| matches!(a, Adjustment::MadeEasy { .. })),
            "{:?}",
            plan.adjustments
        );
    }

    #[test]
    fn every_day_free_still_keeps_a_rest_day_and_none_is_empty() {
        let runs: Vec<Run> = (0..28)
            .map(|i| {
                let d = date("2026-10-26") + Duration::days(i);
                sample_run(u8::try_from(i).unwrap(), &format!("{d}T18:00:00+01:00"), RunType::Easy, 45.0, 8.0)
            })
            .collect();
        let all = Settings {
            run_days: (0u8..7).map(|d| Weekday::try_from(d).unwrap()).collect(),
            ..Settings::default()
        };
        assert_eq!(all.run_days.len(), 7);
        let plan = plan_for(&runs, &all, &[]);
        check_rules(&plan).unwrap();
        assert_eq!(plan.active().count(), 6);
        assert_eq!(plan.rest_days().len(), 1);
        assert!(plan.adjustments.contains(&Adjustment::RestDayKept));
        assert!(plan.sessions.iter().all(|s| s.time == TimeOfDay::Evening));
        // Hard days never meet, not even Sunday to the next Monday.
        let hard: Vec<NaiveDate> = plan.active().filter(|s| s.session.is_hard()).map(|s| s.date).collect();
        assert!(hard.iter().all(|a| hard.iter().all(|b| a == b || week_distance(*a, *b) > 1)), "{hard:?}");
        let none = Settings { run_days: Vec::new(), ..Settings::default() };
        let empty = plan_for(&runs, &none, &[]);
        assert!(empty.sessions.is_empty() && empty.adjustments.contains(&Adjustment::NoRunDays));
        check_rules(&empty).unwrap();
    }

    #[test]
    fn no_hard_first_day_after_a_hard_day() {
        let mut runs = steady(10);
        let settings =
            Settings { run_days: vec![Weekday::Mon, Weekday::Thu, Weekday::Sat], ..Settings::default() };
        runs.push(sample_run(99, "2026-11-22T09:00:00+01:00", RunType::Race, 21.0, 5.0));
        let plan = plan_for(&runs, &settings, &[]);
        let monday = plan.on(date("2026-11-23")).unwrap();
        assert!(!monday.session.is_hard(), "{:?}", monday.session.kind);
        // Hard by its rating alone counts too.
        runs.pop();
        let mut hard = sample_run(99, "2026-11-22T09:00:00+01:00", RunType::Easy, 60.0, 10.0);
        hard.rpe = Rpe::new(8);
        runs.push(hard);
        assert!(!plan_for(&runs, &settings, &[]).on(date("2026-11-23")).unwrap().session.is_hard());
    }

    #[test]
    fn quality_rotates_to_the_least_recent() {
        let mut runs = steady(2);
        // Tempo on the Thursdays (last on the 19th); hills once, on the 17th.
        runs.push(sample_run(50, "2026-11-17T07:00:00+01:00", RunType::Hills, 30.0, 5.0));
        assert_eq!(
            quality_kinds(&runs, date("2026-11-23"), 3),
            [SessionKind::Intervals, SessionKind::Hills, SessionKind::Tempo]
        );
        // Nothing logged: the rotation moves on each week.
        let a = quality_kinds(&[], date("2026-11-23"), 1);
        let b = quality_kinds(&[], date("2026-11-30"), 1);
        assert_ne!(a, b);
    }

    #[test]
    fn usual_time_of_day() {
        assert_eq!(usual_time(&[], date("2026-11-23")), None);
        let runs = steady(2);
        assert_eq!(usual_time(&runs, date("2026-11-23")), Some(TimeOfDay::Morning));
        let settings = Settings { preferred_time: Some(TimeOfDay::Night), ..Settings::default() };
        assert!(plan_for(&runs, &settings, &[]).sessions.iter().all(|s| s.time == TimeOfDay::Night));
    }
}
