//! The runner's data kept safe: backup and restore on the Settings tab (export
//! everything as one JSON file, runs as CSV, import a backup, merged, never
//! replacing what is here), when the last backup was made, whether the browser
//! keeps Restride's storage and what it may do if not, and the reminder to back
//! up on Today.

use leptos::prelude::*;
use restride_app::Message;
use restride_app::shown::last_backup;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

use super::widgets::Messages;
use crate::browser;
use crate::state::{AppState, use_state};

/// Larger than any real backup (ten years of runs is about 1 MB); refused unread.
const MAX_BACKUP_BYTES: f64 = 50_000_000.0;

/// Downloads a backup of everything and notes when; the message to show.
fn back_up_now(state: AppState) -> Message {
    let file = match state.backup() {
        Ok(file) => file,
        Err(why) => return Message::error(why),
    };
    match browser::download(&file.filename, file.mime, &file.contents) {
        Ok(()) => {
            let _ = state.record_backup();
            Message::ok(format!(
                "Backup downloaded ({}). Keep it off this device: a cloud drive, or email it to yourself.",
                file.filename
            ))
        }
        Err(e) => Message::error(format!("The download failed: {e}")),
    }
}

/// "Last backup: 3 days ago.", following the device's notes and the date.
fn last_backup_line(state: AppState) -> impl Fn() -> String + Copy {
    move || {
        state.today.track();
        let now = state.read_now();
        state.device.with(|d| last_backup(d, now))
    }
}

#[component]
pub fn BackupCard() -> impl IntoView {
    let state = use_state();
    let messages = RwSignal::new(Vec::<Message>::new());
    let export_json = move |_| messages.set(vec![back_up_now(state)]);
    let export_csv = move |_| {
        let file = state.runs_csv();
        if let Err(e) = browser::download(&file.filename, file.mime, &file.contents) {
            messages.set(vec![Message::error(format!("The download failed: {e}"))]);
        }
    };
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
            match text {
                None => messages.set(vec![Message::error(format!(
                    "{} couldn't be read as text. Nothing was changed.",
                    file.name()
                ))]),
                Some(text) => {
                    state.restore_backup(&file.name(), &text).then(move |o| messages.set(o.messages))
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="backup-title">
            <h3 id="backup-title">"Backup and restore"</h3>
            <p>
                "A backup holds everything Restride keeps on this device: runs, check-ins, plans, your race goal, settings, and anything it couldn't read. Moving to a new phone? Export a backup here and import it there. Importing merges: nothing already here is lost, the newer copy of anything wins, a run deleted on one device goes on the other, and importing the same file twice adds nothing."
            </p>
            <p class="last-backup">{last_backup_line(state)}</p>
            <div class="actions">
                <button type="button" class="primary" on:click=export_json>"Export backup"</button>
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

/// Whether the browser keeps Restride's storage, and what it may do if not.
#[component]
pub fn StorageCard() -> impl IntoView {
    let state = use_state();
    let installed = state.installed;
    let kept = move || state.storage_kept.get() == Some(true);
    let said = move || {
        if kept() {
            "Kept: your browser has promised not to clear Restride's data on its own (only you can, by clearing site data or uninstalling)."
        } else if installed {
            "Installed: browsers keep an installed app's data, though one may still clear it when the device runs very short of space. A backup keeps it safe from that, and from losing the phone."
        } else {
            "Not guaranteed: your browser may delete Restride's data on its own. Safari deletes it after 7 days without a visit unless Restride is on your Home Screen; a private window deletes it when you close it; others may clear it when space runs short."
        }
    };
    view! {
        <section class="card storage" aria-labelledby="storage-title">
            <h3 id="storage-title">"Storage on this device"</h3>
            <p>{said}</p>
            <Show when=move || !kept() && !installed>
                <p>
                    "To keep it: install Restride (Share › Add to Home Screen, or Install app in the browser's menu), or export a backup regularly."
                </p>
                <div class="actions">
                    <button type="button" on:click=move |_| state.ask_to_keep_storage()>
                        "Ask the browser to keep it"
                    </button>
                </div>
            </Show>
        </section>
    }
}

/// The reminder to back up, on Today: shown when one is due (see
/// `restride_app::shown::backup_reminder`), with a one-tap backup; "Not now" puts it
/// off for its interval (remembered on this device).
#[component]
pub fn BackupReminder() -> impl IntoView {
    let state = use_state();
    let back_up = move |_| state.toasts.show(vec![back_up_now(state)]);
    let not_now = move |_| state.toasts.say_when(state.put_off_backup_reminder());
    view! {
        {move || state.backup_reminder.get().map(|sentence| view! {
            <section class="card reminder" aria-labelledby="reminder-title">
                <h3 id="reminder-title">"Back up your runs"</h3>
                <p>{sentence}</p>
                <div class="actions">
                    <button type="button" class="primary" on:click=back_up>"Back up now"</button>
                    <button type="button" on:click=not_now>"Not now"</button>
                </div>
            </section>
        })}
    }
}
