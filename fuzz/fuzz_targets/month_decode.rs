//! Whatever is stored under a key: the decoders of every stored kind never panic,
//! and what they accept encodes to a value that decodes to the same data.
#![no_main]

use libfuzzer_sys::fuzz_target;
use restride_store::deleted_record::{decode_deleted, encode_deleted};
use restride_store::device_record::{decode_device, encode_device};
use restride_store::plan_record::{decode_stamped_goal, decode_stamped_plan, encode_goal, encode_plan};
use restride_store::record::{
    decode_month, decode_settings, decode_wellness_month, encode_month, encode_settings,
    encode_wellness_month,
};
use restride_store::setback_record::{decode_setbacks, encode_setbacks};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(runs) = decode_month(text) {
        assert_eq!(decode_month(&encode_month(&runs)), Ok(runs));
    }
    if let Ok(days) = decode_wellness_month(text) {
        assert_eq!(decode_wellness_month(&encode_wellness_month(&days)), Ok(days));
    }
    if let Ok(settings) = decode_settings(text) {
        assert_eq!(decode_settings(&encode_settings(&settings)), Ok(settings));
    }
    if let Ok(plan) = decode_stamped_plan(text) {
        // Dates near the calendar's end must not panic either.
        let _ = (plan.value.end(), plan.value.dates().count(), plan.value.rest_days());
        assert_eq!(decode_stamped_plan(&encode_plan(&plan.value, plan.updated)), Ok(plan));
    }
    if let Ok(goal) = decode_stamped_goal(text) {
        assert_eq!(decode_stamped_goal(&encode_goal(goal.value.as_ref(), goal.updated)), Ok(goal));
    }
    if let Ok(setbacks) = decode_setbacks(text) {
        assert_eq!(decode_setbacks(&encode_setbacks(&setbacks)), Ok(setbacks));
    }
    if let Ok(deleted) = decode_deleted(text) {
        assert_eq!(decode_deleted(&encode_deleted(&deleted)), Ok(deleted));
    }
    if let Ok(device) = decode_device(text) {
        assert_eq!(decode_device(&encode_device(&device)), Ok(device));
    }
});
