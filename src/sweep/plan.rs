//! The plan of a sweep: validated scenarios per variant, KPIs, seeds, and what `sweep.json` records.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::error::SweepError;
use super::kpi;
use super::overrides::{self, Origin, Override};
use super::spec::SweepSpec;
use crate::scenario::{Diagnostic, Scenario};
use crate::sim::rng::{fnv1a, stream_seed};
use crate::sim::time::SimTime;
use crate::{RunOptions, Seed, run_headless};

/// A variant as `sweep.json` records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    /// Unique name.
    pub name: String,
    /// Overrides of the base scenario.
    pub overrides: Vec<Override>,
}

impl Variant {
    /// The value this variant gives `path`, as RON text (`None`: the base scenario's).
    pub fn value_of(&self, path: &str) -> Option<&str> {
        self.overrides.iter().find(|o| o.path == path).map(|o| o.value.as_str())
    }
}

/// Sequential precision: add replications until a KPI's 95% CI half-width is at most `half_width`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Precision {
    /// Index of the KPI in [`PlanFile::kpis`].
    pub kpi: usize,
    /// Target half-width, in the KPI's unit.
    pub half_width: f64,
    /// Most replications per variant.
    pub max_replications: u32,
}

/// A deterministic slice of a sweep: job `j` belongs to shard `j mod count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// This shard, from 0 (Slurm's `SLURM_ARRAY_TASK_ID`, Kubernetes' `JOB_COMPLETION_INDEX`).
    pub index: u32,
    /// Number of shards.
    pub count: u32,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Shard, String> {
        let parsed = text
            .split_once('/')
            .and_then(|(i, n)| Some((i.trim().parse::<u32>().ok()?, n.trim().parse::<u32>().ok()?)));
        match parsed {
            Some((index, count)) if count > 0 && index < count => Ok(Shard { index, count }),
            _ => Err(format!(
                "`{text}` is not a shard: write i/n with 0 <= i < n, e.g. 0/4 for the first of four"
            )),
        }
    }
}

/// The number sharding gives replication `replication` of variant `variant` in a sweep of `variants` variants.
pub fn job_ordinal(variant: usize, replication: u32, variants: usize) -> u64 {
    replication as u64 * variants as u64 + variant as u64
}

impl Shard {
    /// Whether job number `ordinal` is this shard's.
    pub fn contains(&self, ordinal: u64) -> bool {
        ordinal % self.count as u64 == self.index as u64
    }
}

/// Everything about a sweep that its folder records in `sweep.json`; reports and merges read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanFile {
    /// Version of porttwin that wrote it.
    pub porttwin_version: String,
    /// Sweep name.
    pub name: String,
    /// Base scenario file.
    pub base: String,
    /// Sweep seed.
    pub seed: u64,
    /// Replications per variant before precision rounds.
    pub replications: u32,
    /// Factor paths, for plots.
    pub factors: Vec<String>,
    /// Variants, in order.
    pub variants: Vec<Variant>,
    /// KPI paths, the KPI columns of `runs.csv`.
    pub kpis: Vec<String>,
    /// Variant the others are compared with.
    pub baseline: String,
    /// Sequential precision target.
    pub precision: Option<Precision>,
    /// Hash of everything that decides the runs' results; shards merge only when it matches.
    pub fingerprint: String,
    /// The slice this folder ran, if sharded.
    pub shard: Option<Shard>,
    /// A KPI to minimise subject to targets (not part of the fingerprint: it decides no run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimise: Option<super::choice::Minimise>,
}

impl PlanFile {
    /// Reads `DIR/sweep.json`.
    pub fn read(dir: &Path) -> Result<PlanFile, SweepError> {
        let path = dir.join("sweep.json");
        let text = std::fs::read_to_string(&path).map_err(|e| SweepError::folder(&path, format!("cannot read: {e}")))?;
        serde_json::from_str(&text).map_err(|e| SweepError::folder(&path, format!("not a sweep description: {e}")))
    }

    /// Writes `DIR/sweep.json` atomically.
    pub fn write(&self, dir: &Path) -> Result<(), SweepError> {
        let path = dir.join("sweep.json");
        let json = serde_json::to_vec_pretty(self).map_err(|e| SweepError::write(&path, std::io::Error::other(e)))?;
        crate::report::output::write_atomic(&path, &json).map_err(|e| SweepError::write(&path, e))
    }

    /// The seed of replication `k`, the same for every variant (common random numbers).
    pub fn seed_of(&self, replication: u32) -> u64 {
        stream_seed(self.seed, &format!("replication/{replication}"))
    }

    /// Index of a variant by name.
    pub fn variant_index(&self, name: &str) -> Option<usize> {
        self.variants.iter().position(|v| v.name == name)
    }

    /// Index of the baseline variant.
    pub fn baseline_index(&self) -> usize {
        self.variant_index(&self.baseline).unwrap_or(0)
    }

    /// The header of `runs.csv`.
    pub fn header(&self) -> String {
        super::rows::header(&self.kpis)
    }
}

/// A plan ready to run: the description plus one validated scenario per variant.
#[derive(Debug, Clone)]
pub struct SweepPlan {
    /// What `sweep.json` records.
    pub file: PlanFile,
    /// The scenario of each variant.
    pub scenarios: Vec<Arc<Scenario>>,
}

impl SweepPlan {
    /// Validates every variant and KPI before anything runs; all problems are reported at once.
    pub fn new(spec: &SweepSpec) -> Result<SweepPlan, SweepError> {
        let mut problems: Vec<Diagnostic> = Vec::new();
        let mut scenarios = Vec::new();
        for v in &spec.variants {
            match overrides::apply(&spec.base_text, &spec.base_file, &v.name, &v.overrides) {
                Ok(s) => scenarios.push(Arc::new(s)),
                Err(found) => {
                    for d in found {
                        if !problems.iter().any(|p| (&p.file, p.line, p.column) == (&d.file, d.line, d.column)) {
                            problems.push(d);
                        }
                    }
                }
            }
        }
        if !problems.is_empty() {
            problems.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
            return Err(SweepError::Spec(problems));
        }
        let mut kpis = if spec.kpis.is_empty() {
            kpi::defaults(&scenarios[0])
        } else {
            resolve_kpis(&scenarios[0], &spec.kpis, &spec.kpi_origins)?
        };
        if let Some(m) = &spec.minimise {
            // The minimised KPI and the targets' KPIs are columns too.
            let targets = m.minimise.subject_to.iter().filter_map(|t| super::staffing::Target::parse(t).ok());
            let wanted: Vec<String> = std::iter::once(m.minimise.kpi.clone()).chain(targets.map(|t| t.kpi)).collect();
            for path in resolve_kpis(&scenarios[0], &wanted, &m.origins)? {
                if !kpis.contains(&path) {
                    kpis.push(path);
                }
            }
        }
        let precision = match &spec.precision {
            None => None,
            Some(p) => match kpis.iter().position(|k| *k == p.kpi) {
                Some(kpi) => Some(Precision {
                    kpi,
                    half_width: p.half_width,
                    max_replications: p.max_replications,
                }),
                None => {
                    return Err(SweepError::Spec(vec![at(
                        &p.origin,
                        format!("`{}` is not one of the sweep's KPIs", p.kpi),
                        Some(format!("the KPIs are: {}", kpis.join(", "))),
                    )]));
                }
            },
        };
        let variants: Vec<Variant> = spec
            .variants
            .iter()
            .map(|v| Variant {
                name: v.name.clone(),
                overrides: v.overrides.clone(),
            })
            .collect();
        let mut file = PlanFile {
            porttwin_version: env!("CARGO_PKG_VERSION").to_string(),
            name: spec.name.clone(),
            base: spec.base_file.clone(),
            seed: spec.seed,
            replications: spec.replications,
            factors: spec.factors.clone(),
            baseline: spec.baseline.clone().unwrap_or_else(|| variants[0].name.clone()),
            variants,
            kpis,
            precision,
            fingerprint: String::new(),
            shard: None,
            minimise: spec.minimise.as_ref().map(|m| m.minimise.clone()),
        };
        file.fingerprint = fingerprint(&file, &spec.base_text);
        Ok(SweepPlan { file, scenarios })
    }
}

/// What decides the results: the base text, seed, replications, variants, KPIs and precision.
fn fingerprint(file: &PlanFile, base_text: &str) -> String {
    let decisive = serde_json::json!({
        "base_text": base_text,
        "seed": file.seed,
        "replications": file.replications,
        "variants": file.variants,
        "kpis": file.kpis,
        "precision": file.precision,
    });
    format!("{:016x}", fnv1a(decisive.to_string().as_bytes()))
}

fn at(origin: &Origin, message: String, hint: Option<String>) -> Diagnostic {
    Diagnostic {
        file: origin.file.clone(),
        line: origin.line,
        column: origin.column,
        path: origin.path.clone(),
        message,
        hint,
    }
}

/// Checks KPI paths against the summary of a one-second probe run of the scenario, and replaces
/// each wildcard path (`groups.batch.*.wait_s.p95`) by the paths it stands for.
fn resolve_kpis(scenario: &Scenario, kpis: &[String], origins: &[Origin]) -> Result<Vec<String>, SweepError> {
    let mut probe = scenario.clone();
    probe.meta.duration = SimTime(1000);
    probe.meta.drain = false;
    let Ok(result) = run_headless(&probe, Seed(0), &RunOptions::default()) else {
        return Ok(kpis.to_vec());
    };
    let json = serde_json::to_value(&result.summary).unwrap_or_default();
    let mut resolved = Vec::new();
    let mut problems = Vec::new();
    for (k, origin) in kpis.iter().zip(origins) {
        let paths =
            kpi::expand(&json, k).and_then(|paths| paths.iter().try_for_each(|p| kpi::lookup(&json, p).map(|_| ())).map(|()| paths));
        match paths {
            Ok(paths) => resolved.extend(paths),
            Err(hint) => problems.push(at(origin, format!("`{k}` is not a number in a run's summary.json"), Some(hint))),
        }
    }
    if problems.is_empty() {
        Ok(resolved)
    } else {
        Err(SweepError::Spec(problems))
    }
}
