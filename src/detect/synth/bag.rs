//! Bag scans: a suitcase or backpack seen from above, 64 x 64 pixels.

use rand::{Rng, RngExt};

use super::canvas::Canvas;
use super::placement::{Placed, conceal};
use super::scanner::ScannerSettings;
use crate::detect::classes::{ThreatClass, ThreatSet};
use crate::detect::image::ScanImage;

/// Image side of a bag scan.
pub const BAG_SIZE: usize = 64;

/// What a bag truly holds beyond ordinary belongings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BagContent {
    /// Concealed items.
    pub threats: ThreatSet,
    /// How well they are hidden, `0..=1`.
    pub difficulty: f32,
    /// Number of ordinary items (clutter).
    pub items: u8,
}

impl BagContent {
    /// Draws a bag's contents: each threat class with probability `threat`.
    pub fn sample<R: Rng + ?Sized>(threat: f64, rng: &mut R) -> Self {
        let threats = ThreatClass::BAG.into_iter().filter(|_| rng.random_bool(threat)).collect();
        Self::packed(threats, rng)
    }

    /// A bag holding `threats`, packed at random: how well they are hidden, how much clutter.
    pub fn packed<R: Rng + ?Sized>(threats: ThreatSet, rng: &mut R) -> Self {
        Self {
            threats,
            difficulty: rng.random_range(0.0..=1.0),
            items: rng.random_range(3..=9),
        }
    }

    /// Renders the scan of this bag; also returns where each concealed item went.
    pub fn render<R: Rng + ?Sized>(&self, scanner: &ScannerSettings, rng: &mut R) -> (ScanImage, Vec<Placed>) {
        let mut canvas = Canvas::new(BAG_SIZE, BAG_SIZE);
        let (w, h) = (rng.random_range(44.0..58.0f32), rng.random_range(36.0..54.0f32));
        let (x0, y0) = ((64.0 - w) / 2.0, (64.0 - h) / 2.0);
        canvas.frame(x0, y0, w, h, 1.5, 0.5);
        canvas.rect(x0 + 1.5, y0 + 1.5, w - 3.0, h - 3.0, 0.1);
        if rng.random_bool(0.7) {
            canvas.segment(x0 + 4.0, y0 + 2.0, x0 + 4.0, y0 + h - 2.0, 1.5, 1.5, 1.4);
            canvas.segment(x0 + w - 4.0, y0 + 2.0, x0 + w - 4.0, y0 + h - 2.0, 1.5, 1.5, 1.4);
            for (cx, cy) in [(x0 + 3.0, y0 + h - 3.0), (x0 + w - 3.0, y0 + h - 3.0)] {
                canvas.ellipse(cx, cy, 2.5, 2.5, 1.8, true);
            }
        }
        canvas.segment(x0 + w * 0.35, y0 + 1.0, x0 + w * 0.65, y0 + 1.0, 2.0, 2.0, 0.8);
        let inner = (x0 + 4.0, y0 + 4.0, x0 + w - 4.0, y0 + h - 4.0);
        for _ in 0..self.items {
            belonging(&mut canvas, inner, rng);
        }
        let placed = self
            .threats
            .iter()
            .map(|class| conceal(&mut canvas, class, inner, 1.2, self.difficulty, rng))
            .collect();
        (scanner.expose(&canvas, rng), placed)
    }
}

/// One ordinary item: clothes, shoes, a laptop, a bottle, a book, a charger or an umbrella.
fn belonging<R: Rng + ?Sized>(canvas: &mut Canvas, area: (f32, f32, f32, f32), rng: &mut R) {
    let (x0, y0, x1, y1) = area;
    let cx = rng.random_range(x0..x1);
    let cy = rng.random_range(y0..y1);
    match rng.random_range(0..7) {
        0 => {
            let (w, h) = (rng.random_range(14.0..30.0), rng.random_range(10.0..22.0));
            canvas.rect(cx - w / 2.0, cy - h / 2.0, w, h, rng.random_range(0.2..0.45));
            canvas.rect(cx - w / 2.0, cy, w, 1.0, 0.15);
        }
        1 => {
            for dy in [-3.5f32, 3.5] {
                canvas.ellipse(cx, cy + dy, 8.0, 3.0, 0.6, true);
                canvas.segment(cx - 7.0, cy + dy + 2.5, cx + 7.0, cy + dy + 2.5, 1.0, 1.0, 0.5);
            }
        }
        2 => {
            let (w, h) = (rng.random_range(20.0..28.0), rng.random_range(13.0..18.0));
            canvas.rect(cx - w / 2.0, cy - h / 2.0, w, h, 0.7);
            canvas.rect(cx - w / 2.0 + 2.0, cy + h / 2.0 - 5.0, w * 0.4, 3.0, 1.2);
            for _ in 0..4 {
                canvas.rect(
                    cx + rng.random_range(-w / 2.0..w / 2.0 - 1.0),
                    cy + rng.random_range(-h / 2.0..0.0),
                    1.0,
                    1.0,
                    0.8,
                );
            }
        }
        3 => {
            let (w, h) = (rng.random_range(4.0..7.0), rng.random_range(10.0..16.0));
            canvas.drum(cx - w / 2.0, cy - h / 2.0, w, h, rng.random_range(0.6..0.9));
            canvas.rect(cx - 1.0, cy - h / 2.0 - 2.0, 2.0, 2.0, 0.6);
        }
        4 => {
            let (w, h) = (rng.random_range(10.0..16.0), rng.random_range(14.0..20.0));
            canvas.rect(cx - w / 2.0, cy - h / 2.0, w, h, rng.random_range(0.8..1.1));
        }
        5 => {
            canvas.rect(cx - 2.0, cy - 2.0, 4.0, 4.0, 1.3);
            let (ex, ey) = (cx + rng.random_range(-12.0..12.0), cy + rng.random_range(-12.0..12.0));
            canvas.segment(cx, cy, ex, ey, 0.8, 0.8, 0.9);
        }
        _ => {
            let len = rng.random_range(20.0..30.0);
            canvas.segment(cx - len / 2.0, cy, cx + len / 2.0, cy + rng.random_range(-4.0..4.0), 1.5, 1.0, 1.1);
            canvas.segment(cx - len / 2.0, cy + 1.5, cx + len / 2.0, cy + 2.5, 2.5, 2.5, 0.3);
        }
    }
}
