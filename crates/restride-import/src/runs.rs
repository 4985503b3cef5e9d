//! From imported activities to Restride runs: what the worker hands the page
//! ([`ImportSummary`]), and how the page turns it into runs ([`to_runs`]).
//!
//! Files say little about what kind of session a run was, so the type is read from
//! the activity's name first ("Tempo Tuesday", "parkrun", "6x800m"), then from its
//! shape (well over the runner's usual length is a long run, very uneven pace is
//! intervals), then from the runner's own effort rating (very hard and steady is a
//! tempo run, or a race at a race distance; very easy is recovery), then from its
//! pace (clearly faster than the runner's usual pace, steady and not rated
//! moderate, is a tempo run);
//! everything else is easy. A run rated very hard is never typed easy. These
//! cut-offs are Restride's own heuristic; the runner can correct a run's type in
//! History. The activity's name becomes the run's title.

use chrono::{DateTime, FixedOffset, Utc};
use restride_core::{Feel, HeartRate, Rpe, Run, RunId, RunType, Source};
use serde::{Deserialize, Serialize};

use crate::activity::{Activity, Sport};
use crate::dedup::{ExistingRun, dedup};
use crate::import::{Progress, import_files};
use crate::input::Input;
use crate::limits::Limits;
use crate::route::{RouteFingerprint, group_routes, same_route};

/// A long run: at least this many minutes…
const LONG_MIN_S: u32 = 75 * 60;
/// …and this much longer than the runner's median run.
const LONG_VS_MEDIAN: f64 = 1.4;
/// Pace variability (see [`Activity::pace_variability`]) from which a run is read
/// as intervals: steady runs sit around 0.05–0.12, repetitions with recoveries
/// well above 0.25.
const INTERVALS_VARIABILITY: f64 = 0.25;
/// The runner's own effort from which a steady run is a hard session, not an easy
/// one: 7, "very hard" on the CR-10 scale, above a tempo run's 5–6.
const HARD_RPE: u8 = 7;
/// From which a hard effort at a race distance is read as a race: 9, "very, very hard".
const RACE_RPE: u8 = 9;
/// From which a run's pace may make it a tempo run: 5, "hard"; below, the runner
/// called it moderate, so it was easy for them however fast it was.
const MODERATE_HARD_RPE: u8 = 5;
/// Up to which a run is recovery: 2, "easy", below an easy run's usual 3–4.
const RECOVERY_RPE: u8 = 2;
/// How much faster than the runner's median pace (seconds per km) a steady run
/// without an effort rating must be to count as a tempo run: 10 %, about the gap
/// between Daniels' easy and threshold paces at the slow end of his tables.
const TEMPO_PACE_RATIO: f64 = 0.90;
/// A tempo run lasts from 15 minutes to an hour and a quarter; shorter or longer
/// fast runs are left to their names.
const TEMPO_S: std::ops::RangeInclusive<u32> = 15 * 60..=75 * 60;
/// Race distances (metres) a hard effort is matched to, within [`RACE_DISTANCE_TOLERANCE`].
const RACE_DISTANCES_M: [f64; 5] = [5_000.0, 10_000.0, 15_000.0, 21_097.5, 42_195.0];
/// GPS distance is a few per cent off a measured course.
const RACE_DISTANCE_TOLERANCE: f64 = 0.04;
/// Manual starts are typed to the nearest few minutes.
const MANUAL_START_IS_APPROXIMATE: bool = true;

/// What the worker sends back: the activities to keep (duplicates already left
/// out) and what happened to the rest, ready to show.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ImportSummary {
    pub activities: Vec<Activity>,
    /// Activities already stored, or found twice in this import.
    pub duplicates: usize,
    /// "name: why" for each file or entry that could not be read.
    pub failed: Vec<String>,
    /// "name: why" for each file passed over.
    pub skipped: Vec<String>,
}

/// Imports every input, one at a time, and leaves out duplicates of `existing` and
/// of each other.
pub fn summarize(
    inputs: Vec<Input<'_>>,
    existing: &[ExistingRun],
    limits: &Limits,
    on_progress: &mut dyn FnMut(&Progress),
) -> ImportSummary {
    let outcome = import_files(inputs, limits, on_progress);
    let (activities, duplicates) = dedup(outcome.activities, existing);
    ImportSummary {
        activities,
        duplicates: duplicates.len(),
        failed: outcome.failures.iter().map(ToString::to_string).collect(),
        skipped: outcome.skipped.iter().map(|s| format!("{}: {}", s.name, s.why)).collect(),
    }
}

impl From<&Run> for ExistingRun {
    fn from(run: &Run) -> Self {
        Self {
            start_utc: run.start.with_timezone(&Utc),
            moving_s: run.moving_s,
            distance_m: run.distance_m,
            approximate_start: run.source == Source::Manual && MANUAL_START_IS_APPROXIMATE,
            external_id: None,
        }
    }
}

/// The runner's choices for an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// Keep rides, swims, walks and strength as cross-training (they count toward
    /// load) rather than skip them.
    pub keep_cross_training: bool,
}

/// Runs made from an import, and what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    pub runs: Vec<Run>,
    /// Of `runs`, how many are cross-training.
    pub cross_training: usize,
    /// "name: why" for activities not made into runs.
    pub skipped: Vec<String>,
}

/// Makes runs of `activities`. `existing` runs give the usual run length and the
/// names of routes already seen; `offset_at` gives the device's UTC offset at an
/// instant, for files that don't say where they were recorded; `new_id` makes ids.
pub fn to_runs(
    activities: Vec<Activity>,
    existing: &[Run],
    options: &RunOptions,
    offset_at: &dyn Fn(DateTime<Utc>) -> FixedOffset,
    new_id: &mut dyn FnMut(DateTime<Utc>) -> RunId,
    now: DateTime<Utc>,
) -> Converted {
    let usual = Usual::of(existing, &activities);
    let routes = RouteNames::new(existing, &activities);

    let mut out = Converted { runs: Vec::new(), cross_training: 0, skipped: Vec::new() };
    for (i, a) in activities.into_iter().enumerate() {
        let running = is_running(&a.sport);
        if !running && !options.keep_cross_training {
            out.skipped.push(format!("{}: {} skipped, as chosen", a.source, sport_name(&a.sport)));
            continue;
        }
        if a.moving_s == 0 {
            out.skipped.push(format!("{}: no moving time", a.source));
            continue;
        }
        let kind = if running { running_kind(&a, &usual) } else { RunType::Cross };
        out.cross_training += usize::from(kind == RunType::Cross);
        let offset = a.utc_offset.unwrap_or_else(|| offset_at(a.start_utc));
        out.runs.push(Run {
            id: new_id(now),
            start: a.start_utc.with_timezone(&offset),
            kind,
            title: a.name.as_deref().map(str::trim).unwrap_or_default().to_string(),
            moving_s: a.moving_s,
            elapsed_s: (a.elapsed_s > 0).then_some(a.elapsed_s),
            // A ride's or swim's distance would pass for a running pace.
            distance_m: if kind == RunType::Cross { None } else { a.distance_m.filter(|d| *d > 0.0) },
            rpe: a.rpe.and_then(Rpe::new),
            feel: a.feel.and_then(Feel::new),
            completion: restride_core::Completion::AsPlanned,
            route: routes.name(i).unwrap_or_default(),
            route_fingerprint: a.route.as_ref().map(ToString::to_string),
            company: None,
            notes: a.notes(),
            source: Source::Imported(a.source),
            heart_rate: a.heart_rate.map(|h| HeartRate { average: h.avg, max: h.max }),
            elevation_gain_m: a.elevation_gain_m,
            created: now,
            updated: now,
        });
    }
    out
}

fn is_running(sport: &Sport) -> bool {
    matches!(sport, Sport::Run | Sport::Unknown)
}

fn sport_name(sport: &Sport) -> String {
    match sport {
        Sport::Run | Sport::Unknown => "a run".into(),
        Sport::Walk => "a walk".into(),
        Sport::Hike => "a hike".into(),
        Sport::Ride => "a ride".into(),
        Sport::Swim => "a swim".into(),
        Sport::Strength => "a strength session".into(),
        Sport::Other(name) => format!("a {}", name.to_lowercase()),
    }
}

/// The runner's usual run, from the runs already stored and those imported: the
/// median length and the median pace of running.
struct Usual {
    moving_s: u32,
    /// Seconds per km; `None` with no running distance at all.
    pace_s_per_km: Option<f64>,
}

impl Usual {
    fn of(existing: &[Run], activities: &[Activity]) -> Self {
        let running =
            existing.iter().filter(|r| r.kind != RunType::Cross).map(|r| (r.moving_s, r.distance_m)).chain(
                activities.iter().filter(|a| is_running(&a.sport)).map(|a| (a.moving_s, a.distance_m)),
            );
        let (mut lengths, mut paces): (Vec<u32>, Vec<f64>) = (Vec::new(), Vec::new());
        for (moving_s, distance_m) in running {
            lengths.push(moving_s);
            paces.extend(distance_m.and_then(|d| restride_core::units::pace_s_per_km(moving_s, d)));
        }
        lengths.sort_unstable();
        paces.sort_by(f64::total_cmp);
        Self {
            moving_s: lengths.get(lengths.len() / 2).copied().unwrap_or(0),
            pace_s_per_km: paces.get(paces.len() / 2).copied(),
        }
    }
}

/// What the activity's name says it was, if it says. Words are matched whole or
/// as the start of a word ("hill" in "Hills", "Hilly"), so "trace" is no race.
/// (ASCII case only: the words looked for are English, and the Unicode tables a
/// full lowercase needs would be a cost in the app's first load.)
fn kind_named(name: &str) -> Option<RunType> {
    let name = name.to_ascii_lowercase();
    let starts_a_word = |stem: &str| {
        name.match_indices(stem).any(|(i, _)| !name[..i].ends_with(|c: char| c.is_ascii_alphanumeric()))
    };
    let says = |stems: &[&str]| stems.iter().any(|stem| starts_a_word(stem));
    let says_phrase = |phrases: &[&str]| phrases.iter().any(|p| name.contains(p));
    if says_phrase(&["marathon pace", "race pace"]) || says(&["tempo", "threshold", "progression", "cruise"])
    {
        Some(RunType::Tempo)
    } else if says(&["race", "parkrun", "marathon", "halbmarathon"]) {
        Some(RunType::Race)
    } else if says(&["hill"]) {
        Some(RunType::Hills)
    } else if repetitions(&name) || says(&["interval", "repeat", "reps", "track", "fartlek", "vo2"]) {
        Some(RunType::Intervals)
    } else if says(&["recovery", "shakeout", "shake out"]) {
        Some(RunType::Recovery)
    } else if says(&["long", "lsr"]) {
        Some(RunType::Long)
    } else if says(&["easy"]) {
        Some(RunType::Easy)
    } else {
        None
    }
}

/// "6x800", "10 x 400m", "5×1k": a count of repetitions in a name.
fn repetitions(name: &str) -> bool {
    name.match_indices(['x', '×']).any(|(i, x)| {
        name[..i].trim_end().ends_with(|c: char| c.is_ascii_digit())
            && name[i + x.len()..].trim_start().starts_with(|c: char| c.is_ascii_digit())
    })
}

/// The run's type: from its name when the name says, else from its shape, its
/// effort and its pace (see the module notes).
fn running_kind(a: &Activity, usual: &Usual) -> RunType {
    if let Some(kind) = a.name.as_deref().and_then(kind_named) {
        return kind;
    }
    if a.moving_s >= LONG_MIN_S && f64::from(a.moving_s) >= LONG_VS_MEDIAN * f64::from(usual.moving_s) {
        return RunType::Long;
    }
    if a.pace_variability.is_some_and(|v| v >= INTERVALS_VARIABILITY) {
        return RunType::Intervals;
    }
    let at_race_distance = a.distance_m.is_some_and(|d| {
        RACE_DISTANCES_M.iter().any(|race| (d - race).abs() <= race * RACE_DISTANCE_TOLERANCE)
    });
    match a.rpe {
        Some(rpe) if rpe >= RACE_RPE && at_race_distance => return RunType::Race,
        Some(rpe) if rpe >= HARD_RPE => return RunType::Tempo,
        Some(rpe) if rpe <= RECOVERY_RPE => return RunType::Recovery,
        // Moderate by the runner's own word: easy, however fast.
        Some(rpe) if rpe < MODERATE_HARD_RPE => return RunType::Easy,
        _ => {}
    }
    let pace = a.distance_m.and_then(|d| restride_core::units::pace_s_per_km(a.moving_s, d));
    match (pace, usual.pace_s_per_km) {
        (Some(pace), Some(usual_pace))
            if TEMPO_S.contains(&a.moving_s) && pace <= TEMPO_PACE_RATIO * usual_pace =>
        {
            RunType::Tempo
        }
        _ => RunType::Easy,
    }
}

/// Route names for imported activities: the name of a stored run on the same
/// route, else "Route N" for each new route, numbered after the ones already given.
struct RouteNames {
    names: Vec<Option<String>>,
}

impl RouteNames {
    fn new(existing: &[Run], activities: &[Activity]) -> Self {
        let known: Vec<(RouteFingerprint, &str)> = existing
            .iter()
            .filter(|r| !r.route.trim().is_empty())
            .filter_map(|r| Some((r.route_fingerprint.as_deref()?.parse().ok()?, r.route.as_str())))
            .collect();
        let mut next = existing
            .iter()
            .filter_map(|r| r.route.strip_prefix("Route ")?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        let fingerprints: Vec<&RouteFingerprint> =
            activities.iter().filter_map(|a| a.route.as_ref()).collect();
        let groups = group_routes(fingerprints.iter().copied());
        let mut group_names: Vec<Option<String>> = Vec::new();
        let mut group_of = groups.into_iter();
        let names = activities
            .iter()
            .map(|a| {
                let fingerprint = a.route.as_ref()?;
                let group = group_of.next()?;
                if let Some(Some(name)) = group_names.get(group) {
                    return Some(name.clone());
                }
                let name = match known.iter().find(|(f, _)| same_route(f, fingerprint)) {
                    Some((_, name)) => (*name).to_string(),
                    None => {
                        next += 1;
                        format!("Route {next}")
                    }
                };
                if group_names.len() <= group {
                    group_names.resize(group + 1, None);
                }
                if let Some(slot) = group_names.get_mut(group) {
                    *slot = Some(name.clone());
                }
                Some(name)
            })
            .collect();
        Self { names }
    }

    fn name(&self, i: usize) -> Option<String> {
        self.names.get(i).cloned().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, h, 0, 0).unwrap()
    }

    fn loop_at(lat: f64) -> RouteFingerprint {
        let points = (0..200).map(|i| {
            let t = f64::from(i) / 200.0 * std::f64::consts::TAU;
            (lat + 0.006 * t.sin(), 13.4 + 0.009 * t.cos())
        });
        RouteFingerprint::from_positions(points).unwrap()
    }

    fn activity(sport: Sport, minutes: u32, name: Option<&str>) -> Activity {
        let mut a = Activity::new("watch.fit", sport, utc(6));
        a.moving_s = minutes * 60;
        a.elapsed_s = minutes * 60 + 30;
        a.distance_m = Some(f64::from(minutes) * 180.0);
        a.name = name.map(str::to_string);
        a
    }

    fn convert(activities: Vec<Activity>, existing: &[Run], keep: bool) -> Converted {
        let mut n = 0u8;
        to_runs(
            activities,
            existing,
            &RunOptions { keep_cross_training: keep },
            &|_| FixedOffset::east_opt(3600).unwrap(),
            &mut |_| {
                n += 1;
                RunId::v7(1_700_000_000_000, [n; 10])
            },
            utc(12),
        )
    }

    #[test]
    fn sports_become_runs_cross_training_or_skips() {
        let acts = vec![
            activity(Sport::Run, 30, None),
            activity(Sport::Ride, 60, None),
            activity(Sport::Swim, 40, None),
        ];
        let kept = convert(acts.clone(), &[], true);
        assert_eq!(
            kept.runs.iter().map(|r| r.kind).collect::<Vec<_>>(),
            [RunType::Easy, RunType::Cross, RunType::Cross]
        );
        assert_eq!(kept.cross_training, 2);
        assert_eq!(kept.runs[1].distance_m, None, "a ride's distance is no running pace");
        let skipped = convert(acts, &[], false);
        assert_eq!(skipped.runs.len(), 1);
        assert_eq!(
            skipped.skipped,
            ["watch.fit: a ride skipped, as chosen", "watch.fit: a swim skipped, as chosen"]
        );
    }

    #[test]
    fn the_offset_comes_from_the_file_or_the_device() {
        let mut from_file = activity(Sport::Run, 30, None);
        from_file.utc_offset = FixedOffset::west_opt(5 * 3600);
        let runs = convert(vec![from_file, activity(Sport::Run, 30, None)], &[], true).runs;
        assert_eq!(runs[0].start.to_rfc3339(), "2026-11-20T01:00:00-05:00");
        assert_eq!(runs[1].start.to_rfc3339(), "2026-11-20T07:00:00+01:00");
        assert!(matches!(&runs[0].source, Source::Imported(f) if f == "watch.fit"));
        assert_eq!(runs[0].rpe, None);
    }

    #[test]
    fn types_from_names_then_shape() {
        let mut intervals = activity(Sport::Run, 40, None);
        intervals.pace_variability = Some(0.4);
        let acts = vec![
            activity(Sport::Run, 30, Some("Morning Run")),
            activity(Sport::Run, 25, Some("Saturday parkrun")),
            activity(Sport::Run, 35, Some("Tempo Tuesday")),
            activity(Sport::Run, 110, None),
            intervals,
        ];
        let kinds: Vec<RunType> = convert(acts, &[], true).runs.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [RunType::Easy, RunType::Race, RunType::Tempo, RunType::Long, RunType::Intervals]);
    }

    #[test]
    fn names_say_the_session_in_the_words_runners_use() {
        for (name, kind) in [
            ("Intervals", RunType::Intervals),
            ("6x800m @ 5k pace", RunType::Intervals),
            ("10 x 400", RunType::Intervals),
            ("Track Tuesday", RunType::Intervals),
            ("Fartlek", RunType::Intervals),
            ("Tempo", RunType::Tempo),
            ("Threshold 3x10", RunType::Tempo),
            ("Marathon pace miles", RunType::Tempo),
            ("Long run", RunType::Long),
            ("Sunday LSR", RunType::Long),
            ("Race", RunType::Race),
            ("Berlin Marathon", RunType::Race),
            ("Semi-marathon de Paris", RunType::Race),
            ("Saturday parkrun", RunType::Race),
            ("Hills", RunType::Hills),
            ("Hill repeats", RunType::Hills),
            ("Recovery jog", RunType::Recovery),
            ("Easy 5k", RunType::Easy),
            // A word inside another word says nothing.
            ("Trace the river", RunType::Easy),
            ("Morning Run", RunType::Easy),
        ] {
            let run = &convert(vec![activity(Sport::Run, 40, Some(name))], &[], true).runs[0];
            assert_eq!(run.kind, kind, "{name}");
        }
    }

    #[test]
    fn effort_and_pace_type_what_the_name_does_not() {
        // The runner's usual, imported with them: 40-minute runs at 5:33 /km.
        let usual = || activity(Sport::Run, 40, Some("Morning Run"));
        let rated = |rpe: u8, km: f64| {
            let mut a = activity(Sport::Run, 40, Some("Morning Run"));
            a.rpe = Some(rpe);
            a.distance_m = Some(km * 1000.0);
            a
        };
        let paced = |minutes: u32, km: f64| {
            let mut a = activity(Sport::Run, minutes, Some("Afternoon Run"));
            a.distance_m = Some(km * 1000.0);
            a
        };
        let mut acts = vec![usual(); 8];
        acts.extend([
            rated(7, 7.2),   // very hard and steady: a tempo run, never "Easy · Effort 7"
            rated(9, 10.05), // very, very hard over 10 km: a race
            rated(9, 8.0),   // as hard, but no race distance: a hard tempo
            rated(2, 6.0),   // easy by the runner's word: recovery
            rated(4, 9.0),   // moderate, though fast: easy for them
            paced(35, 7.2),  // 4:52 /km, 12 % faster than usual, unrated: tempo
            paced(40, 7.5),  // 5:20 /km, 4 % faster: easy
            paced(10, 2.2),  // fast but short: left to its name
        ]);
        let kinds: Vec<RunType> = convert(acts, &[], true).runs[8..].iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                RunType::Tempo,
                RunType::Race,
                RunType::Tempo,
                RunType::Recovery,
                RunType::Easy,
                RunType::Tempo,
                RunType::Easy,
                RunType::Easy
            ]
        );
    }

    #[test]
    fn the_name_is_the_title_and_the_notes_keep_the_conditions() {
        let mut a = activity(Sport::Run, 30, Some("  Tempo Tuesday "));
        a.conditions = Some(crate::activity::Conditions { indoor: Some(true), ..Default::default() });
        let run = &convert(vec![a, activity(Sport::Run, 30, None)], &[], true).runs;
        assert_eq!((run[0].title.as_str(), run[0].notes.as_str()), ("Tempo Tuesday", "Indoor"));
        assert_eq!((run[1].title.as_str(), run[1].notes.as_str()), ("", ""));
    }

    #[test]
    fn the_same_route_gets_one_name_and_keeps_a_stored_name() {
        let with_route = |lat: f64| {
            let mut a = activity(Sport::Run, 30, None);
            a.route = Some(loop_at(lat));
            a
        };
        let first = convert(vec![with_route(52.5), with_route(52.5), with_route(48.1)], &[], true).runs;
        let names: Vec<&str> = first.iter().map(|r| r.route.as_str()).collect();
        assert_eq!(names, ["Route 1", "Route 1", "Route 2"]);

        let mut renamed = first[0].clone();
        renamed.route = "Park loop".into();
        let again =
            convert(vec![with_route(52.5), with_route(40.0)], &[renamed, first[2].clone()], true).runs;
        let names: Vec<&str> = again.iter().map(|r| r.route.as_str()).collect();
        assert_eq!(names, ["Park loop", "Route 3"]);
    }
}
