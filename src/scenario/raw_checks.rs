//! Raw types for the smart-inspection features: attributes with a hidden truth,
//! stage checks, robots, advance passenger information screening, targets.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::raw::RawCondition;

/// An attribute's probability: the same for everyone, or depending on whether the
/// traveller carries contraband (the hidden truth that screening tries to find).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum RawAttribute {
    /// Probability for every traveller of the type.
    Probability(f64),
    /// Probabilities for travellers without and with contraband.
    ByTruth {
        /// Probability when the traveller carries nothing illicit.
        clean: f64,
        /// Probability when the traveller carries contraband.
        risky: f64,
    },
}

/// A check made at a stage.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawCheck {
    /// Face verification: the live capture's embedding against the document's template.
    FaceMatch {
        /// Cosine-similarity threshold to accept.
        threshold: f64,
        /// Capture noise at perfect quality (the noise vector's expected length).
        capture_noise: f64,
        /// Lowest capture quality; each capture's quality is uniform between this and 1.
        #[serde(default = "default_quality_min")]
        quality_min: f64,
        /// Cosine similarity between an impostor's face and the document holder's.
        #[serde(default = "default_lookalike")]
        lookalike_similarity: f64,
    },
    /// A physical search of the traveller and bags.
    Search {
        /// Probability that the search finds contraband that is there.
        #[serde(default = "default_find")]
        find_probability: f64,
    },
    /// The traveller waits here until all of their checked bags have reached the carousel.
    Reclaim,
    /// A cargo clearance check on trucks (see docs/cargo.md).
    Cargo(super::raw_cargo::RawCargoCheck),
    /// Advance CT screening of checked bags: the scanner renders each bag from what it truly
    /// holds and the image model decides; an alarm flags the bag and its owner (`bag_flagged`).
    BagScan {
        /// Image model, by its name in `models/manifest.ron`.
        #[serde(default = "default_bag_model")]
        model: String,
        /// Alarm threshold per threat class of the model (a score at or above it alarms).
        thresholds: BTreeMap<String, f64>,
    },
}

fn default_bag_model() -> String {
    "xray_bag".into()
}

fn default_quality_min() -> f64 {
    0.6
}

fn default_lookalike() -> f64 {
    0.5
}

fn default_find() -> f64 {
    0.95
}

/// A fleet of collaborative robots assisting a pool.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRobots {
    /// Number of robots.
    pub count: i64,
    /// Service time with a robot, as a fraction of the time without.
    pub time_factor: f64,
    /// Minutes of assistance on a full battery.
    pub battery_min: f64,
    /// Minutes to recharge an empty battery.
    pub recharge_min: f64,
}

/// Advance passenger information screening before arrival.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawScreening {
    /// Sources whose travellers send advance information.
    pub sources: Vec<String>,
    /// Select travellers whose risk score (posterior probability of contraband) reaches this.
    #[serde(default)]
    pub score_threshold: Option<f64>,
    /// Mandatory rules: a traveller matching any is selected.
    #[serde(default)]
    pub rules: Vec<RawCondition>,
    /// Share selected at random among the others.
    #[serde(default)]
    pub random_rate: f64,
}

/// Service-level targets the report checks.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTargets {
    /// Time from arrival to exit, per traveller type (or everyone).
    #[serde(default)]
    pub time_in_system: Vec<RawTarget>,
    /// Waiting time at a stage.
    #[serde(default)]
    pub wait: Vec<RawTarget>,
}

/// "`share` of travellers (of `of`) within `within_min` minutes."
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    /// A traveller type (time in system; absent = everyone) or a stage (waits).
    #[serde(default)]
    pub of: Option<String>,
    /// Minutes.
    pub within_min: f64,
    /// Required share, e.g. 0.95.
    pub share: f64,
}
