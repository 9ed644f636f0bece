//! Bad sweep specs stop with exit code 2 and a message naming file, line and field, before any run.

mod common;

use std::process::Command;

use common::{single_queue, sweep_files};

/// Runs `porttwin sweep` on a spec body; returns the exit code, stderr and whether runs.csv exists.
fn sweep_with(spec_body: &str) -> (Option<i32>, String, bool) {
    let (dir, spec) = sweep_files(&single_queue(100.0, 2, "Exponential(mean_s: 60)", 1.0), spec_body);
    let out = dir.path().join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(["sweep", spec.to_str().unwrap(), "--quiet", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr, out.join("runs.csv").exists())
}

fn assert_rejected(spec_body: &str, needles: &[&str]) {
    let (code, stderr, ran) = sweep_with(spec_body);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(!ran, "nothing may run before the spec is valid");
    for needle in needles {
        assert!(stderr.contains(needle), "{needle:?} missing from:\n{stderr}");
    }
}

#[test]
fn override_path_that_does_not_exist() {
    assert_rejected(
        "    name: \"e\",\n    replications: 2,\n    factors: { \"facilities.desks.servers\": [1, 2] },",
        &["spec.ron:5:", "facilities.desks.servers", "does not exist", "servers"],
    );
}

#[test]
fn override_value_of_the_wrong_type() {
    assert_rejected(
        "    name: \"e\",\n    replications: 2,\n    factors: {\n        \"facilities.servers.servers\": [2, \"three\"],\n    },",
        &["spec.ron:6:", "factors.\"facilities.servers.servers\"[1]", "integer"],
    );
}

#[test]
fn override_value_out_of_range() {
    assert_rejected(
        "    name: \"e\",\n    replications: 2,\n    factors: { \"facilities.servers.servers\": [2, 0] },",
        &["spec.ron:5:", "at least 1 server"],
    );
}

#[test]
fn unknown_spec_field_and_unknown_kpi() {
    assert_rejected(
        "    name: \"e\",\n    replications: 2,\n    replicas: 3,",
        &["spec.ron:5:", "unknown field `replicas`"],
    );
    assert_rejected(
        "    name: \"e\",\n    replications: 2,\n    kpis: [\"stages.q.wait_s.p96\"],",
        &["spec.ron:5:", "kpis[0]", "p95"],
    );
}

#[test]
fn malformed_spec_and_missing_base() {
    assert_rejected("    name: \"e\",\n    replications: [2,\n", &["spec.ron:"]);
    let (dir, spec) = sweep_files("", "    name: \"e\",\n    replications: 2,");
    std::fs::remove_file(dir.path().join("base.ron")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(["sweep", spec.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("spec.ron:2:"));
}

#[test]
fn a_string_where_the_scenario_has_a_structure_says_so_in_the_spec_s_words() {
    let (code, stderr, ran) = sweep_with(
        "    name: \"e\",\n    replications: 2,\n    factors: { \"facilities.servers.service\": [\"Exponential(mean_s: 40)\", 60] },",
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(!ran);
    for needle in [
        "factors.\"facilities.servers.service\"[0]",
        "this field takes a structure, not a string",
        "hint: the base scenario has `Exponential(mean_s: 60)` there; values in a sweep spec are written as in the scenario, without quotes",
        "factors.\"facilities.servers.service\"[1]",
        "this field takes a structure, not a number",
    ] {
        assert!(stderr.contains(needle), "{needle:?} missing from:\n{stderr}");
    }
    for internal in ["identifier", "r#60"] {
        assert!(!stderr.contains(internal), "the parser's internals leak: {stderr}");
    }
}
