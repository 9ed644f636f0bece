//! Sweeps: many headless runs of one base scenario under overrides, on a pool of workers.
//!
//! - [`spec`]: the sweep spec (RON) → [`spec::SweepSpec`];
//! - [`overrides`]: values set by field path, validated like scenarios;
//! - [`plan`]: variants, KPIs, seeds (common random numbers), shards, `sweep.json`;
//! - [`pool`]: the crossbeam worker pool, panics caught per run;
//! - [`rows`]: `runs.csv`, appended atomically, read back after a kill;
//! - [`execute`]: running a plan into a folder, resume and precision rounds;
//! - [`statistics`] and [`results`]: `summary.csv`, `paired.csv`, the report;
//! - [`merge`]: combining shard folders;
//! - [`staffing`]: the fewest servers that meet a target;
//! - [`choice`]: the variant with the lowest KPI (a cost) among those meeting every target.

pub mod choice;
pub mod error;
pub mod execute;
pub mod kpi;
pub mod merge;
pub mod overrides;
pub mod plan;
pub mod pool;
pub mod results;
pub mod rows;
pub mod spec;
pub mod staffing;
pub mod statistics;

pub use error::SweepError;
pub use execute::{Progress, SweepOptions, SweepOutcome, run};
pub use plan::{PlanFile, Shard, SweepPlan};
