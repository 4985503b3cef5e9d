//! Illness, injury and coming back. [`SetbackNotice`]: while a setback lasts, what
//! to do (rest, or easy running with only a cold) and "I'm back"; in a return
//! week, which week of the return it is and why the plan is easy. It is its own
//! component so Today and the Plan tab can each place it. [`SetbackAsk`]: "ill or
//! injured?" with the neck check in plain words, for the Plan tab (the daily
//! check-in asks the same question itself). The operations are the app crate's.

use leptos::prelude::*;
use restride_app::SetbackNow;
use restride_core::SetbackKind;

use super::widgets::{Chip, RadioChips};
use crate::nav::Tab;
use crate::state::use_state;

/// The neck check, as the runner reads it where they choose.
pub const NECK_CHECK: &str = "The neck check: a runny nose, sneezing or a sore throat only (above the neck) — easy \
                              running is fine if you feel up to it. A fever, aches, a chest cold or an upset stomach \
                              (below the neck) — rest until it has gone.";

/// What the runner can say, in their words.
pub fn kind_chips() -> Vec<Chip<SetbackKind>> {
    vec![
        Chip::new(SetbackKind::HeadCold, "A cold (above the neck)"),
        Chip::new(SetbackKind::Ill, "Ill (fever or below the neck)"),
        Chip::new(SetbackKind::Injured, "Injured"),
    ]
}

/// While a setback lasts or in a return week: what it means and what to do.
#[component]
pub fn SetbackNotice(
    /// The tab it is shown on: Today stays mounted behind Plan, so ids are the tab's.
    on: Tab,
) -> impl IntoView {
    let state = use_state();
    let now = Memo::new(move |_| state.setback_now());
    let title_id = format!("setback-{}-title", on.slug());
    move || {
        now.get().map(|n| {
            let lasting = matches!(n, SetbackNow::Lasting(_));
            let (title_id, labelled_by) = (title_id.clone(), title_id.clone());
            view! {
                <section class="card setback" data-setback=if lasting { "lasting" } else { "return" } aria-labelledby=labelled_by>
                    <h3 id=title_id>{n.title()}</h3>
                    <p>{n.advice()}</p>
                    {lasting.then(|| view! { <BackForm on/> })}
                </section>
            }
        })
    }
}

/// "I'm back", with the first day back (today unless changed).
#[component]
fn BackForm(on: Tab) -> impl IntoView {
    let state = use_state();
    let day = RwSignal::new(state.today.get_untracked().to_string());
    let error = RwSignal::new(None::<String>);
    let id = format!("back-{}-day", on.slug());
    let error_id = format!("back-{}-error", on.slug());
    let back = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.back_from_setback(&day.get_untracked()).then(move |outcome| {
            if outcome.is_error() {
                error.set(outcome.errors().next().map(str::to_string));
            } else {
                error.set(None);
                state.toasts.say(&outcome);
            }
        });
    };
    view! {
        <form class="back-form" aria-label="I'm back" on:submit=back>
            <div class="field">
                <label for=id.clone()>"First day back"</label>
                <input
                    id=id
                    type="date"
                    prop:value=move || day.get()
                    aria-describedby=error_id.clone()
                    on:input=move |ev| day.set(event_target_value(&ev))
                />
                <p class="field-error" id=error_id role="alert" hidden=move || error.with(Option::is_none)>
                    {move || error.get()}
                </p>
            </div>
            <button type="submit" class="primary">"I'm back"</button>
        </form>
    }
}

/// "Ill or injured?" for the Plan tab, when no setback lasts: the kind, the first
/// day out (today unless changed), and the neck check.
#[component]
pub fn SetbackAsk() -> impl IntoView {
    let state = use_state();
    let lasting = Memo::new(move |_| matches!(state.setback_now(), Some(SetbackNow::Lasting(_))));
    let kind = RwSignal::new(None::<SetbackKind>);
    let from = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let pause = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(k) = kind.get_untracked() else {
            error.set(Some("Choose what kept you from running.".into()));
            return;
        };
        state.report_setback(k, &from.get_untracked()).then(move |outcome| {
            if outcome.is_error() {
                error.set(outcome.errors().next().map(str::to_string));
            } else {
                error.set(None);
                kind.set(None);
                state.toasts.say(&outcome);
            }
        });
    };
    view! {
        <Show when=move || !lasting.get()>
            <details class="card setback-ask">
                <summary>"Ill or injured?"</summary>
                <form aria-label="Ill or injured" novalidate on:submit=pause>
                    <p class="hint">{NECK_CHECK}</p>
                    <RadioChips
                        legend="What kept you from running"
                        name="plan-setback-kind"
                        options=kind_chips()
                        selected=kind
                        on_pick=move |k| kind.set(Some(k))
                        error_id="setback-ask-error"
                    />
                    <div class="field">
                        <label for="setback-from">"First day out"</label>
                        <input
                            id="setback-from"
                            type="date"
                            prop:value=move || {
                                let typed = from.get();
                                if typed.is_empty() { state.today.get().to_string() } else { typed }
                            }
                            on:input=move |ev| from.set(event_target_value(&ev))
                        />
                    </div>
                    <p class="field-error" id="setback-ask-error" role="alert" hidden=move || error.with(Option::is_none)>
                        {move || error.get()}
                    </p>
                    <button type="submit" class="primary">"Pause my plan"</button>
                </form>
            </details>
        </Show>
    }
}
