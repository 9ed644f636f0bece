//! Contrast sensitivity measured on rendered test objects: thin steel plates on a steel base.

use porttwin::detect::physics::scanner::LinacPortal;
use porttwin::detect::physics::test_objects::contrast_sensitivity;
use porttwin::sim::rng::stream;

#[test]
fn a_few_percent_of_steel_shows_behind_100_mm() {
    let scanner = LinacPortal::default().scanner().unwrap();
    let plates = [0.5, 1.0, 2.0, 3.0, 5.0];
    let (best, figures) = contrast_sensitivity(&scanner, 100.0, &plates, 100.0, &mut stream(1, "test/contrast"));
    println!("contrast sensitivity behind 100 mm steel: {best:?} %, visibility per plate {figures:?}");
    assert!(best.is_some_and(|p| p <= 3.0), "{figures:?}");
    assert!(figures[0].1 < figures[4].1);
    // Half a percent is below what photon statistics allow on a 10 cm plate.
    assert!(figures[0].1 < 5.0, "{figures:?}");
}
