//! Which lines are walls: floor outlines where they do not border more floor,
//! obstacle outlines, explicit walls, and the barriers of serpentine queues.

use super::geometry::{Path, Segment, Vec2, contains, edges, polyline_segments};

/// How far to either side of an outline piece the floor is probed, metres.
const PROBE_M: f32 = 0.01;

/// The wall segments of a layout.
pub fn collect(walkable: &[Vec<Vec2>], obstacles: &[Vec<Vec2>], walls: &[Vec<Vec2>], queues: &[(Path, f32)]) -> Vec<Segment> {
    let mut out = Vec::new();
    let floor = |p: Vec2| walkable.iter().any(|w| contains(w, p));
    for (i, polygon) in walkable.iter().enumerate() {
        let others: Vec<Segment> = walkable
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .flat_map(|(_, w)| edges(w))
            .collect();
        for edge in edges(polygon) {
            for piece in split(edge, &others) {
                let mid = (piece.a + piece.b) / 2.0;
                let normal = (piece.b - piece.a).perp().normalize_or_zero() * PROBE_M;
                // A wall separates floor from non-floor; a seam between two floor polygons is not one.
                if floor(mid + normal) != floor(mid - normal) {
                    out.push(piece);
                }
            }
        }
    }
    out.extend(obstacles.iter().flat_map(|o| edges(o)));
    out.extend(walls.iter().flat_map(|w| polyline_segments(w)));
    for (path, width) in queues {
        out.extend(barriers(path, *width));
    }
    out.retain(|s| s.length() > 1e-4);
    out
}

/// Splits `edge` where other segments cross it.
fn split(edge: Segment, others: &[Segment]) -> Vec<Segment> {
    let mut cuts: Vec<f32> = others.iter().filter_map(|o| edge.intersection_param(o)).collect();
    cuts.push(0.0);
    cuts.push(1.0);
    cuts.sort_by(f32::total_cmp);
    cuts.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
    let point = |t: f32| edge.a + (edge.b - edge.a) * t;
    cuts.windows(2).map(|w| Segment::new(point(w[0]), point(w[1]))).collect()
}

/// The two barriers along a serpentine path, offset by half its width, mitred at the corners;
/// the entrance and the head stay open.
pub fn barriers(path: &Path, width: f32) -> Vec<Segment> {
    let half = width / 2.0;
    let mut out = Vec::new();
    for side in [1.0f32, -1.0] {
        let offset: Vec<Vec2> = path
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| *p + miter(&path.points, i) * half * side)
            .collect();
        out.extend(polyline_segments(&offset));
    }
    out
}

/// The offset direction at point `i` of a polyline (left normal, mitred).
fn miter(points: &[Vec2], i: usize) -> Vec2 {
    let normal = |a: Vec2, b: Vec2| (b - a).normalize_or_zero().perp();
    let before = (i > 0).then(|| normal(points[i - 1], points[i]));
    let after = (i + 1 < points.len()).then(|| normal(points[i], points[i + 1]));
    match (before, after) {
        (Some(n), None) | (None, Some(n)) => n,
        (Some(a), Some(b)) => {
            let m = (a + b).normalize_or_zero();
            let cos = m.dot(a).max(0.3);
            m / cos
        }
        (None, None) => Vec2::ZERO,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Vec<Vec2> {
        vec![Vec2::new(x0, y0), Vec2::new(x1, y0), Vec2::new(x1, y1), Vec2::new(x0, y1)]
    }

    #[test]
    fn seams_between_floor_polygons_are_not_walls() {
        let walls = collect(&[rect(0.0, 0.0, 10.0, 10.0), rect(10.0, 4.0, 12.0, 6.0)], &[], &[], &[]);
        let total: f32 = walls.iter().map(Segment::length).sum();
        // 40 m of hall outline minus the 2 m opening, plus 2 + 2 + 2 m of corridor.
        assert!((total - 44.0).abs() < 1e-3, "{total}");
        assert!(!walls.iter().any(|s| s.distance(Vec2::new(10.0, 5.0)) < 1e-3));
    }

    #[test]
    fn serpentine_barriers_run_on_both_sides() {
        let path = Path::new(vec![
            Vec2::new(0.0, 0.0),
            Vec2::new(10.0, 0.0),
            Vec2::new(10.0, 2.0),
            Vec2::new(0.0, 2.0),
        ]);
        let b = barriers(&path, 1.0);
        assert_eq!(b.len(), 6);
        assert!(b.iter().any(|s| s.distance(Vec2::new(5.0, 0.5)) < 1e-3));
        assert!(b.iter().any(|s| s.distance(Vec2::new(5.0, -0.5)) < 1e-3));
    }
}
