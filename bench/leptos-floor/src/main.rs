//! The least a Today screen in Leptos needs (Cargo.toml says why): stored runs read
//! with serde_json, a date formatted with chrono, a list, a form with a signal and a
//! derived total.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
struct Run {
    id: String,
    date: String,
    distance_km: f64,
    duration_s: u32,
    rpe: Option<u8>,
    notes: String,
}

fn stored_runs() -> Vec<Run> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("runs").ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

#[component]
fn Today() -> impl IntoView {
    let (runs, set_runs) = signal(stored_runs());
    let (distance, set_distance) = signal(String::new());
    let total = Memo::new(move |_| runs.with(|r| r.iter().map(|r| r.distance_km).sum::<f64>()));
    let save = move |_| {
        if let Ok(km) = distance.get().parse::<f64>() {
            set_runs.update(|r| {
                r.push(Run {
                    id: format!("{}", r.len()),
                    date: "2026-12-03".into(),
                    distance_km: km,
                    duration_s: 0,
                    rpe: None,
                    notes: String::new(),
                })
            });
            let json = runs.with(|r| serde_json::to_string(r).unwrap_or_default());
            if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
                let _ = s.set_item("runs", &json);
            }
        }
    };
    view! {
        <header><h1>"Restride"</h1></header>
        <main>
            <h2>"Today"</h2>
            <p>{move || format!("{:.1} km in all", total.get())}</p>
            <label>"Distance" <input type="number" prop:value=distance on:input=move |e| set_distance.set(event_target_value(&e))/></label>
            <button on:click=save>"Save"</button>
            <ul>
                <For each=move || runs.get() key=|r| r.id.clone() let(r)>
                    <li>{chrono::NaiveDate::parse_from_str(&r.date, "%Y-%m-%d").map(|d| d.format("%a %-d %b").to_string()).unwrap_or_default()} " " {format!("{:.2} km", r.distance_km)}</li>
                </For>
            </ul>
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(Today);
}
