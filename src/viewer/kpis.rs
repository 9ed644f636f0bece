//! The live KPIs of the panel, read from the run's collector and network.

use bevy::ecs::world::World;

use crate::presentation::Section;
use crate::sim::time::SimTime;
use crate::sim::{Metrics, Network};

/// One pool's line in the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolLine {
    /// Pool name.
    pub name: String,
    /// Waiting now.
    pub waiting: u32,
    /// Serving now.
    pub busy: u32,
    /// Staffed now.
    pub staffed: u32,
    /// Out of order now.
    pub broken: u32,
    /// Busy time over staffed time so far.
    pub utilisation: f64,
}

/// Live KPIs.
#[derive(Debug, Clone, PartialEq)]
pub struct Kpis {
    /// Simulated time.
    pub now: SimTime,
    /// Arrived so far.
    pub arrived: u64,
    /// Left so far.
    pub exited: u64,
    /// In the port now.
    pub in_port: u32,
    /// Mean wait of those served so far, s.
    pub mean_wait_s: f64,
    /// Longest wait of anyone waiting now, s.
    pub longest_waiting_s: f64,
    /// Each domain's section so far, as the report would show it.
    pub sections: Vec<Section>,
    /// One line per pool.
    pub pools: Vec<PoolLine>,
}

/// The KPIs of the run now.
pub fn read(world: &World) -> Kpis {
    let network = &world.resource::<Network>().0;
    let collector = &world.resource::<Metrics>().0;
    let (waited_ms, served) = collector
        .stages
        .iter()
        .fold((0u128, 0u64), |(sum, n), s| (sum + s.wait.sum_ms(), n + s.wait.count()));
    let longest = network.waiting().map(|(_, w)| w).max().unwrap_or(SimTime::ZERO);
    let pools = network
        .scenario()
        .pools
        .iter()
        .zip(network.pools())
        .zip(&collector.pools)
        .enumerate()
        .map(|(id, ((spec, live), stats))| PoolLine {
            name: spec.name.clone(),
            waiting: live.waiting(),
            busy: live.busy(),
            staffed: live.staffed(),
            broken: network.out_of_order(id),
            utilisation: if stats.staffed_area > 0 {
                stats.busy_area as f64 / stats.staffed_area as f64
            } else {
                0.0
            },
        })
        .collect();
    Kpis {
        now: network.now(),
        arrived: collector.arrived,
        exited: collector.exited,
        in_port: collector.in_system,
        mean_wait_s: if served > 0 {
            waited_ms as f64 / served as f64 / 1000.0
        } else {
            0.0
        },
        longest_waiting_s: longest.as_secs_f64(),
        sections: network
            .scenario()
            .domains
            .iter()
            .zip(network.domains())
            .filter_map(|(model, run)| crate::domains::present(model.name(), &run.summary()))
            .filter(|section| !section.blocks.is_empty())
            .collect(),
        pools,
    }
}
