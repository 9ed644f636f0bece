//! Shards run separately and merged equal the unsharded sweep, row for row.

mod common;

use common::{plan, single_queue, sorted_rows, sweep, sweep_files};
use porttwin::sweep::{Shard, SweepOptions};

#[test]
fn three_shards_merged_equal_the_whole_sweep() {
    let (dir, spec) = sweep_files(
        &single_queue(150.0, 3, "Exponential(mean_s: 60)", 3.0),
        r#"    name: "shards",
    replications: 5,
    factors: { "facilities.servers.servers": [3, 4] },"#,
    );
    let plan = plan(&spec);
    let whole = dir.path().join("whole");
    sweep(&plan, &whole, 2);
    let mut shards = Vec::new();
    let mut sizes = Vec::new();
    for index in 0..3 {
        let out = dir.path().join(format!("shard-{index}"));
        let options = SweepOptions {
            workers: 1,
            resume: false,
            shard: Some(Shard { index, count: 3 }),
        };
        sizes.push(porttwin::sweep::run(&plan, &out, &options, &mut |_| {}).unwrap().ran);
        shards.push(out);
    }
    assert_eq!(sizes, vec![4, 3, 3], "job j goes to shard j mod 3");
    let merged = dir.path().join("merged");
    let outcome = porttwin::sweep::merge::merge(&shards, &merged, false).unwrap();
    assert_eq!((outcome.runs, outcome.planned), (10, 10));
    let merged_text = std::fs::read_to_string(merged.join("runs.csv")).unwrap();
    let whole_sorted = sorted_rows(&whole.join("runs.csv"));
    assert_eq!(sorted_rows(&merged.join("runs.csv")), whole_sorted);
    assert_eq!(merged_text.lines().count(), 11);
    let summary = |d: &std::path::Path| std::fs::read_to_string(d.join("summary.csv")).unwrap();
    assert_eq!(summary(&merged), summary(&whole));
    assert!("4/3".parse::<Shard>().is_err() && "1/0".parse::<Shard>().is_err());
}

#[test]
fn a_missing_shard_fails_the_merge_unless_partial_is_allowed() {
    let (dir, spec) = sweep_files(
        &single_queue(150.0, 3, "Exponential(mean_s: 60)", 3.0),
        r#"    name: "lost_shard",
    replications: 3,
    factors: { "facilities.servers.servers": [3, 4] },"#,
    );
    let plan = plan(&spec);
    let mut shards = Vec::new();
    for index in [0, 2] {
        let out = dir.path().join(format!("shard-{index}"));
        let options = SweepOptions {
            workers: 1,
            resume: false,
            shard: Some(Shard { index, count: 3 }),
        };
        porttwin::sweep::run(&plan, &out, &options, &mut |_| {}).unwrap();
        shards.push(out);
    }
    let merged = dir.path().join("merged");
    let error = porttwin::sweep::merge::merge(&shards, &merged, false).unwrap_err();
    assert!(!error.is_bad_input(), "a lost shard is a failed run, exit code 1");
    let message = error.to_string();
    assert!(
        message.starts_with("2 of 6 planned runs are missing (shard 1/3 owes them"),
        "{message}"
    );
    assert!(message.contains("--allow-partial"), "{message}");
    assert!(!merged.join("runs.csv").exists(), "nothing is written");

    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .arg("merge")
        .args(&shards)
        .arg("--out")
        .arg(&merged)
        .output()
        .unwrap();
    assert_eq!(cli.status.code(), Some(1), "{}", String::from_utf8_lossy(&cli.stderr));

    let outcome = porttwin::sweep::merge::merge(&shards, &merged, true).unwrap();
    assert_eq!((outcome.runs, outcome.planned), (4, 6));
}
