//! `porttwin run --emit-log`: the event log of a run is valid CloudEvents JSON Lines, says
//! what the summary says, and watching a run changes nothing in it.

mod common;

use porttwin::eventlog::observed::Observed;
use porttwin::eventlog::{Record, read::parse};
use porttwin::{RunOptions, Seed, run_headless};

#[test]
fn the_log_of_land_port_day_says_what_its_summary_says_and_changes_nothing() {
    let scenario = porttwin::scenario::load("scenarios/land_port_day.ron".as_ref()).unwrap();
    let plain = run_headless(&scenario, Seed(7), &RunOptions::default()).unwrap();
    let (watched, text) = common::event_log::run_with_log("scenarios/land_port_day.ron", 7);
    assert_eq!(watched.summary.digest, plain.summary.digest);
    assert_eq!(
        serde_json::to_value(&watched.summary).unwrap(),
        serde_json::to_value(&plain.summary).unwrap()
    );

    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    for key in ["specversion", "id", "source", "type", "time", "data"] {
        assert!(first.get(key).is_some(), "CloudEvents attribute {key} in {first}");
    }
    assert_eq!(first["specversion"], "1.0");

    let log = parse(&text, "log.jsonl").unwrap();
    let observed = Observed::of_log(&log);
    let summary = &watched.summary;
    assert_eq!(observed.arrivals, summary.arrived);
    assert_eq!(observed.exits, summary.served);
    for (name, stage) in summary.stages.iter() {
        let Some(seen) = observed.stages.get(name) else {
            assert!(stage.pool.is_none() || stage.entered == 0, "stage {name} is in the log");
            continue;
        };
        assert_eq!(seen.ended, stage.served, "{name}: services ended");
        let mean_wait = seen.mean_wait_s.unwrap();
        assert!(
            (mean_wait - stage.wait_s.mean).abs() < 1e-6,
            "{name}: mean wait {mean_wait} vs {}",
            stage.wait_s.mean
        );
        let mean_service = seen.mean_service_s.unwrap();
        assert!(
            (mean_service - stage.mean_service_s).abs() < 1e-6,
            "{name}: mean service {mean_service}"
        );
        assert!(seen.mean_queue.is_some(), "{name}: the queue sensor counts");
    }
    assert_eq!(observed.exits_per_hour, summary.throughput_per_hour);

    let arrival = log.events.iter().find_map(|e| match &e.record {
        Record::Arrival {
            agent_type,
            attributes,
            domain,
            details,
            ..
        } => Some((agent_type.clone(), attributes.clone(), domain.clone(), details.clone())),
        _ => None,
    });
    let (agent_type, attributes, domain, details) = arrival.unwrap();
    assert!(agent_type.is_some() && attributes.is_some());
    assert_eq!(domain.as_deref(), Some("passengers"));
    assert!(details.unwrap().get("checked_bags").is_some(), "the domain adds what it knows");
    let kinds: std::collections::BTreeSet<&str> = log.events.iter().map(|e| e.record.type_name()).collect();
    for kind in [
        "org.porttwin.arrival",
        "org.porttwin.batch",
        "org.porttwin.service.start",
        "org.porttwin.service.end",
        "org.porttwin.exit",
        "org.porttwin.staffing",
        "org.porttwin.queue",
    ] {
        assert!(kinds.contains(kind), "{kind} in {kinds:?}");
    }
}

#[test]
fn trucks_arrive_with_their_declarations() {
    let (result, text) = common::event_log::run_with_log("scenarios/land_port_trucks.ron", 1);
    let log = parse(&text, "log.jsonl").unwrap();
    let arrivals = log.events.iter().filter(|e| e.record.type_name() == "org.porttwin.arrival").count();
    assert_eq!(arrivals as u64, result.summary.arrived);
    let declared = log
        .events
        .iter()
        .any(|e| matches!(&e.record, Record::Arrival { details: Some(d), .. } if d.get("declared_goods").is_some()));
    assert!(declared, "trucks arrive with their declarations");
}

#[test]
fn breakdowns_repairs_balks_and_staffing_are_logged() {
    let (result, text) = common::event_log::run_with_log("tests/fixtures/breakdown_desks.ron", 5);
    let log = parse(&text, "log.jsonl").unwrap();
    let count = |kind: &str| log.events.iter().filter(|e| e.record.type_name() == kind).count();
    let (broke, repaired) = (count("org.porttwin.breakdown"), count("org.porttwin.repair"));
    assert!(
        broke > 0 && repaired > 0 && repaired <= broke,
        "{broke} breakdowns, {repaired} repairs"
    );
    let balked: u64 = result.summary.stages.iter().map(|(_, s)| s.balked).sum();
    assert!(balked > 0);
    assert_eq!(count("org.porttwin.balk") as u64, balked);
    // Every breakdown and repair changes the staffing, and so does every roster change.
    assert!(count("org.porttwin.staffing") > broke + repaired);
}
