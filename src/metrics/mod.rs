//! Measurements: collectors during the run, summaries and series after it.

pub mod collector;
pub mod digest;
pub mod histogram;
pub mod micro;
pub mod series;
pub mod stability;
pub mod stage_summary;
pub mod summary;
pub mod targets;

pub use histogram::{LogHistogram, Quantiles};
pub use summary::{RunResult, StageSummary, Summary};
