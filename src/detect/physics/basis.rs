//! Basis-material decomposition: each material's μ/ρ(E) over a scanner's
//! spectra as a non-negative mix of polyethylene, iron and lead.
//!
//! Over 20 keV–10 MeV attenuation is photoelectric absorption, Compton
//! scattering and pair production, each with its own energy dependence and
//! a smooth dependence on Z; three basis materials spanning low, middle and
//! high Z reproduce any material's μ/ρ(E) closely (Alvarez & Macovski, Phys.
//! Med. Biol. 21, 733 (1976) use two functions below 150 keV; the third
//! carries pair production and the lead K edge). The fit weighs each energy
//! by its share of the detector signal, so the residual is small where it
//! matters. [`BasisFit::max_error`] reports it; a test bounds it.

use super::detector::Channel;
use super::material::{Catalogue, Material};

/// Basis materials of megavolt (cargo) scanners, in accumulator order.
pub const CARGO_BASIS: [Material; 3] = [Material::Polyethylene, Material::Iron, Material::Lead];
/// Basis materials of kilovolt (bag) scanners: copper in the middle fits copper, brass and iron best.
pub const BAG_BASIS: [Material; 3] = [Material::Polyethylene, Material::Copper, Material::Lead];

/// Basis coefficients of every material for one scanner.
#[derive(Debug, Clone, PartialEq)]
pub struct BasisFit {
    bases: [Material; 3],
    coefficients: Vec<[f64; 3]>,
    errors: Vec<f64>,
}

impl BasisFit {
    /// Fits every material as a mix of `bases` over the energies of `channels`, weighted by their signal shares.
    pub fn new(bases: [Material; 3], channels: &[&Channel]) -> BasisFit {
        let c = Catalogue::standard();
        let energies = &channels[0].energy_mev;
        let mut weights = vec![0.0; energies.len()];
        for ch in channels {
            let total: f64 = ch.weight.iter().sum();
            for (w, x) in weights.iter_mut().zip(&ch.weight) {
                *w += x / total;
            }
        }
        let basis: Vec<Vec<f64>> = bases.iter().map(|&b| energies.iter().map(|&e| c.mu_rho(b, e)).collect()).collect();
        let (mut coefficients, mut errors) = (Vec::new(), Vec::new());
        for &m in Material::ALL {
            let target: Vec<f64> = energies.iter().map(|&e| c.mu_rho(m, e)).collect();
            let (coef, err) = nnls3(&basis, &target, &weights);
            coefficients.push(coef);
            errors.push(err);
        }
        BasisFit {
            bases,
            coefficients,
            errors,
        }
    }

    /// The basis materials.
    pub fn bases(&self) -> [Material; 3] {
        self.bases
    }

    /// Grams per cm² of each basis material standing for one g/cm² of `material`.
    pub fn coefficients(&self, material: Material) -> [f64; 3] {
        self.coefficients[material as usize]
    }

    /// Largest relative error of the fitted μ/ρ over the energies carrying 99 % of the signal.
    pub fn max_error(&self, material: Material) -> f64 {
        self.errors[material as usize]
    }
}

/// Non-negative least squares in relative error for three unknowns: the best of the seven active sets.
fn nnls3(basis: &[Vec<f64>], target: &[f64], weights: &[f64]) -> ([f64; 3], f64) {
    let rows: Vec<usize> = significant(weights);
    let mut best = ([0.0; 3], f64::INFINITY);
    for mask in 1u8..8 {
        let active: Vec<usize> = (0..3).filter(|b| mask & (1 << b) != 0).collect();
        let n = active.len();
        let mut a = vec![vec![0.0; n + 1]; n];
        for &i in &rows {
            let w = weights[i] / (target[i] * target[i]);
            for (r, &br) in active.iter().enumerate() {
                for (s, &bs) in active.iter().enumerate() {
                    a[r][s] += w * basis[br][i] * basis[bs][i];
                }
                a[r][n] += w * basis[br][i] * target[i];
            }
        }
        // A pivot under 1e-300 means the materials cannot be told apart.
        let Some(x) = crate::stats::linear::solve_augmented(a, 1e-300_f64.next_down()) else {
            continue;
        };
        if x.iter().any(|&v| v < 0.0) {
            continue;
        }
        let mut coef = [0.0; 3];
        for (k, &b) in active.iter().enumerate() {
            coef[b] = x[k];
        }
        let cost: f64 = rows
            .iter()
            .map(|&i| {
                let fit: f64 = (0..3).map(|b| coef[b] * basis[b][i]).sum();
                weights[i] * ((fit - target[i]) / target[i]).powi(2)
            })
            .sum();
        if cost < best.1 {
            best = (coef, cost);
        }
    }
    let coef = best.0;
    let err = rows
        .iter()
        .map(|&i| {
            let fit: f64 = (0..3).map(|b| coef[b] * basis[b][i]).sum();
            ((fit - target[i]) / target[i]).abs()
        })
        .fold(0.0, f64::max);
    (coef, err)
}

/// Indices of the bins that together carry 99 % of the weight.
fn significant(weights: &[f64]) -> Vec<usize> {
    let total: f64 = weights.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]));
    let mut sum = 0.0;
    let mut keep = Vec::new();
    for i in order {
        if sum >= 0.99 * total {
            break;
        }
        sum += weights[i];
        keep.push(i);
    }
    keep.sort_unstable();
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::physics::detector::Detector;
    use crate::detect::physics::spectrum::Spectrum;

    /// Transmission through each material with its basis mix against the exact spectral sum, at
    /// thicknesses giving ln T of about −1, −4 and −8 in the high channel.
    fn worst_transmission_error(bases: [Material; 3], low: &Channel, high: &Channel, materials: &[Material]) -> (f64, Material) {
        use crate::detect::physics::lut::TransmissionLut;
        let fit = BasisFit::new(bases, &[low, high]);
        let mut worst = (0.0, Material::Air);
        for &m in materials {
            let unit = TransmissionLut::exact_materials(high, &[(m, 1.0)]).abs();
            for target in [1.0, 4.0, 8.0] {
                let a = target / unit;
                let c = fit.coefficients(m);
                for ch in [low, high] {
                    let exact = TransmissionLut::exact_materials(ch, &[(m, a)]);
                    let (approx, _) = TransmissionLut::exact(ch, bases, [c[0] * a, c[1] * a, c[2] * a]);
                    let err = (approx - exact).abs() / exact.abs();
                    if err > worst.0 {
                        worst = (err, m);
                    }
                }
            }
        }
        worst
    }

    /// Materials found in scenes (detector and linac-target materials are not imaged).
    fn imaged() -> Vec<Material> {
        Material::ALL
            .iter()
            .copied()
            .filter(|m| {
                !matches!(
                    m,
                    Material::CesiumIodide | Material::GadoliniumOxysulfide | Material::CadmiumTungstate | Material::Tungsten
                )
            })
            .collect()
    }

    #[test]
    fn basis_mixes_transmit_as_the_materials_do_at_megavolts() {
        let det = Detector {
            material: Material::CadmiumTungstate,
            thickness_mm: 30.0,
        };
        let hi = Channel::new(&Spectrum::linac(6.0, 2.0, 0.1, 48), &[], det);
        let lo = Channel::new(&Spectrum::linac(3.5, 2.0, 0.1, 48), &[], det);
        let fit = BasisFit::new(CARGO_BASIS, &[&hi, &lo]);
        let iron = fit.coefficients(Material::Iron);
        assert!((iron[1] - 1.0).abs() < 1e-6 && iron[0].abs() < 1e-6, "{iron:?}");
        let (err, m) = worst_transmission_error(CARGO_BASIS, &lo, &hi, &imaged());
        assert!(err < 0.02, "{m}: {err}");
    }

    #[test]
    fn basis_mixes_transmit_as_the_materials_do_at_kilovolts() {
        let s = Spectrum::tube(160.0, 10.0).filtered(Material::Aluminium, 2.0);
        let front = Detector {
            material: Material::GadoliniumOxysulfide,
            thickness_mm: 0.2,
        };
        let lo = Channel::new(&s, &[], front);
        let hi = Channel::new(
            &s,
            &[(Material::GadoliniumOxysulfide, 0.2), (Material::Copper, 0.5)],
            Detector {
                material: Material::CesiumIodide,
                thickness_mm: 3.0,
            },
        );
        let (err, m) = worst_transmission_error(BAG_BASIS, &lo, &hi, &imaged());
        assert!(err < 0.03, "{m}: {err}");
    }
}
