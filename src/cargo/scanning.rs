//! Non-intrusive inspection: the scanner renders the container's true contents and the image
//! model (if any) decides auto-clear or alarm.

use rand::{Rng, RngExt};

use super::consignment::{Consignment, Lodged};
use super::model::{ImageSource, ScanKind};
use crate::cargo::clearance::declaration::typical_density;
use crate::detect::manifest::InputSpec;
use crate::detect::classes::ThreatClass;
use crate::detect::physics::contrast;
use crate::detect::physics::model_scan::{ModelScan, ModelScanner};
use crate::detect::physics::portal::Scene;
use crate::detect::synth::ScannerSettings;
use crate::detect::{Detector, ScanImage, ScanReader, Verdict};
use crate::sim::rng::stream;

/// Bands of an operating-point table for cargo, by the bulk density of the goods (kg/m³):
/// `light` under 300, `medium` 300–500, `dense` from 500 (the generator's typical densities
/// put electronics, textiles, furniture, plastics and empty boxes in `light`, food,
/// machinery and vehicle parts in `medium`, chemicals, paper and metal products in `dense`).
pub const DENSITY_BANDS: [&str; 3] = ["light", "medium", "dense"];

/// The density band of a consignment's true goods.
pub fn density_band(consignment: &Consignment) -> &'static str {
    let density = typical_density(consignment.lodged.truth.goods);
    if density < 300.0 {
        DENSITY_BANDS[0]
    } else if density < 500.0 {
        DENSITY_BANDS[1]
    } else {
        DENSITY_BANDS[2]
    }
}

/// Reads scan number `consignment.scans` of a consignment: a model scores the rendered image
/// (synthetic, or physics at the model's input spec through `portal`, built on first use), or a
/// table decides (stream `cargo/table/<truck>/<n>`, no image rendered); returns the verdict,
/// counted against the truth, and the contrast-to-noise of each hidden item in view (physics
/// scans only; see [`contrast::hidden_items`]).
pub fn read(
    reader: &mut ScanReader,
    portal: &mut Option<ModelScanner>,
    seed: u64,
    (kind, source): (ScanKind, ImageSource),
    consignment: &Consignment,
) -> Result<(Verdict, Vec<(ThreatClass, f64)>), String> {
    match reader {
        ScanReader::Model { detector, name } => {
            let (image, contrast) = match source {
                ImageSource::Synthetic => (render(seed, kind, consignment), Vec::new()),
                ImageSource::Physics => {
                    let scan = render_physics(detector, name, portal, seed, consignment)?;
                    let channels = portal.as_ref().map(|p| p.spec.channels.clone()).unwrap_or_default();
                    let contrast = contrast::hidden_items(&scan, &channels);
                    (scan.image, contrast)
                }
            };
            Ok((review_automatically(detector, &image, consignment)?, contrast))
        }
        ScanReader::Table(table) => {
            let lodged = &consignment.lodged;
            let mut rng = stream(seed, &format!("cargo/table/{}/{}", lodged.index, consignment.scans));
            let verdict = table.decide(lodged.truth.contraband, density_band(consignment), Some(lodged.misdeclared()), &mut rng);
            Ok((verdict, Vec::new()))
        }
    }
}

/// How a scanner type's images look: gain and noise ranges (within the range the image
/// model was trained on). A gantry with the driver out takes the cleanest image; a portal the
/// truck drives through, a mobile unit and a ship-side scanner under a moving crane noisier ones.
pub fn settings<R: Rng + ?Sized>(kind: ScanKind, rng: &mut R) -> ScannerSettings {
    let (gain, noise) = match kind {
        ScanKind::Gantry => (0.9..1.1, 0.01..0.025),
        ScanKind::DriveThrough => (0.85..1.15, 0.015..0.04),
        ScanKind::Mobile => (0.85..1.15, 0.015..0.04),
        ScanKind::ShipSide => (0.85..1.15, 0.02..0.04),
    };
    ScannerSettings {
        gain: rng.random_range(gain),
        noise: rng.random_range(noise),
    }
}

/// Renders scan number `consignment.scans` of a consignment (stream `cargo/scan/<truck>/<n>`).
pub fn render(seed: u64, kind: ScanKind, consignment: &Consignment) -> ScanImage {
    let mut rng = stream(seed, &format!("cargo/scan/{}/{}", consignment.lodged.index, consignment.scans));
    let scanner = settings(kind, &mut rng);
    consignment.lodged.content.render(&scanner, &mut rng).0
}

/// Renders scan number `consignment.scans` of a consignment from physics at the model's
/// `input` spec through `portal` (built on first use); see [`physics_scan`].
pub fn render_physics(
    detector: &Detector,
    name: &str,
    portal: &mut Option<ModelScanner>,
    seed: u64,
    consignment: &Consignment,
) -> Result<ModelScan, String> {
    if portal.is_none() {
        let (input, width, height) = physics_input(detector, name)?;
        *portal = Some(ModelScanner::new(input, width, height).map_err(|e| e.to_string())?);
    }
    let scanner = portal.as_ref().ok_or("no portal")?;
    physics_scan(scanner, seed, &consignment.lodged, consignment.scans)
}

/// Scan number `scan` of the truck `lodged` from physics (stream `cargo/physics/<truck>/<n>`):
/// the truck's true contents at a drive-through portal, at the pixel size, channels and
/// encoding of `scanner`'s spec. The goods weigh the declared weight, less the 15 % the
/// generator adds for contraband (the hidden items bring their own mass). The loop and
/// `porttwin dataset container --physics --input` both scan through here.
pub fn physics_scan(scanner: &ModelScanner, seed: u64, lodged: &Lodged, scan: u32) -> Result<ModelScan, String> {
    let mut rng = stream(seed, &format!("cargo/physics/{}/{scan}", lodged.index));
    let contraband = lodged.truth.contraband;
    let goods_kg = lodged.declaration.weight_kg / if contraband.is_empty() { 1.0 } else { 1.15 };
    let scene = Scene::build(lodged.truth.goods, goods_kg, lodged.declaration.volume_m3, contraband, &mut rng)
        .map_err(|e| format!("truck {}: {e}", lodged.index))?;
    Ok(scanner.scan(scene, &mut rng))
}

/// The `input` spec of the model `name` and its input's width and height (per channel), if
/// the cargo scan reader can feed it physics scans: an input shaped `[-1, channels, height,
/// width]` with one channel per channel of the spec.
pub fn physics_input<'a>(detector: &'a Detector, name: &str) -> Result<(&'a InputSpec, usize, usize), String> {
    let spec = detector.spec();
    let input = spec
        .input
        .as_ref()
        .ok_or_else(|| format!("model `{name}` has no `input` spec in its manifest entry, so it cannot read physics scans"))?;
    let shape = spec.inputs.first().map(|t| t.shape.clone()).unwrap_or_default();
    let [_, channels, height, width] = shape[..] else {
        return Err(format!("model `{name}`: a physics scan needs an input shaped [-1, channels, height, width]"));
    };
    if channels != input.channels.len() as i64 {
        return Err(format!(
            "model `{name}`: its input has {channels} channels but its `input` spec lists {}",
            input.channels.len()
        ));
    }
    Ok((input, width.max(1) as usize, height.max(1) as usize))
}

/// Scores a scan; returns the verdict, counted against the truth.
pub fn review_automatically(detector: &mut Detector, image: &ScanImage, consignment: &Consignment) -> Result<Verdict, String> {
    let scores = detector.score(&[image]).map_err(|e| e.to_string())?;
    let verdict = detector.decide(&scores[0], Some(consignment.lodged.declaration.goods));
    detector.record(&verdict, consignment.lodged.truth.contraband, consignment.lodged.misdeclared());
    Ok(verdict)
}
