//! `porttwin calibrate`: ABC-SMC recovers parameters perturbed to values it is not told, from
//! an event log the perturbed scenario emitted; shards in lockstep reach the same posterior; a
//! bad spec is a located error (exit code 2).

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use porttwin::calibrate::{Exchange, calibrate, calibrate_sharded, spec};
use porttwin::eventlog::LogWriter;
use porttwin::sweep::Shard;
use porttwin::sweep::overrides::{Override, apply};
use porttwin::{RunOptions, Seed, run_headless_watched};

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes to `log` the event log of `base` with `overrides`, run with `seed`.
fn emit_truth(base: &str, overrides: &[(&str, String)], seed: u64, log: &Path) {
    let text = std::fs::read_to_string(base).unwrap();
    let overrides: Vec<Override> = overrides
        .iter()
        .map(|(path, value)| Override {
            path: path.to_string(),
            value: value.clone(),
            origin: Default::default(),
        })
        .collect();
    let scenario = apply(&text, base, "truth", &overrides).unwrap();
    let buffer = Buffer::default();
    let writer = LogWriter::new(Arc::new(scenario.clone()), seed, Box::new(buffer.clone()));
    run_headless_watched(&scenario, Seed(seed), &RunOptions::default(), Box::new(writer), |_, _| {}).unwrap();
    std::fs::write(log, buffer.0.lock().unwrap().as_slice()).unwrap();
}

const SMALL: &str = r#"Scenario(
    meta: (name: "small", duration_h: 3.0),
    population: [(name: "local", share: 1.0, attributes: {"enrolled": 0.6})],
    demand: [(name: "road", entry: "triage", arrivals: Hourly(daily_total: 9600, weights: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))],
    facilities: {
        "gates": (servers: 2, automated: true, service: LogNormal(mean_s: 12, sd_s: 3)),
        "desks": (servers: 8, service: LogNormal(mean_s: 60, sd_s: 20)),
    },
    routing: {
        "triage": (next: Choose([(when: Has("enrolled"), to: "gate"), (when: Always, to: "desk")])),
        "gate": (pool: "gates", next: To("exit")),
        "desk": (pool: "desks", next: To("exit")),
    },
)"#;

fn small_spec(dir: &Path, extra: &str) -> String {
    std::fs::write(dir.join("small.ron"), SMALL).unwrap();
    format!(
        r#"Calibration(
    base: "small.ron",
    observed: "truth.jsonl",
    parameters: [
        (name: "desk mean service (s)", path: "facilities.desks.service", value: "LogNormal(mean_s: {{}}, sd_s: 20)", prior: Uniform(min: 30, max: 120)),
        (name: "enrolled share", path: "population[0].attributes.enrolled", prior: Uniform(min: 0.2, max: 0.9)),
    ],
    statistics: ["stages.desk.mean_service_s", "stages.gate.started", "stages.desk.started"],
    particles: 50,
    max_runs: 900,
    seed: 3,
    {extra}
)"#
    )
}

#[test]
fn a_small_port_s_perturbed_desk_time_and_share_are_recovered_from_its_log() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.ron"), SMALL).unwrap();
    let base = dir.path().join("small.ron").display().to_string();
    emit_truth(
        &base,
        &[
            ("facilities.desks.service", "LogNormal(mean_s: 74, sd_s: 20)".into()),
            ("population[0].attributes.enrolled", "0.47".into()),
        ],
        77,
        &dir.path().join("truth.jsonl"),
    );
    let text = small_spec(dir.path(), "");
    let spec = spec::parse(&text, "small_calibration.ron", dir.path()).unwrap();
    let calibration = calibrate(&spec, 2, |_, _| {}).unwrap();
    let (desk, share) = (&calibration.estimates[0], &calibration.estimates[1]);
    assert!((desk.mean - 74.0).abs() < 0.05 * 74.0, "{}", calibration.render());
    assert!((share.mean - 0.47).abs() < 0.03, "{}", calibration.render());
    assert!(desk.interval_90.0 < 74.0 && 74.0 < desk.interval_90.1, "{}", calibration.render());
    assert!(share.interval_90.0 < 0.47 && 0.47 < share.interval_90.1, "{}", calibration.render());
    assert!(calibration.runs <= 900);
    let again = calibrate(&spec, 1, |_, _| {}).unwrap();
    assert_eq!(again, calibration, "the same spec gives the same posterior with 1 or 2 workers");
}

#[test]
fn two_shards_in_lockstep_reach_the_unsharded_posterior_and_a_restarted_shard_catches_up() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.ron"), SMALL).unwrap();
    let base = dir.path().join("small.ron").display().to_string();
    emit_truth(
        &base,
        &[("facilities.desks.service", "LogNormal(mean_s: 74, sd_s: 20)".into())],
        5,
        &dir.path().join("truth.jsonl"),
    );
    let text = small_spec(dir.path(), "")
        .replace("particles: 50", "particles: 20")
        .replace("max_runs: 900", "max_runs: 200");
    let spec = spec::parse(&text, "small_calibration.ron", dir.path()).unwrap();
    let alone = calibrate(&spec, 1, |_, _| {}).unwrap();
    assert!(alone.generations.len() >= 3, "{}", alone.render());
    let exchange = dir.path().join("exchange");
    let shard = |index: u32| {
        let link = Exchange::new(&exchange, Shard { index, count: 2 }, &spec, Duration::from_secs(600)).unwrap();
        calibrate_sharded(&spec, 1, Some(link), |_, _| {})
    };
    let (first, second) = std::thread::scope(|s| {
        let a = s.spawn(|| shard(0));
        let b = s.spawn(|| shard(1));
        (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
    });
    assert_eq!(first, alone, "shard 0 of 2 reaches the unsharded posterior");
    assert_eq!(second, alone, "shard 1 of 2 reaches the unsharded posterior");
    // Started again after the others finished, a shard reuses what was published.
    assert_eq!(shard(1).unwrap(), alone);
}

#[test]
fn a_shard_whose_partner_never_runs_stops_with_its_name_and_code_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.ron"), SMALL).unwrap();
    let base = dir.path().join("small.ron").display().to_string();
    emit_truth(&base, &[], 5, &dir.path().join("truth.jsonl"));
    let text = small_spec(dir.path(), "").replace("particles: 50", "particles: 4");
    let file = dir.path().join("small_calibration.ron");
    std::fs::write(&file, &text).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .arg("calibrate")
        .arg(&file)
        .args(["--shard", "1/2", "--wait-s", "1", "--quiet", "--exchange"])
        .arg(dir.path().join("exchange"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("shard 0/2 did not publish batch 0"), "{stderr}");
}

#[test]
fn a_bad_spec_is_located_and_exits_with_code_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("truth.jsonl"), "").unwrap();
    let text = small_spec(dir.path(), "")
        .replace("Uniform(min: 30, max: 120)", "Uniform(min: 120, max: 30)")
        .replace("stages.gate.started", "stages.gate.begun");
    let file = dir.path().join("bad.ron");
    std::fs::write(&file, &text).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .arg("calibrate")
        .arg(&file)
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`parameters[0].prior`: the bounds must be finite with min < max"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{}:5:", file.display())), "{stderr}");
}

/// The proof on `land_port_day.ron`: the desks' mean service time (LogNormal, sd 15 s) and the
/// residents' e-gate eligibility share, perturbed to values drawn for each trial, are
/// recovered from the perturbed day's emitted log within 5% and 0.03, in three generations
/// (at most 600 runs) with the regression adjustment; `PORTTWIN_CALIBRATION_TRIALS=20` runs
/// the coverage study (each parameter's 90% interval must cover its truth in at least 17 of 20;
/// `PORTTWIN_CALIBRATION_FIRST_TRIAL=K` resumes a study at trial K, without the coverage check). `cargo test --release --test calibration -- --ignored --nocapture`.
#[test]
#[ignore]
fn land_port_day_desk_time_and_egate_share_are_recovered() {
    let trials: u64 = std::env::var("PORTTWIN_CALIBRATION_TRIALS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(1);
    let first: u64 = std::env::var("PORTTWIN_CALIBRATION_FIRST_TRIAL")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::canonicalize("scenarios/land_port_day.ron").unwrap().display().to_string();
    let (mut recovered, mut desk_covered, mut share_covered) = (0u64, 0u64, 0u64);
    for trial in first..trials {
        let mut rng = porttwin::sim::rng::stream(trial, "calibration/truth");
        use rand::RngExt;
        let desk: f64 = 40.0 + 30.0 * rng.random::<f64>();
        let share: f64 = 0.6 + 0.35 * rng.random::<f64>();
        let log = dir.path().join(format!("truth{trial}.jsonl"));
        emit_truth(
            &base,
            &[
                ("facilities.desks.service", format!("LogNormal(mean_s: {desk}, sd_s: 15)")),
                ("population[0].attributes.eligible_for_egate", format!("{share}")),
            ],
            1000 + trial,
            &log,
        );
        let text = format!(
            r#"Calibration(
    base: "{base}",
    observed: "{}",
    parameters: [
        (name: "desks mean service (s)", path: "facilities.desks.service", value: "LogNormal(mean_s: {{}}, sd_s: 15)", prior: Uniform(min: 20, max: 100)),
        (name: "residents eligible for e-gates", path: "population[0].attributes.eligible_for_egate", prior: Uniform(min: 0.3, max: 1.0)),
    ],
    statistics: ["stages.desk.mean_service_s", "stages.egate.started", "stages.desk.started"],
    particles: 100,
    generations: 3,
    max_runs: 2000,
    seed: {},
)"#,
            log.display(),
            trial + 1
        );
        let spec = spec::parse(&text, "land_port_day_calibration.ron", dir.path()).unwrap();
        let started = Instant::now();
        let calibration = calibrate(&spec, std::thread::available_parallelism().map_or(1, |n| n.get()), |_, _| {}).unwrap();
        let seconds = started.elapsed().as_secs_f64();
        let (d, s) = (&calibration.estimates[0], &calibration.estimates[1]);
        let ok = (d.mean - desk).abs() <= 0.05 * desk && (s.mean - share).abs() <= 0.03 && calibration.runs <= 2000;
        let (desk_inside, share_inside) = (
            d.interval_90.0 <= desk && desk <= d.interval_90.1,
            s.interval_90.0 <= share && share <= s.interval_90.1,
        );
        recovered += ok as u64;
        desk_covered += desk_inside as u64;
        share_covered += share_inside as u64;
        println!(
            "trial {trial}: truth {desk:.2} s, {share:.4}; posterior mean {:.2} s ({:.2} .. {:.2}), {:.4} ({:.4} .. {:.4}); {} runs, {seconds:.1} s; recovered {ok}, covered {desk_inside} and {share_inside}",
            d.mean, d.interval_90.0, d.interval_90.1, s.mean, s.interval_90.0, s.interval_90.1, calibration.runs
        );
    }
    let ran = trials.saturating_sub(first);
    println!(
        "recovered {recovered} of {ran}; the 90% intervals covered the desks' time in {desk_covered} and the share in {share_covered} of {ran}"
    );
    assert_eq!(recovered, ran);
    if first == 0 && trials >= 20 {
        assert!(
            20 * desk_covered >= 17 * trials && 20 * share_covered >= 17 * trials,
            "coverage below 17 in 20"
        );
    }
}
