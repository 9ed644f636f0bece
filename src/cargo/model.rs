//! Validated cargo clearance: trucks' declarations, targeting policy, image model, checks,
//! breakdowns (see docs/cargo.md).

use crate::cargo::clearance::targeting::TargetingPolicy;
use crate::detect::analyst::AnalystParams;
use crate::detect::{OperatingTable, Thresholds};
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

/// What reads the scans: the image model and its thresholds, or an operating-point table.
#[derive(Debug, Clone, PartialEq)]
pub struct Scanning {
    /// Model name (`None` and no table: no automatic review; every image goes to an analyst).
    pub model: Option<String>,
    /// Per-class thresholds and the discrepancy rule.
    pub thresholds: Thresholds,
    /// Calibrated mode: the table that decides instead of a model.
    pub table: Option<OperatingTable>,
    /// What the model reads at micro-fidelity drive-through portals.
    pub portal_image: ImageSource,
}

/// Where a scanner's images come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageSource {
    /// The synthetic drawing generator the shipped models were trained on.
    Synthetic,
    /// Dual-energy physics of the true contents, rendered to the model's `input` spec.
    Physics,
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
    /// Scan and run the image model on images from this source.
    Scan(ScanKind, ImageSource),
    /// Image analysts review the scan.
    Review(Analysts),
    /// Documentary check.
    Documents {
        /// Probability of finding undervaluation or misdescription.
        find_probability: f64,
    },
    /// Physical or remote inspection.
    Inspect {
        /// What the examination reaches.
        exam: Exam,
        /// Calibrated mode: a flat probability of finding what is there.
        find_probability: Option<f64>,
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

/// Who reviews images.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Analysts {
    /// Signal-detection observers.
    Modelled {
        /// Their parameters.
        params: AnalystParams,
        /// In a remote review centre.
        remote: bool,
    },
    /// Calibrated mode: flat rates.
    Flat {
        /// Probability of confirming an image of contraband or misdeclared goods.
        sensitivity: f64,
        /// Probability of asking to inspect a clean one.
        false_alarm: f64,
    },
}

/// A kind of physical examination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exam {
    /// Doors opened, the load seen from the back.
    TailGate,
    /// Part of the load unloaded where the alarm points.
    Partial,
    /// The whole load unloaded.
    FullStrip,
    /// At an examination station, item by item.
    ExaminationStation,
}

impl Exam {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Exam::TailGate => "tail_gate",
            Exam::Partial => "partial",
            Exam::FullStrip => "full_strip",
            Exam::ExaminationStation => "examination_station",
        }
    }

    /// Share of the load the examination reaches without a pointer to where the item is:
    /// assumptions (a tail-gate exam sees the first metre or two of a 6 m box; a partial exam
    /// unloads about half; stripping reaches everything but the structure).
    pub fn reach(self) -> f64 {
        match self {
            Exam::TailGate => 0.2,
            Exam::Partial => 0.5,
            Exam::FullStrip => 0.95,
            Exam::ExaminationStation => 0.99,
        }
    }

    /// Share of the find probability lost at concealment difficulty 1 (an item built into the
    /// load or the structure): assumptions; the more thorough the exam, the less concealment
    /// protects.
    pub fn concealment_loss(self) -> f64 {
        match self {
            Exam::TailGate => 0.6,
            Exam::Partial => 0.35,
            Exam::FullStrip => 0.15,
            Exam::ExaminationStation => 0.05,
        }
    }
}

/// Share of the unreached load an alarm that points at the item brings within reach: assumption
/// (the analyst or the model marks the region to unload).
pub const LOCALISED_REACH: f64 = 0.8;
