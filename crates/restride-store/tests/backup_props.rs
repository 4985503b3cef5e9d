//! Properties of backup export and import over arbitrary valid data of every kind
//! Restride stores: export, wipe, import gives storage back byte for byte; a second
//! import changes nothing; the order of imports doesn't matter; a deletion beats
//! every version changed before it and loses to one changed after.
#![allow(clippy::unwrap_used, reason = "generators and helpers of a test: a failed unwrap is a failed test")]

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use restride_core::history::sort_newest_first;
use restride_core::plan::{PlanInput, RaceGoal, WeekPlan, build_week, mark_missed, skip};
use restride_core::settings::HEART_RATE_RANGE;
use restride_core::units::MAX_DURATION_S;
use restride_core::{
    Completion, DistanceUnit, Feel, HeartRate, Hooper, Level, LifeTag, Rpe, Run, RunId, RunType, Setback,
    SetbackKind, Settings, Source, TimeOfDay, Wellness,
};
use restride_store::repo::{DEVICE_KEY, SETTINGS_KEY};
use restride_store::{KeyValue, MemoryBackend, Store, parse_backup};

/// 2019-01-01 to 2030-12-31, in milliseconds.
const FROM_MS: i64 = 1_546_300_800_000;
const TO_MS: i64 = 1_924_991_999_000;

fn utc_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).unwrap()
}

/// Offsets in use somewhere, from UTC-12 to UTC+14 in quarter hours.
fn offset() -> impl Strategy<Value = FixedOffset> {
    (-48i32..=56).prop_map(|quarters| FixedOffset::east_opt(quarters * 15 * 60).unwrap())
}

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,12}"
}

/// Whole metres to centimetres: as precise as any watch, and exact through JSON.
fn metres() -> impl Strategy<Value = f64> {
    (0u32..100_000_000).prop_map(|cm| f64::from(cm) / 100.0)
}

/// A valid run; `n` goes into the id's random bits so runs in one list never share an id.
fn run(n: u16) -> impl Strategy<Value = Run> {
    let when = (FROM_MS..TO_MS, offset(), FROM_MS..TO_MS, 0i64..1_000_000_000, any::<[u8; 8]>());
    let what = (
        select(RunType::ALL.to_vec()),
        1..=MAX_DURATION_S,
        proptest::option::of(1..=MAX_DURATION_S),
        proptest::option::of(metres()),
        // One past the top stands for "not rated" (imported runs).
        0..=Rpe::MAX + 1,
        Feel::MIN..=Feel::MAX + 1,
        any::<bool>(),
    );
    let words = (
        text(),
        proptest::option::of(text()),
        text(),
        proptest::option::of(text()),
        proptest::option::of((HEART_RATE_RANGE, HEART_RATE_RANGE)),
        proptest::option::of((0u32..100_000).prop_map(|dm| f64::from(dm) / 10.0)),
    );
    (when, what, words).prop_map(
        move |(
            (start_ms, offset, created_ms, edited_after, random),
            (kind, moving_s, elapsed_s, distance_m, rpe, feel, cut_short),
            (route, company, notes, source_file, heart_rate, elevation_gain_m),
        )| {
            let mut random10 = [0u8; 10];
            random10[..8].copy_from_slice(&random);
            random10[8..].copy_from_slice(&n.to_be_bytes());
            // Whole seconds, as the app records starts.
            let start = utc_ms(start_ms - start_ms % 1000).with_timezone(&offset);
            Run {
                id: RunId::v7(u64::try_from(created_ms).unwrap(), random10),
                start,
                kind,
                // Some text, often none, so titles round-trip too.
                title: route.chars().rev().collect(),
                moving_s,
                elapsed_s,
                distance_m,
                rpe: Rpe::new(rpe),
                feel: Feel::new(feel),
                completion: if cut_short { Completion::CutShort } else { Completion::AsPlanned },
                route_fingerprint: (!route.is_empty()).then(|| format!("fp:{route}")),
                route,
                company,
                notes,
                source: source_file.map_or(Source::Manual, Source::Imported),
                heart_rate: heart_rate.map(|(average, max)| HeartRate { average, max }),
                elevation_gain_m,
                created: utc_ms(created_ms),
                updated: utc_ms(created_ms + edited_after),
            }
        },
    )
}

fn hooper() -> impl Strategy<Value = Hooper> {
    (Hooper::MIN..=Hooper::MAX).prop_map(|v| Hooper::new(v).unwrap())
}

fn level() -> impl Strategy<Value = Level> {
    (Level::MIN..=Level::MAX).prop_map(|v| Level::new(v).unwrap())
}

/// A valid check-in for a day from 2019 to 2030.
fn check_in() -> impl Strategy<Value = Wellness> {
    (
        0i64..4383,
        proptest::option::of((0u8..=96).prop_map(|q| f64::from(q) / 4.0)),
        (hooper(), hooper(), hooper(), hooper()),
        (level(), level()),
        subsequence(LifeTag::ALL.to_vec(), 0..=LifeTag::ALL.len()),
        FROM_MS..TO_MS,
    )
        .prop_map(
            |(
                day,
                sleep_hours,
                (sleep_quality, stress, fatigue, soreness),
                (hydration, motivation),
                tags,
                updated,
            )| {
                Wellness {
                    date: NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() + Duration::days(day),
                    sleep_hours,
                    sleep_quality,
                    stress,
                    fatigue,
                    soreness,
                    hydration,
                    motivation,
                    tags,
                    updated: utc_ms(updated),
                }
            },
        )
}

const WEEK: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

fn settings() -> impl Strategy<Value = Settings> {
    (
        any::<bool>(),
        select(WEEK.to_vec()),
        proptest::option::of(HEART_RATE_RANGE),
        proptest::option::of(HEART_RATE_RANGE),
        subsequence(WEEK.to_vec(), 0..=7),
        proptest::option::of(select(TimeOfDay::ALL.to_vec())),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(miles, week_start, max_hr, rest_hr, run_days, preferred_time, run_days_chosen, show_streak)| {
                Settings {
                    unit: if miles { DistanceUnit::Mi } else { DistanceUnit::Km },
                    week_start,
                    max_hr,
                    rest_hr,
                    run_days,
                    run_days_chosen,
                    preferred_time,
                    show_streak,
                }
            },
        )
}

fn runs(max: u16) -> impl Strategy<Value = Vec<Run>> {
    (0..=max).prop_flat_map(|len| (0..len).map(run).collect::<Vec<_>>())
}

/// At most one check-in per date, newest first as storage returns them.
fn check_ins(max: usize) -> impl Strategy<Value = Vec<Wellness>> {
    proptest::collection::vec(check_in(), 0..=max).prop_map(|mut days| {
        days.sort_by_key(|d| std::cmp::Reverse(d.date));
        days.dedup_by_key(|d| d.date);
        days
    })
}

/// A week's plan, as `build_week` makes them for a runner with `settings`, perhaps
/// with a session skipped or missed.
fn plan() -> impl Strategy<Value = WeekPlan> {
    (0i64..600, settings(), 0u8..3).prop_map(|(week, settings, change)| {
        let week_start = NaiveDate::from_ymd_opt(2019, 1, 7).unwrap() + Duration::weeks(week);
        let plan = build_week(&PlanInput::first_week(week_start, &settings));
        let first = plan.active().next().map(|s| s.id);
        match (change, first) {
            (1, Some(id)) => skip(&plan, id).unwrap(),
            (2, Some(id)) => mark_missed(&plan, id, Some("late at work")).unwrap(),
            _ => plan,
        }
    })
}

/// A race goal, or none (cleared).
fn goal() -> impl Strategy<Value = Option<RaceGoal>> {
    proptest::option::of((
        select(vec![5000.0, 10_000.0, 21_097.5, 42_195.0]),
        0i64..4000,
        proptest::option::of(900u32..20_000),
    ))
    .prop_map(|g| {
        g.map(|(distance_m, day, target_s)| RaceGoal {
            distance_m,
            date: NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() + Duration::days(day),
            target_s,
        })
    })
}

fn setbacks() -> impl Strategy<Value = Vec<Setback>> {
    proptest::collection::vec(
        (select(SetbackKind::ALL.to_vec()), 0i64..4000, proptest::option::of(1i64..60)),
        0..4,
    )
    .prop_map(|list| {
        let day = |d| NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() + Duration::days(d);
        list.into_iter()
            .map(|(kind, start, len)| Setback { kind, start: day(start), end: len.map(|l| day(start + l)) })
            .collect()
    })
}

/// Stored text this version can't read, under keys the generated data never uses
/// (2035 is past every generated date): set aside, a newer version's month, a kind
/// of data only a newer version knows.
fn unreadable() -> impl Strategy<Value = Vec<(String, String)>> {
    let text = "\\PC{0,40}";
    proptest::collection::vec(
        (0u8..3, 1u8..13, text).prop_map(|(what, month, text)| match what {
            0 => (format!("restride.aside.restride.runs.2035-{month:02}.0"), text),
            1 => (
                format!("restride.runs.2035-{month:02}"),
                format!(r#"{{"schema":99,"note":{}}}"#, serde_json::to_string(&text).unwrap()),
            ),
            _ => (format!("restride.shoes.{month}"), text),
        }),
        0..4,
    )
}

/// A device's whole history: what the runner did, through the store as the app
/// does it (saves, deletions, undos, plans, a goal, illnesses, settings).
#[derive(Debug, Clone)]
struct History {
    runs: Vec<Run>,
    /// Per run: 0 kept, 1 deleted, 2 deleted then put back (undo).
    fates: Vec<u8>,
    days: Vec<Wellness>,
    settings: Option<Settings>,
    plans: Vec<WeekPlan>,
    goal: Option<(Option<RaceGoal>, i64)>,
    setbacks: Vec<Setback>,
    unreadable: Vec<(String, String)>,
}

fn history() -> impl Strategy<Value = History> {
    (
        runs(25).prop_flat_map(|runs| {
            let n = runs.len();
            (Just(runs), proptest::collection::vec(0u8..3, n))
        }),
        check_ins(20),
        proptest::option::of(settings()),
        proptest::collection::vec(plan(), 0..4),
        proptest::option::of((goal(), FROM_MS..TO_MS)),
        setbacks(),
        unreadable(),
    )
        .prop_map(|((runs, fates), days, settings, plans, goal, setbacks, unreadable)| History {
            runs,
            fates,
            days,
            settings,
            plans,
            goal,
            setbacks,
            unreadable,
        })
}

/// A device that lived `history`.
fn device(history: &History) -> Store<MemoryBackend> {
    let store = Store::new(MemoryBackend::default());
    if let Some(settings) = &history.settings {
        store.save_settings(settings).unwrap();
    }
    for (run, fate) in history.runs.iter().zip(&history.fates) {
        store.save_new_run(run).unwrap();
        if *fate > 0 {
            let deleted_at = run.updated + Duration::minutes(5);
            store.delete_run(run, deleted_at).unwrap();
            if *fate == 2 {
                store.restore_run(run, deleted_at).unwrap();
            }
        }
    }
    for day in &history.days {
        store.upsert_wellness(day).unwrap();
    }
    let mut saved: std::collections::BTreeMap<NaiveDate, WeekPlan> = std::collections::BTreeMap::new();
    for (n, plan) in history.plans.iter().enumerate() {
        let base = saved.get(&plan.start);
        store.save_plan(plan, base, utc_ms(FROM_MS + i64::try_from(n).unwrap())).unwrap();
        saved.insert(plan.start, plan.clone());
    }
    if let Some((goal, at)) = &history.goal {
        store.save_goal(goal.as_ref(), None, utc_ms(*at)).unwrap();
    }
    store.save_setbacks(&restride_store::setback_record::merge_setbacks(&history.setbacks, &[])).unwrap();
    for (key, text) in &history.unreadable {
        store.backend().set(key, text).unwrap();
    }
    store
}

/// Storage as the runner's data: everything but this device's own notes.
fn data_of(store: &Store<MemoryBackend>) -> std::collections::BTreeMap<String, String> {
    let mut snapshot = store.backend().snapshot();
    snapshot.remove(DEVICE_KEY);
    snapshot
}

fn empty_store() -> Store<MemoryBackend> {
    Store::new(MemoryBackend::default())
}

fn import(store: &Store<MemoryBackend>, file: &str) {
    let backup = parse_backup(file).unwrap();
    store.restore_backup(&backup).unwrap();
}

/// A second version of `run`: edited, possibly moved to another month, and saved
/// earlier or later, never at the same millisecond.
fn edit_of(run: &Run, mut other: Run, later_by_ms: i64) -> Run {
    other.id = run.id.clone();
    other.created = run.created;
    other.updated = run.updated + Duration::milliseconds(if later_by_ms == 0 { 1 } else { later_by_ms });
    other
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn export_wipe_import_gives_back_every_stored_kind_byte_for_byte(
        history in history(),
        now in FROM_MS..TO_MS,
    ) {
        let phone = device(&history);
        phone.backend().set(DEVICE_KEY, r#"{"schema":5,"last_backup_ms":1764000000000}"#).unwrap();
        let file = phone.export_backup(utc_ms(now)).unwrap();
        let new_phone = empty_store();
        import(&new_phone, &file);
        prop_assert_eq!(data_of(&new_phone), data_of(&phone));
        prop_assert!(new_phone.backend().get(DEVICE_KEY).unwrap().is_none(), "the device's notes stay behind");
        // And the file made there is the same file.
        prop_assert_eq!(new_phone.export_backup(utc_ms(now)).unwrap(), file);
    }

    #[test]
    fn importing_twice_is_importing_once(
        stored in history(),
        incoming in history(),
    ) {
        let store = device(&stored);
        let file = device(&incoming).export_backup(utc_ms(FROM_MS)).unwrap();
        import(&store, &file);
        let once = store.backend().snapshot();
        let again = store.restore_backup(&parse_backup(&file).unwrap()).unwrap();
        prop_assert_eq!(store.backend().snapshot(), once);
        prop_assert_eq!(again.runs.added + again.runs.updated + again.runs.removed, 0);
        prop_assert_eq!(again.wellness.added + again.wellness.updated, 0);
        prop_assert_eq!(again.plans.added + again.plans.updated, 0);
        prop_assert!(!again.goal_changed && !again.setbacks_changed && again.kept == 0);
    }

    #[test]
    fn the_order_of_imports_does_not_matter_and_deletions_beat_only_older_versions(
        slots in (0u16..30).prop_flat_map(|len| {
            (0..len)
                .map(|n| (run(n), run(n), -1_000_000i64..1_000_000, 0u8..3, 0u8..4))
                .collect::<Vec<_>>()
        }),
        days in proptest::collection::vec((check_in(), check_in(), -1_000_000i64..1_000_000, 0u8..3), 0..30),
        plans in proptest::collection::vec((plan(), plan(), 0u8..3, FROM_MS..TO_MS, FROM_MS..TO_MS), 0..4),
        goals in (proptest::option::of((goal(), FROM_MS..TO_MS)), proptest::option::of((goal(), FROM_MS..TO_MS))),
        settings_a in settings(),
        settings_b in settings(),
    ) {
        // Each run or day is on A only (0), on B only (1), or on both as two
        // versions (2). A run may also be deleted on A (1), on B (2), or on both (3),
        // a while after its version there was made.
        let (a, b) = (empty_store(), empty_store());
        a.save_settings(&settings_a).unwrap();
        b.save_settings(&settings_b).unwrap();
        // Per id: every version and every deletion, to say what must survive.
        let mut versions: std::collections::HashMap<RunId, Vec<Run>> = std::collections::HashMap::new();
        let mut deletions: std::collections::HashMap<RunId, Vec<DateTime<Utc>>> = std::collections::HashMap::new();
        for (run_a, other, later_by_ms, place, deleted_on) in slots {
            let run_b = edit_of(&run_a, other, later_by_ms);
            for (store, run, here, deleted_here) in
                [(&a, &run_a, place != 1, deleted_on & 1 == 1), (&b, &run_b, place != 0, deleted_on & 2 == 2)]
            {
                if !here {
                    continue;
                }
                store.save_new_run(run).unwrap();
                versions.entry(run.id.clone()).or_default().push(run.clone());
                if deleted_here {
                    let at = run.updated + Duration::minutes(3);
                    store.delete_run(run, at).unwrap();
                    deletions.entry(run.id.clone()).or_default().push(at);
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (day_a, mut day_b, later_by_ms, place) in days {
            if !seen.insert(day_a.date) {
                continue;
            }
            day_b.date = day_a.date;
            day_b.updated = day_a.updated + Duration::milliseconds(if later_by_ms == 0 { 1 } else { later_by_ms });
            if place != 1 {
                a.upsert_wellness(&day_a).unwrap();
            }
            if place != 0 {
                b.upsert_wellness(&day_b).unwrap();
            }
        }
        let mut weeks = std::collections::HashSet::new();
        for (plan_a, mut plan_b, place, at_a, at_b) in plans {
            if !weeks.insert(plan_a.start) {
                continue;
            }
            plan_b.start = plan_a.start;
            for s in &mut plan_b.sessions {
                s.id.week = plan_a.start;
                s.date = plan_a.start + (s.date - s.date.week(chrono::Weekday::Mon).first_day());
            }
            if place != 1 {
                a.save_plan(&plan_a, None, utc_ms(at_a)).unwrap();
            }
            if place != 0 {
                b.save_plan(&plan_b, None, utc_ms(at_b)).unwrap();
            }
        }
        if let Some((goal, at)) = &goals.0 {
            a.save_goal(goal.as_ref(), None, utc_ms(*at)).unwrap();
        }
        if let Some((goal, at)) = &goals.1 {
            b.save_goal(goal.as_ref(), None, utc_ms(*at)).unwrap();
        }
        let file_a = a.export_backup(utc_ms(FROM_MS)).unwrap();
        let file_b = b.export_backup(utc_ms(FROM_MS)).unwrap();
        let a_then_b = empty_store();
        import(&a_then_b, &file_a);
        import(&a_then_b, &file_b);
        let b_then_a = empty_store();
        import(&b_then_a, &file_b);
        import(&b_then_a, &file_a);
        // Settings are the exception by design: a device keeps the first it was given.
        let without_settings = |store: &Store<MemoryBackend>| {
            let mut snapshot = store.backend().snapshot();
            snapshot.remove(SETTINGS_KEY);
            snapshot
        };
        prop_assert_eq!(without_settings(&a_then_b), without_settings(&b_then_a));
        // Merging A's own file back into the result changes nothing either.
        let merged = a_then_b.backend().snapshot();
        import(&a_then_b, &file_a);
        prop_assert_eq!(a_then_b.backend().snapshot(), merged);
        // Each run is there once, as its newest version, unless a deletion came at
        // or after that version.
        let mut expected: Vec<Run> = versions
            .into_iter()
            .filter_map(|(id, versions)| {
                let newest = versions.into_iter().max_by_key(|r| r.updated)?;
                let deleted = deletions.get(&id).and_then(|d| d.iter().max()).is_some_and(|at| *at >= newest.updated);
                (!deleted).then_some(newest)
            })
            .collect();
        sort_newest_first(&mut expected);
        let loaded = a_then_b.load().unwrap();
        prop_assert_eq!(&loaded.runs, &expected);
        prop_assert!(loaded.problems.is_empty());
        let stored_runs: usize = a_then_b
            .backend()
            .keys()
            .unwrap()
            .iter()
            .filter(|k| k.starts_with("restride.runs."))
            .map(|k| restride_store::record::decode_month(&a_then_b.backend().get(k).unwrap().unwrap()).unwrap().len())
            .sum();
        prop_assert_eq!(stored_runs, loaded.runs.len(), "one stored copy per run");
    }
}
