//! The Rut Radar: the verdict, then one card per sign with its status, sentence,
//! evidence, remedies and a "why" panel per metric (formula, the runner's own
//! inputs, threshold, strength of evidence, source). The analysis is the app
//! state's `report` Memo, redone only when the history it reads changes, and read
//! only while Today is shown.

use leptos::prelude::*;
use restride_core::analysis::{Finding, Report, Sign, Status, Why};
use restride_core::plan::CompanyGroup;

use crate::state::{Tab, use_state};

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

#[component]
fn SignCard(
    finding: Finding,
    /// A line from the plan's history that bears on this sign (why sessions get missed).
    #[prop(optional)]
    plan_note: Option<String>,
) -> impl IntoView {
    let title_id = format!("sign-{}", finding.sign.slug());
    let needs = match &finding.status {
        Status::Insufficient { needs } => Some(format!("Needs: {needs}.")),
        _ => None,
    };
    // Flagged signs show their numbers; clear ones keep them one tap away, built
    // on first open like the why panel.
    let flagged = finding.status.severity() > 0;
    let numbers_opened = RwSignal::new(flagged);
    let evidence_rows = StoredValue::new(finding.evidence.clone());
    let evidence = (!finding.evidence.is_empty()).then(|| {
        view! {
            <details class="numbers" open=flagged on:toggle=move |_| numbers_opened.set(true)>
                <summary>{format!("The numbers ({})", finding.evidence.len())}</summary>
                <Show when=move || numbers_opened.get()>
                    <dl class="evidence">
                        {move || {
                            evidence_rows
                                .with_value(|rows| {
                                    rows.iter()
                                        .map(|e| view! {
                                            <div>
                                                <dt>{format!("{} ({})", e.label, e.window)}</dt>
                                                <dd>{e.shown.clone()}</dd>
                                            </div>
                                        })
                                        .collect_view()
                                })
                        }}
                    </dl>
                </Show>
            </details>
        }
    });
    let remedies = (!finding.remedies.is_empty() && finding.status.severity() > 0).then(|| {
        view! {
            <div class="remedies">
                <h4>"What to try"</h4>
                <ul>{finding.remedies.iter().map(|r| view! { <li>{r.text()}</li> }).collect_view()}</ul>
            </div>
        }
    });
    let source = finding.source;
    let whys = StoredValue::new(finding.why.clone());
    // The panel's tables are built on first open: eight cards' worth of hidden
    // tables would otherwise double the radar's render time.
    let opened = RwSignal::new(false);
    let why = (!finding.why.is_empty()).then(|| {
        view! {
            <details class="why" on:toggle=move |_| opened.set(true)>
                <summary>{format!("Why? The numbers behind “{}”", finding.sign.title().to_lowercase())}</summary>
                <Show when=move || opened.get()>
                    {move || whys.with_value(|ws| ws.iter().map(why_metric).collect_view())}
                    <p class="source"><span class="why-key">"Source: "</span>{source}</p>
                </Show>
            </details>
        }
    });
    view! {
        <article
            class="sign-card"
            data-sign=finding.sign.slug()
            data-status=finding.status.slug()
            aria-labelledby=title_id
        >
            <div class="sign-head">
                <h3 id=title_id.clone()>{finding.sign.title()}</h3>
                <span class=format!("badge {}", finding.status.slug())>{status_label(&finding.status)}</span>
            </div>
            <p>{finding.sentence.clone()}</p>
            {needs.map(|n| view! { <p class="needs">{n}</p> })}
            {plan_note.map(|n| view! { <p class="plan-note">{n}</p> })}
            {evidence}
            {remedies}
            {why}
        </article>
    }
}

#[component]
pub fn RutRadar() -> impl IntoView {
    let state = use_state();
    let report = state.while_shown(Tab::Today, move || state.report.get());
    // Why planned sessions get missed bears on cramming and on motivation.
    let misses = state.while_shown(Tab::Today, move || state.misses.get());
    view! {
        <section class="radar" aria-labelledby="radar-title">
            <h2 id="radar-title" class="section-title">"Rut Radar"</h2>
            <p class="verdict" role="status">{move || report.with(|r: &Report| r.verdict.headline.clone())}</p>
            <p class="hint">
                "Signs to notice early, from your own history — never a diagnosis. "
                <a href="#/progress">"See your progress charts"</a>
            </p>
            {move || {
                report.with(|r| {
                    // Rut signs first, then watch, then the rest, each in the radar's order.
                    let mut findings = r.findings.clone();
                    findings.sort_by_key(|f| std::cmp::Reverse(f.status.severity()));
                    findings
                        .into_iter()
                        .map(|finding| {
                            let plan_note = matches!(finding.sign, Sign::Cramming | Sign::LowMotivation)
                                .then(|| misses.get())
                                .flatten();
                            match plan_note {
                                Some(plan_note) => view! { <SignCard finding plan_note/> }.into_any(),
                                None => view! { <SignCard finding/> }.into_any(),
                            }
                        })
                        .collect_view()
                })
            }}
            <CompanyCard/>
        </section>
    }
}

/// Running with others against running alone: feel and how much of the plan got
/// done. An association from the runner's own history, worded as one.
#[component]
fn CompanyCard() -> impl IntoView {
    let state = use_state();
    let effect = state.while_shown(Tab::Today, move || state.company.get());
    let row = |label: &'static str, g: CompanyGroup| {
        let feel =
            g.average_feel.map_or_else(|| "–".into(), |f| format!("{f:.1} of 5 ({} rated)", g.feel_runs));
        let done = g.adherence.map_or_else(
            || "–".into(),
            |a| format!("{:.0} % ({} of {} sessions)", a * 100.0, g.done, g.planned),
        );
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td>{g.runs}</td>
                <td>{feel}</td>
                <td>{done}</td>
            </tr>
        }
    };
    view! {
        <article class="card company" aria-labelledby="company-title">
            <div class="sign-head">
                <h3 id="company-title">"Running with others"</h3>
            </div>
            {move || {
                let e = effect.get();
                if e.with.runs == 0 {
                    return view! {
                        <p>
                            "Run with a friend or a group and say so in the Log's “With” field: this card then shows whether company goes with runs that feel better and a plan you keep."
                        </p>
                    }
                        .into_any();
                }
                let sentence = e.sentence.clone().unwrap_or_else(|| {
                    "Not enough runs on each side yet to compare; the numbers so far are below.".into()
                });
                view! {
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
                        <tbody>{row("With company", e.with)} {row("Alone", e.without)}</tbody>
                    </table>
                }
                    .into_any()
            }}
        </article>
    }
}
