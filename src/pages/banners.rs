//! Messages that can appear over any tab: a new version waiting, storage that
//! can't be used, and saved data that couldn't be read.

use leptos::prelude::*;
use restride_app::Message;

use crate::browser;
use crate::state::use_state;

#[component]
pub fn Banners(update_ready: RwSignal<bool>) -> impl IntoView {
    let state = use_state();
    let download = move |key: String| {
        let raw = state.raw(&key).unwrap_or_default();
        if let Err(e) = browser::download(&format!("{key}.txt"), "text/plain", &raw) {
            state.toasts.show(vec![Message::error(format!("Download failed: {e}"))]);
        }
    };
    view! {
        <Show when=move || update_ready.get()>
            <button type="button" class="banner update" on:click=|_| crate::pwa::apply_update()>
                "A new version is ready — reload"
            </button>
        </Show>
        {move || state.storage_unavailable.get().map(|e| view! {
            <div class="banner warn" role="alert">
                <p>{format!("Restride can't save on this device: {e}. You can still log runs, but they will be lost when you close this tab.")}</p>
            </div>
        })}
        <For
            each=move || {
                // Dismissed ones stay kept (and in every backup); only their banner goes.
                let dismissed = state.device.with(|d| d.dismissed.clone());
                state.problems.with(|ps| ps.iter().filter(|p| !dismissed.contains(&p.kept_at)).cloned().collect::<Vec<_>>())
            }
            key=|p| p.kept_at.clone()
            children=move |p| {
                let why = p.error.as_ref().map_or_else(
                    || "it was set aside on an earlier visit".to_string(),
                    ToString::to_string,
                );
                let stop = if why.ends_with('.') { "" } else { "." };
                let key = p.kept_at.clone();
                let discard_key = key.clone();
                let dismiss_key = key.clone();
                let discardable = key != p.key;
                view! {
                    <div class="banner warn" role="alert">
                        <p>{format!("Some saved data ({}) couldn't be read: {why}{stop} It has been kept safe, not deleted, and goes into every backup.", p.key)}</p>
                        <button type="button" on:click=move |_| download(key.clone())>"Download it"</button>
                        {discardable.then(|| view! {
                            <button type="button" class="danger" on:click=move |_| state.toasts.say_when(state.discard(&discard_key))>
                                "Discard"
                            </button>
                        })}
                        <button type="button" on:click=move |_| state.toasts.say_when(state.dismiss_problem(&dismiss_key))>
                            "Dismiss"
                        </button>
                    </div>
                }
            }
        />
    }
}
