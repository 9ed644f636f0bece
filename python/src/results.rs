//! A run's result as plain Python objects: the summary as `summary.json` text, the series and
//! the wait histograms as columns (the Python layer makes DataFrames of them).
//!
//! A numeric column travels as `(type code, bytes)`, the machine's native layout with the type
//! codes of Python's `array` module (`"I"` u32, `"Q"` u64, `"d"` f64), so numpy reads it without
//! a Python object per value; a text column is a list of `str`.

use porttwin::metrics::summary::RunResult;
use porttwin::sim::time::SimTime;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

/// A numeric column: its values in native byte order, and their `array` type code.
trait Column {
    /// The `array` module's type code.
    const CODE: &'static str;
    /// The value's native bytes.
    fn bytes(&self) -> impl Iterator<Item = u8>;
}

impl Column for u32 {
    const CODE: &'static str = "I";
    fn bytes(&self) -> impl Iterator<Item = u8> {
        self.to_ne_bytes().into_iter()
    }
}

impl Column for u64 {
    const CODE: &'static str = "Q";
    fn bytes(&self) -> impl Iterator<Item = u8> {
        self.to_ne_bytes().into_iter()
    }
}

impl Column for f64 {
    const CODE: &'static str = "d";
    fn bytes(&self) -> impl Iterator<Item = u8> {
        self.to_ne_bytes().into_iter()
    }
}

/// Sets `columns[name]` to `(type code, bytes)`.
fn numeric<T: Column>(columns: &Bound<'_, PyDict>, name: &str, values: &[T]) -> PyResult<()> {
    let bytes: Vec<u8> = values.iter().flat_map(Column::bytes).collect();
    columns.set_item(name, (T::CODE, PyBytes::new(columns.py(), &bytes)))
}

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
    numeric(&columns, "time_s", &s.time_s)?;
    let clock: Vec<String> = s.time_s.iter().map(|t| SimTime(t * 1000).to_string()).collect();
    columns.set_item("clock", clock)?;
    numeric(&columns, "in_system", &s.in_system)?;
    for (name, column) in result.stage_names.iter().zip(&s.queue) {
        numeric(&columns, &format!("{name}.queue"), column)?;
    }
    for ((name, busy), staffed) in result.pool_names.iter().zip(&s.busy).zip(&s.staffed) {
        numeric(&columns, &format!("{name}.busy"), busy)?;
        numeric(&columns, &format!("{name}.staffed"), staffed)?;
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
    numeric(&columns, "low_s", &low)?;
    numeric(&columns, "high_s", &high)?;
    numeric(&columns, "count", &count)?;
    Ok(columns)
}
