//! A run stepped from outside: the app [`crate::run_headless`] builds, advanced tick by tick or
//! up to a given simulated time, with incidents staged between steps.
//!
//! [`crate::run_headless`] itself drives a [`Stepper`], so a stepped run that stages nothing
//! ends with the headless digest. Stepping up to a time ends the last tick exactly there in
//! flow fidelity (tick boundaries never change a result: series samples are taken as the clock
//! passes each minute); in micro fidelity a tick is one motion step, so the clock stops at the
//! first step at or after the target.

use bevy::app::App;

use crate::eventlog::Log;
use crate::live::Feed;
use crate::metrics::collector::Collector;
use crate::metrics::summary::RunResult;
use crate::run::{RunOptions, Seed, build_app_with, finish_run};
use crate::scenario::Scenario;
use crate::scenario::incident::Incident;
use crate::scenario::model::Fidelity;
use crate::sim::error::RunError;
use crate::sim::network::ProcessNetwork;
use crate::sim::observer::Observer;
use crate::sim::time::SimTime;
use crate::sim::traces::FeedError;
use crate::sim::{Metrics, Network, RunFailure, TickPlan};
use crate::twin::{ScenarioFile, Snapshot, TwinError};

/// A run in progress, advanced by its caller.
pub struct Stepper {
    app: App,
    seed: Seed,
    tick: SimTime,
    micro: bool,
    staged: Vec<Incident>,
}

impl Stepper {
    /// Builds the run's app exactly as [`crate::run_headless`] does.
    pub fn new(scenario: &Scenario, seed: Seed, options: &RunOptions) -> Self {
        Self {
            app: build_app_with(scenario, seed, options),
            seed,
            tick: options.tick,
            micro: scenario.meta.fidelity == Fidelity::Micro,
            staged: Vec::new(),
        }
    }

    /// A run of `scenario` that a live [`Feed`] drives: every source takes the arrivals fed to
    /// it and the pools the fed staffing and breakdowns, as in a forced replay of a log
    /// (`porttwin run --replay LOG --forced`) whose lines come while it runs.
    pub fn live(scenario: &Scenario, seed: Seed, options: &RunOptions) -> Result<Self, FeedError> {
        let empty = Log {
            file: "live feed".into(),
            events: Vec::new(),
            sha256: String::new(),
        };
        let replayed = crate::scenario::replay::replay(scenario, &empty, true).map_err(|_| FeedError::NotLive)?;
        let mut stepper = Self::new(&replayed, seed, options);
        stepper.app.world_mut().resource_mut::<Network>().0.open_traces(seed.0)?;
        Ok(stepper)
    }

    /// Applies what `feed` has released (every event its watermark has passed) and runs up to
    /// its watermark, or to the end of the run once it is closed. Feeding the lines of a log
    /// and closing the feed ends with the digest of the log's offline forced replay.
    pub fn feed(&mut self, feed: &mut Feed) -> Result<(), RunError> {
        let until = feed.release(&mut self.app.world_mut().resource_mut::<Network>().0);
        self.run_until(until)
    }

    /// [`Stepper::feed`], but the run stops at `stop` when the watermark is beyond it (a live
    /// snapshot's time); feeding again goes on to the watermark. Where the run pauses changes
    /// nothing in it.
    pub fn feed_until(&mut self, feed: &mut Feed, stop: SimTime) -> Result<(), RunError> {
        let until = feed.release(&mut self.app.world_mut().resource_mut::<Network>().0);
        self.run_until(until.min(stop))
    }

    /// The process network: queues, pools, agents, the clock (read only).
    pub fn network(&self) -> &ProcessNetwork {
        &self.app.world().resource::<Network>().0
    }

    /// What the run has measured so far (read only).
    pub fn metrics(&self) -> &Collector {
        &self.app.world().resource::<Metrics>().0
    }

    /// Simulated time now.
    pub fn now(&self) -> SimTime {
        self.network().now()
    }

    /// True once the run has reached its end.
    pub fn is_finished(&self) -> bool {
        self.network().is_finished()
    }

    /// Runs one tick (one `app.update()`); nothing once the run has ended.
    pub fn tick(&mut self) -> Result<(), RunError> {
        if self.is_finished() {
            return Ok(());
        }
        self.app.update();
        match self.app.world_mut().resource_mut::<RunFailure>().0.take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Runs ticks until the clock reaches `target` or the run ends. In flow fidelity the last
    /// tick is shortened to end at `target`.
    pub fn run_until(&mut self, target: SimTime) -> Result<(), RunError> {
        while self.now() < target && !self.is_finished() {
            if !self.micro {
                let interval = self.tick.min(target - self.now());
                self.app.world_mut().resource_mut::<TickPlan>().interval = interval;
            }
            let ticked = self.tick();
            if !self.micro {
                self.app.world_mut().resource_mut::<TickPlan>().interval = self.tick;
            }
            ticked?;
        }
        Ok(())
    }

    /// Tells `observer` everything that happens from now on (an event log's writer, a tally);
    /// observing changes nothing in the run. [`run_headless_watched`] closes it at the end.
    pub fn observe(&mut self, observer: Box<dyn Observer>) {
        self.app.world_mut().resource_mut::<Network>().0.observe(observer);
    }

    /// Stages an incident (no earlier than now); returns it with the time it will happen, which
    /// is what a replay lists in the scenario's `incidents`.
    pub fn stage(&mut self, incident: Incident) -> Incident {
        let staged = self.app.world_mut().resource_mut::<Network>().0.stage_incident(incident);
        self.staged.push(staged);
        staged
    }

    /// Incidents staged during this run, in order.
    pub fn staged(&self) -> &[Incident] {
        &self.staged
    }

    /// The run's seed.
    pub fn seed(&self) -> Seed {
        self.seed
    }

    /// The whole state now, as `porttwin run --snapshot-at` writes it; `scenario` is the file
    /// the run's scenario was read from (its name and sha256 go into the envelope). Micro
    /// fidelity cannot be saved yet ([`TwinError::Unsupported`]).
    pub fn snapshot(&self, scenario: &ScenarioFile) -> Result<Snapshot, TwinError> {
        Snapshot::take(&self.app, scenario, self.seed.0)
    }

    /// Puts `snapshot`'s state into this run, freshly built from the snapshot's scenario and
    /// seed (as `porttwin run --from` does); `file` names the snapshot in errors.
    pub fn restore(&mut self, snapshot: &Snapshot, file: &str) -> Result<(), TwinError> {
        snapshot.restore(&mut self.app, file)
    }

    /// Closes the run's measurements and summarises them, as a headless run does at its end.
    pub fn finish(mut self) -> RunResult {
        finish_run(&mut self.app, self.seed)
    }
}

/// Runs a scenario to its end without rendering.
pub fn run_headless(scenario: &Scenario, seed: Seed, options: &RunOptions) -> Result<RunResult, RunError> {
    run_headless_observed(scenario, seed, options, |_, _| {})
}

/// [`run_headless`], calling `on_tick(now, end)` after every tick (for progress bars).
pub fn run_headless_observed(
    scenario: &Scenario,
    seed: Seed,
    options: &RunOptions,
    on_tick: impl FnMut(SimTime, SimTime),
) -> Result<RunResult, RunError> {
    drive(Stepper::new(scenario, seed, options), on_tick)
}

/// [`run_headless_observed`] with `observer` told everything that happens (an event log's
/// writer, a tally); observing changes nothing in the run. The observer's own failure (a log
/// that could not be written) fails the run.
pub fn run_headless_watched(
    scenario: &Scenario,
    seed: Seed,
    options: &RunOptions,
    observer: Box<dyn Observer>,
    on_tick: impl FnMut(SimTime, SimTime),
) -> Result<RunResult, RunError> {
    let mut stepper = Stepper::new(scenario, seed, options);
    stepper.observe(observer);
    drive(stepper, on_tick)
}

/// Steps `stepper` tick by tick to the end of its run, closes its observer and summarises it.
fn drive(mut stepper: Stepper, mut on_tick: impl FnMut(SimTime, SimTime)) -> Result<RunResult, RunError> {
    loop {
        stepper.tick()?;
        let network = stepper.network();
        on_tick(network.now(), network.scenario().meta.duration);
        if network.is_finished() {
            break;
        }
    }
    let observer = stepper.app.world_mut().resource_mut::<Network>().0.take_observer();
    if let Some(mut observer) = observer {
        observer.finish().map_err(RunError::Observer)?;
    }
    Ok(stepper.finish())
}
