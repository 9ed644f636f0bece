//! Concealment: where a smuggler puts an item, and how well it is hidden.

use rand::{Rng, RngExt};

use super::canvas::Canvas;
use super::threats;
use crate::detect::classes::ThreatClass;

/// Where an item was hidden: its class and the box it occupies, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// The item's class.
    pub class: ThreatClass,
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// Positions a smuggler weighs before hiding one item.
const CANDIDATES: usize = 8;

/// Hides one item of `class` in the box `(x0, y0)..(x1, y1)` (centres), at concealment
/// `difficulty` in `0..=1`: the harder, the denser the spot chosen among a few
/// candidates, and the smaller and thinner the item. Returns where it went.
#[allow(clippy::too_many_arguments)]
pub fn conceal<R: Rng + ?Sized>(
    canvas: &mut Canvas,
    class: ThreatClass,
    area: (f32, f32, f32, f32),
    base_scale: f32,
    difficulty: f32,
    rng: &mut R,
) -> Placed {
    let (x0, y0, x1, y1) = area;
    let scale = base_scale * (1.0 - 0.3 * difficulty) * rng.random_range(0.9..1.1);
    let strength = 1.0 - 0.5 * difficulty;
    let (fw, fh) = threats::footprint(class);
    let (fw, fh) = (fw * scale, fh * scale);
    let mut spots: Vec<(f32, f32, f32)> = (0..CANDIDATES)
        .map(|_| {
            let cx = rng.random_range(x0..x1.max(x0 + 1.0));
            let cy = rng.random_range(y0..y1.max(y0 + 1.0));
            (canvas.mean_in(cx - fw / 2.0, cy - fh / 2.0, fw, fh), cx, cy)
        })
        .collect();
    spots.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pick = ((difficulty * (CANDIDATES - 1) as f32).round() as usize).min(CANDIDATES - 1);
    let (_, cx, cy) = spots[pick];
    if class == ThreatClass::Drugs && rng.random_bool(0.5) {
        canvas.scale_in(cx - fw / 2.0, cy - fh / 2.0, fw, fh, 0.5);
    }
    threats::draw(canvas, class, cx, cy, scale, strength, rng);
    Placed {
        class,
        x: cx - fw / 2.0,
        y: cy - fh / 2.0,
        width: fw,
        height: fh,
    }
}
