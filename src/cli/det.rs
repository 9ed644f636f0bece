//! `porttwin det`: sweep a face-verification threshold; the DET curve (FRR vs FAR),
//! analytic and measured, and what each threshold does to the queues.

use std::path::PathBuf;

use porttwin::passengers::face::{false_accept_rate, false_reject_rate};
use porttwin::passengers::{FACE_REJECTED, PassengerSummary, face_match_at, with_face_threshold};
use porttwin::scenario::model::{Condition, Next, Target};
use porttwin::{RunOptions, Seed, run_headless};

use super::{Failure, table};

/// Arguments of `porttwin det`.
#[derive(clap::Args, Debug)]
pub struct DetArgs {
    /// Scenario file with a `FaceMatch` check.
    pub scenario: PathBuf,
    /// Stage whose threshold to sweep (default: the first stage with a `FaceMatch` check).
    #[arg(long)]
    pub stage: Option<String>,
    /// Thresholds as `from:to:step`.
    #[arg(long, default_value = "0.60:0.84:0.02")]
    pub thresholds: String,
    /// Seed (default: the scenario's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Write the table as CSV here too.
    #[arg(long)]
    pub csv: Option<PathBuf>,
}

fn parse_range(text: &str) -> Result<Vec<f64>, Failure> {
    let bad = || {
        Failure::BadInput(format!(
            "--thresholds \"{text}\": expected from:to:step with 0 < from <= to < 1 and step > 0, e.g. 0.6:0.84:0.02"
        ))
    };
    let parts: Vec<f64> = text
        .split(':')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    let [from, to, step] = parts[..] else { return Err(bad()) };
    if !(from > 0.0 && from <= to && to < 1.0 && step > 0.0) {
        return Err(bad());
    }
    let count = ((to - from) / step + 1e-9).floor() as usize + 1;
    Ok((0..count).map(|i| from + step * i as f64).collect())
}

pub fn execute(args: &DetArgs) -> Result<(), Failure> {
    let base = porttwin::scenario::load(&args.scenario).map_err(|e| Failure::BadInput(e.to_string()))?;
    let thresholds = parse_range(&args.thresholds)?;
    let has_face = |s: usize| face_match_at(&base, s).is_some();
    let stage = match &args.stage {
        Some(name) => base.stage_id(name).filter(|&s| has_face(s)),
        None => (0..base.stages.len()).find(|&s| has_face(s)),
    }
    .ok_or_else(|| {
        Failure::BadInput(format!(
            "{}: no stage with a FaceMatch check{}",
            args.scenario.display(),
            args.stage.as_ref().map_or(String::new(), |s| format!(" named \"{s}\""))
        ))
    })?;
    let seed = Seed(args.seed.unwrap_or(base.meta.seed));
    // Where the gate sends rejected travellers (usually a manual desk).
    let rejected = base.flags.bit(FACE_REJECTED).map(usize::from);
    let fallback = match &base.stages[stage].next {
        Next::Choose(branches) => branches.iter().find_map(|(condition, target)| match (condition, target) {
            (Condition::Has(flag), Target::Stage(s)) if Some(*flag) == rejected => Some(base.stages[*s].name.clone()),
            _ => None,
        }),
        _ => None,
    };
    let fallback_label = fallback.as_ref().map_or("-".to_string(), |name| format!("{name} wait p95"));
    let mut csv = String::from(
        "threshold,frr_analytic,far_analytic,frr_measured,far_measured,genuine,impostors,time_in_system_p95_s,fallback_wait_p95_s\n",
    );
    println!("stage \"{}\", seed {}", base.stages[stage].name, seed.0);
    println!(
        "{:>9} {:>10} {:>10} {:>10} {:>10} {:>16} {:>14}",
        "threshold", "FRR", "FAR", "FRR run", "FAR run", "time in port p95", fallback_label
    );
    for threshold in thresholds {
        let scenario = with_face_threshold(&base, stage, threshold).expect("the stage verifies faces");
        let params = face_match_at(&scenario, stage).expect("the stage verifies faces");
        let result = run_headless(&scenario, seed, &RunOptions::default()).map_err(|e| Failure::RunFailed(e.to_string()))?;
        let s = &result.summary;
        let passengers: PassengerSummary = s.section("passengers").expect("a scenario with face verification has travellers");
        let face = &passengers.face;
        let desk_p95 = fallback
            .as_ref()
            .and_then(|name| s.stages.get(name))
            .map_or(0.0, |st| st.wait_s.p95);
        let (frr, far) = (false_reject_rate(&params), false_accept_rate(&params));
        println!(
            "{threshold:>9.3} {:>9.2}% {:>9.2}% {:>9.2}% {:>9.2}% {:>16} {:>14}",
            frr * 100.0,
            far * 100.0,
            face.frr * 100.0,
            face.far * 100.0,
            table::duration(s.time_in_system_s.p95),
            table::duration(desk_p95)
        );
        csv.push_str(&format!(
            "{threshold},{frr},{far},{},{},{},{},{},{desk_p95}\n",
            face.frr, face.far, face.genuine_attempts, face.impostor_attempts, s.time_in_system_s.p95
        ));
    }
    if let Some(path) = &args.csv {
        porttwin::report::write_atomic(path, csv.as_bytes())
            .map_err(|e| Failure::RunFailed(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(())
}
