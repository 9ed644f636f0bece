//! Recorded inputs of a replay, validated: a source's arrivals as a log recorded them
//! ([`Trace`], the `Trace(..)` arrivals variant), and the staffing and breakdowns a forced
//! replay applies instead of the rosters and breakdown laws ([`Forced`]).

use super::model::{PoolId, StageId, TypeId};
use crate::sim::time::SimTime;

/// One arrival as a log recorded it; what it leaves out is drawn as for any arrival.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TracedArrival {
    /// When it arrived.
    pub at: SimTime,
    /// Its type, if recorded.
    pub type_id: Option<TypeId>,
    /// Its own seed, if recorded (a porttwin log has it; other logs do not).
    pub seed: Option<u64>,
    /// Its scenario attribute bits, if recorded.
    pub attributes: Option<u64>,
}

/// What drives a traced source next: a lone arrival, or a batch whose arrivals were expected
/// together (a flight's passenger list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraceItem {
    /// One arrival, by index into [`Trace::arrivals`].
    Single(u32),
    /// A batch announced at `at`: arrivals `first..first + count`.
    Batch {
        /// When it was announced.
        at: SimTime,
        /// Index of its first arrival.
        first: u32,
        /// How many arrivals it has.
        count: u32,
        /// Its label (a flight number), by index into [`Trace::labels`].
        label: u32,
    },
}

impl TraceItem {
    /// When the item comes due.
    pub fn at(&self, trace: &Trace) -> SimTime {
        match *self {
            TraceItem::Single(i) => trace.arrivals[i as usize].at,
            TraceItem::Batch { at, .. } => at,
        }
    }
}

/// A source's arrivals as a log recorded them, in time order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    /// The arrivals (a batch's are consecutive).
    pub arrivals: Vec<TracedArrival>,
    /// Lone arrivals and batches, in the order they come due.
    pub items: Vec<TraceItem>,
    /// The batches' labels.
    pub labels: Vec<String>,
}

/// A change a forced replay applies at its logged time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ForcedChange {
    /// The pool's roster now puts `rostered` servers on duty.
    Staffing {
        /// The pool.
        pool: PoolId,
        /// Servers on duty.
        rostered: u32,
    },
    /// A server of the pool breaks down.
    Breakdown {
        /// The pool.
        pool: PoolId,
    },
    /// A broken server of the pool is repaired.
    Repair {
        /// The pool.
        pool: PoolId,
    },
    /// A queue sensor counted `waiting` agents at the stage: a live run corrects its queue to
    /// it (fed live only; an offline replay simulates its queues).
    Queue {
        /// The stage (one with a pool).
        stage: StageId,
        /// Agents waiting.
        waiting: u32,
    },
}

/// The staffing and breakdowns a forced replay applies, in time order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forced {
    /// Changes with their times.
    pub changes: Vec<(SimTime, ForcedChange)>,
}
