//! A routing condition as written: on an agent's type, attributes and flags.

use serde::{Deserialize, Serialize};

/// A condition on an agent's type and attributes.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawCondition {
    /// Always true (the fallback branch).
    Always,
    /// The agent has this attribute.
    Has(String),
    /// The agent lacks this attribute.
    Lacks(String),
    /// The agent is of this traveller type.
    TypeIs(String),
    /// Every condition holds.
    All(Vec<RawCondition>),
    /// At least one condition holds.
    Any(Vec<RawCondition>),
}
