//! Command-line interface: `run`, `sweep`, `merge`, `report`, `staff`, `validate`, `doctor`.

mod det;
mod doctor;
mod merge;
mod progress;
mod report;
mod run;
mod staff;
mod sweep;
mod table;
mod validate;

use std::fmt;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// porttwin: simulate smart border ports before you build them.
#[derive(Parser, Debug)]
#[command(version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a scenario headless, print its KPIs and write its report files.
    Run(RunArgs),
    /// Run a sweep spec: many headless runs on a pool of workers, with statistics and a report.
    Sweep(sweep::SweepArgs),
    /// Combine the folders of a sharded sweep into one.
    Merge {
        /// Shard folders.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Output folder.
        #[arg(long)]
        out: PathBuf,
    },
    /// (Re)write the HTML report of a run or sweep folder.
    Report {
        /// Run or sweep folder.
        dir: PathBuf,
    },
    /// Find the fewest servers in a pool that meet a KPI target.
    Staff(staff::StaffArgs),
    /// Check scenario files without running them.
    Validate {
        /// Scenario files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Report the build, the machine and the optional components found.
    Doctor,
    /// Sweep a face-verification threshold: the DET curve (FRR vs FAR) and its effect on queues.
    Det(det::DetArgs),
}

/// Arguments of `porttwin run`.
#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// Scenario file (.ron).
    pub scenario: PathBuf,
    /// Seed (default: the scenario's `meta.seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Output folder (default: reports/<scenario name>/).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print the summary as JSON on stdout instead of the table.
    #[arg(long)]
    pub json: bool,
    /// Print nothing but errors (files are still written).
    #[arg(long, short)]
    pub quiet: bool,
}

/// Why a command failed, with its exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad input: exit code 2.
    BadInput(String),
    /// The run itself failed: exit code 1.
    RunFailed(String),
}

impl Failure {
    /// The process exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::BadInput(_) => 2,
            Failure::RunFailed(_) => 1,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Failure::BadInput(message) | Failure::RunFailed(message) => write!(f, "error: {message}"),
        }
    }
}

/// Runs the parsed command.
pub fn execute(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Run(args) => run::execute(&args),
        Command::Sweep(args) => sweep::execute(&args),
        Command::Merge { dirs, out } => merge::execute(&dirs, &out),
        Command::Report { dir } => report::execute(&dir),
        Command::Staff(args) => staff::execute(&args),
        Command::Validate { files } => validate::execute(&files),
        Command::Det(args) => det::execute(&args),
        Command::Doctor => {
            doctor::execute();
            Ok(())
        }
    }
}
