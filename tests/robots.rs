//! Collaborative robots shorten the inspections they assist, within their battery and charging cycles.

mod common;

use common::{run, scenario};

fn searches(robots: &str) -> porttwin::metrics::Summary {
    run(
        &scenario(&format!(
            r#"Scenario(
    meta: (name: "robots", duration_h: 24.0, drain: true),
    demand: [(name: "in", entry: "search", arrivals: Hourly(daily_total: 480, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {{ "officers": (servers: 4, service: Constant(s: 600){robots}) }},
    routing: {{ "search": (pool: "officers", next: To("exit")) }},
)"#
        )),
        1,
    )
    .summary
}

#[test]
fn robots_shorten_assisted_inspections() {
    let without = searches("");
    let with = searches(", robots: (count: 4, time_factor: 0.5, battery_min: 100000, recharge_min: 60)");
    assert_eq!(without.stages.get("search").unwrap().mean_service_s, 600.0);
    assert!(
        (with.stages.get("search").unwrap().mean_service_s - 300.0).abs() < 1e-9,
        "every search assisted, half as long"
    );
    let fleet = with.pools.get("officers").unwrap().robots.as_ref().unwrap();
    assert_eq!(fleet.assists, with.stages.get("search").unwrap().served);
}

#[test]
fn spent_robots_charge_and_officers_work_alone_meanwhile() {
    // One robot with 50 minutes of battery and a 2-hour recharge.
    let with = searches(", robots: (count: 1, time_factor: 0.5, battery_min: 50, recharge_min: 120)");
    let stage = with.stages.get("search").unwrap();
    let fleet = with.pools.get("officers").unwrap().robots.as_ref().unwrap();
    assert!(fleet.assists < stage.served / 2, "the robot is often charging or busy");
    assert!(fleet.charging_hours >= 2.0 * 5.0, "charged several times: {}", fleet.charging_hours);
    assert!(stage.mean_service_s > 300.0 && stage.mean_service_s < 600.0);
}
