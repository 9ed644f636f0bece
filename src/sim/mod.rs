//! The engine: time, random streams, the event calendar, and the process primitives
//! (sources, queues, server pools with rosters, robots and breakdowns, routing, staged
//! incidents, the journal), wired into Bevy as [`SimPlugin`]. It names no domain: domains
//! plug in through [`domain`].

pub mod agent;
pub mod agent_map;
mod arrivals;
pub mod breakdowns;
pub mod calendar;
pub mod corrections;
mod dispatch;
pub mod distribution;
pub mod domain;
pub mod error;
mod event;
mod failures;
mod forcing;
pub mod handoff;
mod handover;
mod incidents;
pub mod journal;
mod micro;
pub mod network;
pub mod observer;
pub mod pool;
pub mod rng;
pub mod robots;
mod routing;
mod service;
pub mod snapshot;
pub mod source;
mod staging;
pub mod time;
pub mod traces;

use bevy::app::{App, Plugin, Update};
use bevy::ecs::prelude::*;

use crate::metrics::collector::Collector;
use error::RunError;
use network::ProcessNetwork;
use time::SimTime;

/// The phases of one tick, in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSystems {
    /// Decide how far this tick advances the clock.
    Clock,
    /// Arrivals.
    Demand,
    /// Agent state.
    Agents,
    /// Walking and driving.
    Motion,
    /// Queues, servers and routing.
    Facilities,
    /// Risk targeting and lanes.
    Clearance,
    /// Collectors.
    Metrics,
}

/// The process network of the run.
#[derive(Resource)]
pub struct Network(pub ProcessNetwork);

/// What the run has measured so far.
#[derive(Resource)]
pub struct Metrics(pub Collector);

/// How far each tick moves the clock, and where the current tick ends.
#[derive(Resource, Debug, Clone, Copy)]
pub struct TickPlan {
    /// Simulated time per tick.
    pub interval: SimTime,
    /// End of the current tick.
    pub until: SimTime,
}

/// Set when the run has failed; the driver stops and reports it.
#[derive(Resource, Debug, Default)]
pub struct RunFailure(pub Option<RunError>);

/// Core simulation systems. Expects [`Network`], [`Metrics`] and [`TickPlan`] to be inserted.
pub struct SimPlugin;

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<RunFailure>()
            .configure_sets(
                Update,
                (
                    SimSystems::Clock,
                    SimSystems::Demand,
                    SimSystems::Agents,
                    SimSystems::Motion,
                    SimSystems::Facilities,
                    SimSystems::Clearance,
                    SimSystems::Metrics,
                )
                    .chain(),
            )
            .add_systems(Update, plan_tick.in_set(SimSystems::Clock))
            .add_systems(Update, advance_processes.in_set(SimSystems::Facilities));
    }
}

/// Sets the end of this tick one interval after the current time.
pub fn plan_tick(network: Res<Network>, mut plan: ResMut<TickPlan>) {
    plan.until = network.0.now() + plan.interval;
}

/// Runs every process event up to the end of the tick.
pub fn advance_processes(mut network: ResMut<Network>, mut metrics: ResMut<Metrics>, plan: Res<TickPlan>, mut failure: ResMut<RunFailure>) {
    if failure.0.is_some() || network.0.is_finished() {
        return;
    }
    if let Err(error) = network.0.advance(plan.until, &mut metrics.0) {
        failure.0 = Some(error);
    }
}
