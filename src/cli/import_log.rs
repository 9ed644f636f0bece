//! `porttwin import-log`: a terminal's gate-transaction CSV export → an event log.

use std::path::PathBuf;

use porttwin::eventlog::import::{ImportNames, gate_transactions};

use super::Failure;

/// Arguments of `porttwin import-log`.
#[derive(clap::Args, Debug)]
pub struct ImportLogArgs {
    /// Gate-transaction CSV (columns: transaction, truck, container, move, lane, queued, gate_start, gate_end, gate_out).
    pub csv: PathBuf,
    /// The event log to write (JSON Lines).
    #[arg(long)]
    pub out: PathBuf,
    /// The scenario source the trucks arrive from.
    #[arg(long, default_value = "trucks")]
    pub source: String,
    /// The scenario stage of the gate-in transaction.
    #[arg(long, default_value = "gate")]
    pub stage: String,
    /// The agent type the trucks get (default: drawn from the scenario's mix on replay).
    #[arg(long = "type")]
    pub agent_type: Option<String>,
}

pub fn execute(args: &ImportLogArgs) -> Result<(), Failure> {
    let file = args.csv.display().to_string();
    let text = porttwin::scenario::text_file::read(&args.csv).map_err(|e| Failure::BadInput(format!("cannot read {file}: {e}")))?;
    let names = ImportNames {
        source: args.source.clone(),
        stage: args.stage.clone(),
        agent_type: args.agent_type.clone(),
    };
    let lines = gate_transactions(&text, &file, &names).map_err(|e| Failure::BadInput(e.to_string()))?;
    let mut body = lines.join("\n");
    body.push('\n');
    porttwin::report::output::write_atomic(&args.out, body.as_bytes())
        .map_err(|e| Failure::RunFailed(format!("cannot write {}: {e}", args.out.display())))?;
    println!("wrote {} events to {}", lines.len(), args.out.display());
    Ok(())
}
