//! The orbit camera: left drag orbits, right (or middle) drag pans, the wheel zooms; it
//! keeps the followed agent in the centre.

use bevy::camera::Camera3d;
use bevy::ecs::prelude::*;
use bevy::input::ButtonInput;
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll, MouseButton};
use bevy::math::{Vec2, Vec3};
use bevy::transform::components::Transform;

use super::plan::to_world;
use super::{Follow, Frame, SimLayout};

/// Where the camera looks from.
#[derive(Component, Debug, Clone, Copy)]
pub struct Orbit {
    /// The point looked at.
    pub focus: Vec3,
    /// Angle around the vertical, radians.
    pub yaw: f32,
    /// Angle above the ground, radians.
    pub pitch: f32,
    /// Distance from the focus, metres.
    pub distance: f32,
}

impl Orbit {
    /// A view of the whole layout, from the south, slightly tilted.
    pub fn overview(layout: &SimLayout) -> Self {
        let (lo, hi) = layout.bounds();
        let size = (hi - lo).max(Vec2::splat(10.0));
        Self {
            focus: to_world((lo + hi) / 2.0, 0.0),
            yaw: 0.0,
            pitch: 0.95,
            distance: size.x.max(size.y * 16.0 / 9.0) * 0.95,
        }
    }

    /// The camera's transform.
    pub fn transform(&self) -> Transform {
        let offset = Vec3::new(
            self.yaw.sin() * self.pitch.cos(),
            self.pitch.sin(),
            self.yaw.cos() * self.pitch.cos(),
        ) * self.distance;
        Transform::from_translation(self.focus + offset).looking_at(self.focus, Vec3::Y)
    }
}

/// Applies mouse input and following to the camera.
pub fn control(
    buttons: Res<ButtonInput<MouseButton>>,
    motion: Res<AccumulatedMouseMotion>,
    scroll: Res<AccumulatedMouseScroll>,
    follow: Res<Follow>,
    frame: Res<Frame>,
    mut camera: Single<(&mut Orbit, &mut Transform), With<Camera3d>>,
) {
    let (orbit, transform) = &mut *camera;
    let delta = motion.delta;
    if buttons.pressed(MouseButton::Left) {
        orbit.yaw -= delta.x * 0.005;
        orbit.pitch = (orbit.pitch + delta.y * 0.005).clamp(0.1, 1.55);
    }
    if buttons.pressed(MouseButton::Right) || buttons.pressed(MouseButton::Middle) {
        let scale = orbit.distance * 0.0015;
        let right = Vec3::new(orbit.yaw.cos(), 0.0, -orbit.yaw.sin());
        let forward = Vec3::new(-orbit.yaw.sin(), 0.0, -orbit.yaw.cos());
        orbit.focus += (-right * delta.x + forward * delta.y) * scale;
    }
    if scroll.delta.y != 0.0 {
        orbit.distance = (orbit.distance * (1.0 - scroll.delta.y.clamp(-5.0, 5.0) * 0.1)).clamp(3.0, 5000.0);
    }
    if let Some(view) = follow.0.and_then(|id| frame.agents.iter().find(|a| a.id == id)) {
        orbit.focus = to_world(view.pos, 0.0);
    }
    **transform = orbit.transform();
}
