//! A forecast's files: `forecast.json` (targets with their chances, digests), `fan.csv` (the
//! quantiles over time), `replications.csv`, and fan charts of queues and waits per stage.

use std::path::{Path, PathBuf};

use serde_json::json;

use super::fan::Band;
use super::{ForecastResult, VariantForecast};
use crate::report::chart::{Figure, Layer, XAxis, YAxis};
use crate::report::output::write_all_atomic;
use crate::sim::time::{MS_PER_MIN, SimTime};

/// The time of point `i` of a series that starts at `from` with a step of `step`, in hours (the
/// charts' clock axis).
fn hours(from: SimTime, step: SimTime, i: usize) -> f64 {
    (from.0 + step.0 * i as u64) as f64 / 3_600_000.0
}

/// `forecast.json`: what was forecast and, per variant, the chance of meeting each target and
/// each replication's digest at the horizon.
pub fn json(result: &ForecastResult, scenario: &str, snapshot: &str) -> serde_json::Value {
    json!({
        "scenario": scenario,
        "snapshot": snapshot,
        "from": result.from.to_string(),
        "until": result.until.to_string(),
        "replications": result.seeds.len(),
        "future_seeds": result.seeds,
        "variants": result.variants.iter().map(|v| json!({
            "name": v.name,
            "targets": v.targets,
            "exited_mean": v.replications.iter().map(|m| m.exited as f64).sum::<f64>() / v.replications.len().max(1) as f64,
            "digests": v.replications.iter().map(|m| m.digest.clone()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn band_row(out: &mut String, prefix: &str, at: SimTime, band: &Option<Band>) {
    let Some(b) = band else { return };
    out.push_str(&format!(
        "{prefix},{},{at},{},{},{},{},{}\n",
        at.0 / 1000,
        b.p05,
        b.p25,
        b.p50,
        b.p75,
        b.p95
    ));
}

/// `fan.csv`: `variant,stage,measure,time_s,clock,p05,p25,p50,p75,p95`, one row per time with values.
pub fn fan_csv(result: &ForecastResult) -> String {
    let mut out = String::from("variant,stage,measure,time_s,clock,p05,p25,p50,p75,p95\n");
    for v in &result.variants {
        for (s, stage) in result.stages.iter().enumerate() {
            for (i, band) in v.queue_fan[s].iter().enumerate() {
                band_row(
                    &mut out,
                    &format!("{},{stage},queue", v.name),
                    result.from + SimTime(MS_PER_MIN * i as u64),
                    band,
                );
            }
            for (i, band) in v.wait_fan[s].iter().enumerate() {
                let end = (result.from + SimTime(result.bin.0 * (i as u64 + 1))).min(result.until);
                band_row(&mut out, &format!("{},{stage},wait_s", v.name), end, band);
            }
        }
    }
    out
}

/// `replications.csv`: `variant,replication,future_seed,digest,exited,<target>…` (1 met, 0 missed).
pub fn replications_csv(result: &ForecastResult) -> String {
    let names: Vec<String> = result.variants[0].targets.iter().map(|t| format!(",{}", t.what)).collect();
    let mut out = format!("variant,replication,future_seed,digest,exited{}\n", names.concat());
    for v in &result.variants {
        for (k, m) in v.replications.iter().enumerate() {
            let seed = result.seeds[k].map_or(String::new(), |s| s.to_string());
            let met: String = m.targets.iter().map(|t| format!(",{}", t.met as u8)).collect();
            out.push_str(&format!("{},{k},{seed},{},{}{met}\n", v.name, m.digest, m.exited));
        }
    }
    out
}

/// A variant's fan: the 5–95% and 25–75% bands and the median line.
fn fan_layers(v: &VariantForecast, fan: &[Option<Band>], x: impl Fn(usize) -> f64) -> Vec<Layer> {
    let points = |low: fn(&Band) -> f64, high: fn(&Band) -> f64| -> Vec<(f64, f64, f64)> {
        fan.iter()
            .enumerate()
            .filter_map(|(i, b)| b.map(|b| (x(i), low(&b), high(&b))))
            .collect()
    };
    vec![
        Layer::Band {
            name: format!("{}: 5–95%", v.name),
            points: points(|b| b.p05, |b| b.p95),
        },
        Layer::Band {
            name: format!("{}: 25–75%", v.name),
            points: points(|b| b.p25, |b| b.p75),
        },
        Layer::Line {
            name: format!("{}: median", v.name),
            points: points(|b| b.p50, |b| b.p50).into_iter().map(|(x, m, _)| (x, m)).collect(),
            dashed: false,
        },
    ]
}

/// The fan charts of each stage with any queue or wait: `fan_queue_<stage>` and `fan_wait_<stage>`.
fn charts(result: &ForecastResult, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (s, stage) in result.stages.iter().enumerate() {
        let busy = result.variants.iter().any(|v| v.queue_fan[s].iter().flatten().any(|b| b.p95 > 0.0));
        if !busy {
            continue;
        }
        let step = SimTime(MS_PER_MIN);
        let queue = Figure {
            title: format!("Forecast queue at {stage} from {}", result.from),
            x_label: "time of day".into(),
            y_label: "waiting (replication quantiles)".into(),
            x_axis: XAxis::Clock,
            y_axis: YAxis::Count,
            layers: result
                .variants
                .iter()
                .flat_map(|v| fan_layers(v, &v.queue_fan[s], |i| hours(result.from, step, i)))
                .collect(),
        };
        let wait = Figure {
            title: format!("Forecast wait at {stage} (services started per {} min)", result.bin.0 / MS_PER_MIN),
            x_label: "time of day".into(),
            y_label: "mean wait, s (replication quantiles)".into(),
            x_axis: XAxis::Clock,
            y_axis: YAxis::Number,
            layers: result
                .variants
                .iter()
                .flat_map(|v| fan_layers(v, &v.wait_fan[s], |i| hours(result.from, result.bin, i + 1)))
                .collect(),
        };
        for (figure, stem) in [(queue, format!("fan_queue_{stage}")), (wait, format!("fan_wait_{stage}"))] {
            figure.save(dir, &stem)?;
            written.push(dir.join(format!("{stem}.svg")));
        }
    }
    Ok(written)
}

/// Writes every file of the forecast into `dir`; returns their paths.
pub fn write(result: &ForecastResult, dir: &Path, scenario: &str, snapshot: &str) -> std::io::Result<Vec<PathBuf>> {
    let json = serde_json::to_vec_pretty(&json(result, scenario, snapshot)).map_err(std::io::Error::other)?;
    let files = vec![
        (dir.join("forecast.json"), json),
        (dir.join("fan.csv"), fan_csv(result).into_bytes()),
        (dir.join("replications.csv"), replications_csv(result).into_bytes()),
    ];
    write_all_atomic(&files)?;
    let mut written: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
    written.extend(charts(result, dir)?);
    Ok(written)
}

/// The forecast as a table for the terminal.
pub fn table(result: &ForecastResult) -> String {
    let mut out = format!(
        "forecast from {} to {}, {} replications per variant{}\n",
        result.from,
        result.until,
        result.seeds.len(),
        if result.seeds.iter().all(Option::is_none) {
            " (not reseeded)"
        } else {
            ""
        }
    );
    for v in &result.variants {
        out.push_str(&format!("\nvariant {}\n", v.name));
        for t in &v.targets {
            out.push_str(&format!(
                "  P(target {}: {:.0}% within {} min) = {:.2}  [95% Wilson {:.2}–{:.2}]  ({} of {})\n",
                t.what,
                t.required_share * 100.0,
                t.within_min,
                t.met.estimate,
                t.met.low,
                t.met.high,
                t.met.successes,
                t.met.trials
            ));
        }
        for (s, stage) in result.stages.iter().enumerate() {
            let peak = v.queue_fan[s].iter().flatten().map(|b| b.p50).fold(0.0, f64::max);
            let peak95 = v.queue_fan[s].iter().flatten().map(|b| b.p95).fold(0.0, f64::max);
            if peak95 > 0.0 {
                out.push_str(&format!("  queue {stage}: peak median {peak:.0}, peak 95% quantile {peak95:.0}\n"));
            }
        }
        if let Some(first) = v.replications.first() {
            out.push_str(&format!("  digest at {} (replication 0): {}\n", result.until, first.digest));
        }
    }
    out
}
