//! Running a calibration: each simulation is the base scenario with the parameters set by
//! their field paths, run headless and tallied as its event log would say; ABC-SMC on the
//! sweep's worker pool; the posterior's intervals and the fit.

use std::sync::Arc;

use serde::Serialize;

use super::abc::{AbcResult, AbcSettings, GenerationSummary, Job, abc_smc, weighted_mean, weighted_quantile};
use super::adjust::{Adjusted, Adjustment, local_linear};
use super::error::CalibrateError;
use super::exchange::Exchange;
use super::prior::Prior;
use super::spec::CalibrationSpec;
use super::statistics;
use crate::eventlog::observed::TallyObserver;
use crate::sweep::overrides::apply;
use crate::sweep::pool::run_jobs;
use crate::{RunOptions, Seed, run_headless_watched};

/// What the posterior says of one parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    /// The parameter.
    pub name: String,
    /// Its field path.
    pub path: String,
    /// Its prior.
    pub prior: Prior,
    /// Posterior mean.
    pub mean: f64,
    /// Posterior median.
    pub median: f64,
    /// The 90% interval: the 5% and 95% posterior quantiles.
    pub interval_90: (f64, f64),
}

/// One statistic, observed and as the posterior simulates it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fit {
    /// The statistic.
    pub statistic: String,
    /// Its observed value.
    pub observed: f64,
    /// Its posterior-weighted mean over the final population's runs.
    pub simulated: f64,
}

/// A calibration's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// Per parameter: the posterior (regression-adjusted unless the spec says `None`).
    pub estimates: Vec<Estimate>,
    /// Per parameter, from the final population as accepted (equal to `estimates` when the
    /// spec asks for no adjustment or the regression cannot be fitted).
    pub unadjusted: Vec<Estimate>,
    /// The adjusted particles and weights, when the adjustment was made.
    pub adjusted: Option<Adjusted>,
    /// Per statistic.
    pub fit: Vec<Fit>,
    /// Simulations run.
    pub runs: usize,
    /// The sampler's generations.
    pub generations: Vec<GenerationSummary>,
    /// The final population and the distance's scales.
    pub abc: AbcResult,
}

/// Runs one simulation of `spec` at `job`, returning its statistics.
pub fn simulate(spec: &CalibrationSpec, job: &Job) -> Result<Vec<f64>, String> {
    let overrides: Vec<_> = spec.parameters.iter().zip(&job.theta).map(|(p, v)| p.set(*v)).collect();
    let scenario = apply(&spec.base_text, &spec.base_file, "calibration", &overrides)
        .map_err(|d| d.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))?;
    let (observer, tally) = TallyObserver::new(Arc::new(scenario.clone()));
    run_headless_watched(&scenario, Seed(job.seed), &RunOptions::default(), Box::new(observer), |_, _| {}).map_err(|e| e.to_string())?;
    let observed = tally.lock().unwrap_or_else(std::sync::PoisonError::into_inner).observed();
    Ok(statistics::values(&observed, &spec.statistics))
}

/// Fits `spec` with `workers` threads; `on_generation` hears each finished generation.
pub fn calibrate(
    spec: &CalibrationSpec,
    workers: usize,
    on_generation: impl FnMut(usize, &GenerationSummary),
) -> Result<Calibration, CalibrateError> {
    calibrate_sharded(spec, workers, None, on_generation)
}

/// Fits `spec` as one shard of several (`exchange`, [`super::exchange`]) or alone (`None`):
/// either way the same posterior.
pub fn calibrate_sharded(
    spec: &CalibrationSpec,
    workers: usize,
    mut exchange: Option<Exchange>,
    on_generation: impl FnMut(usize, &GenerationSummary),
) -> Result<Calibration, CalibrateError> {
    let settings = AbcSettings {
        particles: spec.particles,
        generations: spec.generations,
        max_runs: spec.max_runs,
        quantile: spec.quantile,
        seed: spec.seed,
    };
    let priors: Vec<Prior> = spec.parameters.iter().map(|p| p.prior).collect();
    let run_local = |indexed: &[(usize, &Job)]| -> Vec<Result<Vec<f64>, String>> {
        let mut results: Vec<Option<Result<Vec<f64>, String>>> = vec![None; indexed.len()];
        let places: Vec<(usize, &(usize, &Job))> = indexed.iter().enumerate().collect();
        run_jobs(
            &places,
            workers,
            |(_, (_, job))| simulate(spec, job),
            |(k, _), result| results[*k] = Some(result),
        );
        results
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Err("a run did not report".into())))
            .collect()
    };
    let batch = |jobs: &[Job]| -> Result<Vec<Vec<f64>>, String> {
        match exchange.as_mut() {
            Some(exchange) => exchange.batch(jobs, run_local),
            None => run_local(&jobs.iter().enumerate().collect::<Vec<_>>()).into_iter().collect(),
        }
    };
    let abc = abc_smc(&priors, &spec.observed_statistics, &settings, batch, on_generation).map_err(CalibrateError::Run)?;
    let population = &abc.population;
    let adjusted = match spec.adjustment {
        Adjustment::LocalLinear => local_linear(population, &spec.observed_statistics, &abc.scales, &priors),
        Adjustment::None => None,
    };
    let unadjusted = estimates_of(spec, &population.particles, &population.weights);
    let estimates = match &adjusted {
        Some(a) => estimates_of(spec, &a.particles, &a.weights),
        None => unadjusted.clone(),
    };
    let fit = spec
        .statistics
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let values: Vec<f64> = population.statistics.iter().map(|s| s[i]).collect();
            Fit {
                statistic: name.clone(),
                observed: spec.observed_statistics[i],
                simulated: weighted_mean(&values, &population.weights),
            }
        })
        .collect();
    Ok(Calibration {
        estimates,
        unadjusted,
        adjusted,
        fit,
        runs: abc.runs,
        generations: abc.generations.clone(),
        abc,
    })
}

/// Each parameter's posterior summary from weighted particles.
fn estimates_of(spec: &CalibrationSpec, particles: &[Vec<f64>], weights: &[f64]) -> Vec<Estimate> {
    spec.parameters
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let values: Vec<f64> = particles.iter().map(|t| t[k]).collect();
            let q = |q: f64| weighted_quantile(&values, weights, q);
            Estimate {
                name: p.name.clone(),
                path: p.path.clone(),
                prior: p.prior,
                mean: weighted_mean(&values, weights),
                median: q(0.5),
                interval_90: (q(0.05), q(0.95)),
            }
        })
        .collect()
}

impl Calibration {
    /// The outcome as text: the posterior of each parameter, the fit, the runs.
    pub fn render(&self) -> String {
        let mut out = format!("{:<44} {:>12} {:>12} {:>27}\n", "parameter", "mean", "median", "90% interval");
        for e in &self.estimates {
            out.push_str(&format!(
                "{:<44} {:>12.4} {:>12.4} {:>27}\n",
                e.name,
                e.mean,
                e.median,
                format!("{:.4} .. {:.4}", e.interval_90.0, e.interval_90.1)
            ));
        }
        if self.adjusted.is_some() {
            out.push_str("(local-linear regression adjustment, Beaumont, Zhang and Balding 2002; the population as accepted:");
            for e in &self.unadjusted {
                out.push_str(&format!(
                    " {} {:.4} ({:.4} .. {:.4})",
                    e.name, e.mean, e.interval_90.0, e.interval_90.1
                ));
            }
            out.push_str(")\n");
        }
        out.push_str(&format!("\n{:<44} {:>12} {:>12}\n", "statistic", "observed", "simulated"));
        for f in &self.fit {
            out.push_str(&format!("{:<44} {:>12.3} {:>12.3}\n", f.statistic, f.observed, f.simulated));
        }
        let epsilons: Vec<String> = self.generations.iter().skip(1).map(|g| format!("{:.3}", g.epsilon)).collect();
        out.push_str(&format!(
            "\n{} runs in {} generations; tolerances {}\n",
            self.runs,
            self.generations.len(),
            if epsilons.is_empty() { "-".into() } else { epsilons.join(", ") }
        ));
        out
    }
}
