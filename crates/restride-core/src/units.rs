//! Distances, durations and paces: how a runner types them and how they are shown.
//! Internally distance is metres and time is seconds; units only exist at the edges.

use thiserror::Error;

pub const METRES_PER_KM: f64 = 1000.0;
pub const METRES_PER_MILE: f64 = 1609.344;
/// A foot is 0.3048 m exactly.
pub const FEET_PER_METRE: f64 = 1.0 / 0.3048;
/// Longer than any single run or ultra a recreational runner logs by hand.
pub const MAX_DURATION_S: u32 = 72 * 3600;
/// Beyond the longest multi-day race; a bigger number is a typo.
pub const MAX_DISTANCE_M: f64 = 1_000_000.0;

/// The unit a runner enters and reads distances and paces in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DistanceUnit {
    #[default]
    Km,
    Mi,
}

impl DistanceUnit {
    pub fn metres(self) -> f64 {
        match self {
            Self::Km => METRES_PER_KM,
            Self::Mi => METRES_PER_MILE,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Km => "km",
            Self::Mi => "mi",
        }
    }

    /// Heights (elevation gain) go with the distance unit: metres with
    /// kilometres, feet with miles, as watches show them.
    pub fn height_label(self) -> &'static str {
        match self {
            Self::Km => "m",
            Self::Mi => "ft",
        }
    }

    /// How many of [`Self::height_label`]'s unit make a metre.
    pub fn heights_per_metre(self) -> f64 {
        match self {
            Self::Km => 1.0,
            Self::Mi => FEET_PER_METRE,
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "km" => Some(Self::Km),
            "mi" => Some(Self::Mi),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DurationError {
    #[error("Enter how long you ran, e.g. 45:00.")]
    Empty,
    #[error("Write the time as minutes (45), mm:ss (45:30) or h:mm:ss (1:05:30).")]
    Invalid,
    #[error("The duration must be more than zero.")]
    Zero,
    #[error("That is longer than 72 hours; check the time.")]
    TooLong,
}

/// Parses "45" (minutes), "45:30" (mm:ss) or "1:05:30" (h:mm:ss) into seconds.
pub fn parse_duration(text: &str) -> Result<u32, DurationError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(DurationError::Empty);
    }
    let parts: Vec<&str> = t.split(':').map(str::trim).collect();
    let nums: Vec<u64> = parts
        .iter()
        .map(|p| {
            if p.is_empty() || p.len() > 6 || !p.bytes().all(|b| b.is_ascii_digit()) {
                Err(DurationError::Invalid)
            } else {
                p.parse::<u64>().map_err(|_| DurationError::Invalid)
            }
        })
        .collect::<Result<_, _>>()?;
    let seconds = match nums.as_slice() {
        [m] => m * 60,
        [m, s] if *s < 60 => m * 60 + s,
        [h, m, s] if *m < 60 && *s < 60 => h * 3600 + m * 60 + s,
        _ => return Err(DurationError::Invalid),
    };
    if seconds == 0 {
        return Err(DurationError::Zero);
    }
    u32::try_from(seconds).ok().filter(|s| *s <= MAX_DURATION_S).ok_or(DurationError::TooLong)
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DistanceError {
    #[error("Enter the distance you ran.")]
    Empty,
    #[error("Write the distance as a number, e.g. 5.2.")]
    Invalid,
    #[error("The distance can't be negative.")]
    Negative,
    #[error("The distance must be more than zero.")]
    Zero,
    #[error("That is further than 1,000 km; check the distance.")]
    TooFar,
}

/// Parses a distance typed in `unit` ("5", "5.2", or "5,2" where a comma is the
/// decimal mark) into metres.
pub fn parse_distance(text: &str, unit: DistanceUnit) -> Result<f64, DistanceError> {
    let t = text.trim().replace(',', ".");
    if t.is_empty() {
        return Err(DistanceError::Empty);
    }
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t.as_str()),
    };
    let well_formed = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|b| *b == b'.').count() <= 1
        && digits != ".";
    if !well_formed {
        return Err(DistanceError::Invalid);
    }
    let value: f64 = digits.parse().map_err(|_| DistanceError::Invalid)?;
    if negative && value > 0.0 {
        return Err(DistanceError::Negative);
    }
    let metres = value * unit.metres();
    if !metres.is_finite() {
        return Err(DistanceError::Invalid);
    }
    if metres <= 0.0 {
        return Err(DistanceError::Zero);
    }
    if metres > MAX_DISTANCE_M {
        return Err(DistanceError::TooFar);
    }
    Ok(metres)
}

/// Seconds per kilometre, or `None` without a positive distance.
pub fn pace_s_per_km(duration_s: u32, distance_m: f64) -> Option<f64> {
    (distance_m.is_finite() && distance_m > 0.0).then(|| f64::from(duration_s) / (distance_m / METRES_PER_KM))
}

/// "45:30" or "1:05:30".
pub fn format_duration(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

/// "5.20 km" or "3.23 mi".
pub fn format_distance(metres: f64, unit: DistanceUnit) -> String {
    format!("{:.2} {}", metres / unit.metres(), unit.label())
}

/// "+40 m" or "+131 ft": an elevation gain in the runner's unit.
pub fn format_elevation(metres: f64, unit: DistanceUnit) -> String {
    format!("+{:.0} {}", metres * unit.heights_per_metre(), unit.height_label())
}

/// The number shown in a distance field when editing: "5.2", not "5.20 km".
pub fn distance_input_value(metres: f64, unit: DistanceUnit) -> String {
    let value = format!("{:.3}", metres / unit.metres());
    value.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// "5:30 /km" from seconds per kilometre, converted to `unit`.
pub fn format_pace(s_per_km: f64, unit: DistanceUnit) -> String {
    let per_unit = s_per_km * unit.metres() / METRES_PER_KM;
    if !per_unit.is_finite() || per_unit < 0.0 {
        return "–".to_string();
    }
    // Round once to whole seconds so 5:59.6 shows as 6:00, never 5:60.
    let total = per_unit.round().min(f64::from(u32::MAX));
    #[allow(clippy::cast_possible_truncation)] // clamped to u32's range above
    let total = total as u32;
    format!("{}:{:02} /{}", total / 60, total % 60, unit.label())
}

/// Race distances called by their names, as race entries and results are, in
/// miles mode too: nobody runs a "6.21 mi" race.
const RACE_NAMES: [(f64, &str); 7] = [
    (1500.0, "1500 m"),
    (1609.344, "1 mile"),
    (5000.0, "5 km"),
    (10_000.0, "10 km"),
    (15_000.0, "15 km"),
    (21_097.5, "half marathon"),
    (42_195.0, "marathon"),
];
/// How close a distance must be to a race's to take its name: 1 %, within what a
/// GPS watch or a course measured slightly long reads.
const RACE_NAME_TOLERANCE: f64 = 0.01;

/// A race distance by its name ("10 km", "half marathon") when it is one, else as
/// [`format_distance`] shows it in `unit`.
pub fn race_name(metres: f64, unit: DistanceUnit) -> String {
    RACE_NAMES
        .iter()
        .find(|(m, _)| (metres - m).abs() <= m * RACE_NAME_TOLERANCE)
        .map_or_else(|| format_distance(metres, unit), |(_, name)| (*name).to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn races_go_by_their_names_in_either_unit() {
        assert_eq!(race_name(10_000.0, DistanceUnit::Mi), "10 km");
        assert_eq!(race_name(10_040.0, DistanceUnit::Km), "10 km", "a watch reading a little long");
        assert_eq!(race_name(21_097.5, DistanceUnit::Mi), "half marathon");
        assert_eq!(race_name(42_195.0, DistanceUnit::Km), "marathon");
        assert_eq!(race_name(1609.3, DistanceUnit::Km), "1 mile");
        assert_eq!(race_name(8000.0, DistanceUnit::Mi), "4.97 mi");
    }

    use super::*;

    #[test]
    fn durations_in_every_accepted_shape() {
        assert_eq!(parse_duration("45"), Ok(2700));
        assert_eq!(parse_duration(" 45:30 "), Ok(2730));
        assert_eq!(parse_duration("1:05:30"), Ok(3930));
        assert_eq!(parse_duration("0:00:01"), Ok(1));
    }

    #[test]
    fn bad_durations_say_why() {
        assert_eq!(parse_duration(""), Err(DurationError::Empty));
        assert_eq!(parse_duration("   "), Err(DurationError::Empty));
        assert_eq!(parse_duration("0"), Err(DurationError::Zero));
        assert_eq!(parse_duration("0:00"), Err(DurationError::Zero));
        for bad in ["abc", "45:60", "1:60:00", "-5", "4.5", "1:2:3:4", ":30", "45:", "99999999999"] {
            assert_eq!(parse_duration(bad), Err(DurationError::Invalid), "{bad}");
        }
        assert_eq!(parse_duration("73:00:00"), Err(DurationError::TooLong));
    }

    #[test]
    fn distances_convert_from_either_unit() {
        assert_eq!(parse_distance("5", DistanceUnit::Km), Ok(5000.0));
        assert_eq!(parse_distance("5,5", DistanceUnit::Km), Ok(5500.0));
        let mile = parse_distance("1", DistanceUnit::Mi).unwrap();
        assert!((mile - METRES_PER_MILE).abs() < 1e-9);
        assert_eq!(parse_distance(".5", DistanceUnit::Km), Ok(500.0));
    }

    #[test]
    fn bad_distances_say_why() {
        assert_eq!(parse_distance("", DistanceUnit::Km), Err(DistanceError::Empty));
        assert_eq!(parse_distance("-3", DistanceUnit::Km), Err(DistanceError::Negative));
        assert_eq!(parse_distance("0", DistanceUnit::Km), Err(DistanceError::Zero));
        assert_eq!(parse_distance("-0", DistanceUnit::Km), Err(DistanceError::Zero));
        assert_eq!(parse_distance("1001", DistanceUnit::Km), Err(DistanceError::TooFar));
        for bad in ["five", "1.2.3", ".", "NaN", "inf", "1e3", "5 km"] {
            assert_eq!(parse_distance(bad, DistanceUnit::Km), Err(DistanceError::Invalid), "{bad}");
        }
    }

    #[test]
    fn pace_in_both_units() {
        let pace = pace_s_per_km(1650, 5000.0).unwrap();
        assert_eq!(format_pace(pace, DistanceUnit::Km), "5:30 /km");
        assert_eq!(format_pace(pace, DistanceUnit::Mi), "8:51 /mi");
        assert_eq!(pace_s_per_km(1650, 0.0), None);
        assert_eq!(pace_s_per_km(1650, f64::NAN), None);
        assert_eq!(format_pace(359.6, DistanceUnit::Km), "6:00 /km");
        assert_eq!(format_pace(f64::INFINITY, DistanceUnit::Km), "–");
    }

    #[test]
    fn formatting() {
        assert_eq!(format_duration(2730), "45:30");
        assert_eq!(format_duration(3930), "1:05:30");
        assert_eq!(format_distance(5200.0, DistanceUnit::Km), "5.20 km");
        assert_eq!(format_distance(METRES_PER_MILE * 3.0, DistanceUnit::Mi), "3.00 mi");
        assert_eq!(distance_input_value(5200.0, DistanceUnit::Km), "5.2");
        assert_eq!(distance_input_value(10000.0, DistanceUnit::Km), "10");
    }

    proptest::proptest! {
        #[test]
        fn parsers_never_panic(s in "\\PC{0,24}") {
            let _ = parse_duration(&s);
            let _ = parse_distance(&s, DistanceUnit::Km);
            let _ = parse_distance(&s, DistanceUnit::Mi);
        }

        #[test]
        fn distance_round_trips_through_the_edit_field(km in 0.01f64..999.0, mi in proptest::bool::ANY) {
            let unit = if mi { DistanceUnit::Mi } else { DistanceUnit::Km };
            let metres = km * 1000.0;
            let shown = distance_input_value(metres, unit);
            let back = parse_distance(&shown, unit).unwrap();
            // The field shows three decimals: at most half a thousandth of a unit off.
            proptest::prop_assert!((back - metres).abs() <= unit.metres() * 0.0005 + 1e-9);
        }

        #[test]
        fn formatted_durations_parse_back(s in 1u32..MAX_DURATION_S) {
            proptest::prop_assert_eq!(parse_duration(&format_duration(s)), Ok(s));
        }
    }
}
