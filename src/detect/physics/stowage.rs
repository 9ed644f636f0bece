//! Stowage: a truck's true contents as solids. The declaration's true goods are packed into the
//! container ([`super::packing`]), and each concealed threat item goes where its site says:
//! among the goods (on the floor, the goods moving aside, or on top of a stack), inside a unit of
//! the goods (a cavity the goods' mass moves out of), behind a false front wall or a door liner,
//! between the floor's cross members, in the cab, or in the fuel tank (displacing diesel).
//!
//! Assumptions (no source): a false wall is 2 mm steel like the front wall, 20 mm clear of the
//! item; a door liner is 1.5 mm steel across the door end; an item in the cab lies on the cab
//! floor 1,000 mm above the road, behind the seats. Reefer units are not modelled, so the
//! reefer site is never open.

use rand::{Rng, RngExt};

use super::concealment::{Place, Site};
use super::container::{CAB_MM, Truck};
use super::error::PhysicsError;
use super::material::Material;
use super::packing::{Consignment, KeepOut, Load, Packaging, overlaps, pack_around};
use super::shape::{Part, Shape, Solid};
use super::threats::ThreatItem;
use crate::detect::classes::ThreatClass;

/// A concealed item as stowed.
#[derive(Debug, Clone, PartialEq)]
pub struct Stowed {
    /// The item's name.
    pub item: String,
    /// Its class.
    pub class: ThreatClass,
    /// The site's name.
    pub site: String,
    /// Where the site is.
    pub place: Place,
    /// Lowest corner of the item as placed, mm.
    pub min: [f64; 3],
    /// Highest corner, mm.
    pub max: [f64; 3],
    /// Its mass, kg.
    pub mass_kg: f64,
}

/// What a truck carries, as solids: goods, concealed items and what hides them.
#[derive(Debug, Clone, PartialEq)]
pub struct Stowage {
    /// The packed goods with their packaging (cavities included).
    pub load: Load,
    /// Concealed items' solids, and the liners, walls and cavities that hide them.
    pub hidden: Vec<Solid>,
    /// The items, where they are.
    pub stowed: Vec<Stowed>,
}

impl Stowage {
    /// Every solid of the contents (not the container's or the truck's own).
    pub fn solids(&self) -> Vec<Solid> {
        let mut all = self.load.solids.clone();
        all.extend(self.hidden.iter().copied());
        all
    }

    /// Mass the contents add to the truck's weight, kg: goods, packaging, concealed items and
    /// their hides, less the diesel an item in the fuel tank displaces.
    pub fn mass_kg(&self) -> f64 {
        self.solids().iter().map(Solid::mass_kg).sum()
    }

    /// Mass of the concealed items alone, kg.
    pub fn contraband_kg(&self) -> f64 {
        self.stowed.iter().map(|s| s.mass_kg).sum()
    }
}

/// Whether `site` can take an item on this load: no reefer unit is modelled, and only cartons,
/// bales, pallets and bulk can hide an item inside the goods.
pub fn site_open(site: &Site, consignment: &Consignment) -> bool {
    let goods = consignment.goods != crate::detect::classes::GoodsCategory::Empty && consignment.mass_kg > 0.0;
    match site.place {
        Place::ReeferUnit => false,
        Place::InsideGoods => {
            goods
                && matches!(
                    consignment.packaging,
                    Packaging::Cartons | Packaging::Bales | Packaging::Pallets | Packaging::Bulk
                )
        }
        _ => true,
    }
}

/// The turn (see [`ThreatItem::size_turned`]) that fits `size` into `space`, smallest side to
/// smallest side, if any.
pub fn turn_to_fit(size: [f64; 3], space: [f64; 3]) -> Option<[usize; 3]> {
    let order = |v: [f64; 3]| {
        let mut i = [0, 1, 2];
        i.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
        i
    };
    let (item, room) = (order(size), order(space));
    let mut turn = [0; 3];
    for k in 0..3 {
        turn[room[k]] = item[k];
    }
    (0..3).all(|k| size[turn[k]] <= space[k] + 1e-9).then_some(turn)
}

/// Packs `consignment` into container `which` of `truck` with each `(item, site)` of `hidden`
/// concealed at its site. Positions are drawn from `rng`. A site that cannot take its item on
/// this load (see [`site_open`], or no room) is an error naming both.
pub fn stow<R: Rng + ?Sized>(
    consignment: &Consignment,
    truck: &Truck,
    which: usize,
    hidden: &[(&ThreatItem, &Site)],
    rng: &mut R,
) -> Result<Stowage, PhysicsError> {
    let container = truck.containers.get(which).ok_or_else(|| PhysicsError::Load {
        what: format!("container {which}"),
        why: format!("the truck carries {}", truck.containers.len()),
    })?;
    let mut hold = container.hold();
    let mut keep_out: Vec<KeepOut> = Vec::new();
    let mut solids: Vec<Solid> = Vec::new();
    let mut stowed = Vec::new();
    let mut later: Vec<(&ThreatItem, &Site)> = Vec::new();
    let refuse = |item: &ThreatItem, site: &Site, why: String| PhysicsError::Load {
        what: format!("`{}` at `{}`", item.name, site.name),
        why,
    };
    // The structure first: false walls and door liners shrink the hold; then the floor, the cab
    // and the fuel tank, which leave it as it is.
    for &(item, site) in hidden {
        if !site_open(site, consignment) {
            return Err(refuse(item, site, "the site is not open on this load".into()));
        }
        let space = site.space_mm.unwrap_or([f64::INFINITY; 3]);
        let fit = |space: [f64; 3]| turn_to_fit(item.size_mm(), space).ok_or_else(|| refuse(item, site, "the item does not fit".into()));
        let (parts, s) = match site.place {
            Place::FalseWall => {
                let turn = fit(space)?;
                let size = item.size_turned(turn);
                let y = draw_in(rng, hold.min[1], hold.max[1] - size[1]);
                let corner = [hold.min[0], y, hold.min[2]];
                let wall_x = hold.min[0] + size[0] + 20.0;
                solids.push(Solid::of(
                    Shape::Box {
                        min: [wall_x, hold.min[1], hold.min[2]],
                        max: [wall_x + 2.0, hold.max[1], hold.max[2]],
                    },
                    Material::Steel,
                    Part::Container,
                ));
                hold.min[0] = wall_x + 2.0;
                placed(item, site, turn, corner)
            }
            Place::Doors => {
                let turn = fit(space)?;
                let size = item.size_turned(turn);
                let y = draw_in(rng, hold.min[1], hold.max[1] - size[1]);
                let corner = [hold.max[0] - size[0], y, hold.min[2]];
                let liner_x = hold.max[0] - space[0] - 1.5;
                solids.push(Solid::of(
                    Shape::Box {
                        min: [liner_x, hold.min[1], hold.min[2]],
                        max: [liner_x + 1.5, hold.max[1], hold.max[2]],
                    },
                    Material::Steel,
                    Part::Container,
                ));
                hold.max[0] = liner_x;
                placed(item, site, turn, corner)
            }
            Place::Floor => {
                let turn = fit(space)?;
                let size = item.size_turned(turn);
                // Between cross members k and k + 1 (every 300 mm from 150 mm, 4.5 mm webs, 122 mm deep).
                let bays = ((container.spec.length_mm - 300.0) / 300.0).floor() as usize;
                let k = rng.random_range(0..bays.max(1));
                let bay_x = container.x_mm + 150.0 + 300.0 * k as f64 + 4.5;
                let corner = [
                    bay_x + (295.5 - size[0]) / 2.0,
                    draw_in(rng, hold.min[1], hold.max[1] - size[1]),
                    container.z_mm + 122.0 - size[2],
                ];
                placed(item, site, turn, corner)
            }
            Place::Cab => {
                let turn = fit(space)?;
                let size = item.size_turned(turn);
                let corner = [CAB_MM - 100.0 - size[0], -size[1] / 2.0, 1000.0];
                placed(item, site, turn, corner)
            }
            Place::FuelTank => {
                let turn = fit(space)?;
                let size = item.size_turned(turn);
                let (centre, radius, half) = ([CAB_MM + 500.0, 0.0, 700.0], 320.0, 620.0);
                if (size[0] / 2.0).hypot(size[2] / 2.0) > radius || size[1] > 2.0 * half {
                    return Err(refuse(item, site, "the item does not fit the tank".into()));
                }
                let corner = [centre[0] - size[0] / 2.0, -size[1] / 2.0, centre[2] - size[2] / 2.0];
                // The diesel it displaces: the tank's 334 kg fill over its volume.
                let tank_cm3 = std::f64::consts::PI * radius * radius * 2.0 * half / 1000.0;
                solids.push(Solid {
                    shape: Shape::cuboid(corner, size),
                    material: Material::Diesel,
                    density_g_cm3: -334.0 * 1000.0 / tank_cm3,
                    part: Part::Vehicle,
                });
                placed(item, site, turn, corner)
            }
            Place::AmongGoods | Place::InsideGoods | Place::ReeferUnit => {
                later.push((item, site));
                continue;
            }
        };
        solids.extend(parts);
        stowed.push(s);
    }
    // Among the goods, on the floor: the goods move aside. Where they cannot, the item goes on
    // top of a stack, after packing.
    let mut on_top = Vec::new();
    let mut load = None;
    for &(item, site) in later.iter().filter(|(_, s)| s.place == Place::AmongGoods) {
        let hold_size = [0, 1, 2].map(|k| hold.max[k] - hold.min[k]);
        let turn = lying_flat(item.size_mm(), hold_size).ok_or_else(|| refuse(item, site, "the item does not fit the hold".into()))?;
        let size = item.size_turned(turn);
        let x = draw_in(rng, hold.min[0], hold.max[0] - size[0]);
        let y = if rng.random_bool(0.5) { hold.min[1] } else { hold.max[1] - size[1] };
        let corner = [x, y, hold.min[2]];
        let room = (corner, [x + size[0], y + size[1], hold.min[2] + size[2]]);
        let mut trial = keep_out.clone();
        trial.push(room);
        let packed = (!keep_out.iter().any(|k| overlaps(k, &room)))
            .then(|| pack_around(consignment, &hold, &trial, &mut *rng).ok())
            .flatten();
        match packed {
            Some(packed) => {
                keep_out = trial;
                load = Some(packed);
                let (parts, s) = placed(item, site, turn, corner);
                solids.extend(parts);
                stowed.push(s);
            }
            None => on_top.push((item, site)),
        }
    }
    let mut load = match load {
        Some(load) => load,
        None => pack_around(consignment, &hold, &keep_out, rng)?,
    };
    for (item, site) in on_top {
        let (parts, s) = on_a_stack(item, site, &load, &hold, &solids, rng)
            .ok_or_else(|| refuse(item, site, "no room among the goods, on the floor or on a stack".into()))?;
        solids.extend(parts);
        stowed.push(s);
    }
    for &(item, site) in later.iter().filter(|(_, s)| s.place == Place::InsideGoods) {
        let (parts, s) = inside_a_unit(item, site, &mut load, rng).map_err(|why| refuse(item, site, why))?;
        solids.extend(parts);
        stowed.push(s);
    }
    Ok(Stowage {
        load,
        hidden: solids,
        stowed,
    })
}

/// A uniform draw in `lo..=hi` (`lo` when the range is empty).
/// `item`, turned by `turn`, at `corner` of `site`: its solids and its record.
fn placed(item: &ThreatItem, site: &Site, turn: [usize; 3], corner: [f64; 3]) -> (Vec<Solid>, Stowed) {
    let size = item.size_turned(turn);
    (
        item.solids_turned(turn, corner),
        Stowed {
            item: item.name.clone(),
            class: item.class,
            site: site.name.clone(),
            place: site.place,
            min: corner,
            max: [0, 1, 2].map(|k| corner[k] + size[k]),
            mass_kg: item.mass_kg(),
        },
    )
}

fn draw_in<R: Rng + ?Sized>(rng: &mut R, lo: f64, hi: f64) -> f64 {
    if hi > lo { rng.random_range(lo..hi) } else { lo }
}

/// The turn that lays an item flat in a hold of `space`: longest side along the hold, shortest up.
fn lying_flat(size: [f64; 3], space: [f64; 3]) -> Option<[usize; 3]> {
    let mut i = [0, 1, 2];
    i.sort_by(|&a, &b| size[b].total_cmp(&size[a]));
    let turn = [i[0], i[1], i[2]];
    (0..3).all(|k| size[turn[k]] <= space[k] + 1e-9).then_some(turn)
}

/// An item on top of a goods unit with headroom, resting on it.
fn on_a_stack<R: Rng + ?Sized>(
    item: &ThreatItem,
    site: &Site,
    load: &Load,
    hold: &super::container::Hold,
    placed: &[Solid],
    rng: &mut R,
) -> Option<(Vec<Solid>, Stowed)> {
    let hold_size = [0, 1, 2].map(|k| hold.max[k] - hold.min[k]);
    let turn = lying_flat(item.size_mm(), hold_size)?;
    let size = item.size_turned(turn);
    let tops: Vec<[f64; 3]> = load
        .solids
        .iter()
        .filter(|s| s.density_g_cm3 > 0.0)
        .filter_map(|s| {
            let (lo, hi) = s.shape.bounds();
            let corner = [lo[0].min(hold.max[0] - size[0]), lo[1].min(hold.max[1] - size[1]), hi[2]];
            let room = (corner, [0, 1, 2].map(|k| corner[k] + size[k]));
            let free = corner[0] >= hold.min[0]
                && corner[1] >= hold.min[1]
                && room.1[2] <= hold.max[2] + 1e-9
                && !load.solids.iter().chain(placed).any(|o| {
                    let b = o.shape.bounds();
                    overlaps(&b, &room)
                });
            free.then_some(corner)
        })
        .collect();
    if tops.is_empty() {
        return None;
    }
    let corner = tops[rng.random_range(0..tops.len())];
    let size_max = [0, 1, 2].map(|k| corner[k] + size[k]);
    Some((
        item.solids_turned(turn, corner),
        Stowed {
            item: item.name.clone(),
            class: item.class,
            site: site.name.clone(),
            place: site.place,
            min: corner,
            max: size_max,
            mass_kg: item.mass_kg(),
        },
    ))
}

/// An item inside a goods unit: a cavity in the unit, whose goods keep their mass in the rest of
/// it, never denser than the solid material.
fn inside_a_unit<R: Rng + ?Sized>(item: &ThreatItem, site: &Site, load: &mut Load, rng: &mut R) -> Result<(Vec<Solid>, Stowed), String> {
    let catalogue = super::material::Catalogue::standard();
    let candidates: Vec<(usize, [usize; 3])> = load
        .solids
        .iter()
        .enumerate()
        .filter(|(_, s)| s.part == Part::Goods && s.density_g_cm3 > 0.0 && s.material != Material::Wood)
        .filter_map(|(i, s)| {
            let Shape::Box { min, max } = s.shape else {
                return None;
            };
            // One item to a unit.
            let taken = load
                .solids
                .iter()
                .any(|o| o.density_g_cm3 < 0.0 && overlaps(&o.shape.bounds(), &(min, max)));
            if taken {
                return None;
            }
            let turn = turn_to_fit(item.size_mm(), [0, 1, 2].map(|k| max[k] - min[k]))?;
            let cavity_cm3: f64 = item.size_turned(turn).iter().product::<f64>() / 1000.0;
            let rest = s.shape.volume_cm3() - cavity_cm3;
            let dense = rest > 0.0 && s.mass_kg() * 1000.0 / rest <= catalogue.density(s.material);
            dense.then_some((i, turn))
        })
        .collect();
    if candidates.is_empty() {
        return Err("no unit of the goods holds the item without its goods passing their solid density".into());
    }
    let (i, turn) = candidates[rng.random_range(0..candidates.len())];
    let unit = load.solids[i];
    let (lo, hi) = unit.shape.bounds();
    let size = item.size_turned(turn);
    let corner = [
        lo[0] + (hi[0] - lo[0] - size[0]) / 2.0,
        lo[1] + (hi[1] - lo[1] - size[1]) / 2.0,
        lo[2],
    ];
    let cavity = Shape::cuboid(corner, size);
    let goods_kg = unit.mass_kg();
    let density = goods_kg * 1000.0 / (unit.shape.volume_cm3() - cavity.volume_cm3());
    load.solids[i].density_g_cm3 = density;
    load.solids.push(Solid {
        shape: cavity,
        material: unit.material,
        density_g_cm3: -density,
        part: Part::Goods,
    });
    Ok(placed(item, site, turn, corner))
}
