//! One replication of a forecast: a variant of the scenario resumed from the snapshot, its
//! future reseeded, run to the horizon while its queues and waits are recorded.

use crate::metrics::collector::Collector;
use crate::metrics::group_stats::TRAVELLERS;
use crate::metrics::histogram::LogHistogram;
use crate::metrics::targets::{Everyone, TargetOutcome, evaluate};
use crate::run::{RunOptions, Seed};
use crate::scenario::Scenario;
use crate::sim::time::SimTime;
use crate::sim::{Metrics, Network};
use crate::twin::drive::{advance_to, start};
use crate::twin::error::TwinError;
use crate::twin::snapshot::Snapshot;

/// What one replication measured between the snapshot and the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// The run's digest at the horizon (over the whole run, the past included).
    pub digest: String,
    /// Queue length per stage, sampled each minute from the snapshot on (outer index: stage).
    pub queue: Vec<Vec<u32>>,
    /// Mean wait in seconds of the services started in each bin, per stage (`None`: none started).
    pub wait_s: Vec<Vec<Option<f64>>>,
    /// The scenario's service-level targets over the agents served or gone after the snapshot.
    pub targets: Vec<TargetOutcome>,
    /// Agents that left the port after the snapshot.
    pub exited: u64,
}

/// How a replication is run.
pub struct Job<'a> {
    /// The snapshot it starts from, and its file name for errors.
    pub snapshot: (&'a Snapshot, &'a str),
    /// The scenario (a variant of the snapshot's, or the snapshot's own).
    pub scenario: &'a Scenario,
    /// True when the scenario is a variant: the state adopts its staffing at once.
    pub variant: bool,
    /// The seed of its future, or `None` to continue the snapshot's streams.
    pub future_seed: Option<u64>,
    /// Where it stops.
    pub until: SimTime,
    /// Width of the bins of the wait series.
    pub bin: SimTime,
}

/// Runs one replication.
pub fn run(job: &Job) -> Result<Measured, TwinError> {
    let (snapshot, file) = job.snapshot;
    let options = RunOptions::default();
    // A live twin's state is handed over to the scenario's own demand, then takes over after
    // the reseeding, so the arrivals and failures it schedules are the replication's own.
    let live = snapshot.is_live();
    let mut app = start(job.scenario, Seed(snapshot.seed()), &options, (!live).then_some((snapshot, file)))?;
    if live {
        snapshot.hand_over(&mut app, file)?;
    }
    {
        let world = app.world_mut();
        let mut metrics = world.remove_resource::<Metrics>().expect("the app has metrics");
        let mut network = world.resource_mut::<Network>();
        if job.variant && !live {
            network.0.adopt_staffing(&mut metrics.0);
        }
        if let Some(seed) = job.future_seed {
            network.0.reseed(seed);
        }
        if live {
            network.0.take_over(&mut metrics.0);
        }
        world.insert_resource(metrics);
    }
    let tick = options.tick;
    let start_at = snapshot.at();
    let at_start = app.world().resource::<Metrics>().0.clone();
    let stages = job.scenario.stages.len();
    let mut wait_s = vec![Vec::new(); stages];
    let mut previous: Vec<(u64, u128)> = at_start.stages.iter().map(|s| (s.wait.count(), s.wait.sum_ms())).collect();
    let mut bin_end = start_at;
    while bin_end < job.until {
        bin_end = (bin_end + job.bin).min(job.until);
        advance_to(&mut app, bin_end, tick, &mut |_| {})?;
        let collector = &app.world().resource::<Metrics>().0;
        for (s, stats) in collector.stages.iter().enumerate() {
            let (count, sum) = (stats.wait.count(), stats.wait.sum_ms());
            let (count0, sum0) = previous[s];
            let mean = (count > count0).then(|| (sum - sum0) as f64 / (count - count0) as f64 / 1000.0);
            wait_s[s].push(mean);
            previous[s] = (count, sum);
        }
        if app.world().resource::<Network>().0.is_finished() {
            break;
        }
    }
    let collector = &app.world().resource::<Metrics>().0;
    Ok(measure(job.scenario, &at_start, collector, start_at, wait_s))
}

/// The window's queues and targets from the collectors at the snapshot and at the horizon.
fn measure(scenario: &Scenario, before: &Collector, after: &Collector, start_at: SimTime, wait_s: Vec<Vec<Option<f64>>>) -> Measured {
    let series = &after.series;
    let first = series.time_s.partition_point(|&t| t * 1000 < start_at.0);
    let queue = series.queue.iter().map(|column| column[first..].to_vec()).collect();
    let since = |a: &[LogHistogram], b: &[LogHistogram]| -> Vec<LogHistogram> { a.iter().zip(b).map(|(a, b)| a.since(b)).collect() };
    let waits = since(
        &after.stages.iter().map(|s| s.wait.clone()).collect::<Vec<_>>(),
        &before.stages.iter().map(|s| s.wait.clone()).collect::<Vec<_>>(),
    );
    let by_type = since(&after.time_in_system_by_type, &before.time_in_system_by_type);
    // Without `of`, a target measures the travellers when the port has any (as a run's does).
    let overall = after.time_in_system.since(&before.time_in_system);
    let travellers = match (after.groups.kind(TRAVELLERS), before.groups.kind(TRAVELLERS)) {
        (Some(a), Some(b)) => Some(a.time_in_system.since(&b.time_in_system)),
        _ => None,
    };
    let everyone = match &travellers {
        Some(t) => Everyone {
            name: TRAVELLERS,
            time_in_system: t,
        },
        None => Everyone {
            name: "everyone",
            time_in_system: &overall,
        },
    };
    Measured {
        digest: after.digest.hex(),
        queue,
        wait_s,
        targets: evaluate(scenario, everyone, &by_type, &waits),
        exited: after.exited - before.exited,
    }
}
