//! Workload W2 (arrivals hall crowd, micro fidelity): porttwin against JuPedSim 1.4 in the
//! same run, at 2,000 and 8,000 agents, in agent-steps per second over the first 1,000
//! steps, for each pedestrian model against JuPedSim's implementation of it (collision-free
//! speed, anticipation velocity, social force — the last at the workload's radius of 0.2 m,
//! not its paper's 0.3 m, as W2's 0.5 m start grid needs); then the steps per second of a full
//! `land_port_day` day in micro fidelity.
//!
//! `cargo bench --bench w2_hall_exit` — finds JuPedSim in `$PEERS_PYTHON`,
//! `/tmp/peers-jps/bin/python`, `/tmp/peers/bin/python` or `python3` (install:
//! `python3 -m venv /tmp/peers-jps && /tmp/peers-jps/bin/pip install jupedsim==1.4.2 shapely`).
//! `W2_ONLY=1` skips the day.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use porttwin::motion::MotionSteps;
use porttwin::motion::pedestrians::Pedestrians;
use porttwin::scenario::raw::{RawArrivals, RawScenario};
use porttwin::scenario::raw_layout::{RawEntrance, RawPedestrianModelKind};
use porttwin::scenario::{Scenario, from_raw, load, parse_raw};
use porttwin::sim::Network;
use porttwin::{RunOptions, Seed, build_app, run_headless};

const W2: &str = "scenarios/bench/w2_hall_exit.ron";
const DAY: &str = "scenarios/land_port_day_micro.ron";
const PEER: &str = "benches/jupedsim_hall.py";
const STEPS: usize = 1000;

/// The pedestrian models, as porttwin's layout and the peer script name them.
const MODELS: [(RawPedestrianModelKind, &str); 3] = [
    (RawPedestrianModelKind::CollisionFreeSpeed, "cfsm"),
    (RawPedestrianModelKind::AnticipationVelocity, "avm"),
    (RawPedestrianModelKind::SocialForce, "sfm"),
];

/// W2's body radius, metres (../shared/workloads/README.md), for every model.
const W2_RADIUS_M: f64 = 0.2;

/// W2 with `n` agents (over the whole hall's width above 4,543, as the workload says), moved by `model`.
fn w2(n: u32, model: RawPedestrianModelKind) -> Scenario {
    let text = std::fs::read_to_string(W2).expect("W2 scenario");
    let mut raw: RawScenario = parse_raw(&text, W2).expect("W2 parses");
    if let RawArrivals::Schedule { batches, .. } = &mut raw.demand[0].arrivals {
        batches[0].count = n as i64;
    }
    let layout = raw.layout.as_mut().expect("W2 has a layout");
    layout.pedestrians.model = model;
    layout.pedestrians.radius_m = Some(W2_RADIUS_M);
    if n > 4543 {
        layout.entrances.0[0].1 = RawEntrance::Area {
            polygon: vec![(1.0, 1.0), (59.0, 1.0), (59.0, 39.0), (1.0, 39.0)],
            grid_m: Some(0.5),
        };
    }
    from_raw(&raw, &text, W2).expect("W2 variant is valid")
}

/// Agent-steps per second of porttwin over the first `STEPS` motion steps (after placing everyone).
fn porttwin_rate(n: u32, model: RawPedestrianModelKind) -> (f64, u64) {
    let scenario = w2(n, model);
    let mut app = build_app(&scenario, Seed(1));
    app.update();
    let mut agent_steps = 0u64;
    let started = Instant::now();
    for _ in 0..STEPS {
        agent_steps += app.world().resource::<Pedestrians>().crowd.len() as u64;
        app.update();
    }
    let wall = started.elapsed().as_secs_f64();
    assert!(!app.world().resource::<Network>().0.is_finished());
    (agent_steps as f64 / wall, agent_steps)
}

fn find_python() -> Option<String> {
    let candidates = [
        std::env::var("PEERS_PYTHON").ok(),
        Some("/tmp/peers-jps/bin/python".into()),
        Some("/tmp/peers/bin/python".into()),
        Some("python3".into()),
    ];
    candidates.into_iter().flatten().find(|py| {
        Command::new(py)
            .args(["-c", "import jupedsim"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn jupedsim_rate(python: &str, n: u32, model: &str) -> Option<f64> {
    let out = Command::new(python)
        .args([PEER, &n.to_string(), &STEPS.to_string(), model])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    print!("  {text}");
    text.split_whitespace()
        .find_map(|w| w.strip_prefix("agent_steps_per_s="))
        .and_then(|v| v.parse().ok())
}

fn main() {
    let python = find_python().filter(|_| Path::new(PEER).exists());
    if python.is_none() {
        println!("JuPedSim peer skipped: no python with jupedsim (see this bench's header) or no {PEER}");
    }
    for n in [2000, 8000] {
        for (model, name) in MODELS {
            let (rate, agent_steps) = porttwin_rate(n, model);
            println!("W2 n={n} {name}: porttwin {rate:.0} agent-steps/s ({agent_steps} agent-steps in {STEPS} steps)");
            if let Some(peer) = python.as_deref().and_then(|py| jupedsim_rate(py, n, name)) {
                println!("W2 n={n} {name}: ratio porttwin / JuPedSim = {:.2}x", rate / peer);
            }
        }
    }
    if std::env::var_os("W2_ONLY").is_some() {
        return;
    }
    let scenario = load(DAY.as_ref()).expect("land_port_day_micro is valid");
    let started = Instant::now();
    let mut app = build_app(&scenario, Seed(scenario.meta.seed));
    let mut updates = 0u64;
    while !app.world().resource::<Network>().0.is_finished() {
        app.update();
        updates += 1;
    }
    let wall = started.elapsed().as_secs_f64();
    let steps = app.world().resource::<MotionSteps>().0;
    let result = porttwin::finish_run(&mut app, Seed(scenario.meta.seed));
    println!(
        "land_port_day micro: {steps} motion steps ({updates} ticks) in {wall:.1} s = {:.0} steps/s; served {} of {}",
        steps as f64 / wall,
        result.summary.served,
        result.summary.arrived
    );
    let flow = run_headless(
        &load("scenarios/land_port_day.ron".as_ref()).expect("flow day"),
        Seed(42),
        &RunOptions::default(),
    )
    .expect("runs");
    for (name, stage) in result.summary.stages.iter().filter(|(_, s)| s.pool.is_some()) {
        let f = flow.summary.stages.get(name).map_or(f64::NAN, |s| s.wait_s.mean);
        println!("  {name}: mean wait micro {:.1} s, flow {f:.1} s", stage.wait_s.mean);
    }
}
