//! Server pools: servers, their queue, and the roster that staffs them.

use std::collections::VecDeque;

use super::agent::AgentKey;
use super::distribution::ServiceSampler;
use super::robots::{FleetState, RobotFleet};
use crate::scenario::model::{Discipline, Pool, TypeId};

/// The live state of one pool.
pub struct PoolState {
    /// What each installed server is doing (`None` = idle).
    servers: Vec<Option<AgentKey>>,
    /// Servers serving someone.
    busy: u32,
    /// Servers the roster staffs now.
    staffed: u32,
    /// Waiting agents, one FIFO lane per priority class.
    lanes: Vec<VecDeque<AgentKey>>,
    waiting: u32,
    /// Class of each traveller type (all 0 under FIFO).
    class_of_type: Vec<u8>,
    /// Maximum waiting, if limited.
    capacity: Option<u32>,
    /// Service-time sampler.
    service: ServiceSampler,
    /// A type's own sampler, by type id (`None`: `service`).
    service_by_type: Vec<Option<ServiceSampler>>,
    /// Vehicles and groups are served occupant by occupant.
    pub per_occupant: bool,
    /// Robots assisting the servers.
    pub robots: Option<RobotFleet>,
}

impl PoolState {
    /// A pool staffed for hour `hour` with nobody waiting.
    pub fn new(pool: &Pool, types: usize, hour: usize) -> Self {
        let (class_of_type, classes) = match &pool.discipline {
            Discipline::Fifo => (vec![0; types], 1),
            Discipline::Priority { class_of_type, classes } => (class_of_type.clone(), *classes as usize),
        };
        Self {
            servers: vec![None; pool.max_servers() as usize],
            busy: 0,
            staffed: pool.roster[hour],
            lanes: vec![VecDeque::new(); classes],
            waiting: 0,
            class_of_type,
            capacity: pool.capacity,
            service: ServiceSampler::new(&pool.service),
            service_by_type: pool.service_by_type.iter().map(|s| s.as_ref().map(ServiceSampler::new)).collect(),
            per_occupant: pool.per_occupant,
            robots: pool.robots.map(RobotFleet::new),
        }
    }

    /// The service-time sampler for an agent of type `type_id`.
    pub fn service_of(&self, type_id: TypeId) -> &ServiceSampler {
        self.service_by_type.get(type_id).and_then(Option::as_ref).unwrap_or(&self.service)
    }

    /// Claims an idle staffed server for `agent`, if one is free.
    pub fn try_seize(&mut self, agent: AgentKey) -> Option<u32> {
        if self.busy >= self.staffed {
            return None;
        }
        let server = self.servers.iter().position(Option::is_none)?;
        self.servers[server] = Some(agent);
        self.busy += 1;
        Some(server as u32)
    }

    /// Frees `server`, returning the agent it was serving.
    pub fn release(&mut self, server: u32) -> Option<AgentKey> {
        let agent = self.servers.get_mut(server as usize)?.take()?;
        self.busy -= 1;
        Some(agent)
    }

    /// True when the queue cannot take another agent.
    pub fn is_full(&self) -> bool {
        self.capacity.is_some_and(|cap| self.waiting >= cap)
    }

    /// Puts an agent of `type_id` at the back of its class's lane.
    pub fn enqueue(&mut self, agent: AgentKey, type_id: TypeId) {
        let class = self.class_of_type.get(type_id).copied().unwrap_or(0) as usize;
        self.lanes[class].push_back(agent);
        self.waiting += 1;
    }

    /// Takes `agent` out of the queue without serving it (a queue correction); false if it was not waiting.
    pub fn remove_waiting(&mut self, agent: AgentKey) -> bool {
        for lane in &mut self.lanes {
            if let Some(i) = lane.iter().position(|k| *k == agent) {
                lane.remove(i);
                self.waiting -= 1;
                return true;
            }
        }
        false
    }

    /// Takes the next agent to serve (highest class first), if a server is free for it.
    pub fn next_waiting(&mut self) -> Option<AgentKey> {
        if self.busy >= self.staffed || self.waiting == 0 {
            return None;
        }
        let agent = self.lanes.iter_mut().find_map(VecDeque::pop_front)?;
        self.waiting -= 1;
        Some(agent)
    }

    /// Sets the staffed count; servers above it finish their agent, then leave.
    pub fn set_staffed(&mut self, staffed: u32) {
        self.staffed = staffed;
    }

    /// Servers serving someone.
    pub fn busy(&self) -> u32 {
        self.busy
    }

    /// Servers staffed by the roster now.
    pub fn staffed(&self) -> u32 {
        self.staffed
    }

    /// Agents waiting.
    pub fn waiting(&self) -> u32 {
        self.waiting
    }

    /// Servers on duty: the staffed ones plus any still finishing after their shift ended.
    pub fn on_duty(&self) -> u32 {
        self.staffed.max(self.busy)
    }

    /// Agents waiting, highest class first.
    pub fn waiting_agents(&self) -> impl Iterator<Item = AgentKey> + '_ {
        self.lanes.iter().flatten().copied()
    }

    /// The agent being served at each busy server.
    pub fn in_service(&self) -> impl Iterator<Item = (u32, AgentKey)> + '_ {
        self.servers.iter().enumerate().filter_map(|(s, a)| a.map(|a| (s as u32, a)))
    }
}

/// What changes in a pool during a run, as a snapshot saves it (service law, priority classes
/// and capacity stay the scenario's).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PoolDynamics {
    servers: Vec<Option<AgentKey>>,
    busy: u32,
    staffed: u32,
    lanes: Vec<VecDeque<AgentKey>>,
    waiting: u32,
    robots: Option<FleetState>,
}

impl PoolState {
    /// The state to save.
    pub fn save(&self) -> PoolDynamics {
        PoolDynamics {
            servers: self.servers.clone(),
            busy: self.busy,
            staffed: self.staffed,
            lanes: self.lanes.clone(),
            waiting: self.waiting,
            robots: self.robots.as_ref().map(RobotFleet::save),
        }
    }

    /// Continues from a saved state. A scenario with more servers installed gets them idle;
    /// one whose priority classes or robots differ is refused.
    pub fn resume(&mut self, state: PoolDynamics) -> Result<(), String> {
        if state.lanes.len() != self.lanes.len() {
            return Err(format!(
                "its priority classes changed ({} in the snapshot, {} now)",
                state.lanes.len(),
                self.lanes.len()
            ));
        }
        match (&mut self.robots, state.robots) {
            (Some(fleet), Some(saved)) => fleet.resume(saved)?,
            (None, None) => {}
            _ => return Err("it gained or lost its robots".into()),
        }
        let installed = self.servers.len().max(state.servers.len());
        self.servers = state.servers;
        self.servers.resize(installed, None);
        self.busy = state.busy;
        self.staffed = state.staffed;
        self.lanes = state.lanes;
        self.waiting = state.waiting;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(slot: u32) -> AgentKey {
        AgentKey { slot, generation: 0 }
    }
    use crate::scenario::model::ServiceTime;

    fn pool(servers: u32, discipline: Discipline, capacity: Option<u32>) -> PoolState {
        let pool = Pool {
            name: "p".into(),
            roster: [servers; 24],
            service: ServiceTime::Constant { s: 1.0 },
            service_by_type: Vec::new(),
            mean_service_s: 1.0,
            discipline,
            capacity,
            automated: false,
            per_occupant: false,
            robots: None,
            breakdown: None,
        };
        PoolState::new(&pool, 2, 0)
    }

    #[test]
    fn priority_lane_is_served_first_and_fifo_within() {
        let mut p = pool(
            1,
            Discipline::Priority {
                class_of_type: vec![1, 0],
                classes: 2,
            },
            None,
        );
        assert_eq!(p.try_seize(key(100)), Some(0));
        p.enqueue(key(1), 0);
        p.enqueue(key(2), 1);
        p.enqueue(key(3), 1);
        assert_eq!(p.next_waiting(), None, "the only server is busy");
        p.release(0);
        assert_eq!(p.next_waiting(), Some(key(2)));
        p.try_seize(key(2));
        p.release(0);
        assert_eq!(p.next_waiting(), Some(key(3)));
        p.try_seize(key(3));
        p.release(0);
        assert_eq!(p.next_waiting(), Some(key(1)));
    }

    #[test]
    fn shrinking_roster_lets_busy_servers_finish() {
        let mut p = pool(2, Discipline::Fifo, Some(1));
        p.try_seize(key(1));
        p.try_seize(key(2));
        p.enqueue(key(3), 0);
        assert!(p.is_full());
        p.set_staffed(1);
        assert_eq!(p.on_duty(), 2);
        p.release(0);
        assert_eq!(p.next_waiting(), None, "still one busy, one staffed");
        p.release(1);
        assert_eq!(p.next_waiting(), Some(key(3)));
    }
}
