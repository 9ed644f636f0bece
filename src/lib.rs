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
//! - [`domains`]: the registry of domains — each a folder owning its scenario section, checks,
//!   agent data, run state, summary section and presentation:
//!   - [`passengers`]: travellers' hidden truth, face verification, advance screening,
//!     searches, checked bags with CT screening and reclaim (docs/passengers.md);
//!   - [`cargo`]: trucks and containers through clearance (risk targeting into lanes under
//!     [`cargo::clearance`]), scanning with the image model, analysts, inspections, audits
//!     (docs/cargo.md);
//! - [`presentation`]: the sections every front end renders;
//! - [`report`]: a run's files, written atomically, and the HTML reports with charts;
//! - [`stats`]: Student's t, confidence intervals, paired comparisons;
//! - [`sweep`]: sweep specs, the worker pool, shards, merging, staffing search;
//! - [`run`]: [`build_app`] and [`finish_run`];
//! - [`stepper`]: [`run_headless`], the library entry point, and [`Stepper`], a run advanced
//!   from outside (to a time, staging incidents), which the Python package's `Simulation` and
//!   [`run_headless`] both drive;
//! - [`twin`]: snapshots of a run's whole state, runs restored from them, forecasts (docs/twin.md);
//! - [`live`]: a live feed of event-log messages driving a run behind a watermark;
//! - `viewer` (cargo feature `viewer`): the 3D viewer, driving the same simulation.
//!
//! ```no_run
//! let scenario = porttwin::scenario::load("scenarios/land_port_day.ron".as_ref()).unwrap();
//! let result = porttwin::run_headless(&scenario, porttwin::Seed(7), &Default::default()).unwrap();
//! println!("{} served, digest {}", result.summary.served, result.summary.digest);
//! ```

/// The domains, in registration order: module, domain type, and the key of its scenario
/// section. Adding a domain is one line here (docs/domains.md); everything else about it lives
/// in its folder.
#[macro_export]
#[doc(hidden)]
macro_rules! for_each_domain {
    ($callback:ident) => {
        $callback! {
            passengers::Passengers: screening,
            cargo::Cargo: cargo,
            parcels::Parcels: parcels,
        }
    };
}

/// Declares each registered domain's module (`pub mod passengers;` …).
macro_rules! declare_domain_modules {
    ($($module:ident :: $domain:ident : $section:ident),* $(,)?) => {
        $(pub mod $module;)*
    };
}

for_each_domain!(declare_domain_modules);
pub mod calibrate;
pub mod detect;
pub mod domains;
pub mod eventlog;
pub mod live;
pub mod metrics;
pub mod motion;
pub mod presentation;
pub mod report;
pub mod run;
pub mod scenario;
pub mod sim;
pub mod stats;
pub mod stepper;
pub mod sweep;
pub mod twin;
#[cfg(feature = "viewer")]
pub mod viewer;

pub use run::{RunOptions, Seed, build_app, build_app_with, finish_run};
pub use stepper::{Stepper, run_headless, run_headless_observed, run_headless_watched};

/// The types most users need.
pub mod prelude {
    pub use crate::metrics::{RunResult, Summary};
    pub use crate::run::{RunOptions, Seed, build_app};
    pub use crate::scenario::{Scenario, ScenarioError};
    pub use crate::sim::time::SimTime;
    pub use crate::sim::{SimPlugin, SimSystems};
    pub use crate::stepper::run_headless;
}
