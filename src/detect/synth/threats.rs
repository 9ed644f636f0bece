//! Concealed items: each class with its own shape and attenuation.
//!
//! `scale` sizes the item in pixels (1 for a container scan), `strength`
//! scales its attenuation: better concealment means smaller, thinner items.

use rand::{Rng, RngExt};

use super::canvas::Canvas;
use crate::detect::classes::ThreatClass;

/// The box an item occupies around its centre, in pixels at `scale` 1: (width, height).
pub fn footprint(class: ThreatClass) -> (f32, f32) {
    match class {
        ThreatClass::Weapons => (30.0, 12.0),
        ThreatClass::Drugs => (18.0, 12.0),
        ThreatClass::Wildlife => (28.0, 12.0),
        ThreatClass::LiveAnimals => (22.0, 16.0),
        ThreatClass::Cash => (16.0, 12.0),
    }
}

/// Draws one item of `class` centred at `(cx, cy)`.
#[allow(clippy::too_many_arguments)]
pub fn draw<R: Rng + ?Sized>(canvas: &mut Canvas, class: ThreatClass, cx: f32, cy: f32, scale: f32, strength: f32, rng: &mut R) {
    match class {
        ThreatClass::Weapons => weapon(canvas, cx, cy, scale, strength, rng),
        ThreatClass::Drugs => drugs(canvas, cx, cy, scale, strength, rng),
        ThreatClass::Wildlife => wildlife(canvas, cx, cy, scale, strength, rng),
        ThreatClass::LiveAnimals => animals(canvas, cx, cy, scale, strength, rng),
        ThreatClass::Cash => cash(canvas, cx, cy, scale, strength, rng),
    }
}

/// A rifle or pistol at a random angle, or a box of cartridges.
fn weapon<R: Rng + ?Sized>(canvas: &mut Canvas, cx: f32, cy: f32, s: f32, k: f32, rng: &mut R) {
    let angle: f32 = rng.random_range(-0.5..0.5);
    let (dx, dy) = (angle.cos(), angle.sin());
    let (nx, ny) = (-dy, dx);
    match rng.random_range(0..3) {
        0 => {
            let len = 26.0 * s;
            let (x0, y0) = (cx - dx * len / 2.0, cy - dy * len / 2.0);
            canvas.segment(x0, y0, x0 + dx * len, y0 + dy * len, 1.6 * s, 1.4 * s, 2.6 * k);
            let (sx, sy) = (x0 + dx * len * 0.3, y0 + dy * len * 0.3);
            canvas.segment(x0, y0 + 1.5 * s, sx, sy + 1.5 * s, 4.0 * s, 3.0 * s, 1.0 * k);
            let (mx, my) = (x0 + dx * len * 0.45, y0 + dy * len * 0.45);
            canvas.segment(
                mx,
                my,
                mx + nx * 6.0 * s + dx * 2.0 * s,
                my + ny * 6.0 * s,
                2.2 * s,
                2.2 * s,
                2.2 * k,
            );
        }
        1 => {
            let len = 12.0 * s;
            let (x0, y0) = (cx - dx * len / 2.0, cy - dy * len / 2.0);
            canvas.segment(x0, y0, x0 + dx * len, y0 + dy * len, 3.0 * s, 3.0 * s, 2.8 * k);
            let (gx, gy) = (x0 + dx * len * 0.8, y0 + dy * len * 0.8);
            canvas.segment(
                gx,
                gy,
                gx + nx * 7.0 * s + dx * 2.0 * s,
                gy + ny * 7.0 * s,
                3.0 * s,
                3.4 * s,
                2.4 * k,
            );
        }
        _ => {
            let (w, h) = (14.0 * s, 9.0 * s);
            canvas.rect(cx - w / 2.0, cy - h / 2.0, w, h, 0.3 * k);
            let step = (2.5 * s).max(2.0);
            let mut y = cy - h / 2.0 + 1.0;
            while y + 1.0 < cy + h / 2.0 {
                let mut x = cx - w / 2.0 + 1.0;
                while x + 1.0 < cx + w / 2.0 {
                    canvas.rect(x, y, 1.0 * s.max(1.0), 1.0 * s.max(1.0), 2.4 * k);
                    x += step;
                }
                y += step;
            }
        }
    }
}

/// Wrapped bricks of an organic powder, packed tight.
fn drugs<R: Rng + ?Sized>(canvas: &mut Canvas, cx: f32, cy: f32, s: f32, k: f32, rng: &mut R) {
    let (bw, bh) = (8.0 * s, 5.0 * s);
    let (cols, rows) = (rng.random_range(1..=2), rng.random_range(1..=2));
    let (x0, y0) = (cx - cols as f32 * bw / 2.0, cy - rows as f32 * bh / 2.0);
    for r in 0..rows {
        for c in 0..cols {
            let (x, y) = (x0 + c as f32 * bw, y0 + r as f32 * bh);
            canvas.rect(x, y, bw - 0.5, bh - 0.5, 1.3 * k);
            canvas.frame(x, y, bw - 0.5, bh - 0.5, 1.0, 0.5 * k);
        }
    }
}

/// Tusks (tapered arcs) or a sack of scales.
fn wildlife<R: Rng + ?Sized>(canvas: &mut Canvas, cx: f32, cy: f32, s: f32, k: f32, rng: &mut R) {
    if rng.random_bool(0.6) {
        for i in 0..rng.random_range(2..=3) {
            let oy = cy + (i as f32 - 1.0) * 3.0 * s;
            let len = rng.random_range(20.0..26.0) * s;
            let bend = rng.random_range(3.0..5.0) * s;
            let steps = 6;
            for j in 0..steps {
                let (t0, t1) = (j as f32 / steps as f32, (j + 1) as f32 / steps as f32);
                let px = |t: f32| cx - len / 2.0 + t * len;
                let py = |t: f32| oy - bend * (1.0 - (2.0 * t - 1.0).powi(2));
                let th = |t: f32| (3.2 - 2.4 * t) * s;
                canvas.segment(px(t0), py(t0), px(t1), py(t1), th(t0), th(t1), 1.7 * k);
            }
        }
    } else {
        let (rx, ry) = (11.0 * s, 6.0 * s);
        canvas.ellipse(cx, cy, rx, ry, 0.25 * k, false);
        for _ in 0..rng.random_range(25..40) {
            let (a, r): (f32, f32) = (rng.random_range(0.0..std::f32::consts::TAU), rng.random_range(0.0..0.9));
            let (x, y) = (cx + a.cos() * r * rx, cy + a.sin() * r * ry);
            canvas.segment(x, y, x + 1.5 * s, y + 0.5 * s, 1.2 * s, 0.6 * s, 1.0 * k);
        }
    }
}

/// A cage of wire holding animals with bodies and bones.
fn animals<R: Rng + ?Sized>(canvas: &mut Canvas, cx: f32, cy: f32, s: f32, k: f32, rng: &mut R) {
    let (w, h) = (20.0 * s, 14.0 * s);
    let (x0, y0) = (cx - w / 2.0, cy - h / 2.0);
    canvas.frame(x0, y0, w, h, 1.0, 0.7 * k);
    let mut x = x0 + 3.0;
    while x < x0 + w - 1.0 {
        canvas.rect(x, y0, 0.8, h, 0.5 * k);
        x += 3.0 * s.max(0.7);
    }
    let n = rng.random_range(1..=2);
    for i in 0..n {
        let bx = x0 + w * (i as f32 + 0.5) / n as f32;
        let by = cy + rng.random_range(-1.0..1.0) * s;
        let (rx, ry) = (w / (2.4 * n as f32), 3.5 * s);
        canvas.ellipse(bx, by, rx, ry, 1.1 * k, true);
        canvas.ellipse(bx + rx, by - ry * 0.8, 2.2 * s, 2.0 * s, 0.8 * k, true);
        canvas.segment(bx - rx * 0.8, by, bx + rx * 0.8, by - 0.5, 0.9, 0.9, 1.0 * k);
        for leg in [-0.5f32, 0.5] {
            let lx = bx + leg * rx;
            canvas.segment(
                lx,
                by + ry * 0.6,
                lx + rng.random_range(-1.5..1.5),
                by + ry + 3.0 * s,
                1.0,
                0.8,
                0.8 * k,
            );
        }
    }
}

/// Bundles of banknotes or of undeclared small goods, neatly stacked.
fn cash<R: Rng + ?Sized>(canvas: &mut Canvas, cx: f32, cy: f32, s: f32, k: f32, rng: &mut R) {
    let (bw, bh) = (12.0 * s, 2.0 * s);
    let n = rng.random_range(3..=5);
    let y0 = cy - n as f32 * bh / 2.0;
    for i in 0..n {
        let y = y0 + i as f32 * (bh + 0.5);
        canvas.rect(cx - bw / 2.0, y, bw, bh, 0.9 * k);
        canvas.rect(cx - 1.0, y, 2.0, bh, 0.6 * k);
    }
}
