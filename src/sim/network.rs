//! The process network: sources, stages, pools and the event loop that drives them.
//!
//! [`ProcessNetwork::advance`] drains the event calendar up to a given time
//! in a tight loop: arrivals, walking between stages, queueing, service
//! and routing all happen here without a trip through the ECS schedule,
//! so a quiet night costs nothing and a busy day costs a few hundred
//! nanoseconds per event.

use std::collections::BTreeMap;
use std::sync::Arc;

use rand::RngExt;

use super::agent::{AgentKey, AgentKind, AgentTable};
use super::bag_screening::stage_detectors;
use super::calendar::EventCalendar;
use super::handoff::MotionRequest;
use super::incidents::Incidents;
use super::journal::{Journal, RouteReason, Step};
use super::pool::PoolState;
use super::rng::{Stream, stream};
use super::source::SourceState;
use super::time::{MS_PER_DAY, MS_PER_HOUR, SimTime};
use crate::cargo::CargoState;
use crate::detect::Detector;
use crate::metrics::collector::Collector;
use crate::passengers::checks;
use crate::scenario::model::{Arrivals, Check, FLAG_BAG_FLAGGED, FLAG_SCAN_ALARM, Fidelity, Next, Scenario, StageId, Target};
use crate::scenario::model_cargo::{CargoCheck, ScanKind};

/// How long a draining run may go on after its duration before it is cut off.
const DRAIN_LIMIT: SimTime = SimTime(7 * MS_PER_DAY);

/// Decision stages an agent may pass in one instant before the run is stopped as looping.
const MAX_INSTANT_HOPS: u32 = 10_000;

/// Why a run stopped early.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// An agent went round decision stages forever without time passing.
    #[error(
        "at {at}, an agent looped through decision stages without time passing (last at stage \"{stage}\"); check the `Choose` conditions of the cycle"
    )]
    RoutingLoop {
        /// When.
        at: SimTime,
        /// The stage where it was stopped.
        stage: String,
    },
    /// An image model failed during a scan.
    #[error("at {at}, the scan at stage \"{stage}\" failed: {message}")]
    Inference {
        /// When.
        at: SimTime,
        /// The scanning stage.
        stage: String,
        /// What the backend said.
        message: String,
    },
    /// The run panicked (caught by the driver).
    #[error("the run failed: {0}")]
    Panicked(String),
    /// A model of the cargo domain could not be loaded or run.
    #[error("cargo clearance failed: {0}")]
    Cargo(String),
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Event {
    PoissonArrival { source: u16 },
    BatchStart { source: u16, batch: u32 },
    ScheduledArrival { source: u16 },
    Reach { agent: AgentKey },
    ServiceEnd { pool: u16, server: u32 },
    RosterHour,
    Breakdown { pool: u16 },
    Repair { pool: u16 },
    IncidentRepair { pool: u16, servers: u32 },
}

/// What became of an agent that reached a stage.
enum AtStage {
    /// It is waiting or in service.
    Held,
    /// It moves on at once.
    Pass(Target),
}

/// The live state of a run (in micro fidelity, motion is handed to the motion system; see [`super::handoff`]).
pub struct ProcessNetwork {
    pub(super) scenario: Arc<Scenario>,
    pub(super) now: SimTime,
    stop_at: SimTime,
    pub(super) calendar: EventCalendar<Event>,
    pub(super) agents: AgentTable,
    pub(super) pools: Vec<PoolState>,
    sources: Vec<SourceState>,
    pub(super) population: Vec<Stream>,
    pub(super) next_agent_id: u64,
    finished: bool,
    /// Micro fidelity: moves are handed over as requests instead of timed walks.
    pub(super) micro: bool,
    pub(super) requests: Vec<MotionRequest>,
    /// Micro fidelity: agents called to a server and walking up to it, with their service time.
    walking_up: BTreeMap<AgentKey, (u16, u32, SimTime)>,
    /// The detector of each bag-scan stage, by stage id.
    pub(super) detectors: Vec<Option<Detector>>,
    /// Cargo clearance, when the scenario has trucks.
    pub(super) cargo: Option<CargoState>,
    /// Staged incidents: pending, fired, servers out of order.
    pub(super) incidents: Incidents,
    /// Journeys, when recorded (see [`ProcessNetwork::record_journeys`]).
    pub(super) journal: Option<Journal>,
}

impl ProcessNetwork {
    /// A network at time zero with each source's first arrival scheduled.
    pub fn new(scenario: Arc<Scenario>, seed: u64, metrics: &mut Collector) -> Self {
        let types = scenario.population.types.len();
        let pools: Vec<PoolState> = scenario.pools.iter().map(|p| PoolState::new(p, types, 0)).collect();
        for (p, pool) in pools.iter().enumerate() {
            metrics.staffed(SimTime::ZERO, p, pool.staffed());
        }
        let duration = scenario.meta.duration;
        let stop_at = if scenario.meta.drain { duration + DRAIN_LIMIT } else { duration };
        let scenario_is_micro = scenario.meta.fidelity == Fidelity::Micro;
        let detectors = stage_detectors(&scenario);
        let cargo = CargoState::new(&scenario, seed);
        let scenario_for_incidents = Arc::clone(&scenario);
        let mut network = Self {
            sources: scenario.sources.iter().map(|s| SourceState::new(s, seed)).collect(),
            population: scenario
                .sources
                .iter()
                .map(|s| stream(seed, &format!("population/{}", s.name)))
                .collect(),
            scenario,
            now: SimTime::ZERO,
            stop_at,
            calendar: EventCalendar::default(),
            agents: AgentTable::default(),
            pools,
            next_agent_id: 0,
            finished: false,
            micro: scenario_is_micro,
            requests: Vec::new(),
            walking_up: BTreeMap::new(),
            detectors,
            cargo,
            incidents: Incidents::new(&scenario_for_incidents, seed),
            journal: None,
        };
        network.schedule_first_breakdowns();
        for source in 0..network.sources.len() {
            network.schedule_next_arrival(source as u16);
        }
        if network.scenario.pools.iter().any(|p| p.roster.iter().any(|&n| n != p.roster[0])) {
            network.calendar.schedule(SimTime(MS_PER_HOUR), Event::RosterHour);
        }
        network
    }

    /// Current simulated time.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// The latest time the run can reach.
    pub fn stop_at(&self) -> SimTime {
        self.stop_at
    }

    /// True once the run has reached its end (and, when draining, the port is empty).
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Agents in the port.
    pub fn agents(&self) -> &AgentTable {
        &self.agents
    }

    /// Live pool states, by pool id.
    pub fn pools(&self) -> &[PoolState] {
        &self.pools
    }

    /// The scenario being run.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Processes every event before `until` (capped at the end of the run), then sets the clock to it.
    pub fn advance(&mut self, until: SimTime, metrics: &mut Collector) -> Result<(), RunError> {
        let until = until.min(self.stop_at);
        let duration = self.scenario.meta.duration;
        self.cargo_failure()?;
        loop {
            if let Some(incident) = self.incidents.pop_due(until, self.calendar.next_time()) {
                metrics.advance(incident.at);
                self.now = incident.at;
                self.fire(incident, metrics)?;
                self.cargo_failure()?;
                continue;
            }
            let Some((at, event)) = self.calendar.pop_before(until) else {
                break;
            };
            metrics.advance(at);
            self.now = at;
            self.handle(event, metrics)?;
            self.cargo_failure()?;
            if self.scenario.meta.drain && self.now >= duration && self.agents.live() == 0 {
                self.finished = true;
                return Ok(());
            }
        }
        metrics.advance(until);
        self.now = until;
        let drained = !self.scenario.meta.drain || self.agents.live() == 0;
        self.finished = self.now >= self.stop_at || (self.now >= duration && drained);
        Ok(())
    }

    fn handle(&mut self, event: Event, metrics: &mut Collector) -> Result<(), RunError> {
        match event {
            Event::PoissonArrival { source } => {
                self.schedule_next_arrival(source);
                self.spawn(source as usize, metrics)
            }
            Event::ScheduledArrival { source } => self.spawn(source as usize, metrics),
            Event::BatchStart { source, batch } => {
                self.start_batch(source, batch as usize);
                Ok(())
            }
            Event::Reach { agent } => self.arrive(agent, metrics),
            Event::ServiceEnd { pool, server } => self.end_service(pool as usize, server, metrics),
            Event::RosterHour => {
                self.apply_roster(metrics);
                Ok(())
            }
            Event::Breakdown { pool } => {
                self.breakdown(pool as usize, metrics);
                Ok(())
            }
            Event::Repair { pool } => {
                self.repair(pool as usize, metrics);
                Ok(())
            }
            Event::IncidentRepair { pool, servers } => {
                self.incident_repair(pool as usize, servers, metrics);
                Ok(())
            }
        }
    }

    fn schedule_next_arrival(&mut self, source: u16) {
        let end = self.scenario.meta.duration;
        let scenario = Arc::clone(&self.scenario);
        let arrivals = &scenario.sources[source as usize].arrivals;
        let state = &mut self.sources[source as usize];
        match arrivals {
            Arrivals::Hourly { rate_per_s } => {
                if let Some(at) = state.next_poisson_arrival(rate_per_s, end) {
                    self.calendar.schedule(at, Event::PoissonArrival { source });
                }
            }
            Arrivals::Schedule { .. } => {
                if let Some((at, batch)) = state.next_batch(arrivals, end) {
                    self.calendar.schedule(
                        at,
                        Event::BatchStart {
                            source,
                            batch: batch as u32,
                        },
                    );
                }
            }
        }
    }

    /// Schedules the arrivals of the batch starting now, and the next batch.
    fn start_batch(&mut self, source: u16, batch: usize) {
        let scenario = Arc::clone(&self.scenario);
        let Arrivals::Schedule { batches, .. } = &scenario.sources[source as usize].arrivals else {
            return;
        };
        for at in self.sources[source as usize].batch_arrivals(&batches[batch], self.now) {
            self.calendar.schedule(at, Event::ScheduledArrival { source });
        }
        self.schedule_next_arrival(source);
    }

    /// Sends an agent towards `target`: walking, arriving at once, or leaving.
    pub(super) fn move_to(&mut self, key: AgentKey, mut target: Target, metrics: &mut Collector) -> Result<(), RunError> {
        let mut hops = 0;
        loop {
            let stage = match target {
                Target::Exit if self.micro && self.is_traveller(key) => {
                    self.requests.push(MotionRequest::Go { agent: key, to: target });
                    return Ok(());
                }
                Target::Exit => return self.exit(key, metrics),
                Target::Stage(stage) => stage,
            };
            let agent = self.agents.get_mut(key).expect("moving agents are live");
            agent.stage = stage;
            let traveller = matches!(agent.kind, AgentKind::Traveller);
            if self.micro && traveller && self.scenario.is_placed(stage) {
                self.requests.push(MotionRequest::Go { agent: key, to: target });
                return Ok(());
            }
            let spec = &self.scenario.stages[stage];
            let walking_m = if traveller && !self.micro { spec.walk_m } else { 0.0 };
            let walk = SimTime::from_secs_f64(walking_m / agent.speed_mps) + spec.delay;
            if walk > SimTime::ZERO {
                self.calendar.schedule(self.now + walk, Event::Reach { agent: key });
                return Ok(());
            }
            match self.reach_stage(key, stage, metrics) {
                AtStage::Held => return Ok(()),
                AtStage::Pass(next) => target = next,
            }
            hops += 1;
            if hops > MAX_INSTANT_HOPS {
                return Err(RunError::RoutingLoop {
                    at: self.now,
                    stage: self.scenario.stages[stage].name.clone(),
                });
            }
        }
    }

    /// The agent has walked to its stage.
    fn arrive(&mut self, key: AgentKey, metrics: &mut Collector) -> Result<(), RunError> {
        let stage = self.agents.get(key).expect("walking agents are live").stage;
        match self.reach_stage(key, stage, metrics) {
            AtStage::Held => Ok(()),
            AtStage::Pass(next) => self.move_to(key, next, metrics),
        }
    }

    fn reach_stage(&mut self, key: AgentKey, stage: StageId, metrics: &mut Collector) -> AtStage {
        let spec = &self.scenario.stages[stage];
        let Some(pool) = spec.pool else {
            if matches!(spec.check, Some(Check::Reclaim)) {
                return self.reclaim(key, stage, metrics);
            }
            if let Some(Check::Cargo(check)) = &spec.check {
                metrics.entered(stage);
                let agent = self.agents.get_mut(key).expect("arriving agents are live");
                metrics.started(self.now, stage, None, agent.id, SimTime::ZERO, false);
                if let Some(cargo) = &mut self.cargo {
                    cargo.apply(check, key, &mut agent.attributes);
                }
            }
            return AtStage::Pass(self.route(key, stage));
        };
        metrics.entered(stage);
        if let Some(server) = self.pools[pool].try_seize(key) {
            self.start_service(key, stage, pool, server, false, metrics);
            return AtStage::Held;
        }
        if self.pools[pool].is_full() {
            let agent = self.agents.get(key).expect("arriving agents are live");
            metrics.balked(self.now, stage, agent.id);
            return match spec.on_full {
                Target::Exit => {
                    metrics.left_balked();
                    self.agents.remove(key);
                    if self.micro {
                        self.requests.push(MotionRequest::Gone { agent: key });
                    }
                    AtStage::Held
                }
                other => AtStage::Pass(other),
            };
        }
        let agent = self.agents.get_mut(key).expect("arriving agents are live");
        agent.queued_at = self.now;
        self.pools[pool].enqueue(key, agent.type_id);
        metrics.enqueued(self.now, stage);
        let id = agent.id;
        self.note(id, Step::Queued(stage));
        AtStage::Held
    }

    fn start_service(&mut self, key: AgentKey, stage: StageId, pool: usize, server: u32, from_queue: bool, metrics: &mut Collector) {
        let agent = self.agents.get_mut(key).expect("served agents are live");
        let waited = if from_queue { self.now - agent.queued_at } else { SimTime::ZERO };
        agent.service_started = self.now;
        let state = &mut self.pools[pool];
        let mut seconds = state.service.sample(&mut agent.rng);
        if let (Some(Check::Cargo(check)), Some(cargo)) = (&self.scenario.stages[stage].check, &mut self.cargo) {
            seconds *= cargo.service_factor(check, key);
        }
        if let Some(fleet) = &mut state.robots {
            agent.robot = fleet.assign(self.now);
            if agent.robot.is_some() {
                seconds *= fleet.time_factor();
            }
        }
        let service = SimTime::from_secs_f64(seconds);
        metrics.started(self.now, stage, Some(pool), agent.id, waited, from_queue);
        if let Some(journal) = &mut self.journal {
            journal.note(agent.id, self.now, Step::Served { stage, server, waited });
        }
        if self.micro && matches!(agent.kind, AgentKind::Traveller) {
            // The server is taken now; the service itself starts when the agent gets to it.
            self.requests.push(MotionRequest::Serve { agent: key, stage, server });
            self.walking_up.insert(key, (pool as u16, server, service));
            return;
        }
        self.calendar
            .schedule(self.now + service, Event::ServiceEnd { pool: pool as u16, server });
    }

    fn end_service(&mut self, pool: usize, server: u32, metrics: &mut Collector) -> Result<(), RunError> {
        let key = self.pools[pool].release(server).expect("a service end belongs to a busy server");
        let agent = self.agents.get_mut(key).expect("served agents are live");
        let stage = agent.stage;
        let duration = self.now - agent.service_started;
        metrics.finished(self.now, stage, pool, duration);
        if let (Some(robot), Some(fleet)) = (agent.robot.take(), &mut self.pools[pool].robots) {
            fleet.release(robot, duration, self.now);
        }
        agent.stops = agent.stops.saturating_add(1);
        if !self.scenario.pools[pool].automated {
            agent.manual_stops = agent.manual_stops.saturating_add(1);
        }
        let carried = agent.contraband;
        match (&self.scenario.stages[stage].check, &mut self.cargo) {
            (Some(Check::BagScan(_)), _) => self.scan_bag(key, stage, metrics)?,
            (Some(Check::Cargo(check)), Some(cargo)) => cargo.apply(check, key, &mut agent.attributes),
            (Some(check), _) => checks::apply(check, agent, &mut metrics.passengers),
            (None, _) => {}
        }
        self.note_check(key, stage, carried);
        self.serve_waiting(pool, metrics);
        let next = self.route(key, stage);
        self.move_to(key, next, metrics)
    }

    /// Starts service for waiting agents while staffed servers are free.
    pub(super) fn serve_waiting(&mut self, pool: usize, metrics: &mut Collector) {
        while let Some(key) = self.pools[pool].next_waiting() {
            let server = self.pools[pool].try_seize(key).expect("next_waiting checked a server is free");
            let stage = self.agents.get(key).expect("waiting agents are live").stage;
            self.start_service(key, stage, pool, server, true, metrics);
        }
    }

    /// Where an agent goes after `stage`.
    fn route(&mut self, key: AgentKey, stage: StageId) -> Target {
        let agent = self.agents.get_mut(key).expect("routed agents are live");
        let (target, reason) = match &self.scenario.stages[stage].next {
            Next::To(target) => (*target, RouteReason::Fixed),
            Next::Split(branches) => {
                let u: f64 = agent.rng.random();
                let target = branches
                    .iter()
                    .find(|(cumulative, _)| u < *cumulative)
                    .or(branches.last())
                    .map_or(Target::Exit, |(_, t)| *t);
                (target, RouteReason::Draw(u))
            }
            Next::Choose(branches) => branches
                .iter()
                .position(|(condition, _)| condition.holds(agent.type_id, agent.attributes))
                .map_or((Target::Exit, RouteReason::Fixed), |i| (branches[i].1, RouteReason::Condition(i))),
        };
        let id = agent.id;
        self.note(
            id,
            Step::Routed {
                from: stage,
                to: target,
                reason,
            },
        );
        target
    }

    /// Records a step of agent `id` now, when journeys are recorded.
    pub(super) fn note(&mut self, id: u64, step: Step) {
        if let Some(journal) = &mut self.journal {
            journal.note(id, self.now, step);
        }
    }

    /// Records every agent's journey from now on, for [`ProcessNetwork::journal`] (the viewer
    /// follows agents with it). Recording changes nothing in the run.
    pub fn record_journeys(&mut self) {
        self.journal.get_or_insert_with(Journal::default);
    }

    /// The recorded journeys, if [`ProcessNetwork::record_journeys`] was called.
    pub fn journal(&self) -> Option<&Journal> {
        self.journal.as_ref()
    }

    fn exit(&mut self, key: AgentKey, metrics: &mut Collector) -> Result<(), RunError> {
        let Some(agent) = self.agents.remove(key) else { return Ok(()) };
        self.note(agent.id, Step::Left);
        match agent.kind {
            AgentKind::Traveller => {
                if let Some(cargo) = &mut self.cargo {
                    cargo.leave(key, self.now - agent.arrived);
                }
                metrics.exited(self.now, agent.id, agent.type_id, agent.arrived);
                metrics
                    .passengers
                    .left(agent.contraband, agent.searched, agent.stops, agent.manual_stops);
                if agent.attributes & (1 << FLAG_BAG_FLAGGED) != 0 && !agent.searched {
                    metrics.passengers.bag_scans.flagged_owners_not_searched += 1;
                }
                Ok(())
            }
            AgentKind::Bag { owner } => {
                metrics.bag_delivered(self.now, agent.id);
                self.bag_reached_carousel(owner, agent.contraband, metrics)
            }
        }
    }

    /// A traveller reaches reclaim: they wait there until their last bag is on the carousel.
    fn reclaim(&mut self, key: AgentKey, stage: StageId, metrics: &mut Collector) -> AtStage {
        let agent = self.agents.get_mut(key).expect("arriving agents are live");
        metrics.entered(stage);
        if agent.bags_pending == 0 || !matches!(agent.kind, AgentKind::Traveller) {
            metrics.started(self.now, stage, None, agent.id, SimTime::ZERO, false);
            return AtStage::Pass(self.route(key, stage));
        }
        agent.waiting_for_bags = true;
        agent.queued_at = self.now;
        metrics.enqueued(self.now, stage);
        AtStage::Held
    }

    /// One of `owner`'s bags, holding `contraband`, is on the carousel: the owner takes it (and what is
    /// in it); a waiting owner with all bags moves on. A bag whose owner has already left is unclaimed.
    fn bag_reached_carousel(&mut self, owner: AgentKey, contraband: u8, metrics: &mut Collector) -> Result<(), RunError> {
        let Some(agent) = self.agents.get_mut(owner).filter(|a| matches!(a.kind, AgentKind::Traveller)) else {
            metrics.passengers.unclaimed(contraband);
            return Ok(());
        };
        agent.contraband |= contraband;
        agent.bags_pending = agent.bags_pending.saturating_sub(1);
        if agent.bags_pending > 0 || !agent.waiting_for_bags {
            return Ok(());
        }
        agent.waiting_for_bags = false;
        let stage = agent.stage;
        metrics.started(self.now, stage, None, agent.id, self.now - agent.queued_at, true);
        let next = self.route(owner, stage);
        self.move_to(owner, next, metrics)
    }

    fn apply_roster(&mut self, metrics: &mut Collector) {
        for pool in 0..self.pools.len() {
            self.restaff(pool, metrics);
        }
        let next = self.now.next_hour();
        if next < self.stop_at {
            self.calendar.schedule(next, Event::RosterHour);
        }
    }

    /// Servers of `pool` out of order now: broken down (cargo scanners' failures) or put out of
    /// order by a staged incident.
    pub fn out_of_order(&self, pool: usize) -> u32 {
        let broken = self.cargo.as_ref().map_or(0, |c| c.breakdowns.down(pool));
        broken + self.incidents.down.get(pool).copied().unwrap_or(0)
    }

    fn schedule_first_breakdowns(&mut self) {
        let Some(cargo) = &mut self.cargo else { return };
        let pools: Vec<usize> = cargo.breakdowns.pools().collect();
        for pool in pools {
            for _ in 0..self.scenario.pools[pool].max_servers() {
                if let Some(after) = cargo.breakdowns.next_failure(pool) {
                    self.calendar.schedule(self.now + after, Event::Breakdown { pool: pool as u16 });
                }
            }
        }
    }

    /// A server of `pool` fails: one fewer serves until it is repaired.
    fn breakdown(&mut self, pool: usize, metrics: &mut Collector) {
        let Some(cargo) = &mut self.cargo else { return };
        let repair = cargo.breakdowns.fail(pool);
        self.calendar.schedule(self.now + repair, Event::Repair { pool: pool as u16 });
        self.restaff(pool, metrics);
    }

    /// A server of `pool` is repaired and fails again later.
    fn repair(&mut self, pool: usize, metrics: &mut Collector) {
        let Some(cargo) = &mut self.cargo else { return };
        cargo.breakdowns.repair(pool);
        if let Some(after) = cargo.breakdowns.next_failure(pool) {
            self.calendar.schedule(self.now + after, Event::Breakdown { pool: pool as u16 });
        }
        self.restaff(pool, metrics);
    }

    /// Sets `pool`'s staffed servers to its roster minus its servers out of order, and serves
    /// whoever waits if servers became free.
    pub(super) fn restaff(&mut self, pool: usize, metrics: &mut Collector) {
        let staffed = self.scenario.pools[pool].roster[self.now.hour_of_day()].saturating_sub(self.out_of_order(pool));
        if staffed != self.pools[pool].staffed() {
            self.pools[pool].set_staffed(staffed);
            metrics.staffed(self.now, pool, staffed);
            self.serve_waiting(pool, metrics);
        }
    }

    fn cargo_failure(&mut self) -> Result<(), RunError> {
        match self.cargo.as_mut().and_then(CargoState::take_failure) {
            Some(message) => Err(RunError::Cargo(message)),
            None => Ok(()),
        }
    }

    /// The cargo side of the run, when the scenario has trucks.
    pub fn cargo(&self) -> Option<&CargoState> {
        self.cargo.as_ref()
    }

    /// Micro fidelity: the truck with serial number `serial` has passed a scanner of `kind`.
    pub fn scan_passing_truck(&mut self, serial: u64, kind: ScanKind) {
        let Some(cargo) = &mut self.cargo else { return };
        let Some(key) = self.agents.iter().find(|(_, a)| a.id == serial).map(|(k, _)| k) else {
            return;
        };
        let agent = self.agents.get_mut(key).expect("found just now");
        cargo.apply(&CargoCheck::Scan(kind), key, &mut agent.attributes);
        let alarm = agent.attributes & (1 << FLAG_SCAN_ALARM) != 0;
        self.note(serial, Step::PortalScanned { alarm });
    }

    fn is_traveller(&self, key: AgentKey) -> bool {
        self.agents.get(key).is_some_and(|a| matches!(a.kind, AgentKind::Traveller))
    }

    /// Micro fidelity: the moves asked for since the last call, in the order they arose.
    pub fn take_motion_requests(&mut self) -> Vec<MotionRequest> {
        std::mem::take(&mut self.requests)
    }

    /// Micro fidelity: the motion system reports that an agent got where a [`MotionRequest::Go`]
    /// sent it, now; the network carries on as if a flow-fidelity walk had ended.
    pub fn reached(&mut self, key: AgentKey, to: Target, metrics: &mut Collector) -> Result<(), RunError> {
        match to {
            Target::Exit => self.exit(key, metrics),
            Target::Stage(_) => self.arrive(key, metrics),
        }
    }

    /// Micro fidelity: the agent called to a server by [`MotionRequest::Serve`] has got to it;
    /// its service runs from now. (The server counts as busy from the call: walking up is part of
    /// its occupancy, as at a real desk.)
    pub fn at_server(&mut self, key: AgentKey) {
        if let Some((pool, server, service)) = self.walking_up.remove(&key) {
            self.calendar.schedule(self.now + service, Event::ServiceEnd { pool, server });
        }
    }

    /// Time of the next process event, if any (micro fidelity skips ahead to it when nothing moves).
    pub fn next_event_at(&self) -> Option<SimTime> {
        match (self.calendar.next_time(), self.incidents.next_at()) {
            (Some(event), Some(incident)) => Some(event.min(incident)),
            (event, incident) => event.or(incident),
        }
    }

    /// Agents still waiting, with their stage and how long they have waited so far.
    pub fn waiting(&self) -> impl Iterator<Item = (StageId, SimTime)> + '_ {
        let at_reclaim = self.agents.iter().filter(|(_, a)| a.waiting_for_bags).map(|(k, _)| k);
        self.pools
            .iter()
            .flat_map(PoolState::waiting_agents)
            .chain(at_reclaim)
            .filter_map(|key| {
                let agent = self.agents.get(key)?;
                Some((agent.stage, self.now - agent.queued_at))
            })
    }
}
