//! Positions and rings of a layout, checked: finite, in range, closed, not degenerate.

use super::Checker;
use crate::motion::geometry::{Vec2, area, ring_len};
use crate::scenario::raw_layout::RawPoint;

/// Converts a point, reporting non-finite coordinates.
pub(super) fn point(c: &mut Checker, path: &str, p: RawPoint) -> Vec2 {
    if !(p.0.is_finite() && p.1.is_finite()) || p.0.abs() > 1e6 || p.1.abs() > 1e6 {
        c.error(path, format!("({}, {}) is not a usable position in metres", p.0, p.1), None);
        return Vec2::ZERO;
    }
    Vec2::new(p.0 as f32, p.1 as f32)
}

/// Converts a polygon, reporting too few points or no area.
pub(super) fn polygon(c: &mut Checker, path: &str, raw: &[RawPoint], what: &str) -> Vec<Vec2> {
    let points: Vec<Vec2> = raw.iter().enumerate().map(|(i, p)| point(c, &format!("{path}[{i}]"), *p)).collect();
    check_ring(c, path, &points, what);
    points
}

pub(super) fn check_ring(c: &mut Checker, path: &str, points: &[Vec2], what: &str) -> bool {
    if ring_len(points) < 3 {
        c.error(path, format!("{what} needs at least 3 points (got {})", ring_len(points)), None);
        false
    } else if area(&points[..ring_len(points)]) < 1e-4 {
        c.error(path, format!("{what} has no area: its points are on one line"), None);
        false
    } else {
        true
    }
}
