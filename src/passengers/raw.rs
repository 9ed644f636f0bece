//! The passenger domain's part of the scenario file: its stage checks and the advance
//! passenger information `screening` section.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::detect::RawOperatingTable;
use crate::scenario::raw_condition::RawCondition;

/// A check made at a stage.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawPassengerCheck {
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
    /// Advance CT screening of checked bags: the scanner renders each bag from what it truly
    /// holds and the image model decides; an alarm flags the bag and its owner (`bag_flagged`).
    BagScan {
        /// Image model, by its name in `models/manifest.ron`.
        #[serde(default = "default_bag_model")]
        model: String,
        /// Alarm threshold per threat class of the model (a score at or above it alarms).
        #[serde(default)]
        thresholds: BTreeMap<String, f64>,
        /// Calibrated mode: an operating-point table decides instead of the model (bands
        /// `plain` and `hidden` by concealment; see docs/detection.md).
        #[serde(default)]
        table: Option<RawOperatingTable>,
    },
    /// Cabin-bag X-ray of a traveller's belongings at a pool: the scanner renders the bag from
    /// what the traveller truly carries and the image model (or an operating-point table)
    /// decides; an alarm flags the traveller (`bag_flagged`).
    CabinScan {
        /// Image model, by its name in `models/manifest.ron`.
        #[serde(default = "default_bag_model")]
        model: String,
        /// Alarm threshold per threat class of the model (a score at or above it alarms).
        #[serde(default)]
        thresholds: BTreeMap<String, f64>,
        /// Calibrated mode: an operating-point table decides instead of the model.
        #[serde(default)]
        table: Option<RawOperatingTable>,
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

