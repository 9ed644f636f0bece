//! `porttwin staff`: the fewest servers in a pool that meet a KPI target.

use std::path::PathBuf;

use porttwin::sweep::staffing::{StaffingQuery, search};

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
    /// KPI path in summary.json, e.g. `stages.desk.wait_s.p95`.
    #[arg(long)]
    pub kpi: String,
    /// The KPI's mean must be at most this (upper end of its 95% CI).
    #[arg(long)]
    pub target: f64,
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
}

pub fn execute(args: &StaffArgs) -> Result<(), Failure> {
    if args.replications < 2 || args.min < 1 || args.min > args.max {
        return Err(Failure::BadInput(
            "--replications must be at least 2, and --min between 1 and --max".into(),
        ));
    }
    let base_text = porttwin::scenario::text_file::read(&args.scenario)
        .map_err(|e| Failure::BadInput(format!("{}: cannot read the scenario: {e}", args.scenario.display())))?;
    let query = StaffingQuery {
        base_file: args.scenario.display().to_string(),
        base_text,
        pool: args.pool.clone(),
        kpi: args.kpi.clone(),
        target: args.target,
        range: (args.min, args.max),
        replications: args.replications,
        seed: args.seed,
        workers: args
            .workers
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
    };
    let answer = search(&query).map_err(failure)?;
    println!("{:>8} {:>12} {:>12} {:>7}  meets", "servers", "mean", "95% CI high", "failed");
    for p in &answer.probes {
        println!(
            "{:>8} {:>12.2} {:>12.2} {:>7}  {}",
            p.servers,
            p.estimate.mean,
            p.estimate.high(),
            p.failed,
            if p.meets { "yes" } else { "no" }
        );
    }
    match answer.servers {
        Some(n) => println!("fewest servers at {} meeting {} <= {}: {n}", args.pool, args.kpi, args.target),
        None => println!(
            "even {} servers at {} do not meet {} <= {}",
            args.max, args.pool, args.kpi, args.target
        ),
    }
    Ok(())
}
