//! Command-line interface: `run`, `forecast`, `sweep`, `merge`, `report`, `staff`, `live`, `publish`, `import-log`, `calibrate`, `det`, `validate`, `dataset`, `evaluate`, `doctor`, `view`.

mod calibrate;
mod dashboard;
mod dataset;
mod det;
mod doctor;
mod doctor_viewer;
mod evaluate;
mod forecast;
mod groups_table;
mod import_log;
mod live;
mod live_outputs;
mod live_twin;
mod memory_guard;
mod merge;
mod output_folder;
mod progress;
mod publish;
mod report;
mod run;
mod run_log;
mod staff;
mod sweep;
mod table;
mod validate;
mod view;

use std::fmt;
use std::path::PathBuf;
use std::sync::LazyLock;

use clap::{Parser, Subcommand};
use porttwin::domains::domain::ImageDataset;
use porttwin::domains::registry::datasets;

/// porttwin: simulate smart border ports before you build them.
#[derive(Parser, Debug)]
#[command(version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Most memory the command may use, e.g. `8G` (also `PORTTWIN_MAX_MEMORY`; default: the
    /// memory available when it starts). Beyond it the command stops with a clear error.
    #[arg(long, global = true, value_parser = memory_guard::parse_size)]
    max_memory: Option<u64>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a scenario headless, print its KPIs and write its report files.
    Run(RunArgs),
    /// Forecast the next hours from a snapshot: replications under variants, fan charts and
    /// the chance of meeting each service target.
    Forecast(forecast::ForecastArgs),
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
        /// Merge even when planned runs are missing (otherwise exit code 1 and nothing written).
        #[arg(long)]
        allow_partial: bool,
    },
    /// (Re)write the HTML report of a run or sweep folder.
    Report {
        /// Run or sweep folder.
        dir: PathBuf,
    },
    /// Find the fewest servers in a pool that meet a KPI target.
    Staff(staff::StaffArgs),
    /// Fit a scenario's parameters to an observed event log (ABC-SMC; docs/event-log.md#calibration).
    Calibrate(calibrate::CalibrateArgs),
    /// Follow the port live: a twin driven by event-log messages from an MQTT broker (docs/twin.md, "Live").
    Live(live::LiveArgs),
    /// Publish an event log to an MQTT broker, paced by its event times (drives `porttwin live`).
    Publish(publish::PublishArgs),
    /// Convert a terminal's gate-transaction CSV export into an event log (docs/event-log.md).
    ImportLog(import_log::ImportLogArgs),
    /// Check scenario files without running them.
    Validate {
        /// Scenario files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Sweep a face-verification threshold: the DET curve (FRR vs FAR) and its effect on queues.
    Det(det::DetArgs),
    /// Write labelled synthetic scans or declarations for training and for looking at.
    Dataset(DatasetArgs),
    /// Measure a shipped model on freshly generated data, beside the manifest's figures.
    Evaluate(EvaluateArgs),
    /// Show a micro-fidelity run in 3D, or capture its frames (needs `--features viewer`).
    View(view::ViewArgs),
    /// Report the build, the machine, the inference backend and the shipped models.
    Doctor {
        /// Inference backend.
        #[arg(long, value_enum, default_value_t = BackendArg::Auto)]
        backend: BackendArg,
    },
}

/// Which inference backend to use.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum BackendArg {
    /// ONNX Runtime if found (ORT_DYLIB_PATH or a pip-installed onnxruntime), else tract.
    Auto,
    /// ONNX Runtime, or fail.
    Onnxruntime,
    /// The compiled-in tract backend.
    Tract,
}

impl From<BackendArg> for porttwin::detect::BackendChoice {
    fn from(arg: BackendArg) -> Self {
        match arg {
            BackendArg::Auto => porttwin::detect::BackendChoice::Auto,
            BackendArg::Onnxruntime => porttwin::detect::BackendChoice::OnnxRuntime,
            BackendArg::Tract => porttwin::detect::BackendChoice::Tract,
        }
    }
}

/// Arguments of `porttwin evaluate`.
#[derive(clap::Args, Debug)]
pub struct EvaluateArgs {
    /// Model name in models/manifest.ron: xray_container, xray_bag or declaration_risk.
    pub model: String,
    /// Number of fresh items.
    #[arg(long, default_value_t = 4000)]
    pub count: usize,
    /// Seed of the fresh items (pick one the model was not trained or measured on).
    #[arg(long, default_value_t = 303)]
    pub seed: u64,
    /// Inference backend.
    #[arg(long, value_enum, default_value_t = BackendArg::Auto)]
    pub backend: BackendArg,
    /// Also write every item's scores (one CSV row per item, outputs concatenated) to this file.
    #[arg(long)]
    pub scores: Option<PathBuf>,
    /// Print nothing (with --scores).
    #[arg(long, short)]
    pub quiet: bool,
}

/// What `porttwin dataset` generates: a built-in kind, or an image dataset of a domain.
#[derive(Clone, Copy, Debug)]
pub enum DatasetKind {
    /// Container scans (64 x 256): images.npy, labels.csv and objects.csv (boxes of concealed items).
    Container,
    /// Bag scans (64 x 64): images.npy, labels.csv and objects.csv.
    Bag,
    /// Customs declarations: features.npy + labels.csv with the hidden truth.
    Declarations,
    /// A domain's image dataset (images.npy, labels.csv and objects.csv).
    Domain(&'static ImageDataset),
}

/// Every kind `porttwin dataset` takes: the built-in ones, then the domains'.
static DATASET_KINDS: LazyLock<Vec<DatasetKind>> = LazyLock::new(|| {
    let builtin = [DatasetKind::Container, DatasetKind::Bag, DatasetKind::Declarations];
    builtin.into_iter().chain(datasets().map(DatasetKind::Domain)).collect()
});

impl clap::ValueEnum for DatasetKind {
    fn value_variants<'a>() -> &'a [Self] {
        &DATASET_KINDS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let (name, help) = match self {
            DatasetKind::Container => (
                "container",
                "Container scans (64 x 256): images.npy, labels.csv and objects.csv (boxes of concealed items)",
            ),
            DatasetKind::Bag => ("bag", "Bag scans (64 x 64): images.npy, labels.csv and objects.csv"),
            DatasetKind::Declarations => (
                "declarations",
                "Customs declarations: features.npy + labels.csv with the hidden truth",
            ),
            DatasetKind::Domain(d) => (d.name, d.about),
        };
        Some(clap::builder::PossibleValue::new(name).help(help))
    }
}

impl DatasetKind {
    fn name(self) -> &'static str {
        match self {
            DatasetKind::Container => "container",
            DatasetKind::Bag => "bag",
            DatasetKind::Declarations => "declaration",
            DatasetKind::Domain(d) => d.name,
        }
    }
}

/// Arguments of `porttwin dataset`.
#[derive(clap::Args, Debug)]
pub struct DatasetArgs {
    /// What to generate.
    #[arg(value_enum)]
    pub kind: DatasetKind,
    /// Number of samples.
    #[arg(long, default_value_t = 1000)]
    pub count: usize,
    /// Seed: sample i of a seed is always the same.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output folder.
    #[arg(long)]
    pub out: PathBuf,
    /// Also write the first N images as PNG files in OUT/png/ (analyst colours with --physics).
    #[arg(long, default_value_t = 0)]
    pub png: usize,
    /// Container scans from dual-energy physics at a drive-through portal (6/3.5 MV, 5 mm
    /// pixels, real size): high.npy and low.npy (16-bit, -ln T x 4096), labels.csv, objects.csv.
    #[arg(long)]
    pub physics: bool,
    /// With --physics: render what the loop feeds a model with this manifest `input` spec, e.g.
    /// `(pixel_mm: (16.0, 32.0), channels: [High, Low], encoding: Attenuation8(max: 10.0),
    /// tiling: Whole)`, trucks lodged and scanned as in a run: images.npy (uint8, N x channels
    /// x height x width), labels.csv (with density band and concealment site), objects.csv.
    #[arg(long, requires = "physics", requires = "input_size")]
    pub input: Option<String>,
    /// With --input: the model input's width and height in pixels, e.g. `384x88`.
    #[arg(long, requires = "input")]
    pub input_size: Option<String>,
}

/// Arguments of `porttwin run`.
#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// Scenario file (.ron); with --from, the snapshot's scenario by default.
    #[arg(required_unless_present = "from")]
    pub scenario: Option<PathBuf>,
    /// Save the whole state at these simulated times, e.g. `06:00,12:00`, as
    /// OUT/snapshot-06-00-00.snap … (flow fidelity; see docs/twin.md).
    #[arg(long, value_delimiter = ',', value_parser = porttwin::sim::time::parse_clock)]
    pub snapshot_at: Vec<porttwin::sim::time::SimTime>,
    /// Finish the run saved in this snapshot file instead of starting at time zero.
    #[arg(long, conflicts_with = "seed")]
    pub from: Option<PathBuf>,
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
    /// Event log: write one, or replay one.
    #[command(flatten)]
    pub log: run_log::LogArgs,
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
    let max_memory = match (cli.max_memory, std::env::var("PORTTWIN_MAX_MEMORY")) {
        (Some(bytes), _) => Some(bytes),
        (None, Ok(text)) => Some(memory_guard::parse_size(&text).map_err(|e| Failure::BadInput(format!("PORTTWIN_MAX_MEMORY: {e}")))?),
        (None, Err(_)) => None,
    };
    memory_guard::set_limit(max_memory);
    match cli.command {
        Command::Run(args) => run::execute(&args),
        Command::Forecast(args) => forecast::execute(&args),
        Command::Sweep(args) => sweep::execute(&args),
        Command::Merge { dirs, out, allow_partial } => merge::execute(&dirs, &out, allow_partial),
        Command::Report { dir } => report::execute(&dir),
        Command::Staff(args) => staff::execute(&args),
        Command::ImportLog(args) => import_log::execute(&args),
        Command::Live(args) => live::execute(&args),
        Command::Publish(args) => publish::execute(&args),
        Command::Calibrate(args) => calibrate::execute(&args),
        Command::Validate { files } => validate::execute(&files),
        Command::Det(args) => det::execute(&args),
        Command::Dataset(args) => dataset::execute(&args),
        Command::Evaluate(args) => evaluate::execute(&args),
        Command::Doctor { backend } => doctor::execute(backend.into()),
        Command::View(args) => view::execute(&args),
    }
}
