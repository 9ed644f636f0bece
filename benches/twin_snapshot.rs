//! Snapshots and forecasts of `land_port_day.ron` (seed 42): the size of a snapshot at the
//! day's peak (the minute with most travellers in the port) and the time to write and to read
//! it back into a run (targets: at most 5 MB and 200 ms), and a forecast of 32 replications
//! of 2 h from 08:00 (target: under 10 s).
//!
//! `cargo bench --bench twin_snapshot`

use std::time::Instant;

use porttwin::sim::time::{MS_PER_HOUR, SimTime};
use porttwin::twin::drive::{Plan, run, start};
use porttwin::twin::forecast::{self, Forecast, Variant};
use porttwin::twin::{ScenarioFile, Snapshot};
use porttwin::{RunOptions, Seed, run_headless};

const SCENARIO: &str = "scenarios/land_port_day.ron";
const SEED: u64 = 42;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn snapshot_at(at: SimTime) -> Snapshot {
    let scenario = porttwin::scenario::load(SCENARIO.as_ref()).unwrap();
    let file = ScenarioFile::read(SCENARIO.as_ref()).unwrap();
    let mut taken = None;
    let plan = Plan {
        file: &file,
        from: None,
        snapshot_at: &[at],
    };
    run(
        &scenario,
        Seed(SEED),
        &RunOptions::default(),
        &plan,
        |s| {
            taken = Some(s);
            Ok(())
        },
        |_| {},
    )
    .unwrap();
    taken.unwrap()
}

fn main() {
    let scenario = porttwin::scenario::load(SCENARIO.as_ref()).unwrap();
    let straight = run_headless(&scenario, Seed(SEED), &RunOptions::default()).unwrap();
    let series = &straight.series;
    let peak = (0..series.len())
        .max_by_key(|&i| (series.in_system[i], std::cmp::Reverse(i)))
        .unwrap();
    let at = SimTime(series.time_s[peak] * 1000);
    let snapshot = snapshot_at(at);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("peak.snap");
    let (mut writes, mut reads) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        let t = Instant::now();
        snapshot.write(&path).unwrap();
        writes.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let read = Snapshot::read(&path).unwrap();
        let app = start(&scenario, Seed(SEED), &RunOptions::default(), Some((&read, "peak.snap"))).unwrap();
        reads.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(app);
    }
    let bytes = std::fs::metadata(&path).unwrap().len();
    println!(
        "land_port_day seed {SEED}, peak at {at} ({} in the port): snapshot {:.1} kB, write {:.2} ms, read and restore {:.2} ms (medians of 7; targets 5 MB, 200 ms)",
        series.in_system[peak],
        bytes as f64 / 1000.0,
        median(writes),
        median(reads)
    );

    let eight = snapshot_at(SimTime(8 * MS_PER_HOUR));
    let variants = [Variant {
        name: "base".into(),
        scenario: scenario.clone(),
        changed: false,
    }];
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let plan = Forecast {
        snapshot: (&eight, "08:00.snap"),
        variants: &variants,
        horizon: SimTime(2 * MS_PER_HOUR),
        replications: 32,
        reseed: true,
        workers,
        bin: SimTime(15 * 60_000),
    };
    let t = Instant::now();
    let result = forecast::run(&plan).unwrap();
    let seconds = t.elapsed().as_secs_f64();
    let distinct: std::collections::BTreeSet<&str> = result.variants[0].replications.iter().map(|m| m.digest.as_str()).collect();
    println!(
        "forecast 32 x 2 h from 08:00 on {workers} workers: {seconds:.2} s (target 10 s); {} distinct futures; inference on {}",
        distinct.len(),
        porttwin::detect::backend(porttwin::detect::BackendChoice::Auto).map_or_else(|e| e.to_string(), |b| b.describe())
    );
}
