//! The events of the calendar and what each one does.

use super::agent::AgentKey;
use crate::metrics::collector::Collector;
use super::error::RunError;
use super::network::ProcessNetwork;

/// A process event.
#[derive(Debug, Clone, Copy)]
pub(super) enum Event {
    /// The next arrival of an hourly (Poisson) source.
    PoissonArrival { source: u16 },
    /// A scheduled batch starts: its arrivals are scheduled.
    BatchStart { source: u16, batch: u32 },
    /// One arrival of a batch or a surge.
    ScheduledArrival { source: u16 },
    /// An agent gets to the stage it walked or was carried to.
    Reach { agent: AgentKey },
    /// A server finishes a service.
    ServiceEnd { pool: u16, server: u32 },
    /// The hour turns: rosters apply.
    RosterHour,
    /// A server of a pool breaks down.
    Breakdown { pool: u16 },
    /// A broken server of a pool is repaired.
    Repair { pool: u16 },
    /// Servers put out of order by an incident are back.
    IncidentRepair { pool: u16, servers: u32 },
}

impl ProcessNetwork {
    /// Carries out `event`, which is due now.
    pub(super) fn handle(&mut self, event: Event, metrics: &mut Collector) -> Result<(), RunError> {
        match event {
            Event::PoissonArrival { source } => {
                self.schedule_next_arrival(source);
                self.spawn(source as usize, None, metrics)
            }
            Event::ScheduledArrival { source } => self.spawn(source as usize, None, metrics),
            Event::BatchStart { source, batch } => {
                self.start_batch(source, batch as usize);
                Ok(())
            }
            Event::Reach { agent } => self.arrive(agent, metrics),
            Event::ServiceEnd { pool, server } => self.end_service(pool as usize, server, metrics),
            Event::RosterHour => {
                self.apply_roster(metrics);
                Ok(())
            }
            Event::Breakdown { pool } => {
                self.breakdown(pool as usize, metrics);
                Ok(())
            }
            Event::Repair { pool } => {
                self.repair(pool as usize, metrics);
                Ok(())
            }
            Event::IncidentRepair { pool, servers } => {
                self.incident_repair(pool as usize, servers, metrics);
                Ok(())
            }
        }
    }
}
