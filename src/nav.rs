//! Tabs and moving between them. Tabs follow the URL hash (`#/log`), so the
//! manifest's "Log a run" shortcut and the back button both work without a
//! router; a tap on an in-app link shows its tab in the tap's own event.
//!
//! Each tab opens at its own top, except Today and History, which are kept
//! (see `app.rs`) and open where the runner left them; tapping the tab already
//! shown goes back to its top. Progress and Import are sub-pages: the tab bar
//! shows the tab they belong to (History, or Today for an import started there)
//! as current, and their back control leads to it.

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

    /// Whether the tab stays mounted once opened, and so keeps its place.
    pub fn is_kept(self) -> bool {
        matches!(self, Self::Today | Self::History)
    }

    fn index(self) -> usize {
        self as usize
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
    /// The tab-bar tab the page shown belongs to: the page itself, or for a
    /// sub-page the tab it was opened from (History by default).
    pub section: RwSignal<Tab>,
    /// How far each kept tab was scrolled when the runner left it.
    scrolled: StoredValue<[f64; 7]>,
}

impl Nav {
    /// On the tab the URL's hash names.
    pub fn from_location() -> Self {
        let tab = Tab::from_hash(&browser::location_hash());
        Self {
            tab: RwSignal::new(tab),
            section: RwSignal::new(section_of(tab, tab)),
            scrolled: StoredValue::new([0.0; 7]),
        }
    }

    /// Shows `tab`, re-rendering only if it is not already shown (the hashchange
    /// that follows a tap names the tab the tap already opened). It opens at its
    /// top, or a kept tab where it was left. (Kept out of line: it is called from
    /// every listener and page that moves between tabs.)
    #[inline(never)]
    pub fn show(self, tab: Tab) {
        let from = self.tab.get_untracked();
        if from == tab {
            return;
        }
        if from.is_kept() {
            let y = browser::scroll_y();
            self.scrolled.update_value(|s| s[from.index()] = y);
        }
        self.tab.set(tab);
        self.section.set(section_of(tab, self.section.get_untracked()));
        let y = if tab.is_kept() { self.scrolled.with_value(|s| s[tab.index()]) } else { 0.0 };
        // Queued after the renders this change has woken, so in this same event,
        // once the tab is in the page and before it is painted.
        leptos::task::spawn_local(async move { browser::scroll_to(y) });
    }

    /// Shows `tab` at its top, even a kept one (e.g. History after a save, with the
    /// run just saved first).
    pub fn open_at_top(self, tab: Tab) {
        self.scrolled.update_value(|s| s[tab.index()] = 0.0);
        self.navigate(tab);
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
    /// chosen: then that one's hash wins. Or the hash may have changed meanwhile (a
    /// link, the back button, a shortcut opening `#/log`): then that change wins, and
    /// its hashchange shows its tab.
    pub fn navigate(self, tab: Tab) {
        if self.tab.get_untracked() == tab {
            // A tap on the tab already shown: back to its top, as phones do.
            browser::scroll_to(0.0);
        }
        self.show(tab);
        let hash_before = browser::location_hash();
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let hash = format!("/{}", tab.slug());
                    let now = browser::location_hash();
                    if self.tab.get_untracked() == tab
                        && now == hash_before
                        && now.trim_start_matches('#') != hash
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

/// The tab-bar tab `tab` belongs to, coming from a page of `section`: a sub-page
/// stays in the section it was opened from when it is one of its own (Import from
/// Today or History), else in History (Progress, and any deep link).
fn section_of(tab: Tab, section: Tab) -> Tab {
    match tab {
        Tab::Import if matches!(section, Tab::Today | Tab::History) => section,
        Tab::Progress | Tab::Import => Tab::History,
        tab => tab,
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
