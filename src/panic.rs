//! The crash screen. In wasm a panic leaves a frozen page; instead the hook logs the
//! panic and replaces the page with a plain message and a reload link. The screen is
//! static HTML with no script, because the wasm instance can't be trusted after a
//! panic (release builds abort).

const CRASH_HTML: &str = r#"<main class="crash" role="alert" aria-live="assertive">
<h1>Something went wrong — your data is safe</h1>
<p>Restride hit an error it could not recover from. Everything you saved is still on this device.</p>
<a class="button primary" href="./">Reload</a>
</main>"#;

pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Restride crashed: {info}").into());
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            body.set_inner_html(CRASH_HTML);
        }
    }));
}

/// Lets the end-to-end suite prove the crash screen works (`?crash-test`).
#[allow(clippy::panic)]
pub fn crash_for_test() {
    panic!("crash test requested by ?crash-test");
}
