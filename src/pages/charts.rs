//! Small accessible SVG charts: bars (stacked when several series) and lines. Each
//! is a `figure` with its title, a sentence on what to look for, and its data as a
//! table, the text equivalent. A phone can read them: labels are at least 12 px on
//! a 320 px screen, the y axis names its unit, and a tap (or the arrow keys) picks
//! a week, whose values are read out above the chart. Colours come from CSS
//! classes, so dark mode and the CSP (no inline styles) both hold.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One named series of values, one per x label. `None` is a gap (no data).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// A CSS class picking the colour (`s1` … `s8`).
    pub class: &'static str,
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Stacked bars (one series: plain bars).
    Bars,
    Lines,
}

/// The drawing's own units. Labels are 14 of them (`.chart .tick` in the
/// stylesheet): on a 320 px phone the chart is 262 px wide, so they show at 12 px;
/// the chart's width is capped, so they never grow past about 18 px.
const W: f64 = 300.0;
const H: f64 = 180.0;
const BOTTOM: f64 = 24.0;
/// Room above the plot for the y axis's unit.
const TOP: f64 = 22.0;
/// Room left of the plot per character of the longest y label, and besides.
const CHAR_W: f64 = 8.0;
const PAD: f64 = 6.0;
/// At most this many week labels under the bars, so they never run together.
const X_LABELS: usize = 4;

fn nice_max(max: f64) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|v| *v >= max).unwrap_or(max)
}

fn fmt_tick(v: f64) -> String {
    if v.abs() >= 100.0 || v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v:.1}") }
}

/// "12.4", or with the value's word ("5.2 (Hard)") when the chart has one.
fn fmt_value(v: Option<f64>, word: Option<fn(f64) -> &'static str>) -> String {
    match (v, word) {
        (None, _) => "–".to_string(),
        (Some(v), None) => format!("{v:.1}"),
        (Some(v), Some(word)) => format!("{v:.1} ({})", word(v)),
    }
}

// Leptos components take their props by value.
#[allow(clippy::needless_pass_by_value)]
#[component]
pub fn Chart(
    id: &'static str,
    title: String,
    /// One sentence saying what the chart shows and what to look for.
    description: String,
    kind: Kind,
    x_labels: Vec<String>,
    series: Vec<Series>,
    /// The unit of the y values, for the axis, the readout and the table header.
    unit: &'static str,
    /// Words for a value (effort's "Hard"), said beside it wherever it is read.
    #[prop(optional)]
    word: Option<fn(f64) -> &'static str>,
) -> impl IntoView {
    let n = x_labels.len().max(1);
    let stacked_max = (0..n)
        .map(|i| {
            series.iter().map(|s| s.values.get(i).copied().flatten().unwrap_or(0.0).max(0.0)).sum::<f64>()
        })
        .fold(0.0, f64::max);
    let values = series.iter().flat_map(|s| s.values.iter().flatten().copied());
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let top = nice_max(if kind == Kind::Bars { stacked_max } else { hi });
    // Lines can go negative (form); bars never do.
    let bottom = if kind == Kind::Lines && lo < 0.0 { -nice_max(-lo) } else { 0.0 };
    let ticks = [bottom, (top + bottom) / 2.0, top];
    #[allow(clippy::cast_precision_loss)] // a few characters
    let left = PAD + CHAR_W * ticks.iter().map(|t| fmt_tick(*t).chars().count()).max().unwrap_or(1) as f64;
    #[allow(clippy::cast_precision_loss)] // a chart has at most a few hundred points
    let step = (W - left) / n as f64;
    let y = move |v: f64| TOP + (top - v) / (top - bottom) * (H - TOP - BOTTOM);
    let label_every = n.div_ceil(X_LABELS);
    #[allow(clippy::cast_precision_loss)]
    let x_mid = move |i: usize| left + step * (i as f64 + 0.5);

    let grid = ticks
        .iter()
        .map(|t| {
            view! {
                <line class="grid" x1=left x2=W y1=y(*t) y2=y(*t)></line>
                <text class="tick" x=left - 4.0 y=y(*t) + 5.0 text-anchor="end">{fmt_tick(*t)}</text>
            }
        })
        .collect_view();
    let x_axis = x_labels
        .iter()
        .enumerate()
        // The latest week is always labelled; the others every so often before it.
        .filter(|(i, _)| (n - 1 - i).is_multiple_of(label_every))
        .map(|(i, l)| view! { <text class="tick" x=x_mid(i) y=H - 4.0 text-anchor="middle">{l.clone()}</text> })
        .collect_view();
    let marks = match kind {
        Kind::Bars => (0..n)
            .flat_map(|i| {
                let mut base = 0.0;
                series
                    .iter()
                    .filter_map(|s| {
                        let v = s.values.get(i).copied().flatten()?.max(0.0);
                        let (y0, y1) = (y(base), y(base + v));
                        base += v;
                        Some(view! {
                            <rect class=s.class x=x_mid(i) - step * 0.35 width=step * 0.7 y=y1 height=(y0 - y1).max(0.0)></rect>
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .collect_view()
            .into_any(),
        Kind::Lines => series
            .iter()
            .map(|s| {
                // Gaps split the line into separate runs of points.
                let mut d = String::new();
                let mut pen_down = false;
                for (i, v) in s.values.iter().enumerate() {
                    match v {
                        Some(v) => {
                            d.push_str(&format!("{}{:.1},{:.1} ", if pen_down { "L" } else { "M" }, x_mid(i), y(*v)));
                            pen_down = true;
                        }
                        None => pen_down = false,
                    }
                }
                view! { <path class=format!("line {}", s.class) d=d></path> }
            })
            .collect_view()
            .into_any(),
    };
    let legend = (series.len() > 1).then(|| {
        view! {
            <ul class="legend">
                {series.iter().map(|s| view! { <li><span class=format!("key {}", s.class)></span>{s.name.clone()}</li> }).collect_view()}
            </ul>
        }
    });

    // The week picked (the latest at first) and its values, in words.
    let picked = RwSignal::new(n - 1);
    let readout = {
        let (labels, series) = (x_labels.clone(), series.clone());
        Memo::new(move |_| {
            let i = picked.get();
            let values = series
                .iter()
                .map(|s| {
                    let v = fmt_value(s.values.get(i).copied().flatten(), word);
                    // One series says its unit (unless its word says more); several, their names.
                    if series.len() > 1 || word.is_some() {
                        format!("{} {v}", s.name)
                    } else {
                        format!("{} {v} {unit}", s.name)
                    }
                })
                .collect::<Vec<_>>()
                .join(" · ");
            format!("Week of {}: {values}", labels.get(i).map_or("", String::as_str))
        })
    };
    let last = n - 1;
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let i = picked.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowLeft" | "ArrowDown" => i.saturating_sub(1),
            "ArrowRight" | "ArrowUp" => (i + 1).min(last),
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        ev.prevent_default();
        picked.set(next);
    };
    // The drawing's marks let taps through (`pointer-events: none`), so the
    // target is the SVG itself and the offset is across its width.
    let on_tap = move |ev: leptos::ev::MouseEvent| {
        let Some(svg) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let width = f64::from(svg.client_width());
        // A tap beside the drawing (on a wide screen) picks nothing.
        if svg.tag_name() != "svg" || width <= 0.0 {
            return;
        }
        let x = f64::from(ev.offset_x()) / width * W;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to the weeks below
        let i = ((x - left) / step).floor().max(0.0) as usize;
        picked.set(i.min(last));
    };

    let fmt_cell = move |v: Option<f64>| fmt_value(v, word);
    let header = |s: &Series| if unit.is_empty() { s.name.clone() } else { format!("{} ({unit})", s.name) };
    let table_name = format!("{title}: data table");
    let table = view! {
        <details class="chart-table">
            <summary>{table_name.clone()}</summary>
            // Wider than a small phone with several series: it scrolls, by keyboard too.
            <div class="scroll" tabindex="0" role="group" aria-label=table_name>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"Week of"</th>
                            {series.iter().map(|s| view! { <th scope="col">{header(s)}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {x_labels
                            .iter()
                            .enumerate()
                            .map(|(i, l)| view! {
                                <tr>
                                    <th scope="row">{l.clone()}</th>
                                    {series.iter().map(|s| view! { <td>{fmt_cell(s.values.get(i).copied().flatten())}</td> }).collect_view()}
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    };
    let slider_label = format!("{title}: choose a week");
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart" id=id>
            <figcaption><h3>{title.clone()}</h3></figcaption>
            <p class="readout">{move || readout.get()}</p>
            <div
                class="plot"
                role="slider"
                tabindex="0"
                aria-label=slider_label
                aria-valuemin="0"
                aria-valuemax=last
                aria-valuenow=move || picked.get()
                aria-valuetext=move || readout.get()
                on:keydown=on_key
                on:click=on_tap
            >
                <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby=labelled_by>
                    <title id=title_id>{title}</title>
                    <desc id=desc_id>{description.clone()}</desc>
                    <rect
                        class="pick"
                        x=move || x_mid(picked.get()) - step / 2.0
                        width=step
                        y=TOP
                        height=H - TOP - BOTTOM
                    ></rect>
                    {grid}
                    <text class="tick unit" x="0" y="14">{unit}</text>
                    {marks}
                    {x_axis}
                </svg>
            </div>
            {legend}
            <p class="hint">{description}</p>
            {table}
        </figure>
    }
}
