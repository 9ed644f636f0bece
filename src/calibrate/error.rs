//! Why a calibration could not run.

use crate::scenario::{Diagnostic, ScenarioError};

/// A calibration error; [`CalibrateError::is_bad_input`] tells the CLI's exit code.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CalibrateError {
    /// A file could not be read.
    #[error("{0}")]
    Read(String),
    /// The spec could not be parsed.
    #[error("{0}")]
    Scenario(#[from] ScenarioError),
    /// The spec is inconsistent (located problems).
    #[error("{}", .0.iter().map(Diagnostic::to_string).collect::<Vec<_>>().join("\n"))]
    Spec(Vec<Diagnostic>),
    /// A simulation failed.
    #[error("a calibration run failed: {0}")]
    Run(String),
}

impl CalibrateError {
    /// True for mistakes in the user's input (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, CalibrateError::Run(_))
    }
}
