//! Pedestrians of the process network as bodies in the crowd: where each is
//! heading, when it has arrived, and physical queueing.
//!
//! A pedestrian sent to a stage walks (by floor fields) to where it lines up:
//! into the entrance of the stage's serpentine and along it to the head, or
//! to its first server when it has no queue area. It has *arrived* — and the
//! network queues or serves it — when it gets to the head, or comes to a stop
//! behind someone already lined up at the same stage. Lined-up pedestrians
//! keep closing up towards the head; the queue itself (who is next) stays in
//! the network. Called to a server, a pedestrian walks to that server's
//! service point, squeezing past the line if it must, and its service starts
//! when it is there.

use std::collections::HashMap;

use rand::RngExt;

use super::arrival::Arrival;
use super::crowd::{Crowd, Extent, NO_BLOCKER};
use super::geometry::{Vec2, contains};
use super::navigation::{Destination, Navigator};
use crate::scenario::layout::{Entrance, Layout, Place};
use crate::scenario::model::{Scenario, StageId, Target};
use crate::sim::agent::AgentKey;
use crate::sim::rng::{Stream, stream};

/// Within this distance of where it is going, a pedestrian has arrived, metres.
const ARRIVE_M: f32 = 0.35;
/// Below this speed a pedestrian counts as stopped, m/s.
const STOPPED_MPS: f32 = 0.05;
/// Tries to find a free spot at an entrance before waiting for the next step.
const SPAWN_TRIES: usize = 40;
/// Within this distance of a serpentine's entrance a pedestrian steps into it, metres.
const ENTRY_M: f32 = 0.8;
/// Distance between the centres of neighbours in a line, metres.
const LINE_SPACING_M: f32 = 0.55;

/// What a pedestrian is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// Walking to a stage.
    ToStage(StageId),
    /// Lined up at a stage, closing up towards the head.
    Queued(StageId),
    /// Called to a server: walking there.
    ToServer(StageId, u32),
    /// Being served: standing at the server.
    AtServer(StageId, u32),
    /// Walking out.
    ToExit,
}

/// One pedestrian's bookkeeping, aligned with its body in the crowd.
#[derive(Debug, Clone, Copy)]
pub struct Walker {
    /// Its agent in the network.
    pub agent: AgentKey,
    /// What it is doing.
    pub task: Task,
    /// Its walking speed, m/s.
    pub speed_mps: f32,
    /// Inside its stage's serpentine: it moves single file along the serpentine's path.
    pub in_queue: bool,
    /// Its distance along the serpentine, metres (when `in_queue`).
    pub line_s: f32,
    /// Its speed along the serpentine in the last step, m/s (when `in_queue`).
    pub line_speed: f32,
    /// The floor field it follows.
    field: usize,
}

/// A pedestrian waiting for room at its entrance, with its first task once there.
#[derive(Debug, Clone, Copy)]
struct Entering {
    agent: AgentKey,
    source: usize,
    speed_mps: f32,
    task: Option<(Task, usize)>,
}

/// Everyone on foot.
#[derive(bevy::prelude::Resource)]
pub struct Pedestrians {
    /// Bodies.
    pub crowd: Crowd,
    /// Bookkeeping, by crowd index.
    pub walkers: Vec<Walker>,
    /// Navigation grid and fields.
    pub navigator: Navigator,
    index: HashMap<AgentKey, usize>,
    waiting_to_enter: Vec<Entering>,
    entrance_rngs: Vec<Stream>,
    arrivals: Vec<Arrival>,
}

impl Pedestrians {
    /// Nobody yet, on the floor of `scenario`'s layout.
    pub fn new(scenario: &Scenario, layout: &Layout, seed: u64) -> Self {
        let fastest = scenario
            .population
            .types
            .iter()
            .map(|t| (t.walk_speed_mean_mps + 3.0 * t.walk_speed_sd_mps) as f32)
            .fold(0.5, f32::max)
            .min(2.5);
        let (lo, hi) = if layout.walkable.is_empty() {
            (Vec2::ZERO, Vec2::ONE)
        } else {
            layout.bounds()
        };
        let extent = Extent {
            lo,
            hi,
            max_speed_mps: fastest,
            dt_s: scenario.meta.step.as_secs_f64() as f32,
        };
        Self {
            crowd: Crowd::new(layout.pedestrians, layout.walls.clone(), extent),
            walkers: Vec::new(),
            navigator: Navigator::new(
                layout,
                super::grid::clearance(layout.pedestrians.radius_m, layout.navigation_cell_m),
            ),
            index: HashMap::new(),
            waiting_to_enter: Vec::new(),
            entrance_rngs: scenario
                .sources
                .iter()
                .map(|s| stream(seed, &format!("motion/entrance/{}", s.name)))
                .collect(),
            arrivals: Vec::new(),
        }
    }

    /// True when `agent` is on foot here (or waiting to enter).
    pub fn has(&self, agent: AgentKey) -> bool {
        self.index.contains_key(&agent) || self.waiting_to_enter.iter().any(|e| e.agent == agent)
    }

    /// Nobody moves, nor will until the network acts: everyone is being served, or stands in
    /// a line that does not move, and nobody waits to enter.
    pub fn at_rest(&self) -> bool {
        self.waiting_to_enter.is_empty()
            && self.arrivals.is_empty()
            && self.walkers.iter().zip(&self.crowd.speed).all(|(w, &speed)| match w.task {
                Task::AtServer(..) => true,
                Task::Queued(_) => speed < STOPPED_MPS && w.line_speed < STOPPED_MPS,
                Task::ToStage(_) | Task::ToServer(..) | Task::ToExit => false,
            })
    }

    /// A new pedestrian of `source` enters (now, or as soon as there is room).
    pub fn enter(&mut self, layout: &Layout, agent: AgentKey, source: usize, speed_mps: f32) {
        self.waiting_to_enter.push(Entering {
            agent,
            source,
            speed_mps,
            task: None,
        });
        self.admit(layout);
    }

    /// Places waiting pedestrians where their entrance has room, in the order they came.
    fn admit(&mut self, layout: &Layout) {
        let waiting = std::mem::take(&mut self.waiting_to_enter);
        for entering in waiting {
            let Entrance::Area { polygon, grid_m } = &layout.entrances[entering.source] else {
                continue;
            };
            match self.free_spot(layout, polygon, *grid_m, entering.source) {
                Some(p) => {
                    let (task, field) = entering.task.unwrap_or((Task::ToExit, usize::MAX));
                    let i = self.crowd.add(p, 0.0);
                    self.walkers.push(Walker {
                        agent: entering.agent,
                        task,
                        speed_mps: entering.speed_mps,
                        in_queue: false,
                        line_s: 0.0,
                        line_speed: 0.0,
                        field,
                    });
                    self.index.insert(entering.agent, i);
                }
                None => self.waiting_to_enter.push(entering),
            }
        }
    }

    fn free_spot(&mut self, layout: &Layout, polygon: &[Vec2], grid_m: Option<f32>, source: usize) -> Option<Vec2> {
        let (lo, hi) = super::geometry::bounds(polygon);
        let r = self.crowd.model().radius_m;
        let rng = &mut self.entrance_rngs[source];
        for _ in 0..SPAWN_TRIES {
            let mut p = Vec2::new(rng.random_range(lo.x..=hi.x), rng.random_range(lo.y..=hi.y));
            if let Some(g) = grid_m {
                p = (p / g).round() * g;
            }
            let inside = contains(polygon, p) || grid_m.is_some_and(|_| p.cmpge(lo).all() && p.cmple(hi).all());
            if inside && layout.is_walkable(p) && !self.crowd.occupied(p, r) {
                return Some(p);
            }
        }
        None
    }

    /// Sends `agent` towards `to`.
    pub fn go(&mut self, layout: &Layout, agent: AgentKey, to: Target) {
        let (task, destination) = match to {
            Target::Stage(stage) => (Task::ToStage(stage), entry_of(layout, stage)),
            Target::Exit => (Task::ToExit, Destination::Exit),
        };
        self.assign(layout, agent, task, destination);
    }

    /// `agent` has been called to `server` of `stage`.
    pub fn serve(&mut self, layout: &Layout, agent: AgentKey, stage: StageId, server: u32) {
        self.assign(layout, agent, Task::ToServer(stage, server), Destination::Server(stage, server));
    }

    fn assign(&mut self, layout: &Layout, agent: AgentKey, task: Task, destination: Destination) {
        let field = self.navigator.field(layout, destination);
        if let Some(&i) = self.index.get(&agent) {
            let walker = &mut self.walkers[i];
            walker.task = task;
            walker.field = field;
            walker.in_queue = false;
            walker.line_speed = 0.0;
        } else if let Some(entering) = self.waiting_to_enter.iter_mut().find(|e| e.agent == agent) {
            // Not yet on the floor: it starts on this task once admitted.
            entering.task = Some((task, field));
        }
    }

    /// Removes `agent`'s body.
    pub fn remove(&mut self, agent: AgentKey) {
        if let Some(i) = self.index.remove(&agent) {
            self.crowd.swap_remove(i);
            self.walkers.swap_remove(i);
            if let Some(moved) = self.walkers.get(i) {
                self.index.insert(moved.agent, i);
            }
        }
        self.waiting_to_enter.retain(|e| e.agent != agent);
    }

    /// Sets everyone's desired direction and speed, moves the crowd one step, and notes arrivals.
    pub fn step(&mut self, layout: &Layout, dt: f32) {
        self.admit(layout);
        for i in 0..self.walkers.len() {
            self.steer(layout, i);
        }
        self.advance_lines(layout, dt);
        self.crowd.step(dt);
        // Blocker indices refer to this step's order: note leavers first, remove them after.
        let mut leaving = Vec::new();
        for i in 0..self.walkers.len() {
            let w = self.walkers[i];
            let p = self.crowd.pos[i];
            match w.task {
                Task::ToExit if w.field != usize::MAX && layout.exits.iter().any(|e| contains(e, p)) => {
                    self.arrivals.push(Arrival::Reached(w.agent, Target::Exit));
                    leaving.push(w.agent);
                }
                Task::ToStage(stage) if self.arrived(layout, i, stage) => {
                    self.arrivals.push(Arrival::Reached(w.agent, Target::Stage(stage)));
                    self.walkers[i].task = Task::Queued(stage);
                }
                Task::ToServer(stage, server) if near(layout, Destination::Server(stage, server), p) => {
                    self.arrivals.push(Arrival::AtServer(w.agent));
                    self.walkers[i].task = Task::AtServer(stage, server);
                }
                _ => {}
            }
        }
        for agent in leaving {
            self.remove(agent);
        }
    }

    /// Sets pedestrian `i`'s desired direction, speed and group for the next step.
    fn steer(&mut self, layout: &Layout, i: usize) {
        let w = self.walkers[i];
        let p = self.crowd.pos[i];
        let (mut group, mut passes) = (0, 0);
        let mut standing = w.field == usize::MAX;
        match w.task {
            Task::ToStage(stage) | Task::Queued(stage) => {
                if let Place::Desks { queue: Some(q), .. } = &layout.places[stage] {
                    group = stage as u16 + 1;
                    let at_entry = (p - q.path.points[0]).length() < ENTRY_M;
                    if !w.in_queue && at_entry && self.entry_free(stage) {
                        let walker = &mut self.walkers[i];
                        walker.in_queue = true;
                        walker.line_s = q.path.project(p);
                        walker.line_speed = w.speed_mps;
                    }
                    // In the serpentine the line moves it (`advance_lines`), not the crowd model.
                    standing |= self.walkers[i].in_queue;
                } else {
                    standing |= matches!(w.task, Task::Queued(_)) && near(layout, Destination::Stage(stage), p);
                }
            }
            Task::ToServer(stage, _) => passes = stage as u16 + 1,
            Task::AtServer(..) => standing = true,
            Task::ToExit => {}
        }
        self.crowd.group[i] = group;
        self.crowd.passes[i] = passes;
        self.crowd.v0[i] = if standing { 0.0 } else { w.speed_mps };
        self.crowd.desired[i] = if standing {
            Vec2::ZERO
        } else {
            self.navigator.get(w.field).direction_at(&self.navigator.grid, p)
        };
    }

    /// True when nobody in `stage`'s serpentine stands at its entrance.
    fn entry_free(&self, stage: StageId) -> bool {
        !self
            .walkers
            .iter()
            .any(|w| w.in_queue && matches!(w.task, Task::ToStage(s) | Task::Queued(s) if s == stage) && w.line_s < LINE_SPACING_M)
    }

    /// Moves everyone in a serpentine along its path, single file: each closes up on the one
    /// ahead at most at its walking speed, keeping [`LINE_SPACING_M`] (the speed rule of the
    /// collision-free speed model, in one dimension).
    fn advance_lines(&mut self, layout: &Layout, dt: f32) {
        let mut lined: Vec<(StageId, f32, usize)> = self
            .walkers
            .iter()
            .enumerate()
            .filter(|(_, w)| w.in_queue)
            .filter_map(|(i, w)| match w.task {
                Task::ToStage(s) | Task::Queued(s) => Some((s, w.line_s, i)),
                _ => None,
            })
            .collect();
        lined.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
        let time_gap = self.crowd.model().time_gap_s;
        let mut leader: Option<(StageId, f32)> = None;
        for (stage, s, i) in lined {
            let Place::Desks { queue: Some(q), .. } = &layout.places[stage] else {
                continue;
            };
            let ahead = match leader {
                Some((l, at)) if l == stage => at,
                _ => q.path.length() + LINE_SPACING_M,
            };
            let speed = ((ahead - s - LINE_SPACING_M) / time_gap).clamp(0.0, self.walkers[i].speed_mps);
            let next = (s + speed * dt).min(ahead - LINE_SPACING_M).max(s);
            let walker = &mut self.walkers[i];
            walker.line_speed = (next - s) / dt;
            walker.line_s = next;
            self.crowd.pos[i] = q.path.at(next).0;
            leader = Some((stage, next));
        }
    }

    fn arrived(&self, layout: &Layout, i: usize, stage: StageId) -> bool {
        let w = &self.walkers[i];
        let p = self.crowd.pos[i];
        if w.in_queue {
            // In the serpentine: at the head, or closed up behind the one ahead.
            let length = match &layout.places[stage] {
                Place::Desks { queue: Some(q), .. } => q.path.length(),
                _ => 0.0,
            };
            return w.line_s >= length - ARRIVE_M || w.line_speed < STOPPED_MPS;
        }
        if near(layout, Destination::Stage(stage), p) {
            return true;
        }
        if !matches!(layout.places[stage], Place::Desks { .. }) || self.crowd.speed[i] >= STOPPED_MPS {
            return false;
        }
        // Stopped behind someone already lined up at the same stage (outside its serpentine, if it overflows).
        let blocker = self.crowd.blocker[i];
        blocker != NO_BLOCKER
            && matches!(self.walkers[blocker as usize].task, Task::Queued(s) | Task::ToServer(s, _) | Task::AtServer(s, _) if s == stage)
            && (self.crowd.pos[blocker as usize] - p).length() < 1.0
    }

    /// Walking distance from pedestrian `i` to where it is heading, metres (0 when standing).
    pub fn distance_to_go(&self, i: usize) -> f32 {
        let field = self.walkers[i].field;
        if field == usize::MAX {
            return 0.0;
        }
        self.navigator
            .get(field)
            .smooth_distance_at(&self.navigator.grid, self.crowd.pos[i])
    }

    /// Arrivals since the last call, in the order they happened.
    pub fn take_arrivals(&mut self) -> Vec<Arrival> {
        std::mem::take(&mut self.arrivals)
    }
}

/// Where a pedestrian sent to `stage` heads first: the entrance of its serpentine, or the stage's point.
fn entry_of(layout: &Layout, stage: StageId) -> Destination {
    match &layout.places[stage] {
        Place::Desks { queue: Some(_), .. } => Destination::QueueEntry(stage),
        _ => Destination::Stage(stage),
    }
}

fn near(layout: &Layout, destination: Destination, p: Vec2) -> bool {
    Navigator::point(layout, destination).is_some_and(|q| (q - p).length_squared() < ARRIVE_M * ARRIVE_M)
}
