//! A micro run writes its measurements: the `micro` section of summary.json (densities per
//! zone with Fruin's level of service, queue extents, portal scans, spill-back) and density.csv.

use std::process::Command;

/// Runs a scenario with the command and returns its output folder and summary.
fn run(scenario: &str) -> (tempfile::TempDir, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(["run", scenario, "--out", dir.path().to_str().unwrap(), "--quiet"])
        .status()
        .unwrap();
    assert!(status.success());
    let summary = serde_json::from_str(&std::fs::read_to_string(dir.path().join("summary.json")).unwrap()).unwrap();
    (dir, summary)
}

#[test]
fn micro_run_writes_densities_queue_extents_and_scans() {
    let (dir, summary) = run("scenarios/truck_lane.ron");
    let micro = &summary["micro"];
    assert!(micro["steps"].as_u64().unwrap() > 1000);
    assert_eq!(micro["portals"]["scanner"]["scans"], summary["served"]);
    assert!(micro["queues"]["gate"]["max_extent_m"].as_f64().unwrap() > 0.0);
    assert!(micro["lanes"]["approach"]["trucks_held_outside"].is_u64());
    let density = std::fs::read_to_string(dir.path().join("density.csv")).unwrap();
    assert!(density.starts_with("time_s\n"), "no zones in this layout: only the time column");
    assert_eq!(
        density.lines().count(),
        1 + 121,
        "a row per simulated minute of two hours, and the end"
    );
}

#[test]
fn zones_report_density_and_level_of_service() {
    let (dir, summary) = run("scenarios/bench/w2_hall_exit.ron");
    let hall = &summary["micro"]["zones"]["hall"];
    // 2,000 people on 2,400 m² at the start.
    assert!((hall["peak_density"].as_f64().unwrap() - 2000.0 / 2400.0).abs() < 0.01, "{hall}");
    assert_eq!(hall["peak_level"], "D");
    let door = &summary["micro"]["zones"]["before_exit"];
    assert!(
        door["peak_density"].as_f64().unwrap() > 1.0,
        "a crowd forms before the exit: {door}"
    );
    let density = std::fs::read_to_string(dir.path().join("density.csv")).unwrap();
    assert!(density.starts_with("time_s,hall.density,before_exit.density\n"));
}
