//! Polychromatic transmission as a table over basis areal densities.
//!
//! For a pixel whose beam path holds A_b g/cm² of each basis material
//! ([`super::basis`]), a channel's signal relative to air is
//! T = Σ w(E) exp(−Σ_b μ_b(E) A_b) / Σ w(E), and its effective quanta relative
//! to air Q = (S₁²/S₂)/(S₁²/S₂)_air. The table holds ln T and ln Q of both
//! channels on a grid denser near zero (A = A_max·(i/(n−1))²) and is read by
//! trilinear interpolation, which keeps a full-resolution scan to a few table
//! reads per pixel instead of a sum over the spectrum.

use super::detector::Channel;
use super::material::{Catalogue, Material};

/// One axis of the table: areal densities `max·(i/(n−1))²`, g/cm².
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LutAxis {
    /// Largest areal density, g/cm² (beyond it values are clamped).
    pub max: f32,
    /// Number of nodes.
    pub nodes: usize,
}

impl LutAxis {
    fn value(&self, i: usize) -> f64 {
        let t = i as f64 / (self.nodes - 1) as f64;
        f64::from(self.max) * t * t
    }

    /// Node index and fraction for areal density `a`.
    fn locate(&self, a: f32) -> (usize, f32) {
        let t = (a.max(0.0) / self.max).sqrt().min(1.0) * (self.nodes - 1) as f32;
        let i = (t as usize).min(self.nodes - 2);
        // Interpolate linearly in A, not in the grid coordinate.
        let (lo, hi) = (self.value(i) as f32, self.value(i + 1) as f32);
        (i, ((a.clamp(0.0, self.max) - lo) / (hi - lo)).clamp(0.0, 1.0))
    }
}

/// ln T and ln Q of the low and high channels.
pub type LutEntry = [f32; 4];

/// The transmission table of a dual-energy scanner.
#[derive(Debug, Clone, PartialEq)]
pub struct TransmissionLut {
    axes: [LutAxis; 3],
    values: Vec<LutEntry>,
    organic: [Vec<f32>; 2],
}

/// Spectral terms of one channel: weights and basis attenuation per bin.
struct Terms {
    weight: Vec<f64>,
    weight2: Vec<f64>,
    mu: [Vec<f64>; 3],
    s1_air: f64,
    q_air: f64,
}

impl Terms {
    fn new(ch: &Channel, bases: [Material; 3]) -> Terms {
        let c = Catalogue::standard();
        let mu = bases.map(|b| ch.energy_mev.iter().map(|&e| c.mu_rho(b, e)).collect());
        let s1: f64 = ch.weight.iter().sum();
        let s2: f64 = ch.weight2.iter().sum();
        Terms {
            weight: ch.weight.clone(),
            weight2: ch.weight2.clone(),
            mu,
            s1_air: s1,
            q_air: s1 * s1 / s2,
        }
    }

    fn eval(&self, a: [f64; 3]) -> (f64, f64) {
        let (mut s1, mut s2) = (0.0, 0.0);
        for i in 0..self.weight.len() {
            let t = (-(self.mu[0][i] * a[0] + self.mu[1][i] * a[1] + self.mu[2][i] * a[2])).exp();
            s1 += self.weight[i] * t;
            s2 += self.weight2[i] * t;
        }
        let s1 = s1.max(1e-300);
        let s2 = s2.max(1e-300);
        ((s1 / self.s1_air).ln(), (s1 * s1 / s2 / self.q_air).ln())
    }
}

/// Nodes of the organic-only inversion table.
const ORGANIC_NODES: usize = 1024;

impl TransmissionLut {
    /// Tabulates `low` and `high` over the given axes of areal density of `bases`.
    pub fn new(low: &Channel, high: &Channel, bases: [Material; 3], axes: [LutAxis; 3]) -> TransmissionLut {
        let terms = [Terms::new(low, bases), Terms::new(high, bases)];
        let mut values = Vec::with_capacity(axes[0].nodes * axes[1].nodes * axes[2].nodes);
        for k in 0..axes[2].nodes {
            for j in 0..axes[1].nodes {
                for i in 0..axes[0].nodes {
                    let a = [axes[0].value(i), axes[1].value(j), axes[2].value(k)];
                    let (tl, ql) = terms[0].eval(a);
                    let (th, qh) = terms[1].eval(a);
                    values.push([tl as f32, ql as f32, th as f32, qh as f32]);
                }
            }
        }
        let organic = [0, 1].map(|c| {
            (0..ORGANIC_NODES)
                .map(|i| {
                    terms[c]
                        .eval([f64::from(axes[0].max) * i as f64 / (ORGANIC_NODES - 1) as f64, 0.0, 0.0])
                        .0 as f32
                })
                .collect()
        });
        TransmissionLut { axes, values, organic }
    }

    /// The axes of the table.
    pub fn axes(&self) -> [LutAxis; 3] {
        self.axes
    }

    /// Exact ln T and ln Q of `channel` for areal densities `a` of `bases` (the sum over the spectrum the table stands for).
    pub fn exact(channel: &Channel, bases: [Material; 3], a: [f64; 3]) -> (f64, f64) {
        Terms::new(channel, bases).eval(a)
    }

    /// Exact ln T of `channel` through the given areal densities (g/cm²) of real materials, summing
    /// each material's own μ/ρ(E) over the spectrum: the reference the basis decomposition is judged by.
    pub fn exact_materials(channel: &Channel, layers: &[(Material, f64)]) -> f64 {
        let c = Catalogue::standard();
        let mut s1 = 0.0;
        for (i, &e) in channel.energy_mev.iter().enumerate() {
            let mu_t: f64 = layers.iter().map(|&(m, a)| c.mu_rho(m, e) * a).sum();
            s1 += channel.weight[i] * (-mu_t).exp();
        }
        (s1.max(1e-300) / channel.weight.iter().sum::<f64>()).ln()
    }

    /// Interpolated [ln T_low, ln Q_low, ln T_high, ln Q_high] for basis areal densities `a`.
    #[inline]
    pub fn lookup(&self, a: [f32; 3]) -> LutEntry {
        let (i, fx) = self.axes[0].locate(a[0]);
        let (j, fy) = self.axes[1].locate(a[1]);
        let (k, fz) = self.axes[2].locate(a[2]);
        let nx = self.axes[0].nodes;
        let ny = self.axes[1].nodes;
        let base = (k * ny + j) * nx + i;
        let mut out = [0.0f32; 4];
        let corners = [
            (0, (1.0 - fx) * (1.0 - fy) * (1.0 - fz)),
            (1, fx * (1.0 - fy) * (1.0 - fz)),
            (nx, (1.0 - fx) * fy * (1.0 - fz)),
            (nx + 1, fx * fy * (1.0 - fz)),
            (nx * ny, (1.0 - fx) * (1.0 - fy) * fz),
            (nx * ny + 1, fx * (1.0 - fy) * fz),
            (nx * ny + nx, (1.0 - fx) * fy * fz),
            (nx * ny + nx + 1, fx * fy * fz),
        ];
        for (offset, w) in corners {
            if w > 0.0 {
                let v = &self.values[base + offset];
                for c in 0..4 {
                    out[c] += w * v[c];
                }
            }
        }
        out
    }

    /// The polyethylene areal density (g/cm²) whose transmission in channel `high` (true) or low is `ln_t`.
    pub fn organic_equivalent(&self, high: bool, ln_t: f32) -> f32 {
        let table = &self.organic[usize::from(high)];
        let step = self.axes[0].max / (ORGANIC_NODES - 1) as f32;
        let i = table.partition_point(|&v| v > ln_t);
        if i == 0 {
            return 0.0;
        }
        if i >= table.len() {
            return self.axes[0].max;
        }
        let (a, b) = (table[i - 1], table[i]);
        let f = if a > b { (a - ln_t) / (a - b) } else { 0.0 };
        ((i - 1) as f32 + f) * step
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::physics::basis::CARGO_BASIS;
    use crate::detect::physics::detector::Detector;
    use crate::detect::physics::spectrum::Spectrum;

    fn channels() -> (Channel, Channel) {
        let det = Detector {
            material: Material::CadmiumTungstate,
            thickness_mm: 30.0,
        };
        (
            Channel::new(&Spectrum::linac(3.5, 2.0, 0.1, 40), &[], det),
            Channel::new(&Spectrum::linac(6.0, 2.0, 0.1, 40), &[], det),
        )
    }

    #[test]
    fn table_matches_the_spectral_sum_between_nodes() {
        let (lo, hi) = channels();
        let axes = [
            LutAxis { max: 400.0, nodes: 24 },
            LutAxis { max: 400.0, nodes: 24 },
            LutAxis { max: 200.0, nodes: 12 },
        ];
        let lut = TransmissionLut::new(&lo, &hi, CARGO_BASIS, axes);
        for a in [[37.0, 0.0, 0.0], [120.0, 77.0, 0.0], [10.0, 190.0, 13.0], [300.0, 5.0, 60.0]] {
            let got = lut.lookup(a.map(|v: f64| v as f32));
            let (tl, _) = TransmissionLut::exact(&lo, CARGO_BASIS, a);
            let (th, _) = TransmissionLut::exact(&hi, CARGO_BASIS, a);
            assert!(
                (f64::from(got[0]) - tl).abs() < 0.01 * tl.abs().max(1.0),
                "{a:?}: {} vs {tl}",
                got[0]
            );
            assert!(
                (f64::from(got[2]) - th).abs() < 0.01 * th.abs().max(1.0),
                "{a:?}: {} vs {th}",
                got[2]
            );
        }
        assert_eq!(lut.lookup([0.0; 3])[2], 0.0);
        let back = lut.organic_equivalent(true, lut.lookup([80.0, 0.0, 0.0])[2]);
        assert!((back - 80.0).abs() < 1.0, "{back}");
    }

    #[test]
    fn beams_harden_and_low_energy_sees_more_of_light_matter() {
        let (lo, hi) = channels();
        let (t1, _) = TransmissionLut::exact(&hi, CARGO_BASIS, [0.0, 50.0, 0.0]);
        let (t2, _) = TransmissionLut::exact(&hi, CARGO_BASIS, [0.0, 100.0, 0.0]);
        // ln T is negative: a hardened beam loses less than twice as much through twice the steel.
        assert!(t2 > 2.0 * t1 && t2 < t1, "hardening: {t1} {t2}");
        let (l, _) = TransmissionLut::exact(&lo, CARGO_BASIS, [100.0, 0.0, 0.0]);
        let (h, _) = TransmissionLut::exact(&hi, CARGO_BASIS, [100.0, 0.0, 0.0]);
        assert!(l < h, "organic attenuates more at 3.5 MV: {l} {h}");
    }
}
