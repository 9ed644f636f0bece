//! Counter-flow in a 3 m wide corridor (60 travellers each way, entering over three minutes)
//! and a 90° corner in a 2 m wide corridor (100 travellers over six minutes), for every
//! pedestrian model: everyone gets through without a gridlock. Demand is what the entrance
//! areas take (20 a minute each way, 17 a minute round the corner), so these are checks that
//! nothing locks where flows cross or turn, not measurements of capacity or of lanes.

use porttwin::metrics::summary::Summary;
use porttwin::scenario::parse;
use porttwin::{RunOptions, Seed, run_headless};

const MODELS: [&str; 3] = ["SocialForce", "CollisionFreeSpeed", "AnticipationVelocity"];

fn counterflow(model: &str) -> String {
    format!(
        r#"Scenario(
    meta: (name: "counterflow", seed: 1, duration_h: 0.05, step_s: 0.05, fidelity: Micro, drain: true),
    population: [(name: "traveller", share: 1.0, walk_speed_mps: (mean: 1.34, sd: 0.26))],
    demand: [
        (name: "west", entry: "to_east", arrivals: Schedule(batches: [(at: "00:00", count: 60, spread_min: 3, label: "west")], daily: false)),
        (name: "east", entry: "to_west", arrivals: Schedule(batches: [(at: "00:00", count: 60, spread_min: 3, label: "east")], daily: false)),
    ],
    facilities: {{}},
    routing: {{"to_east": (next: To("exit")), "to_west": (next: To("exit"))}},
    layout: (
        walkable: [[(0, 0), (30, 0), (30, 3), (0, 3)]],
        entrances: {{
            "west": Area(polygon: [(1, 0.3), (4, 0.3), (4, 2.7), (1, 2.7)], grid_m: 0.62),
            "east": Area(polygon: [(26, 0.3), (29, 0.3), (29, 2.7), (26, 2.7)], grid_m: 0.62),
        }},
        exits: [[(29.5, 0.2), (29.9, 0.2), (29.9, 2.8), (29.5, 2.8)], [(0.1, 0.2), (0.5, 0.2), (0.5, 2.8), (0.1, 2.8)]],
        stages: {{"to_east": (waypoint: (29.2, 1.5)), "to_west": (waypoint: (0.8, 1.5))}},
        pedestrians: (model: {model}),
    ),
)"#
    )
}

fn corner(model: &str) -> String {
    format!(
        r#"Scenario(
    meta: (name: "corner", seed: 1, duration_h: 0.1, step_s: 0.05, fidelity: Micro, drain: true),
    population: [(name: "traveller", share: 1.0, walk_speed_mps: (mean: 1.34, sd: 0.26))],
    demand: [(name: "crowd", entry: "corridor", arrivals: Schedule(batches: [(at: "00:00", count: 100, spread_min: 6, label: "crowd")], daily: false))],
    facilities: {{}},
    routing: {{"corridor": (next: To("exit"))}},
    layout: (
        walkable: [[(0, 0), (12, 0), (12, 14), (10, 14), (10, 2), (0, 2)]],
        entrances: {{"crowd": Area(polygon: [(0.3, 0.3), (6, 0.3), (6, 1.7), (0.3, 1.7)], grid_m: 0.62)}},
        exits: [[(10.1, 13.5), (11.9, 13.5), (11.9, 13.9), (10.1, 13.9)]],
        pedestrians: (model: {model}),
    ),
)"#
    )
}

fn run(text: &str, label: &str) -> Summary {
    let scenario = parse(text, &format!("{label}.ron")).expect("valid");
    let summary = run_headless(&scenario, Seed(1), &RunOptions::default()).expect("runs").summary;
    let locked = summary.micro.as_ref().and_then(|m| m.gridlock.as_ref());
    println!(
        "{label}: {} through in {:.0} s{}",
        summary.served,
        summary.simulated_s,
        locked.map_or(String::new(), |g| format!(", {}", g.verdict))
    );
    summary
}

fn assert_everyone_through(summary: &Summary, crowd: u64, label: &str) {
    assert_eq!(summary.served, crowd, "{label}: everyone gets through");
    assert!(
        summary.micro.as_ref().and_then(|m| m.gridlock.as_ref()).is_none(),
        "{label}: no gridlock"
    );
}

#[test]
fn counterflow_passes_everyone_with_every_model() {
    for model in MODELS {
        let label = format!("counterflow {model}");
        assert_everyone_through(&run(&counterflow(model), &label), 120, &label);
    }
}

#[test]
fn a_right_angle_corner_passes_everyone_with_every_model() {
    for model in MODELS {
        let label = format!("corner {model}");
        assert_everyone_through(&run(&corner(model), &label), 100, &label);
    }
}
