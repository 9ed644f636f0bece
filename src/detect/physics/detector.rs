//! Energy-integrating detectors and the channels they make with a spectrum.
//!
//! A photon of energy E interacts in a scintillator of thickness t with
//! probability 1 − exp(−μt) and leaves on average E·(μ_en/μ) there; the
//! signal is the sum of deposited energies. Its variance is the sum of
//! squared deposits, so the detector counts as S₁²/S₂ effective quanta
//! (S₁ = Σ n·η·e, S₂ = Σ n·η·e²; Swank's factor for a polychromatic beam).

use super::material::{Catalogue, Material};
use super::spectrum::Spectrum;

/// A scintillator layer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detector {
    /// Scintillator material.
    pub material: Material,
    /// Depth along the beam, mm.
    pub thickness_mm: f64,
}

impl Detector {
    /// Probability that a photon of `energy_mev` interacts, and the mean energy it deposits then (MeV).
    pub fn response(&self, energy_mev: f64) -> (f64, f64) {
        let c = Catalogue::standard();
        let mu = c.mu_rho(self.material, energy_mev);
        let mu_en = c.mu_en_rho(self.material, energy_mev);
        let eta = 1.0 - (-mu * c.density(self.material) * self.thickness_mm / 10.0).exp();
        (eta, energy_mev * (mu_en / mu).min(1.0))
    }
}

/// One energy channel: the spectrum reaching a detector and that detector's response per bin.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    /// Bin centres, MeV.
    pub energy_mev: Vec<f64>,
    /// Photons per bin reaching the object, relative (the source spectrum after its filters).
    pub photons: Vec<f64>,
    /// Signal weight per bin: photons × interaction probability × deposit (S₁ terms in air).
    pub weight: Vec<f64>,
    /// Squared-deposit weight per bin (S₂ terms in air).
    pub weight2: Vec<f64>,
}

impl Channel {
    /// A channel seeing `spectrum` (at the object) through `filters` (between object and detector) with `detector`.
    pub fn new(spectrum: &Spectrum, filters: &[(Material, f64)], detector: Detector) -> Channel {
        let behind = filters.iter().fold(spectrum.clone(), |s, &(m, mm)| s.filtered(m, mm));
        let (mut weight, mut weight2) = (Vec::new(), Vec::new());
        for (&n, &e) in behind.photons.iter().zip(&behind.energy_mev) {
            let (eta, dep) = detector.response(e);
            weight.push(n * eta * dep);
            weight2.push(n * eta * dep * dep);
        }
        Channel {
            energy_mev: spectrum.energy_mev.clone(),
            photons: spectrum.photons.clone(),
            weight,
            weight2,
        }
    }

    /// Effective quanta per incident photon in air: S₁²/(S₂ Σn).
    pub fn quanta_per_photon(&self) -> f64 {
        let s1: f64 = self.weight.iter().sum();
        let s2: f64 = self.weight2.iter().sum();
        let n: f64 = self.photons.iter().sum();
        s1 * s1 / (s2 * n)
    }

    /// Air kerma per incident photon per cm² (Gy cm²): Σ n·E·(μ_en/ρ)_air / Σ n, in J/kg.
    pub fn air_kerma_per_fluence(&self) -> f64 {
        let c = Catalogue::standard();
        let n: f64 = self.photons.iter().sum();
        let mev_cm2_g: f64 = self
            .photons
            .iter()
            .zip(&self.energy_mev)
            .map(|(p, &e)| p * e * c.mu_en_rho(Material::Air, e))
            .sum::<f64>()
            / n;
        // MeV cm2/g -> J/kg per photon/cm2: 1.602e-13 J/MeV x 1000 g/kg.
        mev_cm2_g * 1.602_176_634e-13 * 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thick_scintillators_stop_more_and_swank_factor_is_below_one() {
        let thin = Detector {
            material: Material::CadmiumTungstate,
            thickness_mm: 5.0,
        };
        let thick = Detector {
            material: Material::CadmiumTungstate,
            thickness_mm: 30.0,
        };
        assert!(thick.response(2.0).0 > thin.response(2.0).0);
        let s = Spectrum::linac(6.0, 1.0, 0.1, 48);
        let ch = Channel::new(&s, &[], thick);
        let q = ch.quanta_per_photon();
        assert!(q > 0.1 && q < 1.0, "{q}");
        // 6 MV fluence to air kerma: of order 1e-12 Gy cm2 per photon (E ~ 2 MeV, mu_en/rho ~ 0.024).
        let k = ch.air_kerma_per_fluence();
        assert!(k > 3e-12 && k < 2e-11, "{k}");
    }
}
