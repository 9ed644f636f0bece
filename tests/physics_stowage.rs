//! Stowage of true contents: every threat item at every site open to it, on every kind of load,
//! rests on the floor or on another object, lies inside its container (or the floor's void, the
//! cab, the fuel tank), leaves the goods their mass and no denser than their solid material;
//! contraband shows in both the weight and the image.

use porttwin::detect::classes::GoodsCategory;
use porttwin::detect::physics::Catalogue;
use porttwin::detect::physics::concealment::{ConcealmentCatalogue, Place};
use porttwin::detect::physics::container::{CAB_MM, ContainerSpec, Truck};
use porttwin::detect::physics::material::Material;
use porttwin::detect::physics::packing::{Consignment, Packaging, floating};
use porttwin::detect::physics::scanner::LinacPortal;
use porttwin::detect::physics::shape::{Axis, Part, Shape, Solid};
use porttwin::detect::physics::stowage::{Stowage, site_open, stow};
use porttwin::detect::physics::threats::ThreatCatalogue;
use porttwin::sim::rng::stream;

/// The goods and each stowed item as one rigid box (an item's parts hang together).
fn objects(stowage: &Stowage) -> Vec<Solid> {
    let mut all: Vec<Solid> = stowage.load.solids.iter().filter(|s| s.density_g_cm3 > 0.0).copied().collect();
    for s in &stowage.stowed {
        all.push(Solid::of(Shape::Box { min: s.min, max: s.max }, Material::Air, Part::Goods));
    }
    all
}

fn within(lo: [f64; 3], hi: [f64; 3], box_lo: [f64; 3], box_hi: [f64; 3]) -> bool {
    (0..3).all(|k| lo[k] >= box_lo[k] - 1e-6 && hi[k] <= box_hi[k] + 1e-6)
}

fn check(goods: GoodsCategory, consignment: &Consignment, truck: &Truck) -> usize {
    let container = truck.containers[0];
    let hold = container.hold();
    let outer_lo = [container.x_mm, -1219.0, container.z_mm];
    let outer_hi = [container.x_mm + container.spec.length_mm, 1219.0, container.z_mm + 2591.0];
    let catalogue = Catalogue::standard();
    let mut checked = 0;
    for site in ConcealmentCatalogue::standard().sites() {
        if !site_open(site, consignment) {
            continue;
        }
        for item in ThreatCatalogue::standard().items() {
            if site.weight(item.class) <= 0.0 || !site.fits(item.size_mm()) {
                continue;
            }
            let what = format!("{goods} with {} at {}", item.name, site.name);
            let stowage = match stow(consignment, truck, 0, &[(item, site)], &mut stream(5, "test/stow")) {
                Ok(s) => s,
                // A load with no room left for the item, among its goods or behind a false wall or a
                // door liner, is refused, never squeezed past its solid density.
                Err(e) if matches!(site.place, Place::AmongGoods | Place::InsideGoods | Place::FalseWall | Place::Doors) => {
                    let e = e.to_string();
                    let known = ["no room", "no unit", "does not fit", "denser than solid"];
                    assert!(known.iter().any(|k| e.contains(k)), "{what}: {e}");
                    continue;
                }
                Err(e) => panic!("{what}: {e}"),
            };
            checked += 1;
            let placed = &stowage.stowed[0];
            assert!((placed.mass_kg - item.mass_kg()).abs() < 1e-9, "{what}");
            match site.place {
                Place::Floor => {
                    // Between the cross members, under the plywood, inside the outline.
                    assert!(
                        within(placed.min, placed.max, outer_lo, [outer_hi[0], outer_hi[1], container.z_mm + 122.0]),
                        "{what}: {placed:?}"
                    );
                }
                Place::Cab => assert!(placed.max[0] <= CAB_MM && placed.min[0] >= 0.0, "{what}: {placed:?}"),
                Place::FuelTank => {
                    let (x, z, r) = (CAB_MM + 500.0, 700.0, 320.0);
                    let corners =
                        [placed.min[0] - x, placed.max[0] - x].map(|dx| [placed.min[2] - z, placed.max[2] - z].map(|dz| dx.hypot(dz)));
                    assert!(corners.iter().flatten().all(|&d| d <= r), "{what}: {placed:?}");
                }
                _ => {
                    assert!(
                        within(placed.min, placed.max, hold.min, hold.max),
                        "{what}: outside the hold {placed:?}"
                    );
                    let boxes = objects(&stowage);
                    assert!(
                        floating(&boxes, hold.min[2]).is_empty(),
                        "{what}: floating {:?}",
                        floating(&boxes, hold.min[2])
                    );
                }
            }
            for s in &stowage.load.solids {
                let (lo, hi) = s.shape.bounds();
                assert!(within(lo, hi, outer_lo, outer_hi), "{what}: goods outside the container");
                assert!(
                    s.density_g_cm3 <= catalogue.density(s.material) * (1.0 + 1e-9),
                    "{what}: {} at {} g/cm3 is denser than solid",
                    s.material,
                    s.density_g_cm3
                );
            }
            let goods_solids: f64 = stowage.load.solids.iter().map(Solid::mass_kg).sum();
            let expected = consignment.mass_kg + stowage.load.tare_kg;
            assert!(
                (goods_solids - expected).abs() < 1e-6 * expected,
                "{what}: goods {goods_solids} vs {expected}"
            );
        }
    }
    checked
}

#[test]
fn every_item_at_every_open_site_rests_inside_and_keeps_the_goods_mass() {
    let truck = Truck::carrying(&[ContainerSpec::TWENTY_FOOT]);
    let mut checked = 0;
    for goods in GoodsCategory::ALL.into_iter().filter(|g| *g != GoodsCategory::Empty) {
        checked += check(goods, &Consignment::typical(goods, 3_500.0), &truck);
    }
    // A heavy, full load: 18 t of food in 25 m3 of cartons.
    let heavy = Consignment {
        volume_m3: 25.0,
        ..Consignment::typical(GoodsCategory::Foodstuffs, 18_000.0)
    };
    checked += check(GoodsCategory::Foodstuffs, &heavy, &truck);
    assert!(checked > 300, "{checked}");
}

#[test]
fn drums_hold_their_liquid_at_its_density_in_shells_of_steel() {
    let truck = Truck::carrying(&[ContainerSpec::TWENTY_FOOT]);
    let c = Consignment::typical(GoodsCategory::Chemicals, 10_000.0);
    assert_eq!(c.packaging, Packaging::Drums);
    let s = stow(&c, &truck, 0, &[], &mut stream(1, "test/drums")).unwrap();
    let liquid: Vec<&Solid> = s.load.solids.iter().filter(|s| s.material == Material::Water).collect();
    assert_eq!(liquid.len(), 50, "10 t of water-like liquid fills 50 drums of 200 L");
    assert!(liquid.iter().all(|l| (l.density_g_cm3 - 1.0).abs() < 1e-9));
    let steel: Vec<&Solid> = s.load.solids.iter().filter(|s| s.material == Material::Steel).collect();
    assert!(steel.iter().all(|s| (s.density_g_cm3 - 7.85).abs() < 1e-9));
    // Shell and lids of 1.0 mm steel: 16.4 kg a drum (ISO 15750 drums weigh about 18 kg with
    // their rolling hoops and chimes, which are not modelled).
    let per_drum = s.load.tare_kg / 50.0;
    assert!((per_drum - 16.4).abs() < 0.1, "{per_drum}");
}

#[test]
fn a_full_load_takes_flat_bricks_on_top_and_refuses_a_stack_of_sacks() {
    let truck = Truck::carrying(&[ContainerSpec::TWENTY_FOOT]);
    // 23.5 t of food in 225 cartons of 96 L is 1.09 g/cm3, just under the 1.1 of solid foodstuff.
    let full = Consignment {
        volume_m3: 25.0,
        ..Consignment::typical(GoodsCategory::Foodstuffs, 23_500.0)
    };
    let among = ConcealmentCatalogue::standard().get("among_goods").unwrap();
    let bricks = ThreatCatalogue::standard().get("cocaine_bricks").unwrap();
    let s = stow(&full, &truck, 0, &[(bricks, among)], &mut stream(2, "test/full")).unwrap();
    let hold = truck.containers[0].hold();
    assert!(s.stowed[0].min[2] > hold.min[2] + 1000.0, "on a stack: {:?}", s.stowed[0]);
    let sacks = ThreatCatalogue::standard().get("pangolin_scales").unwrap();
    let err = stow(&full, &truck, 0, &[(sacks, among)], &mut stream(2, "test/full")).unwrap_err();
    assert!(err.to_string().contains("no room among the goods"), "{err}");
}

/// Mass weighed back from a side-on scan of the container's contents, kg.
fn weighed(stowage: &Stowage, truck: &Truck) -> f64 {
    let scanner = LinacPortal::default().scanner().unwrap();
    let c = truck.containers[0];
    let view = scanner.view(
        Axis::Y,
        (c.x_mm - 100.0, c.x_mm + c.spec.length_mm + 100.0),
        (c.z_mm - 50.0, c.z_mm + 2641.0),
    );
    let empty = scanner.scan(&c.solids(), &view, &mut stream(1, "test/empty"));
    let mut all = c.solids();
    all.extend(stowage.solids());
    let loaded = scanner.scan(&all, &view, &mut stream(1, "test/loaded"));
    scanner.image_mass_kg(&loaded, &empty, Material::Foodstuff)
}

#[test]
fn contraband_shows_in_the_weight_and_the_image() {
    let truck = Truck::carrying(&[ContainerSpec::TWENTY_FOOT]);
    let food = Consignment {
        volume_m3: 12.5,
        ..Consignment::typical(GoodsCategory::Foodstuffs, 10_000.0)
    };
    let among = ConcealmentCatalogue::standard().get("among_goods").unwrap();
    let sacks = ThreatCatalogue::standard().get("pangolin_scales").unwrap();
    let honest = stow(&food, &truck, 0, &[], &mut stream(3, "test/stow")).unwrap();
    let hiding = stow(&food, &truck, 0, &[(sacks, among)], &mut stream(3, "test/stow")).unwrap();
    assert!((hiding.mass_kg() - honest.mass_kg() - 200.0).abs() < 1e-6);
    let (a, b) = (weighed(&honest, &truck), weighed(&hiding, &truck));
    println!("10 t of food: image {a:.0} kg; with 200 kg of pangolin scales among it: {b:.0} kg");
    assert!((a / honest.mass_kg() - 1.0).abs() < 0.06, "{a}");
    assert!((b - a - 200.0).abs() < 40.0, "{}", b - a);
}

#[test]
fn a_package_in_the_fuel_tank_displaces_diesel_and_barely_changes_the_weight() {
    let truck = Truck::carrying(&[ContainerSpec::TWENTY_FOOT]);
    let food = Consignment::typical(GoodsCategory::Foodstuffs, 5_000.0);
    let tank = ConcealmentCatalogue::standard().get("fuel_tank").unwrap();
    let blocks = ThreatCatalogue::standard().get("heroin_blocks").unwrap();
    let honest = stow(&food, &truck, 0, &[], &mut stream(4, "t")).unwrap();
    let hiding = stow(&food, &truck, 0, &[(blocks, tank)], &mut stream(4, "t")).unwrap();
    let added = hiding.mass_kg() - honest.mass_kg();
    // 12 kg of heroin in 10.9 litres displaces 9.1 kg of diesel (334 kg in a 398.9 L tank).
    let diesel = 12.0 - added;
    println!("12 kg of heroin in the fuel tank adds {added:.1} kg to the truck");
    assert!((diesel - 10.92 * 334.0 / 398.9).abs() < 0.05, "{diesel}");
}
