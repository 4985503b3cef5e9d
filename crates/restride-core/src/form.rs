//! The run form: text as the runner typed it in, checked into a run entry or a list
//! of field errors the UI shows beside each field.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, TimeZone, Utc};
use thiserror::Error;

use crate::id::RunId;
use crate::run::{Completion, Feel, HeartRate, Rpe, Run, RunType, Source};
use crate::settings::HEART_RATE_RANGE;
use crate::units::{
    DistanceError, DistanceUnit, DurationError, format_pace, pace_s_per_km, parse_distance, parse_duration,
};

/// Paces outside this band are possible but far more often a typo: the form asks
/// "are you sure?" before saving one (bounds from the product issue: 2:00–20:00 /km).
pub const FASTEST_PLAUSIBLE_S_PER_KM: f64 = 120.0;
pub const SLOWEST_PLAUSIBLE_S_PER_KM: f64 = 1200.0;
pub const MAX_NOTES_CHARS: usize = 2000;
pub const MAX_SHORT_TEXT_CHARS: usize = 100;

/// The form's fields exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunForm {
    /// `YYYY-MM-DDTHH:MM` (optionally `:SS`), as a `datetime-local` input gives it.
    pub start: String,
    pub kind: String,
    /// The run's name, optional ("Tempo Tuesday").
    pub title: String,
    pub duration: String,
    pub distance: String,
    pub rpe: String,
    pub feel: String,
    pub notes: String,
    pub cut_short: bool,
    pub route: String,
    pub company: String,
    /// Elapsed time including stops, optional.
    pub elapsed: String,
    pub hr_avg: String,
    pub hr_max: String,
    /// Elevation gain in metres, or feet when the runner uses miles; optional.
    pub elevation: String,
}

impl RunForm {
    /// The form filled in from a saved run, for editing.
    pub fn from_run(run: &Run, unit: DistanceUnit) -> Self {
        Self {
            start: run.start.naive_local().format("%Y-%m-%dT%H:%M").to_string(),
            kind: run.kind.slug().to_string(),
            title: run.title.clone(),
            duration: crate::units::format_duration(run.moving_s),
            distance: run.distance_m.map(|m| crate::units::distance_input_value(m, unit)).unwrap_or_default(),
            rpe: run.rpe.map(|r| r.value().to_string()).unwrap_or_default(),
            feel: run.feel.map(|f| f.value().to_string()).unwrap_or_default(),
            notes: run.notes.clone(),
            cut_short: run.completion == Completion::CutShort,
            route: run.route.clone(),
            company: run.company.clone().unwrap_or_default(),
            elapsed: run.elapsed_s.map(crate::units::format_duration).unwrap_or_default(),
            hr_avg: run.heart_rate.map(|h| h.average.to_string()).unwrap_or_default(),
            hr_max: run.heart_rate.map(|h| h.max.to_string()).unwrap_or_default(),
            elevation: run.elevation_gain_m.map(|e| elevation_input_value(e, unit)).unwrap_or_default(),
        }
    }
}

/// What the form needs to know about the world to check itself.
pub struct FormContext<'a> {
    pub now: DateTime<Utc>,
    pub unit: DistanceUnit,
    /// The runner's UTC offset at a local date-time; `None` for a time skipped by a
    /// daylight-saving change.
    pub offset_at: &'a dyn Fn(NaiveDateTime) -> Option<FixedOffset>,
    /// The runner has already answered "yes" to an unusual pace.
    pub pace_confirmed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Start,
    Kind,
    Title,
    Duration,
    Distance,
    Rpe,
    Feel,
    Notes,
    Route,
    Company,
    Elapsed,
    HeartRate,
    Elevation,
}

impl Field {
    /// Stable name for element ids.
    pub fn name(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Kind => "kind",
            Self::Title => "title",
            Self::Duration => "duration",
            Self::Distance => "distance",
            Self::Rpe => "rpe",
            Self::Feel => "feel",
            Self::Notes => "notes",
            Self::Route => "route",
            Self::Company => "company",
            Self::Elapsed => "elapsed",
            Self::HeartRate => "heart-rate",
            Self::Elevation => "elevation",
        }
    }
}

/// A pace outside the plausible band, waiting for the runner's confirmation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaceWarning {
    pub pace_s_per_km: f64,
    pub unit: DistanceUnit,
}

impl fmt::Display for PaceWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (side, bound) = if self.pace_s_per_km < FASTEST_PLAUSIBLE_S_PER_KM {
            ("faster", FASTEST_PLAUSIBLE_S_PER_KM)
        } else {
            ("slower", SLOWEST_PLAUSIBLE_S_PER_KM)
        };
        write!(
            f,
            "That is a pace of {}, {side} than {}. Are you sure?",
            format_pace(self.pace_s_per_km, self.unit),
            format_pace(bound, self.unit)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum FormError {
    #[error("Enter the date and time you started.")]
    MissingStart,
    #[error("That date and time isn't valid.")]
    InvalidStart,
    #[error("That time doesn't exist here (the clocks changed); pick another.")]
    NonexistentStart,
    #[error("That is in the future: enter when you actually ran.")]
    FutureStart,
    #[error("Choose a run type.")]
    UnknownType,
    #[error(transparent)]
    Duration(#[from] DurationError),
    #[error(transparent)]
    Distance(#[from] DistanceError),
    #[error("Choose an effort from 0 (rest) to 10 (maximal).")]
    Rpe,
    #[error("Choose how it felt, from 1 (awful) to 5 (great).")]
    Feel,
    #[error("Notes can be at most 2,000 characters.")]
    NotesTooLong,
    #[error("Keep this to 100 characters.")]
    TooLong,
    #[error("Elapsed time: {0}")]
    Elapsed(DurationError),
    #[error("Elapsed time includes stops, so it can't be shorter than the duration.")]
    ElapsedShorter,
    #[error("Give both average and maximum heart rate, in beats per minute (25–230).")]
    HeartRate,
    #[error("Average heart rate can't be above the maximum.")]
    HeartRateOrder,
    #[error("Elevation gain is whole {} from 0 to {}.", height_unit_name(*.0), with_thousands(max_elevation_input(*.0)))]
    Elevation(DistanceUnit),
    #[error("{0}")]
    UnusualPace(PaceWarning),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub field: Field,
    pub error: FormError,
}

/// A checked form: everything a run needs except its identity and bookkeeping.
#[derive(Debug, Clone, PartialEq)]
pub struct RunEntry {
    pub start: DateTime<FixedOffset>,
    pub kind: RunType,
    pub title: String,
    pub moving_s: u32,
    pub distance_m: Option<f64>,
    pub rpe: Rpe,
    pub feel: Feel,
    pub notes: String,
    pub completion: Completion,
    pub route: String,
    pub company: Option<String>,
    pub elapsed_s: Option<u32>,
    pub heart_rate: Option<HeartRate>,
    pub elevation_gain_m: Option<f64>,
}

impl RunEntry {
    pub fn into_new_run(self, id: RunId, now: DateTime<Utc>) -> Run {
        Run {
            id,
            start: self.start,
            kind: self.kind,
            title: self.title,
            moving_s: self.moving_s,
            elapsed_s: self.elapsed_s,
            distance_m: self.distance_m,
            rpe: Some(self.rpe),
            feel: Some(self.feel),
            completion: self.completion,
            route: self.route,
            route_fingerprint: None,
            company: self.company,
            notes: self.notes,
            source: Source::Manual,
            heart_rate: self.heart_rate,
            elevation_gain_m: self.elevation_gain_m,
            created: now,
            updated: now,
        }
    }

    /// An edited run: the form's fields replace the old ones, the rest is kept.
    pub fn apply_to(self, run: &Run, now: DateTime<Utc>) -> Run {
        Run {
            start: self.start,
            kind: self.kind,
            title: self.title,
            moving_s: self.moving_s,
            distance_m: self.distance_m,
            rpe: Some(self.rpe),
            feel: Some(self.feel),
            notes: self.notes,
            completion: self.completion,
            route: self.route,
            company: self.company,
            elapsed_s: self.elapsed_s,
            heart_rate: self.heart_rate,
            elevation_gain_m: self.elevation_gain_m,
            updated: now,
            ..run.clone()
        }
    }
}

/// A quick check-in: the runner just finished another `template` run. It started
/// its moving time ago, and keeps the template's type, duration, distance, route
/// and company; only effort and feel are the runner's answers.
pub fn repeat_of(template: &Run, rpe: Rpe, feel: Feel, now: DateTime<FixedOffset>) -> RunEntry {
    RunEntry {
        start: now - chrono::Duration::seconds(i64::from(template.moving_s)),
        kind: template.kind,
        // A new run: the usual one's name ("Berlin Marathon", "Tempo Tuesday") was its own.
        title: String::new(),
        moving_s: template.moving_s,
        distance_m: template.distance_m,
        rpe,
        feel,
        notes: String::new(),
        completion: Completion::AsPlanned,
        route: template.route.clone(),
        company: template.company.clone(),
        elapsed_s: None,
        heart_rate: None,
        elevation_gain_m: None,
    }
}

/// Checks every field and reports all problems at once, so the runner fixes them in
/// one pass rather than one per tap of Save.
pub fn validate(form: &RunForm, ctx: &FormContext<'_>) -> Result<RunEntry, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field, error| errors.push(FieldError { field, error });

    let start = match parse_start(&form.start, ctx) {
        Ok(s) => Some(s),
        Err(e) => {
            fail(Field::Start, e);
            None
        }
    };
    let kind = RunType::from_slug(form.kind.trim());
    if kind.is_none() {
        fail(Field::Kind, FormError::UnknownType);
    }
    let moving_s = parse_duration(&form.duration).map_err(|e| fail(Field::Duration, e.into())).ok();
    let distance_m = match (kind, form.distance.trim().is_empty()) {
        (Some(RunType::Cross), true) => Some(None),
        _ => parse_distance(&form.distance, ctx.unit)
            .map(Some)
            .map_err(|e| fail(Field::Distance, e.into()))
            .ok(),
    };
    let rpe = form.rpe.trim().parse::<u8>().ok().and_then(Rpe::new);
    if rpe.is_none() {
        fail(Field::Rpe, FormError::Rpe);
    }
    let feel = form.feel.trim().parse::<u8>().ok().and_then(Feel::new);
    if feel.is_none() {
        fail(Field::Feel, FormError::Feel);
    }
    if form.notes.chars().count() > MAX_NOTES_CHARS {
        fail(Field::Notes, FormError::NotesTooLong);
    }
    for (field, text) in
        [(Field::Title, &form.title), (Field::Route, &form.route), (Field::Company, &form.company)]
    {
        if text.trim().chars().count() > MAX_SHORT_TEXT_CHARS {
            fail(field, FormError::TooLong);
        }
    }
    let elapsed_s = match form.elapsed.trim() {
        "" => Some(None),
        text => match (parse_duration(text), moving_s) {
            (Err(e), _) => {
                fail(Field::Elapsed, FormError::Elapsed(e));
                None
            }
            (Ok(e), Some(m)) if e < m => {
                fail(Field::Elapsed, FormError::ElapsedShorter);
                None
            }
            (Ok(e), _) => Some(Some(e)),
        },
    };
    let heart_rate = match parse_heart_rate(&form.hr_avg, &form.hr_max) {
        Ok(hr) => Some(hr),
        Err(e) => {
            fail(Field::HeartRate, e);
            None
        }
    };
    let elevation_gain_m = match form.elevation.trim() {
        "" => Some(None),
        text => match text.parse::<u32>() {
            Ok(v) if v <= max_elevation_input(ctx.unit) => {
                Some(Some(f64::from(v) / ctx.unit.heights_per_metre()))
            }
            _ => {
                fail(Field::Elevation, FormError::Elevation(ctx.unit));
                None
            }
        },
    };

    if let (Some(kind), Some(moving_s), Some(Some(metres))) = (kind, moving_s, distance_m)
        && kind.needs_distance()
        && !ctx.pace_confirmed
        && let Some(pace) = pace_s_per_km(moving_s, metres)
        && !(FASTEST_PLAUSIBLE_S_PER_KM..=SLOWEST_PLAUSIBLE_S_PER_KM).contains(&pace)
    {
        fail(Field::Distance, FormError::UnusualPace(PaceWarning { pace_s_per_km: pace, unit: ctx.unit }));
    }

    match (start, kind, moving_s, distance_m, rpe, feel, elapsed_s, heart_rate, elevation_gain_m) {
        (
            Some(start),
            Some(kind),
            Some(moving_s),
            Some(distance_m),
            Some(rpe),
            Some(feel),
            Some(elapsed_s),
            Some(heart_rate),
            Some(elevation_gain_m),
        ) if errors.is_empty() => Ok(RunEntry {
            start,
            kind,
            title: form.title.trim().to_string(),
            moving_s,
            distance_m,
            rpe,
            feel,
            notes: form.notes.trim().to_string(),
            completion: if form.cut_short { Completion::CutShort } else { Completion::AsPlanned },
            route: form.route.trim().to_string(),
            company: Some(form.company.trim().to_string()).filter(|c| !c.is_empty()),
            elapsed_s,
            heart_rate,
            elevation_gain_m,
        }),
        _ => Err(errors),
    }
}

/// Average and maximum heart rate: both or neither.
fn parse_heart_rate(avg: &str, max: &str) -> Result<Option<HeartRate>, FormError> {
    let bpm = |t: &str| t.trim().parse::<u16>().ok().filter(|b| HEART_RATE_RANGE.contains(b));
    match (avg.trim().is_empty(), max.trim().is_empty()) {
        (true, true) => Ok(None),
        (false, false) => match (bpm(avg), bpm(max)) {
            (Some(average), Some(max)) if average <= max => Ok(Some(HeartRate { average, max })),
            (Some(_), Some(_)) => Err(FormError::HeartRateOrder),
            _ => Err(FormError::HeartRate),
        },
        _ => Err(FormError::HeartRate),
    }
}

fn parse_start(text: &str, ctx: &FormContext<'_>) -> Result<DateTime<FixedOffset>, FormError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(FormError::MissingStart);
    }
    let naive = NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| FormError::InvalidStart)?;
    if naive.year() < 1900 {
        return Err(FormError::InvalidStart);
    }
    let offset = (ctx.offset_at)(naive).ok_or(FormError::NonexistentStart)?;
    let start = offset.from_local_datetime(&naive).single().ok_or(FormError::NonexistentStart)?;
    if start.with_timezone(&Utc) > ctx.now {
        return Err(FormError::FutureStart);
    }
    Ok(start)
}

/// The most elevation gain the form takes: 10,000 m, or its equivalent in whole feet.
const MAX_ELEVATION_M: f64 = 10_000.0;

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 10,000 m is 32,808 ft
fn max_elevation_input(unit: DistanceUnit) -> u32 {
    (MAX_ELEVATION_M * unit.heights_per_metre()).floor() as u32
}

fn height_unit_name(unit: DistanceUnit) -> &'static str {
    match unit {
        DistanceUnit::Km => "metres",
        DistanceUnit::Mi => "feet",
    }
}

/// "32,808": a whole number as the error messages write it.
fn with_thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The number shown in the elevation field when editing, in the runner's unit.
fn elevation_input_value(metres: f64, unit: DistanceUnit) -> String {
    format!("{:.0}", metres * unit.heights_per_metre())
}

/// When a run that just ended took `duration` (as typed, read leniently): `now`
/// less the duration, in the form's `YYYY-MM-DDTHH:MM`. A runner logging right
/// after a run gets its real start without working it out; until the duration
/// reads as one, the start is `now`.
pub fn start_for(now: NaiveDateTime, duration: &str) -> String {
    let seconds = parse_duration(duration).map_or(0, i64::from);
    (now - chrono::Duration::seconds(seconds)).format("%Y-%m-%dT%H:%M").to_string()
}

/// True when the errors are only an unusual pace, i.e. saving needs just a "yes".
pub fn only_needs_pace_confirmation(errors: &[FieldError]) -> bool {
    !errors.is_empty() && errors.iter().all(|e| matches!(e.error, FormError::UnusualPace(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plus_one(_: NaiveDateTime) -> Option<FixedOffset> {
        FixedOffset::east_opt(3600)
    }

    fn ctx(pace_confirmed: bool) -> FormContext<'static> {
        FormContext {
            now: Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).single().unwrap(),
            unit: DistanceUnit::Km,
            offset_at: &plus_one,
            pace_confirmed,
        }
    }

    fn good() -> RunForm {
        RunForm {
            start: "2026-11-25T07:30".into(),
            kind: "easy".into(),
            duration: "30:00".into(),
            distance: "5".into(),
            rpe: "3".into(),
            feel: "4".into(),
            notes: "  felt fine  ".into(),
            ..RunForm::default()
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<Field> {
        errors.iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_good_form_becomes_an_entry() {
        let entry = validate(&good(), &ctx(false)).unwrap();
        assert_eq!(entry.start.to_rfc3339(), "2026-11-25T07:30:00+01:00");
        assert_eq!(entry.moving_s, 1800);
        assert_eq!(entry.distance_m, Some(5000.0));
        assert_eq!(entry.notes, "felt fine");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let form = RunForm {
            start: String::new(),
            kind: "swim".into(),
            duration: "0".into(),
            distance: "-2".into(),
            rpe: "11".into(),
            feel: String::new(),
            notes: "x".repeat(MAX_NOTES_CHARS + 1),
            ..RunForm::default()
        };
        let errors = validate(&form, &ctx(false)).unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                Field::Start,
                Field::Kind,
                Field::Duration,
                Field::Distance,
                Field::Rpe,
                Field::Feel,
                Field::Notes
            ]
        );
        assert_eq!(errors[2].error, FormError::Duration(DurationError::Zero));
        assert_eq!(errors[3].error, FormError::Distance(DistanceError::Negative));
    }

    #[test]
    fn the_optional_details_are_checked_and_kept() {
        let form = RunForm {
            cut_short: true,
            route: " river loop ".into(),
            company: "Sam".into(),
            elapsed: "33:00".into(),
            hr_avg: "142".into(),
            hr_max: "171".into(),
            elevation: "85".into(),
            ..good()
        };
        let entry = validate(&form, &ctx(false)).unwrap();
        assert_eq!(entry.completion, Completion::CutShort);
        assert_eq!(entry.route, "river loop");
        assert_eq!(entry.company.as_deref(), Some("Sam"));
        assert_eq!(entry.elapsed_s, Some(1980));
        assert_eq!(entry.heart_rate, Some(HeartRate { average: 142, max: 171 }));
        assert_eq!(entry.elevation_gain_m, Some(85.0));
        let run = entry.into_new_run(RunId::v7(1, [1; 10]), ctx(false).now);
        assert_eq!(
            RunForm::from_run(&run, DistanceUnit::Km),
            RunForm { notes: "felt fine".into(), route: "river loop".into(), ..form }
        );

        let bad = RunForm {
            elapsed: "29:00".into(),
            hr_avg: "180".into(),
            hr_max: "170".into(),
            elevation: "-5".into(),
            route: "r".repeat(101),
            ..good()
        };
        let errors = validate(&bad, &ctx(false)).unwrap_err();
        assert_eq!(fields(&errors), [Field::Route, Field::Elapsed, Field::HeartRate, Field::Elevation]);
        assert_eq!(errors[3].error.to_string(), "Elevation gain is whole metres from 0 to 10,000.");
        assert_eq!(errors[1].error, FormError::ElapsedShorter);
        assert_eq!(errors[2].error, FormError::HeartRateOrder);
        let one_hr = RunForm { hr_avg: "150".into(), ..good() };
        assert_eq!(validate(&one_hr, &ctx(false)).unwrap_err()[0].error, FormError::HeartRate);
    }

    #[test]
    fn a_title_is_trimmed_kept_and_bounded() {
        let entry = validate(&RunForm { title: "  Tempo Tuesday ".into(), ..good() }, &ctx(false)).unwrap();
        assert_eq!(entry.title, "Tempo Tuesday");
        let run = entry.into_new_run(RunId::v7(1, [1; 10]), ctx(false).now);
        assert_eq!(RunForm::from_run(&run, DistanceUnit::Km).title, "Tempo Tuesday");
        let long = RunForm { title: "t".repeat(MAX_SHORT_TEXT_CHARS + 1), ..good() };
        assert_eq!(validate(&long, &ctx(false)).unwrap_err()[0].field, Field::Title);
        // An edit that leaves the title field alone keeps the title.
        let edited = validate(
            &RunForm { title: "Tempo Tuesday".into(), duration: "31:00".into(), ..good() },
            &ctx(false),
        )
        .unwrap()
        .apply_to(&run, ctx(false).now);
        assert_eq!((edited.title.as_str(), edited.moving_s), ("Tempo Tuesday", 1860));
    }

    #[test]
    fn elevation_is_in_feet_for_a_runner_in_miles() {
        let miles = FormContext { unit: DistanceUnit::Mi, ..ctx(false) };
        let entry =
            validate(&RunForm { distance: "3.1".into(), elevation: "328".into(), ..good() }, &miles).unwrap();
        let metres = entry.elevation_gain_m.unwrap();
        assert!((metres - 99.97).abs() < 0.01, "{metres}");
        let run = entry.into_new_run(RunId::v7(1, [1; 10]), miles.now);
        assert_eq!(RunForm::from_run(&run, DistanceUnit::Mi).elevation, "328");
        assert_eq!(RunForm::from_run(&run, DistanceUnit::Km).elevation, "100");
        assert_eq!(crate::units::format_elevation(metres, DistanceUnit::Mi), "+328 ft");
        // 10,000 m is the bound in either unit.
        let ok = RunForm { distance: "3.1".into(), elevation: "32808".into(), ..good() };
        assert!(validate(&ok, &miles).is_ok());
        let errors = validate(&RunForm { elevation: "32809".into(), ..ok }, &miles).unwrap_err();
        assert_eq!(errors[0].error.to_string(), "Elevation gain is whole feet from 0 to 32,808.");
    }

    #[test]
    fn a_run_just_finished_started_its_duration_ago() {
        let now = NaiveDateTime::parse_from_str("2026-11-25T19:40", "%Y-%m-%dT%H:%M").unwrap();
        assert_eq!(start_for(now, "45:00"), "2026-11-25T18:55");
        assert_eq!(start_for(now, "45"), "2026-11-25T18:55", "minutes alone, as the field takes them");
        assert_eq!(start_for(now, "1:05:30"), "2026-11-25T18:34", "to the minute the field shows");
        assert_eq!(start_for(now, "21:00:00"), "2026-11-24T22:40", "the day before");
        // Until the duration reads as one, the start is now.
        for unread in ["", "4x", "0"] {
            assert_eq!(start_for(now, unread), "2026-11-25T19:40", "{unread:?}");
        }
    }

    #[test]
    fn a_repeat_started_its_duration_ago() {
        let now = ctx(false).now;
        let template = validate(&RunForm { route: "park".into(), ..good() }, &ctx(false))
            .unwrap()
            .into_new_run(RunId::v7(1, [1; 10]), now);
        let finished = DateTime::parse_from_rfc3339("2026-11-26T08:00:00+01:00").unwrap();
        let entry = repeat_of(&template, Rpe::new(5).unwrap(), Feel::new(2).unwrap(), finished);
        assert_eq!(entry.start.to_rfc3339(), "2026-11-26T07:30:00+01:00");
        assert_eq!((entry.kind, entry.moving_s, entry.distance_m), (RunType::Easy, 1800, Some(5000.0)));
        assert_eq!((entry.rpe.value(), entry.feel.value()), (5, 2));
        assert_eq!(entry.route, "park");
        assert!(entry.notes.is_empty());
    }

    #[test]
    fn future_start_is_refused() {
        let form = RunForm { start: "2026-11-25T13:01".into(), ..good() };
        let errors = validate(&form, &ctx(false)).unwrap_err();
        assert_eq!(errors[0].error, FormError::FutureStart);
        // 13:00 at +01:00 is exactly now: allowed.
        let form = RunForm { start: "2026-11-25T13:00".into(), ..good() };
        assert!(validate(&form, &ctx(false)).is_ok());
    }

    #[test]
    fn a_time_skipped_by_dst_is_refused() {
        let gap = |_: NaiveDateTime| None;
        let c = FormContext { offset_at: &gap, ..ctx(false) };
        assert_eq!(validate(&good(), &c).unwrap_err()[0].error, FormError::NonexistentStart);
    }

    #[test]
    fn unusual_pace_asks_then_accepts() {
        let too_fast = RunForm { duration: "9:00".into(), ..good() }; // 1:48 /km
        let errors = validate(&too_fast, &ctx(false)).unwrap_err();
        assert!(only_needs_pace_confirmation(&errors));
        assert_eq!(
            errors[0].error.to_string(),
            "That is a pace of 1:48 /km, faster than 2:00 /km. Are you sure?"
        );
        assert!(validate(&too_fast, &ctx(true)).is_ok());

        let too_slow = RunForm { duration: "1:45:00".into(), ..good() }; // 21:00 /km
        let errors = validate(&too_slow, &ctx(false)).unwrap_err();
        assert!(errors[0].error.to_string().contains("slower than 20:00 /km"));
    }

    #[test]
    fn pace_bounds_are_inclusive() {
        let two_min = RunForm { duration: "10:00".into(), ..good() };
        assert!(validate(&two_min, &ctx(false)).is_ok());
        let twenty = RunForm { duration: "1:40:00".into(), ..good() };
        assert!(validate(&twenty, &ctx(false)).is_ok());
    }

    #[test]
    fn cross_training_needs_no_distance() {
        let form = RunForm { kind: "cross".into(), distance: String::new(), ..good() };
        assert_eq!(validate(&form, &ctx(false)).unwrap().distance_m, None);
        let form = RunForm { kind: "easy".into(), distance: String::new(), ..good() };
        assert_eq!(
            validate(&form, &ctx(false)).unwrap_err()[0].error,
            FormError::Distance(DistanceError::Empty)
        );
    }

    #[test]
    fn miles_are_converted() {
        let c = FormContext { unit: DistanceUnit::Mi, ..ctx(false) };
        let form = RunForm { distance: "3.1".into(), ..good() };
        let metres = validate(&form, &c).unwrap().distance_m.unwrap();
        assert!((metres - 3.1 * 1609.344).abs() < 1e-6);
    }

    #[test]
    fn editing_keeps_identity_and_creation_time() {
        let now = ctx(false).now;
        let run = validate(&good(), &ctx(false)).unwrap().into_new_run(RunId::v7(1, [0; 10]), now);
        let later = now + chrono::Duration::hours(1);
        let form = RunForm { duration: "31:00".into(), ..RunForm::from_run(&run, DistanceUnit::Km) };
        let edited = validate(&form, &ctx(false)).unwrap().apply_to(&run, later);
        assert_eq!(edited.id, run.id);
        assert_eq!(edited.created, now);
        assert_eq!(edited.updated, later);
        assert_eq!(edited.moving_s, 1860);
        assert_eq!(edited.start, run.start);
    }

    proptest::proptest! {
        #[test]
        fn validation_never_panics(
            start in "\\PC{0,20}", kind in "\\PC{0,10}", duration in "\\PC{0,12}",
            distance in "\\PC{0,12}", rpe in "\\PC{0,3}", feel in "\\PC{0,3}", notes in "\\PC{0,40}",
        ) {
            let form = RunForm { start, kind, duration, distance, rpe, feel, notes, ..RunForm::default() };
            let _ = validate(&form, &ctx(false));
        }
    }
}
