//! Scenario files: the RON format, its validation, and located errors.
//!
//! `scenario.ron` → [`RawScenario`] (serde mirror, `deny_unknown_fields`) →
//! [`Scenario`] (checked, names resolved). Errors carry the file, line,
//! column and field path of the offending value.

pub mod check;
pub mod costs;
pub mod domain_model;
pub mod error;
pub mod flags;
pub mod import;
pub mod incident;
pub mod layout;
mod load;
pub mod locate;
pub mod model;
pub mod ordered_map;
pub mod raw;
pub mod raw_check;
pub mod raw_condition;
pub mod raw_costs;
pub mod raw_incidents;
pub mod raw_layout;
pub mod replay;
pub mod text_file;
pub mod trace;
pub(crate) mod validate;

pub use error::{Diagnostic, ScenarioError};
pub use load::{from_raw, load, parse, parse_raw, parse_ron};
pub use model::Scenario;
pub use raw::RawScenario;
