//! Strava's bulk export: `activities.csv`, one row per activity.
//!
//! Column names repeat: the first "Distance" is in the athlete's display unit (km or
//! miles), a later one in metres; "Elapsed Time", "Max Heart Rate" and others appear
//! twice too. Columns are found by name and, where names repeat, the later (precise,
//! metric) column is preferred. With a single "Distance" column, values of 300 or more
//! are taken as metres and smaller ones as kilometres. The header, the activity types
//! and "Activity Date" are in the account's language (see [`Column`] for the
//! languages read and their sources). "Activity Date" is UTC, written in the export's
//! locale: `Mar 12, 2024, 6:00:00 PM`, `12 Mar 2024, 18:00:00`, `12.03.2024,
//! 18:00:00`, `1 juil. 2026, 03:45:40`, `12 mars 2024 à 18:00:00`, `4 jan 2026,
//! 09:28:00` and ISO 8601 are understood; a row whose date is not is reported on its
//! own, and the other rows are still read. Numbers may have a decimal comma.

use std::borrow::Cow;

use chrono::format::{Item, Parsed, StrftimeItems};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::activity::{Activity, HeartRateAvgMax, Sport, cadence_for, to_u16, to_u32_secs};
use crate::csv_records::Records;
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

/// The columns the import reads, by every name they are known to have: English
/// (Strava's default) and each language Strava localises its export into whose real
/// header we have a source for. A file is in one language; names are matched
/// trimmed, case ignored.
///
/// Every name comes from a real export or from a program that reads real ones
/// (a guessed translation would only look like support):
/// - German: complete headers pasted from real exports in
///   github.com/martin-ueding/geo-activity-playground issues 112, 131, 191, 348, 393
///   (Aktivitäts-ID … Dateiname … Gefühlte Anstrengung), dates `09.12.2022,
///   15:24:49` and a display distance `9,44` in issue 86; "Durchschnittliche HF"
///   from a training log's reader of German exports.
/// - French: a Strava-archive reader ("RunQuest", public code: "activities.csv de
///   l'archive Strava (entêtes FR)") reading ID, date, name, type, Distance,
///   Durée de déplacement, Temps écoulé, Fréquence cardiaque moyenne / max.,
///   Cadence moyenne, Dénivelé positif, dates `1 juil. 2026, 03:45:40` (UTC);
///   a notebook over a French export (Type d'activité, Temps écoulé, Durée de
///   déplacement, Vitesse max., dates split at " à " with `janv.`…`déc.`); an R
///   script over a French export (Nom du fichier).
/// - Dutch: an R dashboard over a Dutch export (every column, in R's `make.names`
///   form: Activiteits.ID, Datum.van.activiteit, Beweegtijd, Afstand.1,
///   Totale.stijging, Gemiddelde.cadans, Max..hartslag.1, Ervaren.inspanning,
///   Bestandsnaam…; dates read as "d b Y H:M:S" in nl_NL); two Python tools that
///   append rows to a Dutch activities.csv "zoals in jouw originele CSV"
///   (Activiteits-ID, Datum van activiteit `4 jan 2026, 09:28:00`, Naam
///   activiteit, Activiteitstype, Verstreken tijd, Afstand `37,97`, Max. hartslag,
///   Gemiddelde hartslag, Totale stijging, Beweegtijd); a Dutch export analyser
///   (months jan feb mrt apr mei jun jul aug sep okt nov dec). "Gemiddelde
///   cadans" and "Ervaren inspanning" are seen only in R's form, where a dot
///   stands for the space every other Dutch header has.
///
/// Not read: Spanish (only "ID de actividad" and dates like `23 jun 2026,
/// 6:14:26` were found, not the date column's name), Italian, Portuguese,
/// Japanese and others (no real header found). Their exports get a clear message
/// naming the column that is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Date,
    Kind,
    Id,
    Name,
    Elapsed,
    Moving,
    Distance,
    Elevation,
    AvgHr,
    MaxHr,
    Cadence,
    Rpe,
    Filename,
}

/// Each column's names: English, German, French, Dutch (see [`Column`] for the
/// sources; `error::STRAVA_LANGUAGES_READ` tells the runner this list). A language
/// without a known name for a column simply lacks it.
const COLUMN_NAMES: [(Column, &[&str]); 13] = [
    (Column::Date, &["Activity Date", "Aktivitätsdatum", "Date de l'activité", "Datum van activiteit"]),
    (Column::Kind, &["Activity Type", "Aktivitätsart", "Type d'activité", "Activiteitstype"]),
    (Column::Id, &["Activity ID", "Aktivitäts-ID", "ID de l'activité", "Activiteits-ID"]),
    (Column::Name, &["Activity Name", "Name der Aktivität", "Nom de l'activité", "Naam activiteit"]),
    (Column::Elapsed, &["Elapsed Time", "Verstrichene Zeit", "Temps écoulé", "Verstreken tijd"]),
    (Column::Moving, &["Moving Time", "Bewegungszeit", "Durée de déplacement", "Beweegtijd"]),
    (Column::Distance, &["Distance", "Distanz", "Afstand"]),
    (Column::Elevation, &["Elevation Gain", "Höhenzunahme", "Dénivelé positif", "Totale stijging"]),
    (
        Column::AvgHr,
        &[
            "Average Heart Rate",
            "Durchschnittliche Herzfrequenz",
            "Durchschnittliche HF",
            "Fréquence cardiaque moyenne",
            "Gemiddelde hartslag",
        ],
    ),
    (Column::MaxHr, &["Max Heart Rate", "Max. Herzfrequenz", "Fréquence cardiaque max.", "Max. hartslag"]),
    (
        Column::Cadence,
        &["Average Cadence", "Durchschnittliche Trittfrequenz", "Cadence moyenne", "Gemiddelde cadans"],
    ),
    (Column::Rpe, &["Perceived Exertion", "Gefühlte Anstrengung", "Ervaren inspanning"]),
    (Column::Filename, &["Filename", "Dateiname", "Nom du fichier", "Bestandsnaam"]),
];

fn names_of(column: Column) -> &'static [&'static str] {
    COLUMN_NAMES.iter().find(|(c, _)| *c == column).map_or(&[], |(_, names)| names)
}

/// The column's English name, the one a runner is shown.
fn english_name(column: Column) -> &'static str {
    names_of(column).first().copied().unwrap_or_default()
}

fn is_named(header: &str, column: Column) -> bool {
    let header = header.trim().trim_matches('"');
    names_of(column).iter().any(|name| header.to_lowercase() == name.to_lowercase())
}

/// Whether a CSV's first line is the header of Strava's activities.csv, in any
/// language known: it has an activity ID and an activity date column.
pub(crate) fn is_activities_header(line: &str) -> bool {
    let fields: Vec<&str> = line.split(',').collect();
    fields.iter().any(|f| is_named(f, Column::Id)) && fields.iter().any(|f| is_named(f, Column::Date))
}

/// Where the columns the import reads are, found once from the header: every index
/// with that name, in order, since names repeat.
struct Columns {
    date: Vec<usize>,
    kind: Vec<usize>,
    id: Vec<usize>,
    name: Vec<usize>,
    elapsed: Vec<usize>,
    moving: Vec<usize>,
    distance: Vec<usize>,
    elevation: Vec<usize>,
    avg_hr: Vec<usize>,
    max_hr: Vec<usize>,
    cadence: Vec<usize>,
    rpe: Vec<usize>,
    filename: Vec<usize>,
}

impl Columns {
    fn from_header(header: &[&str]) -> Self {
        let all = |column: Column| {
            header.iter().enumerate().filter(|(_, n)| is_named(n, column)).map(|(i, _)| i).collect()
        };
        Self {
            date: all(Column::Date),
            kind: all(Column::Kind),
            id: all(Column::Id),
            name: all(Column::Name),
            elapsed: all(Column::Elapsed),
            moving: all(Column::Moving),
            distance: all(Column::Distance),
            elevation: all(Column::Elevation),
            avg_hr: all(Column::AvgHr),
            max_hr: all(Column::MaxHr),
            cadence: all(Column::Cadence),
            rpe: all(Column::Rpe),
            filename: all(Column::Filename),
        }
    }
}

/// Reads activities.csv: the outer `Err` is a problem with the whole file, an inner
/// one a problem with one row.
pub fn parse_strava_csv(
    name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<Result<StravaRow, ImportError>>, ImportError> {
    // Checked for UTF-8 once; bytes that are not are replaced (the slower path).
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    };
    let mut records = Records::new(text.strip_prefix('\u{feff}').unwrap_or(&text));
    if !records.next_record() {
        return Err(ImportError::WrongFormat { expected: "Strava activities.csv" });
    }
    let header_end = records.consumed();
    let names: Vec<&str> = records.fields().map(str::trim).collect();
    let columns = Columns::from_header(&names);
    if columns.date.is_empty() {
        return Err(ImportError::MissingColumn(english_name(Column::Date).to_owned()));
    }

    let mut dates = DateReader::new();
    let mut rows = Vec::new();
    for index in 0usize.. {
        if !records.next_record() {
            break;
        }
        if index >= limits.max_csv_rows {
            return Err(ImportError::TooManyRows { limit: limits.max_csv_rows });
        }
        if records.fields().all(|f| f.trim_ascii().is_empty()) {
            continue;
        }
        if index == 0 {
            // Room for as many more rows as are like this one: no copying as it grows.
            // (A freak short first row must not reserve for millions: no real row is
            // under 64 bytes.)
            let per_row = records.consumed().saturating_sub(header_end).max(64);
            rows.reserve((text.len() / per_row).min(limits.max_csv_rows));
        }
        // Row 1 is the header.
        let row_number = u64::try_from(index).unwrap_or(u64::MAX).saturating_add(2);
        rows.push(
            row(name, &columns, &records, &mut dates)
                .map_err(|reason| ImportError::BadRow { row: row_number, reason }),
        );
    }
    Ok(rows)
}

fn row(
    source: &str,
    columns: &Columns,
    record: &Records<'_>,
    dates: &mut DateReader,
) -> Result<StravaRow, String> {
    let text = |i: &usize| record.field(*i).map(str::trim_ascii).filter(|f| !f.is_empty());
    let first = |at: &[usize]| at.iter().find_map(text);
    let last_number = |at: &[usize]| at.iter().rev().filter_map(text).find_map(number);
    let first_number = |at: &[usize]| at.iter().filter_map(text).find_map(number);

    let date_text = first(&columns.date).ok_or("no date")?;
    let start = dates.read(date_text).ok_or_else(|| format!("unreadable date \"{date_text}\""))?;
    let sport = first(&columns.kind).map_or(Sport::Unknown, Sport::from_name);
    let mut activity = Activity::new(source, sport, start);
    activity.external_id = first(&columns.id)
        .filter(|id| id.bytes().all(|b| b.is_ascii_digit()))
        .map(|id| ["strava:", id].concat());
    activity.name = first(&columns.name).map(str::to_owned);

    let elapsed = first_number(&columns.elapsed);
    let moving = last_number(&columns.moving).or(elapsed);
    activity.elapsed_s = to_u32_secs(elapsed.or(moving).unwrap_or(0.0));
    activity.moving_s = to_u32_secs(moving.unwrap_or(0.0));

    activity.distance_m = match columns.distance.as_slice() {
        [] => None,
        [only] => text(only).and_then(number).map(|d| if d >= 300.0 { d } else { d * 1000.0 }),
        [display, .., metres] => {
            text(metres).and_then(number).or_else(|| text(display).and_then(number).map(|km| km * 1000.0))
        }
    }
    .filter(|d| *d >= 0.0);
    activity.elevation_gain_m = last_number(&columns.elevation).filter(|e| *e >= 0.0);
    let avg_hr = last_number(&columns.avg_hr).and_then(to_u16).filter(|&hr| hr > 0);
    let max_hr = last_number(&columns.max_hr).and_then(to_u16);
    activity.heart_rate = avg_hr.map(|avg| HeartRateAvgMax { avg, max: max_hr.unwrap_or(avg).max(avg) });
    activity.cadence_avg = last_number(&columns.cadence).and_then(|c| cadence_for(&activity.sport, c));
    activity.rpe = first_number(&columns.rpe)
        .filter(|v| (0.0..=10.0).contains(v))
        .and_then(to_u16)
        .and_then(|v| u8::try_from(v).ok());
    let filename = first(&columns.filename).map(str::to_owned);
    Ok(StravaRow { activity, filename })
}

/// A number as Strava writes it, tolerating a decimal comma ("10,5") and thousands
/// separators next to a decimal point ("1,234.5").
fn number(text: &str) -> Option<f64> {
    // Most values are plain decimals ("1799.0"): no copy, and mostly no general parse.
    if let Some(v) = plain_decimal(text) {
        return Some(v);
    }
    if let Ok(v) = text.parse::<f64>() {
        return v.is_finite().then_some(v);
    }
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').collect();
    let cleaned =
        if cleaned.contains('.') { cleaned.replace(',', "") } else { cleaned.replacen(',', ".", 1) };
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Digits with at most one '.', fifteen digits at most, read exactly: both the digits
/// as an integer and the power of ten are exact in an `f64`, so the one division is
/// correctly rounded (Clinger's fast path, as `str::parse` takes it too, without its
/// general machinery). `None` for anything else.
fn plain_decimal(text: &str) -> Option<f64> {
    const POWERS: [f64; 16] =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    let (mut mantissa, mut digits, mut fraction) = (0u64, 0usize, None::<usize>);
    for &b in text.as_bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
                if let Some(f) = fraction.as_mut() {
                    *f += 1;
                }
            }
            b'.' if fraction.is_none() => fraction = Some(0),
            _ => return None,
        }
        if digits > 15 {
            return None;
        }
    }
    if digits == 0 {
        return None;
    }
    #[allow(clippy::cast_precision_loss)] // below 10^15 < 2^53: exact
    let whole = mantissa as f64;
    Some(whole / POWERS.get(fraction.unwrap_or(0))?)
}

/// The shapes Strava's locales write "Activity Date" in that the direct readers
/// ([`us_english`], [`day_month_year`]) leave to chrono, besides ISO 8601.
const DATE_FORMATS: [&str; 7] = [
    "%b %d, %Y, %I:%M:%S %p",
    "%b %d, %Y %I:%M:%S %p",
    "%B %d, %Y, %I:%M:%S %p",
    "%d %b %Y, %I:%M:%S %p",
    "%d.%m.%Y, %H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
    "%b %d, %Y, %H:%M:%S",
];

/// Reads "Activity Date" values (always UTC). The most common shapes are read
/// directly; for the rest the formats are compiled once, and the one that read the
/// last date is tried first: a file is in one locale, so a row costs one parse, not
/// up to seven.
struct DateReader {
    formats: Vec<Vec<Item<'static>>>,
    last: usize,
}

impl DateReader {
    fn new() -> Self {
        let formats = DATE_FORMATS.iter().filter_map(|f| StrftimeItems::new(f).parse().ok()).collect();
        Self { formats, last: 0 }
    }

    fn read(&mut self, text: &str) -> Option<DateTime<Utc>> {
        let normalized = normalize_date(text);
        if normalized.as_bytes().get(4) == Some(&b'-')
            && let Some(stamp) = parse_iso(&normalized)
        {
            return Some(stamp.utc);
        }
        if let Some(t) = us_english(&normalized).or_else(|| day_month_year(&normalized)) {
            return Some(t.and_utc());
        }
        let count = self.formats.len();
        let (i, t) = (0..count).map(|k| (self.last + k) % count).find_map(|i| {
            let items = self.formats.get(i)?;
            let mut parsed = Parsed::new();
            chrono::format::parse(&mut parsed, &normalized, items.iter()).ok()?;
            Some((i, parsed.to_naive_datetime_with_offset(0).ok()?))
        })?;
        self.last = i;
        Some(t.and_utc())
    }
}

/// Strava's default shape, "Mar 12, 2024, 6:00:00 PM" (`%b %d, %Y, %I:%M:%S %p`), read
/// directly off the bytes: most exports are in it, and a general parser costs several
/// times more per row.
fn us_english(text: &str) -> Option<NaiveDateTime> {
    let mut rest = text.as_bytes();
    let month = month_number(rest.get(..3)?)?;
    rest = rest.get(3..)?.strip_prefix(b" ")?;
    let day = field(&mut rest, b", ")?;
    let year = field(&mut rest, b", ")?;
    let hour12 = field(&mut rest, b":").filter(|h| (1..=12).contains(h))?;
    let minute = field(&mut rest, b":")?;
    let second = field(&mut rest, b" ")?;
    let hour = if rest.eq_ignore_ascii_case(b"AM") {
        hour12 % 12
    } else if rest.eq_ignore_ascii_case(b"PM") {
        hour12 % 12 + 12
    } else {
        return None;
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    date.and_hms_opt(hour, minute, second)
}

/// `12 Mar 2024, 18:00:00` (English, UK) and the shapes Strava's other locales write
/// the same way: `1 juil. 2026, 03:45:40` and `12 mars 2024 à 18:00:00` (French),
/// `4 jan 2026, 09:28:00` (Dutch). Day, month name ([`MONTH_NAMES`], a trailing '.'
/// allowed), year, then a 24-hour time after ", ", " à " or " ". Read directly off
/// the bytes, as [`us_english`]; a 12-hour time is left to the general formats.
fn day_month_year(text: &str) -> Option<NaiveDateTime> {
    let mut rest = text.as_bytes();
    let day = field(&mut rest, b" ")?;
    let (word, after) = rest.split_at_checked(rest.iter().position(|&b| b == b' ')?)?;
    let month = month_by_name(word.strip_suffix(b".").unwrap_or(word))?;
    rest = after.strip_prefix(b" ")?;
    let year = digits(&mut rest)?;
    rest = [b", ".as_slice(), " à ".as_bytes(), b" "].iter().find_map(|sep| rest.strip_prefix(*sep))?;
    let hour = field(&mut rest, b":")?;
    let minute = field(&mut rest, b":")?;
    let second = digits(&mut rest).filter(|_| rest.is_empty())?;
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    date.and_hms_opt(hour, minute, second)
}

/// Month names as Strava's locales write them in "Activity Date", lower case and
/// without a trailing '.': English (`%b`, `%B`, and `Sept`), French (`janv.` …
/// `déc.`, as the French readers in [`Column`]'s sources list them), Dutch (`mrt`,
/// `mei`, `okt`…, and the full names the Dutch analyser also accepts).
const MONTH_NAMES: [(&str, u32); 43] = [
    // English; Dutch shares jan feb apr jun jul aug sep nov dec and the full april,
    // september, november, december; French shares sept, oct, nov.
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("sept", 9),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    // French
    ("janv", 1),
    ("févr", 2),
    ("mars", 3),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juil", 7),
    ("août", 8),
    ("déc", 12),
    // Dutch
    ("mrt", 3),
    ("mei", 5),
    ("okt", 10),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("juni", 6),
    ("juli", 7),
    ("augustus", 8),
    ("oktober", 10),
];

/// A month by its name in [`MONTH_NAMES`], ASCII case ignored.
fn month_by_name(word: &[u8]) -> Option<u32> {
    MONTH_NAMES.iter().find(|(name, _)| name.as_bytes().eq_ignore_ascii_case(word)).map(|&(_, month)| month)
}

/// One to four digits at the start of `rest`; moves `rest` past them.
fn digits(rest: &mut &[u8]) -> Option<u32> {
    let count = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=4).contains(&count) {
        return None;
    }
    let (number, after) = rest.split_at_checked(count)?;
    *rest = after;
    Some(number.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
}

/// One to four digits at the start of `rest`, then `end`; moves `rest` past both.
fn field(rest: &mut &[u8], end: &[u8]) -> Option<u32> {
    let number = digits(rest)?;
    *rest = rest.strip_prefix(end)?;
    Some(number)
}

/// "Jan" is 1, in any case. Compared as 3-byte arrays: string comparisons one by
/// one cost more than the rest of the date.
fn month_number(name: &[u8]) -> Option<u32> {
    const MONTHS: [[u8; 3]; 12] = [
        *b"jan", *b"feb", *b"mar", *b"apr", *b"may", *b"jun", *b"jul", *b"aug", *b"sep", *b"oct", *b"nov",
        *b"dec",
    ];
    let name: [u8; 3] = name.try_into().ok()?;
    let name = name.map(|b| b.to_ascii_lowercase());
    let index = MONTHS.iter().position(|m| *m == name)?;
    u32::try_from(index + 1).ok()
}

/// Newer locale data puts a narrow no-break space before AM/PM, and some locales
/// write "Sept": both become what the formats expect.
fn normalize_date(text: &str) -> Cow<'_, str> {
    // One pass, comparing no slices: this runs once per row. Letters beyond ASCII
    // ("févr.", "août", " à ") are plain; only whitespace other than single spaces
    // needs the copy.
    let mut previous = 'x';
    let plain = text.chars().all(|c| {
        let ok = if c == ' ' { previous != ' ' } else { !c.is_whitespace() && !c.is_control() };
        previous = c;
        ok
    }) && !text.as_bytes().windows(4).any(|w| matches!(w, [b'S', b'e', b'p', b't']));
    if plain {
        return Cow::Borrowed(text.trim());
    }
    Cow::Owned(
        text.replace(['\u{202f}', '\u{a0}'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace("Sept ", "Sep "),
    )
}

/// "Activity Date" in the shapes Strava's locales write (always UTC).
pub fn parse_strava_date(text: &str) -> Option<DateTime<Utc>> {
    DateReader::new().read(text)
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
            // French, both shapes its readers take; Dutch.
            "12 mars 2024, 18:00:00",
            "12 mars 2024 à 18:00:00",
            "12\u{a0}mars 2024 à 18:00:00",
            "12 mrt 2024, 18:00:00",
            "12 maart 2024, 18:00:00",
        ] {
            let parsed = parse_strava_date(text).map(|t| t.to_rfc3339());
            if text.contains("Sept") {
                assert_eq!(parsed.as_deref(), Some("2024-09-12T18:00:00+00:00"), "{text}");
            } else {
                assert_eq!(parsed.as_deref(), Some(expected), "{text}");
            }
        }
        // As the French and Dutch sources show them.
        for (text, expected) in [
            ("1 juil. 2026, 03:45:40", "2026-07-01T03:45:40+00:00"),
            ("9 févr. 2025, 07:05:00", "2025-02-09T07:05:00+00:00"),
            ("15 août 2024, 18:05:30", "2024-08-15T18:05:30+00:00"),
            ("3 déc. 2023, 6:00:00", "2023-12-03T06:00:00+00:00"),
            ("4 jan 2026, 09:28:00", "2026-01-04T09:28:00+00:00"),
            ("31 okt 2025, 17:00:00", "2025-10-31T17:00:00+00:00"),
            ("2 mei 2025, 07:30:00", "2025-05-02T07:30:00+00:00"),
        ] {
            assert_eq!(parse_strava_date(text).map(|t| t.to_rfc3339()).as_deref(), Some(expected), "{text}");
        }
        for text in
            ["12. März 2024", "", "12 foo 2024, 18:00:00", "31 févr. 2024, 18:00:00", "12 mars 2024 18h00"]
        {
            assert_eq!(parse_strava_date(text), None, "{text}");
        }
    }

    /// Dates in plain shapes, localised letters included, are read without a copy;
    /// odd whitespace is normalised.
    #[test]
    fn only_odd_whitespace_costs_a_copy() {
        for text in [
            "Mar 12, 2024, 6:00:00 PM",
            "1 juil. 2026, 03:45:40",
            "12 mars 2024 à 18:00:00",
            "4 mrt 2026, 09:28:00",
        ] {
            assert!(matches!(normalize_date(text), Cow::Borrowed(t) if t == text), "{text}");
        }
        for (text, normal) in [
            ("Mar 12, 2024, 6:00:00\u{202f}PM", "Mar 12, 2024, 6:00:00 PM"),
            ("12\u{a0}mars 2024 à 18:00:00", "12 mars 2024 à 18:00:00"),
            ("12  Mar 2024,\t18:00:00", "12 Mar 2024, 18:00:00"),
            ("12 Sept 2024, 18:00:00", "12 Sep 2024, 18:00:00"),
        ] {
            assert!(matches!(normalize_date(text), Cow::Owned(t) if t == normal), "{text}");
        }
    }

    /// The direct reader of `12 Mar 2024, 18:00:00` and its localised shapes reads
    /// what chrono's general parser reads, once the month is in English.
    #[test]
    fn the_day_month_year_shape_reads_as_the_general_parser_does() {
        // What the formats this reader replaced read.
        let general = |text: &str| {
            chrono_reads(&["%d %b %Y, %H:%M:%S", "%d %b %Y %H:%M:%S", "%d %B %Y, %H:%M:%S"], text)
        };
        for text in [
            "12 Mar 2024, 18:00:00",
            "12 Mar 2024 18:00:00",
            "1 Jan 2024, 0:00:00",
            "31 Dec 2023, 23:59:59",
            "29 Feb 2024, 11:05:09",
            "29 Feb 2023, 11:05:09",
            "12 Mar 2024, 24:00:00",
            "12 Mar 2024, 18:60:00",
            "12 Mar 2024, 18:00",
            "12 Mar 2024, 18:00:00 PM",
            "0 Mar 2024, 18:00:00",
            "12 Foo 2024, 18:00:00",
            "12 March 2024, 18:00:00",
            "12 mar 2024, 18:00:00",
        ] {
            assert_eq!(day_month_year(text), general(text), "{text}");
        }
        let english = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let french = [
            "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
        ];
        let dutch = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
        for (i, name) in english.iter().enumerate() {
            let expected = general(&format!("28 {name} 2024, 06:07:08"));
            assert!(expected.is_some());
            for local in [french[i], dutch[i]] {
                assert_eq!(day_month_year(&format!("28 {local} 2024, 06:07:08")), expected, "{local}");
                assert_eq!(day_month_year(&format!("28 {local} 2024 à 06:07:08")), expected, "{local}");
            }
        }
    }

    /// Each language's names find every column in a header of that language alone:
    /// no name of one language is another's, so a file is read in one.
    #[test]
    fn each_language_names_its_columns() {
        let german = "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Verstrichene Zeit,Distanz,Max. Herzfrequenz,Dateiname,Verstrichene Zeit,Bewegungszeit,Distanz,Höhenzunahme,Max. Herzfrequenz,Durchschnittliche Herzfrequenz,Durchschnittliche Trittfrequenz,Gefühlte Anstrengung";
        let french = "ID de l'activité,Date de l'activité,Nom de l'activité,Type d'activité,Temps écoulé,Distance,Fréquence cardiaque max.,Nom du fichier,Temps écoulé,Durée de déplacement,Distance,Dénivelé positif,Fréquence cardiaque max.,Fréquence cardiaque moyenne,Cadence moyenne";
        let dutch = "Activiteits-ID,Datum van activiteit,Naam activiteit,Activiteitstype,Verstreken tijd,Afstand,Max. hartslag,Bestandsnaam,Verstreken tijd,Beweegtijd,Afstand,Totale stijging,Max. hartslag,Gemiddelde hartslag,Gemiddelde cadans,Ervaren inspanning";
        for header in [german, french, dutch] {
            assert!(is_activities_header(header), "{header}");
            let names: Vec<&str> = header.split(',').collect();
            let columns = Columns::from_header(&names);
            let found = |at: &[usize]| at.to_vec();
            assert_eq!(found(&columns.id), [0]);
            assert_eq!(found(&columns.date), [1]);
            assert_eq!(found(&columns.name), [2]);
            assert_eq!(found(&columns.kind), [3]);
            assert_eq!(found(&columns.elapsed), [4, 8]);
            assert_eq!(found(&columns.distance), [5, 10]);
            assert_eq!(found(&columns.max_hr), [6, 12]);
            assert_eq!(found(&columns.filename), [7]);
            assert_eq!(found(&columns.moving), [9]);
            assert_eq!(found(&columns.elevation), [11]);
            assert_eq!(found(&columns.avg_hr), [13]);
            assert_eq!(found(&columns.cadence), [14]);
            // French: no name for "Perceived Exertion" is known.
            assert_eq!(columns.rpe.len(), usize::from(header != french), "{header}");
        }
        assert!(!is_activities_header("ID de actividad,Fecha,Nombre"));
    }

    /// What chrono's general parser reads of `text` in the first of `formats` that fits.
    fn chrono_reads(formats: &[&str], text: &str) -> Option<NaiveDateTime> {
        formats.iter().find_map(|format| {
            let items = StrftimeItems::new(format).parse().unwrap();
            let mut parsed = Parsed::new();
            chrono::format::parse(&mut parsed, text, items.iter()).ok()?;
            parsed.to_naive_datetime_with_offset(0).ok()
        })
    }

    #[test]
    fn the_default_shape_reads_as_the_general_parser_does() {
        let general = |text: &str| chrono_reads(&DATE_FORMATS[..1], text);
        for text in [
            "Mar 12, 2024, 6:00:00 PM",
            "Jan 1, 2024, 12:00:00 AM",
            "Dec 31, 2023, 12:59:59 PM",
            "Feb 29, 2024, 11:05:09 am",
            "Feb 30, 2024, 1:00:00 PM",
            "Mar 12, 2024, 13:00:00 PM",
            "Mar 12, 2024, 0:00:00 AM",
            "Mar 12, 2024, 6:00 PM",
            "Mar 12, 2024, 6:00:00:00 PM",
            "Mar 12, 2024, 6:00:00 XM",
            "Foo 12, 2024, 6:00:00 PM",
            "Mar -1, 2024, 6:00:00 PM",
        ] {
            assert_eq!(us_english(text), general(text), "{text}");
        }
        assert!(us_english("Mar 12, 2024, 6:00:00 PM").is_some());
    }

    #[test]
    fn plain_decimals_read_exactly_as_the_general_parser_does() {
        for text in [
            "0",
            "1799",
            "1799.0",
            "6663.0",
            "0.1",
            "10.02",
            ".5",
            "5.",
            "123456789012345",
            "0.00000000000001",
        ] {
            assert_eq!(plain_decimal(text), text.parse::<f64>().ok(), "{text}");
        }
        for text in ["", ".", "1.2.3", "-1", "1e5", "1234567890123456", "1 2", "١"] {
            assert_eq!(plain_decimal(text), None, "{text}");
        }
    }

    proptest::proptest! {
        /// Whatever the fast path reads, it reads to the same bits as `str::parse`.
        #[test]
        fn the_fast_path_agrees_with_the_general_parser(text in "[0-9]{0,9}[.]?[0-9]{0,9}") {
            if let Some(fast) = plain_decimal(&text) {
                proptest::prop_assert_eq!(Some(fast.to_bits()), text.parse::<f64>().ok().map(f64::to_bits));
            }
        }
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
        assert_eq!(a.heart_rate, Some(HeartRateAvgMax { avg: 150, max: 172 }));
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
            Err(ImportError::MissingColumn("Activity Date".into()))
        );
        let many = format!("Activity Date\n{}", "2024-01-01 10:00:00\n".repeat(4));
        let small = Limits { max_csv_rows: 3, ..Limits::default() };
        assert_eq!(
            parse_strava_csv("a", many.as_bytes(), &small),
            Err(ImportError::TooManyRows { limit: 3 })
        );
    }
}
