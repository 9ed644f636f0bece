//! Validated smart-inspection features: checks, robots, screening, targets.

use std::sync::Arc;

use super::model::{Condition, StageId, TypeId};
use crate::detect::{Model, Thresholds};
use crate::sim::time::SimTime;

/// Probability of an attribute for travellers without and with contraband.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AttributeLaw {
    /// Probability when carrying nothing illicit.
    pub clean: f64,
    /// Probability when carrying contraband.
    pub risky: f64,
}

/// A check made at a stage.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Face verification at an e-gate or a smart channel.
    FaceMatch(FaceMatch),
    /// A physical search.
    Search {
        /// Probability of finding contraband that is there.
        find_probability: f64,
    },
    /// Wait for every checked bag to reach the carousel.
    Reclaim,
    /// A cargo clearance check on trucks.
    Cargo(super::model_cargo::CargoCheck),
    /// Advance CT screening of checked bags by an image model.
    BagScan(BagScan),
}

/// An image model and its alarm thresholds, as a bag-scan stage uses them.
#[derive(Debug, Clone)]
pub struct BagScan {
    /// The loaded model (shared by every stage and run that names it).
    pub model: Arc<Model>,
    /// Alarm threshold per threat class.
    pub thresholds: Thresholds,
}

impl PartialEq for BagScan {
    fn eq(&self, other: &Self) -> bool {
        self.model.path == other.model.path && self.model.name == other.model.name && self.thresholds == other.thresholds
    }
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

/// Robots assisting a pool.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Robots {
    /// Number of robots.
    pub count: u32,
    /// Service-time factor with a robot.
    pub time_factor: f64,
    /// Assistance time on a full battery.
    pub battery: SimTime,
    /// Time to recharge.
    pub recharge: SimTime,
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

/// Service-level targets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Targets {
    /// Time in system: (traveller type or everyone, limit, share).
    pub time_in_system: Vec<(Option<TypeId>, SimTime, f64)>,
    /// Waits: (stage, limit, share).
    pub wait: Vec<(StageId, SimTime, f64)>,
}
