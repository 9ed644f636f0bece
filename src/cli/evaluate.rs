//! `porttwin evaluate`: a shipped model's metrics on freshly generated data, beside the manifest's.

use std::fmt::Write as _;

use porttwin::detect::evaluate::{Evaluation, evaluate};
use porttwin::detect::manifest::{ModelSpec, models_dir};
use porttwin::detect::{Model, backend};
use porttwin::report::write_atomic;

use super::{EvaluateArgs, Failure};

pub fn execute(args: &EvaluateArgs) -> Result<(), Failure> {
    let backend = backend(args.backend.into()).map_err(|e| Failure::BadInput(e.to_string()))?;
    let dir = models_dir();
    let model = Model::load(backend, &dir, &args.model).map_err(|e| Failure::BadInput(e.to_string()))?;
    let eval = evaluate(&model, args.seed, args.count).map_err(|e| {
        if e.is_bad_input() {
            Failure::BadInput(e.to_string())
        } else {
            Failure::RunFailed(e.to_string())
        }
    })?;
    if let Some(path) = &args.scores {
        let mut csv = String::new();
        for row in &eval.scores {
            let line: Vec<String> = row.iter().map(|v| format!("{v:.7}")).collect();
            let _ = writeln!(csv, "{}", line.join(","));
        }
        write_atomic(path, csv.as_bytes()).map_err(|e| Failure::RunFailed(format!("cannot write {}: {e}", path.display())))?;
    }
    if !args.quiet {
        print!("{}", render(&eval, &model.spec, &backend.describe()));
    }
    Ok(())
}

/// The metrics table, with the manifest's figures beside the fresh ones.
fn render(eval: &Evaluation, spec: &ModelSpec, backend: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {} fresh items, seed {} ({backend})", eval.model, eval.count, eval.seed);
    let _ = writeln!(
        out,
        "  {:<16} {:>15} {:>15} {:>15} {:>15}",
        "class", "ROC AUC", "det @1% FAR", "det @5% FAR", "thr @5% FAR"
    );
    for ((name, m), threshold) in eval.classes.iter().zip(&eval.thresholds_at_5pct_far) {
        let shipped = spec.metrics.get(name);
        let pair = |fresh: f64, old: Option<f64>| match old {
            Some(old) => format!("{fresh:.3} ({old:.3})"),
            None => format!("{fresh:.3}"),
        };
        let _ = writeln!(
            out,
            "  {name:<16} {:>15} {:>15} {:>15} {:>15}",
            pair(m.roc_auc, shipped.map(|s| s.roc_auc)),
            pair(m.detection_at_1pct_far, shipped.map(|s| s.detection_at_1pct_far)),
            pair(m.detection_at_5pct_far, shipped.map(|s| s.detection_at_5pct_far)),
            format!("{threshold:.4}")
        );
    }
    for (name, value) in &eval.summary {
        let shipped = spec.summary.get(name).map(|v| format!(" ({v:.3})")).unwrap_or_default();
        let _ = writeln!(out, "  {name}: {value:.3}{shipped}");
    }
    if !eval.by_difficulty.is_empty() {
        let _ = writeln!(out, "  detection at 5% false alarms by concealment difficulty:");
        let classes: Vec<String> = eval.by_difficulty[0]
            .detection
            .iter()
            .map(|(c, _, _)| format!("{:>13}", c.name()))
            .collect();
        let _ = writeln!(out, "  {:<12}{}", "difficulty", classes.join(""));
        for row in &eval.by_difficulty {
            let cells: Vec<String> = row
                .detection
                .iter()
                .map(|(_, rate, n)| match rate {
                    Some(r) => format!("{:>13}", format!("{:.1}% ({n})", 100.0 * r)),
                    None => format!("{:>13}", "-"),
                })
                .collect();
            let _ = writeln!(out, "  {:<12}{}", format!("{:.2}-{:.2}", row.band.0, row.band.1), cells.join(""));
        }
    }
    let _ = writeln!(
        out,
        "  (in brackets: the manifest's held-out figures; models in {})",
        models_dir().display()
    );
    out
}
