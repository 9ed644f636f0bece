//! Servers failing and being repaired, on the calendar (the laws and their streams are in
//! [`super::breakdowns`]).

use super::event::Event;
use super::network::ProcessNetwork;
use super::observer::Happening;
use crate::metrics::collector::Collector;

impl ProcessNetwork {
    /// Schedules the first failure of every server of every pool that breaks down.
    pub(super) fn schedule_first_breakdowns(&mut self) {
        let pools: Vec<usize> = self.breakdowns.pools.iter().map(|(p, _, _)| *p).collect();
        for pool in pools {
            for _ in 0..self.scenario().pools[pool].max_servers() {
                if let Some(after) = self.breakdowns.next_failure(pool) {
                    self.calendar
                        .schedule(self.core.now + after, Event::Breakdown { pool: pool as u16 });
                }
            }
        }
    }

    /// A server of `pool` fails: one fewer serves until it is repaired.
    pub(super) fn breakdown(&mut self, pool: usize, metrics: &mut Collector) {
        let Some(repair) = self.breakdowns.fail(pool) else { return };
        self.calendar.schedule(self.core.now + repair, Event::Repair { pool: pool as u16 });
        self.core.watch.tell(self.core.now, || Happening::Breakdown { pool });
        self.restaff(pool, metrics);
    }

    /// A server of `pool` is repaired and fails again later.
    pub(super) fn repair(&mut self, pool: usize, metrics: &mut Collector) {
        self.breakdowns.repair(pool);
        if let Some(after) = self.breakdowns.next_failure(pool) {
            self.calendar
                .schedule(self.core.now + after, Event::Breakdown { pool: pool as u16 });
        }
        self.core.watch.tell(self.core.now, || Happening::Repair { pool });
        self.restaff(pool, metrics);
    }

    /// Server failures so far, by pool id.
    pub fn failures(&self) -> &[u64] {
        &self.breakdowns.failures
    }
}
