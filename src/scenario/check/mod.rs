//! What every part of scenario validation shares — the core's and each domain's: the
//! problem collector, conditions, and the route graph.

mod checker;
mod condition;
mod graph;

pub use checker::Checker;
pub(crate) use condition::check_condition;
pub(crate) use graph::{reachable_from, successors};
