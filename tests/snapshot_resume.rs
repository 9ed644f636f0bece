//! A run restored from a snapshot and finished gives the same digest, summary and series as
//! the run that never stopped; snapshot → load → snapshot is byte-identical. The fast tests
//! cover a passenger day, checked bags with CT screening, a truck crossing and a mail centre; the ignored `full_*` tests (run
//! them in release: `cargo test --release --test snapshot_resume -- --ignored`) covers every flow
//! scenario shipped, seeds 1, 7 and 42, snapshots at 06:00 and 12:00.

mod common;

use porttwin::metrics::RunResult;
use porttwin::scenario::Scenario;
use porttwin::sim::time::{SimTime, parse_clock};
use porttwin::twin::drive::{Plan, run};
use porttwin::twin::{ScenarioFile, Snapshot};
use porttwin::{RunOptions, Seed, run_headless};

/// Every shipped scenario in flow fidelity.
const FLOW_SCENARIOS: [&str; 11] = [
    "scenarios/land_port_day.ron",
    "scenarios/land_port_day_visa_free_surge.ron",
    "scenarios/airport_arrivals.ron",
    "scenarios/airport_arrivals_smart_channel.ron",
    "scenarios/container_terminal_vessels.ron",
    "scenarios/land_port_trucks.ron",
    "scenarios/mail_centre_day.ron",
    "scenarios/bench/w1_passenger_hall.ron",
    "scenarios/bench/w3_container_terminal.ron",
    "scenarios/policy/scan_all_ai.ron",
    "scenarios/policy/selective_gantry_manual.ron",
];

fn assert_same(a: &RunResult, b: &RunResult, what: &str) {
    assert_eq!(a.summary.digest, b.summary.digest, "{what}: digest");
    assert_eq!(a.summary, b.summary, "{what}: summary");
    assert_eq!(a.series, b.series, "{what}: series");
    assert_eq!(a.wait_histograms, b.wait_histograms, "{what}: wait histograms");
}

/// Runs the scenario file `path` with `seed` straight, then with snapshots at `times`, restores
/// each snapshot from its bytes and finishes the run: every result is the straight run's.
fn check(path: &str, seed: u64, times: &[&str]) {
    let scenario = porttwin::scenario::load(path.as_ref()).unwrap();
    let file = ScenarioFile::read(path.as_ref()).unwrap();
    check_scenario(&scenario, &file, seed, times);
}

fn check_scenario(scenario: &Scenario, file: &ScenarioFile, seed: u64, times: &[&str]) {
    let path = &file.path;
    let (scenario, file) = (scenario.clone(), file.clone());
    let options = RunOptions::default();
    let straight = run_headless(&scenario, Seed(seed), &options).unwrap();
    let times: Vec<SimTime> = times.iter().map(|t| parse_clock(t).unwrap()).collect();
    let mut snapshots = Vec::new();
    let plan = Plan {
        file: &file,
        from: None,
        snapshot_at: &times,
    };
    let with_snapshots = run(
        &scenario,
        Seed(seed),
        &options,
        &plan,
        |s| {
            snapshots.push(s);
            Ok(())
        },
        |_| {},
    )
    .unwrap();
    assert_same(&straight, &with_snapshots, &format!("{path} seed {seed}, taking snapshots"));
    assert_eq!(snapshots.len(), times.len());
    for snapshot in snapshots {
        let what = format!("{path} seed {seed} from {}", snapshot.envelope.time);
        let bytes = snapshot.to_bytes();
        let loaded = Snapshot::from_bytes(&bytes, "test.snap").unwrap();
        loaded.check_scenario(&file, "test.snap").unwrap();
        let plan = Plan {
            file: &file,
            from: Some((&loaded, "test.snap")),
            snapshot_at: &[],
        };
        let resumed = run(&scenario, Seed(loaded.seed()), &options, &plan, |_| Ok(()), |_| {}).unwrap();
        assert_same(&straight, &resumed, &what);
        // Loading and saving again without running gives the same bytes.
        let app = porttwin::twin::drive::start(&scenario, Seed(seed), &options, Some((&loaded, "test.snap"))).unwrap();
        let again = Snapshot::take(&app, &file, seed).unwrap();
        assert!(again.to_bytes() == bytes, "{what}: snapshot -> load -> snapshot differs");
    }
}

#[test]
fn a_passenger_day_resumes_exactly_from_06_00_and_12_00() {
    check("scenarios/land_port_day.ron", 7, &["06:00", "12:00"]);
}

#[test]
fn checked_bags_under_ct_screening_and_travellers_held_at_reclaim_resume_exactly() {
    let text = common::bag_scan_scenario(common::BAG_THRESHOLDS);
    let scenario = common::scenario(&text);
    check_scenario(&scenario, &ScenarioFile::of("bags.ron", &text), 3, &["00:20", "00:35"]);
}

#[test]
fn late_part_full_and_cancelled_ferries_resume_exactly() {
    let text = r#"Scenario(
    meta: (name: "ferries", duration_h: 72),
    demand: [(name: "ferry", entry: "desk", arrivals: Schedule(
        batches: [(at: "07:50", count: 300, spread_min: 15, label: "F1"), (at: "18:00", count: 250, spread_min: 10, label: "F2")],
        uncertainty: Some((delay: LogNormal(mean_s: 1200, sd_s: 1500), load_factor: Some(Beta(mean: 0.8, sd: 0.1)), cancel_p: 0.2)),
    ))],
    facilities: { "desks": (servers: 4, service: Exponential(mean_s: 30)) },
    routing: { "desk": (pool: "desks", next: To("exit")) },
)"#;
    let scenario = common::scenario(text);
    // 08:00 falls between a ferry's announcement and its late travellers' arrivals.
    check_scenario(&scenario, &ScenarioFile::of("ferries.ron", text), 9, &["08:00", "d2 12:00"]);
}

#[test]
fn a_truck_crossing_with_breakdowns_resumes_exactly() {
    check("scenarios/land_port_trucks.ron", 42, &["06:00", "12:00"]);
}

#[test]
fn a_mail_centre_day_with_belt_x_ray_resumes_exactly() {
    check("scenarios/mail_centre_day.ron", 1, &["12:00"]);
}

/// Every shipped flow scenario, seeds 1, 7 and 42, snapshots at 06:00 and 12:00 (ignored: the
/// full matrix; one test per scenario so they run in parallel).
macro_rules! full_matrix {
    ($($name:ident: $index:expr),* $(,)?) => {$(
        #[test]
        #[ignore = "the full matrix; run in release"]
        fn $name() {
            for seed in [1, 7, 42] {
                check(FLOW_SCENARIOS[$index], seed, &["06:00", "12:00"]);
            }
        }
    )*};
}

full_matrix! {
    full_land_port_day: 0,
    full_land_port_day_visa_free_surge: 1,
    full_airport_arrivals: 2,
    full_airport_arrivals_smart_channel: 3,
    full_container_terminal_vessels: 4,
    full_land_port_trucks: 5,
    full_mail_centre_day: 6,
    full_w1_passenger_hall: 7,
    full_w3_container_terminal: 8,
    full_scan_all_ai: 9,
    full_selective_gantry_manual: 10,
}
