//! The viewer drives the same simulation as a headless run: stepped through the viewer's
//! driver with irregular frames, pauses, single ticks, speed changes and jumps, while the
//! viewer reads bodies, servers, KPIs and journeys every frame, a run ends with exactly the
//! headless KPIs at the same seed. Incidents staged by key replay exactly headless.
#![cfg(feature = "viewer")]

mod common;

use std::time::Duration;

use porttwin::scenario::Scenario;
use porttwin::scenario::incident::replay;
use porttwin::sim::time::{MS_PER_MIN, SimTime};
use porttwin::viewer::driver::SimDriver;
use porttwin::viewer::incidents::{IncidentKey, for_key};
use porttwin::viewer::{journey, kpis, snapshot};
use porttwin::{RunOptions, Seed, run_headless};

/// Travellers through desks and a search, trucks through booths and a portal, with screening
/// and a staged breakdown.
const PORT: &str = r#"Scenario(
    meta: (name: "viewer_same_run", duration_h: 0.75, fidelity: Micro, step_s: 0.2),
    population: [(name: "visitor", share: 1.0, contraband: {"drugs": 0.05}, attributes: {"paid_cash": (clean: 0.05, risky: 0.6)})],
    demand: [
        (name: "door", entry: "desk", arrivals: Hourly(daily_total: 4800, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1])),
        (name: "road", entry: "gate", arrivals: Hourly(daily_total: 960, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1])),
    ],
    facilities: {
        "desks": (servers: 2, service: Exponential(mean_s: 40)),
        "officers": (servers: 1, service: Constant(s: 60)),
        "booths": (servers: 1, service: Constant(s: 50), automated: true),
    },
    routing: {
        "desk": (pool: "desks", next: Choose([(when: Has("api_selected"), to: "search"), (when: Always, to: "exit")])),
        "search": (pool: "officers", check: Search(find_probability: 0.8), next: To("exit")),
        "gate": (pool: "booths", next: To("exit")),
    },
    screening: (sources: ["door"], rules: [Has("paid_cash")], random_rate: 0.05),
    layout: (
        walkable: [[(0, 0), (40, 0), (40, 20), (0, 20)]],
        entrances: {
            "door": Area(polygon: [(1, 8), (3, 8), (3, 12), (1, 12)]),
            "road": Lane("approach"),
        },
        exits: [[(38, 8), (39.8, 8), (39.8, 12), (38, 12)]],
        stages: {
            "desk": (service_points: [(30, 9), (30, 11)], queue: Serpentine(path: [(12, 10), (29, 10)], width_m: 1.2)),
            "search": (service_points: [(34, 16)]),
            "gate": (booths: [(lane: "exit_road", at_m: 10)], hold: (lane: "approach", at_m: 99)),
        },
        lanes: {
            "approach": (points: [(0, 30), (100, 30)], next: ["exit_road"]),
            "exit_road": (points: [(100, 30), (200, 30)]),
        },
        portals: {"scanner": (lane: "exit_road", at_m: 40, length_m: 20)},
    ),
    incidents: [Breakdown(at: "00:10", pool: "desks", servers: 1, for_min: 10)],
)"#;

fn port() -> Scenario {
    common::scenario(PORT)
}

/// Reads everything the viewer draws, as the viewer does every frame.
fn look(driver: &SimDriver, scenario: &Scenario) -> usize {
    let layout = scenario.layout.as_ref().unwrap();
    let world = driver.world();
    let agents = snapshot::agents(world, layout, true);
    let servers = snapshot::servers(world, layout);
    let portals = snapshot::portal_states(world, layout);
    let k = kpis::read(world);
    let layout_servers: usize = scenario
        .pools
        .iter()
        .enumerate()
        .filter(|(id, _)| scenario.stages.iter().any(|s| s.pool == Some(*id)))
        .map(|(_, p)| p.max_servers() as usize)
        .sum();
    assert_eq!(servers.len(), layout_servers);
    assert_eq!(portals.len(), layout.portals.len());
    assert_eq!(k.now, driver.now());
    if let (Some(agent), Some(journal)) = (agents.first(), driver.network().journal()) {
        let steps = journal.journey(agent.id).expect("every agent in the port has a journey");
        assert!(journey::lines(scenario, steps)[0].contains("arrived from"));
    }
    agents.len()
}

/// Drives a run as a trainer would: frames of uneven length at several speeds, a pause with
/// single ticks, a jump; `stage` may stage incidents by key at given frames.
fn view(
    scenario: &Scenario,
    seed: Seed,
    mut stage: impl FnMut(usize, &mut SimDriver),
) -> (porttwin::metrics::RunResult, Vec<porttwin::scenario::incident::Incident>, usize) {
    let mut driver = SimDriver::new(scenario, seed);
    let mut most = 0;
    let mut target = SimTime::ZERO;
    let speeds = [1.0, 60.0, 600.0, 5.0, 120.0];
    for frame in 0..400 {
        stage(frame, &mut driver);
        match frame {
            100..=110 => driver.tick().unwrap(),
            200 => {
                driver.run_until(SimTime(25 * MS_PER_MIN), Duration::MAX).unwrap();
                target = driver.now();
            }
            _ => {
                let dt_s = [0.016, 0.033, 0.1, 0.5][frame % 4] * speeds[frame / 80];
                target = target.max(driver.now()) + SimTime::from_secs_f64(dt_s);
                driver.run_until(target, Duration::from_millis(5)).unwrap();
            }
        }
        most = most.max(look(&driver, scenario));
    }
    while !driver.is_finished() {
        driver.run_until(driver.now() + SimTime(MS_PER_MIN), Duration::MAX).unwrap();
        most = most.max(look(&driver, scenario));
    }
    let staged = driver.staged().to_vec();
    (driver.finish(), staged, most)
}

#[test]
fn a_viewed_run_ends_with_the_headless_kpis() {
    let scenario = port();
    for seed in [Seed(1), Seed(2)] {
        let headless = run_headless(&scenario, seed, &RunOptions::default()).unwrap();
        let (viewed, staged, most) = view(&scenario, seed, |_, _| {});
        assert!(staged.is_empty());
        assert!(most > 10, "the viewer saw the port busy ({most} bodies at most)");
        assert!(
            porttwin::passengers::summary(&viewed.summary).unwrap().interceptions > 0,
            "screening sent travellers to the search"
        );
        assert_eq!(viewed.summary, headless.summary, "seed {seed:?}");
        assert_eq!(viewed.series.queue, headless.series.queue);
    }
}

#[test]
fn incidents_staged_by_key_replay_headless() {
    let scenario = port();
    let seed = Seed(4);
    let (viewed, staged, _) = view(&scenario, seed, |frame, driver| {
        let key = match frame {
            50 => IncidentKey::Surge,
            150 => IncidentKey::Contraband,
            250 => IncidentKey::Breakdown,
            _ => return,
        };
        let incident = for_key(key, &scenario, driver.now()).expect("the port has what the incident needs");
        driver.stage(incident);
    });
    assert_eq!(staged.len(), 3);
    assert!(staged.iter().all(|i| i.at.0 % 1000 == 0), "staged on whole seconds: {staged:?}");
    let replayed = run_headless(&replay(&scenario, &staged), seed, &RunOptions::default()).unwrap();
    assert_eq!(viewed.summary, replayed.summary);
    let plain = run_headless(&scenario, seed, &RunOptions::default()).unwrap();
    assert!(
        viewed.summary.arrived >= plain.summary.arrived + 150,
        "the surge and the smuggler arrived"
    );
}

#[test]
fn a_viewed_truck_crossing_ends_with_the_headless_kpis() {
    let text = std::fs::read_to_string("scenarios/truck_crossing_training.ron").unwrap();
    let scenario = common::scenario(&text);
    let seed = Seed(11);
    let headless = run_headless(&scenario, seed, &RunOptions::default()).unwrap();
    let (viewed, _, most) = view(&scenario, seed, |_, _| {});
    assert!(most > 5, "the viewer saw trucks ({most} at most)");
    let cargo = porttwin::cargo::summary(&viewed.summary).expect("a cargo summary");
    assert!(cargo.controls.scans > 100 && cargo.seized > 0, "{cargo:?}");
    assert_eq!(viewed.summary, headless.summary);
}

/// A followed truck's journey gives each decision with its reason: the lane and what put it
/// there, the scan upon passing the portal, and what the inspection found.
#[test]
fn truck_journeys_give_their_decisions_and_reasons() {
    let text = std::fs::read_to_string("scenarios/truck_crossing_training.ron").unwrap();
    let scenario = common::scenario(&text);
    let mut driver = SimDriver::new(&scenario, Seed(11));
    let mut seen = std::collections::BTreeMap::new();
    while driver.now() < SimTime(45 * MS_PER_MIN) {
        driver.run_until(driver.now() + SimTime(MS_PER_MIN), Duration::MAX).unwrap();
        let journal = driver.network().journal().expect("the driver records journeys");
        for id in 0..1000 {
            if let Some(steps) = journal.journey(id) {
                seen.insert(id, journey::lines(&scenario, steps));
            }
        }
    }
    let all: Vec<&String> = seen.values().flatten().collect();
    let has = |text: &str| all.iter().any(|line| line.contains(text));
    assert!(has("gate: lane green (default: nothing selected it)"), "{all:#?}");
    assert!(has("gate: lane red by risk score") || has("gate: lane red by random selection"));
    assert!(has("drive-through portal: scan clear") && has("drive-through portal: scan ALARM"));
    assert!(has("inspection: inspected,"));
    let ordered = seen.values().find(|lines| lines.iter().any(|l| l.contains("lane"))).unwrap();
    let position = |text: &str| ordered.iter().position(|l| l.contains(text));
    assert!(
        position("drive-through portal").unwrap() < position("gate: lane").unwrap(),
        "the portal scans a truck before the gate applies its lane: {ordered:#?}"
    );
}
