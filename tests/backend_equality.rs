//! ONNX Runtime and tract give the same scores (within 1e-4) on the same inputs.
//!
//! The backend is chosen once per process, so each backend runs in its own
//! `porttwin evaluate --scores` process. Without an ONNX Runtime library
//! (ORT_DYLIB_PATH, or a pip-installed onnxruntime) the test says it was
//! skipped, unless PORTTWIN_REQUIRE_ORT=1, when it fails.

use std::path::Path;
use std::process::Command;

use porttwin::detect::discover::find_onnxruntime;

fn scores(model: &str, backend: &str, out: &Path) -> Vec<Vec<f32>> {
    let output = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args([
            "evaluate",
            model,
            "--count",
            "96",
            "--seed",
            "404",
            "--quiet",
            "--backend",
            backend,
            "--scores",
        ])
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{model} on {backend}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(out)
        .unwrap()
        .lines()
        .map(|line| line.split(',').map(|v| v.parse().unwrap()).collect())
        .collect()
}

#[test]
fn onnxruntime_and_tract_agree_on_every_shipped_model() {
    let Some(found) = find_onnxruntime() else {
        assert!(
            std::env::var("PORTTWIN_REQUIRE_ORT").as_deref() != Ok("1"),
            "PORTTWIN_REQUIRE_ORT=1 but no ONNX Runtime library was found"
        );
        eprintln!(
            "skipped: no ONNX Runtime found (set ORT_DYLIB_PATH or `pip install onnxruntime==1.31.1`); tract alone cannot be compared"
        );
        return;
    };
    eprintln!("comparing tract with ONNX Runtime at {}", found.path().display());
    let dir = tempfile::tempdir().unwrap();
    for model in ["xray_container", "xray_bag", "declaration_risk"] {
        let ort = scores(model, "onnxruntime", &dir.path().join(format!("{model}-ort.csv")));
        let tract = scores(model, "tract", &dir.path().join(format!("{model}-tract.csv")));
        assert_eq!(ort.len(), 96);
        assert_eq!(ort.len(), tract.len());
        let mut worst = 0.0f32;
        for (a, b) in ort.iter().zip(&tract) {
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(b) {
                worst = worst.max((x - y).abs());
            }
        }
        eprintln!("{model}: largest difference {worst:.2e}");
        assert!(worst <= 1e-4, "{model}: backends differ by {worst}");
    }
}
