//! Scanner set-ups: an interlaced dual-energy linac portal for cargo and a
//! dual-energy line-scan X-ray for bags, and the [`Scanner`] they build.
//!
//! Every default is sourced or marked as an assumption; all are fields, so
//! a scenario can set its own.

use super::basis::{BAG_BASIS, BasisFit, CARGO_BASIS};
use super::detector::{Channel, Detector};
use super::error::PhysicsError;
use super::lut::{LutAxis, TransmissionLut};
use super::material::Material;
use super::spectrum::Spectrum;
use super::zeff::{BAG_REFERENCES, CARGO_REFERENCES, ZeffCalibration};

/// A drive-through cargo portal with an interlaced dual-energy linac.
#[derive(Debug, Clone, PartialEq)]
pub struct LinacPortal {
    /// High-energy endpoint, MV. Default 6: the Linatron Mi6 interlaces 6 MV and 3.5 MV pulses
    /// (Chen et al., Physics Procedia 66, 68 (2015)); 9/6 MV is the Mi9.
    pub high_mv: f64,
    /// Low-energy endpoint, MV. Default 3.5 (as above).
    pub low_mv: f64,
    /// Tungsten target thickness, mm (assumption: 2 mm, about the CSDA range of 6 MeV electrons).
    pub target_mm: f64,
    /// Vehicle speed through the portal, m/s (assumption: 2 m/s, 7.2 km/h).
    pub speed_m_s: f64,
    /// Linac pulse rate, Hz, both energies together (assumption: 800 Hz, 400 per energy).
    pub pulse_rate_hz: f64,
    /// Detector pitch along the detector column, mm (assumption: 5 mm).
    pub detector_pitch_mm: f64,
    /// Scintillator (assumption: CdWO4, 30 mm deep).
    pub detector: Detector,
    /// Air kerma per pulse at 1 m from the target, Gy, low and high energy
    /// (assumption: 0.06 and 0.15 mGy, i.e. 1.4 and 3.6 Gy/min at 400 pulses/s each; a medical 6 MV
    /// linac gives about 0.2-0.3 mGy per pulse).
    pub kerma_per_pulse_at_1m_gy: [f64; 2],
    /// Source-to-detector distance, m (assumption: 7 m across a portal for a 2.6 m wide load).
    pub source_detector_m: f64,
    /// Electronic noise, as a fraction of the air signal (assumption: 2e-5, a 15-bit dynamic range).
    pub electronic_noise: f64,
    /// Share of the forward-scattered signal reaching the detectors past their collimators (assumption: 0.02).
    pub scatter_fraction: f64,
    /// Width of the scatter spread along the detector column, mm (assumption: 300 mm).
    pub scatter_width_mm: f64,
    /// Blur (FWHM) along travel and along the column, in pixels (assumption: one pixel each).
    pub blur_fwhm_px: [f64; 2],
}

impl Default for LinacPortal {
    fn default() -> Self {
        Self {
            high_mv: 6.0,
            low_mv: 3.5,
            target_mm: 2.0,
            speed_m_s: 2.0,
            pulse_rate_hz: 800.0,
            detector_pitch_mm: 5.0,
            detector: Detector {
                material: Material::CadmiumTungstate,
                thickness_mm: 30.0,
            },
            kerma_per_pulse_at_1m_gy: [0.06e-3, 0.15e-3],
            source_detector_m: 7.0,
            electronic_noise: 2e-5,
            scatter_fraction: 0.02,
            scatter_width_mm: 300.0,
            blur_fwhm_px: [1.0, 1.0],
        }
    }
}

impl LinacPortal {
    /// Pixel pitch along travel: the vehicle moves `speed / (pulse rate / 2)` between two pulses of one energy.
    pub fn pitch_along_mm(&self) -> f64 {
        self.speed_m_s / (self.pulse_rate_hz / 2.0) * 1000.0
    }

    /// The scanner these settings make.
    pub fn scanner(&self) -> Result<Scanner, PhysicsError> {
        positive("high_mv", self.high_mv)?;
        positive("low_mv", self.low_mv)?;
        positive("speed_m_s", self.speed_m_s)?;
        positive("pulse_rate_hz", self.pulse_rate_hz)?;
        positive("detector_pitch_mm", self.detector_pitch_mm)?;
        positive("source_detector_m", self.source_detector_m)?;
        if self.low_mv >= self.high_mv {
            return Err(PhysicsError::Setting {
                field: "low_mv",
                why: format!("{} MV is not below the high energy {} MV", self.low_mv, self.high_mv),
            });
        }
        let spectrum = |mv: f64| Spectrum::linac(mv, self.target_mm, 0.1, 40);
        let low = Channel::new(&spectrum(self.low_mv), &[], self.detector);
        let high = Channel::new(&spectrum(self.high_mv), &[], self.detector);
        let pitch = self.pitch_along_mm();
        let area_cm2 = pitch * self.detector_pitch_mm / 100.0;
        let quanta = [&low, &high].map(|ch| ch.quanta_per_photon());
        let kerma = [&low, &high].map(|ch| ch.air_kerma_per_fluence());
        let at_detector = self.kerma_per_pulse_at_1m_gy.map(|k| k / self.source_detector_m.powi(2));
        let quanta_air = [0, 1].map(|c| at_detector[c] / kerma[c] * area_cm2 * quanta[c]);
        let axes = [
            LutAxis { max: 600.0, nodes: 40 },
            LutAxis { max: 500.0, nodes: 40 },
            LutAxis { max: 300.0, nodes: 20 },
        ];
        Scanner::build(ScannerParts {
            name: format!("{}/{} MV interlaced linac portal", self.high_mv, self.low_mv),
            low,
            high,
            bases: CARGO_BASIS,
            axes,
            references: &CARGO_REFERENCES,
            quanta_air,
            electronic_noise: self.electronic_noise,
            scatter_fraction: self.scatter_fraction,
            scatter_width_px: self.scatter_width_mm / self.detector_pitch_mm,
            blur_fwhm_px: self.blur_fwhm_px,
            pitch_mm: [pitch, self.detector_pitch_mm],
        })
    }
}

/// A dual-energy line-scan X-ray for bags: one tube, a sandwich detector (thin front layer, copper
/// filter, thick rear layer) and a belt.
#[derive(Debug, Clone, PartialEq)]
pub struct BagLineScanner {
    /// Tube voltage, kV (assumption: 160 kV, the upper end of the 140-160 kV of cabin-bag X-rays).
    pub kvp: f64,
    /// Tube filtration, mm of aluminium (assumption: 2 mm Al equivalent, window included).
    pub filter_al_mm: f64,
    /// Front (low-energy) detector (assumption: 0.2 mm gadolinium oxysulfide).
    pub front: Detector,
    /// Copper between the layers, mm (assumption: 0.5 mm).
    pub interlayer_cu_mm: f64,
    /// Rear (high-energy) detector (assumption: 3 mm CsI).
    pub rear: Detector,
    /// Belt speed, m/s (assumption: 0.2 m/s).
    pub belt_speed_m_s: f64,
    /// Detector line rate, Hz (assumption: 167 Hz, 1.2 mm per line at 0.2 m/s).
    pub line_rate_hz: f64,
    /// Detector pitch, mm (assumption: 1.2 mm).
    pub detector_pitch_mm: f64,
    /// Tube current, mA (assumption: 1 mA).
    pub tube_ma: f64,
    /// Air kerma per mAs at 1 m, Gy (assumption: 0.1 mGy/mAs, the order of filtered tubes at 150 kV).
    pub kerma_per_mas_at_1m_gy: f64,
    /// Focus-to-detector distance, m (assumption: 1 m).
    pub source_detector_m: f64,
    /// Electronic noise, as a fraction of the air signal (assumption: 1e-4).
    pub electronic_noise: f64,
    /// Scattered share reaching the detectors (assumption: 0.01).
    pub scatter_fraction: f64,
    /// Blur (FWHM) along travel and along the column, in pixels (assumption: one pixel each).
    pub blur_fwhm_px: [f64; 2],
}

impl Default for BagLineScanner {
    fn default() -> Self {
        Self {
            kvp: 160.0,
            filter_al_mm: 2.0,
            front: Detector {
                material: Material::GadoliniumOxysulfide,
                thickness_mm: 0.2,
            },
            interlayer_cu_mm: 0.5,
            rear: Detector {
                material: Material::CesiumIodide,
                thickness_mm: 3.0,
            },
            belt_speed_m_s: 0.2,
            line_rate_hz: 166.7,
            detector_pitch_mm: 1.2,
            tube_ma: 1.0,
            kerma_per_mas_at_1m_gy: 1.0e-4,
            source_detector_m: 1.0,
            electronic_noise: 1e-4,
            scatter_fraction: 0.01,
            blur_fwhm_px: [1.0, 1.0],
        }
    }
}

impl BagLineScanner {
    /// Pixel pitch along the belt: belt speed over line rate.
    pub fn pitch_along_mm(&self) -> f64 {
        self.belt_speed_m_s / self.line_rate_hz * 1000.0
    }

    /// The scanner these settings make.
    pub fn scanner(&self) -> Result<Scanner, PhysicsError> {
        positive("kvp", self.kvp)?;
        positive("belt_speed_m_s", self.belt_speed_m_s)?;
        positive("line_rate_hz", self.line_rate_hz)?;
        positive("detector_pitch_mm", self.detector_pitch_mm)?;
        positive("tube_ma", self.tube_ma)?;
        let spectrum = Spectrum::tube(self.kvp, 10.0).filtered(Material::Aluminium, self.filter_al_mm);
        let low = Channel::new(&spectrum, &[], self.front);
        let filters = [
            (self.front.material, self.front.thickness_mm),
            (Material::Copper, self.interlayer_cu_mm),
        ];
        let high = Channel::new(&spectrum, &filters, self.rear);
        let pitch = self.pitch_along_mm();
        let area_cm2 = pitch * self.detector_pitch_mm / 100.0;
        let kerma = self.kerma_per_mas_at_1m_gy * self.tube_ma / self.line_rate_hz / self.source_detector_m.powi(2);
        let photons = kerma / low.air_kerma_per_fluence() * area_cm2;
        let quanta_air = [photons * low.quanta_per_photon(), photons * high.quanta_per_photon()];
        let axes = [
            LutAxis { max: 100.0, nodes: 40 },
            LutAxis { max: 30.0, nodes: 40 },
            LutAxis { max: 10.0, nodes: 20 },
        ];
        Scanner::build(ScannerParts {
            name: format!("{} kV dual-energy line scanner", self.kvp),
            low,
            high,
            bases: BAG_BASIS,
            axes,
            references: &BAG_REFERENCES,
            quanta_air,
            electronic_noise: self.electronic_noise,
            scatter_fraction: self.scatter_fraction,
            scatter_width_px: 100.0 / self.detector_pitch_mm,
            blur_fwhm_px: self.blur_fwhm_px,
            pitch_mm: [pitch, self.detector_pitch_mm],
        })
    }
}

fn positive(field: &'static str, v: f64) -> Result<(), PhysicsError> {
    if v > 0.0 && v.is_finite() {
        Ok(())
    } else {
        Err(PhysicsError::Setting {
            field,
            why: format!("{v} must be a positive number"),
        })
    }
}

/// What a scanner is made of, before its tables are built.
#[derive(Debug, Clone)]
struct ScannerParts {
    name: String,
    low: Channel,
    high: Channel,
    bases: [Material; 3],
    axes: [LutAxis; 3],
    references: &'static [(Material, f32)],
    quanta_air: [f64; 2],
    electronic_noise: f64,
    scatter_fraction: f64,
    scatter_width_px: f64,
    blur_fwhm_px: [f64; 2],
    pitch_mm: [f64; 2],
}

/// A dual-energy scanner ready to render: its channels, basis fit, transmission table and
/// material calibration. Build once and reuse: building costs tens of milliseconds.
#[derive(Debug, Clone)]
pub struct Scanner {
    /// What the scanner is.
    pub name: String,
    /// Low-energy channel.
    pub low: Channel,
    /// High-energy channel.
    pub high: Channel,
    /// Materials as basis mixes.
    pub fit: BasisFit,
    /// Polychromatic transmission table.
    pub lut: TransmissionLut,
    /// Effective quanta per pixel through air, low and high channel.
    pub quanta_air: [f64; 2],
    /// Electronic noise, fraction of the air signal.
    pub electronic_noise: f64,
    /// Scattered share reaching the detectors.
    pub scatter_fraction: f64,
    /// Scatter spread along the detector column, pixels.
    pub scatter_width_px: f64,
    /// Blur FWHM along travel and column, pixels.
    pub blur_fwhm_px: [f64; 2],
    /// Pixel pitch along travel and along the column, mm.
    pub pitch_mm: [f64; 2],
    /// Effective-Z calibration of the material channel.
    pub calibration: ZeffCalibration,
}

impl Scanner {
    fn build(p: ScannerParts) -> Result<Scanner, PhysicsError> {
        let fit = BasisFit::new(p.bases, &[&p.low, &p.high]);
        let lut = TransmissionLut::new(&p.low, &p.high, p.bases, p.axes);
        let calibration = ZeffCalibration::new(&fit, &lut, p.references);
        Ok(Scanner {
            name: p.name,
            low: p.low,
            high: p.high,
            fit,
            lut,
            quanta_air: p.quanta_air,
            electronic_noise: p.electronic_noise,
            scatter_fraction: p.scatter_fraction,
            scatter_width_px: p.scatter_width_px,
            blur_fwhm_px: p.blur_fwhm_px,
            pitch_mm: p.pitch_mm,
            calibration,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pitch_follows_speed_and_pulse_rate() {
        let portal = LinacPortal::default();
        assert!((portal.pitch_along_mm() - 5.0).abs() < 1e-9);
        let slow = LinacPortal {
            speed_m_s: 1.0,
            ..LinacPortal::default()
        };
        assert!((slow.pitch_along_mm() - 2.5).abs() < 1e-9);
        assert!((BagLineScanner::default().pitch_along_mm() - 1.2).abs() < 0.01);
    }

    #[test]
    fn bad_settings_are_refused_by_name() {
        let err = LinacPortal {
            speed_m_s: 0.0,
            ..LinacPortal::default()
        }
        .scanner()
        .unwrap_err();
        assert_eq!(err.to_string(), "scanner setting `speed_m_s`: 0 must be a positive number");
        let err = LinacPortal {
            low_mv: 6.0,
            ..LinacPortal::default()
        }
        .scanner()
        .unwrap_err();
        assert!(err.to_string().contains("low_mv"));
    }

    #[test]
    fn flux_per_pixel_is_of_the_order_a_dose_gives() {
        let s = LinacPortal::default().scanner().unwrap();
        eprintln!("cargo quanta per pixel {:?}", s.quanta_air);
        assert!(s.quanta_air[1] > 1e3 && s.quanta_air[1] < 1e7, "{:?}", s.quanta_air);
        let b = BagLineScanner::default().scanner().unwrap();
        eprintln!("bag quanta per pixel {:?}", b.quanta_air);
        assert!(b.quanta_air[0] > 1e2 && b.quanta_air[0] < 1e7, "{:?}", b.quanta_air);
    }
}
