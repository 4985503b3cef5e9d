//! The Restride web app: thin Leptos components over `restride-core` (the domain)
//! and `restride-store` (the storage boundary). Everything browser-specific lives in
//! `browser` and `storage`; nothing here decides what a run means.

pub mod app;
pub mod browser;
mod pages;
pub mod panic;
pub mod pwa;
pub mod share;
pub mod state;
pub mod storage;

/// Entry point called by `main`: install the crash screen first, then mount.
///
/// `index.html` paints a static shell of the first screen while the wasm loads; it
/// goes and the app mounts in this one task, so no frame shows both or neither.
pub fn start() {
    panic::install_hook();
    if browser::query_flag("crash-test") {
        panic::crash_for_test();
    }
    if let Some(shell) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("shell"))
    {
        shell.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
