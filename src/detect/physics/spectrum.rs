//! Bremsstrahlung photon spectra: linac targets for cargo and X-ray tubes for bags.
//!
//! - Linac: the thin-target Schiff spectrum in the forward direction
//!   (formula 2BS of Koch & Motz, Rev. Mod. Phys. 31, 920 (1959), from
//!   Schiff, Phys. Rev. 83, 252 (1951), at θ = 0) summed along the electron's slowing
//!   down in a thick tungsten target (continuous slowing-down; total stopping
//!   power from the collision stopping power and the radiative-to-collision
//!   ratio E·Z/700 of Knoll, *Radiation Detection and Measurement*, eq. 2.11),
//!   then filtered by the target itself. Electron scattering inside the target,
//!   which softens the forward beam somewhat, is left out.
//! - X-ray tube: Kramers' law (Kramers, Phil. Mag. 46, 836 (1923)): photons per
//!   unit energy ∝ Z (E₀ − E)/E, filtered by the window and added filters.
//!   Characteristic lines are left out.
//!
//! Spectra hold relative photon numbers per energy bin; flux is set by the
//! scanner's dose ([`super::scanner`]).

use super::material::{Catalogue, Material};

/// Electron rest energy, MeV.
const ELECTRON_MEV: f64 = 0.510_999;

/// A photon spectrum: relative photon number per energy bin.
#[derive(Debug, Clone, PartialEq)]
pub struct Spectrum {
    /// Bin centres, MeV.
    pub energy_mev: Vec<f64>,
    /// Relative photons in each bin (they sum to 1 for an unfiltered source).
    pub photons: Vec<f64>,
}

impl Spectrum {
    /// A linac's forward bremsstrahlung: electrons of `endpoint_mev` kinetic energy stopping in
    /// `target_mm` of tungsten, photons from `min_mev` up on `bins` logarithmic bins.
    pub fn linac(endpoint_mev: f64, target_mm: f64, min_mev: f64, bins: usize) -> Spectrum {
        let z: f64 = 74.0;
        let energy_mev = log_bins(min_mev, endpoint_mev, bins);
        let edges = bin_edges(&energy_mev, min_mev, endpoint_mev);
        let mut photons = vec![0.0; bins];
        let steps = 200;
        let dt = endpoint_mev / steps as f64;
        for s in 0..steps {
            let t = endpoint_mev - (s as f64 + 0.5) * dt;
            // Collision stopping power of tungsten about 1.0-1.1 MeV cm2/g over 0.5-10 MeV (NIST ESTAR).
            let stopping = 1.05 * (1.0 + t * z / 700.0);
            let path = dt / stopping;
            for (i, &k) in energy_mev.iter().enumerate() {
                if k < t {
                    photons[i] += schiff(t, k, z) * (edges[i + 1] - edges[i]) * path;
                }
            }
        }
        normalise(&mut photons);
        Spectrum { energy_mev, photons }.filtered(Material::Tungsten, target_mm)
    }

    /// An X-ray tube's spectrum at `kvp` with a tungsten anode, 1 keV bins from `min_kev`.
    pub fn tube(kvp: f64, min_kev: f64) -> Spectrum {
        let n = (kvp - min_kev).floor().max(1.0) as usize;
        let energy_mev: Vec<f64> = (0..n).map(|i| (min_kev + i as f64 + 0.5) / 1000.0).collect();
        let e0 = kvp / 1000.0;
        let mut photons: Vec<f64> = energy_mev.iter().map(|&e| ((e0 - e) / e).max(0.0)).collect();
        normalise(&mut photons);
        Spectrum { energy_mev, photons }
    }

    /// The spectrum after `thickness_mm` of `material` at its tabulated density.
    pub fn filtered(mut self, material: Material, thickness_mm: f64) -> Spectrum {
        let c = Catalogue::standard();
        let areal = c.density(material) * thickness_mm / 10.0;
        for (n, &e) in self.photons.iter_mut().zip(&self.energy_mev) {
            *n *= (-c.mu_rho(material, e) * areal).exp();
        }
        self
    }

    /// Mean photon energy, MeV.
    pub fn mean_energy_mev(&self) -> f64 {
        let total: f64 = self.photons.iter().sum();
        self.photons.iter().zip(&self.energy_mev).map(|(n, e)| n * e).sum::<f64>() / total
    }
}

/// Schiff's bremsstrahlung cross-section in the forward direction, dσ/(dk dΩ) at θ = 0
/// (arbitrary units), for an electron of kinetic energy `t_mev` emitting a photon of `k_mev` on a
/// nucleus of charge `z`: formula 2BS of Koch & Motz with y = E₀θ = 0,
/// (1/k)·[(E₀² + E²) ln M(0) − (E₀ + E)²], 1/M(0) = (k/2E₀E)² + (Z^⅓/111)², energies in mc².
fn schiff(t_mev: f64, k_mev: f64, z: f64) -> f64 {
    let e0 = (t_mev + ELECTRON_MEV) / ELECTRON_MEV;
    let k = k_mev / ELECTRON_MEV;
    let e = e0 - k;
    if e <= 1.0 || k <= 0.0 {
        return 0.0;
    }
    let m_inv = (k / (2.0 * e0 * e)).powi(2) + (z.cbrt() / 111.0).powi(2);
    (((e0 * e0 + e * e) * -m_inv.ln() - (e0 + e).powi(2)) / k).max(0.0)
}

fn log_bins(min: f64, max: f64, n: usize) -> Vec<f64> {
    let ratio = (max / min).ln() / n as f64;
    (0..n).map(|i| min * ((i as f64 + 0.5) * ratio).exp()).collect()
}

fn bin_edges(centres: &[f64], min: f64, max: f64) -> Vec<f64> {
    let mut edges = vec![min];
    edges.extend(centres.windows(2).map(|w| (w[0] * w[1]).sqrt()));
    edges.push(max);
    edges
}

fn normalise(v: &mut [f64]) {
    let total: f64 = v.iter().sum();
    if total > 0.0 {
        v.iter_mut().for_each(|x| *x /= total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linac_spectra_end_at_the_endpoint_and_harden_with_it() {
        let six = Spectrum::linac(6.0, 2.0, 0.1, 48);
        let low = Spectrum::linac(3.5, 2.0, 0.1, 48);
        assert!(six.energy_mev.iter().all(|&e| e < 6.0));
        // Megavoltage beams average at most about a third of the endpoint (Khan, The Physics of Radiation
        // Therapy, for flattened beams; unfiltered forward beams are softer).
        let mean = six.mean_energy_mev();
        assert!((1.0..2.1).contains(&mean), "6 MV mean {mean}");
        assert!(low.mean_energy_mev() < mean);
    }

    #[test]
    fn kramers_spectra_are_hardened_by_filters() {
        let raw = Spectrum::tube(160.0, 10.0);
        assert_eq!(raw.energy_mev.len(), 150);
        let filtered = raw.clone().filtered(Material::Aluminium, 2.0);
        assert!(filtered.mean_energy_mev() > raw.mean_energy_mev());
        assert!(filtered.mean_energy_mev() < 0.160);
    }

    #[test]
    fn schiff_falls_to_zero_at_the_tip() {
        assert!(schiff(6.0, 1.0, 74.0) > schiff(6.0, 5.0, 74.0));
        assert_eq!(schiff(6.0, 6.1, 74.0), 0.0);
    }
}
