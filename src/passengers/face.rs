//! Face verification on embeddings, and its analytic error rates.
//!
//! Every traveller's document holds an enrolled template `t`, a random unit
//! vector in 128 dimensions. At a gate the camera takes a live capture
//! `c = f + (σ/√d)·z` of the face `f` in front of it, with `z` standard normal
//! and `σ = capture_noise / quality`, the quality uniform in
//! `[quality_min, 1]`. A genuine traveller's face is the template itself; a
//! look-alike impostor's face has cosine `lookalike_similarity` with it. The
//! gate accepts when `cos(t, c) ≥ threshold`.
//!
//! Because the noise is isotropic, `cos(t, c)` depends only on the noise's
//! components along `t` (and along the impostor's offset) and on a
//! chi-squared remainder, which gives the false-reject and false-accept rates
//! as low-dimensional integrals ([`false_reject_rate`], [`false_accept_rate`]).

use rand::RngExt;
use rand_distr::{Distribution, StandardNormal};

use super::model::FaceMatch;
use crate::sim::rng::{AgentRng, mix64};
use crate::stats::special::chi_squared_cdf;

/// Embedding dimension.
pub const DIM: usize = 128;

/// The outcome of one verification.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verification {
    /// Cosine similarity between template and capture.
    pub similarity: f64,
    /// The gate accepted the face.
    pub accepted: bool,
}

fn unit_gaussian(rng: &mut AgentRng) -> Vec<f64> {
    let v: Vec<f64> = (0..DIM).map(|_| StandardNormal.sample(rng)).collect();
    let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
    v.into_iter().map(|x| x / norm).collect()
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Verifies the traveller whose identity stream is `identity_seed`, at their `attempt`-th capture.
pub fn verify(identity_seed: u64, attempt: u32, impostor: bool, params: &FaceMatch) -> Verification {
    let template = unit_gaussian(&mut AgentRng::new(mix64(identity_seed ^ 0x7e3a_11ce)));
    let mut capture_rng = AgentRng::new(mix64(identity_seed ^ 0xc0ff_ee00 ^ ((attempt as u64) << 40)));
    let face = if impostor {
        // A unit vector orthogonal to the template, then the look-alike at the given similarity.
        let other = unit_gaussian(&mut capture_rng);
        let along = dot(&other, &template);
        let orthogonal: Vec<f64> = other.iter().zip(&template).map(|(o, t)| o - along * t).collect();
        let norm = dot(&orthogonal, &orthogonal).sqrt();
        let rho = params.lookalike_similarity;
        let off = (1.0 - rho * rho).max(0.0).sqrt();
        template.iter().zip(&orthogonal).map(|(t, o)| rho * t + off * o / norm).collect()
    } else {
        template.clone()
    };
    let quality = params.quality_min + (1.0 - params.quality_min) * capture_rng.random::<f64>();
    let scale = params.capture_noise / quality / (DIM as f64).sqrt();
    let capture: Vec<f64> = face
        .iter()
        .map(|f| {
            let z: f64 = StandardNormal.sample(&mut capture_rng);
            f + scale * z
        })
        .collect();
    let similarity = dot(&template, &capture) / dot(&capture, &capture).sqrt();
    Verification {
        similarity,
        accepted: similarity >= params.threshold,
    }
}

/// Points of a composite Simpson rule on `[a, b]` with `n` (even) intervals: (x, weight).
fn simpson(a: f64, b: f64, n: usize) -> impl Iterator<Item = (f64, f64)> {
    let h = (b - a) / n as f64;
    (0..=n).map(move |i| {
        let w = if i == 0 || i == n {
            1.0
        } else if i % 2 == 1 {
            4.0
        } else {
            2.0
        };
        (a + i as f64 * h, w * h / 3.0)
    })
}

fn normal_pdf(z: f64) -> f64 {
    (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// Averages `f(σ)` over capture quality uniform in `[quality_min, 1]`.
fn over_quality(params: &FaceMatch, f: impl Fn(f64) -> f64) -> f64 {
    if params.quality_min >= 1.0 {
        return f(params.capture_noise);
    }
    let span = 1.0 - params.quality_min;
    simpson(params.quality_min, 1.0, 32)
        .map(|(q, w)| w * f(params.capture_noise / q))
        .sum::<f64>()
        / span
}

/// Probability that a genuine traveller is rejected (exact up to quadrature error, about 1e-6).
pub fn false_reject_rate(params: &FaceMatch) -> f64 {
    let tau = params.threshold;
    let d = DIM as f64;
    over_quality(params, |sigma| {
        // Along the template: a = 1 + σ z₁/√d; the rest of the noise: σ² W/d with W ~ χ²(d − 1).
        simpson(-9.0, 9.0, 360)
            .map(|(z, w)| {
                let a = 1.0 + sigma * z / d.sqrt();
                let reject = if a <= 0.0 || sigma == 0.0 {
                    if a <= 0.0 { 1.0 } else { 0.0 }
                } else {
                    1.0 - chi_squared_cdf(d - 1.0, d * a * a * (1.0 - tau * tau) / (tau * tau * sigma * sigma))
                };
                w * normal_pdf(z) * reject
            })
            .sum()
    })
}

/// Probability that a look-alike impostor is accepted (exact up to quadrature error).
pub fn false_accept_rate(params: &FaceMatch) -> f64 {
    let tau = params.threshold;
    let rho = params.lookalike_similarity;
    let off = (1.0 - rho * rho).max(0.0).sqrt();
    let d = DIM as f64;
    over_quality(params, |sigma| {
        // Along the template: a = ρ + σ z₁/√d; along the impostor's offset: b = √(1−ρ²) + σ z₂/√d;
        // the rest: σ² W/d with W ~ χ²(d − 2). Accept when a > 0 and a²(1−τ²)/τ² ≥ b² + σ² W/d.
        let mut total = 0.0;
        for (z1, w1) in simpson(-9.0, 9.0, 180) {
            let a = rho + sigma * z1 / d.sqrt();
            if a <= 0.0 {
                continue;
            }
            let budget = a * a * (1.0 - tau * tau) / (tau * tau);
            let inner: f64 = simpson(-9.0, 9.0, 180)
                .map(|(z2, w2)| {
                    let b = off + sigma * z2 / d.sqrt();
                    let room = budget - b * b;
                    let accept = if room <= 0.0 {
                        0.0
                    } else if sigma == 0.0 {
                        1.0
                    } else {
                        chi_squared_cdf(d - 2.0, d * room / (sigma * sigma))
                    };
                    w2 * normal_pdf(z2) * accept
                })
                .sum();
            total += w1 * normal_pdf(z1) * inner;
        }
        total
    })
}

/// The detection-error trade-off: (threshold, FRR, FAR) for each threshold.
pub fn det_curve(params: &FaceMatch, thresholds: &[f64]) -> Vec<(f64, f64, f64)> {
    thresholds
        .iter()
        .map(|&threshold| {
            let at = FaceMatch { threshold, ..*params };
            (threshold, false_reject_rate(&at), false_accept_rate(&at))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GATE: FaceMatch = FaceMatch {
        threshold: 0.74,
        capture_noise: 0.55,
        quality_min: 0.55,
        lookalike_similarity: 0.82,
    };

    /// Four standard errors of a binomial proportion, plus the quadrature's own error.
    fn binomial_band(p: f64, n: usize) -> f64 {
        4.0 * (p * (1.0 - p) / n as f64).sqrt() + 1e-4
    }

    #[test]
    fn measured_false_rejects_match_the_analytic_rate() {
        let n = 20_000;
        let rejected = (0..n as u64).filter(|&seed| !verify(seed, 0, false, &GATE).accepted).count();
        let measured = rejected as f64 / n as f64;
        let analytic = false_reject_rate(&GATE);
        assert!(analytic > 0.01 && analytic < 0.5, "a useful operating point: {analytic}");
        assert!(
            (measured - analytic).abs() < binomial_band(analytic, n),
            "FRR measured {measured}, analytic {analytic}"
        );
    }

    #[test]
    fn measured_false_accepts_match_the_analytic_rate() {
        let n = 20_000;
        let accepted = (0..n as u64).filter(|&seed| verify(seed, 0, true, &GATE).accepted).count();
        let measured = accepted as f64 / n as f64;
        let analytic = false_accept_rate(&GATE);
        assert!(analytic > 0.001 && analytic < 0.5, "a useful operating point: {analytic}");
        assert!(
            (measured - analytic).abs() < binomial_band(analytic, n),
            "FAR measured {measured}, analytic {analytic}"
        );
    }

    #[test]
    fn raising_the_threshold_trades_false_accepts_for_false_rejects() {
        let curve = det_curve(&GATE, &[0.6, 0.7, 0.8]);
        assert!(curve.windows(2).all(|w| w[1].1 > w[0].1 && w[1].2 < w[0].2), "{curve:?}");
    }

    #[test]
    fn the_same_traveller_gets_the_same_template_but_new_captures() {
        let first = verify(9, 0, false, &GATE);
        assert_eq!(first, verify(9, 0, false, &GATE));
        assert_ne!(first.similarity, verify(9, 1, false, &GATE).similarity);
    }
}
