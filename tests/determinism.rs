//! Same scenario + seed → bit-identical results, whatever the threads or tick size; other seeds differ.

mod common;

use porttwin::sim::time::{MS_PER_MIN, SimTime};
use porttwin::{RunOptions, Seed, run_headless};

fn land_port() -> porttwin::scenario::Scenario {
    porttwin::scenario::load("scenarios/land_port_day.ron".as_ref()).unwrap()
}

fn digest(scenario: &porttwin::scenario::Scenario, seed: u64, options: RunOptions) -> (String, porttwin::metrics::Summary) {
    let result = run_headless(scenario, Seed(seed), &options).unwrap();
    (result.summary.digest.clone(), result.summary)
}

#[test]
fn same_seed_gives_identical_results() {
    let scenario = land_port();
    let (a, summary_a) = digest(&scenario, 7, RunOptions::default());
    let (b, summary_b) = digest(&scenario, 7, RunOptions::default());
    assert_eq!(a, b);
    assert_eq!(summary_a, summary_b, "every KPI is identical, not only the digest");
}

#[test]
fn different_seeds_give_different_results() {
    let scenario = land_port();
    let (a, _) = digest(&scenario, 7, RunOptions::default());
    let (b, _) = digest(&scenario, 8, RunOptions::default());
    assert_ne!(a, b);
}

#[test]
fn thread_count_does_not_matter() {
    let scenario = land_port();
    let one = RunOptions {
        threads: Some(1),
        ..Default::default()
    };
    let two = RunOptions {
        threads: Some(2),
        ..Default::default()
    };
    let (a, _) = digest(&scenario, 3, one);
    let (b, _) = digest(&scenario, 3, two);
    assert_eq!(a, b);
    // Two runs at once on two OS threads agree with a run alone.
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let scenario = scenario.clone();
            std::thread::spawn(move || digest(&scenario, 3, two).0)
        })
        .collect();
    for handle in handles {
        assert_eq!(handle.join().unwrap(), a);
    }
}

#[test]
fn tick_size_does_not_matter() {
    // A viewer advances the clock in small ticks, a headless run in large ones: the results are the same.
    let scenario = land_port();
    let (reference, _) = digest(&scenario, 5, RunOptions::default());
    for tick in [SimTime(1_000), SimTime(MS_PER_MIN), SimTime(240 * MS_PER_MIN)] {
        let (d, _) = digest(
            &scenario,
            5,
            RunOptions {
                tick,
                ..Default::default()
            },
        );
        assert_eq!(d, reference, "tick of {tick}");
    }
}

#[test]
fn w1_digest_is_stable_across_builds() {
    // A golden digest: changing it means the model's random draws or logic changed.
    let scenario = porttwin::scenario::load("scenarios/bench/w1_passenger_hall.ron".as_ref()).unwrap();
    let (d, summary) = digest(&scenario, 7, RunOptions::default());
    assert_eq!(summary.arrived, 119_635);
    assert_eq!(d, "2143384b44fa90ec");
}
