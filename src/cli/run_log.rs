//! `porttwin run`'s event-log flags: `--emit-log FILE` writes the run's event log;
//! `--replay LOG [--forced]` drives the scenario's sources from a log (and, forced, its
//! staffing and breakdowns) and compares the replay with the log.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use porttwin::eventlog::compare::Comparison;
use porttwin::eventlog::observed::{Observed, Tally, TallyObserver};
use porttwin::eventlog::{Log, LogWriter};
use porttwin::scenario::Scenario;
use porttwin::sim::observer::{Observer, Observers};

use super::Failure;

/// The event-log flags of `porttwin run`.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct LogArgs {
    /// Write the run's event log (JSON Lines, one CloudEvents envelope per line; docs/event-log.md) to FILE.
    #[arg(long, value_name = "FILE")]
    pub emit_log: Option<PathBuf>,
    /// Replay LOG: every source takes the arrivals the log recorded (times, types, attributes);
    /// service, routing and balking stay simulated, and the report compares the replay with the log.
    #[arg(long, value_name = "LOG")]
    pub replay: Option<PathBuf>,
    /// With --replay: also apply the log's staffing, breakdowns and repairs instead of the
    /// rosters and breakdown laws.
    #[arg(long, requires = "replay")]
    pub forced: bool,
}

/// What the flags set up for one run.
pub struct LogRun {
    /// The observer the run needs, if any.
    pub observer: Option<Box<dyn Observer>>,
    log: Option<(Log, Arc<Mutex<Tally>>)>,
    emit: Option<(PathBuf, PathBuf)>,
}

impl LogArgs {
    /// The log `--replay` names, read and checked.
    pub fn read_replay(&self) -> Result<Option<Log>, Failure> {
        self.replay
            .as_deref()
            .map(porttwin::eventlog::read)
            .transpose()
            .map_err(|e| Failure::BadInput(e.to_string()))
    }

    /// The scenario to run (replayed with `replay`, the log `--replay` named, as read by
    /// [`Self::read_replay`]) and what the run needs; `compare`: tally the replay to compare it
    /// with the log (only a run from the start can).
    pub fn prepare(&self, scenario: Scenario, replay: Option<Log>, seed: u64, compare: bool) -> Result<(Scenario, LogRun), Failure> {
        let mut observers: Vec<Box<dyn Observer>> = Vec::new();
        let mut run = LogRun {
            observer: None,
            log: None,
            emit: None,
        };
        let scenario = match replay {
            None => scenario,
            Some(log) => {
                let replayed =
                    porttwin::scenario::replay::replay(&scenario, &log, self.forced).map_err(|e| Failure::BadInput(e.to_string()))?;
                if compare {
                    let (tally, handle) = TallyObserver::new(Arc::new(replayed.clone()));
                    observers.push(Box::new(tally));
                    run.log = Some((log, handle));
                }
                replayed
            }
        };
        if let Some(path) = &self.emit_log {
            let temporary = temporary_name(path);
            let file =
                File::create(&temporary).map_err(|e| Failure::BadInput(format!("cannot write the event log {}: {e}", path.display())))?;
            observers.push(Box::new(LogWriter::new(
                Arc::new(scenario.clone()),
                seed,
                Box::new(BufWriter::new(file)),
            )));
            run.emit = Some((temporary, path.clone()));
        }
        run.observer = match observers.len() {
            0 => None,
            1 => observers.pop(),
            _ => Some(Box::new(Observers(observers))),
        };
        Ok((scenario, run))
    }
}

impl LogRun {
    /// After the run: the written log takes its name (or, if the run failed, is removed), and
    /// a replay's comparison with its log is returned.
    pub fn finish(self, succeeded: bool) -> Result<Option<Comparison>, Failure> {
        if let Some((temporary, path)) = &self.emit {
            if !succeeded {
                let _ = std::fs::remove_file(temporary);
            } else {
                std::fs::rename(temporary, path)
                    .map_err(|e| Failure::RunFailed(format!("cannot write the event log {}: {e}", path.display())))?;
            }
        }
        Ok(self.log.map(|(log, tally)| {
            let simulated = tally.lock().unwrap_or_else(std::sync::PoisonError::into_inner).observed();
            Comparison::new(&Observed::of_log(&log), &simulated)
        }))
    }
}

/// A temporary name beside `path`, renamed to it when the log is complete.
fn temporary_name(path: &Path) -> PathBuf {
    let name = path.file_name().map_or_else(|| "log".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}
