//! The Rut Radar: the verdict, then one card per sign with its status, sentence,
//! evidence, remedies and a "why" panel per metric (formula, the runner's own
//! inputs, threshold, strength of evidence, source). The analysis is the app
//! state's `report` Memo, redone only when the history it reads changes, and read
//! only while Today is shown.

use leptos::prelude::*;
use restride_app::plans::{CompanyEffect, CompanyGroup};
use restride_core::analysis::{Finding, Report, Sign, Status, Why};

use crate::nav::{Tab, use_nav};
use crate::state::{Shared, use_state};

fn status_label(status: &Status) -> &'static str {
    match status {
        Status::Clear => "Clear",
        Status::Watch => "Watch",
        Status::Rut => "Rut sign",
        Status::Insufficient { .. } => "Not enough data",
    }
}

fn why_metric(w: &Why) -> impl IntoView + use<> {
    view! {
        <div class="why-metric">
            <h5>{w.metric.clone()}</h5>
            <p><span class="why-key">"Formula: "</span>{w.formula.clone()}</p>
            <table>
                <caption class="sr-only">{format!("Your inputs for {}", w.metric)}</caption>
                <tbody>
                    {w.inputs
                        .iter()
                        .map(|(k, v)| view! { <tr><th scope="row">{k.clone()}</th><td>{v.clone()}</td></tr> })
                        .collect_view()}
                </tbody>
            </table>
            <p><span class="why-key">"Threshold: "</span>{w.threshold.clone()}</p>
            <p><span class="why-key">"Strength of evidence: "</span>{w.strength.label()}</p>
        </div>
    }
}

/// `read` of `sign`'s finding in `report` (every report has every sign).
fn of_sign<T>(report: Memo<Shared<Report>>, sign: Sign, read: impl FnOnce(&Finding) -> T) -> Option<T> {
    report.with(|r| r.findings.iter().find(|f| f.sign == sign).map(read))
}

/// One sign's card. It is built once, when the radar first shows, and a new
/// analysis (say, after a save) updates its status, sentence and numbers in place:
/// rebuilding eight cards was most of the radar's render time after a save.
#[component]
fn SignCard(
    sign: Sign,
    report: Memo<Shared<Report>>,
    /// A line from the plan's history that bears on this sign (why sessions get missed).
    plan_note: Signal<Option<String>>,
) -> impl IntoView {
    let status = Memo::new(move |_| of_sign(report, sign, |f| f.status.clone()));
    let slug = move || status.with(|s| s.as_ref().map_or("insufficient", Status::slug));
    let flagged = Memo::new(move |_| status.with(|s| s.as_ref().is_some_and(|s| s.severity() > 0)));
    let needs = Memo::new(move |_| match status.get() {
        Some(Status::Insufficient { needs }) => Some(format!("Needs: {needs}.")),
        _ => None,
    });
    // The evidence rows by position and name; their values update in place.
    let rows = Memo::new(move |_| {
        of_sign(report, sign, |f| {
            f.evidence.iter().enumerate().map(|(i, e)| (i, format!("{} ({})", e.label, e.window))).collect()
        })
        .unwrap_or_else(Vec::new)
    });
    let remedies = Memo::new(move |_| {
        of_sign(report, sign, |f| f.remedies.clone()).filter(|_| flagged.get()).unwrap_or_default()
    });
    let has_why = Memo::new(move |_| of_sign(report, sign, |f| !f.why.is_empty()).unwrap_or(false));
    // Flagged signs show their numbers; clear ones keep them one tap away, built
    // on first open like the why panel.
    let numbers_opened = RwSignal::new(flagged.get_untracked());
    // The why panel's tables are built on first open: eight cards' worth of hidden
    // tables would otherwise double the radar's render time.
    let why_opened = RwSignal::new(false);
    let title_id = format!("sign-{}", sign.slug());
    let labelled_by = title_id.clone();
    view! {
        <article class="sign-card" data-sign=sign.slug() data-status=slug aria-labelledby=labelled_by>
            <div class="sign-head">
                <h3 id=title_id>{sign.title()}</h3>
                <span class=move || format!("badge {}", slug())>
                    {move || status.with(|s| s.as_ref().map_or("", status_label))}
                </span>
            </div>
            <p>{move || of_sign(report, sign, |f| f.sentence.clone())}</p>
            {move || needs.get().map(|n| view! { <p class="needs">{n}</p> })}
            {move || plan_note.get().map(|n| view! { <p class="plan-note">{n}</p> })}
            <Show when=move || rows.with(|r| !r.is_empty())>
                <details class="numbers" open=move || flagged.get() on:toggle=move |_| numbers_opened.set(true)>
                    <summary>{move || format!("The numbers ({})", rows.with(Vec::len))}</summary>
                    <Show when=move || numbers_opened.get()>
                        <dl class="evidence">
                            <For each=move || rows.get() key=|row| row.clone() let:((i, name))>
                                <div>
                                    <dt>{name}</dt>
                                    <dd>
                                        {move || {
                                            of_sign(report, sign, |f| f.evidence.get(i).map(|e| e.shown.clone())).flatten()
                                        }}
                                    </dd>
                                </div>
                            </For>
                        </dl>
                    </Show>
                </details>
            </Show>
            {move || {
                remedies.with(|rs| {
                    (!rs.is_empty()).then(|| {
                        view! {
                            <div class="remedies">
                                <h4>"What to try"</h4>
                                <ul>{rs.iter().map(|r| view! { <li>{r.text()}</li> }).collect_view()}</ul>
                            </div>
                        }
                    })
                })
            }}
            <Show when=move || has_why.get()>
                <details class="why" on:toggle=move |_| why_opened.set(true)>
                    <summary>{format!("Why? The numbers behind “{}”", sign.title().to_lowercase())}</summary>
                    <Show when=move || why_opened.get()>
                        {move || of_sign(report, sign, |f| f.why.iter().map(why_metric).collect_view())}
                        <p class="source">
                            <span class="why-key">"Source: "</span>
                            {move || of_sign(report, sign, |f| f.source)}
                        </p>
                    </Show>
                </details>
            </Show>
        </article>
    }
}

#[component]
pub fn RutRadar() -> impl IntoView {
    let state = use_state();
    let nav = use_nav();
    let report = nav.while_shown(Tab::Today, move || state.report.get());
    // Why planned sessions get missed bears on cramming and on motivation.
    let misses = nav.while_shown(Tab::Today, move || state.misses.get());
    // Rut signs first, then watch, then the rest, each in the radar's order. Cards
    // are keyed by sign, so a new order moves them rather than building them again.
    let order = Memo::new(move |_| {
        report.with(|r: &Shared<Report>| {
            let mut signs: Vec<(u8, Sign)> =
                r.findings.iter().map(|f| (f.status.severity(), f.sign)).collect();
            signs.sort_by_key(|(severity, _)| std::cmp::Reverse(*severity));
            signs.into_iter().map(|(_, sign)| sign).collect::<Vec<_>>()
        })
    });
    view! {
        <section class="radar" aria-labelledby="radar-title">
            <h2 id="radar-title" class="section-title">"Rut Radar"</h2>
            <p class="verdict" role="status">{move || report.with(|r| r.verdict.headline.clone())}</p>
            <p class="hint">
                "Signs to notice early, from your own history — never a diagnosis. "
                <a href="#/progress">"See your progress charts"</a>
            </p>
            <For each=move || order.get() key=|sign| *sign let:sign>
                <SignCard
                    sign
                    report
                    plan_note=Signal::derive(move || {
                        matches!(sign, Sign::Cramming | Sign::LowMotivation).then(|| misses.get()).flatten()
                    })
                />
            </For>
            <CompanyCard/>
        </section>
    }
}

/// Runs with company or alone: how many, their feel, and the plan kept, as table cells.
fn company_cells(g: &CompanyGroup) -> (usize, String, String) {
    let feel = g.average_feel.map_or_else(|| "–".into(), |f| format!("{f:.1} of 5 ({} rated)", g.feel_runs));
    let done = g
        .adherence
        .map_or_else(|| "–".into(), |a| format!("{:.0} % ({} of {} sessions)", a * 100.0, g.done, g.planned));
    (g.runs, feel, done)
}

/// Running with others against running alone: feel and how much of the plan got
/// done. An association from the runner's own history, worded as one. Like the
/// sign cards, its table is built once and updated in place.
#[component]
fn CompanyCard() -> impl IntoView {
    let state = use_state();
    let effect = use_nav().while_shown(Tab::Today, move || state.company.get());
    let with_company = Memo::new(move |_| effect.with(|e| e.with.runs > 0));
    let row = move |label: &'static str, side: fn(&CompanyEffect) -> CompanyGroup| {
        let cells = Memo::new(move |_| effect.with(|e| company_cells(&side(e))));
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td>{move || cells.with(|c| c.0)}</td>
                <td>{move || cells.with(|c| c.1.clone())}</td>
                <td>{move || cells.with(|c| c.2.clone())}</td>
            </tr>
        }
    };
    let sentence = move || {
        effect.with(|e| {
            e.sentence.clone().unwrap_or_else(|| {
                "Not enough runs on each side yet to compare; the numbers so far are below.".into()
            })
        })
    };
    view! {
        <article class="card company" aria-labelledby="company-title">
            <div class="sign-head">
                <h3 id="company-title">"Running with others"</h3>
            </div>
            <Show
                when=move || with_company.get()
                fallback=|| view! {
                    <p>
                        "Run with a friend or a group and say so in the Log's “With” field: this card then shows whether company goes with runs that feel better and a plan you keep."
                    </p>
                }
            >
                <p>{sentence}</p>
                <table class="company-table">
                    <caption class="sr-only">"Runs with company against runs alone"</caption>
                    <thead>
                        <tr>
                            <td></td>
                            <th scope="col">"Runs"</th>
                            <th scope="col">"Average feel"</th>
                            <th scope="col">"Plan kept"</th>
                        </tr>
                    </thead>
                    <tbody>{row("With company", |e| e.with)} {row("Alone", |e| e.without)}</tbody>
                </table>
            </Show>
        </article>
    }
}
