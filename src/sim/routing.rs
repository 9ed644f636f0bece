//! Moving agents between stages: walking (or being carried) to a stage, routing on after it,
//! holds released by a domain, and leaving the port.

use rand::RngExt;

use super::agent::{AgentKey, Mobility};
use super::domain::{FollowUp, Reach};
use super::error::RunError;
use super::event::Event;
use super::handoff::MotionRequest;
use super::journal::{RouteReason, Step};
use super::network::ProcessNetwork;
use super::observer::Happening;
use super::time::SimTime;
use crate::metrics::collector::Collector;
use crate::scenario::model::{Next, StageId, Target};

/// Decision stages an agent may pass in one instant before the run is stopped as looping.
const MAX_INSTANT_HOPS: u32 = 10_000;

/// What became of an agent that reached a stage.
pub(super) enum AtStage {
    /// It is waiting, held or in service.
    Held,
    /// It moves on at once.
    Pass(Target),
}

impl ProcessNetwork {
    /// Sends an agent towards `target`: walking, arriving at once, or leaving.
    pub(super) fn move_to(&mut self, key: AgentKey, mut target: Target, metrics: &mut Collector) -> Result<(), RunError> {
        let mut hops = 0;
        loop {
            let moves = self.core.agents.get(key).is_some_and(|a| a.mobility == Mobility::Moves);
            let stage = match target {
                Target::Exit if self.core.micro && moves => {
                    self.core.requests.push(MotionRequest::Go { agent: key, to: target });
                    return Ok(());
                }
                Target::Exit => return self.exit(key, metrics),
                Target::Stage(stage) => stage,
            };
            let now = self.core.now;
            let scenario = &self.core.scenario;
            let agent = self.core.agents.get_mut(key).expect("moving agents are live");
            agent.stage = stage;
            if self.core.micro && moves && scenario.is_placed(stage) {
                self.core.requests.push(MotionRequest::Go { agent: key, to: target });
                return Ok(());
            }
            let spec = &scenario.stages[stage];
            let walking_m = if moves && !self.core.micro { spec.walk_m } else { 0.0 };
            let walk = SimTime::from_secs_f64(walking_m / agent.speed_mps) + spec.delay;
            if walk > SimTime::ZERO {
                self.calendar.schedule(now + walk, Event::Reach { agent: key });
                return Ok(());
            }
            match self.reach_stage(key, stage, metrics)? {
                AtStage::Held => return Ok(()),
                AtStage::Pass(next) => target = next,
            }
            hops += 1;
            if hops > MAX_INSTANT_HOPS {
                return Err(RunError::RoutingLoop {
                    at: self.core.now,
                    stage: self.scenario().stages[stage].name.clone(),
                });
            }
        }
    }

    /// The agent has walked (or been carried) to its stage.
    pub(super) fn arrive(&mut self, key: AgentKey, metrics: &mut Collector) -> Result<(), RunError> {
        let stage = self.core.agents.get(key).expect("walking agents are live").stage;
        match self.reach_stage(key, stage, metrics)? {
            AtStage::Held => Ok(()),
            AtStage::Pass(next) => self.move_to(key, next, metrics),
        }
    }

    /// An agent reached a stage without a pool: a domain's check there may pass it on or hold it.
    pub(super) fn reach_decision(&mut self, key: AgentKey, stage: StageId, metrics: &mut Collector) -> Result<AtStage, RunError> {
        let Some(domain) = self.check_domain(stage) else {
            let agent = self.core.agents.get(key).expect("arriving agents are live");
            metrics.groups.done(self.core.now, agent, stage);
            return Ok(AtStage::Pass(self.route(key, stage)));
        };
        metrics.entered(stage, 1);
        match self.call(domain, metrics, |domain, cx| domain.reach(cx, key, stage))? {
            Reach::Pass => {
                let agent = self.core.agents.get_mut(key).expect("arriving agents are live");
                metrics.started(self.core.now, stage, None, agent.id, SimTime::ZERO, false);
                metrics.groups.waited(agent, stage, SimTime::ZERO);
                metrics.groups.done(self.core.now, agent, stage);
                Ok(AtStage::Pass(self.route(key, stage)))
            }
            Reach::Hold => {
                let now = self.core.now;
                let agent = self.core.agents.get_mut(key).expect("arriving agents are live");
                agent.held = true;
                agent.queued_at = now;
                metrics.enqueued(now, stage);
                Ok(AtStage::Held)
            }
        }
    }

    /// Where an agent goes after `stage`.
    pub(super) fn route(&mut self, key: AgentKey, stage: StageId) -> Target {
        let scenario = &self.core.scenario;
        let agent = self.core.agents.get_mut(key).expect("routed agents are live");
        let (target, reason) = match &scenario.stages[stage].next {
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
        self.core.note(
            id,
            Step::Routed {
                from: stage,
                to: target,
                reason,
            },
        );
        target
    }

    /// Carries out what domain hooks asked for, in order (a follow-up's own hooks carry out
    /// theirs before the next one).
    pub(super) fn follow_up(&mut self, metrics: &mut Collector) -> Result<(), RunError> {
        if self.core.follow_ups.is_empty() {
            return Ok(());
        }
        for follow_up in std::mem::take(&mut self.core.follow_ups) {
            match follow_up {
                FollowUp::Send(key, target) => self.move_to(key, target, metrics)?,
                FollowUp::Release(key) => self.release(key, metrics)?,
            }
        }
        Ok(())
    }

    /// The hold of agent `key` at its stage ends now: its wait is recorded and it moves on.
    fn release(&mut self, key: AgentKey, metrics: &mut Collector) -> Result<(), RunError> {
        let now = self.core.now;
        let Some(agent) = self.core.agents.get_mut(key).filter(|a| a.held) else {
            return Ok(());
        };
        agent.held = false;
        let stage = agent.stage;
        metrics.started(now, stage, None, agent.id, now - agent.queued_at, true);
        metrics.groups.waited(agent, stage, now - agent.queued_at);
        metrics.groups.done(now, agent, stage);
        let next = self.route(key, stage);
        self.move_to(key, next, metrics)
    }

    /// The agent leaves the port after its journey.
    pub(super) fn exit(&mut self, key: AgentKey, metrics: &mut Collector) -> Result<(), RunError> {
        let Some(agent) = self.core.agents.remove(key) else { return Ok(()) };
        self.core.note(agent.id, Step::Left);
        if agent.counted {
            metrics.exited(self.core.now, agent.id, agent.type_id, agent.arrived, &agent.occupants);
            metrics.groups.left(self.core.now, &agent, false);
            let (id, arrived) = (agent.id, agent.arrived);
            self.core.watch.tell(self.core.now, || Happening::Left { agent: id, arrived });
        }
        self.call(agent.domain, metrics, |domain, cx| domain.leave(cx, key, &agent, false))
    }

    /// The agent was turned away by a full queue and leaves the port without walking.
    pub(super) fn balk(&mut self, key: AgentKey, metrics: &mut Collector) -> Result<(), RunError> {
        let Some(agent) = self.core.agents.remove(key) else { return Ok(()) };
        if agent.counted {
            metrics.left_balked(agent.people());
            metrics.groups.left(self.core.now, &agent, true);
        }
        if self.core.micro {
            self.core.requests.push(MotionRequest::Gone { agent: key });
        }
        self.call(agent.domain, metrics, |domain, cx| domain.leave(cx, key, &agent, true))
    }
}
