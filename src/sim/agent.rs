//! Agents of the process network and the slab that holds them.
//!
//! In flow fidelity an agent is a small record, not an ECS entity: the
//! event loop touches hundreds of thousands of them per simulated day and a
//! slab keeps that loop free of entity look-ups (see the README's
//! architecture section). Slots are reused, so memory stays flat however
//! long the run.

use super::rng::AgentRng;
use super::time::SimTime;
use crate::scenario::model::{StageId, TypeId};

/// Handle of an agent in the [`AgentTable`].
pub type AgentKey = u32;

/// What an agent is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentKind {
    /// A traveller.
    Traveller,
    /// A checked bag travelling to the carousel for its owner.
    Bag {
        /// The owner's key.
        owner: AgentKey,
    },
}

/// One traveller (or bag) moving through the port.
#[derive(Debug, Clone)]
pub struct Agent {
    /// Serial number, unique within the run.
    pub id: u64,
    /// Traveller or bag.
    pub kind: AgentKind,
    /// Traveller type (a bag has its owner's).
    pub type_id: TypeId,
    /// Attribute and flag bits, by attribute id.
    pub attributes: u64,
    /// Stage the agent is at or walking to.
    pub stage: StageId,
    /// Arrival time at the port.
    pub arrived: SimTime,
    /// When it joined its current queue.
    pub queued_at: SimTime,
    /// When its current (or latest) service started.
    pub service_started: SimTime,
    /// Walking speed in m/s.
    pub speed_mps: f64,
    /// The agent's journey stream: service times, route choices, search outcomes.
    pub rng: AgentRng,
    /// Seed of the traveller's identity (face template, captures); of a bag, its packing and scans.
    pub identity_seed: u64,
    /// Contraband carried (traveller: on them and in cabin bags; bag: inside it).
    pub contraband: u8,
    /// Uses someone else's document.
    pub impostor: bool,
    /// Face captures taken so far.
    pub face_attempts: u32,
    /// Checked bags not yet on the carousel.
    pub bags_pending: u8,
    /// Waiting at reclaim for those bags.
    pub waiting_for_bags: bool,
    /// Services received so far.
    pub stops: u8,
    /// Services received from officers (not machines).
    pub manual_stops: u8,
    /// Has been searched.
    pub searched: bool,
    /// The robot assisting the current service, if any.
    pub robot: Option<u16>,
}

/// Agents in the port, in reusable slots.
#[derive(Default)]
pub struct AgentTable {
    slots: Vec<Option<Agent>>,
    free: Vec<AgentKey>,
    live: usize,
}

impl AgentTable {
    /// Stores an agent and returns its key.
    pub fn insert(&mut self, agent: Agent) -> AgentKey {
        self.live += 1;
        match self.free.pop() {
            Some(key) => {
                self.slots[key as usize] = Some(agent);
                key
            }
            None => {
                self.slots.push(Some(agent));
                (self.slots.len() - 1) as AgentKey
            }
        }
    }

    /// Removes an agent, freeing its slot.
    pub fn remove(&mut self, key: AgentKey) -> Option<Agent> {
        let agent = self.slots.get_mut(key as usize)?.take()?;
        self.free.push(key);
        self.live -= 1;
        Some(agent)
    }

    /// The agent at `key`.
    pub fn get(&self, key: AgentKey) -> Option<&Agent> {
        self.slots.get(key as usize)?.as_ref()
    }

    /// The agent at `key`, mutably.
    pub fn get_mut(&mut self, key: AgentKey) -> Option<&mut Agent> {
        self.slots.get_mut(key as usize)?.as_mut()
    }

    /// Number of agents (travellers and bags) in the port.
    pub fn live(&self) -> usize {
        self.live
    }

    /// Every agent in the port with its key.
    pub fn iter(&self) -> impl Iterator<Item = (AgentKey, &Agent)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(k, a)| a.as_ref().map(|a| (k as AgentKey, a)))
    }
}
