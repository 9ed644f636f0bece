//! Journeys as the network lived them: stages, waits, routes with their reason (a split's
//! draw or a condition), and each domain's decisions as the domain describes them (a
//! screening rule, a risk score, a scan's alarm).
//!
//! Off by default: the viewer turns it on to show the journey of an agent it follows.
//! Recording only reads what the network decided; it draws nothing and changes nothing, so
//! runs with and without a journal are the same.

use std::collections::{HashMap, VecDeque};

use super::time::SimTime;
use crate::scenario::model::{SourceId, StageId, Target, TypeId};

/// How many finished journeys are kept (the followed agent may just have left).
const KEEP_FINISHED: usize = 256;

/// One step of a journey.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Arrived at the port from a source.
    Arrived {
        /// Source index.
        source: SourceId,
        /// Agent type.
        type_id: TypeId,
    },
    /// Joined the queue of a stage.
    Queued(StageId),
    /// Service started at a stage's server after waiting.
    Served {
        /// The stage.
        stage: StageId,
        /// The server.
        server: u32,
        /// Time spent waiting in the queue.
        waited: SimTime,
    },
    /// A domain's decision, in its own words (e.g. "egate: face accepted").
    Note(String),
    /// Routed on from a stage.
    Routed {
        /// The stage left.
        from: StageId,
        /// Where to.
        to: Target,
        /// Why.
        reason: RouteReason,
    },
    /// Left the port.
    Left,
}

/// Why a route went where it did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RouteReason {
    /// The stage has one next stage.
    Fixed,
    /// A random split: the draw (uniform in 0..1).
    Draw(f64),
    /// The first branch whose condition held (its index).
    Condition(usize),
}

/// One recorded step.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// When.
    pub at: SimTime,
    /// What.
    pub step: Step,
}

/// Journeys by agent id: the live ones, and the latest finished.
#[derive(Debug, Default)]
pub struct Journal {
    live: HashMap<u64, Vec<Entry>>,
    finished: VecDeque<(u64, Vec<Entry>)>,
}

impl Journal {
    /// Records a step of agent `id`.
    pub(super) fn note(&mut self, id: u64, at: SimTime, step: Step) {
        let left = step == Step::Left;
        let entries = self.live.entry(id).or_default();
        entries.push(Entry { at, step });
        if left && let Some(journey) = self.live.remove(&id) {
            if self.finished.len() == KEEP_FINISHED {
                self.finished.pop_front();
            }
            self.finished.push_back((id, journey));
        }
    }

    /// The journey of agent `id` so far (or, if it has left recently, all of it).
    pub fn journey(&self, id: u64) -> Option<&[Entry]> {
        self.live
            .get(&id)
            .or_else(|| self.finished.iter().rev().find(|(i, _)| *i == id).map(|(_, j)| j))
            .map(Vec::as_slice)
    }
}
