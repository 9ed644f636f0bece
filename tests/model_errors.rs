//! A model that is missing, altered, of the wrong shape or using an operator a backend lacks
//! is refused at load time with an error naming the file; the command exits with code 2.

use std::path::{Path, PathBuf};
use std::process::Command;

use porttwin::detect::manifest::{Manifest, ModelSpec};
use porttwin::detect::model::sha256_hex;
use porttwin::detect::{BackendChoice, DetectError, Model, backend, models_dir};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/models").join(name)
}

fn risk_spec() -> ModelSpec {
    let dir = models_dir();
    Manifest::load(&dir.join("manifest.ron")).unwrap().models["declaration_risk"].clone()
}

/// A models folder holding `file` (copied from `source`) under the risk model's entry, with `edit` applied.
fn folder_with(source: &Path, edit: impl FnOnce(&mut ModelSpec)) -> (tempfile::TempDir, ModelSpec) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(source).unwrap();
    std::fs::write(dir.path().join("model.onnx"), &bytes).unwrap();
    let mut spec = risk_spec();
    spec.file = "model.onnx".into();
    spec.sha256 = sha256_hex(&bytes);
    edit(&mut spec);
    (dir, spec)
}

fn load(dir: &Path, spec: ModelSpec) -> DetectError {
    let backend = backend(BackendChoice::Tract).unwrap();
    Model::load_spec(backend, dir, "declaration_risk", spec).unwrap_err()
}

#[test]
fn missing_model_file_is_named() {
    let (dir, mut spec) = folder_with(&models_dir().join("declaration_risk.onnx"), |_| {});
    spec.file = "absent.onnx".into();
    let message = load(dir.path(), spec).to_string();
    assert!(
        message.contains("absent.onnx") && message.contains("cannot read the model file"),
        "{message}"
    );
}

#[test]
fn altered_model_fails_its_sha256_check() {
    let (dir, spec) = folder_with(&models_dir().join("declaration_risk.onnx"), |s| s.sha256 = "0".repeat(64));
    let message = load(dir.path(), spec).to_string();
    assert!(
        message.contains("model.onnx") && message.contains("does not match the manifest"),
        "{message}"
    );
}

#[test]
fn operators_outside_the_standard_float_set_are_refused_before_any_backend_sees_them() {
    let (dir, mut spec) = folder_with(&fixture("tree_ensemble.onnx"), |_| {});
    spec.inputs[0].shape = vec![-1, 4];
    let message = load(dir.path(), spec).to_string();
    assert!(message.contains("model.onnx") && message.contains("ai.onnx.ml"), "{message}");
}

#[test]
fn wrong_input_shape_is_reported_with_both_shapes() {
    let (dir, mut spec) = folder_with(&fixture("narrow_input.onnx"), |_| {});
    spec.inputs[0].shape = vec![-1, 4];
    let message = load(dir.path(), spec).to_string();
    assert!(
        message.contains("input `features` has shape [-1, 3], expected [-1, 4]"),
        "{message}"
    );
}

#[test]
fn doctor_exits_with_code_2_on_an_altered_model() {
    let dir = tempfile::tempdir().unwrap();
    let source = models_dir();
    let manifest = std::fs::read_to_string(source.join("manifest.ron")).unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "onnx") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(dir.path().join("manifest.ron"), manifest).unwrap();
    let mut bytes = std::fs::read(dir.path().join("xray_bag.onnx")).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(dir.path().join("xray_bag.onnx"), bytes).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(["doctor", "--backend", "tract"])
        .env("PORTTWIN_MODELS", dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("xray_bag.onnx") && stderr.contains("sha256"), "{stderr}");
}
