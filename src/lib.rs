//! The Restride web app: thin Leptos components over `restride-core` (the domain)
//! and `restride-store` (the storage boundary). Everything browser-specific lives in
//! `browser` and `storage`; nothing here decides what a run means.

pub mod app;
pub mod browser;
pub mod import_worker;
mod pages;
pub mod panic;
pub mod pwa;
pub mod share;
pub mod state;
pub mod storage;

/// Entry point called by `main`: install the crash screen first, then mount.
pub fn start() {
    panic::install_hook();
    if browser::query_flag("crash-test") {
        panic::crash_for_test();
    }
    leptos::mount::mount_to_body(app::App);
}
