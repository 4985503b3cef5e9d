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
/// fast load the wasm can be ready before the browser has painted anything: then
/// the mount waits for the shell's frame, so the first paint is never held back by
/// the app's first render (and the largest paint is the shell's, as it is on a
/// phone's network). A hidden page paints no frames, so it mounts at once.
pub fn start() {
    panic::install_hook();
    if browser::query_flag("crash-test") {
        panic::crash_for_test();
    }
    let document = web_sys::window().and_then(|w| w.document());
    let painted = document.as_ref().is_some_and(|d| d.get_element_by_id("shell").is_none())
        || web_sys::window()
            .and_then(|w| w.performance())
            .is_some_and(|p| p.get_entries_by_name("first-contentful-paint").length() > 0);
    let visible = document.is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
    if painted || !visible {
        mount();
    } else {
        leptos::prelude::request_animation_frame(|| {
            leptos::prelude::set_timeout(mount, std::time::Duration::ZERO)
        });
    }
}

fn mount() {
    if let Some(shell) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("shell"))
    {
        shell.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
