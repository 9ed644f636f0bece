//! Validated cargo clearance: trucks' declarations, targeting policy, image model, checks,
//! breakdowns (see docs/cargo.md).

use crate::cargo::clearance::targeting::TargetingPolicy;
use crate::detect::Thresholds;
use crate::scenario::domain_model::DomainModel;

/// The cargo domain's validated part of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct CargoModel {
    /// Sources whose agents are trucks with a container and a declaration.
    pub sources: Vec<usize>,
    /// Share of containers hiding contraband (`None`: the generator's own rate).
    pub contraband_rate: Option<f64>,
    /// Share of declarations misstating the goods (`None`: the generator's own rate).
    pub misdeclaration_rate: Option<f64>,
    /// How lanes are decided.
    pub targeting: TargetingPolicy,
    /// The risk model's name (`None`: no score).
    pub risk_model: Option<String>,
    /// Declarations lodged and targeted together.
    pub block: usize,
    /// The image model and its thresholds.
    pub scanning: Option<Scanning>,
    /// The check each stage makes, by stage id (`None`: none of this domain's).
    pub checks: Vec<Option<CargoCheck>>,
    /// Speed of trucks between stages in flow fidelity, m/s.
    pub truck_speed_mps: f64,
}

impl DomainModel for CargoModel {
    fn name(&self) -> &'static str {
        "cargo"
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The image model and its thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct Scanning {
    /// Model name (`None`: no automatic review; every image goes to an analyst).
    pub model: Option<String>,
    /// Per-class thresholds and the discrepancy rule.
    pub thresholds: Thresholds,
}

/// A scanner type: how noisy its images are and whether the driver steps out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanKind {
    /// Drive-through portal.
    DriveThrough,
    /// Gantry or fixed scanner.
    Gantry,
    /// Ship-side during crane discharge.
    ShipSide,
    /// Mobile scanner.
    Mobile,
}

impl ScanKind {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            ScanKind::DriveThrough => "drive_through",
            ScanKind::Gantry => "gantry",
            ScanKind::ShipSide => "ship_side",
            ScanKind::Mobile => "mobile",
        }
    }
}

/// A cargo check at a stage (applied when its service ends, or on arrival at a stage without a pool).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CargoCheck {
    /// Assign the lane targeting decided.
    Targeting,
    /// Scan and run the image model.
    Scan(ScanKind),
    /// An image analyst reviews the scan.
    Review {
        /// Probability of confirming an image of contraband or misdeclared goods.
        sensitivity: f64,
        /// Probability of asking to inspect a clean one.
        false_alarm: f64,
    },
    /// Documentary check.
    Documents {
        /// Probability of finding undervaluation or misdescription.
        find_probability: f64,
    },
    /// Physical or remote inspection.
    Inspect {
        /// Probability of finding what is there.
        find_probability: f64,
        /// Service time factor when something is found.
        found_time_factor: f64,
        /// Remote (video) inspection.
        remote: bool,
    },
    /// Post-clearance audit.
    Audit {
        /// Probability of finding undervaluation or misdescription.
        find_probability: f64,
    },
}
