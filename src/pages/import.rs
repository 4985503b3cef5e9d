//! Import from a watch or Strava: the runner picks or drops files (GPX, TCX, FIT,
//! a Strava or Garmin export zip); a Web Worker reads them (`crates/restride-worker`)
//! while this page shows progress, and nothing is saved until the worker's summary
//! is in, so cancelling or a bad file never changes what was saved before.

use leptos::prelude::*;
use restride_import::{ExistingRun, ImportSummary, RunOptions, to_runs};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{File, MessageEvent, Worker};

use super::widgets::{Chip, RadioChips};
use crate::browser;
use crate::state::use_state;

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Idle,
    Running {
        done: u32,
        total: u32,
        current: String,
    },
    Finished(Report),
    /// Cancelled, or the worker died: nothing was saved.
    Stopped(String),
}

/// What the runner sees after an import.
#[derive(Debug, Clone, PartialEq)]
struct Report {
    saved: usize,
    cross: usize,
    duplicates: usize,
    skipped: Vec<String>,
    failed: Vec<String>,
    save_error: Option<String>,
}

/// The running worker and its message handler, dropped together.
struct Job {
    worker: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::ErrorEvent)>,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = use_state();
    let phase = RwSignal::new(Phase::Idle);
    let keep_cross = RwSignal::new(true);
    let job = StoredValue::new_local(None::<Job>);
    let dragging = RwSignal::new(false);

    let finish = move |json: String| {
        // Called from the worker's own message handler, which must not be dropped
        // while it runs: the worker goes once this turn is over.
        leptos::task::spawn_local(async move { job.set_value(None) });
        let summary: ImportSummary = match serde_json::from_str(&json) {
            Ok(s) => s,
            Err(e) => {
                phase.set(Phase::Stopped(format!(
                    "The importer's answer was unreadable ({e}). Nothing was saved."
                )));
                return;
            }
        };
        let options = RunOptions { keep_cross_training: keep_cross.get_untracked() };
        let now = browser::now();
        let converted = state.runs.with_untracked(|existing| {
            to_runs(
                summary.activities,
                existing,
                &options,
                &browser::offset_at,
                &mut browser::new_run_id,
                now,
            )
        });
        let save_error = if converted.runs.is_empty() {
            None
        } else {
            state.save_runs(&converted.runs).err().map(|e| format!("Nothing was saved: {e}"))
        };
        let saved = if save_error.is_some() { 0 } else { converted.runs.len() };
        let cross = if save_error.is_some() { 0 } else { converted.cross_training };
        let mut skipped = summary.skipped;
        skipped.extend(converted.skipped);
        phase.set(Phase::Finished(Report {
            saved,
            cross,
            duplicates: summary.duplicates,
            skipped,
            failed: summary.failed,
            save_error,
        }));
    };

    let start = move |files: Vec<File>| {
        if files.is_empty() {
            return;
        }
        let existing: Vec<ExistingRun> =
            state.runs.with_untracked(|runs| runs.iter().map(ExistingRun::from).collect());
        let existing = serde_json::to_string(&existing).unwrap_or_else(|_| "[]".into());
        match spawn(files, existing, phase, finish) {
            Ok(started) => {
                phase.set(Phase::Running { done: 0, total: 0, current: String::new() });
                job.set_value(Some(started));
            }
            Err(e) => {
                phase.set(Phase::Stopped(format!("The importer could not start ({e}). Nothing was saved.")))
            }
        }
    };

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let files = input.files().map(|list| file_list(&list)).unwrap_or_default();
        // Let the same files be picked again later.
        input.set_value("");
        start(files);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let files =
            ev.data_transfer().and_then(|d| d.files()).map(|list| file_list(&list)).unwrap_or_default();
        start(files);
    };
    let cancel = move |_| {
        job.set_value(None);
        phase.set(Phase::Stopped("Import cancelled. Nothing was saved.".into()));
    };
    let running = move || matches!(phase.get(), Phase::Running { .. });

    view! {
        <section class="page" aria-labelledby="import-title">
            <h2 id="import-title">"Import your runs"</h2>
            <p>
                "Bring the history your watch or Strava already has, so the Rut Radar can read it from day one. Files are read on this phone; nothing is uploaded."
            </p>
            <p class="hint">
                "GPX, TCX and FIT files, Strava's bulk export zip (Settings › My Account › Download or delete your account) or Garmin's account export zip. Choose several at once."
            </p>
            <RadioChips
                legend="Rides, swims, walks and strength sessions"
                name="cross-training"
                options=vec![Chip::new(true, "Keep as cross-training"), Chip::new(false, "Skip them")]
                selected=Signal::derive(move || Some(keep_cross.get()))
                on_pick=Callback::new(move |keep| keep_cross.set(keep))
                caption="Cross-training counts toward your training load."
            />
            <div
                class="dropzone"
                class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <label for="import-files" class="button primary">"Choose files"</label>
                <input
                    id="import-files"
                    class="sr-only"
                    type="file"
                    multiple
                    accept=".gpx,.tcx,.fit,.zip,.gz,.csv"
                    disabled=running
                    on:change=on_pick
                />
                <p class="hint">"or drop them here"</p>
            </div>
            {move || match phase.get() {
                Phase::Idle => ().into_any(),
                Phase::Running { done, total, current } => {
                    let label = if total == 0 {
                        "Reading your files…".to_string()
                    } else {
                        format!("{done} of {total} files read")
                    };
                    view! {
                        <div class="import-progress" role="status">
                            <label for="import-bar">{label.clone()}</label>
                            <progress id="import-bar" max=total.max(1) value=done>{label}</progress>
                            <p class="hint">{current}</p>
                            <button type="button" on:click=cancel>"Cancel import"</button>
                        </div>
                    }
                        .into_any()
                }
                Phase::Finished(report) => view! { <ImportReport report/> }.into_any(),
                Phase::Stopped(message) => view! { <p role="alert" class="save-error">{message}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ImportReport(report: Report) -> impl IntoView {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut headline = format!("Imported {}", plural(report.saved, "activity", "activities"));
    if report.cross > 0 {
        headline.push_str(&format!(" ({} cross-training)", report.cross));
    }
    headline.push('.');
    let counts = format!(
        "{} already here, {} skipped, {} could not be read.",
        plural(report.duplicates, "duplicate", "duplicates"),
        report.skipped.len(),
        report.failed.len()
    );
    let list = |title: &'static str, items: Vec<String>| {
        (!items.is_empty()).then(|| {
            view! {
                <details open=title.starts_with("Could")>
                    <summary>{title}</summary>
                    <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                </details>
            }
        })
    };
    view! {
        <div class="import-report" role="status">
            {report.save_error.map(|e| view! { <p role="alert" class="save-error">{e}</p> })}
            <p class="ok">{headline}</p>
            <p>{counts}</p>
            {list("Could not be read", report.failed)}
            {list("Skipped", report.skipped)}
            <div class="actions">
                <a class="button" href="#/history">"See them in History"</a>
                <a class="button" href="#/today">"See the Rut Radar"</a>
            </div>
        </div>
    }
}

fn file_list(list: &web_sys::FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Starts the worker. It says "ready" once its wasm runs; the files go then, since
/// anything posted earlier would be lost.
fn spawn(
    files: Vec<File>,
    existing: String,
    phase: RwSignal<Phase>,
    finish: impl Fn(String) + Copy + 'static,
) -> Result<Job, String> {
    let worker = Worker::new(&crate::pwa::import_worker_url()).map_err(browser::js_error)?;
    let reply_to = worker.clone();
    let files = js_sys::Array::from_iter(files);
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |msg: MessageEvent| {
        let data = msg.data();
        let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok();
        let number = |name: &str| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // counts of files
            field(name).and_then(|v| v.as_f64()).map_or(0, |n| n.max(0.0) as u32)
        };
        match field("kind").and_then(|k| k.as_string()).as_deref() {
            Some("ready") => {
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &"files".into(), &files);
                let _ = js_sys::Reflect::set(&message, &"existing".into(), &existing.as_str().into());
                if let Err(e) = reply_to.post_message(&message) {
                    phase.set(Phase::Stopped(format!(
                        "The files could not be handed to the importer ({}). Nothing was saved.",
                        browser::js_error(e)
                    )));
                }
            }
            Some("progress") => phase.set(Phase::Running {
                done: number("done"),
                total: number("total"),
                current: field("name").and_then(|n| n.as_string()).unwrap_or_default(),
            }),
            Some("done") => finish(field("json").and_then(|j| j.as_string()).unwrap_or_default()),
            _ => {}
        }
    });
    let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        phase.set(Phase::Stopped(format!("The importer stopped ({}). Nothing was saved.", e.message())));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Job { worker, _on_message: on_message, _on_error: on_error })
}
