//! The events of the calendar.

use serde::{Deserialize, Serialize};

use super::agent::AgentKey;

/// The batch of an arrival that belongs to none.
pub(super) const NO_BATCH: u32 = u32::MAX;

/// A process event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum Event {
    /// The next arrival of an hourly (Poisson) source.
    PoissonArrival { source: u16 },
    /// A scheduled batch starts: its arrivals are scheduled.
    BatchStart { source: u16, batch: u32 },
    /// One arrival of a batch (by index in its source's schedule) or a surge ([`NO_BATCH`]).
    ScheduledArrival { source: u16, batch: u32 },
    /// One arrival of a traced source (by index in its trace), of trace item `batch` or lone ([`NO_BATCH`]).
    TraceArrival { source: u16, arrival: u32, batch: u32 },
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
