//! What an operation tells the UI: which parts of the model changed (so only the
//! views reading them are refreshed) and the messages to show, each with its kind
//! and, when it can be taken back, its undo.

use std::fmt::Display;

use restride_core::plan::WeekPlan;
use restride_core::{Run, RunId, Setback};

/// The parts of the [`Model`](crate::Model) an operation changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changed {
    pub runs: bool,
    pub wellness: bool,
    pub settings: bool,
    pub plans: bool,
    pub goal: bool,
    pub setbacks: bool,
    pub problems: bool,
    pub today: bool,
}

impl Changed {
    /// Everything read from storage (a reload, a restore, an import).
    pub const STORED: Self = Self {
        runs: true,
        wellness: true,
        settings: true,
        plans: true,
        goal: true,
        setbacks: true,
        problems: true,
        today: false,
    };

    /// Both `self`'s and `other`'s changes.
    #[must_use]
    pub fn or(self, other: Self) -> Self {
        Self {
            runs: self.runs || other.runs,
            wellness: self.wellness || other.wellness,
            settings: self.settings || other.settings,
            plans: self.plans || other.plans,
            goal: self.goal || other.goal,
            setbacks: self.setbacks || other.setbacks,
            problems: self.problems || other.problems,
            today: self.today || other.today,
        }
    }

    /// Whether the radar's analysis (runs, check-ins, illnesses and injuries,
    /// settings, the date) must be redone.
    pub(crate) fn analysis_inputs(self) -> bool {
        self.runs || self.wellness || self.setbacks || self.settings || self.today
    }
}

/// How a message reads: done, done but with a catch, or not done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Ok,
    Warning,
    Error,
}

/// How to take back what an operation did. Each undo also reverses the plan's tick.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    /// Take back a run just logged: it is deleted, and the session it ticked off is
    /// planned again.
    RemoveRun(RunId),
    /// Put back a deleted run, and tick off again the session it fulfils.
    RestoreRun(Box<Run>),
    /// Put a week's plan back as it was before a change to it.
    RestorePlan(Box<WeekPlan>),
    /// Put the illnesses and injuries back as they were, and this week's plan as it
    /// was before they re-planned it.
    RestoreSetbacks { setbacks: Vec<Setback>, plan: Option<Box<WeekPlan>> },
}

/// One message for the runner.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub kind: MessageKind,
    pub text: String,
    pub undo: Option<Undo>,
}

impl Message {
    pub fn ok(text: impl Into<String>) -> Self {
        Self { kind: MessageKind::Ok, text: text.into(), undo: None }
    }

    pub fn warning(text: impl Into<String>) -> Self {
        Self { kind: MessageKind::Warning, text: text.into(), undo: None }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self { kind: MessageKind::Error, text: text.into(), undo: None }
    }

    #[must_use]
    pub fn with_undo(self, undo: Undo) -> Self {
        Self { undo: Some(undo), ..self }
    }
}

/// What an operation did.
#[must_use]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub changed: Changed,
    /// In the order they should be read; often one, sometimes more ("Run saved."
    /// and "…but the plan couldn't be updated").
    pub messages: Vec<Message>,
}

impl Outcome {
    /// Nothing changed, for this reason.
    pub(crate) fn failed(error: impl Display) -> Self {
        Self { changed: Changed::default(), messages: vec![Message::error(error.to_string())] }
    }

    /// `changed` changed, and the runner is told `message`.
    pub(crate) fn done(changed: Changed, message: Message) -> Self {
        Self { changed, messages: vec![message] }
    }

    /// Whether the operation failed (said by an error message).
    pub fn is_error(&self) -> bool {
        self.messages.iter().any(|m| m.kind == MessageKind::Error)
    }

    /// The error messages' text, for a form that shows its failure inline.
    pub fn errors(&self) -> impl Iterator<Item = &str> + '_ {
        self.messages.iter().filter(|m| m.kind == MessageKind::Error).map(|m| m.text.as_str())
    }

    pub(crate) fn say(&mut self, message: Message) {
        self.messages.push(message);
    }

    /// This outcome followed by `next`: both changes, and `next`'s messages after
    /// these.
    pub(crate) fn and(mut self, next: Self) -> Self {
        self.changed = self.changed.or(next.changed);
        self.messages.extend(next.messages);
        self
    }
}
