//! The scanner: turns an attenuation map into a noisy 8-bit image.
//!
//! A line scanner has one column of detector elements (image rows) and
//! fires one pulse per image column. Transmission is `gain * exp(-mu)`,
//! each element has its own gain (faint horizontal streaks), each pulse
//! its own intensity (faint vertical streaks), and photon noise grows
//! with attenuation in the log-encoded image: dense cargo hides.

use rand::{Rng, RngExt};
use rand_distr::{Distribution, StandardNormal};

use super::canvas::Canvas;
use crate::detect::image::{MU_MAX, ScanImage};

/// How one scanner behaves on one scan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScannerSettings {
    /// Overall detector gain (1 is calibrated).
    pub gain: f32,
    /// Photon noise: standard deviation of the transmitted fraction through air.
    pub noise: f32,
}

impl ScannerSettings {
    /// A scanner as found at a port: gain within ±15%, noise 1–4% of full scale.
    pub fn sample<R: Rng + ?Sized>(rng: &mut R) -> Self {
        Self {
            gain: rng.random_range(0.85..1.15),
            noise: rng.random_range(0.01..0.04),
        }
    }

    /// Exposes the attenuation map and encodes the result.
    pub fn expose<R: Rng + ?Sized>(&self, canvas: &Canvas, rng: &mut R) -> ScanImage {
        let row_gain: Vec<f32> = (0..canvas.height).map(|_| 1.0 + 0.02 * normal(rng)).collect();
        let pulse: Vec<f32> = (0..canvas.width).map(|_| 1.0 + 0.01 * normal(rng)).collect();
        let floor = (-MU_MAX).exp();
        let mut pixels = Vec::with_capacity(canvas.mu.len());
        for (y, row) in canvas.mu.chunks(canvas.width).enumerate() {
            for (x, &mu) in row.iter().enumerate() {
                let transmitted = (-mu).exp();
                let signal = self.gain * row_gain[y] * pulse[x] * transmitted;
                let measured = (signal + self.noise * transmitted.sqrt() * normal(rng) + 0.002 * normal(rng)).max(floor);
                let mu_seen = -measured.ln();
                pixels.push((255.0 * (1.0 - mu_seen / MU_MAX)).round().clamp(0.0, 255.0) as u8);
            }
        }
        ScanImage {
            width: canvas.width,
            height: canvas.height,
            pixels,
        }
    }
}

fn normal<R: Rng + ?Sized>(rng: &mut R) -> f32 {
    StandardNormal.sample(rng)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::rng::stream;

    #[test]
    fn denser_is_darker_and_noise_is_seeded() {
        let mut canvas = Canvas::new(8, 4);
        canvas.rect(4.0, 0.0, 4.0, 4.0, 3.0);
        let scanner = ScannerSettings { gain: 1.0, noise: 0.02 };
        let a = scanner.expose(&canvas, &mut stream(1, "detect/test"));
        let b = scanner.expose(&canvas, &mut stream(1, "detect/test"));
        assert_eq!(a, b);
        assert!(a.pixels[0] > 240 && a.pixels[6] < 120 && a.pixels[6] > 85, "{:?}", a.pixels);
    }
}
