//! Per-agent data a domain keeps beside the engine's agents, keyed by [`AgentKey`]: a slot
//! array checked against each key's generation, so data of an agent that left is never read
//! for the next agent in its slot.

use super::agent::AgentKey;

/// A domain's data for some agents.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct AgentMap<T> {
    slots: Vec<Option<(u32, T)>>,
    len: usize,
}

impl<T> Default for AgentMap<T> {
    fn default() -> Self {
        Self { slots: Vec::new(), len: 0 }
    }
}

impl<T> AgentMap<T> {
    /// Stores `value` for agent `key`, replacing what an earlier occupant of its slot left.
    pub fn insert(&mut self, key: AgentKey, value: T) {
        let slot = key.slot as usize;
        if self.slots.len() <= slot {
            self.slots.resize_with(slot + 1, || None);
        }
        if self.slots[slot].replace((key.generation, value)).is_none() {
            self.len += 1;
        }
    }

    /// The data of agent `key`.
    pub fn get(&self, key: AgentKey) -> Option<&T> {
        match self.slots.get(key.slot as usize)? {
            Some((generation, value)) if *generation == key.generation => Some(value),
            _ => None,
        }
    }

    /// The data of agent `key`, mutably.
    pub fn get_mut(&mut self, key: AgentKey) -> Option<&mut T> {
        match self.slots.get_mut(key.slot as usize)? {
            Some((generation, value)) if *generation == key.generation => Some(value),
            _ => None,
        }
    }

    /// Takes the data of agent `key` out of the map.
    pub fn remove(&mut self, key: AgentKey) -> Option<T> {
        let entry = self.slots.get_mut(key.slot as usize)?;
        if entry.as_ref().is_some_and(|(generation, _)| *generation == key.generation) {
            self.len -= 1;
            return entry.take().map(|(_, value)| value);
        }
        None
    }

    /// Every agent's data, mutably, in slot order.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.slots.iter_mut().flatten().map(|(_, value)| value)
    }

    /// Number of agents with data.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no agent has data.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_belongs_to_one_generation_of_a_slot() {
        let mut map = AgentMap::default();
        let old = AgentKey { slot: 3, generation: 0 };
        let new = AgentKey { slot: 3, generation: 1 };
        map.insert(old, "old");
        assert_eq!(map.get(new), None);
        assert_eq!(map.remove(new), None);
        map.insert(new, "new");
        assert_eq!(map.get(old), None);
        assert_eq!(map.get(new), Some(&"new"));
        assert_eq!(map.len(), 1);
        assert_eq!(map.remove(new), Some("new"));
        assert!(map.is_empty());
    }
}
