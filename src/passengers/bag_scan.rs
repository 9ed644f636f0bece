//! Screening one bag: the scanner renders the bag from what it truly holds and the image model
//! scores the image against its thresholds, or an operating-point table decides.

use crate::detect::synth::{BagContent, ScannerSettings};
use crate::detect::{DetectError, ScanReader, ThreatSet, Verdict};
use crate::sim::rng::{AgentRng, fnv1a, mix64};

/// Salt of the stream a bag's scan at a stage is drawn from.
const SCAN_SALT: u64 = 0x0c75_ca11;

/// Bands of an operating-point table for bags, by how deliberately the item is hidden among the
/// belongings: `plain` (concealment difficulty under 0.5) and `hidden` (from 0.5), as PIDray
/// splits its test set into easy and hidden items (Wang et al., ICCV 2021).
pub const BAG_BANDS: [&str; 2] = ["plain", "hidden"];

/// The band of a bag whose concealment difficulty is `difficulty`.
pub fn concealment_band(difficulty: f32) -> &'static str {
    if difficulty < 0.5 { BAG_BANDS[0] } else { BAG_BANDS[1] }
}

/// Scans the bag with identity `seed` holding `contraband` at the stage named `stage`: packing,
/// scanner gain and noise come from a stream of the bag and the stage's name (its journey stream
/// is left alone, and the same bag scanned at a stage of the same name in another scenario looks
/// the same); the model scores the rendered image, or the table decides from the packing's
/// concealment band (no image rendered); the decision is counted against what the bag holds.
pub fn screen(reader: &mut ScanReader, seed: u64, contraband: u8, stage: &str) -> Result<Verdict, DetectError> {
    let mut rng = AgentRng::new(mix64(seed ^ SCAN_SALT ^ fnv1a(stage.as_bytes())));
    let truth = ThreatSet::from_bits(contraband);
    let content = BagContent::packed(truth, &mut rng);
    match reader {
        ScanReader::Model { detector, .. } => {
            let scanner = ScannerSettings::sample(&mut rng);
            let (image, _) = content.render(&scanner, &mut rng);
            let scores = detector.score(&[&image])?;
            let verdict = detector.decide(&scores[0], None);
            detector.record(&verdict, truth, false);
            Ok(verdict)
        }
        ScanReader::Table(table) => Ok(table.decide(truth, concealment_band(content.difficulty), None, &mut rng)),
    }
}
