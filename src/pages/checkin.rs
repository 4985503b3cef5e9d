//! The daily wellness check-in (about 15 seconds): sleep, the four Hooper items,
//! hydration, motivation, "ill or injured?" and life-context tags. One per day;
//! saving again edits it.
//!
//! Every scale reads the same way: the good end on the left, with words at both
//! ends (the Hooper items are 1 = best already; hydration and motivation, stored 5 =
//! best, are shown from 5 down). A problem shows at its own question. Saving lands
//! calmly on the check-in's summary, not wherever the shorter page left the view.

use leptos::prelude::*;
use restride_app::SetbackNow;
use restride_core::wellness::WellnessForm;
use restride_core::{HooperItem, Level, LifeTag, SetbackKind, Wellness, WellnessField, WellnessProblem};

use super::setback::{NECK_CHECK, kind_chips};
use super::widgets::{Chip, ErrorLine, RadioChips, ToggleChips};
use crate::state::use_state;

fn hooper_chips(item: HooperItem) -> Vec<Chip<u8>> {
    (1..=7).map(|v| Chip::hinted(v, v.to_string(), item.scale_word(v))).collect()
}

/// The best first, like the Hooper items.
fn level_chips(word: fn(Level) -> &'static str) -> Vec<Chip<u8>> {
    (Level::MIN..=Level::MAX).rev().filter_map(Level::new).map(|l| Chip::new(l.value(), word(l))).collect()
}

fn summary(w: &Wellness) -> String {
    let sleep = w.sleep_hours.map(|h| format!("{h} h sleep · ")).unwrap_or_default();
    format!("{sleep}{} · motivation {}", w.how_you_are(), w.motivation.motivation_word().to_lowercase())
}

#[component]
pub fn CheckIn() -> impl IntoView {
    let state = use_state();
    // Today stays mounted overnight: the day is the app's, which moves on.
    let todays = Memo::new(move |_| {
        let today = state.today.get();
        state.wellness.with(|days| days.iter().find(|w| w.date == today).cloned())
    });
    let editing = RwSignal::new(false);
    let title = NodeRef::<leptos::html::H3>::new();
    // After a save: the card's heading in view and focused, under the top bar.
    let saved = Callback::new(move |()| {
        editing.set(false);
        request_animation_frame(move || {
            if let Some(h) = title.get_untracked() {
                h.scroll_into_view_with_bool(true);
                let _ = h.focus();
            }
        });
    });
    view! {
        // Checked in: "Edit" sits beside the heading, the summary under both.
        <section
            class="card checkin"
            class:checked-in=move || !editing.get() && todays.with(Option::is_some)
            aria-labelledby="checkin-title"
        >
            <h3 id="checkin-title" tabindex="-1" node_ref=title>"Daily check-in"</h3>
            {move || match (todays.get(), editing.get()) {
                (Some(w), false) => view! {
                    <p>{summary(&w)}</p>
                    <div class="actions">
                        <button type="button" on:click=move |_| editing.set(true)>
                            "Edit" <span class="sr-only">" today's check-in"</span>
                        </button>
                    </div>
                }
                .into_any(),
                (existing, true) => view! { <CheckInForm existing cancel=editing saved/> }.into_any(),
                (None, false) => view! {
                    <p>"How are you today? Sleep, stress and soreness tell a rut from a bad week."</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=move |_| editing.set(true)>"Check in"</button>
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}

/// A scale question: its chips in a row of equal columns, its two ends in words,
/// and its problem under it.
#[component]
fn Scale(
    legend: &'static str,
    field: WellnessField,
    options: Vec<Chip<u8>>,
    ends: (String, String),
    selected: RwSignal<Option<u8>>,
    problems: RwSignal<Vec<WellnessProblem>>,
) -> impl IntoView {
    let error_id = format!("checkin-{}-error", field.slug());
    let columns = format!("scale columns-{}", options.len());
    let error = Signal::derive(move || {
        problems.with(|ps| ps.iter().find(|p| p.field == field).map(|p| p.message.clone()))
    });
    view! {
        <div class=columns>
            <RadioChips
                legend=legend
                name=field.slug()
                options
                selected
                on_pick=move |v| selected.set(Some(v))
                error_id=error_id.clone()
            />
            <p class="scale-ends" aria-hidden="true"><span>{ends.0}</span><span>{ends.1}</span></p>
            <ErrorLine id=error_id text=error/>
        </div>
    }
}

#[component]
fn CheckInForm(existing: Option<Wellness>, cancel: RwSignal<bool>, saved: Callback<()>) -> impl IntoView {
    let state = use_state();
    let initial = state.check_in_form(existing.as_ref());
    let sleep_hours = RwSignal::new(initial.sleep_hours);
    let sleep_quality = RwSignal::new(initial.sleep_quality);
    let stress = RwSignal::new(initial.stress);
    let fatigue = RwSignal::new(initial.fatigue);
    let soreness = RwSignal::new(initial.soreness);
    let hydration = RwSignal::new(initial.hydration);
    let motivation = RwSignal::new(initial.motivation);
    // Illness is no longer offered as a tag (the question below says it); a
    // check-in saved with it keeps it, and can take it off.
    let offered: Vec<LifeTag> = LifeTag::ALL
        .into_iter()
        .filter(|t| LifeTag::OFFERED.contains(t) || initial.tags.contains(t))
        .collect();
    let tags = RwSignal::new(initial.tags);
    // "Ill or injured?": asked while nothing is lasting. `None` is "no".
    let asks_setback = !matches!(state.setback_now(), Some(SetbackNow::Lasting(_)));
    let unwell = RwSignal::new(None::<Option<SetbackKind>>);
    let problems = RwSignal::new(Vec::<WellnessProblem>::new());
    let save_error = RwSignal::new(None::<String>);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = WellnessForm {
            sleep_hours: sleep_hours.get_untracked(),
            sleep_quality: sleep_quality.get_untracked(),
            stress: stress.get_untracked(),
            fatigue: fatigue.get_untracked(),
            soreness: soreness.get_untracked(),
            hydration: hydration.get_untracked(),
            motivation: motivation.get_untracked(),
            tags: tags.get_untracked(),
        };
        state.check_in(&form, unwell.get_untracked().flatten()).then(move |result| match result {
            Err(p) => {
                let first = p.first().map(|p| p.field);
                problems.set(p);
                save_error.set(None);
                // The first question with a problem, in view for the runner to answer.
                if let Some(field) = first {
                    request_animation_frame(move || focus_question(field));
                }
            }
            Ok(outcome) if outcome.is_error() => {
                problems.set(Vec::new());
                save_error.set(outcome.errors().next().map(str::to_string));
            }
            Ok(outcome) => {
                saved.run(());
                state.toasts.say(&outcome);
            }
        });
    };
    let sleep_error = Signal::derive(move || {
        problems
            .with(|ps| ps.iter().find(|p| p.field == WellnessField::SleepHours).map(|p| p.message.clone()))
    });
    let hooper = move |item: HooperItem, signal: RwSignal<Option<u8>>| {
        let ends = (item.scale_word(1).to_string(), item.scale_word(7).to_string());
        view! {
            <Scale
                legend=item.label()
                field=WellnessField::Hooper(item)
                options=hooper_chips(item)
                ends
                selected=signal
                problems
            />
        }
    };
    let level = |word: fn(Level) -> &'static str| {
        let end = |v: u8| Level::new(v).map(word).unwrap_or_default().to_string();
        (end(Level::MAX), end(Level::MIN))
    };
    view! {
        <form class="run-form" aria-label="Daily check-in" novalidate on:submit=save>
            <div class="field">
                <label for="sleep-hours">"Hours slept"</label>
                <input
                    id="sleep-hours"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    placeholder="7.5"
                    aria-describedby="checkin-sleep-hours-error"
                    aria-invalid=move || sleep_error.with(Option::is_some).then_some("true")
                    prop:value=move || sleep_hours.get()
                    on:input=move |ev| sleep_hours.set(event_target_value(&ev))
                />
                <ErrorLine id="checkin-sleep-hours-error" text=sleep_error/>
            </div>
            {hooper(HooperItem::SleepQuality, sleep_quality)}
            {hooper(HooperItem::Stress, stress)}
            {hooper(HooperItem::Fatigue, fatigue)}
            {hooper(HooperItem::Soreness, soreness)}
            <Scale
                legend="Hydration"
                field=WellnessField::Hydration
                options=level_chips(Level::hydration_word)
                ends=level(Level::hydration_word)
                selected=hydration
                problems
            />
            <Scale
                legend="Motivation to run"
                field=WellnessField::Motivation
                options=level_chips(Level::motivation_word)
                ends=level(Level::motivation_word)
                selected=motivation
                problems
            />
            {asks_setback
                .then(|| {
                    view! {
                        <RadioChips
                            legend="Ill or injured?"
                            name="checkin-setback"
                            caption=NECK_CHECK
                            options=std::iter::once(Chip::new(None, "No"))
                                .chain(kind_chips().into_iter().map(|c| Chip::new(Some(c.value), c.text)))
                                .collect()
                            selected=unwell
                            on_pick=move |k| unwell.set(Some(k))
                        />
                    }
                })}
            <ToggleChips
                legend="Going on in your life (optional)"
                options=offered.into_iter().map(|t| Chip::new(t, t.label())).collect()
                selected=tags
                on_toggle=move |t| tags.update(|ts| if let Some(i) = ts.iter().position(|x| *x == t) { ts.remove(i); } else { ts.push(t); })
            />
            {move || save_error.get().map(|e| view! { <p role="alert" class="save-error">{e}</p> })}
            <div class="actions">
                <button type="submit" class="primary">"Save check-in"</button>
                <button type="button" on:click=move |_| cancel.set(false)>"Cancel"</button>
            </div>
        </form>
    }
}

/// Moves focus to the first answer of `field`'s question (its input, or its first
/// chip), which scrolls it into view.
fn focus_question(field: WellnessField) {
    use wasm_bindgen::JsCast;
    let selector = match field {
        WellnessField::SleepHours => "#sleep-hours".to_string(),
        other => format!("input[name=\"{}\"]", other.slug()),
    };
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(e) = element {
        let _ = e.focus();
    }
}
