//! Snapshots of a replay: a forced replay that saves its state and a run resumed from that
//! snapshot (which goes on replaying the log the snapshot names) both end with the digest of
//! the run that wrote the log; resuming with another log, or writing a log from a resumed run,
//! is refused with exit code 2.

use std::path::Path;
use std::process::{Command, Output};

const SCENARIO: &str = "tests/fixtures/breakdown_desks.ron";

fn porttwin(args: &[&str], paths: &[&Path]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_porttwin"));
    command.args(args);
    for path in paths {
        command.arg(path);
    }
    command.output().unwrap()
}

fn digest(folder: &Path) -> String {
    let text = std::fs::read_to_string(folder.join("summary.json")).unwrap();
    let summary: serde_json::Value = serde_json::from_str(&text).unwrap();
    summary["digest"].as_str().unwrap().to_string()
}

fn succeeded(output: &Output) {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn a_forced_replay_snapshotted_and_resumed_ends_with_the_logged_runs_digest() {
    let dir = tempfile::tempdir().unwrap();
    let (log, original, replay, resumed) = (
        dir.path().join("day.jsonl"),
        dir.path().join("original"),
        dir.path().join("replay"),
        dir.path().join("resumed"),
    );
    succeeded(&porttwin(
        &["run", SCENARIO, "-q", "--emit-log"],
        &[&log, Path::new("--out"), &original],
    ));
    let snapshotted = porttwin(
        &["run", SCENARIO, "-q", "--forced", "--snapshot-at", "04:00,08:30", "--replay"],
        &[&log, Path::new("--out"), &replay],
    );
    succeeded(&snapshotted);
    assert_eq!(digest(&replay), digest(&original), "snapshots change nothing in a forced replay");
    assert!(
        replay.join("comparison.json").exists(),
        "a replay from the start is compared with its log"
    );
    let snapshot = replay.join("snapshot-08-30-00.snap");
    let bytes = std::fs::read(&snapshot).unwrap();
    let line = &bytes[..bytes.iter().position(|&b| b == b'\n').unwrap()];
    let envelope: serde_json::Value = serde_json::from_slice(line).unwrap();
    assert_eq!(envelope["replay"]["log"], log.display().to_string());
    assert_eq!(envelope["replay"]["forced"], true);

    // Resumed with no --replay: the snapshot names its log; breakdowns and staffing stay forced.
    succeeded(&porttwin(&["run", "-q", "--from"], &[&snapshot, Path::new("--out"), &resumed]));
    assert_eq!(digest(&resumed), digest(&original), "restore-and-finish of a forced replay");
    assert!(
        !resumed.join("comparison.json").exists(),
        "a resumed replay is not compared with the whole log"
    );
}

#[test]
fn a_replays_snapshot_is_refused_with_another_log_unforced_or_with_emit_log() {
    let dir = tempfile::tempdir().unwrap();
    let (log, other, replay) = (
        dir.path().join("day.jsonl"),
        dir.path().join("other.jsonl"),
        dir.path().join("replay"),
    );
    succeeded(&porttwin(
        &["run", SCENARIO, "-q", "--emit-log"],
        &[&log, Path::new("--out"), &dir.path().join("a")],
    ));
    succeeded(&porttwin(
        &["run", SCENARIO, "-q", "--seed", "6", "--emit-log"],
        &[&other, Path::new("--out"), &dir.path().join("b")],
    ));
    succeeded(&porttwin(
        &["run", SCENARIO, "-q", "--forced", "--snapshot-at", "06:00", "--replay"],
        &[&log, Path::new("--out"), &replay],
    ));
    let snapshot = replay.join("snapshot-06-00-00.snap");
    let refused = |output: Output, expected: &str| {
        assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{stderr}");
    };
    refused(
        porttwin(&["run", "-q", "--forced", "--from"], &[&snapshot, Path::new("--replay"), &other]),
        &format!("was taken of a forced replay of {}", log.display()),
    );
    refused(
        porttwin(&["run", "-q", "--from"], &[&snapshot, Path::new("--replay"), &log]),
        "but this run is a replay of",
    );
    refused(
        porttwin(
            &["run", "-q", "--from"],
            &[&snapshot, Path::new("--emit-log"), &dir.path().join("x.jsonl")],
        ),
        "--emit-log cannot be combined with --from",
    );
    std::fs::remove_file(&log).unwrap();
    refused(
        porttwin(&["run", "-q", "--from"], &[&snapshot]),
        &format!(
            "cannot read event log {}: No such file or directory (os error 2) (the snapshot {} is of a replay of this log)",
            log.display(),
            snapshot.display()
        ),
    );
}
