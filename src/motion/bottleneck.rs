//! The bottleneck experiment of Liddle et al. (2011, *Microscopic insights into pedestrian
//! motion through a bottleneck, resolving spatial and temporal variations*, arXiv:1105.1532)
//! as a scenario: 180 people leave a holding room through a corridor 4 m long and
//! `width_m` wide, and the specific flow through it is measured as the experiments do,
//! persons per metre of width per second once the flow is steady.
//!
//! From the paper: 180 test persons, widths 0.8–2.5 m, a 4 m long bottleneck. Assumptions
//! where this module had no published figure to hand: the room in front is 8 m wide and 13 m
//! deep; the crowd starts 3 m before the bottleneck at about 2.5 persons/m² (at random points
//! of a 0.62 m grid over 9.7 m × 7.4 m, so that bodies of radius 0.3 m fit; those who find
//! no free grid point at once enter behind the crowd as it moves up); desired speeds are Weidmann's
//! (1993) 1.34 ± 0.26 m/s; the corridor opens into a 4 m deep area whose far end is the exit.
//! "Steady" is taken as between the 20th and the 80th percentile of passages.

use super::geometry::Vec2;
use super::pedestrians::Pedestrians;
use crate::scenario::raw_layout::RawPedestrianModelKind;
use crate::scenario::{ScenarioError, parse};
use crate::sim::Network;
use crate::sim::agent::AgentKey;
use crate::{Seed, build_app, finish_run};

/// Test persons in the experiments (Liddle et al. 2011).
pub const CROWD: usize = 180;
/// The widths of the experiments, metres (Liddle et al. 2011: 0.8 to 2.5 m).
pub const WIDTHS_M: [f64; 10] = [0.8, 0.9, 1.0, 1.1, 1.2, 1.4, 1.6, 1.8, 2.0, 2.5];
/// Length of the bottleneck, metres (Liddle et al. 2011).
pub const LENGTH_M: f32 = 4.0;
/// Where the bottleneck starts, metres along x.
const ENTRY_X: f32 = 13.0;
/// Passages are counted across this line, the middle of the bottleneck.
pub const MEASURE_X: f32 = ENTRY_X + LENGTH_M / 2.0;
/// The room's centre line, metres along y.
const CENTRE_Y: f32 = 4.0;
/// Longest the run may take, simulated seconds (far beyond any width's evacuation).
const LIMIT_S: f64 = 1800.0;

/// What one run measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Bottleneck {
    /// The bottleneck's width, metres.
    pub width_m: f64,
    /// How many left through the exit.
    pub left: u64,
    /// When each crossed the measuring line, simulated seconds, in order.
    pub passages_s: Vec<f64>,
    /// Steady specific flow, persons/m/s (`None` when too few passed to measure one).
    pub specific_flow: Option<f64>,
    /// The gridlock verdict, when the crowd locked.
    pub gridlock: Option<String>,
    /// Simulated seconds until the run ended.
    pub simulated_s: f64,
}

/// The scenario of the experiment at `width_m` with `model` (its published parameters).
pub fn scenario_text(width_m: f64, model: RawPedestrianModelKind) -> String {
    let (lo, hi) = (f64::from(CENTRE_Y) - width_m / 2.0, f64::from(CENTRE_Y) + width_m / 2.0);
    let (x0, x1) = (ENTRY_X, ENTRY_X + LENGTH_M);
    format!(
        r#"Scenario(
    meta: (name: "bottleneck_{width_m}", seed: 1, duration_h: 0.01, step_s: 0.05, fidelity: Micro, drain: true),
    population: [(name: "person", share: 1.0, walk_speed_mps: (mean: 1.34, sd: 0.26))],
    demand: [(name: "crowd", entry: "room", arrivals: Schedule(batches: [(at: "00:00", count: {CROWD}, spread_min: 0, label: "crowd")], daily: false))],
    facilities: {{}},
    routing: {{"room": (next: To("exit"))}},
    layout: (
        walkable: [[(0, 0), ({x0}, 0), ({x0}, {lo}), ({x1}, {lo}), ({x1}, 0), (21, 0), (21, 8), ({x1}, 8), ({x1}, {hi}), ({x0}, {hi}), ({x0}, 8), (0, 8)]],
        entrances: {{"crowd": Area(polygon: [(0.3, 0.3), (10, 0.3), (10, 7.7), (0.3, 7.7)], grid_m: 0.62)}},
        exits: [[(20, 0.2), (20.8, 0.2), (20.8, 7.8), (20, 7.8)]],
        zones: {{"bottleneck": [({x0}, {lo}), ({x1}, {lo}), ({x1}, {hi}), ({x0}, {hi})]}},
        pedestrians: (model: {model:?}),
    ),
)"#
    )
}

/// Runs the experiment at `width_m` with `model`.
pub fn run(width_m: f64, model: RawPedestrianModelKind, seed: Seed) -> Result<Bottleneck, ScenarioError> {
    let text = scenario_text(width_m, model);
    let scenario = parse(&text, &format!("bottleneck_{width_m}.ron"))?;
    let mut app = build_app(&scenario, seed);
    let mut last: Vec<(AgentKey, Vec2)> = Vec::new();
    let mut passages_s = Vec::new();
    loop {
        app.update();
        let world = app.world();
        let network = &world.resource::<Network>().0;
        let now = network.now().as_secs_f64();
        let pedestrians = world.resource::<Pedestrians>();
        let before: std::collections::HashMap<AgentKey, Vec2> = last.drain(..).collect();
        for (walker, p) in pedestrians.walkers.iter().zip(&pedestrians.crowd.pos) {
            if before.get(&walker.agent).is_some_and(|b| b.x < MEASURE_X && p.x >= MEASURE_X) {
                passages_s.push(now);
            }
            last.push((walker.agent, *p));
        }
        if network.is_finished() || now > LIMIT_S {
            break;
        }
    }
    let result = finish_run(&mut app, seed);
    let gridlock = result
        .summary
        .micro
        .as_ref()
        .and_then(|m| m.gridlock.as_ref())
        .map(|g| g.verdict.clone());
    Ok(Bottleneck {
        width_m,
        left: result.summary.served,
        specific_flow: steady_flow(&passages_s, width_m),
        passages_s,
        gridlock,
        simulated_s: result.summary.simulated_s,
    })
}

/// Persons per metre per second between the 20th and the 80th percentile of `passages_s`.
pub fn steady_flow(passages_s: &[f64], width_m: f64) -> Option<f64> {
    let (a, b) = (passages_s.len() / 5, passages_s.len() * 4 / 5);
    let span = passages_s.get(b)? - passages_s.get(a)?;
    (b > a + 10 && span > 0.0).then(|| (b - a) as f64 / span / width_m)
}
