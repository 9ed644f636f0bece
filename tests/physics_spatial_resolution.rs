//! Spatial resolution measured on rendered bar patterns and wires.

use porttwin::detect::physics::material::Material;
use porttwin::detect::physics::scanner::{BagLineScanner, LinacPortal};
use porttwin::detect::physics::test_objects::{bar_resolution, wire_display};
use porttwin::sim::rng::stream;

#[test]
fn cargo_bars_resolve_down_to_the_pixel_pitch_and_not_below() {
    let scanner = LinacPortal::default().scanner().unwrap();
    let (best, figures) = bar_resolution(
        &scanner,
        Material::Steel,
        50.0,
        &[2.5, 5.0, 7.5, 10.0, 20.0],
        &mut stream(1, "test/bars"),
    );
    println!("bar resolution {best:?} mm, modulation per width {figures:?}");
    assert!(best.is_some_and(|w| (5.0..=7.5).contains(&w)), "{figures:?}");
    assert!(figures[0].1 < 0.1, "2.5 mm bars are below the 5 mm pitch: {figures:?}");
}

#[test]
fn millimetre_steel_wires_show_in_a_cargo_scan() {
    let scanner = LinacPortal::default().scanner().unwrap();
    let (best, figures) = wire_display(
        &scanner,
        Material::Steel,
        &[0.25, 0.5, 1.0, 2.0, 4.0],
        400.0,
        &mut stream(1, "test/wires"),
    );
    println!("thinnest visible steel wire {best:?} mm, visibility {figures:?}");
    assert!(best.is_some_and(|d| d <= 2.0), "{figures:?}");
    assert!(figures[0].1 < 5.0, "{figures:?}");
}

#[test]
fn bag_scanners_show_thin_copper_wire() {
    let scanner = BagLineScanner::default().scanner().unwrap();
    // AWG 24, 30, 36 and 40 copper wire.
    let (best, figures) = wire_display(
        &scanner,
        Material::Copper,
        &[0.511, 0.255, 0.127, 0.0799],
        100.0,
        &mut stream(1, "test/bag-wires"),
    );
    println!("thinnest visible copper wire {best:?} mm, visibility {figures:?}");
    assert!(best.is_some_and(|d| d <= 0.3), "{figures:?}");
}
