//! Properties of backup export and import over arbitrary valid data: a round trip
//! loses nothing, a second import changes nothing, and the order of imports doesn't
//! matter.
#![allow(clippy::unwrap_used, reason = "generators and helpers of a test: a failed unwrap is a failed test")]

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use restride_core::history::sort_newest_first;
use restride_core::settings::HEART_RATE_RANGE;
use restride_core::units::MAX_DURATION_S;
use restride_core::{
    Completion, DistanceUnit, Feel, HeartRate, Hooper, Level, LifeTag, Rpe, Run, RunId, RunType, Settings,
    Source, TimeOfDay, Wellness,
};
use restride_store::repo::SETTINGS_KEY;
use restride_store::{KeyValue, Loaded, MemoryBackend, Store, export_backup, parse_backup};

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
    )
        .prop_map(|(miles, week_start, max_hr, rest_hr, run_days, preferred_time)| Settings {
            unit: if miles { DistanceUnit::Mi } else { DistanceUnit::Km },
            week_start,
            max_hr,
            rest_hr,
            run_days,
            preferred_time,
        })
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

/// What a device holds, for an export.
fn data(runs: &[Run], wellness: &[Wellness], settings: &Settings) -> Loaded {
    Loaded {
        runs: runs.to_vec(),
        wellness: wellness.to_vec(),
        settings: settings.clone(),
        ..Loaded::default()
    }
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
    fn export_then_import_into_a_new_phone_loses_nothing(
        runs in runs(40),
        days in check_ins(40),
        settings in settings(),
        now in FROM_MS..TO_MS,
    ) {
        let store = empty_store();
        import(&store, &export_backup(&data(&runs, &days, &settings), utc_ms(now)));
        let loaded = store.load().unwrap();
        let mut expected = runs;
        sort_newest_first(&mut expected);
        prop_assert_eq!(loaded.runs, expected);
        prop_assert_eq!(loaded.wellness, days);
        prop_assert_eq!(loaded.settings, settings);
        prop_assert!(loaded.problems.is_empty());
    }

    #[test]
    fn importing_twice_is_importing_once(
        stored in runs(10),
        runs in runs(30),
        days in check_ins(30),
        settings in settings(),
    ) {
        let store = empty_store();
        for run in &stored {
            store.upsert(run, None).unwrap();
        }
        let file = export_backup(&data(&runs, &days, &settings), utc_ms(FROM_MS));
        import(&store, &file);
        let once = store.backend().snapshot();
        let again = store.restore_backup(&parse_backup(&file).unwrap()).unwrap();
        prop_assert_eq!(store.backend().snapshot(), once);
        prop_assert_eq!(again.runs.added + again.runs.updated, 0);
        prop_assert_eq!(again.wellness.added + again.wellness.updated, 0);
    }

    #[test]
    fn the_order_of_imports_does_not_matter(
        slots in (0u16..30).prop_flat_map(|len| {
            (0..len)
                .map(|n| (run(n), run(n), -1_000_000i64..1_000_000, 0u8..3))
                .collect::<Vec<_>>()
        }),
        days in proptest::collection::vec((check_in(), check_in(), -1_000_000i64..1_000_000, 0u8..3), 0..30),
        settings_a in settings(),
        settings_b in settings(),
    ) {
        // Each run or day is in A only (0), in B only (1), or in both as two versions (2).
        let (mut runs_a, mut runs_b) = (Vec::new(), Vec::new());
        for (a, b, later_by_ms, place) in slots {
            let b = edit_of(&a, b, later_by_ms);
            match place {
                0 => runs_a.push(a),
                1 => runs_b.push(b),
                _ => {
                    runs_a.push(a);
                    runs_b.push(b);
                }
            }
        }
        let (mut days_a, mut days_b) = (Vec::new(), Vec::new());
        let mut seen = std::collections::HashSet::new();
        for (a, mut b, later_by_ms, place) in days {
            if !seen.insert(a.date) {
                continue;
            }
            b.date = a.date;
            b.updated = a.updated + Duration::milliseconds(if later_by_ms == 0 { 1 } else { later_by_ms });
            match place {
                0 => days_a.push(a),
                1 => days_b.push(b),
                _ => {
                    days_a.push(a);
                    days_b.push(b);
                }
            }
        }
        let file_a = export_backup(&data(&runs_a, &days_a, &settings_a), utc_ms(FROM_MS));
        let file_b = export_backup(&data(&runs_b, &days_b, &settings_b), utc_ms(FROM_MS));
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
        // And each run is there once, as its newer version.
        let loaded = a_then_b.load().unwrap();
        let mut newest: std::collections::HashMap<RunId, Run> = std::collections::HashMap::new();
        for run in runs_a.into_iter().chain(runs_b) {
            match newest.get(&run.id) {
                Some(seen) if seen.updated > run.updated => {}
                _ => {
                    newest.insert(run.id.clone(), run);
                }
            }
        }
        let mut expected: Vec<Run> = newest.into_values().collect();
        sort_newest_first(&mut expected);
        prop_assert_eq!(&loaded.runs, &expected);
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
