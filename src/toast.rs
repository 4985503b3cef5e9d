//! Toasts: the messages an operation returns, shown together at the bottom of the
//! screen for a few seconds, with Undo when the operation can be taken back. The
//! next operation's messages replace them.

use leptos::prelude::*;
use restride_app::{Message, MessageKind, Outcome, Undo};

use crate::state::{Pending, use_state};

/// How long a toast stays.
const SHOWN_FOR: std::time::Duration = std::time::Duration::from_secs(8);

#[derive(Debug, Clone, PartialEq)]
struct Shown {
    id: u64,
    messages: Vec<Message>,
}

impl Shown {
    /// The undo on offer: the first message's that has one.
    fn undo(&self) -> Option<Undo> {
        self.messages.iter().find_map(|m| m.undo.clone())
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Toasts {
    shown: RwSignal<Option<Shown>>,
    seq: StoredValue<u64>,
}

impl Default for Toasts {
    fn default() -> Self {
        Self { shown: RwSignal::new(None), seq: StoredValue::new(0) }
    }
}

impl Toasts {
    /// Shows an operation's messages, if it has any.
    pub fn say(self, outcome: &Outcome) {
        self.show(outcome.messages.clone());
    }

    /// Shows an operation's messages once it has run (under the storage lock).
    pub fn say_when(self, pending: Pending<Outcome>) {
        pending.then(move |outcome| self.say(&outcome));
    }

    /// Shows `messages` (replacing what is shown) for a few seconds.
    pub fn show(self, messages: Vec<Message>) {
        if messages.is_empty() {
            return;
        }
        let id = self.seq.get_value() + 1;
        self.seq.set_value(id);
        self.shown.set(Some(Shown { id, messages }));
        let shown = self.shown;
        set_timeout(
            move || {
                shown.update(|s| {
                    if s.as_ref().is_some_and(|s| s.id == id) {
                        *s = None;
                    }
                });
            },
            SHOWN_FOR,
        );
    }

    /// Takes the shown undo away (it is being run).
    fn take_undo(self) -> Option<Undo> {
        let undo = self.shown.with_untracked(|s| s.as_ref().and_then(Shown::undo))?;
        self.shown.set(None);
        Some(undo)
    }
}

fn kind_slug(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Ok => "ok",
        MessageKind::Warning => "warning",
        MessageKind::Error => "error",
    }
}

#[component]
pub fn ToastView() -> impl IntoView {
    let state = use_state();
    let toasts = state.toasts;
    let undo = move |_| {
        if let Some(undo) = toasts.take_undo() {
            toasts.say_when(state.undo(undo));
        }
    };
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || toasts.shown.get().map(|shown| {
                let offers_undo = shown.undo().is_some();
                view! {
                    <div class="toast">
                        <div>
                            {shown
                                .messages
                                .into_iter()
                                .map(|m| view! { <div data-kind=kind_slug(m.kind)>{m.text}</div> })
                                .collect_view()}
                        </div>
                        {offers_undo.then(|| view! { <button type="button" on:click=undo>"Undo"</button> })}
                    </div>
                }
            })}
        </div>
    }
}
