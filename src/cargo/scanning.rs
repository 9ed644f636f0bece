//! Non-intrusive inspection: the scanner renders the container's true contents and the image
//! model (if any) decides auto-clear or alarm.

use rand::{Rng, RngExt};

use super::consignment::Consignment;
use super::model::ScanKind;
use crate::cargo::clearance::declaration::typical_density;
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

/// Reads scan number `consignment.scans` of a consignment: a model scores the rendered image,
/// or a table decides (stream `cargo/table/<truck>/<n>`, no image rendered); returns the
/// verdict, counted against the truth.
pub fn read(reader: &mut ScanReader, seed: u64, kind: ScanKind, consignment: &Consignment) -> Result<Verdict, String> {
    match reader {
        ScanReader::Model { detector, .. } => {
            let image = render(seed, kind, consignment);
            review_automatically(detector, &image, consignment)
        }
        ScanReader::Table(table) => {
            let lodged = &consignment.lodged;
            let mut rng = stream(seed, &format!("cargo/table/{}/{}", lodged.index, consignment.scans));
            Ok(table.decide(lodged.truth.contraband, density_band(consignment), Some(lodged.misdeclared()), &mut rng))
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

/// Scores a scan; returns the verdict, counted against the truth.
pub fn review_automatically(detector: &mut Detector, image: &ScanImage, consignment: &Consignment) -> Result<Verdict, String> {
    let scores = detector.score(&[image]).map_err(|e| e.to_string())?;
    let verdict = detector.decide(&scores[0], Some(consignment.lodged.declaration.goods));
    detector.record(&verdict, consignment.lodged.truth.contraband, consignment.lodged.misdeclared());
    Ok(verdict)
}
