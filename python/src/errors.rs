//! Python exceptions: located input errors and failed runs.

use porttwin::scenario::Diagnostic;
use porttwin::scenario::ScenarioError as LoadError;
use porttwin::sweep::SweepError;
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

pyo3::create_exception!(
    _porttwin,
    ScenarioError,
    PyValueError,
    "A scenario, override, incident or sweep spec that is malformed or inconsistent.\n\n\
     `problems` lists every located problem as a dict (file, line, column, field, message, hint);\n\
     the first one's keys are also attributes of the exception."
);

pyo3::create_exception!(
    _porttwin,
    RunError,
    PyRuntimeError,
    "A run that started but could not finish (a model that failed to load or infer, a limit reached)."
);

/// The exception for located problems: `problems`, and the first problem's keys as attributes.
pub fn located(py: Python<'_>, diagnostics: &[Diagnostic], message: String) -> PyErr {
    let error = ScenarioError::new_err(message);
    if let Err(e) = fill(py, &error, diagnostics) {
        return e;
    }
    error
}

fn fill(py: Python<'_>, error: &PyErr, diagnostics: &[Diagnostic]) -> PyResult<()> {
    let value = error.value(py);
    let problems = PyList::empty(py);
    for d in diagnostics {
        let problem = PyDict::new(py);
        problem.set_item("file", &d.file)?;
        problem.set_item("line", d.line)?;
        problem.set_item("column", d.column)?;
        problem.set_item("field", &d.path)?;
        problem.set_item("message", &d.message)?;
        problem.set_item("hint", d.hint.as_deref())?;
        problems.append(problem)?;
    }
    value.setattr("problems", &problems)?;
    let first = diagnostics.first();
    value.setattr("file", first.map(|d| d.file.as_str()))?;
    value.setattr("line", first.map(|d| d.line))?;
    value.setattr("column", first.map(|d| d.column))?;
    value.setattr("field", first.map(|d| d.path.as_str()))?;
    value.setattr("hint", first.and_then(|d| d.hint.as_deref()))?;
    Ok(())
}

/// A scenario that could not be read (an `OSError`) or is invalid (an [`ScenarioError`]).
pub fn scenario(py: Python<'_>, error: &LoadError) -> PyErr {
    match error {
        LoadError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(error.to_string()),
        LoadError::Read { .. } => PyOSError::new_err(error.to_string()),
        _ => located(py, error.diagnostics(), error.to_string()),
    }
}

/// Diagnostics from applying overrides.
pub fn overrides(py: Python<'_>, diagnostics: &[Diagnostic]) -> PyErr {
    let text: Vec<String> = diagnostics.iter().map(Diagnostic::to_string).collect();
    located(py, diagnostics, text.join("\n"))
}

/// A sweep error: bad input located, or a failure writing its folder.
pub fn sweep(py: Python<'_>, error: &SweepError) -> PyErr {
    match error {
        SweepError::Scenario(e) => scenario(py, e),
        SweepError::Spec(diagnostics) => located(py, diagnostics, error.to_string()),
        SweepError::Write { .. } => PyOSError::new_err(error.to_string()),
        _ => PyValueError::new_err(error.to_string()),
    }
}
