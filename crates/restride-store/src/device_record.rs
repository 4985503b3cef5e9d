//! This device's own notes, under `restride.device`: when a backup was last made
//! here, when the runner last put off the backup reminder, whether the browser has
//! been asked to keep the app's storage, and which "couldn't be read" banners the
//! runner dismissed. They describe this browser, not the runner's running, so a
//! backup leaves them out (a new phone has made no backup yet) and losing them
//! costs nothing but a reminder shown again.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::record::{DecodeError, SCHEMA_VERSION, Versioned, decode_text, time_from_ms};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeviceState {
    /// When the runner last exported a backup on this device.
    pub last_backup: Option<DateTime<Utc>>,
    /// When the runner last put off the backup reminder.
    pub reminder_put_off: Option<DateTime<Utc>>,
    /// Whether the browser has been asked to keep Restride's storage (asked once,
    /// at the first launch; Settings can ask again).
    pub persistence_asked: bool,
    /// Keys of unreadable data whose banner the runner dismissed (the data stays,
    /// and stays in every backup).
    pub dismissed: BTreeSet<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeviceRecord {
    schema: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_backup_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reminder_put_off_ms: Option<i64>,
    #[serde(default)]
    persistence_asked: bool,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    dismissed: BTreeSet<String>,
}

impl Versioned for DeviceRecord {
    fn schema(&self) -> u32 {
        self.schema
    }
}

pub fn encode_device(device: &DeviceState) -> String {
    let record = DeviceRecord {
        schema: SCHEMA_VERSION,
        last_backup_ms: device.last_backup.map(|t| t.timestamp_millis()),
        reminder_put_off_ms: device.reminder_put_off.map(|t| t.timestamp_millis()),
        persistence_asked: device.persistence_asked,
        dismissed: device.dismissed.clone(),
    };
    // Plain strings and numbers: serialising cannot fail.
    serde_json::to_string(&record).unwrap_or_default()
}

pub fn decode_device(json: &str) -> Result<DeviceState, DecodeError> {
    let r = decode_text::<DeviceRecord>(json)?;
    let time = |ms: Option<i64>| {
        ms.map(|ms| time_from_ms(ms).ok_or_else(|| DecodeError::Garbage("bad time".into()))).transpose()
    };
    Ok(DeviceState {
        last_backup: time(r.last_backup_ms)?,
        reminder_put_off: time(r.reminder_put_off_ms)?,
        persistence_asked: r.persistence_asked,
        dismissed: r.dismissed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn round_trips() {
        let device = DeviceState {
            last_backup: Utc.timestamp_millis_opt(1_764_000_000_000).single(),
            reminder_put_off: None,
            persistence_asked: true,
            dismissed: ["restride.aside.restride.runs.2026-11.0".to_string()].into(),
        };
        assert_eq!(decode_device(&encode_device(&device)), Ok(device));
        assert_eq!(decode_device(&encode_device(&DeviceState::default())), Ok(DeviceState::default()));
        assert!(decode_device(r#"{"schema":99}"#).unwrap_err().is_from_newer_version());
    }
}
