//! Packed goods rest on the floor or on each other, lie inside their container, and weigh what
//! the consignment says, for every goods category.

use porttwin::detect::classes::GoodsCategory;
use porttwin::detect::physics::container::{Container, ContainerSpec, DECK_MM};
use porttwin::detect::physics::packing::{Consignment, floating, pack};
use porttwin::sim::rng::stream;

#[test]
fn every_category_packs_inside_without_floating_and_keeps_its_mass() {
    let container = Container {
        spec: ContainerSpec::TWENTY_FOOT,
        x_mm: 0.0,
        z_mm: DECK_MM,
    };
    let hold = container.hold();
    for goods in GoodsCategory::ALL {
        // Light goods cube out before they weigh out: 3.5 t of furniture fills a 20 ft box.
        for mass in [1_500.0, 3_500.0] {
            let consignment = Consignment::typical(goods, mass);
            let load = match pack(&consignment, &hold, &mut stream(3, "test/pack")) {
                Ok(load) => load,
                Err(e) => panic!("{goods} {mass} kg: {e}"),
            };
            assert!(
                floating(&load.solids, hold.min[2]).is_empty(),
                "{goods}: floating {:?}",
                floating(&load.solids, hold.min[2])
            );
            assert!(load.solids.iter().all(|s| hold.contains(s)), "{goods}: outside the hold");
            let total: f64 = load.solids.iter().map(|s| s.mass_kg()).sum();
            let expected = if goods == GoodsCategory::Empty { 0.0 } else { mass + load.tare_kg };
            assert!(
                (total - expected).abs() < 1e-6 * expected.max(1.0),
                "{goods}: {total} vs {expected}"
            );
        }
    }
}

#[test]
fn a_load_too_big_for_the_box_is_refused() {
    let container = Container {
        spec: ContainerSpec::TWENTY_FOOT,
        x_mm: 0.0,
        z_mm: DECK_MM,
    };
    let c = Consignment {
        volume_m3: 40.0,
        ..Consignment::typical(GoodsCategory::Textiles, 8_000.0)
    };
    let err = pack(&c, &container.hold(), &mut stream(1, "t")).unwrap_err();
    assert!(err.to_string().contains("does not fit"), "{err}");
}
