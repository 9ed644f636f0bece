//! `porttwin._porttwin`, the extension module of the Python package (docs/python.md): loading
//! scenarios with located errors, headless runs and sweeps with the GIL released, and runs
//! stepped from Python. The pure-Python layer (`python/porttwin/`) turns its plain columns into
//! DataFrames.

mod errors;
mod results;
mod run;
mod scenario;
mod simulation;
mod sweep;
mod view;

use pyo3::prelude::*;

/// The extension module.
#[pymodule]
fn _porttwin(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ScenarioError", py.get_type::<errors::ScenarioError>())?;
    m.add("RunError", py.get_type::<errors::RunError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<scenario::Scenario>()?;
    m.add_class::<simulation::Stepped>()?;
    m.add_function(wrap_pyfunction!(scenario::load, m)?)?;
    m.add_function(wrap_pyfunction!(run::run, m)?)?;
    m.add_function(wrap_pyfunction!(sweep::sweep, m)?)?;
    Ok(())
}
