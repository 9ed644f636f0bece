//! What bodies report back to the process network.

use crate::scenario::model::Target;
use crate::sim::agent::AgentKey;

/// An agent got somewhere the network sent it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// At a stage (lined up, or at its waypoint), or out of the port.
    Reached(AgentKey, Target),
    /// At the server it was called to: its service starts.
    AtServer(AgentKey),
}
