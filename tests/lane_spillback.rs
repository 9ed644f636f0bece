//! When a booth cannot keep up, trucks queue back along the lane in arrival order; once the
//! queue reaches the lane's start, arriving trucks wait outside (spill-back, reported) and
//! enter in arrival order.

use porttwin::motion::vehicles::Vehicles;
use porttwin::scenario::parse;
use porttwin::sim::Network;
use porttwin::{Seed, build_app, finish_run};

const SLOW_GATE: &str = r#"Scenario(
    meta: (name: "spillback", duration_h: 1.5, step_s: 0.2, fidelity: Micro),
    population: [(name: "truck", share: 1.0)],
    demand: [(name: "road", entry: "gate", arrivals: Hourly(daily_total: 1200, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {"booth": (servers: 1, service: Constant(s: 240))},
    routing: {"gate": (pool: "booth", next: To("exit"))},
    layout: (
        entrances: {"road": Lane("approach")},
        lanes: {
            "approach": (points: [(0, 0), (80, 0)], next: ["out"]),
            "out": (points: [(80, 0), (200, 0)]),
        },
        stages: {"gate": (booths: [(lane: "out", at_m: 10)], hold: (lane: "approach", at_m: 79))},
    ),
)"#;

#[test]
fn a_lane_queue_spills_back_in_arrival_order() {
    let scenario = parse(SLOW_GATE, "spillback.ron").expect("valid");
    let mut app = build_app(&scenario, Seed(2));
    let mut saw_spillback = false;
    while !app.world().resource::<Network>().0.is_finished() {
        app.update();
        let world = app.world();
        let network = &world.resource::<Network>().0;
        let vehicles = world.resource::<Vehicles>();
        let serial = |agent| network.agents().get(agent).map(|a| a.id).expect("trucks are live agents");
        // On the approach: the further along, the earlier it arrived.
        let mut on_lane: Vec<(f32, u64)> = vehicles
            .trucks
            .iter()
            .filter(|t| t.route[0] == 0)
            .map(|t| (t.s, serial(t.agent)))
            .collect();
        on_lane.sort_by(|a, b| b.0.total_cmp(&a.0));
        let outside: Vec<u64> = vehicles.waiting_outside(0).into_iter().map(serial).collect();
        let order: Vec<u64> = on_lane.iter().map(|(_, id)| *id).chain(outside.iter().copied()).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "queue out of arrival order: {order:?}");
        saw_spillback |= !outside.is_empty();
    }
    let result = finish_run(&mut app, Seed(2));
    assert!(saw_spillback, "the queue reached the lane's start");
    let micro = result.summary.micro.expect("micro measures");
    let lane = micro.lanes.get("approach").expect("the entrance lane is reported");
    assert!(lane.trucks_held_outside > 0 && lane.first_at_s.is_some(), "{lane:?}");
    let extent = micro.queues.get("gate").unwrap().max_extent_m;
    assert!(extent >= 60.0, "the line reached back {extent} m");
}
