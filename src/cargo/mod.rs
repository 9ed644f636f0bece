//! The cargo domain: trucks carrying one container each, with a declaration and a hidden
//! truth; risk targeting into lanes at lodgement ([`clearance`]); scanning with the image model
//! on images synthesised from each container's true contents; analysts, documentary checks,
//! physical and remote inspections, audits; and the KPIs they produce.
//!
//! Its section of the scenario is `cargo` (naming the sources whose agents are trucks); its
//! checks are written `Cargo(..)`; it sets the flags `lane_green`, `lane_yellow`, `lane_red`,
//! `lane_blue`, `scan_alarm`, `review_alarm`, `document_finding`, `remote_eligible` and `seized`, which the
//! scenario's `Choose` conditions route on. In micro fidelity, a truck passing a portal's
//! sensor is scanned as it drives through.

pub mod clearance;
pub mod consignment;
pub mod inspection;
mod journey;
pub mod lodgement;
pub mod model;
pub mod outcomes;
mod present;
pub mod raw;
mod realism;
mod run;
pub mod scanning;
mod validate;

use std::sync::Arc;

use serde_json::Value;

pub use consignment::{Consignment, Lodged, Miss, TruthRates};
pub use outcomes::{CargoStats, CargoSummary};
pub use run::CargoRun;

use crate::domains::domain::{Domain, DomainValidation};
use crate::presentation::Section;
use crate::scenario::model::StageId;
use crate::scenario::Scenario;
use crate::sim::domain::{DomainId, DomainRun};
use crate::sim::error::RunError;

/// Flag set when the latest scan was not cleared automatically.
pub const FLAG_SCAN_ALARM: &str = "scan_alarm";
/// Flag set when an image analyst asks for inspection.
pub const FLAG_REVIEW_ALARM: &str = "review_alarm";
/// Flag set when a documentary check finds an undervaluation or misdescription.
pub const FLAG_DOCUMENT_FINDING: &str = "document_finding";
/// Flag set when the trader may be inspected remotely (video).
pub const FLAG_REMOTE_ELIGIBLE: &str = "remote_eligible";
/// Flag set when an inspection found contraband: the cargo is seized.
pub const FLAG_SEIZED: &str = "seized";

/// The cargo domain.
pub struct Cargo;

impl Domain for Cargo {
    const NAME: &'static str = "cargo";
    const AGENTS: &'static str = "trucks";
    const CLASSES: &'static [&'static str] = &["weapons", "drugs", "wildlife", "live_animals"];
    type Section = raw::RawCargo;
    type Check = raw::RawCargoStageCheck;
    const CHECKS: &'static [&'static str] = &["Cargo"];
    const FLAGS: &'static [&'static str] = &[
        "lane_green",
        "lane_yellow",
        "lane_red",
        "lane_blue",
        FLAG_SCAN_ALARM,
        FLAG_REVIEW_ALARM,
        FLAG_DOCUMENT_FINDING,
        FLAG_REMOTE_ELIGIBLE,
        FLAG_SEIZED,
    ];

    fn claimed_sources(section: &raw::RawCargo) -> Vec<String> {
        section.sources.clone()
    }

    type Model = model::CargoModel;

    fn validate(v: &mut DomainValidation, section: Option<&raw::RawCargo>, checks: &[(StageId, &raw::RawCargoStageCheck)]) -> model::CargoModel {
        validate::check(v, section, checks)
    }

    fn start(model: &model::CargoModel, scenario: &Arc<Scenario>, id: DomainId, seed: u64) -> Result<Box<dyn DomainRun>, RunError> {
        Ok(Box::new(CargoRun::new(model.clone(), scenario, id, seed)?))
    }

    fn present(section: &Value) -> Option<Section> {
        let summary: CargoSummary = serde_json::from_value(section.clone()).ok()?;
        Some(present::section(&summary))
    }

    fn seizures(section: &Value) -> Vec<(String, u64)> {
        let Ok(summary) = serde_json::from_value::<CargoSummary>(section.clone()) else { return Vec::new() };
        summary.threats.iter().map(|(class, t)| (class.to_string(), t.seized)).collect()
    }
}

/// The cargo section of a run's summary, if the run had trucks.
pub fn summary(summary: &crate::metrics::Summary) -> Option<CargoSummary> {
    summary.section(Cargo::NAME)
}
