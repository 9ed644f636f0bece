//! Replay: a forced replay of a run's own event log reproduces its digest; an unforced one
//! keeps the logged arrivals but simulates staffing; a malformed, out-of-order or duplicated
//! line is a located error (exit code 2 from the CLI), never used silently.

mod common;

use std::process::Command;

use porttwin::eventlog::read::parse;
use porttwin::scenario::replay::replay;
use porttwin::{RunOptions, Seed, run_headless};

fn replayed(file: &str, text: &str, seed: u64, forced: bool) -> porttwin::metrics::RunResult {
    let scenario = porttwin::scenario::load(file.as_ref()).unwrap();
    let log = parse(text, "log.jsonl").unwrap();
    let replay = replay(&scenario, &log, forced).unwrap();
    // A replay draws its own future from another seed: the log's recorded seeds decide.
    run_headless(&replay, Seed(seed), &RunOptions::default()).unwrap()
}

#[test]
fn a_forced_replay_of_a_runs_own_log_reproduces_its_digest() {
    for (file, seed) in [
        ("scenarios/land_port_day.ron", 42),
        ("scenarios/land_port_trucks.ron", 1),
        ("tests/fixtures/breakdown_desks.ron", 5),
    ] {
        let (original, text) = common::event_log::run_with_log(file, seed);
        let replay = replayed(file, &text, seed, true);
        assert_eq!(replay.summary.digest, original.summary.digest, "{file} seed {seed}");
        assert_eq!(replay.summary.arrived, original.summary.arrived);
    }
}

/// Every shipped flow scenario, seeds 1, 7 and 42 (minutes in a debug build: `cargo test
/// --release --test event_log_replay -- --ignored`).
#[test]
#[ignore]
fn a_forced_replay_reproduces_the_digest_of_every_shipped_flow_scenario() {
    let mut files: Vec<String> = ["scenarios", "scenarios/bench", "scenarios/policy"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| p.display().to_string())
        .filter(|f| porttwin::scenario::load(f.as_ref()).is_ok_and(|s| s.meta.fidelity == porttwin::scenario::model::Fidelity::Flow))
        .collect();
    files.sort();
    for file in &files {
        for seed in [1, 7, 42] {
            let (original, text) = common::event_log::run_with_log(file, seed);
            let replay = replayed(file, &text, seed, true);
            assert_eq!(replay.summary.digest, original.summary.digest, "{file} seed {seed}");
        }
    }
}

#[test]
fn an_unforced_replay_keeps_the_logged_arrivals_and_simulates_what_changed() {
    let file = "scenarios/land_port_day.ron";
    let (original, text) = common::event_log::run_with_log(file, 42);
    let mut more_desks = porttwin::scenario::load(file.as_ref()).unwrap();
    let desks = more_desks.pools.iter_mut().find(|p| p.name == "desks").unwrap();
    desks.roster.iter_mut().for_each(|n| *n += 4);
    let log = parse(&text, "log.jsonl").unwrap();
    let what_if = run_headless(&replay(&more_desks, &log, false).unwrap(), Seed(42), &RunOptions::default()).unwrap();
    let (before, after) = (&original.summary, &what_if.summary);
    assert_eq!(after.arrived, before.arrived, "the logged arrivals");
    assert_eq!(
        after.stages.get("egate").unwrap().entered,
        before.stages.get("egate").unwrap().entered,
        "logged attributes route the same"
    );
    assert!(
        after.stages.get("desk").unwrap().wait_s.mean < before.stages.get("desk").unwrap().wait_s.mean,
        "four more desks shorten the wait"
    );
    assert_ne!(after.digest, before.digest);
}

fn problems(lines: &[String]) -> String {
    parse(&lines.join("\n"), "bad.jsonl").unwrap_err().to_string()
}

#[test]
fn malformed_out_of_order_and_duplicated_lines_are_located_errors() {
    let (_, text) = common::event_log::run_with_log("scenarios/land_port_day.ron", 1);
    let lines: Vec<String> = text.lines().take(400).map(str::to_string).collect();

    let mut broken = lines.clone();
    let arrival = broken.iter().position(|l| l.contains("org.porttwin.arrival")).unwrap();
    broken[arrival] = broken[arrival].replace("\"time\":\"2000-01-01T", "\"time\":\"2000-13-01T");
    let error = problems(&broken);
    assert!(error.contains(&format!("bad.jsonl:{}: `time`: ", arrival + 1)), "{error}");

    let start = lines.iter().position(|l| l.contains("org.porttwin.service.start")).unwrap();
    let mut missing = lines.clone();
    missing[start] = missing[start].replace("\"stage\":", "\"place\":");
    let error = problems(&missing);
    assert!(
        error.contains(&format!("bad.jsonl:{}: `data.stage`: missing field", start + 1)),
        "{error}"
    );

    let mut swapped = lines.clone();
    let later = (start + 1..lines.len())
        .find(|&i| time_of(&lines[i]) > time_of(&lines[start]))
        .unwrap();
    swapped.swap(start, later);
    let error = problems(&swapped);
    assert!(error.contains("out of order"), "{error}");

    let mut twice = lines.clone();
    twice.insert(start + 1, lines[start].clone());
    let error = problems(&twice);
    assert!(
        error.contains(&format!("bad.jsonl:{}: `id`: duplicate event", start + 2)),
        "{error}"
    );
    assert!(error.contains(&format!("already on line {}", start + 1)), "{error}");
}

fn time_of(line: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(line).unwrap();
    value["time"].as_str().unwrap().to_string()
}

#[test]
fn the_cli_replays_a_log_and_refuses_a_bad_one_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("day.jsonl");
    let porttwin = env!("CARGO_BIN_EXE_porttwin");
    let scenario = "scenarios/land_port_day.ron";
    let emit = Command::new(porttwin)
        .args(["run", scenario, "--seed", "3", "--quiet", "--out"])
        .arg(dir.path().join("emit"))
        .arg("--emit-log")
        .arg(&log)
        .output()
        .unwrap();
    assert!(emit.status.success(), "{}", String::from_utf8_lossy(&emit.stderr));
    let summary = |d: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(d).join("summary.json")).unwrap()).unwrap()
    };

    let forced = Command::new(porttwin)
        .args(["run", scenario, "--seed", "3", "--out"])
        .arg(dir.path().join("replay"))
        .arg("--replay")
        .arg(&log)
        .arg("--forced")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&forced.stdout);
    assert!(forced.status.success(), "{}", String::from_utf8_lossy(&forced.stderr));
    assert_eq!(summary("replay")["digest"], summary("emit")["digest"]);
    assert!(stdout.contains("replay vs log (observed / simulated)"), "{stdout}");
    assert!(dir.path().join("replay/comparison.json").exists());

    let text = std::fs::read_to_string(&log).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[4] = "{\"specversion\":\"1.0\",\"id\":\"x\"";
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let refused = Command::new(porttwin)
        .args(["run", scenario, "--quiet", "--out"])
        .arg(dir.path().join("bad"))
        .arg("--replay")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains(&format!("{}:5: not a JSON object", bad.display())), "{stderr}");

    let refused = |log: &std::path::Path, needle: &str| {
        let output = Command::new(porttwin)
            .args(["run", scenario, "--quiet", "--out"])
            .arg(dir.path().join("refused"))
            .arg("--replay")
            .arg(log)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(needle), "expected `{needle}` in: {stderr}");
    };
    refused(dir.path(), "it is not a regular file");
    let binary = dir.path().join("binary.jsonl");
    std::fs::write(&binary, [lines[0].as_bytes(), b"\n", lines[1].as_bytes(), b"\n\xff\xfe\n"].concat()).unwrap();
    refused(&binary, "line 3: the text is not valid UTF-8");
}

#[test]
fn a_read_log_carries_the_sha256_of_the_bytes_it_parsed() {
    let path = std::path::Path::new("data/logs/gate_sample.jsonl");
    let bytes = std::fs::read(path).unwrap();
    let log = porttwin::eventlog::read(path).unwrap();
    assert_eq!(log.sha256, porttwin::detect::model::sha256_hex(&bytes));
    let text = String::from_utf8(bytes).unwrap();
    let edited = parse(&format!("{text}\n"), "edited.jsonl").unwrap();
    assert_eq!(edited.events, log.events);
    assert_ne!(edited.sha256, log.sha256, "the hash is of the text, not of the events");
}
