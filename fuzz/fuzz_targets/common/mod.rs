//! What every import target checks about the activities a reader accepted.

use restride_import::{Activity, RouteFingerprint};

pub fn check(activity: &Activity) {
    assert!(activity.distance_m.is_none_or(|d| d.is_finite() && d >= 0.0), "{:?}", activity.distance_m);
    assert!(activity.elevation_gain_m.is_none_or(|e| e.is_finite() && e >= 0.0));
    assert!(activity.pace_variability.is_none_or(|v| v.is_finite() && v >= 0.0));
    assert!(activity.rpe.is_none_or(|r| r <= 10));
    assert!(activity.feel.is_none_or(|f| (1..=5).contains(&f)));
    assert!(activity.heart_rate.is_none_or(|hr| hr.avg <= hr.max));
    if let Some(route) = &activity.route {
        let text = route.to_string();
        assert!(text.len() <= 120, "{text}");
        assert_eq!(text.parse::<RouteFingerprint>().as_ref(), Ok(route));
    }
}
