//! Calibration (`porttwin calibrate SPEC`, docs/event-log.md#calibration): fitting parameters
//! named by field paths to an observed event log by approximate Bayesian computation.
//!
//! - [`spec`]: the spec (RON) → [`spec::CalibrationSpec`];
//! - [`prior`]: uniform and truncated-normal priors;
//! - [`statistics`]: the statistics compared, by name, from what a log says;
//! - [`abc`]: ABC-SMC (Beaumont et al. 2009; Toni et al. 2009);
//! - [`adjust`]: the local-linear regression adjustment of the final population;
//! - [`fit`]: simulations on the sweep's worker pool, the posterior's intervals and the fit;
//! - [`exchange`]: shards of one calibration in lockstep over a shared folder.

pub mod abc;
pub mod adjust;
pub mod error;
pub mod exchange;
pub mod fit;
pub mod prior;
pub mod spec;
pub mod statistics;

pub use error::CalibrateError;
pub use exchange::Exchange;
pub use fit::{Calibration, calibrate, calibrate_sharded};
pub use spec::{CalibrationSpec, load};
