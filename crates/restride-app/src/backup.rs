//! The runner's data in and out: the backup file and its restore (merged, all or
//! nothing), runs as CSV, data that couldn't be read (downloaded, discarded, its
//! banner dismissed), and this device's notes about backups.

use restride_store::{
    Backup, DeviceState, KeyValue, MergeCounts, Prepared, RestoreReport, export_runs_csv, parse_backup,
};

use crate::outcome::{Changed, Message, Outcome};
use crate::{App, Device};

/// A file for the runner to download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub filename: String,
    pub mime: &'static str,
    pub contents: String,
}

/// A backup file read and merged with storage as it was, waiting to be written
/// ([`App::commit_restore`]): the slow part (reading a file of up to 50 MB) done
/// before this tab takes the storage lock.
#[derive(Debug)]
pub struct PreparedRestore {
    name: String,
    backup: Backup,
    prepared: Prepared<RestoreReport>,
}

fn counts(what: &str, c: &MergeCounts) -> String {
    let removed = match c.removed {
        0 => String::new(),
        n => format!(", {n} removed (deleted on the device the backup came from)"),
    };
    format!("{what}: {} new, {} updated, {} already here{removed}.", c.added, c.updated, c.unchanged)
}

fn describe(report: &RestoreReport) -> String {
    let mut said = vec![
        "Backup imported.".to_string(),
        counts("Runs", &report.runs),
        counts("Check-ins", &report.wellness),
    ];
    if report.plans != MergeCounts::default() {
        said.push(counts("Planned weeks", &report.plans));
    }
    if report.goal_changed {
        said.push("The race goal was taken from the backup.".into());
    }
    if report.kept > 0 {
        said.push(format!(
            "{} piece{} of data this version can't read kept as {}.",
            report.kept,
            if report.kept == 1 { "" } else { "s" },
            if report.kept == 1 { "it was" } else { "they were" }
        ));
    }
    said.push(
        if report.settings_applied {
            "Settings taken from the backup."
        } else {
            "This device kept its own settings."
        }
        .into(),
    );
    said.join(" ")
}

impl<B: KeyValue, D: Device> App<B, D> {
    fn file_date(&self) -> String {
        self.device.now_local().format("%Y-%m-%d").to_string()
    }

    /// Everything stored, as one versioned backup file (docs/backup-format.md),
    /// read from storage (what another tab saved a moment ago is in it too).
    /// When storage can't be read, the error says why.
    pub fn backup(&self) -> Result<Export, String> {
        let contents = self
            .store
            .export_backup(self.device.now())
            .map_err(|e| format!("The backup couldn't be made: {e}."))?;
        Ok(Export {
            filename: format!("restride-backup-{}.json", self.file_date()),
            mime: "application/json",
            contents,
        })
    }

    /// Notes that a backup was made now ("Last backup: today"). Failing to note it
    /// costs a reminder, nothing more: the outcome is a warning.
    pub fn record_backup(&mut self) -> Outcome {
        let now = self.device.now();
        self.update_device(|d| d.last_backup = Some(now))
    }

    /// Puts off the reminder to back up (it comes back after its interval).
    pub fn put_off_backup_reminder(&mut self) -> Outcome {
        let now = self.device.now();
        self.update_device(|d| d.reminder_put_off = Some(now))
    }

    /// Hides the banner about unreadable data kept at `key` (the data stays, and
    /// goes into every backup).
    pub fn dismiss_problem(&mut self, key: &str) -> Outcome {
        self.update_device(|d| {
            d.dismissed.insert(key.to_string());
        })
    }

    /// Whether to ask the browser to keep Restride's storage now: once, at the
    /// first launch (Settings can ask again). Noted as asked.
    pub fn persistence_to_ask(&mut self) -> bool {
        if self.model.device.persistence_asked {
            return false;
        }
        // Not noted (storage refused): asked anyway, once per launch at most.
        let _ = self.update_device(|d| d.persistence_asked = true);
        true
    }

    /// Changes this device's notes as stored now (another tab may have changed
    /// them) and keeps the model in step.
    fn update_device(&mut self, change: impl FnOnce(&mut DeviceState)) -> Outcome {
        let mut device = self.store.device();
        change(&mut device);
        let saved = self.store.save_device(&device);
        self.model.device = device;
        match saved {
            Ok(()) => Outcome::default(),
            Err(e) => Outcome::done(
                Changed::default(),
                Message::warning(format!("This device's notes weren't saved: {e}")),
            ),
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

    /// Reads the backup file `name` (its text) and works out how it merges into
    /// what is stored, writing nothing. A file that is refused, or storage that
    /// can't take it, comes back as the outcome to show.
    pub fn prepare_restore(&self, name: &str, text: &str) -> Result<PreparedRestore, Outcome> {
        let refused =
            |e: String| Outcome::failed(format!("{name} wasn't imported: {e} Nothing was changed."));
        let backup = parse_backup(text).map_err(|e| refused(e.to_string()))?;
        let prepared = self.store.prepare_restore(&backup).map_err(|e| refused(e.to_string()))?;
        Ok(PreparedRestore { name: name.to_string(), backup, prepared })
    }

    /// Writes a prepared restore, all or nothing: merged again first if another
    /// tab wrote meanwhile, so what it saved is kept.
    pub fn commit_restore(&mut self, restore: PreparedRestore) -> Outcome {
        let PreparedRestore { name, backup, prepared } = restore;
        match self.store.commit_or_merge_again(prepared, |s| s.prepare_restore(&backup)) {
            Ok(done) => {
                let mut outcome = self.reread_keys(&done.written, "The backup is imported");
                outcome.messages.insert(0, Message::ok(describe(&done.report)));
                outcome
            }
            Err(e) => Outcome::failed(format!("{name} wasn't imported: {e} Nothing was changed.")),
        }
    }

    /// Reads back the keys a merge wrote; `done` says what was saved if reading
    /// them back fails.
    pub(crate) fn reread_keys(&mut self, keys: &[String], done: &str) -> Outcome {
        match self.reload_keys(&keys.iter().cloned().collect()) {
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
    use crate::Device;
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
        let file = old.backup_file();
        assert_eq!(
            (file.filename.as_str(), file.mime),
            ("restride-backup-2026-11-23.json", "application/json")
        );
        let mut new = app();
        let o = new.restore(&file.filename, &file.contents);
        assert_eq!(
            o.messages,
            [Message::ok(
                "Backup imported. Runs: 1 new, 0 updated, 0 already here. Check-ins: 0 new, 0 updated, 0 already here. Settings taken from the backup."
            )]
        );
        assert_eq!(o.changed, Changed { runs: true, settings: true, ..Changed::default() });
        assert_eq!(new.model.stored.runs, old.model.stored.runs);
        assert_eq!(new.model.stored.settings, old.model.stored.settings);
        let again = new.restore(&file.filename, &file.contents);
        assert!(again.messages[0].text.contains("Runs: 0 new, 0 updated, 1 already here."));
        assert!(again.messages[0].text.ends_with("This device kept its own settings."));
    }

    #[test]
    fn a_broken_file_or_full_storage_changes_nothing() {
        let mut a = with_a_run();
        let before = a.store.backend().snapshot();
        let o = a.restore("notes.json", "{\"hello\": 1}");
        assert_eq!(
            o.errors().collect::<Vec<_>>(),
            ["notes.json wasn't imported: This file isn't a Restride backup. Nothing was changed."]
        );
        assert_eq!(o.changed, Changed::default());
        assert_eq!(a.store.backend().snapshot(), before);

        let file = with_a_run().backup_file();
        let mut full = app_on(MemoryBackend::with_quota(100));
        let o = full.restore("b.json", &file.contents);
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
        // Found where it is, then moved aside (a write, done under the lock in the app).
        assert_eq!(a.model.stored.problems[0].kept_at, "restride.runs.2026-10");
        let o = a.set_aside_unreadable();
        assert_eq!(o.changed, Changed { problems: true, ..Changed::default() });
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
        let _ = a.set_aside_unreadable();
        assert_eq!(a.discard("restride.runs.2026-10"), Outcome::default());
        assert!(a.raw("restride.runs.2026-10").is_some());
        assert_eq!(a.model.stored.problems.len(), 1);
    }

    #[test]
    fn plans_and_the_goal_survive_a_move_to_a_new_phone() {
        let mut old = with_a_run();
        assert!(!old.plan_week().is_error());
        let goal =
            crate::GoalForm { distance_m: "10000".into(), date: "2027-03-07".into(), target: "50:00".into() };
        assert!(!old.set_goal(&goal).is_error());
        let file = old.backup_file();
        let mut new = app();
        let o = new.restore(&file.filename, &file.contents);
        assert!(o.messages[0].text.contains("Planned weeks: 1 new, 0 updated, 0 already here."), "{o:?}");
        assert!(o.messages[0].text.contains("The race goal was taken from the backup."));
        assert_eq!(new.model.stored.goal, old.model.stored.goal);
        let as_stored = |a: &TestApp| a.store.load().unwrap().plans;
        assert_eq!(as_stored(&new), as_stored(&old));
        assert!(o.changed.plans && o.changed.goal);
    }

    #[test]
    fn a_run_saved_in_another_tab_during_an_import_is_kept() {
        let backend = crate::testing::Shared::default();
        let mut mine = app_on(backend.clone());
        let mut theirs = app_on(backend);
        theirs.device.set("2026-11-23T08:05:00+01:00");
        let file = with_a_run().backup_file();
        // This tab reads the file and merges it; the other saves a run meanwhile;
        // then this one writes.
        let prepared = mine.prepare_restore("b.json", &file.contents).unwrap();
        let _ = theirs.log_run(&form("2026-11-22T09:00", "easy", "25:00", "4"), false).unwrap();
        let o = mine.commit_restore(prepared);
        assert!(!o.is_error(), "{o:?}");
        assert_eq!(mine.model.stored.runs.len(), 2);
        assert_eq!(mine.store.load().unwrap().runs.len(), 2);
    }

    #[test]
    fn the_device_notes_the_last_backup_and_the_reminder_put_off() {
        let mut a = with_a_run();
        let now = a.device.now();
        assert_eq!(crate::shown::last_backup(&a.model.device, now), "No backup made on this device yet.");
        // A run saved today isn't at risk for long yet; eight days on, it is.
        assert_eq!(crate::shown::backup_reminder(&a.model.device, &a.model.stored.runs, now, true), None);
        let later = now + chrono::Duration::days(8);
        let due = crate::shown::backup_reminder(&a.model.device, &a.model.stored.runs, later, true).unwrap();
        assert_eq!(
            due,
            "Your runs are only on this device. This browser may delete them if you don't visit for a while. You haven't backed up yet."
        );
        assert_eq!(
            crate::shown::backup_reminder(&a.model.device, &a.model.stored.runs, later, false),
            None,
            "a month once kept"
        );
        a.device.set("2026-12-01T08:00:00+01:00");
        let _ = a.put_off_backup_reminder();
        assert_eq!(
            crate::shown::backup_reminder(&a.model.device, &a.model.stored.runs, a.device.now(), true),
            None
        );
        let _ = a.record_backup();
        let in_ten_days = a.device.now() + chrono::Duration::days(10);
        assert_eq!(crate::shown::last_backup(&a.model.device, in_ten_days), "Last backup: 10 days ago.");
        // Stored, not only in the model; and never in a backup.
        assert_eq!(a.store.device(), a.model.device);
        assert!(!a.backup_file().contents.contains("last_backup"));
        // Persistence is asked once.
        assert!(a.persistence_to_ask());
        assert!(!a.persistence_to_ask());
    }
}
