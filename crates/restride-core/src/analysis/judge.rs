//! How detectors judge: a condition against its line ([`Check`]), how firmly the
//! data decides it ([`strength`], [`margin`]), and conditions combined into one
//! sign ([`Signal`]). Restride's own grading, shared so every detector grades the
//! same way.

use super::Strength;

/// One condition of a sign: whether it holds, and how far the value sits from
/// its line, relative to the line (the `margin` of [`strength`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Check {
    pub fired: bool,
    pub margin: f64,
}

impl Check {
    pub fn at_least(value: f64, line: f64) -> Self {
        Self { fired: value >= line, margin: margin(value, line) }
    }

    pub fn at_most(value: f64, line: f64) -> Self {
        Self { fired: value <= line, margin: margin(value, line) }
    }

    pub fn below(value: f64, line: f64) -> Self {
        Self { fired: value < line, margin: margin(value, line) }
    }

    /// Every check holds. Firm as the closest one when it does; when it doesn't,
    /// as far as the furthest one that fails.
    pub fn all(checks: impl IntoIterator<Item = Self>) -> Self {
        let checks: Vec<Self> = checks.into_iter().collect();
        let fired = !checks.is_empty() && checks.iter().all(|c| c.fired);
        let margins = checks.iter().filter(|c| fired || !c.fired).map(|c| c.margin);
        let margin = if fired { margins.reduce(f64::min) } else { margins.reduce(f64::max) };
        Self { fired, margin: margin.unwrap_or(0.0) }
    }

    /// Any check holds. Firm as the furthest one that holds; when none does, as
    /// the closest one.
    pub fn any(checks: impl IntoIterator<Item = Self>) -> Self {
        let checks: Vec<Self> = checks.into_iter().collect();
        let fired = checks.iter().any(|c| c.fired);
        let margins = checks.iter().filter(|c| !fired || c.fired).map(|c| c.margin);
        let margin = if fired { margins.reduce(f64::max) } else { margins.reduce(f64::min) };
        Self { fired, margin: margin.unwrap_or(0.0) }
    }

    /// The check as a sign, with `data` the share of a firm call's data it rests on.
    pub fn signal(self, data: f64) -> Signal {
        Signal { fired: self.fired, strength: strength(self.margin, data) }
    }
}

/// One sign a detector combines with others: whether it fired, and how firmly the
/// data decides it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Signal {
    pub fired: bool,
    pub strength: Strength,
}

/// `n` data points as a share of the `firm` a firm call needs: the `data` of
/// [`strength`].
pub(crate) fn share_of(n: usize, firm: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)] // counts of runs and days are far below 2^52
    let share = n as f64 / firm.max(1) as f64;
    share
}

/// How strongly the data supports a call: `margin` is how far the value sits from
/// the threshold deciding it, relative to that threshold (0.25 = a quarter of the
/// way past or short of it); `data` is the data it rests on as a share of what a
/// firm call needs (1 = enough). Restride's own grading.
pub fn strength(margin: f64, data: f64) -> Strength {
    if margin.is_nan() || data.is_nan() || margin < 0.1 || data < 0.5 {
        Strength::Weak
    } else if margin >= 0.25 && data >= 1.0 {
        Strength::Strong
    } else {
        Strength::Moderate
    }
}

/// |value − threshold| ÷ |threshold|: the `margin` of [`strength`].
pub fn margin(value: f64, threshold: f64) -> f64 {
    let m = (value - threshold).abs() / threshold.abs();
    if m.is_finite() { m } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn checks_combine_with_the_margin_that_decides_them() {
        let (hi, lo, miss) = (Check::at_least(2.0, 1.0), Check::at_least(1.1, 1.0), Check::at_most(3.0, 2.0));
        assert!(hi.fired && lo.fired && !miss.fired);
        let both = Check::all([hi, lo]);
        assert!(both.fired && (both.margin - 0.1).abs() < 1e-9);
        let failed = Check::all([hi, miss]);
        assert!(!failed.fired && (failed.margin - 0.5).abs() < 1e-9);
        let either = Check::any([lo, hi, miss]);
        assert!(either.fired && (either.margin - 1.0).abs() < 1e-9);
        let neither = Check::any([miss, Check::below(5.0, 4.0)]);
        assert!(!neither.fired && (neither.margin - 0.25).abs() < 1e-9);
        assert!(!Check::all([]).fired && !Check::any([]).fired);
        assert_eq!(Check::at_least(2.0, 1.0).signal(1.0).strength, Strength::Strong);
        assert!((share_of(3, 0) - 3.0).abs() < 1e-12);
    }

    #[test]
    fn strength_grows_with_margin_and_data() {
        assert_eq!(strength(0.5, 1.0), Strength::Strong);
        assert_eq!(strength(0.15, 1.0), Strength::Moderate);
        assert_eq!(strength(0.5, 0.6), Strength::Moderate);
        assert_eq!(strength(0.05, 1.0), Strength::Weak);
        assert_eq!(strength(0.5, 0.2), Strength::Weak);
        assert_eq!(strength(f64::NAN, 1.0), Strength::Weak);
        assert!(close(margin(1.8, 1.5), 0.2));
        assert!(close(margin(1.0, 0.0), 0.0));
    }
}
