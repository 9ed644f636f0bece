//! ONNX Runtime and tract make the same decisions in a run: a small terminal with both models in
//! the loop gives the same digest and the same cargo KPIs on either backend (thresholds compare
//! scores, so float differences below 1e-4 do not change a decision here). The backend is
//! chosen once per process, so each run is a child process of this test binary.

use std::process::Command;

use porttwin::detect::discover::find_onnxruntime;
use porttwin::detect::{BackendChoice, backend};
use porttwin::scenario::load;
use porttwin::{RunOptions, Seed, run_headless};

const CHILD: &str = "PORTTWIN_CARGO_BACKEND_CHILD";

/// In a child process: runs the land port on the backend named in the environment, prints the result.
#[test]
fn child_run() {
    let Ok(which) = std::env::var(CHILD) else { return };
    let choice = if which == "tract" {
        BackendChoice::Tract
    } else {
        BackendChoice::OnnxRuntime
    };
    backend(choice).expect("backend");
    let mut scenario = load("scenarios/land_port_trucks.ron".as_ref()).unwrap();
    scenario.meta.duration = porttwin::sim::time::SimTime::from_secs_f64(3.0 * 3600.0);
    let result = run_headless(&scenario, Seed(21), &RunOptions::default()).unwrap();
    let cargo = serde_json::to_string(&porttwin::cargo::summary(&result.summary)).unwrap();
    println!("RESULT {} {cargo}", result.summary.digest);
}

fn run_child(which: &str) -> String {
    let output = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_run", "--nocapture"])
        .env(CHILD, which)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(
        output.status.success(),
        "{which}: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .expect("a result line")
        .to_string()
}

#[test]
fn onnxruntime_and_tract_make_the_same_decisions() {
    if std::env::var(CHILD).is_ok() {
        return;
    }
    if find_onnxruntime().is_none() {
        eprintln!("skipped: no ONNX Runtime found; tract alone cannot be compared");
        return;
    }
    let ort = run_child("onnxruntime");
    let tract = run_child("tract");
    assert!(ort.contains("\"image_inferences\""), "{ort}");
    assert_eq!(ort, tract, "the two backends gave different decisions");
}
