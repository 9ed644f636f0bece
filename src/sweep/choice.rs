//! A sweep's answer to "which variant costs least while every target holds?": the spec's
//! `minimise: (kpi: ..., subject_to: [...])`, decided on the per-variant estimates, written
//! as `choice.csv`.

use serde::{Deserialize, Serialize};

use super::kpi;
use super::plan::PlanFile;
use super::rows::RunRow;
use super::staffing::Target;
use super::statistics::{KpiEstimate, values};
use crate::stats::{Estimate, paired};

/// What a sweep minimises and the targets every candidate must meet, as `sweep.json` holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Minimise {
    /// KPI path whose mean is minimised, e.g. `costs.per_day`.
    pub kpi: String,
    /// Targets, `KPI <= VALUE` or `KPI >= VALUE` (wildcards allowed), checked on the 95% CI
    /// of the KPI's mean as `porttwin staff` checks them.
    pub subject_to: Vec<String>,
}

/// One variant against the targets.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Variant index.
    pub variant: usize,
    /// The minimised KPI over its replications.
    pub objective: Estimate,
    /// The targets' KPI paths it misses (empty: it meets every target).
    pub missed: Vec<String>,
}

/// Every variant against the targets, and the one chosen: the lowest mean of the KPI among
/// those meeting every target (the first such on a tie); none when no variant meets them.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// Each variant, in plan order.
    pub candidates: Vec<Candidate>,
    /// Index into `candidates` of the chosen variant.
    pub chosen: Option<usize>,
    /// Each other variant meeting the targets minus the chosen one, replication by replication
    /// (common random numbers), as `(index into candidates, difference)`.
    pub versus: Vec<(usize, Estimate)>,
}

impl Choice {
    /// The variants meeting the targets that the chosen one is not significantly cheaper than
    /// (the paired 95% CI of their difference includes zero): as good a choice on this evidence.
    pub fn ties(&self) -> impl Iterator<Item = &(usize, Estimate)> {
        self.versus.iter().filter(|(_, d)| !d.excludes_zero())
    }
}

/// The choice of a sweep with a `minimise`, from its estimates and its runs (for the paired
/// differences of the objective).
pub fn choose(file: &PlanFile, estimates: &[KpiEstimate], rows: &[RunRow]) -> Option<Choice> {
    let minimise = file.minimise.as_ref()?;
    let targets: Vec<Target> = minimise.subject_to.iter().filter_map(|t| Target::parse(t).ok()).collect();
    let objective = file.kpis.iter().position(|k| *k == minimise.kpi)?;
    let estimate = |variant: usize, k: usize| estimates.iter().find(|e| e.variant == variant && e.kpi == k).map(|e| e.estimate);
    let candidates: Vec<Candidate> = (0..file.variants.len())
        .map(|variant| {
            let mut missed = Vec::new();
            for target in &targets {
                for (k, path) in file.kpis.iter().enumerate().filter(|(_, p)| kpi::matches(&target.kpi, p)) {
                    if !estimate(variant, k).is_some_and(|e| target.holds(&e)) && !missed.contains(path) {
                        missed.push(path.clone());
                    }
                }
            }
            Candidate {
                variant,
                objective: estimate(variant, objective).unwrap_or(Estimate::of(&[])),
                missed,
            }
        })
        .collect();
    let chosen = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.missed.is_empty() && c.objective.mean.is_finite())
        .min_by(|a, b| a.1.objective.mean.total_cmp(&b.1.objective.mean).then(a.0.cmp(&b.0)))
        .map(|(i, _)| i);
    let versus = match chosen {
        Some(best) => {
            let ours = values(file, rows, candidates[best].variant, objective);
            candidates
                .iter()
                .enumerate()
                .filter(|(i, c)| *i != best && c.missed.is_empty())
                .map(|(i, c)| (i, paired(&values(file, rows, c.variant, objective), &ours)))
                .collect()
        }
        None => Vec::new(),
    };
    Some(Choice {
        candidates,
        chosen,
        versus,
    })
}

/// `choice.csv`: one row per variant with its objective, whether it meets the targets, what it
/// misses, and which is chosen.
pub fn csv(file: &PlanFile, choice: &Choice) -> String {
    let mut out = String::from(
        "variant,objective_kpi,mean,ci_half_width,meets_targets,missed,chosen,minus_chosen,minus_chosen_half_width,significantly_dearer\n",
    );
    let kpi = file.minimise.as_ref().map_or("", |m| m.kpi.as_str());
    let number = |x: f64| if x.is_finite() { x.to_string() } else { String::new() };
    for (i, c) in choice.candidates.iter().enumerate() {
        let versus = choice.versus.iter().find(|(v, _)| *v == i).map(|(_, d)| d);
        out.push_str(&format!(
            "\"{}\",{kpi},{},{},{},\"{}\",{},{},{},{}\n",
            file.variants[c.variant].name.replace('"', "\"\""),
            c.objective.mean,
            c.objective.half_width,
            c.missed.is_empty(),
            c.missed.join("; ").replace('"', "\"\""),
            choice.chosen == Some(i),
            versus.map_or(String::new(), |d| number(d.mean)),
            versus.map_or(String::new(), |d| number(d.half_width)),
            versus.map_or(String::new(), |d| (d.excludes_zero() && d.mean > 0.0).to_string()),
        ));
    }
    out
}

/// One sentence for people: the variant chosen, or that none meets the targets.
pub fn sentence(file: &PlanFile, choice: &Choice) -> String {
    let Some(minimise) = &file.minimise else { return String::new() };
    let targets = minimise.subject_to.join(", ");
    let meeting = choice.candidates.iter().filter(|c| c.missed.is_empty()).count();
    match choice.chosen {
        Some(i) => {
            let c = &choice.candidates[i];
            let ties: Vec<String> = choice
                .ties()
                .map(|(v, d)| {
                    let name = &file.variants[choice.candidates[*v].variant].name;
                    format!("\"{name}\" ({:+.2} ± {:.2})", d.mean, d.half_width)
                })
                .collect();
            let evidence = match (ties.is_empty(), choice.versus.is_empty()) {
                (_, true) => String::new(),
                (true, false) => "; significantly cheaper than every other variant meeting them (paired 95% CI)".to_string(),
                (false, false) => format!(
                    "; not significantly cheaper than {} (difference, paired 95% CI): more replications would tell them apart",
                    ties.join(", ")
                ),
            };
            format!(
                "lowest {} meeting every target ({targets}): variant \"{}\", {:.2} ± {:.2} (95% CI); {meeting} of {} variants meet them{evidence}",
                minimise.kpi,
                file.variants[c.variant].name,
                c.objective.mean,
                c.objective.half_width,
                choice.candidates.len()
            )
        }
        None => format!("no variant meets every target ({targets}), so none minimises {}", minimise.kpi),
    }
}
