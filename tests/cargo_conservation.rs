//! A terminal with both models in the loop: nothing is released twice or lost (every truck
//! ends released or seized), scans equal image inferences, and the run is bit-identical
//! whatever the thread count or tick size.

mod common;

use porttwin::sim::time::{MS_PER_MIN, SimTime};
use porttwin::{RunOptions, Seed, run_headless};

const SCENARIO: &str = r#"Scenario(
    meta: (name: "small_terminal", seed: 9, duration_h: 2.0, drain: true),
    population: [(name: "truck", share: 1.0)],
    demand: [(name: "gate", entry: "lodgement", arrivals: Hourly(daily_total: 1200, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {
        "portal": (servers: 1, service: DriveThrough(speed_kmh: 8, spacing_m: 40), automated: true),
        "analysts": (servers: 2, service: LogNormal(mean_s: 90, sd_s: 30)),
        "bays": (servers: 3, service: LogNormal(mean_s: 1800, sd_s: 600)),
        "video": (servers: 1, service: LogNormal(mean_s: 600, sd_s: 200)),
        "desk": (servers: 1, service: Exponential(mean_s: 300)),
    },
    routing: {
        "lodgement": (check: Cargo(Targeting), next: Choose([
            (when: Has("lane_yellow"), to: "documents"),
            (when: Has("lane_blue"), to: "audit"),
            (when: Always, to: "portal"),
        ])),
        "documents": (pool: "desk", check: Cargo(Documents(find_probability: 0.5)), next: To("exit")),
        "audit": (check: Cargo(Audit(find_probability: 0.3)), next: To("exit")),
        "portal": (pool: "portal", check: Cargo(Scan(kind: DriveThrough)), next: Choose([
            (when: Any([Has("scan_alarm"), Has("lane_red")]), to: "review"),
            (when: Always, to: "exit"),
        ])),
        "review": (pool: "analysts", check: Cargo(Review(sensitivity: 0.9, false_alarm: 0.05)), next: Choose([
            (when: All([Has("review_alarm"), Has("remote_eligible")]), to: "remote"),
            (when: Has("review_alarm"), to: "bay"),
            (when: Always, to: "exit"),
        ])),
        "remote": (pool: "video", check: Cargo(Inspect(find_probability: 0.8, remote: true)), next: To("exit")),
        "bay": (pool: "bays", check: Cargo(Inspect(find_probability: 0.95)), next: To("exit")),
    },
    cargo: (
        sources: ["gate"],
        contraband_rate: 0.05,
        misdeclaration_rate: 0.05,
        targeting: (
            rules: [(when: Below("value_ratio", 0.3), lane: Yellow)],
            risk_model: "declaration_risk",
            budget: 0.05,
            block: 100,
            random_rate: 0.02,
            tiers: {"authorised": (random_rate: 0.0, lane: Blue, remote_inspection: true)},
        ),
        scanning: (
            model: "xray_container",
            thresholds: {"weapons": 0.5, "drugs": 0.5, "wildlife": 0.5, "live_animals": 0.5},
            discrepancy: 0.95,
        ),
        breakdowns: {"portal": (mtbf_h: 1.0, mttr_min: 10)},
    ),
)"#;

#[test]
fn every_truck_ends_released_or_seized_and_runs_are_identical() {
    let scenario = common::scenario(SCENARIO);
    let result = common::run(&scenario, 9);
    let s = &result.summary;
    let cargo = porttwin::cargo::summary(s).expect("a cargo summary");
    assert!(cargo.trucks > 50, "{} trucks", cargo.trucks);
    assert_eq!(cargo.trucks, s.arrived);
    assert_eq!(s.in_system_at_end, 0, "the run drains");
    assert_eq!(cargo.released + cargo.seized, cargo.trucks, "released or seized, once each");
    assert_eq!(s.served, cargo.trucks);
    assert_eq!(cargo.image_inferences, cargo.controls.scans, "one inference per scan");
    assert_eq!(
        cargo.controls.scans,
        s.stages.0.iter().find(|(n, _)| n == "portal").unwrap().1.served
    );
    let lanes: u64 = cargo.lanes.0.iter().map(|(_, l)| l.trucks).sum();
    assert_eq!(lanes, cargo.trucks, "every truck got one lane");
    assert!(
        cargo
            .lanes
            .0
            .iter()
            .any(|(n, l)| n == "red" && l.by_reason.0.iter().any(|(k, v)| k == "budget" && *v > 0))
    );
    let seized: u64 = cargo.threats.iter().map(|(_, t)| t.seized).sum();
    assert!(seized > 0 && cargo.seized > 0, "the chain finds contraband");
    for (class, t) in cargo.threats.iter() {
        let missed = t.missed_never_scanned + t.missed_model + t.missed_analyst + t.missed_inspection + t.missed_not_inspected;
        assert_eq!(
            t.seized + missed,
            t.carried,
            "{class}: every hidden item is seized or missed for a reason"
        );
    }
    // Same seed: bit-identical, whatever the threads or the tick.
    let options = RunOptions {
        threads: Some(1),
        tick: SimTime(MS_PER_MIN),
    };
    let again = run_headless(&scenario, Seed(9), &options).unwrap();
    assert_eq!(again.summary.digest, s.digest);
    assert_eq!(porttwin::cargo::summary(&again.summary), porttwin::cargo::summary(s));
}
