//! `porttwin._porttwin`, the extension module of the Python package (docs/python.md): loading
//! scenarios with located errors, headless runs and sweeps with the GIL released, runs
//! stepped from Python, and the twin's snapshots, forecasts and calibration. The pure-Python layer (`python/porttwin/`) turns its plain columns into
//! DataFrames.

mod errors;
mod results;
mod run;
mod scenario;
mod simulation;
mod sweep;
mod twin;
mod view;

use pyo3::prelude::*;

/// The extension module.
#[pymodule]
fn _porttwin(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ScenarioError", py.get_type::<errors::ScenarioError>())?;
    m.add("RunError", py.get_type::<errors::RunError>())?;
    m.add("SnapshotError", py.get_type::<twin::SnapshotError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<scenario::Scenario>()?;
    m.add_class::<simulation::Stepped>()?;
    m.add_function(wrap_pyfunction!(scenario::load, m)?)?;
    m.add_function(wrap_pyfunction!(run::run, m)?)?;
    m.add_function(wrap_pyfunction!(sweep::sweep, m)?)?;
    m.add_function(wrap_pyfunction!(twin::snapshot_envelope, m)?)?;
    m.add_function(wrap_pyfunction!(twin::forecast, m)?)?;
    m.add_function(wrap_pyfunction!(twin::calibrate, m)?)?;
    Ok(())
}
