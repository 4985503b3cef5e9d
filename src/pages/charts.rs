//! Small accessible SVG charts: bars (stacked when several series) and lines. Each
//! is a `figure` whose SVG has a title and description, followed by its data as a
//! table, the text equivalent. Colours come from CSS classes, so dark mode and the
//! CSP (no inline styles) both hold.

use leptos::prelude::*;

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

const W: f64 = 360.0;
const H: f64 = 180.0;
const LEFT: f64 = 36.0;
const BOTTOM: f64 = 22.0;
const TOP: f64 = 8.0;

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
    /// The unit of the y values, for the table header and axis.
    unit: &'static str,
) -> impl IntoView {
    let n = x_labels.len().max(1);
    #[allow(clippy::cast_precision_loss)] // a chart has at most a few hundred points
    let step = (W - LEFT) / n as f64;
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
    let y = move |v: f64| TOP + (top - v) / (top - bottom) * (H - TOP - BOTTOM);
    let ticks = [bottom, (top + bottom) / 2.0, top];
    let label_every = n.div_ceil(6);
    #[allow(clippy::cast_precision_loss)]
    let x_mid = move |i: usize| LEFT + step * (i as f64 + 0.5);

    let grid = ticks
        .iter()
        .map(|t| {
            view! {
                <line class="grid" x1=LEFT x2=W y1=y(*t) y2=y(*t)></line>
                <text class="tick" x=LEFT - 4.0 y=y(*t) + 3.0 text-anchor="end">{fmt_tick(*t)}</text>
            }
        })
        .collect_view();
    let x_axis = x_labels
        .iter()
        .enumerate()
        .filter(|(i, _)| i % label_every == 0)
        .map(|(i, l)| view! { <text class="tick" x=x_mid(i) y=H - 6.0 text-anchor="middle">{l.clone()}</text> })
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
    let fmt_cell = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| format!("{v:.1}"));
    let table = view! {
        <details class="chart-table">
            <summary>{format!("{title}: data table")}</summary>
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Week"</th>
                        {series.iter().map(|s| view! { <th scope="col">{format!("{} ({unit})", s.name)}</th> }).collect_view()}
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
        </details>
    };
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart" id=id>
            <figcaption><h3>{title.clone()}</h3></figcaption>
            <svg
                viewBox=format!("0 0 {W} {H}")
                role="img"
                aria-labelledby=labelled_by
            >
                <title id=title_id>{title}</title>
                <desc id=desc_id>{description.clone()}</desc>
                {grid}
                {marks}
                {x_axis}
            </svg>
            {legend}
            <p class="hint">{description}</p>
            {table}
        </figure>
    }
}
