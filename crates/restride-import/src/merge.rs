//! Exports keep summaries beside their recordings: Strava's `activities.csv`,
//! Apple Health's `<Workout>`s, Garmin's `summarizedActivities.json`. Each summary
//! and the recording of the same activity become one activity; a summary without a
//! recording (a manual entry, an upload whose file is missing) is an activity of its
//! own.
//!
//! How a pair is found, and which side wins, depends on what each side knows best:
//! - **Strava**: a row names its file (`Filename`). The file's measurements win;
//!   the row fills what the file lacks (name, RPE, the Strava ID), and its sport
//!   wins (what the runner set on Strava corrects the watch's guess).
//! - **Garmin**: a summary names no file; it is paired with the FIT recording that
//!   started within [`SAME_START_S`] of it. As with Strava, the file's measurements
//!   win and the summary gives the name, RPE, feel and sport.
//! - **Apple Health**: a workout names its route (`FileReference`), or, in older
//!   exports, is paired with the route that starts during it. The workout wins (its
//!   duration leaves out pauses, its distance and heart rate come from the watch);
//!   the route gives the route fingerprint, climb and pace variability. A route
//!   whose workout is not in the export adds nothing and is listed as skipped.

use std::collections::HashMap;

use crate::activity::{Activity, Sport};
use crate::error::NotRecorded;
use crate::import::{ImportOutcome, SkipReason, Skipped, file_key};

/// A summary and a recording that start within this many seconds are the same
/// activity (Garmin writes both from the same session; seconds apart at most).
const SAME_START_S: i64 = 120;
/// Apple's route starts at the first GPS fix, after the workout's start, and ends
/// by its end; this much slack either side.
const ROUTE_SLACK_S: i64 = 120;

/// An activity read from a recording, with the file name a summary would use.
#[derive(Debug)]
pub(crate) struct Found {
    pub key: String,
    /// Its path inside its container (to know an Apple route by its folder).
    pub path: String,
    pub activity: Activity,
}

/// Where a summary comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Strava,
    Apple,
    Garmin,
}

/// An activity as a summary describes it.
#[derive(Debug)]
pub(crate) struct Described {
    kind: Kind,
    activity: Activity,
    /// The key of the recording it names, if it names one.
    file_key: Option<String>,
}

impl Described {
    #[cfg(feature = "strava")]
    pub fn strava(row: crate::StravaRow) -> Self {
        Described {
            kind: Kind::Strava,
            file_key: row.filename.as_deref().map(file_key),
            activity: row.activity,
        }
    }

    #[cfg(feature = "apple")]
    pub fn apple(workout: crate::AppleWorkout) -> Self {
        Described {
            kind: Kind::Apple,
            file_key: workout.route_file.as_deref().map(file_key),
            activity: workout.activity,
        }
    }

    #[cfg(feature = "garmin")]
    pub fn garmin(activity: Activity) -> Self {
        Described { kind: Kind::Garmin, file_key: None, activity }
    }
}

/// Pairs summaries with recordings and puts the activities (recordings first, in the
/// order found, then the summaries left over) into `outcome`.
pub(crate) fn merge(found: Vec<Found>, described: Vec<Described>, outcome: &mut ImportOutcome) {
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (index, f) in found.iter().enumerate() {
        by_key.entry(f.key.as_str()).or_insert(index);
    }
    // Recordings by start, for pairing by time.
    let mut by_start: Vec<(i64, usize)> =
        found.iter().enumerate().map(|(i, f)| (f.activity.start_utc.timestamp(), i)).collect();
    by_start.sort_unstable();

    let mut partner: Vec<Option<usize>> = vec![None; found.len()];
    let mut paired = vec![false; described.len()];
    for (d_index, d) in described.iter().enumerate() {
        let by_name = d.file_key.as_deref().and_then(|k| by_key.get(k)).copied();
        let free = |i: &usize| partner.get(*i).is_some_and(Option::is_none);
        let by_name = by_name.filter(free);
        let chosen = by_name.or_else(|| match d.kind {
            Kind::Strava => None,
            Kind::Garmin => {
                let start = d.activity.start_utc.timestamp();
                nearest(&by_start, start - SAME_START_S, start + SAME_START_S, start, free)
            }
            Kind::Apple => {
                let start = d.activity.start_utc.timestamp();
                let lasted = i64::from(d.activity.elapsed_s.max(d.activity.moving_s));
                nearest(&by_start, start - ROUTE_SLACK_S, start + lasted + ROUTE_SLACK_S, start, free)
            }
        });
        if let Some(slot) = chosen.and_then(|i| partner.get_mut(i)) {
            *slot = Some(d_index);
            if let Some(p) = paired.get_mut(d_index) {
                *p = true;
            }
        }
    }

    let apple_workouts = described.iter().any(|d| d.kind == Kind::Apple);
    for (f, partner) in found.into_iter().zip(&partner) {
        match partner.and_then(|d| described.get(d)) {
            Some(d) => outcome.activities.push(combine(f.activity, d)),
            None if apple_workouts && is_apple_route(&f.path) => outcome.skipped.push(Skipped {
                name: f.activity.source,
                why: SkipReason::NotRecorded(NotRecorded::RouteWithoutWorkout),
            }),
            None => outcome.activities.push(f.activity),
        }
    }
    outcome
        .activities
        .extend(described.into_iter().zip(paired).filter(|(_, paired)| !paired).map(|(d, _)| d.activity));
}

/// The free recording starting within `from..=to` nearest to `start`.
fn nearest(
    by_start: &[(i64, usize)],
    from: i64,
    to: i64,
    start: i64,
    free: impl Fn(&usize) -> bool,
) -> Option<usize> {
    let first = by_start.partition_point(|(t, _)| *t < from);
    by_start
        .get(first..)?
        .iter()
        .take_while(|(t, _)| *t <= to)
        .filter(|(_, i)| free(i))
        .min_by_key(|(t, _)| (t - start).abs())
        .map(|(_, i)| *i)
}

/// Apple Health keeps routes in `workout-routes/`.
fn is_apple_route(path: &str) -> bool {
    path.contains("workout-routes/")
}

/// One activity from a recording and its summary.
fn combine(mut recording: Activity, summary: &Described) -> Activity {
    match summary.kind {
        Kind::Strava | Kind::Garmin => {
            let sport = recording.sport.clone();
            recording.fill_from(&summary.activity);
            // The runner's choice on Strava or Connect corrects the watch's guess.
            if summary.activity.sport != Sport::Unknown {
                recording.sport.clone_from(&summary.activity.sport);
            } else {
                recording.sport = sport;
            }
            recording
        }
        Kind::Apple => {
            // The route file has no pauses, sport or heart rate: the workout's
            // figures stand, the route adds where it went and how it climbed.
            let mut workout = summary.activity.clone();
            workout.fill_from(&recording);
            workout
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, TimeDelta, Utc};

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_710_000_000, 0).unwrap_or_default() + TimeDelta::minutes(minutes)
    }

    fn activity(source: &str, sport: Sport, start: DateTime<Utc>, moving_s: u32) -> Activity {
        let mut a = Activity::new(source, sport, start);
        a.moving_s = moving_s;
        a.elapsed_s = moving_s;
        a
    }

    fn found(path: &str, activity: Activity) -> Found {
        Found { key: file_key(path), path: path.to_owned(), activity }
    }

    #[test]
    fn garmin_summaries_pair_by_start_and_give_name_and_sport() {
        let mut fit = activity("a.fit", Sport::Unknown, at(0) + TimeDelta::seconds(3), 1800);
        fit.distance_m = Some(5000.0);
        let mut summary = activity("summaries.json", Sport::Run, at(0), 1790);
        summary.name = Some("Lunch Run".into());
        summary.distance_m = Some(4990.0);
        summary.rpe = Some(6);
        let manual = activity("summaries.json", Sport::Walk, at(600), 900);
        let mut outcome = ImportOutcome::default();
        merge(
            vec![found("x/a.fit", fit), found("x/b.fit", activity("b.fit", Sport::Ride, at(30), 60))],
            vec![Described::garmin(summary), Described::garmin(manual)],
            &mut outcome,
        );
        let a = &outcome.activities;
        assert_eq!(a.len(), 3, "{a:#?}");
        assert_eq!(
            (a[0].source.as_str(), &a[0].sport, a[0].distance_m),
            ("a.fit", &Sport::Run, Some(5000.0))
        );
        assert_eq!((a[0].name.as_deref(), a[0].rpe), (Some("Lunch Run"), Some(6)));
        assert_eq!(a[1].source, "b.fit", "30 minutes later is another activity");
        assert_eq!((a[2].source.as_str(), &a[2].sport), ("summaries.json", &Sport::Walk));
    }

    #[test]
    fn apple_workouts_keep_their_figures_and_take_the_route() {
        let mut route = activity("export.zip › workout-routes/route_1.gpx", Sport::Unknown, at(1), 2400);
        route.route =
            crate::RouteFingerprint::from_positions((0..50).map(|i| (47.0 + f64::from(i) * 1e-4, 8.0)));
        route.elevation_gain_m = Some(42.0);
        route.distance_m = Some(7000.0);
        let mut named = activity("export.xml", Sport::Run, at(0), 1800);
        named.distance_m = Some(5000.0);
        let by_time = activity("export.xml", Sport::Walk, at(120), 1200);
        let stray = activity("export.zip › workout-routes/route_9.gpx", Sport::Unknown, at(500), 600);
        let mut outcome = ImportOutcome::default();
        let workout = |activity: Activity, route: Option<&str>| crate::AppleWorkout {
            activity,
            route_file: route.map(str::to_owned),
        };
        merge(
            vec![
                found("apple_health_export/workout-routes/route_1.gpx", route),
                found(
                    "apple_health_export/workout-routes/route_2.gpx",
                    activity("r2", Sport::Unknown, at(125), 1000),
                ),
                found("apple_health_export/workout-routes/route_9.gpx", stray),
            ],
            vec![
                Described::apple(workout(named, Some("/workout-routes/route_1.gpx"))),
                Described::apple(workout(by_time, None)),
            ],
            &mut outcome,
        );
        let a = &outcome.activities;
        assert_eq!(a.len(), 2, "{a:#?}");
        assert_eq!((a[0].moving_s, a[0].distance_m, &a[0].sport), (1800, Some(5000.0), &Sport::Run));
        assert_eq!((a[0].elevation_gain_m, a[0].route.is_some()), (Some(42.0), true));
        assert_eq!((a[1].sport.clone(), a[1].moving_s), (Sport::Walk, 1200), "paired by time");
        assert_eq!(outcome.skipped.len(), 1);
        assert_eq!(outcome.skipped[0].why, SkipReason::NotRecorded(NotRecorded::RouteWithoutWorkout));
    }
}
