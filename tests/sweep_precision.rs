//! With a precision target, replications are added until the KPI's 95% CI half-width meets it.

mod common;

use common::{plan, single_queue, sweep, sweep_files};
use porttwin::stats::Estimate;

#[test]
fn replications_are_added_until_the_half_width_target_is_met() {
    let (dir, spec) = sweep_files(
        &single_queue(150.0, 3, "Exponential(mean_s: 60)", 4.0),
        r#"    name: "precise",
    replications: 3,
    factors: { "facilities.servers.servers": [3, 4] },
    kpis: ["stages.q.wait_s.mean"],
    precision: (kpi: "stages.q.wait_s.mean", half_width: 4.0, max_replications: 200),"#,
    );
    let out = dir.path().join("out");
    let outcome = sweep(&plan(&spec), &out, 2);
    assert!(outcome.ran > 6, "the target needs more than the initial 3 replications");
    for variant in ["servers.servers=3", "servers.servers=4"] {
        let values: Vec<f64> = outcome.rows.iter().filter(|r| r.variant == variant).map(|r| r.kpis[0]).collect();
        let e = Estimate::of(&values);
        assert!(e.half_width <= 4.0 || e.n == 200, "{variant}: ±{} with {} runs", e.half_width, e.n);
        let replications: Vec<u32> = outcome
            .rows
            .iter()
            .filter(|r| r.variant == variant)
            .map(|r| r.replication)
            .collect();
        assert_eq!(
            replications,
            (0..values.len() as u32).collect::<Vec<_>>(),
            "replications are 0..n, none twice"
        );
    }
}
