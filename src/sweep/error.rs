//! Why a sweep could not be planned, run, resumed or merged.

use crate::scenario::{Diagnostic, ScenarioError};

/// A sweep error. [`SweepError::is_bad_input`] tells the CLI's exit code.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SweepError {
    /// The spec or the base scenario could not be read or parsed.
    #[error("{0}")]
    Scenario(#[from] ScenarioError),
    /// The spec is malformed or inconsistent (located problems).
    #[error("{}", render(.0))]
    Spec(Vec<Diagnostic>),
    /// A file of the sweep folder is missing, unreadable or does not match the plan.
    #[error("{path}: {message}")]
    Folder {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// Planned runs are missing from the folders being merged (a shard did not finish or was not given).
    #[error("{missing} of {planned} planned runs are missing{}", incomplete_detail(.shards))]
    Incomplete {
        /// Planned runs not found in any folder.
        missing: usize,
        /// Runs the plan asks for.
        planned: usize,
        /// The shards (`i/n`) that owe runs, when the folders were sharded.
        shards: Vec<String>,
    },
    /// Writing the sweep's files failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: String,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl SweepError {
    /// True for mistakes in the user's input (exit code 2), false for failures while running (exit code 1).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, SweepError::Write { .. } | SweepError::Incomplete { .. })
    }

    /// A folder error.
    pub(crate) fn folder(path: impl AsRef<std::path::Path>, message: impl Into<String>) -> Self {
        SweepError::Folder {
            path: path.as_ref().display().to_string(),
            message: message.into(),
        }
    }

    /// A write error.
    pub(crate) fn write(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        SweepError::Write {
            path: path.as_ref().display().to_string(),
            source,
        }
    }
}

fn incomplete_detail(shards: &[String]) -> String {
    let rerun = match shards {
        [] => String::new(),
        [one] => format!(" (shard {one} owes them: rerun it with `porttwin sweep SPEC --shard {one} --resume --out ITS_FOLDER`)"),
        many => format!(
            " (shards {} owe them: rerun each with `porttwin sweep SPEC --shard i/n --resume --out ITS_FOLDER`)",
            many.join(", ")
        ),
    };
    format!("{rerun}; merge nothing until they are there, or pass --allow-partial to merge what is")
}

fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(Diagnostic::to_string).collect::<Vec<_>>().join("\n")
}
