//! Specific flow through a bottleneck against its width for every pedestrian model, in the
//! geometry of Liddle et al. (2011) (`porttwin::motion::bottleneck`), over the band that
//! bottleneck experiments measure (about 1.2–1.9 persons/m/s from 0.8 to 2.5 m: Seyfried et
//! al. 2009, Kretz et al. 2006, Liddle et al. 2011). Prints a table and draws
//! `docs/img/bottleneck_flow.png` (and `.svg`). A width at which a model's crowd locks before
//! four in five have passed is drawn at 0; where only the last few stall (a gridlock verdict
//! with most gone) the flow measured while the crowd passed is drawn.
//!
//! ```sh
//! cargo run --example bottleneck_flow            # all three models, seed 1
//! ```

use std::path::Path;

use porttwin::Seed;
use porttwin::motion::bottleneck::{self, WIDTHS_M};
use porttwin::report::chart::{Figure, Layer, XAxis, YAxis};
use porttwin::scenario::raw_layout::RawPedestrianModelKind;

/// The experiments' band, persons/m/s (the issue's summary of Seyfried et al. 2009, Kretz et
/// al. 2006 and Liddle et al. 2011).
const BAND: (f64, f64) = (1.2, 1.9);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let models = [
        ("collision-free speed", RawPedestrianModelKind::CollisionFreeSpeed),
        ("anticipation velocity", RawPedestrianModelKind::AnticipationVelocity),
        ("social force", RawPedestrianModelKind::SocialForce),
    ];
    let mut layers = vec![Layer::Band {
        name: format!("experiments, {}–{} persons/m/s", BAND.0, BAND.1),
        points: vec![(0.8, BAND.0, BAND.1), (2.5, BAND.0, BAND.1)],
    }];
    println!("| model | width m | left | specific flow persons/m/s | gridlock verdict |");
    println!("|---|---|---|---|---|");
    for (name, model) in models {
        let mut points = Vec::new();
        for width in WIDTHS_M {
            let run = bottleneck::run(width, model, Seed(1))?;
            let locked = run.gridlock.is_some() && run.passages_s.len() < bottleneck::CROWD * 4 / 5;
            let flow = if locked { 0.0 } else { run.specific_flow.unwrap_or(0.0) };
            println!(
                "| {name} | {width} | {} | {} | {} |",
                run.left,
                run.specific_flow.map_or("—".into(), |f| format!("{f:.2}")),
                if run.gridlock.is_some() { "yes" } else { "no" }
            );
            points.push((width, flow));
        }
        layers.push(Layer::Line {
            name: name.into(),
            points,
            dashed: false,
        });
    }
    let figure = Figure {
        title: "Bottleneck flow against width (180 people, Liddle et al. 2011 geometry)".into(),
        x_label: "bottleneck width, m".into(),
        y_label: "specific flow, persons/m/s (0: locked)".into(),
        x_axis: XAxis::Number,
        y_axis: YAxis::Number,
        layers,
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/img");
    figure.save(&dir, "bottleneck_flow")?;
    println!("wrote {}", dir.join("bottleneck_flow.png").display());
    Ok(())
}
