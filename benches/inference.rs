//! Inference throughput: porttwin (through `ort`) against ONNX Runtime's own Python session
//! on the same model and batch sizes (1 and 32), with the tract backend beside them.
//!
//! `cargo bench --bench inference` (set PYTHON to a python with onnxruntime==1.31.1, e.g.
//! `PYTHON=~/.venvs/porttwin/bin/python`). Each figure is the best of three rounds of about
//! one second; rounds of the three contenders are interleaved so that load from other
//! processes falls on all of them alike. The tract figures come from a child process, since
//! the backend is chosen once per process.

use std::process::Command;
use std::time::{Duration, Instant};

use porttwin::detect::{BackendChoice, BackendKind, Model, backend, models_dir};

const MODELS: [&str; 3] = ["xray_container", "xray_bag", "declaration_risk"];
const BATCHES: [usize; 2] = [1, 32];
const ROUND: Duration = Duration::from_millis(1000);
const ROUNDS: usize = 3;

/// Inferences per second of `model` at `batch` in this process, over one round.
fn porttwin_rate(model: &Model, batch: usize) -> f64 {
    let input = vec![0.5f32; model.input_len() * batch];
    for _ in 0..20 {
        model.run(&input, batch).expect("inference");
    }
    let (mut runs, start) = (0u64, Instant::now());
    while start.elapsed() < ROUND {
        std::hint::black_box(model.run(std::hint::black_box(&input), batch).expect("inference"));
        runs += 1;
    }
    (runs as usize * batch) as f64 / start.elapsed().as_secs_f64()
}

fn python_rate(python: &str, model: &Model, batch: usize) -> Option<(f64, String)> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/ort_session.py");
    let output = Command::new(python)
        .args([
            script,
            &model.path.to_string_lossy(),
            &batch.to_string(),
            &ROUND.as_secs_f64().to_string(),
        ])
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let mut parts = text.split_whitespace();
    Some((parts.next()?.parse().ok()?, parts.next()?.to_string()))
}

fn tract_rate(name: &str, batch: usize) -> Option<f64> {
    let output = Command::new(std::env::current_exe().ok()?)
        .args(["--tract-child", name, &batch.to_string()])
        .output()
        .ok()?;
    String::from_utf8(output.stdout).ok()?.trim().parse().ok()
}

fn best(rates: &[f64]) -> f64 {
    rates.iter().copied().fold(0.0, f64::max)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--tract-child") {
        let backend = backend(BackendChoice::Tract).expect("tract backend");
        let model = Model::load(backend, &models_dir(), &args[at + 1]).expect("model");
        let batch: usize = args[at + 2].parse().expect("batch");
        println!("{}", porttwin_rate(&model, batch));
        return;
    }
    let backend = backend(BackendChoice::OnnxRuntime).unwrap_or_else(|e| {
        eprintln!("this benchmark compares porttwin on ONNX Runtime with ONNX Runtime's Python session: {e}");
        std::process::exit(2);
    });
    assert_eq!(backend.kind, BackendKind::OnnxRuntime);
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    println!("porttwin on {}; Python: {python}", backend.describe());
    println!(
        "{:<17} {:>5} {:>18} {:>18} {:>8} {:>14}",
        "model", "batch", "porttwin inf/s", "ORT Python inf/s", "ratio", "tract inf/s"
    );
    for name in MODELS {
        let model = Model::load(backend, &models_dir(), name).expect("model");
        for batch in BATCHES {
            let (mut ours, mut theirs, mut tract) = (Vec::new(), Vec::new(), Vec::new());
            let mut version = String::new();
            for _ in 0..ROUNDS {
                ours.push(porttwin_rate(&model, batch));
                if let Some((rate, v)) = python_rate(&python, &model, batch) {
                    theirs.push(rate);
                    version = v;
                }
                tract.extend(tract_rate(name, batch));
            }
            let (ours, theirs, tract) = (best(&ours), best(&theirs), best(&tract));
            let ratio = if theirs > 0.0 {
                format!("{:.2}", ours / theirs)
            } else {
                "-".into()
            };
            let theirs = if theirs > 0.0 {
                format!("{theirs:.0} ({version})")
            } else {
                "unavailable".into()
            };
            println!("{name:<17} {batch:>5} {ours:>18.0} {theirs:>18} {ratio:>8} {tract:>14.0}");
        }
    }
}
