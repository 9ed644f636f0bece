//! The live KPIs of the panel, read from the run's collector and network.

use bevy::ecs::world::World;

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
    /// Searches (interceptions) so far.
    pub searches: u64,
    /// Contraband items seized so far.
    pub seized: u64,
    /// Contraband items that left the port so far.
    pub missed: u64,
    /// Cargo clearance so far, when the scenario has trucks.
    pub cargo: Option<CargoLine>,
    /// One line per pool.
    pub pools: Vec<PoolLine>,
}

/// Cargo clearance so far.
#[derive(Debug, Clone, PartialEq)]
pub struct CargoLine {
    /// Trucks scanned (scans, counting rescans).
    pub scans: u64,
    /// Scans that alarmed.
    pub scan_alarms: u64,
    /// Physical and remote inspections.
    pub inspections: u64,
    /// Trucks whose cargo was seized.
    pub seized: u64,
    /// Trucks released.
    pub released: u64,
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
    let passengers = &collector.passengers;
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
        searches: passengers.searches,
        seized: passengers.seized.iter().sum(),
        missed: passengers.missed_not_searched.iter().chain(&passengers.missed_in_search).sum(),
        cargo: network.cargo().map(|cargo| {
            let stats = &cargo.stats;
            CargoLine {
                scans: stats.controls.scans,
                scan_alarms: stats.controls.scan_alarms,
                inspections: stats.controls.physical_inspections + stats.controls.remote_inspections,
                seized: stats.seized,
                released: stats.released,
            }
        }),
        pools,
    }
}
