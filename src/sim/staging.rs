//! Staged incidents happening: a surge of arrivals, servers out of order, a smuggler, a roster
//! change. An
//! incident fires before any calendar event at or after its time (see [`super::incidents`]).

use rand::RngExt;

use super::arrivals::Origin;
use super::error::RunError;
use super::event::{Event, NO_BATCH};
use super::network::ProcessNetwork;
use super::time::SimTime;
use crate::metrics::collector::Collector;
use crate::scenario::incident::{Incident, IncidentKind};

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
                    self.calendar.schedule(
                        at,
                        Event::ScheduledArrival {
                            source: source as u16,
                            batch: NO_BATCH,
                        },
                    );
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
            IncidentKind::Staffing { pool, servers, duration } => {
                self.incidents.staffing[pool] = Some(servers);
                self.incidents.staffing_changes[pool] += 1;
                let change = self.incidents.staffing_changes[pool];
                self.restaff(pool, metrics);
                self.calendar
                    .schedule(self.core.now + duration, Event::StaffingEnd { pool: pool as u16, change });
                Ok(())
            }
            IncidentKind::Contraband { source, items } => {
                let origin = Origin {
                    staged: Some(items),
                    ..Origin::default()
                };
                self.spawn(source, origin, metrics)
            }
        }
    }

    /// Roster change number `change` of `pool` ends: its roster applies again, unless a later
    /// change replaced this one.
    pub(super) fn staffing_end(&mut self, pool: usize, change: u32, metrics: &mut Collector) {
        if self.incidents.staffing_changes[pool] == change {
            self.incidents.staffing[pool] = None;
            self.restaff(pool, metrics);
        }
    }

    /// Servers of `pool` put out of order by an incident are back in order.
    pub(super) fn incident_repair(&mut self, pool: usize, servers: u32, metrics: &mut Collector) {
        self.incidents.down[pool] = self.incidents.down[pool].saturating_sub(servers);
        self.restaff(pool, metrics);
    }
}
