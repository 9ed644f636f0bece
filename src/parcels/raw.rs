//! The parcel domain's part of the scenario file: the `parcels` section and the stage checks
//! written `Parcel(..)` (see docs/parcels.md).

use serde::{Deserialize, Serialize};

use crate::scenario::ordered_map::OrderedMap;

/// The `parcels` section.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawParcels {
    /// Sources whose agents are parcels (flights and trucks unloading bags and ULDs).
    pub sources: Vec<String>,
    /// Parcels per mail bag or receptacle, for journeys and the bag count (default 30).
    #[serde(default)]
    pub parcels_per_bag: Option<i64>,
    /// Sender countries and their shares.
    pub origins: OrderedMap<f64>,
    /// Recipient countries and their shares.
    pub destinations: OrderedMap<f64>,
    /// Share of parcels carrying each class (`drugs`, `counterfeit`, `weapon_parts`,
    /// `wildlife`, `undeclared_value`); classes left out do not occur.
    #[serde(default)]
    pub rates: OrderedMap<f64>,
    /// Risk assessment of the advance data.
    #[serde(default)]
    pub targeting: RawParcelTargeting,
    /// The belt X-ray's image model (needed when a stage X-rays).
    #[serde(default)]
    pub scanning: Option<RawParcelScanning>,
}

/// Risk assessment: de-minimis rule, mandatory rules, a risk score, random selection.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawParcelTargeting {
    /// Parcels declared above this value (EUR) need a full customs declaration: held for documents.
    #[serde(default)]
    pub de_minimis_eur: Option<f64>,
    /// Mandatory rules, first match wins.
    #[serde(default)]
    pub rules: Vec<RawParcelRule>,
    /// The risk score (none: no score).
    #[serde(default)]
    pub score: Option<RawRiskScore>,
    /// Share of the other parcels selected at random for opening.
    #[serde(default)]
    pub random_rate: f64,
}

/// A mandatory rule.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawParcelRule {
    /// Condition on the advance data.
    pub when: RawParcelCondition,
    /// What happens when it holds.
    pub action: RawParcelAction,
}

/// A condition on a parcel's advance data.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawParcelCondition {
    /// Sent from this country.
    Origin(String),
    /// Sent to this country.
    Destination(String),
    /// Declared under this HS chapter.
    Chapter(i64),
    /// Declared value above this, EUR.
    ValueAbove(f64),
    /// Declared value below this, EUR.
    ValueBelow(f64),
    /// Declared weight above this, kg.
    WeightAbove(f64),
    /// The description says nothing ("gift", "sample", "parts", "goods", "accessories").
    Vague,
    /// Every condition holds.
    All(Vec<RawParcelCondition>),
    /// At least one holds.
    Any(Vec<RawParcelCondition>),
    /// The condition does not hold.
    Not(Box<RawParcelCondition>),
}

/// What a rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum RawParcelAction {
    /// An officer opens the parcel.
    Open,
    /// The parcel is held until documents come.
    Documents,
    /// Released without score or random selection (trusted flows).
    Release,
}

/// A scorecard over risk indicators: `p = 1 / (1 + exp(-(intercept + Σ weight × indicator)))`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRiskScore {
    /// The score's intercept (log-odds when no indicator holds).
    pub intercept: f64,
    /// Weight of a vague description.
    #[serde(default)]
    pub vague: f64,
    /// Weight of a declared value per kg below `low_value_per_kg_eur`.
    #[serde(default)]
    pub low_value_per_kg: f64,
    /// The value per kg below which the parcel is suspiciously cheap, EUR/kg.
    #[serde(default = "default_low_value_per_kg")]
    pub low_value_per_kg_eur: f64,
    /// Weight of a risky HS chapter.
    #[serde(default)]
    pub chapter: f64,
    /// HS chapters counted as risky.
    #[serde(default)]
    pub risky_chapters: Vec<i64>,
    /// Weight of a risky origin.
    #[serde(default)]
    pub origin: f64,
    /// Origins counted as risky.
    #[serde(default)]
    pub risky_origins: Vec<String>,
    /// Parcels whose score reaches this are opened.
    pub threshold: f64,
}

fn default_low_value_per_kg() -> f64 {
    5.0
}

/// The parcel image model.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawParcelScanning {
    /// Model name in the manifest.
    pub model: String,
    /// Alarm threshold per threat class of the model.
    pub thresholds: OrderedMap<f64>,
    /// Alarm when `1 - p(declared goods)` reaches this.
    #[serde(default)]
    pub discrepancy: Option<f64>,
    /// Images scored in one inference (consecutive parcels); default 64.
    #[serde(default)]
    pub batch: Option<i64>,
}

/// A stage's parcel check, written `Parcel(..)`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawParcelStageCheck {
    /// A customs check on parcels.
    Parcel(RawParcelCheck),
}

/// A parcel check at a stage.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawParcelCheck {
    /// Risk assessment of the advance data (sets `parcel_selected`, `documents_required`).
    Assess,
    /// Belt X-ray read by the image model (sets `xray_alarm`).
    Xray,
    /// An officer opens the parcel (sets `parcel_seized`, or `parcel_held` for undeclared value).
    Open {
        /// Probability of finding what is there.
        find_probability: f64,
        /// Service time factor when something is found (seizure report, photographs).
        #[serde(default = "default_found_factor")]
        found_time_factor: f64,
    },
    /// The documents desk asks the declarant for the invoice (sets `parcel_held` when none
    /// comes or it shows undeclared value).
    Documents {
        /// Probability that the declarant answers in time.
        reply_probability: f64,
        /// Probability that the invoice betrays an undervaluation.
        find_probability: f64,
    },
}

fn default_found_factor() -> f64 {
    2.0
}
