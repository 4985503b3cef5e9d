//! What the app asks of the device it runs on: the clock, the time zone and fresh
//! ids. The browser implements it (`src/browser.rs`); tests fix all three.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use restride_core::RunId;

pub trait Device {
    fn now(&self) -> DateTime<Utc>;

    /// The device's UTC offset at an instant (daylight saving included): the zone
    /// a run is shown in when nothing else says.
    fn offset_at(&self, instant: DateTime<Utc>) -> FixedOffset;

    /// The device's UTC offset at a local date-time, or `None` when that time
    /// doesn't exist there (the clocks jumped forward over it).
    fn local_offset_at(&self, local: NaiveDateTime) -> Option<FixedOffset>;

    /// A new, unique run id (time-ordered, from the clock reading `now`).
    fn new_run_id(&self, now: DateTime<Utc>) -> RunId;

    /// Now, as the runner's wall clock reads it.
    fn now_local(&self) -> DateTime<FixedOffset> {
        let now = self.now();
        now.with_timezone(&self.offset_at(now))
    }

    /// The runner's local date.
    fn today(&self) -> NaiveDate {
        self.now_local().date_naive()
    }
}
