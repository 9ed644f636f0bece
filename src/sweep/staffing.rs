//! The staffing search: the fewest servers in a pool that meet every one of several KPI
//! targets, by bisection over sweeps.
//!
//! Each probe is a small sweep of one variant (`facilities.<pool>.servers: n`)
//! with common random numbers; a count meets the targets when every run
//! succeeded and, for every target, the 95% confidence interval of the KPI's
//! mean lies on the right side of the bound (its upper end at or below an
//! upper bound, its lower end at or above a lower one). A target's KPI may
//! hold wildcards (`groups.batch.*.wait_s.p95`: every batch label), each path
//! it stands for must meet the bound. The KPIs are assumed to get no worse
//! with more servers.
//!
//! With a KPI to minimise (`costs.per_day`), every count from the fewest that meets the targets
//! up to the largest is probed too, and the one with the lowest mean of that KPI is the answer
//! (more servers may cost less once travellers' waiting has a price).

use super::error::SweepError;
use super::execute::run_in_memory;
use super::kpi;
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
    /// The targets; all must hold.
    pub targets: Vec<Target>,
    /// Smallest and largest server counts to consider.
    pub range: (u32, u32),
    /// Replications per probe (at least 2).
    pub replications: u32,
    /// Sweep seed.
    pub seed: u64,
    /// Worker threads.
    pub workers: usize,
    /// A KPI whose mean to minimise over the counts that meet the targets (e.g. `costs.per_day`).
    pub minimise: Option<String>,
}

/// A bound on a KPI's mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// At most this (the upper end of the 95% CI).
    AtMost(f64),
    /// At least this (the lower end of the 95% CI).
    AtLeast(f64),
}

/// One target: a KPI path (wildcards allowed) and its bound, e.g. `groups.batch.*.wait_s.p95 <= 600`.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// KPI path in summary.json.
    pub kpi: String,
    /// What its mean must meet.
    pub bound: Bound,
}

impl Target {
    /// Reads `PATH <= VALUE` or `PATH >= VALUE`.
    pub fn parse(text: &str) -> Result<Target, String> {
        let (kpi, value, at_most) = if let Some((k, v)) = text.split_once("<=") {
            (k, v, true)
        } else if let Some((k, v)) = text.split_once(">=") {
            (k, v, false)
        } else {
            return Err(format!(
                "`{text}`: write a target as `KPI <= VALUE` or `KPI >= VALUE`, e.g. `groups.batch.*.wait_s.p95 <= 600`"
            ));
        };
        let value: f64 = value
            .trim()
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| format!("`{text}`: `{}` is not a number", value.trim()))?;
        let kpi = kpi.trim().to_string();
        if kpi.is_empty() {
            return Err(format!("`{text}`: the KPI path is missing"));
        }
        let bound = if at_most { Bound::AtMost(value) } else { Bound::AtLeast(value) };
        Ok(Target { kpi, bound })
    }

    /// Whether `estimate` meets the bound (its 95% CI on the right side).
    pub fn holds(&self, estimate: &Estimate) -> bool {
        self.margin(estimate) >= 0.0
    }

    /// How far `estimate` is inside the bound (negative: outside), relative to the bound.
    fn margin(&self, estimate: &Estimate) -> f64 {
        let (gap, scale) = match self.bound {
            Bound::AtMost(t) => (t - estimate.high(), t),
            Bound::AtLeast(t) => (estimate.low() - t, t),
        };
        if gap.is_nan() {
            f64::NEG_INFINITY
        } else {
            gap / scale.abs().max(1e-9)
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.bound {
            Bound::AtMost(t) => write!(f, "{} <= {t}", self.kpi),
            Bound::AtLeast(t) => write!(f, "{} >= {t}", self.kpi),
        }
    }
}

/// One KPI of a probe against the target it belongs to.
#[derive(Debug, Clone)]
pub struct Check {
    /// The KPI path (a wildcard target's paths each get their own check).
    pub kpi: String,
    /// Index of its target in [`StaffingQuery::targets`].
    pub target: usize,
    /// The KPI over the replications.
    pub estimate: Estimate,
    /// How far inside its bound it is, relative to the bound (negative: outside).
    pub margin: f64,
}

/// One server count tried.
#[derive(Debug, Clone)]
pub struct Probe {
    /// Servers in the pool.
    pub servers: u32,
    /// Every KPI checked, in the sweep's KPI order.
    pub checks: Vec<Check>,
    /// Runs that failed.
    pub failed: usize,
    /// Whether the count meets every target.
    pub meets: bool,
    /// The KPI to minimise over the replications, when the query names one.
    pub objective: Option<Estimate>,
}

impl Probe {
    /// The check nearest to failing (or furthest from holding): the one that decides.
    pub fn binding(&self) -> Option<&Check> {
        self.checks.iter().min_by(|a, b| a.margin.total_cmp(&b.margin))
    }
}

/// The answer: the fewest servers that meet the target (none if even the largest does not), and every probe.
#[derive(Debug, Clone)]
pub struct Staffing {
    /// Fewest servers meeting the target.
    pub servers: Option<u32>,
    /// The count meeting the targets with the lowest mean of the KPI to minimise (when the
    /// query names one and some count meets them).
    pub cheapest: Option<u32>,
    /// Probes in the order they were run.
    pub probes: Vec<Probe>,
}

/// Bisects the server count; every probe is validated like a sweep before it runs.
pub fn search(query: &StaffingQuery) -> Result<Staffing, SweepError> {
    let (mut low, mut high) = query.range;
    let mut probes = Vec::new();
    let top = probe(query, high)?;
    let top_meets = top.meets;
    probes.push(top);
    if !top_meets {
        return Ok(Staffing {
            servers: None,
            cheapest: None,
            probes,
        });
    }
    while low < high {
        let mid = low + (high - low) / 2;
        let p = probe(query, mid)?;
        let meets = p.meets;
        probes.push(p);
        if meets {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    let cheapest = match query.minimise {
        Some(_) => {
            for n in high..=query.range.1 {
                if !probes.iter().any(|p| p.servers == n) {
                    probes.push(probe(query, n)?);
                }
            }
            probes
                .iter()
                .filter(|p| p.meets)
                .filter_map(|p| p.objective.map(|o| (p.servers, o.mean)))
                .filter(|(_, mean)| mean.is_finite())
                .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
                .map(|(n, _)| n)
        }
        None => None,
    };
    Ok(Staffing {
        servers: Some(high),
        cheapest,
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
        kpis: query.targets.iter().map(|t| t.kpi.clone()).chain(query.minimise.clone()).collect(),
        kpi_origins: query
            .targets
            .iter()
            .map(|_| origin("--target"))
            .chain(query.minimise.iter().map(|_| origin("--minimise")))
            .collect(),
        baseline: None,
        precision: None,
        minimise: None,
    };
    let plan = SweepPlan::new(&spec)?;
    let rows = run_in_memory(&plan, query.workers);
    let failed = rows.iter().filter(|r| r.status == Status::Failed).count();
    let mut checks: Vec<Check> = Vec::new();
    let mut objective = None;
    for (k, path) in plan.file.kpis.iter().enumerate() {
        let values: Vec<f64> = rows.iter().filter(|r| r.status == Status::Ok).map(|r| r.kpis[k]).collect();
        let estimate = Estimate::of(&values);
        if query.minimise.as_deref() == Some(path.as_str()) {
            objective = Some(estimate);
        }
        // A path two targets both name (one by name, one by `*`) is one column per target;
        // each target checks each of its paths once.
        let targets = query.targets.iter().enumerate().filter(|(_, t)| kpi::matches(&t.kpi, path));
        for (t, target) in targets {
            if checks.iter().any(|c| c.target == t && c.kpi == *path) {
                continue;
            }
            checks.push(Check {
                kpi: path.clone(),
                target: t,
                estimate,
                margin: target.margin(&estimate),
            });
        }
    }
    let meets = failed == 0 && !checks.is_empty() && checks.iter().all(|c| c.margin >= 0.0);
    Ok(Probe {
        servers,
        checks,
        failed,
        meets,
        objective,
    })
}
