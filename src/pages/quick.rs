//! The quick check-in: "just finished your usual run?" The card offers the most
//! similar recent run (same time of day, most common type), prefilled with its
//! effort and feel. Confirming takes at most three taps (effort, feel, save) and
//! saves at once with an undo. Every tap on Save saves or says why: a question
//! left unanswered (an imported usual run often has no feel) is named and focused.
//! Once a run has been logged within the hour (this card's or any other), the card
//! says so instead of offering the same run again; "Log another run" brings the
//! question back for a second run; on Today, "A different run" opens the Log
//! form (with no usual run yet, Today's big "Log a run" does). On the Log tab the
//! card is folded to its question, so the form below fits the screen.

use leptos::prelude::*;
use restride_app::{QuickLogError, ended_at};
use restride_core::{Feel, Rpe, Run, RunId};

use super::widgets::{EffortChips, FeelChips};
use super::{run_heading, run_summary};
use crate::browser;
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
    // On Today the card holds the way to the Log form; with no usual run yet (a
    // new runner, as index.html's shell shows), that is Today's big button.
    move || {
        if offered.get() {
            view! { <QuickCard template on/> }.into_any()
        } else if on == Tab::Today {
            view! { <a class="button primary big" href="#/log">"Log a run"</a> }.into_any()
        } else {
            ().into_any()
        }
    }
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
    // Why the last tap on Save saved nothing; cleared by the next answer.
    let problem = RwSignal::new(None::<QuickLogError>);
    let pick = move |picked: RwSignal<Pick>, value: u8| {
        if let Some(id) = template.with_untracked(|t| t.as_ref().map(|t| t.id.clone())) {
            picked.set(Some((id, value)));
        }
        problem.set(None);
    };
    // A run that ended within the hour (this card's last save, or one logged
    // elsewhere): the card says so rather than offer the same run again.
    let logged = use_nav().while_shown(on, move || {
        let unit = state.settings.with(|s| s.unit);
        state
            .logged_within_the_hour()
            .map(|r| format!("{} · {}, finished at {}", run_heading(&r), run_summary(&r, unit), ended_at(&r)))
    });
    // The runner said they ran again: the question is back, and Save saves.
    let another = RwSignal::new(false);
    let asking = move || another.get() || logged.with(Option::is_none);
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
    let slug = on.slug();
    // A second tap while the first save waits for the storage lock would log the run twice.
    let saving = StoredValue::new(false);
    let (rpe_group, feel_group) = match on {
        Tab::Today => ("quick-today-rpe", "quick-today-feel"),
        _ => ("quick-log-rpe", "quick-log-feel"),
    };
    let save = move |_| {
        if saving.get_value() {
            return;
        }
        let Some(usual) = template.get_untracked() else { return };
        saving.set_value(true);
        state.quick_log(&usual, rpe.get_untracked(), feel.get_untracked(), another.get_untracked()).then(
            move |saved| {
                saving.set_value(false);
                match saved {
                    Ok(outcome) => {
                        problem.set(None);
                        another.set(false);
                        state.toasts.say(&outcome);
                        if !outcome.is_error() {
                            // The Save button is gone: focus goes to what replaced it.
                            request_animation_frame(move || browser::focus(&format!("#quick-{slug}-logged")));
                        }
                    }
                    Err(e) => {
                        if let QuickLogError::Unanswered { effort, .. } = e {
                            let group = if effort { rpe_group } else { feel_group };
                            browser::focus(&format!("input[name='{group}']"));
                        }
                        problem.set(Some(e));
                    }
                }
            },
        );
    };
    let unanswered = move |effort_row: bool| {
        problem.with(|p| match p {
            Some(QuickLogError::Unanswered { effort, feel }) => {
                if effort_row {
                    *effort
                } else {
                    *feel
                }
            }
            _ => false,
        })
    };
    let title_id = format!("quick-{slug}-title");
    let labelled_by = title_id.clone();
    let error_id = format!("quick-{slug}-error");
    let heading = view! { <h3 id=title_id>"Just finished your usual run?"</h3> };
    // Today's way to the Log form, for any other run (the Log tab has the form).
    let form_link =
        move || (on == Tab::Today).then(|| view! { <a class="button" href="#/log">"A different run"</a> });
    let body = view! {
            <Show
                when=asking
                fallback=move || {
                    view! {
                        <p class="ok" id=format!("quick-{slug}-logged") tabindex="-1">
                            "Already logged: "
                            {move || logged.get()}
                        </p>
                        <div class="actions">
                            <button type="button" on:click=move |_| another.set(true)>"Log another run"</button>
                            {form_link}
                        </div>
                    }
                }
            >
                <p class="usual">{what}</p>
                <div class:unanswered=move || unanswered(true)>
                    <EffortChips name=rpe_group selected=rpe on_pick=move |v| pick(picked_rpe, v) error_id=error_id.clone()/>
                </div>
                <div class:unanswered=move || unanswered(false)>
                    <FeelChips name=feel_group selected=feel on_pick=move |v| pick(picked_feel, v) error_id=error_id.clone()/>
                </div>
                <p class="save-error" id=error_id.clone() role="alert" hidden=move || problem.with(Option::is_none)>
                    {move || problem.with(|p| p.as_ref().map(ToString::to_string))}
                </p>
                <div class="actions">
                    <button type="button" class="primary" on:click=save>"Save this run"</button>
                    {form_link}
                </div>
            </Show>
    };
    // Today opens with the card; the Log tab, opened to fill in the form, folds it.
    let card = match on {
        Tab::Today => view! { {heading} {body} }.into_any(),
        _ => view! {
            <details>
                <summary>{heading}</summary>
                {body}
            </details>
        }
        .into_any(),
    };
    view! {
        <section class="card quick" aria-labelledby=labelled_by>
            {card}
        </section>
    }
}
