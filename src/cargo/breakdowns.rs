//! Scanner downtime: each server of a pool fails after an exponential time (mean MTBF) and
//! is repaired after another (mean MTTR); a broken server serves nobody (the truck being
//! scanned when it fails is finished first). Draws come from stream `breakdowns/<pool>`.

use rand::RngExt;

use crate::scenario::model_cargo::Breakdown;
use crate::sim::rng::{Stream, stream};
use crate::sim::time::SimTime;

/// The breakdown state of the pools that break down.
#[derive(Debug)]
pub struct Breakdowns {
    pools: Vec<(usize, Breakdown, Stream)>,
    /// Broken servers per pool id.
    down: Vec<u32>,
    /// Failures so far per pool id.
    pub failures: Vec<u64>,
}

impl Breakdowns {
    /// Breakdown processes for `laws` (pool id, law) among `pools` pools.
    pub fn new(seed: u64, laws: &[(usize, Breakdown)], pool_names: &[String]) -> Self {
        Self {
            pools: laws
                .iter()
                .map(|&(p, law)| (p, law, stream(seed, &format!("breakdowns/{}", pool_names[p]))))
                .collect(),
            down: vec![0; pool_names.len()],
            failures: vec![0; pool_names.len()],
        }
    }

    /// Servers of `pool` broken now.
    pub fn down(&self, pool: usize) -> u32 {
        self.down[pool]
    }

    /// Time to the next failure of one server of `pool`, if the pool breaks down.
    pub fn next_failure(&mut self, pool: usize) -> Option<SimTime> {
        let (_, law, rng) = self.pools.iter_mut().find(|(p, _, _)| *p == pool)?;
        Some(exponential(rng, law.mtbf_s))
    }

    /// A server of `pool` fails now; returns its repair time.
    pub fn fail(&mut self, pool: usize) -> SimTime {
        self.down[pool] += 1;
        self.failures[pool] += 1;
        let (_, law, rng) = self
            .pools
            .iter_mut()
            .find(|(p, _, _)| *p == pool)
            .expect("only pools that break down fail");
        exponential(rng, law.mttr_s)
    }

    /// A server of `pool` is repaired now.
    pub fn repair(&mut self, pool: usize) {
        self.down[pool] = self.down[pool].saturating_sub(1);
    }

    /// Pools that break down, by id.
    pub fn pools(&self) -> impl Iterator<Item = usize> + '_ {
        self.pools.iter().map(|(p, _, _)| *p)
    }
}

fn exponential(rng: &mut Stream, mean_s: f64) -> SimTime {
    let u: f64 = rng.random();
    SimTime::from_secs_f64(-mean_s * (1.0 - u).ln())
}
