//! Recognising the same route run again, from a fingerprint small enough to store with
//! every run.
//!
//! The track is drawn onto a grid of ~200 m cells; each visited cell is widened by its
//! eight neighbours, so GPS noise that tips a point over a cell border, or a start a
//! street away, changes little. The widened set is summarised by a 24-slot MinHash:
//! slot *j* holds a 16-bit tag of the cell with the smallest *j*-th hash. Two routes'
//! share of equal slots estimates the Jaccard similarity of their widened cell sets.
//! Two fingerprints are the same route when their centres are within 2 km, neither
//! visits more than twice the cells of the other, and at least 70 % of the slots agree
//! (a 5 km loop run again with 15 m of GPS noise and another start scores 0.9–1; the
//! same loop moved 450 m about 0.6). Direction does not matter: a loop run the other
//! way round is the same route.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use thiserror::Error;

const METRES_PER_DEG: f64 = 111_320.0;
/// Grid cell edge, in degrees of latitude (200 m).
const CELL_DEG: f64 = 200.0 / METRES_PER_DEG;
/// MinHash slots; 24 × 16 bits keeps the string form under 100 characters.
const SLOTS: usize = 24;
/// Share of equal slots from which two routes are the same.
const SAME_SHARE: f64 = 0.7;
/// Centres further apart than this are different routes without comparing slots.
const MAX_CENTRE_M: f64 = 2_000.0;
/// Interpolation step between sparse track points, so no cell on the way is skipped.
const STEP_M: f64 = 50.0;
/// Jumps longer than this between consecutive points are GPS glitches, not running.
const MAX_JUMP_M: f64 = 2_000.0;
/// Most interpolated positions per track, so a file of huge jumps stays cheap.
const MAX_FILLED: u32 = 1_000_000;

/// A compact summary of where an activity went. Its [`Display`](fmt::Display) form
/// (at most ~90 characters) parses back with [`FromStr`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RouteFingerprint {
    /// Centre of the visited cells, in thousandths of a degree.
    centre: (i32, i32),
    /// Number of distinct visited cells (before widening).
    cells: u32,
    sketch: [u16; SLOTS],
}

/// Why a stored fingerprint string could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RouteParseError {
    /// Not the `r1.<lat>.<lon>.<cells>.<sketch>` shape of this version.
    #[error("not a route fingerprint")]
    Shape,
    /// A number or the sketch does not decode.
    #[error("damaged route fingerprint")]
    Damaged,
}

impl RouteFingerprint {
    /// Builds the fingerprint of a track from its positions (degrees), in order.
    /// Positions out of range and the (0, 0) "no fix" placeholder are ignored. `None`
    /// with fewer than 10 usable positions.
    pub fn from_positions(positions: impl IntoIterator<Item = (f64, f64)>) -> Option<RouteFingerprint> {
        let mut visited: HashSet<(i32, i32)> = HashSet::new();
        let mut previous: Option<(f64, f64)> = None;
        let mut usable = 0usize;
        let mut filled = 0u32;
        for (lat, lon) in positions {
            if !valid_position(lat, lon) {
                continue;
            }
            usable = usable.saturating_add(1);
            if let Some((plat, plon)) = previous {
                let gap = distance_m((plat, plon), (lat, lon));
                if gap > STEP_M && gap <= MAX_JUMP_M && filled < MAX_FILLED {
                    // At most 40 steps: MAX_JUMP_M / STEP_M.
                    let steps = (gap / STEP_M).ceil();
                    let mut k = 1.0;
                    while k < steps {
                        filled = filled.saturating_add(1);
                        let f = k / steps;
                        visited.insert(cell_of(plat + (lat - plat) * f, plon + (lon - plon) * f));
                        k += 1.0;
                    }
                }
            }
            visited.insert(cell_of(lat, lon));
            previous = Some((lat, lon));
        }
        if usable < 10 || visited.is_empty() {
            return None;
        }

        let (mut sum_lat, mut sum_lon) = (0.0, 0.0);
        let mut widened: HashSet<(i32, i32)> = HashSet::with_capacity(visited.len() * 4);
        for &(row, col) in &visited {
            let (lat, lon) = cell_centre(row, col);
            sum_lat += lat;
            sum_lon += lon;
            for dr in -1..=1 {
                for dc in -1..=1 {
                    widened.insert((row.saturating_add(dr), col.saturating_add(dc)));
                }
            }
        }
        let n = visited.len() as f64;
        let centre = (milli(sum_lat / n), milli(sum_lon / n));

        let mut sketch = [0u16; SLOTS];
        for (slot, tag) in sketch.iter_mut().enumerate() {
            let seed = (slot as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            if let Some(&cell) = widened.iter().min_by_key(|&&cell| mix(cell_key(cell) ^ seed)) {
                *tag = cell_tag(cell);
            }
        }
        Some(RouteFingerprint { centre, cells: u32::try_from(visited.len()).unwrap_or(u32::MAX), sketch })
    }

    /// Estimated similarity, 0–1: the share of MinHash slots the two agree on.
    pub fn similarity(&self, other: &RouteFingerprint) -> f64 {
        let equal = self.sketch.iter().zip(other.sketch.iter()).filter(|(a, b)| a == b).count();
        equal as f64 / SLOTS as f64
    }

    /// A short (8-character) stable key: equal fingerprints have equal keys, so it can
    /// name a route group (the key of its first run). Two runs of the same route
    /// usually have different keys: compare them with [`same_route`].
    pub fn key(&self) -> String {
        // FNV-1a over the canonical string, 48 bits as 8 base64url characters.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in self.to_string().bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        let bytes = hash.to_be_bytes();
        base64url(bytes.get(2..).unwrap_or_default())
    }

    /// Metres between the two centres.
    fn centre_distance_m(&self, other: &RouteFingerprint) -> f64 {
        let a = (f64::from(self.centre.0) / 1000.0, f64::from(self.centre.1) / 1000.0);
        let b = (f64::from(other.centre.0) / 1000.0, f64::from(other.centre.1) / 1000.0);
        distance_m(a, b)
    }
}

/// Whether two fingerprints are the same route (see the module docs for the rule).
pub fn same_route(a: &RouteFingerprint, b: &RouteFingerprint) -> bool {
    let (small, large) = (a.cells.min(b.cells), a.cells.max(b.cells));
    a.centre_distance_m(b) <= MAX_CENTRE_M
        && u64::from(large) <= u64::from(small).saturating_mul(2)
        && a.similarity(b) >= SAME_SHARE
}

/// Groups fingerprints into routes: returns, for each input in order, its group number
/// (0, 1, 2… in order of first appearance). A fingerprint joins the first group whose
/// first member is [`same_route`] with it, so groups don't drift along chains of
/// slightly different variants.
pub fn group_routes<'a>(fingerprints: impl IntoIterator<Item = &'a RouteFingerprint>) -> Vec<usize> {
    let mut leaders: Vec<&RouteFingerprint> = Vec::new();
    let mut groups = Vec::new();
    for fingerprint in fingerprints {
        let group = match leaders.iter().position(|leader| same_route(leader, fingerprint)) {
            Some(group) => group,
            None => {
                leaders.push(fingerprint);
                leaders.len() - 1
            }
        };
        groups.push(group);
    }
    groups
}

impl fmt::Display for RouteFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut raw = [0u8; SLOTS * 2];
        for (chunk, tag) in raw.chunks_exact_mut(2).zip(self.sketch.iter()) {
            chunk.copy_from_slice(&tag.to_be_bytes());
        }
        write!(f, "r1.{}.{}.{}.{}", self.centre.0, self.centre.1, self.cells, base64url(&raw))
    }
}

impl FromStr for RouteFingerprint {
    type Err = RouteParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.split('.');
        let (Some("r1"), Some(lat), Some(lon), Some(cells), Some(sketch), None) =
            (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(RouteParseError::Shape);
        };
        let number = |s: &str| s.parse::<i32>().map_err(|_| RouteParseError::Damaged);
        let centre = (number(lat)?, number(lon)?);
        let cells = cells.parse::<u32>().map_err(|_| RouteParseError::Damaged)?;
        let raw = from_base64url(sketch).ok_or(RouteParseError::Damaged)?;
        if raw.len() != SLOTS * 2 {
            return Err(RouteParseError::Damaged);
        }
        let mut tags = [0u16; SLOTS];
        for (tag, chunk) in tags.iter_mut().zip(raw.chunks_exact(2)) {
            if let [hi, lo] = chunk {
                *tag = u16::from_be_bytes([*hi, *lo]);
            }
        }
        Ok(RouteFingerprint { centre, cells, sketch: tags })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for RouteFingerprint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for RouteFingerprint {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

fn valid_position(lat: f64, lon: f64) -> bool {
    lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
        && !(lat == 0.0 && lon == 0.0)
}

/// Great-circle distance (haversine) in metres.
pub(crate) fn distance_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.1 - a.1).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * h.sqrt().min(1.0).asin()
}

/// Column width in degrees of longitude for a row, so cells stay ~200 m wide.
fn col_width(row: i32) -> f64 {
    let lat = (f64::from(row) + 0.5) * CELL_DEG;
    CELL_DEG / lat.to_radians().cos().max(0.01)
}

fn cell_of(lat: f64, lon: f64) -> (i32, i32) {
    let row = floor_i32(lat / CELL_DEG);
    (row, floor_i32(lon / col_width(row)))
}

fn cell_centre(row: i32, col: i32) -> (f64, f64) {
    ((f64::from(row) + 0.5) * CELL_DEG, (f64::from(col) + 0.5) * col_width(row))
}

fn floor_i32(x: f64) -> i32 {
    // Float-to-int `as` saturates; positions are range-checked, so this never does.
    #[allow(clippy::cast_possible_truncation)]
    let v = x.floor() as i32;
    v
}

fn milli(deg: f64) -> i32 {
    #[allow(clippy::cast_possible_truncation)] // |deg| ≤ 180
    let v = (deg * 1000.0).round() as i32;
    v
}

fn cell_key((row, col): (i32, i32)) -> u64 {
    (u64::from(row.cast_unsigned()) << 32) | u64::from(col.cast_unsigned())
}

/// A 16-bit tag of a cell, independent of the slot hashes.
fn cell_tag(cell: (i32, i32)) -> u16 {
    let [a, b, ..] = mix(cell_key(cell) ^ 0xD6E8_FEB8_6659_FD93).to_be_bytes();
    u16::from_be_bytes([a, b])
}

/// splitmix64's finaliser: a fast, well-mixed 64-bit hash.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk.first().copied(), chunk.get(1).copied(), chunk.get(2).copied()];
        let n = (u32::from(b[0].unwrap_or(0)) << 16)
            | (u32::from(b[1].unwrap_or(0)) << 8)
            | u32::from(b[2].unwrap_or(0));
        let chars = 1 + chunk.len();
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET.get(index as usize).copied().unwrap_or(b'A')));
        }
    }
    out
}

fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let values: Option<Vec<u32>> = text
        .bytes()
        .map(|c| ALPHABET.iter().position(|&a| a == c).and_then(|p| u32::try_from(p).ok()))
        .collect();
    let values = values?;
    let mut out = Vec::with_capacity(values.len() * 3 / 4);
    for chunk in values.chunks(4) {
        if chunk.len() < 2 {
            return None;
        }
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, v)| n | (v << (18 - 6 * i)));
        let [_, b0, b1, b2] = n.to_be_bytes();
        out.extend_from_slice(&[b0, b1, b2][..chunk.len() - 1]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A loop of `n` points with radius `r_m` metres around (lat, lon), starting at
    /// angle `phase`, each point pushed by up to `noise_m` (a fixed pseudo-random walk).
    fn circle(
        lat: f64,
        lon: f64,
        r_m: f64,
        n: usize,
        phase: f64,
        noise_m: f64,
        seed: u64,
    ) -> Vec<(f64, f64)> {
        let mut state = seed;
        let mut jitter = || {
            state = mix(state);
            ((state >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 2.0 * noise_m
        };
        (0..n)
            .map(|i| {
                let a = phase + i as f64 / n as f64 * std::f64::consts::TAU;
                let north = r_m * a.sin() + jitter();
                let east = r_m * a.cos() + jitter();
                (lat + north / METRES_PER_DEG, lon + east / (METRES_PER_DEG * lat.to_radians().cos()))
            })
            .collect()
    }

    #[test]
    fn the_same_loop_with_noise_and_another_start_is_the_same_route() {
        let a = RouteFingerprint::from_positions(circle(47.37, 8.54, 800.0, 1500, 0.0, 0.0, 1)).unwrap();
        let b = RouteFingerprint::from_positions(circle(47.37, 8.54, 800.0, 1400, 1.3, 12.0, 2)).unwrap();
        assert!(same_route(&a, &b), "similarity {}", a.similarity(&b));
        // Starting 300 m away along a shifted loop still matches.
        let shifted = circle(47.37 + 60.0 / METRES_PER_DEG, 8.54, 800.0, 1500, 2.0, 8.0, 3);
        let c = RouteFingerprint::from_positions(shifted).unwrap();
        assert!(same_route(&a, &c), "similarity {}", a.similarity(&c));
    }

    #[test]
    fn a_different_route_is_not_matched() {
        let a = RouteFingerprint::from_positions(circle(47.37, 8.54, 800.0, 1500, 0.0, 5.0, 1)).unwrap();
        let bigger =
            RouteFingerprint::from_positions(circle(47.37, 8.54, 2500.0, 3000, 0.0, 5.0, 2)).unwrap();
        let elsewhere =
            RouteFingerprint::from_positions(circle(47.39, 8.56, 800.0, 1500, 0.0, 5.0, 3)).unwrap();
        let far = RouteFingerprint::from_positions(circle(51.5, -0.12, 800.0, 1500, 0.0, 5.0, 4)).unwrap();
        for other in [&bigger, &elsewhere, &far] {
            assert!(!same_route(&a, other), "similarity {}", a.similarity(other));
        }
        assert_eq!(group_routes([&a, &bigger, &a.clone(), &far]), vec![0, 1, 0, 2]);
    }

    #[test]
    fn string_form_is_short_and_round_trips() {
        let a = RouteFingerprint::from_positions(circle(-33.87, 151.21, 1500.0, 900, 0.0, 5.0, 9)).unwrap();
        let text = a.to_string();
        assert!(text.len() <= 100, "{text}");
        assert_eq!(text.parse::<RouteFingerprint>().unwrap(), a);
        assert_eq!(a.key().len(), 8);
        assert_eq!(a.key(), text.parse::<RouteFingerprint>().unwrap().key());
        assert_eq!("r2.1.2.3.AAAA".parse::<RouteFingerprint>(), Err(RouteParseError::Shape));
        assert_eq!("r1.x.2.3.AAAA".parse::<RouteFingerprint>(), Err(RouteParseError::Damaged));
        assert_eq!("r1.1.2.3.AA!A".parse::<RouteFingerprint>(), Err(RouteParseError::Damaged));
    }

    #[test]
    fn too_few_or_invalid_positions_give_none() {
        assert!(RouteFingerprint::from_positions(vec![(0.0, 0.0); 50]).is_none());
        assert!(RouteFingerprint::from_positions(vec![(f64::NAN, 1.0); 50]).is_none());
        assert!(RouteFingerprint::from_positions(vec![(47.0, 8.0); 5]).is_none());
        // A treadmill-like cloud in one spot still has a (tiny) route.
        assert!(RouteFingerprint::from_positions(vec![(47.0, 8.0); 20]).is_some());
    }

    #[test]
    fn base64_round_trips_every_length() {
        for len in 0..10u8 {
            let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(from_base64url(&base64url(&bytes)).unwrap(), bytes);
        }
    }
}
