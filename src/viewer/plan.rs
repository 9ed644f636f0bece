//! Between the plan (metres, x east, y north) and the 3D world (y up).

use bevy::math::{Vec2, Vec3};

/// A plan point at `height` metres, in world space: x stays x, the plan's y becomes -z, y is up.
pub fn to_world(p: Vec2, height: f32) -> Vec3 {
    Vec3::new(p.x, height, -p.y)
}
