//! Detection: synthetic scanner images, the image and risk models, and
//! the detectors scanner facilities use.

pub mod analyst;
pub mod backend;
pub mod check;
pub mod classes;
pub mod dataset;
pub mod detector;
pub mod discover;
pub mod error;
pub mod evaluate;
pub mod image;
pub mod literature;
pub mod manifest;
pub mod metrics;
pub mod model;
pub mod npy;
pub mod operating_table;
pub mod physics;
pub mod reader;
pub mod realism;
pub mod roc;
pub mod shared;
pub mod synth;

pub use backend::{Backend, BackendChoice, BackendKind, backend};
pub use classes::{GoodsCategory, ThreatClass, ThreatSet};
pub use detector::{Detector, ScanScores, Thresholds, Verdict};
pub use error::DetectError;
pub use image::ScanImage;
pub use manifest::{Manifest, models_dir};
pub use metrics::{Confusion, DetectionMetrics};
pub use model::Model;
pub use operating_table::{OperatingTable, RawOperatingTable, TableDecider};
pub use reader::ScanReader;
pub use shared::shared_model;
