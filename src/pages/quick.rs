//! The quick check-in: "just finished your usual run?" The card offers the most
//! similar recent run (same time of day, most common type), prefilled with its
//! effort and feel. Confirming takes at most three taps (effort, feel, save) and
//! saves at once with an undo.

use leptos::prelude::*;
use restride_core::form::repeat_of;
use restride_core::history::usual_run;
use restride_core::{Feel, Rpe, Run};

use super::run_summary;
use super::widgets::{Chip, RadioChips};
use crate::browser;
use crate::state::{Tab, Undo, use_state};

#[component]
pub fn QuickLog(
    /// The tab the card is on. Today stays mounted behind Log, which has the card
    /// too: each keeps its choice current while its tab is shown, and has its own
    /// ids and radio groups.
    on: Tab,
) -> impl IntoView {
    let state = use_state();
    // Chosen again when the tab is shown and the history changed; the card is
    // built again only if the choice changed.
    let template =
        state.while_shown(on, move || state.runs.with(|runs| usual_run(runs, browser::now_local()).cloned()));
    move || template.get().map(|run| view! { <QuickCard template=run on/> })
}

#[component]
fn QuickCard(template: Run, on: Tab) -> impl IntoView {
    let state = use_state();
    let rpe = RwSignal::new(template.rpe.map(Rpe::value));
    let feel = RwSignal::new(template.feel.map(Feel::value));
    let unit = state.settings.get_untracked().unit;
    let mut what = format!("{} · {}", template.kind.label(), run_summary(&template, unit));
    if !template.route.is_empty() {
        what.push_str(&format!(" · {}", template.route));
    }
    let template = StoredValue::new(template);
    let save = move |_| {
        let (Some(rpe), Some(feel)) =
            (rpe.get_untracked().and_then(Rpe::new), feel.get_untracked().and_then(Feel::new))
        else {
            return;
        };
        let now = browser::now();
        let entry = template.with_value(|t| repeat_of(t, rpe, feel, browser::now_local()));
        let run = entry.into_new_run(browser::new_run_id(now), now);
        match state.save_run(&run) {
            Ok(()) => state.show_toast("Run saved.".into(), Some(Undo::Remove(run.id))),
            Err(e) => state.show_toast(e.to_string(), None),
        }
    };
    let title_id = format!("quick-{}-title", on.slug());
    let labelled_by = title_id.clone();
    let (rpe_group, feel_group) = match on {
        Tab::Today => ("quick-today-rpe", "quick-today-feel"),
        _ => ("quick-log-rpe", "quick-log-feel"),
    };
    view! {
        <section class="card quick" aria-labelledby=labelled_by>
            <h3 id=title_id>"Just finished your usual run?"</h3>
            <p>{what}</p>
            <RadioChips
                legend="Effort"
                name=rpe_group
                caption="0 rest · 3 moderate · 5 hard · 7 very hard · 10 maximal"
                options=(0..=Rpe::MAX).filter_map(Rpe::new).map(|r| Chip::hinted(r.value(), r.value().to_string(), r.label())).collect()
                selected=rpe
                on_pick=move |v| rpe.set(Some(v))
            />
            <RadioChips
                legend="How it felt"
                name=feel_group
                options=(Feel::MIN..=Feel::MAX).filter_map(Feel::new).map(|f| Chip::new(f.value(), f.label())).collect()
                selected=feel
                on_pick=move |v| feel.set(Some(v))
            />
            <div class="actions">
                <button type="button" class="primary" on:click=save>"Save this run"</button>
            </div>
        </section>
    }
}
