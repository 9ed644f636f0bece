//! Plan-view geometry in metres: segments, polygons and polylines.

pub use bevy::math::Vec2;

/// A straight wall piece.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// One end.
    pub a: Vec2,
    /// The other end.
    pub b: Vec2,
}

impl Segment {
    /// The segment from `a` to `b`.
    pub fn new(a: Vec2, b: Vec2) -> Self {
        Self { a, b }
    }

    /// Length in metres.
    pub fn length(&self) -> f32 {
        (self.b - self.a).length()
    }

    /// The point of the segment closest to `p`.
    pub fn closest(&self, p: Vec2) -> Vec2 {
        let d = self.b - self.a;
        let len2 = d.length_squared();
        if len2 <= f32::EPSILON {
            return self.a;
        }
        let t = ((p - self.a).dot(d) / len2).clamp(0.0, 1.0);
        self.a + d * t
    }

    /// Distance from `p` to the segment.
    pub fn distance(&self, p: Vec2) -> f32 {
        (p - self.closest(p)).length()
    }

    /// True when this segment and `other` share a point (touching counts).
    pub fn intersects(&self, other: &Segment) -> bool {
        self.intersection_param(other).is_some()
    }

    /// Where the segments cross, as the parameter along `self` (0 at `a`, 1 at `b`).
    pub fn intersection_param(&self, other: &Segment) -> Option<f32> {
        let r = self.b - self.a;
        let s = other.b - other.a;
        let denom = r.perp_dot(s);
        let qp = other.a - self.a;
        if denom.abs() <= 1e-12 {
            return None;
        }
        let t = qp.perp_dot(s) / denom;
        let u = qp.perp_dot(r) / denom;
        ((0.0..=1.0).contains(&t) && (0.0..=1.0).contains(&u)).then_some(t)
    }
}

/// True when `p` is strictly inside the polygon (even-odd rule; the ring may be open or closed).
pub fn contains(polygon: &[Vec2], p: Vec2) -> bool {
    let mut inside = false;
    let n = polygon.len();
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let (a, b) = (polygon[i], polygon[j]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Area of a polygon (absolute, shoelace formula).
pub fn area(polygon: &[Vec2]) -> f32 {
    let n = polygon.len();
    let twice: f32 = (0..n).map(|i| polygon[i].perp_dot(polygon[(i + 1) % n])).sum();
    twice.abs() / 2.0
}

/// The edges of a polygon's ring (closing edge included; a repeated closing point is ignored).
pub fn edges(polygon: &[Vec2]) -> impl Iterator<Item = Segment> + '_ {
    let n = ring_len(polygon);
    (0..n).map(move |i| Segment::new(polygon[i], polygon[(i + 1) % n]))
}

/// Number of distinct points of a ring (a closing point equal to the first is not counted).
pub fn ring_len(polygon: &[Vec2]) -> usize {
    match polygon {
        [first, .., last] if polygon.len() > 1 && first == last => polygon.len() - 1,
        _ => polygon.len(),
    }
}

/// The pieces of a polyline.
pub fn polyline_segments(points: &[Vec2]) -> impl Iterator<Item = Segment> + '_ {
    points.windows(2).map(|w| Segment::new(w[0], w[1]))
}

/// Bounding box (min, max) of some points.
pub fn bounds<'a>(points: impl IntoIterator<Item = &'a Vec2>) -> (Vec2, Vec2) {
    points
        .into_iter()
        .fold((Vec2::splat(f32::MAX), Vec2::splat(f32::MIN)), |(lo, hi), p| {
            (lo.min(*p), hi.max(*p))
        })
}

/// A polyline measured along its length.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// Points in order.
    pub points: Vec<Vec2>,
    /// Distance from the start to each point.
    pub cumulative: Vec<f32>,
}

impl Path {
    /// Measures a polyline.
    pub fn new(points: Vec<Vec2>) -> Self {
        let mut cumulative = Vec::with_capacity(points.len());
        let mut total = 0.0;
        for (i, p) in points.iter().enumerate() {
            if i > 0 {
                total += (*p - points[i - 1]).length();
            }
            cumulative.push(total);
        }
        Self { points, cumulative }
    }

    /// Total length in metres.
    pub fn length(&self) -> f32 {
        self.cumulative.last().copied().unwrap_or(0.0)
    }

    /// The point at distance `s` from the start (clamped to the ends), and the unit direction there.
    pub fn at(&self, s: f32) -> (Vec2, Vec2) {
        let s = s.clamp(0.0, self.length());
        let i = self.cumulative.partition_point(|&c| c <= s).clamp(1, self.points.len().max(2) - 1);
        let (a, b) = (self.points[i - 1], self.points[i]);
        let span = self.cumulative[i] - self.cumulative[i - 1];
        let t = if span > 0.0 { (s - self.cumulative[i - 1]) / span } else { 0.0 };
        (a + (b - a) * t, (b - a).normalize_or_zero())
    }

    /// Distance along the path of the point of the path closest to `p`.
    pub fn project(&self, p: Vec2) -> f32 {
        let mut best = (f32::MAX, 0.0);
        for (i, segment) in polyline_segments(&self.points).enumerate() {
            let q = segment.closest(p);
            let d = (p - q).length_squared();
            if d < best.0 {
                best = (d, self.cumulative[i] + (q - segment.a).length());
            }
        }
        best.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_in_polygon_and_area() {
        let square = [Vec2::new(0.0, 0.0), Vec2::new(2.0, 0.0), Vec2::new(2.0, 2.0), Vec2::new(0.0, 2.0)];
        assert!(contains(&square, Vec2::new(1.0, 1.0)));
        assert!(!contains(&square, Vec2::new(3.0, 1.0)));
        assert_eq!(area(&square), 4.0);
        assert_eq!(edges(&square).count(), 4);
    }

    #[test]
    fn segments_cross_and_measure() {
        let a = Segment::new(Vec2::new(0.0, 0.0), Vec2::new(2.0, 0.0));
        let b = Segment::new(Vec2::new(1.0, -1.0), Vec2::new(1.0, 1.0));
        assert_eq!(a.intersection_param(&b), Some(0.5));
        assert!(!a.intersects(&Segment::new(Vec2::new(0.0, 1.0), Vec2::new(2.0, 1.0))));
        assert_eq!(a.distance(Vec2::new(3.0, 0.0)), 1.0);
    }

    #[test]
    fn paths_are_measured() {
        let path = Path::new(vec![Vec2::ZERO, Vec2::new(3.0, 0.0), Vec2::new(3.0, 4.0)]);
        assert_eq!(path.length(), 7.0);
        assert_eq!(path.at(5.0).0, Vec2::new(3.0, 2.0));
        assert_eq!(path.project(Vec2::new(4.0, 1.0)), 4.0);
    }
}
