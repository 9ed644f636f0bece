//! The `Trace(file: ..)` arrivals variant: a source's arrivals come from a log; a log the
//! scenario cannot use is reported at the variant's `file`, with the log's own line and field.

use porttwin::{RunOptions, Seed, run_headless};

const ARRIVALS: &str = r#"{"specversion":"1.0","id":"1","source":"/gate","type":"org.porttwin.arrival","time":"2024-03-05T08:00:00Z","data":{"agent":"a","source":"road","agent_type":"visitor"}}
{"specversion":"1.0","id":"2","source":"/gate","type":"org.porttwin.arrival","time":"2024-03-05T08:00:30Z","data":{"agent":"b","source":"road","agent_type":"resident","attributes":["fast"]}}
{"specversion":"1.0","id":"3","source":"/gate","type":"org.porttwin.arrival","time":"2024-03-05T09:15:00Z","data":{"agent":"c","source":"road"}}
"#;

fn scenario_with(dir: &std::path::Path, log: &str) -> Result<porttwin::scenario::Scenario, String> {
    std::fs::write(dir.join("road.jsonl"), log).unwrap();
    let text = r#"Scenario(
    meta: (name: "trace", duration_h: 12.0),
    population: [(name: "resident", share: 0.5, attributes: {"fast": 0.0}), (name: "visitor", share: 0.5)],
    demand: [(name: "road", entry: "triage", arrivals: Trace(file: "road.jsonl"))],
    facilities: {"desks": (servers: 1, service: Constant(s: 60))},
    routing: {
        "triage": (next: Choose([(when: Has("fast"), to: "exit"), (when: Always, to: "desk")])),
        "desk": (pool: "desks", next: To("exit")),
    },
)"#;
    let file = dir.join("trace.ron");
    std::fs::write(&file, text).unwrap();
    porttwin::scenario::load(&file).map_err(|e| e.to_string())
}

#[test]
fn a_traced_source_brings_the_logged_arrivals_with_their_types_and_attributes() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = scenario_with(dir.path(), ARRIVALS).unwrap();
    let result = run_headless(&scenario, Seed(1), &RunOptions::default()).unwrap();
    assert_eq!(result.summary.arrived, 3);
    let desk = result.summary.stages.get("desk").unwrap();
    assert_eq!(
        desk.entered, 2,
        "the resident logged with `fast` skips the desk although its law gives 0"
    );
    assert_eq!(result.summary.time_in_system_by_type_s.get("visitor").unwrap().max, 60.0);
    assert_eq!(
        result.summary.throughput_per_hour[8], 2,
        "08:00 and 08:00:30 are 08:00 and 08:01 of day 0"
    );
}

#[test]
fn a_log_the_scenario_cannot_use_is_located_in_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let error = scenario_with(dir.path(), &ARRIVALS.replace("\"visitor\"}", "\"tourist\"}")).unwrap_err();
    assert!(
        error.contains("trace.ron:4:") && error.contains("`demand[0].arrivals.file`"),
        "{error}"
    );
    assert!(
        error.contains("road.jsonl:1: `data.agent_type`: type \"tourist\" is not in the scenario's population"),
        "{error}"
    );
    let error = scenario_with(dir.path(), &ARRIVALS.replace("\"source\":\"road\"", "\"source\":\"rail\"")).unwrap_err();
    assert!(error.contains("has no arrivals of source \"road\""), "{error}");
}
