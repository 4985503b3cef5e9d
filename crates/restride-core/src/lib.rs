//! Restride's domain: what a run is, how a runner types one in, and the units it is
//! shown in. Plain Rust with no I/O and no web dependency, so every rule here is
//! tested natively and the browser layer stays thin.

/// A rating on a bounded whole-number scale (RPE, feel, Hooper items, levels):
/// constructed only in range, so a stored or typed value out of range is an error
/// at the edge, never a bad number inside the analysis.
macro_rules! rating_scale {
    ($(#[$doc:meta])* $name:ident, $min:literal ..= $max:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u8);

        impl $name {
            pub const MIN: u8 = $min;
            pub const MAX: u8 = $max;

            pub fn new(value: u8) -> Option<Self> {
                (Self::MIN..=Self::MAX).contains(&value).then_some(Self(value))
            }

            pub fn value(self) -> u8 {
                self.0
            }
        }
    };
}

pub mod analysis;
pub mod consistency;
pub mod form;
pub mod history;
pub mod id;
pub mod plan;
pub mod progress;
pub mod run;
pub mod setback;
pub mod settings;
#[cfg(any(test, feature = "test-support"))]
pub mod testing;
pub mod units;
pub mod wellness;

pub use form::{Field, FieldError, FormContext, FormError, PaceWarning, RunForm, validate};
pub use id::RunId;
pub use run::{Completion, Feel, HeartRate, Rpe, Run, RunType, Source};
pub use setback::{Setback, SetbackKind};
pub use settings::{Settings, TimeOfDay};
pub use units::{DistanceUnit, format_distance, format_duration, format_elevation, format_pace, race_name};
pub use wellness::{Hooper, HooperItem, Level, LifeTag, Wellness, WellnessField, WellnessProblem};
