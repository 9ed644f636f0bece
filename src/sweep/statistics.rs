//! Per-variant KPI estimates and paired comparisons with the baseline, as `summary.csv` and `paired.csv`.

use super::plan::PlanFile;
use super::rows::{RunRow, Status};
use crate::stats::{Estimate, paired};

/// A KPI's estimate for one variant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KpiEstimate {
    /// Variant index.
    pub variant: usize,
    /// KPI index.
    pub kpi: usize,
    /// Mean and 95% CI over the variant's successful replications.
    pub estimate: Estimate,
}

/// A variant minus the baseline, replication by replication (common random numbers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    /// Variant index.
    pub variant: usize,
    /// KPI index.
    pub kpi: usize,
    /// Mean difference and its 95% CI.
    pub difference: Estimate,
    /// The KPI takes one value in every replication of both variants (officer-hours of a
    /// staffing variant, say): the variant sets it, chance does not, so it is no finding.
    pub fixed_by_variant: bool,
}

impl Comparison {
    /// Significant at the 5% level: the CI excludes zero and the KPI is not fixed by the variant.
    pub fn significant(&self) -> bool {
        !self.fixed_by_variant && self.difference.excludes_zero()
    }
}

/// True when there are at least two values and all are equal.
fn constant(values: &[(u32, f64)]) -> bool {
    values.len() >= 2 && values.iter().all(|(_, v)| *v == values[0].1)
}

/// The `(replication, value)` pairs of a KPI for one variant, successful runs only.
pub(super) fn values(file: &PlanFile, rows: &[RunRow], variant: usize, kpi: usize) -> Vec<(u32, f64)> {
    let name = &file.variants[variant].name;
    rows.iter()
        .filter(|r| &r.variant == name && r.status == Status::Ok && !r.kpis[kpi].is_nan())
        .map(|r| (r.replication, r.kpis[kpi]))
        .collect()
}

/// Estimates for every variant and KPI, variant-major.
pub fn estimates(file: &PlanFile, rows: &[RunRow]) -> Vec<KpiEstimate> {
    let mut out = Vec::new();
    for variant in 0..file.variants.len() {
        for kpi in 0..file.kpis.len() {
            let xs: Vec<f64> = values(file, rows, variant, kpi).into_iter().map(|(_, v)| v).collect();
            out.push(KpiEstimate {
                variant,
                kpi,
                estimate: Estimate::of(&xs),
            });
        }
    }
    out
}

/// Every other variant against the baseline, for every KPI.
pub fn comparisons(file: &PlanFile, rows: &[RunRow]) -> Vec<Comparison> {
    let baseline = file.baseline_index();
    let mut out = Vec::new();
    for variant in (0..file.variants.len()).filter(|v| *v != baseline) {
        for kpi in 0..file.kpis.len() {
            let (ours, theirs) = (values(file, rows, variant, kpi), values(file, rows, baseline, kpi));
            out.push(Comparison {
                variant,
                kpi,
                difference: paired(&ours, &theirs),
                fixed_by_variant: constant(&ours) && constant(&theirs),
            });
        }
    }
    out
}

fn number(x: f64) -> String {
    if x.is_finite() { x.to_string() } else { String::new() }
}

fn quote(text: &str) -> String {
    if text.contains([',', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// `summary.csv`: variant, kpi, n, mean, sd, ci95_low, ci95_high, half_width.
pub fn summary_csv(file: &PlanFile, estimates: &[KpiEstimate]) -> String {
    let mut out = String::from("variant,kpi,n,mean,sd,ci95_low,ci95_high,half_width\n");
    for e in estimates {
        let s = e.estimate;
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{}\n",
            quote(&file.variants[e.variant].name),
            quote(&file.kpis[e.kpi]),
            s.n,
            number(s.mean),
            number(s.sd),
            number(s.low()),
            number(s.high()),
            number(s.half_width)
        ));
    }
    out
}

/// `paired.csv`: variant, baseline, kpi, n, mean_difference, ci95_low, ci95_high, significant, fixed_by_variant.
pub fn paired_csv(file: &PlanFile, comparisons: &[Comparison]) -> String {
    let mut out = String::from("variant,baseline,kpi,n,mean_difference,sd_difference,ci95_low,ci95_high,significant,fixed_by_variant\n");
    for c in comparisons {
        let d = c.difference;
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{}\n",
            quote(&file.variants[c.variant].name),
            quote(&file.baseline),
            quote(&file.kpis[c.kpi]),
            d.n,
            number(d.mean),
            number(d.sd),
            number(d.low()),
            number(d.high()),
            c.significant(),
            c.fixed_by_variant
        ));
    }
    out
}
