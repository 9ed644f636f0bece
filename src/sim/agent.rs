//! Agents of the process network and the slab that holds them.
//!
//! In flow fidelity an agent is a small record, not an ECS entity: the
//! event loop touches hundreds of thousands of them per simulated day and a
//! slab keeps that loop free of entity look-ups (see the README's
//! architecture section). Slots are reused, so memory stays flat however
//! long the run; each reuse bumps the slot's generation, so a key kept after
//! its agent left never finds the slot's next occupant.

use serde::{Deserialize, Serialize};

use super::rng::AgentRng;
use super::time::SimTime;
use crate::scenario::domain_model::DomainId;
use crate::scenario::model::{SourceId, StageId, TypeId};

/// Handle of an agent in the [`AgentTable`]: its slot and the slot's generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AgentKey {
    /// Slot in the table.
    pub slot: u32,
    /// How many agents held the slot before this one.
    pub generation: u32,
}

/// How an agent gets from stage to stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mobility {
    /// It walks or drives: stages' walking distances take time in flow fidelity, and micro
    /// fidelity moves its body through the layout.
    Moves,
    /// It is carried (a checked bag on a belt, a parcel on a sorter): only stage delays move it.
    Conveyed,
}

/// One agent moving through the port, as the engine sees it; what a domain knows about it
/// beyond this (a traveller's documents, a truck's container) the domain keeps by [`AgentKey`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Agent {
    /// Serial number, unique within the run.
    pub id: u64,
    /// The domain it belongs to.
    pub domain: DomainId,
    /// The source it arrived from.
    pub source: SourceId,
    /// Walking and driving, or carried.
    pub mobility: Mobility,
    /// Counted in the port's arrivals, exits and time in system (a companion such as a
    /// checked bag is not).
    pub counted: bool,
    /// Agent type (a companion has its principal's).
    pub type_id: TypeId,
    /// Attribute and flag bits, allocated by the scenario's [`crate::scenario::flags::Flags`].
    pub attributes: u64,
    /// Stage the agent is at or moving to.
    pub stage: StageId,
    /// Arrival time at the port.
    pub arrived: SimTime,
    /// When it joined its current queue (or began to be held at a stage).
    pub queued_at: SimTime,
    /// When its current (or latest) service started.
    pub service_started: SimTime,
    /// Speed in m/s (walking, or driving in flow fidelity).
    pub speed_mps: f64,
    /// The agent's journey stream: service times, route choices.
    pub rng: AgentRng,
    /// Seed of the agent's own identity (a domain derives its hidden truth and its scans from it).
    pub seed: u64,
    /// Held at a stage without a pool by its domain (a traveller at reclaim waiting for bags).
    pub held: bool,
    /// Services received so far.
    pub stops: u8,
    /// Services received from officers (not machines).
    pub manual_stops: u8,
    /// The robot assisting the current service, if any.
    pub robot: Option<u16>,
    /// The label group of the batch it came with ([`crate::metrics::groups::GroupIndex`]), if any.
    pub batch_label: Option<u16>,
    /// Time spent waiting so far, over every stage.
    pub waited: SimTime,
    /// The types of the occupants it carries, when it is a vehicle or a group (a car, a
    /// family); empty for a lone agent.
    pub occupants: Vec<TypeId>,
}

impl Agent {
    /// A new agent of `domain` from `source`, arriving now at `stage`, with its own `seed`
    /// (its journey stream starts from it).
    pub fn new(id: u64, domain: DomainId, source: SourceId, type_id: TypeId, stage: StageId, now: SimTime, seed: u64) -> Self {
        Self {
            id,
            domain,
            source,
            mobility: Mobility::Moves,
            counted: true,
            type_id,
            attributes: 0,
            stage,
            arrived: now,
            queued_at: now,
            service_started: now,
            speed_mps: 1.0,
            rng: AgentRng::new(seed),
            seed,
            held: false,
            stops: 0,
            manual_stops: 0,
            robot: None,
            batch_label: None,
            waited: SimTime::ZERO,
            occupants: Vec::new(),
        }
    }

    /// How many people it counts for in arrivals, exits and waits: its occupants, or 1 for a
    /// lone agent.
    pub fn people(&self) -> u64 {
        self.occupants.len().max(1) as u64
    }

    /// Whether flag or attribute `bit` is set.
    pub fn has(&self, bit: u8) -> bool {
        self.attributes & (1u64 << bit) != 0
    }

    /// Sets or clears flag `bit`.
    pub fn set(&mut self, bit: u8, on: bool) {
        if on {
            self.attributes |= 1u64 << bit;
        } else {
            self.attributes &= !(1u64 << bit);
        }
    }
}

#[derive(Clone, Serialize, Deserialize)]
struct Slot {
    generation: u32,
    agent: Option<Agent>,
}

/// Agents in the port, in reusable slots (saved whole in a snapshot: the free list decides
/// which slot the next agent takes).
#[derive(Default, Clone, Serialize, Deserialize)]
pub struct AgentTable {
    slots: Vec<Slot>,
    free: Vec<u32>,
    live: usize,
}

impl AgentTable {
    /// Stores an agent and returns its key.
    pub fn insert(&mut self, agent: Agent) -> AgentKey {
        self.live += 1;
        match self.free.pop() {
            Some(slot) => {
                let entry = &mut self.slots[slot as usize];
                entry.generation += 1;
                entry.agent = Some(agent);
                AgentKey {
                    slot,
                    generation: entry.generation,
                }
            }
            None => {
                self.slots.push(Slot {
                    generation: 0,
                    agent: Some(agent),
                });
                AgentKey {
                    slot: (self.slots.len() - 1) as u32,
                    generation: 0,
                }
            }
        }
    }

    /// Removes an agent, freeing its slot.
    pub fn remove(&mut self, key: AgentKey) -> Option<Agent> {
        let entry = self.slots.get_mut(key.slot as usize).filter(|s| s.generation == key.generation)?;
        let agent = entry.agent.take()?;
        self.free.push(key.slot);
        self.live -= 1;
        Some(agent)
    }

    /// The agent at `key`, if it is still in the port.
    pub fn get(&self, key: AgentKey) -> Option<&Agent> {
        self.slots
            .get(key.slot as usize)
            .filter(|s| s.generation == key.generation)?
            .agent
            .as_ref()
    }

    /// The agent at `key`, mutably.
    pub fn get_mut(&mut self, key: AgentKey) -> Option<&mut Agent> {
        self.slots
            .get_mut(key.slot as usize)
            .filter(|s| s.generation == key.generation)?
            .agent
            .as_mut()
    }

    /// Number of agents (counted ones and companions) in the port.
    pub fn live(&self) -> usize {
        self.live
    }

    /// Every agent in the port with its key, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (AgentKey, &Agent)> {
        self.slots.iter().enumerate().filter_map(|(slot, s)| {
            s.agent.as_ref().map(|a| {
                let key = AgentKey {
                    slot: slot as u32,
                    generation: s.generation,
                };
                (key, a)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent(id: u64) -> Agent {
        Agent::new(id, 0, 0, 0, 0, SimTime::ZERO, id)
    }

    #[test]
    fn a_key_kept_after_its_agent_left_does_not_find_the_next_occupant_of_its_slot() {
        let mut table = AgentTable::default();
        let first = table.insert(agent(1));
        assert_eq!(table.remove(first).map(|a| a.id), Some(1));
        let second = table.insert(agent(2));
        assert_eq!(second.slot, first.slot, "the slot is reused");
        assert!(table.get(first).is_none(), "the stale key finds nobody");
        assert!(table.remove(first).is_none());
        assert_eq!(table.get(second).map(|a| a.id), Some(2));
        assert_eq!(table.live(), 1);
    }
}
