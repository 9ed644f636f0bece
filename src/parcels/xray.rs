//! The belt X-ray: a parcel seen from above, 48 x 48 pixels, rendered from what it truly holds
//! (its goods, and an item hidden among them) through the detection machinery's attenuation
//! canvas, concealment and scanner model.

use rand::{Rng, RngExt};

use super::item::ParcelContent;
use crate::detect::GoodsCategory;
use crate::detect::image::ScanImage;
use crate::detect::synth::canvas::Canvas;
use crate::detect::synth::placement::conceal;
use crate::detect::synth::{Placed, ScannerSettings};

/// Image side of a parcel scan.
pub const PARCEL_SIZE: usize = 48;

/// Size of a hidden item relative to a container scan's (parcels are small and seen closer).
const HIDDEN_SCALE: f32 = 0.5;
/// Attenuation relative to the canvas's shapes: a parcel belt X-ray works at a lower energy
/// than a cargo scanner (around 160 kV against MV linacs), so light goods show more contrast.
const CONTRAST: f32 = 2.0;

/// A belt X-ray's settings for one scan: gain within ±10%, photon noise 1–3% of full scale
/// (within the range the parcel image model is trained on).
pub fn belt_settings<R: Rng + ?Sized>(rng: &mut R) -> ScannerSettings {
    ScannerSettings {
        gain: rng.random_range(0.9..1.1),
        noise: rng.random_range(0.01..0.03),
    }
}

impl ParcelContent {
    /// Renders the scan of this parcel; also returns where the hidden item went.
    pub fn render<R: Rng + ?Sized>(&self, scanner: &ScannerSettings, rng: &mut R) -> (ScanImage, Vec<Placed>) {
        let mut canvas = Canvas::new(PARCEL_SIZE, PARCEL_SIZE);
        let size = PARCEL_SIZE as f32;
        let (w, h) = (rng.random_range(28.0..44.0f32), rng.random_range(24.0..42.0f32));
        let (x0, y0) = (rng.random_range(1.0..(size - w).max(1.5)), rng.random_range(1.0..(size - h).max(1.5)));
        let inner = (x0 + 5.0, y0 + 5.0, x0 + w - 5.0, y0 + h - 5.0);
        let mut goods = Canvas::new(PARCEL_SIZE, PARCEL_SIZE);
        for _ in 0..self.pieces {
            piece(&mut goods, self.goods, inner, rng);
        }
        let placed = self
            .hidden
            .map(|class| conceal(&mut goods, class, inner, HIDDEN_SCALE, self.difficulty, rng))
            .into_iter()
            .collect();
        // Nothing sticks out of the box.
        for y in 0..PARCEL_SIZE {
            for x in 0..PARCEL_SIZE {
                let (cx, cy) = (x as f32 + 0.5, y as f32 + 0.5);
                if cx >= x0 && cx < x0 + w && cy >= y0 && cy < y0 + h {
                    canvas.mu[y * PARCEL_SIZE + x] = goods.mu[y * PARCEL_SIZE + x];
                }
            }
        }
        canvas.frame(x0, y0, w, h, 1.0, 0.15);
        canvas.mu.iter_mut().for_each(|mu| *mu *= CONTRAST);
        (scanner.expose(&canvas, rng), placed)
    }
}

/// One piece of `goods` somewhere in `area` (centres): each category with its own shapes and
/// densities, so the image shows what kind of goods the parcel holds.
fn piece<R: Rng + ?Sized>(canvas: &mut Canvas, goods: GoodsCategory, area: (f32, f32, f32, f32), rng: &mut R) {
    let (x0, y0, x1, y1) = area;
    let cx = rng.random_range(x0..x1.max(x0 + 1.0));
    let cy = rng.random_range(y0..y1.max(y0 + 1.0));
    match goods {
        GoodsCategory::Electronics => {
            let (w, h) = (rng.random_range(6.0..12.0), rng.random_range(10.0..16.0));
            canvas.rect(cx - w / 2.0, cy - h / 2.0, w, h, 0.45);
            canvas.rect(cx - w / 2.0 + 1.0, cy - h / 2.0 + 1.0, w - 2.0, h * 0.4, 0.9);
            for _ in 0..3 {
                canvas.rect(cx + rng.random_range(-w / 2.0..w / 2.0 - 1.0), cy + rng.random_range(0.0..h / 2.0 - 1.0), 1.0, 1.0, 1.0);
            }
            let (ex, ey) = (cx + rng.random_range(-10.0..10.0), cy + rng.random_range(-10.0..10.0));
            canvas.segment(cx, cy + h / 2.0, ex, ey, 0.8, 0.8, 0.6);
        }
        GoodsCategory::Textiles => {
            let (w, h) = (rng.random_range(12.0..22.0), rng.random_range(8.0..16.0));
            canvas.rect(cx - w / 2.0, cy - h / 2.0, w, h, rng.random_range(0.2..0.35));
            let mut fy = cy - h / 2.0 + 1.5;
            while fy < cy + h / 2.0 - 1.0 {
                canvas.rect(cx - w / 2.0, fy, w, 1.0, 0.12);
                fy += rng.random_range(2.0..4.0);
            }
        }
        GoodsCategory::PlasticsToys => {
            let (rx, ry) = (rng.random_range(2.0..5.0), rng.random_range(2.0..5.0));
            if rng.random_bool(0.5) {
                canvas.ellipse(cx, cy, rx, ry, rng.random_range(0.15..0.3), false);
            } else {
                canvas.frame(cx - rx, cy - ry, 2.0 * rx, 2.0 * ry, 1.0, rng.random_range(0.2..0.35));
            }
        }
        GoodsCategory::Chemicals => {
            let (w, h) = (rng.random_range(4.0..7.0), rng.random_range(8.0..13.0));
            canvas.drum(cx - w / 2.0, cy - h / 2.0, w, h, rng.random_range(0.7..1.0));
            canvas.rect(cx - 1.0, cy - h / 2.0 - 2.0, 2.0, 2.0, 0.8);
        }
        GoodsCategory::Furniture => {
            let len = rng.random_range(10.0..20.0);
            let angle: f32 = rng.random_range(0.0..std::f32::consts::PI);
            let (dx, dy) = (angle.cos() * len / 2.0, angle.sin() * len / 2.0);
            canvas.segment(cx - dx, cy - dy, cx + dx, cy + dy, 2.5, 2.5, 0.3);
            canvas.ellipse(cx + dx, cy + dy, 3.0, 3.0, 0.2, false);
        }
        GoodsCategory::MetalProducts => {
            if rng.random_bool(0.5) {
                let len = rng.random_range(8.0..16.0);
                let (ex, ey) = (cx + rng.random_range(-len..len), cy + rng.random_range(-4.0..4.0));
                canvas.segment(cx, cy, ex, ey, 1.2, 1.8, 1.8);
            } else {
                let r = rng.random_range(2.0..4.0);
                canvas.ring(cx, cy, r * 0.6, r, 1.6);
            }
        }
        GoodsCategory::Paper => {
            let (w, h) = (rng.random_range(8.0..14.0), rng.random_range(10.0..16.0));
            canvas.rect(cx - w / 2.0, cy - h / 2.0, w, h, rng.random_range(0.9..1.2));
            canvas.rect(cx - w / 2.0, cy - h / 2.0, 1.0, h, 0.4);
        }
        GoodsCategory::Foodstuffs => {
            let r = rng.random_range(3.0..5.0);
            canvas.ellipse(cx, cy, r, r, 0.5, false);
            canvas.ring(cx, cy, r - 0.8, r, 0.3);
        }
        GoodsCategory::VehicleParts => {
            let r = rng.random_range(4.0..7.0);
            canvas.ring(cx, cy, r * 0.35, r, 1.4);
            canvas.ring(cx, cy, r * 0.7, r * 0.8, 0.6);
        }
        GoodsCategory::Machinery => {
            let (w, h) = (rng.random_range(10.0..16.0), rng.random_range(8.0..12.0));
            canvas.frame(cx - w / 2.0, cy - h / 2.0, w, h, 1.5, 1.1);
            let r = rng.random_range(2.0..3.5);
            canvas.ring(cx, cy, r * 0.5, r, 1.5);
        }
        GoodsCategory::Empty => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::ThreatClass;
    use crate::sim::rng::stream;

    #[test]
    fn a_scan_is_parcel_sized_seeded_and_shows_what_is_hidden() {
        let content = ParcelContent {
            goods: GoodsCategory::Textiles,
            hidden: Some(ThreatClass::Weapons),
            difficulty: 0.2,
            pieces: 3,
        };
        let scanner = ScannerSettings { gain: 1.0, noise: 0.02 };
        let (a, placed) = content.render(&scanner, &mut stream(4, "parcels/test"));
        let (b, _) = content.render(&scanner, &mut stream(4, "parcels/test"));
        assert_eq!(a, b);
        assert_eq!((a.width, a.height), (PARCEL_SIZE, PARCEL_SIZE));
        assert_eq!(placed.len(), 1);
        let clean = ParcelContent { hidden: None, ..content };
        let (c, _) = clean.render(&scanner, &mut stream(4, "parcels/test"));
        let darkest = |i: &ScanImage| *i.pixels.iter().min().unwrap();
        assert!(darkest(&a) < darkest(&c), "metal parts are darker than clothes");
    }
}
