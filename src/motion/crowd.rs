//! The crowd as parallel arrays, stepped by one of three pedestrian models:
//! the collision-free speed model of Tordeux, Chraibi and Seyfried (2016), as
//! JuPedSim implements it (`cfsm.rs`), the anticipation velocity model of
//! Xu, Chraibi and Seyfried (2021) (`avm.rs`), or the social force model of
//! Helbing, Farkas and Vicsek (2000) (`sfm.rs`).
//!
//! In the two velocity models, each step every pedestrian
//! 1. turns towards its desired direction, pushed aside by its neighbours and
//!    walls (by each model's rule);
//! 2. walks in that direction at `min(v0, s/T)`, where `s` is the free
//!    spacing to the nearest neighbour in a corridor of its width ahead, so
//!    it stops before touching anyone;
//! 3. never crosses a wall: a move that would is not made.
//!
//! In the social force model forces from the desired velocity, neighbours and walls
//! accelerate each pedestrian, over sub-steps of at most [`super::sfm::SUBSTEP_S`].
//!
//! The step is a pure map from the previous positions to the new ones, so it
//! runs in parallel chunks and gives bit-identical results for any number of
//! threads. Neighbours come from a [`SpatialHash`]; walls from a per-cell
//! list built once.

use bevy::tasks::ComputeTaskPool;

use super::geometry::{Segment, Vec2};
use super::spatial_hash::SpatialHash;
use crate::scenario::layout::{PedestrianModel, PedestrianModelKind};

/// No neighbour limits the speed.
pub const NO_BLOCKER: u32 = u32::MAX;

/// Repulsion weaker than this is ignored (it cannot turn anyone measurably).
pub(super) const NEGLIGIBLE: f32 = 1e-4;

/// Agents per parallel chunk at least (smaller crowds run on one thread).
const MIN_CHUNK: usize = 512;

/// Pedestrians as parallel arrays.
#[derive(Debug, Clone)]
pub struct Crowd {
    /// Positions, metres.
    pub pos: Vec<Vec2>,
    /// Desired speed of each, m/s (0 to stand still).
    pub v0: Vec<f32>,
    /// Desired unit direction of each (set by navigation before a step).
    pub desired: Vec<Vec2>,
    /// Direction each last walked in.
    pub heading: Vec<Vec2>,
    /// Speed each walked at in the last step, m/s.
    pub speed: Vec<f32>,
    /// Index of the neighbour that limited each one's speed in the last step, or [`NO_BLOCKER`].
    pub blocker: Vec<u32>,
    /// Group of each (0: none); see `passes`.
    pub group: Vec<u16>,
    /// Group each squeezes past (0: none): it ignores that group's members, as a traveller
    /// called to a desk is let through the line.
    pub passes: Vec<u16>,
    pub(super) model: PedestrianModel,
    pub(super) walls: Vec<Segment>,
    pub(super) hash: SpatialHash,
    /// Wall indices near each hash cell.
    pub(super) wall_cells: Vec<Vec<u32>>,
    /// How far neighbours matter, metres.
    pub(super) cutoff: f32,
    /// How many hash cells around one's own cover `cutoff`.
    pub(super) reach: usize,
    next: Vec<Next>,
}

/// Bounds and reach of the crowd's neighbourhood grid.
#[derive(Debug, Clone, Copy)]
pub struct Extent {
    /// Lower-left corner of the floor.
    pub lo: Vec2,
    /// Upper-right corner of the floor.
    pub hi: Vec2,
    /// Fastest desired speed anyone will have, m/s.
    pub max_speed_mps: f32,
    /// Longest step, seconds.
    pub dt_s: f32,
}

impl Crowd {
    /// An empty crowd on a floor with `walls`.
    pub fn new(model: PedestrianModel, walls: Vec<Segment>, extent: Extent) -> Self {
        let l = 2.0 * model.radius_m;
        let repulsion_reach = l + model.neighbour_range_m * (model.neighbour_strength / NEGLIGIBLE).max(1.0).ln();
        let following = l + extent.max_speed_mps * model.time_gap_s;
        let (cutoff, reach) = match model.kind {
            PedestrianModelKind::CollisionFreeSpeed => (following.max(repulsion_reach), 2),
            PedestrianModelKind::AnticipationVelocity => (following.max(super::avm::PERCEPTION_M), 3),
            PedestrianModelKind::SocialForce => (super::sfm::neighbour_reach(&model), 2),
        };
        let cell = cutoff / reach as f32;
        let margin = Vec2::splat(cell);
        let hash = SpatialHash::new(extent.lo - margin, extent.hi + margin, cell);
        let wall_reach = cutoff.max(wall_reach(&model) + extent.max_speed_mps * extent.dt_s);
        let mut wall_cells = vec![Vec::new(); hash.nx * hash.ny];
        for (w, wall) in walls.iter().enumerate() {
            let (x0, y0) = hash.cell_xy(wall.a.min(wall.b) - Vec2::splat(wall_reach + cell));
            let (x1, y1) = hash.cell_xy(wall.a.max(wall.b) + Vec2::splat(wall_reach + cell));
            for y in y0..=y1 {
                for x in x0..=x1 {
                    let centre = extent.lo - margin + Vec2::new(x as f32 + 0.5, y as f32 + 0.5) * cell;
                    if wall.distance(centre) <= wall_reach + cell * std::f32::consts::FRAC_1_SQRT_2 {
                        wall_cells[y * hash.nx + x].push(w as u32);
                    }
                }
            }
        }
        Self {
            pos: Vec::new(),
            v0: Vec::new(),
            desired: Vec::new(),
            heading: Vec::new(),
            speed: Vec::new(),
            blocker: Vec::new(),
            group: Vec::new(),
            passes: Vec::new(),
            model,
            walls,
            hash,
            wall_cells,
            cutoff,
            reach,
            next: Vec::new(),
        }
    }

    /// Number of pedestrians.
    pub fn len(&self) -> usize {
        self.pos.len()
    }

    /// True when nobody is there.
    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }

    /// The model's parameters.
    pub fn model(&self) -> &PedestrianModel {
        &self.model
    }

    /// Adds a pedestrian standing at `pos`; returns its index.
    pub fn add(&mut self, pos: Vec2, v0: f32) -> usize {
        self.pos.push(pos);
        self.v0.push(v0);
        self.desired.push(Vec2::ZERO);
        self.heading.push(Vec2::X);
        self.speed.push(0.0);
        self.blocker.push(NO_BLOCKER);
        self.group.push(0);
        self.passes.push(0);
        self.pos.len() - 1
    }

    /// Removes pedestrian `i`; the last one takes its index.
    pub fn swap_remove(&mut self, i: usize) {
        self.pos.swap_remove(i);
        self.v0.swap_remove(i);
        self.desired.swap_remove(i);
        self.heading.swap_remove(i);
        self.speed.swap_remove(i);
        self.blocker.swap_remove(i);
        self.group.swap_remove(i);
        self.passes.swap_remove(i);
    }

    /// True when someone's body overlaps the circle at `p` with this radius.
    pub fn occupied(&self, p: Vec2, radius: f32) -> bool {
        let reach = radius + self.model.radius_m;
        self.pos.iter().any(|q| (*q - p).length_squared() < reach * reach)
    }

    /// Advances everyone by `dt` seconds.
    pub fn step(&mut self, dt: f32) {
        match self.model.kind {
            PedestrianModelKind::SocialForce => {
                let substeps = (dt / super::sfm::SUBSTEP_S).ceil().max(1.0) as usize;
                let h = dt / substeps as f32;
                for _ in 0..substeps {
                    self.advance(h);
                }
            }
            PedestrianModelKind::CollisionFreeSpeed | PedestrianModelKind::AnticipationVelocity => self.advance(dt),
        }
    }

    /// One step of the model of `dt` seconds: a pure map over everyone, in parallel chunks.
    fn advance(&mut self, dt: f32) {
        let n = self.pos.len();
        if n == 0 {
            return;
        }
        self.hash.rebuild(&self.pos);
        let mut next = std::mem::take(&mut self.next);
        next.resize(n, (Vec2::ZERO, Vec2::ZERO, 0.0, NO_BLOCKER));
        let rep_reach = match self.model.kind {
            PedestrianModelKind::SocialForce => super::sfm::neighbour_reach(&self.model),
            PedestrianModelKind::CollisionFreeSpeed | PedestrianModelKind::AnticipationVelocity => {
                2.0 * self.model.radius_m + self.model.neighbour_range_m * (self.model.neighbour_strength / NEGLIGIBLE).max(1.0).ln()
            }
        };
        let view = StepView {
            crowd: self,
            dt,
            rep_reach,
            wall_reach: wall_reach(&self.model),
        };
        let threads = ComputeTaskPool::try_get().map_or(1, |p| p.thread_num()).max(1);
        let chunk = n.div_ceil(threads).max(MIN_CHUNK);
        if chunk >= n {
            view.run(0, &mut next);
        } else {
            let view = &view;
            ComputeTaskPool::get().scope(|s| {
                for (k, part) in next.chunks_mut(chunk).enumerate() {
                    s.spawn(async move { view.run(k * chunk, part) });
                }
            });
        }
        for (slot, &(p, heading, speed, blocker)) in next.iter().enumerate() {
            let i = self.hash.order[slot] as usize;
            self.pos[i] = p;
            self.heading[i] = heading;
            self.speed[i] = speed;
            self.blocker[i] = blocker;
        }
        self.next = next;
    }
}

fn wall_reach(model: &PedestrianModel) -> f32 {
    match model.kind {
        PedestrianModelKind::SocialForce => super::sfm::wall_reach(model),
        PedestrianModelKind::CollisionFreeSpeed | PedestrianModelKind::AnticipationVelocity => {
            model.radius_m + model.wall_range_m * (model.wall_strength / NEGLIGIBLE).max(1.0).ln()
        }
    }
}

/// A pedestrian's next state: position, heading, speed and the index of whoever limited its speed.
pub(super) type Next = (Vec2, Vec2, f32, u32);

/// What one step reads: the previous state, never written during the map.
pub(super) struct StepView<'a> {
    /// The crowd before the step.
    pub(super) crowd: &'a Crowd,
    /// The step, seconds.
    pub(super) dt: f32,
    /// How far neighbours repel (collision-free speed and social force models), metres.
    pub(super) rep_reach: f32,
    /// How far walls repel, metres.
    pub(super) wall_reach: f32,
}

impl StepView<'_> {
    /// Computes the new state of sorted slots `first..first + out.len()`.
    fn run(&self, first: usize, out: &mut [Next]) {
        let mut scratch = super::avm::Scratch::default();
        for (k, slot) in out.iter_mut().enumerate() {
            *slot = match self.crowd.model.kind {
                PedestrianModelKind::CollisionFreeSpeed => super::cfsm::step_agent(self, first + k),
                PedestrianModelKind::AnticipationVelocity => super::avm::step_agent(self, first + k, &mut scratch),
                PedestrianModelKind::SocialForce => super::sfm::step_agent(self, first + k),
            };
        }
    }

    /// Walls near sorted point `p`.
    pub(super) fn walls_near(&self, p: Vec2) -> &[u32] {
        let hash = &self.crowd.hash;
        let (cx, cy) = hash.cell_xy(p);
        &self.crowd.wall_cells[cy * hash.nx + cx]
    }

    /// True when no wall of `walls` stands between `p` and `q`.
    #[inline]
    pub(super) fn visible(&self, walls: &[u32], p: Vec2, q: Vec2) -> bool {
        walls.is_empty() || !walls.iter().any(|&w| self.crowd.walls[w as usize].intersects(&Segment::new(p, q)))
    }

    /// True when the pedestrian of original index `i` ignores the one in sorted slot `other`
    /// (it squeezes past that one's group).
    #[inline]
    pub(super) fn ignored(&self, i: usize, other: usize) -> bool {
        let c = self.crowd;
        let passes = c.passes[i];
        passes != 0 && c.group[c.hash.order[other] as usize] == passes
    }

    /// The step from `p` to `moved` neither crosses a wall nor comes closer than half a body to
    /// one (unless it moves away from it).
    pub(super) fn safe(&self, walls: &[u32], p: Vec2, moved: Vec2) -> bool {
        let c = self.crowd;
        walls.iter().all(|&w| {
            let wall = &c.walls[w as usize];
            !wall.intersects(&Segment::new(p, moved))
                && (wall.distance(moved) >= 0.5 * c.model.radius_m || wall.distance(moved) >= wall.distance(p))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> PedestrianModel {
        PedestrianModel {
            kind: PedestrianModelKind::CollisionFreeSpeed,
            radius_m: 0.2,
            time_gap_s: 1.0,
            neighbour_strength: 8.0,
            neighbour_range_m: 0.1,
            wall_strength: 5.0,
            wall_range_m: 0.02,
            anticipation_time_s: 1.0,
            reaction_time_s: 0.3,
            mass_kg: 80.0,
            relaxation_time_s: 0.5,
            body_force: 1.2e5,
            sliding_friction: 2.4e5,
        }
    }

    fn anticipating() -> PedestrianModel {
        PedestrianModel {
            kind: PedestrianModelKind::AnticipationVelocity,
            time_gap_s: 1.06,
            ..model()
        }
    }

    fn open_floor(model: PedestrianModel) -> Crowd {
        let extent = Extent {
            lo: Vec2::new(-20.0, -20.0),
            hi: Vec2::new(20.0, 20.0),
            max_speed_mps: 1.34,
            dt_s: 0.05,
        };
        Crowd::new(model, Vec::new(), extent)
    }

    /// Two walkers meeting head-on, 10 m apart and 5 cm off line; their closest distance.
    fn head_on_closest(model: PedestrianModel) -> (f32, Vec2, Vec2) {
        let mut crowd = open_floor(model);
        let a = crowd.add(Vec2::new(-5.0, 0.0), 1.34);
        let b = crowd.add(Vec2::new(5.0, 0.05), 1.34);
        crowd.heading[b] = -Vec2::X;
        let mut closest = f32::MAX;
        for _ in 0..400 {
            crowd.desired[a] = Vec2::X;
            crowd.desired[b] = -Vec2::X;
            crowd.step(0.05);
            closest = closest.min((crowd.pos[a] - crowd.pos[b]).length());
        }
        (closest, crowd.pos[a], crowd.pos[b])
    }

    #[test]
    fn anticipating_walkers_step_aside_early_and_both_get_past() {
        let (closest, a, b) = head_on_closest(anticipating());
        assert!(closest >= 0.4, "they never touch: {closest}");
        assert!(a.x > 5.0 && b.x < -5.0, "both get past: {a} {b}");
        // Each keeps to its right of the other.
        assert!(a.y < b.y, "{a} {b}");
    }

    #[test]
    fn anticipating_walkers_pass_wider_than_reacting_ones() {
        let (anticipated, ..) = head_on_closest(anticipating());
        let (reacted, ..) = head_on_closest(model());
        assert!(anticipated > reacted, "anticipation keeps them apart: {anticipated} vs {reacted}");
    }

    fn corridor() -> Crowd {
        let walls = vec![
            Segment::new(Vec2::new(0.0, 0.0), Vec2::new(20.0, 0.0)),
            Segment::new(Vec2::new(0.0, 1.0), Vec2::new(20.0, 1.0)),
            Segment::new(Vec2::new(10.0, 0.0), Vec2::new(10.0, 1.0)),
        ];
        let extent = Extent {
            lo: Vec2::ZERO,
            hi: Vec2::new(20.0, 1.0),
            max_speed_mps: 1.34,
            dt_s: 0.1,
        };
        Crowd::new(model(), walls, extent)
    }

    #[test]
    fn a_follower_stops_behind_a_standing_leader() {
        let mut crowd = corridor();
        crowd.add(Vec2::new(5.0, 0.5), 0.0);
        let follower = crowd.add(Vec2::new(1.0, 0.5), 1.34);
        let mut gaps = Vec::new();
        for _ in 0..200 {
            crowd.desired[follower] = Vec2::X;
            crowd.step(0.1);
            gaps.push(crowd.pos[0].x - crowd.pos[follower].x);
        }
        assert!(gaps.iter().all(|&g| g >= 0.4), "never touches the leader");
        // It hovers where the leader's repulsion balances its wish to go on: l + D·ln(a) ≈ 0.61 m.
        let settled = gaps[150..].iter().sum::<f32>() / 50.0;
        assert!((0.5..0.75).contains(&settled), "settled {settled} m behind");
    }

    #[test]
    fn nobody_walks_through_a_wall() {
        let mut crowd = corridor();
        let a = crowd.add(Vec2::new(9.0, 0.5), 1.34);
        for _ in 0..100 {
            crowd.desired[a] = Vec2::X;
            crowd.step(0.1);
        }
        assert!(crowd.pos[a].x < 10.0 - 0.1, "{}", crowd.pos[a]);
    }
}
