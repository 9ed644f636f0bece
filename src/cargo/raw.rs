//! Raw types of cargo clearance: trucks' declarations, targeting, scanning, stage checks,
//! scanner breakdowns (see docs/cargo.md).

use serde::{Deserialize, Serialize};

use crate::scenario::ordered_map::OrderedMap;

/// The `cargo` section.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCargo {
    /// Sources whose agents are trucks, each carrying one container with a declaration.
    pub sources: Vec<String>,
    /// Share of containers hiding contraband (default: the declaration generator's own rate).
    #[serde(default)]
    pub contraband_rate: Option<f64>,
    /// Share of declarations misstating the goods category (default: the generator's own rate).
    #[serde(default)]
    pub misdeclaration_rate: Option<f64>,
    /// Risk targeting into lanes.
    #[serde(default)]
    pub targeting: RawTargeting,
    /// The image model and its alarm thresholds (needed when a stage scans).
    #[serde(default)]
    pub scanning: Option<RawScanning>,
    /// Breakdowns of pools (scanners), by pool name (the same as each pool's `breakdown`).
    #[serde(default)]
    pub breakdowns: OrderedMap<crate::scenario::raw::RawBreakdown>,
    /// Speed of trucks between stages (flow fidelity), km/h; default 15.
    #[serde(default)]
    pub truck_speed_kmh: Option<f64>,
}

/// A stage's cargo check, written `Cargo(..)`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawCargoStageCheck {
    /// A cargo clearance check on trucks.
    Cargo(RawCargoCheck),
}

/// Risk targeting.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTargeting {
    /// Mandatory rules, first match wins.
    #[serde(default)]
    pub rules: Vec<RawLaneRule>,
    /// Name of the risk model in the model manifest (none: no score).
    #[serde(default)]
    pub risk_model: Option<String>,
    /// Select declarations whose score reaches this probability.
    #[serde(default)]
    pub score_threshold: Option<f64>,
    /// Or select this share of each lodgement block, highest scores first.
    #[serde(default)]
    pub budget: Option<f64>,
    /// Declarations lodged (and targeted) together.
    #[serde(default = "default_block")]
    pub block: i64,
    /// Lane of score selections.
    #[serde(default = "red")]
    pub score_lane: RawLane,
    /// Minimum random selection rate.
    #[serde(default)]
    pub random_rate: f64,
    /// Lane of random selections.
    #[serde(default = "red")]
    pub random_lane: RawLane,
    /// Lane of everything else.
    #[serde(default = "green")]
    pub default_lane: RawLane,
    /// Treatment per trader tier (`authorised`, `established`, `ordinary`, `new`).
    #[serde(default)]
    pub tiers: OrderedMap<RawTierPolicy>,
    /// Officers' re-routing.
    #[serde(default)]
    pub reroute: Vec<RawReroute>,
}

impl Default for RawTargeting {
    fn default() -> Self {
        Self {
            rules: Vec::new(),
            risk_model: None,
            score_threshold: None,
            budget: None,
            block: default_block(),
            score_lane: RawLane::Red,
            random_rate: 0.0,
            random_lane: RawLane::Red,
            default_lane: RawLane::Green,
            tiers: OrderedMap::default(),
            reroute: Vec::new(),
        }
    }
}

fn default_block() -> i64 {
    500
}

fn red() -> RawLane {
    RawLane::Red
}

fn green() -> RawLane {
    RawLane::Green
}

/// A clearance lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum RawLane {
    /// Release.
    Green,
    /// Documents.
    Yellow,
    /// Scan and/or physical inspection.
    Red,
    /// Release, post-clearance audit.
    Blue,
}

/// A mandatory rule.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawLaneRule {
    /// Condition on the declaration.
    pub when: RawDeclCondition,
    /// Lane when it holds.
    pub lane: RawLane,
}

/// A condition on a declaration's fields.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawDeclCondition {
    /// A category field (`goods`, `origin`, `trader`, `route`) has a value.
    Is(String, String),
    /// A numeric field is below a value.
    Below(String, f64),
    /// A numeric field is above a value.
    Above(String, f64),
    /// Every condition holds.
    All(Vec<RawDeclCondition>),
    /// At least one holds.
    Any(Vec<RawDeclCondition>),
    /// The condition does not hold.
    Not(Box<RawDeclCondition>),
}

/// Treatment of a trader tier.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTierPolicy {
    /// Random selection rate of the tier.
    #[serde(default)]
    pub random_rate: Option<f64>,
    /// Score threshold of the tier.
    #[serde(default)]
    pub score_threshold: Option<f64>,
    /// Lane of the tier's unselected declarations.
    #[serde(default)]
    pub lane: Option<RawLane>,
    /// Eligible for remote (video) inspection.
    #[serde(default)]
    pub remote_inspection: bool,
}

/// An officer's re-routing.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawReroute {
    /// From this lane.
    pub from: RawLane,
    /// To this lane.
    pub to: RawLane,
    /// With this probability.
    pub p: f64,
}

/// The image model.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawScanning {
    /// Model name in the manifest (none: every image goes to an analyst).
    #[serde(default)]
    pub model: Option<String>,
    /// Alarm threshold per threat class.
    #[serde(default)]
    pub thresholds: OrderedMap<f64>,
    /// Alarm when `1 - p(declared goods)` reaches this.
    #[serde(default)]
    pub discrepancy: Option<f64>,
    /// Calibrated mode: an operating-point table decides instead of a model (bands `light`,
    /// `medium`, `dense` by the cargo's density; see docs/detection.md).
    #[serde(default)]
    pub table: Option<crate::detect::RawOperatingTable>,
    /// What the model reads at micro-fidelity drive-through portals (a layout's `portals`,
    /// which scan a truck as it passes, with no stage to say it): `Synthetic` (default) or
    /// `Physics`, as a stage's `Scan(image: ..)`.
    #[serde(default)]
    pub portal_image: RawScanImage,
}

/// A cargo check at a stage.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawCargoCheck {
    /// Assign the lane decided by targeting (sets `lane_*`, `remote_eligible`).
    Targeting,
    /// Scan the container and run the image model (sets `scan_alarm`).
    Scan {
        /// Scanner type.
        kind: RawScanKind,
        /// What the model reads: `Synthetic` drawings (default; what the shipped models were
        /// trained on) or `Physics` scans of the true contents rendered to the model's `input`
        /// spec (docs/detection.md#physics-scans-in-the-loop).
        #[serde(default)]
        image: RawScanImage,
    },
    /// Image analysts review the scan (sets `review_alarm`): signal-detection observers (see
    /// docs/detection.md#human-image-analysts), or flat rates when `sensitivity` is given.
    Review {
        /// The analysts work in a remote (central) review centre.
        #[serde(default)]
        remote: bool,
        /// Overrides of the analysts' default parameters.
        #[serde(default)]
        analysts: RawAnalysts,
        /// Calibrated mode: a flat probability of confirming an image that shows contraband or
        /// misdeclared goods, instead of modelled analysts.
        #[serde(default)]
        sensitivity: Option<f64>,
        /// Calibrated mode: a flat probability of asking to inspect a clean image.
        #[serde(default)]
        false_alarm: Option<f64>,
    },
    /// Documentary check (yellow lane) (sets `document_finding` when it finds fraud).
    Documents {
        /// Probability of finding undervaluation or misdescription from the documents.
        find_probability: f64,
    },
    /// Physical (or remote video) inspection (sets `seized` when it finds contraband).
    Inspect {
        /// Kind of examination: what share of the load it reaches (default `Partial`).
        #[serde(default)]
        exam: RawExam,
        /// Calibrated mode: a flat probability of finding what is there, instead of the
        /// exam's reach, the alarm's localisation and the concealment.
        #[serde(default)]
        find_probability: Option<f64>,
        /// Service time factor when something is found (devanning, sampling, reports).
        #[serde(default = "default_found_factor")]
        found_time_factor: f64,
        /// Remote (video) inspection.
        #[serde(default)]
        remote: bool,
    },
    /// Post-clearance audit of a released declaration (blue lane).
    Audit {
        /// Probability of finding undervaluation or misdescription.
        find_probability: f64,
    },
}

fn default_found_factor() -> f64 {
    1.5
}

/// Where a scanner's images come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
pub enum RawScanImage {
    /// The synthetic drawing generator (`src/detect/synth/`).
    #[default]
    Synthetic,
    /// Dual-energy physics of the truck's true contents at a drive-through portal.
    Physics,
}

/// A scanner type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum RawScanKind {
    /// Drive-through portal: the truck keeps moving.
    DriveThrough,
    /// Gantry or fixed scanner: the driver steps out.
    Gantry,
    /// Ship-side, during crane discharge.
    ShipSide,
    /// Mobile scanner.
    Mobile,
}

/// A kind of physical examination (US CBP's terms; docs/detection.md#physical-inspections).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
pub enum RawExam {
    /// Doors opened, the load looked at from the back, nothing unloaded.
    TailGate,
    /// Part of the load unloaded, where the alarm points.
    #[default]
    Partial,
    /// The whole load unloaded (devanned) and examined.
    FullStrip,
    /// Taken to an examination station, stripped and examined item by item.
    ExaminationStation,
}

/// Overrides of image analysts' parameters (defaults and sources: docs/detection.md).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawAnalysts {
    /// Factor on every class's d' (training, experience).
    #[serde(default)]
    pub skill: Option<f64>,
    /// Share of d' lost after half an hour of continuous busy work.
    #[serde(default)]
    pub vigilance_loss: Option<f64>,
    /// Weight of experienced prevalence in the criterion (1: ideal observer).
    #[serde(default)]
    pub prevalence_weight: Option<f64>,
    /// Standard deviation of ln d' between analysts.
    #[serde(default)]
    pub spread_sd: Option<f64>,
    /// Relative gain in d' on images an AI reader flagged.
    #[serde(default)]
    pub ai_gain: Option<f64>,
    /// Criterion shift on images an AI reader cleared (automation bias).
    #[serde(default)]
    pub automation_bias: Option<f64>,
}
