//! How many pedestrians an entrance area holds at once.
//!
//! A pedestrian appears at a free point of its source's entrance area (on the grid when one is
//! given) no closer than two body radii to anyone; whoever finds no room waits off the floor and
//! is tried again every motion step. An area that holds nobody therefore keeps its travellers
//! waiting for ever, and one that must take far more than it holds spends each step retrying
//! them all.

use crate::motion::geometry::{Vec2, area, bounds, contains};
use crate::scenario::layout::Layout;

/// Grid points counted one by one; beyond this the count is estimated from the area.
const MAX_POINTS_COUNTED: f64 = 4_000_000.0;

/// Coverage at which random sequential placement of equal disks jams (Feder 1980,
/// "Random sequential adsorption", J. Theor. Biol. 87: θ∞ ≈ 0.547).
const RANDOM_JAMMING_COVERAGE: f64 = 0.547;

/// Most pedestrians of radius `radius_m` standing at once in `polygon`, placed on a grid of
/// `grid_m` or (without one) at random points.
pub(super) fn capacity(layout: &Layout, polygon: &[Vec2], grid_m: Option<f32>, radius_m: f32) -> f64 {
    let spacing = 2.0 * f64::from(radius_m);
    match grid_m {
        Some(g) => {
            // Neighbouring grid points closer than two radii cannot both be taken.
            let g = f64::from(g);
            let step = g * (spacing / g).ceil().max(1.0);
            on_grid(layout, polygon, step)
        }
        None => {
            let free_m2 = f64::from(area(polygon)) * walkable_share(layout, polygon);
            RANDOM_JAMMING_COVERAGE * free_m2 / (std::f64::consts::PI * f64::from(radius_m).powi(2))
        }
    }
}

/// Grid points of spacing `step` in the bounds of `polygon` that are walkable (and inside it,
/// or on its bounding box, as the placement accepts).
fn on_grid(layout: &Layout, polygon: &[Vec2], step: f64) -> f64 {
    let (lo, hi) = bounds(polygon);
    let columns = ((f64::from(hi.x) / step).floor() - (f64::from(lo.x) / step).ceil() + 1.0).max(0.0);
    let rows = ((f64::from(hi.y) / step).floor() - (f64::from(lo.y) / step).ceil() + 1.0).max(0.0);
    if columns * rows > MAX_POINTS_COUNTED {
        return columns * rows * walkable_share(layout, polygon);
    }
    let first = ((f64::from(lo.x) / step).ceil(), (f64::from(lo.y) / step).ceil());
    let mut count = 0.0;
    for i in 0..columns as u64 {
        for j in 0..rows as u64 {
            let p = Vec2::new(((first.0 + i as f64) * step) as f32, ((first.1 + j as f64) * step) as f32);
            if layout.is_walkable(p) {
                count += 1.0;
            }
        }
    }
    count
}

/// Share of `polygon` that is walkable, from a 64 x 64 sample of its bounding box.
fn walkable_share(layout: &Layout, polygon: &[Vec2]) -> f64 {
    let (lo, hi) = bounds(polygon);
    let n = 64;
    let (mut inside, mut walkable) = (0u32, 0u32);
    for i in 0..n {
        for j in 0..n {
            let p = Vec2::new(
                lo.x + (hi.x - lo.x) * (i as f32 + 0.5) / n as f32,
                lo.y + (hi.y - lo.y) * (j as f32 + 0.5) / n as f32,
            );
            if contains(polygon, p) {
                inside += 1;
                walkable += u32::from(layout.is_walkable(p));
            }
        }
    }
    if inside == 0 {
        0.0
    } else {
        f64::from(walkable) / f64::from(inside)
    }
}
