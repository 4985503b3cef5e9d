//! Small controls shared by the pages: chip rows that are real radio buttons or
//! checkboxes inside their labels (tappable, keyboard-usable, named for tests and
//! screen readers), a field's error line, and a card's messages.

use leptos::prelude::*;
use restride_app::{Message, MessageKind};
use restride_core::{Feel, Rpe};

use crate::nav::{Tab, use_nav};

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
    /// Another class for the row (`effort` lays its eleven chips out in a grid).
    #[prop(optional)]
    class: &'static str,
    /// What follows the legend on its line (e.g. the chosen effort's word): shown,
    /// not read, as each chip already says its own word to screen readers.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset class=format!("field {class}") aria-describedby=error_id>
            <legend>{legend}{children.map(|c| view! { <span class="aside" aria-hidden="true">{c()}</span> })}</legend>
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

/// The effort question, asked the same way on the quick card and the Log form:
/// eleven chips, 0 to 10 on the CR-10 scale, each named with its word for screen
/// readers; beside the legend the chosen effort's word ("7 · Very hard"), or until
/// one is chosen the scale's landmarks in words under it, so no number stands
/// without its meaning.
#[component]
pub fn EffortChips(
    /// The radio group's name (unique per card: Today's quick card stays mounted
    /// behind the Log tab).
    name: &'static str,
    #[prop(into)] selected: Signal<Option<u8>>,
    #[prop(into)] on_pick: Callback<u8>,
    /// The id of the line that says what is wrong with the answer, if anything.
    #[prop(into)]
    error_id: String,
) -> impl IntoView {
    let chosen = move || selected.get().and_then(Rpe::new);
    let word = move || {
        chosen().map_or_else(
            || "0 rest · 3 moderate · 5 hard · 7 very hard · 10 maximal".to_string(),
            |r| format!("{} · {}", r.value(), r.label()),
        )
    };
    view! {
        <RadioChips
            legend="Effort"
            name
            class="effort"
            options=(0..=Rpe::MAX).filter_map(Rpe::new).map(|r| Chip::hinted(r.value(), r.value().to_string(), r.label())).collect()
            selected
            on_pick
            error_id
        >
            <span class="effort-word" class:hint=move || chosen().is_none()>{word}</span>
        </RadioChips>
    }
}

/// How the run felt, asked the same way on the quick card and the Log form: five
/// chips in one row, awful to great.
#[component]
pub fn FeelChips(
    name: &'static str,
    #[prop(into)] selected: Signal<Option<u8>>,
    #[prop(into)] on_pick: Callback<u8>,
    #[prop(into)] error_id: String,
) -> impl IntoView {
    view! {
        <RadioChips
            legend="How it felt"
            class="even"
            name
            options=(Feel::MIN..=Feel::MAX).filter_map(Feel::new).map(|f| Chip::new(f.value(), f.label())).collect()
            selected
            on_pick
            error_id
        />
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

/// History's two views, runs and progress charts, as a switch at the top of
/// each: Progress is one tap from History, which the tab bar shows as current.
#[component]
pub fn HistoryViews(
    /// The view this switch is on.
    on: Tab,
) -> impl IntoView {
    let link = move |tab: Tab, text: &'static str| {
        view! { <a href=format!("#/{}", tab.slug()) aria-current=(on == tab).then_some("page")>{text}</a> }
    };
    view! {
        <nav class="views" aria-label="History views">
            {link(Tab::History, "Runs")}
            {link(Tab::Progress, "Progress")}
        </nav>
    }
}

/// A sub-page's way back: to the tab it was opened from ("Back to Today"). The
/// page is built afresh on each visit, so this is read once.
#[component]
pub fn BackLink() -> impl IntoView {
    let section = use_nav().section.get_untracked();
    view! {
        <a class="back" href=format!("#/{}", section.slug())>
            <span aria-hidden="true">"‹"</span>
            {format!("Back to {}", section.label())}
        </a>
    }
}
