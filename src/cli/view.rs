//! `porttwin view`: the 3D viewer (built with `--features viewer`), interactive or capturing
//! frames to PNG files.

use std::path::PathBuf;

use super::Failure;

/// Arguments of `porttwin view` (without the `viewer` feature, only the scenario is read, to
/// say how to view it).
#[derive(clap::Args, Debug)]
#[cfg_attr(not(feature = "viewer"), allow(dead_code))]
pub struct ViewArgs {
    /// Scenario file (.ron) in micro fidelity.
    pub scenario: PathBuf,
    /// Seed (default: the scenario's `meta.seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Simulated seconds per second: the starting speed (1 to 600), and the speed of a captured video played at --fps.
    #[arg(long, default_value_t = 1.0)]
    pub speed: f64,
    /// Start at this time of day ("08:00").
    #[arg(long)]
    pub at: Option<String>,
    /// Capture frames as PNG files into this folder instead of opening an interactive window (no display needed under xvfb-run).
    #[arg(long)]
    pub frames: Option<PathBuf>,
    /// First captured time ("08:00"; default: the start).
    #[arg(long, requires = "frames")]
    pub from: Option<String>,
    /// Last captured time ("08:10"; default: --from).
    #[arg(long, requires = "frames")]
    pub to: Option<String>,
    /// Frames per second of the captured video (one frame every speed/fps simulated seconds).
    #[arg(long, default_value_t = 2.0, requires = "frames")]
    pub fps: f64,
    /// Also write the incidents staged by key to this file, as a scenario `incidents` list.
    #[arg(long)]
    pub record: Option<PathBuf>,
    /// Close after this many seconds and print the frame rate.
    #[arg(long)]
    pub exit_after: Option<f64>,
    /// Window size, WIDTHxHEIGHT.
    #[arg(long, default_value = "1280x720")]
    pub size: String,
}

#[cfg(not(feature = "viewer"))]
pub fn execute(args: &ViewArgs) -> Result<(), Failure> {
    Err(Failure::BadInput(format!(
        "this porttwin was built without the viewer feature; build and run it with: cargo run --release --features viewer -- view {}",
        args.scenario.display()
    )))
}

#[cfg(feature = "viewer")]
pub fn execute(args: &ViewArgs) -> Result<(), Failure> {
    use std::time::Duration;

    use porttwin::Seed;
    use porttwin::sim::time::{SimTime, parse_clock};
    use porttwin::viewer::capture::CapturePlan;
    use porttwin::viewer::{ViewerError, ViewerOptions, incidents};

    let bad = |flag: &str, e: String| Failure::BadInput(format!("--{flag}: {e}"));
    let scenario = porttwin::scenario::load(&args.scenario).map_err(|e| Failure::BadInput(e.to_string()))?;
    let clock = |flag: &str, text: &Option<String>| text.as_deref().map(parse_clock).transpose().map_err(|e| bad(flag, e));
    let start = clock("at", &args.at)?;
    if !(1.0..=600.0).contains(&args.speed) {
        return Err(bad("speed", format!("the speed must be between 1 and 600 (got {})", args.speed)));
    }
    let size = args
        .size
        .split_once('x')
        .and_then(|(w, h)| Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?)))
        .filter(|&(w, h)| (64..=8192).contains(&w) && (64..=8192).contains(&h))
        .ok_or_else(|| bad("size", format!("\"{}\" is not a size like 1280x720", args.size)))?;
    let capture = match &args.frames {
        Some(dir) => {
            if !(args.fps > 0.0 && args.fps <= 120.0) {
                return Err(bad(
                    "fps",
                    format!("the frame rate must be above 0 and at most 120 (got {})", args.fps),
                ));
            }
            let from = clock("from", &args.from)?.or(start).unwrap_or(SimTime::ZERO);
            let to = clock("to", &args.to)?.unwrap_or(from);
            if to < from {
                return Err(bad("to", format!("{to} is before --from {from}")));
            }
            std::fs::create_dir_all(dir).map_err(|e| Failure::RunFailed(format!("cannot create {}: {e}", dir.display())))?;
            Some(CapturePlan {
                dir: dir.clone(),
                from,
                to,
                interval: SimTime::from_secs_f64(args.speed / args.fps).max(SimTime(1)),
            })
        }
        None => None,
    };
    let options = ViewerOptions {
        seed: Seed(args.seed.unwrap_or(scenario.meta.seed)),
        speed: args.speed,
        start,
        capture,
        exit_after: args.exit_after.map(Duration::from_secs_f64),
        size,
    };
    let outcome = porttwin::viewer::run(&scenario, &options).map_err(|e| match e {
        ViewerError::NotMicro => Failure::BadInput(e.to_string()),
        other => Failure::RunFailed(other.to_string()),
    })?;
    if outcome.frames > 0 && outcome.seconds > 0.0 {
        println!(
            "{} frames in {:.1} s: {:.1} frames/s, {:.0} bodies drawn on average (at most {})",
            outcome.frames,
            outcome.seconds,
            outcome.frames as f64 / outcome.seconds,
            outcome.mean_bodies,
            outcome.max_bodies
        );
    }
    if !outcome.staged.is_empty() {
        let list = incidents::replay_list(&scenario, &outcome.staged);
        println!("incidents staged by key (add them to the scenario to replay this run headless):\n{list}");
        if let Some(path) = &args.record {
            std::fs::write(path, &list).map_err(|e| Failure::RunFailed(format!("cannot write {}: {e}", path.display())))?;
        }
    }
    Ok(())
}
