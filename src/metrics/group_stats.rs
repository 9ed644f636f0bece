//! Collects the KPIs of each group and journey segment during a run. Only counted agents
//! (travellers, trucks, parcels; not their checked bags) are measured; nothing here draws a
//! random number or writes to the run digest, so grouping never changes a run.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::groups::GroupIndex;
use super::histogram::LogHistogram;
use super::segments::SegmentStats;
use crate::scenario::Scenario;
use crate::scenario::model::StageId;
use crate::sim::agent::Agent;
use crate::sim::time::{MS_PER_HOUR, SimTime};

/// The kind of agent a time-in-system target without `of` measures.
pub const TRAVELLERS: &str = "travellers";

/// What one group's agents did.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GroupStats {
    /// Agents that arrived.
    pub arrived: u64,
    /// Agents that left after their journey.
    pub served: u64,
    /// Agents that left because a queue was full.
    pub balked: u64,
    /// Time in system of agents that left after their journey.
    pub time_in_system: LogHistogram,
    /// Total waiting over the journey of agents that left after it.
    pub wait: LogHistogram,
    /// Exits per hour of the run.
    pub exits_per_hour: Vec<u64>,
    /// Arrivals at each stage.
    pub stage_entered: Vec<u64>,
    /// Waits at each stage.
    pub stage_wait: Vec<LogHistogram>,
    /// Each segment, in scenario order.
    pub segments: Vec<SegmentStats>,
}

/// The collector of group and segment KPIs.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GroupCollector {
    /// The groups.
    pub index: GroupIndex,
    /// Per group, in [`GroupIndex`] order.
    pub groups: Vec<GroupStats>,
    /// Each segment over everyone, in scenario order.
    pub segments: Vec<SegmentStats>,
    /// (from, to) stage of each segment.
    ends: Vec<(StageId, StageId)>,
    /// When each open passage started, by (agent id, segment).
    open: BTreeMap<(u64, u16), SimTime>,
}

impl GroupCollector {
    /// An empty collector for the groups and segments of `scenario`.
    pub fn new(scenario: &Scenario) -> Self {
        let index = GroupIndex::new(scenario);
        let stages = scenario.stages.len();
        let segments = scenario.segments.len();
        let group = GroupStats {
            stage_entered: vec![0; stages],
            stage_wait: vec![LogHistogram::default(); stages],
            segments: vec![SegmentStats::default(); segments],
            ..GroupStats::default()
        };
        Self {
            groups: vec![group; index.len()],
            index,
            segments: vec![SegmentStats::default(); segments],
            ends: scenario.segments.iter().map(|s| (s.from, s.to)).collect(),
            open: BTreeMap::new(),
        }
    }

    /// The stats of kind of agent `kind` (`travellers`, `trucks`, `vehicles`), if the run has it.
    pub fn kind(&self, kind: &str) -> Option<&GroupStats> {
        let first = self.index.len() - self.index.kinds.len();
        let k = self.index.kinds.iter().position(|k| k == kind)?;
        self.groups.get(first + k)
    }

    /// What a time-in-system target without `of` measures: the travellers' times when the run
    /// has travellers, else `overall` (every agent's).
    pub fn everyone<'a>(&'a self, overall: &'a LogHistogram) -> super::targets::Everyone<'a> {
        match self.kind(TRAVELLERS) {
            Some(g) => super::targets::Everyone {
                name: TRAVELLERS,
                time_in_system: &g.time_in_system,
            },
            None => super::targets::Everyone {
                name: "everyone",
                time_in_system: overall,
            },
        }
    }

    /// Applies `f` to the stats of every group of `agent`, with the number of people it
    /// counts for there ([`GroupIndex::groups_of`]).
    fn each(&mut self, agent: &Agent, mut f: impl FnMut(&mut GroupStats, u64)) {
        for (g, n) in self.index.groups_of(agent) {
            f(&mut self.groups[g], n);
        }
    }

    /// A counted agent arrived at the port.
    pub fn arrived(&mut self, agent: &Agent) {
        self.each(agent, |g, n| g.arrived += n);
    }

    /// An agent reached `stage` (its queue, or the stage itself without a pool): it may start
    /// a segment.
    pub fn reached(&mut self, now: SimTime, agent: &Agent, stage: StageId) {
        if !agent.counted {
            return;
        }
        self.each(agent, |g, n| g.stage_entered[stage] += n);
        for s in 0..self.ends.len() {
            if self.ends[s].0 != stage || self.open.contains_key(&(agent.id, s as u16)) {
                continue;
            }
            self.open.insert((agent.id, s as u16), now);
            self.segments[s].entered += agent.people();
            self.each(agent, |g, n| g.segments[s].entered += n);
        }
    }

    /// An agent's wait at `stage` ended after `waited` (each occupant of a vehicle waited as long).
    pub fn waited(&mut self, agent: &mut Agent, stage: StageId, waited: SimTime) {
        agent.waited = agent.waited + waited;
        if agent.counted {
            self.each(agent, |g, n| g.stage_wait[stage].record_n(waited.0, n));
        }
    }

    /// An agent's service at `stage` ended (or, without a pool, it passed the stage): it may
    /// end a segment.
    pub fn done(&mut self, now: SimTime, agent: &Agent, stage: StageId) {
        if !agent.counted {
            return;
        }
        let people = agent.people();
        for s in 0..self.ends.len() {
            if self.ends[s].1 != stage {
                continue;
            }
            match self.open.remove(&(agent.id, s as u16)) {
                Some(start) => {
                    let took = (now - start).0;
                    self.segments[s].time.record_n(took, people);
                    self.each(agent, |g, n| g.segments[s].time.record_n(took, n));
                }
                None => {
                    self.segments[s].missed_from += people;
                    self.each(agent, |g, n| g.segments[s].missed_from += n);
                }
            }
        }
    }

    /// A counted agent left the port: after its journey, or `balked`.
    pub fn left(&mut self, now: SimTime, agent: &Agent, balked: bool) {
        let stay = (now - agent.arrived).0;
        let hour = (now.0 / MS_PER_HOUR) as usize;
        let waited = agent.waited.0;
        self.each(agent, |g, n| {
            if balked {
                g.balked += n;
                return;
            }
            g.served += n;
            g.time_in_system.record_n(stay, n);
            g.wait.record_n(waited, n);
            if hour >= g.exits_per_hour.len() {
                g.exits_per_hour.resize(hour + 1, 0);
            }
            g.exits_per_hour[hour] += n;
        });
        let people = agent.people();
        for s in 0..self.ends.len() {
            if self.open.remove(&(agent.id, s as u16)).is_some() {
                self.segments[s].missed_to += people;
                self.each(agent, |g, n| g.segments[s].missed_to += n);
            }
        }
    }
}
