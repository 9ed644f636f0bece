//! A 20 t load attenuates as 20 t: the mass projected into the image and the mass weighed back
//! from the rendered scan agree with the declared mass; a load heavier than declared shows.

use porttwin::detect::classes::GoodsCategory;
use porttwin::detect::physics::container::{Container, ContainerSpec, DECK_MM};
use porttwin::detect::physics::material::Material;
use porttwin::detect::physics::packing::{Consignment, Packaging, pack};
use porttwin::detect::physics::projection::AreaDensity;
use porttwin::detect::physics::scanner::LinacPortal;
use porttwin::detect::physics::shape::Axis;
use porttwin::sim::rng::stream;

fn weigh(goods: GoodsCategory, material: Material, mass_kg: f64, packaging: Packaging, declared_kg: f64) -> (f64, f64) {
    let scanner = LinacPortal::default().scanner().unwrap();
    let container = Container {
        spec: ContainerSpec::TWENTY_FOOT,
        x_mm: 0.0,
        z_mm: DECK_MM,
    };
    let consignment = Consignment {
        goods,
        mass_kg,
        volume_m3: declared_kg / 800.0,
        packaging,
    };
    let load = pack(&consignment, &container.hold(), &mut stream(1, "test/pack")).unwrap();
    let view = scanner.view(Axis::Y, (-100.0, 6158.0), (DECK_MM - 50.0, DECK_MM + 2641.0));
    // The projection integrates to the packed mass exactly (basis iron-equivalent of steel is 1).
    let mut all = container.solids();
    all.extend(load.solids.iter().copied());
    let empty = scanner.scan(&container.solids(), &view, &mut stream(1, "test/empty"));
    let loaded = scanner.scan(&all, &view, &mut stream(1, "test/loaded"));
    let projected: f64 = {
        let d = AreaDensity::project(&load.solids, &view, &scanner.fit);
        let c = scanner.fit.coefficients(material);
        let k = c[0] + c[1] + c[2];
        d.planes.iter().flat_map(|p| p.iter()).map(|&v| f64::from(v)).sum::<f64>() / k * 0.25 / 1000.0
    };
    (projected, scanner.image_mass_kg(&loaded, &empty, material))
}

#[test]
fn twenty_tonnes_of_food_weigh_twenty_tonnes_in_the_image() {
    let (projected, image) = weigh(
        GoodsCategory::Foodstuffs,
        Material::Foodstuff,
        20_000.0,
        Packaging::Cartons,
        20_000.0,
    );
    println!("20 t of packed food: projected {projected:.0} kg, weighed from the image {image:.0} kg");
    assert!((projected / 20_000.0 - 1.0).abs() < 0.01, "{projected}");
    assert!((image / 20_000.0 - 1.0).abs() < 0.05, "{image}");
}

#[test]
fn ten_tonnes_of_machinery_weigh_ten_tonnes_in_the_image() {
    let (_, image) = weigh(GoodsCategory::Machinery, Material::CastIron, 10_000.0, Packaging::Pallets, 10_000.0);
    println!("10 t of cast-iron machinery on pallets weighed from the image: {image:.0} kg");
    assert!((image / 10_000.0 - 1.0).abs() < 0.08, "{image}");
}

#[test]
fn steel_coils_seen_along_their_eye_are_too_thick_to_weigh() {
    // 1.2 m of steel along the beam is beyond any linac: the image holds only part of the mass.
    let (projected, image) = weigh(GoodsCategory::MetalProducts, Material::Steel, 20_000.0, Packaging::Coils, 20_000.0);
    println!("20 t of steel coils: projected {projected:.0} kg, weighed from the image {image:.0} kg");
    assert!((projected / 20_000.0 - 1.0).abs() < 0.01);
    assert!(image < 0.6 * projected, "{image}");
}

#[test]
fn a_load_heavier_than_declared_shows_in_the_image() {
    let (_, honest) = weigh(
        GoodsCategory::Foodstuffs,
        Material::Foodstuff,
        10_000.0,
        Packaging::Cartons,
        10_000.0,
    );
    let (_, heavy) = weigh(
        GoodsCategory::Foodstuffs,
        Material::Foodstuff,
        13_000.0,
        Packaging::Cartons,
        10_000.0,
    );
    println!("declared 10 t: image {honest:.0} kg for 10 t, {heavy:.0} kg for 13 t");
    assert!((honest / 10_000.0 - 1.0).abs() < 0.05);
    assert!(heavy > 1.2 * honest);
}
