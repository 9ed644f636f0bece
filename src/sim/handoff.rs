//! The seam between the process network and micro-fidelity motion.
//!
//! In flow fidelity the network moves agents itself (a walk is a timed
//! event). In micro fidelity it hands them to the motion system instead:
//! it queues a [`MotionRequest`] wherever an agent must physically move,
//! the motion system drains them with
//! [`ProcessNetwork::take_motion_requests`](super::network::ProcessNetwork::take_motion_requests),
//! moves the body, and reports arrival with
//! [`ProcessNetwork::reached`](super::network::ProcessNetwork::reached) (at a stage, or out of
//! the port) and [`ProcessNetwork::at_server`](super::network::ProcessNetwork::at_server)
//! (at the server it was called to).
//! Queues, servers, routing and metrics stay in the network, so both
//! fidelities share that logic; only motion differs.

use super::agent::AgentKey;
use crate::scenario::model::{StageId, Target};

/// What the network asks of the motion system.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MotionRequest {
    /// A new agent of `source` appears at the source's entrance.
    Enter {
        /// The agent.
        agent: AgentKey,
        /// Index of its source.
        source: usize,
        /// Its walking speed (pedestrians), m/s.
        speed_mps: f64,
    },
    /// Move the agent to a stage, or out of the port; report arrival with `reached`.
    Go {
        /// The agent.
        agent: AgentKey,
        /// Where to.
        to: Target,
    },
    /// A server has been assigned: move the agent to it and report with `at_server` when it
    /// is there; its service starts then.
    Serve {
        /// The agent.
        agent: AgentKey,
        /// The stage.
        stage: StageId,
        /// Which server of the stage's pool.
        server: u32,
    },
    /// The agent left without walking (it balked at a full queue): remove its body.
    Gone {
        /// The agent.
        agent: AgentKey,
    },
}
