//! What an import yields: one summary per activity. Raw tracks never leave the crate.

use chrono::{DateTime, FixedOffset, Utc};

use crate::route::RouteFingerprint;

/// The kind of activity, as the file names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Sport {
    /// Running of any kind: road, trail, track, treadmill, virtual.
    Run,
    /// Walking.
    Walk,
    /// Hiking and mountaineering.
    Hike,
    /// Cycling of any kind.
    Ride,
    /// Swimming.
    Swim,
    /// Strength or weight training.
    Strength,
    /// Another sport, by the name the file gives it.
    Other(String),
    /// The file does not say (a GPX without `<type>`, TCX `Sport="Other"`, FIT
    /// "generic"); the app may ask, or assume a run.
    Unknown,
}

impl Sport {
    /// Recognises a sport by the names GPX `<type>`, TCX `Sport`, Strava's "Activity
    /// Type", Garmin's type keys and FIT's sport names use (case, spaces and `_`
    /// ignored). Strava's type is in the export's language: German ("Lauf",
    /// "Radfahren" as a German export's reader lists them, "Radfahrt" in a real row
    /// in geo-activity-playground issue 86), French ("Course à pied", "Marche",
    /// "Randonnée", "Vélo", "Natation" in a French archive reader's table, "Vélo
    /// virtuel" in a French export's notebook), Dutch ("Hardloopsessie", "Wandeling",
    /// "Hiken", "Fietsrit", "Virtuele fietsrit", "Zwemmen", in the tools that write
    /// and read Dutch exports; see `strava::Column`). Strava's numeric GPX types 1,
    /// 4, 9, 10 and 16 are understood too.
    pub fn from_name(name: &str) -> Sport {
        // Names are short ASCII: the key is built on the stack (a Strava export asks
        // once per row); anything else takes the general path.
        let mut buffer = [0u8; 24];
        let mut len = 0;
        for b in name.bytes().filter(|b| !matches!(b, b' ' | b'_' | b'-')) {
            match buffer.get_mut(len) {
                Some(slot) if b.is_ascii() => *slot = b.to_ascii_lowercase(),
                _ => return Self::from_key(name, &Self::general_key(name)),
            }
            len += 1;
        }
        match buffer.get(..len).and_then(|k| std::str::from_utf8(k).ok()) {
            Some(key) => Self::from_key(name, key),
            None => Self::from_key(name, &Self::general_key(name)),
        }
    }

    fn general_key(name: &str) -> String {
        name.chars().filter(|c| !matches!(c, ' ' | '_' | '-')).flat_map(char::to_lowercase).collect()
    }

    fn from_key(name: &str, key: &str) -> Sport {
        match key {
            "" | "other" | "generic" | "unknown" => Sport::Unknown,
            "run" | "running" | "trailrun" | "trailrunning" | "treadmill" | "treadmillrunning"
            | "virtualrun" | "trackrunning" | "streetrunning" | "indoorrunning" | "9" | "lauf" | "laufen"
            | "courseàpied" | "hardloopsessie" => Sport::Run,
            "walk" | "walking" | "casualwalking" | "speedwalking" | "indoorwalking" | "10" | "gehen"
            | "spaziergang" | "marche" | "wandeling" => Sport::Walk,
            "hike" | "hiking" | "mountaineering" | "4" | "wandern" | "randonnée" | "hiken" => Sport::Hike,
            "ride" | "cycling" | "biking" | "bike" | "virtualride" | "ebikeride" | "mountainbikeride"
            | "gravelride" | "roadbiking" | "mountainbiking" | "indoorcycling" | "1" | "radfahren"
            | "radfahrt" | "vélo" | "vélovirtuel" | "fietsrit" | "virtuelefietsrit" => Sport::Ride,
            "swim" | "swimming" | "lapswimming" | "openwaterswimming" | "16" | "schwimmen" | "natation"
            | "zwemmen" => Sport::Swim,
            "weighttraining" | "strength" | "strengthtraining" | "krafttraining" => Sport::Strength,
            _ => Sport::Other(name.trim().to_owned()),
        }
    }

    /// Whether this is a foot sport, whose files give cadence per foot.
    pub(crate) fn on_foot(&self) -> bool {
        matches!(self, Sport::Run | Sport::Walk | Sport::Hike | Sport::Unknown)
    }
}

/// An activity's average and maximum heart rate, beats per minute (what files
/// summarise; the runner's stored figure is `restride_core::HeartRate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HeartRateAvgMax {
    /// Average over the activity.
    pub avg: u16,
    /// Highest value recorded.
    pub max: u16,
}

/// The summary of one activity, as read from a file, a CSV row, or both merged.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Activity {
    /// Where it came from: the file name, or `"export.zip › activities/123.gpx"`.
    pub source: String,
    /// An identity that survives re-exports: `"strava:123"` (Strava's activity ID) or
    /// `"fit:<serial>:<time_created>"` (the device's serial number and file time).
    pub external_id: Option<String>,
    /// The kind of activity.
    pub sport: Sport,
    /// When it started.
    pub start_utc: DateTime<Utc>,
    /// The local offset at the start, only when the file says it (FIT's activity
    /// `local_timestamp`, GPX/TCX times written with a numeric offset). Otherwise
    /// `None`: use the browser's zone for that instant. (Serialised as seconds east.)
    #[cfg_attr(feature = "serde", serde(with = "offset_seconds"))]
    pub utc_offset: Option<FixedOffset>,
    /// Seconds in motion: the device's timer time (which stops for pauses) when the
    /// file has one, otherwise computed from the track (see the crate docs).
    pub moving_s: u32,
    /// Seconds from start to finish, pauses included.
    pub elapsed_s: u32,
    /// Distance in metres.
    pub distance_m: Option<f64>,
    /// Total ascent in metres (the device's figure, or the track's with a 3 m dead band
    /// against GPS noise).
    pub elevation_gain_m: Option<f64>,
    /// Heart rate.
    pub heart_rate: Option<HeartRateAvgMax>,
    /// Average cadence: steps per minute for foot sports (files store strides per
    /// minute, one foot, and are doubled), revolutions per minute otherwise.
    pub cadence_avg: Option<u16>,
    /// How uneven the pace was: the coefficient of variation (standard deviation /
    /// mean) of the speeds of consecutive 60-second slices of moving time. `None`
    /// without a track, or with fewer than three slices.
    pub pace_variability: Option<f64>,
    /// Perceived exertion, 0–10 (FIT session field 193, Strava "Perceived Exertion").
    pub rpe: Option<u8>,
    /// How the run felt, 1 (weak) to 5 (strong) (FIT session field 192).
    pub feel: Option<u8>,
    /// The activity's title.
    pub name: Option<String>,
    /// Energy spent, kilocalories, as the device or service reckons it.
    pub energy_kcal: Option<f64>,
    /// Indoors or out, and the weather, when the source records them (Apple Health).
    pub conditions: Option<Conditions>,
    /// Where it went, to recognise the same route run again.
    pub route: Option<RouteFingerprint>,
}

impl Activity {
    /// An activity with only what every source has; the parsers fill in the rest.
    pub(crate) fn new(source: &str, sport: Sport, start_utc: DateTime<Utc>) -> Activity {
        Activity {
            source: source.to_owned(),
            external_id: None,
            sport,
            start_utc,
            utc_offset: None,
            moving_s: 0,
            elapsed_s: 0,
            distance_m: None,
            elevation_gain_m: None,
            heart_rate: None,
            cadence_avg: None,
            pace_variability: None,
            rpe: None,
            feel: None,
            name: None,
            energy_kcal: None,
            conditions: None,
            route: None,
        }
    }

    /// What a run's notes say of this activity: where and in what weather
    /// ("Indoor", "18 °C, 60 % humidity"). Its name is the run's title instead.
    pub fn notes(&self) -> String {
        self.conditions.as_ref().map(ToString::to_string).unwrap_or_default()
    }

    /// Takes from `other` (the same activity from another source) whatever this one
    /// lacks; nothing this one has is overwritten.
    pub(crate) fn fill_from(&mut self, other: &Activity) {
        fn fill<T: Clone>(mine: &mut Option<T>, theirs: &Option<T>) {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
        fill(&mut self.external_id, &other.external_id);
        fill(&mut self.utc_offset, &other.utc_offset);
        fill(&mut self.distance_m, &other.distance_m);
        fill(&mut self.elevation_gain_m, &other.elevation_gain_m);
        fill(&mut self.heart_rate, &other.heart_rate);
        fill(&mut self.cadence_avg, &other.cadence_avg);
        fill(&mut self.pace_variability, &other.pace_variability);
        fill(&mut self.rpe, &other.rpe);
        fill(&mut self.feel, &other.feel);
        fill(&mut self.name, &other.name);
        fill(&mut self.energy_kcal, &other.energy_kcal);
        fill(&mut self.conditions, &other.conditions);
        fill(&mut self.route, &other.route);
        if self.sport == Sport::Unknown {
            self.sport.clone_from(&other.sport);
        }
        if self.moving_s == 0 {
            self.moving_s = other.moving_s;
        }
        if self.elapsed_s == 0 {
            self.elapsed_s = other.elapsed_s;
        }
    }
}

/// Where and in what weather an activity happened.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Conditions {
    /// Indoors (a treadmill, a pool) rather than out.
    pub indoor: Option<bool>,
    /// Air temperature, °C.
    pub temperature_c: Option<f64>,
    /// Relative humidity, percent.
    pub humidity_pct: Option<f64>,
}

impl std::fmt::Display for Conditions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if self.indoor == Some(true) {
            parts.push("Indoor".to_owned());
        }
        if let Some(t) = self.temperature_c.filter(|t| t.is_finite()) {
            parts.push(format!("{t:.0} °C"));
        }
        if let Some(h) = self.humidity_pct.filter(|h| h.is_finite()) {
            parts.push(format!("{h:.0} % humidity"));
        }
        f.write_str(&parts.join(", "))
    }
}

/// `FixedOffset` has no serde support of its own: it travels as seconds east of UTC.
#[cfg(feature = "serde")]
mod offset_seconds {
    use chrono::FixedOffset;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(offset: &Option<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        match offset {
            Some(offset) => s.serialize_some(&offset.local_minus_utc()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<FixedOffset>, D::Error> {
        Option::<i32>::deserialize(d)?
            .map(|secs| {
                FixedOffset::east_opt(secs).ok_or_else(|| serde::de::Error::custom("offset out of range"))
            })
            .transpose()
    }
}

/// Steps per minute from a file's per-foot cadence for foot sports. Some apps already
/// write steps per minute; no runner strides above 120 per foot, so those are kept.
pub(crate) fn cadence_for(sport: &Sport, raw_avg: f64) -> Option<u16> {
    if !(raw_avg.is_finite() && raw_avg > 0.0) {
        return None;
    }
    let value = if sport.on_foot() && raw_avg < 120.0 { raw_avg * 2.0 } else { raw_avg };
    to_u16(value)
}

/// Rounds a non-negative finite value into `u16`, `None` when it does not fit.
pub(crate) fn to_u16(value: f64) -> Option<u16> {
    let rounded = value.round();
    if rounded.is_finite() && (0.0..=f64::from(u16::MAX)).contains(&rounded) {
        #[allow(clippy::cast_possible_truncation)] // range checked just above
        Some(rounded as u16)
    } else {
        None
    }
}

/// Rounds non-negative seconds into `u32`, saturating (absurd durations stay absurd,
/// they don't wrap).
pub(crate) fn to_u32_secs(value: f64) -> u32 {
    if !value.is_finite() || value <= 0.0 {
        return 0;
    }
    // `as` saturates for floats; the clamp makes that explicit.
    #[allow(clippy::cast_possible_truncation)]
    let secs = value.round().min(f64::from(u32::MAX)) as u32;
    secs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sport_names_from_every_format() {
        assert_eq!(Sport::from_name("Running"), Sport::Run);
        assert_eq!(Sport::from_name("trail_running"), Sport::Run);
        assert_eq!(Sport::from_name("Trail Run"), Sport::Run);
        assert_eq!(Sport::from_name("9"), Sport::Run);
        assert_eq!(Sport::from_name("Biking"), Sport::Ride);
        assert_eq!(Sport::from_name("Weight Training"), Sport::Strength);
        assert_eq!(Sport::from_name("Other"), Sport::Unknown);
        assert_eq!(Sport::from_name(" Kayaking "), Sport::Other("Kayaking".into()));
        // Past the short-name buffer, and outside ASCII: the general path.
        assert_eq!(
            Sport::from_name("Running Running Running Running"),
            Sport::Other("Running Running Running Running".into())
        );
        assert_eq!(
            Sport::from_name("Virtual-Run-With-A-Very-Long-Name"),
            Sport::Other("Virtual-Run-With-A-Very-Long-Name".into())
        );
        assert_eq!(Sport::from_name("TRÄIL RUN"), Sport::Other("TRÄIL RUN".into()));
        assert_eq!(Sport::from_name("  "), Sport::Unknown);
        assert_eq!(Sport::from_name("E-Bike Ride"), Sport::Ride);
    }

    #[test]
    fn cadence_is_doubled_only_per_foot() {
        assert_eq!(cadence_for(&Sport::Run, 85.0), Some(170));
        assert_eq!(cadence_for(&Sport::Run, 172.0), Some(172));
        assert_eq!(cadence_for(&Sport::Ride, 85.0), Some(85));
        assert_eq!(cadence_for(&Sport::Run, f64::NAN), None);
        assert_eq!(to_u32_secs(1e20), u32::MAX);
        assert_eq!(to_u32_secs(-3.0), 0);
    }
}
