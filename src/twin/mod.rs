//! The twin: the simulation plus its state. A [`Snapshot`] holds the whole state of a run at
//! one simulated time behind a versioned envelope; a run restored from it and finished gives
//! the same digest and summary as the run that never stopped ([`drive`]). Forecasts fork
//! replications from a snapshot, reseeding only the future. The formats and
//! commands are documented in docs/twin.md.

pub mod drive;
pub mod envelope;
pub mod error;
pub mod forecast;
pub mod snapshot;

pub use envelope::{Envelope, FORMAT_VERSION, LiveOf};
pub use error::TwinError;
pub use snapshot::{ScenarioFile, Snapshot};
