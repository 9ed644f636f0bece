//! Server breakdowns, a property of any pool: each server of a pool with a breakdown law fails
//! after an exponential time (mean MTBF) and is repaired after another (mean MTTR); a broken
//! server serves nobody (the agent being served when it fails is finished first). Draws come
//! from stream `breakdowns/<pool>`.

use rand::RngExt;

use super::rng::{Stream, StreamState, stream};
use super::time::SimTime;
use crate::scenario::model::{Breakdown, Scenario};

/// The breakdown state of the pools that break down.
#[derive(Debug)]
pub struct Breakdowns {
    pub(super) pools: Vec<(usize, Breakdown, Stream)>,
    /// Broken servers per pool id.
    down: Vec<u32>,
    /// Failures so far per pool id.
    pub failures: Vec<u64>,
}

impl Breakdowns {
    /// Breakdown processes for the pools of `scenario` that have a breakdown law.
    pub fn new(scenario: &Scenario, seed: u64) -> Self {
        Self {
            pools: scenario
                .pools
                .iter()
                .enumerate()
                .filter_map(|(p, pool)| Some((p, pool.breakdown?, stream(seed, &format!("breakdowns/{}", pool.name)))))
                .collect(),
            down: vec![0; scenario.pools.len()],
            failures: vec![0; scenario.pools.len()],
        }
    }

    /// Servers of `pool` broken now.
    pub fn down(&self, pool: usize) -> u32 {
        self.down[pool]
    }

    /// Time to the next failure of one server of `pool`, if the pool breaks down.
    pub(super) fn next_failure(&mut self, pool: usize) -> Option<SimTime> {
        let (_, law, rng) = self.pools.iter_mut().find(|(p, _, _)| *p == pool)?;
        Some(exponential(rng, law.mtbf_s))
    }

    /// Time to the repair of a server of `pool` broken now, if the pool breaks down (a live
    /// run's state handed over to the scenario's laws).
    pub(super) fn next_repair(&mut self, pool: usize) -> Option<SimTime> {
        let (_, law, rng) = self.pools.iter_mut().find(|(p, _, _)| *p == pool)?;
        Some(exponential(rng, law.mttr_s))
    }

    /// A server of `pool` fails now; returns its repair time, if the pool breaks down.
    pub(super) fn fail(&mut self, pool: usize) -> Option<SimTime> {
        let (_, law, rng) = self.pools.iter_mut().find(|(p, _, _)| *p == pool)?;
        let repair = exponential(rng, law.mttr_s);
        self.broke(pool);
        Some(repair)
    }

    /// A server of `pool` is broken from now on (a forced replay says when it is repaired).
    pub(super) fn broke(&mut self, pool: usize) {
        self.down[pool] += 1;
        self.failures[pool] += 1;
    }

    /// A server of `pool` is repaired now.
    pub(super) fn repair(&mut self, pool: usize) {
        self.down[pool] = self.down[pool].saturating_sub(1);
    }
}

/// The breakdown state a snapshot saves: each breaking pool's stream, broken servers, failures.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BreakdownState {
    streams: Vec<(usize, StreamState)>,
    down: Vec<u32>,
    failures: Vec<u64>,
}

impl Breakdowns {
    /// The state to save.
    pub(super) fn save(&self) -> BreakdownState {
        BreakdownState {
            streams: self.pools.iter().map(|(p, _, rng)| (*p, StreamState::of(rng))).collect(),
            down: self.down.clone(),
            failures: self.failures.clone(),
        }
    }

    /// Continues from a saved state (the laws stay the scenario's).
    pub(super) fn resume(&mut self, state: BreakdownState) -> Result<(), String> {
        if state.down.len() != self.down.len() {
            return Err(format!(
                "the snapshot has {} pools, the scenario {}",
                state.down.len(),
                self.down.len()
            ));
        }
        for (pool, _, rng) in &mut self.pools {
            if let Some((_, saved)) = state.streams.iter().find(|(p, _)| p == pool) {
                *rng = saved.resume();
            }
        }
        self.down = state.down;
        self.failures = state.failures;
        Ok(())
    }

    /// Every breakdown stream restarts under `seed` (a forecast's future).
    pub(super) fn reseed(&mut self, seed: u64, scenario: &Scenario) {
        for (pool, _, rng) in &mut self.pools {
            *rng = stream(seed, &format!("breakdowns/{}", scenario.pools[*pool].name));
        }
    }
}

fn exponential(rng: &mut Stream, mean_s: f64) -> SimTime {
    let u: f64 = rng.random();
    SimTime::from_secs_f64(-mean_s * (1.0 - u).ln())
}
