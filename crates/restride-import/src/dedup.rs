//! Recognising activities already stored, or imported twice in one go.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};

use crate::activity::Activity;

/// Starts within this many seconds can be the same run.
const START_WINDOW_S: i64 = 120;
/// The window when a start was typed in by hand (to the nearest few minutes).
const APPROXIMATE_WINDOW_S: i64 = 600;
/// Distances within this share of the longer are the same.
const DISTANCE_TOLERANCE: f64 = 0.05;
/// Moving times within this share of the longer are the same.
const MOVING_TOLERANCE: f64 = 0.10;

/// What the app knows of a stored run, enough to recognise it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExistingRun {
    /// When it started.
    pub start_utc: DateTime<Utc>,
    /// Seconds in motion.
    pub moving_s: u32,
    /// Distance in metres, if known.
    pub distance_m: Option<f64>,
    /// The start was entered by hand and is only roughly right.
    pub approximate_start: bool,
    /// The [`Activity::external_id`] it was imported with, if any.
    pub external_id: Option<String>,
}

/// What an activity duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateOf {
    /// The stored run at this index of `existing`.
    Existing(usize),
    /// The activity at this index of the kept list returned alongside.
    Imported(usize),
}

/// Why two activities were taken for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchReason {
    /// The same external ID (Strava activity, FIT device and time).
    ExternalId,
    /// Starts close together and the same distance (or moving time).
    StartAndSize,
}

/// An activity left out as a duplicate.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// The activity left out.
    pub activity: Activity,
    /// What it duplicates.
    pub of: DuplicateOf,
    /// Why.
    pub reason: MatchReason,
}

/// Splits `new` into activities to keep (sorted by start) and duplicates.
///
/// An activity is a duplicate of a stored run or of an earlier kept one when they have
/// the same external ID, or when they start within ±2 min of each other (±10 min if the
/// stored run's start is approximate) and their distances differ by at most 5 % of the
/// longer — or, when either distance is unknown, their moving times by at most 10 %.
/// A duplicate within the batch (the same run from a Garmin FIT and a Strava GPX)
/// gives the kept activity whatever it lacked (name, RPE, route…).
pub fn dedup(new: Vec<Activity>, existing: &[ExistingRun]) -> (Vec<Activity>, Vec<Duplicate>) {
    let mut by_start: Vec<(DateTime<Utc>, usize)> =
        existing.iter().enumerate().map(|(i, run)| (run.start_utc, i)).collect();
    by_start.sort_unstable();
    let existing_ids: HashMap<&str, usize> = existing
        .iter()
        .enumerate()
        .filter_map(|(i, run)| run.external_id.as_deref().map(|id| (id, i)))
        .collect();

    let mut new = new;
    new.sort_by_key(|a| a.start_utc);
    let mut kept: Vec<Activity> = Vec::with_capacity(new.len());
    let mut kept_ids: HashMap<String, usize> = HashMap::new();
    let mut duplicates = Vec::new();

    for activity in new {
        let found = find_existing(&activity, existing, &by_start, &existing_ids)
            .map(|(i, reason)| (DuplicateOf::Existing(i), reason))
            .or_else(|| find_kept(&activity, &kept, &kept_ids).map(|(k, r)| (DuplicateOf::Imported(k), r)));
        match found {
            Some((of, reason)) => {
                if let DuplicateOf::Imported(k) = of
                    && let Some(original) = kept.get_mut(k)
                {
                    original.fill_from(&activity);
                    if let Some(id) = &original.external_id {
                        kept_ids.entry(id.clone()).or_insert(k);
                    }
                }
                duplicates.push(Duplicate { activity, of, reason });
            }
            None => {
                if let Some(id) = &activity.external_id {
                    kept_ids.entry(id.clone()).or_insert(kept.len());
                }
                kept.push(activity);
            }
        }
    }
    (kept, duplicates)
}

fn find_existing(
    activity: &Activity,
    existing: &[ExistingRun],
    by_start: &[(DateTime<Utc>, usize)],
    ids: &HashMap<&str, usize>,
) -> Option<(usize, MatchReason)> {
    if let Some(&i) = activity.external_id.as_deref().and_then(|id| ids.get(id)) {
        return Some((i, MatchReason::ExternalId));
    }
    let from = activity.start_utc - TimeDelta::seconds(APPROXIMATE_WINDOW_S);
    let first = by_start.partition_point(|(start, _)| *start < from);
    by_start
        .get(first..)?
        .iter()
        .take_while(|(start, _)| (*start - activity.start_utc).num_seconds() <= APPROXIMATE_WINDOW_S)
        .filter_map(|&(_, i)| Some((i, existing.get(i)?)))
        .find(|(_, run)| {
            let window = if run.approximate_start { APPROXIMATE_WINDOW_S } else { START_WINDOW_S };
            same_run(activity, run.start_utc, run.moving_s, run.distance_m, window)
        })
        .map(|(i, _)| (i, MatchReason::StartAndSize))
}

fn find_kept(
    activity: &Activity,
    kept: &[Activity],
    ids: &HashMap<String, usize>,
) -> Option<(usize, MatchReason)> {
    if let Some(&k) = activity.external_id.as_ref().and_then(|id| ids.get(id)) {
        return Some((k, MatchReason::ExternalId));
    }
    // `kept` is in start order and `activity` starts no earlier than any of them.
    kept.iter()
        .enumerate()
        .rev()
        .take_while(|(_, other)| (activity.start_utc - other.start_utc).num_seconds() <= START_WINDOW_S)
        .find(|(_, other)| {
            same_run(activity, other.start_utc, other.moving_s, other.distance_m, START_WINDOW_S)
        })
        .map(|(k, _)| (k, MatchReason::StartAndSize))
}

fn same_run(
    a: &Activity,
    start: DateTime<Utc>,
    moving_s: u32,
    distance_m: Option<f64>,
    window_s: i64,
) -> bool {
    if (a.start_utc - start).num_seconds().abs() > window_s {
        return false;
    }
    match (a.distance_m, distance_m) {
        (Some(x), Some(y)) if x > 0.0 || y > 0.0 => (x - y).abs() <= DISTANCE_TOLERANCE * x.max(y),
        _ => {
            let (x, y) = (f64::from(a.moving_s), f64::from(moving_s));
            (x - y).abs() <= MOVING_TOLERANCE * x.max(y)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::Sport;

    fn at(minute: i64, second: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_710_266_400 + minute * 60 + second, 0).unwrap()
    }

    fn activity(start: DateTime<Utc>, moving_s: u32, distance_m: Option<f64>, id: Option<&str>) -> Activity {
        let mut a = Activity::new("t", Sport::Run, start);
        a.moving_s = moving_s;
        a.distance_m = distance_m;
        a.external_id = id.map(str::to_owned);
        a
    }

    fn run(start: DateTime<Utc>, moving_s: u32, distance_m: Option<f64>, approximate: bool) -> ExistingRun {
        ExistingRun {
            start_utc: start,
            moving_s,
            distance_m,
            approximate_start: approximate,
            external_id: None,
        }
    }

    #[test]
    fn matches_stored_runs_by_start_and_size() {
        let existing = vec![
            run(at(0, 0), 3000, Some(10_000.0), false),
            run(at(600, 0), 1800, None, true),
            run(at(1200, 0), 1800, Some(5_000.0), false),
        ];
        let new = vec![
            activity(at(1, 30), 3010, Some(10_300.0), None),  // same as 0
            activity(at(608, 0), 1700, Some(5_000.0), None),  // manual 1: 8 min off, 6 % time
            activity(at(1203, 0), 1800, Some(5_000.0), None), // 3 min off: new
            activity(at(0, 20), 3000, Some(12_000.0), None),  // 20 % longer: new
        ];
        let (kept, dups) = dedup(new, &existing);
        assert_eq!(kept.len(), 2);
        assert_eq!(dups.len(), 2);
        assert_eq!(dups[0].of, DuplicateOf::Existing(0));
        assert_eq!(dups[1].of, DuplicateOf::Existing(1));
        assert!(dups.iter().all(|d| d.reason == MatchReason::StartAndSize));
    }

    #[test]
    fn same_external_id_wins_whatever_the_numbers() {
        let mut stored = run(at(0, 0), 100, None, false);
        stored.external_id = Some("strava:1".into());
        let (kept, dups) = dedup(vec![activity(at(500, 0), 9999, Some(1.0), Some("strava:1"))], &[stored]);
        assert!(kept.is_empty());
        assert_eq!(dups[0].reason, MatchReason::ExternalId);
    }

    #[test]
    fn duplicates_within_the_batch_merge_into_the_first() {
        let mut fit = activity(at(0, 0), 3000, Some(10_000.0), Some("fit:1:2"));
        fit.rpe = None;
        let mut gpx = activity(at(0, 1), 3001, Some(10_050.0), Some("strava:9"));
        gpx.name = Some("Morning Run".into());
        let again = activity(at(0, 0), 3000, Some(10_000.0), Some("fit:1:2"));
        let (kept, dups) = dedup(vec![gpx, fit, again], &[]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].name.as_deref(), Some("Morning Run"));
        assert_eq!(dups.len(), 2);
        assert!(dups.iter().all(|d| d.of == DuplicateOf::Imported(0)));
    }
}
