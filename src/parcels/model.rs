//! The parcel domain's validated part of a scenario (see docs/parcels.md).

use super::item::ParcelStream;
use super::targeting::ParcelTargeting;
use crate::detect::Thresholds;
use crate::scenario::domain_model::DomainModel;

/// Default parcels per mail bag or receptacle: an assumption (a UPU E-receptacle of small
/// packets holds some tens of items).
pub const DEFAULT_PARCELS_PER_BAG: u32 = 30;
/// Default images per inference on the belt X-ray.
pub const DEFAULT_BATCH: usize = 64;

/// The parcel domain's validated part of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ParcelsModel {
    /// Sources whose agents are parcels.
    pub sources: Vec<usize>,
    /// Parcels per bag.
    pub parcels_per_bag: u32,
    /// Senders, recipients and the rates of each class.
    pub stream: ParcelStream,
    /// How the advance data is assessed.
    pub targeting: ParcelTargeting,
    /// The belt X-ray's image model.
    pub scanning: Option<ParcelScanning>,
    /// The check each stage makes, by stage id (`None`: none of this domain's).
    pub checks: Vec<Option<ParcelCheck>>,
}

impl DomainModel for ParcelsModel {
    fn name(&self) -> &'static str {
        "parcels"
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The image model and its thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct ParcelScanning {
    /// Model name in the manifest.
    pub model: String,
    /// Per-class thresholds and the discrepancy rule.
    pub thresholds: Thresholds,
    /// Images per inference.
    pub batch: usize,
}

/// A parcel check at a stage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParcelCheck {
    /// Risk assessment of the advance data.
    Assess,
    /// Belt X-ray.
    Xray,
    /// An officer opens the parcel.
    Open {
        /// Probability of finding what is there.
        find_probability: f64,
        /// Service time factor when something is found.
        found_time_factor: f64,
    },
    /// The documents desk.
    Documents {
        /// Probability that the declarant answers in time.
        reply_probability: f64,
        /// Probability that the invoice betrays an undervaluation.
        find_probability: f64,
    },
}
