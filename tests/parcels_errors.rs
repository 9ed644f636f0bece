//! The `parcels` section's mistakes are reported at their line and field, with exit code 2
//! from the command line.

mod common;

use porttwin::scenario::parse;

const SCENARIO: &str = r#"Scenario(
    meta: (name: "parcels", seed: 4, duration_h: 2.0, drain: true),
    population: [(name: "parcel", share: 1.0)],
    demand: [(name: "flight", entry: "induction", arrivals: Schedule(batches: [(at: "00:10", count: 300, spread_min: 30)]))],
    facilities: {
        "induction": (servers: 2, service: Constant(s: 2)),
        "officers": (servers: 2, service: Constant(s: 60)),
    },
    routing: {
        "induction": (pool: "induction", check: Parcel(Assess), next: Choose([
            (when: Has("parcel_selected"), to: "opening"),
            (when: Always, to: "exit"),
        ])),
        "opening": (pool: "officers", check: Parcel(Open(find_probability: 0.9)), next: To("exit")),
    },
    parcels: (
        sources: ["flight"],
        origins: {"CN": 0.8, "US": 0.2},
        destinations: {"DE": 1.0},
        rates: {"drugs": 0.01, "undeclared_value": 0.05},
        targeting: (de_minimis_eur: 150.0, rules: [(when: Origin("US"), action: Open)], random_rate: 0.01),
    ),
)"#;

fn error_of(text: &str) -> String {
    parse(text, "parcels.ron").expect_err("the scenario is invalid").to_string()
}

/// Line (1-based) of the first line of `text` holding `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect("the needle is in the text") + 1
}

#[test]
fn the_base_scenario_is_valid() {
    common::scenario(SCENARIO);
}

#[test]
fn an_unknown_class_is_named_at_its_line_with_the_classes_there_are() {
    let text = SCENARIO.replace("\"drugs\": 0.01", "\"cocaine\": 0.01");
    let error = error_of(&text);
    assert!(error.contains(&format!("parcels.ron:{}:", line_of(&text, "cocaine"))), "{error}");
    assert!(error.contains("parcels.rates.cocaine"), "{error}");
    assert!(error.contains("unknown parcel class \"cocaine\""), "{error}");
    assert!(
        error.contains("drugs, counterfeit, weapon_parts, wildlife, undeclared_value"),
        "{error}"
    );
}

#[test]
fn shares_that_do_not_sum_to_one_are_refused() {
    let text = SCENARIO.replace("\"US\": 0.2", "\"US\": 0.3");
    let error = error_of(&text);
    assert!(error.contains("parcels.origins"), "{error}");
    assert!(error.contains("must sum to 1"), "{error}");
}

#[test]
fn a_rule_on_an_unknown_country_is_located() {
    let text = SCENARIO.replace("Origin(\"US\")", "Origin(\"FR\")");
    let error = error_of(&text);
    assert!(error.contains("parcels.targeting.rules[0].when"), "{error}");
    assert!(error.contains("origin \"FR\" does not exist"), "{error}");
    assert!(
        error.contains(&format!("parcels.ron:{}:", line_of(&text, "Origin(\"FR\")"))),
        "{error}"
    );
}

#[test]
fn a_misspelt_field_is_a_serde_error_at_its_line() {
    let text = SCENARIO.replace("de_minimis_eur", "de_minimus_eur");
    let error = error_of(&text);
    assert!(
        error.contains(&format!("parcels.ron:{}:", line_of(&text, "de_minimus_eur"))),
        "{error}"
    );
    assert!(error.contains("de_minimus_eur"), "{error}");
}

#[test]
fn a_probability_out_of_range_in_a_check_is_located_at_its_stage() {
    let text = SCENARIO.replace("find_probability: 0.9", "find_probability: 1.9");
    let error = error_of(&text);
    assert!(error.contains("routing.opening.check.find_probability"), "{error}");
    assert!(error.contains("between 0 and 1"), "{error}");
}

#[test]
fn an_xray_without_a_scanning_section_is_refused() {
    let text = SCENARIO.replace("check: Parcel(Assess)", "check: Parcel(Xray)");
    let error = error_of(&text);
    assert!(error.contains("routing.induction.check"), "{error}");
    assert!(error.contains("`parcels.scanning`"), "{error}");
}

#[test]
fn a_parcel_check_without_the_section_says_what_to_add() {
    let start = SCENARIO.find("    parcels: (").unwrap();
    let text = format!("{})", &SCENARIO[..start]);
    let error = error_of(&text);
    assert!(error.contains("a parcel check needs a `parcels` section"), "{error}");
}

#[test]
fn the_command_line_exits_with_code_2_naming_the_file_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad_parcels.ron");
    std::fs::write(&path, SCENARIO.replace("\"drugs\": 0.01", "\"drugs\": -0.01")).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(["validate", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad_parcels.ron:"), "{stderr}");
    assert!(stderr.contains("parcels.rates.drugs"), "{stderr}");
}
