//! Mistakes in a scenario's cargo section: each gets an error naming the file, line, column
//! and field path (exit code 2 from the CLI, see tests/cli.rs).

mod common;

use porttwin::scenario::parse;

const BASE: &str = r#"// A small valid cargo scenario; each case below breaks one thing.
Scenario(
    meta: (name: "cargo_base", duration_h: 2.0),
    population: [(name: "truck", share: 1.0)],
    demand: [(name: "gate", entry: "lodgement", arrivals: Hourly(daily_total: 240, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {
        "portal": (servers: 1, service: DriveThrough(speed_kmh: 8, spacing_m: 40)),
        "bays": (servers: 2, service: Exponential(mean_s: 1800)),
    },
    routing: {
        "lodgement": (check: Cargo(Targeting), next: To("portal")),
        "portal": (pool: "portal", check: Cargo(Scan(kind: DriveThrough)), next: Choose([(when: Has("scan_alarm"), to: "bay"), (when: Always, to: "exit")])),
        "bay": (pool: "bays", check: Cargo(Inspect(find_probability: 0.9)), next: To("exit")),
    },
    cargo: (
        sources: ["gate"],
        targeting: (
            rules: [(when: Is("origin", "6"), lane: Red)],
            risk_model: "declaration_risk",
            score_threshold: 0.5,
            random_rate: 0.02,
        ),
        scanning: (
            model: "xray_container",
            thresholds: {"weapons": 0.5, "drugs": 0.5, "wildlife": 0.5, "live_animals": 0.5},
        ),
        breakdowns: {"portal": (mtbf_h: 100, mttr_min: 60)},
    ),
)
"#;

fn case(from: &str, to: &str, path: &str, message: &str, line_marker: &str) {
    common::assert_rejected(BASE, "cargo.ron", from, to, path, message, line_marker);
}

#[test]
fn base_scenario_is_valid() {
    parse(BASE, "cargo.ron").unwrap();
}

#[test]
fn unknown_image_model() {
    case(
        "model: \"xray_container\"",
        "model: \"xray_truck\"",
        "cargo.scanning.model",
        "no model named \"xray_truck\"",
        "xray_truck",
    );
}

#[test]
fn unknown_risk_model() {
    case(
        "risk_model: \"declaration_risk\"",
        "risk_model: \"risk\"",
        "cargo.targeting.risk_model",
        "no model named \"risk\"",
        "risk_model",
    );
}

#[test]
fn threshold_outside_zero_one() {
    case(
        "\"drugs\": 0.5",
        "\"drugs\": 1.5",
        "cargo.scanning.thresholds.drugs",
        "between 0 and 1",
        "\"drugs\": 1.5",
    );
}

#[test]
fn score_threshold_outside_zero_one() {
    case(
        "score_threshold: 0.5",
        "score_threshold: -0.1",
        "cargo.targeting.score_threshold",
        "between 0 and 1",
        "score_threshold",
    );
}

#[test]
fn missing_class_threshold() {
    case(
        ", \"live_animals\": 0.5",
        "",
        "cargo.scanning.thresholds",
        "no alarm threshold for class \"live_animals\"",
        "thresholds:",
    );
}

#[test]
fn rule_on_unknown_field() {
    case(
        "Is(\"origin\", \"6\")",
        "Is(\"colour\", \"red\")",
        "cargo.targeting.rules[0].when",
        "unknown declaration field \"colour\"",
        "colour",
    );
}

#[test]
fn rule_with_impossible_value() {
    case(
        "Is(\"origin\", \"6\")",
        "Is(\"origin\", \"12\")",
        "cargo.targeting.rules[0].when",
        "origin must be a number from 0 to 7",
        "\"12\"",
    );
}

#[test]
fn unknown_trader_tier() {
    case(
        "random_rate: 0.02,",
        "random_rate: 0.02, tiers: {\"gold\": (random_rate: 0.0)},",
        "cargo.targeting.tiers.gold",
        "unknown trader tier",
        "\"gold\"",
    );
}

#[test]
fn unknown_truck_source() {
    case(
        "sources: [\"gate\"]",
        "sources: [\"rail\"]",
        "cargo.sources[0]",
        "source \"rail\" does not exist",
        "\"rail\"",
    );
}

#[test]
fn breakdown_of_unknown_pool() {
    case(
        "breakdowns: {\"portal\"",
        "breakdowns: {\"gantry\"",
        "cargo.breakdowns.gantry",
        "pool \"gantry\" does not exist",
        "\"gantry\"",
    );
}

#[test]
fn negative_repair_time() {
    case(
        "mttr_min: 60",
        "mttr_min: -5",
        "cargo.breakdowns.portal.mttr_min",
        "cannot be negative",
        "mttr_min",
    );
}

#[test]
fn portal_speed_of_zero() {
    case(
        "speed_kmh: 8",
        "speed_kmh: 0",
        "facilities.portal.service.speed_kmh",
        "greater than 0",
        "speed_kmh",
    );
}

#[test]
fn find_probability_above_one() {
    case(
        "find_probability: 0.9",
        "find_probability: 1.9",
        "routing.bay.check.find_probability",
        "between 0 and 1",
        "find_probability",
    );
}

#[test]
fn unknown_lane_flag_in_routing() {
    case(
        "Has(\"scan_alarm\")",
        "Has(\"scan_alarmed\")",
        "routing.portal.next[0].when",
        "attribute \"scan_alarmed\"",
        "scan_alarmed",
    );
}

#[test]
fn scan_without_scanning_section() {
    let start = BASE.find("        scanning: (").unwrap();
    let end = BASE[start..].find("        breakdowns").unwrap() + start;
    let text = format!("{}{}", &BASE[..start], &BASE[end..]);
    let error = parse(&text, "cargo.ron").unwrap_err();
    let d = error
        .diagnostics()
        .iter()
        .find(|d| d.path == "routing.portal.check")
        .expect("an error at the scan");
    assert!(d.message.contains("needs a `cargo.scanning` section"), "{d}");
}

#[test]
fn cargo_check_without_cargo_section() {
    let start = BASE.find("    cargo: (").unwrap();
    let text = format!("{})\n", &BASE[..start]);
    let error = parse(&text, "cargo.ron").unwrap_err();
    let d = error
        .diagnostics()
        .iter()
        .find(|d| d.path == "routing.lodgement.check")
        .expect("an error at the check");
    assert!(d.message.contains("needs a `cargo` section"), "{d}");
    assert!(d.line >= 1);
}

#[test]
fn unknown_field_in_cargo() {
    let text = BASE.replacen("sources: [\"gate\"],", "sources: [\"gate\"], scanners: 3,", 1);
    let error = parse(&text, "cargo.ron").unwrap_err().to_string();
    assert!(error.contains("cargo.ron:") && error.contains("scanners"), "{error}");
}
