//! Builds runner histories for the scenario tests: a history in, a report out.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
use restride_core::analysis::{Report, analyze};
use restride_core::history::week_start_of;
use restride_core::plan::{
    PlanInput, RaceGoal, SessionKind, SessionStatus, WeekPlan, build_week, check_rules, current_fitness,
};
use restride_core::setback::return_week;
use restride_core::{
    Completion, Feel, Hooper, Level, LifeTag, Rpe, Run, RunId, RunType, Setback, Settings, Source, Wellness,
};

#[derive(Clone)]
pub struct History {
    pub today: NaiveDate,
    pub runs: Vec<Run>,
    pub wellness: Vec<Wellness>,
    /// Times the runner was ill or injured.
    pub setbacks: Vec<Setback>,
    pub settings: Settings,
    next_id: u64,
}

impl History {
    /// A history whose "today" is `today` (YYYY-MM-DD).
    pub fn new(today: &str) -> Self {
        Self {
            today: NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap(),
            runs: Vec::new(),
            wellness: Vec::new(),
            setbacks: Vec::new(),
            settings: Settings::default(),
            next_id: 0,
        }
    }

    fn at(&self, days_ago: i64, hour: u32) -> DateTime<FixedOffset> {
        let date = self.today - Duration::days(days_ago);
        FixedOffset::east_opt(0).unwrap().from_local_datetime(&date.and_hms_opt(hour, 0, 0).unwrap()).unwrap()
    }

    /// A run `days_ago` days before today, starting at `hour`:00, of `minutes`
    /// and `km` (0 km for cross-training), with effort `rpe` and `feel`.
    pub fn run(
        &mut self,
        days_ago: i64,
        hour: u32,
        kind: RunType,
        minutes: f64,
        km: f64,
        rpe: u8,
        feel: u8,
    ) -> &mut Self {
        self.next_id += 1;
        let created = Utc.timestamp_millis_opt(1_700_000_000_000).unwrap();
        let start = self.at(days_ago, hour);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let moving_s = (minutes * 60.0).round() as u32;
        let mut random = [0u8; 10];
        random[..8].copy_from_slice(&self.next_id.to_be_bytes());
        self.runs.push(Run {
            id: RunId::v7(self.next_id, random),
            start,
            kind,
            title: String::new(),
            moving_s,
            elapsed_s: None,
            distance_m: (km > 0.0).then_some(km * 1000.0),
            rpe: Rpe::new(rpe),
            feel: Feel::new(feel),
            completion: Completion::AsPlanned,
            route: String::new(),
            route_fingerprint: None,
            company: None,
            notes: String::new(),
            source: Source::Manual,
            heart_rate: None,
            elevation_gain_m: None,
            created,
            updated: created,
        });
        self
    }

    /// Changes the run added last (route, company, completion, …).
    pub fn with(&mut self, f: impl FnOnce(&mut Run)) -> &mut Self {
        if let Some(run) = self.runs.last_mut() {
            f(run);
        }
        self
    }

    /// A wellness check-in `days_ago` days before today. `hooper` is
    /// [sleep quality, stress, fatigue, soreness], each 1 (best) to 7 (worst).
    pub fn check_in(
        &mut self,
        days_ago: i64,
        sleep_hours: f64,
        hooper: [u8; 4],
        hydration: u8,
        motivation: u8,
        tags: &[LifeTag],
    ) -> &mut Self {
        let h = |v: u8| Hooper::new(v).unwrap();
        self.wellness.push(Wellness {
            date: self.today - Duration::days(days_ago),
            sleep_hours: Some(sleep_hours),
            sleep_quality: h(hooper[0]),
            stress: h(hooper[1]),
            fatigue: h(hooper[2]),
            soreness: h(hooper[3]),
            hydration: Level::new(hydration).unwrap(),
            motivation: Level::new(motivation).unwrap(),
            tags: tags.to_vec(),
            updated: Utc.timestamp_millis_opt(1_700_000_000_000).unwrap(),
        });
        self
    }

    pub fn analyze(&self) -> Report {
        analyze(&self.runs, &self.wellness, &self.setbacks, &self.settings, self.today)
    }

    /// The status slug of one sign ("clear", "watch", "rut", "insufficient").
    pub fn status(&self, sign_slug: &str) -> &'static str {
        self.analyze()
            .findings
            .iter()
            .find(|f| f.sign.slug() == sign_slug)
            .map_or("missing", |f| f.status.slug())
    }
}

/// One scenario: a history in, the expected status slug of each of a test
/// file's four signs out.
pub struct Case {
    pub name: &'static str,
    pub build: fn(&str) -> History,
    pub expect: [&'static str; 4],
}

/// Runs every case and fails listing every mismatch, not just the first. Set
/// SHOW_FINDINGS=1 to print each finding's sentence and evidence.
pub fn check_cases(signs: &[restride_core::analysis::Sign; 4], cases: &[Case], today: &str) {
    let mut mismatches = Vec::new();
    for case in cases {
        let report = (case.build)(today).analyze();
        for (sign, want) in signs.iter().zip(case.expect) {
            let finding = report.findings.iter().find(|f| f.sign == *sign);
            if let Some(f) = finding.filter(|_| std::env::var_os("SHOW_FINDINGS").is_some()) {
                eprintln!("{} / {}: {} — {}", case.name, sign.slug(), f.status.slug(), f.sentence);
                for e in &f.evidence {
                    eprintln!("    {} ({}): {}", e.label, e.window, e.shown);
                }
            }
            let got = finding.map_or("missing", |f| f.status.slug());
            if got != want {
                let detail = finding.map(|f| f.sentence.clone()).unwrap_or_default();
                mismatches.push(format!(
                    "{}: {} is {got}, expected {want} ({detail})",
                    case.name,
                    sign.slug()
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{} mismatch(es):\n{}", mismatches.len(), mismatches.join("\n"));
}

/// The article's case: 20 minutes, twice a week, at the same pace, for six months.
pub fn twenty_minutes_twice_a_week(today: &str) -> History {
    let mut h = History::new(today);
    for week in 0..26 {
        for day in [1, 4] {
            h.run(week * 7 + day, 18, RunType::Easy, 20.0, 3.6, 4, 3).with(|r| r.route = "block loop".into());
        }
    }
    h
}

// --- variety scenarios ---

/// A deterministic wobble in [-1, 1] for draw `n` (splitmix64), so the variety
/// scenarios look like real logs yet never change between runs.
pub fn wobble(n: u64) -> f64 {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    #[allow(clippy::cast_precision_loss)]
    let unit = (z >> 11) as f64 / (1u64 << 53) as f64;
    unit * 2.0 - 1.0
}

/// A run of `minutes` at `pace_s` seconds per km.
fn paced(
    h: &mut History,
    days_ago: i64,
    hour: u32,
    kind: RunType,
    minutes: f64,
    pace_s: f64,
    rpe: u8,
    feel: u8,
    route: &str,
) {
    let km = minutes * 60.0 / pace_s;
    let route = route.to_string();
    h.run(days_ago, hour, kind, minutes, km, rpe, feel).with(|r| r.route = route);
}

/// A varied, sensible plan of `weeks` weeks up to today, four runs a week: easy on
/// rotating routes in the evening, tempo in the morning, intervals or hills at
/// midday, a long run on the weekend. With `progressing` the tempo pace improves
/// from 5:15 to 4:45 /km and the long run grows from 60 to 100 min; without, both
/// stay where they are. Daily check-ins with steady, good ratings.
pub fn varied_plan(today: &str, weeks: i64, progressing: bool) -> History {
    let mut h = History::new(today);
    #[allow(clippy::cast_precision_loss)]
    let span = (weeks - 1).max(1) as f64;
    for w in (0..weeks).rev() {
        #[allow(clippy::cast_precision_loss)]
        let p = (weeks - 1 - w) as f64 / span;
        let n = u64::try_from(w).unwrap() * 16;
        let d = w * 7;
        let feel = |k: u64| if wobble(n + k) > 0.6 { 3 } else { 4 };
        let easy_route = ["park", "canal", "woods"][usize::try_from(w % 3).unwrap()];
        paced(
            &mut h,
            d + 6,
            18,
            RunType::Easy,
            40.0 * (1.0 + 0.05 * wobble(n)),
            360.0 * (1.0 + 0.03 * wobble(n + 1)),
            3,
            feel(2),
            easy_route,
        );
        let tempo_pace = if progressing { 315.0 - 30.0 * p } else { 305.0 };
        paced(
            &mut h,
            d + 4,
            7,
            RunType::Tempo,
            30.0,
            tempo_pace * (1.0 + 0.01 * wobble(n + 3)),
            6,
            feel(4),
            "river",
        );
        let (kind, route, pace) =
            if w % 2 == 0 { (RunType::Intervals, "track", 345.0) } else { (RunType::Hills, "hill", 370.0) };
        paced(&mut h, d + 3, 12, kind, 45.0, pace * (1.0 + 0.02 * wobble(n + 5)), 7, feel(6), route);
        let long_min = if progressing { 60.0 + 40.0 * p } else { 75.0 * (1.0 + 0.02 * wobble(n + 7)) };
        paced(
            &mut h,
            d + 1,
            8,
            RunType::Long,
            long_min,
            380.0 * (1.0 + 0.02 * wobble(n + 8)),
            4,
            feel(9),
            ["trail", "lakes"][usize::try_from(w % 2).unwrap()],
        );
    }
    for day in (0..weeks * 7).rev() {
        let n = 10_000 + u64::try_from(day).unwrap() * 8;
        let stress = if wobble(n) > 0.3 { 3 } else { 2 };
        let quality = if wobble(n + 1) > 0.5 { 3 } else { 2 };
        let motivation = if wobble(n + 2) > 0.7 { 5 } else { 4 };
        h.check_in(day, 7.5 + 0.5 * wobble(n + 3), [quality, stress, 3, 3], 4, motivation, &[]);
    }
    h
}

/// 16 weeks of [`varied_plan`], progressing.
pub fn varied_progressing_plan(today: &str) -> History {
    varied_plan(today, 16, true)
}

/// 14 weeks of a progressing build, then two taper weeks before a race tomorrow:
/// shorter runs and a short tempo at race pace. No check-ins.
pub fn taper_before_race(today: &str) -> History {
    let mut h = varied_plan(today, 16, true);
    h.wellness.clear();
    let today = h.today;
    for r in &mut h.runs {
        if (today - r.start.date_naive()).num_days() < 14 {
            // Volume down by 40 %, pace kept.
            let s = f64::from(r.moving_s) * 0.6;
            r.distance_m = r.distance_m.map(|m| m * 0.6);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let s = s.round() as u32;
            r.moving_s = s;
        }
    }
    h
}

/// A beginner's first month: ten short walk-run sessions on the same loop.
pub fn beginners_first_month(today: &str) -> History {
    let mut h = History::new(today);
    for (i, day) in [27, 25, 22, 20, 17, 15, 12, 9, 6, 2].into_iter().enumerate() {
        let minutes = 20.0 + f64::from(u8::try_from(i).unwrap());
        paced(&mut h, day, 18, RunType::Easy, minutes, 480.0, 5, 3, "home loop");
    }
    h
}

/// Two of three runs a week the same 30-minute evening easy run; the third a
/// varied, progressing session. 14 weeks.
pub fn mostly_the_same_run(today: &str) -> History {
    let mut h = History::new(today);
    for w in (0..14).rev() {
        let n = 500 + u64::try_from(w).unwrap() * 8;
        let d = w * 7;
        #[allow(clippy::cast_precision_loss)]
        let p = (13 - w) as f64 / 13.0;
        for (k, offset) in [(0, 6), (1, 3)] {
            paced(
                &mut h,
                d + offset,
                18,
                RunType::Easy,
                30.0 * (1.0 + 0.03 * wobble(n + k)),
                350.0 * (1.0 + 0.02 * wobble(n + k + 2)),
                4,
                3,
                "park",
            );
        }
        match w % 3 {
            0 => paced(&mut h, d + 1, 8, RunType::Tempo, 30.0, 320.0 - 30.0 * p, 6, 4, "river"),
            1 => paced(&mut h, d + 1, 8, RunType::Long, 60.0 + 40.0 * p, 380.0, 4, 4, "trail"),
            _ => paced(&mut h, d + 1, 8, RunType::Hills, 40.0, 370.0, 7, 4, "hill"),
        }
    }
    h
}

/// Varied types, routes and times, but the tempo pace and the long run stay put
/// for 16 weeks.
pub fn varied_but_stuck(today: &str) -> History {
    varied_plan(today, 16, false)
}

/// A progressing plan until the last 4 weeks, when easy and interval runs are cut
/// short, every run feels poor and the motivation check-ins drop to "Low".
pub fn losing_motivation(today: &str) -> History {
    let mut h = varied_plan(today, 16, true);
    let today = h.today;
    for r in &mut h.runs {
        if (today - r.start.date_naive()).num_days() < 28 {
            r.feel = Feel::new(2);
            if matches!(r.kind, RunType::Easy | RunType::Intervals | RunType::Hills) {
                r.completion = Completion::CutShort;
                r.moving_s /= 2;
                r.distance_m = r.distance_m.map(|m| m / 2.0);
            }
        }
    }
    for w in &mut h.wellness {
        if (today - w.date).num_days() < 28 {
            w.motivation = Level::new(2).unwrap();
        }
    }
    h
}

/// A progressing plan whose runs have felt a little worse for the last 4 weeks
/// (OK instead of good), nothing else changed.
pub fn feel_slipping(today: &str) -> History {
    let mut h = varied_plan(today, 16, true);
    let today = h.today;
    for r in &mut h.runs {
        if (today - r.start.date_naive()).num_days() < 28 {
            r.feel = Feel::new(3);
        }
    }
    h
}

/// A progressing plan, then ten days of high stress at work: stress and sleep
/// quality rated 6, five and a half hours' sleep, work-stress tags.
pub fn stressful_fortnight(today: &str) -> History {
    let mut h = varied_plan(today, 16, true);
    let today = h.today;
    for w in &mut h.wellness {
        if (today - w.date).num_days() < 10 {
            w.stress = Hooper::new(6).unwrap();
            w.sleep_quality = Hooper::new(6).unwrap();
            w.sleep_hours = Some(5.5);
            w.tags = vec![LifeTag::WorkStress];
        }
    }
    h
}

/// A progressing plan with a busy week noted on the last five check-ins, ratings
/// unchanged.
pub fn a_busy_week(today: &str) -> History {
    let mut h = varied_plan(today, 16, true);
    let today = h.today;
    for w in &mut h.wellness {
        if (today - w.date).num_days() < 5 {
            w.tags = vec![LifeTag::BusyWeek];
        }
    }
    h
}

/// A plan whose tempo pace improves while the long run stays at 75 minutes, with a
/// fast 5 km race 11 weeks ago and none since: the race must not stand against
/// the training runs that followed it.
pub fn raced_then_built(today: &str) -> History {
    let mut h = varied_plan(today, 16, true);
    for r in h.runs.iter_mut().filter(|r| r.kind == RunType::Long) {
        r.moving_s = 75 * 60;
        r.distance_m = Some(75.0 * 60.0 / 380.0 * 1000.0);
    }
    paced(&mut h, 77, 9, RunType::Race, 21.0, 252.0, 9, 5, "parkrun");
    h
}

// --- load scenarios ---
// Histories for the load half of the rut engine (effort creep, overreaching,
// cramming, every run easy). Weeks are calendar weeks starting on Monday, as in
// the default settings; `weeks_back` 0 is the current week.

/// Days before today of weekday `day` (0 = Monday) in the week `weeks_back` weeks
/// before the current one.
pub fn load_day(h: &History, weeks_back: i64, day: i64) -> i64 {
    use chrono::Datelike;
    i64::from(h.today.weekday().num_days_from_monday()) + 7 * weeks_back - day
}

/// A session of `minutes` at `pace_s` seconds per km (no distance for
/// cross-training), with effort `rpe`; skipped if it would fall after today.
pub fn load_session(h: &mut History, days_ago: i64, kind: RunType, minutes: f64, pace_s: f64, rpe: u8) {
    if days_ago >= 0 {
        let km = if kind == RunType::Cross { 0.0 } else { minutes * 60.0 / pace_s };
        h.run(days_ago, 7, kind, minutes, km, rpe, 4);
    }
}

/// A session type's usual minutes, pace (s/km) and RPE in these scenarios.
pub fn load_usual(kind: RunType) -> (f64, f64, u8) {
    match kind {
        RunType::Easy => (45.0, 360.0, 3),
        RunType::Recovery => (30.0, 390.0, 2),
        RunType::Long => (80.0, 375.0, 4),
        RunType::Tempo => (35.0, 300.0, 6),
        RunType::Intervals => (50.0, 330.0, 8),
        RunType::Hills => (45.0, 370.0, 7),
        RunType::Race => (45.0, 270.0, 9),
        RunType::Cross => (40.0, 0.0, 5),
    }
}

/// A week of the runner's usual sessions on the given weekdays, minutes scaled
/// by `volume` and paces by `pace`.
pub fn load_week(h: &mut History, weeks_back: i64, sessions: &[(i64, RunType)], volume: f64, pace: f64) {
    for (day, kind) in sessions {
        let (minutes, pace_s, rpe) = load_usual(*kind);
        let ago = load_day(h, weeks_back, *day);
        load_session(h, ago, *kind, minutes * volume, pace_s * pace, rpe);
    }
}

/// The steady runner's week: easy Tuesday, tempo Thursday, long Saturday.
pub const LOAD_STEADY_WEEK: [(i64, RunType); 3] =
    [(1, RunType::Easy), (3, RunType::Tempo), (5, RunType::Long)];

/// `weeks` weeks of [`LOAD_STEADY_WEEK`], ending `last_weeks_back` weeks back.
pub fn load_steady(today: &str, weeks: i64, last_weeks_back: i64) -> History {
    let mut h = History::new(today);
    for wb in (last_weeks_back..last_weeks_back + weeks).rev() {
        load_week(&mut h, wb, &LOAD_STEADY_WEEK, 1.0, 1.0);
    }
    h
}

/// 16 weeks of a varied plan: 3–5 sessions a week of every type, volume up 3 % a
/// week with every fourth week easier, paces 0.3 % a week quicker at the same RPE.
pub fn load_progressing_plan(today: &str) -> History {
    use RunType::{Easy, Hills, Intervals, Long, Recovery, Tempo};
    let mut h = History::new(today);
    for wb in (0..16).rev() {
        #[allow(clippy::cast_precision_loss)]
        let progress = (15 - wb) as f64;
        let (sessions, volume): (&[(i64, RunType)], f64) = match wb % 4 {
            0 => (&[(1, Easy), (3, Tempo), (5, Long), (6, Recovery)], 1.0),
            1 => (&[(0, Easy), (2, Intervals), (4, Easy), (5, Long), (6, Recovery)], 1.0),
            2 => (&[(1, Hills), (3, Easy), (6, Long)], 1.0),
            _ => (&[(1, Easy), (3, Tempo), (5, Long)], 0.75),
        };
        load_week(&mut h, wb, sessions, volume * (1.0 + 0.03 * progress), 1.0 - 0.003 * progress);
    }
    h
}

/// 14 weeks of the progressing plan, then a two-week taper (load down about 40 %,
/// then about 60 %) ending in a 10 km race today.
pub fn load_taper_to_race(today: &str) -> History {
    let mut h = load_progressing_plan(today);
    let today = h.today;
    h.runs.retain(|r| (today - r.start.date_naive()).num_days() >= 14);
    for (ago, kind, volume) in [
        (13, RunType::Easy, 0.8),
        (11, RunType::Tempo, 0.7),
        (9, RunType::Long, 0.7),
        (8, RunType::Recovery, 0.8),
        (6, RunType::Easy, 0.6),
        (4, RunType::Tempo, 0.5),
        (2, RunType::Easy, 0.5),
    ] {
        let (minutes, pace_s, rpe) = load_usual(kind);
        load_session(&mut h, ago, kind, minutes * volume, pace_s * 0.96, rpe);
    }
    load_session(&mut h, 0, RunType::Race, 45.0, 270.0, 9);
    h
}

/// A beginner's first month: ten short, easy runs, slowly getting longer.
pub fn load_beginner_month(today: &str) -> History {
    let mut h = History::new(today);
    for (i, ago) in [27, 24, 22, 19, 17, 14, 11, 8, 5, 2].into_iter().enumerate() {
        let minutes = 20.0 + f64::from(u8::try_from(i).unwrap());
        load_session(&mut h, ago, RunType::Easy, minutes, 450.0, if i % 3 == 0 { 4 } else { 3 });
    }
    h
}

/// 12 steady weeks, then the last 10 days run every day at nearly twice the
/// usual load, with check-ins reporting high fatigue and soreness all week.
pub fn load_spike_every_day(today: &str) -> History {
    let mut h = load_steady(today, 12, 2);
    h.runs.retain(|r| (h.today - r.start.date_naive()).num_days() >= 10);
    for ago in 0..10 {
        let kind = [RunType::Easy, RunType::Tempo, RunType::Long, RunType::Easy, RunType::Hills]
            [usize::try_from(ago % 5).unwrap()];
        let (minutes, pace_s, rpe) = load_usual(kind);
        load_session(&mut h, ago, kind, minutes, pace_s, rpe);
    }
    for ago in 0..8 {
        h.check_in(ago, 7.0, [4, 3, 6, 6], 3, 3, &[]);
    }
    h
}

/// 12 steady weeks, then the last 7 days with two extra long runs: a load spike
/// with rest days kept and nothing else amiss.
pub fn load_spike_one_week(today: &str) -> History {
    let mut h = load_steady(today, 12, 1);
    h.runs.retain(|r| (h.today - r.start.date_naive()).num_days() >= 7);
    for (ago, kind) in
        [(6, RunType::Long), (5, RunType::Easy), (3, RunType::Tempo), (1, RunType::Long), (0, RunType::Long)]
    {
        let (minutes, pace_s, rpe) = load_usual(kind);
        load_session(&mut h, ago, kind, minutes, pace_s, rpe);
    }
    h
}

/// 10 steady weeks, then a week with a single run, then a week of six sessions on
/// six days in a row (1.7× the usual load): the missed sessions made up.
pub fn load_cram_six_days(today: &str) -> History {
    use RunType::{Easy, Long, Tempo};
    let mut h = load_steady(today, 10, 3);
    load_week(&mut h, 2, &[(1, Easy)], 1.0, 1.0);
    load_week(&mut h, 1, &[(0, Easy), (1, Tempo), (2, Easy), (3, Tempo), (4, Easy), (5, Long)], 1.0, 1.0);
    load_week(&mut h, 0, &[(1, Easy)], 1.0, 1.0);
    h
}

/// 10 steady weeks, then a week with a single run, then four spread-out sessions
/// at about 1.35× the usual load.
pub fn load_cram_spread(today: &str) -> History {
    use RunType::{Easy, Long, Tempo};
    let mut h = load_steady(today, 10, 3);
    load_week(&mut h, 2, &[(1, Easy)], 1.0, 1.0);
    load_week(&mut h, 1, &[(0, Easy), (2, Tempo), (4, Easy)], 1.2, 1.0);
    load_week(&mut h, 1, &[(6, Long)], 1.05, 1.0);
    load_week(&mut h, 0, &[(1, Easy)], 1.0, 1.0);
    h
}

/// 12 weeks of three runs a week, every one easy (RPE 3–4).
pub fn load_all_easy(today: &str) -> History {
    let mut h = History::new(today);
    for wb in (0..12).rev() {
        for (day, minutes, pace_s, rpe) in [(1, 45.0, 360.0, 3), (3, 40.0, 355.0, 4), (5, 80.0, 375.0, 4)] {
            let ago = load_day(&h, wb, day);
            load_session(&mut h, ago, RunType::Easy, minutes, pace_s, rpe);
        }
    }
    h
}

/// 12 weeks of three runs a week, every one at a moderate RPE 5: the grey zone.
pub fn load_grey_zone(today: &str) -> History {
    let mut h = History::new(today);
    for wb in (0..12).rev() {
        for (day, minutes, pace_s) in [(1, 45.0, 340.0), (3, 40.0, 340.0), (5, 70.0, 350.0)] {
            let ago = load_day(&h, wb, day);
            load_session(&mut h, ago, RunType::Easy, minutes, pace_s, 5);
        }
    }
    h
}

/// 10 weeks of the same easy 30 minutes every day.
pub fn load_daily_streak(today: &str) -> History {
    let mut h = History::new(today);
    for ago in (0..70).rev() {
        load_session(&mut h, ago, RunType::Easy, 30.0, 360.0, 3);
    }
    h
}

/// 16 steady weeks in which, for the last 4, every run at the usual pace and
/// length is rated 2 points harder.
pub fn load_effort_creeping(today: &str) -> History {
    let mut h = load_steady(today, 16, 0);
    let today = h.today;
    for r in &mut h.runs {
        if (today - r.start.date_naive()).num_days() < 28 {
            r.rpe = r.rpe.and_then(|rpe| Rpe::new(rpe.value() + 2));
        }
    }
    h
}

/// 16 steady weeks in which, for the last 4, every run at the usual effort and
/// length is 7 % slower.
pub fn load_slowing_at_same_effort(today: &str) -> History {
    let mut h = load_steady(today, 16, 0);
    let today = h.today;
    for r in &mut h.runs {
        if (today - r.start.date_naive()).num_days() < 28 {
            r.distance_m = r.distance_m.map(|m| m / 1.07);
        }
    }
    h
}

/// 12 steady weeks with check-ins rating fatigue 6 for the last 9 days: Hooper's
/// staleness mark with the load unchanged.
pub fn load_tired_for_nine_days(today: &str) -> History {
    let mut h = load_steady(today, 12, 0);
    for ago in 0..9 {
        h.check_in(ago, 7.0, [3, 3, 6, 3], 4, 3, &[]);
    }
    h
}

/// 12 steady weeks with check-ins rating sleep quality 6 for the last 9 days.
pub fn load_sleeping_badly(today: &str) -> History {
    let mut h = load_steady(today, 12, 0);
    for ago in 0..9 {
        h.check_in(ago, 5.5, [6, 3, 3, 3], 4, 3, &[]);
    }
    h
}

// --- plans ---

/// The runner's week from `first_day` (the week's start, or a later day once it
/// has begun), as the app plans it: the radar's findings as of `h.today`, fitness
/// from recent efforts, `h`'s setbacks. Checked against every rule and against the
/// safety rules recomputed from the runs.
pub fn plan_week(h: &History, goal: Option<&RaceGoal>, first_day: NaiveDate) -> (Report, WeekPlan) {
    let report = h.analyze();
    let plan = build_week(&PlanInput {
        week_start: week_start_of(first_day, h.settings.week_start),
        first_day,
        settings: &h.settings,
        runs: &h.runs,
        findings: &report.findings,
        fitness: current_fitness(&h.runs, h.today),
        goal,
        setbacks: &h.setbacks,
    });
    assert_eq!(check_rules(&plan), Ok(()));
    let broken = safety_violations(&plan, &h.runs, &h.setbacks, goal);
    assert!(broken.is_empty(), "{broken:?}");
    (report, plan)
}

// --- safety ---

fn minutes(run: &Run) -> f64 {
    f64::from(run.moving_s) / 60.0
}

/// Runs a plan builds on: not races (a race is not training), not cross-training.
fn counts(run: &Run) -> bool {
    !matches!(run.kind, RunType::Race | RunType::Cross)
}

/// The days a race's recovery window holds back: about one per km raced, at least 3.
fn recovery_days(distance_m: f64) -> i64 {
    #[allow(clippy::cast_possible_truncation)] // a race of at most a few hundred km
    let days = (distance_m / 1000.0).ceil() as i64;
    days.max(3)
}

/// The safety rules every plan keeps, recomputed from the runs themselves rather
/// than read from the plan's own bounds; one line per rule broken. No run over 10 %
/// longer than the longest of the 30 days before (30 minutes with less; Frandsen,
/// Nielsen et al. 2025); no week's running over 10 % above the four weeks before
/// (60 minutes with less; in a return, its share of the four weeks before the
/// break); nothing on a day an illness or injury covers; no quality session after a
/// race within about a day per km raced (a race without a distance at 5:00 /km), in
/// a week a setback touches, in a return week or in a beginner's first 9 weeks; no
/// long run in the first half of a race's recovery window.
pub fn safety_violations(
    plan: &WeekPlan,
    runs: &[Run],
    setbacks: &[Setback],
    goal: Option<&RaceGoal>,
) -> Vec<String> {
    let mut broken = Vec::new();
    let start = plan.start;
    let in_window = |r: &Run, from: NaiveDate, to: NaiveDate| (from..to).contains(&r.start.date_naive());
    let longest = runs
        .iter()
        .filter(|r| counts(r) && in_window(r, start - Duration::days(30), start))
        .map(minutes)
        .fold(0.0, f64::max);
    let longest_bound = (1.1 * longest).max(30.0);
    for s in plan.active().filter(|s| s.session.is_run()) {
        if f64::from(s.session.minutes) > longest_bound + 1e-6 {
            broken.push(format!("a {}-minute run on {}, over {longest_bound:.1}", s.session.minutes, s.date));
        }
    }
    let weekly = |week_start: NaiveDate| {
        runs.iter()
            .filter(|r| counts(r) && in_window(r, week_start - Duration::days(28), week_start))
            .map(minutes)
            .sum::<f64>()
            / 4.0
    };
    let returning = return_week(setbacks, start);
    let minutes_bound = match returning {
        Some(r) => weekly(week_start_of(r.start, Weekday::Mon)).max(60.0) * r.share,
        None => (1.1 * weekly(start)).max(60.0),
    };
    if plan.planned_minutes() > minutes_bound + 1e-6 {
        broken.push(format!("{} minutes planned, over {minutes_bound:.1}", plan.planned_minutes()));
    }
    let planned: Vec<_> = plan.sessions.iter().filter(|s| s.status == SessionStatus::Planned).collect();
    for s in &planned {
        if setbacks.iter().any(|x| x.covers(s.date)) {
            broken.push(format!("a session on {}, a paused day", s.date));
        }
    }
    let week: Vec<NaiveDate> = (0..7).map(|d| start + Duration::days(d)).collect();
    let touched = setbacks.iter().any(|x| week.iter().any(|d| x.covers(*d)));
    let first_run = runs.iter().map(|r| r.start.date_naive()).filter(|d| *d < start).min();
    let logged_near = |date: NaiveDate| {
        runs.iter().any(|r| r.kind == RunType::Race && (r.start.date_naive() - date).num_days().abs() <= 1)
    };
    let races: Vec<(NaiveDate, f64)> = runs
        .iter()
        .filter(|r| r.kind == RunType::Race)
        .map(|r| (r.start.date_naive(), r.distance_m.unwrap_or(minutes(r) * 60.0 / 300.0 * 1000.0)))
        .chain(goal.filter(|g| !logged_near(g.date)).map(|g| (g.date, g.distance_m)))
        .filter(|(d, _)| *d < start)
        .collect();
    for s in &planned {
        let after_race = |(day, m): &(NaiveDate, f64), within: i64| {
            let gap = (s.date - *day).num_days();
            gap > 0 && gap <= within.min(recovery_days(*m))
        };
        if s.session.kind.is_quality() {
            if touched || returning.is_some() {
                broken.push(format!("quality on {} in a setback's week or a return", s.date));
            }
            if first_run.is_none_or(|f| s.date < f + Duration::days(63)) {
                broken.push(format!("quality on {} in a beginner's first 9 weeks", s.date));
            }
            if races.iter().any(|r| after_race(r, i64::MAX)) {
                broken.push(format!("quality on {} in a race's recovery ({races:?})", s.date));
            }
        }
        if s.session.kind == SessionKind::Long && races.iter().any(|r| after_race(r, recovery_days(r.1) / 2))
        {
            broken.push(format!("a long run on {} in the first half of a race's recovery", s.date));
        }
    }
    broken
}
