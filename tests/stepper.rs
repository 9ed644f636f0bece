//! A run stepped from outside (`Stepper`, what the Python `Simulation` drives) is the headless
//! run: stepping to arbitrary times ends with the headless digest, and an incident staged
//! between steps gives the run of the scenario that lists it.

use porttwin::scenario::incident::{Incident, IncidentKind, replay};
use porttwin::sim::time::{MS_PER_MIN, MS_PER_S, SimTime};
use porttwin::{RunOptions, Seed, Stepper, run_headless};

fn day() -> porttwin::scenario::Scenario {
    porttwin::scenario::load("scenarios/land_port_day.ron".as_ref()).expect("the shipped scenario is valid")
}

#[test]
fn stepping_to_uneven_times_ends_with_the_headless_digest() {
    let scenario = day();
    let headless = run_headless(&scenario, Seed(9), &RunOptions::default()).expect("runs");
    let mut stepper = Stepper::new(&scenario, Seed(9), &RunOptions::default());
    for target_s in [1, 59, 3_600, 3_601, 22_222, 30_000, 61_000] {
        stepper.run_until(SimTime(target_s * MS_PER_S)).expect("steps");
        assert_eq!(stepper.now(), SimTime(target_s * MS_PER_S), "flow fidelity stops at the target");
    }
    stepper.tick().expect("ticks");
    stepper.run_until(SimTime::NEVER).expect("finishes");
    assert!(stepper.is_finished());
    let stepped = stepper.finish();
    assert_eq!(stepped.summary, headless.summary);
    assert_eq!(stepped.series.in_system, headless.series.in_system);
}

#[test]
fn a_roster_change_staged_between_steps_replays_headless() {
    let scenario = day();
    let desks = scenario.pools.iter().position(|p| p.name == "desks").expect("a desks pool");
    let mut stepper = Stepper::new(&scenario, Seed(9), &RunOptions::default());
    stepper.run_until(SimTime(8 * 60 * MS_PER_MIN)).expect("steps");
    let change = Incident {
        at: SimTime(8 * 60 * MS_PER_MIN),
        kind: IncidentKind::Staffing {
            pool: desks,
            servers: 4,
            duration: SimTime(45 * MS_PER_MIN),
        },
    };
    assert_eq!(stepper.stage(change), change);
    stepper.run_until(SimTime(8 * 60 * MS_PER_MIN + 1)).expect("steps");
    assert_eq!(stepper.network().pools()[desks].staffed(), 4);
    stepper.run_until(SimTime::NEVER).expect("finishes");
    let staged = stepper.staged().to_vec();
    let stepped = stepper.finish();
    let replayed = run_headless(&replay(&scenario, &staged), Seed(9), &RunOptions::default()).expect("runs");
    assert_eq!(stepped.summary, replayed.summary);
    let plain = run_headless(&scenario, Seed(9), &RunOptions::default()).expect("runs");
    assert_ne!(stepped.summary.digest, plain.summary.digest, "fewer desks change the run");
    assert!(stepped.summary.pools["desks"].officer_hours < plain.summary.pools["desks"].officer_hours);
}
