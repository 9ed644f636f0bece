//! Time controls: pause, step, speed from 1x to 600x, jump to a time. Each frame the
//! simulation runs whole ticks up to where the clock should be; the frame rate decides only
//! how often the picture is drawn, never what the simulation does.

use std::time::Duration;

use bevy::ecs::prelude::*;
use bevy::time::{Real, Time};

use super::Sim;
use super::driver::SimDriver;
use crate::scenario::incident::replay;
use crate::sim::time::SimTime;

/// Speeds the viewer offers, simulated seconds per wall-clock second.
pub const SPEEDS: [f64; 9] = [1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0];

/// Wall-clock time the simulation may take per frame, so the window stays responsive.
const BUDGET: Duration = Duration::from_millis(40);

/// Where the clock should be, and how it moves.
#[derive(Resource, Debug, Clone)]
pub struct Playback {
    /// Stopped.
    pub paused: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// Simulated time the clock is heading for.
    pub target: SimTime,
    /// Run exactly one tick on the next frame (while paused).
    pub step: bool,
    /// A jump in progress: the clock runs as fast as it can to this time.
    pub jump: Option<SimTime>,
}

impl Playback {
    /// Playing at `speed` (an index into [`SPEEDS`]).
    pub fn new(speed: usize) -> Self {
        Self {
            paused: false,
            speed: speed.min(SPEEDS.len() - 1),
            target: SimTime::ZERO,
            step: false,
            jump: None,
        }
    }

    /// Simulated seconds per wall-clock second.
    pub fn speed_factor(&self) -> f64 {
        SPEEDS[self.speed]
    }

    /// The index of the listed speed closest to `factor`.
    pub fn speed_index(factor: f64) -> usize {
        SPEEDS
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 - factor).abs().total_cmp(&(b.1 - factor).abs()))
            .map_or(0, |(i, _)| i)
    }
}

/// Advances the simulation for this frame.
pub fn advance(mut sim: NonSendMut<Sim>, mut playback: ResMut<Playback>, time: Res<Time<Real>>) {
    if sim.error.is_some() {
        return;
    }
    let now = sim.driver.now();
    if let Some(to) = playback.jump {
        if to < now {
            // The simulation only runs forward: start again, with the incidents staged so far.
            let staged = sim.staged();
            let seed = sim.driver.seed();
            sim.driver = SimDriver::new(&replay(&sim.scenario, &staged), seed);
            sim.replayed = staged;
        }
        match sim.driver.run_until(to, BUDGET) {
            Ok(true) => {
                playback.jump = None;
                playback.target = sim.driver.now();
            }
            Ok(false) => {}
            Err(error) => sim.error = Some(error.to_string()),
        }
        return;
    }
    if playback.paused {
        if std::mem::take(&mut playback.step)
            && let Err(error) = sim.driver.tick()
        {
            sim.error = Some(error.to_string());
        }
        playback.target = sim.driver.now();
        return;
    }
    let dt = SimTime::from_secs_f64(time.delta_secs_f64() * playback.speed_factor());
    // Never fall further behind than a quarter second of wall-clock time's worth.
    let lag_cap = SimTime::from_secs_f64(0.25 * playback.speed_factor());
    playback.target = (playback.target.max(now) + dt).min(now + lag_cap + dt);
    if let Err(error) = sim.driver.run_until(playback.target, BUDGET) {
        sim.error = Some(error.to_string());
    }
}
