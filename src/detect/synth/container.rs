//! Container scans: a 20-foot box seen from the side, 64 x 256 pixels.

use rand::{Rng, RngExt};

use super::canvas::Canvas;
use super::goods::{self, Hold};
use super::placement::{Placed, conceal};
use super::scanner::ScannerSettings;
use crate::detect::classes::{GoodsCategory, ThreatClass, ThreatSet};
use crate::detect::image::ScanImage;

/// Image width of a container scan (along the container).
pub const CONTAINER_WIDTH: usize = 256;
/// Image height of a container scan.
pub const CONTAINER_HEIGHT: usize = 64;

/// The beam crosses 2.4 m of cargo: attenuation drawn per unit of depth is multiplied by this.
const DEPTH: f32 = 1.6;

/// Inside of the box: first and end column, roof and floor rows.
const INSIDE: (f32, f32, f32, f32) = (4.0, 252.0, 4.0, 57.0);

/// What a container truly holds.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ContainerContent {
    /// Goods loaded ([`GoodsCategory::Empty`] for an empty box).
    pub goods: GoodsCategory,
    /// Share of the length that is loaded, `0..=1`.
    pub fill: f32,
    /// Concealed items.
    pub threats: ThreatSet,
    /// How well they are hidden, `0..=1`.
    pub difficulty: f32,
}

/// How contents are drawn when sampling at random.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContainerMix {
    /// Probability that a container is empty.
    pub empty: f64,
    /// Probability that a loaded container is only partly loaded.
    pub partial: f64,
    /// Probability of each threat class, independently.
    pub threat: f64,
}

impl Default for ContainerMix {
    /// The training and evaluation mix: 8% empty, 30% partial loads, each threat in 12% of containers.
    fn default() -> Self {
        Self {
            empty: 0.08,
            partial: 0.3,
            threat: 0.12,
        }
    }
}

impl ContainerContent {
    /// Draws a container's contents.
    pub fn sample<R: Rng + ?Sized>(mix: &ContainerMix, rng: &mut R) -> Self {
        let goods = if rng.random_bool(mix.empty) {
            GoodsCategory::Empty
        } else {
            GoodsCategory::ALL[rng.random_range(0..GoodsCategory::ALL.len() - 1)]
        };
        let fill = match goods {
            GoodsCategory::Empty => 0.0,
            _ if rng.random_bool(mix.partial) => rng.random_range(0.3..0.8),
            _ => rng.random_range(0.9..=1.0),
        };
        let threats = ThreatClass::CONTAINER.into_iter().filter(|_| rng.random_bool(mix.threat)).collect();
        Self {
            goods,
            fill,
            threats,
            difficulty: rng.random_range(0.0..=1.0),
        }
    }

    /// Renders the scan of these contents; also returns where each concealed item went.
    pub fn render<R: Rng + ?Sized>(&self, scanner: &ScannerSettings, rng: &mut R) -> (ScanImage, Vec<Placed>) {
        let mut canvas = Canvas::new(CONTAINER_WIDTH, CONTAINER_HEIGHT);
        let w = CONTAINER_WIDTH as f32;
        canvas.rect(0.0, 1.0, w, 3.0, 0.35);
        canvas.rect(0.0, 57.0, w, 5.0, 1.0);
        canvas.rect(0.0, 1.0, 4.0, 61.0, 0.9);
        canvas.rect(w - 4.0, 1.0, 4.0, 61.0, 0.9);
        let mut x = 6.0;
        while x < w - 6.0 {
            canvas.rect(x, 4.0, 1.0, 53.0, 0.05);
            x += 6.0;
        }
        let (x0, x1, top, floor) = INSIDE;
        let length = (x1 - x0) * self.fill;
        let (lx0, lx1) = if rng.random_bool(0.5) {
            (x0, x0 + length)
        } else {
            (x1 - length, x1)
        };
        let hold = Hold {
            x0: lx0,
            x1: lx1,
            top,
            floor,
        };
        goods::draw(&mut canvas, self.goods, hold, rng);
        let area = if self.goods == GoodsCategory::Empty || length < 20.0 {
            (x0 + 10.0, top + 6.0, x1 - 10.0, floor + 2.0)
        } else {
            (lx0 + 6.0, top + 8.0, lx1 - 6.0, floor - 4.0)
        };
        let placed = self
            .threats
            .iter()
            .map(|class| conceal(&mut canvas, class, area, 1.0, self.difficulty, rng))
            .collect();
        canvas.mu.iter_mut().for_each(|mu| *mu *= DEPTH);
        (scanner.expose(&canvas, rng), placed)
    }
}
