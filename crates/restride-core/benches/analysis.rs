//! How long the whole rut analysis takes over a long history: `analyze()` over
//! generated histories of 1,000 to 100,000 runs. Throughput is in runs, so a flat
//! runs-per-second figure across sizes means the cost grows linearly. And what the
//! radar's 12 weeks cost on top: the fingerprints of the history up to each past
//! week's end (every change pays this), and the 11 past weeks analysed from nothing
//! (a cold start, or a change reaching back 11 weeks).
//!
//! `cargo bench -p restride-core --bench analysis -- --warm-up-time 1 --measurement-time 3`

// The shared builder's `History::run` takes eight arguments.
#[allow(clippy::too_many_arguments)]
#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use restride_core::analysis::{analyze, trend};
use restride_core::{Completion, LifeTag, RunType};

use common::{History, wobble};

const ROUTES: [&str; 6] = ["park", "canal", "river", "woods", "track", "hill"];

/// `runs` runs ending today: six days a week, a strength session on one day in
/// ten, a week's plan of easy, tempo, intervals, long, hills and recovery runs on
/// rotating routes and times, some cut short, and a check-in every day.
fn history(runs: usize) -> History {
    let mut h = History::new("2026-06-01");
    let (mut day, mut n) = (0i64, 0usize);
    while n < runs {
        let seed = u64::try_from(n).unwrap_or(0);
        let w = wobble(seed);
        if day % 7 != 3 {
            let (kind, minutes, pace, rpe) = match day % 7 {
                0 => (RunType::Long, 90.0, 380.0, 4),
                1 => (RunType::Recovery, 30.0, 400.0, 2),
                2 => (RunType::Tempo, 35.0, 300.0, 6),
                4 => (RunType::Intervals, 50.0, 340.0, 8),
                5 => (RunType::Hills, 45.0, 370.0, 7),
                _ => (RunType::Easy, 45.0, 360.0, 3),
            };
            let minutes = minutes * (1.0 + 0.15 * w);
            let km = minutes * 60.0 / (pace * (1.0 + 0.04 * wobble(seed + 1)));
            let hour = [6, 7, 12, 18, 19][usize::try_from(day % 5).unwrap_or(0)];
            let feel = if w > 0.5 { 3 } else { 4 };
            let route = ROUTES[usize::try_from(day.rem_euclid(6)).unwrap_or(0)];
            h.run(day, hour, kind, minutes, km, rpe, feel).with(|r| {
                r.route = route.into();
                if w > 0.9 {
                    r.completion = Completion::CutShort;
                }
            });
            n += 1;
        }
        if n < runs && day % 10 == 5 {
            h.run(day, 20, RunType::Cross, 30.0, 0.0, 5, 4);
            n += 1;
        }
        let stress = if w > 0.6 { 4 } else { 2 };
        let tags: &[LifeTag] = if w > 0.95 { &[LifeTag::BusyWeek] } else { &[] };
        h.check_in(day, 7.0 + 0.75 * wobble(seed + 2), [2, stress, 3, 3], 4, 4, tags);
        day += 1;
    }
    h
}

fn full_analysis(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    // The largest history takes tens of milliseconds per call: ten samples suffice.
    group.sample_size(10);
    for runs in [1_000usize, 3_650, 10_000, 100_000] {
        let h = history(runs);
        group.throughput(Throughput::Elements(u64::try_from(runs).unwrap_or(0)));
        group.bench_with_input(BenchmarkId::from_parameter(runs), &h, |b, h| {
            b.iter(|| analyze(black_box(&h.runs), black_box(&h.wellness), &h.setbacks, &h.settings, h.today));
        });
    }
    group.finish();
}

fn trend(c: &mut Criterion) {
    let mut group = c.benchmark_group("trend");
    group.sample_size(10);
    for runs in [3_650usize, 10_000] {
        let h = history(runs);
        let days = trend::past_week_ends(h.today, h.settings.week_start);
        group.throughput(Throughput::Elements(u64::try_from(runs).unwrap_or(0)));
        group.bench_with_input(BenchmarkId::new("fingerprints", runs), &h, |b, h| {
            b.iter(|| trend::fingerprints(black_box(&h.runs), black_box(&h.wellness), &days));
        });
        group.bench_with_input(BenchmarkId::new("eleven past weeks", runs), &h, |b, h| {
            b.iter(|| {
                days.iter()
                    .map(|d| trend::levels_on(black_box(&h.runs), &h.wellness, &h.setbacks, &h.settings, *d))
                    .collect::<Vec<_>>()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, full_analysis, trend);
criterion_main!(benches);
