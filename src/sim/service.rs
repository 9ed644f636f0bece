//! Queues and servers: an agent at a stage with a pool is served at once, queues or balks; a
//! service's time is sampled from the pool (a domain may scale it), and its end applies the
//! stage's check, frees the server for the next in line and routes the agent on. Rosters and
//! servers out of order set how many servers are staffed.

use super::agent::AgentKey;
use super::domain::Cx;
use super::error::RunError;
use super::event::Event;
use super::handoff::MotionRequest;
use super::journal::Step;
use super::network::ProcessNetwork;
use super::observer::Happening;
use super::routing::AtStage;
use super::time::SimTime;
use crate::metrics::collector::Collector;
use crate::scenario::model::{StageId, Target};

impl ProcessNetwork {
    /// An agent reached `stage`: served, queued, turned away, or (no pool) passed on by a decision.
    pub(super) fn reach_stage(&mut self, key: AgentKey, stage: StageId, metrics: &mut Collector) -> Result<AtStage, RunError> {
        let agent = self.core.agents.get(key).expect("arriving agents are live");
        metrics.groups.reached(self.core.now, agent, stage);
        let Some(pool) = self.scenario().stages[stage].pool else {
            return self.reach_decision(key, stage, metrics);
        };
        let services = if self.pools[pool].per_occupant { agent.people() } else { 1 };
        metrics.entered(stage, services);
        if let Some(server) = self.pools[pool].try_seize(key) {
            self.start_service(key, stage, pool, server, false, metrics);
            return Ok(AtStage::Held);
        }
        if self.pools[pool].is_full() {
            let agent = self.core.agents.get(key).expect("arriving agents are live");
            metrics.balked(self.core.now, stage, agent.id);
            let id = agent.id;
            self.core.watch.tell(self.core.now, || Happening::Balked { agent: id, stage });
            return match self.scenario().stages[stage].on_full {
                Target::Exit => {
                    self.balk(key, metrics)?;
                    Ok(AtStage::Held)
                }
                other => Ok(AtStage::Pass(other)),
            };
        }
        let now = self.core.now;
        let agent = self.core.agents.get_mut(key).expect("arriving agents are live");
        agent.queued_at = now;
        self.pools[pool].enqueue(key, agent.type_id);
        metrics.enqueued(now, stage);
        let id = agent.id;
        self.core.note(id, Step::Queued(stage));
        Ok(AtStage::Held)
    }

    fn start_service(&mut self, key: AgentKey, stage: StageId, pool: usize, server: u32, from_queue: bool, metrics: &mut Collector) {
        let now = self.core.now;
        let agent = self.core.agents.get_mut(key).expect("served agents are live");
        let waited = if from_queue { now - agent.queued_at } else { SimTime::ZERO };
        agent.service_started = now;
        let state = &self.pools[pool];
        let mut seconds = match state.per_occupant && !agent.occupants.is_empty() {
            // A vehicle or group served occupant by occupant: one draw per occupant, in order.
            true => agent.occupants.iter().map(|&t| state.service_of(t).sample(&mut agent.rng)).sum(),
            false => state.service_of(agent.type_id).sample(&mut agent.rng),
        };
        if let Some(domain) = self.check_domain(stage) {
            // A factor only: the hook moves and releases nobody, so no follow-ups to carry out.
            let mut cx = Cx {
                core: &mut self.core,
                metrics,
            };
            seconds *= self.domains[domain as usize].service_factor(&mut cx, key, stage);
        }
        let agent = self.core.agents.get_mut(key).expect("served agents are live");
        if let Some(fleet) = &mut self.pools[pool].robots {
            agent.robot = fleet.assign(now);
            if agent.robot.is_some() {
                seconds *= fleet.time_factor();
            }
        }
        let service = SimTime::from_secs_f64(seconds);
        let (id, moves) = (agent.id, agent.mobility == super::agent::Mobility::Moves);
        metrics.started(now, stage, Some(pool), id, waited, from_queue);
        metrics.groups.waited(agent, stage, waited);
        self.core.watch.tell(now, || Happening::ServiceStarted {
            agent: id,
            stage,
            pool,
            server,
            waited,
        });
        self.core.note(id, Step::Served { stage, server, waited });
        if self.core.micro && moves {
            // The server is taken now; the service itself starts when the agent gets to it.
            self.core.requests.push(MotionRequest::Serve { agent: key, stage, server });
            self.walking_up.insert(key, (pool as u16, server, service));
            return;
        }
        self.calendar
            .schedule(now + service, Event::ServiceEnd { pool: pool as u16, server });
    }

    pub(super) fn end_service(&mut self, pool: usize, server: u32, metrics: &mut Collector) -> Result<(), RunError> {
        let key = self.pools[pool].release(server).expect("a service end belongs to a busy server");
        let now = self.core.now;
        let automated = self.scenario().pools[pool].automated;
        let agent = self.core.agents.get_mut(key).expect("served agents are live");
        let stage = agent.stage;
        let duration = now - agent.service_started;
        metrics.finished(now, stage, pool, duration);
        metrics.groups.done(now, agent, stage);
        let id = agent.id;
        self.core.watch.tell(now, || Happening::ServiceEnded {
            agent: id,
            stage,
            pool,
            server,
            service: duration,
        });
        let agent = self.core.agents.get_mut(key).expect("served agents are live");
        if let (Some(robot), Some(fleet)) = (agent.robot.take(), &mut self.pools[pool].robots) {
            fleet.release(robot, duration, now);
        }
        agent.stops = agent.stops.saturating_add(1);
        if !automated {
            agent.manual_stops = agent.manual_stops.saturating_add(1);
        }
        if let Some(domain) = self.check_domain(stage) {
            self.call(domain, metrics, |domain, cx| domain.serve(cx, key, stage))?;
        }
        self.serve_waiting(pool, metrics);
        let next = self.route(key, stage);
        self.move_to(key, next, metrics)
    }

    /// Starts service for waiting agents while staffed servers are free.
    pub(super) fn serve_waiting(&mut self, pool: usize, metrics: &mut Collector) {
        while let Some(key) = self.pools[pool].next_waiting() {
            let server = self.pools[pool].try_seize(key).expect("next_waiting checked a server is free");
            let stage = self.core.agents.get(key).expect("waiting agents are live").stage;
            self.start_service(key, stage, pool, server, true, metrics);
        }
    }

    /// Servers of `pool` on duty by its roster now (or by the forced log of a forced replay).
    pub(super) fn rostered(&self, pool: usize) -> u32 {
        match &self.forcing {
            Some(forcing) => forcing.rostered[pool],
            None => self.scenario().pools[pool].roster[self.core.now.hour_of_day()],
        }
    }

    pub(super) fn apply_roster(&mut self, metrics: &mut Collector) {
        for pool in 0..self.pools.len() {
            self.restaff(pool, metrics);
        }
        let next = self.core.now.next_hour();
        if next < self.stop_at() {
            self.calendar.schedule(next, Event::RosterHour);
        }
    }

    /// Servers of `pool` out of order now: broken down, or put out of order by a staged incident.
    pub fn out_of_order(&self, pool: usize) -> u32 {
        self.breakdowns.down(pool) + self.incidents.down.get(pool).copied().unwrap_or(0)
    }

    /// Sets `pool`'s staffed servers to its roster (or the roster change in force) minus its
    /// servers out of order, and serves whoever waits if servers became free.
    pub(super) fn restaff(&mut self, pool: usize, metrics: &mut Collector) {
        let rostered = self.incidents.staffing[pool].unwrap_or_else(|| self.rostered(pool));
        let staffed = rostered.saturating_sub(self.out_of_order(pool));
        let changed = staffed != self.pools[pool].staffed();
        if changed {
            self.pools[pool].set_staffed(staffed);
            metrics.staffed(self.core.now, pool, staffed);
        }
        if self.core.watch.on() {
            self.tell_staffing(pool);
        }
        if changed {
            self.serve_waiting(pool, metrics);
        }
    }
}
