//! The navigation grid: the floor rasterised into square cells, each knowing
//! whether a body fits there and how far the nearest wall is.

use super::geometry::{Segment, Vec2};
use crate::scenario::layout::Layout;

/// Cell size of the navigation grid unless the layout sets `navigation_cell_m`, metres; the
/// coarsest the layout may set.
pub const DEFAULT_CELL_M: f32 = 0.25;

/// The most clearance from walls the navigation grid asks of a cell, metres: at 0.25 m
/// cells a wider clearance can leave no free cell in an ordinary door (a 0.8 m door keeps
/// only a 0.2 m band 0.3 m off both jambs, which cell centres may miss), so bodies wider
/// than 0.4 m are routed as if 0.4 m wide and their model keeps them off the walls.
pub const MAX_CLEARANCE_M: f32 = 0.2;

/// The clearance from walls a cell of `cell_m` needs to be free for bodies of `radius_m`:
/// the radius, at least 0.75 cell (so no step between free cells crosses a wall) and at
/// most [`MAX_CLEARANCE_M`]. A 0.6 m lane keeps a free band of 0.2 m at the centre, which
/// rows of 0.25 m cells may straddle and rows of 0.1 m cells cannot miss.
pub fn clearance(radius_m: f32, cell_m: f32) -> f32 {
    radius_m.clamp(cell_m * 0.75, MAX_CLEARANCE_M)
}

/// Wall distances are measured up to this far, metres.
pub const WALL_RANGE_M: f32 = 1.5;

/// The floor as cells.
#[derive(Debug, Clone)]
pub struct Grid {
    /// Lower-left corner of cell (0, 0).
    pub origin: Vec2,
    /// Cell size, metres.
    pub cell: f32,
    /// Columns.
    pub nx: usize,
    /// Rows.
    pub ny: usize,
    /// Whether the cell centre is on the floor (outside obstacles).
    pub walkable: Vec<bool>,
    /// Distance from the cell centre to the nearest wall, capped at [`WALL_RANGE_M`].
    pub wall_distance: Vec<f32>,
    /// Walkable and at least the clearance away from walls.
    pub free: Vec<bool>,
}

impl Grid {
    /// Rasterises a layout in cells of its `navigation_cell_m`; cells closer than
    /// `clearance` to a wall are not free. With a clearance of at least 0.75 cell, no step
    /// between free cells crosses a wall.
    pub fn new(layout: &Layout, clearance: f32) -> Self {
        let (lo, hi) = layout.bounds();
        let cell = layout.navigation_cell_m;
        let origin = lo - Vec2::splat(cell);
        let nx = ((hi.x - origin.x) / cell).ceil() as usize + 2;
        let ny = ((hi.y - origin.y) / cell).ceil() as usize + 2;
        let mut grid = Grid {
            origin,
            cell,
            nx,
            ny,
            walkable: vec![false; nx * ny],
            wall_distance: vec![WALL_RANGE_M; nx * ny],
            free: vec![false; nx * ny],
        };
        for c in 0..nx * ny {
            grid.walkable[c] = layout.is_walkable(grid.centre(c));
        }
        for wall in &layout.walls {
            grid.stamp(wall);
        }
        for c in 0..nx * ny {
            grid.free[c] = grid.walkable[c] && grid.wall_distance[c] >= clearance;
        }
        grid
    }

    /// Lowers the wall distance of the cells near one wall.
    fn stamp(&mut self, wall: &Segment) {
        let (lo, hi) = (
            wall.a.min(wall.b) - Vec2::splat(WALL_RANGE_M),
            wall.a.max(wall.b) + Vec2::splat(WALL_RANGE_M),
        );
        let (x0, y0) = self.cell_xy(lo);
        let (x1, y1) = self.cell_xy(hi);
        for y in y0..=y1 {
            for x in x0..=x1 {
                let c = y * self.nx + x;
                let d = wall.distance(self.centre(c));
                if d < self.wall_distance[c] {
                    self.wall_distance[c] = d;
                }
            }
        }
    }

    /// Centre of cell `c`.
    pub fn centre(&self, c: usize) -> Vec2 {
        self.origin + Vec2::new((c % self.nx) as f32 + 0.5, (c / self.nx) as f32 + 0.5) * self.cell
    }

    /// Column and row of the cell containing `p`, clamped to the grid.
    pub fn cell_xy(&self, p: Vec2) -> (usize, usize) {
        let q = (p - self.origin) / self.cell;
        ((q.x.max(0.0) as usize).min(self.nx - 1), (q.y.max(0.0) as usize).min(self.ny - 1))
    }

    /// Index of the cell containing `p`, clamped to the grid.
    pub fn cell_of(&self, p: Vec2) -> usize {
        let (x, y) = self.cell_xy(p);
        y * self.nx + x
    }

    /// The free cell nearest to `p` within `radius` metres, if any (nearest by centre distance; ties to the lower index).
    pub fn nearest_free(&self, p: Vec2, radius: f32) -> Option<usize> {
        let (x0, y0) = self.cell_xy(p - Vec2::splat(radius));
        let (x1, y1) = self.cell_xy(p + Vec2::splat(radius));
        let mut best: Option<(f32, usize)> = None;
        for y in y0..=y1 {
            for x in x0..=x1 {
                let c = y * self.nx + x;
                let d = (self.centre(c) - p).length();
                if self.free[c] && d <= radius && best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, c));
                }
            }
        }
        best.map(|(_, c)| c)
    }

    /// The eight neighbours of cell `c` that exist, with the step length in cells (1 or √2).
    /// A diagonal step is allowed only when both cells it cuts past are free.
    pub fn neighbours(&self, c: usize) -> impl Iterator<Item = (usize, f32)> + '_ {
        let (x, y) = ((c % self.nx) as isize, (c / self.nx) as isize);
        const STEPS: [(isize, isize); 8] = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)];
        STEPS.iter().filter_map(move |&(dx, dy)| {
            let (nx, ny) = (x + dx, y + dy);
            if nx < 0 || ny < 0 || nx >= self.nx as isize || ny >= self.ny as isize {
                return None;
            }
            let n = ny as usize * self.nx + nx as usize;
            if dx != 0 && dy != 0 {
                let side_a = y as usize * self.nx + nx as usize;
                let side_b = ny as usize * self.nx + x as usize;
                if !(self.free[side_a] && self.free[side_b]) {
                    return None;
                }
                return Some((n, std::f32::consts::SQRT_2));
            }
            Some((n, 1.0))
        })
    }

    /// Free cells reachable from `starts` through free cells.
    pub fn flood(&self, starts: &[usize]) -> Vec<bool> {
        let mut seen = vec![false; self.free.len()];
        let mut stack: Vec<usize> = starts.iter().copied().filter(|&c| self.free[c]).collect();
        while let Some(c) = stack.pop() {
            if std::mem::replace(&mut seen[c], true) {
                continue;
            }
            stack.extend(self.neighbours(c).map(|(n, _)| n).filter(|&n| self.free[n] && !seen[n]));
        }
        seen
    }
}
