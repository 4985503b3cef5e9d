//! Every page but Today (Log, History, Plan, Progress, Import, Settings) is split off
//! the first load into one of three wasm chunks, which loads when the runner first
//! opens one of its pages or the app is idle after Today's first frame: the first
//! load is Today (docs/size.md). Each `#[wasm_split]` function below is a split
//! point; `scripts/split-wasm.mjs` cuts the app's wasm there after cargo, and the
//! service worker keeps every chunk, so an installed app opens them offline.
//!
//! A chunk can fail to load (a first visit that goes offline before the service
//! worker saved the app, a host that already dropped this version's files): the
//! page then says so and offers to try again, where the split's default would panic
//! and stop the whole app.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use wasm_bindgen::{JsCast, closure::Closure};

use crate::pages::{HistoryPage, ImportPage, LogPage, PlanPage, ProgressPage, SettingsPage};

/// A page whose code is loaded the first time it is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LazyPage {
    Plan,
    Progress,
    Import,
    Settings,
    Log,
    History,
}

/// The page's code could not be fetched or started (logged to the console by the
/// split's loader).
#[derive(Debug, thiserror::Error)]
#[error("this page's code could not be loaded")]
pub struct PageLoadError;

impl From<SplitLoaderError> for PageLoadError {
    fn from(_: SplitLoaderError) -> Self {
        PageLoadError
    }
}

// Three chunks, the pages grouped by what a runner goes to them for: the splitter
// puts code that several chunks share in a chunk of its own for each combination,
// and with a chunk per page that was 24 small files, 20 of them fetched for Log and
// History alone (docs/size.md). Each group has one preload.

/// A new runner's first taps: logging a run and the list it lands on.
#[wasm_split(runs, wasm_split_path = ::leptos::wasm_split, preload(preload_runs), fallible)]
fn log_page() -> Result<AnyView, PageLoadError> {
    Ok(view! { <LogPage/> }.into_any())
}

#[wasm_split(runs, wasm_split_path = ::leptos::wasm_split, fallible)]
fn history_page() -> Result<AnyView, PageLoadError> {
    Ok(view! { <HistoryPage/> }.into_any())
}

/// Training: the week's plan (with the share card) and the progress charts.
#[wasm_split(training, wasm_split_path = ::leptos::wasm_split, preload(preload_training), fallible)]
fn plan_page() -> Result<AnyView, PageLoadError> {
    Ok(view! { <PlanPage/> }.into_any())
}

#[wasm_split(training, wasm_split_path = ::leptos::wasm_split, fallible)]
fn progress_page() -> Result<AnyView, PageLoadError> {
    Ok(view! { <ProgressPage/> }.into_any())
}

/// The runner's data in and out: settings (with backup and restore) and import.
#[wasm_split(data, wasm_split_path = ::leptos::wasm_split, preload(preload_data), fallible)]
fn settings_page() -> Result<AnyView, PageLoadError> {
    Ok(view! { <SettingsPage/> }.into_any())
}

#[wasm_split(data, wasm_split_path = ::leptos::wasm_split, fallible)]
fn import_page() -> Result<AnyView, PageLoadError> {
    Ok(view! { <ImportPage/> }.into_any())
}

async fn load(page: LazyPage) -> Result<AnyView, PageLoadError> {
    match page {
        LazyPage::Plan => plan_page().await,
        LazyPage::Progress => progress_page().await,
        LazyPage::Import => import_page().await,
        LazyPage::Settings => settings_page().await,
        LazyPage::Log => log_page().await,
        LazyPage::History => history_page().await,
    }
}

/// Once the page is idle after Today's first frame, fetches and starts the split
/// pages' chunks, so a first tap on one doesn't wait for it (Plan's first open at 4x
/// CPU: 110 to 215 ms on demand, about 20 ms preloaded; docs/size.md). In an idle
/// callback, not a task after the first frame: measured, that task delayed the next
/// frame by about 70 ms. Where the browser has no idle callbacks (Safari), a second
/// after the start. A chunk that fails here is fetched again when its page is opened.
///
/// An installed start fetches every chunk, from the service worker's cache. A first
/// visit fetches only Log's and History's (a new runner's first tap is "Log a run",
/// and a save lands on History): the service worker is fetching every file then,
/// and the rest would come twice over the runner's connection.
pub fn preload_when_idle(first_visit: bool) {
    let preload = move || preload(first_visit);
    let idle =
        web_sys::window().map(|w| w.request_idle_callback(Closure::once_into_js(preload).unchecked_ref()));
    if !matches!(idle, Some(Ok(_))) {
        set_timeout(preload, std::time::Duration::from_secs(1));
    }
}

/// Each chunk in a task of its own, all at once: the browser fetches and compiles
/// them side by side off the main thread (one after another, the last waited for
/// all the others: Plan's first open right after a start 195 ms instead of 28 ms,
/// docs/size.md). The split's loader fetches a chunk two groups share only once.
fn preload(first_visit: bool) {
    in_background(preload_runs());
    if first_visit {
        return;
    }
    in_background(preload_training());
    in_background(preload_data());
}

/// Runs a preload in a task of its own; a failure is the page's to show when opened.
fn in_background<E>(load: impl Future<Output = Result<(), E>> + 'static) {
    spawn_local(async move {
        let _ = load.await;
    });
}

/// The page once its code is loaded: "Opening…" meanwhile (shown only if that takes
/// a moment, by the stylesheet), and a way to try again if it fails.
#[component]
pub fn LoadedPage(page: LazyPage) -> impl IntoView {
    let attempt = RwSignal::new(0_u32);
    view! {
        <Suspense fallback=|| view! { <p class="page-loading" role="status">"Opening…"</p> }>
            {move || {
                attempt.track();
                Suspend::new(async move {
                    match load(page).await {
                        Ok(view) => view,
                        Err(PageLoadError) => view! {
                            <div class="card" role="alert">
                                <p>
                                    "This page could not be opened: part of Restride isn't saved on this phone yet and it couldn't be fetched. Your runs are safe. Try again when you're online."
                                </p>
                                <button class="button" on:click=move |_| attempt.update(|n| *n += 1)>
                                    "Try again"
                                </button>
                            </div>
                        }
                            .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
