//! localStorage in a real browser (headless Chromium via wasm-bindgen-test): what
//! was saved comes back; garbage and newer-version data are reported, not a panic,
//! and never overwritten; a full quota fails the save and changes nothing; storage
//! that is missing is reported and the app falls back to memory.
#![allow(clippy::unwrap_used, clippy::panic)]

use restride::storage::{AppBackend, LocalBackend};
use restride_core::testing::sample_run;
use restride_core::{Feel, Rpe, Run, RunType};
use restride_store::{BackendError, DecodeError, KeyData, KeyValue, SCHEMA_VERSION, SaveError, Store};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
}

fn run(n: u8, start: &str) -> Run {
    let mut run = sample_run(n, start, RunType::Tempo, 30.0, 6.0);
    run.rpe = Rpe::new(6);
    run.feel = Feel::new(4);
    run.notes = "<img src=x onerror=alert(1)>".into();
    run
}

#[wasm_bindgen_test]
fn runs_round_trip_through_local_storage() {
    clear();
    let store = Store::new(LocalBackend::open().unwrap());
    let a = run(1, "2026-11-24T07:00:00+01:00");
    let b = run(2, "2026-10-01T18:30:00+02:00");
    store.save_new_run(&a).unwrap();
    store.save_new_run(&b).unwrap();
    // A fresh handle reads what the browser kept.
    let again = Store::new(LocalBackend::open().unwrap()).load().unwrap();
    assert_eq!(again.runs, vec![a, b]);
    assert!(again.problems.is_empty());
    let raw = LocalBackend::open().unwrap().get("restride.runs.2026-11").unwrap().unwrap();
    let prefix = format!(r#"{{"schema":{SCHEMA_VERSION},"#);
    assert!(raw.starts_with(&prefix), "stored value is versioned from its first byte: {raw}");
}

#[wasm_bindgen_test]
fn garbage_json_is_reported_and_kept_not_overwritten() {
    clear();
    let backend = LocalBackend::open().unwrap();
    backend.set("restride.runs.2026-11", "{\"schema\":1,\"runs\":[tru").unwrap();
    let store = Store::new(backend);
    let loaded = store.load().unwrap();
    assert!(loaded.runs.is_empty());
    assert_eq!(loaded.problems.len(), 1);
    assert!(matches!(loaded.problems[0].error, Some(DecodeError::Garbage(_))));
    // Loading changed nothing; setting it aside copies it, then frees the month.
    assert_eq!(loaded.problems[0].kept_at, "restride.runs.2026-11");
    let KeyData::Unreadable(moved) = store.set_aside("restride.runs.2026-11").unwrap() else {
        panic!("still unreadable")
    };
    let kept = moved.kept_at;
    assert_eq!(kept, "restride.aside.restride.runs.2026-11.0");
    // Saving into that month now writes a fresh month; the garbage stays, untouched.
    store.save_new_run(&run(1, "2026-11-24T07:00:00+01:00")).unwrap();
    assert_eq!(store.raw(&kept).unwrap().as_deref(), Some("{\"schema\":1,\"runs\":[tru"));
    assert_eq!(store.load().unwrap().runs.len(), 1);
}

#[wasm_bindgen_test]
fn unknown_version_is_reported_and_left_exactly_as_it_was() {
    clear();
    let newer = r#"{"schema":42,"runs":{"future":"shape"}}"#;
    let backend = LocalBackend::open().unwrap();
    backend.set("restride.runs.2026-11", newer).unwrap();
    let store = Store::new(backend);
    let loaded = store.load().unwrap();
    assert_eq!(loaded.problems[0].error, Some(DecodeError::TooNew { found: 42 }));
    let refused = store.save_new_run(&run(1, "2026-11-24T07:00:00+01:00"));
    assert!(matches!(refused, Err(SaveError::Unreadable { .. })), "{refused:?}");
    assert_eq!(store.raw("restride.runs.2026-11").unwrap().as_deref(), Some(newer));
}

#[wasm_bindgen_test]
fn quota_exceeded_fails_the_save_and_changes_nothing() {
    clear();
    let backend = LocalBackend::open().unwrap();
    let store = Store::new(backend);
    let saved = run(1, "2026-11-24T07:00:00+01:00");
    store.save_new_run(&saved).unwrap();
    // Fill the origin's quota with filler until the browser refuses.
    let filler = LocalBackend::open().unwrap();
    let chunk = "x".repeat(512 * 1024);
    let mut i = 0;
    let mut small = 64 * 1024;
    loop {
        match filler.set(&format!("filler.{i}"), &chunk) {
            Ok(()) => i += 1,
            Err(BackendError::QuotaExceeded) => break,
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    // Top up with small pieces so even a tiny write can't fit.
    while small > 0 {
        i += 1;
        if filler.set(&format!("filler.{i}"), &"y".repeat(small)).is_err() {
            small /= 2;
        }
    }
    let before = store.raw("restride.runs.2026-11").unwrap();
    let mut more = run(2, "2026-11-25T07:00:00+01:00");
    more.notes = "a long note ".repeat(100);
    assert_eq!(store.save_new_run(&more), Err(SaveError::QuotaExceeded));
    assert_eq!(store.raw("restride.runs.2026-11").unwrap(), before);
    clear();
}

#[wasm_bindgen_test]
fn missing_storage_is_reported_and_the_app_falls_back_to_memory() {
    // Make window.localStorage throw as it does when the browser blocks storage.
    js_sys::eval(
        "window.__savedLS = Object.getOwnPropertyDescriptor(window, 'localStorage') \
           || Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage'); \
         Object.defineProperty(window, 'localStorage', { configurable: true, \
           get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
    )
    .unwrap();
    let opened = LocalBackend::open();
    let (backend, why) = AppBackend::open();
    js_sys::eval("Object.defineProperty(window, 'localStorage', window.__savedLS);").unwrap();

    assert_eq!(opened.err(), Some(BackendError::Unavailable("SecurityError".into())));
    assert_eq!(why, Some(BackendError::Unavailable("SecurityError".into())));
    assert!(matches!(backend, AppBackend::Memory(_)));
    // The app still works in memory.
    let store = Store::new(backend);
    store.save_new_run(&run(1, "2026-11-24T07:00:00+01:00")).unwrap();
    assert_eq!(store.load().unwrap().runs.len(), 1);
}

#[wasm_bindgen_test]
fn a_removal_the_browser_refuses_is_an_error_not_an_exception() {
    clear();
    let backend = LocalBackend::open().unwrap();
    backend.set("restride.aside.x.0", "kept").unwrap();
    js_sys::eval(
        "window.__remove = Storage.prototype.removeItem; \
         Storage.prototype.removeItem = function () { throw new DOMException('no', 'InvalidStateError'); };",
    )
    .unwrap();
    let removed = backend.remove("restride.aside.x.0");
    js_sys::eval("Storage.prototype.removeItem = window.__remove;").unwrap();
    assert_eq!(removed, Err(BackendError::Other("InvalidStateError".into())));
    assert_eq!(backend.get("restride.aside.x.0").unwrap().as_deref(), Some("kept"));
    backend.remove("restride.aside.x.0").unwrap();
    assert_eq!(backend.get("restride.aside.x.0").unwrap(), None);
}
