//! The imaging chain: from solids to a noisy 16-bit dual-energy scan.
//!
//! 1. Project the solids: areal density per basis material per pixel ([`super::projection`]).
//! 2. Read the transmission table: primary signal T and effective quanta per channel ([`super::lut`]).
//! 3. Add forward scatter: each ray scatters in proportion to −T ln T (the primary reaching a depth
//!    times the material it then crosses, Compton-dominated at these energies), spread evenly over
//!    the neighbouring detectors of the same column, times the share that passes the collimators.
//! 4. Blur the primary with the detector's point-spread function (a Gaussian of the set FWHM).
//! 5. Draw photon noise (Poisson below 30 effective quanta, Gaussian above) and electronic noise.
//! 6. Encode −ln T in 16 bits ([`super::image`]).

use rand::Rng;
use rand_distr::{Distribution, Poisson, StandardNormal};

use super::image::{DualEnergyImage, encode};
use super::projection::{AreaDensity, View};
use super::scanner::Scanner;
use super::shape::Solid;
use super::zeff::{MaterialClass, classify};

/// Below this many effective quanta, photon noise is drawn from the Poisson law itself.
const POISSON_BELOW: f64 = 30.0;

impl Scanner {
    /// A view of this scanner's pixel pitch covering `x` by `v` (mm), beam along `beam`.
    pub fn view(&self, beam: super::shape::Axis, x: (f64, f64), v: (f64, f64)) -> View {
        View::covering(beam, x, v, self.pitch_mm[0], self.pitch_mm[1])
    }

    /// Scans `solids` in `view`, drawing noise from `rng`.
    pub fn scan<R: Rng + ?Sized>(&self, solids: &[Solid], view: &View, rng: &mut R) -> DualEnergyImage {
        let density = AreaDensity::project(solids, view, &self.fit);
        self.expose(&density, rng)
    }

    /// Exposes projected areal densities.
    pub fn expose<R: Rng + ?Sized>(&self, density: &AreaDensity, rng: &mut R) -> DualEnergyImage {
        let (w, h) = (density.width, density.height);
        let n = w * h;
        let mut primary = [vec![0.0f32; n], vec![0.0f32; n]];
        let mut quanta = [vec![0.0f32; n], vec![0.0f32; n]];
        let [a0, a1, a2] = &density.planes;
        for i in 0..n {
            let e = self.lut.lookup([a0[i], a1[i], a2[i]]);
            primary[0][i] = e[0].exp();
            quanta[0][i] = e[1].exp();
            primary[1][i] = e[2].exp();
            quanta[1][i] = e[3].exp();
        }
        let mut planes = [Vec::new(), Vec::new()];
        for c in 0..2 {
            let scatter = self.scatter(&primary[c], w, h);
            let blurred = blur(&primary[c], w, h, self.blur_fwhm_px);
            let q_air = self.quanta_air[c];
            let e2 = (self.electronic_noise * self.electronic_noise) as f32;
            planes[c] = (0..n)
                .map(|i| {
                    let (p, s) = (blurred[i], scatter[i]);
                    let n_eff = q_air * f64::from(quanta[c][i]) * f64::from(p / primary[c][i].max(1e-30)).min(1.0e3);
                    let p_obs = if n_eff < POISSON_BELOW {
                        match Poisson::new(n_eff.max(1e-9)) {
                            Ok(d) => (d.sample(rng) / n_eff.max(1e-9)) as f32 * p,
                            Err(_) => 0.0,
                        }
                    } else {
                        let z: f32 = StandardNormal.sample(rng);
                        p * (1.0 + z / n_eff.sqrt() as f32)
                    };
                    let z: f32 = StandardNormal.sample(rng);
                    let extra = ((s / q_air as f32) + e2).sqrt() * z;
                    let t = (p_obs + s + extra).max(1e-7);
                    encode(-t.ln())
                })
                .collect();
        }
        let [low, high] = planes;
        DualEnergyImage {
            width: w,
            height: h,
            low,
            high,
        }
    }

    /// The material channel of a scan.
    pub fn materials(&self, image: &DualEnergyImage) -> Vec<MaterialClass> {
        let (low, high) = image.attenuations();
        classify(
            &self.calibration,
            image.width,
            image.height,
            (&low, &high),
            self.quanta_air,
            self.electronic_noise,
        )
    }

    /// Mass (kg) the image shows beyond an empty reference scan of the same view, read as `material`:
    /// each pixel's high-energy attenuation is inverted into an areal density of that material
    /// through the scanner's own table, the empty scan's is subtracted, and the difference summed
    /// over the pixel area. This is how an image is weighed against a declaration.
    pub fn image_mass_kg(&self, loaded: &DualEnergyImage, empty: &DualEnergyImage, material: super::material::Material) -> f64 {
        let c = self.fit.coefficients(material).map(|v| v as f32);
        let reach = (0..3)
            .filter(|&b| c[b] > 0.0)
            .map(|b| self.lut.axes()[b].max / c[b])
            .fold(f32::INFINITY, f32::min);
        let nodes = 2048;
        let table: Vec<f32> = (0..nodes)
            .map(|i| {
                let a = reach * i as f32 / (nodes - 1) as f32;
                -self.lut.lookup([c[0] * a, c[1] * a, c[2] * a])[2]
            })
            .collect();
        let invert = |att: f32| -> f64 {
            let i = table.partition_point(|&v| v < att).clamp(1, nodes - 1);
            let (a, b) = (table[i - 1], table[i]);
            let f = if b > a { ((att - a) / (b - a)).clamp(0.0, 1.0) } else { 0.0 };
            f64::from(reach * ((i - 1) as f32 + f) / (nodes - 1) as f32)
        };
        let (_, hi_loaded) = loaded.attenuations();
        let (_, hi_empty) = empty.attenuations();
        let area_cm2 = self.pitch_mm[0] * self.pitch_mm[1] / 100.0;
        hi_loaded.iter().zip(&hi_empty).map(|(&l, &e)| invert(l) - invert(e)).sum::<f64>() * area_cm2 / 1000.0
    }

    /// Forward scatter reaching each detector: κ × mean over the column window of −T ln T.
    fn scatter(&self, primary: &[f32], w: usize, h: usize) -> Vec<f32> {
        let half = (self.scatter_width_px / 2.0).round().max(0.0) as usize;
        let k = self.scatter_fraction as f32;
        let mut out = vec![0.0f32; primary.len()];
        if k == 0.0 {
            return out;
        }
        let mut column = vec![0.0f32; h + 1];
        for x in 0..w {
            for y in 0..h {
                let t = primary[y * w + x];
                column[y + 1] = column[y] + if t > 0.0 { -t * t.ln() } else { 0.0 };
            }
            for y in 0..h {
                let (a, b) = (y.saturating_sub(half), (y + half + 1).min(h));
                out[y * w + x] = k * (column[b] - column[a]) / (2 * half + 1) as f32;
            }
        }
        out
    }
}

/// Separable Gaussian blur with the given FWHM (pixels) along x and y; edges clamp.
fn blur(plane: &[f32], w: usize, h: usize, fwhm: [f64; 2]) -> Vec<f32> {
    let kernel = |f: f64| -> Vec<f32> {
        let sigma = f / 2.354_82;
        if sigma < 0.2 {
            return vec![1.0];
        }
        let r = (3.0 * sigma).ceil() as i64;
        let k: Vec<f64> = (-r..=r).map(|i| (-(i * i) as f64 / (2.0 * sigma * sigma)).exp()).collect();
        let s: f64 = k.iter().sum();
        k.iter().map(|v| (v / s) as f32).collect()
    };
    let (kx, ky) = (kernel(fwhm[0]), kernel(fwhm[1]));
    let (rx, ry) = (kx.len() / 2, ky.len() / 2);
    let mut tmp = vec![0.0f32; plane.len()];
    for y in 0..h {
        let row = &plane[y * w..(y + 1) * w];
        for x in 0..w {
            let mut s = 0.0;
            for (j, &kv) in kx.iter().enumerate() {
                let xx = (x + j).saturating_sub(rx).min(w - 1);
                s += kv * row[xx];
            }
            tmp[y * w + x] = s;
        }
    }
    let mut out = vec![0.0f32; plane.len()];
    for y in 0..h {
        for (j, &kv) in ky.iter().enumerate() {
            let yy = (y + j).saturating_sub(ry).min(h - 1);
            let (src, dst) = (&tmp[yy * w..(yy + 1) * w], &mut out[y * w..(y + 1) * w]);
            for x in 0..w {
                dst[x] += kv * src[x];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blur_keeps_the_total_away_from_edges() {
        let mut p = vec![0.0f32; 21 * 21];
        p[10 * 21 + 10] = 1.0;
        let b = blur(&p, 21, 21, [2.0, 3.0]);
        let total: f32 = b.iter().sum();
        assert!((total - 1.0).abs() < 1e-5);
        assert!(b[10 * 21 + 10] < 0.2 && b[10 * 21 + 11] > 0.0);
    }
}
