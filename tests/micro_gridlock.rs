//! A crowd that locks ends the run with a gridlock verdict — when, how many, where — instead
//! of simulating a frozen crowd to the drain limit; `porttwin run` writes the partial report
//! and exits with code 1.

use std::process::Command;

use porttwin::scenario::load;
use porttwin::{RunOptions, Seed, run_headless};

const DOOR: &str = "scenarios/micro_door_1m.ron";

#[test]
fn a_crowd_locked_at_a_1_m_door_ends_the_run_with_the_place_and_time() {
    let scenario = load(DOOR.as_ref()).expect("the door scenario is valid");
    let result = run_headless(&scenario, Seed(1), &RunOptions::default()).expect("runs");
    let micro = result.summary.micro.expect("micro fidelity");
    let gridlock = micro.gridlock.expect("the collision-free speed model locks at a 1 m door");
    assert!(result.summary.served < 1000, "{} left", result.summary.served);
    assert!(gridlock.at_s - gridlock.still_since_s >= 119.99, "{gridlock:?}");
    assert!(gridlock.at_s < 600.0, "found within minutes of simulated time: {gridlock:?}");
    assert_eq!(result.summary.simulated_s, gridlock.at_s, "the run ended there");
    assert!(gridlock.waiting > 800, "{gridlock:?}");
    assert!(
        (27.0..=31.0).contains(&gridlock.front[0]),
        "the jam's front is at the door: {gridlock:?}"
    );
    assert!(
        gridlock.place.contains("in zone \"before_door\"") && gridlock.place.contains("from exit 1"),
        "{}",
        gridlock.place
    );
    assert!(gridlock.verdict.starts_with("gridlock at 00:0"), "{}", gridlock.verdict);
}

#[test]
fn the_cli_writes_the_partial_report_and_exits_with_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(["run", DOOR, "--quiet", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("gridlock at ") && stderr.contains("partial report"), "{stderr}");
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert!(
        summary["micro"]["gridlock"]["verdict"]
            .as_str()
            .unwrap()
            .starts_with("gridlock at ")
    );
}
