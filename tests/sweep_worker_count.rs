//! A sweep's results do not depend on the number of workers: runs.csv differs only in row order.

mod common;

use common::{plan, single_queue, sorted_rows, sweep, sweep_files};

#[test]
fn one_and_three_workers_write_the_same_rows() {
    let (dir, spec) = sweep_files(
        &single_queue(150.0, 3, "Exponential(mean_s: 60)", 3.0),
        r#"    name: "workers",
    seed: 11,
    replications: 4,
    factors: { "facilities.servers.servers": [3, 4, 5] },"#,
    );
    let plan = plan(&spec);
    let one = dir.path().join("one");
    let three = dir.path().join("three");
    let a = sweep(&plan, &one, 1);
    let b = sweep(&plan, &three, 3);
    assert_eq!((a.ran, b.ran, a.failed), (12, 12, 0));
    let rows = sorted_rows(&one.join("runs.csv"));
    assert_eq!(rows.len(), 12);
    assert_eq!(rows, sorted_rows(&three.join("runs.csv")), "results depend on the worker count");
    let summary = |d: &std::path::Path| std::fs::read_to_string(d.join("summary.csv")).unwrap();
    assert_eq!(summary(&one), summary(&three));
}
