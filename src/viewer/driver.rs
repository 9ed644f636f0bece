//! The simulation the viewer shows: the same app a headless run builds, stepped tick by tick.
//!
//! The viewer never changes how the simulation advances; it only decides how many whole
//! ticks to run before drawing a frame. A tick is exactly the `app.update()` of
//! [`crate::run_headless`], so a viewed run and a headless run of the same scenario and seed
//! go through the same states and end with the same KPIs, whatever the frame rate, pauses,
//! speed changes or jumps.

use std::time::{Duration, Instant};

use bevy::app::App;
use bevy::ecs::world::World;

use crate::metrics::summary::RunResult;
use crate::run::{Seed, build_app, finish_run};
use crate::scenario::Scenario;
use crate::scenario::incident::Incident;
use crate::sim::error::RunError;
use crate::sim::network::ProcessNetwork;
use crate::sim::time::SimTime;
use crate::sim::{Network, RunFailure};

/// A run in progress, driven by the viewer.
pub struct SimDriver {
    app: App,
    seed: Seed,
    staged: Vec<Incident>,
}

impl SimDriver {
    /// Builds the run's app (as [`crate::run_headless`] does) and records journeys for following agents.
    pub fn new(scenario: &Scenario, seed: Seed) -> Self {
        let mut app = build_app(scenario, seed);
        app.world_mut().resource_mut::<Network>().0.record_journeys();
        Self {
            app,
            seed,
            staged: Vec::new(),
        }
    }

    /// The process network (read only).
    pub fn network(&self) -> &ProcessNetwork {
        &self.app.world().resource::<Network>().0
    }

    /// The simulation's world (read only).
    pub fn world(&self) -> &World {
        self.app.world()
    }

    /// Simulated time now.
    pub fn now(&self) -> SimTime {
        self.network().now()
    }

    /// True once the run has reached its end.
    pub fn is_finished(&self) -> bool {
        self.network().is_finished()
    }

    /// Runs one tick, exactly as the headless driver does.
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

    /// Runs whole ticks until the clock reaches `target` or the run ends, for at most `budget`
    /// of wall-clock time (checked between ticks). Returns true when `target` was reached.
    pub fn run_until(&mut self, target: SimTime, budget: Duration) -> Result<bool, RunError> {
        let started = Instant::now();
        while self.now() < target && !self.is_finished() {
            self.tick()?;
            if started.elapsed() >= budget {
                break;
            }
        }
        Ok(self.now() >= target || self.is_finished())
    }

    /// Stages an incident now (a key press); it is kept, with the time it happens, for the replay list.
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

    /// Closes the run's measurements and summarises them, as a headless run does at its end.
    pub fn finish(mut self) -> RunResult {
        finish_run(&mut self.app, self.seed)
    }
}
