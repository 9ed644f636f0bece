//! The report of a sweep: KPI against factor with 95% CI bars, the paired comparison table, failures.

use std::path::Path;

use super::chart::{Figure, Layer, XAxis, YAxis, save_grid};
use super::html::{Page, number};
use super::output::write_atomic;
use super::run::file_stem;
use crate::sweep::plan::PlanFile;
use crate::sweep::rows::{RunRow, Status};
use crate::sweep::statistics::{Comparison, KpiEstimate};

/// KPI charts drawn together in one image (small multiples).
const PANELS_PER_CHART: usize = 6;

/// Charts per row of such an image.
const PANEL_COLUMNS: usize = 2;

/// Variants side by side in one table of KPIs.
const VARIANTS_PER_TABLE: usize = 4;

/// Writes `index.html` and the KPI charts, six to an image, into a sweep folder.
pub fn write(dir: &Path, file: &PlanFile, rows: &[RunRow], estimates: &[KpiEstimate], comparisons: &[Comparison]) -> std::io::Result<()> {
    let failed: Vec<&RunRow> = rows.iter().filter(|r| r.status == Status::Failed).collect();
    let mut page = Page::new(
        &format!("{} — sweep report", file.name),
        &format!(
            "base {} · {} variants × {} replications · seed {} · porttwin {} · fingerprint {}",
            file.base,
            file.variants.len(),
            file.replications,
            file.seed,
            file.porttwin_version,
            file.fingerprint
        ),
    );
    let significant = comparisons.iter().filter(|c| c.significant()).count();
    let fixed = comparisons.iter().filter(|c| c.fixed_by_variant).count();
    let mut summary = vec![format!(
        "{} runs finished, {} failed. Every variant's replication k used the same random numbers (common random numbers), so differences below are paired.",
        rows.len() - failed.len(),
        failed.len()
    )];
    if !comparisons.is_empty() {
        let set = if fixed > 0 {
            format!(" ({fixed} more are set by the variant itself, the same in every replication, and not counted)")
        } else {
            String::new()
        };
        summary.push(format!(
            "Against the baseline \"{}\", {significant} of {} KPI differences are significant at the 5% level{set}.",
            file.baseline,
            comparisons.len() - fixed
        ));
    }
    if let Some(p) = file.precision {
        let widest = estimates
            .iter()
            .filter(|e| e.kpi == p.kpi)
            .map(|e| e.estimate.half_width)
            .fold(0.0, f64::max);
        summary.push(format!(
            "Precision target: 95% CI half-width of {} at most {} (widest now {}).",
            file.kpis[p.kpi],
            number(p.half_width),
            number(widest)
        ));
    }
    if let Some(choice) = crate::sweep::choice::choose(file, estimates, rows) {
        let sentence = crate::sweep::choice::sentence(file, &choice);
        summary.push(format!("{}{}.", sentence[..1].to_uppercase(), &sentence[1..]));
    }
    page.summary(&summary);

    page.heading("KPIs by variant (mean ± 95% CI half-width)");
    let figures: Vec<Figure> = (0..file.kpis.len()).map(|k| kpi_figure(file, estimates, k)).collect();
    for (g, group) in figures.chunks(PANELS_PER_CHART).enumerate() {
        let first = g * PANELS_PER_CHART;
        let names = file.kpis[first..first + group.len()].join(", ");
        if let [figure] = group {
            let stem = format!("kpi-{first:02}-{}", file_stem(&file.kpis[first]));
            figure.save(dir, &stem)?;
            page.figure(&stem, &format!("{names}: mean and 95% confidence interval per variant"));
        } else {
            let stem = format!("kpis-{:02}-{:02}", first, first + group.len() - 1);
            save_grid(group, PANEL_COLUMNS, dir, &stem)?;
            page.figure(&stem, &format!("Mean and 95% confidence interval per variant: {names}"));
        }
    }
    // One row per KPI and at most a few variants per table, so that the page never grows wide.
    let of = |v: usize, k: usize| estimates.iter().find(|e| e.variant == v && e.kpi == k).map(|e| e.estimate);
    let variants: Vec<usize> = (0..file.variants.len()).collect();
    for chunk in variants.chunks(VARIANTS_PER_TABLE) {
        let names: Vec<String> = chunk
            .iter()
            .map(|&v| format!("{} ({} runs)", file.variants[v].name, of(v, 0).map_or(0, |e| e.n)))
            .collect();
        let mut headers = vec!["KPI"];
        headers.extend(names.iter().map(String::as_str));
        let table: Vec<Vec<String>> = file
            .kpis
            .iter()
            .enumerate()
            .map(|(k, kpi)| {
                let mut row = vec![kpi.clone()];
                row.extend(
                    chunk
                        .iter()
                        .map(|&v| of(v, k).map_or("–".into(), |e| format!("{} ± {}", number(e.mean), number(e.half_width)))),
                );
                row
            })
            .collect();
        page.table(&headers, &table);
    }

    if !comparisons.is_empty() {
        page.heading(&format!("Paired comparison with \"{}\"", file.baseline));
        page.paragraph("Difference = variant − baseline, replication by replication; significant when the 95% CI excludes zero.");
        let table: Vec<Vec<String>> = comparisons
            .iter()
            .map(|c| {
                let d = c.difference;
                vec![
                    file.variants[c.variant].name.clone(),
                    file.kpis[c.kpi].clone(),
                    d.n.to_string(),
                    number(d.mean),
                    format!("[{}, {}]", number(d.low()), number(d.high())),
                    if c.fixed_by_variant {
                        "set by the variant".into()
                    } else if c.significant() {
                        "yes".into()
                    } else {
                        "no".into()
                    },
                ]
            })
            .collect();
        page.table(&["variant", "KPI", "pairs", "mean difference", "95% CI", "significant"], &table);
    }
    if !failed.is_empty() {
        page.heading("Failed runs");
        let table: Vec<Vec<String>> = failed
            .iter()
            .map(|r| vec![r.variant.clone(), r.replication.to_string(), r.seed.to_string(), r.error.clone()])
            .collect();
        page.table(&["variant", "replication", "seed", "error"], &table);
    }
    write_atomic(
        &dir.join("index.html"),
        page.finish(&format!("{} — porttwin sweep", file.name)).as_bytes(),
    )
}

/// A mean with its interval at x: (x, mean, low, high).
type Interval = (f64, f64, f64, f64);

/// KPI `k` against the first factor when its values are numbers (one line per setting of the
/// other factors), else against the variants in order.
fn kpi_figure(file: &PlanFile, estimates: &[KpiEstimate], k: usize) -> Figure {
    let numeric: Option<Vec<f64>> = file.factors.first().and_then(|factor| {
        file.variants
            .iter()
            .map(|v| v.value_of(factor).and_then(|x| x.trim().parse::<f64>().ok()))
            .collect()
    });
    let point = |v: usize, x: f64| {
        estimates
            .iter()
            .find(|e| e.variant == v && e.kpi == k)
            .filter(|e| e.estimate.n > 0)
            .map(|e| {
                let hw = if e.estimate.half_width.is_finite() {
                    e.estimate.half_width
                } else {
                    0.0
                };
                (x, e.estimate.mean, e.estimate.mean - hw, e.estimate.mean + hw)
            })
    };
    let (x_axis, x_label, layers) = match numeric {
        Some(xs) => {
            let mut groups: Vec<(String, Vec<Interval>)> = Vec::new();
            for (v, variant) in file.variants.iter().enumerate() {
                let others: Vec<String> = file.factors[1..]
                    .iter()
                    .map(|f| format!("{f}={}", variant.value_of(f).unwrap_or("base")))
                    .collect();
                let name = if others.is_empty() {
                    "mean ± 95% CI".to_string()
                } else {
                    others.join(" ")
                };
                let Some(p) = point(v, xs[v]) else { continue };
                match groups.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, points)) => points.push(p),
                    None => groups.push((name, vec![p])),
                }
            }
            // Lines side by side, a little apart, so that equal values stay visible.
            let span = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max) - xs.iter().copied().fold(f64::INFINITY, f64::min);
            let step = if span > 0.0 { span * 0.012 } else { 0.05 };
            let middle = (groups.len() as f64 - 1.0) / 2.0;
            let layers = groups
                .into_iter()
                .enumerate()
                .map(|(g, (name, mut points))| {
                    let shift = (g as f64 - middle) * step;
                    points.iter_mut().for_each(|p| p.0 += shift);
                    points.sort_by(|a, b| a.0.total_cmp(&b.0));
                    Layer::Intervals { name, points }
                })
                .collect();
            (XAxis::Number, file.factors[0].clone(), layers)
        }
        None => {
            let points = (0..file.variants.len()).filter_map(|v| point(v, v as f64)).collect();
            (
                XAxis::Categories(file.variants.iter().map(|v| v.name.clone()).collect()),
                "variant".to_string(),
                vec![Layer::Intervals {
                    name: "mean ± 95% CI".into(),
                    points,
                }],
            )
        }
    };
    Figure {
        title: file.kpis[k].clone(),
        x_label,
        y_label: unit_of(&file.kpis[k]).into(),
        x_axis,
        y_axis: YAxis::Number,
        layers,
    }
}

/// The unit of a KPI, from its name.
fn unit_of(kpi: &str) -> &'static str {
    if kpi.contains("_s.") || kpi.ends_with("_s") {
        "seconds"
    } else if kpi.ends_with("utilisation") {
        "share of on-duty time (0–1)"
    } else if kpi.ends_with("hours") {
        "hours"
    } else {
        "count"
    }
}
