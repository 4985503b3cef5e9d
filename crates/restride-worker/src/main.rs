//! The import worker. Parsing a Strava export or a 100,000-point track takes long
//! enough to freeze a phone's screen, so it happens here, off the main thread.
//!
//! Protocol (plain objects, see `src/pages/import.rs` for the other side):
//! - worker → page `{kind: "ready"}` once the wasm is running (messages sent
//!   before that would be lost);
//! - page → worker `{files: File[], existing: string}`: `existing` is the JSON of
//!   the runs already saved, as `restride_import::ExistingRun`s, for duplicates;
//! - worker → page `{kind: "progress", done, total, name}` after each file or
//!   archive entry;
//! - worker → page `{kind: "done", json}` with the JSON of an
//!   `restride_import::ImportSummary`.
//!
//! Cancelling is `worker.terminate()` on the page: nothing is saved until the page
//! has the summary, so stopping half-way loses nothing.

use js_sys::{Array, Object, Reflect, Uint8Array};
use restride_import::{ExistingRun, Limits, Progress, summarize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else { return };
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |msg: MessageEvent| {
        let json = run(&msg.data(), &replies);
        post(&replies, &[("kind", "done".into()), ("json", json.into())]);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&scope, &[("kind", "ready".into())]);
}

/// Reads every file, imports them and returns the summary as JSON.
fn run(data: &JsValue, scope: &DedicatedWorkerGlobalScope) -> String {
    let existing: Vec<ExistingRun> = Reflect::get(data, &"existing".into())
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    let files: Vec<File> = Reflect::get(data, &"files".into())
        .ok()
        .map(|list| Array::from(&list).iter().filter_map(|f| f.dyn_into::<File>().ok()).collect())
        .unwrap_or_default();
    let limits = Limits::default();
    let mut inputs = Vec::with_capacity(files.len());
    let mut unreadable = Vec::new();
    for file in &files {
        let name = file.name();
        // Checked before reading: the whole file has to fit in wasm memory.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // sizes are whole bytes
        let size = file.size().max(0.0) as u64;
        if size > limits.max_file_bytes {
            unreadable.push((
                name,
                restride_import::ImportError::FileTooLarge { size, limit: limits.max_file_bytes },
            ));
            continue;
        }
        match FileReaderSync::new().and_then(|reader| reader.read_as_array_buffer(file)) {
            Ok(buffer) => inputs.push((name, Uint8Array::new(&buffer).to_vec())),
            Err(_) => unreadable.push((name, restride_import::ImportError::Unreadable)),
        }
    }
    let mut on_progress = |p: &Progress| {
        post(
            scope,
            &[
                ("kind", "progress".into()),
                ("done", p.done.into()),
                ("total", p.total.into()),
                ("name", p.current.as_str().into()),
            ],
        );
    };
    let summary = summarize(inputs, unreadable, &existing, &limits, &mut on_progress);
    serde_json::to_string(&summary).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

fn post(scope: &DedicatedWorkerGlobalScope, fields: &[(&str, JsValue)]) {
    let message = Object::new();
    for (key, value) in fields {
        let _ = Reflect::set(&message, &(*key).into(), value);
    }
    // Posting a plain object to the page cannot fail.
    let _ = scope.post_message(&message);
}
