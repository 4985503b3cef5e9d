//! Small controls shared by the pages: chip rows that are real radio buttons or
//! checkboxes inside their labels (tappable, keyboard-usable, named for tests and
//! screen readers), a field's error line, and a card's messages.

use leptos::prelude::*;
use restride_app::{Message, MessageKind};

/// One option of a chip row: its value, the visible text, and extra words for
/// screen readers when the visible text is terse (e.g. "3" + "Good").
pub struct Chip<T> {
    pub value: T,
    pub text: String,
    pub hint: Option<&'static str>,
}

impl<T> Chip<T> {
    pub fn new(value: T, text: impl Into<String>) -> Self {
        Self { value, text: text.into(), hint: None }
    }

    pub fn hinted(value: T, text: impl Into<String>, hint: &'static str) -> Self {
        Self { value, text: text.into(), hint: Some(hint) }
    }
}

/// A single-choice row of chips (radio buttons) with a visible legend.
#[component]
pub fn RadioChips<T>(
    #[prop(into)] legend: String,
    name: &'static str,
    options: Vec<Chip<T>>,
    #[prop(into)] selected: Signal<Option<T>>,
    #[prop(into)] on_pick: Callback<T>,
    /// Words under the legend, e.g. what the ends of a scale mean.
    #[prop(optional, into)]
    caption: Option<String>,
    /// The id of this row's error line, if it has one.
    #[prop(optional, into)]
    error_id: Option<String>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset class="field" aria-describedby=error_id>
            <legend>{legend}</legend>
            {caption.map(|c| view! { <p class="hint">{c}</p> })}
            <div class="choices">
                {options
                    .into_iter()
                    .map(|chip| {
                        let mine = chip.value.clone();
                        let value = chip.value;
                        view! {
                            <label class="chip">
                                <input
                                    type="radio"
                                    name=name
                                    prop:checked=move || selected.with(|s| s.as_ref() == Some(&mine))
                                    on:change=move |_| on_pick.run(value.clone())
                                />
                                {chip.text}
                                {chip.hint.map(|h| view! { <span class="sr-only">{format!(" {h}")}</span> })}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// A multiple-choice row of chips (checkboxes) with a visible legend.
#[component]
pub fn ToggleChips<T>(
    #[prop(into)] legend: String,
    options: Vec<Chip<T>>,
    #[prop(into)] selected: Signal<Vec<T>>,
    #[prop(into)] on_toggle: Callback<T>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset class="field">
            <legend>{legend}</legend>
            <div class="choices">
                {options
                    .into_iter()
                    .map(|chip| {
                        let mine = chip.value.clone();
                        let value = chip.value;
                        view! {
                            <label class="chip">
                                <input
                                    type="checkbox"
                                    prop:checked=move || selected.with(|s| s.contains(&mine))
                                    on:change=move |_| on_toggle.run(value.clone())
                                />
                                {chip.text}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// A field's error line: always in the DOM (so `aria-describedby` resolves), shown
/// only with a message.
#[component]
pub fn ErrorLine(#[prop(into)] id: String, #[prop(into)] text: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="field-error" id=id hidden=move || text.with(Option::is_none)>
            {move || text.get()}
        </p>
    }
}

/// What the last operation on a card said, one line a message: done is a status,
/// a catch or a failure an alert.
#[component]
pub fn Messages(#[prop(into)] messages: Signal<Vec<Message>>) -> impl IntoView {
    move || {
        messages
            .get()
            .into_iter()
            .map(|m| match m.kind {
                MessageKind::Ok => view! { <p role="status" class="ok">{m.text}</p> }.into_any(),
                MessageKind::Warning => view! { <p role="alert" class="warning">{m.text}</p> }.into_any(),
                MessageKind::Error => view! { <p role="alert" class="save-error">{m.text}</p> }.into_any(),
            })
            .collect_view()
    }
}
