//! Queue corrections: a live run sets a stage's queue to what a sensor counted, the way SUMO's
//! calibrators insert and remove vehicles to match observed flows. Too many waiting: the most
//! recently queued leave the port (counted as balked, since they left without service). Too
//! few: new agents of the first source whose journeys can lead there join the queue at once.
//! Every correction is recorded ([`Correction`]).

use std::sync::Arc;

use rand::{Rng, RngExt};

use super::domain::{Arrival, Cx, FollowUp};
use super::error::RunError;
use super::network::ProcessNetwork;
use super::routing::AtStage;
use crate::metrics::collector::Collector;
use crate::scenario::model::{SourceId, StageId, Target};
use crate::sim::time::SimTime;

/// One queue correction, as the run recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Correction {
    /// When.
    pub at: SimTime,
    /// The stage.
    pub stage: StageId,
    /// Agents the sensor counted waiting.
    pub observed: u32,
    /// Agents waiting in the run just before.
    pub simulated: u32,
    /// Agents added to the queue.
    pub added: u32,
    /// Agents removed from the queue.
    pub removed: u32,
}

impl ProcessNetwork {
    /// Sets the queue at `stage` to `waiting` agents now, and records what it took.
    pub(super) fn correct_queue(&mut self, stage: StageId, waiting: u32, metrics: &mut Collector) -> Result<(), RunError> {
        let Some(pool) = self.scenario().stages[stage].pool else {
            return Ok(());
        };
        let simulated = metrics.stages[stage].queue;
        let mut correction = Correction {
            at: self.core.now,
            stage,
            observed: waiting,
            simulated,
            added: 0,
            removed: 0,
        };
        if waiting < simulated {
            let agents = &self.core.agents;
            let queued: Vec<_> = self.pools[pool]
                .waiting_agents()
                .filter(|k| agents.get(*k).is_some_and(|a| a.stage == stage))
                .collect();
            for &key in queued.iter().rev().take((simulated - waiting) as usize) {
                self.pools[pool].remove_waiting(key);
                let id = self.core.agents.get(key).map_or(0, |a| a.id);
                metrics.dequeued(self.core.now, stage, id);
                self.balk(key, metrics)?;
                correction.removed += 1;
            }
        } else if waiting > simulated
            && let Some(source) = self.source_leading_to(stage)
        {
            for _ in simulated..waiting {
                self.place(source, stage, metrics)?;
                correction.added += 1;
            }
        }
        if correction.added + correction.removed > 0
            && let Some(traces) = &mut self.traces
        {
            traces.corrections.push(correction);
        }
        Ok(())
    }

    /// The first source (in the scenario's order) whose journeys can reach `stage`.
    fn source_leading_to(&self, stage: StageId) -> Option<SourceId> {
        let stages = &self.scenario().stages;
        self.scenario().sources.iter().position(|source| {
            let mut seen = vec![false; stages.len()];
            let mut todo = vec![source.entry];
            while let Some(at) = todo.pop() {
                if at == stage {
                    return true;
                }
                if std::mem::replace(&mut seen[at], true) {
                    continue;
                }
                let next = stages[at].next.targets().into_iter().chain([stages[at].on_full]);
                todo.extend(next.filter_map(|t| match t {
                    Target::Stage(s) => Some(s),
                    Target::Exit => None,
                }));
            }
            false
        })
    }

    /// A new agent of `source` (drawn from the corrections' own stream) joins the queue at
    /// `stage` now, instead of entering at its source's entrance.
    fn place(&mut self, source: SourceId, stage: StageId, metrics: &mut Collector) -> Result<(), RunError> {
        let scenario = Arc::clone(&self.core.scenario);
        let Some(traces) = &mut self.traces else {
            return Ok(());
        };
        let type_id = super::arrivals::pick(&scenario.sources[source].mix, traces.rng.random());
        let seed = traces.rng.next_u64();
        let arrival = Arrival {
            source,
            type_id,
            seed,
            staged: None,
            attributes: None,
        };
        let domain = scenario.source_domain[source];
        let before = self.core.follow_ups.len();
        let mut cx = Cx {
            core: &mut self.core,
            metrics,
        };
        self.domains[domain as usize].arrive(&mut cx, arrival)?;
        // The agent's own first move (to its entrance) is replaced by joining the queue here.
        let agents = &self.core.agents;
        let own = self.core.follow_ups[before..]
            .iter()
            .position(|f| matches!(f, FollowUp::Send(key, _) if agents.get(*key).is_some_and(|a| a.counted)));
        let key = own.map(|i| self.core.follow_ups.remove(before + i));
        self.tell_arrivals(domain);
        self.follow_up(metrics)?;
        let Some(FollowUp::Send(key, _)) = key else {
            return Ok(());
        };
        if let Some(agent) = self.core.agents.get_mut(key) {
            agent.stage = stage;
        }
        match self.reach_stage(key, stage, metrics)? {
            AtStage::Held => Ok(()),
            AtStage::Pass(next) => self.move_to(key, next, metrics),
        }
    }
}
