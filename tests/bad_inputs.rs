//! Bad inputs across the formats and flags porttwin reads that the per-format suites
//! (malformed_scenarios, malformed_layout, malformed_cargo, sweep_spec_errors, model_errors)
//! do not already try: each gets its expected message, located where the format allows, and
//! no panic. The catalogue of all of them is docs/reliability.md.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

use porttwin::detect::manifest::Manifest;
use porttwin::scenario::import::{geojson, wkt};

fn porttwin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// Runs `porttwin validate path` and checks exit code 2 with `needle` in the error.
fn refused_file(path: &Path, needle: &str) {
    let output = porttwin(&["validate", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(needle), "expected `{needle}` in: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn input_files_that_are_not_text_files() {
    let dir = tempfile::tempdir().unwrap();
    refused_file(dir.path(), "it is a folder");
    refused_file(Path::new("/dev/zero"), "not a regular file (a device or a pipe)");
    let missing = dir.path().join("absent.ron");
    refused_file(&missing, "No such file or directory");
    let binary = dir.path().join("binary.ron");
    std::fs::write(&binary, [0x53, 0x63, 0xff, 0xfe, 0x00]).unwrap();
    refused_file(&binary, "valid UTF-8");
    let empty = dir.path().join("empty.ron");
    std::fs::write(&empty, "").unwrap();
    refused_file(&empty, "Expected opening `(` for struct `Scenario`");
    let huge = dir.path().join("huge.ron");
    std::fs::File::create(&huge).unwrap().set_len(65 * 1024 * 1024).unwrap();
    refused_file(&huge, "it holds 65 MiB, more than the 64 MiB an input file may");
}

#[test]
fn a_named_pipe_is_refused_instead_of_waiting_for_ever() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("scenario.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    refused_file(&fifo, "not a regular file (a device or a pipe)");
}

#[test]
fn a_sweep_spec_that_is_a_folder_or_names_a_folder_as_base() {
    let dir = tempfile::tempdir().unwrap();
    let output = porttwin(&["sweep", dir.path().to_str().unwrap(), "--quiet"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("it is a folder"));
    let spec = dir.path().join("spec.ron");
    std::fs::create_dir(dir.path().join("base")).unwrap();
    std::fs::write(
        &spec,
        "Sweep(name: \"s\", base: \"base\", replications: 1, factors: {\"meta.seed\": [1]})",
    )
    .unwrap();
    let output = porttwin(&[
        "sweep",
        spec.to_str().unwrap(),
        "--quiet",
        "--out",
        dir.path().join("o").to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("it is a folder"), "{stderr}");
}

/// `(input, message, line, column)`: WKT that must be refused.
const BAD_WKT: &[(&str, &str, usize, usize)] = &[
    ("", "the file holds no geometry", 1, 1),
    ("   \n\n", "the file holds no geometry", 3, 1),
    ("CIRCLE ((0 0, 1 1))", "CIRCLE", 1, 1),
    ("POLYGON ((0 0, 1 0, 1 1, 0 0)", "expected `,` or `)`", 1, 30),
    ("POLYGON ((0 0, x 0, 1 1, 0 0))", "expected a number", 1, 16),
    ("POLYGON ((0 0 0, 1 0 0, 1 1 0, 0 0 0))", "only two coordinates per point", 1, 15),
    ("POLYGON ((0 0, 1 1))", "a polygon ring needs at least 3 points (got 2)", 1, 10),
    ("LINESTRING (0 0)", "a line needs at least 2 points", 1, 17),
    ("POLYGON 0 0, 1 0", "expected `(`", 1, 9),
    ("POLYGON ((0 0, 1e999 0, 1 1, 0 0))", "expected a number", 1, 16),
];

#[test]
fn malformed_wkt_is_located() {
    for (input, message, line, column) in BAD_WKT {
        let error = wkt::parse(input).expect_err(input);
        assert!(error.message.contains(message), "{input:?}: {error}");
        assert_eq!((error.line, error.column), (*line, *column), "{input:?}: {error}");
    }
}

/// `(input, message)`: GeoJSON that must be refused.
const BAD_GEOJSON: &[(&str, &str)] = &[
    ("{", "not valid JSON: EOF while parsing"),
    ("[1, 2, 3]", "expected an object with a `type`"),
    (r#"{"type": "Circle", "radius": 3}"#, "unsupported GeoJSON type `Circle`"),
    (r#"{"type": "FeatureCollection"}"#, "a FeatureCollection needs a `features` list"),
    (
        r#"{"type": "GeometryCollection", "geometries": 3}"#,
        "a GeometryCollection needs a `geometries` list",
    ),
    (
        r#"{"type": "Polygon", "coordinates": 3}"#,
        "the coordinates of a polygon must be a list",
    ),
    (
        r#"{"type": "LineString", "coordinates": [[0, "a"], [1, 1]]}"#,
        "a position must be [x, y] in metres",
    ),
    (
        r#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]}"#,
        "a polygon ring needs at least 3 points (got 2)",
    ),
];

#[test]
fn malformed_geojson_is_refused_with_its_reason() {
    for (input, message) in BAD_GEOJSON {
        let error = geojson::parse(input).expect_err(input);
        assert!(error.message.contains(message), "{input:?}: {error}");
        assert!(error.line >= 1 && error.column >= 1, "{input:?}: {error}");
    }
}

#[test]
fn geojson_nested_past_the_recursion_limit_is_refused_not_overflowing_the_stack() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let error = geojson::parse(&deep).unwrap_err();
    assert!(error.message.contains("recursion limit exceeded"), "{error}");
}

#[test]
fn scenario_nested_past_any_sense_is_refused_not_overflowing_the_stack() {
    let deep = format!("Scenario(meta: {}{})", "[".repeat(100_000), "]".repeat(100_000));
    let error = porttwin::scenario::parse(&deep, "deep.ron").unwrap_err();
    assert!(error.to_string().contains("deep.ron:1:"), "{error}");
}

/// `(manifest text, message)`: manifests that must be refused, naming the file.
const BAD_MANIFESTS: &[(&str, &str)] = &[
    ("", "Expected opening `(` for struct `Manifest`"),
    ("Manifest(models: {}, extra: 1)", "extra"),
    ("Manifest()", "models"),
    ("Manifest(models: 3)", "Expected opening `{`"),
    (
        r#"Manifest(models: {"m": (file: "m.onnx", sha256: "00", inputs: [], outputs: [], classes: {}, training: (script: "t.py", seed: -1, data_seed: 0, train_size: 0, heldout_seed: 0, heldout_size: 0), metrics: {}, summary: {})})"#,
        "1:127-1:128: Integer is out of bounds",
    ),
];

#[test]
fn malformed_manifests_are_refused_with_the_file_named() {
    for (text, message) in BAD_MANIFESTS {
        let error = Manifest::parse(text, Path::new("models/manifest.ron")).unwrap_err().to_string();
        assert!(
            error.contains("models/manifest.ron") && error.to_lowercase().contains(&message.to_lowercase()),
            "{text:?}: {error}"
        );
    }
}

/// A models folder holding the shipped manifest and models, with the risk model's file replaced.
fn models_with_risk_model(bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let shipped = porttwin::detect::models_dir();
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let mut manifest = std::fs::read_to_string(dir.path().join("manifest.ron")).unwrap();
    let old = Manifest::load(&dir.path().join("manifest.ron")).unwrap().models["declaration_risk"]
        .sha256
        .clone();
    manifest = manifest.replace(&old, &porttwin::detect::model::sha256_hex(bytes));
    std::fs::write(dir.path().join("manifest.ron"), manifest).unwrap();
    std::fs::File::create(dir.path().join("declaration_risk.onnx"))
        .unwrap()
        .write_all(bytes)
        .unwrap();
    dir
}

/// `porttwin evaluate declaration_risk` against a models folder; its exit code and stderr.
fn evaluate_with(models: &Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(["evaluate", "declaration_risk", "--count", "10", "--backend", "tract", "--quiet"])
        .env("PORTTWIN_MODELS", models)
        .output()
        .unwrap();
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_truncated_onnx_model_gives_a_clear_error() {
    let shipped = std::fs::read(porttwin::detect::models_dir().join("declaration_risk.onnx")).unwrap();
    let models = models_with_risk_model(&shipped[..shipped.len() / 2]);
    let (code, stderr) = evaluate_with(models.path());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("declaration_risk.onnx"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_corrupt_onnx_model_gives_a_clear_error() {
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let models = models_with_risk_model(&garbage);
    let (code, stderr) = evaluate_with(models.path());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("declaration_risk.onnx"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// `(arguments, message)`: flags that must be refused with exit code 2.
const BAD_FLAGS: &[(&[&str], &str)] = &[
    (
        &["run", "scenarios/land_port_day.ron", "--seed", "-1"],
        "unexpected argument '-1' found",
    ),
    (&["sweep", "scenarios/sweeps/w4_staffing.ron", "--shard", "3/2"], "shard"),
    (&["sweep", "scenarios/sweeps/w4_staffing.ron", "--shard", "half"], "shard"),
    (
        &["--max-memory", "0", "run", "scenarios/land_port_day.ron"],
        "not a usable memory limit",
    ),
    (&["--max-memory", "8X", "run", "scenarios/land_port_day.ron"], "unknown unit `X`"),
    (&["frobnicate"], "unrecognized subcommand 'frobnicate'"),
    (&["evaluate", "no_such_model", "--count", "1"], "no model named `no_such_model`"),
];

#[test]
fn bad_flags_are_refused_with_exit_code_2() {
    for (args, message) in BAD_FLAGS {
        let output = porttwin(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: expected `{message}` in {stderr}");
    }
}

#[test]
fn a_bad_memory_limit_in_the_environment_is_refused() {
    let output = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(["validate", "scenarios/land_port_day.ron"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PORTTWIN_MAX_MEMORY", "plenty")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("PORTTWIN_MAX_MEMORY: `plenty` is not a size"));
}
