//! Inputs that used to crash or hang a run are refused before it starts, with a located error
//! and a hint (exit code 2); what still cannot fit on the machine stops with a clear error
//! (exit code 1). Each test is named after the failure it guards against.

use std::path::Path;
use std::process::{Command, Output};

use porttwin::scenario::parse;

const FLAT: &str = "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]";

fn one_desk(name: &str, arrivals: &str) -> String {
    format!(
        r#"Scenario(
    meta: (name: "{name}", duration_h: 24.0),
    demand: [(name: "road", entry: "desk", arrivals: {arrivals})],
    facilities: {{"desks": (servers: 1, service: Constant(s: 60))}},
    routing: {{"desk": (pool: "desks", next: To("exit"))}},
)"#
    )
}

fn porttwin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_porttwin")).args(args).output().unwrap()
}

/// Runs `porttwin run` on `text` (in a temporary folder) and returns its output.
fn run_cli(text: &str, extra: &[&str]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("scenario.ron");
    std::fs::write(&file, text).unwrap();
    let out = dir.path().join("out");
    let mut args = extra.to_vec();
    args.extend(["run", file.to_str().unwrap(), "--quiet", "--out", out.to_str().unwrap()]);
    let output = porttwin(&args);
    (dir, output)
}

fn assert_clean_failure(output: &Output, code: i32, needle: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    assert!(stderr.contains(needle), "{stderr}");
    for sign in ["panicked", "stack backtrace", "memory allocation of"] {
        assert!(!stderr.contains(sign), "{stderr}");
    }
}

/// The first diagnostic of an invalid scenario: `(path, message, hint)`.
fn first_error(text: &str) -> (String, String, String) {
    let error = parse(text, "limits.ron").expect_err("refused");
    let d = error.diagnostics()[0].clone();
    (d.path, d.message, d.hint.unwrap_or_default())
}

#[test]
fn huge_demand_that_cannot_fit_is_refused_before_running() {
    let text = one_desk("huge", &format!("Hourly(daily_total: 1e12, weights: {FLAT})"));
    let error = parse(&text, "limits.ron").expect_err("refused");
    let messages: Vec<String> = error.diagnostics().iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("demand[0].arrivals:") && m.contains("agents would wait in the port at once")),
        "{messages:?}"
    );
    let (_dir, output) = run_cli(&text, &[]);
    assert_clean_failure(&output, 2, "scenario.ron:3:");
}

#[test]
fn one_batch_of_billions_is_refused_instead_of_aborting() {
    let text = one_desk(
        "billions",
        r#"Schedule(batches: [(at: "01:00", count: 4000000000, spread_min: 10)])"#,
    );
    let error = parse(&text, "limits.ron").expect_err("refused");
    let batch = error
        .diagnostics()
        .iter()
        .find(|d| d.path == "demand[0].arrivals.batches[0].count")
        .expect("the batch's count is named");
    assert!(
        batch.message.contains("a batch of 4,000,000,000 arrivals is held at once"),
        "{batch}"
    );
    assert!(batch.hint.as_deref().unwrap_or("").contains("split it into batches"), "{batch}");
    let (_dir, output) = run_cli(&text, &[]);
    assert_clean_failure(&output, 2, "4,000,000,000");
}

#[test]
fn batch_counts_beyond_32_bits_are_refused_not_silently_clamped() {
    let text = one_desk(
        "clamped",
        r#"Schedule(batches: [(at: "01:00", count: 5000000000000, spread_min: 10)])"#,
    );
    let all = parse(&text, "limits.ron").unwrap_err().to_string();
    assert!(all.contains("a batch of 5,000,000,000,000 arrivals"), "{all}");
}

#[test]
fn a_surge_of_billions_is_refused() {
    let text = one_desk("surge", &format!("Hourly(daily_total: 100, weights: {FLAT})")).replace(
        "\n)",
        "\n    incidents: [Surge(at: \"02:00\", source: \"road\", count: 3000000000, spread_min: 5)],\n)",
    );
    let all = parse(&text, "limits.ron").unwrap_err();
    let surge = all.diagnostics().iter().find(|d| d.path == "incidents[0].count").expect("named");
    assert!(surge.message.contains("3,000,000,000 arrivals is held at once"), "{surge}");
}

#[test]
fn more_arrivals_than_one_run_can_simulate_is_refused() {
    // Nobody queues (everyone leaves at once), but 10^12 arrivals would take days to simulate.
    let text = format!(
        r#"Scenario(
    meta: (name: "flood", duration_h: 24.0),
    demand: [(name: "road", entry: "hall", arrivals: Hourly(daily_total: 1e12, weights: {FLAT}))],
    facilities: {{}},
    routing: {{"hall": (next: To("exit"))}},
)"#
    );
    let (path, message, hint) = first_error(&text);
    assert_eq!(path, "demand[0].arrivals");
    assert!(message.contains("more than the 1,000,000,000 one run may take"), "{message}");
    assert!(hint.contains("shorter runs"), "{hint}");
}

#[test]
fn a_series_too_long_to_hold_is_refused() {
    // 400 days of per-minute rows over 2,000 stages: 576,000 rows x 2,003 columns.
    let stages: String = (0..2000)
        .map(|i| match i {
            1999 => format!("\"s{i}\": (next: To(\"exit\")),"),
            _ => format!("\"s{i}\": (next: To(\"s{}\")),", i + 1),
        })
        .collect();
    let text = format!(
        r#"Scenario(
    meta: (name: "wide", duration_h: 9600.0),
    demand: [(name: "road", entry: "s0", arrivals: Hourly(daily_total: 10, weights: {FLAT}))],
    facilities: {{}},
    routing: {{{stages}}},
)"#
    );
    let error = parse(&text, "limits.ron").unwrap_err();
    let series = error.diagnostics().iter().find(|d| d.path == "meta.duration_h").expect("named");
    assert!(series.message.contains("per-minute series would hold 576,001 rows"), "{series}");
}

/// W2's hall with `count` travellers standing in its entrance area at time zero.
fn crowded_hall(count: u32, spread_min: u32, entrance: &str) -> String {
    let w2 = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/bench/w2_hall_exit.ron")).unwrap();
    w2.replace("count: 2000, spread_min: 0", &format!("count: {count}, spread_min: {spread_min}"))
        .replace(r#"Area(polygon: [(1, 1), (30, 1), (30, 39), (1, 39)], grid_m: 0.5)"#, entrance)
}

const W2_ENTRANCE: &str = r#"Area(polygon: [(1, 1), (30, 1), (30, 39), (1, 39)], grid_m: 0.5)"#;

#[test]
fn more_travellers_than_the_entrance_area_holds_is_refused_instead_of_hanging() {
    // 59 x 77 = 4,543 grid points; 9,000 travellers at once used to make the run crawl for ever.
    let text = crowded_hall(9000, 0, W2_ENTRANCE);
    let (path, message, hint) = first_error(&text);
    assert_eq!(path, "demand[0].arrivals.batches[0].count");
    assert!(
        message.contains("9,000 pedestrians arrive within a minute, but the entrance area of \"crowd\" holds about 4,543 at once"),
        "{message}"
    );
    assert!(hint.contains("spread the batch over at least 2 minutes"), "{hint}");
    let (_dir, output) = run_cli(&text, &[]);
    assert_clean_failure(&output, 2, "entrance area");
    // Spread over three minutes, the same crowd is accepted.
    parse(&crowded_hall(9000, 3, W2_ENTRANCE), "limits.ron").unwrap();
}

#[test]
fn an_entrance_area_with_no_room_for_anyone_is_refused() {
    // A 0.2 m square cannot hold a body of radius 0.2 m: its travellers would wait for ever.
    let text = crowded_hall(10, 0, r#"Area(polygon: [(5, 5), (5.2, 5), (5.2, 5.2), (5, 5.2)])"#);
    let (path, message, _) = first_error(&text);
    assert_eq!(path, "layout.entrances.crowd");
    assert!(message.contains("no pedestrian fits in the entrance area"), "{message}");
}

#[test]
fn the_shipped_crowd_of_w2_fits_its_entrance() {
    parse(&crowded_hall(2000, 0, W2_ENTRANCE), "limits.ron").unwrap();
}

#[test]
fn a_run_that_outgrows_the_memory_limit_stops_with_a_clear_error() {
    // Valid (about five million travellers queue at one desk: a gigabyte), but not in 200 MiB.
    let text = one_desk("overloaded", &format!("Hourly(daily_total: 5e6, weights: {FLAT})"));
    parse(&text, "limits.ron").unwrap();
    let (dir, output) = run_cli(&text, &["--max-memory", "200M"]);
    assert_clean_failure(&output, 1, "error: out of memory");
    assert!(String::from_utf8_lossy(&output.stderr).contains("--max-memory"));
    assert!(
        !dir.path().join("out/summary.json").exists(),
        "no results from a run that did not finish"
    );
}

#[test]
fn a_memory_limit_that_is_not_a_size_is_bad_input() {
    let output = porttwin(&["--max-memory", "lots", "validate", "scenarios/land_port_day.ron"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a size"));
}

#[test]
fn a_dataset_larger_than_memory_is_refused_before_it_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scans");
    let output = porttwin(&[
        "--max-memory",
        "64M",
        "dataset",
        "container",
        "--count",
        "100000",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_clean_failure(&output, 2, "--count 100000: the dataset is built in memory");
    assert!(!out.exists(), "nothing written");
}
