//! A chosen backup file, whatever its bytes: parsing and importing never panic, and
//! an imported backup loads cleanly and re-exports to a file that parses and changes
//! nothing when imported again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use restride_store::{MemoryBackend, Store, export_backup, parse_backup};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(backup) = parse_backup(text) else { return };
    let store = Store::new(MemoryBackend::default());
    if store.restore_backup(&backup).is_err() {
        return;
    }
    let Ok(loaded) = store.load() else { return };
    assert!(loaded.problems.is_empty(), "an import wrote something unreadable: {:?}", loaded.problems);
    let again = export_backup(&loaded, backup.exported_at);
    let reparsed = match parse_backup(&again) {
        Ok(reparsed) => reparsed,
        Err(e) => panic!("an export didn't parse: {e}"),
    };
    let before = store.backend().snapshot();
    let report = store.restore_backup(&reparsed);
    assert!(report.is_ok_and(|r| r.runs.added + r.runs.updated + r.wellness.added + r.wellness.updated == 0));
    assert_eq!(store.backend().snapshot(), before, "a re-import changed storage");
});
