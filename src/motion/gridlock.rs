//! The gridlock watch: a crowd that has stopped for good ends the run.
//!
//! Once a simulated second, every pedestrian's walking distance to where it is
//! heading is compared with the shortest it has had on its current task.
//! Somebody getting more than [`MOVED_M`] closer than that within the second
//! (walking on at 5 cm/s or more), entering, leaving or changing task counts as
//! progress; shuffling on the spot, sideways or back and forth, and the slow
//! creep of a locked crowd pressing together do not. When pedestrians wait to move
//! (walking to a stage, a server or out) and there has been no progress for
//! `layout.gridlock_after_s`, the run ends with a [`GridlockSummary`]: when, how
//! many wait, and where the jam's front is (the waiting pedestrian nearest its
//! destination), named by the smallest zone it stands in and the nearest exit
//! or stage. While nobody waits to move (everyone is served or lined up) the
//! watch's clock does not run.

use std::collections::HashMap;

use super::geometry::{Vec2, contains};
use super::navigation::{Destination, Navigator};
use super::pedestrians::{Pedestrians, Task};
use crate::metrics::micro::GridlockSummary;
use crate::scenario::Scenario;
use crate::scenario::layout::Layout;
use crate::sim::agent::AgentKey;
use crate::sim::time::{MS_PER_S, SimTime};

/// Getting less than this closer to one's destination in a second is not moving on, metres.
pub const MOVED_M: f32 = 0.05;
/// How often the watch looks, simulated milliseconds.
const EVERY_MS: u64 = MS_PER_S;

/// Each pedestrian's task and the shortest distance to go it has had on it, and when anyone
/// last got closer.
#[derive(bevy::prelude::Resource, Debug, Default)]
pub struct GridlockWatch {
    records: HashMap<AgentKey, (Task, f32)>,
    last_progress: SimTime,
    next_look: SimTime,
    /// The verdict, once the crowd has locked.
    pub verdict: Option<GridlockSummary>,
}

impl GridlockWatch {
    /// Looks at the crowd (once a simulated second); returns true when it has just locked.
    pub fn look(&mut self, now: SimTime, scenario: &Scenario, layout: &Layout, pedestrians: &Pedestrians) -> bool {
        if self.verdict.is_some() || now < self.next_look {
            return false;
        }
        self.next_look = now + SimTime(EVERY_MS);
        let mut progress = pedestrians.walkers.len() != self.records.len();
        let mut seen = HashMap::with_capacity(pedestrians.walkers.len());
        for (i, walker) in pedestrians.walkers.iter().enumerate() {
            let to_go = pedestrians.distance_to_go(i);
            let record = match self.records.get(&walker.agent) {
                Some(&(task, best)) if task == walker.task => {
                    progress |= to_go < best - MOVED_M;
                    (task, best.min(to_go))
                }
                _ => {
                    progress = true;
                    (walker.task, to_go)
                }
            };
            seen.insert(walker.agent, record);
        }
        self.records = seen;
        let waiting: Vec<usize> = (0..pedestrians.walkers.len())
            .filter(|&i| waits_to_move(pedestrians.walkers[i].task))
            .collect();
        if progress || waiting.is_empty() {
            self.last_progress = now;
            return false;
        }
        let still_s = (now - self.last_progress).as_secs_f64();
        if still_s < layout.gridlock_after_s {
            return false;
        }
        let front = waiting
            .iter()
            .copied()
            .min_by(|&a, &b| {
                pedestrians
                    .distance_to_go(a)
                    .total_cmp(&pedestrians.distance_to_go(b))
                    .then(a.cmp(&b))
            })
            .map_or(Vec2::ZERO, |i| pedestrians.crowd.pos[i]);
        let place = place_of(scenario, layout, front);
        let verdict = format!(
            "gridlock at {}: {} travellers wait to move and nobody has walked on at {:.0} cm/s or more for {:.0} s; the jam's front is at ({:.1}, {:.1}), {place}",
            now,
            waiting.len(),
            MOVED_M * 100.0,
            still_s,
            front.x,
            front.y,
        );
        self.verdict = Some(GridlockSummary {
            at_s: now.as_secs_f64(),
            still_since_s: self.last_progress.as_secs_f64(),
            waiting: waiting.len() as u64,
            front: [f64::from(front.x), f64::from(front.y)],
            place,
            verdict,
        });
        true
    }
}

/// Walking somewhere (rather than being served or standing in line).
fn waits_to_move(task: Task) -> bool {
    matches!(task, Task::ToStage(_) | Task::ToServer(..) | Task::ToExit)
}

/// "in zone \"z\", 1.2 m from exit 1" (the smallest zone around `p`, the nearest exit or stage).
fn place_of(scenario: &Scenario, layout: &Layout, p: Vec2) -> String {
    let zone = layout
        .zones
        .iter()
        .filter(|z| contains(&z.polygon, p))
        .min_by(|a, b| a.area_m2.total_cmp(&b.area_m2))
        .map(|z| format!("in zone \"{}\", ", z.name));
    let exits = layout.exits.iter().enumerate().map(|(i, e)| {
        let centre = e.iter().copied().sum::<Vec2>() / e.len().max(1) as f32;
        (format!("exit {}", i + 1), centre)
    });
    let stages = scenario.stages.iter().enumerate().filter_map(|(s, stage)| {
        let at = Navigator::point(layout, Destination::Stage(s))?;
        Some((format!("stage \"{}\"", stage.name), at))
    });
    let nearest = exits
        .chain(stages)
        .min_by(|a, b| (a.1 - p).length_squared().total_cmp(&(b.1 - p).length_squared()));
    let near = nearest.map_or_else(String::new, |(name, at)| format!("{:.1} m from {name}", (at - p).length()));
    format!("{}{near}", zone.unwrap_or_default())
}
