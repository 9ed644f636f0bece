//! One pedestrian's step in the anticipation velocity model of Xu, Chraibi and Seyfried
//! (2021, Transportation Research Part C 133, 103464), an extension of the collision-free
//! speed model in which pedestrians anticipate where their neighbours will be:
//!
//! 1. *perception*: neighbours within [`PERCEPTION_M`], not behind a wall, and in front of
//!    the pedestrian's desired direction or of the direction it walks in;
//! 2. *prediction*: the distance to each after the anticipation time `t_a`,
//!    `R = max(0, |x_ij| − l − (v_i − v_j)·e_ij·t_a)`;
//! 3. *strategy*: each pushes sideways, perpendicular to the desired direction and away from
//!    where it will be (`x_ij + v_j·t_a`), with strength
//!    `a·(1 + ½(1 − d_i·e_j))·exp(−R/D)` (stronger for those coming the other way); walls
//!    repel as in the collision-free speed model;
//! 4. the pedestrian turns towards that direction over its reaction time τ
//!    (`ė = (e* − e)/τ`, at once when the new direction and the old lie on opposite sides of
//!    the desired one), then walks at `min(v0, s/T)` as in the collision-free speed model.
//!
//! Because neighbours push sideways, never backwards, a crowd at a door keeps sliding past
//! itself instead of locking. Where the paper draws the side at random (a neighbour exactly
//! ahead), porttwin keeps right: a convention, not a draw, so the step stays a pure map.

use super::crowd::{NEGLIGIBLE, NO_BLOCKER, Next, StepView};
use super::geometry::{Segment, Vec2};

/// How far a pedestrian perceives neighbours, metres (JuPedSim's cut-off radius for this model).
pub const PERCEPTION_M: f32 = 3.0;

/// Slack on the bound that skips neighbours too far to push, metres, so that rounding never
/// skips one that would.
const BOUND_MARGIN_M: f32 = 0.01;

/// Slack on the test that skips walls farther than a neighbour, metres: a wall between two
/// pedestrians is never farther from the first than the second is.
const WALL_MARGIN_M: f32 = 1e-3;

/// Space one worker reuses from step to step.
#[derive(Default)]
pub(super) struct Scratch {
    /// Neighbours close enough to limit the speed (sorted slots).
    near: Vec<u32>,
    /// Walls within perception, with their distance.
    walls: Vec<(u32, f32)>,
}

/// The next state of the pedestrian in sorted slot `slot`.
pub(super) fn step_agent(view: &StepView, slot: usize, scratch: &mut Scratch) -> Next {
    let c = view.crowd;
    let hash = &c.hash;
    let i = hash.order[slot] as usize;
    let p = hash.sorted[slot];
    let v0 = c.v0[i];
    if v0 <= 0.0 {
        return (p, c.heading[i], 0.0, NO_BLOCKER);
    }
    let m = &c.model;
    let l = 2.0 * m.radius_m;
    let walls = view.walls_near(p);
    let desired = c.desired[i];
    let heading = c.heading[i];
    let my_speed = c.speed[i];
    let velocity = heading * my_speed;
    let sideways = desired.perp();
    let perception2 = c.cutoff * c.cutoff;
    let following = l + v0 * m.time_gap_s;
    let following2 = following * following;
    // Beyond this anticipated gap even the strongest push (k = 2) is negligible.
    let negligible_gap = m.neighbour_range_m * (2.0 * m.neighbour_strength / NEGLIGIBLE).max(1.0).ln();
    // Perception, prediction and strategy: sideways pushes from anticipated neighbours.
    let mut push = Vec2::ZERO;
    let Scratch { near, walls: close_walls } = scratch;
    near.clear();
    close_walls.clear();
    for &w in walls {
        let dist = c.walls[w as usize].distance(p);
        if dist < c.cutoff + WALL_MARGIN_M {
            close_walls.push((w, dist));
        }
    }
    // No wall stands between `p` and a neighbour at `q`, `dist` away.
    let visible = |q: Vec2, dist: f32| {
        let sight = Segment::new(p, q);
        close_walls
            .iter()
            .all(|&(w, dw)| dw > dist + WALL_MARGIN_M || !c.walls[w as usize].intersects(&sight))
    };
    for range in hash.rows(p, c.reach) {
        for other in range {
            if other == slot || view.ignored(i, other) {
                continue;
            }
            let q = hash.sorted[other];
            let d = q - p;
            let d2 = d.length_squared();
            if d2 >= perception2 || d2 == 0.0 {
                continue;
            }
            // The cheap tests first: the wall test is the costly one. The anticipated gap is
            // at least `dist − l − (|v_i| + |v_j|)·t_a`; a margin keeps this bound conservative.
            let is_near = d2 < following2;
            let j = hash.order[other] as usize;
            let their_speed = c.speed[j];
            let push_reach = l + negligible_gap + BOUND_MARGIN_M + (my_speed + their_speed) * m.anticipation_time_s;
            if !is_near && d2 > push_reach * push_reach {
                continue;
            }
            let dist = d2.sqrt();
            let towards = d / dist;
            let their_heading = c.heading[j];
            let their_velocity = their_heading * their_speed;
            let seen = desired.dot(towards) >= 0.0 || heading.dot(towards) >= 0.0;
            let gap = (dist - l - (velocity - their_velocity).dot(towards) * m.anticipation_time_s).max(0.0);
            let strength = if seen && gap <= negligible_gap {
                m.neighbour_strength * (1.0 + 0.5 * (1.0 - desired.dot(their_heading))) * (-gap / m.neighbour_range_m).exp()
            } else {
                0.0
            };
            let pushes = strength >= NEGLIGIBLE;
            if !(is_near || pushes) || !visible(q, dist) {
                continue;
            }
            if is_near {
                near.push(other as u32);
            }
            if pushes {
                let predicted = d + their_velocity * m.anticipation_time_s;
                let side = if sideways.dot(predicted) < 0.0 { sideways } else { -sideways };
                push += side * strength;
            }
        }
    }
    for &w in walls {
        let q = c.walls[w as usize].closest(p);
        let d = q - p;
        let dist = d.length();
        if dist < view.wall_reach && dist > 0.0 {
            push -= d * (m.wall_strength * ((m.radius_m - dist) / m.wall_range_m).exp() / dist);
        }
    }
    let mut target = (desired + push).normalize_or_zero();
    if target == Vec2::ZERO {
        target = heading;
    }
    // Turning over the reaction time.
    let mut direction = if desired.dot(target) * desired.dot(heading) < 0.0 {
        target
    } else {
        (heading + (target - heading) * (view.dt / m.reaction_time_s).min(1.0)).normalize_or_zero()
    };
    if direction == Vec2::ZERO {
        direction = target;
    }
    // Speed: limited by the nearest neighbour ahead in a corridor of body width.
    let left = direction.perp();
    let mut spacing = f32::MAX;
    let mut blocker = NO_BLOCKER;
    for &other in near.iter() {
        let d = hash.sorted[other as usize] - p;
        if direction.dot(d) < 0.0 || left.dot(d).abs() > l {
            continue;
        }
        let s = d.length() - l;
        if s < spacing {
            spacing = s;
            blocker = hash.order[other as usize];
        }
    }
    let speed = (spacing / m.time_gap_s).clamp(0.0, v0);
    let moved = p + direction * (speed * view.dt);
    if view.safe(walls, p, moved) {
        (moved, direction, speed, blocker)
    } else {
        (p, direction, 0.0, blocker)
    }
}
