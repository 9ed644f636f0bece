//! A live run kept in a folder so that a killed twin goes on where it stopped
//! (`porttwin live --out DIR --snapshot-every 10min`, `--resume DIR`): every message and
//! pacer step is journaled before the feed takes it ([`super::journal`]), and every N
//! simulated minutes the whole state — the run's, with its growing traces, and the feed's,
//! with its deduplication set, held events, watermark and counts — is written to
//! `DIR/latest.snap` with its place in the journal. A resumed run restores the snapshot and
//! offers the journal's lines after that place again, in their order: it reaches exactly the
//! state the killed run had, and the broker's redeliveries of what was journaled but not yet
//! acknowledged are dropped as duplicates (docs/twin.md, "A killed twin").

use std::path::{Path, PathBuf};

use super::feed::{Feed, Refusal, Taken};
use super::journal::{Entry, Journal, JournalError};
use crate::run::{RunOptions, Seed};
use crate::scenario::Scenario;
use crate::sim::error::RunError;
use crate::sim::time::SimTime;
use crate::sim::traces::FeedError;
use crate::stepper::Stepper;
use crate::twin::{ScenarioFile, Snapshot, TwinError};

/// The snapshot's file name in the folder; each one replaces the last.
pub const LATEST: &str = "latest.snap";

/// Why a durable live run cannot go on.
#[derive(Debug, thiserror::Error)]
pub enum DurableError {
    /// The journal.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The snapshot.
    #[error(transparent)]
    Snapshot(#[from] TwinError),
    /// The run.
    #[error(transparent)]
    Run(#[from] RunError),
    /// The live run could not be built.
    #[error(transparent)]
    Feed(#[from] FeedError),
    /// The snapshot in the folder is not a live run's.
    #[error("{file} is not a live run's snapshot (it has no feed state): resume it with `porttwin run --from`")]
    NotLive {
        /// The snapshot.
        file: String,
    },
}

impl DurableError {
    /// True when the folder or its files are at fault (exit code 2), not the run.
    pub fn is_bad_input(&self) -> bool {
        match self {
            DurableError::Journal(JournalError::Io { .. }) | DurableError::Run(_) | DurableError::Feed(_) => false,
            DurableError::Journal(_) | DurableError::NotLive { .. } => true,
            DurableError::Snapshot(e) => e.is_bad_input(),
        }
    }
}

/// A live run's journal and snapshot schedule in its folder.
pub struct Durable {
    dir: PathBuf,
    file: ScenarioFile,
    journal: Journal,
    every: Option<SimTime>,
    next: SimTime,
    /// The last pacer step journaled.
    paced: Option<SimTime>,
}

/// The first multiple of `every` after `now`.
fn after(now: SimTime, every: Option<SimTime>) -> SimTime {
    match every {
        Some(every) if every > SimTime::ZERO => SimTime((now.0 / every.0 + 1) * every.0),
        _ => SimTime::NEVER,
    }
}

impl Durable {
    /// The run kept in `dir` with `journal`, at `now`: its next snapshot is due `every` after
    /// `now`; `paced` is the last pacer step journaled, if any.
    fn kept(dir: &Path, file: ScenarioFile, journal: Journal, every: Option<SimTime>, now: SimTime, paced: Option<SimTime>) -> Durable {
        Durable {
            dir: dir.to_path_buf(),
            file,
            journal,
            every,
            next: after(now, every),
            paced,
        }
    }

    /// A fresh live run kept in `dir`: an empty journal, and a snapshot of the state at the
    /// start, so the folder can be resumed from the first message on. `file` is the
    /// scenario's file, `every` the snapshot interval (none: only the start's).
    pub fn start(dir: &Path, file: ScenarioFile, every: Option<SimTime>, stepper: &Stepper, feed: &Feed) -> Result<Durable, DurableError> {
        let journal = Journal::create(dir)?;
        let mut durable = Durable::kept(dir, file, journal, every, stepper.now(), None);
        durable.write_snapshot(stepper, feed)?;
        Ok(durable)
    }

    /// Goes on with the live run kept in `dir`: restores `dir/latest.snap` (of `scenario`,
    /// read from `file`) and offers the journal's lines after it again. The feed keeps the
    /// options it was saved with.
    pub fn resume(
        dir: &Path,
        scenario: &Scenario,
        file: ScenarioFile,
        every: Option<SimTime>,
        options: &RunOptions,
    ) -> Result<(Durable, Stepper, Feed), DurableError> {
        let path = dir.join(LATEST);
        let name = path.display().to_string();
        let snapshot = Snapshot::read(&path)?;
        snapshot.check_scenario(&file, &name)?;
        let Some((state, mark)) = snapshot.feed() else {
            return Err(DurableError::NotLive { file: name });
        };
        let mut stepper = Stepper::live(scenario, Seed(snapshot.seed()), options)?;
        stepper.restore(&snapshot, &name)?;
        let mut feed = Feed::restored(scenario, state.clone());
        let (journal, tail) = Journal::reopen(dir, mark)?;
        let mut paced = None;
        for entry in tail {
            match entry {
                Entry::Message(text) => {
                    let _ = feed.offer(&text);
                }
                Entry::ClockMs(ms) => {
                    feed.advance_clock(SimTime(ms));
                    paced = Some(SimTime(ms));
                }
            }
        }
        let mut durable = Durable::kept(dir, file, journal, every, stepper.now(), paced);
        durable.feed(&mut stepper, &mut feed)?;
        Ok((durable, stepper, feed))
    }

    /// Journals `text`, then offers it to `feed`.
    pub fn offer(&mut self, feed: &mut Feed, text: &str) -> Result<Taken, Refusal> {
        self.journal.append(&Entry::Message(text.to_string()));
        feed.offer(text)
    }

    /// Journals a pacer step to `at` (when it moves on from the last), then takes it.
    pub fn advance_clock(&mut self, feed: &mut Feed, at: SimTime) {
        if self.paced.is_none_or(|last| at > last) {
            self.journal.append(&Entry::clock(at));
            self.paced = Some(at);
        }
        feed.advance_clock(at);
    }

    /// Puts what was journaled since the last commit on disk: the messages in it may now be
    /// acknowledged to the broker.
    pub fn commit(&mut self) -> Result<(), DurableError> {
        Ok(self.journal.commit()?)
    }

    /// [`Stepper::feed`], stopping at each snapshot time on the way to write the snapshot.
    pub fn feed(&mut self, stepper: &mut Stepper, feed: &mut Feed) -> Result<(), DurableError> {
        self.feed_until(stepper, feed, SimTime::NEVER)
    }

    /// [`Stepper::feed_until`]: as [`Durable::feed`], but the run stops at `stop` when the
    /// watermark is beyond it (a rolling forecast's fork).
    pub fn feed_until(&mut self, stepper: &mut Stepper, feed: &mut Feed, stop: SimTime) -> Result<(), DurableError> {
        loop {
            stepper.feed_until(feed, self.next.min(stop))?;
            if stepper.now() < self.next || stepper.is_finished() {
                return Ok(());
            }
            self.write_snapshot(stepper, feed)?;
            self.next = after(stepper.now(), self.every);
        }
    }

    /// Writes the state now, with the journal's place, to `DIR/latest.snap` (the journal
    /// committed first, so it holds every line the snapshot counts).
    fn write_snapshot(&mut self, stepper: &Stepper, feed: &Feed) -> Result<(), DurableError> {
        self.journal.commit()?;
        let snapshot = stepper.snapshot(&self.file)?.with_feed(feed.save(), self.journal.mark());
        snapshot.write(&self.dir.join(LATEST))?;
        Ok(())
    }
}
