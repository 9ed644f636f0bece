//! A bank of four e-gate lanes, 2 m long and 0.6–1.0 m wide (the widths of real automated
//! border-control lanes), between 0.4 m cabinets; 100 travellers in front walk through and
//! out. Which widths each pedestrian model passes without a gridlock, measured with seed 1
//! (docs/micro.md, "E-gate lanes"): 1.0 m lanes pass everyone with every model; 0.8 and 0.9 m
//! the velocity models pass, while the social force model's 0.6 m bodies — the paper's
//! size — leave the last few stalled at the lane mouths; at 0.7 m every model leaves some
//! behind. 0.6 m lanes cannot be laid out on the default 0.25 m navigation grid, which finds
//! no cell in them a body clears the walls from; on a 0.1 m grid (`navigation_cell_m: 0.1`)
//! the collision-free speed model passes everyone through 0.6 and 0.7 m lanes, while the
//! other two leave some stalled at 0.6 m.

use porttwin::RunOptions;
use porttwin::Seed;
use porttwin::metrics::summary::Summary;
use porttwin::run_headless;
use porttwin::scenario::parse;

const LANES: usize = 4;
const CABINET_M: f64 = 0.4;
const CROWD: u32 = 100;

/// The hall, its gate bank at x = 12..14 m with lanes of `width_m`, the model and the
/// navigation grid's cell.
fn scenario_on(width_m: f64, model: &str, cell_m: f64) -> String {
    let bank = LANES as f64 * width_m + (LANES - 1) as f64 * CABINET_M;
    let y0 = 4.0 - bank / 2.0;
    let mut obstacles = Vec::new();
    for k in 0..LANES - 1 {
        let lo = y0 + (k + 1) as f64 * width_m + k as f64 * CABINET_M;
        let hi = lo + CABINET_M;
        obstacles.push(format!("[(12, {lo}), (14, {lo}), (14, {hi}), (12, {hi})]"));
    }
    let (lo, hi) = (y0, y0 + bank);
    format!(
        r#"Scenario(
    meta: (name: "egates", seed: 1, duration_h: 0.01, step_s: 0.05, fidelity: Micro, drain: true),
    population: [(name: "traveller", share: 1.0, walk_speed_mps: (mean: 1.34, sd: 0.26))],
    demand: [(name: "crowd", entry: "hall", arrivals: Schedule(batches: [(at: "00:00", count: {CROWD}, spread_min: 0, label: "crowd")], daily: false))],
    facilities: {{}},
    routing: {{"hall": (next: To("exit"))}},
    layout: (
        walkable: [[(0, 0), (12, 0), (12, {lo}), (14, {lo}), (14, 0), (18, 0), (18, 8), (14, 8), (14, {hi}), (12, {hi}), (12, 8), (0, 8)]],
        obstacles: [{}],
        entrances: {{"crowd": Area(polygon: [(0.3, 0.3), (9, 0.3), (9, 7.7), (0.3, 7.7)], grid_m: 0.62)}},
        exits: [[(17, 0.2), (17.8, 0.2), (17.8, 7.8), (17, 7.8)]],
        pedestrians: (model: {model}),
        navigation_cell_m: {cell_m},
    ),
)"#,
        obstacles.join(", ")
    )
}

/// The hall on the default 0.25 m navigation grid.
fn scenario(width_m: f64, model: &str) -> String {
    scenario_on(width_m, model, 0.25)
}

/// The run's summary with `model` and lanes of `width_m`.
fn run(width_m: f64, model: &str) -> Summary {
    run_text(&scenario(width_m, model), width_m, model)
}

/// The run's summary of one version of the hall.
fn run_text(text: &str, width_m: f64, model: &str) -> Summary {
    let scenario = parse(text, "egates.ron").expect("the gate bank is valid");
    let summary = run_headless(&scenario, Seed(1), &RunOptions::default()).expect("runs").summary;
    let locked = summary.micro.as_ref().and_then(|m| m.gridlock.as_ref()).is_some();
    println!(
        "{model} {width_m} m: {} of {CROWD} through in {:.0} s{}",
        summary.served,
        summary.simulated_s,
        if locked { ", the rest stalled (gridlock)" } else { "" }
    );
    summary
}

fn locked(summary: &Summary) -> bool {
    summary.micro.as_ref().and_then(|m| m.gridlock.as_ref()).is_some()
}

const MODELS: [&str; 3] = ["SocialForce", "CollisionFreeSpeed", "AnticipationVelocity"];

#[test]
fn one_metre_lanes_pass_everyone_with_every_model() {
    for model in MODELS {
        let summary = run(1.0, model);
        assert_eq!(summary.served, u64::from(CROWD), "{model}");
        assert!(!locked(&summary), "{model}");
    }
}

#[test]
fn narrower_lanes_pass_the_velocity_models_and_stall_the_social_forces_last_few() {
    for width in [0.8, 0.9] {
        for model in ["CollisionFreeSpeed", "AnticipationVelocity"] {
            let summary = run(width, model);
            assert_eq!(summary.served, u64::from(CROWD), "{model} {width} m");
        }
        let summary = run(width, "SocialForce");
        assert!(locked(&summary), "social force {width} m: the last stall");
        assert!(summary.served >= 90, "social force {width} m: {} through", summary.served);
    }
    for model in MODELS {
        let summary = run(0.7, model);
        assert!(
            locked(&summary) && summary.served >= 50,
            "{model} 0.7 m: {} through",
            summary.served
        );
    }
}

#[test]
fn six_tenths_of_a_metre_lanes_need_a_finer_navigation_grid() {
    let error = parse(&scenario(0.6, "CollisionFreeSpeed"), "egates.ron").unwrap_err().to_string();
    assert!(error.contains("no exit can be reached"), "{error}");
    assert!(error.contains("navigation_cell_m: 0.1"), "the hint names the way out: {error}");
    for width in [0.6, 0.7] {
        let summary = run_text(&scenario_on(width, "CollisionFreeSpeed", 0.1), width, "CollisionFreeSpeed");
        assert_eq!(summary.served, u64::from(CROWD), "collision-free speed {width} m on a 0.1 m grid");
        assert!(!locked(&summary));
    }
    // The anticipation velocity model's walkers turn away from the cabinets' ends and jam at
    // the lane mouths; the social force model's 0.6 m bodies fill a 0.6 m lane wall to wall.
    for model in ["AnticipationVelocity", "SocialForce"] {
        let summary = run_text(&scenario_on(0.6, model, 0.1), 0.6, model);
        assert!(
            locked(&summary) && summary.served >= 40 && summary.served < u64::from(CROWD),
            "{model} 0.6 m on a 0.1 m grid: {} through",
            summary.served
        );
    }
}
