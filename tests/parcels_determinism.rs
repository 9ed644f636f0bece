//! A mail-centre run with the image model in the loop is bit-identical for the same seed,
//! whatever the thread count, the tick size or the inference batch; another seed gives
//! another run; and a run without the model keeps its golden digest.

mod common;

use porttwin::sim::time::{MS_PER_MIN, SimTime};
use porttwin::{RunOptions, Seed, run_headless};

const SCENARIO: &str = r#"Scenario(
    meta: (name: "belt", seed: 6, duration_h: 3.0, drain: true),
    population: [(name: "parcel", share: 1.0)],
    demand: [(name: "flight", entry: "induction", arrivals: Schedule(batches: [(at: "00:05", count: 1500, spread_min: 40)]))],
    facilities: {
        "induction": (servers: 2, service: LogNormal(mean_s: 2.2, sd_s: 0.6)),
        "xray": (servers: 2, automated: true, service: LogNormal(mean_s: 1.6, sd_s: 0.3)),
        "officers": (servers: 4, service: LogNormal(mean_s: 300, sd_s: 120)),
        "desk": (servers: 2, service: LogNormal(mean_s: 180, sd_s: 90)),
    },
    routing: {
        "induction": (pool: "induction", check: Parcel(Assess), next: To("xray")),
        "xray": (pool: "xray", check: Parcel(Xray), next: Choose([
            (when: Any([Has("parcel_selected"), Has("xray_alarm")]), to: "opening"),
            (when: Has("documents_required"), to: "documents"),
            (when: Always, to: "exit"),
        ])),
        "opening": (pool: "officers", check: Parcel(Open(find_probability: 0.85)), next: Choose([
            (when: Any([Has("parcel_seized"), Has("parcel_held")]), to: "exit"),
            (when: Has("documents_required"), to: "documents"),
            (when: Always, to: "exit"),
        ])),
        "documents": (pool: "desk", check: Parcel(Documents(reply_probability: 0.7, find_probability: 0.5)), next: To("exit")),
    },
    parcels: (
        sources: ["flight"],
        origins: {"CN": 0.9, "US": 0.1},
        destinations: {"DE": 1.0},
        rates: {"drugs": 0.01, "counterfeit": 0.01, "weapon_parts": 0.01, "wildlife": 0.01, "undeclared_value": 0.03},
        targeting: (de_minimis_eur: 150.0, random_rate: 0.01),
        scanning: (model: "xray_parcel", thresholds: {"weapons": 0.5, "drugs": 0.5, "wildlife": 0.5}, discrepancy: 0.98, batch: 32),
    ),
)"#;

fn digest(text: &str, seed: u64, options: RunOptions) -> (String, porttwin::metrics::Summary) {
    let result = run_headless(&common::scenario(text), Seed(seed), &options).expect("the run succeeds");
    (result.summary.digest.clone(), result.summary)
}

#[test]
fn the_same_seed_gives_the_same_run_whatever_the_threads_and_ticks() {
    let (a, summary_a) = digest(SCENARIO, 7, RunOptions::default());
    let (b, summary_b) = digest(SCENARIO, 7, RunOptions::default());
    assert_eq!(a, b);
    assert_eq!(summary_a, summary_b, "every KPI is identical, not only the digest");
    let parcels = porttwin::parcels::summary(&summary_a).unwrap();
    assert_eq!(parcels.controls.scans, 1500, "every parcel is X-rayed");
    assert!(parcels.controls.scan_alarms > 0);
    let two = RunOptions {
        threads: Some(2),
        ..Default::default()
    };
    assert_eq!(digest(SCENARIO, 7, two).0, a, "two threads");
    let small_ticks = RunOptions {
        tick: SimTime(MS_PER_MIN),
        ..Default::default()
    };
    assert_eq!(digest(SCENARIO, 7, small_ticks).0, a, "one-minute ticks");
    assert_ne!(digest(SCENARIO, 8, RunOptions::default()).0, a, "another seed");
}

#[test]
fn the_inference_batch_changes_how_often_the_model_runs_not_the_run() {
    let (a, _) = digest(SCENARIO, 3, RunOptions::default());
    let (b, summary) = digest(&SCENARIO.replace("batch: 32", "batch: 1"), 3, RunOptions::default());
    assert_eq!(a, b);
    assert_eq!(porttwin::parcels::summary(&summary).unwrap().image_inferences, 1500);
}

#[test]
fn a_run_without_the_model_keeps_its_golden_digest() {
    // A golden digest: changing it means the parcel domain's draws or logic changed.
    let text = SCENARIO.replace("check: Parcel(Xray), ", "").replace(
        r#"scanning: (model: "xray_parcel", thresholds: {"weapons": 0.5, "drugs": 0.5, "wildlife": 0.5}, discrepancy: 0.98, batch: 32),"#,
        "",
    );
    let (d, summary) = digest(&text, 7, RunOptions::default());
    assert_eq!(summary.arrived, 1500);
    assert_eq!(d, "daf05fdec71e38d5");
}
