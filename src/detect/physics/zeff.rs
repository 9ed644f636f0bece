//! The material channel: effective-Z classes from the ratio of low- to
//! high-energy attenuation, where physics allows.
//!
//! For each reference material the ratio R = A_low/A_high is tabulated
//! against A_high (noise-free, through the scanner's own table). A pixel's
//! R is placed between the two references it falls between and given their
//! interpolated Z_eff. The class boundaries at Z_eff 10 and 18 follow the
//! usual colour coding of dual-energy X-ray screening (organic below 10,
//! mixed or light inorganic between, metals above; the exact boundaries
//! vary by vendor and are an assumption here). A pixel is *ambiguous* when
//! its R ± 2σ (σ from photon statistics over the 5 × 5 neighbourhood it is averaged on) could
//! mean more than one class: too thin to tell, too dark to tell, between
//! classes, or where two materials give the same ratio; *impenetrable* when the high-energy signal is below twice its
//! own noise; *empty* when it attenuates less than 1 %.

use super::basis::BasisFit;
use super::lut::TransmissionLut;
use super::material::Material;

/// Z_eff of the reference materials: polyethylene 5.44 and water 7.42 (power-law Z_eff, exponent
/// 2.94, Spiers, Br. J. Radiol. 19, 52 (1946)); elements their Z.
pub const CARGO_REFERENCES: [(Material, f32); 6] = [
    (Material::Polyethylene, 5.44),
    (Material::Water, 7.42),
    (Material::Aluminium, 13.0),
    (Material::Iron, 26.0),
    (Material::Copper, 29.0),
    (Material::Lead, 82.0),
];

/// References of kilovolt bag scanners: lead is left out, because its K edge (88 keV) falls
/// between the two channels of a sandwich detector and gives thin lead the ratio of aluminium;
/// thin lead therefore shows as mixed, and thick lead as impenetrable.
pub const BAG_REFERENCES: [(Material, f32); 5] = [
    (Material::Polyethylene, 5.44),
    (Material::Water, 7.42),
    (Material::Aluminium, 13.0),
    (Material::Iron, 26.0),
    (Material::Copper, 29.0),
];

/// Z_eff boundary between organic and mixed.
pub const ORGANIC_BELOW: f32 = 10.0;
/// Z_eff boundary between mixed and inorganic.
pub const INORGANIC_ABOVE: f32 = 18.0;

/// What the material channel says of a pixel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MaterialClass {
    /// Nothing in the beam.
    Empty,
    /// Z_eff below 10.
    Organic,
    /// Z_eff 10–18.
    Mixed,
    /// Z_eff above 18.
    Inorganic,
    /// Too little signal to measure.
    Impenetrable,
    /// Physics cannot tell the class here.
    Ambiguous,
}

impl MaterialClass {
    fn of(zeff: f32) -> MaterialClass {
        if zeff < ORGANIC_BELOW {
            MaterialClass::Organic
        } else if zeff < INORGANIC_ABOVE {
            MaterialClass::Mixed
        } else {
            MaterialClass::Inorganic
        }
    }
}

/// Nodes of each reference curve.
const NODES: usize = 96;

/// Reference curves R(A_high) of one scanner.
#[derive(Debug, Clone, PartialEq)]
pub struct ZeffCalibration {
    /// Reference materials and their Z_eff, in order of Z.
    references: Vec<(Material, f32)>,
    /// A_high of the nodes (shared by every curve), nepers.
    a_high: Vec<f32>,
    /// R at each node, per reference (NaN beyond the table's reach).
    ratio: Vec<Vec<f32>>,
}

impl ZeffCalibration {
    /// Tabulates `references` (in order of Z) through `lut`.
    pub fn new(fit: &BasisFit, lut: &TransmissionLut, references: &[(Material, f32)]) -> ZeffCalibration {
        let a_high: Vec<f32> = (0..NODES)
            .map(|i| 0.005 * (3000.0f32).powf(i as f32 / (NODES - 1) as f32))
            .collect();
        let axes = lut.axes();
        let ratio = references
            .iter()
            .map(|&(m, _)| {
                let c = fit.coefficients(m);
                // Areal density of the reference giving each A_high, by bisection.
                a_high
                    .iter()
                    .map(|&target| {
                        let at = |a: f32| lut.lookup([c[0] as f32 * a, c[1] as f32 * a, c[2] as f32 * a]);
                        let reach = (0..3)
                            .filter(|&b| c[b] > 0.0)
                            .map(|b| axes[b].max / c[b] as f32)
                            .fold(f32::INFINITY, f32::min);
                        if -at(reach)[2] < target {
                            return f32::NAN;
                        }
                        let (mut lo, mut hi) = (0.0f32, reach);
                        for _ in 0..40 {
                            let mid = 0.5 * (lo + hi);
                            if -at(mid)[2] < target { lo = mid } else { hi = mid }
                        }
                        let v = at(0.5 * (lo + hi));
                        v[0] / v[2]
                    })
                    .collect()
            })
            .collect();
        ZeffCalibration {
            references: references.to_vec(),
            a_high,
            ratio,
        }
    }

    /// The ratio R of reference `r` at `a_high` (None beyond its curve).
    pub fn reference_ratio(&self, r: usize, a_high: f32) -> Option<f32> {
        let x = &self.a_high;
        if a_high < x[0] || a_high > x[NODES - 1] {
            return None;
        }
        let i = x.partition_point(|&v| v <= a_high).clamp(1, NODES - 1);
        let t = (a_high - x[i - 1]) / (x[i] - x[i - 1]);
        let v = self.ratio[r][i - 1] + t * (self.ratio[r][i] - self.ratio[r][i - 1]);
        v.is_finite().then_some(v)
    }

    /// Every Z_eff whose reference curve passes through ratio `r` at `a_high`, interpolated between
    /// neighbouring references (in order of Z). The ratio need not run monotonically with Z: at
    /// megavolts the photoelectric effect in the low-energy part of the spectrum lifts lead above
    /// iron for thin objects, so one ratio can mean two materials (Lalor et al., arXiv:2301.05783).
    /// A ratio beyond every reference gets the Z_eff of the nearest one.
    pub fn zeff_candidates(&self, a_high: f32, r: f32) -> Vec<f32> {
        let refs: Vec<(f32, f32)> = (0..self.references.len())
            .filter_map(|i| self.reference_ratio(i, a_high).map(|v| (v, self.references[i].1)))
            .collect();
        if refs.len() < 2 {
            return Vec::new();
        }
        let mut out = Vec::new();
        for w in refs.windows(2) {
            let ((ra, za), (rb, zb)) = (w[0], w[1]);
            if (r - ra) * (r - rb) <= 0.0 && ra != rb {
                out.push(za + (r - ra) / (rb - ra) * (zb - za));
            }
        }
        if out.is_empty() {
            let nearest = refs.iter().min_by(|a, b| (a.0 - r).abs().total_cmp(&(b.0 - r).abs()));
            out.extend(nearest.map(|n| n.1));
        }
        out
    }
}

/// Classifies every pixel of a scan from its decoded attenuations (row-major) and the scanner's
/// effective quanta through air and electronic noise.
pub fn classify(
    calibration: &ZeffCalibration,
    width: usize,
    height: usize,
    (low, high): (&[f32], &[f32]),
    quanta_air: [f64; 2],
    electronic_noise: f64,
) -> Vec<MaterialClass> {
    let smooth = |plane: &[f32]| -> Vec<f32> {
        let mut out = vec![0.0; plane.len()];
        for y in 0..height {
            for x in 0..width {
                let (mut s, mut n) = (0.0, 0.0);
                for yy in y.saturating_sub(2)..(y + 3).min(height) {
                    for xx in x.saturating_sub(2)..(x + 3).min(width) {
                        s += plane[yy * width + xx];
                        n += 1.0;
                    }
                }
                out[y * width + x] = s / n;
            }
        }
        out
    };
    let (sl, sh) = (smooth(low), smooth(high));
    // Noise of -ln T from photon statistics and electronics, per pixel, then over 25 pixels.
    let sigma = |a: f32, q: f64| -> f32 {
        let t = f64::from((-a).exp());
        ((t / q + electronic_noise * electronic_noise).sqrt() / t / 5.0) as f32
    };
    sl.iter()
        .zip(&sh)
        .map(|(&al, &ah)| {
            let sh_ = sigma(ah, quanta_air[1]);
            if ah < 0.01 {
                return MaterialClass::Empty;
            }
            if 5.0 * sh_ > 0.5 {
                return MaterialClass::Impenetrable;
            }
            let sl_ = sigma(al, quanta_air[0]);
            let r = al / ah;
            let sr = r * ((sl_ / al.max(1e-6)).powi(2) + (sh_ / ah).powi(2)).sqrt();
            // Every class a ratio within two standard deviations could mean.
            let mut classes = (0..=8)
                .flat_map(|k| calibration.zeff_candidates(ah, r + (k as f32 / 4.0 - 1.0) * 2.0 * sr))
                .map(MaterialClass::of);
            match classes.next() {
                Some(first) if classes.all(|c| c == first) => first,
                _ => MaterialClass::Ambiguous,
            }
        })
        .collect()
}
