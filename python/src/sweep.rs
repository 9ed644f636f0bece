//! Sweeps from Python: a spec file or spec text, run on the sweep worker pool with the GIL
//! released, returned as columns of runs, estimates and paired comparisons.

use std::path::PathBuf;

use porttwin::sweep::plan::PlanFile;
use porttwin::sweep::rows::{RunRow, Status};
use porttwin::sweep::statistics::{comparisons, estimates};
use porttwin::sweep::{SweepOptions, SweepPlan};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors;
use crate::scenario::Scenario;

/// Runs a sweep given by `path` (a spec file) or by `text` (spec text; `file` names it in errors
/// and `dir` anchors its relative `base`). `base` replaces the spec's base scenario by a loaded
/// one; `out` runs it into a folder as `porttwin sweep --out` does (needed for a `precision`
/// target), else in memory.
#[pyfunction]
#[pyo3(signature = (path=None, text=None, file=None, dir=None, base=None, workers=1, out=None))]
#[allow(clippy::too_many_arguments)]
pub fn sweep<'py>(
    py: Python<'py>,
    path: Option<PathBuf>,
    text: Option<String>,
    file: Option<String>,
    dir: Option<PathBuf>,
    base: Option<&Scenario>,
    workers: usize,
    out: Option<PathBuf>,
) -> PyResult<Bound<'py, PyDict>> {
    let mut spec = match (path, text) {
        (Some(path), None) => porttwin::sweep::spec::load(&path),
        (None, Some(text)) => porttwin::sweep::spec::parse(&text, file.as_deref().unwrap_or("sweep"), &dir.unwrap_or_default()),
        _ => return Err(PyValueError::new_err("give a spec file or spec text, not both")),
    }
    .map_err(|e| errors::sweep(py, &e))?;
    if let Some(base) = base {
        spec.base_file = base.file.clone();
        spec.base_text = base.text.clone();
    }
    let plan = SweepPlan::new(&spec).map_err(|e| errors::sweep(py, &e))?;
    let workers = workers.max(1);
    let rows = match out {
        Some(out) => {
            let options = SweepOptions {
                workers,
                resume: false,
                shard: None,
            };
            py.detach(|| porttwin::sweep::run(&plan, &out, &options, &mut |_| {}))
                .map_err(|e| errors::sweep(py, &e))?
                .rows
        }
        None if plan.file.precision.is_some() => {
            return Err(PyValueError::new_err(
                "a sweep with a `precision` target decides its replications as it goes and keeps them in a folder: give `out`",
            ));
        }
        None => py.detach(|| porttwin::sweep::execute::run_in_memory(&plan, workers)),
    };
    let result = PyDict::new(py);
    result.set_item("name", &plan.file.name)?;
    result.set_item("kpis", &plan.file.kpis)?;
    result.set_item("factors", &plan.file.factors)?;
    result.set_item("baseline", &plan.file.baseline)?;
    result.set_item("runs", runs(py, &plan.file, &rows)?)?;
    result.set_item("estimates", estimate_columns(py, &plan.file, &rows)?)?;
    result.set_item("paired", paired_columns(py, &plan.file, &rows)?)?;
    Ok(result)
}

/// One column per `runs.csv` field, plus each factor's value (RON text) per run.
fn runs<'py>(py: Python<'py>, file: &PlanFile, rows: &[RunRow]) -> PyResult<Bound<'py, PyDict>> {
    let columns = PyDict::new(py);
    columns.set_item("variant", rows.iter().map(|r| r.variant.as_str()).collect::<Vec<_>>())?;
    columns.set_item("replication", rows.iter().map(|r| r.replication).collect::<Vec<_>>())?;
    columns.set_item("seed", rows.iter().map(|r| r.seed).collect::<Vec<_>>())?;
    let status = |r: &RunRow| if r.status == Status::Ok { "ok" } else { "failed" };
    columns.set_item("status", rows.iter().map(status).collect::<Vec<_>>())?;
    for factor in &file.factors {
        let values: Vec<Option<&str>> = rows
            .iter()
            .map(|r| file.variant_index(&r.variant).and_then(|v| file.variants[v].value_of(factor)))
            .collect();
        columns.set_item(factor, values)?;
    }
    for (k, kpi) in file.kpis.iter().enumerate() {
        columns.set_item(kpi, rows.iter().map(|r| r.kpis[k]).collect::<Vec<_>>())?;
    }
    columns.set_item("digest", rows.iter().map(|r| r.digest.as_str()).collect::<Vec<_>>())?;
    columns.set_item("error", rows.iter().map(|r| r.error.as_str()).collect::<Vec<_>>())?;
    Ok(columns)
}

/// The columns of `summary.csv`: variant, kpi, n, mean, sd, ci95_low, ci95_high, half_width.
fn estimate_columns<'py>(py: Python<'py>, file: &PlanFile, rows: &[RunRow]) -> PyResult<Bound<'py, PyDict>> {
    let all = estimates(file, rows);
    let columns = PyDict::new(py);
    columns.set_item(
        "variant",
        all.iter().map(|e| file.variants[e.variant].name.as_str()).collect::<Vec<_>>(),
    )?;
    columns.set_item("kpi", all.iter().map(|e| file.kpis[e.kpi].as_str()).collect::<Vec<_>>())?;
    columns.set_item("n", all.iter().map(|e| e.estimate.n).collect::<Vec<_>>())?;
    columns.set_item("mean", all.iter().map(|e| e.estimate.mean).collect::<Vec<_>>())?;
    columns.set_item("sd", all.iter().map(|e| e.estimate.sd).collect::<Vec<_>>())?;
    columns.set_item("ci95_low", all.iter().map(|e| e.estimate.low()).collect::<Vec<_>>())?;
    columns.set_item("ci95_high", all.iter().map(|e| e.estimate.high()).collect::<Vec<_>>())?;
    columns.set_item("half_width", all.iter().map(|e| e.estimate.half_width).collect::<Vec<_>>())?;
    Ok(columns)
}

/// The columns of `paired.csv`: each variant minus the baseline under common random numbers.
fn paired_columns<'py>(py: Python<'py>, file: &PlanFile, rows: &[RunRow]) -> PyResult<Bound<'py, PyDict>> {
    let all = comparisons(file, rows);
    let columns = PyDict::new(py);
    columns.set_item(
        "variant",
        all.iter().map(|c| file.variants[c.variant].name.as_str()).collect::<Vec<_>>(),
    )?;
    columns.set_item("baseline", all.iter().map(|_| file.baseline.as_str()).collect::<Vec<_>>())?;
    columns.set_item("kpi", all.iter().map(|c| file.kpis[c.kpi].as_str()).collect::<Vec<_>>())?;
    columns.set_item("n", all.iter().map(|c| c.difference.n).collect::<Vec<_>>())?;
    columns.set_item("mean_difference", all.iter().map(|c| c.difference.mean).collect::<Vec<_>>())?;
    columns.set_item("sd_difference", all.iter().map(|c| c.difference.sd).collect::<Vec<_>>())?;
    columns.set_item("ci95_low", all.iter().map(|c| c.difference.low()).collect::<Vec<_>>())?;
    columns.set_item("ci95_high", all.iter().map(|c| c.difference.high()).collect::<Vec<_>>())?;
    columns.set_item("significant", all.iter().map(|c| c.difference.excludes_zero()).collect::<Vec<_>>())?;
    Ok(columns)
}
