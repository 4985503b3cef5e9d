//! Restride's domain: what a run is, how a runner types one in, and the units it is
//! shown in. Plain Rust with no I/O and no web dependency, so every rule here is
//! tested natively and the browser layer stays thin.

pub mod analysis;
pub mod form;
pub mod history;
pub mod id;
pub mod progress;
pub mod run;
pub mod settings;
#[cfg(any(test, feature = "test-support"))]
pub mod testing;
pub mod units;
pub mod wellness;

pub use form::{Field, FieldError, FormContext, FormError, PaceWarning, RunForm, validate};
pub use id::RunId;
pub use run::{Completion, Feel, HeartRate, Rpe, Run, RunType, Source};
pub use settings::{Settings, TimeOfDay};
pub use units::{DistanceUnit, format_distance, format_duration, format_pace};
pub use wellness::{Hooper, HooperItem, Level, LifeTag, Wellness};
