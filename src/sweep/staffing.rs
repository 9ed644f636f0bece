//! The staffing search: the fewest servers in a pool that meet a KPI target, by bisection over sweeps.
//!
//! Each probe is a small sweep of one variant (`facilities.<pool>.servers: n`)
//! with common random numbers; a count meets the target when every run
//! succeeded and the upper end of the KPI's 95% confidence interval is at
//! or below the target. The KPI is assumed to get no worse with more servers.

use super::error::SweepError;
use super::execute::run_in_memory;
use super::overrides::{Origin, Override};
use super::plan::SweepPlan;
use super::rows::Status;
use super::spec::{SweepSpec, VariantSpec};
use crate::stats::Estimate;

/// What to search for.
#[derive(Debug, Clone)]
pub struct StaffingQuery {
    /// Base scenario file (for errors).
    pub base_file: String,
    /// Its text.
    pub base_text: String,
    /// Pool whose `servers` is varied.
    pub pool: String,
    /// KPI path, e.g. `stages.desk.wait_s.p95`.
    pub kpi: String,
    /// The KPI's mean must be at most this, with 95% confidence.
    pub target: f64,
    /// Smallest and largest server counts to consider.
    pub range: (u32, u32),
    /// Replications per probe (at least 2).
    pub replications: u32,
    /// Sweep seed.
    pub seed: u64,
    /// Worker threads.
    pub workers: usize,
}

/// One server count tried.
#[derive(Debug, Clone, Copy)]
pub struct Probe {
    /// Servers in the pool.
    pub servers: u32,
    /// The KPI over the replications.
    pub estimate: Estimate,
    /// Runs that failed.
    pub failed: usize,
    /// Whether the count meets the target.
    pub meets: bool,
}

/// The answer: the fewest servers that meet the target (none if even the largest does not), and every probe.
#[derive(Debug, Clone)]
pub struct Staffing {
    /// Fewest servers meeting the target.
    pub servers: Option<u32>,
    /// Probes in the order they were run.
    pub probes: Vec<Probe>,
}

/// Bisects the server count; every probe is validated like a sweep before it runs.
pub fn search(query: &StaffingQuery) -> Result<Staffing, SweepError> {
    let (mut low, mut high) = query.range;
    let mut probes = Vec::new();
    let top = probe(query, high)?;
    probes.push(top);
    if !top.meets {
        return Ok(Staffing { servers: None, probes });
    }
    while low < high {
        let mid = low + (high - low) / 2;
        let p = probe(query, mid)?;
        probes.push(p);
        if p.meets {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    Ok(Staffing {
        servers: Some(high),
        probes,
    })
}

fn probe(query: &StaffingQuery, servers: u32) -> Result<Probe, SweepError> {
    let origin = |path: &str| Origin {
        file: "command line".into(),
        line: 1,
        column: 1,
        path: path.into(),
    };
    let spec = SweepSpec {
        name: "staffing".into(),
        base_file: query.base_file.clone(),
        base_text: query.base_text.clone(),
        seed: query.seed,
        replications: query.replications,
        factors: vec![format!("facilities.{}.servers", query.pool)],
        variants: vec![VariantSpec {
            name: format!("servers={servers}"),
            overrides: vec![Override {
                path: format!("facilities.{}.servers", query.pool),
                value: servers.to_string(),
                origin: origin("--pool"),
            }],
        }],
        kpis: vec![query.kpi.clone()],
        kpi_origins: vec![origin("--kpi")],
        baseline: None,
        precision: None,
    };
    let plan = SweepPlan::new(&spec)?;
    let rows = run_in_memory(&plan, query.workers);
    let failed = rows.iter().filter(|r| r.status == Status::Failed).count();
    let values: Vec<f64> = rows.iter().filter(|r| r.status == Status::Ok).map(|r| r.kpis[0]).collect();
    let estimate = Estimate::of(&values);
    Ok(Probe {
        servers,
        estimate,
        failed,
        meets: failed == 0 && estimate.high() <= query.target,
    })
}
