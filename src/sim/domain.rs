//! The seam between the engine and its domains.
//!
//! The engine (this module's siblings) moves agents through stages, queues and servers; it
//! knows no traveller, truck or parcel. A domain — passengers, cargo, parcels — owns its part
//! of the scenario (a section and check types, validated by
//! [`crate::domains::Domain::validate`]), the data of its agents, what its checks do, its
//! counters and its summary section. The engine calls a domain's [`DomainRun`] at the points
//! a journey passes: an arrival from one of its sources, a check of its own at a stage
//! (reached without a pool, or at a service's start and end), a portal passed, and the
//! agent's departure. The hooks have no-op defaults, as rapier's physics hooks do, so a
//! domain implements only the points it cares about.

use std::sync::Arc;

use serde_json::Value;

use super::agent::{Agent, AgentKey, Mobility};
use super::error::RunError;
use super::handoff::MotionRequest;
use super::journal::{Journal, Step};
use super::observer::Watch;
use super::time::SimTime;
use crate::metrics::collector::Collector;
use crate::scenario::Scenario;
use crate::scenario::model::{SourceId, StageId, Target, TypeId};

pub use crate::scenario::domain_model::{DomainId, DomainModel};

/// A new agent of one of a domain's sources, as the engine drew it.
#[derive(Debug, Clone, Copy)]
pub struct Arrival {
    /// The source.
    pub source: SourceId,
    /// Its type, drawn from the source's mix.
    pub type_id: TypeId,
    /// Its own seed (identity, journey stream).
    pub seed: u64,
    /// Items a staged incident makes it carry (threat class bits), if any.
    pub staged: Option<u8>,
    /// Its scenario attribute bits as a replayed log recorded them: the domain uses them
    /// instead of drawing its attributes.
    pub attributes: Option<u64>,
}

/// What happens to an agent that reaches a stage without a pool whose check a domain makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// It moves on at once.
    Pass,
    /// The domain holds it there until it calls [`Cx::release`].
    Hold,
}

/// How the viewer should draw an agent, as its domain sees it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Look {
    /// Stopped by an officer: searched, or its cargo seized.
    pub intercepted: bool,
    /// Flagged by a check (an alarm, a rejection, a selection).
    pub flagged: bool,
    /// Carries contraband (shown only when the viewer reveals it).
    pub carries: bool,
}

/// Model inferences a domain ran, and the wall-clock time they took (for benches and reports;
/// never an input to the simulation).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Inference {
    /// Inferences (images or declarations scored).
    pub count: u64,
    /// Seconds spent in them.
    pub seconds: f64,
}

/// A domain's state during a run. Every hook receives a [`Cx`], the part of the engine a
/// domain may use: the clock, the agents, the journal, the digest, and follow-ups (moves and
/// releases) the engine carries out when the hook returns.
pub trait DomainRun: Send + Sync {
    /// A new agent of one of the domain's sources arrives now: the domain admits it (and any
    /// companions, such as checked bags) with [`Cx::admit`] and sends each where it starts with
    /// [`Cx::send`].
    fn arrive(&mut self, cx: &mut Cx, arrival: Arrival) -> Result<(), RunError>;

    /// Agent `key` has reached `stage`, which has no pool and a check of this domain.
    fn reach(&mut self, cx: &mut Cx, key: AgentKey, stage: StageId) -> Result<Reach, RunError> {
        let _ = (cx, key, stage);
        Ok(Reach::Pass)
    }

    /// The service of `key` at `stage` (a check of this domain) starts now: a factor on its
    /// sampled service time.
    fn service_factor(&mut self, cx: &mut Cx, key: AgentKey, stage: StageId) -> f64 {
        let _ = (cx, key, stage);
        1.0
    }

    /// The service of `key` at `stage` (a check of this domain) has ended: the check applies.
    fn serve(&mut self, cx: &mut Cx, key: AgentKey, stage: StageId) -> Result<(), RunError> {
        let _ = (cx, key, stage);
        Ok(())
    }

    /// Micro fidelity: agent `key` of this domain passed a scanner portal's sensor.
    fn passed_portal(&mut self, cx: &mut Cx, key: AgentKey) -> Result<(), RunError> {
        let _ = (cx, key);
        Ok(())
    }

    /// Agent `key` of this domain has left the port: after its journey, or turned away by a
    /// full queue (`balked`).
    fn leave(&mut self, cx: &mut Cx, key: AgentKey, agent: &Agent, balked: bool) -> Result<(), RunError>;

    /// What the domain knows of agent `key` when it arrives (a traveller's checked bags, a
    /// truck's declaration), for observers such as the event log; `None` adds nothing.
    fn describe(&self, key: AgentKey) -> Option<Value> {
        let _ = key;
        None
    }

    /// The domain's section of `summary.json` (stable, documented keys).
    fn summary(&self) -> Value;

    /// How the viewer draws agent `key`.
    fn look(&self, key: AgentKey, agent: &Agent) -> Look {
        let _ = (key, agent);
        Look::default()
    }

    /// The model inferences run so far.
    fn inference(&self) -> Inference {
        Inference::default()
    }

    /// The domain's run state for a snapshot, encoded as the domain likes (usually
    /// [`super::snapshot::encode`] of a serde struct); byte-identical for identical states.
    /// Wall-clock measurements are left out. A domain that cannot save its state says why, and
    /// the snapshot is refused.
    fn save(&self) -> Result<Vec<u8>, String> {
        Err("this domain cannot save its state in a snapshot yet".into())
    }

    /// Continues from the state [`DomainRun::save`] wrote. The domain was started from the
    /// scenario it was saved under, or from a forecast's variant of it.
    fn resume(&mut self, state: &[u8]) -> Result<(), String> {
        let _ = state;
        Err("this domain cannot restore its state from a snapshot yet".into())
    }

    /// Restarts the domain's own random streams under `seed`, for a forecast's future; what is
    /// already decided about agents in the port stays.
    fn reseed(&mut self, seed: u64) {
        let _ = seed;
    }
}

/// Something a hook asked the engine to do once it returns, in the order asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FollowUp {
    /// Send the agent towards a target.
    Send(AgentKey, Target),
    /// The agent held at its stage moves on.
    Release(AgentKey),
}

/// The engine's state that domains may read and change.
pub struct Core {
    /// Current simulated time.
    pub(super) now: SimTime,
    /// The scenario being run.
    pub(super) scenario: Arc<Scenario>,
    /// Agents in the port.
    pub(super) agents: super::agent::AgentTable,
    /// Serial number of the next agent.
    pub(super) next_agent_id: u64,
    /// Micro fidelity: moves are handed over as requests instead of timed walks.
    pub(super) micro: bool,
    /// Micro fidelity: requests to the motion system.
    pub(super) requests: Vec<MotionRequest>,
    /// Journeys, when recorded.
    pub(super) journal: Option<Journal>,
    /// What hooks asked for, not yet carried out.
    pub(super) follow_ups: Vec<FollowUp>,
    /// Who observes the run, if anyone.
    pub(super) watch: Watch,
    /// Agents admitted by the arrival hook running now, when the run is observed.
    pub(super) admitted: Vec<AgentKey>,
    /// The batch the arrival being admitted belongs to, if any.
    pub(super) arriving_batch: Option<usize>,
    /// The label group of that batch, if it has one.
    pub(super) arriving_label: Option<u16>,
    /// The occupants of the vehicle or group arriving now (empty for a lone agent): the first
    /// agent the arrival hook admits carries them.
    pub(super) arriving_occupants: Vec<TypeId>,
}

impl Core {
    /// Records a step of agent `id` now, when journeys are recorded.
    pub(super) fn note(&mut self, id: u64, step: Step) {
        if let Some(journal) = &mut self.journal {
            journal.note(id, self.now, step);
        }
    }
}

/// What a domain's hook may use of the engine.
pub struct Cx<'a> {
    pub(super) core: &'a mut Core,
    pub(super) metrics: &'a mut Collector,
}

impl Cx<'_> {
    /// Current simulated time.
    pub fn now(&self) -> SimTime {
        self.core.now
    }

    /// The scenario being run.
    pub fn scenario(&self) -> &Scenario {
        &self.core.scenario
    }

    /// The scenario being run, shared (to keep while changing the engine's state).
    pub fn scenario_arc(&self) -> Arc<Scenario> {
        Arc::clone(&self.core.scenario)
    }

    /// The agent at `key`, if it is in the port.
    pub fn agent(&self, key: AgentKey) -> Option<&Agent> {
        self.core.agents.get(key)
    }

    /// The agent at `key`, mutably.
    pub fn agent_mut(&mut self, key: AgentKey) -> Option<&mut Agent> {
        self.core.agents.get_mut(key)
    }

    /// The occupants' types of the vehicle or group arriving now (empty for a lone agent): what
    /// the agent the arrival hook admits next will carry.
    pub fn arriving_occupants(&self) -> &[TypeId] {
        &self.core.arriving_occupants
    }

    /// The serial number the next admitted agent or companion will get.
    pub fn next_id(&self) -> u64 {
        self.core.next_agent_id
    }

    /// Puts a new agent into the port (its serial number is assigned here): counted in
    /// arrivals (a vehicle or group arriving now carries its occupants, counted each), recorded in the digest and the journal, and, in micro fidelity, given a body at
    /// its source's entrance when it moves.
    pub fn admit(&mut self, mut agent: Agent) -> AgentKey {
        agent.id = self.core.next_agent_id;
        agent.counted = true;
        agent.batch_label = self.core.arriving_label;
        agent.occupants = std::mem::take(&mut self.core.arriving_occupants);
        self.core.next_agent_id += 1;
        self.metrics.groups.arrived(&agent);
        let (id, source, type_id, mobility, speed_mps) = (agent.id, agent.source, agent.type_id, agent.mobility, agent.speed_mps);
        let people = agent.people();
        let key = self.core.agents.insert(agent);
        if self.core.watch.on() {
            self.core.admitted.push(key);
        }
        self.metrics.arrived(self.core.now, id, people);
        self.core.note(id, Step::Arrived { source, type_id });
        if self.core.micro && mobility == Mobility::Moves {
            self.core.requests.push(MotionRequest::Enter {
                agent: key,
                source,
                speed_mps,
            });
        }
        key
    }

    /// Puts a companion of an admitted agent into the port (a checked bag): it has a serial
    /// number and a journey, but is not counted in arrivals, exits or time in system.
    pub fn add_companion(&mut self, mut agent: Agent) -> AgentKey {
        agent.id = self.core.next_agent_id;
        agent.counted = false;
        self.core.next_agent_id += 1;
        self.core.agents.insert(agent)
    }

    /// Sends agent `key` towards `target` once the hook returns.
    pub fn send(&mut self, key: AgentKey, target: Target) {
        self.core.follow_ups.push(FollowUp::Send(key, target));
    }

    /// Ends the hold of agent `key` at its stage once the hook returns: its wait there is
    /// recorded and it is routed on.
    pub fn release(&mut self, key: AgentKey) {
        self.core.follow_ups.push(FollowUp::Release(key));
    }

    /// True when journeys are recorded (a domain then describes its decisions with [`Cx::note`]).
    pub fn journaling(&self) -> bool {
        self.core.journal.is_some()
    }

    /// Records a decision about agent `id` in its journey, as a line of text; `text` is only
    /// called when journeys are recorded.
    pub fn note(&mut self, id: u64, text: impl FnOnce() -> String) {
        if self.core.journal.is_some() {
            let text = text();
            self.core.note(id, Step::Note(text));
        }
    }

    /// Records a decision at `stage` about agent `id` in its journey, as "`stage`: `text`";
    /// `text` is only called when journeys are recorded.
    pub fn note_at(&mut self, id: u64, stage: StageId, text: impl FnOnce() -> String) {
        if self.core.journal.is_some() {
            let line = format!("{}: {}", self.core.scenario.stages[stage].name, text());
            self.core.note(id, Step::Note(line));
        }
    }

    /// Adds an event only a domain knows of to the run's digest (`words` begin with a code of
    /// the domain's own).
    pub fn digest(&mut self, words: &[u64]) {
        self.metrics.digest.write(words);
    }
}
