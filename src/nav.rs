//! Tabs and moving between them. Tabs follow the URL hash (`#/log`), so the
//! manifest's "Log a run" shortcut and the back button both work without a
//! router; a tap on an in-app link shows its tab in the tap's own event.

use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

use crate::browser;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Today,
    Log,
    History,
    Plan,
    Settings,
    /// The Progress charts: a page of its own, reached from Today and History.
    Progress,
    /// Importing from a watch or Strava, reached from History and Today.
    Import,
}

impl Tab {
    /// The tabs in the bottom navigation.
    pub const ALL: [Self; 5] = [Self::Today, Self::Log, Self::History, Self::Plan, Self::Settings];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Today => "today",
            Self::Log => "log",
            Self::History => "history",
            Self::Plan => "plan",
            Self::Settings => "settings",
            Self::Progress => "progress",
            Self::Import => "import",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Today => "Today",
            Self::Log => "Log",
            Self::History => "History",
            Self::Plan => "Plan",
            Self::Settings => "Settings",
            Self::Progress => "Progress",
            Self::Import => "Import",
        }
    }

    /// From a location hash like `#/log`; unknown hashes mean Today.
    pub fn from_hash(hash: &str) -> Self {
        let slug = hash.trim_start_matches('#').trim_start_matches('/');
        Self::ALL
            .into_iter()
            .chain([Self::Progress, Self::Import])
            .find(|t| t.slug() == slug)
            .unwrap_or_default()
    }
}

/// The tab shown, provided at the root.
#[derive(Debug, Clone, Copy)]
pub struct Nav {
    pub tab: RwSignal<Tab>,
}

impl Nav {
    /// On the tab the URL's hash names.
    pub fn from_location() -> Self {
        Self { tab: RwSignal::new(Tab::from_hash(&browser::location_hash())) }
    }

    /// Shows `tab`, re-rendering only if it is not already shown (the hashchange
    /// that follows a tap names the tab the tap already opened).
    pub fn show(self, tab: Tab) {
        if self.tab.get_untracked() != tab {
            self.tab.set(tab);
        }
    }

    /// Shows the tab the URL's hash names now (the back button, a typed URL).
    pub fn follow_location(self) {
        self.show(Tab::from_hash(&browser::location_hash()));
    }

    /// Shows another tab now, and puts it in the hash so history and reloads agree.
    ///
    /// The hash follows once the new tab is painted: setting it is a same-document
    /// navigation, synchronous browser work (7-24 ms at 4x CPU throttling, measured)
    /// that would otherwise hold back the paint. By then another tab may have been
    /// chosen: then that one's hash wins.
    pub fn navigate(self, tab: Tab) {
        self.show(tab);
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let hash = format!("/{}", tab.slug());
                    if self.tab.get_untracked() == tab
                        && browser::location_hash().trim_start_matches('#') != hash
                    {
                        browser::set_location_hash(&hash);
                    }
                },
                std::time::Duration::ZERO,
            );
        });
    }

    /// `value`, kept current only while `tab` is shown. Today and History stay
    /// mounted behind the other tabs; through this they do no work when the history
    /// changes elsewhere, and catch up when shown again, re-rendering only what changed.
    pub fn while_shown<T>(self, tab: Tab, value: impl Fn() -> T + Send + Sync + 'static) -> Memo<T>
    where
        T: Clone + PartialEq + Send + Sync + 'static,
    {
        Memo::new(move |previous: Option<&T>| match previous {
            Some(previous) if self.tab.get() != tab => previous.clone(),
            _ => value(),
        })
    }
}

/// The tab a plain click on an in-app link (`href="#/…"`) opens, if it is one.
/// Clicks with a modifier key are the browser's (a new window or tab).
pub fn tab_link_target(ev: &ev::MouseEvent) -> Option<Tab> {
    if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
        return None;
    }
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let href = target.closest("a[href^='#/']").ok()??.get_attribute("href")?;
    Some(Tab::from_hash(&href))
}

pub fn use_nav() -> Nav {
    expect_context::<Nav>()
}
