//! What reads a scan at a scanner stage: an image model with its thresholds, or an
//! operating-point table (calibrated mode). Either way its tally is kept, and reports say which
//! one decided.

use super::detector::Detector;
use super::metrics::DetectionMetrics;
use super::operating_table::TableDecider;

/// The reader of a scanner stage.
#[derive(Debug)]
pub enum ScanReader {
    /// An image model scores each rendered scan; its thresholds decide.
    Model {
        /// The model's name in the manifest.
        name: String,
        /// The model with its thresholds and tally.
        detector: Detector,
    },
    /// An operating-point table decides; no image is rendered.
    Table(TableDecider),
}

impl ScanReader {
    /// What the reader decided so far, against the truth.
    pub fn metrics(&self) -> &DetectionMetrics {
        match self {
            ScanReader::Model { detector, .. } => &detector.metrics,
            ScanReader::Table(table) => &table.metrics,
        }
    }

    /// The tally, to restore it from a snapshot.
    pub fn metrics_mut(&mut self) -> &mut DetectionMetrics {
        match self {
            ScanReader::Model { detector, .. } => &mut detector.metrics,
            ScanReader::Table(table) => &mut table.metrics,
        }
    }

    /// Who decided, as reports say it: `model <name>` or `table: <source>`.
    pub fn decided_by(&self) -> String {
        match self {
            ScanReader::Model { name, .. } => format!("model {name}"),
            ScanReader::Table(table) => format!("table: {}", table.source()),
        }
    }
}
