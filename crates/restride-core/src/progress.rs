//! The series behind the Progress charts, computed in one pass over the history.

use chrono::{Duration, NaiveDate, Weekday};

use crate::analysis::effort::EffortScale;
use crate::analysis::metrics::{daily_load, fitness_fatigue, monotony, session_load};
use crate::history::week_start_of;
use crate::run::{Run, RunType};

/// Half-width of the "comparable pace" band around the runner's typical pace.
pub const COMPARABLE_PACE_BAND: f64 = 0.05;

/// One week of the Progress view.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekPoint {
    pub start: NaiveDate,
    pub sessions: u32,
    pub distance_m: f64,
    pub minutes: f64,
    /// Session-RPE load (Foster 2001).
    pub load: f64,
    /// Sessions of each type, in [`RunType::ALL`] order.
    pub by_type: [u32; 8],
    /// Mean RPE of the week's runs at the runner's typical pace (± 5 %), the
    /// effort-creep view: at the same pace, rising effort is a warning sign.
    pub comparable_rpe: Option<f64>,
    /// Fitness (CTL, 42-day EWMA of load), fatigue (ATL, 7-day) and form (the day
    /// before's fitness − fatigue) on the week's last day (today for this week).
    pub fitness: f64,
    pub fatigue: f64,
    pub form: f64,
    /// Foster's (1998) monotony and strain over the week's seven days (`None` for a
    /// week without load).
    pub monotony: Option<f64>,
    pub strain: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Oldest first, every week of the window (weeks without runs included).
    pub weeks: Vec<WeekPoint>,
    /// The typical pace in seconds per km (median over the window), if any.
    pub typical_pace_s_per_km: Option<f64>,
}

/// The most weeks the Progress charts show: half a year, readable at 390 px.
pub const MOST_WEEKS_SHOWN: usize = 26;
/// The fewest: a month, so a new runner's first weeks still read as a trend.
pub const FEWEST_WEEKS_SHOWN: usize = 4;

/// How many weeks the charts show: from the week of the first run up to this
/// week, between [`FEWEST_WEEKS_SHOWN`] and [`MOST_WEEKS_SHOWN`], so a new
/// runner's charts are not half empty. `runs` in any order.
pub fn weeks_to_show(runs: &[Run], week_start: Weekday, today: NaiveDate) -> usize {
    let first = runs.iter().map(|r| r.start.date_naive()).filter(|d| *d <= today).min();
    let weeks = first.map_or(0, |first| {
        (week_start_of(today, week_start) - week_start_of(first, week_start)).num_weeks() + 1
    });
    usize::try_from(weeks).unwrap_or(0).clamp(FEWEST_WEEKS_SHOWN, MOST_WEEKS_SHOWN)
}

/// The last `weeks` weeks up to `today`, weeks starting on `week_start`. `runs` in
/// any order.
pub fn progress(runs: &[Run], week_start: Weekday, today: NaiveDate, weeks: usize) -> Progress {
    let last = week_start_of(today, week_start);
    let span = i64::try_from(weeks.saturating_sub(1)).unwrap_or(0);
    let first = last - Duration::weeks(span);
    let in_window: Vec<&Run> =
        runs.iter().filter(|r| (first..=today).contains(&r.start.date_naive())).collect();

    let mut paces: Vec<f64> = in_window
        .iter()
        .filter(|r| r.kind.needs_distance())
        .filter_map(|r| r.pace_s_per_km())
        .filter(|p| p.is_finite())
        .collect();
    paces.sort_by(f64::total_cmp);
    let typical = paces.get(paces.len() / 2).copied();

    let mut points: Vec<WeekPoint> = (0..weeks)
        .map(|i| WeekPoint {
            start: first + Duration::weeks(i64::try_from(i).unwrap_or(0)),
            sessions: 0,
            distance_m: 0.0,
            minutes: 0.0,
            load: 0.0,
            by_type: [0; 8],
            comparable_rpe: None,
            fitness: 0.0,
            fatigue: 0.0,
            form: 0.0,
            monotony: None,
            strain: None,
        })
        .collect();
    let scale = EffortScale::of(runs);
    let mut comparable: Vec<(f64, u32)> = vec![(0.0, 0); weeks];
    for run in in_window {
        let index = (week_start_of(run.start.date_naive(), week_start) - first).num_weeks();
        let Some(i) = usize::try_from(index).ok().filter(|i| *i < weeks) else { continue };
        let Some(point) = points.get_mut(i) else { continue };
        point.sessions += 1;
        point.distance_m += run.distance_m.unwrap_or(0.0);
        point.minutes += f64::from(run.moving_s) / 60.0;
        point.load += session_load(run, &scale);
        if let Some(slot) =
            RunType::ALL.iter().position(|t| *t == run.kind).and_then(|t| point.by_type.get_mut(t))
        {
            *slot += 1;
        }
        if let (Some(typical), Some(pace)) = (typical, run.pace_s_per_km())
            && (pace - typical).abs() <= typical * COMPARABLE_PACE_BAND
            && let Some(c) = comparable.get_mut(i)
            && let Some(rpe) = run.rpe
        {
            c.0 += f64::from(rpe.value());
            c.1 += 1;
        }
    }
    for (point, (sum, n)) in points.iter_mut().zip(comparable) {
        point.comparable_rpe = (n > 0).then(|| sum / f64::from(n));
    }
    load_model(runs, &scale, &mut points, today);
    Progress { weeks: points, typical_pace_s_per_km: typical }
}

/// Fills in fitness, fatigue, form, monotony and strain. The EWMAs start at the
/// first run ever, not the window's start, so the window opens warmed up.
fn load_model(runs: &[Run], scale: &EffortScale, points: &mut [WeekPoint], today: NaiveDate) {
    let dated: Vec<_> = runs.iter().map(|r| (r.start.date_naive(), r)).filter(|&(d, _)| d <= today).collect();
    let Some(first) = dated.iter().map(|&(d, _)| d).min() else { return };
    let loads = daily_load(dated.iter().copied(), scale, first, today);
    let (fitness, fatigue) = fitness_fatigue(&loads);
    for point in points {
        let week_end = (point.start + Duration::days(6)).min(today);
        let Ok(end) = usize::try_from((week_end - first).num_days()) else { continue };
        let (Some(ctl), Some(atl)) = (fitness.get(end), fatigue.get(end)) else { continue };
        point.fitness = *ctl;
        point.fatigue = *atl;
        point.form = match end.checked_sub(1) {
            Some(y) => fitness.get(y).unwrap_or(&0.0) - fatigue.get(y).unwrap_or(&0.0),
            None => 0.0,
        };
        // The week's own seven days, rest days as zero.
        let start = usize::try_from((point.start - first).num_days()).unwrap_or(0);
        let week: Vec<f64> = (start..start + 7).map(|d| loads.get(d).copied().unwrap_or(0.0)).collect();
        if let Some(m) = monotony(&week) {
            point.monotony = Some(m.monotony);
            point.strain = Some(m.strain);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::sample_run;

    use crate::run::Rpe;

    fn run(start: &str, kind: RunType, minutes: u32, km: f64, rpe: u8) -> Run {
        Run { rpe: Rpe::new(rpe), ..sample_run(0, start, kind, f64::from(minutes), km) }
    }

    #[test]
    fn the_window_fits_the_history() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(); // a Wednesday
        let at = |start: &str| run(start, RunType::Easy, 30, 5.0, 3);
        assert_eq!(weeks_to_show(&[], Weekday::Mon, today), FEWEST_WEEKS_SHOWN, "nothing yet: a month");
        // A first run last week: still a month.
        assert_eq!(weeks_to_show(&[at("2026-11-17T07:00:00+00:00")], Weekday::Mon, today), 4);
        // Since Monday 7 September: 12 weeks, this one included, in any order.
        let runs = [
            at("2026-11-24T07:00:00+00:00"),
            at("2026-09-07T07:00:00+00:00"),
            at("2026-10-01T07:00:00+00:00"),
        ];
        assert_eq!(weeks_to_show(&runs, Weekday::Mon, today), 12);
        // The week start moves the boundary: Sunday 6 September starts a 13th week.
        let sunday = [at("2026-09-06T07:00:00+00:00")];
        assert_eq!(weeks_to_show(&sunday, Weekday::Mon, today), 13);
        assert_eq!(weeks_to_show(&sunday, Weekday::Sun, today), 12);
        // Years of running: half a year; a run logged in the future doesn't count.
        let long = [at("2020-01-01T07:00:00+00:00"), at("2027-01-01T07:00:00+00:00")];
        assert_eq!(weeks_to_show(&long, Weekday::Mon, today), MOST_WEEKS_SHOWN);
        assert_eq!(weeks_to_show(&long[1..], Weekday::Mon, today), FEWEST_WEEKS_SHOWN);
    }

    #[test]
    fn weeks_are_filled_and_bucketed() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(); // a Wednesday
        let runs = vec![
            run("2026-11-24T07:00:00+00:00", RunType::Easy, 30, 5.0, 3),
            run("2026-11-23T07:00:00+00:00", RunType::Tempo, 30, 6.0, 6),
            run("2026-11-12T07:00:00+00:00", RunType::Easy, 30, 5.0, 5),
            run("2026-11-11T07:00:00+00:00", RunType::Cross, 40, 0.0, 4),
            run("2026-01-01T07:00:00+00:00", RunType::Easy, 30, 5.0, 3), // outside the window
        ];
        let p = progress(&runs, Weekday::Mon, today, 4);
        assert_eq!(p.weeks.len(), 4);
        assert_eq!(p.weeks[0].start.to_string(), "2026-11-02");
        assert_eq!(p.weeks[3].start.to_string(), "2026-11-23");
        assert_eq!(p.weeks[1].sessions, 2);
        assert_eq!(p.weeks[2].sessions, 0);
        assert_eq!(p.weeks[3].by_type[0..3], [1, 0, 1]);
        assert!((p.weeks[3].load - (90.0 + 180.0)).abs() < 1e-9);
        // Typical pace: median of 6:00, 5:00, 6:00 /km = 6:00; the tempo run is not comparable.
        assert_eq!(p.typical_pace_s_per_km, Some(360.0));
        assert_eq!(p.weeks[3].comparable_rpe, Some(3.0));
        assert_eq!(p.weeks[1].comparable_rpe, Some(5.0));
        assert_eq!(p.weeks[0].comparable_rpe, None);
        // Load model: fitness decays through the rest week and rises with load again.
        assert!(p.weeks[2].fitness < p.weeks[1].fitness);
        assert!(p.weeks[3].fitness > p.weeks[2].fitness);
        assert!(p.weeks[3].fatigue > p.weeks[3].fitness, "a recent block lifts fatigue above fitness");
        assert_eq!(p.weeks[2].monotony, None);
        // Week of 23 Nov: loads 180 and 90 on two of seven days.
        let m = p.weeks[3].monotony.unwrap();
        let mean = 270.0 / 7.0;
        let sd = ((180.0f64 - mean).powi(2) + (90.0f64 - mean).powi(2) + 5.0 * mean.powi(2)) / 7.0;
        assert!((m - mean / sd.sqrt()).abs() < 1e-9);
        assert!((p.weeks[3].strain.unwrap() - 270.0 * m).abs() < 1e-9);
    }

    #[test]
    fn empty_history_gives_empty_weeks() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let p = progress(&[], Weekday::Sun, today, 3);
        assert_eq!(p.weeks.len(), 3);
        assert!(p.weeks.iter().all(|w| w.sessions == 0 && w.comparable_rpe.is_none()));
        assert_eq!(p.typical_pace_s_per_km, None);
        assert!(progress(&[], Weekday::Sun, today, 0).weeks.is_empty());
    }
}
