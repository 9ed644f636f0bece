//! A drive-through portal scanning a truck: the truck's true contents stowed from its
//! declaration's truth ([`super::stowage`]), scanned at the portal's pitch (speed over half the
//! interlaced pulse rate) from behind the cab unless the cab is to be scanned, and rendered to a
//! model's input spec (`input` in `models/manifest.ron`).
//!
//! Where the truth cannot be packed as declared (the generator's densest draws weigh more than a
//! 20 ft box takes, 28,280 kg, or pack past their solid density), the goods are scanned at the
//! heaviest load that packs, in steps of 10 % of the mass (and 5 % of the volume);
//! `Scene::goods_kg` says what was packed.

use rand::{Rng, RngExt};

use super::concealment::{ConcealmentCatalogue, Site};
use super::container::{ContainerSpec, DECK_MM, HEIGHT_MM, Truck};
use super::error::PhysicsError;
use super::image::{DualEnergyImage, decode};
use super::packing::Consignment;
use super::projection::View;
use super::scanner::{LinacPortal, Scanner};
use super::shape::{Axis, Solid};
use super::stowage::{Stowage, site_open, stow};
use super::threats::{ThreatCatalogue, ThreatItem};
use super::zeff::MaterialClass;
use crate::detect::classes::{GoodsCategory, ThreatSet};
use crate::detect::manifest::{InputChannel, InputEncoding, InputSpec, Tiling};

/// Heaviest goods load of a 20 ft box: 30,480 kg gross (ISO 668) less about 2,200 kg tare.
pub const MAX_GOODS_KG: f64 = 28_280.0;

/// A truck at the portal with what it truly carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// The truck and its container.
    pub truck: Truck,
    /// Goods and concealed items.
    pub stowage: Stowage,
    /// Goods mass packed, kg (the declaration's truth, or the heaviest load that packs).
    pub goods_kg: f64,
}

impl Scene {
    /// A truck with one 20 ft container holding `goods_kg` of `goods` in `volume_m3`, and one
    /// item of each class of `contraband` (drawn from the shipped catalogue) hidden at a site
    /// drawn by the shipped concealment weights among the sites open to this load.
    pub fn build<R: Rng + ?Sized>(
        goods: GoodsCategory,
        goods_kg: f64,
        volume_m3: f64,
        contraband: ThreatSet,
        rng: &mut R,
    ) -> Result<Scene, PhysicsError> {
        let truck = Truck::carrying(&[ContainerSpec::TWENTY_FOOT]);
        let threats = ThreatCatalogue::standard();
        let sites = ConcealmentCatalogue::standard();
        let hold = truck.containers[0].hold();
        let hold_m3 = (0..3).map(|k| hold.max[k] - hold.min[k]).product::<f64>() / 1e9;
        let mut consignment = Consignment {
            mass_kg: goods_kg.min(MAX_GOODS_KG),
            volume_m3: volume_m3.min(hold_m3 * 0.95),
            ..Consignment::typical(goods, goods_kg)
        };
        let items: Vec<&ThreatItem> = contraband
            .iter()
            .filter_map(|class| {
                let of_class: Vec<&ThreatItem> = threats.of_class(class).collect();
                (!of_class.is_empty()).then(|| of_class[rng.random_range(0..of_class.len())])
            })
            .collect();
        let mut last = None;
        // Each item takes a site drawn by the weights; a site that cannot take it on this load
        // is struck off and another drawn. When no site is left, the load is lightened.
        'lighter: for _ in 0..10 {
            let mut hidden: Vec<(&ThreatItem, &Site)> = Vec::new();
            let mut stowed = None;
            for item in &items {
                let mut struck: Vec<&str> = Vec::new();
                loop {
                    let open = |s: &Site| site_open(s, &consignment) && !struck.contains(&s.name.as_str());
                    let Some(site) = sites.draw(item, open, rng) else {
                        lighten(&mut consignment);
                        continue 'lighter;
                    };
                    hidden.push((*item, site));
                    match stow(&consignment, &truck, 0, &hidden, rng) {
                        Ok(s) => {
                            stowed = Some(s);
                            break;
                        }
                        Err(e) => {
                            hidden.pop();
                            struck.push(&site.name);
                            last = Some(e);
                        }
                    }
                }
            }
            match stowed.map_or_else(|| stow(&consignment, &truck, 0, &hidden, rng), Ok) {
                Ok(stowage) => {
                    return Ok(Scene {
                        truck,
                        stowage,
                        goods_kg: consignment.mass_kg,
                    });
                }
                Err(e) => last = Some(e),
            }
            lighten(&mut consignment);
        }
        Err(last.unwrap_or(PhysicsError::Load {
            what: format!("{goods_kg:.0} kg of {goods}"),
            why: "no load packs".into(),
        }))
    }
}

/// One step lighter: 10 % less mass in 5 % less volume, so that a load refused for the room it
/// leaves (no site open) gains room and one refused for its density (the units left by a hidden
/// item packed past their solid density) gets lighter per unit.
fn lighten(consignment: &mut Consignment) {
    consignment.mass_kg *= 0.9;
    consignment.volume_m3 *= 0.95;
}

impl Scene {
    /// Every solid in the portal: truck, container, goods and hidden items.
    pub fn solids(&self) -> Vec<Solid> {
        let mut all = self.truck.solids();
        all.extend(self.stowage.solids());
        all
    }

    /// The side view of `scanner` over what the portal scans: from behind the cab (or from the
    /// truck's front when `scan_cab`) to the end of the container, road to roof.
    pub fn view(&self, scanner: &Scanner, scan_cab: bool) -> View {
        scanner.view(Axis::Y, self.truck.scanned_x(scan_cab), (0.0, DECK_MM + HEIGHT_MM + 100.0))
    }

    /// The view a model's `input` asks for: its pixel size, `width` by `height` pixels centred
    /// on the container.
    pub fn model_view(&self, spec: &InputSpec, width: usize, height: usize) -> View {
        let c = self.truck.containers[0];
        let Tiling::Whole = spec.tiling;
        let (px, pz) = spec.pixel_mm;
        let centre = [c.x_mm + c.spec.length_mm / 2.0, c.z_mm + HEIGHT_MM / 2.0];
        View {
            beam: Axis::Y,
            x0_mm: centre[0] - width as f64 * px / 2.0,
            v_top_mm: centre[1] + height as f64 * pz / 2.0,
            pitch_x_mm: px,
            pitch_v_mm: pz,
            width,
            height,
        }
    }
}

/// The portal binned to `pixel_mm` (along travel, up): the same truck speed, one pulse pair per
/// pixel with the dose of the pulses it replaces, detector elements `pixel_mm.1` high, so each
/// pixel collects the photons of the fine pixels it spans (blur and scatter are set per pixel
/// and so are coarser than binning exactly would give).
pub fn binned(portal: &LinacPortal, pixel_mm: (f64, f64)) -> LinacPortal {
    let pulse_rate_hz = 2.0 * portal.speed_m_s * 1000.0 / pixel_mm.0;
    let dose = portal.pulse_rate_hz / pulse_rate_hz;
    LinacPortal {
        pulse_rate_hz,
        detector_pitch_mm: pixel_mm.1,
        kerma_per_pulse_at_1m_gy: portal.kerma_per_pulse_at_1m_gy.map(|k| k * dose),
        ..portal.clone()
    }
}

/// Encodes a scan (and its material channel, where the spec asks for it) as model input values,
/// channel after channel, row-major.
pub fn encode_input(spec: &InputSpec, image: &DualEnergyImage, classes: Option<&[MaterialClass]>) -> Vec<f32> {
    let InputEncoding::Attenuation8 { max } = spec.encoding;
    let eight = |code: u16| {
        let mu = f64::from(decode(code)).clamp(0.0, max);
        ((255.0 * (1.0 - mu / max)).round() / 255.0) as f32
    };
    let mut out = Vec::with_capacity(spec.channels.len() * image.width * image.height);
    for channel in &spec.channels {
        match channel {
            InputChannel::High => out.extend(image.high.iter().map(|&c| eight(c))),
            InputChannel::Low => out.extend(image.low.iter().map(|&c| eight(c))),
            InputChannel::Material => out.extend(classes.unwrap_or(&[]).iter().map(|c| match c {
                MaterialClass::Empty => 0.0,
                MaterialClass::Organic => 0.25,
                MaterialClass::Mixed | MaterialClass::Ambiguous => 0.5,
                MaterialClass::Inorganic => 0.75,
                MaterialClass::Impenetrable => 1.0,
            })),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::classes::ThreatClass;
    use crate::sim::rng::stream;

    #[test]
    fn binning_keeps_the_dose_per_area_and_the_pixel_takes_the_spec_pitch() {
        let portal = LinacPortal::default();
        let coarse = binned(&portal, (23.8, 45.2));
        assert!((coarse.pitch_along_mm() - 23.8).abs() < 1e-9);
        // Dose per mm of travel is the portal's own.
        let per_mm = |p: &LinacPortal| p.kerma_per_pulse_at_1m_gy[1] * p.pulse_rate_hz / p.speed_m_s;
        assert!((per_mm(&coarse) / per_mm(&portal) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_beam_waits_for_the_cab_unless_asked_and_the_pitch_follows_speed_and_pulses() {
        let portal = LinacPortal::default();
        // 2 m/s at 800 Hz interlaced: 400 pulse pairs a second, 5 mm apart.
        assert!((portal.pitch_along_mm() - 5.0).abs() < 1e-9);
        let scanner = portal.scanner().unwrap();
        let scene = Scene::build(GoodsCategory::Textiles, 4_000.0, 20.0, ThreatSet::NONE, &mut stream(2, "t")).unwrap();
        let without = scene.view(&scanner, false);
        let with = scene.view(&scanner, true);
        assert!(without.x0_mm > super::super::container::CAB_MM, "{}", without.x0_mm);
        assert_eq!(with.x0_mm, 0.0);
        assert_eq!(without.pitch_x_mm, 5.0);
        assert!(with.width > without.width);
    }

    #[test]
    fn a_scene_holds_its_contraband_and_refits_an_overweight_load() {
        let mut contraband = ThreatSet::NONE;
        contraband.insert(ThreatClass::Drugs);
        let scene = Scene::build(GoodsCategory::Foodstuffs, 12_000.0, 25.0, contraband, &mut stream(1, "t")).unwrap();
        assert_eq!(scene.stowage.stowed.len(), 1);
        assert_eq!(scene.stowage.stowed[0].class, ThreatClass::Drugs);
        assert_eq!(scene.goods_kg, 12_000.0);
        // 40 t of steel coils: more than a 20 ft box takes.
        let heavy = Scene::build(GoodsCategory::MetalProducts, 40_000.0, 30.0, ThreatSet::NONE, &mut stream(1, "t")).unwrap();
        assert!(heavy.goods_kg <= MAX_GOODS_KG, "{}", heavy.goods_kg);
    }
}
