//! Driving a run that takes snapshots, or that starts from one.

use bevy::app::App;

use super::error::TwinError;
use super::snapshot::{ScenarioFile, Snapshot};
use crate::metrics::summary::RunResult;
use crate::run::{RunOptions, Seed, build_app_with, finish_run};
use crate::scenario::Scenario;
use crate::sim::error::RunError;
use crate::sim::observer::Observer;
use crate::sim::time::SimTime;
use crate::sim::{Network, RunFailure, TickPlan};

/// Where a run starts and where it saves its state.
pub struct Plan<'a> {
    /// The scenario file (its name and sha256 go into each snapshot's envelope).
    pub file: &'a ScenarioFile,
    /// Start from this snapshot (of `file`), named `from_file` in errors, instead of time zero.
    pub from: Option<(&'a Snapshot, &'a str)>,
    /// Take a snapshot at each of these times.
    pub snapshot_at: &'a [SimTime],
}

/// Checks that each snapshot time lies after the start and before the scenario's end, sorted.
pub fn check_times(scenario: &Scenario, start: SimTime, times: &[SimTime]) -> Result<Vec<SimTime>, TwinError> {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let end = scenario.meta.duration;
    if !sorted.is_empty() && scenario.meta.fidelity == crate::scenario::model::Fidelity::Micro {
        return Err(TwinError::Unsupported {
            at: sorted[0].to_string(),
            message:
                "a micro-fidelity run cannot be saved yet (its pedestrians and trucks' bodies are not part of a snapshot); see docs/twin.md"
                    .into(),
        });
    }
    if let Some(t) = sorted.iter().find(|t| **t <= start || **t >= end) {
        return Err(TwinError::Time(format!(
            "--snapshot-at {t}: a snapshot time must lie after {start} and before the scenario's end at {end}"
        )));
    }
    Ok(sorted)
}

/// The app of a run of `scenario` with `seed`, from time zero or restored from `from`.
pub fn start(scenario: &Scenario, seed: Seed, options: &RunOptions, from: Option<(&Snapshot, &str)>) -> Result<App, TwinError> {
    let mut app = build_app_with(scenario, seed, options);
    if let Some((snapshot, file)) = from {
        snapshot.restore(&mut app, file)?;
    }
    Ok(app)
}

/// Steps `app` until its clock reaches `until` or the run finishes, in ticks of at most
/// `tick` (the last one shortened to end exactly at `until`); `on_tick(now)` after each.
pub fn advance_to(app: &mut App, until: SimTime, tick: SimTime, on_tick: &mut impl FnMut(SimTime)) -> Result<(), TwinError> {
    loop {
        let network = &app.world().resource::<Network>().0;
        let now = network.now();
        if now >= until || network.is_finished() {
            return Ok(());
        }
        app.world_mut().resource_mut::<TickPlan>().interval = tick.min(until - now);
        app.update();
        let world = app.world_mut();
        if let Some(error) = world.resource_mut::<RunFailure>().0.take() {
            return Err(error.into());
        }
        on_tick(world.resource::<Network>().0.now());
    }
}

/// Runs `scenario` with `seed` to its end as `plan` says, handing each snapshot to
/// `on_snapshot` as it is taken; `on_tick(now)` after each tick (for progress bars). Flow
/// fidelity only when snapshots are taken.
pub fn run(
    scenario: &Scenario,
    seed: Seed,
    options: &RunOptions,
    plan: &Plan,
    on_snapshot: impl FnMut(Snapshot) -> Result<(), TwinError>,
    on_tick: impl FnMut(SimTime),
) -> Result<RunResult, TwinError> {
    run_observed(scenario, seed, options, plan, None, on_snapshot, on_tick)
}

/// [`run`], with `observer` (a replay's tally) told everything that happens from the start or
/// the restored state on, and closed at the end; observing changes nothing in the run.
pub fn run_observed(
    scenario: &Scenario,
    seed: Seed,
    options: &RunOptions,
    plan: &Plan,
    observer: Option<Box<dyn Observer>>,
    mut on_snapshot: impl FnMut(Snapshot) -> Result<(), TwinError>,
    mut on_tick: impl FnMut(SimTime),
) -> Result<RunResult, TwinError> {
    let start_at = plan.from.map_or(SimTime::ZERO, |(s, _)| s.at());
    let times = check_times(scenario, start_at, plan.snapshot_at)?;
    let mut app = start(scenario, seed, options, plan.from)?;
    if let Some(observer) = observer {
        app.world_mut().resource_mut::<Network>().0.observe(observer);
    }
    let tick = app.world().resource::<TickPlan>().interval;
    for at in times {
        advance_to(&mut app, at, tick, &mut on_tick)?;
        if app.world().resource::<Network>().0.now() == at {
            on_snapshot(Snapshot::take(&app, plan.file, seed.0)?)?;
        }
    }
    advance_to(&mut app, SimTime::NEVER, tick, &mut on_tick)?;
    if let Some(mut observer) = app.world_mut().resource_mut::<Network>().0.take_observer() {
        observer.finish().map_err(RunError::Observer)?;
    }
    Ok(finish_run(&mut app, seed))
}
