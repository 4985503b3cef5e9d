//! Small, safe wrappers over browser APIs the app needs: the clock, time zone and
//! randomness for ids (as the app crate's [`Device`]), persistent storage, the
//! location hash, and file downloads. Each degrades instead of panicking.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, Offset, TimeZone, Timelike, Utc};
use leptos::prelude::{RwSignal, Set};
use restride_app::Device;
use restride_core::RunId;
use wasm_bindgen::JsCast;

/// The browser's clock, time zone and random numbers: the only place the app reads them.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserDevice;

impl Device for BrowserDevice {
    fn now(&self) -> DateTime<Utc> {
        now()
    }

    fn offset_at(&self, instant: DateTime<Utc>) -> FixedOffset {
        offset_at(instant)
    }

    fn local_offset_at(&self, local: NaiveDateTime) -> Option<FixedOffset> {
        local_offset_at(local)
    }

    fn new_run_id(&self, now: DateTime<Utc>) -> RunId {
        new_run_id(now)
    }
}

fn now() -> DateTime<Utc> {
    #[allow(clippy::cast_possible_truncation)] // milliseconds since 1970 fit an i64 for aeons
    let ms = js_sys::Date::now() as i64;
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

/// The device's UTC offset at a local date-time (DST-aware), or `None` when that
/// local time doesn't exist because the clocks jumped forward.
fn local_offset_at(naive: NaiveDateTime) -> Option<FixedOffset> {
    let d = js_sys::Date::new_with_year_month_day_hr_min_sec(
        u32::try_from(naive.year()).ok()?,
        i32::try_from(naive.month0()).ok()?,
        i32::try_from(naive.day()).ok()?,
        i32::try_from(naive.hour()).ok()?,
        i32::try_from(naive.minute()).ok()?,
        i32::try_from(naive.second()).ok()?,
    );
    // In a DST gap the browser moves the time; the fields no longer match.
    let same =
        d.get_hours() == naive.hour() && d.get_minutes() == naive.minute() && d.get_date() == naive.day();
    if !same {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)] // offsets are whole minutes within ±24 h
    let offset_min = -(d.get_timezone_offset() as i32);
    FixedOffset::east_opt(offset_min * 60)
}

/// The device's UTC offset at an instant (DST-aware): the zone an imported run is
/// shown in when its file doesn't say.
fn offset_at(instant: DateTime<Utc>) -> FixedOffset {
    #[allow(clippy::cast_precision_loss)] // milliseconds since 1970 are far below 2^52
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(instant.timestamp_millis() as f64));
    #[allow(clippy::cast_possible_truncation)] // offsets are whole minutes within ±24 h
    let offset_min = -(date.get_timezone_offset() as i32);
    FixedOffset::east_opt(offset_min * 60).unwrap_or_else(|| Utc.fix())
}

fn new_run_id(now: DateTime<Utc>) -> RunId {
    let mut bytes = [0u8; 10];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            // 0..256 by construction
            let v = (js_sys::Math::random() * 256.0) as u8;
            *b = v;
        }
    }
    RunId::v7(u64::try_from(now.timestamp_millis()).unwrap_or(0), bytes)
}

/// Asks the browser to keep the app's storage (`navigator.storage.persist()`: not
/// to clear it to free space, nor after days without a visit), and puts its answer
/// in `kept`. Chrome and Edge answer by themselves (yes for an installed app or a
/// much-used site), Firefox asks the runner, Safari keeps an app on the home screen.
pub fn ask_to_keep_storage(kept: RwSignal<Option<bool>>) {
    answer_into(kept, |storage| storage.persist());
}

/// Puts in `kept` whether the browser has promised to keep the app's storage
/// (`navigator.storage.persisted()`), without asking.
pub fn is_storage_kept(kept: RwSignal<Option<bool>>) {
    answer_into(kept, |storage| storage.persisted());
}

fn answer_into(
    kept: RwSignal<Option<bool>>,
    ask: impl FnOnce(&web_sys::StorageManager) -> Result<js_sys::Promise, wasm_bindgen::JsValue>,
) {
    let Some(promise) = web_sys::window().and_then(|w| ask(&w.navigator().storage()).ok()) else {
        return;
    };
    leptos::task::spawn_local(async move {
        let answer = wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|a| a.as_bool());
        if answer.is_some() {
            kept.set(answer);
        }
    });
}

/// Whether the app runs installed (from the home screen), where browsers keep
/// its storage: the standalone display mode, or Safari's `navigator.standalone`.
pub fn installed() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let standalone =
        window.match_media("(display-mode: standalone)").ok().flatten().is_some_and(|m| m.matches());
    let ios_home_screen = js_sys::Reflect::get(&window.navigator(), &"standalone".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    standalone || ios_home_screen
}

/// The page URL's hash (`#/log`), or empty.
pub fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Sets the page URL's hash (a same-document navigation, added to history).
pub fn set_location_hash(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

/// Moves keyboard focus to the first element matching `selector`, if any (e.g.
/// the first choice of a question left unanswered).
pub fn focus(selector: &str) {
    let found =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(element) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// How far the page is scrolled down, in CSS pixels.
pub fn scroll_y() -> f64 {
    web_sys::window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0)
}

/// Scrolls the page to `y` CSS pixels from the top, at once.
pub fn scroll_to(y: f64) {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, y);
    }
}

/// True when the page URL's query has `name` (e.g. `?crash-test`).
pub fn query_flag(name: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.trim_start_matches('?').split('&').any(|p| p.split('=').next() == Some(name)))
}

/// Offers `contents` as a file download, without any network request.
pub fn download(filename: &str, mime: &str, contents: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props).map_err(js_error)?;
    download_blob(filename, &blob)
}

/// Offers `blob` as a file download, without any network request.
pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(js_error)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(js_error)?.dyn_into().map_err(|_| "not an anchor")?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Revoked only once the browser has surely started the download: some cancel
    // it silently when the URL goes at once.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        KEEP_DOWNLOAD_URL,
    );
    Ok(())
}

/// How long a download's object URL stays valid.
const KEEP_DOWNLOAD_URL: std::time::Duration = std::time::Duration::from_secs(60);

/// A JavaScript exception as text for a message: its `message` when it has one.
#[allow(clippy::needless_pass_by_value)] // by value so it fits `map_err(js_error)`
pub fn js_error(e: wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(&e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}
