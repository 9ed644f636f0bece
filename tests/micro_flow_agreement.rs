//! Same logic at both fidelities: at low crowd density, a micro run and a flow run of the
//! same scenario (walking distances in flow equal to the layout's paths) agree on each
//! stage's mean wait within 10%.

mod common;

use common::{assert_conserved, scenario};
use porttwin::{RunOptions, Seed, run_headless};

/// Two queueing stages, each with a straight queue lane whose head is next to its servers.
fn hall(fidelity: &str) -> String {
    format!(
        r#"Scenario(
    meta: (name: "agreement", duration_h: 12.0, step_s: 0.2, fidelity: {fidelity}),
    demand: [(name: "door", entry: "desk", arrivals: Hourly(daily_total: 1512, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {{
        "desks": (servers: 3, service: LogNormal(mean_s: 120, sd_s: 40)),
        "officers": (servers: 2, service: LogNormal(mean_s: 80, sd_s: 24)),
    }},
    routing: {{
        "desk": (pool: "desks", walk_m: 23, next: To("customs")),
        "customs": (pool: "officers", walk_m: 19.4, next: To("exit")),
    }},
    layout: (
        walkable: [[(0, 0), (60, 0), (60, 20), (0, 20)]],
        entrances: {{"door": Area(polygon: [(1, 8), (3, 8), (3, 12), (1, 12)])}},
        exits: [[(58, 8), (59.8, 8), (59.8, 12), (58, 12)]],
        stages: {{
            "desk": (
                service_points: [(26, 8.8), (26.2, 10), (26, 11.2)],
                queue: Serpentine(path: [(15, 10), (25, 10)], width_m: 1.2),
            ),
            "customs": (
                service_points: [(46, 9.2), (46, 10.8)],
                queue: Serpentine(path: [(35, 10), (45, 10)], width_m: 1.2),
            ),
        }},
    ),
)"#
    )
}

#[test]
fn micro_and_flow_agree_on_mean_waits_at_low_density() {
    let micro = run_headless(&scenario(&hall("Micro")), Seed(3), &RunOptions::default()).expect("micro runs");
    let flow = run_headless(&scenario(&hall("Flow")), Seed(3), &RunOptions::default()).expect("flow runs");
    assert_conserved(&micro);
    let peak = micro
        .summary
        .micro
        .as_ref()
        .expect("micro measures")
        .zones
        .iter()
        .map(|(_, z)| z.peak_density)
        .fold(0.0, f64::max);
    assert!(
        peak < 1.1,
        "the lines stay at queueing level of service A or B (peak {peak} persons/m²)"
    );
    for stage in ["desk", "customs"] {
        let m = micro.summary.stages.get(stage).unwrap();
        let f = flow.summary.stages.get(stage).unwrap();
        assert!(m.entered > 700, "{stage}: {} entered", m.entered);
        let (wm, wf) = (m.wait_s.mean, f.wait_s.mean);
        println!("{stage}: mean wait micro {wm:.2} s, flow {wf:.2} s");
        assert!((wm - wf).abs() <= 0.1 * wf, "{stage}: mean wait micro {wm:.2} s vs flow {wf:.2} s");
    }
}
