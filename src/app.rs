//! The shell: top bar, banners, the current tab's page, toasts and the bottom
//! navigation. Tabs follow the URL hash (`#/log`), so the manifest's "Log a run"
//! shortcut and the back button both work without a router.

use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

use crate::pages::{
    Banners, HistoryPage, ImportPage, LogPage, PlanPage, ProgressPage, SettingsPage, ToastView, TodayPage,
};
use crate::state::{AppState, Tab};

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Shows another tab now, and puts it in the hash so history and reloads agree.
///
/// The hash follows once the new tab is painted: setting it is a same-document
/// navigation, synchronous browser work (7-24 ms at 4x CPU throttling, measured) that
/// would otherwise hold back the paint. By then another tab may have been chosen:
/// then that one's hash wins.
pub fn navigate(state: AppState, tab: Tab) {
    state.show_tab(tab);
    request_animation_frame(move || {
        set_timeout(
            move || {
                let hash = format!("/{}", tab.slug());
                if state.tab.get_untracked() == tab
                    && current_hash().trim_start_matches('#') != hash
                    && let Some(w) = web_sys::window()
                {
                    let _ = w.location().set_hash(&hash);
                }
            },
            std::time::Duration::ZERO,
        );
    });
}

/// The tab a plain click on an in-app link (`href="#/…"`) opens, if it is one.
/// Clicks with a modifier key are the browser's (a new window or tab).
fn tab_link_target(ev: &ev::MouseEvent) -> Option<Tab> {
    if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
        return None;
    }
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let href = target.closest("a[href^='#/']").ok()??.get_attribute("href")?;
    Some(Tab::from_hash(&href))
}

/// A tab that stays mounted, hidden, once opened: coming back shows it as it was
/// (scroll, a half-done check-in, the weeks shown) without building it again, and
/// leaving it removes nothing (taking a page's nodes out of the document was most
/// of the cost of a tap on Today, measured). What it shows catches up when it is
/// shown again (`AppState::while_shown`).
#[component]
fn KeptTab(tab: Tab, children: ChildrenFn) -> impl IntoView {
    let state = crate::state::use_state();
    let opened =
        Memo::new(move |opened: Option<&bool>| opened.copied().unwrap_or(false) || state.tab.get() == tab);
    view! {
        <Show when=move || opened.get()>
            <div hidden=move || state.tab.get() != tab>{children()}</div>
        </Show>
    }
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);
    state.tab.set(Tab::from_hash(&current_hash()));
    let _ = window_event_listener(ev::hashchange, move |_| state.show_tab(Tab::from_hash(&current_hash())));
    // A tapped tab or in-app link renders in the tap's own event, not after the
    // hashchange task it queues, which waits behind whatever else is queued
    // (up to 50 ms measured at 4x CPU throttling); `navigate` sets the hash after.
    let _ = window_event_listener(ev::click, move |e| {
        if let Some(tab) = tab_link_target(&e) {
            e.prevent_default();
            navigate(state, tab);
        }
    });
    // Another tab saved: show what is in storage now. (No event fires in the tab that wrote.)
    let _ = window_event_listener(ev::storage, move |e| {
        if e.key().is_none_or(|k| k.starts_with("restride.")) {
            state.reload();
        }
    });
    // Back in view (e.g. the next morning): the radar's "today" moves on. Setting
    // the same date again changes nothing, so the analysis is not redone.
    let _ = window_event_listener(ev::visibilitychange, move |_| {
        let today = crate::browser::now_local().date_naive();
        if state.today.get_untracked() != today {
            state.today.set(today);
        }
    });
    let update_ready = RwSignal::new(false);
    crate::pwa::register(update_ready);

    view! {
        <header class="topbar">
            <h1 class="brand">"Restride"</h1>
        </header>
        <Banners update_ready/>
        <main id="main" class="content">
            // Today and History, the tabs a runner goes back and forth between (a save
            // lands on History; Today has the radar), stay mounted once opened.
            <KeptTab tab=Tab::Today>
                <TodayPage/>
            </KeptTab>
            <KeptTab tab=Tab::History>
                <HistoryPage/>
            </KeptTab>
            {move || match state.tab.get() {
                Tab::Today | Tab::History => ().into_any(),
                Tab::Log => view! { <LogPage/> }.into_any(),
                Tab::Plan => view! { <PlanPage/> }.into_any(),
                Tab::Settings => view! { <SettingsPage/> }.into_any(),
                Tab::Progress => view! { <ProgressPage/> }.into_any(),
                Tab::Import => view! { <ImportPage/> }.into_any(),
            }}
        </main>
        <ToastView/>
        <nav class="tabbar" aria-label="Main">
            {Tab::ALL
                .into_iter()
                .map(|tab| {
                    view! {
                        <a
                            href=format!("#/{}", tab.slug())
                            class="tab"
                            aria-current=move || (state.tab.get() == tab).then_some("page")
                        >
                            {tab.label()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
