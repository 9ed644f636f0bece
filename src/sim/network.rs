//! The process network: sources, stages, pools and the event loop that drives them.
//!
//! [`ProcessNetwork::advance`] drains the event calendar up to a given time
//! in a tight loop: arrivals, walking between stages, queueing, service
//! and routing all happen here without a trip through the ECS schedule,
//! so a quiet night costs nothing and a busy day costs a few hundred
//! nanoseconds per event. Domains are called through the seam in
//! [`super::domain`]; the engine's own parts are split by concept:
//! [`super::dispatch`], [`super::arrivals`], [`super::routing`], [`super::service`],
//! [`super::failures`], [`super::staging`], [`super::micro`].

use std::collections::BTreeMap;
use std::sync::Arc;

use super::agent::{AgentKey, AgentTable};
use super::breakdowns::Breakdowns;
use super::calendar::EventCalendar;
use super::domain::{Core, Cx, DomainId, DomainRun, Inference};
use super::error::RunError;
use super::event::Event;
use super::forcing::Forcing;
use super::incidents::Incidents;
use super::journal::Journal;
use super::observer::{Happening, Observer, Watch};
use super::pool::PoolState;
use super::rng::{Stream, stream};
use super::source::SourceState;
use super::time::{MS_PER_DAY, MS_PER_HOUR, SimTime};
use super::traces::Traces;
use crate::metrics::collector::Collector;
use crate::scenario::model::{Fidelity, Scenario, StageId};

/// How long a draining run may go on after its duration before it is cut off.
const DRAIN_LIMIT: SimTime = SimTime(7 * MS_PER_DAY);

/// The live state of a run (in micro fidelity, motion is handed to the motion system; see [`super::handoff`]).
pub struct ProcessNetwork {
    /// What domains may use: clock, agents, journal, motion requests.
    pub(super) core: Core,
    /// Each domain's run state, by [`DomainId`].
    pub(super) domains: Vec<Box<dyn DomainRun>>,
    /// Why the run cannot start (a domain failed to start), reported by the first advance.
    start_failure: Option<RunError>,
    stop_at: SimTime,
    pub(super) calendar: EventCalendar<Event>,
    pub(super) pools: Vec<PoolState>,
    pub(super) sources: Vec<SourceState>,
    pub(super) population: Vec<Stream>,
    pub(super) finished: bool,
    /// Micro fidelity: agents called to a server and walking up to it, with their service time.
    pub(super) walking_up: BTreeMap<AgentKey, (u16, u32, SimTime)>,
    /// Staged incidents: pending, fired, servers out of order.
    pub(super) incidents: Incidents,
    /// Servers failing and being repaired, for pools with a breakdown law.
    pub(super) breakdowns: Breakdowns,
    /// A forced replay's logged staffing and breakdowns, if the run is one.
    pub(super) forcing: Option<Forcing>,
    /// A live feed's growing traces, once the run is opened to one.
    pub(super) traces: Option<Traces>,
}

impl ProcessNetwork {
    /// A network at time zero with each source's first arrival scheduled, driving `domains`
    /// (each domain's run state, by id, from [`crate::domains::start`]); if a domain could not
    /// start, the run fails at its first advance.
    pub fn new(scenario: Arc<Scenario>, domains: Result<Vec<Box<dyn DomainRun>>, RunError>, seed: u64, metrics: &mut Collector) -> Self {
        let types = scenario.population.types.len();
        let pools: Vec<PoolState> = scenario.pools.iter().map(|p| PoolState::new(p, types, 0)).collect();
        for (p, pool) in pools.iter().enumerate() {
            metrics.staffed(SimTime::ZERO, p, pool.staffed());
        }
        let duration = scenario.meta.duration;
        let stop_at = if scenario.meta.drain { duration + DRAIN_LIMIT } else { duration };
        let (domains, start_failure) = match domains {
            Ok(domains) => (domains, None),
            Err(e) => (Vec::new(), Some(e)),
        };
        let mut network = Self {
            sources: scenario.sources.iter().map(|s| SourceState::new(s, seed)).collect(),
            population: scenario
                .sources
                .iter()
                .map(|s| stream(seed, &format!("population/{}", s.name)))
                .collect(),
            calendar: EventCalendar::default(),
            pools,
            stop_at,
            finished: false,
            walking_up: BTreeMap::new(),
            incidents: Incidents::new(&scenario, seed),
            breakdowns: Breakdowns::new(&scenario, seed),
            forcing: Forcing::new(&scenario),
            traces: None,
            domains,
            start_failure,
            core: Core {
                now: SimTime::ZERO,
                micro: scenario.meta.fidelity == Fidelity::Micro,
                scenario,
                agents: AgentTable::default(),
                next_agent_id: 0,
                requests: Vec::new(),
                journal: None,
                follow_ups: Vec::new(),
                watch: Watch::default(),
                admitted: Vec::new(),
                arriving_batch: None,
                arriving_label: None,
                arriving_occupants: Vec::new(),
            },
        };
        if network.start_failure.is_some() {
            return network;
        }
        let forced = network.forcing.is_some();
        if !forced {
            network.schedule_first_breakdowns();
        }
        for source in 0..network.sources.len() {
            network.schedule_next_arrival(source as u16);
        }
        let rosters_change = network.scenario().pools.iter().any(|p| p.roster.iter().any(|&n| n != p.roster[0]));
        if rosters_change && !forced {
            network.calendar.schedule(SimTime(MS_PER_HOUR), Event::RosterHour);
        }
        network
    }

    /// Current simulated time.
    pub fn now(&self) -> SimTime {
        self.core.now
    }

    /// The latest time the run can reach.
    pub fn stop_at(&self) -> SimTime {
        self.stop_at
    }

    /// True once the run has reached its end (and, when draining, the port is empty).
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Ends the run now, where it stands (motion found that nothing can move any more); the
    /// summary then covers the time simulated so far.
    pub fn stop(&mut self) {
        self.finished = true;
    }

    /// Agents in the port.
    pub fn agents(&self) -> &AgentTable {
        &self.core.agents
    }

    /// Live pool states, by pool id.
    pub fn pools(&self) -> &[PoolState] {
        &self.pools
    }

    /// The scenario being run.
    pub fn scenario(&self) -> &Scenario {
        &self.core.scenario
    }

    /// Each domain's run state, by [`DomainId`] (the scenario's `domains`, in order).
    pub fn domains(&self) -> &[Box<dyn DomainRun>] {
        &self.domains
    }

    /// Records every agent's journey from now on, for [`ProcessNetwork::journal`] (the viewer
    /// follows agents with it). Recording changes nothing in the run.
    pub fn record_journeys(&mut self) {
        self.core.journal.get_or_insert_with(Journal::default);
    }

    /// The recorded journeys, if [`ProcessNetwork::record_journeys`] was called.
    pub fn journal(&self) -> Option<&Journal> {
        self.core.journal.as_ref()
    }

    /// Tells `observer` everything that happens from now on (each pool's staffing at once).
    /// Observing changes nothing in the run.
    pub fn observe(&mut self, observer: Box<dyn Observer>) {
        self.core.watch.set(observer);
        for pool in 0..self.pools.len() {
            self.tell_staffing(pool);
        }
    }

    /// Stops the observation and hands the observer back.
    pub fn take_observer(&mut self) -> Option<Box<dyn Observer>> {
        self.core.watch.take()
    }

    /// Tells the observer the staffing of `pool` now.
    pub(super) fn tell_staffing(&mut self, pool: usize) {
        let out_of_order = self.out_of_order(pool);
        let staffed = self.pools[pool].staffed();
        let rostered = self.rostered(pool);
        self.core.watch.tell(self.core.now, || Happening::Staffing {
            pool,
            rostered,
            out_of_order,
            staffed,
        });
    }

    /// Tells the observer of the counted agents a hook of `domain` just admitted.
    pub(super) fn tell_arrivals(&mut self, domain: DomainId) {
        if self.core.admitted.is_empty() {
            return;
        }
        let attribute_mask = match self.core.scenario.population.attributes.len() {
            64.. => u64::MAX,
            n => (1u64 << n) - 1,
        };
        for key in std::mem::take(&mut self.core.admitted) {
            let Some(agent) = self.core.agents.get(key) else { continue };
            let details = self.domains[domain as usize].describe(key);
            let happening = Happening::Arrived {
                agent: agent.id,
                source: agent.source,
                type_id: agent.type_id,
                seed: agent.seed,
                attributes: agent.attributes & attribute_mask,
                batch: self.core.arriving_batch,
                details,
            };
            self.core.watch.tell(self.core.now, || happening);
        }
    }

    /// Reports the queue counts due before `now` to the observer.
    fn count_queues(&mut self, now: SimTime, metrics: &Collector) {
        let core = &mut self.core;
        let stages = &core.scenario.stages;
        core.watch
            .count_queues(now, stages.len(), |s| stages[s].pool.map(|_| metrics.stages[s].queue));
    }

    /// Model inferences every domain ran so far, and their wall-clock time.
    pub fn inference(&self) -> Inference {
        self.domains
            .iter()
            .map(|d| d.inference())
            .fold(Inference::default(), |a, b| Inference {
                count: a.count + b.count,
                seconds: a.seconds + b.seconds,
            })
    }

    /// Processes every event before `until` (capped at the end of the run), then sets the clock to it.
    pub fn advance(&mut self, until: SimTime, metrics: &mut Collector) -> Result<(), RunError> {
        if let Some(failure) = self.start_failure.take() {
            self.finished = true;
            return Err(failure);
        }
        let until = until.min(self.stop_at);
        let duration = self.scenario().meta.duration;
        let drain = self.scenario().meta.drain;
        loop {
            let forced = self.forcing.as_mut().and_then(|f| f.pop_due(until, self.calendar.next_time()));
            if let Some((at, change)) = forced {
                self.count_queues(at, metrics);
                metrics.advance(at);
                self.core.now = at;
                self.force(change, metrics)?;
                continue;
            }
            if let Some(incident) = self.incidents.pop_due(until, self.calendar.next_time()) {
                self.count_queues(incident.at, metrics);
                metrics.advance(incident.at);
                self.core.now = incident.at;
                self.fire(incident, metrics)?;
                continue;
            }
            let Some((at, event)) = self.calendar.pop_before(until) else {
                break;
            };
            self.count_queues(at, metrics);
            metrics.advance(at);
            self.core.now = at;
            self.handle(event, metrics)?;
            if drain && self.core.now >= duration && self.core.agents.live() == 0 {
                self.finished = true;
                return Ok(());
            }
        }
        self.count_queues(until, metrics);
        metrics.advance(until);
        self.core.now = until;
        let drained = !drain || self.core.agents.live() == 0;
        self.finished = self.core.now >= self.stop_at || (self.core.now >= duration && drained);
        Ok(())
    }

    /// Calls `hook` on domain `domain` with a context over the engine, then carries out the
    /// follow-ups it asked for.
    pub(super) fn call<T>(
        &mut self,
        domain: DomainId,
        metrics: &mut Collector,
        hook: impl FnOnce(&mut dyn DomainRun, &mut Cx) -> Result<T, RunError>,
    ) -> Result<T, RunError> {
        let mut cx = Cx {
            core: &mut self.core,
            metrics,
        };
        let value = hook(self.domains[domain as usize].as_mut(), &mut cx)?;
        self.tell_arrivals(domain);
        self.follow_up(metrics)?;
        Ok(value)
    }

    /// The domain whose check stage `stage` makes, if any.
    pub(super) fn check_domain(&self, stage: StageId) -> Option<DomainId> {
        self.scenario().stages[stage].check
    }

    /// Time of the next process event, if any (micro fidelity skips ahead to it when nothing moves).
    pub fn next_event_at(&self) -> Option<SimTime> {
        let forced = self.forcing.as_ref().and_then(Forcing::next_at);
        [self.calendar.next_time(), self.incidents.next_at(), forced]
            .into_iter()
            .flatten()
            .min()
    }

    /// Agents still waiting (in a queue, or held at a stage by their domain), with their stage and
    /// how long they have waited so far.
    pub fn waiting(&self) -> impl Iterator<Item = (StageId, SimTime)> + '_ {
        let held = self.core.agents.iter().filter(|(_, a)| a.held).map(|(k, _)| k);
        self.pools.iter().flat_map(PoolState::waiting_agents).chain(held).filter_map(|key| {
            let agent = self.core.agents.get(key)?;
            Some((agent.stage, self.core.now - agent.queued_at))
        })
    }
}
