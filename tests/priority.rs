//! A priority discipline serves higher classes first, FIFO within a class.

mod common;

use common::{assert_conserved, run, scenario};

#[test]
fn crew_wait_less_than_passengers_under_load() {
    let spec = scenario(
        r#"Scenario(
    meta: (name: "priority", duration_h: 48.0),
    population: [(name: "passenger", share: 0.8), (name: "crew", share: 0.2)],
    demand: [(name: "in", entry: "desk", arrivals: Hourly(daily_total: 2592, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: { "desks": (servers: 2, service: Exponential(mean_s: 60), discipline: Priority(["crew", "passenger"])) },
    routing: { "desk": (pool: "desks", next: To("exit")) },
)"#,
    );
    let result = run(&spec, 2);
    assert_conserved(&result);
    let by_type = &result.summary.time_in_system_by_type_s;
    let (crew, passenger) = (by_type.get("crew").unwrap().mean, by_type.get("passenger").unwrap().mean);
    // ρ = 0.9: non-preemptive priority (Cobham) gives crew a wait of about 14 s and passengers about 217 s.
    assert!(crew - 60.0 < 30.0, "crew wait {crew:.1} s in system");
    assert!(passenger - 60.0 > 120.0, "passenger wait {passenger:.1} s in system");
}
