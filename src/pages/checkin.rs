//! The daily wellness check-in (about 15 seconds): sleep, the four Hooper items,
//! hydration, motivation and life-context tags. One per day; saving again edits it.

use leptos::prelude::*;
use restride_core::wellness::WellnessForm;
use restride_core::{HooperItem, Level, LifeTag, Wellness};

use super::widgets::{Chip, RadioChips, ToggleChips};
use crate::state::use_state;

fn hooper_chips(item: HooperItem) -> Vec<Chip<u8>> {
    (1..=7).map(|v| Chip::hinted(v, v.to_string(), item.scale_word(v))).collect()
}

fn level_chips(word: fn(Level) -> &'static str) -> Vec<Chip<u8>> {
    (Level::MIN..=Level::MAX).filter_map(Level::new).map(|l| Chip::new(l.value(), word(l))).collect()
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
    view! {
        <section class="card" aria-labelledby="checkin-title">
            <h3 id="checkin-title">"Daily check-in"</h3>
            {move || match (todays.get(), editing.get()) {
                (Some(w), false) => view! {
                    <p>{summary(&w)}</p>
                    <div class="actions">
                        <button type="button" on:click=move |_| editing.set(true)>"Edit today's check-in"</button>
                    </div>
                }
                .into_any(),
                (existing, true) => view! { <CheckInForm existing done=editing/> }.into_any(),
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

#[component]
fn CheckInForm(existing: Option<Wellness>, done: RwSignal<bool>) -> impl IntoView {
    let state = use_state();
    let initial = state.check_in_form(existing.as_ref());
    let sleep_hours = RwSignal::new(initial.sleep_hours);
    let sleep_quality = RwSignal::new(initial.sleep_quality);
    let stress = RwSignal::new(initial.stress);
    let fatigue = RwSignal::new(initial.fatigue);
    let soreness = RwSignal::new(initial.soreness);
    let hydration = RwSignal::new(initial.hydration);
    let motivation = RwSignal::new(initial.motivation);
    let tags = RwSignal::new(initial.tags);
    let problems = RwSignal::new(Vec::<String>::new());

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
        match state.check_in(&form) {
            Err(p) => problems.set(p),
            Ok(outcome) if outcome.is_error() => problems.set(outcome.errors().map(str::to_string).collect()),
            Ok(outcome) => {
                done.set(false);
                state.toasts.say(&outcome);
            }
        }
    };
    let hooper = move |item: HooperItem, name: &'static str, signal: RwSignal<Option<u8>>| {
        view! {
            <RadioChips
                legend=item.label()
                name=name
                caption=format!("1 {} · 7 {}", item.scale_word(1).to_lowercase(), item.scale_word(7).to_lowercase())
                options=hooper_chips(item)
                selected=signal
                on_pick=move |v| signal.set(Some(v))
            />
        }
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
                    prop:value=move || sleep_hours.get()
                    on:input=move |ev| sleep_hours.set(event_target_value(&ev))
                />
            </div>
            {hooper(HooperItem::SleepQuality, "sleep-quality", sleep_quality)}
            {hooper(HooperItem::Stress, "stress", stress)}
            {hooper(HooperItem::Fatigue, "fatigue", fatigue)}
            {hooper(HooperItem::Soreness, "soreness", soreness)}
            <RadioChips
                legend="Hydration"
                name="hydration"
                options=level_chips(Level::hydration_word)
                selected=hydration
                on_pick=move |v| hydration.set(Some(v))
            />
            <RadioChips
                legend="Motivation to run"
                name="motivation"
                options=level_chips(Level::motivation_word)
                selected=motivation
                on_pick=move |v| motivation.set(Some(v))
            />
            <ToggleChips
                legend="Going on in your life (optional)"
                options=LifeTag::ALL.into_iter().map(|t| Chip::new(t, t.label())).collect()
                selected=tags
                on_toggle=move |t| tags.update(|ts| if let Some(i) = ts.iter().position(|x| *x == t) { ts.remove(i); } else { ts.push(t); })
            />
            <div class="field-error" role="alert" hidden=move || problems.with(Vec::is_empty)>
                {move || problems.get().into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            </div>
            <div class="actions">
                <button type="submit" class="primary">"Save check-in"</button>
                <button type="button" on:click=move |_| done.set(false)>"Cancel"</button>
            </div>
        </form>
    }
}
