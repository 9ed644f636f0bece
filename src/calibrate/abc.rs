//! Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC; the population Monte
//! Carlo scheme of Beaumont, Cornuet, Marin and Robert 2009, Biometrika 96(4), as in Toni et al.
//! 2009, J. R. Soc. Interface 6(31)): a population of parameter sets (particles) drawn from
//! the prior is narrowed generation by generation. Each generation keeps the particles whose
//! simulated statistics lie within a tolerance of the observed ones (the previous generation's
//! distance quantile), proposed from the previous population with a Gaussian kernel of twice
//! its weighted variance, and weighted by prior over proposal density.
//!
//! The simulations of a round run as one batch (on the sweep's worker pool); proposals and
//! seeds come from named streams and results are taken in proposal order, so the posterior is
//! the same whatever the number of workers.

use rand::RngExt;
use rand_distr::{Distribution, StandardNormal};
use serde::Serialize;

use super::prior::Prior;
use crate::sim::rng::{mix64, stream, stream_seed};

/// How the sampler runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AbcSettings {
    /// Particles per generation.
    pub particles: usize,
    /// Most generations (the first is the prior's).
    pub generations: usize,
    /// Most simulations in all.
    pub max_runs: usize,
    /// The tolerance of a generation: this quantile of the previous generation's distances.
    pub quantile: f64,
    /// The seed of the proposals and of the simulations' seeds.
    pub seed: u64,
}

/// One simulation to run: parameter values and the run's seed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Job {
    /// Parameter values, in the order of the priors.
    pub theta: Vec<f64>,
    /// The run's seed.
    pub seed: u64,
}

/// What one generation did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenerationSummary {
    /// Its tolerance (infinite for the prior's).
    pub epsilon: f64,
    /// Simulations it ran.
    pub runs: usize,
    /// Share of them accepted.
    pub acceptance: f64,
}

/// The final population.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Population {
    /// Particles (parameter values).
    pub particles: Vec<Vec<f64>>,
    /// Their normalised weights.
    pub weights: Vec<f64>,
    /// Their distances to the observed statistics.
    pub distances: Vec<f64>,
    /// Their simulated statistics.
    pub statistics: Vec<Vec<f64>>,
}

/// What the sampler found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AbcResult {
    /// The final population.
    pub population: Population,
    /// Each generation's tolerance, runs and acceptance.
    pub generations: Vec<GenerationSummary>,
    /// Simulations run in all.
    pub runs: usize,
    /// Each statistic's scale in the distance (its spread among the prior's simulations).
    pub scales: Vec<f64>,
}

/// Runs ABC-SMC: `simulate` runs a batch of jobs (in any order, on any number of workers) and
/// returns each job's statistics in job order; `observed` are the statistics to fit.
pub fn abc_smc(
    priors: &[Prior],
    observed: &[f64],
    settings: &AbcSettings,
    mut simulate: impl FnMut(&[Job]) -> Result<Vec<Vec<f64>>, String>,
    mut on_generation: impl FnMut(usize, &GenerationSummary),
) -> Result<AbcResult, String> {
    let n = settings.particles.max(2);
    let mut proposals = stream(settings.seed, "calibrate/proposals");
    let run_seeds = stream_seed(settings.seed, "calibrate/runs");
    let mut runs = 0usize;
    let next_job = |theta: Vec<f64>, runs: &mut usize| {
        *runs += 1;
        Job {
            theta,
            seed: mix64(run_seeds ^ *runs as u64),
        }
    };

    let jobs: Vec<Job> = (0..n)
        .map(|_| next_job(priors.iter().map(|p| p.sample(&mut proposals)).collect(), &mut runs))
        .collect();
    let statistics = simulate(&jobs)?;
    let scales = scales(&statistics, observed.len());
    let distances: Vec<f64> = statistics.iter().map(|s| distance(s, observed, &scales)).collect();
    let mut population = Population {
        particles: jobs.into_iter().map(|j| j.theta).collect(),
        weights: vec![1.0 / n as f64; n],
        distances,
        statistics,
    };
    let mut generations = vec![GenerationSummary {
        epsilon: f64::INFINITY,
        runs: n,
        acceptance: 1.0,
    }];
    on_generation(0, &generations[0]);

    while generations.len() < settings.generations.max(1) {
        let expected = (n as f64 / generations.last().map_or(1.0, |g| g.acceptance.max(0.01))).ceil() as usize;
        if runs + expected > settings.max_runs {
            break;
        }
        let epsilon = weighted_quantile(&population.distances, &vec![1.0; n], settings.quantile);
        let sigma: Vec<f64> = (0..priors.len())
            .map(|k| {
                let values: Vec<f64> = population.particles.iter().map(|p| p[k]).collect();
                (2.0 * weighted_variance(&values, &population.weights)).sqrt().max(1e-12)
            })
            .collect();
        let mut next = Population {
            particles: Vec::new(),
            weights: Vec::new(),
            distances: Vec::new(),
            statistics: Vec::new(),
        };
        let mut tried = 0usize;
        let mut out_of_budget = false;
        while next.particles.len() < n {
            if runs + n > settings.max_runs {
                out_of_budget = true;
                break;
            }
            let jobs: Vec<Job> = (0..n)
                .map(|_| {
                    let theta = perturb(&population, priors, &sigma, &mut proposals);
                    next_job(theta, &mut runs)
                })
                .collect();
            tried += n;
            let statistics = simulate(&jobs)?;
            for (job, stats) in jobs.into_iter().zip(statistics) {
                let d = distance(&stats, observed, &scales);
                if d <= epsilon && next.particles.len() < n {
                    let proposal_density: f64 = population
                        .particles
                        .iter()
                        .zip(&population.weights)
                        .map(|(p, w)| w * kernel(&job.theta, p, &sigma))
                        .sum();
                    let prior_density: f64 = priors.iter().zip(&job.theta).map(|(pr, x)| pr.density(*x)).product();
                    next.weights.push(prior_density / proposal_density.max(f64::MIN_POSITIVE));
                    next.particles.push(job.theta);
                    next.distances.push(d);
                    next.statistics.push(stats);
                }
            }
        }
        if out_of_budget {
            break;
        }
        let total: f64 = next.weights.iter().sum();
        next.weights.iter_mut().for_each(|w| *w /= total);
        let summary = GenerationSummary {
            epsilon,
            runs: tried,
            acceptance: n as f64 / tried as f64,
        };
        on_generation(generations.len(), &summary);
        generations.push(summary);
        population = next;
    }
    Ok(AbcResult {
        population,
        generations,
        runs,
        scales,
    })
}

/// A particle of `population` drawn by weight and moved by the kernel until it lies within every prior's bounds.
fn perturb(population: &Population, priors: &[Prior], sigma: &[f64], rng: &mut crate::sim::rng::Stream) -> Vec<f64> {
    loop {
        let u: f64 = rng.random();
        let mut cumulative = 0.0;
        let index = population
            .weights
            .iter()
            .position(|w| {
                cumulative += w;
                u < cumulative
            })
            .unwrap_or(population.weights.len() - 1);
        let theta: Vec<f64> = population.particles[index]
            .iter()
            .zip(sigma)
            .map(|(x, s)| {
                let z: f64 = StandardNormal.sample(rng);
                x + s * z
            })
            .collect();
        if priors.iter().zip(&theta).all(|(p, x)| p.contains(*x)) {
            return theta;
        }
    }
}

/// The Gaussian kernel's density (up to a constant) of moving from `from` to `to`.
fn kernel(to: &[f64], from: &[f64], sigma: &[f64]) -> f64 {
    let q: f64 = to.iter().zip(from).zip(sigma).map(|((a, b), s)| ((a - b) / s).powi(2)).sum();
    (-0.5 * q).exp()
}

/// Each statistic's scale: the median absolute deviation of the prior's simulations (times
/// 1.4826, an sd for normal data), or 1 when they do not vary.
fn scales(statistics: &[Vec<f64>], k: usize) -> Vec<f64> {
    (0..k)
        .map(|i| {
            let values: Vec<f64> = statistics.iter().map(|s| s[i]).collect();
            let median = median(&values);
            let deviations: Vec<f64> = values.iter().map(|v| (v - median).abs()).collect();
            let mad = 1.4826 * median_of(deviations);
            if mad > 0.0 && mad.is_finite() { mad } else { 1.0 }
        })
        .collect()
}

fn median(values: &[f64]) -> f64 {
    median_of(values.to_vec())
}

fn median_of(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return 0.0;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        0.5 * (values[n / 2 - 1] + values[n / 2])
    }
}

/// The scaled Euclidean distance between simulated and observed statistics.
pub fn distance(simulated: &[f64], observed: &[f64], scales: &[f64]) -> f64 {
    simulated
        .iter()
        .zip(observed)
        .zip(scales)
        .map(|((s, o), c)| ((s - o) / c).powi(2))
        .sum::<f64>()
        .sqrt()
}

/// The weighted `q`-quantile of `values`.
pub fn weighted_quantile(values: &[f64], weights: &[f64], q: f64) -> f64 {
    let mut pairs: Vec<(f64, f64)> = values.iter().copied().zip(weights.iter().copied()).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = pairs.iter().map(|p| p.1).sum();
    let mut cumulative = 0.0;
    for (v, w) in &pairs {
        cumulative += w;
        if cumulative >= q * total {
            return *v;
        }
    }
    pairs.last().map_or(0.0, |p| p.0)
}

/// The weighted mean of `values`.
pub fn weighted_mean(values: &[f64], weights: &[f64]) -> f64 {
    let total: f64 = weights.iter().sum();
    values.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() / total
}

fn weighted_variance(values: &[f64], weights: &[f64]) -> f64 {
    let mean = weighted_mean(values, weights);
    let total: f64 = weights.iter().sum();
    values.iter().zip(weights).map(|(v, w)| w * (v - mean).powi(2)).sum::<f64>() / total
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mean of 50 unit-normal draws around θ, from the job's seed.
    fn toy(jobs: &[Job]) -> Result<Vec<Vec<f64>>, String> {
        Ok(jobs
            .iter()
            .map(|job| {
                let mut rng = stream(job.seed, "toy");
                let sum: f64 = (0..50)
                    .map(|_| {
                        let z: f64 = StandardNormal.sample(&mut rng);
                        job.theta[0] + z
                    })
                    .sum();
                vec![sum / 50.0]
            })
            .collect())
    }

    #[test]
    fn the_posterior_of_a_normal_mean_centres_on_the_truth_with_the_right_width() {
        let settings = AbcSettings {
            particles: 200,
            generations: 8,
            max_runs: 5000,
            quantile: 0.5,
            seed: 11,
        };
        let observed = toy(&[Job {
            theta: vec![3.7],
            seed: 99,
        }])
        .unwrap()[0]
            .clone();
        let prior = [Prior::Uniform { min: 0.0, max: 10.0 }];
        let result = abc_smc(&prior, &observed, &settings, toy, |_, _| {}).unwrap();
        let values: Vec<f64> = result.population.particles.iter().map(|p| p[0]).collect();
        let mean = weighted_mean(&values, &result.population.weights);
        let sd = weighted_variance(&values, &result.population.weights).sqrt();
        // The exact posterior is N(observed, 1/50): sd 0.141; ABC's tolerance widens it a little.
        assert!((mean - observed[0]).abs() < 0.05, "mean {mean} vs {}", observed[0]);
        assert!(sd > 0.12 && sd < 0.25, "sd {sd}");
        assert!(result.runs <= 5000 && result.generations.len() >= 4, "{:?}", result.generations);
        let again = abc_smc(&prior, &observed, &settings, toy, |_, _| {}).unwrap();
        assert_eq!(again, result, "the same seed gives the same posterior");
    }
}
