//! The Restride web app: thin Leptos components over `restride-app` (every
//! operation a runner can do, and what the screens show). `state` forwards to it
//! and keeps its results in signals; everything browser-specific lives in
//! `browser` and `storage`; nothing here decides what a run means.

pub mod app;
pub mod browser;
pub mod import_worker;
pub mod nav;
mod pages;
pub mod panic;
pub mod pwa;
pub mod share;
pub mod state;
pub mod storage;
pub mod toast;

/// Entry point called by `main`: install the crash screen first, then mount.
pub fn start() {
    panic::install_hook();
    if browser::query_flag("crash-test") {
        panic::crash_for_test();
    }
    leptos::mount::mount_to_body(app::App);
}
