//! A uniform grid over the layout that buckets points by cell (a counting
//! sort, rebuilt every step), so neighbours are found by scanning a few
//! contiguous runs of cells instead of every agent.

use super::geometry::Vec2;

/// Points bucketed by cell.
#[derive(Debug, Clone)]
pub struct SpatialHash {
    origin: Vec2,
    inv_cell: f32,
    /// Columns.
    pub nx: usize,
    /// Rows.
    pub ny: usize,
    /// `start[c]..start[c + 1]` are the sorted slots of cell `c`.
    pub start: Vec<u32>,
    /// Original index of the point in each sorted slot (ascending within a cell).
    pub order: Vec<u32>,
    /// Positions in sorted order.
    pub sorted: Vec<Vec2>,
    cell_of: Vec<u32>,
}

impl SpatialHash {
    /// A grid of `cell`-sized squares covering `lo..hi`.
    pub fn new(lo: Vec2, hi: Vec2, cell: f32) -> Self {
        let nx = ((hi.x - lo.x) / cell).ceil().max(1.0) as usize + 1;
        let ny = ((hi.y - lo.y) / cell).ceil().max(1.0) as usize + 1;
        Self {
            origin: lo,
            inv_cell: 1.0 / cell,
            nx,
            ny,
            start: vec![0; nx * ny + 1],
            order: Vec::new(),
            sorted: Vec::new(),
            cell_of: Vec::new(),
        }
    }

    /// Column and row of `p`, clamped to the grid.
    #[inline]
    pub fn cell_xy(&self, p: Vec2) -> (usize, usize) {
        let q = (p - self.origin) * self.inv_cell;
        ((q.x.max(0.0) as usize).min(self.nx - 1), (q.y.max(0.0) as usize).min(self.ny - 1))
    }

    /// Buckets `points` (stable: equal cells keep index order).
    pub fn rebuild(&mut self, points: &[Vec2]) {
        self.start.iter_mut().for_each(|s| *s = 0);
        self.cell_of.clear();
        for p in points {
            let (x, y) = self.cell_xy(*p);
            let c = y * self.nx + x;
            self.cell_of.push(c as u32);
            self.start[c + 1] += 1;
        }
        for c in 0..self.nx * self.ny {
            self.start[c + 1] += self.start[c];
        }
        self.order.resize(points.len(), 0);
        self.sorted.resize(points.len(), Vec2::ZERO);
        let mut fill = self.start.clone();
        for (i, &c) in self.cell_of.iter().enumerate() {
            let slot = fill[c as usize] as usize;
            fill[c as usize] += 1;
            self.order[slot] = i as u32;
            self.sorted[slot] = points[i];
        }
    }

    /// Sorted-slot ranges of the cells within `reach` cells of `p`'s cell, one contiguous range per row.
    #[inline]
    pub fn rows(&self, p: Vec2, reach: usize) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let (x, y) = self.cell_xy(p);
        let (x0, x1) = (x.saturating_sub(reach), (x + reach).min(self.nx - 1));
        let (y0, y1) = (y.saturating_sub(reach), (y + reach).min(self.ny - 1));
        (y0..=y1).map(move |row| {
            let base = row * self.nx;
            self.start[base + x0] as usize..self.start[base + x1 + 1] as usize
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_points_in_nearby_cells() {
        let mut hash = SpatialHash::new(Vec2::ZERO, Vec2::new(10.0, 10.0), 1.0);
        let points = [Vec2::new(0.5, 0.5), Vec2::new(5.5, 5.5), Vec2::new(1.5, 0.5), Vec2::new(9.9, 9.9)];
        hash.rebuild(&points);
        let near: Vec<u32> = hash.rows(Vec2::new(0.7, 0.7), 1).flat_map(|r| hash.order[r].to_vec()).collect();
        assert_eq!(near, vec![0, 2]);
        let far: usize = hash.rows(Vec2::new(9.0, 9.0), 1).map(|r| r.len()).sum();
        assert_eq!(far, 1);
    }
}
