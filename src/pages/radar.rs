//! The Rut Radar on Today: the one answer at the top (the verdict, the single next
//! step and why it won), then a chart of the eight signs, one row per sign (status
//! in words, its headline number, its last 12 weeks and since last week) that opens
//! its full card (sentence, what to try, the numbers and "why" per metric: formula,
//! the runner's own inputs, threshold, strength of evidence, source). The analysis,
//! the answer and the trends are the app state's Memos, redone only when what they
//! read changes, and read only while Today is shown.

use leptos::prelude::*;
use restride_app::plans::{CompanyEffect, CompanyGroup};
use restride_core::analysis::next_step::{NextStep, sign_rank};
use restride_core::analysis::trend::{Level, Movement, SignTrend, levels};
use restride_core::analysis::{Finding, Remedy, Report, Sign, Status, Why};

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

/// A sign's name in its row: its title, shortened where the title would wrap on a
/// phone (the card's sentence names it in full).
fn row_name(sign: Sign) -> &'static str {
    match sign {
        Sign::Overreaching => "Overreaching",
        Sign::Cramming => "Crammed sessions",
        Sign::AllEasy => "Every run easy",
        other => other.title(),
    }
}

/// A sign's name on the chart, short enough to sit at its spoke.
fn short_name(sign: Sign) -> &'static str {
    match sign {
        Sign::EffortCreep => "Effort",
        Sign::LowMotivation => "Motivation",
        Sign::Plateau => "Plateau",
        Sign::Overreaching => "Recovery",
        Sign::Staleness => "Same run",
        Sign::LifeStress => "Life stress",
        Sign::Cramming => "Cramming",
        Sign::AllEasy => "All easy",
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

/// `read` of `sign`'s trend in `trends` (every sign has one).
fn of_trend<T>(
    trends: Memo<Shared<Vec<SignTrend>>>,
    sign: Sign,
    read: impl FnOnce(&SignTrend) -> T,
) -> Option<T> {
    trends.with(|t| t.iter().find(|x| x.sign == sign).map(read))
}

/// `read` of `sign`'s finding in `report` (every report has every sign).
fn of_sign<T>(report: Memo<Shared<Report>>, sign: Sign, read: impl FnOnce(&Finding) -> T) -> Option<T> {
    report.with(|r| r.findings.iter().find(|f| f.sign == sign).map(read))
}

/// Today's one answer: whether the history shows a rut, the single next step and,
/// one tap away, which signs were weighed and why this one won.
#[component]
pub fn NextStepCard() -> impl IntoView {
    let state = use_state();
    let nav = use_nav();
    let verdict = nav.while_shown(Tab::Today, move || state.report.with(|r| r.verdict.headline.clone()));
    let answer = nav.while_shown(Tab::Today, move || state.next_step.get());
    let reason = move || answer.with(|n| n.reason.map_or("none", |r| r.slug()));
    view! {
        <section class="card answer" aria-labelledby="answer-title" data-reason=reason>
            <h3 id="answer-title">"Your next step"</h3>
            <p class="verdict" role="status">{verdict}</p>
            <p class="step">{move || answer.with(|n| n.step.text())}</p>
            <details class="why">
                <summary>"Why this step?"</summary>
                <p>{move || answer.with(NextStep::why)}</p>
            </details>
        </section>
    }
}

/// The eight signs on spokes: the further out, the worse (clear on the inner ring,
/// watch on the middle, a rut sign on the outer; not enough data at the centre), so
/// the shape reads without colour. Its text equivalent lists every sign's status.
/// The SVG is markup the app writes from numbers (no runner's text in it), set as
/// one string: a view per ring, spoke, label and dot cost the first load about as
/// much again as the rest of the radar.
#[component]
fn RadarChart(report: Memo<Shared<Report>>) -> impl IntoView {
    // Strings, not the levels: every new Memo type costs the first load its own
    // copy of the reactive machinery.
    let svg = Memo::new(move |_| report.with(|r| chart_svg(&levels(r))));
    let description = Memo::new(move |_| {
        report.with(|r| {
            let each: Vec<String> = Sign::ALL
                .iter()
                .zip(levels(r))
                .map(|(s, level)| format!("{}: {}", s.title(), level.words()))
                .collect();
            format!(
                "The Rut Radar: each sign on a spoke, further out the worse (clear, worth watching, a rut sign; \
                 not enough data at the centre). {}.",
                each.join("; ")
            )
        })
    });
    view! {
        <figure class="radar-chart">
            <svg viewBox=VIEW_BOX role="img" aria-labelledby="radar-chart-desc" inner_html=svg></svg>
            <figcaption id="radar-chart-desc" class="sr-only">{description}</figcaption>
        </figure>
    }
}

/// The chart's drawing: from "Cramming"'s start on the left to "Motivation"'s end
/// on the right (the centre at 160), and from the top label's top to the bottom
/// label's descent; kept tight, so the chart is as small as its 12 px labels allow.
const VIEW_BOX: &str = "28 0 250 139";

/// The chart's rings, spokes, labels, shape and dots, as SVG markup.
fn chart_svg(levels: &[Level; 8]) -> String {
    const CX: f64 = 160.0;
    const CY: f64 = 70.0;
    const R: f64 = 44.0;
    #[allow(clippy::cast_precision_loss)] // eight spokes
    let spoke = |i: usize, r: f64| {
        let a = (i as f64).mul_add(std::f64::consts::FRAC_PI_4, -std::f64::consts::FRAC_PI_2);
        (r.mul_add(a.cos(), CX), r.mul_add(a.sin(), CY))
    };
    let points = |radius: &dyn Fn(usize) -> f64| {
        (0..8)
            .map(|i| {
                let (x, y) = spoke(i, radius(i));
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let ring = |i: usize| {
        let steps = match levels.get(i) {
            Some(Level::Clear) => 1.0,
            Some(Level::Watch) => 2.0,
            Some(Level::Rut) => 3.0,
            _ => 0.0,
        };
        steps / 3.0 * R
    };
    let mut svg = String::new();
    for k in 1..=3 {
        svg.push_str(&format!(r#"<polygon class="ring" points="{}"/>"#, points(&|_| R * f64::from(k) / 3.0)));
    }
    for (i, sign) in Sign::ALL.iter().enumerate() {
        let (x, y) = spoke(i, R);
        let (lx, ly) = spoke(i, R + 10.0);
        let anchor = if (lx - CX).abs() < 1.0 {
            "middle"
        } else if lx > CX {
            "start"
        } else {
            "end"
        };
        let dy = if ly < CY - 1.0 {
            -2.0
        } else if ly > CY + 1.0 {
            11.0
        } else {
            4.0
        };
        svg.push_str(&format!(
            r#"<line class="spoke" x1="{CX}" y1="{CY}" x2="{x:.1}" y2="{y:.1}"/><text class="label" x="{lx:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            ly + dy,
            short_name(*sign)
        ));
    }
    svg.push_str(&format!(r#"<polygon class="shape" points="{}"/>"#, points(&ring)));
    for (i, level) in levels.iter().enumerate() {
        let (x, y) = spoke(i, ring(i));
        svg.push_str(&format!(r#"<circle class="dot {}" cx="{x:.1}" cy="{y:.1}" r="4.5"/>"#, level.slug()));
    }
    svg
}

/// A sign's last 12 weeks as a strip of bars (taller is worse; a dash for no data
/// or a pause), with the same in words for screen readers, and since last week.
#[component]
fn TrendStrip(sign: Sign, trends: Memo<Shared<Vec<SignTrend>>>) -> impl IntoView {
    let bars = Memo::new(move |_| of_trend(trends, sign, |t| strip_svg(&t.levels)).unwrap_or_default());
    let label = Memo::new(move |_| of_trend(trends, sign, SignTrend::text).unwrap_or_default());
    let movement = move || of_trend(trends, sign, SignTrend::since_last_week).unwrap_or(Movement::Unknown);
    view! {
        <span class="trend">
            <svg class="strip" viewBox="0 0 66 16" role="img" aria-label=label inner_html=bars></svg>
            <span class="movement" data-movement=move || movement().slug()>
                <span class="sr-only">"Since last week: "</span>
                {move || match movement() {
                    Movement::Better => "better",
                    Movement::Worse => "worse",
                    Movement::Same => "same",
                    Movement::Unknown => "–",
                }}
            </span>
        </span>
    }
}

/// The strip's bars as SVG markup.
fn strip_svg(levels: &[Level]) -> String {
    levels
        .iter()
        .enumerate()
        .map(|(i, level)| {
            let height = match level {
                Level::Rut => 16.0,
                Level::Watch => 10.0,
                Level::Clear => 5.0,
                Level::Unknown | Level::Paused => 2.0,
            };
            #[allow(clippy::cast_precision_loss)] // twelve weeks
            let x = i as f64 * 5.5;
            format!(
                r#"<rect class="bar {}" x="{x}" y="{}" width="4" height="{height}"/>"#,
                level.slug(),
                16.0 - height
            )
        })
        .collect()
}

/// What to try: the steps that may go on now, and those that wait (harder sessions
/// while recovery comes first), so no card contradicts the one answer.
#[component]
fn Remedies(sign: Sign, report: Memo<Shared<Report>>, answer: Memo<NextStep>) -> impl IntoView {
    let split = move || {
        let remedies: Vec<Remedy> = of_sign(report, sign, |f| f.remedies.clone()).unwrap_or_default();
        answer.with(|n| {
            let (later, now): (Vec<Remedy>, Vec<Remedy>) = remedies.into_iter().partition(|r| n.holds(*r));
            (now, later, n.held_until())
        })
    };
    view! {
        <div class="remedies">
            <h4>"What to try"</h4>
            {move || {
                let (now, later, until) = split();
                let waiting = (!later.is_empty()).then(|| {
                    format!(
                        "These wait {}: {}",
                        until.unwrap_or_default(),
                        later.iter().map(|r| r.text()).collect::<Vec<_>>().join(" "),
                    )
                });
                view! {
                    <ul>{now.iter().map(|r| view! { <li>{r.text()}</li> }).collect_view()}</ul>
                    {waiting.map(|w| view! { <p class="later">{w}</p> })}
                }
            }}
        </div>
    }
}

/// One sign: a row (name, status in words, headline number, its 12 weeks) that
/// opens its full card. Built once, when the radar first shows; a new analysis
/// (say, after a save) updates its fields in place, and the card's body is built
/// on first open: eight cards' worth of hidden numbers and tables would otherwise
/// be most of the radar's render time.
#[component]
fn SignCard(
    sign: Sign,
    report: Memo<Shared<Report>>,
    answer: Memo<NextStep>,
    trends: Memo<Shared<Vec<SignTrend>>>,
    /// A line from the plan's history that bears on this sign (why sessions get missed).
    plan_note: Signal<Option<String>>,
) -> impl IntoView {
    let status = Memo::new(move |_| of_sign(report, sign, |f| f.status.clone()));
    let slug = move || status.with(|s| s.as_ref().map_or("insufficient", Status::slug));
    let flagged = Memo::new(move |_| status.with(|s| s.as_ref().is_some_and(|s| s.severity() > 0)));
    let headline = Memo::new(move |_| of_sign(report, sign, |f| f.headline.clone()).unwrap_or_default());
    let opened = RwSignal::new(false);
    let title_id = format!("sign-{}", sign.slug());
    view! {
        <details class="sign-card" data-sign=sign.slug() data-status=slug on:toggle=move |_| opened.set(true)>
            <summary class="sign-row">
                <h3 id=title_id class="sign-name">{row_name(sign)}</h3>
                <span class=move || format!("badge {}", slug())>
                    {move || status.with(|s| s.as_ref().map_or("", status_label))}
                </span>
                <span class="headline">{headline}</span>
                <TrendStrip sign trends/>
            </summary>
            <Show when=move || opened.get()>
                <SignBody sign report answer trends plan_note flagged/>
            </Show>
        </details>
    }
}

/// A sign's full card: its sentence, what it still needs, what to try, its weeks in
/// words, and the numbers and why behind it.
#[component]
fn SignBody(
    sign: Sign,
    report: Memo<Shared<Report>>,
    answer: Memo<NextStep>,
    trends: Memo<Shared<Vec<SignTrend>>>,
    plan_note: Signal<Option<String>>,
    flagged: Memo<bool>,
) -> impl IntoView {
    let needs = Memo::new(move |_| match of_sign(report, sign, |f| f.status.clone()) {
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
    let has_why = Memo::new(move |_| {
        of_sign(report, sign, |f| !f.why.is_empty() || !f.evidence.is_empty()).unwrap_or(false)
    });
    // The why panel's tables are built on first open, like the card itself.
    let why_opened = RwSignal::new(false);
    view! {
        <div class="sign-body">
            <p>{move || of_sign(report, sign, |f| f.sentence.clone())}</p>
            {move || needs.get().map(|n| view! { <p class="needs">{n}</p> })}
            {move || plan_note.get().map(|n| view! { <p class="plan-note">{n}</p> })}
            <Show when=move || flagged.get()>
                <Remedies sign report answer/>
            </Show>
            <p class="trend-text">
                {move || of_trend(trends, sign, |t| format!("{} {}", t.text(), t.since_last_week().sentence()))}
            </p>
            <Show when=move || has_why.get()>
                <details class="why" on:toggle=move |_| why_opened.set(true)>
                    <summary>{format!("Why? The numbers behind “{}”", sign.title().to_lowercase())}</summary>
                    <Show when=move || why_opened.get()>
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
                        {move || of_sign(report, sign, |f| f.why.iter().map(why_metric).collect_view())}
                        <p class="source">
                            <span class="why-key">"Source: "</span>
                            {move || of_sign(report, sign, |f| f.source)}
                        </p>
                    </Show>
                </details>
            </Show>
        </div>
    }
}

#[component]
pub fn RutRadar() -> impl IntoView {
    let state = use_state();
    let nav = use_nav();
    let report = nav.while_shown(Tab::Today, move || state.report.get());
    let answer = nav.while_shown(Tab::Today, move || state.next_step.get());
    let trends = nav.while_shown(Tab::Today, move || state.trends.get());
    // Why planned sessions get missed bears on cramming and on motivation.
    let misses = nav.while_shown(Tab::Today, move || state.misses.get());
    // Rut signs first, then watch, then the rest, each in the order the one answer
    // ranks them. Cards are keyed by sign, so a new order moves them rather than
    // building them again.
    let order = Memo::new(move |_| {
        report.with(|r: &Shared<Report>| {
            let mut signs: Vec<(u8, Sign)> =
                r.findings.iter().map(|f| (f.status.severity(), f.sign)).collect();
            signs.sort_by_key(|(severity, sign)| (std::cmp::Reverse(*severity), sign_rank(*sign)));
            signs.into_iter().map(|(_, sign)| sign).collect::<Vec<_>>()
        })
    });
    view! {
        <section class="radar" aria-labelledby="radar-title">
            // The heading and its words beside the chart where a phone has room
            // (390 px), above it where not (320 px).
            <div class="radar-head">
                <div class="radar-intro">
                    <h2 id="radar-title" class="section-title">"Rut Radar"</h2>
                    <p class="hint">
                        "Signs to notice, never a diagnosis. Tap one for its card. "
                        <a href="#/progress">"See your progress charts"</a>
                    </p>
                </div>
                <RadarChart report/>
            </div>
            <div class="signs">
                <For each=move || order.get() key=|sign| *sign let:sign>
                    <SignCard
                        sign
                        report
                        answer
                        trends
                        plan_note=Signal::derive(move || {
                            matches!(sign, Sign::Cramming | Sign::LowMotivation).then(|| misses.get()).flatten()
                        })
                    />
                </For>
                <CompanyCard/>
            </div>
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
    // A row after the signs' rows, folded like them: it is not a sign, and Today
    // fits a phone.
    view! {
        <details class="company">
            <summary class="sign-row">
                <h3 class="sign-name">"Running with others"</h3>
            </summary>
            <div class="sign-body">
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
            </div>
        </details>
    }
}
