//! `porttwin staff`: the fewest servers in a pool that meet every KPI target given.

use std::path::PathBuf;

use porttwin::sweep::staffing::{Bound, StaffingQuery, Target, search};

use super::Failure;
use super::sweep::failure;

/// Arguments of `porttwin staff`.
#[derive(clap::Args, Debug)]
pub struct StaffArgs {
    /// Base scenario (.ron).
    pub scenario: PathBuf,
    /// Pool whose number of servers is searched.
    #[arg(long)]
    pub pool: String,
    /// KPI path in summary.json, e.g. `stages.desk.wait_s.p95`, for a `--target` given as a number.
    #[arg(long)]
    pub kpi: Option<String>,
    /// A target, repeatable (all must hold): `KPI <= VALUE` or `KPI >= VALUE` (the 95% CI of the
    /// KPI's mean on the right side), e.g. `groups.batch.*.wait_s.p95 <= 600` for every batch; or
    /// a number, the upper bound of `--kpi`.
    #[arg(long, required = true)]
    pub target: Vec<String>,
    /// Smallest server count to consider.
    #[arg(long, default_value_t = 1)]
    pub min: u32,
    /// Largest server count to consider.
    #[arg(long)]
    pub max: u32,
    /// Replications per server count (at least 2).
    #[arg(long, default_value_t = 5)]
    pub replications: u32,
    /// Sweep seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads (default: the number of hardware threads).
    #[arg(long)]
    pub workers: Option<usize>,
    /// A KPI to minimise over the counts that meet every target, e.g. `costs.per_day`
    /// (every count from the fewest meeting them to --max is run).
    #[arg(long)]
    pub minimise: Option<String>,
}

pub fn execute(args: &StaffArgs) -> Result<(), Failure> {
    if args.replications < 2 || args.min < 1 || args.min > args.max {
        return Err(Failure::BadInput(
            "--replications must be at least 2, and --min between 1 and --max".into(),
        ));
    }
    let targets = targets(args)?;
    let base_text = porttwin::scenario::text_file::read(&args.scenario)
        .map_err(|e| Failure::BadInput(format!("{}: cannot read the scenario: {e}", args.scenario.display())))?;
    let query = StaffingQuery {
        base_file: args.scenario.display().to_string(),
        base_text,
        pool: args.pool.clone(),
        targets: targets.clone(),
        range: (args.min, args.max),
        replications: args.replications,
        seed: args.seed,
        workers: args
            .workers
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        minimise: args.minimise.clone(),
    };
    let answer = search(&query).map_err(failure)?;
    println!(
        "{:>8} {:>12} {:>12} {:>7} {:>6}  binding target",
        "servers", "mean", "95% CI", "failed", "meets"
    );
    let mut probes: Vec<_> = answer.probes.iter().collect();
    if args.minimise.is_some() {
        probes.sort_by_key(|p| p.servers);
    }
    for p in probes {
        let Some(binding) = p.binding() else { continue };
        let bound = match targets[binding.target].bound {
            Bound::AtMost(t) => format!("<= {t}"),
            Bound::AtLeast(t) => format!(">= {t}"),
        };
        let edge = match targets[binding.target].bound {
            Bound::AtMost(_) => binding.estimate.high(),
            Bound::AtLeast(_) => binding.estimate.low(),
        };
        let held = p.checks.iter().filter(|c| c.margin >= 0.0).count();
        let objective = match (&args.minimise, p.objective) {
            (Some(kpi), Some(o)) => format!("; {kpi} {:.2} ± {:.2}", o.mean, o.half_width),
            _ => String::new(),
        };
        println!(
            "{:>8} {:>12.2} {:>12.2} {:>7} {:>6}  {} {bound} ({held} of {} met){objective}",
            p.servers,
            binding.estimate.mean,
            edge,
            p.failed,
            if p.meets { "yes" } else { "no" },
            binding.kpi,
            p.checks.len()
        );
    }
    let wanted: Vec<String> = targets.iter().map(Target::to_string).collect();
    match answer.servers {
        Some(n) => println!("fewest servers at {} meeting {}: {n}", args.pool, wanted.join(", ")),
        None => println!("even {} servers at {} do not meet {}", args.max, args.pool, wanted.join(", ")),
    }
    if let (Some(kpi), Some(n)) = (&args.minimise, answer.cheapest) {
        println!("lowest {kpi} at {} meeting them: {n} servers", args.pool);
    }
    Ok(())
}

/// The targets of the command line: `KPI <= VALUE`, `KPI >= VALUE`, or a number bounding `--kpi`.
fn targets(args: &StaffArgs) -> Result<Vec<Target>, Failure> {
    let mut targets = Vec::new();
    for text in &args.target {
        let target = match (text.trim().parse::<f64>(), &args.kpi) {
            (Ok(value), Some(kpi)) => Target {
                kpi: kpi.clone(),
                bound: Bound::AtMost(value),
            },
            (Ok(_), None) => {
                return Err(Failure::BadInput(format!(
                    "--target {text}: a number needs --kpi, or write the target as `KPI <= {text}`"
                )));
            }
            (Err(_), _) => Target::parse(text).map_err(|e| Failure::BadInput(format!("--target {e}")))?,
        };
        targets.push(target);
    }
    if args.kpi.is_some() && !args.target.iter().any(|t| t.trim().parse::<f64>().is_ok()) {
        return Err(Failure::BadInput("--kpi needs a --target that is a number".into()));
    }
    Ok(targets)
}
