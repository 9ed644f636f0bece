//! Located errors for the RON data files of the physics (threat items, concealment sites): a
//! problem names the file, the line and the field path, as scenario errors do.

use serde::de::DeserializeOwned;

use super::error::PhysicsError;
use crate::scenario::locate::{LineCol, SpanTree, line_col, offset_of};

/// A data file's text with its span tree, to locate problems found after parsing.
pub struct DataFile<'a> {
    file: &'a str,
    text: &'a str,
    tree: SpanTree,
}

impl<'a> DataFile<'a> {
    /// Reads the spans of `text`, from the file named `file`.
    pub fn new(file: &'a str, text: &'a str) -> DataFile<'a> {
        DataFile {
            file,
            text,
            tree: SpanTree::parse(text),
        }
    }

    /// Deserializes the whole file; a syntax or type error names its line and the field there.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, PhysicsError> {
        ron::from_str(self.text).map_err(|e| {
            let at = LineCol {
                line: e.span.start.line,
                column: e.span.start.col,
            };
            let field = self.tree.path_at(offset_of(self.text, at));
            PhysicsError::Field {
                file: self.file.to_string(),
                line: at.line,
                field,
                message: e.code.to_string(),
            }
        })
    }

    /// A problem with the value at `path` (such as `items[2].parts[0].mass_kg`).
    pub fn error(&self, path: &str, message: impl Into<String>) -> PhysicsError {
        let node = self.tree.locate(path);
        PhysicsError::Field {
            file: self.file.to_string(),
            line: line_col(self.text, node.key_start).line,
            field: path.to_string(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        items: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        mass_kg: f64,
    }

    const TEXT: &str = "Doc(items: [\n    (name: \"a\", mass_kg: 1.0),\n    (name: \"b\",\n     mass_kg: -2.0),\n])";

    #[test]
    fn a_problem_found_after_parsing_names_its_line_and_field() {
        let file = DataFile::new("data/x.ron", TEXT);
        let doc: Doc = file.parse().unwrap();
        assert_eq!(doc.items.len(), 2);
        let err = file.error("items[1].mass_kg", "must be positive");
        assert_eq!(err.to_string(), "data/x.ron:4: `items[1].mass_kg`: must be positive");
    }

    #[test]
    fn a_type_error_names_its_line_and_field() {
        let text = TEXT.replace("-2.0", "\"heavy\"");
        let err = DataFile::new("data/x.ron", &text).parse::<Doc>().unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("data/x.ron:4: `items[1].mass_kg`: "), "{message}");
    }
}
