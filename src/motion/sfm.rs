//! One pedestrian's sub-step in the social force model of Helbing, Farkas and Vicsek (2000,
//! *Simulating dynamical features of escape panic*, Nature 407, 487–490):
//!
//! `m·dv/dt = m·(v0·e0 − v)/τ + Σ_j f_ij + Σ_W f_iW`, with, for a neighbour at distance `d`
//! (unit vector `n` from it, tangent `t`, `r_ij` the sum of radii, `g(x) = max(x, 0)`),
//!
//! `f_ij = [A·exp((r_ij − d)/B) + k·g(r_ij − d)]·n + κ·g(r_ij − d)·((v_j − v_i)·t)·t`
//!
//! and for a wall at distance `d` the same with `r_i` and the wall at rest. The segments of
//! an outline are one wall: where two meet, only the nearer repels, so a corner counts once.
//! Pedestrians are
//! pushed away from each other, bodies that touch are compressed back and rub past each
//! other; nobody is ever held still by a rule, so a crowd at a door keeps flowing.
//!
//! Integration is semi-implicit Euler (new velocity, then the position with it) over
//! sub-steps of at most [`SUBSTEP_S`]; speed is capped at [`MAX_SPEED_FACTOR`] times the
//! desired speed. Standing pedestrians (desired speed 0: served, lined up) stand firm, as in
//! the other models. No step crosses a wall: a move that would is not made and the
//! pedestrian stops.

use super::crowd::{NO_BLOCKER, Next, StepView};
use super::geometry::Vec2;
use crate::scenario::layout::PedestrianModel;

/// Longest sub-step, seconds. An assumption: the paper gives none. The body force makes
/// touching bodies oscillators of angular frequency `√(k/m)` ≈ 39 rad/s, and sliding
/// friction damps at `κ·overlap/m` ≈ 150 /s at 5 cm of overlap; 0.01 s keeps both well
/// inside the stability limit of the explicit step (`ω·Δt` ≈ 0.4, damping·Δt ≈ 1.5 < 2).
pub const SUBSTEP_S: f32 = 0.01;

/// Fastest a pedestrian walks, as a multiple of its desired speed: Helbing and Molnár (1995,
/// Phys. Rev. E 51, 4282) cap speed at 1.3·v0; the 2000 paper states no cap, so this is
/// carried over from the earlier model (an assumption).
pub const MAX_SPEED_FACTOR: f32 = 1.3;

/// Repulsive accelerations weaker than this are ignored, m/s²: it sets how far neighbours and
/// walls are looked for. An assumption: under a thousandth of the driving acceleration
/// `v0/τ` ≈ 2.7 m/s² of a walker starting off.
const NEGLIGIBLE_MPS2: f32 = 1e-3;

/// Wall segments within reach of one pedestrian that are told apart where they meet (more
/// are rare; each of those repels on its own).
const MAX_NEAR_WALLS: usize = 16;

/// How far (between centres) a neighbour's repulsion reaches, metres.
pub(super) fn neighbour_reach(m: &PedestrianModel) -> f32 {
    2.0 * m.radius_m + m.neighbour_range_m * (m.neighbour_strength / m.mass_kg / NEGLIGIBLE_MPS2).max(1.0).ln()
}

/// How far a wall's repulsion reaches, metres.
pub(super) fn wall_reach(m: &PedestrianModel) -> f32 {
    m.radius_m + m.wall_range_m * (m.wall_strength / m.mass_kg / NEGLIGIBLE_MPS2).max(1.0).ln()
}

/// The force of a wall whose nearest point `q` lies `dist` from `p` on a pedestrian walking
/// at `velocity`: repulsion, and body force and sliding friction where they touch.
fn wall_force(m: &PedestrianModel, p: Vec2, q: Vec2, dist: f32, velocity: Vec2) -> Vec2 {
    let n = (p - q) / dist;
    let overlap = m.radius_m - dist;
    let mut push = m.wall_strength * (overlap / m.wall_range_m).exp();
    let mut force = Vec2::ZERO;
    if overlap > 0.0 {
        push += m.body_force * overlap;
        let t = n.perp();
        force -= t * (m.sliding_friction * overlap * velocity.dot(t));
    }
    force + n * push
}

/// False when wall `k` of `near` is nearest at an end it shares with another wall that is as
/// near or nearer: the walls of an outline are one wall, so a corner repels once and the
/// end of a wall behind the one beside a pedestrian does not repel at all.
fn stands_alone(c: &super::crowd::Crowd, near: &[(Vec2, f32, u32)], k: usize, q: Vec2, dist: f32, w: u32) -> bool {
    let wall = &c.walls[w as usize];
    if q != wall.a && q != wall.b {
        return true;
    }
    !near.iter().enumerate().any(|(j, &(_, other_dist, other))| {
        let o = &c.walls[other as usize];
        j != k && (o.a == q || o.b == q) && (other_dist < dist || (other_dist == dist && j < k))
    })
}

/// The state of the pedestrian in sorted slot `slot` after a sub-step of `view.dt` seconds.
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
    let velocity = c.heading[i] * c.speed[i];
    let looking = if c.desired[i] == Vec2::ZERO { c.heading[i] } else { c.desired[i] };
    // Driving force towards the desired velocity.
    let mut force = (c.desired[i] * v0 - velocity) * (m.mass_kg / m.relaxation_time_s);
    let reach2 = view.rep_reach * view.rep_reach;
    let mut blocker = NO_BLOCKER;
    let mut nearest_ahead = f32::MAX;
    for range in hash.rows(p, c.reach) {
        for other in range {
            if other == slot || view.ignored(i, other) {
                continue;
            }
            let q = hash.sorted[other];
            let d = p - q;
            let d2 = d.length_squared();
            if d2 >= reach2 || d2 == 0.0 || !view.visible(walls, p, q) {
                continue;
            }
            let dist = d2.sqrt();
            let n = d / dist;
            let overlap = l - dist;
            let mut push = m.neighbour_strength * (overlap / m.neighbour_range_m).exp();
            let j = hash.order[other] as usize;
            if overlap > 0.0 {
                push += m.body_force * overlap;
                let t = n.perp();
                let theirs = c.heading[j] * c.speed[j];
                force += t * (m.sliding_friction * overlap * (theirs - velocity).dot(t));
            }
            force += n * push;
            // Whoever stands nearest ahead, within a body's width (what `arrived` reads).
            let ahead = -looking.dot(d);
            if ahead > 0.0 && looking.perp().dot(d).abs() < l && dist < nearest_ahead {
                nearest_ahead = dist;
                blocker = j as u32;
            }
        }
    }
    // Walls in reach, each with its point nearest the pedestrian.
    let mut near = [(Vec2::ZERO, 0.0f32, 0u32); MAX_NEAR_WALLS];
    let mut n_near = 0;
    for &w in walls {
        let q = c.walls[w as usize].closest(p);
        let dist = (p - q).length();
        if dist >= view.wall_reach || dist == 0.0 {
            continue;
        }
        if n_near == MAX_NEAR_WALLS {
            force += wall_force(m, p, q, dist, velocity);
            continue;
        }
        near[n_near] = (q, dist, w);
        n_near += 1;
    }
    for (k, &(q, dist, w)) in near[..n_near].iter().enumerate() {
        if !stands_alone(c, &near[..n_near], k, q, dist, w) {
            continue;
        }
        force += wall_force(m, p, q, dist, velocity);
    }
    let mut v = velocity + force * (view.dt / m.mass_kg);
    let cap = MAX_SPEED_FACTOR * v0;
    let speed = v.length();
    if speed > cap {
        v *= cap / speed;
    }
    let moved = p + v * view.dt;
    if !view.safe(walls, p, moved) {
        return (p, c.heading[i], 0.0, blocker);
    }
    let speed = v.length();
    let heading = if speed > 0.0 { v / speed } else { c.heading[i] };
    (moved, heading, speed, blocker)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::motion::crowd::{Crowd, Extent};
    use crate::motion::geometry::Segment;
    use crate::scenario::layout::PedestrianModelKind;

    /// Helbing, Farkas and Vicsek (2000)'s parameters, radius 0.3 m.
    fn model() -> PedestrianModel {
        PedestrianModel {
            kind: PedestrianModelKind::SocialForce,
            radius_m: 0.3,
            time_gap_s: 1.0,
            neighbour_strength: 2000.0,
            neighbour_range_m: 0.08,
            wall_strength: 2000.0,
            wall_range_m: 0.08,
            anticipation_time_s: 1.0,
            reaction_time_s: 0.3,
            mass_kg: 80.0,
            relaxation_time_s: 0.5,
            body_force: 1.2e5,
            sliding_friction: 2.4e5,
        }
    }

    fn floor(walls: Vec<Segment>) -> Crowd {
        let extent = Extent {
            lo: Vec2::new(-10.0, -10.0),
            hi: Vec2::new(10.0, 10.0),
            max_speed_mps: 1.34,
            dt_s: 0.05,
        };
        Crowd::new(model(), walls, extent)
    }

    #[test]
    fn a_free_walker_reaches_its_desired_speed_over_the_relaxation_time() {
        // Alone, m·dv/dt = m·(v0 − v)/τ: v(t) = v0·(1 − exp(−t/τ)).
        let mut crowd = floor(Vec::new());
        let a = crowd.add(Vec2::ZERO, 1.34);
        for step in 1..=20 {
            crowd.desired[a] = Vec2::X;
            crowd.step(0.05);
            let t = step as f32 * 0.05;
            let exact = 1.34 * (1.0 - (-t / 0.5).exp());
            assert!((crowd.speed[a] - exact).abs() < 0.01, "at {t} s: {} vs {exact}", crowd.speed[a]);
        }
    }

    #[test]
    fn two_overlapping_bodies_are_pushed_apart() {
        let mut crowd = floor(Vec::new());
        let a = crowd.add(Vec2::new(-0.2, 0.0), 1.34);
        let b = crowd.add(Vec2::new(0.2, 0.0), 1.34);
        crowd.step(0.05);
        assert!(crowd.pos[a].x < -0.2 && crowd.pos[b].x > 0.2, "{} {}", crowd.pos[a], crowd.pos[b]);
        assert!(crowd.speed[a] <= 1.3 * 1.34 + 1e-6, "speed is capped at 1.3 v0: {}", crowd.speed[a]);
    }

    #[test]
    fn walkers_meeting_head_on_get_past_each_other() {
        let mut crowd = floor(Vec::new());
        let a = crowd.add(Vec2::new(-5.0, 0.0), 1.34);
        let b = crowd.add(Vec2::new(5.0, 0.05), 1.34);
        let mut closest = f32::MAX;
        for _ in 0..300 {
            crowd.desired[a] = Vec2::X;
            crowd.desired[b] = -Vec2::X;
            crowd.step(0.05);
            closest = closest.min((crowd.pos[a] - crowd.pos[b]).length());
        }
        assert!(crowd.pos[a].x > 5.0 && crowd.pos[b].x < -5.0, "{} {}", crowd.pos[a], crowd.pos[b]);
        assert!(closest > 0.45, "bodies of 0.6 m squeeze by at most a little: {closest}");
    }

    #[test]
    fn a_walker_pressed_against_a_wall_never_crosses_it() {
        let wall = Segment::new(Vec2::new(1.0, -5.0), Vec2::new(1.0, 5.0));
        let mut crowd = floor(vec![wall]);
        let a = crowd.add(Vec2::ZERO, 1.34);
        for _ in 0..200 {
            crowd.desired[a] = Vec2::X;
            crowd.step(0.05);
            assert!(crowd.pos[a].x < 1.0, "{}", crowd.pos[a]);
        }
        // It stands where its wish to go on balances the wall's push: m·v0/τ = A·exp((r − d)/B).
        let balance = 1.0 - (0.3 - 0.08 * (80.0f32 * 1.34 / 0.5 / 2000.0).ln());
        assert!((crowd.pos[a].x - balance).abs() < 0.02, "{} vs {balance}", crowd.pos[a].x);
    }

    #[test]
    fn a_corner_of_two_walls_repels_as_one_wall_end() {
        // A walker in front of a wall's end: the same push whether another wall carries on
        // from that corner away from it or not.
        let end = Vec2::new(1.0, 0.0);
        let one = vec![Segment::new(Vec2::new(1.0, -3.0), end)];
        let mut two = one.clone();
        two.push(Segment::new(end, Vec2::new(3.0, 0.0)));
        let start = Vec2::new(0.55, 0.25);
        let pushed = |walls: Vec<Segment>| {
            let mut crowd = floor(walls);
            let a = crowd.add(start, 1.34);
            crowd.desired[a] = Vec2::Y;
            crowd.step(0.05);
            crowd.pos[a]
        };
        let (alone, cornered) = (pushed(one), pushed(two));
        assert_eq!(alone, cornered);
        assert!(alone.x < start.x, "the corner pushes it away: {alone}");
    }
}
