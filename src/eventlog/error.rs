//! Errors reading an event log: the file, the line and the field of each problem.

use std::fmt;

/// One problem in a log, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogProblem {
    /// The log file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The field (`time`, `data.stage`), or empty for the line as a whole.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LogProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}:{}: `{}`: {}", self.file, self.line, self.field, self.message)
        }
    }
}

/// Why a log cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LogError {
    /// The file cannot be read.
    #[error("cannot read event log {file}: {message}")]
    Read {
        /// The file.
        file: String,
        /// Why.
        message: String,
    },
    /// Lines that are malformed, out of order, duplicated or name what the scenario lacks.
    #[error("{}", list(.0))]
    Invalid(Vec<LogProblem>),
}

/// Most problems listed before the rest are counted.
pub const MAX_LISTED: usize = 20;

fn list(problems: &[LogProblem]) -> String {
    let mut text: Vec<String> = problems.iter().take(MAX_LISTED).map(ToString::to_string).collect();
    if problems.len() > MAX_LISTED {
        text.push(format!("… and {} more problems", problems.len() - MAX_LISTED));
    }
    let file = problems.first().map_or("", |p| p.file.as_str());
    text.push(format!(
        "{} problem{} in {file}",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    ));
    text.join("\n")
}
