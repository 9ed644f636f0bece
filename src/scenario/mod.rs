//! Scenario files: the RON format, its validation, and located errors.
//!
//! `scenario.ron` → [`RawScenario`] (serde mirror, `deny_unknown_fields`) →
//! [`Scenario`] (checked, names resolved). Errors carry the file, line,
//! column and field path of the offending value.

pub mod error;
pub mod import;
pub mod incident;
pub mod layout;
mod load;
pub mod locate;
pub mod model;
pub mod model_cargo;
pub mod model_checks;
pub mod ordered_map;
pub mod raw;
pub mod raw_cargo;
pub mod raw_checks;
pub mod raw_incidents;
pub mod raw_layout;
pub mod text_file;
mod validate;

pub use error::{Diagnostic, ScenarioError};
pub use load::{from_raw, load, parse, parse_raw, parse_ron};
pub use model::Scenario;
pub use raw::RawScenario;
