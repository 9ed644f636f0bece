//! A portal scan as a model reads it: the drive-through portal binned to the pixel size of a
//! manifest entry's `input` spec, the view cut to the model's input width and height, and the
//! channels encoded as the spec says. The cargo domain's `image: Physics` scans and `porttwin
//! dataset container --physics --input` both go through [`ModelScanner::scan`], so what a model
//! is trained on is what it is served.

use rand::Rng;

use super::error::PhysicsError;
use super::portal::{Scene, binned, encode_input};
use super::projection::View;
use super::scanner::{LinacPortal, Scanner};
use super::test_objects::steel_penetration;
use crate::detect::image::ScanImage;
use crate::detect::manifest::{InputChannel, InputSpec};

/// The default portal binned to an input spec, with the input's size.
#[derive(Debug)]
pub struct ModelScanner {
    /// The spec the scans follow.
    pub spec: InputSpec,
    /// Input width, pixels along travel.
    pub width: usize,
    /// Input height, pixels up (per channel).
    pub height: usize,
    scanner: Scanner,
}

/// One scan at a model's input spec.
#[derive(Debug, Clone)]
pub struct ModelScan {
    /// The truck and what it carries.
    pub scene: Scene,
    /// The view scanned (pixel coordinates of the input).
    pub view: View,
    /// The input: the channels' planes stacked top to bottom (`height` rows each), 8-bit.
    pub image: ScanImage,
}

impl ModelScanner {
    /// The default portal (6/3.5 MV at 2 m/s, 800 Hz interlaced) binned to `spec.pixel_mm`,
    /// scanning `width` x `height` pixels centred on the container.
    pub fn new(spec: &InputSpec, width: usize, height: usize) -> Result<ModelScanner, PhysicsError> {
        Ok(ModelScanner {
            spec: spec.clone(),
            width,
            height,
            scanner: binned(&LinacPortal::default(), spec.pixel_mm).scanner()?,
        })
    }

    /// Scans `scene` (the material channel is classified only where the spec asks for it).
    pub fn scan<R: Rng + ?Sized>(&self, scene: Scene, rng: &mut R) -> ModelScan {
        let view = scene.model_view(&self.spec, self.width, self.height);
        let image = self.scanner.scan(&scene.solids(), &view, rng);
        let classes = self
            .spec
            .channels
            .contains(&InputChannel::Material)
            .then(|| self.scanner.materials(&image));
        let values = encode_input(&self.spec, &image, classes.as_deref());
        let image = ScanImage {
            width: self.width,
            height: self.height * self.spec.channels.len(),
            pixels: values.iter().map(|v| (v * 255.0).round().clamp(0.0, 255.0) as u8).collect(),
        };
        ModelScan { scene, view, image }
    }

    /// Steel penetration of this binned portal, mm: the thickest of 200–600 mm steel steps (50 mm
    /// apart) behind which a 200 mm lead block is visible by Rose's criterion (the step wedge of
    /// [`steel_penetration`]; a fixed stream, so a property of the scanner, not of a run).
    pub fn steel_penetration_mm(&self) -> Option<f64> {
        let steps: Vec<f64> = (0..9).map(|i| 200.0 + 50.0 * f64::from(i)).collect();
        let mut rng = crate::sim::rng::stream(0, "physics/realism/steel-penetration");
        steel_penetration(&self.scanner, &steps, 200.0, 200.0, &mut rng).0
    }
}

/// The input spec of the shipped `xray_container_physics` model (16 × 32 mm, high and low
/// energy, attenuation to 10), for tests that scan as it does.
#[cfg(test)]
pub(crate) fn container_physics_input() -> InputSpec {
    use crate::detect::manifest::{InputEncoding, Tiling};
    InputSpec {
        pixel_mm: (16.0, 32.0),
        channels: vec![InputChannel::High, InputChannel::Low],
        encoding: InputEncoding::Attenuation8 { max: 10.0 },
        tiling: Tiling::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::classes::{GoodsCategory, ThreatSet};
    use crate::sim::rng::stream;

    #[test]
    fn channels_are_stacked_planes_and_a_loaded_box_does_not_saturate_at_mu_10() {
        let spec = container_physics_input();
        let scanner = ModelScanner::new(&spec, 384, 88).unwrap();
        let mut rng = stream(1, "t");
        let scene = Scene::build(GoodsCategory::Foodstuffs, 16_000.0, 30.0, ThreatSet::NONE, &mut rng).unwrap();
        let scan = scanner.scan(scene, &mut rng);
        assert_eq!((scan.image.width, scan.image.height), (384, 176));
        let (high, low) = scan.image.pixels.split_at(384 * 88);
        // The low-energy plane attenuates more than the high one.
        let sum = |p: &[u8]| p.iter().map(|&v| u64::from(v)).sum::<u64>();
        assert!(sum(low) < sum(high), "{} vs {}", sum(low), sum(high));
        // 16 t of food is dark but not black at the high energy.
        let black = high.iter().filter(|&&v| v == 0).count();
        assert!(black < high.len() / 50, "{black} black pixels");
    }
}
