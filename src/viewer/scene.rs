//! The port in 3D from the layout: floors, walls, obstacles, queue areas, exits, entrances,
//! lanes, scanner portals and servers (desks, e-gates, booths). Servers and portals change
//! colour with their state; everything else is static.

use bevy::asset::Assets;
use bevy::color::Color;
use bevy::ecs::prelude::*;
use bevy::math::primitives::Cuboid;
use bevy::math::{Quat, Vec2};
use bevy::mesh::{Mesh, Mesh3d};
use bevy::pbr::{MeshMaterial3d, StandardMaterial};
use bevy::transform::components::Transform;

use super::palette::{self, PortalState, ServerState};
use super::plan::to_world;
use super::snapshot;
use super::triangulate::flat_mesh;
use super::{Sim, SimLayout};
use crate::motion::geometry::{Segment, edges};
use crate::scenario::layout::{Entrance, Layout, Place};

/// Wall height, metres (low, so the view into the hall stays open).
const WALL_H: f32 = 1.1;
/// Wall thickness, metres.
const WALL_T: f32 = 0.12;
/// Lane width, metres.
const LANE_W: f32 = 3.6;
/// Portal gantry height, metres.
const PORTAL_H: f32 = 5.0;

/// A server's marker; its colour follows its state.
#[derive(Component)]
pub struct ServerMarker(pub usize);

/// A portal's gantry; it lights up while a truck drives through, red on an alarm.
#[derive(Component)]
pub struct PortalMarker(pub usize);

/// Materials of the states that change.
#[derive(Resource)]
pub struct StateMaterials {
    servers: Vec<(ServerState, bevy::asset::Handle<StandardMaterial>)>,
    portals: Vec<(PortalState, bevy::asset::Handle<StandardMaterial>)>,
}

fn plain(materials: &mut Assets<StandardMaterial>, color: Color) -> bevy::asset::Handle<StandardMaterial> {
    materials.add(StandardMaterial {
        base_color: color,
        perceptual_roughness: 0.9,
        ..Default::default()
    })
}

/// A material for ground surfaces (floor, queue areas, entrances, exits, lanes): unlit, so they
/// show the palette's colour exactly and cost software rendering, where they fill most of the
/// picture, no lighting per pixel.
fn ground(materials: &mut Assets<StandardMaterial>, color: Color) -> bevy::asset::Handle<StandardMaterial> {
    materials.add(StandardMaterial {
        base_color: color,
        unlit: true,
        ..Default::default()
    })
}

/// A box from `a` to `b` on the plan, `width` wide and `height` high, standing on `base`.
fn strip(segment: &Segment, width: f32, height: f32, base: f32) -> Option<(Cuboid, Transform)> {
    let d = segment.b - segment.a;
    let length = d.length();
    if length < 1e-3 {
        return None;
    }
    let mid = (segment.a + segment.b) / 2.0;
    let transform = Transform::from_translation(to_world(mid, base + height / 2.0)).with_rotation(Quat::from_rotation_y(d.y.atan2(d.x)));
    Some((Cuboid::new(length, height, width), transform))
}

/// Spawns the static layout and the server and portal markers.
pub fn spawn(
    mut commands: Commands,
    layout: Res<SimLayout>,
    sim: NonSend<Sim>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let layout: &Layout = layout.layout();
    let mut flat = |polygon: &[Vec2], height: f32, material: bevy::asset::Handle<StandardMaterial>| {
        commands.spawn((Mesh3d(meshes.add(flat_mesh(polygon, height))), MeshMaterial3d(material)));
    };
    let floor = ground(&mut materials, palette::FLOOR);
    for polygon in &layout.walkable {
        flat(polygon.as_slice(), 0.0, floor.clone());
    }
    let exit = ground(&mut materials, palette::EXIT);
    for polygon in &layout.exits {
        flat(polygon.as_slice(), 0.01, exit.clone());
    }
    let entrance = ground(&mut materials, palette::ENTRANCE);
    for e in &layout.entrances {
        if let Entrance::Area { polygon, .. } = e {
            flat(polygon.as_slice(), 0.01, entrance.clone());
        }
    }
    let obstacle = plain(&mut materials, palette::OBSTACLE);
    for polygon in &layout.obstacles {
        flat(polygon.as_slice(), WALL_H, obstacle.clone());
    }
    let wall = plain(&mut materials, palette::WALL);
    for segment in &layout.walls {
        if let Some((cuboid, transform)) = strip(segment, WALL_T, WALL_H, 0.0) {
            commands.spawn((Mesh3d(meshes.add(cuboid)), MeshMaterial3d(wall.clone()), transform));
        }
    }
    for segment in layout.obstacles.iter().flat_map(|o| edges(o)) {
        if let Some((cuboid, transform)) = strip(&segment, WALL_T, WALL_H, 0.0) {
            commands.spawn((Mesh3d(meshes.add(cuboid)), MeshMaterial3d(obstacle.clone()), transform));
        }
    }
    let queue_area = ground(&mut materials, palette::QUEUE_AREA);
    for place in &layout.places {
        if let Place::Desks { queue: Some(queue), .. } = place {
            for pair in queue.path.points.windows(2) {
                let segment = Segment::new(pair[0], pair[1]);
                if let Some((cuboid, transform)) = strip(&segment, queue.width_m, 0.02, 0.0) {
                    commands.spawn((Mesh3d(meshes.add(cuboid)), MeshMaterial3d(queue_area.clone()), transform));
                }
            }
        }
    }
    let lane = ground(&mut materials, palette::LANE);
    for l in &layout.lanes {
        for pair in l.path.points.windows(2) {
            let segment = Segment::new(pair[0], pair[1]);
            if let Some((cuboid, transform)) = strip(&segment, LANE_W, 0.02, 0.0) {
                commands.spawn((Mesh3d(meshes.add(cuboid)), MeshMaterial3d(lane.clone()), transform));
            }
        }
    }
    let state_materials = StateMaterials {
        servers: ServerState::ALL.iter().map(|&s| (s, plain(&mut materials, s.color()))).collect(),
        portals: PortalState::ALL
            .iter()
            .map(|&s| {
                let glow = if s == PortalState::Idle { 0.0 } else { 4.0 };
                let material = StandardMaterial {
                    base_color: s.color(),
                    emissive: s.color().to_linear() * glow,
                    ..Default::default()
                };
                (s, materials.add(material))
            })
            .collect(),
    };
    let idle_portal = state_materials.portals[0].1.clone();
    for (i, portal) in layout.portals.iter().enumerate() {
        let path = &layout.lanes[portal.at.lane].path;
        let (start, _) = path.at(portal.at.at_m);
        let (end, _) = path.at(portal.at.at_m + portal.length_m);
        let segment = Segment::new(start, end);
        let normal = (end - start).normalize_or_zero().perp() * (LANE_W / 2.0 + 0.3);
        for side in [normal, -normal] {
            let wall = Segment::new(start + side, end + side);
            if let Some((cuboid, transform)) = strip(&wall, 0.4, PORTAL_H, 0.0) {
                commands.spawn((
                    Mesh3d(meshes.add(cuboid)),
                    MeshMaterial3d(idle_portal.clone()),
                    transform,
                    PortalMarker(i),
                ));
            }
        }
        if let Some((cuboid, transform)) = strip(&segment, LANE_W + 1.0, 0.4, PORTAL_H) {
            commands.spawn((
                Mesh3d(meshes.add(cuboid)),
                MeshMaterial3d(idle_portal.clone()),
                transform,
                PortalMarker(i),
            ));
        }
    }
    let desk = meshes.add(Cuboid::new(0.9, 0.9, 0.9));
    let gate = meshes.add(Cuboid::new(0.3, 1.3, 0.9));
    let idle = state_materials.servers[0].1.clone();
    for (i, server) in snapshot::servers(sim.driver.world(), layout).into_iter().enumerate() {
        let (mesh, height) = if server.automated {
            (gate.clone(), 0.65)
        } else {
            (desk.clone(), 0.45)
        };
        commands.spawn((
            Mesh3d(mesh),
            MeshMaterial3d(idle.clone()),
            Transform::from_translation(to_world(server.pos, height)),
            ServerMarker(i),
        ));
    }
    commands.insert_resource(state_materials);
}

/// Colours servers by state; lights up portals with a truck inside, red on a scan alarm.
pub fn update(
    sim: NonSend<Sim>,
    layout: Res<SimLayout>,
    materials: Res<StateMaterials>,
    mut servers: Query<(&ServerMarker, &mut MeshMaterial3d<StandardMaterial>), Without<PortalMarker>>,
    mut portals: Query<(&PortalMarker, &mut MeshMaterial3d<StandardMaterial>), Without<ServerMarker>>,
) {
    let world = sim.driver.world();
    let views = snapshot::servers(world, layout.layout());
    for (marker, mut material) in &mut servers {
        let Some(view) = views.get(marker.0) else { continue };
        let Some((_, handle)) = materials.servers.iter().find(|(s, _)| *s == view.state) else {
            continue;
        };
        if material.0 != *handle {
            material.0 = handle.clone();
        }
    }
    let states = snapshot::portal_states(world, layout.layout());
    for (marker, mut material) in &mut portals {
        let state = states.get(marker.0).copied().unwrap_or(PortalState::Idle);
        let Some((_, handle)) = materials.portals.iter().find(|(s, _)| *s == state) else {
            continue;
        };
        if material.0 != *handle {
            material.0 = handle.clone();
        }
    }
}
