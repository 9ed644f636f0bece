//! Micro fidelity: the layout in space, pedestrians and vehicles moving through it.
//!
//! - [`geometry`], [`walls`]: plan-view geometry and which lines are walls;
//! - [`grid`], [`floor_field`], [`navigation`]: the navigation grid and
//!   distance fields to destinations;
//! - [`spatial_hash`], [`crowd`]: the pedestrian models (the collision-free speed model in
//!   `cfsm.rs`, the anticipation velocity model in `avm.rs`, the social force model in
//!   `sfm.rs`);
//! - [`pedestrians`]: network agents as bodies, arrival and physical queueing;
//! - [`lanes`], [`idm`], [`vehicles`]: trucks on lanes;
//! - [`physics`]: Rapier colliders, portal sensors and [`physics::PortalPassed`];
//! - [`density`]: densities per zone and queue extents;
//! - [`gridlock`]: the watch that ends a run whose crowd has stopped for good;
//! - [`bottleneck`]: the bottleneck experiment of Liddle et al. (2011) as a scenario, for
//!   validating the pedestrian models.
//!
//! [`MotionPlugin`] runs one motion step per tick (`meta.step_s`) and talks
//! to the process network through the seam in [`crate::sim::handoff`].

pub mod arrival;
mod avm;
pub mod bottleneck;
mod cfsm;
pub mod crowd;
pub mod density;
pub mod floor_field;
pub mod geometry;
pub mod grid;
pub mod gridlock;
pub mod idm;
pub mod lanes;
pub mod navigation;
pub mod pedestrians;
pub mod physics;
pub mod portals;
mod sfm;
pub mod spatial_hash;
pub mod vehicles;
pub mod walls;

use std::sync::Arc;
use std::time::Duration;

use bevy::app::{App, Plugin, Startup, Update};
use bevy::ecs::prelude::*;
use bevy::time::{Fixed, Time, TimeUpdateStrategy, Virtual};
use bevy_rapier3d::prelude::{NoUserData, RapierPhysicsPlugin, TimestepMode};

use crate::metrics::micro::{DensitySeries, MicroSummary, PortalSummary, SpillBackSummary};
use crate::scenario::Scenario;
use crate::scenario::layout::{Entrance, Layout};
use crate::scenario::ordered_map::OrderedMap;
use crate::sim::handoff::MotionRequest;
use crate::sim::time::SimTime;
use crate::sim::{Metrics, Network, RunFailure, SimSystems, TickPlan, plan_tick};
use arrival::Arrival;
use density::Density;
use gridlock::GridlockWatch;
use pedestrians::Pedestrians;
use physics::{Bodies, PortalPassed};
use vehicles::Vehicles;

/// The phases of motion within a tick.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MotionSystems {
    /// Move pedestrians and trucks one step (inside [`SimSystems::Motion`]).
    Step,
    /// Report arrivals to the network, take its new requests, measure (after [`SimSystems::Facilities`]).
    Report,
}

/// The scenario whose layout the motion runs on.
#[derive(Resource, Clone)]
pub struct MicroLayout(pub Arc<Scenario>);

impl MicroLayout {
    /// The layout.
    pub fn layout(&self) -> &Layout {
        self.0.layout.as_ref().expect("micro fidelity has a layout")
    }
}

/// Motion steps taken so far.
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct MotionSteps(pub u64);

/// Micro-fidelity motion: pedestrians, trucks, Rapier, measurements.
pub struct MotionPlugin {
    /// The scenario (it must have a layout).
    pub scenario: Arc<Scenario>,
    /// The run's seed.
    pub seed: u64,
}

impl Plugin for MotionPlugin {
    fn build(&self, app: &mut App) {
        let layout = self.scenario.layout.as_ref().expect("micro fidelity has a layout");
        let step = Duration::from_millis(self.scenario.meta.step.0);
        let stage_names: Vec<String> = self.scenario.stages.iter().map(|s| s.name.clone()).collect();
        app.insert_resource(MicroLayout(Arc::clone(&self.scenario)))
            .insert_resource(Pedestrians::new(&self.scenario, layout, self.seed))
            .insert_resource(Vehicles::default())
            .insert_resource(Density::new(layout, &stage_names))
            .init_resource::<MotionSteps>()
            .init_resource::<GridlockWatch>()
            .init_resource::<Bodies>()
            .add_message::<PortalPassed>()
            // Rapier in the fixed schedule; every tick runs exactly one fixed step of `step_s`,
            // whatever the wall clock does.
            .insert_resource(Time::<Fixed>::from_duration(step))
            .insert_resource(TimeUpdateStrategy::FixedTimesteps(1))
            .insert_resource(TimestepMode::Fixed {
                dt: step.as_secs_f32(),
                substeps: 1,
            })
            .add_plugins(RapierPhysicsPlugin::<NoUserData>::default().in_fixed_schedule())
            .configure_sets(Update, MotionSystems::Step.in_set(SimSystems::Motion))
            .configure_sets(
                Update,
                MotionSystems::Report.after(SimSystems::Facilities).before(SimSystems::Clearance),
            )
            .add_systems(Startup, physics::spawn_layout)
            .add_systems(Update, skip_when_still.in_set(SimSystems::Clock).after(plan_tick))
            .add_systems(
                Update,
                (physics::detect_portal_passages, step_bodies, physics::sync_truck_bodies)
                    .chain()
                    .in_set(MotionSystems::Step),
            )
            .add_systems(
                Update,
                (report_arrivals, apply_requests, measure, watch_gridlock)
                    .chain()
                    .in_set(MotionSystems::Report),
            )
            .add_systems(Update, portals::report_portal_passages.in_set(SimSystems::Clearance));
        if let Some(mut time) = app.world_mut().get_resource_mut::<Time<Virtual>>() {
            time.set_max_delta(step * 2);
        }
    }
}

/// When nothing moves, lets the tick run to the next process event instead of one step.
pub fn skip_when_still(
    network: Res<Network>,
    pedestrians: Res<Pedestrians>,
    vehicles: Res<Vehicles>,
    layout: Res<MicroLayout>,
    mut plan: ResMut<TickPlan>,
) {
    if !(pedestrians.at_rest() && vehicles.at_rest()) {
        return;
    }
    let Some(next) = network.0.next_event_at() else {
        return;
    };
    let step = layout.0.meta.step.0.max(1);
    let now = network.0.now();
    let aligned = SimTime(next.0.div_ceil(step) * step);
    plan.until = aligned.max(now + SimTime(step));
}

/// Moves pedestrians and trucks one step (not when the tick skips ahead: then nothing moves).
pub fn step_bodies(
    network: Res<Network>,
    plan: Res<TickPlan>,
    layout: Res<MicroLayout>,
    mut pedestrians: ResMut<Pedestrians>,
    mut vehicles: ResMut<Vehicles>,
    mut steps: ResMut<MotionSteps>,
) {
    let step = layout.0.meta.step;
    if plan.until - network.0.now() > step || network.0.is_finished() {
        return;
    }
    let dt = step.as_secs_f64() as f32;
    let layout = layout.layout();
    pedestrians.step(layout, dt);
    vehicles.step(layout, dt);
    steps.0 += 1;
}

/// Tells the network who got where during this tick's step.
pub fn report_arrivals(
    mut network: ResMut<Network>,
    mut metrics: ResMut<Metrics>,
    mut pedestrians: ResMut<Pedestrians>,
    mut vehicles: ResMut<Vehicles>,
    mut failure: ResMut<RunFailure>,
) {
    if failure.0.is_some() {
        return;
    }
    for arrival in pedestrians.take_arrivals().into_iter().chain(vehicles.take_arrivals()) {
        let outcome = match arrival {
            Arrival::Reached(agent, to) => network.0.reached(agent, to, &mut metrics.0),
            Arrival::AtServer(agent) => {
                network.0.at_server(agent);
                Ok(())
            }
        };
        if let Err(error) = outcome {
            failure.0 = Some(error);
            return;
        }
    }
}

/// Carries out what the network asked for during this tick.
pub fn apply_requests(
    mut network: ResMut<Network>,
    layout: Res<MicroLayout>,
    mut pedestrians: ResMut<Pedestrians>,
    mut vehicles: ResMut<Vehicles>,
) {
    let now = network.0.now();
    let layout = layout.layout();
    for request in network.0.take_motion_requests() {
        match request {
            MotionRequest::Enter { agent, source, speed_mps } => match layout.entrances[source] {
                Entrance::Area { .. } => pedestrians.enter(layout, agent, source, speed_mps as f32),
                Entrance::Lane(_) => vehicles.enter(layout, agent, source, now),
            },
            MotionRequest::Go { agent, to } => {
                if pedestrians.has(agent) {
                    pedestrians.go(layout, agent, to);
                } else {
                    vehicles.go(layout, agent, to);
                }
            }
            MotionRequest::Serve { agent, stage, server } => {
                if pedestrians.has(agent) {
                    pedestrians.serve(layout, agent, stage, server);
                } else {
                    vehicles.serve(layout, agent, stage, server);
                }
            }
            MotionRequest::Gone { agent } => {
                pedestrians.remove(agent);
                vehicles.remove(agent);
            }
        }
    }
}

/// Samples densities (per minute) and queue extents (per step).
pub fn measure(
    network: Res<Network>,
    layout: Res<MicroLayout>,
    pedestrians: Res<Pedestrians>,
    vehicles: Res<Vehicles>,
    mut density: ResMut<Density>,
) {
    density.sample(network.0.now(), &pedestrians);
    density.measure_queues(layout.layout(), &pedestrians, &vehicles);
}

/// Ends the run when the crowd has stopped for good (see [`gridlock`]).
pub fn watch_gridlock(
    mut network: ResMut<Network>,
    layout: Res<MicroLayout>,
    pedestrians: Res<Pedestrians>,
    mut watch: ResMut<GridlockWatch>,
) {
    if network.0.is_finished() {
        return;
    }
    let now = network.0.now();
    if watch.look(now, &layout.0, layout.layout(), &pedestrians) {
        network.0.stop();
    }
}

/// Takes micro fidelity's measurements out of a finished app (none in flow fidelity).
pub fn finish(world: &mut World) -> Option<(MicroSummary, DensitySeries)> {
    let density = world.remove_resource::<Density>()?;
    let scenario = Arc::clone(&world.resource::<MicroLayout>().0);
    let layout = scenario.layout.as_ref()?;
    let stage_names: Vec<String> = scenario.stages.iter().map(|s| s.name.clone()).collect();
    let (zones, queues, series) = density.finish(&stage_names);
    let bodies = world.resource::<Bodies>();
    let portals = layout
        .portals
        .iter()
        .zip(&bodies.scans)
        .map(|(p, &scans)| (p.name.clone(), PortalSummary { scans }))
        .collect();
    let vehicles = world.resource::<Vehicles>();
    let lanes = layout
        .entrances
        .iter()
        .filter_map(|e| match e {
            Entrance::Lane(l) => Some(*l),
            Entrance::Area { .. } => None,
        })
        .map(|l| {
            let stats = vehicles.spillback.get(&l).cloned().unwrap_or_default();
            let summary = SpillBackSummary {
                trucks_held_outside: stats.trucks,
                first_at_s: stats.first.map(SimTime::as_secs_f64),
                max_waiting: stats.max_waiting,
            };
            (layout.lanes[l].name.clone(), summary)
        })
        .collect();
    let summary = MicroSummary {
        steps: world.resource::<MotionSteps>().0,
        zones,
        queues,
        portals: OrderedMap(portals),
        lanes: OrderedMap(lanes),
        gridlock: world.resource::<GridlockWatch>().verdict.clone(),
    };
    Some((summary, series))
}
