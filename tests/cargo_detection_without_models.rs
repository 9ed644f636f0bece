//! With both models disabled, only random selection sends trucks to inspection, so the share of
//! contraband seized is the random rate times the bays' find probability; every truck ends
//! released or seized.

mod common;

const SCENARIO: &str = r#"Scenario(
    meta: (name: "random_only", seed: 5, duration_h: 24.0, drain: true),
    population: [(name: "truck", share: 1.0)],
    demand: [(name: "gate", entry: "lodgement", arrivals: Hourly(daily_total: 3000, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {
        "booths": (servers: 4, service: LogNormal(mean_s: 60, sd_s: 20)),
        "bays": (servers: 20, service: LogNormal(mean_s: 1800, sd_s: 600)),
    },
    routing: {
        "lodgement": (pool: "booths", check: Cargo(Targeting), next: Choose([(when: Has("lane_red"), to: "inspection"), (when: Always, to: "exit")])),
        "inspection": (pool: "bays", check: Cargo(Inspect(find_probability: 0.8)), next: To("exit")),
    },
    cargo: (sources: ["gate"], contraband_rate: 0.3, targeting: (random_rate: 0.2)),
)"#;

#[test]
fn detection_equals_random_rate_times_find_probability() {
    let scenario = common::scenario(SCENARIO);
    let result = common::run(&scenario, 5);
    let cargo = porttwin::cargo::summary(&result.summary).expect("a cargo summary");
    assert_eq!(cargo.trucks, result.summary.arrived);
    assert_eq!(cargo.released + cargo.seized, cargo.trucks, "every truck ends released or seized");
    assert_eq!(result.summary.in_system_at_end, 0);
    let carried: u64 = cargo.threats.iter().map(|(_, t)| t.carried).sum();
    let seized: u64 = cargo.threats.iter().map(|(_, t)| t.seized).sum();
    let expected = 0.2 * 0.8;
    let n = carried as f64;
    let observed = seized as f64 / n;
    let sd = (expected * (1.0 - expected) / n).sqrt();
    assert!(
        (observed - expected).abs() < 4.0 * sd,
        "seized {seized} of {carried} = {observed:.4}; random selection predicts {expected} ± {:.4}",
        4.0 * sd
    );
    let contraband_share = n / cargo.trucks as f64;
    assert!(
        (contraband_share - 0.3).abs() < 0.05,
        "contraband in {contraband_share:.3} of containers"
    );
    // Misses: never scanned unless inspected; nothing was scanned.
    assert_eq!(cargo.controls.scans, 0);
    let never: u64 = cargo.threats.iter().map(|(_, t)| t.missed_never_scanned).sum();
    let in_bay: u64 = cargo.threats.iter().map(|(_, t)| t.missed_inspection).sum();
    assert_eq!(never + in_bay + seized, carried);
    assert_eq!(cargo.lanes.0.iter().map(|(_, l)| l.trucks).sum::<u64>(), cargo.trucks);
}
