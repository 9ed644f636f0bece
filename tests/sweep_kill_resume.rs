//! A sweep killed mid-way and resumed with `--resume` ends with exactly the rows of an
//! uninterrupted sweep: nothing lost, nothing run twice, a torn last line ignored.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{plan, single_queue, sorted_rows, sweep, sweep_files};

#[test]
fn killed_then_resumed_equals_uninterrupted() {
    let (dir, spec) = sweep_files(
        &single_queue(1500.0, 28, "Exponential(mean_s: 60)", 24.0),
        r#"    name: "resume",
    replications: 6,
    factors: { "facilities.servers.servers": [28, 30, 32] },"#,
    );
    let whole = dir.path().join("whole");
    sweep(&plan(&spec), &whole, 2);
    let expected = sorted_rows(&whole.join("runs.csv"));
    assert_eq!(expected.len(), 18);

    let out = dir.path().join("killed");
    let runs = out.join("runs.csv");
    let porttwin = env!("CARGO_BIN_EXE_porttwin");
    let mut child = Command::new(porttwin)
        .args([
            "sweep",
            spec.to_str().unwrap(),
            "--workers",
            "1",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::fs::read_to_string(&runs).map_or(0, |t| t.lines().count()) < 4 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let done = sorted_rows(&runs).len();
    assert!((3..18).contains(&done), "the kill should land mid-sweep ({done} rows)");
    // A run killed in the middle of writing its row leaves a torn line.
    let mut file = std::fs::OpenOptions::new().append(true).open(&runs).unwrap();
    file.write_all(b"servers.servers=30,5,1234,ok,17").unwrap();
    drop(file);

    let status = Command::new(porttwin)
        .args([
            "sweep",
            spec.to_str().unwrap(),
            "--workers",
            "2",
            "--quiet",
            "--resume",
            "--out",
            out.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(sorted_rows(&runs), expected, "resumed sweep differs from the uninterrupted one");

    let again = Command::new(porttwin)
        .args(["sweep", spec.to_str().unwrap(), "--quiet", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        again.status.code(),
        Some(2),
        "rerunning into a full folder without --resume is refused"
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("--resume"));
}

/// Kill points drawn from `seed` (SplitMix64), in milliseconds below `span_ms`.
fn kill_points(seed: u64, count: usize, span_ms: u64) -> Vec<u64> {
    let mut state = seed;
    (0..count)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) % span_ms
        })
        .collect()
}

#[test]
fn killed_with_sigkill_at_random_points_then_resumed_equals_uninterrupted() {
    let (dir, spec) = sweep_files(
        &single_queue(1500.0, 28, "Exponential(mean_s: 60)", 24.0),
        r#"    name: "resume",
    replications: 4,
    factors: { "facilities.servers.servers": [28, 32] },"#,
    );
    let whole = dir.path().join("whole");
    let started = Instant::now();
    sweep(&plan(&spec), &whole, 2);
    let span_ms = (started.elapsed().as_millis() as u64).max(50) * 2;
    let expected = sorted_rows(&whole.join("runs.csv"));
    let expected_summary = std::fs::read_to_string(whole.join("summary.csv")).unwrap();
    let porttwin = env!("CARGO_BIN_EXE_porttwin");
    for seed in [1, 2, 3] {
        let out = dir.path().join(format!("killed-{seed}"));
        let args = |resume: bool| {
            let mut args = vec![
                "sweep",
                spec.to_str().unwrap(),
                "--workers",
                "2",
                "--quiet",
                "--out",
                out.to_str().unwrap(),
            ];
            if resume {
                args.push("--resume");
            }
            args.into_iter().map(String::from).collect::<Vec<_>>()
        };
        // Three kills (SIGKILL: `Child::kill`) at random points, each resuming the last.
        for (k, delay) in kill_points(seed, 3, span_ms).into_iter().enumerate() {
            let mut child = Command::new(porttwin)
                .args(args(k > 0 && out.join("runs.csv").exists()))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(Duration::from_millis(delay));
            let _ = child.kill();
            let _ = child.wait();
        }
        let resume = out.join("runs.csv").exists();
        let status = Command::new(porttwin).args(args(resume)).status().unwrap();
        assert!(status.success(), "seed {seed}: the resumed sweep failed");
        assert_eq!(sorted_rows(&out.join("runs.csv")), expected, "seed {seed}: resumed rows differ");
        assert_eq!(
            std::fs::read_to_string(out.join("summary.csv")).unwrap(),
            expected_summary,
            "seed {seed}: resumed statistics differ"
        );
    }
}
