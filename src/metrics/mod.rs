//! Measurements: collectors during the run, summaries and series after it.

pub mod collector;
pub mod cost_section;
pub mod costs;
pub mod digest;
pub mod group_stats;
pub mod group_summary;
pub mod groups;
pub mod histogram;
pub mod micro;
pub mod segments;
pub mod series;
pub mod stability;
pub mod stage_summary;
pub mod summary;
pub mod targets;

pub use histogram::{LogHistogram, Quantiles};
pub use summary::{RunResult, StageSummary, Summary};
