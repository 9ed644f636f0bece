//! Journeys as the network lived them: stages, waits, and each decision with its reason
//! (a screening rule, a risk score or a random draw; a route's split draw or condition).
//!
//! Off by default: the viewer turns it on to show the journey of an agent it follows.
//! Recording only reads what the network decided; it draws nothing and changes nothing, so
//! runs with and without a journal are the same.

use std::collections::{HashMap, VecDeque};

use super::agent::{Agent, AgentKey};
use super::network::ProcessNetwork;
use super::time::SimTime;
use crate::clearance::LaneDecision;
use crate::passengers::screening::Selection;
use crate::scenario::model::{
    AttrId, Check, FLAG_BAG_FLAGGED, FLAG_FACE_REJECTED, FLAG_REVIEW_ALARM, FLAG_SCAN_ALARM, FLAG_SEIZED, StageId, Target,
};
use crate::scenario::model_cargo::CargoCheck;

/// How many finished journeys are kept (the followed agent may just have left).
const KEEP_FINISHED: usize = 256;

/// One step of a journey.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// Arrived at the port from a source.
    Arrived {
        /// Source index.
        source: usize,
        /// Traveller type.
        type_id: usize,
        /// Contraband staged by an incident (bits), 0 otherwise.
        staged_contraband: u8,
    },
    /// Advance screening: selected (with the reason) or not (`None`).
    Screened(Option<Selection>),
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
    /// The stage's check ended.
    Checked(StageId, CheckOutcome),
    /// Micro fidelity: scanned upon passing a drive-through portal; the image model alarmed or not.
    PortalScanned {
        /// An alarm was raised.
        alarm: bool,
    },
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

/// The outcome of a stage's check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CheckOutcome {
    /// The e-gate accepted the face.
    FaceAccepted,
    /// The e-gate rejected the face.
    FaceRejected,
    /// A search found these contraband classes (bits; 0: nothing).
    Searched(u8),
    /// The CT image model screened a checked bag: alarm or clear.
    BagScanned {
        /// The model raised an alarm.
        alarm: bool,
    },
    /// Targeting put a truck in a lane, for a reason (rule, score, budget, random draw, default).
    Lane(LaneDecision),
    /// A scanner imaged a truck; the image model (or, without one, the policy) alarmed or not.
    Scanned {
        /// An alarm was raised.
        alarm: bool,
    },
    /// An analyst's image review or a documentary check asked for an inspection or not.
    Reviewed {
        /// Inspection requested.
        alarm: bool,
    },
    /// An inspection of a truck; whether its cargo was seized.
    Inspected {
        /// Contraband found and seized.
        seized: bool,
    },
}

impl CheckOutcome {
    /// The outcome of `check` on `agent`, who carried `carried` before it; `decision` is the
    /// agent's lane decision if it is a truck. `None` for checks without an outcome to show
    /// (reclaim, audits).
    fn of(check: &Check, carried: u8, agent: &Agent, decision: Option<LaneDecision>) -> Option<CheckOutcome> {
        let flag = |bit: AttrId| agent.attributes & (1u64 << bit) != 0;
        match check {
            Check::FaceMatch(_) if flag(FLAG_FACE_REJECTED) => Some(CheckOutcome::FaceRejected),
            Check::FaceMatch(_) => Some(CheckOutcome::FaceAccepted),
            Check::Search { .. } => Some(CheckOutcome::Searched(carried & !agent.contraband)),
            Check::Reclaim => None,
            Check::BagScan(_) => Some(CheckOutcome::BagScanned {
                alarm: flag(FLAG_BAG_FLAGGED),
            }),
            Check::Cargo(cargo) => match cargo {
                CargoCheck::Targeting => decision.map(CheckOutcome::Lane),
                CargoCheck::Scan(_) => Some(CheckOutcome::Scanned {
                    alarm: flag(FLAG_SCAN_ALARM),
                }),
                CargoCheck::Review { .. } | CargoCheck::Documents { .. } => Some(CheckOutcome::Reviewed {
                    alarm: flag(FLAG_REVIEW_ALARM),
                }),
                CargoCheck::Inspect { .. } => Some(CheckOutcome::Inspected { seized: flag(FLAG_SEIZED) }),
                CargoCheck::Audit { .. } => None,
            },
        }
    }
}

impl ProcessNetwork {
    /// Records the outcome of `stage`'s check on agent `key` (who carried `carried` before it),
    /// when journeys are recorded.
    pub(super) fn note_check(&mut self, key: AgentKey, stage: StageId, carried: u8) {
        let Some(journal) = &mut self.journal else { return };
        let (Some(check), Some(agent)) = (&self.scenario.stages[stage].check, self.agents.get(key)) else {
            return;
        };
        let decision = self.cargo.as_ref().and_then(|c| c.consignment(key)).map(|c| c.decision);
        if let Some(outcome) = CheckOutcome::of(check, carried, agent, decision) {
            journal.note(agent.id, self.now, Step::Checked(stage, outcome));
        }
    }
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
#[derive(Debug, Clone, Copy, PartialEq)]
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
        let entries = self.live.entry(id).or_default();
        entries.push(Entry { at, step });
        if step == Step::Left
            && let Some(journey) = self.live.remove(&id)
        {
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
