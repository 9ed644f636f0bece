//! `porttwin run --snapshot-at`, `run --from` and `forecast` as a user drives them: files,
//! digests, and the refusals of changed, foreign, damaged or cut-short snapshots (exit code 2).

use std::path::Path;
use std::process::{Command, Output};

fn porttwin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn digest_of(dir: &Path) -> String {
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    summary["digest"].as_str().unwrap().to_string()
}

/// A straight run of land_port_day (seed 7) with snapshots at 06:00 and 08:00, into a folder.
fn snapshotted(dir: &Path) -> Output {
    let out = dir.to_str().unwrap();
    porttwin(&[
        "run",
        "scenarios/land_port_day.ron",
        "--seed",
        "7",
        "--snapshot-at",
        "06:00,08:00",
        "--out",
        out,
        "--quiet",
    ])
}

#[test]
fn a_run_restored_from_its_snapshot_finishes_with_the_same_digest() {
    let straight = tempfile::tempdir().unwrap();
    let output = snapshotted(straight.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let snap = straight.path().join("snapshot-06-00-00.snap");
    assert!(snap.exists() && straight.path().join("snapshot-08-00-00.snap").exists());
    let envelope = std::fs::read(&snap).unwrap();
    let line = envelope.split(|&b| b == b'\n').next().unwrap();
    let envelope: serde_json::Value = serde_json::from_slice(line).unwrap();
    for key in [
        "format_version",
        "porttwin_version",
        "scenario_sha256",
        "seed",
        "time",
        "digest",
        "body_sha256",
    ] {
        assert!(envelope.get(key).is_some(), "the envelope names {key}: {envelope}");
    }
    assert_eq!(envelope["seed"], 7);
    let resumed = tempfile::tempdir().unwrap();
    let output = porttwin(&[
        "run",
        "--from",
        snap.to_str().unwrap(),
        "--out",
        resumed.path().to_str().unwrap(),
        "--quiet",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(digest_of(resumed.path()), digest_of(straight.path()));
}

#[test]
fn a_forecast_without_variants_or_reseeding_reproduces_the_saved_run() {
    let dir = tempfile::tempdir().unwrap();
    let output = snapshotted(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let at_eight: serde_json::Value = {
        let bytes = std::fs::read(dir.path().join("snapshot-08-00-00.snap")).unwrap();
        serde_json::from_slice(bytes.split(|&b| b == b'\n').next().unwrap()).unwrap()
    };
    let out = dir.path().join("forecast");
    let snap = dir.path().join("snapshot-06-00-00.snap");
    let output = porttwin(&[
        "forecast",
        "--from",
        snap.to_str().unwrap(),
        "--horizon",
        "2h",
        "--replications",
        "2",
        "--no-reseed",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let forecast: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("forecast.json")).unwrap()).unwrap();
    let digests = forecast["variants"][0]["digests"].as_array().unwrap();
    assert_eq!(digests.len(), 2);
    for digest in digests {
        assert_eq!(
            digest, &at_eight["digest"],
            "the forecast reaches 08:00 exactly as the straight run did"
        );
    }
    for file in ["fan.csv", "replications.csv", "fan_queue_desk.svg"] {
        assert!(out.join(file).exists(), "{file}");
    }
}

#[test]
fn a_changed_scenario_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("day.ron");
    std::fs::copy("scenarios/land_port_day.ron", &copy).unwrap();
    let output = porttwin(&[
        "run",
        copy.to_str().unwrap(),
        "--snapshot-at",
        "06:00",
        "--out",
        dir.path().to_str().unwrap(),
        "-q",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&copy).unwrap();
    std::fs::write(&copy, format!("{text}\n// edited\n")).unwrap();
    let snap = dir.path().join("snapshot-06-00-00.snap");
    let output = porttwin(&[
        "run",
        "--from",
        snap.to_str().unwrap(),
        "--out",
        dir.path().join("r").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("the scenario changed since the snapshot"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn damaged_truncated_foreign_and_other_version_snapshots_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let output = porttwin(&[
        "run",
        "scenarios/land_port_day.ron",
        "--snapshot-at",
        "06:00",
        "--out",
        dir.path().to_str().unwrap(),
        "-q",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = std::fs::read(dir.path().join("snapshot-06-00-00.snap")).unwrap();
    let newline = bytes.iter().position(|&b| b == b'\n').unwrap();
    let envelope = String::from_utf8(bytes[..newline].to_vec()).unwrap();
    let mut flipped = bytes.clone();
    *flipped.last_mut().unwrap() ^= 0x55;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("cut", bytes[..bytes.len() - 100].to_vec(), "the file is cut short"),
        ("flipped", flipped, "the file is damaged"),
        ("empty", Vec::new(), "line 1: the file is empty"),
        ("foreign", b"Scenario(meta: ())\n".to_vec(), "line 1, column 1"),
        (
            "other_version",
            [
                envelope.replace("\"porttwin_version\":\"", "\"porttwin_version\":\"9.").as_bytes(),
                &bytes[newline..],
            ]
            .concat(),
            "snapshots are not carried across versions",
        ),
        (
            "no_seed",
            [envelope.replace("\"seed\":", "\"sed\":").as_bytes(), &bytes[newline..]].concat(),
            "line 1",
        ),
    ];
    for (name, content, expected) in cases {
        let path = dir.path().join(format!("{name}.snap"));
        std::fs::write(&path, content).unwrap();
        let output = porttwin(&[
            "run",
            "--from",
            path.to_str().unwrap(),
            "--out",
            dir.path().join(name).to_str().unwrap(),
        ]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{name}: {message}");
        assert!(
            message.contains(path.to_str().unwrap()) && message.contains(expected),
            "{name}: {message}"
        );
        assert!(!message.contains("panicked"), "{name}: {message}");
    }
}

#[test]
fn snapshots_of_micro_fidelity_and_outside_the_run_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let micro = porttwin(&["run", "scenarios/bench/w2_hall_exit.ron", "--snapshot-at", "00:01", "--out", out]);
    assert_eq!(micro.status.code(), Some(2));
    assert!(stderr(&micro).contains("micro-fidelity"), "{}", stderr(&micro));
    let late = porttwin(&["run", "scenarios/land_port_day.ron", "--snapshot-at", "d2 01:00", "--out", out]);
    assert_eq!(late.status.code(), Some(2));
    assert!(stderr(&late).contains("before the scenario's end"), "{}", stderr(&late));
}
