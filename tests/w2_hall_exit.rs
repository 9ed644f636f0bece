//! Workload W2: 2,000 travellers leave a hall through a 4 m exit. Nobody overlaps
//! anyone by more than 5 cm, nobody crosses a wall, everyone leaves, and the
//! steady exit flow is within the range of bottleneck experiments (1.2–1.9 persons/m/s).

use std::collections::HashMap;

use porttwin::motion::geometry::Segment;
use porttwin::motion::pedestrians::Pedestrians;
use porttwin::motion::spatial_hash::SpatialHash;
use porttwin::scenario::load;
use porttwin::sim::Network;
use porttwin::{Seed, build_app, finish_run};

const EXIT_X: f32 = 60.0;
const EXIT_WIDTH_M: f32 = 4.0;

#[test]
fn w2_crowd_leaves_without_overlaps_or_wall_crossings_at_a_realistic_flow() {
    let scenario = load("scenarios/bench/w2_hall_exit.ron".as_ref()).expect("W2 is valid");
    let layout = scenario.layout.clone().expect("W2 has a layout");
    let radius = layout.pedestrians.radius_m;
    let mut app = build_app(&scenario, Seed(1));
    let mut last: HashMap<porttwin::sim::agent::AgentKey, porttwin::motion::geometry::Vec2> = HashMap::new();
    let mut crossings: Vec<f64> = Vec::new();
    let mut worst_overlap = 0.0f32;
    let mut hash = SpatialHash::new(layout.bounds().0, layout.bounds().1, 1.0);
    for _ in 0..200_000 {
        app.update();
        let world = app.world();
        let now = world.resource::<Network>().0.now().as_secs_f64();
        let pedestrians = world.resource::<Pedestrians>();
        let positions = &pedestrians.crowd.pos;
        // Overlaps: every pair closer than two radii.
        hash.rebuild(positions);
        for (i, p) in positions.iter().enumerate() {
            for range in hash.rows(*p, 1) {
                for slot in range {
                    let j = hash.order[slot] as usize;
                    if j > i {
                        worst_overlap = worst_overlap.max(2.0 * radius - (hash.sorted[slot] - *p).length());
                    }
                }
            }
        }
        // Walls: nobody's step crosses one; flow: steps across the exit line.
        let mut seen = HashMap::with_capacity(positions.len());
        for (walker, p) in pedestrians.walkers.iter().zip(positions) {
            if let Some(before) = last.get(&walker.agent) {
                let step = Segment::new(*before, *p);
                assert!(
                    !layout.walls.iter().any(|w| w.intersects(&step)),
                    "agent {:?} crossed a wall moving from {before} to {p}",
                    walker.agent
                );
                if before.x < EXIT_X && p.x >= EXIT_X {
                    crossings.push(now);
                }
            }
            seen.insert(walker.agent, *p);
        }
        last = seen;
        if world.resource::<Network>().0.is_finished() {
            break;
        }
    }
    let result = finish_run(&mut app, Seed(1));
    assert_eq!(result.summary.served, 2000, "everyone leaves");
    assert_eq!(result.summary.in_system_at_end, 0);
    assert!(worst_overlap <= 0.05, "two agents overlapped by {worst_overlap} m");
    assert!(crossings.len() >= 1990, "{} crossed the exit line", crossings.len());
    // Steady flow: between the 20th and the 80th percentile of crossings.
    let (a, b) = (crossings.len() / 5, crossings.len() * 4 / 5);
    let flow = (b - a) as f64 / (crossings[b] - crossings[a]) / EXIT_WIDTH_M as f64;
    println!("W2 steady exit flow: {flow:.2} persons/m/s; worst overlap {worst_overlap:.3} m");
    assert!((1.2..=1.9).contains(&flow), "steady exit flow {flow:.2} persons/m/s");
}
