//! The Log tab: a new run, or an edit of a saved one. Every field has a visible
//! label and its own error line; all problems are shown at once; an unusual pace
//! asks "are you sure?" instead of refusing. The form fits one phone screen: what
//! a runner just back from a run answers comes first (duration, distance, effort
//! as the quick card asks it, feel), the start follows the duration (now less it,
//! until the runner sets it), the optional details (notes, route, company, heart
//! rate, …) sit behind "More details", and Save stays in reach at the bottom.

use leptos::prelude::*;
use restride_core::form::{RunForm, only_needs_pace_confirmation};
use restride_core::{Field, FieldError, FormError, RunType};

use super::quick::QuickLog;
use super::widgets::{EffortChips, ErrorLine, FeelChips};
use crate::nav::{Tab, use_nav};
use crate::state::use_state;

/// One field's error, if any. A pace question that is the only problem is asked
/// in the confirm box instead, not repeated under the field.
fn error_text(errors: RwSignal<Vec<FieldError>>, field: Field) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|es| {
            let confirming = only_needs_pace_confirmation(es);
            es.iter()
                .find(|e| e.field == field && !(confirming && matches!(e.error, FormError::UnusualPace(_))))
                .map(|e| e.error.to_string())
        })
    })
}

/// The pace question, when it is the only thing standing between the form and a save.
fn pace_question(errors: RwSignal<Vec<FieldError>>) -> Option<String> {
    errors.with(|es| {
        only_needs_pace_confirmation(es)
            .then(|| es.iter().map(|e| e.error.to_string()).collect::<Vec<_>>().join(" "))
    })
}

/// A labelled text input bound to a signal, with its error line.
#[component]
fn TextField(
    label: String,
    field: Field,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let id = field.name();
    let error = error_text(errors, field);
    let described = match hint {
        Some(_) => format!("{id}-hint {id}-error"),
        None => format!("{id}-error"),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                autocomplete="off"
                inputmode=inputmode
                placeholder=placeholder
                list=list
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            <ErrorLine id=format!("{id}-error") text=error/>
        </div>
    }
}

#[component]
pub fn LogPage() -> impl IntoView {
    let state = use_state();
    let nav = use_nav();
    let unit = state.settings.get_untracked().unit;
    let editing = state.editing.get_untracked().and_then(|id| state.run(&id));
    let initial = state.run_form(editing.as_ref());
    let has_details = !(initial.route.is_empty()
        && initial.title.is_empty()
        && initial.notes.is_empty()
        && initial.company.is_empty()
        && initial.elapsed.is_empty()
        && initial.hr_avg.is_empty()
        && initial.elevation.is_empty());

    let start = RwSignal::new(initial.start);
    // A new run starts its duration ago, until the runner sets the start.
    let start_set = RwSignal::new(editing.is_some());
    let kind = RwSignal::new(initial.kind);
    let title = RwSignal::new(initial.title);
    let duration = RwSignal::new(initial.duration);
    let distance = RwSignal::new(initial.distance);
    let rpe = RwSignal::new(initial.rpe.parse::<u8>().ok());
    let feel = RwSignal::new(initial.feel.parse::<u8>().ok());
    let notes = RwSignal::new(initial.notes);
    let cut_short = RwSignal::new(initial.cut_short);
    let route = RwSignal::new(initial.route);
    let company = RwSignal::new(initial.company);
    let elapsed = RwSignal::new(initial.elapsed);
    let hr_avg = RwSignal::new(initial.hr_avg);
    let hr_max = RwSignal::new(initial.hr_max);
    let elevation = RwSignal::new(initial.elevation);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let save_error = RwSignal::new(None::<String>);
    let is_edit = editing.is_some();
    let editing = StoredValue::new(editing);
    // Earlier routes, most recent first, for autocomplete. Read once: the form is
    // rebuilt on every visit, and a save leaves this tab.
    let routes = state.recent_routes();

    // A second tap while the first save waits for the storage lock would save twice.
    let saving = StoredValue::new(false);

    // The start a new run gets until the runner sets one: its duration ago. A Memo,
    // so what is saved is what the field shows.
    let start_shown =
        Memo::new(
            move |_| {
                if start_set.get() { start.get() } else { duration.with(|d| state.run_start_for(d)) }
            },
        );

    let submit = move |pace_confirmed: bool| {
        if saving.get_value() {
            return;
        }
        let form = RunForm {
            start: start_shown.get_untracked(),
            kind: kind.get_untracked(),
            title: title.get_untracked(),
            duration: duration.get_untracked(),
            distance: distance.get_untracked(),
            rpe: rpe.get_untracked().map(|r| r.to_string()).unwrap_or_default(),
            feel: feel.get_untracked().map(|f| f.to_string()).unwrap_or_default(),
            notes: notes.get_untracked(),
            cut_short: cut_short.get_untracked(),
            route: route.get_untracked(),
            company: company.get_untracked(),
            elapsed: elapsed.get_untracked(),
            hr_avg: hr_avg.get_untracked(),
            hr_max: hr_max.get_untracked(),
            elevation: elevation.get_untracked(),
        };
        let saved = match editing.get_value() {
            Some(original) => state.edit_run(&original, &form, pace_confirmed),
            None => state.log_run(&form, pace_confirmed),
        };
        saving.set_value(true);
        saved.then(move |saved| {
            saving.set_value(false);
            match saved {
                Err(problems) => {
                    errors.set(problems);
                    save_error.set(None);
                }
                Ok(outcome) if outcome.is_error() => {
                    errors.set(Vec::new());
                    save_error.set(Some(outcome.errors().collect::<Vec<_>>().join(" ")));
                }
                Ok(outcome) => {
                    errors.set(Vec::new());
                    state.editing.set(None);
                    state.toasts.say(&outcome);
                    // The run saved is at the top of History.
                    nav.open_at_top(Tab::History);
                }
            }
        });
    };

    let cancel = move |_| {
        state.editing.set(None);
        nav.navigate(Tab::History);
    };
    let kind_error = error_text(errors, Field::Kind);
    let start_error = error_text(errors, Field::Start);
    let notes_error = error_text(errors, Field::Notes);
    let (height, distance_unit) = (unit.height_label(), unit.label());

    view! {
        <section class="page" aria-labelledby="log-title">
            {is_edit.then(|| view! {
                <a class="back" href="#/history" on:click=cancel>
                    <span aria-hidden="true">"‹"</span>
                    "Back to History"
                </a>
            })}
            {(!is_edit).then(|| view! { <QuickLog on=Tab::Log/> })}
            <h2 id="log-title">{if is_edit { "Edit run" } else { "Log a run" }}</h2>
            <form
                class="run-form"
                aria-labelledby="log-title"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit(false);
                }
            >
                <div class="field-row">
                    <TextField
                        label="Duration".into()
                        field=Field::Duration
                        value=duration
                        errors
                        placeholder="45:00"
                        hint="mm:ss or h:mm:ss"
                    />
                    <TextField
                        label=format!("Distance ({distance_unit})")
                        field=Field::Distance
                        value=distance
                        errors
                        inputmode="decimal"
                        placeholder="5.0"
                    />
                </div>
                <EffortChips name="rpe" selected=rpe on_pick=move |v| rpe.set(Some(v)) error_id="rpe-error"/>
                <ErrorLine id="rpe-error" text=error_text(errors, Field::Rpe)/>
                <FeelChips name="feel" selected=feel on_pick=move |v| feel.set(Some(v)) error_id="feel-error"/>
                <ErrorLine id="feel-error" text=error_text(errors, Field::Feel)/>
                <div class="when">
                    <div class="field">
                        <label for="start">"Date and time"</label>
                        <input
                            id="start"
                            type="datetime-local"
                            prop:value=move || start_shown.get()
                            on:input=move |ev| {
                                start.set(event_target_value(&ev));
                                start_set.set(true);
                            }
                            aria-invalid=move || start_error.get().map(|_| "true")
                            aria-describedby=if is_edit { "start-error" } else { "start-hint start-error" }
                        />
                        {(!is_edit).then(|| view! { <p class="hint" id="start-hint">"When you started: the duration ago"</p> })}
                        <ErrorLine id="start-error" text=start_error/>
                    </div>
                    <div class="field">
                        <label for="kind">"Type"</label>
                        <select
                            id="kind"
                            prop:value=move || kind.get()
                            on:change=move |ev| kind.set(event_target_value(&ev))
                            aria-invalid=move || kind_error.get().map(|_| "true")
                            aria-describedby="kind-error"
                        >
                            {RunType::ALL
                                .into_iter()
                                .map(|t| {
                                    view! {
                                        <option value=t.slug() selected=kind.get_untracked() == t.slug()>
                                            {t.label()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <ErrorLine id="kind-error" text=kind_error/>
                    </div>
                </div>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || cut_short.get()
                        on:change=move |ev| cut_short.set(event_target_checked(&ev))
                    />
                    "I stopped earlier than I meant to"
                </label>
                <details class="more" open=has_details>
                    <summary>"Notes and more details (optional)"</summary>
                    <div class="field">
                        <label for="notes">"Notes"</label>
                        <textarea
                            id="notes"
                            rows="3"
                            prop:value=move || notes.get()
                            on:input=move |ev| notes.set(event_target_value(&ev))
                            aria-invalid=move || notes_error.get().map(|_| "true")
                            aria-describedby="notes-error"
                        ></textarea>
                        <ErrorLine id="notes-error" text=notes_error/>
                    </div>
                    <TextField label="Name".into() field=Field::Title value=title errors placeholder="e.g. Tempo Tuesday"/>
                    <TextField label="Route".into() field=Field::Route value=route errors list="routes"/>
                    <datalist id="routes">
                        {routes.into_iter().map(|r| view! { <option value=r></option> }).collect_view()}
                    </datalist>
                    <TextField label="Ran with".into() field=Field::Company value=company errors hint="A friend or group, if anyone"/>
                    <TextField
                        label="Elapsed time".into()
                        field=Field::Elapsed
                        value=elapsed
                        errors
                        placeholder="47:10"
                        hint="Including stops"
                    />
                    <div class="field-row">
                        <div class="field">
                            <label for="hr-avg">"Average heart rate"</label>
                            <input
                                id="hr-avg"
                                type="text"
                                inputmode="numeric"
                                autocomplete="off"
                                prop:value=move || hr_avg.get()
                                on:input=move |ev| hr_avg.set(event_target_value(&ev))
                                aria-describedby="heart-rate-error"
                            />
                        </div>
                        <div class="field">
                            <label for="hr-max">"Max heart rate"</label>
                            <input
                                id="hr-max"
                                type="text"
                                inputmode="numeric"
                                autocomplete="off"
                                prop:value=move || hr_max.get()
                                on:input=move |ev| hr_max.set(event_target_value(&ev))
                                aria-describedby="heart-rate-error"
                            />
                        </div>
                    </div>
                    <ErrorLine id="heart-rate-error" text=error_text(errors, Field::HeartRate)/>
                    <TextField
                        label=format!("Elevation gain ({height})")
                        field=Field::Elevation
                        value=elevation
                        errors
                        inputmode="numeric"
                    />
                </details>
                <Show when=move || pace_question(errors).is_some()>
                    <div class="confirm" role="alert">
                        <p>{move || pace_question(errors)}</p>
                        <button type="button" class="primary" on:click=move |_| submit(true)>
                            "Yes, save it"
                        </button>
                        <button type="button" on:click=move |_| errors.set(Vec::new())>
                            "Let me fix it"
                        </button>
                    </div>
                </Show>
                <p class="save-error" role="alert" hidden=move || save_error.get().is_none()>
                    {move || save_error.get()}
                </p>
                <div class="actions save-bar">
                    <button type="submit" class="primary">
                        {if is_edit { "Save changes" } else { "Save run" }}
                    </button>
                    {is_edit.then(|| view! { <button type="button" on:click=cancel>"Cancel"</button> })}
                </div>
            </form>
        </section>
    }
}
