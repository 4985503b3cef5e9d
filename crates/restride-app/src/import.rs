//! Activities imported from a watch or Strava: the import worker's summary made
//! into runs and saved in one all-or-nothing write. In two steps: made into runs
//! and merged ([`App::prepare_import`]) before this tab takes the storage lock,
//! and written ([`App::commit_import`]) under it, merged again if another tab
//! wrote meanwhile.

use restride_core::Run;
use restride_import::{ImportSummary, RunOptions, to_runs};
use restride_store::{KeyValue, MergeCounts, Prepared, SaveError};

use crate::outcome::Outcome;
use crate::{App, Device};

/// What an import brought in, for the runner.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// Runs saved (none when the save failed).
    pub saved: usize,
    /// Of those, cross-training.
    pub cross_training: usize,
    /// Already here, or in the import twice.
    pub duplicates: usize,
    /// "name: why" for each activity or file passed over.
    pub skipped: Vec<String>,
    /// "name: why" for each file or entry that could not be read.
    pub failed: Vec<String>,
}

/// An import made into runs and merged with storage as it was, waiting to be
/// written ([`App::commit_import`]).
#[derive(Debug)]
pub struct PreparedImport {
    imported: Imported,
    runs: Vec<Run>,
    cross_training: usize,
    prepared: Result<Prepared<MergeCounts>, SaveError>,
}

impl<B: KeyValue, D: Device> App<B, D> {
    /// Makes runs of the worker's `summary` (rides, swims and the like as
    /// cross-training when `keep_cross_training`, else passed over) and works out
    /// how they merge into what is stored, writing nothing.
    pub fn prepare_import(&self, summary: ImportSummary, keep_cross_training: bool) -> PreparedImport {
        let options = RunOptions { keep_cross_training };
        let now = self.device.now();
        let device = &self.device;
        let converted = to_runs(
            summary.activities,
            &self.model.stored.runs,
            &options,
            &|instant| device.offset_at(instant),
            &mut |at| device.new_run_id(at),
            now,
        );
        let mut skipped = summary.skipped;
        skipped.extend(converted.skipped);
        let imported = Imported {
            saved: 0,
            cross_training: 0,
            duplicates: summary.duplicates,
            skipped,
            failed: summary.failed,
        };
        let prepared = self.store.prepare_save_runs(&converted.runs);
        PreparedImport { imported, runs: converted.runs, cross_training: converted.cross_training, prepared }
    }

    /// Saves a prepared import, all or none (merged again first if another tab
    /// wrote meanwhile, so its runs are kept). The outcome's error says why none
    /// were saved.
    pub fn commit_import(&mut self, import: PreparedImport) -> (Imported, Outcome) {
        let PreparedImport { mut imported, runs, cross_training, prepared } = import;
        if runs.is_empty() {
            return (imported, Outcome::default());
        }
        let committed =
            prepared.and_then(|p| self.store.commit_or_merge_again(p, |s| s.prepare_save_runs(&runs)));
        match committed {
            Err(e) => (imported, Outcome::failed(format!("Nothing was saved: {e}"))),
            Ok(done) => {
                imported.saved = runs.len();
                imported.cross_training = cross_training;
                // Merged into the stored months: the model reads them back.
                (imported, self.reread_keys(&done.written, "The runs are imported"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use restride_core::{RunType, Source};
    use restride_import::{Activity, Sport};
    use restride_store::MemoryBackend;

    use super::*;
    use crate::Changed;
    use crate::testing::{app, app_on};

    fn activity(source: &str, sport: Sport, start: &str, minutes: u32) -> Activity {
        Activity {
            source: source.into(),
            external_id: None,
            sport,
            start_utc: DateTime::parse_from_rfc3339(start).unwrap().with_timezone(&Utc),
            utc_offset: None,
            moving_s: minutes * 60,
            elapsed_s: minutes * 60,
            distance_m: Some(f64::from(minutes) * 180.0),
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

    fn summary() -> ImportSummary {
        ImportSummary {
            activities: vec![
                activity("morning.gpx", Sport::Run, "2026-11-20T06:30:00Z", 40),
                activity("ride.fit", Sport::Ride, "2026-11-21T09:00:00Z", 90),
            ],
            duplicates: 2,
            failed: vec!["broken.fit: not a FIT file".into()],
            skipped: vec!["notes.txt: not an activity file".into()],
        }
    }

    #[test]
    fn a_summary_becomes_runs_saved_together() {
        let mut a = app();
        let (imported, o) = a.import(summary(), true);
        assert_eq!(
            imported,
            Imported {
                saved: 2,
                cross_training: 1,
                duplicates: 2,
                skipped: vec!["notes.txt: not an activity file".into()],
                failed: vec!["broken.fit: not a FIT file".into()],
            }
        );
        assert!(o.messages.is_empty());
        // Only the months written are read back.
        assert_eq!(o.changed, Changed { runs: true, ..Changed::default() });
        let kinds: Vec<RunType> = a.model.stored.runs.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [RunType::Cross, RunType::Easy]);
        // Shown in the device's zone (the files didn't say), with the device's ids.
        assert_eq!(a.model.stored.runs[1].start.to_rfc3339(), "2026-11-20T07:30:00+01:00");
        assert_eq!(a.model.stored.runs[1].source, Source::Imported("morning.gpx".into()));
        assert_eq!(a.store.load().unwrap().runs, a.model.stored.runs);
    }

    #[test]
    fn cross_training_can_be_passed_over() {
        let mut a = app();
        let (imported, _) = a.import(summary(), false);
        assert_eq!((imported.saved, imported.cross_training), (1, 0));
        assert_eq!(imported.skipped.last().map(String::as_str), Some("ride.fit: a ride skipped, as chosen"));
        assert_eq!(a.model.stored.runs.len(), 1);
    }

    #[test]
    fn nothing_to_save_or_a_failed_save_changes_nothing() {
        let mut a = app();
        let (imported, o) = a.import(ImportSummary { duplicates: 3, ..ImportSummary::default() }, true);
        assert_eq!((imported.saved, imported.duplicates), (0, 3));
        assert_eq!(o, Outcome::default());
        let mut a = app_on(MemoryBackend::with_quota(400));
        let (imported, o) = a.import(summary(), true);
        assert_eq!((imported.saved, imported.cross_training), (0, 0));
        assert!(o.errors().next().unwrap().starts_with("Nothing was saved: Storage is full"), "{o:?}");
        assert!(a.model.stored.runs.is_empty());
        assert!(a.store.backend().snapshot().is_empty());
    }
}
