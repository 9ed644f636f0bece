//! The engine's whole state, saved and restored: the clock, the agents with their journey
//! streams, the calendar with its sequence numbers, pools, sources and their streams,
//! breakdowns, staged incidents, a forced replay's position in its log, a live run's growing
//! traces, and each domain's state as the domain saves it through
//! [`DomainRun::save`](super::domain::DomainRun::save). Restoring it into a network built
//! from the same scenario and seed continues the run exactly as if it had never stopped.
//!
//! What follows from the scenario (service laws, routing, rosters, domain models) is not
//! saved: it is rebuilt from the scenario, which is how a forecast's variant changes the future
//! of a saved state. The journal (the viewer's record of journeys) is not saved either.
//! Micro fidelity (pedestrian arrays, trucks' Rapier bodies) cannot be saved yet.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::agent::{AgentKey, AgentTable};
use super::breakdowns::BreakdownState;
use super::calendar::EventCalendar;
use super::event::Event;
use super::forcing::ForcingState;
use super::incidents::Incidents;
use super::network::ProcessNetwork;
use super::pool::PoolDynamics;
use super::rng::{AgentRng, StreamState, mix64, stream, stream_seed};
use super::source::SourceState;
use super::time::SimTime;
use super::traces::GrownState;
use crate::metrics::collector::Collector;

/// Everything of a running network that the scenario does not determine.
#[derive(Clone, Serialize, Deserialize)]
pub struct EngineState {
    pub(super) now: SimTime,
    pub(super) next_agent_id: u64,
    pub(super) agents: AgentTable,
    pub(super) calendar: Vec<(SimTime, u64, Event)>,
    pub(super) next_seq: u64,
    pub(super) pools: Vec<PoolDynamics>,
    pub(super) sources: Vec<SourceState>,
    pub(super) population: Vec<StreamState>,
    pub(super) finished: bool,
    pub(super) walking_up: Vec<(AgentKey, (u16, u32, SimTime))>,
    pub(super) incidents: Incidents,
    pub(super) breakdowns: BreakdownState,
    /// A forced replay's position in its log's staffing and breakdowns.
    pub(super) forcing: Option<ForcingState>,
    /// Each domain's state, by domain id, in the domain's own encoding.
    pub(super) domains: Vec<Vec<u8>>,
    /// A live run's growing traces and fed changes.
    pub(super) grown: Option<GrownState>,
}

impl EngineState {
    /// The time the state was saved at.
    pub fn now(&self) -> SimTime {
        self.now
    }
}

/// Encodes a value in the snapshot body's format (postcard: compact, stable, no schema).
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, String> {
    postcard::to_stdvec(value).map_err(|e| e.to_string())
}

/// Decodes a value [`encode`] wrote; every byte must belong to it.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let (value, rest) = postcard::take_from_bytes::<T>(bytes).map_err(|e| e.to_string())?;
    if !rest.is_empty() {
        return Err(format!("{} bytes left over after the state", rest.len()));
    }
    Ok(value)
}

impl ProcessNetwork {
    /// The network's state now, with every domain's. Fails in micro fidelity and when a domain
    /// cannot save its state.
    pub fn save(&self) -> Result<EngineState, String> {
        if self.core.micro {
            return Err("a micro-fidelity run cannot be saved yet (its pedestrians and trucks' bodies are not part of a snapshot); see docs/twin.md".into());
        }
        let domains = self
            .domains
            .iter()
            .zip(&self.core.scenario.domains)
            .map(|(run, model)| run.save().map_err(|e| format!("domain {}: {e}", model.name())))
            .collect::<Result<Vec<_>, _>>()?;
        let (calendar, next_seq) = self.calendar.pending();
        Ok(EngineState {
            now: self.core.now,
            next_agent_id: self.core.next_agent_id,
            agents: self.core.agents.clone(),
            calendar,
            next_seq,
            pools: self.pools.iter().map(|p| p.save()).collect(),
            sources: self.sources.clone(),
            population: self.population.iter().map(StreamState::of).collect(),
            finished: self.finished,
            walking_up: self.walking_up.iter().map(|(k, v)| (*k, *v)).collect(),
            incidents: self.incidents.clone(),
            breakdowns: self.breakdowns.save(),
            forcing: self.forcing.as_ref().map(|f| f.save()),
            domains,
            grown: self.save_grown(),
        })
    }

    /// Continues from a saved state. The network must have been built from the scenario the
    /// state was saved from, or from a variant of it with the same stages, pools, sources and
    /// domains; anything else is refused with the reason.
    pub fn resume(&mut self, state: EngineState) -> Result<(), String> {
        let scenario = std::sync::Arc::clone(&self.core.scenario);
        let counts = [
            ("pools", state.pools.len(), scenario.pools.len()),
            ("sources", state.sources.len(), scenario.sources.len()),
            ("domains", state.domains.len(), self.domains.len()),
        ];
        if let Some((what, saved, now)) = counts.iter().find(|(_, saved, now)| saved != now) {
            return Err(format!("the snapshot has {saved} {what}, the scenario {now}"));
        }
        if state.population.len() != scenario.sources.len() {
            return Err("the snapshot's population streams do not match the scenario's sources".into());
        }
        for ((pool, saved), spec) in self.pools.iter_mut().zip(state.pools).zip(&scenario.pools) {
            pool.resume(saved).map_err(|e| format!("pool {}: {e}", spec.name))?;
        }
        self.breakdowns.resume(state.breakdowns)?;
        self.resume_grown(state.grown)?;
        match (&mut self.forcing, state.forcing) {
            (Some(forcing), Some(saved)) => forcing.resume(saved)?,
            (None, None) => {}
            (Some(_), None) => return Err("the snapshot is not of a forced replay, but this run is one".into()),
            (None, Some(_)) => return Err("the snapshot is of a forced replay, but this run is not one".into()),
        }
        for ((run, bytes), model) in self.domains.iter_mut().zip(&state.domains).zip(&scenario.domains) {
            run.resume(bytes).map_err(|e| format!("domain {}: {e}", model.name()))?;
        }
        self.core.now = state.now;
        self.core.next_agent_id = state.next_agent_id;
        self.core.agents = state.agents;
        self.calendar = EventCalendar::restored(state.calendar, state.next_seq);
        self.sources = state.sources;
        self.population = state.population.iter().map(StreamState::resume).collect();
        self.finished = state.finished;
        self.walking_up = state.walking_up.into_iter().collect();
        self.incidents = state.incidents;
        Ok(())
    }

    /// Restarts every stream that draws the future under `seed` (a forecast's replication):
    /// sources, populations, breakdowns, incidents, the journey stream of every agent in the
    /// port, and each domain's own streams. What is already decided stays: scheduled events,
    /// agents' identities and hidden truth.
    pub fn reseed(&mut self, seed: u64) {
        let scenario = std::sync::Arc::clone(&self.core.scenario);
        for (state, source) in self.sources.iter_mut().zip(&scenario.sources) {
            state.rng = stream(seed, &format!("arrivals/{}", source.name));
            state.schedule = stream(seed, &format!("schedule/{}", source.name));
            state.shared = super::source::shared_schedule_seed(seed);
        }
        for (rng, source) in self.population.iter_mut().zip(&scenario.sources) {
            *rng = stream(seed, &format!("population/{}", source.name));
        }
        self.breakdowns.reseed(seed, &scenario);
        self.incidents.rng = stream(seed, "incidents");
        let journeys = stream_seed(seed, "journeys");
        let keys: Vec<AgentKey> = self.core.agents.iter().map(|(k, _)| k).collect();
        for key in keys {
            let agent = self.core.agents.get_mut(key).expect("listed agents are live");
            agent.rng = AgentRng::new(mix64(journeys ^ agent.id));
        }
        for run in &mut self.domains {
            run.reseed(seed);
        }
    }

    /// After resuming into a variant of the saved scenario: every pool is staffed as the
    /// variant's roster says for this hour, and a changing roster gets its hourly event.
    pub fn adopt_staffing(&mut self, metrics: &mut Collector) {
        for pool in 0..self.pools.len() {
            self.restaff(pool, metrics);
        }
        let changing = self.scenario().pools.iter().any(|p| p.roster.iter().any(|&n| n != p.roster[0]));
        if changing && !self.calendar.any(|e| matches!(e, Event::RosterHour)) {
            let next = self.core.now.next_hour();
            self.calendar.schedule(next, Event::RosterHour);
        }
    }
}
