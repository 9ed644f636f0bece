//! `porttwin run`: one headless run, its KPI table and its files.

use std::path::PathBuf;

use porttwin::{RunOptions, Seed, run_headless_observed};

use super::progress::SimProgress;
use super::{Failure, RunArgs, output_folder, table};

pub fn execute(args: &RunArgs) -> Result<(), Failure> {
    let scenario = porttwin::scenario::load(&args.scenario).map_err(|e| Failure::BadInput(e.to_string()))?;
    let seed = Seed(args.seed.unwrap_or(scenario.meta.seed));
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("reports").join(&scenario.meta.name));
    let _lock = output_folder::prepare(&out)?;
    let mut progress = SimProgress::new(scenario.meta.duration, args.quiet || args.json);
    let result = run_headless_observed(&scenario, seed, &RunOptions::default(), |now, _| progress.update(now));
    progress.finish();
    let result = result.map_err(|e| Failure::RunFailed(e.to_string()))?;
    let cannot = |e: std::io::Error| Failure::RunFailed(format!("cannot write the report to {}: {e}", out.display()));
    let mut written = porttwin::report::write_run(&out, &result).map_err(cannot)?;
    written.push(porttwin::report::run::write(&out).map_err(cannot)?);
    if args.json {
        let json = serde_json::to_string_pretty(&result.summary).map_err(|e| Failure::RunFailed(e.to_string()))?;
        emit(&format!("{json}\n"));
    } else if !args.quiet {
        let mut text = table::render(&result.summary);
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
