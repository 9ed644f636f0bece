//! A progress bar over simulated time, drawn only on a terminal and only once a run takes a while.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use porttwin::sim::time::SimTime;

/// Runs shorter than this never show a bar.
const SHOW_AFTER: Duration = Duration::from_millis(500);

/// A bar in simulated seconds with an ETA.
pub struct SimProgress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
}

impl SimProgress {
    /// A bar up to `end`; inert when `quiet` or when stderr is not a terminal.
    pub fn new(end: SimTime, quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(end.0 / 1000), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("sim {msg} [{bar:30}] {percent}%  eta {eta}") {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        Self {
            bar,
            started: Instant::now(),
            shown: false,
        }
    }

    /// Moves the bar to simulated time `now`.
    pub fn update(&mut self, now: SimTime) {
        let Some(bar) = &self.bar else { return };
        if !self.shown && self.started.elapsed() > SHOW_AFTER {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        bar.set_position(now.0 / 1000);
        bar.set_message(now.to_string());
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
