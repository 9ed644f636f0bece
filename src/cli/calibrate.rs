//! `porttwin calibrate`: fit a scenario's parameters to an observed event log (ABC-SMC).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use porttwin::calibrate::{CalibrateError, Exchange, calibrate_sharded, load};
use porttwin::sweep::Shard;

use super::{Failure, output_folder};

/// Arguments of `porttwin calibrate`.
#[derive(clap::Args, Debug)]
pub struct CalibrateArgs {
    /// Calibration spec (.ron): base scenario, observed log, parameters with priors, statistics.
    pub spec: PathBuf,
    /// Worker threads (default: the machine's cores).
    #[arg(long)]
    pub workers: Option<usize>,
    /// Output folder for calibration.json and particles.csv (default: reports/calibration/<spec name>/).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Run as shard i of n (0 <= i < n, e.g. `--shard 0/4`; Slurm's `SLURM_ARRAY_TASK_ID`,
    /// Kubernetes' `JOB_COMPLETION_INDEX`): all n run at once, in lockstep through `--exchange`,
    /// and reach the unsharded posterior; shard 0 writes the output folder.
    #[arg(long, requires = "exchange")]
    pub shard: Option<Shard>,
    /// Folder shared by the shards (a network file system on a cluster), one per calibration.
    #[arg(long, requires = "shard")]
    pub exchange: Option<PathBuf>,
    /// Longest a shard waits for the others to publish a batch before it gives up (seconds).
    #[arg(long, default_value_t = 3600)]
    pub wait_s: u64,
    /// Print nothing but errors (files are still written).
    #[arg(long, short)]
    pub quiet: bool,
}

fn failure(error: CalibrateError) -> Failure {
    if error.is_bad_input() {
        Failure::BadInput(error.to_string())
    } else {
        Failure::RunFailed(error.to_string())
    }
}

pub fn execute(args: &CalibrateArgs) -> Result<(), Failure> {
    let spec = load(&args.spec).map_err(failure)?;
    let stem = args
        .spec
        .file_stem()
        .map_or_else(|| "calibration".into(), |s| s.to_string_lossy().into_owned());
    let out = args.out.clone().unwrap_or_else(|| PathBuf::from("reports/calibration").join(stem));
    let writes = args.shard.is_none_or(|s| s.index == 0);
    let _lock = if writes { Some(output_folder::prepare(&out)?) } else { None };
    let exchange = match (args.shard, &args.exchange) {
        (Some(shard), Some(dir)) => Some(Exchange::new(dir, shard, &spec, Duration::from_secs(args.wait_s)).map_err(failure)?),
        _ => None,
    };
    let workers = args
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let started = Instant::now();
    let quiet = args.quiet;
    let calibration = calibrate_sharded(&spec, workers, exchange, |g, summary| {
        if !quiet {
            eprintln!(
                "generation {g}: tolerance {:.3}, {} runs, acceptance {:.0}%",
                summary.epsilon,
                summary.runs,
                100.0 * summary.acceptance
            );
        }
    })
    .map_err(failure)?;
    let seconds = started.elapsed().as_secs_f64();
    if !writes {
        if !quiet {
            print!("{}", calibration.render());
            println!("{seconds:.1} s on {workers} workers; shard 0 writes the output folder");
        }
        return Ok(());
    }
    let cannot = |e: std::io::Error| Failure::RunFailed(format!("cannot write to {}: {e}", out.display()));
    let json = serde_json::to_string_pretty(&calibration).map_err(|e| Failure::RunFailed(e.to_string()))?;
    porttwin::report::output::write_atomic(&out.join("calibration.json"), json.as_bytes()).map_err(cannot)?;
    let mut csv = spec.parameters.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(",");
    csv.push_str(",weight,distance");
    for statistic in &spec.statistics {
        csv.push_str(&format!(",{statistic}"));
    }
    csv.push('\n');
    let population = &calibration.abc.population;
    for (((theta, w), d), stats) in population
        .particles
        .iter()
        .zip(&population.weights)
        .zip(&population.distances)
        .zip(&population.statistics)
    {
        let values: Vec<String> = theta.iter().chain(stats).map(|v| v.to_string()).collect();
        let (params, stats) = values.split_at(theta.len());
        csv.push_str(&format!("{},{w},{d},{}\n", params.join(","), stats.join(",")));
    }
    porttwin::report::output::write_atomic(&out.join("particles.csv"), csv.as_bytes()).map_err(cannot)?;
    if !quiet {
        print!("{}", calibration.render());
        println!("{seconds:.1} s on {workers} workers");
        println!(
            "wrote {}\nwrote {}",
            out.join("calibration.json").display(),
            out.join("particles.csv").display()
        );
    }
    Ok(())
}
