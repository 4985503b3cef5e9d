//! Whatever is stored under a key: the decoders never panic, and what they accept
//! encodes to a value that decodes to the same data.
#![no_main]

use libfuzzer_sys::fuzz_target;
use restride_store::record::{
    decode_month, decode_settings, decode_wellness_month, encode_month, encode_settings,
    encode_wellness_month,
};

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
});
