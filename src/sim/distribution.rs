//! Sampling service times from a scenario's distributions.

use rand::{Rng, RngExt};
use rand_distr::{Distribution, Exp1, LogNormal, Triangular};

use crate::scenario::model::ServiceTime;

/// A ready-to-sample service-time distribution (seconds).
#[derive(Debug, Clone)]
pub enum ServiceSampler {
    /// Always the same.
    Constant(f64),
    /// Exponential with this mean.
    Exponential(f64),
    /// Lognormal.
    LogNormal(LogNormal<f64>),
    /// Triangular.
    Triangular(Triangular<f64>),
    /// Quantile table.
    Empirical(Vec<(f64, f64)>),
}

impl ServiceSampler {
    /// Prepares a validated distribution for sampling.
    pub fn new(service: &ServiceTime) -> Self {
        match service {
            ServiceTime::Constant { s } => ServiceSampler::Constant(*s),
            ServiceTime::Exponential { mean_s } => ServiceSampler::Exponential(*mean_s),
            ServiceTime::LogNormal { mean_s, sd_s } if *sd_s == 0.0 => ServiceSampler::Constant(*mean_s),
            ServiceTime::LogNormal { mean_s, sd_s } => {
                let sigma2 = (1.0 + (sd_s / mean_s).powi(2)).ln();
                let dist = LogNormal::new(mean_s.ln() - sigma2 / 2.0, sigma2.sqrt()).expect("validated: positive mean, finite sd");
                ServiceSampler::LogNormal(dist)
            }
            ServiceTime::Triangular { min_s, mode_s, max_s } => {
                ServiceSampler::Triangular(Triangular::new(*min_s, *max_s, *mode_s).expect("validated: min <= mode <= max, min < max"))
            }
            ServiceTime::Empirical { quantiles } => ServiceSampler::Empirical(quantiles.clone()),
        }
    }

    /// Draws one service time in seconds.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            ServiceSampler::Constant(s) => *s,
            ServiceSampler::Exponential(mean) => {
                let e: f64 = Exp1.sample(rng);
                e * mean
            }
            ServiceSampler::LogNormal(d) => d.sample(rng),
            ServiceSampler::Triangular(d) => d.sample(rng),
            ServiceSampler::Empirical(table) => interpolate(table, rng.random::<f64>()),
        }
    }
}

/// Inverse CDF of a piecewise-linear quantile table.
fn interpolate(table: &[(f64, f64)], u: f64) -> f64 {
    let i = table.partition_point(|(p, _)| *p <= u).clamp(1, table.len() - 1);
    let ((p0, s0), (p1, s1)) = (table[i - 1], table[i]);
    s0 + (s1 - s0) * (u - p0) / (p1 - p0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::rng::AgentRng;

    fn mean_and_sd(service: ServiceTime) -> (f64, f64) {
        let sampler = ServiceSampler::new(&service);
        let mut rng = AgentRng::new(3);
        let xs: Vec<f64> = (0..200_000).map(|_| sampler.sample(&mut rng)).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
        (mean, var.sqrt())
    }

    #[test]
    fn lognormal_has_the_requested_mean_and_sd() {
        let (mean, sd) = mean_and_sd(ServiceTime::LogNormal { mean_s: 45.0, sd_s: 15.0 });
        assert!((mean - 45.0).abs() < 0.2, "{mean}");
        assert!((sd - 15.0).abs() < 0.3, "{sd}");
    }

    #[test]
    fn distributions_match_their_stated_means() {
        for service in [
            ServiceTime::Exponential { mean_s: 180.0 },
            ServiceTime::Triangular {
                min_s: 5.0,
                mode_s: 8.0,
                max_s: 20.0,
            },
            ServiceTime::Empirical {
                quantiles: vec![(0.0, 5.0), (0.5, 9.0), (1.0, 30.0)],
            },
            ServiceTime::Constant { s: 12.0 },
        ] {
            let expected = service.mean_s();
            let (mean, _) = mean_and_sd(service.clone());
            assert!((mean - expected).abs() < 0.01 * expected, "{service:?}: {mean} vs {expected}");
        }
    }
}
