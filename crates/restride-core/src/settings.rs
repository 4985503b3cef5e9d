//! The runner's preferences.

use crate::units::DistanceUnit;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    /// Every distance and pace is entered and shown in this unit.
    pub unit: DistanceUnit,
}
