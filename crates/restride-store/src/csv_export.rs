//! Runs as CSV for spreadsheets: RFC 4180 (quoted where needed, CRLF line ends), a
//! header row, then one row per run. A one-way export: backups are the JSON file.

use restride_core::units::{distance_input_value, format_pace};
use restride_core::{Completion, DistanceUnit, Run, Source};

pub fn export_runs_csv(runs: &[Run], unit: DistanceUnit) -> String {
    let u = unit.label();
    let header = [
        "date",
        "start time",
        "UTC offset",
        "type",
        "moving time",
        "moving seconds",
        &format!("distance ({u})"),
        &format!("pace (min/{u})"),
        "RPE",
        "feel (1-5)",
        "finished",
        "route",
        "with",
        "notes",
        "source",
        "avg HR",
        "max HR",
        "elevation gain (m)",
        "id",
    ]
    .map(str::to_string);
    let mut out = String::new();
    push_row(&mut out, &header);
    for run in runs {
        push_row(&mut out, &row(run, unit));
    }
    out
}

fn row(run: &Run, unit: DistanceUnit) -> [String; 19] {
    let pace_suffix = format!(" /{}", unit.label());
    [
        run.start.format("%Y-%m-%d").to_string(),
        run.start.format("%H:%M").to_string(),
        // "UTC" first: a bare "+01:00" reads as a formula to a spreadsheet.
        run.start.format("UTC%:z").to_string(),
        run.kind.label().to_string(),
        hours_minutes_seconds(run.moving_s),
        run.moving_s.to_string(),
        run.distance_m.map(|d| distance_input_value(d, unit)).unwrap_or_default(),
        run.pace_s_per_km()
            .and_then(|p| format_pace(p, unit).strip_suffix(&pace_suffix).map(str::to_string))
            .unwrap_or_default(),
        run.rpe.map(|r| r.value().to_string()).unwrap_or_default(),
        run.feel.map(|f| f.value().to_string()).unwrap_or_default(),
        match run.completion {
            Completion::AsPlanned => "as planned",
            Completion::CutShort => "cut short",
        }
        .to_string(),
        run.route.clone(),
        run.company.clone().unwrap_or_default(),
        run.notes.clone(),
        match &run.source {
            Source::Manual => "manual".to_string(),
            Source::Imported(file) => format!("imported: {file}"),
        },
        run.heart_rate.map(|h| h.average.to_string()).unwrap_or_default(),
        run.heart_rate.map(|h| h.max.to_string()).unwrap_or_default(),
        run.elevation_gain_m.map(|e| e.to_string()).unwrap_or_default(),
        run.id.to_string(),
    ]
}

/// Always with hours, unlike the app's "45:30": a spreadsheet reads "45:30" as
/// 45 hours and 30 minutes.
fn hours_minutes_seconds(seconds: u32) -> String {
    format!("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

fn push_row(out: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, cell);
    }
    out.push_str("\r\n");
}

fn push_cell(out: &mut String, cell: &str) {
    // A cell that starts like a formula runs as one when the file is opened (CSV
    // injection from a note or an imported file's name); an apostrophe keeps it text.
    let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&cell);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::tests::run;
    use restride_core::{HeartRate, RunType};

    #[test]
    fn header_and_a_row_in_kilometres() {
        let mut r = run(1, "2026-11-25T07:05:00+01:00");
        r.moving_s = 1650;
        r.heart_rate = Some(HeartRate { average: 150, max: 172 });
        r.elevation_gain_m = Some(42.5);
        r.route = "Park loop".into();
        let csv = export_runs_csv(&[r.clone()], DistanceUnit::Km);
        let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
        assert_eq!(
            lines[0],
            "date,start time,UTC offset,type,moving time,moving seconds,distance (km),pace (min/km),RPE,feel (1-5),finished,route,with,notes,source,avg HR,max HR,elevation gain (m),id"
        );
        assert_eq!(
            lines[1],
            format!(
                "2026-11-25,07:05,UTC+01:00,Easy,0:27:30,1650,5,5:30,3,4,as planned,Park loop,,,manual,150,172,42.5,{}",
                r.id
            )
        );
        assert_eq!(lines.len(), 2);
        assert!(csv.ends_with("\r\n") && !csv.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn miles_convert_distance_and_pace_and_say_so() {
        let mut r = run(1, "2026-11-25T07:05:00-05:00");
        r.moving_s = 1650;
        r.completion = Completion::CutShort;
        r.source = Source::Imported("watch.fit".into());
        let csv = export_runs_csv(&[r], DistanceUnit::Mi);
        assert!(csv.contains("distance (mi),pace (min/mi)"));
        assert!(
            csv.contains(",UTC-05:00,Easy,0:27:30,1650,3.107,8:51,3,4,cut short,,,,imported: watch.fit,")
        );
    }

    #[test]
    fn cross_training_without_distance_leaves_the_cells_empty() {
        let mut r = run(1, "2026-11-25T18:00:00+00:00");
        r.kind = RunType::Cross;
        r.distance_m = None;
        r.moving_s = 3 * 3600 + 5;
        let csv = export_runs_csv(&[r], DistanceUnit::Km);
        assert!(csv.contains(",UTC+00:00,Strength / cross,3:00:05,10805,,,3,"), "{csv}");
    }

    #[test]
    fn text_is_quoted_per_rfc_4180() {
        let mut r = run(1, "2026-11-25T07:05:00+01:00");
        r.notes = "felt \"great\", then\nthe hill".into();
        r.company = Some("Ana, Bo".into());
        let csv = export_runs_csv(&[r], DistanceUnit::Km);
        assert!(csv.contains(",\"Ana, Bo\",\"felt \"\"great\"\", then\nthe hill\",manual,"), "{csv}");
    }

    #[test]
    fn cells_that_would_run_as_formulas_are_kept_text() {
        for (typed, cell) in [
            ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
            ("+1", "'+1"),
            ("-2 km warm-up", "'-2 km warm-up"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("\rcmd", "\"'\rcmd\""),
            ("a = b", "a = b"),
        ] {
            let mut r = run(1, "2026-11-25T07:05:00+01:00");
            r.route = typed.into();
            let csv = export_runs_csv(&[r], DistanceUnit::Km);
            assert!(csv.contains(&format!(",as planned,{cell},,,manual,")), "{typed:?} -> {csv}");
        }
    }

    #[test]
    fn no_runs_is_just_the_header() {
        assert_eq!(export_runs_csv(&[], DistanceUnit::Km).matches("\r\n").count(), 1);
    }
}
