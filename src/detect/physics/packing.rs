//! Goods that weigh what they weigh: a consignment's true mass and volume packed into a hold as
//! units resting on the floor or on each other.
//!
//! Units: cartons 600 × 400 × 400 mm (assumption), pallets 1200 × 1000 × 144 mm
//! (ISO 6780, about 25 kg of wood) loaded 1 m high, cotton-type bales 1400 × 530 × 700 mm
//! (the universal-density bale, about 227 kg), 200 L steel drums 571.5 mm × 880 mm
//! with 1.0 mm steel walls at steel's density (ISO 15750; 16.4 kg as modelled, about 18 kg real), steel coils 1200 mm wide on
//! a 508 mm bore lying eye-to-side, and bulk as one layer on the floor. Each unit's
//! content density is the content mass over the content volume, so the projected
//! areal density integrates to the declared mass exactly.

use rand::{Rng, RngExt};

use super::container::Hold;
use super::error::PhysicsError;
use super::material::{Catalogue, Material};
use super::shape::{Axis, Part, Shape, Solid};
use crate::detect::classes::GoodsCategory;

/// How goods are packed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Packaging {
    /// Loose cartons stacked floor to ceiling.
    Cartons,
    /// Goods on wooden pallets.
    Pallets,
    /// Pressed bales.
    Bales,
    /// 200 L steel drums standing upright.
    Drums,
    /// Coils lying eye-to-side.
    Coils,
    /// Bulk goods in one layer on the floor.
    Bulk,
}

/// What truly travels: goods, their mass and volume, and how they are packed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Consignment {
    /// Goods category (declaration vocabulary).
    pub goods: GoodsCategory,
    /// Net mass of goods, kg (packaging tare comes on top).
    pub mass_kg: f64,
    /// Volume the goods occupy as packed, m³ (cartons, pallets and bales fill it; others derive it).
    pub volume_m3: f64,
    /// Packing.
    pub packaging: Packaging,
}

impl Consignment {
    /// The material and usual packing of each goods category.
    pub fn material_and_packing(goods: GoodsCategory) -> (Material, Packaging) {
        match goods {
            GoodsCategory::Electronics => (Material::CircuitBoard, Packaging::Cartons),
            GoodsCategory::Textiles => (Material::Textile, Packaging::Bales),
            GoodsCategory::Machinery => (Material::CastIron, Packaging::Pallets),
            GoodsCategory::Foodstuffs => (Material::Foodstuff, Packaging::Cartons),
            GoodsCategory::Chemicals => (Material::Water, Packaging::Drums),
            GoodsCategory::Furniture => (Material::Wood, Packaging::Cartons),
            GoodsCategory::MetalProducts => (Material::Steel, Packaging::Coils),
            GoodsCategory::PlasticsToys => (Material::Polystyrene, Packaging::Cartons),
            GoodsCategory::Paper => (Material::Paper, Packaging::Pallets),
            GoodsCategory::VehicleParts => (Material::CastIron, Packaging::Pallets),
            GoodsCategory::Empty => (Material::Air, Packaging::Bulk),
        }
    }

    /// A consignment of `mass_kg` of `goods` at its typical loaded density
    /// ([`crate::cargo::clearance::declaration::typical_density`]) in its usual packing.
    pub fn typical(goods: GoodsCategory, mass_kg: f64) -> Consignment {
        let density = crate::cargo::clearance::declaration::typical_density(goods).max(1.0);
        Consignment {
            goods,
            mass_kg,
            volume_m3: mass_kg / density,
            packaging: Self::material_and_packing(goods).1,
        }
    }
}

/// A loaded hold: the solids and the total they weigh.
#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    /// Goods and packaging.
    pub solids: Vec<Solid>,
    /// Goods mass, kg.
    pub goods_kg: f64,
    /// Packaging tare, kg.
    pub tare_kg: f64,
}

/// A box the goods must leave free (the room a concealed item takes), lowest and highest corner, mm.
pub type KeepOut = ([f64; 3], [f64; 3]);

/// Packs `consignment` into `hold`, front first; gaps between units are drawn from `rng`.
pub fn pack<R: Rng + ?Sized>(consignment: &Consignment, hold: &Hold, rng: &mut R) -> Result<Load, PhysicsError> {
    pack_around(consignment, hold, &[], rng)
}

/// Packs `consignment` into `hold` leaving every `keep_out` box free: a unit whose slot meets a
/// keep-out box moves to a free slot, and units above it are left out so nothing floats. The
/// goods keep their mass; where the free slots are too few, the remaining units take more of
/// it, never more than their material's solid density (`data/xcom/materials.ron`); beyond that
/// the load is refused. Bulk goods flow around a keep-out box: it becomes a cavity in the layer.
pub fn pack_around<R: Rng + ?Sized>(
    consignment: &Consignment,
    hold: &Hold,
    keep_out: &[KeepOut],
    rng: &mut R,
) -> Result<Load, PhysicsError> {
    let (material, _) = Consignment::material_and_packing(consignment.goods);
    let refuse = |why: String| PhysicsError::Load {
        what: format!("{} kg of {}", consignment.mass_kg, consignment.goods),
        why,
    };
    if consignment.goods == GoodsCategory::Empty || consignment.mass_kg <= 0.0 {
        return Ok(Load {
            solids: Vec::new(),
            goods_kg: 0.0,
            tare_kg: 0.0,
        });
    }
    let size = [hold.max[0] - hold.min[0], hold.max[1] - hold.min[1], hold.max[2] - hold.min[2]];
    let hold_m3 = size[0] * size[1] * size[2] / 1e9;
    if consignment.volume_m3 > hold_m3 {
        return Err(refuse(format!(
            "{:.1} m3 does not fit a {hold_m3:.1} m3 hold",
            consignment.volume_m3
        )));
    }
    let solid_density = Catalogue::standard().density(material);
    let denser = |kg: f64, cm3: f64, unit: &str| {
        refuse(format!(
            "{kg:.0} kg in a {:.3} m3 {unit} is {:.2} g/cm3, denser than solid {material} ({solid_density} g/cm3)",
            cm3 / 1e6,
            kg * 1000.0 / cm3
        ))
    };
    let goods = Part::Goods;
    let mut solids = Vec::new();
    let mut tare = 0.0;
    match consignment.packaging {
        Packaging::Cartons | Packaging::Bales | Packaging::Pallets => {
            let (unit, pallet_mm) = match consignment.packaging {
                Packaging::Cartons => ([600.0, 400.0, 400.0], 0.0),
                Packaging::Bales => ([1400.0, 530.0, 700.0], 0.0),
                _ => ([1200.0, 1000.0, 1000.0], 144.0),
            };
            let unit_m3 = unit[0] * unit[1] * unit[2] / 1e9;
            let level_h = unit[2] + pallet_mm;
            let across = (size[1] / unit[1]).floor().max(1.0) as usize;
            let up = (size[2] / level_h).floor().max(1.0) as usize;
            let pitch = [size[1] / across as f64, level_h];
            let slots = stack_slots(hold, unit, pitch, across, up, keep_out, || rng.random_range(5.0..15.0));
            // The declared volume sets the number of units, up to the free slots.
            let wanted = (consignment.volume_m3 / unit_m3).ceil().max(1.0) as usize;
            let count = wanted.min(slots.len());
            if count == 0 {
                return Err(refuse("no free slot is left for the goods".into()));
            }
            let per_unit = consignment.mass_kg / count as f64;
            if per_unit * 1000.0 / (unit_m3 * 1e6) > solid_density {
                return Err(denser(per_unit, unit_m3 * 1e6, "unit"));
            }
            for &[x, y, z] in &slots[..count] {
                let mut z = z;
                if pallet_mm > 0.0 {
                    // ISO 6780 pallet, about 25 kg of wood.
                    solids.push(Solid::with_mass(
                        Shape::cuboid([x, y, z], [unit[0], unit[1], pallet_mm]),
                        Material::Wood,
                        25.0,
                        goods,
                    ));
                    tare += 25.0;
                    z += pallet_mm;
                }
                solids.push(Solid::with_mass(Shape::cuboid([x, y, z], unit), material, per_unit, goods));
            }
        }
        Packaging::Drums => {
            let (r, h, wall): (f64, f64, f64) = (285.75, 880.0, 1.0);
            let inner_l = std::f64::consts::PI * (r - wall).powi(2) * (h - 2.0 * wall) / 1e6;
            let wanted = (consignment.mass_kg / (200.0 * solid_density)).ceil().max(1.0) as usize;
            let pitch = 2.0 * r + 10.0;
            let across = (size[1] / pitch).floor().max(1.0) as usize;
            let up = (size[2] / h).floor().max(1.0) as usize;
            let slots = stack_slots(hold, [2.0 * r, 2.0 * r, h], [pitch, h], across, up, keep_out, || 10.0);
            let count = wanted.min(slots.len());
            if count == 0 {
                return Err(refuse("no free slot is left for the drums".into()));
            }
            let per_drum = consignment.mass_kg / count as f64;
            if per_drum / solid_density > inner_l {
                return Err(denser(per_drum, inner_l * 1000.0, "drum"));
            }
            for &[x0, y0, z] in &slots[..count] {
                let (x, y) = (x0 + r, y0 + r);
                // ISO 15750 drum: 1.0 mm steel shell and lids at the steel's density.
                let cylinder = |z0: f64, height: f64, radius: f64, inner: f64| Shape::Cylinder {
                    axis: Axis::Z,
                    centre: [x, y, z0 + height / 2.0],
                    radius,
                    inner_radius: inner,
                    half_length: height / 2.0,
                };
                for steel in [
                    cylinder(z, h, r, r - wall),
                    cylinder(z, wall, r - wall, 0.0),
                    cylinder(z + h - wall, wall, r - wall, 0.0),
                ] {
                    let s = Solid::of(steel, Material::Steel, goods);
                    tare += s.mass_kg();
                    solids.push(s);
                }
                let fill_h = per_drum * 1000.0 / solid_density / (std::f64::consts::PI * (r - wall).powi(2) / 1000.0);
                solids.push(Solid::with_mass(
                    cylinder(z + wall, fill_h, r - wall, 0.0),
                    material,
                    per_drum,
                    goods,
                ));
            }
        }
        Packaging::Coils => {
            let (width, bore) = (1200.0, 254.0);
            let max_coil = 12_000.0;
            let count = (consignment.mass_kg / max_coil).ceil().max(1.0) as usize;
            let per_coil = consignment.mass_kg / count as f64;
            let area_mm2 = per_coil * 1e6 / solid_density / width;
            let outer = (area_mm2 / std::f64::consts::PI + bore * bore).sqrt();
            if 2.0 * outer > size[2] {
                return Err(refuse(format!("coils of {per_coil:.0} kg are taller than the hold")));
            }
            let mut placed = 0;
            let mut x = hold.min[0] + 150.0;
            while placed < count {
                if x + 2.0 * outer > hold.max[0] {
                    return Err(refuse(format!("{count} coils of {per_coil:.0} kg do not fit the hold")));
                }
                let (lo, hi) = (
                    [x, -width / 2.0, hold.min[2]],
                    [x + 2.0 * outer, width / 2.0, hold.min[2] + 2.0 * outer],
                );
                if keep_out.iter().any(|k| overlaps(k, &(lo, hi))) {
                    x += 100.0;
                    continue;
                }
                let coil = Shape::Cylinder {
                    axis: Axis::Y,
                    centre: [x + outer, 0.0, hold.min[2] + outer],
                    radius: outer,
                    inner_radius: bore,
                    half_length: width / 2.0,
                };
                solids.push(Solid::with_mass(coil, material, per_coil, goods));
                placed += 1;
                x += 2.0 * outer + 300.0;
            }
        }
        Packaging::Bulk => {
            let depth = (consignment.volume_m3 * 1e9 / (size[0] * size[1])).min(size[2]);
            let layer = (hold.min, [hold.max[0], hold.max[1], hold.min[2] + depth]);
            let cavities: Vec<Shape> = keep_out
                .iter()
                .filter_map(|k| intersection(k, &layer))
                .map(|(lo, hi)| Shape::Box { min: lo, max: hi })
                .collect();
            let shape = Shape::Box {
                min: layer.0,
                max: layer.1,
            };
            let open_cm3 = shape.volume_cm3() - cavities.iter().map(Shape::volume_cm3).sum::<f64>();
            let density = consignment.mass_kg * 1000.0 / open_cm3;
            if density > solid_density {
                return Err(denser(consignment.mass_kg, open_cm3, "bulk layer"));
            }
            solids.push(Solid {
                shape,
                material,
                density_g_cm3: density,
                part: goods,
            });
            for cavity in cavities {
                solids.push(Solid {
                    shape: cavity,
                    material,
                    density_g_cm3: -density,
                    part: goods,
                });
            }
        }
    }
    Ok(Load {
        solids,
        goods_kg: consignment.mass_kg,
        tare_kg: tare,
    })
}

/// Free slots of a stack grid in `hold`, lowest corners, in loading order (along x, then
/// across, then up): rows of `unit`-sized slots along x `gap()` apart, `across` columns every
/// `pitch[0]` and `up` levels every `pitch[1]`. A column's levels from the first that meets a
/// keep-out box up are left out, so no unit stands on nothing.
fn stack_slots(
    hold: &Hold,
    unit: [f64; 3],
    pitch: [f64; 2],
    across: usize,
    up: usize,
    keep_out: &[KeepOut],
    mut gap: impl FnMut() -> f64,
) -> Vec<[f64; 3]> {
    let mut slots = Vec::new();
    let mut x = hold.min[0];
    while x + unit[0] <= hold.max[0] + 1e-9 {
        for a in 0..across {
            let y = hold.min[1] + a as f64 * pitch[0];
            for u in 0..up {
                let z = hold.min[2] + u as f64 * pitch[1];
                let slot = ([x, y, z], [x + unit[0], y + unit[1], z + pitch[1]]);
                if keep_out.iter().any(|k| overlaps(k, &slot)) {
                    break;
                }
                slots.push([x, y, z]);
            }
        }
        x += unit[0] + gap();
    }
    slots
}

/// Whether two boxes share some volume.
pub fn overlaps(a: &KeepOut, b: &KeepOut) -> bool {
    (0..3).all(|k| a.0[k] < b.1[k] && b.0[k] < a.1[k])
}

/// The box two boxes share, if any.
fn intersection(a: &KeepOut, b: &KeepOut) -> Option<KeepOut> {
    let lo = [0, 1, 2].map(|k| a.0[k].max(b.0[k]));
    let hi = [0, 1, 2].map(|k| a.1[k].min(b.1[k]));
    (0..3).all(|k| lo[k] < hi[k]).then_some((lo, hi))
}

/// Indices of solids that neither rest on the `floor_z` nor on another solid, nor sit inside one.
pub fn floating(solids: &[Solid], floor_z: f64) -> Vec<usize> {
    let eps = 1.0;
    let footprint = |s: &Solid| {
        let (lo, hi) = s.shape.bounds();
        (lo, hi)
    };
    (0..solids.len())
        .filter(|&i| {
            let (lo, hi) = footprint(&solids[i]);
            if (lo[2] - floor_z).abs() < eps {
                return false;
            }
            !solids.iter().enumerate().any(|(j, other)| {
                if i == j {
                    return false;
                }
                let (olo, ohi) = footprint(other);
                let overlaps = lo[0] < ohi[0] && hi[0] > olo[0] && lo[1] < ohi[1] && hi[1] > olo[1];
                let rests = (lo[2] - ohi[2]).abs() < eps;
                let inside = (0..3).all(|k| lo[k] >= olo[k] - eps && hi[k] <= ohi[k] + eps);
                (overlaps && rests) || inside
            })
        })
        .collect()
}
