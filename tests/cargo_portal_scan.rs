//! Micro fidelity: a drive-through scan happens upon passing the portal. Every truck that
//! drives through the Rapier portal sensor gets exactly one scan, synthesised from its
//! container and scored by the image model as it leaves the sensor.

mod common;

use porttwin::scenario::parse;
use porttwin::{RunOptions, Seed, run_headless};

#[test]
fn every_truck_is_scanned_once_upon_passing_the_portal() {
    let base = std::fs::read_to_string("scenarios/truck_lane.ron").unwrap();
    let cargo = r#"    cargo: (
        sources: ["road"],
        contraband_rate: 0.1,
        scanning: (model: "xray_container", thresholds: {"weapons": 0.5, "drugs": 0.5, "wildlife": 0.5, "live_animals": 0.5}),
    ),
)"#;
    let end = base.rfind(')').unwrap();
    let text = format!("{}{cargo}\n", &base[..end]).replace("duration_h: 2.0", "duration_h: 0.75");
    let scenario = parse(&text, "truck_lane_cargo.ron").unwrap_or_else(|e| panic!("{e}"));
    let result = run_headless(&scenario, Seed(5), &RunOptions::default()).unwrap();
    let s = &result.summary;
    let cargo = porttwin::cargo::summary(s).expect("a cargo summary");
    let portal_scans: u64 = s.micro.as_ref().expect("micro outputs").portals.iter().map(|(_, p)| p.scans).sum();
    assert!(portal_scans > 20, "{portal_scans} trucks passed the portal");
    assert_eq!(cargo.controls.scans, portal_scans, "one scan per passage");
    assert_eq!(cargo.image_inferences, portal_scans, "each scan scored by the image model");
    assert!(
        cargo.controls.scans >= cargo.released + cargo.seized,
        "every truck that left had passed the portal"
    );
    assert_eq!(cargo.trucks, s.arrived);
}
