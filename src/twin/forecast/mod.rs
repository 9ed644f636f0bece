//! Fork-and-forecast: replications of a scenario's future from a snapshot. Each replication
//! resumes the snapshot's state and reseeds only the future (every named stream, and the
//! journey stream of each agent in the port, restart from a seed derived from the snapshot's
//! seed and the replication number), so replication k of every variant draws the same future
//! (common random numbers). Variants are a sweep spec's (its syntax and overrides); the worker
//! pool is the sweep's. The result: fan charts of queues and waits, and the probability of
//! meeting each service target over the forecast window with its Wilson interval.

pub mod alarms;
pub mod fan;
pub mod output;
pub mod replication;

use serde::{Deserialize, Serialize};

pub use fan::Band;
use replication::{Job, Measured};

use super::error::TwinError;
use super::snapshot::Snapshot;
use crate::scenario::Scenario;
use crate::sim::rng::stream_seed;
use crate::sim::time::SimTime;
use crate::stats::wilson::{Proportion, wilson};
use crate::sweep::pool::run_jobs;

/// A scenario a forecast runs: the snapshot's own, or a variant of it.
pub struct Variant {
    /// Its name (`base` for the snapshot's scenario unchanged).
    pub name: String,
    /// The validated scenario.
    pub scenario: Scenario,
    /// True when overrides changed it (its staffing applies from the snapshot's time).
    pub changed: bool,
}

/// What to forecast.
pub struct Forecast<'a> {
    /// The snapshot, and its file name for errors.
    pub snapshot: (&'a Snapshot, &'a str),
    /// The scenarios to run.
    pub variants: &'a [Variant],
    /// How far past the snapshot.
    pub horizon: SimTime,
    /// Replications per variant.
    pub replications: u32,
    /// Reseed the future of each replication (without: every replication continues the
    /// snapshot's own streams, and reproduces the run that was saved).
    pub reseed: bool,
    /// Worker threads.
    pub workers: usize,
    /// Width of the bins of the wait fan.
    pub bin: SimTime,
}

/// The probability that one service target is met over the forecast window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetChance {
    /// What is measured, e.g. `"wait desk"`.
    pub what: String,
    /// The limit in minutes.
    pub within_min: f64,
    /// The share required within the limit.
    pub required_share: f64,
    /// Replications that met it, with the 95% Wilson interval of the probability.
    pub met: Proportion,
}

/// One variant's forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantForecast {
    /// The variant's name.
    pub name: String,
    /// Each replication's measurements, by replication number.
    pub replications: Vec<Measured>,
    /// The chance of meeting each target.
    pub targets: Vec<TargetChance>,
    /// Per stage, per minute from the snapshot on: queue length over the replications.
    pub queue_fan: Vec<Vec<Option<Band>>>,
    /// Per stage, per bin: mean wait of the services started in it, over the replications.
    pub wait_fan: Vec<Vec<Option<Band>>>,
}

/// A whole forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastResult {
    /// The snapshot's time.
    pub from: SimTime,
    /// The horizon's end.
    pub until: SimTime,
    /// Width of the wait bins.
    pub bin: SimTime,
    /// The seed of each replication's future (`None` without reseeding).
    pub seeds: Vec<Option<u64>>,
    /// Stage names, in the fans' order.
    pub stages: Vec<String>,
    /// Each variant's forecast, in the spec's order.
    pub variants: Vec<VariantForecast>,
}

/// The seed of replication `k`'s future under the snapshot's run seed.
pub fn future_seed(run_seed: u64, k: u32) -> u64 {
    stream_seed(run_seed, &format!("forecast/{k}"))
}

/// Runs the forecast on the worker pool.
pub fn run(forecast: &Forecast) -> Result<ForecastResult, TwinError> {
    let (snapshot, _) = forecast.snapshot;
    let from = snapshot.at();
    let until = from + forecast.horizon;
    let seeds: Vec<Option<u64>> = (0..forecast.replications)
        .map(|k| forecast.reseed.then(|| future_seed(snapshot.seed(), k)))
        .collect();
    let jobs: Vec<(usize, usize)> = (0..forecast.variants.len())
        .flat_map(|v| (0..seeds.len()).map(move |k| (v, k)))
        .collect();
    let mut results: Vec<Vec<Option<Result<Measured, String>>>> = forecast.variants.iter().map(|_| vec![None; seeds.len()]).collect();
    run_jobs(
        &jobs,
        forecast.workers,
        |&(v, k)| {
            let variant = &forecast.variants[v];
            let job = Job {
                snapshot: forecast.snapshot,
                scenario: &variant.scenario,
                variant: variant.changed,
                future_seed: seeds[k],
                until,
                bin: forecast.bin,
            };
            replication::run(&job).map_err(|e| e.to_string())
        },
        |&(v, k), result| results[v][k] = Some(result),
    );
    let mut variants = Vec::new();
    for (variant, runs) in forecast.variants.iter().zip(results) {
        let replications = runs
            .into_iter()
            .enumerate()
            .map(|(k, r)| {
                r.expect("every job reports").map_err(|message| TwinError::Incompatible {
                    file: forecast.snapshot.1.to_string(),
                    scenario: format!("variant \"{}\" (replication {k})", variant.name),
                    message,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        variants.push(summarise(&variant.name, replications));
    }
    Ok(ForecastResult {
        from,
        until,
        bin: forecast.bin,
        seeds,
        stages: forecast.variants[0].scenario.stages.iter().map(|s| s.name.clone()).collect(),
        variants,
    })
}

/// A variant's fans and target chances from its replications.
fn summarise(name: &str, replications: Vec<Measured>) -> VariantForecast {
    let stages = replications.first().map_or(0, |m| m.queue.len());
    let queue_fan = (0..stages)
        .map(|s| {
            let series: Vec<Vec<Option<f64>>> = replications
                .iter()
                .map(|m| m.queue[s].iter().map(|&q| Some(q as f64)).collect())
                .collect();
            fan::fan(&series)
        })
        .collect();
    let wait_fan = (0..stages)
        .map(|s| fan::fan(&replications.iter().map(|m| m.wait_s[s].clone()).collect::<Vec<_>>()))
        .collect();
    let targets = replications.first().map_or_else(Vec::new, |first| {
        (0..first.targets.len())
            .map(|t| {
                let met = replications.iter().filter(|m| m.targets[t].met).count() as u64;
                let target = &first.targets[t];
                TargetChance {
                    what: target.what.clone(),
                    within_min: target.within_min,
                    required_share: target.required_share,
                    met: wilson(met, replications.len() as u64),
                }
            })
            .collect()
    });
    VariantForecast {
        name: name.to_string(),
        replications,
        targets,
        queue_fan,
        wait_fan,
    }
}
