//! Trucks on lanes: car-following by the intelligent driver model, stopping
//! at hold lines and booths, queueing back along the lane, slowing to the
//! speed limit through portals, and spill-back at the lane entrance.
//!
//! A truck sent to a stage drives to the stage's hold line; it has arrived
//! (and the network queues or serves it) when it stops there, or stops
//! behind a truck already held at the same stage. Called to a booth, it
//! drives to the booth's stop line and stands there until served. A truck
//! that finds its entrance lane's start blocked by the queue waits outside
//! (spill-back); waiting trucks enter in arrival order as room appears.

use std::collections::{HashMap, VecDeque};

use super::arrival::Arrival;
use super::geometry::Vec2;
use super::idm;
use super::lanes;
use crate::scenario::layout::{Entrance, LaneId, LanePosition, Layout, Place};
use crate::scenario::model::{StageId, Target};
use crate::sim::agent::AgentKey;
use crate::sim::time::SimTime;

/// Below this speed a truck counts as stopped, m/s.
const STOPPED_MPS: f32 = 0.1;
/// A truck this close to its stop line (beyond the standstill gap) has reached it, metres.
const AT_LINE_M: f32 = 1.0;
/// How far ahead trucks look for a leader, metres.
const LOOKAHEAD_M: f32 = 250.0;

/// What a truck is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drive {
    /// Waiting for its first instruction.
    Idle,
    /// Driving to a stage's hold line.
    ToStage(StageId),
    /// Arrived at a stage, waiting to be called.
    Held(StageId),
    /// Called to a booth: driving there.
    ToBooth(StageId, u32),
    /// Being served at a booth.
    AtBooth(StageId, u32),
    /// Driving out of the port.
    ToExit,
}

/// One truck.
#[derive(Debug, Clone)]
pub struct Truck {
    /// Its agent in the network.
    pub agent: AgentKey,
    /// Lanes from the one it is on to the end of its current leg.
    pub route: Vec<LaneId>,
    /// Front bumper's distance along `route[0]`, metres.
    pub s: f32,
    /// Speed, m/s.
    pub v: f32,
    /// What it is doing.
    pub drive: Drive,
}

/// Spill-back at one entrance lane.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpillBack {
    /// Trucks that found the lane's start blocked.
    pub trucks: u64,
    /// When it first happened.
    pub first: Option<SimTime>,
    /// Most trucks waiting outside at once.
    pub max_waiting: u32,
}

/// Every truck.
#[derive(Default, bevy::prelude::Resource)]
pub struct Vehicles {
    /// Trucks on the lanes, in the order they entered.
    pub trucks: Vec<Truck>,
    /// Trucks waiting outside each lane's start, in arrival order, with their first instruction.
    pub outside: HashMap<LaneId, VecDeque<(AgentKey, Option<Target>)>>,
    /// Spill-back per entrance lane.
    pub spillback: HashMap<LaneId, SpillBack>,
    arrivals: Vec<Arrival>,
    /// Trucks that entered the lanes this step (their bodies are created by the caller).
    pub entered: Vec<AgentKey>,
    /// Trucks that left this step.
    pub left: Vec<AgentKey>,
}

impl Vehicles {
    /// True when `agent` is a truck here (on a lane or waiting outside).
    pub fn has(&self, agent: AgentKey) -> bool {
        self.trucks.iter().any(|t| t.agent == agent) || self.outside.values().any(|q| q.iter().any(|(a, _)| *a == agent))
    }

    /// Nothing moves, nor will until the network acts: every truck is held or being served.
    pub fn at_rest(&self) -> bool {
        self.trucks
            .iter()
            .all(|t| t.v < STOPPED_MPS && matches!(t.drive, Drive::Held(_) | Drive::AtBooth(..)))
            && self.outside.values().all(VecDeque::is_empty)
            && self.arrivals.is_empty()
    }

    /// A truck arrives at the start of its source's entrance lane.
    pub fn enter(&mut self, layout: &Layout, agent: AgentKey, source: usize, now: SimTime) {
        let Entrance::Lane(lane) = layout.entrances[source] else {
            return;
        };
        let queue = self.outside.entry(lane).or_default();
        queue.push_back((agent, None));
        if queue.len() > 1 || !self.room_at_start(layout, lane) {
            let stats = self.spillback.entry(lane).or_default();
            stats.trucks += 1;
            stats.first.get_or_insert(now);
            stats.max_waiting = stats.max_waiting.max(self.outside[&lane].len() as u32);
        }
        self.admit(layout);
    }

    fn room_at_start(&self, layout: &Layout, lane: LaneId) -> bool {
        let length = layout.vehicles.length_m;
        self.trucks
            .iter()
            .filter(|t| t.route[0] == lane)
            .all(|t| t.s - length >= layout.vehicles.min_gap_m)
    }

    /// Lets waiting trucks onto their lanes, first come first.
    fn admit(&mut self, layout: &Layout) {
        let lanes: Vec<LaneId> = {
            let mut l: Vec<LaneId> = self.outside.keys().copied().collect();
            l.sort_unstable();
            l
        };
        for lane in lanes {
            while !self.outside[&lane].is_empty() && self.room_at_start(layout, lane) {
                let (agent, target) = self.outside.get_mut(&lane).and_then(VecDeque::pop_front).expect("not empty");
                // It comes off the road as fast as the free road ahead of it allows.
                let model = &layout.vehicles;
                let free = self
                    .trucks
                    .iter()
                    .filter(|t| t.route[0] == lane)
                    .map(|t| t.s - model.length_m - model.min_gap_m)
                    .fold(f32::INFINITY, f32::min);
                let v = layout.lanes[lane]
                    .speed_limit_mps
                    .min((2.0 * model.decel_mps2 * free.max(0.0)).sqrt());
                self.trucks.push(Truck {
                    agent,
                    route: vec![lane],
                    s: 0.0,
                    v,
                    drive: Drive::Idle,
                });
                self.entered.push(agent);
                if let Some(to) = target {
                    self.go(layout, agent, to);
                }
            }
        }
    }

    fn truck_mut(&mut self, agent: AgentKey) -> Option<&mut Truck> {
        self.trucks.iter_mut().find(|t| t.agent == agent)
    }

    /// Sends a truck to a stage's hold line, or out of the port.
    pub fn go(&mut self, layout: &Layout, agent: AgentKey, to: Target) {
        if let Some(waiting) = self.outside.values_mut().flat_map(|q| q.iter_mut()).find(|(a, _)| *a == agent) {
            waiting.1 = Some(to);
            return;
        }
        let Some(truck) = self.truck_mut(agent) else {
            return;
        };
        let here = LanePosition {
            lane: truck.route[0],
            at_m: truck.s,
        };
        match to {
            Target::Stage(stage) => {
                if let Place::Booths { hold, .. } = &layout.places[stage] {
                    truck.route = lanes::route(&layout.lanes, here, *hold).unwrap_or_else(|| vec![here.lane]);
                    truck.drive = Drive::ToStage(stage);
                }
            }
            Target::Exit => {
                truck.route = lanes::route_out(&layout.lanes, here.lane).unwrap_or_else(|| vec![here.lane]);
                truck.drive = Drive::ToExit;
            }
        }
    }

    /// A truck has been called to `server`'s booth at `stage`.
    pub fn serve(&mut self, layout: &Layout, agent: AgentKey, stage: StageId, server: u32) {
        let Some(truck) = self.truck_mut(agent) else {
            return;
        };
        if let Place::Booths { booths, .. } = &layout.places[stage] {
            let booth = booths[server as usize % booths.len()];
            let here = LanePosition {
                lane: truck.route[0],
                at_m: truck.s,
            };
            truck.route = lanes::route(&layout.lanes, here, booth).unwrap_or_else(|| vec![here.lane]);
            truck.drive = Drive::ToBooth(stage, server);
        }
    }

    /// Removes a truck (it balked).
    pub fn remove(&mut self, agent: AgentKey) {
        self.trucks.retain(|t| t.agent != agent);
        for q in self.outside.values_mut() {
            q.retain(|(a, _)| *a != agent);
        }
    }

    /// Where a truck must stop: distance from its front to the line, along its route.
    fn stop_line(layout: &Layout, truck: &Truck) -> Option<f32> {
        let target = match truck.drive {
            Drive::ToStage(stage) | Drive::Held(stage) => match &layout.places[stage] {
                Place::Booths { hold, .. } => *hold,
                _ => return None,
            },
            Drive::ToBooth(stage, server) | Drive::AtBooth(stage, server) => match &layout.places[stage] {
                Place::Booths { booths, .. } => booths[server as usize % booths.len()],
                _ => return None,
            },
            Drive::Idle | Drive::ToExit => return None,
        };
        if target.lane == truck.route[0] {
            // On this lane: negative once the front has crept past the line, so it still holds.
            return Some(target.at_m - truck.s);
        }
        ahead(layout, truck, target.lane, target.at_m)
    }

    /// The nearest truck ahead of `i` on its route: (gap from its front to their rear, their speed, their index).
    fn leader(&self, layout: &Layout, i: usize) -> Option<(f32, f32, usize)> {
        let me = &self.trucks[i];
        let length = layout.vehicles.length_m;
        self.trucks
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .filter_map(|(j, other)| {
                // On my route ahead, or about to merge into it (zip merge: nearer the merge goes first).
                let at = ahead(layout, me, other.route[0], other.s).or_else(|| {
                    let next = *other.route.get(1)?;
                    let merge = ahead(layout, me, next, 0.0)?;
                    Some(merge - (layout.lanes[other.route[0]].path.length() - other.s))
                })?;
                (at > 0.0 || (at == 0.0 && j < i)).then_some((at - length, other.v, j))
            })
            .filter(|(gap, ..)| *gap < LOOKAHEAD_M)
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)))
    }

    /// Moves every truck by `dt` seconds (accelerations from the state before the step).
    pub fn step(&mut self, layout: &Layout, dt: f32) {
        self.admit(layout);
        let model = &layout.vehicles;
        let moves: Vec<(f32, f32)> = (0..self.trucks.len())
            .map(|i| {
                let truck = &self.trucks[i];
                let mut gap = f32::INFINITY;
                let mut leader_v = 0.0;
                if let Some((g, v, _)) = self.leader(layout, i) {
                    gap = g;
                    leader_v = v;
                }
                if let Some(line) = Self::stop_line(layout, truck) {
                    let to_line = line + model.min_gap_m;
                    if to_line < gap {
                        gap = to_line;
                        leader_v = 0.0;
                    }
                }
                let v0 = speed_limit(layout, truck);
                let a = idm::acceleration(model, truck.v, v0, gap, leader_v);
                let (v, ds) = idm::advance(truck.v, a, dt);
                // Never into the vehicle or line ahead.
                let room = (gap - model.min_gap_m * 0.5).max(0.0);
                (if ds > room { 0.0 } else { v }, ds.min(room))
            })
            .collect();
        for (truck, (v, ds)) in self.trucks.iter_mut().zip(moves) {
            truck.v = v;
            truck.s += ds;
            while truck.route.len() > 1 && truck.s > layout.lanes[truck.route[0]].path.length() {
                truck.s -= layout.lanes[truck.route[0]].path.length();
                truck.route.remove(0);
            }
        }
        self.detect_arrivals(layout);
    }

    fn detect_arrivals(&mut self, layout: &Layout) {
        let mut i = 0;
        while i < self.trucks.len() {
            let truck = &self.trucks[i];
            match truck.drive {
                Drive::ToExit if truck.route.len() == 1 && truck.s >= layout.lanes[truck.route[0]].path.length() => {
                    let agent = truck.agent;
                    self.arrivals.push(Arrival::Reached(agent, Target::Exit));
                    self.left.push(agent);
                    self.trucks.remove(i);
                    continue;
                }
                Drive::ToStage(stage) if truck.v < STOPPED_MPS => {
                    let at_line = Self::stop_line(layout, truck).is_some_and(|d| d.abs() < AT_LINE_M);
                    let behind_held = self.leader(layout, i).is_some_and(|(gap, _, j)| {
                        gap < layout.vehicles.min_gap_m * 2.0
                            && matches!(self.trucks[j].drive, Drive::Held(s) | Drive::ToBooth(s, _) | Drive::AtBooth(s, _) if s == stage)
                    });
                    if at_line || behind_held {
                        self.arrivals.push(Arrival::Reached(truck.agent, Target::Stage(stage)));
                        self.trucks[i].drive = Drive::Held(stage);
                    }
                }
                Drive::ToBooth(stage, server)
                    if truck.v < STOPPED_MPS && Self::stop_line(layout, truck).is_some_and(|d| d.abs() < AT_LINE_M) =>
                {
                    self.arrivals.push(Arrival::AtServer(truck.agent));
                    self.trucks[i].drive = Drive::AtBooth(stage, server);
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// Arrivals since the last call, in order.
    pub fn take_arrivals(&mut self) -> Vec<Arrival> {
        std::mem::take(&mut self.arrivals)
    }

    /// A truck's centre, heading and length on the plan.
    pub fn pose(layout: &Layout, truck: &Truck) -> (Vec2, Vec2) {
        let lane = &layout.lanes[truck.route[0]].path;
        let (front, heading) = lane.at(truck.s);
        (front - heading * (layout.vehicles.length_m / 2.0), heading)
    }

    /// Trucks waiting outside a lane, in order.
    pub fn waiting_outside(&self, lane: LaneId) -> Vec<AgentKey> {
        self.outside
            .get(&lane)
            .map_or_else(Vec::new, |q| q.iter().map(|(a, _)| *a).collect())
    }
}

/// Distance along `truck`'s route from its front to position `at_m` of `lane` (none if not on its route ahead).
fn ahead(layout: &Layout, truck: &Truck, lane: LaneId, at_m: f32) -> Option<f32> {
    let mut offset = -truck.s;
    for (k, &l) in truck.route.iter().enumerate() {
        if l == lane && (k > 0 || at_m >= truck.s) {
            return Some(offset + at_m);
        }
        offset += layout.lanes[l].path.length();
    }
    None
}

/// The speed a truck wants: its lane's limit, or a portal's when in or near one.
fn speed_limit(layout: &Layout, truck: &Truck) -> f32 {
    let mut limit = layout.lanes[truck.route[0]].speed_limit_mps;
    let length = layout.vehicles.length_m;
    for portal in &layout.portals {
        let Some(to_entry) = ahead(layout, truck, portal.at.lane, portal.at.at_m) else {
            // Already past the entry on this lane? Then it is inside until its rear clears the exit.
            if portal.at.lane == truck.route[0] && truck.s - length < portal.at.at_m + portal.length_m && truck.s >= portal.at.at_m {
                limit = limit.min(portal.speed_limit_mps);
            }
            continue;
        };
        let braking = (truck.v * truck.v - portal.speed_limit_mps.powi(2)).max(0.0) / (2.0 * layout.vehicles.decel_mps2) + 5.0;
        if to_entry <= braking {
            limit = limit.min(portal.speed_limit_mps);
        }
    }
    limit
}
