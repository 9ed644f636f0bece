//! The command line on cargo scenarios: a missing model file or an unknown model is bad input
//! (exit code 2, located error); shipped cargo scenarios validate.

use std::process::Command;

fn porttwin(args: &[&str], models: Option<&std::path::Path>) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_porttwin"));
    command.args(args);
    if let Some(dir) = models {
        command.env("PORTTWIN_MODELS", dir);
    }
    command.output().expect("porttwin runs")
}

#[test]
fn shipped_cargo_scenarios_validate() {
    let output = porttwin(
        &[
            "validate",
            "scenarios/bench/w3_container_terminal.ron",
            "scenarios/land_port_trucks.ron",
            "scenarios/container_terminal_vessels.ron",
            "scenarios/policy/scan_all_ai.ron",
            "scenarios/policy/selective_gantry_manual.ron",
        ],
        None,
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn missing_model_file_is_bad_input_naming_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    std::fs::create_dir(&models).unwrap();
    std::fs::copy("models/manifest.ron", models.join("manifest.ron")).unwrap();
    std::fs::copy("models/declaration_risk.onnx", models.join("declaration_risk.onnx")).unwrap();
    let output = porttwin(
        &[
            "run",
            "scenarios/bench/w3_container_terminal.ron",
            "--out",
            dir.path().join("out").to_str().unwrap(),
        ],
        Some(&models),
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("scenarios/bench/w3_container_terminal.ron:")
            && stderr.contains("`cargo.scanning.model`")
            && stderr.contains("is missing"),
        "{stderr}"
    );
}
