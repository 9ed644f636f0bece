//! KPIs per group (batch label, source, type, attribute value) and per journey segment, against
//! values worked out by hand on `tests/fixtures/two_ferries.ron`: one gangway (60 s) and one
//! passport booth (120 s) in line, constant service, so the 4 travellers of Ferry 1 (00:10) leave
//! the gangway 60 s apart and queue 0, 60, 120 and 180 s at the booth.

mod common;

use std::process::Command;

use common::{assert_rejected, run, scenario};
use porttwin::metrics::Summary;
use porttwin::metrics::histogram::QUANTILE_RELATIVE_ERROR;
use porttwin::sweep::staffing::{Bound, StaffingQuery, Target, search};

const FIXTURE: &str = "tests/fixtures/two_ferries.ron";

fn text() -> String {
    std::fs::read_to_string(FIXTURE).unwrap()
}

fn summary() -> Summary {
    run(&scenario(&text()), 1).summary
}

/// A quantile is a histogram bucket's midpoint: within 0.4% of the exact value.
fn near(got: f64, exact: f64) -> bool {
    (got - exact).abs() <= exact * QUANTILE_RELATIVE_ERROR + 1e-9
}

#[test]
fn each_ferry_has_its_own_waits_times_and_throughput() {
    let s = summary();
    let labels: Vec<&str> = s.groups.batch.iter().map(|(l, _)| l).collect();
    assert_eq!(labels, ["Ferry 1", "Ferry 2"], "the unlabelled car batch has no batch group");
    let f1 = &s.groups.batch["Ferry 1"];
    assert_eq!((f1.arrived, f1.served, f1.balked, f1.in_system_at_end), (4, 4, 0, 0));
    // In port 180, 300, 420, 540 s; waited in all 0, 120, 240, 360 s.
    assert_eq!(f1.time_in_system_s.mean, 360.0);
    assert_eq!(f1.time_in_system_s.max, 540.0);
    assert!(near(f1.time_in_system_s.p95, 540.0), "{}", f1.time_in_system_s.p95);
    assert!(near(f1.time_in_system_s.p50, 300.0), "{}", f1.time_in_system_s.p50);
    assert_eq!((f1.wait_s.mean, f1.wait_s.max), (180.0, 360.0));
    assert_eq!(f1.throughput_per_hour, [4], "all leave between 00:13 and 00:19");
    let booth = &f1.stages["passport"];
    assert_eq!(booth.entered, 4);
    assert_eq!((booth.wait_s.mean, booth.wait_s.max), (90.0, 180.0));
    assert!(near(booth.wait_s.p95, 180.0));
    let f2 = &s.groups.batch["Ferry 2"];
    assert_eq!((f2.arrived, f2.served), (2, 2));
    assert_eq!((f2.time_in_system_s.mean, f2.time_in_system_s.max), (240.0, 300.0));
    assert_eq!(f2.wait_s.mean, 60.0);
    assert_eq!(f2.throughput_per_hour, [0, 2]);
    assert_eq!(f2.stages["passport"].wait_s.max, 60.0);
    assert!(!f1.stages.0.iter().any(|(n, _)| n == "sort"), "a plain decision point has no waits");
}

#[test]
fn sources_types_and_attribute_values_are_groups_too() {
    let s = summary();
    assert_eq!(s.groups.source["foot"].arrived, 6);
    let road = &s.groups.source["road"];
    assert_eq!((road.arrived, road.served), (1, 1));
    // The car: 60 s gangway, 120 s booth, 60 s search, no wait.
    assert_eq!((road.time_in_system_s.mean, road.wait_s.max), (240.0, 0.0));
    assert_eq!(s.groups.agent_type["car"].time_in_system_s.max, 240.0);
    assert_eq!(s.groups.agent_type["foot"].served, 6);
    assert_eq!(s.groups.attribute["vip=true"].arrived, 1);
    let not_vip = &s.groups.attribute["vip=false"];
    assert_eq!(not_vip.arrived, 6);
    // Foot travellers: in port 180, 300, 420, 540 (Ferry 1) and 180, 300 (Ferry 2).
    assert_eq!(not_vip.time_in_system_s.mean, 1920.0 / 6.0);
    assert_eq!(not_vip.stages.0.iter().find(|(n, _)| n == "search").unwrap().1.entered, 0);
    let json = serde_json::to_value(&s).unwrap();
    for key in ["batch", "source", "type", "attribute"] {
        assert!(json["groups"][key].is_object(), "summary.json has groups.{key}");
    }
}

#[test]
fn segments_time_passages_through_both_stages_and_count_the_others() {
    let s = summary();
    let ashore = &s.segments["ashore"];
    assert_eq!((ashore.from.as_str(), ashore.to.as_str()), ("disembark", "passport"));
    assert_eq!((ashore.entered, ashore.passed, ashore.missed_to, ashore.missed_from), (7, 7, 0, 0));
    // Arrival at the gangway to the end of the booth: 180..540 (Ferry 1), 180, 300 (Ferry 2), 180 (car).
    assert_eq!((ashore.time_s.mean, ashore.time_s.max), (300.0, 540.0));
    let booth = &s.segments["passport"];
    // One stage: wait plus service, 120 + 0, 60, 120, 180 (Ferry 1), 120 + 0, 60, and 120 (car).
    assert_eq!((booth.passed, booth.time_s.mean, booth.time_s.max), (7, 180.0, 300.0));
    let to_search = &s.segments["to_search"];
    assert_eq!((to_search.entered, to_search.passed, to_search.missed_to), (7, 1, 6));
    assert_eq!(to_search.time_s.mean, 240.0, "only the car goes on to the search");
    let after = &s.segments["after_search"];
    assert_eq!(
        (
            after.entered,
            after.passed,
            after.missed_to,
            after.missed_from,
            after.in_progress_at_end
        ),
        (1, 0, 1, 7, 0),
        "everyone finished the booth before any search; the car left after it"
    );
    let f1 = &s.groups.batch["Ferry 1"].segments;
    assert_eq!((f1["ashore"].time_s.mean, f1["passport"].time_s.mean), (360.0, 210.0));
    assert_eq!(s.groups.attribute["vip=true"].segments["to_search"].passed, 1);
    assert_eq!(s.groups.attribute["vip=false"].segments["to_search"].missed_to, 6);
}

#[test]
fn segments_and_groups_change_nothing_else() {
    let text = text();
    let start = text.find("    segments: {").unwrap();
    let end = start + text[start..].find("    },\n").unwrap() + "    },\n".len();
    let without = format!("{}{}", &text[..start], &text[end..]);
    let with = summary();
    let mut plain = run(&scenario(&without), 1).summary;
    assert!(plain.segments.is_empty());
    assert_eq!(plain.digest, with.digest, "segments draw nothing and leave the digest alone");
    assert_eq!(
        plain.groups.batch["Ferry 1"].time_in_system_s,
        with.groups.batch["Ferry 1"].time_in_system_s
    );
    plain.segments = with.segments.clone();
    plain.groups = with.groups.clone();
    assert_eq!(plain, with, "every other KPI is the same");
}

#[test]
fn a_segment_naming_an_unknown_stage_is_a_located_error() {
    let text = text();
    assert_rejected(
        &text,
        "two_ferries.ron",
        r#"(from: "search", to: "passport")"#,
        r#"(from: "search", to: "pasport")"#,
        "segments.after_search.to",
        "stage \"pasport\" does not exist",
        "\"after_search\"",
    );
}

fn porttwin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_cli_prints_batches_and_segments_and_writes_them_to_summary_json() {
    let out_dir = tempfile::tempdir().unwrap();
    let output = porttwin(&["run", FIXTURE, "--out", out_dir.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let table = String::from_utf8_lossy(&output.stdout);
    let line = |start: &str| -> Vec<String> {
        let line = table
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no {start:?} in:\n{table}"));
        line[start.len()..]
            .split("  ")
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(String::from)
            .collect()
    };
    // p95s are bucket midpoints, within 0.4% of 360 s and 540 s.
    assert_eq!(line("Ferry 1"), ["4", "4", "3m 00s", "5m 59s", "6m 00s", "8m 58s"]);
    assert_eq!(line("to_search"), ["1", "6", "4m 00s", "4m 00s", "4m 00s"]);
    // Nobody passed both stages in that order: no time, as the report shows it.
    assert_eq!(line("after_search"), ["0", "8", "–", "–", "–"]);
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out_dir.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(json["groups"]["batch"]["Ferry 2"]["served"], 2);
    assert_eq!(json["segments"]["passport"]["time_s"]["mean"], 180.0);
    let report = std::fs::read_to_string(out_dir.path().join("index.html")).unwrap();
    assert!(
        report.contains("Ferry 1") && report.contains("to_search"),
        "the report has both tables"
    );
}

#[test]
fn the_cli_refuses_an_unknown_segment_stage_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.ron");
    std::fs::write(&file, text().replace(r#"to: "search")"#, r#"to: "serch")"#)).unwrap();
    let output = porttwin(&["validate", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`segments.to_search.to`") && stderr.contains("\"serch\""),
        "{stderr}"
    );
    assert!(stderr.contains("bad.ron:"), "names the file and line: {stderr}");
}

fn staffing(targets: &[&str]) -> StaffingQuery {
    StaffingQuery {
        base_file: FIXTURE.into(),
        base_text: text(),
        pool: "booths".into(),
        targets: targets.iter().map(|t| Target::parse(t).unwrap()).collect(),
        range: (1, 4),
        replications: 2,
        seed: 1,
        workers: 2,
        minimise: None,
    }
}

#[test]
fn staff_meets_every_target_and_every_batch_of_a_wildcard() {
    // One booth: Ferry 2's second traveller waits 60 s, Ferry 1's last 180 s; two booths: nobody waits.
    let ferry_2 = "groups.batch.Ferry 2.stages.passport.wait_s.max <= 60";
    assert_eq!(search(&staffing(&[ferry_2])).unwrap().servers, Some(1));
    let every = "groups.batch.*.stages.passport.wait_s.max <= 60";
    let answer = search(&staffing(&[ferry_2, every, "served >= 7"])).unwrap();
    assert_eq!(answer.servers, Some(2));
    let one = answer.probes.iter().find(|p| p.servers == 1).expect("one booth was tried");
    assert!(!one.meets);
    let binding = one.binding().unwrap();
    assert_eq!(binding.kpi, "groups.batch.Ferry 1.stages.passport.wait_s.max");
    assert_eq!(binding.estimate.mean, 180.0);
    // One check per target and path: Ferry 2 (by name), Ferry 1 and Ferry 2 (from `*`), served.
    let checked: Vec<(usize, &str)> = one.checks.iter().map(|c| (c.target, c.kpi.as_str())).collect();
    assert_eq!(
        checked,
        [
            (0, "groups.batch.Ferry 2.stages.passport.wait_s.max"),
            (1, "groups.batch.Ferry 2.stages.passport.wait_s.max"),
            (1, "groups.batch.Ferry 1.stages.passport.wait_s.max"),
            (2, "served"),
        ]
    );
    // The gangway alone keeps Ferry 1's last traveller 6 min ashore: no number of booths helps.
    let impossible = search(&staffing(&[every, "segments.ashore.time_s.max <= 300"])).unwrap();
    assert_eq!(impossible.servers, None);
    assert!(Target::parse("served = 7").is_err() && Target::parse("served <= x").is_err());
    assert_eq!(Target::parse(" served >= 7 ").unwrap().bound, Bound::AtLeast(7.0));
}

#[test]
fn a_sweep_kpi_with_a_wildcard_becomes_one_kpi_per_batch() {
    let (dir, spec) = common::sweep_files(
        &text(),
        r#"    name: "waves",
    replications: 2,
    factors: { "facilities.booths.servers": [1, 2] },
    kpis: ["groups.batch.*.wait_s.mean", "segments.passport.time_s.mean"],"#,
    );
    let plan = common::plan(&spec);
    assert_eq!(
        plan.file.kpis,
        [
            "groups.batch.Ferry 1.wait_s.mean",
            "groups.batch.Ferry 2.wait_s.mean",
            "segments.passport.time_s.mean"
        ]
    );
    let out = dir.path().join("out");
    common::sweep(&plan, &out, 1);
    let runs = std::fs::read_to_string(out.join("runs.csv")).unwrap();
    assert!(runs.lines().next().unwrap().contains("groups.batch.Ferry 2.wait_s.mean"));
    // Ferry 1 waits 0, 120, 240, 360 s in all with one booth (60 s more at the gangway and at the
    // booth per traveller), 0, 60, 120, 180 s with two (the gangway only).
    let ferry_1 = |servers: &str| -> Vec<f64> {
        runs.lines()
            .skip(1)
            .map(|l| l.split(',').collect::<Vec<_>>())
            .filter(|f| f[0].trim_matches('"').ends_with(&format!("={servers}")))
            .map(|f| f[4].parse().unwrap())
            .collect()
    };
    assert_eq!(ferry_1("1"), [180.0, 180.0]);
    assert_eq!(ferry_1("2"), [90.0, 90.0]);
    let bad = text();
    let (_dir, spec) = common::sweep_files(
        &bad,
        r#"    name: "none",
    replications: 2,
    factors: { "facilities.booths.servers": [1, 2] },
    kpis: ["groups.batch.*.nothing"],"#,
    );
    let spec = porttwin::sweep::spec::load(&spec).unwrap();
    let error = porttwin::sweep::SweepPlan::new(&spec).expect_err("no such KPI").to_string();
    assert!(error.contains("groups.batch.*.nothing"), "{error}");
}
