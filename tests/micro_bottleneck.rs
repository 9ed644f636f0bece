//! Bottleneck flow against width in the geometry of Liddle et al. (2011): 180 people leave a
//! room through a 4 m long bottleneck 0.8–2.5 m wide (`porttwin::motion::bottleneck`), moved
//! by the social force model (Helbing, Farkas and Vicsek 2000) with its published parameters.
//!
//! What holds, measured with seed 1 (docs/micro.md, "Bottleneck flow"): the experiment's
//! crowd never locks (larger crowds at a 1 m door do: docs/micro.md, "Gridlock"); from 1.0 m everyone leaves, while at 0.8 and 0.9 m the last one or two — slow
//! walkers left alone at the door — stall at the jambs, whose repulsion outweighs their drive;
//! the specific flow rises with width and lies in the experiments' band of about
//! 1.2–1.9 persons/m/s from 1.0 to 1.8 m, just below it at 0.9 m and above it at 2.0 and 2.5 m.

use porttwin::Seed;
use porttwin::motion::bottleneck::{self, Bottleneck, CROWD, WIDTHS_M};
use porttwin::scenario::raw_layout::RawPedestrianModelKind;

/// The band of bottleneck experiments (Seyfried et al. 2009, Kretz et al. 2006, Liddle et al.
/// 2011), persons/m/s.
const BAND: std::ops::RangeInclusive<f64> = 1.2..=1.9;

fn runs() -> Vec<Bottleneck> {
    WIDTHS_M
        .iter()
        .map(|&width| {
            let run = bottleneck::run(width, RawPedestrianModelKind::SocialForce, Seed(1)).expect("the experiment's scenario is valid");
            println!(
                "width {width} m: {} left in {:.0} s, specific flow {:.2} persons/m/s{}",
                run.left,
                run.simulated_s,
                run.specific_flow.unwrap_or(f64::NAN),
                if run.gridlock.is_some() { ", the last stalled" } else { "" }
            );
            run
        })
        .collect()
}

#[test]
fn social_force_crowds_pass_every_width_and_flow_rises_with_it() {
    let runs = runs();
    for run in &runs {
        let flow = run.specific_flow.expect("enough pass to measure a steady flow");
        let width = run.width_m;
        if width >= 1.0 {
            assert_eq!(run.left, CROWD as u64, "everyone leaves through {width} m");
            assert!(run.gridlock.is_none(), "{width} m: {:?}", run.gridlock);
        } else {
            // The crowd flows through; only stragglers left alone at the door stall.
            assert!(run.left >= CROWD as u64 - 3, "{width} m: {} left", run.left);
        }
        if (1.0..=1.8).contains(&width) {
            assert!(BAND.contains(&flow), "{width} m: {flow:.2} persons/m/s, inside the band");
        }
        if width >= 2.0 {
            assert!(flow > *BAND.end(), "{width} m: {flow:.2} persons/m/s, above the band");
        }
    }
    let flow_at = |w: f64| runs.iter().find(|r| r.width_m == w).and_then(|r| r.specific_flow).unwrap();
    let rising = [1.0, 1.2, 1.4, 1.6, 2.0, 2.5];
    for pair in rising.windows(2) {
        assert!(flow_at(pair[1]) > flow_at(pair[0]), "flow rises from {} to {} m", pair[0], pair[1]);
    }
    assert!(flow_at(0.9) < *BAND.start(), "0.9 m: just below the band ({:.2})", flow_at(0.9));
}
