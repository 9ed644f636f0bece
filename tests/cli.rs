//! The `porttwin` command as a user drives it: outputs, JSON keys, exit codes.

use std::process::Command;

fn porttwin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn run_writes_summary_and_series_and_prints_the_table() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().to_str().unwrap();
    let output = porttwin(&["run", "scenarios/bench/w1_passenger_hall.ron", "--seed", "7", "--out", out]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let table = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "w1_passenger_hall  seed 7",
        "egate",
        "desk",
        "inspection",
        "stability: stable",
        "digest: 2143384b44fa90ec",
    ] {
        assert!(table.contains(expected), "table lacks {expected:?}:\n{table}");
    }
    let names: Vec<String> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    for expected in ["summary.json", "series.csv", "waits.csv", "index.html", "queue.svg", "queue.png"] {
        assert!(names.iter().any(|n| n == expected), "{expected} is missing from {names:?}");
    }
    assert!(
        names.iter().all(|n| !n.starts_with('.') && !n.contains(".tmp")),
        "no temporary files are left behind: {names:?}"
    );
    let series = std::fs::read_to_string(out_dir.path().join("series.csv")).unwrap();
    assert!(series.starts_with("time_s,clock,in_system,immigration.queue,egate.queue"));
    assert_eq!(
        series.lines().count(),
        1 + 24 * 60 + 1,
        "a header and one row per minute, 00:00 to 24:00"
    );
}

#[test]
fn json_summary_has_the_documented_keys() {
    let out_dir = tempfile::tempdir().unwrap();
    let output = porttwin(&[
        "run",
        "scenarios/bench/w1_passenger_hall.ron",
        "--seed",
        "7",
        "--out",
        out_dir.path().to_str().unwrap(),
        "--json",
    ]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout is only JSON");
    for key in [
        "served",
        "time_in_system_s",
        "digest",
        "seed",
        "porttwin_version",
        "stability",
        "throughput_per_hour",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    let wait = &json["stages"]["desk"]["wait_s"];
    for q in ["mean", "p50", "p95", "p99", "max"] {
        assert!(wait[q].is_f64(), "stages.desk.wait_s.{q}");
    }
    assert!(json["stages"]["desk"]["utilisation"].is_f64());
    assert_eq!(json["seed"], 7);
    assert_eq!(json["digest"], "2143384b44fa90ec");
    let on_disk: serde_json::Value = serde_json::from_slice(&std::fs::read(out_dir.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(on_disk, json);
}

#[test]
fn bad_scenario_exits_with_code_2_and_a_located_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    let text = std::fs::read_to_string("scenarios/bench/w1_passenger_hall.ron")
        .unwrap()
        .replace("servers: 36", "servers: 0");
    std::fs::write(&path, text).unwrap();
    let output = porttwin(&["run", path.to_str().unwrap(), "--out", dir.path().join("out").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("broken.ron:36:") && stderr.contains("`facilities.desks.servers`"),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists(), "nothing is written for bad input");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn missing_file_exits_with_code_2() {
    let output = porttwin(&["run", "scenarios/no_such_file.ron"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no_such_file.ron: cannot read"));
}

#[test]
fn every_shipped_scenario_validates() {
    let mut files: Vec<String> = Vec::new();
    for dir in ["scenarios", "scenarios/bench"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ron") {
                files.push(path.to_str().unwrap().to_string());
            }
        }
    }
    assert!(files.len() >= 2);
    let args: Vec<&str> = std::iter::once("validate").chain(files.iter().map(String::as_str)).collect();
    let output = porttwin(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn doctor_reports_the_build() {
    let output = porttwin(&["doctor"]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(concat!("porttwin ", env!("CARGO_PKG_VERSION"))));
    let viewer = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("viewer:"))
        .expect("a viewer line");
    let built = if cfg!(feature = "viewer") {
        "built in"
    } else {
        "needs `--features viewer`"
    };
    assert!(viewer.contains(built), "{viewer}");
    assert!(stdout.contains("Vulkan"), "the Vulkan loader and drivers are reported:\n{stdout}");
}
