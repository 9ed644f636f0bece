//! A KPI that the variant sets (officer-hours of a staffing variant) is not a finding: the
//! paired comparison marks it and the report does not count it as a significant difference.

mod common;

use common::{plan, single_queue, sweep, sweep_files};

#[test]
fn officer_hours_set_by_the_variant_are_not_counted_as_significant() {
    let (dir, spec) = sweep_files(
        &single_queue(150.0, 3, "Exponential(mean_s: 60)", 3.0),
        r#"    name: "fixed",
    replications: 4,
    factors: { "facilities.servers.servers": [3, 4] },
    kpis: ["pools.servers.officer_hours", "stages.q.wait_s.mean"],"#,
    );
    let out = dir.path().join("out");
    sweep(&plan(&spec), &out, 1);
    let paired = std::fs::read_to_string(out.join("paired.csv")).unwrap();
    let mut lines = paired.lines();
    assert!(lines.next().unwrap().ends_with(",significant,fixed_by_variant"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let officer = rows
        .iter()
        .find(|r| r[2] == "pools.servers.officer_hours")
        .expect("officer-hours row");
    assert_eq!(
        officer[4], "3",
        "one more server for 3 h: 3 more officer-hours in every replication"
    );
    assert_eq!((officer[8], officer[9]), ("false", "true"), "set by the variant, never significant");
    let wait = rows.iter().find(|r| r[2] == "stages.q.wait_s.mean").expect("wait row");
    assert_eq!(wait[9], "false", "waits vary by replication");
    let report = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        report.contains("1 more are set by the variant itself"),
        "the report says why it left one out"
    );
    assert!(report.contains("of 1 KPI differences are significant"), "only the wait is counted");
}
