//! Staged incidents in the process network: pending incidents by time, servers out of
//! order, roster changes in force, and what each incident does when its time comes.
//!
//! An incident fires before any calendar event at or after its time, so an incident staged
//! while the run is under way (a key press in the viewer, at the current time or later)
//! fires exactly where the same incident listed in the scenario would: replaying a recorded
//! run headless gives the same results.

use std::collections::VecDeque;

use super::rng::{Stream, stream};
use super::time::SimTime;
use crate::scenario::Scenario;
use crate::scenario::incident::Incident;

/// Incidents still to come, servers out of order, and the incidents' own random stream (saved
/// whole in a snapshot).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct Incidents {
    /// Pending incidents, by time (ties in staging order).
    pending: VecDeque<Incident>,
    /// Servers out of order, by pool.
    pub(super) down: Vec<u32>,
    /// Servers staffed instead of the roster by a roster change in force, by pool.
    pub(super) staffing: Vec<Option<u32>>,
    /// Roster changes made so far, by pool: the end of an earlier one that a later one
    /// replaced leaves the later one in force.
    pub(super) staffing_changes: Vec<u32>,
    /// Arrival times within surges.
    #[serde(with = "super::rng::saved")]
    pub(super) rng: Stream,
}

impl Incidents {
    /// The scenario's incidents, pending.
    pub(super) fn new(scenario: &Scenario, seed: u64) -> Self {
        Self {
            pending: scenario.incidents.iter().copied().collect(),
            down: vec![0; scenario.pools.len()],
            staffing: vec![None; scenario.pools.len()],
            staffing_changes: vec![0; scenario.pools.len()],
            rng: stream(seed, "incidents"),
        }
    }

    /// Time of the next pending incident.
    pub(super) fn next_at(&self) -> Option<SimTime> {
        self.pending.front().map(|i| i.at)
    }

    /// Queues an incident after every pending one at the same time or earlier.
    pub(super) fn insert(&mut self, incident: Incident) {
        let index = self.pending.partition_point(|i| i.at <= incident.at);
        self.pending.insert(index, incident);
    }

    /// The next incident if it is due before `until` and no later than the next calendar event.
    pub(super) fn pop_due(&mut self, until: SimTime, next_event: Option<SimTime>) -> Option<Incident> {
        let at = self.next_at()?;
        if at >= until || next_event.is_some_and(|e| e < at) {
            return None;
        }
        self.pending.pop_front()
    }
}
