//! Clicking an agent follows it: a click (a left press and release without dragging) casts a
//! ray from the camera to the ground and picks the nearest body there.

use bevy::camera::Camera;
use bevy::ecs::prelude::*;
use bevy::input::ButtonInput;
use bevy::input::mouse::{AccumulatedMouseMotion, MouseButton};
use bevy::math::Vec2;
use bevy::transform::components::GlobalTransform;
use bevy::window::{PrimaryWindow, Window};

use super::snapshot::{AgentView, BodyKind};
use super::{Follow, Frame};

/// Dragging further than this, pixels, is orbiting, not clicking.
const CLICK_PX: f32 = 6.0;

/// The body nearest to `point` on the plan, if one is within reach (a truck is bigger).
pub fn nearest(agents: &[AgentView], point: Vec2) -> Option<&AgentView> {
    agents
        .iter()
        .filter(|a| {
            let reach = match a.kind {
                BodyKind::Pedestrian => 1.5,
                BodyKind::Truck => 9.0,
            };
            a.pos.distance(point) <= reach
        })
        .min_by(|a, b| a.pos.distance(point).total_cmp(&b.pos.distance(point)))
}

/// Follows the agent under a click.
pub fn pick(
    buttons: Res<ButtonInput<MouseButton>>,
    motion: Res<AccumulatedMouseMotion>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Camera, &GlobalTransform)>,
    frame: Res<Frame>,
    mut follow: ResMut<Follow>,
    mut dragged: Local<f32>,
) {
    if buttons.just_pressed(MouseButton::Left) {
        *dragged = 0.0;
    }
    if buttons.pressed(MouseButton::Left) {
        *dragged += motion.delta.length();
    }
    if !buttons.just_released(MouseButton::Left) || *dragged > CLICK_PX {
        return;
    }
    let Some(cursor) = window.cursor_position() else { return };
    let (camera, transform) = *camera;
    let Ok(ray) = camera.viewport_to_world(transform, cursor) else {
        return;
    };
    if ray.direction.y.abs() < 1e-6 {
        return;
    }
    let t = -ray.origin.y / ray.direction.y;
    if t <= 0.0 {
        return;
    }
    let ground = ray.origin + *ray.direction * t;
    // World z is the plan's -y.
    let point = Vec2::new(ground.x, -ground.z);
    if let Some(agent) = nearest(&frame.agents, point) {
        follow.0 = Some(agent.id);
    }
}
