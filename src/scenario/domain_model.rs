//! A domain's validated part of a scenario, as the scenario holds it: the scenario knows the
//! domains it uses by name and id only; each domain reads its own part back (see
//! [`crate::domains`]).

use std::any::Any;
use std::fmt::Debug;

/// Index of a domain in [`crate::scenario::Scenario::domains`].
pub type DomainId = u8;

/// A domain's validated part of a scenario: what it needs to run.
pub trait DomainModel: Debug + Send + Sync {
    /// The domain's name: its key in `summary.json` and its section in reports.
    fn name(&self) -> &'static str;
    /// The model itself, for the domain to read its own type back.
    fn as_any(&self) -> &dyn Any;
}
