//! Material classes measured on rendered organic/inorganic samples, and ambiguity where physics
//! leaves the ratio undecided.

use porttwin::detect::physics::material::Material;
use porttwin::detect::physics::scanner::{BagLineScanner, LinacPortal};
use porttwin::detect::physics::test_objects::classify_sample;
use porttwin::sim::rng::stream;

const ORGANIC: usize = 1;
const MIXED: usize = 2;
const INORGANIC: usize = 3;
const AMBIGUOUS: usize = 5;

#[test]
fn cargo_samples_classify_where_their_areal_density_allows() {
    let s = LinacPortal::default().scanner().unwrap();
    let mut rng = stream(1, "test/discrimination");
    for a in [40.0, 80.0] {
        let pe = classify_sample(&s, Material::Polyethylene, a, 300.0, &mut rng);
        assert!(pe[ORGANIC] > 0.5 && pe[INORGANIC] == 0.0, "polyethylene {a}: {pe:?}");
    }
    for a in [20.0, 40.0, 80.0] {
        let fe = classify_sample(&s, Material::Steel, a, 300.0, &mut rng);
        assert!(fe[INORGANIC] > 0.9, "steel {a}: {fe:?}");
        let pb = classify_sample(&s, Material::Lead, 2.0 * a, 300.0, &mut rng);
        assert!(pb[INORGANIC] > 0.9, "lead {}: {pb:?}", 2.0 * a);
    }
    // 10 g/cm2 of plastic barely changes the megavolt ratio: physics cannot call it organic.
    let thin = classify_sample(&s, Material::Polyethylene, 10.0, 300.0, &mut rng);
    assert!(thin[AMBIGUOUS] > 0.5 && thin[ORGANIC] < 0.1, "{thin:?}");
}

#[test]
fn bag_samples_classify_as_organic_mixed_and_inorganic() {
    let s = BagLineScanner::default().scanner().unwrap();
    let mut rng = stream(1, "test/bag-discrimination");
    for a in [1.0, 2.0, 5.0] {
        assert!(classify_sample(&s, Material::Polyethylene, a, 50.0, &mut rng)[ORGANIC] > 0.9);
        assert!(classify_sample(&s, Material::Aluminium, a, 50.0, &mut rng)[MIXED] > 0.9);
        assert!(classify_sample(&s, Material::Steel, a, 50.0, &mut rng)[INORGANIC] > 0.9);
    }
}
