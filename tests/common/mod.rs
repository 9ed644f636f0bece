//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod chromium;
pub mod event_log;

use porttwin::metrics::RunResult;
use porttwin::scenario::{Scenario, parse};
use porttwin::{RunOptions, Seed, run_headless};

/// Parses scenario text, panicking with the located errors if it is invalid.
pub fn scenario(text: &str) -> Scenario {
    parse(text, "test.ron").unwrap_or_else(|e| panic!("test scenario is invalid:\n{e}"))
}

/// Runs a scenario with a seed, checking agent conservation and Little's law (within 1%) on every stage.
pub fn run(scenario: &Scenario, seed: u64) -> RunResult {
    let result = run_headless(scenario, Seed(seed), &RunOptions::default()).expect("run succeeds");
    assert_conserved(&result);
    assert_littles_law(&result, 0.01);
    result
}

/// Thresholds of the bag model near 0.5% false alarms per class on fresh bags.
pub const BAG_THRESHOLDS: &str = r#"{"weapons": 0.45, "drugs": 0.55, "wildlife": 0.6, "live_animals": 0.55, "cash": 0.65}"#;

/// Travellers who each carry weapons and drugs with probability one half, two checked bags on
/// average; bags are CT-scanned (with `thresholds`) before the belt; owners of flagged bags are
/// searched at reclaim.
pub fn bag_scan_scenario(thresholds: &str) -> String {
    format!(
        r#"Scenario(
    meta: (name: "bags", duration_h: 3.0, seed: 3),
    population: [(name: "visitor", share: 1.0, checked_bags: 2.0, contraband: {{"weapons": 0.5, "drugs": 0.5}})],
    demand: [(name: "flights", entry: "arrival", bags_entry: "unload",
        arrivals: Schedule(batches: [(at: "00:10", count: 250, spread_min: 20)]))],
    facilities: {{
        "bag_ct": (servers: 2, automated: true, service: Constant(s: 4)),
        "belts": (servers: 2, automated: true, service: Constant(s: 3)),
        "search": (servers: 6, service: Constant(s: 300)),
    }},
    routing: {{
        "arrival": (walk_m: 200, next: To("reclaim")),
        "reclaim": (check: Reclaim, next: Choose([(when: Has("bag_flagged"), to: "search"), (when: Always, to: "exit")])),
        "search": (pool: "search", check: Search(find_probability: 1.0), next: To("exit")),
        "unload": (delay_s: 60, next: To("bag_ct")),
        "bag_ct": (pool: "bag_ct", check: BagScan(model: "xray_bag", thresholds: {thresholds}), next: To("belt")),
        "belt": (pool: "belts", next: To("exit")),
    }},
)"#
    )
}

/// A single M/G/c queue: Poisson arrivals at `rate_per_h`, `servers` servers, `service` distribution (RON).
pub fn single_queue(rate_per_h: f64, servers: u32, service: &str, hours: f64) -> String {
    format!(
        r#"Scenario(
    meta: (name: "queue", duration_h: {hours}),
    demand: [(name: "in", entry: "q", arrivals: Hourly(daily_total: {total}, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {{ "servers": (servers: {servers}, service: {service}) }},
    routing: {{ "q": (pool: "servers", next: To("exit")) }},
)"#,
        total = rate_per_h * 24.0
    )
}

/// Erlang C: probability that an arrival waits in an M/M/c queue with offered load `a` = λ/μ.
pub fn erlang_c(c: u32, a: f64) -> f64 {
    // Erlang B by the stable recursion, then C from B.
    let mut b = 1.0;
    for k in 1..=c {
        b = a * b / (k as f64 + a * b);
    }
    let rho = a / c as f64;
    b / (1.0 - rho + rho * b)
}

/// Mean and standard error of a sample.
pub fn mean_and_se(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, (var / n).sqrt())
}

/// Checks Little's law L = λW on every stage with a pool.
pub fn assert_littles_law(result: &RunResult, tolerance: f64) {
    for (name, stage) in result.summary.stages.iter().filter(|(_, s)| s.pool.is_some()) {
        let l = stage.little;
        let lambda_w = l.arrival_rate_per_s * l.mean_wait_s;
        let error = (l.mean_queue - lambda_w).abs();
        assert!(
            error <= tolerance * lambda_w.max(1e-9) || error < 1e-9,
            "Little's law fails at {name}: L = {} but λW = {lambda_w}",
            l.mean_queue
        );
    }
}

/// Every agent that arrived has left, balked, or is still in the port.
pub fn assert_conserved(result: &RunResult) {
    let s = &result.summary;
    assert_eq!(
        s.arrived,
        s.served + s.balked + s.in_system_at_end,
        "agents were lost or counted twice"
    );
    assert_eq!(*result.series.in_system.last().unwrap() as u64, s.in_system_at_end);
}

/// Writes `base.ron` (a single queue) and `spec.ron` (the given sweep body, with `base: "base.ron"`)
/// into a new temporary folder; returns the folder and the spec's path.
pub fn sweep_files(queue: &str, spec_body: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("base.ron"), queue).expect("write base");
    let spec = dir.path().join("spec.ron");
    std::fs::write(&spec, format!("Sweep(\n    base: \"base.ron\",\n{spec_body}\n)\n")).expect("write spec");
    (dir, spec)
}

/// Plans a sweep spec file, panicking with the located errors if it is invalid.
pub fn plan(spec: &std::path::Path) -> porttwin::sweep::SweepPlan {
    let spec = porttwin::sweep::spec::load(spec).unwrap_or_else(|e| panic!("spec is invalid:\n{e}"));
    porttwin::sweep::SweepPlan::new(&spec).unwrap_or_else(|e| panic!("spec is invalid:\n{e}"))
}

/// Runs a planned sweep into `out` with `workers` workers.
pub fn sweep(plan: &porttwin::sweep::SweepPlan, out: &std::path::Path, workers: usize) -> porttwin::sweep::SweepOutcome {
    let options = porttwin::sweep::SweepOptions {
        workers,
        resume: false,
        shard: None,
    };
    porttwin::sweep::run(plan, out, &options, &mut |_| {}).expect("sweep runs")
}

/// The data rows of a `runs.csv`, sorted (the header is left out).
pub fn sorted_rows(runs_csv: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(runs_csv).expect("runs.csv");
    let mut rows: Vec<String> = text.lines().skip(1).map(str::to_string).collect();
    rows.sort();
    rows
}

/// `count` mutilations of `text` (slices deleted, duplicated or cut off) at places from byte
/// `from` on, drawn from a fixed sequence seeded by `seed`.
pub fn mutilations(text: &str, from: usize, count: usize, seed: u64) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let from = text[..from].chars().count();
    let mut state = seed;
    (0..count)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let a = from + (state >> 33) as usize % (chars.len() - from);
            let b = (a + (state >> 20) as usize % 12).min(chars.len());
            match state % 3 {
                0 => chars[..a].iter().chain(&chars[b..]).collect(),
                1 => chars[..b].iter().chain(&chars[a..]).collect(),
                _ => chars[..a].iter().collect(),
            }
        })
        .collect()
}

/// Applies `from` → `to` to `base` (a scenario named `file`) and checks that it is rejected with
/// an error at field `path` whose message contains `message`, on the line holding `line_marker`.
pub fn assert_rejected(base: &str, file: &str, from: &str, to: &str, path: &str, message: &str, line_marker: &str) {
    assert!(base.contains(from), "case does not apply: {from}");
    let text = base.replacen(from, to, 1);
    let error = parse(&text, file).expect_err("the broken scenario must be rejected");
    let d = error
        .diagnostics()
        .iter()
        .find(|d| d.path == path)
        .cloned()
        .unwrap_or_else(|| panic!("no error at {path}; got:\n{error}"));
    assert_eq!(d.file, file);
    assert!(d.message.contains(message), "message {:?} lacks {message:?}", d.message);
    let at = text.find(line_marker).unwrap_or_else(|| panic!("{line_marker} not in text"));
    assert_eq!(d.line, text[..at].matches('\n').count() + 1, "wrong line for: {d}");
    assert!(d.column >= 1);
    let shown = d.to_string();
    assert!(shown.starts_with(&format!("{file}:{}:{}: `{path}`", d.line, d.column)), "{shown}");
}
