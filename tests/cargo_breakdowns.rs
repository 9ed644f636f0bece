//! Scanner downtime: a portal that fails after an exponential time (MTBF) and is repaired after
//! another (MTTR) is out of service MTTR / (MTBF + MTTR) of the time; trucks wait for the
//! repair, none is lost, and other scenarios' streams do not move (breakdowns draw from their
//! own stream).

mod common;

const SCENARIO: &str = r#"Scenario(
    meta: (name: "breakdowns", seed: 4, duration_h: 400.0, drain: true),
    population: [(name: "truck", share: 1.0)],
    demand: [(name: "gate", entry: "portal", arrivals: Hourly(daily_total: 120, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {"portals": (servers: 1, service: DriveThrough(speed_kmh: 6, spacing_m: 50), automated: true)},
    routing: {"portal": (pool: "portals", check: Cargo(Scan(kind: DriveThrough)), next: To("exit"))},
    cargo: (sources: ["gate"], scanning: (model: None), breakdowns: {"portals": (mtbf_h: 4, mttr_min: 60)}),
)"#;

#[test]
fn portal_is_down_mttr_over_mtbf_plus_mttr_of_the_time() {
    let scenario = common::scenario(SCENARIO);
    let result = common::run(&scenario, 4);
    let staffed = &result.series.staffed[0];
    let horizon = staffed.len().min(400 * 60);
    let down = staffed[..horizon].iter().filter(|&&n| n == 0).count() as f64 / horizon as f64;
    // 1 h / (4 h + 1 h) = 0.2; about 80 failure cycles in 400 h.
    assert!((down - 0.2).abs() < 0.06, "portal down {down:.3} of the time, expected 0.2");
    let cargo = porttwin::cargo::summary(&result.summary).unwrap();
    assert_eq!(
        cargo.controls.scans, cargo.trucks,
        "every truck scanned, after the repair if need be"
    );
    assert_eq!(cargo.released + cargo.seized, cargo.trucks);
    let wait = result.summary.stages.0[0].1.wait_s;
    assert!(wait.max > 600.0, "some trucks waited for a repair (longest wait {} s)", wait.max);
}
