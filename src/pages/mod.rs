//! One module per tab, plus the banners shared by all of them.

mod backup;
mod banners;
mod charts;
mod checkin;
mod history;
mod import;
mod log;
mod plan;
mod progress;
mod quick;
mod radar;
mod setback;
mod settings;
mod today;
mod widgets;

pub use banners::Banners;
pub use history::HistoryPage;
pub use import::ImportPage;
pub use log::LogPage;
pub use plan::PlanPage;
pub use progress::ProgressPage;
pub use settings::SettingsPage;
pub use today::TodayPage;

use chrono::{DateTime, FixedOffset};
use restride_core::{DistanceUnit, Run, format_distance, format_duration, format_pace};

/// "Tue 25 Nov 2026, 07:30" in the run's own local time.
pub(crate) fn format_start(start: &DateTime<FixedOffset>) -> String {
    start.format("%a %-d %b %Y, %H:%M").to_string()
}

/// What a run is called where it is listed: its own name when it has one
/// ("Tempo Tuesday"), else its type ("Easy").
pub(crate) fn run_heading(run: &Run) -> String {
    if run.title.is_empty() { run.kind.label().to_string() } else { run.title.clone() }
}

/// "5.00 km · 30:00 · 6:00 /km" (or just the time for cross-training).
pub(crate) fn run_summary(run: &Run, unit: DistanceUnit) -> String {
    let mut parts = Vec::with_capacity(3);
    if let Some(d) = run.distance_m {
        parts.push(format_distance(d, unit));
    }
    parts.push(format_duration(run.moving_s));
    if let Some(p) = run.pace_s_per_km() {
        parts.push(format_pace(p, unit));
    }
    parts.join(" · ")
}
