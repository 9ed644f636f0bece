//! Collects what happens during a run: waits, queue and server integrals, exits, series, digest.

use serde::{Deserialize, Serialize};

use super::digest::Digest;
use super::group_stats::GroupCollector;
use super::histogram::LogHistogram;
use super::series::Series;
use crate::scenario::model::{PoolId, StageId, TypeId};
use crate::sim::time::{MS_PER_HOUR, MS_PER_MIN, SimTime};

/// Counters and integrals for one stage.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StageStats {
    /// Agents that reached the stage's pool (queued or went straight to a server).
    pub entered: u64,
    /// Services those agents asked for: one each, or one per occupant of a vehicle or group at
    /// a pool that serves occupant by occupant (what the offered load counts).
    pub services_asked: u64,
    /// Agents whose service finished.
    pub served: u64,
    /// Agents turned away by a full queue.
    pub balked: u64,
    /// Waits of agents whose service started (ms).
    pub wait: LogHistogram,
    /// Sum of completed service times (ms).
    pub service_ms: u128,
    /// Agents waiting now.
    pub queue: u32,
    /// Longest queue seen.
    pub max_queue: u32,
    /// Integral of queue length over time (agent·ms).
    pub queue_area: u128,
    last_change: SimTime,
}

/// Counters and integrals for one pool.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PoolStats {
    /// Busy servers now.
    pub busy: u32,
    /// Staffed servers now.
    pub staffed: u32,
    /// Integral of busy servers (server·ms).
    pub busy_area: u128,
    /// Integral of servers on duty (staffed, or finishing after a shift) (server·ms).
    pub on_duty_area: u128,
    /// Integral of staffed servers (server·ms).
    pub staffed_area: u128,
    last_change: SimTime,
}

/// Everything measured during a run (saved whole in a snapshot).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Collector {
    /// Per stage.
    pub stages: Vec<StageStats>,
    /// Per pool.
    pub pools: Vec<PoolStats>,
    /// Time in system of agents that left, overall.
    pub time_in_system: LogHistogram,
    /// Time in system per traveller type.
    pub time_in_system_by_type: Vec<LogHistogram>,
    /// Agents that arrived.
    pub arrived: u64,
    /// Agents that left after their journey.
    pub exited: u64,
    /// Agents that left because a queue was full.
    pub balked: u64,
    /// Agents in the port now.
    pub in_system: u32,
    /// Exits per hour of the run.
    pub exits_per_hour: Vec<u64>,
    /// Per-minute series.
    pub series: Series,
    /// Digest of every service start and exit (and the events domains add).
    pub digest: Digest,
    /// KPIs per group (batch label, source, type, attribute value) and per journey segment.
    pub groups: GroupCollector,
    next_sample: SimTime,
}

impl Collector {
    /// An empty collector.
    pub fn new(stages: usize, pools: usize, types: usize) -> Self {
        Self {
            stages: vec![StageStats::default(); stages],
            pools: vec![PoolStats::default(); pools],
            time_in_system: LogHistogram::default(),
            time_in_system_by_type: vec![LogHistogram::default(); types],
            arrived: 0,
            exited: 0,
            balked: 0,
            in_system: 0,
            exits_per_hour: Vec::new(),
            series: Series::new(stages, pools),
            digest: Digest::default(),
            groups: GroupCollector::default(),
            next_sample: SimTime::ZERO,
        }
    }

    /// Takes the per-minute samples due up to (not including) `now`.
    pub fn advance(&mut self, now: SimTime) {
        while self.next_sample < now {
            self.sample(self.next_sample);
            self.next_sample = SimTime(self.next_sample.0 + MS_PER_MIN);
        }
    }

    fn sample(&mut self, at: SimTime) {
        let series = &mut self.series;
        series.time_s.push(at.0 / 1000);
        series.in_system.push(self.in_system);
        for (column, stage) in series.queue.iter_mut().zip(&self.stages) {
            column.push(stage.queue);
        }
        for (p, pool) in self.pools.iter().enumerate() {
            series.busy[p].push(pool.busy);
            series.staffed[p].push(pool.staffed);
        }
    }

    fn integrate_stage(&mut self, stage: StageId, now: SimTime) {
        let s = &mut self.stages[stage];
        s.queue_area += s.queue as u128 * (now - s.last_change).0 as u128;
        s.last_change = now;
    }

    fn integrate_pool(&mut self, pool: PoolId, now: SimTime) {
        let p = &mut self.pools[pool];
        let dt = (now - p.last_change).0 as u128;
        p.busy_area += p.busy as u128 * dt;
        p.on_duty_area += p.busy.max(p.staffed) as u128 * dt;
        p.staffed_area += p.staffed as u128 * dt;
        p.last_change = now;
    }

    /// An agent arrived at the port, counting for `people` (a vehicle's or group's occupants).
    pub fn arrived(&mut self, now: SimTime, agent_id: u64, people: u64) {
        self.arrived += people;
        self.in_system += people as u32;
        self.digest.write(&[1, agent_id, now.0]);
    }

    /// An agent reached a stage's pool, asking for `services` services (its occupants' at a
    /// pool that serves occupant by occupant, else one).
    pub fn entered(&mut self, stage: StageId, services: u64) {
        self.stages[stage].entered += 1;
        self.stages[stage].services_asked += services;
    }

    /// An agent joined a stage's queue.
    pub fn enqueued(&mut self, now: SimTime, stage: StageId) {
        self.integrate_stage(stage, now);
        let s = &mut self.stages[stage];
        s.queue += 1;
        s.max_queue = s.max_queue.max(s.queue);
    }

    /// An agent left a stage's queue without service (a live run's queue correction removed it).
    pub fn dequeued(&mut self, now: SimTime, stage: StageId, agent_id: u64) {
        self.integrate_stage(stage, now);
        self.stages[stage].queue -= 1;
        self.digest.write(&[5, agent_id, stage as u64, now.0]);
    }

    /// An agent was turned away by a full queue.
    pub fn balked(&mut self, now: SimTime, stage: StageId, agent_id: u64) {
        self.stages[stage].balked += 1;
        self.digest.write(&[2, agent_id, stage as u64, now.0]);
    }

    /// An agent counting for `people` balked and left the port.
    pub fn left_balked(&mut self, people: u64) {
        self.balked += people;
        self.in_system -= people as u32;
    }

    /// An agent's wait at a stage ended: service started at `pool`, or (without a pool) the agent moves on.
    /// `from_queue` when the agent had been waiting in line.
    pub fn started(&mut self, now: SimTime, stage: StageId, pool: Option<PoolId>, agent_id: u64, waited: SimTime, from_queue: bool) {
        if from_queue {
            self.integrate_stage(stage, now);
            self.stages[stage].queue -= 1;
        }
        self.stages[stage].wait.record(waited.0);
        if let Some(pool) = pool {
            self.integrate_pool(pool, now);
            self.pools[pool].busy += 1;
        }
        self.digest.write(&[3, agent_id, stage as u64, now.0]);
    }

    /// Service ended after `service`.
    pub fn finished(&mut self, now: SimTime, stage: StageId, pool: PoolId, service: SimTime) {
        let s = &mut self.stages[stage];
        s.served += 1;
        s.service_ms += service.0 as u128;
        self.integrate_pool(pool, now);
        self.pools[pool].busy -= 1;
    }

    /// The roster changed the staffed count of a pool.
    pub fn staffed(&mut self, now: SimTime, pool: PoolId, staffed: u32) {
        self.integrate_pool(pool, now);
        self.pools[pool].staffed = staffed;
    }

    /// An agent left after its journey. A vehicle or group (`occupants` not empty) counts
    /// once per occupant overall and in each occupant's type, and once in its own type.
    pub fn exited(&mut self, now: SimTime, agent_id: u64, type_id: TypeId, arrived: SimTime, occupants: &[TypeId]) {
        let stay = now - arrived;
        let people = occupants.len().max(1) as u64;
        self.exited += people;
        self.in_system -= people as u32;
        self.time_in_system.record_n(stay.0, people);
        self.time_in_system_by_type[type_id].record(stay.0);
        for &t in occupants {
            self.time_in_system_by_type[t].record(stay.0);
        }
        let hour = (now.0 / MS_PER_HOUR) as usize;
        if hour >= self.exits_per_hour.len() {
            self.exits_per_hour.resize(hour + 1, 0);
        }
        self.exits_per_hour[hour] += people;
        self.digest.write(&[4, agent_id, now.0]);
    }

    /// Closes the integrals at the end of the run; the last series row is the state at the end,
    /// also when the run ends between two minutes (a draining run).
    pub fn finish(&mut self, end: SimTime) {
        self.advance(end);
        self.sample(end);
        for stage in 0..self.stages.len() {
            self.integrate_stage(stage, end);
        }
        for pool in 0..self.pools.len() {
            self.integrate_pool(pool, end);
        }
    }
}
