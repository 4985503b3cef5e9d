//! The weekly summary card: drawn on a canvas in the browser and handed to the
//! phone's share sheet (Web Share API) where the browser can share files, or
//! downloaded where it cannot. Restride itself sends nothing anywhere.

use restride_app::ShareCard;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::browser::{download_blob, js_error};

/// Square, the size share targets crop least.
const SIZE: u32 = 1080;
const MARGIN: f64 = 80.0;
const TEAL: &str = "#0f766e";
const INK: &str = "#ffffff";
const SOFT: &str = "#ccfbf1";

/// How the card left the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivered {
    Shared,
    Downloaded,
    /// The runner closed the share sheet.
    Cancelled,
}

/// Draws `card` as a PNG and shares it, or downloads it as its file when the
/// browser cannot share files.
pub async fn share_card(card: &ShareCard) -> Result<Delivered, String> {
    let blob = draw_png(card).await?;
    match share_file(&card.filename, &blob, card).await {
        Some(Ok(())) => Ok(Delivered::Shared),
        Some(Err(e)) if e.as_string().as_deref() == Some("AbortError") => Ok(Delivered::Cancelled),
        // No file sharing here, or it failed: the download still gets the card out.
        _ => download_blob(&card.filename, &blob).map(|()| Delivered::Downloaded),
    }
}

async fn draw_png(card: &ShareCard) -> Result<web_sys::Blob, String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let canvas: HtmlCanvasElement =
        document.create_element("canvas").map_err(js_error)?.dyn_into().map_err(|_| "no canvas")?;
    canvas.set_width(SIZE);
    canvas.set_height(SIZE);
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(js_error)?
        .ok_or("no 2D canvas")?
        .dyn_into()
        .map_err(|_| "no 2D canvas")?;
    let size = f64::from(SIZE);
    ctx.set_fill_style_str(TEAL);
    ctx.fill_rect(0.0, 0.0, size, size);
    ctx.set_text_baseline("top");
    let width = size - 2.0 * MARGIN;

    let mut y = MARGIN;
    ctx.set_fill_style_str(INK);
    ctx.set_font("bold 72px system-ui, sans-serif");
    for line in wrap(&ctx, &card.title, width) {
        ctx.fill_text(&line, MARGIN, y).map_err(js_error)?;
        y += 88.0;
    }
    y += 32.0;
    ctx.set_font("44px system-ui, sans-serif");
    for text in &card.lines {
        for line in wrap(&ctx, text, width) {
            if y > size - 2.0 * MARGIN {
                break;
            }
            ctx.fill_text(&line, MARGIN, y).map_err(js_error)?;
            y += 58.0;
        }
        y += 14.0;
    }
    ctx.set_fill_style_str(SOFT);
    ctx.set_font("36px system-ui, sans-serif");
    ctx.fill_text(&card.footer, MARGIN, size - MARGIN - 36.0).map_err(js_error)?;

    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        // A canvas built here is never tainted, so toBlob only fails on a broken browser.
        let _ = canvas.to_blob_with_type(&resolve, "image/png");
    });
    let blob = JsFuture::from(promise).await.map_err(js_error)?;
    blob.dyn_into().map_err(|_| "the browser drew no image".to_string())
}

/// Greedy word wrap to `width` pixels in the context's current font.
fn wrap(ctx: &CanvasRenderingContext2d, text: &str, width: f64) -> Vec<String> {
    let fits = |s: &str| ctx.measure_text(s).map(|m| m.width() <= width).unwrap_or(true);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if fits(&candidate) || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Shares the PNG through `navigator.share` when `navigator.canShare` accepts files.
/// `None` when the browser cannot; `Some(Err(name))` with the error's name when the
/// share failed or was cancelled.
async fn share_file(filename: &str, blob: &web_sys::Blob, card: &ShareCard) -> Option<Result<(), JsValue>> {
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let can_share =
        js_sys::Reflect::get(&navigator, &"canShare".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let share =
        js_sys::Reflect::get(&navigator, &"share".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let props = web_sys::FilePropertyBag::new();
    props.set_type("image/png");
    let file = web_sys::File::new_with_blob_sequence_and_options(&js_sys::Array::of1(blob), filename, &props)
        .ok()?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file)).ok()?;
    if !can_share.call1(&navigator, &data).ok()?.is_truthy() {
        return None;
    }
    js_sys::Reflect::set(&data, &"title".into(), &card.title.as_str().into()).ok()?;
    js_sys::Reflect::set(&data, &"text".into(), &card.text().into()).ok()?;
    let promise: js_sys::Promise = share.call1(&navigator, &data).ok()?.dyn_into().ok()?;
    Some(
        JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|e| js_sys::Reflect::get(&e, &"name".into()).unwrap_or(e)),
    )
}
