//! A truck driving through a scanner portal triggers exactly one scan, at no more than the
//! portal's speed limit.

use std::collections::BTreeMap;

use bevy::ecs::message::{MessageCursor, Messages};
use porttwin::motion::physics::PortalPassed;
use porttwin::scenario::load;
use porttwin::sim::Network;
use porttwin::{Seed, build_app, finish_run};

#[test]
fn every_truck_through_the_portal_is_scanned_exactly_once() {
    let scenario = load("scenarios/truck_lane.ron".as_ref()).expect("valid");
    let layout = scenario.layout.clone().unwrap();
    let portal = &layout.portals[0];
    let mut app = build_app(&scenario, Seed(5));
    let mut cursor = MessageCursor::<PortalPassed>::default();
    let mut scans: BTreeMap<u64, Vec<PortalPassed>> = BTreeMap::new();
    while !app.world().resource::<Network>().0.is_finished() {
        app.update();
        let messages = app.world().resource::<Messages<PortalPassed>>();
        for passed in cursor.read(messages) {
            scans.entry(passed.truck).or_default().push(*passed);
        }
    }
    let result = finish_run(&mut app, Seed(5));
    let served = result.summary.served;
    assert!(served > 100, "{served} trucks left");
    assert_eq!(scans.len() as u64, served, "every truck that left was scanned");
    for (truck, passages) in &scans {
        assert_eq!(passages.len(), 1, "truck {truck} was scanned {} times", passages.len());
        let p = passages[0];
        let inside_s = (p.left - p.entered).as_secs_f64();
        // Body and tunnel lengths at the speed limit (a little slack for the motion step).
        let shortest = (portal.length_m + layout.vehicles.length_m) as f64 / portal.speed_limit_mps as f64;
        assert!(
            inside_s >= 0.9 * shortest,
            "truck {truck} was in the portal only {inside_s} s (at least {shortest} s at the limit)"
        );
    }
    let micro = result.summary.micro.expect("micro measures");
    assert_eq!(micro.portals.get("scanner").unwrap().scans, served);
}
