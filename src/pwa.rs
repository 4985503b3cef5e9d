//! Service worker registration and the update flow: a new version installs in the
//! background (checked file by file against the build's hashes, `sw.template.js`)
//! and waits; the app shows "A new version is ready — reload"; only when the runner
//! taps it does the waiting worker take over. Then every open tab reloads, the one
//! tapped and any other: an old page left running would fetch its lazily loaded
//! parts (the import worker) from a cache that now holds the new version's. Reloading
//! loses nothing saved: every write to storage completes inside the event that makes
//! it, so between events nothing is half-written.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The message the worker listens for before it calls `skipWaiting()`.
const SKIP_WAITING: &str = "skip-waiting";

/// The meta tag in which `scripts/postbuild.mjs` names this build's import worker.
const WORKER_META: &str = "restride-import-worker";
/// trunk's name for the worker loader (`data-loader-shim`), which a build without
/// the post-build hook (none that ships) keeps.
const UNVERSIONED_WORKER: &str = "/import_worker_loader.js";

/// The URL of this build's import worker loader. Its name carries a hash of the
/// worker's code, so a page never starts a worker from another version: after an
/// update the old name is simply not there any more.
pub fn import_worker_url() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!("meta[name='{WORKER_META}']")).ok().flatten())
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_else(|| UNVERSIONED_WORKER.to_owned())
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent on insecure origins and some embedded browsers.
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .ok()
        .filter(|has| *has)
        .map(|_| navigator.service_worker())
}

/// Registers `/sw.js`; sets `update_ready` when a new version is waiting, and
/// reloads the page when a new version takes over (in this tab or another).
pub fn register(update_ready: RwSignal<bool>) {
    let Some(container) = container() else { return };
    // The first install also changes the controller (from none, by `clients.claim()`);
    // that page already runs the version it now gets, so it stays.
    let controlled = Rc::new(Cell::new(container.controller().is_some()));
    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if controlled.replace(true) {
            reload();
        }
    });
    let _ = container
        .add_event_listener_with_callback("controllerchange", on_controller_change.as_ref().unchecked_ref());
    // Listens for the page's lifetime.
    on_controller_change.forget();
    let promise = container.register("/sw.js");
    leptos::task::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return;
        };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch(&container, &reg, update_ready);
    });
}

fn watch(container: &ServiceWorkerContainer, reg: &ServiceWorkerRegistration, update_ready: RwSignal<bool>) {
    // A worker waiting from an earlier visit; with no controller it is the first install.
    if reg.waiting().is_some() && container.controller().is_some() {
        update_ready.set(true);
    }
    let reg_for_found = reg.clone();
    let container = container.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg_for_found.installing() else {
            return;
        };
        let worker = installing.clone();
        let container = container.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                update_ready.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        // Lives as long as the worker it watches; a handful per session at most.
        on_state.forget();
    });
    reg.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

/// The runner tapped "reload": let the waiting worker take over; every tab then
/// reloads on `controllerchange` (see `register`).
pub fn apply_update() {
    let Some(container) = container() else {
        return reload();
    };
    leptos::task::spawn_local(async move {
        let reg = wasm_bindgen_futures::JsFuture::from(container.get_registration()).await;
        let waiting =
            reg.ok().and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok()).and_then(|r| r.waiting());
        let Some(waiting) = waiting else {
            return reload();
        };
        if waiting.post_message(&SKIP_WAITING.into()).is_err() {
            reload();
        }
    });
}
