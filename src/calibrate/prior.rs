//! Priors of calibrated parameters: uniform between bounds, or normal truncated to bounds.

use rand::RngExt;
use rand_distr::{Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

use crate::sim::rng::Stream;

/// What is believed of a parameter before the data.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Prior {
    /// Every value in `min..=max` alike.
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// Normal with `mean` and `sd`, truncated to `min..=max`.
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation.
        sd: f64,
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
}

impl Prior {
    /// The bounds.
    pub fn bounds(&self) -> (f64, f64) {
        match *self {
            Prior::Uniform { min, max } | Prior::Normal { min, max, .. } => (min, max),
        }
    }

    /// Why the prior cannot be used, if it cannot.
    pub fn problem(&self) -> Option<String> {
        let (min, max) = self.bounds();
        if !(min.is_finite() && max.is_finite() && min < max) {
            return Some(format!("the bounds must be finite with min < max (got {min} and {max})"));
        }
        match *self {
            Prior::Normal { mean, sd, .. } if !(mean.is_finite() && sd.is_finite() && sd > 0.0) => {
                Some(format!("a normal prior needs a finite mean and an sd > 0 (got {mean} and {sd})"))
            }
            _ => None,
        }
    }

    /// True when `x` lies within the bounds.
    pub fn contains(&self, x: f64) -> bool {
        let (min, max) = self.bounds();
        (min..=max).contains(&x)
    }

    /// The density at `x`, up to a constant factor (0 outside the bounds).
    pub fn density(&self, x: f64) -> f64 {
        if !self.contains(x) {
            return 0.0;
        }
        match *self {
            Prior::Uniform { .. } => 1.0,
            Prior::Normal { mean, sd, .. } => (-0.5 * ((x - mean) / sd).powi(2)).exp(),
        }
    }

    /// A draw (a truncated normal by rejection, which the bounds of a sensible prior make fast).
    pub fn sample(&self, rng: &mut Stream) -> f64 {
        match *self {
            Prior::Uniform { min, max } => min + (max - min) * rng.random::<f64>(),
            Prior::Normal { mean, sd, min, max } => {
                for _ in 0..10_000 {
                    let z: f64 = StandardNormal.sample(rng);
                    let x = mean + sd * z;
                    if (min..=max).contains(&x) {
                        return x;
                    }
                }
                min + (max - min) * rng.random::<f64>()
            }
        }
    }
}
