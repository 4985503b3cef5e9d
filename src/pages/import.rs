//! Import from a watch, Strava, Garmin or Apple Health: the runner picks or drops
//! files (GPX, TCX, FIT, an export zip); the import worker reads them
//! (`crate::import_worker`) while this page shows progress by bytes read, and nothing
//! is saved until the worker's summary is in, so cancelling or a bad file never
//! changes what was saved before.

use leptos::prelude::*;
use restride_app::Imported;
use restride_import::{ExistingRun, ImportSummary};
use web_sys::File;

use super::widgets::{BackLink, Chip, RadioChips};
use crate::import_worker::{ImportJob, WorkerEvent};
use crate::state::use_state;

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Idle,
    Running {
        bytes_read: u64,
        bytes_total: u64,
        current: String,
    },
    Finished(Report),
    /// Cancelled, or the worker died: nothing was saved.
    Stopped(String),
}

/// What the runner sees after an import.
#[derive(Debug, Clone, PartialEq)]
struct Report {
    imported: Imported,
    /// Why nothing was saved, if nothing was.
    save_error: Option<String>,
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = use_state();
    let phase = RwSignal::new(Phase::Idle);
    let keep_cross = RwSignal::new(true);
    let job = StoredValue::new_local(None::<ImportJob>);
    let dragging = RwSignal::new(false);

    let finish = move |summary: ImportSummary| {
        state.import_activities(summary, keep_cross.get_untracked()).then(move |(imported, outcome)| {
            let save_error = outcome.is_error().then(|| outcome.errors().collect::<Vec<_>>().join(" "));
            phase.set(Phase::Finished(Report { imported, save_error }));
        });
    };

    let start = move |files: Vec<File>| {
        if files.is_empty() {
            return;
        }
        let existing: Vec<ExistingRun> =
            state.runs.with_untracked(|runs| runs.iter().map(ExistingRun::from).collect());
        let on_event = move |event: WorkerEvent| {
            let ended = !matches!(event, WorkerEvent::Progress { .. });
            if ended {
                // Called from the worker's own message handler, which must not be
                // dropped while it runs: the worker goes once this turn is over.
                leptos::task::spawn_local(async move { job.set_value(None) });
            }
            match event {
                WorkerEvent::Progress { bytes_read, bytes_total, current } => {
                    phase.set(Phase::Running { bytes_read, bytes_total, current })
                }
                WorkerEvent::Done(summary) => finish(summary),
                WorkerEvent::Failed(why) => phase.set(Phase::Stopped(format!("{why} Nothing was saved."))),
            }
        };
        match ImportJob::start(files, existing, on_event) {
            Ok(started) => {
                phase.set(Phase::Running { bytes_read: 0, bytes_total: 0, current: String::new() });
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
            <BackLink/>
            <h2 id="import-title">"Import your runs"</h2>
            <p>
                "Bring the history your watch or Strava already has, so the Rut Radar can read it from day one. Files are read on this phone; nothing is uploaded."
            </p>
            <p class="hint">
                "GPX, TCX and FIT files, Strava's bulk export zip (Settings › My Account › Download or delete your account), Garmin's account export zip, or Apple Health's export.zip (Health › your picture › Export All Health Data). Choose several at once."
            </p>
            <p class="hint">
                "From Strava, activities.csv on its own works too (it is in the export zip): each run comes from its row, with its time, distance, effort and name, only without its route."
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
                Phase::Running { bytes_read, bytes_total, current } => {
                    let label = if bytes_total == 0 {
                        "Reading your files…".to_string()
                    } else {
                        format!("{} of {} read", megabytes(bytes_read), megabytes(bytes_total))
                    };
                    // The bar counts kilobytes: progress's attributes are doubles,
                    // and a few GB in bytes reads badly to assistive tech.
                    let (value, max) = (bytes_read / 1024, (bytes_total / 1024).max(1));
                    view! {
                        <div class="import-progress" role="status">
                            <label for="import-bar">{label.clone()}</label>
                            <progress id="import-bar" max=max value=value>{label}</progress>
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
    let Report { imported, save_error } = report;
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut headline = format!("Imported {}", plural(imported.saved, "activity", "activities"));
    if imported.cross_training > 0 {
        headline.push_str(&format!(" ({} cross-training)", imported.cross_training));
    }
    headline.push('.');
    let counts = format!(
        "{} already here, {} skipped, {} could not be read.",
        plural(imported.duplicates, "duplicate", "duplicates"),
        imported.skipped.len(),
        imported.failed.len()
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
            {save_error.map(|e| view! { <p role="alert" class="save-error">{e}</p> })}
            <p class="ok">{headline}</p>
            <p>{counts}</p>
            {list("Could not be read", imported.failed)}
            {list("Skipped", imported.skipped)}
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

/// "12.5 MB", "1.2 GB": sizes as a phone's file browser shows them.
fn megabytes(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // a display figure
    let mb = bytes as f64 / 1e6;
    if mb >= 1000.0 {
        format!("{:.1} GB", mb / 1000.0)
    } else if mb >= 10.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}
