//! Bag-scan stages: one detector per stage; an alarm flags the bag and its owner
//! (`bag_flagged`), so the owner's route can send them to a search.

use super::bag_scan::screen;
use super::model::PassengerCheck;
use crate::detect::{Detector, ThreatSet, Verdict, models_dir, shared_model};
use crate::sim::error::RunError;

/// A detector for each bag-scan stage, by stage id; the models are loaded (once per process)
/// here.
pub(super) fn stage_detectors(checks: &[Option<PassengerCheck>]) -> Result<Vec<Option<Detector>>, RunError> {
    let failed = |message: String| RunError::Start {
        domain: "bag screening".into(),
        message,
    };
    checks
        .iter()
        .map(|check| match check {
            Some(PassengerCheck::BagScan(scan)) => {
                let model = shared_model(&models_dir(), &scan.model).map_err(|e| failed(e.to_string()))?;
                Detector::new(model, &scan.thresholds).map(Some).map_err(|e| failed(e.to_string()))
            }
            _ => Ok(None),
        })
        .collect()
}

/// Scans a bag with identity `seed` holding `contraband` at stage `stage` (named `name`): the
/// verdict, counted against what it holds.
pub(super) fn scan(detector: &mut Detector, seed: u64, contraband: u8, name: &str, at: crate::sim::time::SimTime) -> Result<(Verdict, ThreatSet), RunError> {
    let verdict = screen(detector, seed, contraband, name).map_err(|e| RunError::Check {
        at,
        stage: name.to_string(),
        message: e.to_string(),
    })?;
    Ok((verdict, ThreatSet::from_bits(contraband)))
}
