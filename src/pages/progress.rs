//! The Progress view, History's second view: weekly volume and load, effort at a
//! comparable pace, fitness / fatigue / form, monotony and strain, and the
//! session-type mix, over the weeks the runner has run (a month to half a year).
//! Every chart has a text equivalent.

use leptos::prelude::*;
use restride_core::progress::{progress, weeks_to_show};
use restride_core::{Rpe, RunType, format_pace};

use super::charts::{Chart, Kind, Series};
use super::widgets::HistoryViews;
use crate::nav::Tab;
use crate::state::use_state;

const TYPE_CLASSES: [&str; 8] = ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"];

#[component]
pub fn ProgressPage() -> impl IntoView {
    let state = use_state();
    let today = state.today.get_untracked();
    let (unit, week_start) = state.settings.with_untracked(|s| (s.unit, s.week_start));
    let (p, weeks) = state.runs.with_untracked(|runs| {
        let weeks = weeks_to_show(runs, week_start, today);
        (progress(runs, week_start, today, weeks), weeks)
    });
    let labels: Vec<String> = p.weeks.iter().map(|w| w.start.format("%-d %b").to_string()).collect();
    let per_week = |f: &dyn Fn(&restride_core::progress::WeekPoint) -> Option<f64>| -> Vec<Option<f64>> {
        p.weeks.iter().map(f).collect()
    };
    let volume = vec![Series {
        name: "Distance".into(),
        class: "s1",
        values: per_week(&|w| Some(w.distance_m / unit.metres())),
    }];
    let load = vec![Series { name: "Load".into(), class: "s2", values: per_week(&|w| Some(w.load)) }];
    let effort =
        vec![Series { name: "Average effort".into(), class: "s3", values: per_week(&|w| w.comparable_rpe) }];
    let mix: Vec<Series> = RunType::ALL
        .iter()
        .zip(TYPE_CLASSES)
        .enumerate()
        .map(|(i, (t, class))| Series {
            name: t.label().to_string(),
            class,
            values: p.weeks.iter().map(|w| w.by_type.get(i).map(|c| f64::from(*c))).collect(),
        })
        .filter(|s| s.values.iter().flatten().any(|v| *v > 0.0))
        .collect();
    let pmc = vec![
        Series { name: "Fitness".into(), class: "s5", values: per_week(&|w| Some(w.fitness)) },
        Series { name: "Fatigue".into(), class: "s4", values: per_week(&|w| Some(w.fatigue)) },
        Series { name: "Form".into(), class: "s6", values: per_week(&|w| Some(w.form)) },
    ];
    let monotony = vec![Series { name: "Monotony".into(), class: "s3", values: per_week(&|w| w.monotony) }];
    let strain = vec![Series { name: "Strain".into(), class: "s2", values: per_week(&|w| w.strain) }];
    let typical = p.typical_pace_s_per_km.map_or_else(
        || "No runs with a pace yet.".to_string(),
        |pace| {
            format!(
                "Your typical pace over these weeks is {}; runs within 5 % of it count.",
                format_pace(pace, unit)
            )
        },
    );
    view! {
        <section class="page" aria-labelledby="progress-title">
            <h2 id="progress-title">"Progress"</h2>
            <HistoryViews on=Tab::Progress/>
            <p class="hint">
                {format!("The last {weeks} weeks. Tap a chart (or use the arrow keys) to read a week; each chart's data is in a table below it.")}
            </p>
            <Chart
                id="chart-volume"
                title="Weekly distance".into()
                description=format!("Distance per week in {}. Steady growth is good; sudden jumps are a load spike.", unit.label())
                kind=Kind::Bars
                x_labels=labels.clone()
                series=volume
                unit=unit.label()
            />
            <Chart
                id="chart-load"
                title="Weekly load".into()
                description="Load per week: each run's effort (0–10) × its minutes, added up (session RPE, Foster 2001).".into()
                kind=Kind::Bars
                x_labels=labels.clone()
                series=load
                unit="effort × min"
            />
            <Chart
                id="chart-effort"
                title="Effort at your usual pace".into()
                description=format!("Average effort (0 rest to 10 maximal) of runs at your typical pace, per week. {typical} A rising line means the same pace feels harder.")
                kind=Kind::Lines
                x_labels=labels.clone()
                series=effort
                unit="effort 0–10"
                word=effort_word
            />
            <Chart
                id="chart-fitness"
                title="Fitness, fatigue and form".into()
                description="Fitness is your 42-day average load, fatigue your 7-day one, form yesterday's fitness minus fatigue (the Banister model as TrainingPeaks draws it). Form far below zero for long means too little recovery.".into()
                kind=Kind::Lines
                x_labels=labels.clone()
                series=pmc
                unit="load"
            />
            <Chart
                id="chart-monotony"
                title="Monotony and strain".into()
                description="Monotony is a week's mean daily load ÷ its day-to-day variation (Foster 1998): above 2.0 the days are too alike, below 1.5 is preferable. Strain is weekly load × monotony.".into()
                kind=Kind::Lines
                x_labels=labels.clone()
                series=monotony
                unit="ratio"
            />
            <Chart
                id="chart-strain"
                title="Strain".into()
                description="Weekly load × monotony (Foster 1998): high strain with high monotony is the mix to avoid.".into()
                kind=Kind::Bars
                x_labels=labels.clone()
                series=strain
                unit="load"
            />
            <Chart
                id="chart-mix"
                title="Session types".into()
                description="Sessions per week by type. One colour week after week means the same run every time.".into()
                kind=Kind::Bars
                x_labels=labels
                series=mix
                unit="sessions"
            />
        </section>
    }
}

/// An average effort's word: its nearest step's on the CR-10 scale ("Hard").
fn effort_word(v: f64) -> &'static str {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to 0–10 first
    let step = v.round().clamp(0.0, 10.0) as u8;
    Rpe::new(step).map_or("", Rpe::label)
}
