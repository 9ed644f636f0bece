//! `porttwin import-log`: the shipped gate-transaction sample converts to the shipped log,
//! which `scenarios/gate_replay.ron` replays; a bad row is a located error with exit code 2.

use std::process::Command;

use porttwin::eventlog::import::{ImportNames, gate_transactions};
use porttwin::{RunOptions, Seed, run_headless};

#[test]
fn the_shipped_sample_converts_to_the_shipped_log_and_replays() {
    let csv = std::fs::read_to_string("data/logs/gate_transactions_sample.csv").unwrap();
    let names = ImportNames {
        source: "trucks".into(),
        stage: "gate".into(),
        agent_type: None,
    };
    let lines = gate_transactions(&csv, "data/logs/gate_transactions_sample.csv", &names).unwrap();
    let shipped = std::fs::read_to_string("data/logs/gate_sample.jsonl").unwrap();
    assert_eq!(
        lines,
        shipped.lines().collect::<Vec<_>>(),
        "data/logs/gate_sample.jsonl is the converted sample"
    );

    let scenario = porttwin::scenario::load("scenarios/gate_replay.ron".as_ref()).unwrap();
    let result = run_headless(&scenario, Seed(1), &RunOptions::default()).unwrap();
    let rows = csv.lines().count() as u64 - 1;
    assert_eq!(result.summary.arrived, rows, "one arrival per transaction");
    assert_eq!(result.summary.served, rows);
}

#[test]
fn a_bad_row_exits_with_code_2_naming_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("gate.csv");
    std::fs::write(
        &csv,
        "transaction,truck,container,move,lane,queued,gate_start,gate_end,gate_out\nT1,AB1,C1,DI,one,2024-03-05 06:00:00,2024-03-05 06:01:00,2024-03-05 06:03:00,\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .arg("import-log")
        .arg(&csv)
        .arg("--out")
        .arg(dir.path().join("gate.jsonl"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{}:2: `lane`: `one` is not a lane number", csv.display())),
        "{stderr}"
    );
    assert!(!dir.path().join("gate.jsonl").exists(), "nothing is written");
}
