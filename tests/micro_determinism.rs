//! Micro fidelity is deterministic: the same scenario and seed give bit-identical bodies and
//! results whatever the number of threads the pedestrian step is spread over.

use porttwin::motion::pedestrians::Pedestrians;
use porttwin::scenario::raw::{RawArrivals, RawScenario};
use porttwin::scenario::raw_layout::RawPedestrianModelKind;
use porttwin::scenario::{from_raw, load, parse_raw};
use porttwin::{RunOptions, Seed, build_app_with, run_headless};

const W2: &str = "scenarios/bench/w2_hall_exit.ron";

/// Positions (as bits) of every pedestrian after 300 steps of a 1,500-agent W2 crowd moved by `model`.
fn crowd_after_300_steps(threads: usize, model: RawPedestrianModelKind) -> Vec<(u32, u32, u32)> {
    let text = std::fs::read_to_string(W2).unwrap();
    let mut raw: RawScenario = parse_raw(&text, W2).unwrap();
    if let RawArrivals::Schedule { batches, .. } = &mut raw.demand[0].arrivals {
        batches[0].count = 1500;
    }
    let pedestrians = &mut raw.layout.as_mut().unwrap().pedestrians;
    pedestrians.model = model;
    if model == RawPedestrianModelKind::SocialForce {
        // Bodies of the paper's 0.3 m radius do not fit W2's 0.5 m start grid.
        pedestrians.radius_m = Some(0.24);
    }
    let scenario = from_raw(&raw, &text, W2).unwrap();
    let options = RunOptions {
        threads: Some(threads),
        ..Default::default()
    };
    let mut app = build_app_with(&scenario, Seed(9), &options);
    for _ in 0..300 {
        app.update();
    }
    let pedestrians = app.world().resource::<Pedestrians>();
    pedestrians
        .walkers
        .iter()
        .zip(&pedestrians.crowd.pos)
        .map(|(w, p)| (w.agent.slot, p.x.to_bits(), p.y.to_bits()))
        .collect()
}

#[test]
fn crowd_is_bit_identical_on_one_or_two_threads() {
    let one = crowd_after_300_steps(1, RawPedestrianModelKind::CollisionFreeSpeed);
    assert!(one.len() > 1000, "the step runs in parallel chunks only for large crowds");
    assert_eq!(one, crowd_after_300_steps(2, RawPedestrianModelKind::CollisionFreeSpeed));
}

#[test]
fn anticipating_crowd_is_bit_identical_on_one_or_two_threads() {
    let one = crowd_after_300_steps(1, RawPedestrianModelKind::AnticipationVelocity);
    assert!(one.len() > 1000, "the step runs in parallel chunks only for large crowds");
    assert_eq!(one, crowd_after_300_steps(2, RawPedestrianModelKind::AnticipationVelocity));
    assert_ne!(
        one,
        crowd_after_300_steps(1, RawPedestrianModelKind::CollisionFreeSpeed),
        "the model matters"
    );
}

#[test]
fn social_force_crowd_is_bit_identical_on_one_or_two_threads() {
    let one = crowd_after_300_steps(1, RawPedestrianModelKind::SocialForce);
    assert!(one.len() > 1000, "the step runs in parallel chunks only for large crowds");
    assert_eq!(one, crowd_after_300_steps(2, RawPedestrianModelKind::SocialForce));
    assert_ne!(
        one,
        crowd_after_300_steps(1, RawPedestrianModelKind::CollisionFreeSpeed),
        "the model matters"
    );
}

#[test]
fn truck_runs_repeat_exactly() {
    let scenario = load("scenarios/truck_lane.ron".as_ref()).unwrap();
    let run = |threads| {
        let options = RunOptions {
            threads: Some(threads),
            ..Default::default()
        };
        run_headless(&scenario, Seed(11), &options).unwrap().summary
    };
    let first = run(1);
    assert_eq!(first, run(2));
    assert_ne!(
        first.digest,
        run_headless(&scenario, Seed(12), &RunOptions::default()).unwrap().summary.digest
    );
}
