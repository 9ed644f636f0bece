//! A physics scan needs a model whose manifest entry says what its input looks like: a run
//! whose scanner reads physics scans with a model lacking an `input` spec is refused at start,
//! naming the model.

mod common;

use porttwin::{RunOptions, Seed, run_headless};

#[test]
fn a_model_without_an_input_spec_is_refused_at_start() {
    let models = tempfile::tempdir().unwrap();
    let shipped = porttwin::detect::models_dir();
    std::fs::copy(shipped.join("xray_container.onnx"), models.path().join("xray_container.onnx")).unwrap();
    let manifest = std::fs::read_to_string(shipped.join("manifest.ron")).unwrap();
    let without: String = manifest
        .lines()
        .filter(|l| !l.trim_start().starts_with("input:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(without, manifest);
    std::fs::write(models.path().join("manifest.ron"), without).unwrap();
    // The only test of this binary: the variable cannot race another test.
    unsafe { std::env::set_var("PORTTWIN_MODELS", models.path()) };
    let text = r#"Scenario(
    meta: (name: "physics_portal", seed: 4, duration_h: 1.0, drain: true),
    population: [(name: "truck", share: 1.0)],
    demand: [(name: "gate", entry: "lodgement", arrivals: Hourly(daily_total: 240, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {"portal": (servers: 2, service: DriveThrough(speed_kmh: 7.2, spacing_m: 50), automated: true)},
    routing: {
        "lodgement": (check: Cargo(Targeting), next: To("portal")),
        "portal": (pool: "portal", check: Cargo(Scan(kind: DriveThrough, image: Physics)), next: To("exit")),
    },
    cargo: (sources: ["gate"], scanning: (model: "xray_container", thresholds: {"weapons": 0.5, "drugs": 0.5, "wildlife": 0.5, "live_animals": 0.5})),
)"#;
    let err = run_headless(&common::scenario(text), Seed(4), &RunOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("model `xray_container` has no `input` spec"), "{err}");
}
