//! The runner's data in and out: the backup file and its restore (merged, all or
//! nothing), runs as CSV, and data that couldn't be read (downloaded, discarded).

use restride_store::{KeyValue, MergeCounts, RestoreReport, export_backup, export_runs_csv, parse_backup};

use crate::outcome::{Changed, Message, Outcome};
use crate::{App, Device};

/// A file for the runner to download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub filename: String,
    pub mime: &'static str,
    pub contents: String,
}

fn counts(what: &str, c: &MergeCounts) -> String {
    format!("{what}: {} new, {} updated, {} already here.", c.added, c.updated, c.unchanged)
}

fn describe(report: &RestoreReport) -> String {
    let settings = if report.settings_applied {
        "Settings taken from the backup."
    } else {
        "This device kept its own settings."
    };
    format!(
        "Backup imported. {} {} {settings}",
        counts("Runs", &report.runs),
        counts("Check-ins", &report.wellness)
    )
}

impl<B: KeyValue, D: Device> App<B, D> {
    fn file_date(&self) -> String {
        self.device.now_local().format("%Y-%m-%d").to_string()
    }

    /// Everything, as one versioned backup file (docs/backup-format.md).
    pub fn backup(&self) -> Export {
        let m = &self.model.stored;
        Export {
            filename: format!("restride-backup-{}.json", self.file_date()),
            mime: "application/json",
            contents: export_backup(m, self.device.now()),
        }
    }

    /// The runs as CSV, for spreadsheets.
    pub fn runs_csv(&self) -> Export {
        Export {
            filename: format!("restride-runs-{}.csv", self.file_date()),
            mime: "text/csv",
            contents: export_runs_csv(&self.model.stored.runs, self.model.stored.settings.unit),
        }
    }

    /// Merges the backup file `name` (its text) into what is stored: all of it,
    /// or (refused or failed) none, and says which.
    pub fn restore_backup(&mut self, name: &str, text: &str) -> Outcome {
        let restored = parse_backup(text)
            .map_err(|e| e.to_string())
            .and_then(|backup| self.store.restore_backup(&backup).map_err(|e| e.to_string()));
        match restored {
            Ok(report) => {
                let mut outcome = self.reread("The backup is imported");
                outcome.messages.insert(0, Message::ok(describe(&report)));
                outcome
            }
            Err(e) => Outcome::failed(format!("{name} wasn't imported: {e} Nothing was changed.")),
        }
    }

    /// Reads storage back after a merge wrote to it; `done` says what was saved if
    /// reading it back fails.
    pub(crate) fn reread(&mut self, done: &str) -> Outcome {
        match self.reload() {
            Ok(changed) => Outcome { changed, messages: Vec::new() },
            Err(e) => Outcome::done(
                Changed::default(),
                Message::warning(format!("{done}, but it couldn't be read back ({e}): reload to see it.")),
            ),
        }
    }

    /// The stored bytes under `key`, for "download what couldn't be read".
    pub fn raw(&self, key: &str) -> Option<String> {
        self.store.raw(key).ok().flatten()
    }

    /// Deletes data set aside as unreadable, once the runner has chosen to.
    pub fn discard(&mut self, key: &str) -> Outcome {
        if let Err(e) = self.store.discard(key) {
            return Outcome::failed(e);
        }
        if self.raw(key).is_some() {
            // Not set aside by Restride (a newer version's data, left in place): kept.
            return Outcome::default();
        }
        self.model.stored.problems.retain(|p| p.kept_at != key);
        self.finish(Outcome {
            changed: Changed { problems: true, ..Changed::default() },
            messages: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use restride_core::DistanceUnit;
    use restride_store::{KeyValue, MemoryBackend};

    use super::*;
    use crate::SettingChange;
    use crate::testing::{TestApp, app, app_on, form};

    fn with_a_run() -> TestApp {
        let mut a = app();
        let _ = a.change_settings(SettingChange::Unit(DistanceUnit::Mi));
        let _ = a.log_run(&form("2026-11-22T07:00", "easy", "30:00", "3"), false).unwrap();
        a
    }

    #[test]
    fn a_backup_restores_on_a_new_phone_and_twice_changes_nothing() {
        let old = with_a_run();
        let file = old.backup();
        assert_eq!(
            (file.filename.as_str(), file.mime),
            ("restride-backup-2026-11-23.json", "application/json")
        );
        let mut new = app();
        let o = new.restore_backup(&file.filename, &file.contents);
        assert_eq!(
            o.messages,
            [Message::ok(
                "Backup imported. Runs: 1 new, 0 updated, 0 already here. Check-ins: 0 new, 0 updated, 0 already here. Settings taken from the backup."
            )]
        );
        assert_eq!(o.changed, Changed::STORED);
        assert_eq!(new.model.stored.runs, old.model.stored.runs);
        assert_eq!(new.model.stored.settings, old.model.stored.settings);
        let again = new.restore_backup(&file.filename, &file.contents);
        assert!(again.messages[0].text.contains("Runs: 0 new, 0 updated, 1 already here."));
        assert!(again.messages[0].text.ends_with("This device kept its own settings."));
    }

    #[test]
    fn a_broken_file_or_full_storage_changes_nothing() {
        let mut a = with_a_run();
        let before = a.store.backend().snapshot();
        let o = a.restore_backup("notes.json", "{\"hello\": 1}");
        assert_eq!(
            o.errors().collect::<Vec<_>>(),
            ["notes.json wasn't imported: This file isn't a Restride backup. Nothing was changed."]
        );
        assert_eq!(o.changed, Changed::default());
        assert_eq!(a.store.backend().snapshot(), before);

        let file = with_a_run().backup();
        let mut full = app_on(MemoryBackend::with_quota(100));
        let o = full.restore_backup("b.json", &file.contents);
        assert!(o.errors().next().unwrap().contains("Storage is full"), "{o:?}");
        assert!(full.model.stored.runs.is_empty());
    }

    #[test]
    fn runs_go_out_as_csv_in_the_runners_unit() {
        let a = with_a_run();
        let csv = a.runs_csv();
        assert_eq!((csv.filename.as_str(), csv.mime), ("restride-runs-2026-11-23.csv", "text/csv"));
        assert_eq!(csv.contents.lines().count(), 2);
        assert!(csv.contents.lines().next().unwrap().contains("mi"), "{}", csv.contents);
    }

    #[test]
    fn unreadable_data_is_kept_offered_and_discarded_on_request() {
        let backend = MemoryBackend::default();
        backend.set("restride.runs.2026-10", "{oops").unwrap();
        let mut a = app_on(backend);
        let kept = a.model.stored.problems[0].kept_at.clone();
        assert_eq!(kept, "restride.aside.restride.runs.2026-10.0");
        assert_eq!(a.raw(&kept).as_deref(), Some("{oops"));
        let o = a.discard(&kept);
        assert_eq!(o.changed, Changed { problems: true, ..Changed::default() });
        assert!(a.model.stored.problems.is_empty());
        assert_eq!(a.raw(&kept), None);
        // Data left in place (a newer version's) is never discarded.
        let backend = MemoryBackend::default();
        backend.set("restride.runs.2026-10", crate::testing::NEWER).unwrap();
        let mut a = app_on(backend);
        assert_eq!(a.discard("restride.runs.2026-10"), Outcome::default());
        assert!(a.raw("restride.runs.2026-10").is_some());
        assert_eq!(a.model.stored.problems.len(), 1);
    }
}
