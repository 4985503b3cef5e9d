//! The Log tab: a new run, or an edit of a saved one. Every field has a visible
//! label and its own error line; all problems are shown at once; an unusual pace
//! asks "are you sure?" instead of refusing.

use leptos::prelude::*;
use restride_core::form::{RunForm, only_needs_pace_confirmation};
use restride_core::{Feel, Field, FieldError, FormContext, FormError, Rpe, RunType, validate};

use crate::app::navigate;
use crate::browser;
use crate::state::{Tab, use_state};

fn fresh_form() -> RunForm {
    RunForm {
        start: browser::now_local().format("%Y-%m-%dT%H:%M").to_string(),
        kind: RunType::Easy.slug().to_string(),
        ..RunForm::default()
    }
}

/// One field's error, if any, for its error line. A pace question that is the
/// only problem is asked in the confirm box instead, not repeated under the field.
fn error_text(errors: RwSignal<Vec<FieldError>>, field: Field) -> impl Fn() -> Option<String> + Copy {
    move || {
        errors.with(|es| {
            let confirming = only_needs_pace_confirmation(es);
            es.iter()
                .find(|e| e.field == field && !(confirming && matches!(e.error, FormError::UnusualPace(_))))
                .map(|e| e.error.to_string())
        })
    }
}

/// The pace question, when it is the only thing standing between the form and a save.
fn pace_question(errors: RwSignal<Vec<FieldError>>) -> Option<String> {
    errors.with(|es| {
        only_needs_pace_confirmation(es)
            .then(|| es.iter().map(|e| e.error.to_string()).collect::<Vec<_>>().join(" "))
    })
}

#[component]
fn ErrorLine(errors: RwSignal<Vec<FieldError>>, field: Field) -> impl IntoView {
    let text = error_text(errors, field);
    view! {
        <p class="field-error" id=format!("{}-error", field.name()) hidden=move || text().is_none()>
            {text}
        </p>
    }
}

#[component]
pub fn LogPage() -> impl IntoView {
    let state = use_state();
    let unit = state.settings.get_untracked().unit;
    let editing = state.editing.get_untracked().and_then(|id| state.run(&id));
    let initial = editing.as_ref().map_or_else(fresh_form, |r| RunForm::from_run(r, unit));

    let start = RwSignal::new(initial.start);
    let kind = RwSignal::new(initial.kind);
    let duration = RwSignal::new(initial.duration);
    let distance = RwSignal::new(initial.distance);
    let rpe = RwSignal::new(initial.rpe);
    let feel = RwSignal::new(initial.feel);
    let notes = RwSignal::new(initial.notes);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let save_error = RwSignal::new(None::<String>);
    let invalid = move |field: Field| move || error_text(errors, field)().map(|_| "true");
    let is_edit = editing.is_some();
    let editing = StoredValue::new(editing);

    let submit = move |pace_confirmed: bool| {
        let form = RunForm {
            start: start.get_untracked(),
            kind: kind.get_untracked(),
            duration: duration.get_untracked(),
            distance: distance.get_untracked(),
            rpe: rpe.get_untracked(),
            feel: feel.get_untracked(),
            notes: notes.get_untracked(),
        };
        let now = browser::now();
        let ctx = FormContext { now, unit, offset_at: &browser::local_offset_at, pace_confirmed };
        match validate(&form, &ctx) {
            Err(problems) => {
                errors.set(problems);
                save_error.set(None);
            }
            Ok(entry) => {
                errors.set(Vec::new());
                let run = match editing.get_value() {
                    Some(old) => entry.apply_to(&old, now),
                    None => entry.into_new_run(browser::new_run_id(now), now),
                };
                match state.save_run(&run) {
                    Ok(()) => {
                        state.editing.set(None);
                        state.show_toast(if is_edit { "Changes saved." } else { "Run saved." }.into(), None);
                        navigate(Tab::History);
                    }
                    Err(e) => save_error.set(Some(e.to_string())),
                }
            }
        }
    };

    let cancel = move |_| {
        state.editing.set(None);
        navigate(Tab::History);
    };

    view! {
        <section class="page" aria-labelledby="log-title">
            <h2 id="log-title">{if is_edit { "Edit run" } else { "Log a run" }}</h2>
            <form
                class="run-form"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit(false);
                }
            >
                <div class="field">
                    <label for="start">"Date and time"</label>
                    <input
                        id="start"
                        type="datetime-local"
                        prop:value=move || start.get()
                        on:input=move |ev| start.set(event_target_value(&ev))
                        aria-invalid=invalid(Field::Start)
                        aria-describedby="start-error"
                    />
                    <ErrorLine errors field=Field::Start/>
                </div>
                <div class="field">
                    <label for="kind">"Type"</label>
                    <select
                        id="kind"
                        prop:value=move || kind.get()
                        on:change=move |ev| kind.set(event_target_value(&ev))
                        aria-invalid=invalid(Field::Kind)
                        aria-describedby="kind-error"
                    >
                        {RunType::ALL
                            .into_iter()
                            .map(|t| view! { <option value=t.slug() selected=kind.get_untracked() == t.slug()>{t.label()}</option> })
                            .collect_view()}
                    </select>
                    <ErrorLine errors field=Field::Kind/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="duration">"Duration"</label>
                        <input
                            id="duration"
                            type="text"
                            autocomplete="off"
                            placeholder="45:00"
                            prop:value=move || duration.get()
                            on:input=move |ev| duration.set(event_target_value(&ev))
                            aria-invalid=invalid(Field::Duration)
                            aria-describedby="duration-hint duration-error"
                        />
                        <p class="hint" id="duration-hint">"mm:ss or h:mm:ss"</p>
                        <ErrorLine errors field=Field::Duration/>
                    </div>
                    <div class="field">
                        <label for="distance">{format!("Distance ({})", unit.label())}</label>
                        <input
                            id="distance"
                            type="text"
                            inputmode="decimal"
                            autocomplete="off"
                            placeholder="5.0"
                            prop:value=move || distance.get()
                            on:input=move |ev| distance.set(event_target_value(&ev))
                            aria-invalid=invalid(Field::Distance)
                            aria-describedby="distance-error"
                        />
                        <ErrorLine errors field=Field::Distance/>
                    </div>
                </div>
                <div class="field">
                    <label for="rpe">"Effort (RPE 0–10)"</label>
                    <select
                        id="rpe"
                        prop:value=move || rpe.get()
                        on:change=move |ev| rpe.set(event_target_value(&ev))
                        aria-invalid=invalid(Field::Rpe)
                        aria-describedby="rpe-error"
                    >
                        <option value="" selected=rpe.get_untracked().is_empty()>"Choose how hard it was…"</option>
                        {(0..=Rpe::MAX)
                            .filter_map(Rpe::new)
                            .map(|r| {
                                let v = r.value().to_string();
                                let selected = rpe.get_untracked() == v;
                                let text = format!("{v} — {}", r.label());
                                view! { <option value=v selected=selected>{text}</option> }
                            })
                            .collect_view()}
                    </select>
                    <ErrorLine errors field=Field::Rpe/>
                </div>
                <fieldset class="field feel" aria-describedby="feel-error" aria-invalid=invalid(Field::Feel)>
                    <legend>"How it felt"</legend>
                    <div class="choices">
                        {(Feel::MIN..=Feel::MAX)
                            .filter_map(Feel::new)
                            .map(|f| {
                                let v = f.value().to_string();
                                let value = v.clone();
                                view! {
                                    <label class="chip">
                                        <input
                                            type="radio"
                                            name="feel"
                                            value=v.clone()
                                            prop:checked=move || feel.get() == v
                                            on:change=move |_| feel.set(value.clone())
                                        />
                                        {f.label()}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                    <ErrorLine errors field=Field::Feel/>
                </fieldset>
                <div class="field">
                    <label for="notes">"Notes"</label>
                    <textarea
                        id="notes"
                        rows="3"
                        prop:value=move || notes.get()
                        on:input=move |ev| notes.set(event_target_value(&ev))
                        aria-invalid=invalid(Field::Notes)
                        aria-describedby="notes-error"
                    ></textarea>
                    <ErrorLine errors field=Field::Notes/>
                </div>
                <Show when=move || pace_question(errors).is_some()>
                    <div class="confirm" role="alert">
                        <p>{move || pace_question(errors)}</p>
                        <button type="button" class="primary" on:click=move |_| submit(true)>"Yes, save it"</button>
                        <button type="button" on:click=move |_| errors.set(Vec::new())>"Let me fix it"</button>
                    </div>
                </Show>
                <p class="save-error" role="alert" hidden=move || save_error.get().is_none()>{move || save_error.get()}</p>
                <div class="actions">
                    <button type="submit" class="primary">{if is_edit { "Save changes" } else { "Save run" }}</button>
                    {is_edit.then(|| view! { <button type="button" on:click=cancel>"Cancel"</button> })}
                </div>
            </form>
        </section>
    }
}
