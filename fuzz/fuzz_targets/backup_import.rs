//! A chosen backup file, whatever its bytes: parsing and importing never panic; an
//! imported backup loads with nothing unreadable but the data the file carried as
//! unreadable (`kept`); it re-exports to a file that parses, imports into an empty
//! store byte for byte the same, and changes nothing when imported again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use restride_store::{MemoryBackend, Store, parse_backup};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(backup) = parse_backup(text) else { return };
    let store = Store::new(MemoryBackend::default());
    if store.restore_backup(&backup).is_err() {
        return;
    }
    let Ok(loaded) = store.load() else { return };
    for problem in &loaded.problems {
        let carried = backup.kept.iter().any(|k| k.key == problem.key);
        assert!(carried, "an import wrote something unreadable: {problem:?}");
    }
    let again = match store.export_backup(backup.exported_at) {
        Ok(again) => again,
        Err(e) => panic!("a store in memory couldn't export: {e}"),
    };
    let reparsed = match parse_backup(&again) {
        Ok(reparsed) => reparsed,
        Err(e) => panic!("an export didn't parse: {e}"),
    };
    let before = store.backend().snapshot();
    let report = store.restore_backup(&reparsed);
    assert!(report.is_ok_and(|r| r.runs.added + r.runs.updated + r.runs.removed + r.wellness.added
        + r.wellness.updated
        + r.plans.added
        + r.plans.updated
        + r.kept
        == 0
        && !r.goal_changed));
    assert_eq!(store.backend().snapshot(), before, "a re-import changed storage");
    // Export, wipe, import: the same storage.
    let fresh = Store::new(MemoryBackend::default());
    assert!(fresh.restore_backup(&reparsed).is_ok(), "the export didn't import into an empty store");
    assert_eq!(fresh.backend().snapshot(), before, "export, wipe, import changed storage");
});
