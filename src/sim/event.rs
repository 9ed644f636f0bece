//! The events of the calendar.

use super::agent::AgentKey;

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
    /// A roster change ends (unless roster change number `change` of the pool was replaced).
    StaffingEnd { pool: u16, change: u32 },
}
