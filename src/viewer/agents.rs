//! Pedestrians and trucks as instanced meshes: one mesh per body kind and one material per
//! state, so the renderer draws each (kind, state) pair as one instanced batch. Entities are
//! pooled: the n-th body of a frame takes the n-th entity of its kind; spare entities hide.

use bevy::asset::{Assets, Handle};
use bevy::camera::visibility::Visibility;
use bevy::ecs::prelude::*;
use bevy::math::primitives::{Cuboid, Cylinder};
use bevy::math::{Quat, Vec3};
use bevy::mesh::{CylinderMeshBuilder, Mesh, Mesh3d, MeshBuilder};
use bevy::pbr::{MeshMaterial3d, StandardMaterial};
use bevy::transform::components::Transform;

use super::palette::{self, AgentState};
use super::plan::to_world;
use super::snapshot::{AgentView, BodyKind};
use super::{Follow, Frame, SimLayout};

/// Height of a pedestrian, metres.
const PERSON_H: f32 = 1.7;
/// Truck height, metres.
const TRUCK_H: f32 = 3.2;
/// Truck width, metres.
const TRUCK_W: f32 = 2.5;

/// A pooled body entity.
#[derive(Component)]
pub struct Body;

/// The ring under the followed agent.
#[derive(Component)]
pub struct FollowRing;

/// Meshes, materials and pooled entities of the bodies.
#[derive(Resource)]
pub struct BodyPool {
    person: Handle<Mesh>,
    truck: Handle<Mesh>,
    materials: Vec<(AgentState, Handle<StandardMaterial>)>,
    people: Vec<Entity>,
    trucks: Vec<Entity>,
}

/// Creates the meshes and materials, and the follow ring.
pub fn setup(
    mut commands: Commands,
    layout: Res<SimLayout>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let radius = layout.layout().pedestrians.radius_m.max(0.15);
    let person = meshes.add(CylinderMeshBuilder::new(radius, PERSON_H, 8).build());
    let truck = meshes.add(Cuboid::new(layout.layout().vehicles.length_m, TRUCK_H, TRUCK_W));
    let materials_by_state = AgentState::ALL
        .iter()
        .map(|&state| {
            let handle = materials.add(StandardMaterial {
                base_color: state.color(),
                perceptual_roughness: 0.7,
                ..Default::default()
            });
            (state, handle)
        })
        .collect();
    commands.spawn((
        Mesh3d(meshes.add(Cylinder::new(0.6, 0.05))),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: palette::FOLLOWED,
            unlit: true,
            ..Default::default()
        })),
        Transform::default(),
        Visibility::Hidden,
        FollowRing,
    ));
    commands.insert_resource(BodyPool {
        person,
        truck,
        materials: materials_by_state,
        people: Vec::new(),
        trucks: Vec::new(),
    });
}

fn transform_of(view: &AgentView) -> Transform {
    let yaw = Quat::from_rotation_y(view.heading.y.atan2(view.heading.x));
    let height = match view.kind {
        BodyKind::Pedestrian => PERSON_H / 2.0,
        BodyKind::Truck => TRUCK_H / 2.0,
    };
    Transform::from_translation(to_world(view.pos, height)).with_rotation(yaw)
}

/// What [`update`] sets on each pooled body: its place, its colour, whether it is shown.
type BodyParts = (
    &'static mut Transform,
    &'static mut MeshMaterial3d<StandardMaterial>,
    &'static mut Visibility,
);

/// Places one pooled entity per body of this frame, coloured by its state, and hides the rest.
pub fn update(
    mut commands: Commands,
    frame: Res<Frame>,
    follow: Res<Follow>,
    mut pool: ResMut<BodyPool>,
    mut bodies: Query<BodyParts, (With<Body>, Without<FollowRing>)>,
    mut ring: Single<(&mut Transform, &mut Visibility), With<FollowRing>>,
) {
    let pool = &mut *pool;
    let mut used = [0usize; 2];
    for view in &frame.agents {
        let slot = view.kind as usize;
        let (entities, mesh) = match view.kind {
            BodyKind::Pedestrian => (&mut pool.people, &pool.person),
            BodyKind::Truck => (&mut pool.trucks, &pool.truck),
        };
        let material = pool
            .materials
            .iter()
            .find(|(s, _)| *s == view.state)
            .map(|(_, m)| m.clone())
            .expect("every state has a material");
        let transform = transform_of(view);
        let index = used[slot];
        used[slot] += 1;
        match entities.get(index).and_then(|&e| bodies.get_mut(e).ok()) {
            Some((mut t, mut m, mut visibility)) => {
                *t = transform;
                if m.0 != material {
                    m.0 = material;
                }
                if *visibility != Visibility::Inherited {
                    *visibility = Visibility::Inherited;
                }
            }
            None => {
                let entity = commands
                    .spawn((
                        Mesh3d(mesh.clone()),
                        MeshMaterial3d(material),
                        transform,
                        Visibility::Inherited,
                        Body,
                    ))
                    .id();
                entities.push(entity);
            }
        }
    }
    for (slot, entities) in [&pool.people, &pool.trucks].into_iter().enumerate() {
        for &entity in &entities[used[slot].min(entities.len())..] {
            if let Ok((_, _, mut visibility)) = bodies.get_mut(entity)
                && *visibility != Visibility::Hidden
            {
                *visibility = Visibility::Hidden;
            }
        }
    }
    let followed = follow.0.and_then(|id| frame.agents.iter().find(|a| a.id == id));
    let (ring_transform, ring_visibility) = &mut *ring;
    match followed {
        Some(view) => {
            **ring_transform = Transform::from_translation(to_world(view.pos, 0.03)).with_scale(match view.kind {
                BodyKind::Pedestrian => Vec3::ONE,
                BodyKind::Truck => Vec3::new(12.0, 1.0, 12.0),
            });
            **ring_visibility = Visibility::Inherited;
        }
        None => **ring_visibility = Visibility::Hidden,
    }
}
