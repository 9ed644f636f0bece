//! A copy of a stepped run's state: the clock, queues, pools, agents in the port and counts.

use porttwin::Stepper;
use porttwin::sim::time::SimTime;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// One pool's state now.
#[derive(Debug, Clone, Copy, Default)]
pub struct PoolView {
    busy: u32,
    staffed: u32,
    on_duty: u32,
    waiting: u32,
    out_of_order: u32,
}

/// The state of a run after a step.
#[derive(Debug, Clone, Default)]
pub struct View {
    now: SimTime,
    finished: bool,
    /// Agents waiting in each stage's queue, by stage.
    queues: Vec<u32>,
    /// Agents at (or on their way to) each stage, by stage.
    at_stage: Vec<u32>,
    pools: Vec<PoolView>,
    in_system: u32,
    arrived: u64,
    exited: u64,
    balked: u64,
    digest: String,
}

impl View {
    /// The state of `stepper` now.
    pub fn of(stepper: &Stepper) -> View {
        let network = stepper.network();
        let metrics = stepper.metrics();
        let stages = network.scenario().stages.len();
        let mut at_stage = vec![0; stages];
        for (_, agent) in network.agents().iter() {
            if agent.counted
                && let Some(count) = at_stage.get_mut(agent.stage)
            {
                *count += 1;
            }
        }
        let pools = network
            .pools()
            .iter()
            .enumerate()
            .map(|(p, pool)| PoolView {
                busy: pool.busy(),
                staffed: pool.staffed(),
                on_duty: pool.on_duty(),
                waiting: pool.waiting(),
                out_of_order: network.out_of_order(p),
            })
            .collect();
        View {
            now: network.now(),
            finished: network.is_finished(),
            queues: metrics.stages.iter().map(|s| s.queue).collect(),
            at_stage,
            pools,
            in_system: metrics.in_system,
            arrived: metrics.arrived,
            exited: metrics.exited,
            balked: metrics.balked,
            digest: metrics.digest.hex(),
        }
    }

    /// The view as a dict: `now_s`, `clock`, `finished`, `queues` and `at_stage` (stage → count),
    /// `pools` (pool → busy, staffed, on_duty, waiting, out_of_order), `in_system`, `arrived`,
    /// `exited`, `balked`, `digest` (the running digest).
    pub fn to_dict<'py>(&self, py: Python<'py>, scenario: &porttwin::scenario::Scenario) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        out.set_item("now_s", self.now.as_secs_f64())?;
        out.set_item("clock", self.now.to_string())?;
        out.set_item("finished", self.finished)?;
        let queues = PyDict::new(py);
        let at_stage = PyDict::new(py);
        for (s, stage) in scenario.stages.iter().enumerate() {
            queues.set_item(&stage.name, self.queues.get(s).copied().unwrap_or(0))?;
            at_stage.set_item(&stage.name, self.at_stage.get(s).copied().unwrap_or(0))?;
        }
        out.set_item("queues", queues)?;
        out.set_item("at_stage", at_stage)?;
        let pools = PyDict::new(py);
        for (p, pool) in scenario.pools.iter().enumerate() {
            let v = self.pools.get(p).copied().unwrap_or_default();
            let entry = PyDict::new(py);
            entry.set_item("busy", v.busy)?;
            entry.set_item("staffed", v.staffed)?;
            entry.set_item("on_duty", v.on_duty)?;
            entry.set_item("waiting", v.waiting)?;
            entry.set_item("out_of_order", v.out_of_order)?;
            pools.set_item(&pool.name, entry)?;
        }
        out.set_item("pools", pools)?;
        out.set_item("in_system", self.in_system)?;
        out.set_item("arrived", self.arrived)?;
        out.set_item("exited", self.exited)?;
        out.set_item("balked", self.balked)?;
        out.set_item("digest", &self.digest)?;
        Ok(out)
    }
}
