//! The shell: top bar, banners, the current tab's page, toasts and the bottom
//! navigation (see `nav` for how tabs follow the URL hash).

use leptos::{ev, prelude::*};

use crate::lazy::{LazyPage, LoadedPage};
use crate::nav::{Nav, Tab, tab_link_target, use_nav};
use crate::pages::{Banners, TodayPage};
use crate::state::AppState;
use crate::toast::ToastView;

/// A tab that stays mounted, hidden, once opened: coming back shows it as it was
/// (scroll, a half-done check-in, the weeks shown) without building it again, and
/// leaving it removes nothing (taking a page's nodes out of the document was most
/// of the cost of a tap on Today, measured). What it shows catches up when it is
/// shown again (`Nav::while_shown`).
#[component]
fn KeptTab(tab: Tab, children: ChildrenFn) -> impl IntoView {
    let nav = use_nav();
    let opened =
        Memo::new(move |opened: Option<&bool>| opened.copied().unwrap_or(false) || nav.tab.get() == tab);
    view! {
        <Show when=move || opened.get()>
            <div hidden=move || nav.tab.get() != tab>{children()}</div>
        </Show>
    }
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);
    let nav = Nav::from_location();
    provide_context(nav);
    let _ = window_event_listener(ev::hashchange, move |_| nav.follow_location());
    // A tapped tab or in-app link renders in the tap's own event, not after the
    // hashchange task it queues, which waits behind whatever else is queued
    // (up to 50 ms measured at 4x CPU throttling); `navigate` sets the hash after.
    let _ = window_event_listener(ev::click, move |e| {
        if let Some(tab) = tab_link_target(&e) {
            e.prevent_default();
            nav.navigate(tab);
        }
    });
    // Another tab saved: read what it wrote, a moment later with whatever else it
    // writes meanwhile (no event fires in the tab that wrote). Another app's keys,
    // and the lease that stands in for Web Locks, are not data.
    let _ = window_event_listener(ev::storage, move |e| match e.key() {
        None => state.other_tab_wrote(None),
        Some(key) if restride_store::repo::is_data_key(&key) || key == restride_store::repo::DEVICE_KEY => {
            state.other_tab_wrote(Some(key))
        }
        Some(_) => {}
    });
    // Back in view (e.g. the next morning): the radar's "today" moves on. The same
    // date changes nothing, so the analysis is not redone.
    let _ = window_event_listener(ev::visibilitychange, move |_| state.refresh_today());
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
                <LoadedPage page=LazyPage::History/>
            </KeptTab>
            {move || match nav.tab.get() {
                Tab::Today | Tab::History => ().into_any(),
                Tab::Log => view! { <LoadedPage page=LazyPage::Log/> }.into_any(),
                Tab::Plan => view! { <LoadedPage page=LazyPage::Plan/> }.into_any(),
                Tab::Settings => view! { <LoadedPage page=LazyPage::Settings/> }.into_any(),
                Tab::Progress => view! { <LoadedPage page=LazyPage::Progress/> }.into_any(),
                Tab::Import => view! { <LoadedPage page=LazyPage::Import/> }.into_any(),
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
                            // The page itself, or the tab a sub-page (Progress, Import) belongs to.
                            aria-current=move || {
                                if nav.tab.get() == tab {
                                    Some("page")
                                } else {
                                    (nav.section.get() == tab).then_some("true")
                                }
                            }
                        >
                            {tab.label()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
