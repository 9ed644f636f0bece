//! Non-intrusive inspection: the scanner renders the container's true contents and the image
//! model (if any) decides auto-clear or alarm.

use rand::{Rng, RngExt};

use super::consignment::Consignment;
use crate::detect::synth::ScannerSettings;
use crate::detect::{Detector, ScanImage};
use super::model::ScanKind;
use crate::sim::rng::stream;

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

/// Scores a scan; returns whether it alarms, and counts the verdict against the truth.
pub fn review_automatically(detector: &mut Detector, image: &ScanImage, consignment: &Consignment) -> Result<bool, String> {
    let scores = detector.score(&[image]).map_err(|e| e.to_string())?;
    let verdict = detector.decide(&scores[0], Some(consignment.lodged.declaration.goods));
    detector.record(&verdict, consignment.lodged.truth.contraband, consignment.lodged.misdeclared());
    Ok(verdict.is_alarm())
}
