//! One pedestrian's step in the collision-free speed model of Tordeux, Chraibi and Seyfried
//! (2016), as JuPedSim implements it: it turns towards its desired direction plus exponential
//! repulsion from neighbours (`a·exp((l − d)/D)`) and walls, then walks that way at
//! `min(v0, s/T)`, `s` being the free spacing to the nearest neighbour in a corridor of its
//! width ahead.

use super::crowd::{NO_BLOCKER, Next, StepView};
use super::geometry::Vec2;

/// The next state of the pedestrian in sorted slot `slot`.
pub(super) fn step_agent(view: &StepView, slot: usize) -> Next {
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
    // Direction: desired plus repulsion from neighbours and walls.
    let mut push = Vec2::ZERO;
    let cutoff2 = c.cutoff * c.cutoff;
    let rep2 = view.rep_reach * view.rep_reach;
    for range in hash.rows(p, c.reach) {
        for other in range {
            if other == slot || view.ignored(i, other) {
                continue;
            }
            let d = hash.sorted[other] - p;
            let d2 = d.length_squared();
            if d2 < rep2 && d2 > 0.0 && d2 < cutoff2 && view.visible(walls, p, hash.sorted[other]) {
                let dist = d2.sqrt();
                push -= d * (m.neighbour_strength * ((l - dist) / m.neighbour_range_m).exp() / dist);
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
    let mut direction = (c.desired[i] + push).normalize_or_zero();
    if direction == Vec2::ZERO {
        direction = c.heading[i];
    }
    // Speed: limited by the nearest neighbour ahead in a corridor of body width.
    let left = direction.perp();
    let mut spacing = f32::MAX;
    let mut blocker = NO_BLOCKER;
    for range in hash.rows(p, c.reach) {
        for other in range {
            if other == slot || view.ignored(i, other) {
                continue;
            }
            let d = hash.sorted[other] - p;
            let ahead = direction.dot(d);
            if ahead < 0.0 || left.dot(d).abs() > l || d.length_squared() > cutoff2 {
                continue;
            }
            let s = d.length() - l;
            if s < spacing && view.visible(walls, p, hash.sorted[other]) {
                spacing = s;
                blocker = hash.order[other];
            }
        }
    }
    let speed = (spacing / m.time_gap_s).clamp(0.0, v0);
    let moved = p + direction * (speed * view.dt);
    // Walls are never crossed, nor approached closer than half a body.
    if view.safe(walls, p, moved) {
        (moved, direction, speed, blocker)
    } else {
        (p, direction, 0.0, blocker)
    }
}
