//! Local-linear regression adjustment of an ABC population (Beaumont, Zhang and Balding 2002,
//! *Approximate Bayesian computation in population genetics*, Genetics 162(4)): within the
//! tolerance, each parameter is regressed on the particles' statistics (weighted by their
//! importance weight times an Epanechnikov kernel of their distance), and each particle is
//! moved along the fitted line to where its statistics would equal the observed ones,
//! `θᵢ − β·(sᵢ − s_obs)`. What the tolerance leaves of the statistics' mismatch is removed
//! to first order, so a population accepted at a wide tolerance gives a posterior close to
//! one at a narrow tolerance, for far fewer simulations.

use serde::{Deserialize, Serialize};

use super::abc::Population;
use super::prior::Prior;
use crate::stats::linear::solve_augmented;

/// How the final population is turned into the posterior.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Adjustment {
    /// The population as accepted.
    None,
    /// Local-linear regression adjustment (Beaumont, Zhang and Balding 2002).
    #[default]
    LocalLinear,
}

/// The adjusted particles and their weights (normalised).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Adjusted {
    /// Particles moved along the regression, clipped to their priors' bounds.
    pub particles: Vec<Vec<f64>>,
    /// Importance weight times the Epanechnikov kernel of the distance, normalised.
    pub weights: Vec<f64>,
}

/// Adjusts `population` towards `observed` (statistics scaled by `scales`, as in the
/// distance); `None` when the regression cannot be fitted (fewer particles with weight than
/// coefficients, or statistics that do not vary), when the population stays as it is.
pub fn local_linear(population: &Population, observed: &[f64], scales: &[f64], priors: &[Prior]) -> Option<Adjusted> {
    let bandwidth = population.distances.iter().copied().fold(0.0, f64::max) * (1.0 + 1e-9);
    if bandwidth <= 0.0 || !bandwidth.is_finite() {
        return None;
    }
    let kernel_weights: Vec<f64> = population
        .weights
        .iter()
        .zip(&population.distances)
        .map(|(w, d)| w * (1.0 - (d / bandwidth).powi(2)).max(0.0))
        .collect();
    let total: f64 = kernel_weights.iter().sum();
    let k = observed.len();
    if total <= 0.0 || kernel_weights.iter().filter(|w| **w > 0.0).count() <= k + 1 {
        return None;
    }
    // Design rows: 1 and the scaled statistics' departures from the observed ones.
    let rows: Vec<Vec<f64>> = population
        .statistics
        .iter()
        .map(|s| {
            std::iter::once(1.0)
                .chain(s.iter().zip(observed).zip(scales).map(|((s, o), c)| (s - o) / c))
                .collect()
        })
        .collect();
    let mut particles = population.particles.clone();
    for (p, prior) in priors.iter().enumerate() {
        let values: Vec<f64> = population.particles.iter().map(|t| t[p]).collect();
        let beta = weighted_least_squares(&rows, &values, &kernel_weights)?;
        let (min, max) = prior.bounds();
        for (particle, row) in particles.iter_mut().zip(&rows) {
            let shift: f64 = beta.iter().zip(row).skip(1).map(|(b, x)| b * x).sum();
            particle[p] = (particle[p] - shift).clamp(min, max);
        }
    }
    Some(Adjusted {
        particles,
        weights: kernel_weights.iter().map(|w| w / total).collect(),
    })
}

/// The coefficients minimising `Σ wᵢ (yᵢ − rowᵢ·β)²`, from the normal equations; `None`
/// when they are singular.
fn weighted_least_squares(rows: &[Vec<f64>], y: &[f64], w: &[f64]) -> Option<Vec<f64>> {
    let n = rows.first()?.len();
    let mut a = vec![vec![0.0; n + 1]; n];
    for ((row, yi), wi) in rows.iter().zip(y).zip(w) {
        for i in 0..n {
            for j in 0..n {
                a[i][j] += wi * row[i] * row[j];
            }
            a[i][n] += wi * row[i] * yi;
        }
    }
    let scale = (0..n).map(|i| a[i][i].abs()).fold(0.0, f64::max);
    solve_augmented(a, 1e-12 * scale.max(f64::MIN_POSITIVE))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Particles whose statistic is exactly 2θ + 1: the adjustment moves every one to the θ
    /// whose statistic is the observed one.
    #[test]
    fn a_linear_relation_is_removed_exactly() {
        let thetas = [1.0, 1.5, 2.0, 2.5, 3.0, 3.5];
        let population = Population {
            particles: thetas.iter().map(|t| vec![*t]).collect(),
            weights: vec![1.0 / 6.0; 6],
            distances: thetas.iter().map(|t| ((2.0 * t + 1.0) - 6.0_f64).abs()).collect(),
            statistics: thetas.iter().map(|t| vec![2.0 * t + 1.0]).collect(),
        };
        let prior = [Prior::Uniform { min: 0.0, max: 10.0 }];
        let adjusted = local_linear(&population, &[6.0], &[1.0], &prior).unwrap();
        for p in &adjusted.particles {
            assert!((p[0] - 2.5).abs() < 1e-9, "{p:?}");
        }
        // The farthest particle (distance 3) sits on the kernel's edge: next to no weight.
        assert!(adjusted.weights[0] < 1e-8 && adjusted.weights[3] > 0.2, "{:?}", adjusted.weights);
        assert!((adjusted.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn statistics_that_do_not_vary_leave_the_population_as_it_is() {
        let population = Population {
            particles: (0..5).map(|i| vec![i as f64]).collect(),
            weights: vec![0.2; 5],
            distances: vec![0.5; 5],
            statistics: vec![vec![3.0]; 5],
        };
        let prior = [Prior::Uniform { min: 0.0, max: 10.0 }];
        assert_eq!(local_linear(&population, &[3.5], &[1.0], &prior), None);
    }
}
