//! The passenger domain: travellers' hidden truth (contraband, impostors, attributes, checked
//! bags), face verification at e-gates, advance passenger information screening, searches,
//! advance CT screening of checked bags and reclaim, and the outcomes they produce.
//!
//! It owns every source no other domain claims. Its section of the scenario is `screening`;
//! its checks are `FaceMatch`, `Search`, `Reclaim`, `BagScan` and `CabinScan`; it sets the
//! flags `face_rejected`, `bag_flagged` (a checked or cabin bag alarmed) and `api_selected`.

pub mod bag_scan;
pub mod bag_scan_outcomes;
mod bag_screening;
pub mod checks;
pub mod face;
pub mod model;
pub mod outcomes;
mod people;
mod present;
pub mod raw;
mod realism;
mod run;
pub mod screening;
pub mod traveller;
mod validate;
mod validate_bag_scan;

use std::sync::Arc;

use serde_json::Value;

pub use model::PassengerModel;
pub use outcomes::PassengerSummary;

use crate::domains::domain::{Domain, DomainValidation};
use crate::presentation::Section;
use crate::scenario::Scenario;
use crate::scenario::model::StageId;
use crate::sim::domain::{DomainId, DomainRun};
use crate::sim::error::RunError;

/// Flag set when an e-gate does not accept the traveller's face.
pub const FACE_REJECTED: &str = "face_rejected";
/// Flag set when a checked bag of the traveller alarmed, or their cabin bag at a cabin X-ray.
pub const BAG_FLAGGED: &str = "bag_flagged";
/// Flag set when advance passenger information screening selected the traveller.
pub const API_SELECTED: &str = "api_selected";

/// The passenger domain.
pub struct Passengers;

impl Domain for Passengers {
    const NAME: &'static str = "passengers";
    const AGENTS: &'static str = "travellers";
    const CLASSES: &'static [&'static str] = &["weapons", "drugs", "wildlife", "live_animals", "cash"];
    type Section = raw::RawScreening;
    type Check = raw::RawPassengerCheck;
    const CHECKS: &'static [&'static str] = &["FaceMatch", "Search", "Reclaim", "BagScan", "CabinScan"];
    const FLAGS: &'static [&'static str] = &[FACE_REJECTED, BAG_FLAGGED, API_SELECTED];
    const OWNS_UNCLAIMED_SOURCES: bool = true;

    type Model = PassengerModel;

    fn validate(v: &mut DomainValidation, section: Option<&raw::RawScreening>, checks: &[(StageId, &raw::RawPassengerCheck)]) -> PassengerModel {
        let checks = validate::check_stage_checks(v, checks);
        let screening = section.map(|s| validate::check_screening(v, s));
        PassengerModel {
            checks,
            screening,
            sources: v.sources_owned.clone(),
        }
    }

    fn start(model: &PassengerModel, scenario: &Arc<Scenario>, id: DomainId, _seed: u64) -> Result<Box<dyn DomainRun>, RunError> {
        Ok(Box::new(run::PassengerRun::new(model.clone(), scenario, id)?))
    }

    fn present(section: &Value) -> Option<Section> {
        let summary: PassengerSummary = serde_json::from_value(section.clone()).ok()?;
        Some(present::section(&summary))
    }

    fn seizures(section: &Value) -> Vec<(String, u64)> {
        let Ok(summary) = serde_json::from_value::<PassengerSummary>(section.clone()) else { return Vec::new() };
        summary.contraband.iter().map(|(class, c)| (class.to_string(), c.seized)).collect()
    }
}

/// The passenger model of `scenario`, if it has travellers.
pub fn model(scenario: &Scenario) -> Option<&PassengerModel> {
    let id = scenario.domain(Passengers::NAME)?;
    scenario.domains[id as usize].as_any().downcast_ref()
}

/// The face-verification parameters of stage `stage`, if it verifies faces.
pub fn face_match_at(scenario: &Scenario, stage: StageId) -> Option<model::FaceMatch> {
    match model(scenario)?.checks.get(stage)? {
        Some(model::PassengerCheck::FaceMatch(params)) => Some(*params),
        _ => None,
    }
}

/// `scenario` with the face-verification threshold of stage `stage` set to `threshold`
/// (`None` when the stage does not verify faces).
pub fn with_face_threshold(scenario: &Scenario, stage: StageId, threshold: f64) -> Option<Scenario> {
    let mut passengers = model(scenario)?.clone();
    let Some(Some(model::PassengerCheck::FaceMatch(params))) = passengers.checks.get_mut(stage) else {
        return None;
    };
    params.threshold = threshold;
    let mut changed = scenario.clone();
    let id = scenario.domain(Passengers::NAME)?;
    changed.domains[id as usize] = Arc::new(passengers);
    Some(changed)
}

/// The passenger section of a run's summary, if the run had travellers.
pub fn summary(summary: &crate::metrics::Summary) -> Option<PassengerSummary> {
    summary.section(Passengers::NAME)
}
