//! Cargo by goods category: each with its own density, layout and texture.

use rand::{Rng, RngExt};

use super::canvas::Canvas;
use crate::detect::classes::GoodsCategory;

/// Where cargo may go: columns `x0..x1`, from the floor `floor` up to `top`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hold {
    /// First column.
    pub x0: f32,
    /// End column.
    pub x1: f32,
    /// Highest row cargo may reach.
    pub top: f32,
    /// Row of the floor (cargo stands on it).
    pub floor: f32,
}

impl Hold {
    fn height(&self) -> f32 {
        self.floor - self.top
    }
}

/// Draws `category` into the hold.
pub fn draw<R: Rng + ?Sized>(canvas: &mut Canvas, category: GoodsCategory, hold: Hold, rng: &mut R) {
    match category {
        GoodsCategory::Electronics => cartons(canvas, hold, rng, (12.0, 18.0), (9.0, 13.0), electronics_carton),
        GoodsCategory::Textiles => textiles(canvas, hold, rng),
        GoodsCategory::Machinery => machinery(canvas, hold, rng),
        GoodsCategory::Foodstuffs => cartons(canvas, hold, rng, (14.0, 16.0), (10.0, 11.0), food_carton),
        GoodsCategory::Chemicals => drums(canvas, hold, rng),
        GoodsCategory::Furniture => furniture(canvas, hold, rng),
        GoodsCategory::MetalProducts => metal(canvas, hold, rng),
        GoodsCategory::PlasticsToys => cartons(canvas, hold, rng, (16.0, 24.0), (12.0, 16.0), toy_carton),
        GoodsCategory::Paper => paper(canvas, hold, rng),
        GoodsCategory::VehicleParts => vehicle_parts(canvas, hold, rng),
        GoodsCategory::Empty => {}
    }
}

type CartonFill<R> = fn(&mut Canvas, f32, f32, f32, f32, &mut R);

/// Columns of stacked cartons, each filled by `fill`.
fn cartons<R: Rng + ?Sized>(canvas: &mut Canvas, hold: Hold, rng: &mut R, w: (f32, f32), h: (f32, f32), fill: CartonFill<R>) {
    let cw = rng.random_range(w.0..=w.1);
    let ch = rng.random_range(h.0..=h.1);
    let stack = hold.height() * rng.random_range(0.6..=1.0);
    let mut x = hold.x0;
    while x + cw <= hold.x1 {
        let layers = ((stack / ch).floor() as i32 - rng.random_range(0..2)).max(1);
        for layer in 0..layers {
            let y = hold.floor - (layer + 1) as f32 * ch;
            canvas.frame(x, y, cw, ch, 1.0, 0.08);
            fill(canvas, x + 1.0, y + 1.0, cw - 2.0, ch - 2.0, rng);
        }
        x += cw + rng.random_range(0.0..1.5);
    }
}

fn electronics_carton<R: Rng + ?Sized>(canvas: &mut Canvas, x: f32, y: f32, w: f32, h: f32, rng: &mut R) {
    canvas.rect(x + 1.0, y + 1.0, w - 2.0, h - 2.0, 0.12);
    canvas.rect(x + 2.0, y + 2.0, w - 4.0, h * 0.5, 0.45);
    for _ in 0..rng.random_range(3..7) {
        canvas.rect(
            x + rng.random_range(2.0..w - 3.0),
            y + rng.random_range(2.0..h - 3.0),
            1.0,
            1.0,
            0.8,
        );
    }
    canvas.rect(x + rng.random_range(2.0..w - 6.0), y + h - 4.0, 4.0, 2.0, 1.1);
}

fn food_carton<R: Rng + ?Sized>(canvas: &mut Canvas, x: f32, y: f32, w: f32, h: f32, rng: &mut R) {
    let r = rng.random_range(2.2..2.8);
    let mut cy = y + r;
    while cy + r <= y + h + 0.5 {
        let mut cx = x + r;
        while cx + r <= x + w + 0.5 {
            canvas.ellipse(cx, cy, r, r, 0.35, false);
            canvas.ring(cx, cy, r - 0.7, r, 0.15);
            cx += 2.0 * r;
        }
        cy += 2.0 * r;
    }
}

fn toy_carton<R: Rng + ?Sized>(canvas: &mut Canvas, x: f32, y: f32, w: f32, h: f32, rng: &mut R) {
    for _ in 0..rng.random_range(4..9) {
        let (cx, cy) = (rng.random_range(x + 2.0..x + w - 2.0), rng.random_range(y + 2.0..y + h - 2.0));
        let (rx, ry) = (rng.random_range(1.5..4.0), rng.random_range(1.5..4.0));
        if rng.random_bool(0.5) {
            canvas.ellipse(cx, cy, rx, ry, rng.random_range(0.15..0.35), false);
        } else {
            canvas.frame(cx - rx, cy - ry, 2.0 * rx, 2.0 * ry, 1.0, rng.random_range(0.2..0.4));
        }
    }
}

fn textiles<R: Rng + ?Sized>(canvas: &mut Canvas, hold: Hold, rng: &mut R) {
    let bw = rng.random_range(26.0..36.0);
    let bh = rng.random_range(18.0..26.0);
    let stack = hold.height() * rng.random_range(0.7..=1.0);
    let mut x = hold.x0;
    while x + bw <= hold.x1 {
        let layers = (stack / bh).floor().max(1.0) as i32;
        for layer in 0..layers {
            let y = hold.floor - (layer + 1) as f32 * bh;
            let base = rng.random_range(0.55..0.8);
            canvas.rect(x + 1.0, y + 1.0, bw - 2.0, bh - 2.0, base);
            let mut fy = y + 2.0;
            while fy < y + bh - 2.0 {
                canvas.rect(x + 1.0, fy, bw - 2.0, 1.0, rng.random_range(0.0..0.12));
                fy += rng.random_range(1.0..3.0);
            }
            canvas.rect(x + 1.0, y + bh * 0.33, bw - 2.0, 1.0, 0.5);
            canvas.rect(x + 1.0, y + bh * 0.66, bw - 2.0, 1.0, 0.5);
        }
        x += bw + rng.random_range(0.0..2.0);
    }
}

fn machinery<R: Rng + ?Sized>(canvas: &mut Canvas, hold: Hold, rng: &mut R) {
    let mut x = hold.x0;
    while x + 30.0 <= hold.x1 {
        let w = rng.random_range(30.0..50.0f32).min(hold.x1 - x);
        let h = hold.height() * rng.random_range(0.4..0.85);
        canvas.rect(x, hold.floor - 3.0, w, 3.0, 0.5);
        let top = hold.floor - 3.0 - h;
        canvas.frame(x + 2.0, top, w - 4.0, h, 2.0, 1.1);
        canvas.rect(x + 4.0, top + 2.0, w - 8.0, h - 4.0, 0.35);
        for _ in 0..rng.random_range(1..4) {
            let r = rng.random_range(4.0..(h / 2.5).max(5.0));
            let (cx, cy) = (rng.random_range(x + 4.0 + r..(x + w - 4.0 - r).max(x + 5.0 + r)), top + h / 2.0);
            canvas.ring(cx, cy, r * 0.5, r, 1.2);
            canvas.ellipse(cx, cy, r * 0.25, r * 0.25, 1.4, false);
        }
        let sy = top + rng.random_range(2.0..h - 2.0);
        canvas.segment(x + 3.0, sy, x + w - 3.0, sy, 3.0, 3.0, 1.3);
        x += w + rng.random_range(2.0..8.0);
    }
}

fn drums<R: Rng + ?Sized>(canvas: &mut Canvas, hold: Hold, rng: &mut R) {
    let dw = rng.random_range(17.0..21.0);
    let dh = rng.random_range(24.0..27.0);
    let tiers = if hold.height() > 2.0 * dh + 2.0 && rng.random_bool(0.6) {
        2
    } else {
        1
    };
    let mut x = hold.x0;
    while x + dw <= hold.x1 {
        for tier in 0..tiers {
            let y = hold.floor - (tier + 1) as f32 * (dh + 1.0);
            let level = rng.random_range(0.6..0.95);
            canvas.drum(x, y + dh * (1.0 - level), dw, dh * level, rng.random_range(1.3..1.8));
            canvas.drum(x, y, dw, dh, 0.15);
            for ry in [y, y + dh / 3.0, y + 2.0 * dh / 3.0, y + dh - 1.0] {
                canvas.rect(x, ry, dw, 1.0, 0.5);
            }
        }
        x += dw + rng.random_range(0.5..2.0);
    }
}

fn furniture<R: Rng + ?Sized>(canvas: &mut Canvas, hold: Hold, rng: &mut R) {
    let mut x = hold.x0;
    while x + 20.0 <= hold.x1 {
        let w = rng.random_range(20.0..45.0f32).min(hold.x1 - x);
        let h = hold.height() * rng.random_range(0.4..0.95);
        let top = hold.floor - h;
        if rng.random_bool(0.5) {
            canvas.frame(x, top, w, h, 2.0, 0.3);
            canvas.rect(x, top + h * 0.45, w, 2.0, 0.3);
            canvas.segment(x + 2.0, top + 2.0, x + w - 2.0, top + h - 2.0, 1.5, 1.5, 0.2);
        } else {
            let mut y = hold.floor - 2.0;
            while y > top {
                canvas.rect(x, y, w, 2.0, 0.35);
                y -= rng.random_range(3.0..6.0);
            }
        }
        x += w + rng.random_range(1.0..6.0);
    }
}

fn metal<R: Rng + ?Sized>(canvas: &mut Canvas, hold: Hold, rng: &mut R) {
    let mut x = hold.x0;
    while x + 20.0 <= hold.x1 {
        let w = rng.random_range(40.0..100.0f32).min(hold.x1 - x);
        if rng.random_bool(0.3) {
            let r = rng.random_range(10.0..(hold.height() / 2.0).min(20.0));
            let cx = x + r.min(w / 2.0);
            canvas.ring(cx, hold.floor - r, r * 0.45, r, 1.6);
            x = cx + r + rng.random_range(2.0..6.0);
            continue;
        }
        let h = hold.height() * rng.random_range(0.2..0.6);
        let bar = rng.random_range(2.0..4.0);
        let mut y = hold.floor - bar;
        while y > hold.floor - h {
            canvas.rect(x, y, w, bar, rng.random_range(0.9..1.3));
            y -= bar + rng.random_range(0.0..1.0);
        }
        x += w + rng.random_range(2.0..6.0);
    }
}

fn paper<R: Rng + ?Sized>(canvas: &mut Canvas, hold: Hold, rng: &mut R) {
    if rng.random_bool(0.5) {
        let r = rng.random_range(11.0..(hold.height() / 2.0).min(14.0));
        let tiers = (hold.height() / (2.0 * r)).floor().max(1.0) as i32;
        let mut cx = hold.x0 + r;
        while cx + r <= hold.x1 {
            for tier in 0..tiers {
                let cy = hold.floor - r - tier as f32 * 2.0 * r;
                canvas.ring(cx, cy, 2.0, r, 1.25);
            }
            cx += 2.0 * r + rng.random_range(0.0..1.0);
        }
    } else {
        let mut x = hold.x0;
        while x + 24.0 <= hold.x1 {
            let w = rng.random_range(24.0..32.0);
            let h = hold.height() * rng.random_range(0.5..0.9);
            canvas.rect(x, hold.floor - 3.0, w, 3.0, 0.4);
            canvas.rect(x, hold.floor - 3.0 - h, w, h, 1.35);
            x += w + rng.random_range(1.0..3.0);
        }
    }
}

fn vehicle_parts<R: Rng + ?Sized>(canvas: &mut Canvas, hold: Hold, rng: &mut R) {
    let mut x = hold.x0;
    while x + 24.0 <= hold.x1 {
        match rng.random_range(0..3) {
            0 => {
                let r = rng.random_range(10.0..13.0);
                let tiers = (hold.height() / (2.0 * r)).floor().max(1.0) as i32;
                for tier in 0..tiers {
                    let cy = hold.floor - r - tier as f32 * 2.0 * r;
                    canvas.ring(x + r, cy, r * 0.6, r, 0.6);
                    canvas.ring(x + r, cy, r * 0.8, r * 0.9, 0.7);
                }
                x += 2.0 * r + 1.0;
            }
            1 => {
                let (w, h) = (rng.random_range(22.0..30.0), rng.random_range(16.0..24.0));
                let top = hold.floor - h;
                canvas.rect(x, top, w, h, 1.8);
                for i in 0..4 {
                    canvas.ellipse(x + w * (0.2 + 0.2 * i as f32), top + h * 0.4, 2.5, 4.0, -0.9, false);
                }
                x += w + rng.random_range(2.0..5.0);
            }
            _ => {
                let r = rng.random_range(7.0..10.0);
                let mut cy = hold.floor - r;
                while cy - r > hold.top + hold.height() * 0.3 {
                    canvas.ring(x + r, cy, r * 0.35, r, 1.0);
                    cy -= 2.0 * r + 1.0;
                }
                x += 2.0 * r + 2.0;
            }
        }
    }
}
