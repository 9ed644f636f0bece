//! The parcel domain: cross-border e-commerce parcels at an international mail or express
//! centre. Parcels arrive in bags and ULDs on flight and truck schedules (the engine's sources
//! and batches), each with item-level electronic advance data (description, HS chapter, value,
//! weight, sender and recipient country) and a hidden truth; the advance data is risk-assessed
//! (de-minimis rule, mandatory rules, a risk scorecard, random selection), a belt X-ray renders
//! each parcel from its true contents and the image model reads it, and officers open parcels
//! or the documents desk holds them; the KPIs are parcels per hour, dwell, hold rate, and
//! seizures and misses per class (docs/parcels.md).
//!
//! Its section of the scenario is `parcels`; its checks are written `Parcel(..)`; it sets the
//! flags `parcel_selected`, `documents_required`, `xray_alarm`, `parcel_seized` and
//! `parcel_held`, which the scenario's `Choose` conditions route on.

mod belt;
pub mod classes;
pub mod dataset;
pub mod goods;
pub mod item;
mod journey;
pub mod model;
pub mod outcomes;
pub mod parcel;
mod present;
pub mod raw;
mod run;
pub mod targeting;
mod validate;
pub mod xray;

use std::sync::Arc;

use serde_json::Value;

pub use classes::ParcelClass;
pub use model::ParcelsModel;
pub use outcomes::ParcelsSummary;

use crate::domains::domain::{Domain, DomainValidation, ImageDataset};
use crate::presentation::Section;
use crate::scenario::Scenario;
use crate::scenario::model::StageId;
use crate::sim::domain::{DomainId, DomainRun};
use crate::sim::error::RunError;

/// Flag set when the assessment selects the parcel for opening.
pub const PARCEL_SELECTED: &str = "parcel_selected";
/// Flag set when the parcel needs documents (over de minimis, or by rule).
pub const DOCUMENTS_REQUIRED: &str = "documents_required";
/// Flag set when the image model alarms on the parcel's X-ray.
pub const XRAY_ALARM: &str = "xray_alarm";
/// Flag set when an officer found what the parcel carries and it is seized.
pub const PARCEL_SEIZED: &str = "parcel_seized";
/// Flag set when the parcel is held for documents or for duty on its real value.
pub const PARCEL_HELD: &str = "parcel_held";

/// The parcel domain.
pub struct Parcels;

impl Domain for Parcels {
    const NAME: &'static str = "parcels";
    const AGENTS: &'static str = "parcels";
    const CLASSES: &'static [&'static str] = &["drugs", "counterfeit", "weapon_parts", "wildlife", "undeclared_value"];
    type Section = raw::RawParcels;
    type Check = raw::RawParcelStageCheck;
    const CHECKS: &'static [&'static str] = &["Parcel"];
    const FLAGS: &'static [&'static str] = &[PARCEL_SELECTED, DOCUMENTS_REQUIRED, XRAY_ALARM, PARCEL_SEIZED, PARCEL_HELD];
    const DATASETS: &'static [ImageDataset] = &[dataset::PARCEL_SCANS];

    fn claimed_sources(section: &raw::RawParcels) -> Vec<String> {
        section.sources.clone()
    }

    type Model = ParcelsModel;

    fn validate(v: &mut DomainValidation, section: Option<&raw::RawParcels>, checks: &[(StageId, &raw::RawParcelStageCheck)]) -> ParcelsModel {
        validate::check(v, section, checks)
    }

    fn start(model: &ParcelsModel, scenario: &Arc<Scenario>, id: DomainId, seed: u64) -> Result<Box<dyn DomainRun>, RunError> {
        Ok(Box::new(run::ParcelsRun::new(model.clone(), scenario, id, seed)?))
    }

    fn present(section: &Value) -> Option<Section> {
        let summary: ParcelsSummary = serde_json::from_value(section.clone()).ok()?;
        Some(present::section(&summary))
    }

    fn seizures(section: &Value) -> Vec<(String, u64)> {
        let Ok(summary) = serde_json::from_value::<ParcelsSummary>(section.clone()) else { return Vec::new() };
        summary.classes.iter().map(|(class, c)| (class.to_string(), c.found)).collect()
    }
}

/// The parcels section of a run's summary, if the run had parcels.
pub fn summary(summary: &crate::metrics::Summary) -> Option<ParcelsSummary> {
    summary.section(Parcels::NAME)
}
