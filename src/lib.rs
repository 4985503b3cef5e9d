//! The Restride web app: thin Leptos components over `restride-app` (every
//! operation a runner can do, and what the screens show). `state` forwards to it
//! and keeps its results in signals; everything browser-specific lives in
//! `browser` and `storage`; nothing here decides what a run means.

pub mod app;
pub mod browser;
pub mod import_worker;
pub mod lock;
pub mod nav;
mod pages;
pub mod panic;
pub mod pwa;
pub mod share;
pub mod state;
pub mod storage;
pub mod toast;

/// Entry point called by `main`: install the crash screen first, then mount.
///
/// `index.html` paints a static shell of the first screen while the wasm loads; it
/// goes and the app mounts in one task, so no frame shows both or neither. On a
/// fast load the wasm can be ready before the browser has presented the shell: then
/// the mount waits for it, so the first paint is never held back by the app's first
/// render and the largest paint is the shell's, as it is on a phone's network. A
/// hidden page paints no frames, so it mounts at once; so does an installed app,
/// whose page comes from the service worker without the shell.
pub fn start() {
    panic::install_hook();
    if browser::query_flag("crash-test") {
        panic::crash_for_test();
    }
    let document = web_sys::window().and_then(|w| w.document());
    let shell_showing = document.as_ref().is_some_and(|d| d.get_element_by_id("shell").is_some());
    FIRST_VISIT.store(shell_showing, std::sync::atomic::Ordering::Relaxed);
    let visible = document.is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
    if shell_showing && visible {
        mount_once_shell_presented();
    } else {
        mount();
    }
}

/// Whether this page started over index.html's static shell: a first visit, with
/// no service worker yet, so no compiled code cached either (an installed app's
/// page comes without the shell).
static FIRST_VISIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether this page is a first visit (see `FIRST_VISIT`).
pub fn first_visit() -> bool {
    FIRST_VISIT.load(std::sync::atomic::Ordering::Relaxed)
}

/// How long after the shell's frame the mount waits at most for the browser to
/// report that frame presented. Chromium reports it a frame or two later on a
/// phone; headless on a loaded machine, up to about 150 ms.
const SHELL_PRESENTED_AT_MOST: std::time::Duration = std::time::Duration::from_millis(250);

/// Mounts once the shell's frame has been presented: when the browser reports its
/// largest contentful paint (taken at presentation). Removing the shell before that
/// report drops it, and the app's identical first screen becomes the largest paint,
/// timed after the wasm. Without such reports (Safari), after the shell's frame.
fn mount_once_shell_presented() {
    let pending = std::rc::Rc::new(std::cell::Cell::new(true));
    let mount_once = move || {
        if pending.replace(false) {
            mount();
        }
    };
    let reported = on_largest_paint(mount_once.clone());
    let wait = if reported { SHELL_PRESENTED_AT_MOST } else { std::time::Duration::ZERO };
    leptos::prelude::request_animation_frame(move || leptos::prelude::set_timeout(mount_once, wait));
}

/// Calls `then` at the page's first largest-contentful-paint report (earlier ones
/// included). False where the browser makes no such reports.
fn on_largest_paint(then: impl Fn() + 'static) -> bool {
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};
    const LCP: &str = "largest-contentful-paint";
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &JsValue::from_str(key)).ok();
    let supported = web_sys::window()
        .and_then(|w| get(&w, "PerformanceObserver"))
        .and_then(|observer| get(&observer, "supportedEntryTypes"))
        .and_then(|types| types.dyn_into::<js_sys::Array>().ok())
        .is_some_and(|types| types.includes(&JsValue::from_str(LCP), 0));
    if !supported {
        return false;
    }
    let callback = Closure::<dyn Fn(JsValue, web_sys::PerformanceObserver)>::new(
        move |_entries: JsValue, observer: web_sys::PerformanceObserver| {
            observer.disconnect();
            then();
        },
    );
    let Ok(observer) = web_sys::PerformanceObserver::new(callback.as_ref().unchecked_ref()) else {
        return false;
    };
    // `type` and `buffered` (a report made before the wasm ran counts): web-sys's
    // options type only knows `entryTypes`, with which `buffered` is ignored.
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("type"), &JsValue::from_str(LCP));
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("buffered"), &JsValue::TRUE);
    observer.observe(options.unchecked_ref());
    // Called at most once per page load; it lives as long as the page.
    callback.forget();
    true
}

fn mount() {
    if let Some(shell) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("shell"))
    {
        shell.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
