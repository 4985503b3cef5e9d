//! How detectors word what they found: numbers as the runner reads them and
//! clauses joined into one plain sentence.

/// A load in arbitrary units, as shown: "1234".
pub fn show_load(load: f64) -> String {
    format!("{load:.0}")
}

/// A ratio, as shown: "1.64×".
pub fn show_ratio(ratio: f64) -> String {
    format!("{ratio:.2}×")
}

/// A share (0–1) as a percentage: "62 %".
pub fn show_percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// "1 rest day", "3 rest days".
pub fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// "a", "a and b", "a, b and c": clauses joined for one plain sentence.
pub fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "Tue 24 Nov", for messages and titles.
pub fn day_name(date: chrono::NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// A signed whole number with a true minus sign: "−35", "+4".
pub fn signed(x: f64) -> String {
    let shown = format!("{x:+.0}");
    match shown.strip_prefix('-') {
        Some(digits) if digits.bytes().any(|b| b != b'0') => format!("−{digits}"),
        Some(digits) => digits.to_string(),
        None => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_values() {
        assert_eq!(show_load(1234.4), "1234");
        assert_eq!(show_ratio(1.644), "1.64×");
        assert_eq!(show_percent(0.62), "62 %");
        assert_eq!(count(1, "rest day"), "1 rest day");
        assert_eq!(count(0, "rest day"), "0 rest days");
    }

    #[test]
    fn clauses_join_like_a_sentence() {
        let s = |v: &[&str]| and_list(&v.iter().map(|x| (*x).to_string()).collect::<Vec<_>>());
        assert_eq!(s(&[]), "");
        assert_eq!(s(&["a"]), "a");
        assert_eq!(s(&["a", "b"]), "a and b");
        assert_eq!(s(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn signs_read_plainly() {
        assert_eq!(signed(-35.4), "−35");
        assert_eq!(signed(4.0), "+4");
        assert_eq!(signed(-0.3), "0");
    }
}
