//! Walking distances add travel time from each traveller's speed.

mod common;

use common::{assert_conserved, run, scenario};

#[test]
fn walking_time_follows_distance_and_speed() {
    let spec = scenario(
        r#"Scenario(
    meta: (name: "walk", duration_h: 24.0),
    population: [(name: "walker", share: 1.0, walk_speed_mps: (mean: 1.34, sd: 0.0))],
    demand: [(name: "in", entry: "gate", arrivals: Hourly(daily_total: 480, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: { "gates": (servers: 50, service: Constant(s: 10)) },
    routing: { "gate": (pool: "gates", walk_m: 134, next: To("exit")) },
)"#,
    );
    let result = run(&spec, 1);
    assert_conserved(&result);
    let t = result.summary.time_in_system_s;
    assert!((t.mean - 110.0).abs() < 0.01, "100 s walking + 10 s service, got {}", t.mean);
}
