//! The History tab: saved runs, newest first, with pace in the runner's unit, and
//! edit and delete (with undo) on each.

use leptos::prelude::*;
use restride_core::Run;

use super::{format_start, run_summary};
use crate::app::navigate;
use crate::state::{Tab, use_state};

#[component]
fn RunItem(run: Run) -> impl IntoView {
    let state = use_state();
    let when = format_start(&run.start);
    let (kind, start_iso) = (run.kind, run.start.to_rfc3339());
    let notes = (!run.notes.is_empty()).then(|| view! { <p class="notes">{run.notes.clone()}</p> });
    let effort = format!("Effort {} ({}) · Felt {}", run.rpe.value(), run.rpe.label(), run.feel.phrase());
    let id = run.id.clone();
    let edit = {
        let id = id.clone();
        move |_| {
            state.editing.set(Some(id.clone()));
            navigate(Tab::Log);
        }
    };
    let delete = move |_| {
        if let Err(e) = state.delete_run(&id) {
            state.show_toast(e.to_string(), None);
        }
    };
    let summary = move || run_summary(&run, state.settings.get().unit);
    view! {
        <li class="run" data-kind=kind.slug()>
            <div class="run-head">
                <h3>{kind.label()}</h3>
                <time datetime=start_iso>{when.clone()}</time>
            </div>
            <p class="run-summary">{summary}</p>
            <p class="run-effort">{effort}</p>
            {notes}
            <div class="run-actions">
                <button type="button" on:click=edit aria-label=format!("Edit run of {when}")>"Edit"</button>
                <button type="button" class="danger" on:click=delete aria-label=format!("Delete run of {when}")>"Delete"</button>
            </div>
        </li>
    }
}

#[component]
pub fn HistoryPage() -> impl IntoView {
    let state = use_state();
    let empty = move || state.runs.with(Vec::is_empty);
    view! {
        <section class="page" aria-labelledby="history-title">
            <h2 id="history-title">"History"</h2>
            <Show
                when=move || !empty()
                fallback=|| view! {
                    <div class="empty">
                        <p>"No runs yet."</p>
                        <a class="button primary" href="#/log">"Log your first run"</a>
                    </div>
                }
            >
                <ul class="run-list" aria-label="Runs">
                    <For
                        each=move || state.runs.get()
                        key=|r| (r.id.clone(), r.updated)
                        children=|run| view! { <RunItem run/> }
                    />
                </ul>
            </Show>
        </section>
    }
}
