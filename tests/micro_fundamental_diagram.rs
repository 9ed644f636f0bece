//! The fundamental diagram of the social force model (Helbing, Farkas and Vicsek 2000, its
//! published parameters) in a corridor without ends — a ring 2 m wide around a 5 m centre
//! line — against Weidmann's (1993) speed–density relation for walkways,
//! `v = 1.34·(1 − exp(−1.913·(1/ρ − 1/5.4)))` m/s. Measured (docs/micro.md, "Fundamental
//! diagram"): free flow matches; from 1.5 persons/m² up the model walks far faster than
//! Weidmann's walkers (1.18 m/s at 2 /m² against 0.61), which this test asserts rather than
//! hides.

use porttwin::motion::bottleneck;
use porttwin::motion::crowd::{Crowd, Extent};
use porttwin::motion::geometry::{Segment, Vec2};
use porttwin::scenario::parse;
use porttwin::scenario::raw_layout::RawPedestrianModelKind;

const INNER_M: f32 = 4.0;
const OUTER_M: f32 = 6.0;
const FREE_SPEED_MPS: f32 = 1.34;
const STEP_S: f32 = 0.05;

/// Weidmann (1993): speed at density `rho`, persons/m² (v0 = 1.34 m/s, γ = 1.913 m⁻², ρmax = 5.4 m⁻²).
fn weidmann(rho: f32) -> f32 {
    FREE_SPEED_MPS * (1.0 - (-1.913 * (1.0 / rho - 1.0 / 5.4)).exp())
}

fn circle(radius: f32) -> Vec<Segment> {
    let n = 96;
    let at = |k: usize| {
        let a = std::f32::consts::TAU * k as f32 / n as f32;
        Vec2::new(a.cos(), a.sin()) * radius
    };
    (0..n).map(|k| Segment::new(at(k), at(k + 1))).collect()
}

/// Desired speed of the `i`th: spread uniformly with Weidmann's mean and standard deviation
/// (1.34 ± 0.26 m/s), in an order that mixes fast and slow (golden-ratio steps).
fn desired_speed(i: usize) -> f32 {
    let u = ((i as f64 + 0.5) * 0.618_033_988_749_895).fract() as f32;
    FREE_SPEED_MPS + 0.26 * 3f32.sqrt() * (2.0 * u - 1.0)
}

/// Mean speed along the ring (anticlockwise) at `rho` persons/m², over seconds 20–40.
fn ring_speed(rho: f32, kind: RawPedestrianModelKind) -> f32 {
    let scenario = parse(&bottleneck::scenario_text(1.0, kind), "ring.ron").unwrap();
    let model = scenario.layout.unwrap().pedestrians;
    let mut walls = circle(INNER_M);
    walls.extend(circle(OUTER_M));
    let extent = Extent {
        lo: Vec2::splat(-OUTER_M),
        hi: Vec2::splat(OUTER_M),
        max_speed_mps: desired_speed(0).max(2.0),
        dt_s: STEP_S,
    };
    let mut crowd = Crowd::new(model, walls, extent);
    // Three rows 0.62 m apart, each holding its share by its length, evenly spaced along it.
    let area = std::f32::consts::PI * (OUTER_M * OUTER_M - INNER_M * INNER_M);
    let total = (rho * area).round() as usize;
    let rows: Vec<f32> = (0..3).map(|k| INNER_M + 0.4 + 0.6 * k as f32).collect();
    let length: f32 = rows.iter().sum();
    let mut placed = 0;
    for (k, r) in rows.iter().enumerate() {
        let n = if k == 2 {
            total - placed
        } else {
            (total as f32 * r / length).round() as usize
        };
        for j in 0..n {
            let a = std::f32::consts::TAU * (j as f32 + 0.5 * k as f32) / n as f32;
            crowd.add(Vec2::new(a.cos(), a.sin()) * *r, desired_speed(placed + j));
        }
        placed += n;
    }
    assert_eq!(crowd.len(), total);
    let (mut sum, mut samples) = (0.0, 0);
    for step in 0..(40.0 / STEP_S) as usize {
        for i in 0..crowd.len() {
            crowd.desired[i] = crowd.pos[i].normalize().perp();
        }
        crowd.step(STEP_S);
        if step as f32 * STEP_S >= 20.0 {
            for i in 0..crowd.len() {
                let along = crowd.pos[i].normalize().perp();
                sum += crowd.heading[i].dot(along) * crowd.speed[i];
                samples += 1;
            }
        }
        for p in &crowd.pos {
            let r = p.length();
            assert!(r > INNER_M && r < OUTER_M, "nobody leaves the ring: {p}");
        }
    }
    sum / samples as f32
}

#[test]
fn social_force_speed_falls_with_density_but_far_less_than_weidmanns() {
    let mut last = f32::MAX;
    for rho in [0.5f32, 1.0, 1.5, 2.0] {
        let v = ring_speed(rho, RawPedestrianModelKind::SocialForce);
        let others = [
            RawPedestrianModelKind::CollisionFreeSpeed,
            RawPedestrianModelKind::AnticipationVelocity,
        ]
        .map(|k| ring_speed(rho, k));
        println!(
            "density {rho} /m²: social force {v:.2} m/s, collision-free speed {:.2}, anticipation velocity {:.2}; Weidmann {:.2}",
            others[0],
            others[1],
            weidmann(rho)
        );
        assert!(v < last, "speed falls with density: {v:.2} m/s at {rho} /m²");
        last = v;
        if rho <= 0.5 {
            assert!((v - weidmann(rho)).abs() < 0.05, "free flow as Weidmann's: {v:.2} m/s at {rho} /m²");
        } else if rho >= 1.5 {
            // The published parameters keep crowds fast: well above Weidmann's walkway relation.
            assert!(
                v > 1.4 * weidmann(rho),
                "{v:.2} m/s at {rho} /m² against Weidmann's {:.2}",
                weidmann(rho)
            );
        }
    }
}
