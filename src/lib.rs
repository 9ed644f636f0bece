//! porttwin: a simulation and digital-twin testbed for smart border ports.
//!
//! The map of the crate:
//! - [`scenario`]: the RON scenario format, raw → validated, located errors;
//! - [`sim`]: simulated time, seeded streams, the event calendar, sources,
//!   queues, server pools with rosters and routing, as the Bevy [`sim::SimPlugin`];
//! - [`motion`]: micro fidelity — layout geometry, navigation, pedestrian and vehicle models,
//!   Rapier colliders and portal sensors, as the Bevy [`motion::MotionPlugin`];
//! - [`metrics`]: collectors, the streaming wait-time histogram, series,
//!   summaries, digests and the stability verdict;
//! - [`detect`]: synthetic scanner images, the shipped ONNX models on two
//!   backends (ONNX Runtime loaded at run time, or tract), detectors with
//!   per-class thresholds and their metrics;
//! - [`clearance`]: customs declarations with a hidden ground truth, the
//!   features the risk model scores, and risk targeting into lanes;
//! - [`cargo`]: trucks and containers through clearance — lodgement, scanning with the
//!   image model, analysts, inspections, breakdowns and their KPIs (docs/cargo.md);
//! - [`report`]: a run's files, written atomically, and the HTML reports with charts;
//! - [`stats`]: Student's t, confidence intervals, paired comparisons;
//! - [`sweep`]: sweep specs, the worker pool, shards, merging, staffing search;
//! - [`run`]: [`build_app`] and [`run_headless`], the library entry points;
//! - `viewer` (cargo feature `viewer`): the 3D viewer, driving the same simulation.
//!
//! ```no_run
//! let scenario = porttwin::scenario::load("scenarios/land_port_day.ron".as_ref()).unwrap();
//! let result = porttwin::run_headless(&scenario, porttwin::Seed(7), &Default::default()).unwrap();
//! println!("{} served, digest {}", result.summary.served, result.summary.digest);
//! ```

pub mod cargo;
pub mod clearance;
pub mod detect;
pub mod metrics;
pub mod motion;
pub mod passengers;
pub mod report;
pub mod run;
pub mod scenario;
pub mod sim;
pub mod stats;
pub mod sweep;
#[cfg(feature = "viewer")]
pub mod viewer;

pub use run::{RunOptions, Seed, build_app, build_app_with, finish_run, run_headless, run_headless_observed};

/// The types most users need.
pub mod prelude {
    pub use crate::metrics::{RunResult, Summary};
    pub use crate::run::{RunOptions, Seed, build_app, run_headless};
    pub use crate::scenario::{Scenario, ScenarioError};
    pub use crate::sim::time::SimTime;
    pub use crate::sim::{SimPlugin, SimSystems};
}
