//! Backup and restore on the Settings tab: export everything as one JSON file,
//! runs as CSV, and import a backup (merged, never replacing what is here).

use leptos::prelude::*;
use restride_app::{Export, Message};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

use super::widgets::Messages;
use crate::browser;
use crate::state::use_state;

/// Larger than any real backup (ten years of runs is about 1 MB); refused unread.
const MAX_BACKUP_BYTES: f64 = 50_000_000.0;

#[component]
pub fn BackupCard() -> impl IntoView {
    let state = use_state();
    let messages = RwSignal::new(Vec::<Message>::new());
    let save_file = move |file: Export| {
        if let Err(e) = browser::download(&file.filename, file.mime, &file.contents) {
            messages.set(vec![Message::error(format!("The download failed: {e}"))]);
        }
    };
    let export_json = move |_| save_file(state.backup());
    let export_csv = move |_| save_file(state.runs_csv());
    let import = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        // Let the same file be picked again later.
        input.set_value("");
        if file.size() > MAX_BACKUP_BYTES {
            let too_large =
                format!("{} is too large to be a Restride backup. Nothing was changed.", file.name());
            messages.set(vec![Message::error(too_large)]);
            return;
        }
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            messages.set(match text {
                None => vec![Message::error(format!(
                    "{} couldn't be read as text. Nothing was changed.",
                    file.name()
                ))],
                Some(text) => state.restore_backup(&file.name(), &text).messages,
            });
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
            <Messages messages/>
        </section>
    }
}
