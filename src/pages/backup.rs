//! Backup and restore on the Settings tab: export everything as one JSON file,
//! runs as CSV, and import a backup (merged, never replacing what is here).

use leptos::prelude::*;
use restride_store::{MergeCounts, RestoreReport};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

use crate::browser;
use crate::state::use_state;

/// Larger than any real backup (ten years of runs is about 1 MB); refused unread.
const MAX_BACKUP_BYTES: f64 = 50_000_000.0;

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

#[component]
pub fn BackupCard() -> impl IntoView {
    let state = use_state();
    // (succeeded, message)
    let outcome = RwSignal::new(None::<(bool, String)>);
    let stamp = move || browser::now_local().format("%Y-%m-%d").to_string();
    let save_file = move |name: String, mime: &str, body: String| {
        if let Err(e) = browser::download(&name, mime, &body) {
            outcome.set(Some((false, format!("The download failed: {e}"))));
        }
    };
    let export_json = move |_| {
        save_file(format!("restride-backup-{}.json", stamp()), "application/json", state.backup_json())
    };
    let export_csv =
        move |_| save_file(format!("restride-runs-{}.csv", stamp()), "text/csv", state.runs_csv());
    let import = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        // Let the same file be picked again later.
        input.set_value("");
        if file.size() > MAX_BACKUP_BYTES {
            outcome.set(Some((
                false,
                format!("{} is too large to be a Restride backup. Nothing was changed.", file.name()),
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            let result = match text {
                None => Err(format!("{} couldn't be read as text. Nothing was changed.", file.name())),
                Some(text) => state
                    .import_backup(&text)
                    .map(|r| describe(&r))
                    .map_err(|e| format!("{} wasn't imported: {e} Nothing was changed.", file.name())),
            };
            outcome.set(Some(match result {
                Ok(m) => (true, m),
                Err(m) => (false, m),
            }));
        });
    };
    view! {
        <section class="card" aria-labelledby="backup-title">
            <h3 id="backup-title">"Backup and restore"</h3>
            <p>
                "Moving to a new phone? Export a backup here and import it there. Importing merges: nothing already here is lost, the newer copy of a run wins, and importing the same file twice adds nothing."
            </p>
            <div class="actions">
                <button type="button" on:click=export_json>"Export backup"</button>
                <button type="button" on:click=export_csv>"Export runs as CSV"</button>
            </div>
            <div class="field file-pick">
                <label for="import-file">"Import a backup"</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=import/>
            </div>
            {move || outcome.get().map(|(ok, message)| {
                if ok {
                    view! { <p role="status" class="ok">{message}</p> }.into_any()
                } else {
                    view! { <p role="alert" class="save-error">{message}</p> }.into_any()
                }
            })}
        </section>
    }
}
