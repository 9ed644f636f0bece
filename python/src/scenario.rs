//! A validated scenario held for Python: its text (so overrides can rewrite it, as a sweep does)
//! and the checked model.

use std::path::PathBuf;
use std::sync::Arc;

use porttwin::scenario::model::Fidelity;
use porttwin::sweep::overrides::{self, Origin, Override};
use pyo3::prelude::*;

use crate::errors;

/// A validated scenario (`porttwin.load`). Immutable: `with_overrides` makes a new one.
#[pyclass(frozen, module = "porttwin._porttwin", name = "Scenario")]
pub struct Scenario {
    /// The file it was read from, as given.
    pub file: String,
    /// Its RON text, overrides applied.
    pub text: String,
    /// The checked model.
    pub model: Arc<porttwin::scenario::Scenario>,
}

/// The file named in errors from overrides given in Python.
const OVERRIDES: &str = "overrides";

impl Scenario {
    /// `self` with `(path, RON value)` overrides applied and validated; errors are located at
    /// the override (`field` is its path).
    pub fn overridden(&self, py: Python<'_>, pairs: &[(String, String)], what: &str) -> PyResult<Scenario> {
        let list: Vec<Override> = pairs
            .iter()
            .map(|(path, value)| Override {
                path: path.clone(),
                value: value.clone(),
                origin: Origin {
                    file: OVERRIDES.into(),
                    line: 1,
                    column: 1,
                    path: path.clone(),
                },
            })
            .collect();
        let model = overrides::apply(&self.text, &self.file, what, &list).map_err(|d| errors::overrides(py, &d))?;
        let mut text = self.text.clone();
        for o in &list {
            text = overrides::rewrite(&text, o)
                .map_err(|(message, _)| errors::located(py, &[], message))?
                .0;
        }
        Ok(Scenario {
            file: self.file.clone(),
            text,
            model: Arc::new(model),
        })
    }
}

#[pymethods]
impl Scenario {
    /// The scenario's `meta.name`.
    #[getter]
    fn name(&self) -> &str {
        &self.model.meta.name
    }

    /// The file it was read from.
    #[getter]
    fn path(&self) -> PathBuf {
        PathBuf::from(&self.file)
    }

    /// Its RON text, with any overrides applied (write it to a file to run it with the CLI).
    #[getter]
    fn text(&self) -> &str {
        &self.text
    }

    /// The scenario's own seed (`meta.seed`), used when a run is given none.
    #[getter]
    fn seed(&self) -> u64 {
        self.model.meta.seed
    }

    /// Simulated duration, seconds.
    #[getter]
    fn duration_s(&self) -> f64 {
        self.model.meta.duration.as_secs_f64()
    }

    /// `"flow"` or `"micro"`.
    #[getter]
    fn fidelity(&self) -> &'static str {
        match self.model.meta.fidelity {
            Fidelity::Micro => "micro",
            _ => "flow",
        }
    }

    /// Stage names, in series column order.
    #[getter]
    fn stages(&self) -> Vec<String> {
        self.model.stages.iter().map(|s| s.name.clone()).collect()
    }

    /// Pool names, in series column order.
    #[getter]
    fn pools(&self) -> Vec<String> {
        self.model.pools.iter().map(|p| p.name.clone()).collect()
    }

    /// Source names (the `demand` entries).
    #[getter]
    fn sources(&self) -> Vec<String> {
        self.model.sources.iter().map(|s| s.name.clone()).collect()
    }

    /// A new scenario with `(field path, RON value)` pairs applied, validated like a sweep variant.
    fn with_overrides(&self, py: Python<'_>, pairs: Vec<(String, String)>) -> PyResult<Scenario> {
        self.overridden(py, &pairs, "overrides")
    }

    fn __repr__(&self) -> String {
        format!("<porttwin.Scenario {} from {}>", self.model.meta.name, self.file)
    }
}

/// Reads and validates a scenario file.
#[pyfunction]
pub fn load(py: Python<'_>, path: PathBuf) -> PyResult<Scenario> {
    let file = path.display().to_string();
    let text = porttwin::scenario::text_file::read(&path).map_err(|source| {
        errors::scenario(
            py,
            &porttwin::scenario::ScenarioError::Read {
                file: file.clone(),
                source,
            },
        )
    })?;
    let model = porttwin::scenario::parse(&text, &file).map_err(|e| errors::scenario(py, &e))?;
    Ok(Scenario {
        file,
        text,
        model: Arc::new(model),
    })
}
