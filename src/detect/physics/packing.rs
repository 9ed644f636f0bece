//! Goods that weigh what they weigh: a consignment's true mass and volume packed into a hold as
//! units resting on the floor or on each other.
//!
//! Units: cartons 600 × 400 × 400 mm (assumption), pallets 1200 × 1000 × 144 mm
//! (ISO 6780, about 25 kg of wood) loaded 1 m high, cotton-type bales 1400 × 530 × 700 mm
//! (the universal-density bale, about 227 kg), 200 L steel drums 571.5 mm × 880 mm
//! with 1.0 mm walls (ISO 15750; about 18 kg empty), steel coils 1200 mm wide on
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

/// Packs `consignment` into `hold`, front first; gaps between units are drawn from `rng`.
pub fn pack<R: Rng + ?Sized>(consignment: &Consignment, hold: &Hold, rng: &mut R) -> Result<Load, PhysicsError> {
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
    let goods = Part::Goods;
    let mut solids = Vec::new();
    let mut tare = 0.0;
    match consignment.packaging {
        Packaging::Cartons | Packaging::Bales | Packaging::Pallets => {
            let (unit, pallet) = match consignment.packaging {
                Packaging::Cartons => ([600.0, 400.0, 400.0], false),
                Packaging::Bales => ([1400.0, 530.0, 700.0], false),
                _ => ([1200.0, 1000.0, 1000.0], true),
            };
            let unit_m3 = unit[0] * unit[1] * unit[2] / 1e9;
            let levels_h = unit[2] + if pallet { 144.0 } else { 0.0 };
            let across = (size[1] / unit[1]).floor().max(1.0) as usize;
            let up = (size[2] / levels_h).floor().max(1.0) as usize;
            let along = ((size[0] + 15.0) / (unit[0] + 15.0)).floor().max(1.0) as usize;
            // The declared volume sets the number of units, up to what the hold takes.
            let count = ((consignment.volume_m3 / unit_m3).ceil().max(1.0) as usize).min(across * up * along);
            let per_unit = consignment.mass_kg / count as f64;
            if per_unit * 1000.0 / (unit_m3 * 1e6) > solid_density {
                return Err(refuse(format!(
                    "{per_unit:.0} kg in a {unit_m3:.2} m3 unit is denser than solid {material}"
                )));
            }
            let mut x = hold.min[0];
            let mut placed = 0;
            while placed < count {
                let gap = rng.random_range(5.0..15.0);
                if x + unit[0] > hold.max[0] + 1e-9 {
                    return Err(refuse(format!("{count} units do not fit the hold's length")));
                }
                for a in 0..across {
                    for u in 0..up {
                        if placed == count {
                            break;
                        }
                        let y = hold.min[1] + a as f64 * (size[1] / across as f64);
                        let mut z = hold.min[2] + u as f64 * levels_h;
                        if pallet {
                            solids.push(Solid::with_mass(
                                Shape::cuboid([x, y, z], [unit[0], unit[1], 144.0]),
                                Material::Wood,
                                25.0,
                                goods,
                            ));
                            tare += 25.0;
                            z += 144.0;
                        }
                        solids.push(Solid::with_mass(Shape::cuboid([x, y, z], unit), material, per_unit, goods));
                        placed += 1;
                    }
                }
                x += unit[0] + gap;
            }
        }
        Packaging::Drums => {
            let (r, h, wall) = (285.75, 880.0, 1.0);
            let content_l = 200.0;
            let count = (consignment.mass_kg / (content_l * Catalogue::standard().density(material)))
                .ceil()
                .max(1.0) as usize;
            let per_drum = consignment.mass_kg / count as f64;
            let across = (size[1] / (2.0 * r + 10.0)).floor() as usize;
            let up = (size[2] / h).floor().max(1.0) as usize;
            let mut placed = 0;
            let mut x = hold.min[0] + r;
            while placed < count {
                if x + r > hold.max[0] {
                    return Err(refuse(format!("{count} drums do not fit the hold's length")));
                }
                for a in 0..across {
                    for u in 0..up {
                        if placed == count {
                            break;
                        }
                        let y = hold.min[1] + r + a as f64 * (2.0 * r + 10.0);
                        let z = hold.min[2] + u as f64 * h;
                        let shell = Shape::Cylinder {
                            axis: Axis::Z,
                            centre: [x, y, z + h / 2.0],
                            radius: r,
                            inner_radius: r - wall,
                            half_length: h / 2.0,
                        };
                        solids.push(Solid::with_mass(shell, Material::Steel, 15.0, goods));
                        for lid in [z, z + h - wall] {
                            solids.push(Solid::of(
                                Shape::Cylinder {
                                    axis: Axis::Z,
                                    centre: [x, y, lid + wall / 2.0],
                                    radius: r - wall,
                                    inner_radius: 0.0,
                                    half_length: wall / 2.0,
                                },
                                Material::Steel,
                                goods,
                            ));
                        }
                        tare += 15.0
                            + 2.0
                                * Solid::of(
                                    Shape::Cylinder {
                                        axis: Axis::Z,
                                        centre: [0.0; 3],
                                        radius: r - wall,
                                        inner_radius: 0.0,
                                        half_length: wall / 2.0,
                                    },
                                    Material::Steel,
                                    goods,
                                )
                                .mass_kg();
                        let fill_h = per_drum * 1000.0
                            / Catalogue::standard().density(material)
                            / (std::f64::consts::PI * (r - wall).powi(2) / 1000.0);
                        let fill_h = fill_h.min(h - 2.0 * wall);
                        let liquid = Shape::Cylinder {
                            axis: Axis::Z,
                            centre: [x, y, z + wall + fill_h / 2.0],
                            radius: r - wall,
                            inner_radius: 0.0,
                            half_length: fill_h / 2.0,
                        };
                        solids.push(Solid::with_mass(liquid, material, per_drum, goods));
                        placed += 1;
                    }
                }
                x += 2.0 * r + 10.0;
            }
        }
        Packaging::Coils => {
            let (width, bore) = (1200.0, 254.0);
            let max_coil = 12_000.0;
            let count = (consignment.mass_kg / max_coil).ceil().max(1.0) as usize;
            let per_coil = consignment.mass_kg / count as f64;
            let area_mm2 = per_coil * 1e6 / solid_density / width;
            let outer = (area_mm2 / std::f64::consts::PI + bore * bore).sqrt();
            if 2.0 * outer > size[2] || count as f64 * (2.0 * outer + 300.0) > size[0] {
                return Err(refuse(format!("{count} coils of {per_coil:.0} kg do not fit the hold")));
            }
            for i in 0..count {
                let x = hold.min[0] + 150.0 + outer + i as f64 * (2.0 * outer + 300.0);
                let coil = Shape::Cylinder {
                    axis: Axis::Y,
                    centre: [x, 0.0, hold.min[2] + outer],
                    radius: outer,
                    inner_radius: bore,
                    half_length: width / 2.0,
                };
                solids.push(Solid::with_mass(coil, material, per_coil, goods));
            }
        }
        Packaging::Bulk => {
            let depth = consignment.volume_m3 * 1e9 / (size[0] * size[1]);
            let bulk = Shape::cuboid(hold.min, [size[0], size[1], depth.min(size[2])]);
            solids.push(Solid::with_mass(bulk, material, consignment.mass_kg, goods));
        }
    }
    Ok(Load {
        solids,
        goods_kg: consignment.mass_kg,
        tare_kg: tare,
    })
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
