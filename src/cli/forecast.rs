//! `porttwin forecast`: replications of the next hours from a snapshot, under variants, with
//! fan charts and the chance of meeting each service target.

use std::path::{Path, PathBuf};

use porttwin::sim::time::{SimTime, parse_span};
use porttwin::twin::forecast::{self, Forecast, Variant, output};
use porttwin::twin::snapshot::file_name;
use porttwin::twin::{ScenarioFile, Snapshot};

use super::run::twin_failure;
use super::{Failure, output_folder};

/// Arguments of `porttwin forecast`.
#[derive(clap::Args, Debug)]
pub struct ForecastArgs {
    /// The snapshot to forecast from (`porttwin run S --snapshot-at TIME`).
    #[arg(long)]
    pub from: PathBuf,
    /// How far ahead, e.g. `2h`, `90min`.
    #[arg(long, value_parser = parse_span)]
    pub horizon: SimTime,
    /// Replications per variant.
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub replications: u32,
    /// A sweep spec whose variants (or grid of factors) to forecast; its `base` must be the
    /// snapshot's scenario. Without it, the scenario as it is.
    #[arg(long)]
    pub variants: Option<PathBuf>,
    /// The scenario file, when it is not where the snapshot says (it must be the same file).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Continue the snapshot's own streams instead of reseeding the future: every replication
    /// then reproduces the run that was saved.
    #[arg(long)]
    pub no_reseed: bool,
    /// Width of the bins of the wait fan charts.
    #[arg(long, default_value = "15min", value_parser = parse_span)]
    pub bin: SimTime,
    /// Worker threads (default: the number of hardware threads).
    #[arg(long)]
    pub workers: Option<usize>,
    /// Output folder (default: reports/<scenario name>/forecast-<time>/).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print nothing but errors (files are still written).
    #[arg(long, short)]
    pub quiet: bool,
}

/// The variants to run: the spec's, each checked against the snapshot's scenario, or the
/// scenario unchanged.
fn variants(spec: Option<&Path>, scenario_path: &Path, snapshot: &Snapshot, snapshot_name: &str) -> Result<Vec<Variant>, Failure> {
    let Some(spec) = spec else {
        let scenario = porttwin::scenario::load(scenario_path).map_err(|e| Failure::BadInput(e.to_string()))?;
        return Ok(vec![Variant {
            name: "base".into(),
            scenario,
            changed: false,
        }]);
    };
    let spec = porttwin::sweep::spec::load(spec).map_err(super::sweep::failure)?;
    let base = ScenarioFile::of(&spec.base_file, &spec.base_text);
    snapshot.check_scenario(&base, snapshot_name).map_err(twin_failure)?;
    spec.variants
        .iter()
        .map(|v| {
            let scenario =
                porttwin::sweep::overrides::apply(&spec.base_text, &spec.base_file, &v.name, &v.overrides).map_err(|problems| {
                    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
                    Failure::BadInput(format!("variant \"{}\":\n{}", v.name, lines.join("\n")))
                })?;
            Ok(Variant {
                name: v.name.clone(),
                scenario,
                changed: !v.overrides.is_empty(),
            })
        })
        .collect()
}

pub fn execute(args: &ForecastArgs) -> Result<(), Failure> {
    let snapshot = Snapshot::read(&args.from).map_err(twin_failure)?;
    let snapshot_name = args.from.display().to_string();
    let scenario_path = args.scenario.clone().unwrap_or_else(|| PathBuf::from(&snapshot.envelope.scenario));
    let file =
        ScenarioFile::read(&scenario_path).map_err(|e| Failure::BadInput(format!("cannot read {}: {e}", scenario_path.display())))?;
    snapshot.check_scenario(&file, &snapshot_name).map_err(twin_failure)?;
    let variants = variants(args.variants.as_deref(), &scenario_path, &snapshot, &snapshot_name)?;
    let out = args.out.clone().unwrap_or_else(|| {
        let stem = file_name(snapshot.at()).replace("snapshot-", "forecast-").replace(".snap", "");
        PathBuf::from("reports").join(&snapshot.envelope.scenario_name).join(stem)
    });
    let _lock = output_folder::prepare(&out)?;
    let workers = args
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let plan = Forecast {
        snapshot: (&snapshot, &snapshot_name),
        variants: &variants,
        horizon: args.horizon,
        replications: args.replications,
        reseed: !args.no_reseed,
        workers,
        bin: args.bin,
    };
    let result = forecast::run(&plan).map_err(twin_failure)?;
    let written = output::write(&result, &out, &file.path, &snapshot_name)
        .map_err(|e| Failure::RunFailed(format!("cannot write the forecast to {}: {e}", out.display())))?;
    if !args.quiet {
        let mut text = output::table(&result);
        for path in written {
            text.push_str(&format!("wrote {}\n", path.display()));
        }
        print!("{text}");
    }
    Ok(())
}
