//! The network's side of micro fidelity: the motion system takes the moves the network asked
//! for and reports arrivals, servers reached and portals passed (see [`super::handoff`]).

use super::agent::AgentKey;
use super::error::RunError;
use super::event::Event;
use super::handoff::MotionRequest;
use super::network::ProcessNetwork;
use crate::metrics::collector::Collector;
use crate::scenario::model::Target;

impl ProcessNetwork {
    /// Micro fidelity: the moves asked for since the last call, in the order they arose.
    pub fn take_motion_requests(&mut self) -> Vec<MotionRequest> {
        std::mem::take(&mut self.core.requests)
    }

    /// Micro fidelity: the motion system reports that an agent got where a [`MotionRequest::Go`]
    /// sent it, now; the network carries on as if a flow-fidelity walk had ended.
    pub fn reached(&mut self, key: AgentKey, to: Target, metrics: &mut Collector) -> Result<(), RunError> {
        match to {
            Target::Exit => self.exit(key, metrics),
            Target::Stage(_) => self.arrive(key, metrics),
        }
    }

    /// Micro fidelity: the agent called to a server by [`MotionRequest::Serve`] has got to it;
    /// its service runs from now. (The server counts as busy from the call: walking up is part of
    /// its occupancy, as at a real desk.)
    pub fn at_server(&mut self, key: AgentKey) {
        if let Some((pool, server, service)) = self.walking_up.remove(&key) {
            self.calendar.schedule(self.core.now + service, Event::ServiceEnd { pool, server });
        }
    }

    /// Micro fidelity: the agent with serial number `serial` has passed a scanner portal's
    /// sensor; its domain decides what that means (a drive-through scan).
    pub fn passed_portal(&mut self, serial: u64, metrics: &mut Collector) -> Result<(), RunError> {
        let Some((key, domain)) = self.core.agents.iter().find(|(_, a)| a.id == serial).map(|(k, a)| (k, a.domain)) else {
            return Ok(());
        };
        self.call(domain, metrics, |domain, cx| domain.passed_portal(cx, key))
    }
}
