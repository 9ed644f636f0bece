//! Staged incidents (a surge, a breakdown, a smuggler, a roster change) do what they say, are located when
//! wrong, and replay exactly: an incident staged while the run is under way gives the same
//! run as the same incident listed in the scenario.

mod common;

use porttwin::scenario::incident::{Incident, IncidentKind, replay};
use porttwin::scenario::{Scenario, parse};
use porttwin::sim::Network;
use porttwin::sim::time::{MS_PER_MIN, SimTime};
use porttwin::{RunOptions, Seed, build_app, finish_run, run_headless};

const BASE: &str = r#"Scenario(
    meta: (name: "incidents", duration_h: 4.0),
    demand: [
        (name: "door", entry: "desk", arrivals: Hourly(daily_total: 2400, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1])),
    ],
    facilities: { "desks": (servers: 3, service: Exponential(mean_s: 60)) },
    routing: {
        "desk": (pool: "desks", next: Split([(p: 0.9, to: "exit"), (p: 0.1, to: "search")])),
        "search": (pool: "officers", next: To("exit")),
    },
    INCIDENTS
)"#;

fn with(incidents: &str) -> Scenario {
    let facilities = r#"facilities: { "desks": (servers: 3, service: Exponential(mean_s: 60)), "officers": (servers: 1, service: Constant(s: 120), automated: false) },"#;
    let text = BASE
        .replace(
            r#"facilities: { "desks": (servers: 3, service: Exponential(mean_s: 60)) },"#,
            facilities,
        )
        .replace("INCIDENTS", incidents);
    common::scenario(&text)
}

fn run(scenario: &Scenario) -> porttwin::metrics::RunResult {
    run_headless(scenario, Seed(3), &RunOptions::default()).expect("run succeeds")
}

#[test]
fn a_surge_adds_exactly_its_arrivals() {
    let calm = run(&with(""));
    let surge = run(&with(
        r#"incidents: [Surge(at: "01:00", source: "door", count: 300, spread_min: 10)],"#,
    ));
    assert_eq!(surge.summary.arrived, calm.summary.arrived + 300);
    let queue = |r: &porttwin::metrics::RunResult| r.series.queue[0][60..75].iter().copied().max().unwrap();
    assert!(
        queue(&surge) > queue(&calm) + 50,
        "the desks' queue must build up: {} vs {}",
        queue(&surge),
        queue(&calm)
    );
}

#[test]
fn a_breakdown_takes_servers_out_until_repaired() {
    let result = run(&with(
        r#"incidents: [Breakdown(at: "01:00", pool: "desks", servers: 2, for_min: 30)],"#,
    ));
    let staffed = &result.series.staffed[0];
    assert_eq!(staffed[59], 3);
    assert!(staffed[61..90].iter().all(|&n| n == 1), "{:?}", &staffed[55..95]);
    assert_eq!(staffed[91], 3);
}

#[test]
fn a_roster_change_staffs_its_servers_until_it_ends() {
    let result = run(&with(
        r#"incidents: [Staffing(at: "01:00", pool: "desks", servers: 1, for_min: 30), Staffing(at: "02:00", pool: "desks", servers: 0, for_min: 20), Staffing(at: "02:10", pool: "desks", servers: 2, for_min: 20)],"#,
    ));
    let staffed = &result.series.staffed[0];
    assert_eq!(staffed[59], 3);
    assert!(staffed[61..90].iter().all(|&n| n == 1), "{:?}", &staffed[55..95]);
    assert_eq!(staffed[91], 3);
    assert!(staffed[121..130].iter().all(|&n| n == 0), "closed: {:?}", &staffed[115..135]);
    // The later change replaced the closure; the closure's end does not end it early.
    assert!(staffed[131..150].iter().all(|&n| n == 2), "{:?}", &staffed[125..155]);
    assert_eq!(staffed[151], 3);
    // Officer-hours follow the staffing; servers let go finish their traveller first.
    let hours = result.summary.pools.get("desks").expect("the desks").officer_hours;
    let staffed_hours = 4.0 * 3.0 - 0.5 * 2.0 - (10.0 / 60.0) * 3.0 - (20.0 / 60.0) * 1.0;
    assert!(
        hours >= staffed_hours && hours < staffed_hours + 0.3,
        "officer-hours {hours} vs {staffed_hours}"
    );
}

#[test]
fn a_smuggler_carries_what_was_staged() {
    let calm = run(&with(""));
    assert_eq!(
        porttwin::passengers::summary(&calm.summary)
            .unwrap()
            .contraband
            .iter()
            .map(|(_, c)| c.carried)
            .sum::<u64>(),
        0
    );
    let staged = run(&with(
        r#"incidents: [Contraband(at: "00:30", source: "door", items: ["drugs", "cash"])],"#,
    ));
    let carried: Vec<(String, u64)> = porttwin::passengers::summary(&staged.summary)
        .unwrap()
        .contraband
        .iter()
        .map(|(name, c)| (name.to_string(), c.carried))
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(carried, vec![("drugs".to_string(), 1), ("cash".to_string(), 1)]);
    assert_eq!(staged.summary.arrived, calm.summary.arrived + 1);
}

#[test]
fn an_incident_staged_during_the_run_replays_exactly() {
    let base = with("");
    let incident = Incident {
        at: SimTime(75 * MS_PER_MIN + 1_000),
        kind: IncidentKind::Breakdown {
            pool: 0,
            servers: 2,
            duration: SimTime(20 * MS_PER_MIN),
        },
    };
    let mut app = build_app(&base, Seed(3));
    let mut staged = false;
    loop {
        app.update();
        let mut network = app.world_mut().resource_mut::<Network>();
        if !staged && network.0.now() >= SimTime(60 * MS_PER_MIN) {
            assert_eq!(network.0.stage_incident(incident), incident, "staged ahead of the clock");
            staged = true;
        }
        if network.0.is_finished() {
            break;
        }
    }
    let live = finish_run(&mut app, Seed(3));
    let replayed = run(&replay(&base, &[incident]));
    assert_eq!(live.summary, replayed.summary);
    assert_ne!(live.summary.digest, run(&base).summary.digest, "the incident changes the run");
}

#[test]
fn mistakes_are_located() {
    let good = r#"incidents: [Surge(at: "01:00", source: "door", count: 30)],"#;
    let base = BASE.replace("INCIDENTS", good);
    let base = base.replace(
        r#"facilities: { "desks": (servers: 3, service: Exponential(mean_s: 60)) },"#,
        r#"facilities: { "desks": (servers: 3, service: Exponential(mean_s: 60)), "officers": (servers: 1, service: Constant(s: 120)) },"#,
    );
    parse(&base, "i.ron").expect("the base is valid");
    let cases = [
        (
            r#"source: "door""#,
            r#"source: "gate""#,
            "incidents[0].source",
            "source \"gate\" does not exist",
        ),
        (r#"at: "01:00""#, r#"at: "05:00""#, "incidents[0].at", "after the end of the run"),
        (r#"at: "01:00""#, r#"at: "1pm""#, "incidents[0].at", "not a time of day"),
        ("count: 30", "count: 0", "incidents[0].count", "at least 1 arrival"),
        (
            r#"Surge(at: "01:00", source: "door", count: 30)"#,
            r#"Breakdown(at: "01:00", pool: "xray", for_min: 5)"#,
            "incidents[0].pool",
            "pool \"xray\" does not exist",
        ),
        (
            r#"Surge(at: "01:00", source: "door", count: 30)"#,
            r#"Breakdown(at: "01:00", pool: "desks", for_min: 0)"#,
            "incidents[0].for_min",
            "repair time",
        ),
        (
            r#"Surge(at: "01:00", source: "door", count: 30)"#,
            r#"Staffing(at: "01:00", pool: "desks", servers: 4, for_min: 5)"#,
            "incidents[0].servers",
            "between 0 and the pool's 3 servers",
        ),
        (
            r#"Surge(at: "01:00", source: "door", count: 30)"#,
            r#"Contraband(at: "01:00", source: "door", items: ["gold"])"#,
            "incidents[0].items[0]",
            "\"gold\" is not a contraband class",
        ),
        ("count: 30", "count: 30, colour: 1", "incidents[0].colour", "unknown field `colour`"),
    ];
    for (from, to, path, message) in cases {
        common::assert_rejected(&base, "i.ron", from, to, path, message, to);
    }
}
