//! An attenuation map and the shapes drawn on it.
//!
//! Values are line integrals of the attenuation coefficient along the beam
//! (dimensionless, `-ln` of the transmitted fraction): objects on the same
//! beam path add up, as in a transmission X-ray.

/// A grid of attenuation values, row-major, `height` rows of `width` pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Canvas {
    /// Pixels per row.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// Attenuation per pixel.
    pub mu: Vec<f32>,
}

impl Canvas {
    /// A canvas with nothing on it.
    pub fn new(width: usize, height: usize) -> Self {
        Self {
            width,
            height,
            mu: vec![0.0; width * height],
        }
    }

    /// Attenuation at a pixel (0 outside).
    pub fn at(&self, x: i32, y: i32) -> f32 {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height {
            return 0.0;
        }
        self.mu[y as usize * self.width + x as usize]
    }

    /// Adds `value` at a pixel; ignored outside the canvas.
    pub fn add(&mut self, x: i32, y: i32, value: f32) {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height {
            return;
        }
        self.mu[y as usize * self.width + x as usize] += value;
    }

    /// Mean attenuation over a rectangle (clipped to the canvas).
    pub fn mean_in(&self, x0: f32, y0: f32, w: f32, h: f32) -> f32 {
        let (mut sum, mut n) = (0.0, 0);
        for y in y0.max(0.0) as i32..(y0 + h).min(self.height as f32) as i32 {
            for x in x0.max(0.0) as i32..(x0 + w).min(self.width as f32) as i32 {
                sum += self.at(x, y);
                n += 1;
            }
        }
        if n == 0 { 0.0 } else { sum / n as f32 }
    }

    /// Calls `f(x, y)` for every pixel whose centre lies in the box, clipped.
    fn each_in(&self, x0: f32, y0: f32, x1: f32, y1: f32, mut f: impl FnMut(i32, i32)) {
        let xa = x0.floor().max(0.0) as i32;
        let ya = y0.floor().max(0.0) as i32;
        let xb = (x1.ceil() as i32).min(self.width as i32 - 1);
        let yb = (y1.ceil() as i32).min(self.height as i32 - 1);
        for y in ya..=yb {
            for x in xa..=xb {
                f(x, y);
            }
        }
    }

    /// A uniform block (a slab of constant thickness).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, mu: f32) {
        let mut points = Vec::new();
        self.each_in(x, y, x + w, y + h, |px, py| {
            let (cx, cy) = (px as f32 + 0.5, py as f32 + 0.5);
            if cx >= x && cx < x + w && cy >= y && cy < y + h {
                points.push((px, py));
            }
        });
        for (px, py) in points {
            self.add(px, py, mu);
        }
    }

    /// The outline of a rectangle, `t` pixels thick.
    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, t: f32, mu: f32) {
        self.rect(x, y, w, t, mu);
        self.rect(x, y + h - t, w, t, mu);
        self.rect(x, y + t, t, h - 2.0 * t, mu);
        self.rect(x + w - t, y + t, t, h - 2.0 * t, mu);
    }

    /// A cylinder seen from the side with its axis vertical: thickest in the middle.
    pub fn drum(&mut self, x: f32, y: f32, w: f32, h: f32, mu: f32) {
        let r = w / 2.0;
        let mut points = Vec::new();
        self.each_in(x, y, x + w, y + h, |px, py| {
            let (cx, cy) = (px as f32 + 0.5, py as f32 + 0.5);
            if cy >= y && cy < y + h {
                let d = (cx - x - r) / r;
                if d.abs() < 1.0 {
                    points.push((px, py, (1.0 - d * d).sqrt()));
                }
            }
        });
        for (px, py, chord) in points {
            self.add(px, py, mu * chord);
        }
    }

    /// A filled ellipse, uniform (`ball = false`) or thickest at the centre like a solid body (`ball = true`).
    pub fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, mu: f32, ball: bool) {
        let mut points = Vec::new();
        self.each_in(cx - rx, cy - ry, cx + rx, cy + ry, |px, py| {
            let dx = (px as f32 + 0.5 - cx) / rx;
            let dy = (py as f32 + 0.5 - cy) / ry;
            let r2 = dx * dx + dy * dy;
            if r2 < 1.0 {
                points.push((px, py, if ball { (1.0 - r2).sqrt() } else { 1.0 }));
            }
        });
        for (px, py, k) in points {
            self.add(px, py, mu * k);
        }
    }

    /// A ring between radii `r_in` and `r_out` (a disc with a hole).
    pub fn ring(&mut self, cx: f32, cy: f32, r_in: f32, r_out: f32, mu: f32) {
        let mut points = Vec::new();
        self.each_in(cx - r_out, cy - r_out, cx + r_out, cy + r_out, |px, py| {
            let dx = px as f32 + 0.5 - cx;
            let dy = py as f32 + 0.5 - cy;
            let r = (dx * dx + dy * dy).sqrt();
            if r >= r_in && r < r_out {
                points.push((px, py));
            }
        });
        for (px, py) in points {
            self.add(px, py, mu);
        }
    }

    /// A thick segment from `(x0, y0)` to `(x1, y1)` whose thickness goes from `t0` to `t1`.
    #[allow(clippy::too_many_arguments)]
    pub fn segment(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, t0: f32, t1: f32, mu: f32) {
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len2 = (dx * dx + dy * dy).max(1e-6);
        let pad = t0.max(t1) / 2.0 + 1.0;
        let mut points = Vec::new();
        self.each_in(x0.min(x1) - pad, y0.min(y1) - pad, x0.max(x1) + pad, y0.max(y1) + pad, |px, py| {
            let (cx, cy) = (px as f32 + 0.5, py as f32 + 0.5);
            let s = (((cx - x0) * dx + (cy - y0) * dy) / len2).clamp(0.0, 1.0);
            let (qx, qy) = (x0 + s * dx - cx, y0 + s * dy - cy);
            let half = (t0 + (t1 - t0) * s) / 2.0;
            if qx * qx + qy * qy <= half * half {
                points.push((px, py));
            }
        });
        for (px, py) in points {
            self.add(px, py, mu);
        }
    }

    /// Multiplies everything inside the box by `factor` (e.g. to carve a cavity).
    pub fn scale_in(&mut self, x: f32, y: f32, w: f32, h: f32, factor: f32) {
        let mut points = Vec::new();
        self.each_in(x, y, x + w, y + h, |px, py| points.push((px, py)));
        for (px, py) in points {
            let i = py as usize * self.width + px as usize;
            self.mu[i] *= factor;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_add_attenuation_where_drawn() {
        let mut c = Canvas::new(20, 10);
        c.rect(2.0, 2.0, 4.0, 3.0, 1.0);
        assert_eq!(c.mu.iter().filter(|&&v| v > 0.0).count(), 12);
        c.rect(2.0, 2.0, 1.0, 1.0, 0.5);
        assert_eq!(c.at(2, 2), 1.5);
        c.drum(10.0, 0.0, 6.0, 10.0, 2.0);
        assert!(c.at(12, 5) > c.at(10, 5));
        assert_eq!(c.at(-1, 0), 0.0);
        assert!((c.mean_in(2.0, 2.0, 4.0, 3.0) - 1.0 - 0.5 / 12.0).abs() < 1e-6);
    }

    #[test]
    fn segments_and_rings_stay_in_bounds() {
        let mut c = Canvas::new(16, 16);
        c.segment(-5.0, -5.0, 30.0, 30.0, 2.0, 4.0, 1.0);
        c.ring(8.0, 8.0, 3.0, 20.0, 1.0);
        c.ellipse(0.0, 0.0, 5.0, 3.0, 1.0, true);
        assert!(c.mu.iter().all(|v| v.is_finite()));
        assert_eq!(c.at(8, 8), 1.0, "the hole of the ring holds the segment only");
    }
}
