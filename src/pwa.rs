//! Service worker registration and the update flow: a new version installs in the
//! background and waits; the app shows "A new version is ready — reload"; only when
//! the runner taps it does the waiting worker take over, and the page reloads
//! once it controls the page, so old JS never runs against new wasm.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The message the worker listens for before it calls `skipWaiting()`.
const SKIP_WAITING: &str = "skip-waiting";

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent on insecure origins and some embedded browsers.
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .ok()
        .filter(|has| *has)
        .map(|_| navigator.service_worker())
}

/// Registers `/sw.js`; sets `update_ready` when a new version is waiting.
pub fn register(update_ready: RwSignal<bool>) {
    let Some(container) = container() else { return };
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

/// The runner tapped "reload": let the waiting worker take over, then reload.
pub fn apply_update() {
    let reload = || {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
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
        let on_change = Closure::<dyn FnMut()>::new(reload);
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        if waiting.post_message(&SKIP_WAITING.into()).is_err() {
            reload();
        }
    });
}
