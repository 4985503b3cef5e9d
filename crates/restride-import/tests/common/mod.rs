//! What the import tests share: importing byte vectors and comparing with tolerance.

use restride_import::{ImportOutcome, Input, Limits, Progress, import_files};

/// Imports `(name, bytes)` files; the outcome and every progress report.
pub fn import(inputs: Vec<(&str, Vec<u8>)>, limits: &Limits) -> (ImportOutcome, Vec<Progress>) {
    let mut progress = Vec::new();
    let inputs = inputs.into_iter().map(|(n, b)| Input::from_bytes(n, b)).collect();
    let outcome = import_files(inputs, limits, &mut |p| progress.push(p.clone()));
    (outcome, progress)
}

/// Whether `actual` is within `tolerance` (relative, at least 1 × it absolute) of `expected`.
pub fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
    (actual - expected).abs() <= tolerance * expected.abs().max(1.0)
}
