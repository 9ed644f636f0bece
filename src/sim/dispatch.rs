//! What each calendar event does.

use super::error::RunError;
use super::event::Event;
use super::network::ProcessNetwork;
use crate::metrics::collector::Collector;

impl ProcessNetwork {
    /// Carries out `event`, which is due now.
    pub(super) fn handle(&mut self, event: Event, metrics: &mut Collector) -> Result<(), RunError> {
        match event {
            Event::PoissonArrival { source } => {
                self.schedule_next_arrival(source);
                self.spawn(source as usize, Default::default(), metrics)
            }
            Event::ScheduledArrival { source, batch } => self.scheduled_arrival(source, batch, metrics),
            Event::TraceArrival { source, arrival, batch } => self.traced_arrival(source, arrival, batch, metrics),
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
            Event::StaffingEnd { pool, change } => {
                self.staffing_end(pool as usize, change, metrics);
                Ok(())
            }
        }
    }
}
