//! The layout in Rapier: walls as fixed colliders, scanner portals as sensor
//! colliders, trucks as kinematic bodies. Rapier runs in the fixed schedule
//! with a fixed timestep equal to the motion step; when a truck's body
//! leaves a portal's sensor, the passage is reported as a [`PortalPassed`]
//! message, exactly once per passage, for the scanner to scan.

use std::collections::BTreeMap;

use bevy::ecs::message::Messages;
use bevy::math::{Quat, Vec3};
use bevy::prelude::*;
use bevy_rapier3d::prelude::*;

use super::geometry::Vec2 as PlanVec;
use super::vehicles::Vehicles;
use crate::scenario::layout::PortalId;
use crate::sim::Network;
use crate::sim::agent::AgentKey;
use crate::sim::time::SimTime;

/// Wall height, metres.
const WALL_HEIGHT_M: f32 = 3.0;
/// Portal tunnel cross-section (half width, half height), metres.
const PORTAL_HALF: (f32, f32) = (2.5, 2.5);
/// Truck half width and half height, metres.
const TRUCK_HALF: (f32, f32) = (1.25, 2.0);

/// A truck drove through a scanner portal: one scan to make. The cargo domain
/// synthesises the scan image from the truck's load and scores it.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortalPassed {
    /// The truck: its agent's serial number in the run.
    pub truck: u64,
    /// The portal.
    pub portal: PortalId,
    /// When its body entered the tunnel.
    pub entered: SimTime,
    /// When it had fully left (the scan is complete).
    pub left: SimTime,
}

/// Marks a truck's body.
#[derive(Component, Debug, Clone, Copy)]
pub struct TruckBody {
    /// Its agent.
    pub agent: AgentKey,
    /// Its agent's serial number.
    pub serial: u64,
}

/// Marks a portal's sensor.
#[derive(Component, Debug, Clone, Copy)]
pub struct PortalSensor(pub PortalId);

/// Marks a wall's collider.
#[derive(Component, Debug, Clone, Copy)]
pub struct WallCollider;

/// Bodies of the trucks, and trucks inside portals with the time they entered.
#[derive(Resource, Default)]
pub struct Bodies {
    trucks: BTreeMap<AgentKey, Entity>,
    inside: BTreeMap<(Entity, PortalId), SimTime>,
    /// Scans per portal so far.
    pub scans: Vec<u64>,
}

/// Plan point at height `z` to world space (y up; plan y becomes world z).
fn world(p: PlanVec, height: f32) -> Vec3 {
    Vec3::new(p.x, height, p.y)
}

/// Rotation turning local x onto the plan direction `d`.
fn facing(d: PlanVec) -> Quat {
    Quat::from_rotation_y((-d.y).atan2(d.x))
}

/// Creates the colliders of the layout (a startup system).
pub fn spawn_layout(mut commands: Commands, layout: Res<super::MicroLayout>, mut bodies: ResMut<Bodies>) {
    let layout = layout.layout();
    for wall in &layout.walls {
        let d = wall.b - wall.a;
        commands.spawn((
            WallCollider,
            RigidBody::Fixed,
            Collider::cuboid(d.length() / 2.0, WALL_HEIGHT_M / 2.0, 0.05),
            Transform::from_translation(world((wall.a + wall.b) / 2.0, WALL_HEIGHT_M / 2.0)).with_rotation(facing(d)),
        ));
    }
    for (id, portal) in layout.portals.iter().enumerate() {
        let path = &layout.lanes[portal.at.lane].path;
        let (centre, heading) = path.at(portal.at.at_m + portal.length_m / 2.0);
        commands.spawn((
            PortalSensor(id),
            Sensor,
            Collider::cuboid(portal.length_m / 2.0, PORTAL_HALF.1, PORTAL_HALF.0),
            ActiveCollisionTypes::all(),
            ActiveEvents::COLLISION_EVENTS,
            Transform::from_translation(world(centre, PORTAL_HALF.1)).with_rotation(facing(heading)),
        ));
    }
    bodies.scans = vec![0; layout.portals.len()];
}

/// Creates, moves and removes truck bodies to match the vehicle model.
pub fn sync_truck_bodies(
    mut commands: Commands,
    layout: Res<super::MicroLayout>,
    mut vehicles: ResMut<Vehicles>,
    network: Res<Network>,
    mut bodies: ResMut<Bodies>,
    mut transforms: Query<&mut Transform, With<TruckBody>>,
) {
    let layout = layout.layout();
    let vehicles = &mut *vehicles;
    for agent in std::mem::take(&mut vehicles.left) {
        if let Some(entity) = bodies.trucks.remove(&agent) {
            commands.entity(entity).despawn();
        }
    }
    let half_length = layout.vehicles.length_m / 2.0;
    for agent in std::mem::take(&mut vehicles.entered) {
        let serial = network.0.agents().get(agent).map_or(u64::MAX, |a| a.id);
        let entity = commands
            .spawn((
                TruckBody { agent, serial },
                RigidBody::KinematicPositionBased,
                Collider::cuboid(half_length, TRUCK_HALF.1, TRUCK_HALF.0),
                ActiveCollisionTypes::all(),
                ActiveEvents::COLLISION_EVENTS,
                Transform::default(),
            ))
            .id();
        bodies.trucks.insert(agent, entity);
    }
    for truck in &vehicles.trucks {
        let Some(&entity) = bodies.trucks.get(&truck.agent) else {
            continue;
        };
        let (centre, heading) = Vehicles::pose(layout, truck);
        let pose = Transform::from_translation(world(centre, TRUCK_HALF.1)).with_rotation(facing(heading));
        if let Ok(mut transform) = transforms.get_mut(entity) {
            *transform = pose;
        } else {
            commands.entity(entity).insert(pose);
        }
    }
}

/// Turns Rapier's sensor events into portal passages.
pub fn detect_portal_passages(
    mut events: ResMut<Messages<CollisionEvent>>,
    trucks: Query<&TruckBody>,
    portals: Query<&PortalSensor>,
    network: Res<Network>,
    mut bodies: ResMut<Bodies>,
    mut passed: MessageWriter<PortalPassed>,
) {
    let now = network.0.now();
    let mut out = Vec::new();
    for event in events.drain() {
        let (a, b, started) = match event {
            CollisionEvent::Started(a, b, _) => (a, b, true),
            CollisionEvent::Stopped(a, b, _) => (a, b, false),
        };
        let (truck, portal) = match (trucks.get(a), portals.get(b), trucks.get(b), portals.get(a)) {
            (Ok(_), Ok(p), ..) => (a, p.0),
            (_, _, Ok(_), Ok(p)) => (b, p.0),
            _ => continue,
        };
        if started {
            bodies.inside.entry((truck, portal)).or_insert(now);
        } else if let Some(entered) = bodies.inside.remove(&(truck, portal)) {
            let serial = trucks.get(truck).map_or(u64::MAX, |t| t.serial);
            out.push(PortalPassed {
                truck: serial,
                portal,
                entered,
                left: now,
            });
        }
    }
    out.sort_by_key(|p| (p.truck, p.portal));
    for p in out {
        bodies.scans[p.portal] += 1;
        passed.write(p);
    }
}
