//! The quick check-in: "just finished your usual run?" The card offers the most
//! similar recent run (same time of day, most common type), prefilled with its
//! effort and feel. Confirming takes at most three taps (effort, feel, save) and
//! saves at once with an undo.

use leptos::prelude::*;
use restride_core::{Feel, Rpe, Run, RunId};

use super::run_summary;
use super::widgets::{Chip, RadioChips};
use crate::nav::{Tab, use_nav};
use crate::state::use_state;

#[component]
pub fn QuickLog(
    /// The tab the card is on. Today stays mounted behind Log, which has the card
    /// too: each keeps its choice current while its tab is shown, and has its own
    /// ids and radio groups.
    on: Tab,
) -> impl IntoView {
    let state = use_state();
    // Chosen again when the tab is shown and the history changed.
    let template = use_nav().while_shown(on, move || state.usual_run());
    // The card is built once there is a usual run; a new choice (often the run
    // just saved) updates it in place rather than building it again.
    let offered = Memo::new(move |_| template.with(Option::is_some));
    move || offered.get().then(|| view! { <QuickCard template on/> })
}

/// A pick on the card, for the usual run it was made on: when another run is
/// offered, its own effort and feel are prefilled again.
type Pick = Option<(RunId, u8)>;

#[component]
fn QuickCard(template: Memo<Option<Run>>, on: Tab) -> impl IntoView {
    let state = use_state();
    let (picked_rpe, picked_feel) = (RwSignal::new(Pick::None), RwSignal::new(Pick::None));
    let current = move |picked: RwSignal<Pick>, prefill: fn(&Run) -> Option<u8>| {
        template.with(|t| {
            let t = t.as_ref()?;
            picked.with(|p| p.as_ref().filter(|(id, _)| *id == t.id).map(|(_, v)| *v)).or_else(|| prefill(t))
        })
    };
    let rpe = Signal::derive(move || current(picked_rpe, |t| t.rpe.map(Rpe::value)));
    let feel = Signal::derive(move || current(picked_feel, |t| t.feel.map(Feel::value)));
    let pick = move |picked: RwSignal<Pick>, value: u8| {
        if let Some(id) = template.with_untracked(|t| t.as_ref().map(|t| t.id.clone())) {
            picked.set(Some((id, value)));
        }
    };
    let what = move || {
        let unit = state.settings.with(|s| s.unit);
        template.with(|t| {
            t.as_ref().map(|t| {
                let mut what = format!("{} · {}", t.kind.label(), run_summary(t, unit));
                if !t.route.is_empty() {
                    what.push_str(&format!(" · {}", t.route));
                }
                what
            })
        })
    };
    // A second tap while the first save waits for the storage lock would log the run twice.
    let saving = StoredValue::new(false);
    let save = move |_| {
        if saving.get_value() {
            return;
        }
        let saved = template.with_untracked(|t| {
            t.as_ref().map(|t| state.quick_log(t, rpe.get_untracked(), feel.get_untracked()))
        });
        if let Some(pending) = saved {
            saving.set_value(true);
            pending.then(move |outcome| {
                saving.set_value(false);
                state.toasts.say(&outcome);
            });
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
                on_pick=move |v| pick(picked_rpe, v)
            />
            <RadioChips
                legend="How it felt"
                name=feel_group
                options=(Feel::MIN..=Feel::MAX).filter_map(Feel::new).map(|f| Chip::new(f.value(), f.label())).collect()
                selected=feel
                on_pick=move |v| pick(picked_feel, v)
            />
            <div class="actions">
                <button type="button" class="primary" on:click=save>"Save this run"</button>
            </div>
        </section>
    }
}
