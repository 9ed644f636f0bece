//! `porttwin doctor`: what this build and machine offer, the inference backend and the shipped models.

use std::time::Instant;

use porttwin::detect::manifest::{Manifest, models_dir};
use porttwin::detect::{BackendChoice, BackendKind, Model, backend};

use super::Failure;

pub fn execute(choice: BackendChoice) -> Result<(), Failure> {
    println!("porttwin {}", env!("CARGO_PKG_VERSION"));
    println!(
        "  build: {} profile, viewer feature {}",
        if cfg!(debug_assertions) { "debug" } else { "release" },
        if cfg!(feature = "viewer") { "on" } else { "off" }
    );
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "  machine: {threads} hardware threads ({} {})",
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    println!("  simulation: flow fidelity (headless, single-threaded per run; sweeps run in parallel)");
    for line in super::doctor_viewer::lines() {
        println!("  {line}");
    }
    println!("  {}", super::live::doctor_line());
    let backend = backend(choice).map_err(|e| Failure::BadInput(e.to_string()))?;
    println!("  inference backend: {}", backend.describe());
    if let Some(reason) = &backend.fallback_reason {
        println!("    (ONNX Runtime not used: {reason})");
    }
    if backend.kind == BackendKind::Tract {
        println!("    for ONNX Runtime: set ORT_DYLIB_PATH, or `pip install onnxruntime==1.31.1`");
    }
    let dir = models_dir();
    let manifest_path = dir.join("manifest.ron");
    let manifest = Manifest::load(&manifest_path).map_err(|e| Failure::BadInput(e.to_string()))?;
    println!("  models ({}):", manifest_path.display());
    let mut failed = Vec::new();
    for (name, spec) in &manifest.models {
        match Model::load_spec(backend, &dir, name, spec.clone()) {
            Ok(model) => {
                let input = vec![0.5f32; model.input_len()];
                let start = Instant::now();
                match model.run(&input, 1) {
                    Ok(out) => println!(
                        "    {name:<18} ok  sha256 {}…  input {:?}  test inference {:.2} ms, first output {:.4}",
                        &spec.sha256[..12],
                        spec.inputs[0].shape,
                        start.elapsed().as_secs_f64() * 1e3,
                        out.values[0][0]
                    ),
                    Err(e) => {
                        println!("    {name:<18} FAILED  {e}");
                        failed.push(e.to_string());
                    }
                }
            }
            Err(e) => {
                println!("    {name:<18} FAILED  {e}");
                failed.push(e.to_string());
            }
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Failure::BadInput(failed.join("\n")))
    }
}
