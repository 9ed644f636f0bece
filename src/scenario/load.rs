//! Reading scenario files: RON text → raw → validated, with located errors.

use std::path::Path;

use super::error::{Diagnostic, Issue, ScenarioError};
use super::locate::{LineCol, SpanTree, line_col, offset_of};
use super::model::Scenario;
use super::raw::RawScenario;
use super::validate::validate;

/// Reads and validates a scenario file.
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    let file = path.display().to_string();
    let text = super::text_file::read(path).map_err(|source| ScenarioError::Read {
        file: file.clone(),
        source,
    })?;
    parse(&text, &file)
}

/// Parses and validates scenario text; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
    let raw = parse_raw(text, file)?;
    from_raw(&raw, text, file)
}

/// Parses scenario text into raw types (syntax and field names only).
pub fn parse_raw(text: &str, file: &str) -> Result<RawScenario, ScenarioError> {
    parse_ron(text, file)
}

/// Parses any RON document (a scenario, a sweep spec) with located syntax and field errors.
pub fn parse_ron<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> Result<T, ScenarioError> {
    ron_options().from_str::<T>(text).map_err(|e| {
        let tree = SpanTree::parse(text);
        ScenarioError::Invalid(vec![ron_diagnostic(&e, text, file, &tree)])
    })
}

/// Validates raw types; `text` (the file the raw types came from) locates the errors,
/// and files the layout imports are read relative to `file`.
pub fn from_raw(raw: &RawScenario, text: &str, file: &str) -> Result<Scenario, ScenarioError> {
    let base = Path::new(file).parent().unwrap_or(Path::new(""));
    validate(raw, base).map_err(|issues| {
        let tree = SpanTree::parse(text);
        let mut diagnostics: Vec<Diagnostic> = issues.into_iter().map(|issue| locate_issue(issue, text, file, &tree)).collect();
        diagnostics.sort_by_key(|d| (d.line, d.column));
        ScenarioError::Invalid(diagnostics)
    })
}

/// RON options for scenario files: `Some(..)` may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

fn locate_issue(issue: Issue, text: &str, file: &str, tree: &SpanTree) -> Diagnostic {
    let at = line_col(text, tree.locate(&issue.path).start);
    Diagnostic {
        file: file.to_string(),
        line: at.line,
        column: at.column,
        path: issue.path,
        message: issue.message,
        hint: issue.hint,
    }
}

fn ron_diagnostic(e: &ron::error::SpannedError, text: &str, file: &str, tree: &SpanTree) -> Diagnostic {
    let start = LineCol {
        line: e.span.start.line,
        column: e.span.start.col,
    };
    let offset = offset_of(text, start);
    let mut path = tree.path_at(offset);
    let (message, hint) = describe(&e.code);
    if let ron::Error::MissingStructField { field, .. } = &e.code {
        path = if path.is_empty() {
            field.to_string()
        } else {
            format!("{path}.{field}")
        };
    }
    Diagnostic {
        file: file.to_string(),
        line: start.line,
        column: start.column,
        path,
        message,
        hint,
    }
}

fn describe(code: &ron::Error) -> (String, Option<String>) {
    use ron::Error as E;
    let list = |names: &[&str]| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    match code {
        E::NoSuchStructField { expected, found, .. } => (
            format!("unknown field `{found}`"),
            Some(format!("expected one of: {}", list(expected))),
        ),
        E::MissingStructField { field, .. } => (
            format!("missing field `{field}`"),
            Some("this field is required; see the scenario reference in the README".into()),
        ),
        E::DuplicateStructField { field, .. } => (format!("field `{field}` is given twice"), None),
        E::NoSuchEnumVariant { expected, found, .. } => (
            format!("unknown variant `{found}`"),
            Some(format!("expected one of: {}", list(expected))),
        ),
        E::Eof => (
            "the file ends too early".into(),
            Some("a bracket or parenthesis is probably not closed".into()),
        ),
        E::ExpectedComma => (
            "expected a comma here".into(),
            Some("separate items with `,`; check the previous line".into()),
        ),
        E::TrailingCharacters => (
            "unexpected text after the end of the scenario".into(),
            Some("check for an extra `)` or text after the closing parenthesis".into()),
        ),
        E::InvalidValueForType { expected, found } => (format!("expected {expected}, found {found}"), None),
        E::ExpectedDifferentLength { expected, found } => (format!("expected {expected}, found {found} elements"), None),
        E::ExpectedFloat | E::ExpectedInteger => (format!("{code}"), Some("numbers look like 42 or 3.5".into())),
        E::ExpectedString | E::ExpectedStringEnd => (format!("{code}"), Some("strings are in double quotes, like \"desk\"".into())),
        other => (format!("syntax error: {other}"), None),
    }
}
