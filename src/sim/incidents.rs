//! Staged incidents in the process network: pending incidents by time, servers out of
//! order, and what each incident does when its time comes.
//!
//! An incident fires before any calendar event at or after its time, so an incident staged
//! while the run is under way (a key press in the viewer, at the current time or later)
//! fires exactly where the same incident listed in the scenario would: replaying a recorded
//! run headless gives the same results.

use rand::RngExt;
use std::collections::VecDeque;

use super::error::RunError;
use super::events::Event;
use super::network::ProcessNetwork;
use super::rng::{Stream, stream};
use super::time::SimTime;
use crate::metrics::collector::Collector;
use crate::scenario::Scenario;
use crate::scenario::incident::{Incident, IncidentKind};

/// Incidents still to come, servers out of order, and the incidents' own random stream.
pub(super) struct Incidents {
    /// Pending incidents, by time (ties in staging order).
    pending: VecDeque<Incident>,
    /// Servers out of order, by pool.
    pub(super) down: Vec<u32>,
    /// Arrival times within surges.
    rng: Stream,
}

impl Incidents {
    /// The scenario's incidents, pending.
    pub(super) fn new(scenario: &Scenario, seed: u64) -> Self {
        Self {
            pending: scenario.incidents.iter().copied().collect(),
            down: vec![0; scenario.pools.len()],
            rng: stream(seed, "incidents"),
        }
    }

    /// Time of the next pending incident.
    pub(super) fn next_at(&self) -> Option<SimTime> {
        self.pending.front().map(|i| i.at)
    }

    /// Queues an incident after every pending one at the same time or earlier.
    fn insert(&mut self, incident: Incident) {
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

impl ProcessNetwork {
    /// Stages an incident during the run (no earlier than now); returns it with the time it
    /// will happen, which is what a replay lists in the scenario's `incidents`.
    pub fn stage_incident(&mut self, mut incident: Incident) -> Incident {
        incident.at = incident.at.max(self.core.now);
        self.incidents.insert(incident);
        incident
    }

    /// Carries out an incident whose time has come.
    pub(super) fn fire(&mut self, incident: Incident, metrics: &mut Collector) -> Result<(), RunError> {
        match incident.kind {
            IncidentKind::Surge { source, count, spread } => {
                let mut times: Vec<SimTime> = (0..count)
                    .map(|_| {
                        let u: f64 = self.incidents.rng.random();
                        SimTime(self.core.now.0 + (u * spread.0 as f64) as u64)
                    })
                    .collect();
                times.sort_unstable();
                for at in times {
                    self.calendar.schedule(at, Event::ScheduledArrival { source: source as u16 });
                }
                Ok(())
            }
            IncidentKind::Breakdown { pool, servers, duration } => {
                self.incidents.down[pool] += servers;
                self.restaff(pool, metrics);
                self.calendar.schedule(
                    self.core.now + duration,
                    Event::IncidentRepair {
                        pool: pool as u16,
                        servers,
                    },
                );
                Ok(())
            }
            IncidentKind::Contraband { source, items } => self.spawn(source, Some(items), metrics),
        }
    }

    /// Servers of `pool` put out of order by an incident are back in order.
    pub(super) fn incident_repair(&mut self, pool: usize, servers: u32, metrics: &mut Collector) {
        self.incidents.down[pool] = self.incidents.down[pool].saturating_sub(servers);
        self.restaff(pool, metrics);
    }
}
