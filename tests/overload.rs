//! Triple demand on W1 completes and the summary says the port is unstable; normal demand is stable.

mod common;

use common::{assert_conserved, assert_littles_law, run};
use porttwin::scenario::raw::RawArrivals;
use porttwin::scenario::{from_raw, parse_raw};

fn w1_with_demand(factor: f64) -> porttwin::scenario::Scenario {
    let file = "scenarios/bench/w1_passenger_hall.ron";
    let text = std::fs::read_to_string(file).unwrap();
    let mut raw = parse_raw(&text, file).unwrap();
    for source in &mut raw.demand {
        if let RawArrivals::Hourly { daily_total, .. } = &mut source.arrivals {
            *daily_total *= factor;
        }
    }
    from_raw(&raw, &text, file).unwrap()
}

#[test]
fn triple_demand_is_reported_unstable() {
    let result = run(&w1_with_demand(3.0), 1);
    assert_conserved(&result);
    let stability = &result.summary.stability;
    assert!(!stability.stable);
    assert!(stability.overloaded_stages.contains(&"egate".to_string()), "{stability:?}");
    assert!(stability.verdict.contains("egate: offered load 1.2"), "{}", stability.verdict);
    assert!(result.summary.in_system_at_end > 10_000, "the backlog is still there at the end");
}

#[test]
fn normal_demand_is_stable_and_obeys_littles_law() {
    let result = run(&w1_with_demand(1.0), 1);
    assert_conserved(&result);
    assert_littles_law(&result, 0.01);
    assert!(result.summary.stability.stable, "{}", result.summary.stability.verdict);
}
