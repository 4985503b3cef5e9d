//! The FIT protocol's CRC-16 (the FIT SDK's nibble-table algorithm), for checking
//! headers and for the test-file encoder.

const TABLE: [u16; 16] = [
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800, 0xB401, 0x5000,
    0x9C01, 0x8801, 0x4400,
];

/// CRC-16 of `bytes`, continuing from `crc` (start with 0).
pub(crate) fn fit_crc(mut crc: u16, bytes: &[u8]) -> u16 {
    for &byte in bytes {
        for nibble in [byte & 0x0F, byte >> 4] {
            let tmp = TABLE[usize::from(crc & 0x0F)];
            crc = (crc >> 4) & 0x0FFF;
            crc = crc ^ tmp ^ TABLE[usize::from(nibble)];
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_value() {
        // CRC-16/ARC of "123456789" is 0xBB3D; FIT's CRC is the same polynomial.
        assert_eq!(fit_crc(0, b"123456789"), 0xBB3D);
    }
}
