//! The Restride web app: thin Leptos components over `restride-app` (every
//! operation a runner can do, and what the screens show). `state` forwards to it
//! and keeps its results in signals; everything browser-specific lives in
//! `browser` and `storage`; nothing here decides what a run means.

pub mod app;
pub mod browser;
pub mod import_worker;
mod lazy;
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
/// first visit the page asks for the wasm only once the browser has reported the
/// shell's paint (`scripts/postbuild.mjs`, `deferWasmPreload`), so the shell has
/// been shown by the time this runs; an installed app's page comes from the service
/// worker without the shell.
pub fn start() {
    panic::install_hook();
    if browser::query_flag("crash-test") {
        panic::crash_for_test();
    }
    let shell = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("shell"));
    FIRST_VISIT.store(shell.is_some(), std::sync::atomic::Ordering::Relaxed);
    match shell {
        // A first visit compiles each wasm function at its first call: the wasm's
        // start and the first render in tasks of their own keep each shorter, and a
        // tap on the shell is answered in between.
        Some(shell) => leptos::prelude::set_timeout(
            move || {
                shell.remove();
                leptos::mount::mount_to_body(app::App);
                lazy::preload_when_idle(true);
            },
            std::time::Duration::ZERO,
        ),
        None => {
            leptos::mount::mount_to_body(app::App);
            lazy::preload_when_idle(false);
        }
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
