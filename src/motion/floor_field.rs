//! Floor fields: for one destination, the walking distance from every cell
//! (Dijkstra over the navigation grid, dearer near walls so paths keep off
//! them) and the direction to walk in, down the distance's gradient.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::geometry::Vec2;
use super::grid::Grid;

/// Walking near walls costs up to this factor more, which keeps routes off corners.
const WALL_PENALTY: f32 = 0.5;
/// Distance from walls (metres) below which the penalty applies.
const PENALTY_RANGE_M: f32 = 0.35;
/// Within this distance of the destination (metres) agents head straight for it.
pub const DIRECT_M: f32 = 0.75;

/// Distances and directions to one destination.
#[derive(Debug, Clone)]
pub struct FloorField {
    /// Walking distance to the destination from each cell, metres (infinite where unreachable).
    pub distance: Vec<f32>,
    /// Unit direction to walk in from each cell (zero where unreachable).
    pub direction: Vec<Vec2>,
    /// The destination points.
    pub targets: Vec<Vec2>,
}

/// A distance ordered totally, for the heap.
struct Key(f32);
impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}
impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl FloorField {
    /// The field towards the nearest of `targets` (points), or towards every free cell for which `area` holds.
    pub fn new(grid: &Grid, targets: &[Vec2], area: impl Fn(Vec2) -> bool) -> Self {
        let n = grid.free.len();
        let mut distance = vec![f32::INFINITY; n];
        let mut heap = BinaryHeap::new();
        let seed = |c: usize, d: f32, distance: &mut Vec<f32>, heap: &mut BinaryHeap<(Reverse<Key>, usize)>| {
            if d < distance[c] {
                distance[c] = d;
                heap.push((Reverse(Key(d)), c));
            }
        };
        for &t in targets {
            if let Some(c) = grid.nearest_free(t, 2.0) {
                seed(c, (grid.centre(c) - t).length(), &mut distance, &mut heap);
            }
        }
        for c in (0..n).filter(|&c| grid.free[c] && area(grid.centre(c))) {
            seed(c, 0.0, &mut distance, &mut heap);
        }
        while let Some((Reverse(Key(d)), c)) = heap.pop() {
            if d > distance[c] {
                continue;
            }
            for (m, step) in grid.neighbours(c) {
                if !grid.free[m] {
                    continue;
                }
                let clearance = grid.wall_distance[m].min(PENALTY_RANGE_M);
                let cost = step * grid.cell * (1.0 + WALL_PENALTY * (1.0 - clearance / PENALTY_RANGE_M));
                seed(m, d + cost, &mut distance, &mut heap);
            }
        }
        let direction = directions(grid, &distance);
        Self {
            distance,
            direction,
            targets: targets.to_vec(),
        }
    }

    /// The direction to walk from `p`.
    pub fn direction_at(&self, grid: &Grid, p: Vec2) -> Vec2 {
        for t in &self.targets {
            let to = *t - p;
            if to.length_squared() < DIRECT_M * DIRECT_M {
                return to.normalize_or_zero();
            }
        }
        self.direction[grid.cell_of(p)]
    }

    /// The walking distance from `p` (infinite where unreachable).
    pub fn distance_at(&self, grid: &Grid, p: Vec2) -> f32 {
        self.distance[grid.cell_of(p)]
    }

    /// The walking distance from `p`, continuous within a cell: the cell's distance less the
    /// way `p` lies from the cell's centre down the field (so stepping over a cell's edge does
    /// not jump by a cell).
    pub fn smooth_distance_at(&self, grid: &Grid, p: Vec2) -> f32 {
        let c = grid.cell_of(p);
        self.distance[c] - self.direction[c].dot(p - grid.centre(c))
    }
}

/// Unit directions down the distance field: a central-difference gradient over free cells,
/// and, for cells that are not free (next to walls), the way to the best free neighbour.
fn directions(grid: &Grid, distance: &[f32]) -> Vec<Vec2> {
    let n = distance.len();
    let mut out = vec![Vec2::ZERO; n];
    let at = |c: usize, dx: isize, dy: isize| -> Option<f32> {
        let x = (c % grid.nx) as isize + dx;
        let y = (c / grid.nx) as isize + dy;
        if x < 0 || y < 0 || x >= grid.nx as isize || y >= grid.ny as isize {
            return None;
        }
        let m = y as usize * grid.nx + x as usize;
        distance[m].is_finite().then_some(distance[m])
    };
    for c in 0..n {
        if distance[c].is_finite() {
            let d = distance[c];
            let slope = |minus: Option<f32>, plus: Option<f32>| match (minus, plus) {
                (Some(a), Some(b)) => (b - a) / 2.0,
                (Some(a), None) => (d - a).max(0.0),
                (None, Some(b)) => (b - d).min(0.0),
                (None, None) => 0.0,
            };
            let gradient = Vec2::new(slope(at(c, -1, 0), at(c, 1, 0)), slope(at(c, 0, -1), at(c, 0, 1)));
            out[c] = -gradient.normalize_or_zero();
            if out[c] == Vec2::ZERO {
                out[c] = best_neighbour(grid, distance, c);
            }
        } else if grid.walkable[c] {
            out[c] = best_neighbour(grid, distance, c);
        }
    }
    out
}

/// Unit vector towards the neighbour with the smallest finite distance (zero if none).
fn best_neighbour(grid: &Grid, distance: &[f32], c: usize) -> Vec2 {
    let (x, y) = ((c % grid.nx) as isize, (c / grid.nx) as isize);
    let mut best: Option<(f32, Vec2)> = None;
    for dy in -1..=1isize {
        for dx in -1..=1isize {
            let (mx, my) = (x + dx, y + dy);
            if (dx, dy) == (0, 0) || mx < 0 || my < 0 || mx >= grid.nx as isize || my >= grid.ny as isize {
                continue;
            }
            let d = distance[my as usize * grid.nx + mx as usize];
            if d.is_finite() && d < distance[c] && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, Vec2::new(dx as f32, dy as f32).normalize()));
            }
        }
    }
    best.map_or(Vec2::ZERO, |(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::layout::Layout;
    use crate::scenario::parse;

    /// A 10 x 6 room with a wall from (5, 0) to (5, 4): the way round is over the top.
    pub(crate) fn room() -> Layout {
        let text = r#"Scenario(
            meta: (name: "room", duration_h: 1, fidelity: Micro),
            demand: [(name: "in", entry: "go", arrivals: Hourly(daily_total: 24, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
            facilities: {},
            routing: {"go": (next: To("exit"))},
            layout: (
                walkable: [[(0, 0), (10, 0), (10, 6), (0, 6)]],
                walls: [[(5, 0), (5, 4)]],
                entrances: {"in": Area(polygon: [(0.5, 0.5), (2, 0.5), (2, 2), (0.5, 2)])},
                exits: [[(9, 0.5), (9.8, 0.5), (9.8, 1.5), (9, 1.5)]],
            ),
        )"#;
        parse(text, "room.ron").unwrap().layout.unwrap()
    }

    #[test]
    fn paths_go_round_walls() {
        let layout = room();
        let grid = Grid::new(&layout, 0.2);
        let field = FloorField::new(&grid, &[Vec2::new(9.0, 1.0)], |_| false);
        let start = Vec2::new(2.0, 1.0);
        // Straight line is 7 m; round the wall's end at (5, 4) it is about 2 × 4.2 + 1 m more.
        let d = field.distance_at(&grid, start);
        assert!(d > 9.0 && d < 12.0, "{d}");
        // Near the wall, heading up and round it.
        let dir = field.direction_at(&grid, Vec2::new(4.5, 1.0));
        assert!(dir.y > 0.5, "{dir}");
    }
}
