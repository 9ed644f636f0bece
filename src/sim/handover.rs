//! Handing a live run's state over to the scenario's own demand: a forecast forks the state of
//! a twin that a feed drives (its sources take fed arrivals, its pools the fed staffing and
//! breakdowns) and runs its future as the scenario says — sources drawing their arrivals,
//! rosters and breakdown laws applying — from the state's time on.
//!
//! [`ProcessNetwork::hand_over`] resumes the state into a network built from the scenario
//! itself, without the feed's part: the growing traces, the fed changes, and the calendar's
//! trace events (fed arrivals and batches not yet started) are dropped, and each source is
//! placed at the state's time. [`ProcessNetwork::take_over`], called after any reseeding,
//! schedules what the scenario draws from then on: each source's next arrival, the rostered
//! staffing with its hourly changes, and for pools with a breakdown law the repair of each
//! broken server and the next failure of each working one (both laws are exponential, so
//! memoryless: drawing them now is exact). A server broken by the feed in a pool without a
//! breakdown law stays broken: nothing says when it is repaired.

use std::sync::Arc;

use super::event::Event;
use super::network::ProcessNetwork;
use super::snapshot::EngineState;
use crate::metrics::collector::Collector;

impl EngineState {
    /// True when the state is a live run's (a feed drove it: `porttwin live`).
    pub fn is_live(&self) -> bool {
        self.grown.is_some()
    }
}

impl ProcessNetwork {
    /// Continues from a live run's state under the scenario's own demand (this network must be
    /// built from the scenario, or a variant of it, and not be a replay); [`Self::take_over`]
    /// must follow. Refused with the reason when the state is not a live run's or does not fit.
    pub fn hand_over(&mut self, mut state: EngineState) -> Result<(), String> {
        if self.forcing.is_some() || self.traces.is_some() {
            return Err("a live run's state is handed over to a run of the scenario's own demand, not to a replay".into());
        }
        if !state.is_live() {
            return Err("the state is not a live run's".into());
        }
        if state.sources.len() != self.sources.len() {
            return Err(format!(
                "the snapshot has {} sources, the scenario {}",
                state.sources.len(),
                self.sources.len()
            ));
        }
        state.grown = None;
        state.forcing = None;
        state
            .calendar
            .retain(|(_, _, event)| !matches!(event, Event::TraceArrival { .. } | Event::BatchStart { .. }));
        let scenario = Arc::clone(&self.core.scenario);
        for (source, spec) in state.sources.iter_mut().zip(&scenario.sources) {
            source.hand_over(&spec.arrivals, state.now);
        }
        self.resume(state)
    }

    /// After [`Self::hand_over`] (and any reseeding): schedules each source's next arrival, staffs
    /// every pool as its roster says for the hour (with the hourly roster event), and, in pools
    /// that break down, each broken server's repair and each working server's next failure.
    pub fn take_over(&mut self, metrics: &mut Collector) {
        for source in 0..self.sources.len() {
            self.schedule_next_arrival(source as u16);
        }
        let pools: Vec<usize> = self.breakdowns.pools.iter().map(|(p, _, _)| *p).collect();
        for pool in pools {
            let down = self.breakdowns.down(pool);
            for _ in 0..down {
                if let Some(after) = self.breakdowns.next_repair(pool) {
                    self.calendar.schedule(self.core.now + after, Event::Repair { pool: pool as u16 });
                }
            }
            for _ in down..self.scenario().pools[pool].max_servers() {
                if let Some(after) = self.breakdowns.next_failure(pool) {
                    self.calendar
                        .schedule(self.core.now + after, Event::Breakdown { pool: pool as u16 });
                }
            }
        }
        self.adopt_staffing(metrics);
    }
}
