//! Building a run's Bevy app, and summarising it once it has ended (driving it:
//! [`crate::stepper`]).

use std::sync::Arc;

use bevy::MinimalPlugins;
use bevy::app::{App, PluginGroup, TaskPoolOptions, TaskPoolPlugin, Update};
use bevy::ecs::schedule::SingleThreadedExecutor;

use crate::metrics::collector::Collector;
use crate::metrics::summary::RunResult;
use crate::motion::MotionPlugin;
use crate::scenario::Scenario;
use crate::scenario::model::Fidelity;
use crate::sim::network::ProcessNetwork;
use crate::sim::time::{MS_PER_MIN, SimTime};
use crate::sim::{Metrics, Network, SimPlugin, TickPlan};

/// The seed of a run (the scenario's own, or one given on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seed(pub u64);

/// How a run is driven.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    /// Simulated time per `app.update()`; the event loop runs freely within a tick.
    /// Micro fidelity ignores it: a tick is one motion step (`meta.step_s`), or a skip to the
    /// next event when nothing moves.
    pub tick: SimTime,
    /// Threads of Bevy's task pools (results never depend on it).
    pub threads: Option<usize>,
}

impl Default for RunOptions {
    fn default() -> Self {
        Self {
            tick: SimTime(15 * MS_PER_MIN),
            threads: None,
        }
    }
}

/// Builds the Bevy app of a run: MinimalPlugins plus the simulation plugins (and, in micro
/// fidelity, the [`MotionPlugin`]).
pub fn build_app(scenario: &Scenario, seed: Seed) -> App {
    build_app_with(scenario, seed, &RunOptions::default())
}

/// [`build_app`] with explicit options.
pub fn build_app_with(scenario: &Scenario, seed: Seed, options: &RunOptions) -> App {
    let mut app = App::new();
    let mut plugins = MinimalPlugins.build();
    if let Some(threads) = options.threads {
        plugins = plugins.set(TaskPoolPlugin {
            task_pool_options: TaskPoolOptions::with_num_threads(threads),
        });
    }
    app.add_plugins(plugins);
    app.edit_schedule(Update, |schedule| {
        schedule.set_executor(SingleThreadedExecutor::new());
    });
    let scenario = Arc::new(scenario.clone());
    let mut collector = Collector::new(scenario.stages.len(), scenario.pools.len(), scenario.population.types.len());
    collector.groups = crate::metrics::group_stats::GroupCollector::new(&scenario);
    let micro = scenario.meta.fidelity == Fidelity::Micro;
    let interval = if micro { scenario.meta.step } else { options.tick };
    let domains = crate::domains::start(&scenario, seed.0);
    let network = ProcessNetwork::new(Arc::clone(&scenario), domains, seed.0, &mut collector);
    app.insert_resource(Network(network))
        .insert_resource(Metrics(collector))
        .insert_resource(TickPlan {
            interval,
            until: SimTime::ZERO,
        })
        .add_plugins(SimPlugin);
    if micro {
        app.add_plugins(MotionPlugin { scenario, seed: seed.0 });
    }
    app.finish();
    app.cleanup();
    app
}

/// Closes the measurements of a finished app and summarises them.
pub fn finish_run(app: &mut App, seed: Seed) -> RunResult {
    let world = app.world_mut();
    let Network(network) = world.remove_resource::<Network>().expect("the app has a network");
    let Metrics(mut collector) = world.remove_resource::<Metrics>().expect("the app has metrics");
    collector.finish(network.now());
    let mut result = RunResult::new(&network, collector, seed.0);
    if let Some((micro, density)) = crate::motion::finish(world) {
        result.summary.micro = Some(micro);
        result.density = Some(density);
    }
    result
}
