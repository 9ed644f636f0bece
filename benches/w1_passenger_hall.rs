//! Workload W1 (passenger hall, one day): porttwin against SimPy in the same run,
//! plus the 10-day (1.2 M passengers) memory check and the 3× demand overload.
//!
//! `cargo bench --bench w1_passenger_hall` — finds SimPy in `$PEERS_PYTHON`, `/tmp/peers/bin/python`
//! or `python3` (install: `python3 -m venv /tmp/peers && /tmp/peers/bin/pip install simpy==4.1.2`).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use porttwin::scenario::raw::{RawArrivals, RawScenario};
use porttwin::scenario::{Scenario, from_raw, parse_raw};
use porttwin::{RunOptions, Seed, run_headless};

const W1: &str = "scenarios/bench/w1_passenger_hall.ron";
const PEER: &str = "../shared/workloads/peers/simpy_hall.py";

fn w1_variant(days: f64, demand_factor: f64) -> Scenario {
    let text = std::fs::read_to_string(W1).expect("W1 scenario");
    let mut raw: RawScenario = parse_raw(&text, W1).expect("W1 parses");
    raw.meta.duration_h = 24.0 * days;
    for source in &mut raw.demand {
        if let RawArrivals::Hourly { daily_total, .. } = &mut source.arrivals {
            *daily_total *= demand_factor;
        }
    }
    from_raw(&raw, &text, W1).expect("W1 variant is valid")
}

/// Peak resident memory of this process in MB (Linux).
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Child mode: run one variant and print `served peak_mb verdict`.
fn child(days: f64, factor: f64) {
    let scenario = w1_variant(days, factor);
    let result = run_headless(&scenario, Seed(1), &RunOptions::default()).expect("run");
    println!(
        "{} {:.1} {}",
        result.summary.served,
        peak_rss_mb(),
        result.summary.stability.verdict
    );
}

fn in_child(days: f64, factor: f64) -> String {
    let exe = std::env::current_exe().expect("bench binary");
    let out = Command::new(exe)
        .args(["--child", &days.to_string(), &factor.to_string()])
        .output()
        .expect("child runs");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn find_python() -> Option<String> {
    let candidates = [
        std::env::var("PEERS_PYTHON").ok(),
        Some("/tmp/peers/bin/python".into()),
        Some("python3".into()),
    ];
    candidates.into_iter().flatten().find(|py| {
        Command::new(py)
            .args(["-c", "import simpy"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(args[i + 1].parse().unwrap(), args[i + 2].parse().unwrap());
        return;
    }
    let scenario = w1_variant(1.0, 1.0);
    let mut walls = Vec::new();
    let mut last = None;
    for seed in 1..=7 {
        let started = Instant::now();
        let result = run_headless(&scenario, Seed(seed), &RunOptions::default()).expect("W1 runs");
        walls.push(started.elapsed().as_secs_f64());
        last = Some(result);
    }
    walls.sort_by(f64::total_cmp);
    let porttwin_s = walls[walls.len() / 2];
    let result = last.expect("ran");
    println!(
        "W1 porttwin: median wall {porttwin_s:.4} s over 7 seeds; served {}",
        result.summary.served
    );
    for (name, stage) in result.summary.stages.iter().filter(|(_, s)| s.pool.is_some()) {
        println!(
            "  wait {name}: n={} mean={:.1}s p95={:.1}s",
            stage.entered, stage.wait_s.mean, stage.wait_s.p95
        );
    }
    match (find_python(), Path::new(PEER).exists()) {
        (Some(python), true) => {
            let started = Instant::now();
            let out = Command::new(&python).arg(PEER).output().expect("peer runs");
            let process_s = started.elapsed().as_secs_f64();
            let text = String::from_utf8_lossy(&out.stdout);
            print!("{text}");
            let peer_s = text
                .split_whitespace()
                .find_map(|w| w.strip_prefix("wall_s="))
                .and_then(|v| v.parse::<f64>().ok());
            println!("SimPy whole process {process_s:.3} s");
            if let Some(peer_s) = peer_s {
                println!(
                    "ratio: porttwin is {:.1}x faster than SimPy's event loop, {:.1}x its whole process",
                    peer_s / porttwin_s,
                    process_s / porttwin_s
                );
            }
        }
        _ => println!("SimPy peer skipped: no python with simpy (see the header of this bench) or no {PEER}"),
    }
    let one_day = in_child(1.0, 1.0);
    let ten_days = in_child(10.0, 1.0);
    let overload = in_child(1.0, 3.0);
    println!("memory: 1 day -> served, peak MB: {one_day}");
    println!("memory: 10 days -> served, peak MB: {ten_days}");
    println!("3x demand -> served, peak MB, verdict: {overload}");
}
