//! The passenger domain's validated part of a scenario: its checks and advance screening.

use crate::detect::{OperatingTable, Thresholds};
use crate::scenario::domain_model::DomainModel;
use crate::scenario::model::Condition;

/// A check made at a stage.
#[derive(Debug, Clone, PartialEq)]
pub enum PassengerCheck {
    /// Face verification at an e-gate or a smart channel.
    FaceMatch(FaceMatch),
    /// A physical search.
    Search {
        /// Probability of finding contraband that is there.
        find_probability: f64,
    },
    /// Wait for every checked bag to reach the carousel.
    Reclaim,
    /// Advance CT screening of checked bags by an image model or a table.
    BagScan(BagScan),
    /// Cabin-bag X-ray of travellers by an image model or a table.
    CabinScan(BagScan),
}

/// What reads a bag scan: an image model with its alarm thresholds, or a table.
#[derive(Debug, Clone, PartialEq)]
pub enum BagScan {
    /// An image model.
    Model {
        /// The model's name in the manifest (checked at validation, loaded when a run starts).
        model: String,
        /// Alarm threshold per threat class.
        thresholds: Thresholds,
    },
    /// Calibrated mode: an operating-point table.
    Table(OperatingTable),
}

/// Parameters of face verification.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceMatch {
    /// Cosine-similarity threshold to accept.
    pub threshold: f64,
    /// Capture noise at quality 1.
    pub capture_noise: f64,
    /// Lowest capture quality (uniform up to 1).
    pub quality_min: f64,
    /// Similarity between an impostor's face and the document holder's.
    pub lookalike_similarity: f64,
}

/// Advance passenger information screening.
#[derive(Debug, Clone, PartialEq)]
pub struct Screening {
    /// Screened sources, by source index.
    pub sources: Vec<usize>,
    /// Score threshold on the posterior probability of contraband.
    pub score_threshold: Option<f64>,
    /// Mandatory rules.
    pub rules: Vec<Condition>,
    /// Random selection rate among the others.
    pub random_rate: f64,
}


/// The passenger domain's validated part of a scenario.
#[derive(Debug, Clone)]
pub struct PassengerModel {
    /// The check each stage makes, by stage id (`None`: none of this domain's).
    pub checks: Vec<Option<PassengerCheck>>,
    /// Advance passenger information screening.
    pub screening: Option<Screening>,
    /// The sources whose agents are travellers.
    pub sources: Vec<usize>,
}

impl DomainModel for PassengerModel {
    fn name(&self) -> &'static str {
        "passengers"
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
