//! `porttwin run`: one headless run, its KPI table and its files; with `--snapshot-at`, the
//! run's state saved at those times; with `--from`, a saved run finished (a replay's snapshot
//! goes on replaying its log).

use std::path::{Path, PathBuf};

use porttwin::eventlog::compare::Comparison;
use porttwin::metrics::RunResult;
use porttwin::twin::drive::{Plan, run_observed as run_with_snapshots};
use porttwin::twin::snapshot::file_name;
use porttwin::twin::{ScenarioFile, Snapshot, TwinError};
use porttwin::{RunOptions, Seed, run_headless_observed, run_headless_watched};

use super::progress::SimProgress;
use super::run_log::LogArgs;
use super::{Failure, RunArgs, output_folder, table};

/// A snapshot error as a command failure (exit code 2 for bad input).
pub fn twin_failure(error: TwinError) -> Failure {
    if error.is_bad_input() {
        Failure::BadInput(error.to_string())
    } else {
        Failure::RunFailed(error.to_string())
    }
}

pub fn execute(args: &RunArgs) -> Result<(), Failure> {
    let from = args.from.as_deref().map(Snapshot::read).transpose().map_err(twin_failure)?;
    let path = match (&args.scenario, &from) {
        (Some(path), _) => path.clone(),
        (None, Some(snapshot)) => PathBuf::from(&snapshot.envelope.scenario),
        (None, None) => return Err(Failure::BadInput("give a scenario file, or a snapshot with --from".into())),
    };
    let scenario = porttwin::scenario::load(&path).map_err(|e| Failure::BadInput(e.to_string()))?;
    let log = log_flags(args, from.as_ref());
    if from.is_some() && log.emit_log.is_some() {
        return Err(Failure::BadInput(
            "--emit-log cannot be combined with --from: an event log is written by a run from its start (the snapshot does not hold the log writer's state); add --emit-log to the run that takes the snapshots".into(),
        ));
    }
    let from_name = args.from.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
    let mut file = ScenarioFile::read(&path).map_err(|e| Failure::BadInput(format!("cannot read {}: {e}", path.display())))?;
    let replayed = log.read_replay().map_err(|e| match e {
        Failure::BadInput(message) if from.is_some() && args.log.replay.is_none() => {
            Failure::BadInput(format!("{message} (the snapshot {from_name} is of a replay of this log)"))
        }
        e => e,
    })?;
    if let Some(replayed) = &replayed {
        file = file.replayed(replayed, log.forced);
    }
    if let Some(snapshot) = &from {
        snapshot.check_scenario(&file, &from_name).map_err(twin_failure)?;
    }
    let seed = Seed(from.as_ref().map_or(args.seed.unwrap_or(scenario.meta.seed), Snapshot::seed));
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("reports").join(&scenario.meta.name));
    let _lock = output_folder::prepare(&out)?;
    let snapshotting = from.is_some() || !args.snapshot_at.is_empty();
    let (scenario, mut log_run) = log.prepare(scenario, replayed, seed.0, from.is_none())?;
    let mut progress = SimProgress::new(scenario.meta.duration, args.quiet || args.json);
    let mut snapshots = Vec::new();
    let result = if !snapshotting {
        let on_tick = |now, _| progress.update(now);
        let result = match log_run.observer.take() {
            Some(observer) => run_headless_watched(&scenario, seed, &RunOptions::default(), observer, on_tick),
            None => run_headless_observed(&scenario, seed, &RunOptions::default(), on_tick),
        };
        let comparison = log_run.finish(result.is_ok())?;
        result.map(|r| (r, comparison)).map_err(|e| Failure::RunFailed(e.to_string()))
    } else {
        let plan = Plan {
            file: &file,
            from: from.as_ref().map(|s| (s, from_name.as_str())),
            snapshot_at: &args.snapshot_at,
        };
        let save = |snapshot: Snapshot| -> Result<(), TwinError> {
            let path = out.join(file_name(snapshot.at()));
            snapshot.write(&path)?;
            snapshots.push(path);
            Ok(())
        };
        let result = run_with_snapshots(
            &scenario,
            seed,
            &RunOptions::default(),
            &plan,
            log_run.observer.take(),
            save,
            |now| progress.update(now),
        );
        let comparison = log_run.finish(result.is_ok())?;
        result.map(|r| (r, comparison)).map_err(twin_failure)
    };
    progress.finish();
    let (result, comparison) = result?;
    report(args, &out, &result, snapshots, comparison.as_ref())
}

/// The run's event-log flags; a run resumed from a snapshot of a replay goes on replaying the
/// log the snapshot names, unless `--replay` names one (which must then be the same log).
fn log_flags(args: &RunArgs, from: Option<&Snapshot>) -> LogArgs {
    let mut log = args.log.clone();
    if let Some(replay) = from.and_then(|s| s.envelope.replay.as_ref())
        && log.replay.is_none()
    {
        log.replay = Some(PathBuf::from(&replay.log));
        log.forced = replay.forced;
    }
    log
}

/// Writes a finished run's files (a replay's comparison with its log among them) and prints
/// its table (or JSON).
fn report(
    args: &RunArgs,
    out: &Path,
    result: &RunResult,
    mut written: Vec<PathBuf>,
    comparison: Option<&Comparison>,
) -> Result<(), Failure> {
    let cannot = |e: std::io::Error| Failure::RunFailed(format!("cannot write the report to {}: {e}", out.display()));
    written.extend(porttwin::report::write_run(out, result).map_err(cannot)?);
    written.push(porttwin::report::run::write(out).map_err(cannot)?);
    if let Some(comparison) = comparison {
        let json = serde_json::to_string_pretty(comparison).map_err(|e| Failure::RunFailed(e.to_string()))?;
        let path = out.join("comparison.json");
        porttwin::report::output::write_atomic(&path, json.as_bytes()).map_err(cannot)?;
        written.push(path);
    }
    if let Some(path) = &args.log.emit_log {
        written.push(path.clone());
    }
    if args.json {
        let json = serde_json::to_string_pretty(&result.summary).map_err(|e| Failure::RunFailed(e.to_string()))?;
        emit(&format!("{json}\n"));
    } else if !args.quiet {
        let mut text = table::render(&result.summary);
        if let Some(comparison) = comparison {
            text.push_str(&comparison.render());
        }
        for path in written {
            text.push_str(&format!("wrote {}\n", path.display()));
        }
        emit(&text);
    }
    match result.summary.micro.as_ref().and_then(|m| m.gridlock.as_ref()) {
        Some(gridlock) => Err(Failure::RunFailed(format!(
            "{}; the partial report is in {}",
            gridlock.verdict,
            out.display()
        ))),
        None => Ok(()),
    }
}

/// Prints to stdout; a closed pipe (`porttwin run … | head`) is not an error.
fn emit(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
