//! The twin `porttwin live` drives: the run and its feed, kept in a folder when `--out DIR`
//! or `--resume DIR` is given (journal before acknowledgement, a snapshot every
//! `--snapshot-every`; `porttwin::live::durable`).

use porttwin::live::durable::{Durable, DurableError};
use porttwin::live::{Feed, FeedOptions, Refusal, Taken};
use porttwin::scenario::Scenario;
use porttwin::sim::time::SimTime;
use porttwin::twin::ScenarioFile;
use porttwin::{RunOptions, Seed, Stepper};

use super::Failure;
use super::live::LiveArgs;

fn failure(error: DurableError) -> Failure {
    if error.is_bad_input() {
        Failure::BadInput(error.to_string())
    } else {
        Failure::RunFailed(error.to_string())
    }
}

/// The run, its feed, and the folder it is kept in.
pub struct Twin {
    /// The run.
    pub stepper: Stepper,
    /// Its feed.
    pub feed: Feed,
    durable: Option<Durable>,
}

impl Twin {
    /// A fresh twin of `scenario` (kept in `--out` if given), or the one kept in `--resume`.
    pub fn open(args: &LiveArgs, scenario: &Scenario) -> Result<Twin, Failure> {
        let file = || ScenarioFile::read(&args.scenario).map_err(|e| Failure::BadInput(format!("{}: {e}", args.scenario.display())));
        let every = args.snapshot_every;
        if let Some(dir) = &args.resume {
            let (durable, stepper, feed) = Durable::resume(dir, scenario, file()?, every, &RunOptions::default()).map_err(failure)?;
            eprintln!(
                "porttwin live: resumed {} at {} ({} messages received before)",
                dir.display(),
                stepper.now(),
                feed.report().received
            );
            return Ok(Twin {
                stepper,
                feed,
                durable: Some(durable),
            });
        }
        let seed = Seed(args.seed.unwrap_or(scenario.meta.seed));
        let stepper = Stepper::live(scenario, seed, &RunOptions::default()).map_err(|e| Failure::RunFailed(e.to_string()))?;
        let feed = Feed::new(
            scenario,
            FeedOptions {
                lateness: args.lateness.unwrap_or(SimTime::ZERO),
                max_ahead: args.max_ahead,
                day0: None,
                correct_queues: args.correct_queues,
            },
        );
        let durable = match &args.out {
            Some(dir) => Some(Durable::start(dir, file()?, every, &stepper, &feed).map_err(failure)?),
            None => None,
        };
        Ok(Twin { stepper, feed, durable })
    }

    /// Offers a message (journaled first when the twin is kept in a folder).
    pub fn offer(&mut self, text: &str) -> Result<Taken, Refusal> {
        match &mut self.durable {
            Some(durable) => durable.offer(&mut self.feed, text),
            None => self.feed.offer(text),
        }
    }

    /// A pacer step (journaled first when the twin is kept in a folder).
    pub fn advance_clock(&mut self, at: SimTime) {
        match &mut self.durable {
            Some(durable) => durable.advance_clock(&mut self.feed, at),
            None => self.feed.advance_clock(at),
        }
    }

    /// Puts what was offered on disk; after it, the messages may be acknowledged.
    pub fn commit(&mut self) -> Result<(), Failure> {
        self.durable.as_mut().map_or(Ok(()), |d| d.commit().map_err(failure))
    }

    /// Applies what the watermark has passed and runs up to it, or only up to `stop` when the
    /// watermark is beyond it (writing the snapshots due on the way).
    pub fn step_until(&mut self, stop: SimTime) -> Result<(), Failure> {
        match &mut self.durable {
            Some(durable) => durable.feed_until(&mut self.stepper, &mut self.feed, stop).map_err(failure),
            None => self
                .stepper
                .feed_until(&mut self.feed, stop)
                .map_err(|e| Failure::RunFailed(e.to_string())),
        }
    }
}
