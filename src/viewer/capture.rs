//! Frame capture without a screen: the simulation runs to each frame's time, the picture
//! settles for a couple of frames, and the window is saved as `frame_00000.png`, ... in the
//! output folder. Run under `xvfb-run` where there is no display.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use bevy::app::AppExit;
use bevy::ecs::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

use super::Sim;
use crate::sim::time::SimTime;

/// Frames rendered before the first capture (pipelines compile, text lays out).
const WARM_UP_FRAMES: u32 = 30;
/// Frames rendered between moving the simulation and saving the picture.
const SETTLE_FRAMES: u32 = 2;

/// Which frames to capture.
#[derive(Debug, Clone)]
pub struct CapturePlan {
    /// Output folder.
    pub dir: PathBuf,
    /// Simulated time of the first frame.
    pub from: SimTime,
    /// Simulated time after which capture stops.
    pub to: SimTime,
    /// Simulated time between frames.
    pub interval: SimTime,
}

impl CapturePlan {
    /// The simulated time of frame `index`, if it is within the plan.
    pub fn frame_time(&self, index: u32) -> Option<SimTime> {
        let at = SimTime(self.from.0 + self.interval.0 * index as u64);
        (at <= self.to).then_some(at)
    }

    /// The file of frame `index`.
    pub fn frame_path(&self, index: u32) -> PathBuf {
        self.dir.join(format!("frame_{index:05}.png"))
    }
}

/// Where a capture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Move the simulation to the next frame's time.
    Advance,
    /// Render this many more frames before the picture is taken.
    Settle(u32),
    /// A picture was asked for; wait until it is saved.
    Saving,
}

/// A capture in progress.
#[derive(Resource)]
pub struct Capture {
    plan: CapturePlan,
    phase: Phase,
    /// Index of the next frame.
    next: u32,
    /// Pictures saved (counted by the screenshot's observer).
    saved: Arc<AtomicU32>,
}

impl Capture {
    /// A capture following `plan`.
    pub fn new(plan: CapturePlan) -> Self {
        Self {
            plan,
            phase: Phase::Advance,
            next: 0,
            saved: Arc::new(AtomicU32::new(0)),
        }
    }
}

/// Moves the simulation to the next frame's time, lets the picture settle, saves it, and
/// exits after the last frame.
pub fn step(mut commands: Commands, mut capture: ResMut<Capture>, mut sim: NonSendMut<Sim>, mut exit: MessageWriter<AppExit>) {
    match capture.phase {
        Phase::Advance => {
            let Some(at) = capture.plan.frame_time(capture.next) else {
                exit.write(AppExit::Success);
                return;
            };
            if let Err(error) = sim.driver.run_until(at, Duration::MAX) {
                sim.error = Some(error.to_string());
                exit.write(AppExit::error());
                return;
            }
            capture.phase = Phase::Settle(if capture.next == 0 { WARM_UP_FRAMES } else { SETTLE_FRAMES });
        }
        Phase::Settle(0) => {
            let path = capture.plan.frame_path(capture.next);
            let saved = Arc::clone(&capture.saved);
            commands
                .spawn(Screenshot::primary_window())
                .observe(save_to_disk(path))
                .observe(move |_: On<ScreenshotCaptured>| {
                    saved.fetch_add(1, Ordering::Release);
                });
            capture.next += 1;
            capture.phase = Phase::Saving;
        }
        Phase::Settle(n) => capture.phase = Phase::Settle(n - 1),
        Phase::Saving => {
            if capture.saved.load(Ordering::Acquire) >= capture.next {
                capture.phase = Phase::Advance;
            }
        }
    }
}
