//! Mistakes in a bag-scan stage are reported at the field, with the file and line: unknown or
//! unsuitable models, thresholds out of range or missing, travellers routed through it, and a
//! model file that is not there (exit code 2).

mod common;

use common::{BAG_THRESHOLDS, assert_rejected, bag_scan_scenario};

fn case(from: &str, to: &str, path: &str, message: &str, line_marker: &str) {
    assert_rejected(&bag_scan_scenario(BAG_THRESHOLDS), "bags.ron", from, to, path, message, line_marker);
}

#[test]
fn base_is_valid() {
    porttwin::scenario::parse(&bag_scan_scenario(BAG_THRESHOLDS), "bags.ron").unwrap();
}

#[test]
fn unknown_model() {
    case(
        r#"model: "xray_bag""#,
        r#"model: "xray_suitcase""#,
        "routing.bag_ct.check.model",
        "no model named `xray_suitcase`",
        "BagScan(",
    );
}

#[test]
fn container_model_on_bags() {
    case(
        r#"model: "xray_bag""#,
        r#"model: "xray_container""#,
        "routing.bag_ct.check.model",
        "does not take 64 x 64 bag scans",
        "BagScan(",
    );
}

#[test]
fn threshold_above_one() {
    case(
        r#""weapons": 0.45"#,
        r#""weapons": 1.5"#,
        "routing.bag_ct.check.thresholds.weapons",
        "between 0 and 1",
        "BagScan(",
    );
}

#[test]
fn unknown_threat_class() {
    case(
        r#""weapons": 0.45"#,
        r#""guns": 0.45"#,
        "routing.bag_ct.check.thresholds.guns",
        "unknown threat class `guns`",
        "BagScan(",
    );
}

#[test]
fn missing_threshold() {
    case(
        r#", "cash": 0.65"#,
        "",
        "routing.bag_ct.check.thresholds",
        r#"no threshold for "cash""#,
        "BagScan(",
    );
}

#[test]
fn travellers_routed_through_the_scanner() {
    case(
        r#""arrival": (walk_m: 200, next: To("reclaim"))"#,
        r#""arrival": (walk_m: 200, next: To("bag_ct"))"#,
        "routing.bag_ct.check",
        "a bag scan screens checked bags only",
        "BagScan(",
    );
}

#[test]
fn missing_model_file_exits_with_code_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    std::fs::create_dir(&models).unwrap();
    std::fs::copy(porttwin::detect::models_dir().join("manifest.ron"), models.join("manifest.ron")).unwrap();
    let scenario = dir.path().join("bags.ron");
    std::fs::write(&scenario, bag_scan_scenario(BAG_THRESHOLDS)).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(["validate", scenario.to_str().unwrap()])
        .env("PORTTWIN_MODELS", &models)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = bag_scan_scenario(BAG_THRESHOLDS)
        .lines()
        .position(|l| l.contains("BagScan("))
        .unwrap()
        + 1;
    assert!(stderr.contains(&format!("bags.ron:{line}:")), "{stderr}");
    assert!(stderr.contains("routing.bag_ct.check.model"), "{stderr}");
    assert!(
        stderr.contains("xray_bag.onnx") && stderr.contains("cannot read the model file"),
        "{stderr}"
    );
}
