//! `service_by_type`: a pool serves each traveller or vehicle type at its own service time,
//! the others at `service`; checked against values worked out by hand.

mod common;

use porttwin::{RunOptions, Seed, run_headless};

/// Three foot passengers at 00:10 and two cars at 01:00 reach booths with servers to spare:
/// nobody waits, so each one's time in the port is its booth service exactly.
const BOOTHS: &str = r#"Scenario(
    meta: (name: "booths", duration_h: 2.0, drain: true),
    population: [(name: "foot", share: 0.5), (name: "car", share: 0.5)],
    demand: [
        (name: "foot", entry: "booth", mix: {"foot": 1.0}, arrivals: Schedule(batches: [(at: "00:10", count: 3)])),
        (name: "road", entry: "booth", mix: {"car": 1.0}, arrivals: Schedule(batches: [(at: "01:00", count: 2)])),
    ],
    facilities: {
        "booths": (servers: 10, service: Constant(s: 120), service_by_type: {"car": Constant(s: 300)}),
    },
    routing: {"booth": (pool: "booths", next: To("exit"))},
)"#;

#[test]
fn each_type_is_served_at_its_own_time_and_the_rest_at_the_pool_s() {
    let scenario = common::scenario(BOOTHS);
    let s = common::run(&scenario, 1).summary;
    let (foot, car) = (&s.groups.agent_type["foot"], &s.groups.agent_type["car"]);
    assert_eq!((foot.served, car.served), (3, 2));
    assert_eq!((foot.time_in_system_s.mean, foot.time_in_system_s.max), (120.0, 120.0));
    assert_eq!((car.time_in_system_s.mean, car.time_in_system_s.max), (300.0, 300.0));
    let booth = &s.stages["booth"];
    assert_eq!(booth.wait_s.max, 0.0);
    // (3 × 120 + 2 × 300) / 5
    assert!((booth.mean_service_s - 192.0).abs() < 1e-9, "{}", booth.mean_service_s);
    // Capacity estimates take the population's mix: 0.5 × 120 + 0.5 × 300.
    assert!((scenario.pools[0].mean_service_s - 210.0).abs() < 1e-9);
}

#[test]
fn a_pool_without_service_by_type_runs_as_before() {
    let plain = BOOTHS.replace(r#", service_by_type: {"car": Constant(s: 300)}"#, "");
    let cars_at_120 = BOOTHS.replace("Constant(s: 300)", "Constant(s: 120)");
    let run = |text: &str| {
        run_headless(&common::scenario(text), Seed(5), &RunOptions::default())
            .unwrap()
            .summary
    };
    let (a, b) = (run(&plain), run(&cars_at_120));
    assert_eq!(a.digest, b.digest, "a type served at the pool's own time changes nothing");
    assert_eq!(a.groups.agent_type["car"].time_in_system_s.max, 120.0);
}
