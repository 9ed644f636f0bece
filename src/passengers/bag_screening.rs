//! Bag-scan and cabin-scan stages: one reader (an image model or a table) per stage; an alarm
//! flags the bag and its owner, or the traveller (`bag_flagged`), so their route
//! can send them to a search.

use super::bag_scan::screen;
use super::model::{BagScan, PassengerCheck};
use crate::detect::{Detector, ScanReader, TableDecider, ThreatClass, ThreatSet, Verdict, models_dir, shared_model};
use crate::sim::error::RunError;

/// A reader for each bag-scan and cabin-scan stage, by stage id; the models are loaded (once per
/// process) here.
pub(super) fn stage_readers(checks: &[Option<PassengerCheck>]) -> Result<Vec<Option<ScanReader>>, RunError> {
    let failed = |message: String| RunError::Start {
        domain: "bag screening".into(),
        message,
    };
    checks
        .iter()
        .map(|check| match check {
            Some(PassengerCheck::BagScan(scan) | PassengerCheck::CabinScan(scan)) => match scan {
                BagScan::Model { model, thresholds } => {
                    let loaded = shared_model(&models_dir(), model).map_err(|e| failed(e.to_string()))?;
                    let detector = Detector::new(loaded, thresholds).map_err(|e| failed(e.to_string()))?;
                    Ok(Some(ScanReader::Model {
                        name: model.clone(),
                        detector,
                    }))
                }
                BagScan::Table(table) => Ok(Some(ScanReader::Table(TableDecider::new(table.clone(), &ThreatClass::BAG)))),
            },
            _ => Ok(None),
        })
        .collect()
}

/// Scans a bag with identity `seed` holding `contraband` at stage `stage` (named `name`): the
/// verdict, counted against what it holds.
pub(super) fn scan(reader: &mut ScanReader, seed: u64, contraband: u8, name: &str, at: crate::sim::time::SimTime) -> Result<(Verdict, ThreatSet), RunError> {
    let verdict = screen(reader, seed, contraband, name).map_err(|e| RunError::Check {
        at,
        stage: name.to_string(),
        message: e.to_string(),
    })?;
    Ok((verdict, ThreatSet::from_bits(contraband)))
}
