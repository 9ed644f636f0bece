//! One headless run, with the GIL released while it runs.

use std::sync::Arc;
use std::time::Instant;

use porttwin::{RunOptions, Seed, run_headless};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::RunError;
use crate::results;
use crate::scenario::Scenario;

/// Runs `scenario` to its end with `seed` (default: the scenario's own) exactly as
/// `porttwin run` does; other Python threads run meanwhile.
#[pyfunction]
#[pyo3(signature = (scenario, seed=None))]
pub fn run<'py>(py: Python<'py>, scenario: &Scenario, seed: Option<u64>) -> PyResult<Bound<'py, PyDict>> {
    let model = Arc::clone(&scenario.model);
    let seed = Seed(seed.unwrap_or(model.meta.seed));
    let (result, run_s) = py.detach(move || {
        let started = Instant::now();
        let result = run_headless(&model, seed, &RunOptions::default());
        (result, started.elapsed().as_secs_f64())
    });
    let result = result.map_err(|e| RunError::new_err(e.to_string()))?;
    results::to_dict(py, &result, run_s)
}
