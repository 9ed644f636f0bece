//! A forced replay: the staffing and breakdowns an event log recorded are applied at their
//! logged times instead of the pools' rosters and breakdown laws. Like an incident, a forced
//! change fires before any calendar event at or after its time.

use std::sync::Arc;

use super::error::RunError;
use super::network::ProcessNetwork;
use super::observer::Happening;
use super::time::SimTime;
use crate::metrics::collector::Collector;
use crate::scenario::Scenario;
use crate::scenario::trace::{Forced, ForcedChange};

/// The forced changes still to come, and the servers each pool has on duty by them.
pub(super) struct Forcing {
    forced: Arc<Forced>,
    next: usize,
    /// Servers on duty by the log, by pool (the roster's first hour until the log says).
    pub(super) rostered: Vec<u32>,
}

/// Where a forced replay stands: the next change to apply and the servers on duty by the log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ForcingState {
    next: usize,
    rostered: Vec<u32>,
}

impl Forcing {
    /// Where it stands now.
    pub(super) fn save(&self) -> ForcingState {
        ForcingState {
            next: self.next,
            rostered: self.rostered.clone(),
        }
    }

    /// Continues from `state`, which must belong to the same log's forcing.
    pub(super) fn resume(&mut self, state: ForcingState) -> Result<(), String> {
        if state.next > self.forced.changes.len() || state.rostered.len() != self.rostered.len() {
            return Err("the snapshot's forced replay does not match this log's staffing and breakdowns".into());
        }
        self.next = state.next;
        self.rostered = state.rostered;
        Ok(())
    }

    /// The forcing of a forced replay of `scenario`, if it is one.
    pub(super) fn new(scenario: &Scenario) -> Option<Self> {
        let forced = Arc::clone(scenario.forced.as_ref()?);
        Some(Self {
            forced,
            next: 0,
            rostered: scenario.pools.iter().map(|p| p.roster[0]).collect(),
        })
    }

    /// Adds a change fed live at `at` (no earlier than the changes already applied): it goes
    /// after every pending change at or before its time.
    pub(super) fn push(&mut self, at: SimTime, change: ForcedChange) {
        let changes = &mut Arc::make_mut(&mut self.forced).changes;
        let position = self.next + changes[self.next..].partition_point(|(t, _)| *t <= at);
        changes.insert(position, (at, change));
    }

    /// Every change, applied or to come, in time order.
    pub(super) fn changes(&self) -> &[(SimTime, ForcedChange)] {
        &self.forced.changes
    }

    /// Replaces the changes by those a live run was fed (its snapshot's); `resume` follows.
    pub(super) fn set_changes(&mut self, changes: Vec<(SimTime, ForcedChange)>) {
        self.forced = Arc::new(Forced { changes });
    }

    /// Time of the next forced change.
    pub(super) fn next_at(&self) -> Option<SimTime> {
        self.forced.changes.get(self.next).map(|(at, _)| *at)
    }

    /// The next change if it is due before `until` and no later than the next calendar event.
    pub(super) fn pop_due(&mut self, until: SimTime, next_event: Option<SimTime>) -> Option<(SimTime, ForcedChange)> {
        let at = self.next_at()?;
        if at >= until || next_event.is_some_and(|e| e < at) {
            return None;
        }
        self.next += 1;
        Some(self.forced.changes[self.next - 1])
    }
}

impl ProcessNetwork {
    /// Applies a forced change whose time has come.
    pub(super) fn force(&mut self, change: ForcedChange, metrics: &mut Collector) -> Result<(), RunError> {
        let pool = match change {
            ForcedChange::Staffing { pool, rostered } => {
                let servers = self.scenario().pools[pool].max_servers();
                if let Some(forcing) = &mut self.forcing {
                    forcing.rostered[pool] = rostered.min(servers);
                }
                pool
            }
            ForcedChange::Breakdown { pool } => {
                self.breakdowns.broke(pool);
                self.core.watch.tell(self.core.now, || Happening::Breakdown { pool });
                pool
            }
            ForcedChange::Repair { pool } => {
                self.breakdowns.repair(pool);
                self.core.watch.tell(self.core.now, || Happening::Repair { pool });
                pool
            }
            ForcedChange::Queue { stage, waiting } => return self.correct_queue(stage, waiting, metrics),
        };
        self.restaff(pool, metrics);
        Ok(())
    }
}
