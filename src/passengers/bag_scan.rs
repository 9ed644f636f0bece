//! Advance CT screening of a checked bag: the scanner renders the bag from what it truly
//! holds, the image model scores the image, its thresholds decide.

use crate::detect::synth::{BagContent, ScannerSettings};
use crate::detect::{DetectError, Detector, ThreatSet, Verdict};
use crate::sim::rng::{AgentRng, fnv1a, mix64};

/// Salt of the stream a bag's scan at a stage is drawn from.
const SCAN_SALT: u64 = 0x0c75_ca11;

/// Scans the bag with identity `seed` holding `contraband` at the stage named `stage`: packing, scanner gain and noise come from a stream of
/// the bag and the stage's name (its journey stream is left alone, and the same bag scanned at a
/// stage of the same name in another scenario looks the same), the model scores the rendered
/// image, and the decision is counted against what the bag holds.
pub fn screen(detector: &mut Detector, seed: u64, contraband: u8, stage: &str) -> Result<Verdict, DetectError> {
    let mut rng = AgentRng::new(mix64(seed ^ SCAN_SALT ^ fnv1a(stage.as_bytes())));
    let truth = ThreatSet::from_bits(contraband);
    let content = BagContent::packed(truth, &mut rng);
    let scanner = ScannerSettings::sample(&mut rng);
    let (image, _) = content.render(&scanner, &mut rng);
    let scores = detector.score(&[&image])?;
    let verdict = detector.decide(&scores[0], None);
    detector.record(&verdict, truth, false);
    Ok(verdict)
}
