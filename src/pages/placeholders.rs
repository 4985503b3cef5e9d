//! Tabs whose features are not built yet. Each says what is coming, honestly.

use leptos::prelude::*;

#[component]
pub fn PlanPage() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="plan-title">
            <h2 id="plan-title">"Plan"</h2>
            <div class="card coming">
                <h3>"Weekly plan — coming soon"</h3>
                <p>"Not built yet. It will plan a flexible week around your available days, mix in variety (hills, tempo, intervals, strength), keep rest days, never cram a missed session into the next week, and follow a race goal."</p>
            </div>
        </section>
    }
}
