//! The seam between the engine and its domains: each domain owns its agents and its summary
//! section, routing flags are allocated per scenario, breakdowns are a property of any pool,
//! and a stage's check is written in its domain's own syntax.

mod common;

use porttwin::scenario::parse;

const TRUCKS: &str = r#"Scenario(
    meta: (name: "trucks", seed: 2, duration_h: 4.0, drain: true),
    population: [(name: "truck", share: 1.0)],
    demand: [(name: "gate", entry: "booth", arrivals: Hourly(daily_total: 600, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {"booths": (servers: 2, service: Exponential(mean_s: 60))},
    routing: {"booth": (pool: "booths", walk_m: 250, check: Cargo(Targeting), next: To("exit"))},
    cargo: (sources: ["gate"], truck_speed_kmh: 18),
)"#;

#[test]
fn trucks_are_not_travellers() {
    let result = common::run(&common::scenario(TRUCKS), 2);
    let json = serde_json::to_value(&result.summary).unwrap();
    assert!(json.get("passengers").is_none(), "a truck-only run has no passenger section");
    let cargo = porttwin::cargo::summary(&result.summary).expect("a cargo section");
    assert_eq!(cargo.trucks, result.summary.arrived);
    assert_eq!(cargo.released + cargo.seized, cargo.trucks);
}

#[test]
fn trucks_drive_between_stages_at_their_speed() {
    // 250 m at 18 km/h = 50 s before the booth: nobody leaves sooner than that plus service.
    let result = common::run(&common::scenario(TRUCKS), 2);
    let cargo = porttwin::cargo::summary(&result.summary).unwrap();
    assert!(cargo.time_in_port_s.p50 >= 50.0, "median time in port {}", cargo.time_in_port_s.p50);
    let slow = common::scenario(&TRUCKS.replace("truck_speed_kmh: 18", "truck_speed_kmh: 9"));
    let slow = porttwin::cargo::summary(&common::run(&slow, 2).summary).unwrap();
    let extra = slow.time_in_port_s.mean - cargo.time_in_port_s.mean;
    assert!((extra - 50.0).abs() < 1.0, "half the speed adds 50 s on 250 m, got {extra:.1} s");
}

fn attributes(n: usize) -> String {
    (0..n).map(|i| format!("\"a{i}\": 0.5")).collect::<Vec<_>>().join(", ")
}

fn with_attributes(n: usize) -> String {
    format!(
        r#"Scenario(
    meta: (name: "flags", duration_h: 1.0),
    population: [(name: "visitor", share: 1.0, attributes: {{{}}})],
    demand: [(name: "door", entry: "gate", arrivals: Hourly(daily_total: 240, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {{"gates": (servers: 2, automated: true, service: Constant(s: 10)), "desks": (servers: 2, service: Constant(s: 30))}},
    routing: {{
        "gate": (pool: "gates", check: FaceMatch(threshold: 0.7, capture_noise: 0.3), next: Choose([
            (when: Has("face_rejected"), to: "desk"), (when: Has("a{last}"), to: "desk"), (when: Always, to: "exit")])),
        "desk": (pool: "desks", next: To("exit")),
    }},
)"#,
        attributes(n),
        last = n - 1
    )
}

#[test]
fn users_get_every_bit_the_domains_do_not_need() {
    // The passenger domain sets 3 flags; 61 attributes fill the other 61 of 64 bits.
    let scenario = parse(&with_attributes(61), "flags.ron").expect("61 attributes and 3 flags fit");
    assert_eq!(scenario.flags.len(), 64);
    let result = common::run(&scenario, 1);
    assert!(result.summary.stages.get("desk").unwrap().entered > 0, "the last attribute routes");
    let error = parse(&with_attributes(62), "flags.ron").unwrap_err().to_string();
    assert!(error.contains("62 distinct attributes and 3 flags"), "{error}");
    assert!(error.contains("flags.ron:3:"), "located at the population: {error}");
}

const DESK_BREAKDOWNS: &str = r#"Scenario(
    meta: (name: "desks", seed: 5, duration_h: 200.0),
    demand: [(name: "door", entry: "desk", arrivals: Hourly(daily_total: 960, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {"desks": (servers: 1, service: Constant(s: 30), breakdown: (mtbf_h: 3, mttr_min: 20))},
    routing: {"desk": (pool: "desks", next: To("exit"))},
)"#;

#[test]
fn any_pool_can_break_down_without_a_cargo_section() {
    let scenario = common::scenario(DESK_BREAKDOWNS);
    let result = common::run(&scenario, 5);
    let staffed = &result.series.staffed[0];
    let down = staffed.iter().filter(|&&n| n == 0).count() as f64 / staffed.len() as f64;
    // 20 min / (3 h + 20 min) = 0.1 of the time out of order.
    assert!((down - 0.1).abs() < 0.04, "desk down {down:.3} of the time, expected 0.1");
    let again = common::run(&scenario, 5);
    assert_eq!(again.summary.digest, result.summary.digest);
}

#[test]
fn a_check_is_written_in_its_domains_syntax_and_an_unknown_one_lists_every_domains_checks() {
    let text = TRUCKS.replace("check: Cargo(Targeting)", "check: Inspection(find_probability: 0.9)");
    let error = parse(&text, "trucks.ron").unwrap_err().to_string();
    assert!(error.contains("trucks.ron:6:"), "{error}");
    assert!(error.contains("unknown variant `Inspection`"), "{error}");
    for variant in ["FaceMatch", "Search", "Reclaim", "BagScan", "Cargo"] {
        assert!(error.contains(&format!("`{variant}`")), "{variant} missing from {error}");
    }
    let inner = TRUCKS.replace("check: Cargo(Targeting)", "check: Cargo(Inspect(find_probability: 0.9, speed: 2))");
    let error = parse(&inner, "trucks.ron").unwrap_err().to_string();
    assert!(error.contains("unknown field `speed`"), "the cargo domain's own error: {error}");
    assert!(error.contains("trucks.ron:6:"), "{error}");
}

#[test]
fn a_domains_check_refuses_agents_of_another_domain() {
    // Travellers (the walk-in source is not in `cargo.sources`) routed into a truck's targeting.
    let text = TRUCKS.replace(
        r#"demand: [(name: "gate", entry: "booth","#,
        r#"demand: [(name: "walk_in", entry: "booth", arrivals: Hourly(daily_total: 24, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1])), (name: "gate", entry: "booth","#,
    );
    let error = parse(&text, "mixed.ron").unwrap_err().to_string();
    assert!(
        error.contains(r#"stage "booth" makes a cargo check, but agents of source "walk_in" (passengers) can reach it"#),
        "{error}"
    );
    assert!(error.contains("mixed.ron:6:"), "located at the stage's check: {error}");
}
