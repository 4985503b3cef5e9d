//! Strava's bulk export: `activities.csv`, one row per activity.
//!
//! Column names repeat: the first "Distance" is in the athlete's display unit (km or
//! miles), a later one in metres; "Elapsed Time", "Max Heart Rate" and others appear
//! twice too. Columns are found by name and, where names repeat, the later (precise,
//! metric) column is preferred. With a single "Distance" column, values of 300 or more
//! are taken as metres and smaller ones as kilometres. "Activity Date" is UTC, written
//! in the export's locale: `Mar 12, 2024, 6:00:00 PM`, `12 Mar 2024, 18:00:00`,
//! `12.03.2024, 18:00:00` and ISO 8601 are understood; a row whose date is not is
//! reported on its own, and the other rows are still read.

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::activity::{Activity, HeartRate, Sport, cadence_for, to_u16, to_u32_secs};
use crate::error::ImportError;
use crate::limits::Limits;
use crate::time::parse_iso;

/// One row of activities.csv.
#[derive(Debug, Clone, PartialEq)]
pub struct StravaRow {
    /// The summary the row gives on its own.
    pub activity: Activity,
    /// The activity file the row refers to ("activities/123.fit.gz"), if any: manual
    /// entries have none.
    pub filename: Option<String>,
}

/// The header's columns, by name (trimmed, case ignored), in order.
struct Columns {
    names: Vec<String>,
}

impl Columns {
    fn all(&self, name: &str) -> impl DoubleEndedIterator<Item = usize> + '_ {
        let name = name.to_owned();
        self.names.iter().enumerate().filter(move |(_, n)| n.eq_ignore_ascii_case(&name)).map(|(i, _)| i)
    }
}

/// Reads activities.csv: the outer `Err` is a problem with the whole file, an inner
/// one a problem with one row.
pub fn parse_strava_csv(
    name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<Result<StravaRow, ImportError>>, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(err)) => return Err(ImportError::Csv(err.to_string())),
        None => return Err(ImportError::WrongFormat { expected: "Strava activities.csv" }),
    };
    let columns =
        Columns { names: header.iter().map(|f| String::from_utf8_lossy(f).trim().to_owned()).collect() };
    if columns.all("Activity Date").next().is_none() {
        return Err(ImportError::MissingColumn("Activity Date"));
    }

    let mut rows = Vec::new();
    for (index, record) in records.enumerate() {
        if index >= limits.max_csv_rows {
            return Err(ImportError::TooManyRows { limit: limits.max_csv_rows });
        }
        let record = record.map_err(|err| ImportError::Csv(err.to_string()))?;
        let fields: Vec<String> =
            record.iter().map(|f| String::from_utf8_lossy(f).trim().to_owned()).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        // Row 1 is the header.
        let row_number = u64::try_from(index).unwrap_or(u64::MAX).saturating_add(2);
        rows.push(
            row(name, &columns, &fields).map_err(|reason| ImportError::BadRow { row: row_number, reason }),
        );
    }
    Ok(rows)
}

fn row(source: &str, columns: &Columns, fields: &[String]) -> Result<StravaRow, String> {
    let text = |i: usize| fields.get(i).map(String::as_str).filter(|s| !s.is_empty());
    let first = |name: &str| columns.all(name).find_map(text);
    let last_number = |name: &str| columns.all(name).rev().filter_map(text).find_map(number);
    let first_number = |name: &str| columns.all(name).filter_map(text).find_map(number);

    let date_text = first("Activity Date").ok_or("no date")?;
    let start = parse_strava_date(date_text).ok_or_else(|| format!("unreadable date \"{date_text}\""))?;
    let sport = first("Activity Type").map_or(Sport::Unknown, Sport::from_name);
    let mut activity = Activity::new(source, sport, start);
    activity.external_id = first("Activity ID")
        .filter(|id| id.bytes().all(|b| b.is_ascii_digit()))
        .map(|id| format!("strava:{id}"));
    activity.name = first("Activity Name").map(str::to_owned);

    let elapsed = first_number("Elapsed Time");
    let moving = last_number("Moving Time").or(elapsed);
    activity.elapsed_s = to_u32_secs(elapsed.or(moving).unwrap_or(0.0));
    activity.moving_s = to_u32_secs(moving.unwrap_or(0.0));

    let distance_columns: Vec<usize> = columns.all("Distance").collect();
    activity.distance_m = match distance_columns.as_slice() {
        [] => None,
        [only] => text(*only).and_then(number).map(|d| if d >= 300.0 { d } else { d * 1000.0 }),
        [display, .., metres] => {
            text(*metres).and_then(number).or_else(|| text(*display).and_then(number).map(|km| km * 1000.0))
        }
    }
    .filter(|d| *d >= 0.0);
    activity.elevation_gain_m = last_number("Elevation Gain").filter(|e| *e >= 0.0);
    let avg_hr = last_number("Average Heart Rate").and_then(to_u16).filter(|&hr| hr > 0);
    let max_hr = last_number("Max Heart Rate").and_then(to_u16);
    activity.heart_rate = avg_hr.map(|avg| HeartRate { avg, max: max_hr.unwrap_or(avg).max(avg) });
    activity.cadence_avg = last_number("Average Cadence").and_then(|c| cadence_for(&activity.sport, c));
    activity.rpe = first_number("Perceived Exertion")
        .filter(|v| (0.0..=10.0).contains(v))
        .and_then(to_u16)
        .and_then(|v| u8::try_from(v).ok());
    let filename = first("Filename").map(str::to_owned);
    Ok(StravaRow { activity, filename })
}

/// A number as Strava writes it, tolerating a decimal comma ("10,5") and thousands
/// separators next to a decimal point ("1,234.5").
fn number(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').collect();
    let cleaned =
        if cleaned.contains('.') { cleaned.replace(',', "") } else { cleaned.replacen(',', ".", 1) };
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// "Activity Date" in the shapes Strava's locales write (always UTC).
pub fn parse_strava_date(text: &str) -> Option<DateTime<Utc>> {
    // Newer locale data puts a narrow no-break space before AM/PM.
    let normalized: String = text
        .replace(['\u{202f}', '\u{a0}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("Sept ", "Sep ");
    if let Some(stamp) = parse_iso(&normalized) {
        return Some(stamp.utc);
    }
    const FORMATS: [&str; 10] = [
        "%b %d, %Y, %I:%M:%S %p",
        "%b %d, %Y %I:%M:%S %p",
        "%B %d, %Y, %I:%M:%S %p",
        "%d %b %Y, %H:%M:%S",
        "%d %b %Y %H:%M:%S",
        "%d %B %Y, %H:%M:%S",
        "%d %b %Y, %I:%M:%S %p",
        "%d.%m.%Y, %H:%M:%S",
        "%d.%m.%Y %H:%M:%S",
        "%b %d, %Y, %H:%M:%S",
    ];
    FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(&normalized, format).ok())
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_several_locales() {
        let expected = "2024-03-12T18:00:00+00:00";
        for text in [
            "Mar 12, 2024, 6:00:00 PM",
            "Mar 12, 2024, 6:00:00\u{202f}PM",
            "Mar 12, 2024 6:00:00 pm",
            "March 12, 2024, 6:00:00 PM",
            "12 Mar 2024, 18:00:00",
            "12 Sept 2024, 18:00:00",
            "12.03.2024, 18:00:00",
            "2024-03-12T18:00:00Z",
            "2024-03-12 18:00:00",
        ] {
            let parsed = parse_strava_date(text).map(|t| t.to_rfc3339());
            if text.contains("Sept") {
                assert_eq!(parsed.as_deref(), Some("2024-09-12T18:00:00+00:00"), "{text}");
            } else {
                assert_eq!(parsed.as_deref(), Some(expected), "{text}");
            }
        }
        assert_eq!(parse_strava_date("12. März 2024"), None);
        assert_eq!(parse_strava_date(""), None);
    }

    #[test]
    fn numbers_with_commas() {
        assert_eq!(number("10,5"), Some(10.5));
        assert_eq!(number("1,234.5"), Some(1234.5));
        assert_eq!(number(" 42 "), Some(42.0));
        assert_eq!(number("NaN"), None);
        assert_eq!(number("abc"), None);
    }

    #[test]
    fn repeated_columns_prefer_metres_and_bad_rows_stand_alone() {
        let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Max Heart Rate,Filename,Elapsed Time,Moving Time,Distance,Elevation Gain,Max Heart Rate,Average Heart Rate,Perceived Exertion\n\
            123,\"Mar 12, 2024, 6:00:00 PM\",Evening Run,Run,1900,\"10,02\",171,activities/123.fit.gz,1900.0,1800.0,10020.5,55.2,172.0,150.0,7.0\n\
            124,yesterday,Broken,Run,100,1,,,,,,,,,\n\
            125,\"12 Mar 2024, 07:00:00\",Manual,Walk,600,\"1,5\"\n";
        let rows = parse_strava_csv("activities.csv", csv.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(rows.len(), 3);
        let first = rows[0].as_ref().unwrap();
        let a = &first.activity;
        assert_eq!(a.external_id.as_deref(), Some("strava:123"));
        assert_eq!(a.distance_m, Some(10020.5));
        assert_eq!(a.moving_s, 1800);
        assert_eq!(a.elapsed_s, 1900);
        assert_eq!(a.elevation_gain_m, Some(55.2));
        assert_eq!(a.heart_rate, Some(HeartRate { avg: 150, max: 172 }));
        assert_eq!(a.rpe, Some(7));
        assert_eq!(a.name.as_deref(), Some("Evening Run"));
        assert_eq!(first.filename.as_deref(), Some("activities/123.fit.gz"));
        assert!(
            matches!(&rows[1], Err(ImportError::BadRow { row: 3, reason }) if reason.contains("yesterday"))
        );
        let manual = &rows[2].as_ref().unwrap().activity;
        assert_eq!(manual.sport, Sport::Walk);
        // Only the display-unit column is filled: kilometres.
        assert_eq!(manual.distance_m, Some(1500.0));
        assert_eq!(manual.moving_s, 600);
    }

    #[test]
    fn whole_file_problems() {
        let limits = Limits::default();
        assert_eq!(
            parse_strava_csv("a", b"", &limits),
            Err(ImportError::WrongFormat { expected: "Strava activities.csv" })
        );
        assert_eq!(
            parse_strava_csv("a", b"Activity ID,Name\n1,x\n", &limits),
            Err(ImportError::MissingColumn("Activity Date"))
        );
        let many = format!("Activity Date\n{}", "2024-01-01 10:00:00\n".repeat(4));
        let small = Limits { max_csv_rows: 3, ..Limits::default() };
        assert_eq!(
            parse_strava_csv("a", many.as_bytes(), &small),
            Err(ImportError::TooManyRows { limit: 3 })
        );
    }
}
