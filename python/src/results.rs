//! A run's result as plain Python objects: the summary as `summary.json` text, the series and
//! the wait histograms as columns (the Python layer makes DataFrames of them).

use porttwin::metrics::summary::RunResult;
use porttwin::sim::time::SimTime;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// `{"summary_json", "series", "waits", "digest", "run_s"}` of a finished run; `run_s` is the
/// wall-clock time of the Rust run alone.
pub fn to_dict<'py>(py: Python<'py>, result: &RunResult, run_s: f64) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    let summary = serde_json::to_string(&result.summary).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    out.set_item("summary_json", summary)?;
    out.set_item("series", series(py, result)?)?;
    out.set_item("waits", waits(py, result)?)?;
    out.set_item("digest", &result.summary.digest)?;
    out.set_item("run_s", run_s)?;
    Ok(out)
}

/// The columns of `series.csv`: `time_s`, `clock`, `in_system`, `<stage>.queue`…,
/// `<pool>.busy`, `<pool>.staffed`….
fn series<'py>(py: Python<'py>, result: &RunResult) -> PyResult<Bound<'py, PyDict>> {
    let s = &result.series;
    let columns = PyDict::new(py);
    columns.set_item("time_s", &s.time_s)?;
    let clock: Vec<String> = s.time_s.iter().map(|t| SimTime(t * 1000).to_string()).collect();
    columns.set_item("clock", clock)?;
    columns.set_item("in_system", &s.in_system)?;
    for (name, column) in result.stage_names.iter().zip(&s.queue) {
        columns.set_item(format!("{name}.queue"), column)?;
    }
    for ((name, busy), staffed) in result.pool_names.iter().zip(&s.busy).zip(&s.staffed) {
        columns.set_item(format!("{name}.busy"), busy)?;
        columns.set_item(format!("{name}.staffed"), staffed)?;
    }
    Ok(columns)
}

/// The columns of `waits.csv`: `stage`, `low_s`, `high_s`, `count` (non-empty buckets only).
fn waits<'py>(py: Python<'py>, result: &RunResult) -> PyResult<Bound<'py, PyDict>> {
    let (mut stage, mut low, mut high, mut count) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (name, histogram) in result.stage_names.iter().zip(&result.wait_histograms) {
        for (l, h, c) in histogram.buckets() {
            stage.push(name.clone());
            low.push(l);
            high.push(h);
            count.push(c);
        }
    }
    let columns = PyDict::new(py);
    columns.set_item("stage", stage)?;
    columns.set_item("low_s", low)?;
    columns.set_item("high_s", high)?;
    columns.set_item("count", count)?;
    Ok(columns)
}
