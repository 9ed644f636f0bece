//! W4 — sweep scaling: W1 × 64 runs (8 staffing variants × 8 replications) with 1 and 2 workers.
//!
//! Prints wall time, runs per second, the speed-up, peak memory, and checks that both worker
//! counts give the same rows. Each worker count runs in a child process so that its peak
//! resident memory (VmHWM) is its own.
//!
//!     cargo bench --bench w4_sweep

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use porttwin::sweep::{SweepOptions, SweepPlan, spec};

const SPEC: &str = "scenarios/sweeps/w4_staffing.ron";

/// Peak resident memory of this process in MiB, from /proc (0 where unavailable).
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU time of this process in seconds (user + system), from /proc.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or_default().split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// Runs the W4 sweep with `workers` workers into `out`; prints one line of figures.
fn child(workers: usize, out: &Path) {
    let spec = spec::load(Path::new(SPEC)).expect("W4 spec");
    let plan = SweepPlan::new(&spec).expect("W4 plan");
    let before = peak_rss_mib();
    let cpu = cpu_seconds();
    let started = Instant::now();
    let options = SweepOptions {
        workers,
        resume: false,
        shard: None,
    };
    let outcome = porttwin::sweep::run(&plan, out, &options, &mut |_| {}).expect("W4 sweep");
    let wall = started.elapsed().as_secs_f64();
    println!(
        "RESULT {workers} {wall:.3} {} {} {:.1} {:.1} {:.2}",
        outcome.ran,
        outcome.failed,
        before,
        peak_rss_mib(),
        cpu_seconds() - cpu
    );
}

/// Starts this bench binary as a child running W4 with `workers` workers into `out`.
fn spawn(workers: usize, out: &Path) -> Child {
    Command::new(std::env::current_exe().expect("bench binary"))
        .args(["--child", &workers.to_string(), out.to_str().expect("utf-8 path")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("child bench")
}

/// Waits for a child and reads its figures: workers, wall s, runs, failed, base MiB, peak MiB, CPU s.
fn finish(child: Child) -> Vec<f64> {
    let output = child.wait_with_output().expect("child bench");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .unwrap_or_else(|| panic!("child failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr)));
    line.split_whitespace().map(|x| x.parse().expect("number")).collect()
}

fn sorted_rows(out: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(out.join("runs.csv")).expect("runs.csv");
    let mut rows: Vec<String> = text.lines().skip(1).map(str::to_string).collect();
    rows.sort();
    rows
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(args[i + 1].parse().expect("workers"), Path::new(&args[i + 2]));
        return;
    }
    let root = std::env::temp_dir().join(format!("porttwin-w4-{}", std::process::id()));
    let mut figures: Vec<(PathBuf, Vec<f64>)> = Vec::new();
    for workers in [1usize, 2] {
        let out = root.join(format!("workers-{workers}"));
        let v = finish(spawn(workers, &out));
        figures.push((out, v));
    }
    // Reference: two independent 1-worker sweeps at once show how much of a second core the machine offers now.
    let pair = [spawn(1, &root.join("pair-a")), spawn(1, &root.join("pair-b"))];
    let pair_wall = pair.into_iter().map(|c| finish(c)[1]).fold(0.0, f64::max);

    println!("W4 sweep scaling: W1 x 64 runs (8 staffing variants x 8 replications)");
    println!(
        "{:>8} {:>9} {:>7} {:>7} {:>9} {:>11} {:>14} {:>9}",
        "workers", "wall s", "runs", "failed", "runs/s", "peak MiB", "MiB above base", "CPU s"
    );
    for (_, v) in &figures {
        println!(
            "{:>8} {:>9.2} {:>7} {:>7} {:>9.1} {:>11.1} {:>14.1} {:>9.2}",
            v[0],
            v[1],
            v[2],
            v[3],
            v[2] / v[1],
            v[5],
            v[5] - v[4],
            v[6]
        );
    }
    let speedup = figures[0].1[1] / figures[1].1[1];
    let per_worker = (figures[1].1[5] - figures[1].1[4]) / 2.0;
    println!("speed-up 2 vs 1 workers: {speedup:.2}x (target at least 1.8)");
    let machine = 2.0 * figures[0].1[1] / pair_wall;
    println!(
        "two separate 1-worker sweeps at once: {machine:.2}x the throughput of one (what the machine offers now); \
         the 2-worker sweep reaches {:.0}% of that",
        100.0 * speedup / machine
    );
    println!("peak memory per worker: {per_worker:.1} MiB (2 workers: peak above the process's base, halved)");
    let same = sorted_rows(&figures[0].0) == sorted_rows(&figures[1].0);
    println!("runs.csv identical after sorting: {}", if same { "yes" } else { "NO" });
    let _ = std::fs::remove_dir_all(&root);
    assert!(same, "results depend on the worker count");
}
