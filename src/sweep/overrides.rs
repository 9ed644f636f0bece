//! Overrides by field path: rewriting the base scenario's text, then validating it like any scenario.
//!
//! An override sets the value at a path such as `facilities.egates.servers`
//! or `routing.customs.next[0].p` to a piece of RON text. The value is put
//! into the scenario text in place of the old one (or, for an optional field
//! the file leaves out, added to its struct), and the result is parsed and
//! validated with the scenario's own checks. So a wrong type or a value out
//! of range gets the scenario's usual message, located at the override in
//! the sweep spec.

use serde::{Deserialize, Serialize};

use crate::scenario::locate::{Segment, SpanTree, format_path, parse_path};
use crate::scenario::{Diagnostic, Scenario, parse};

/// Where an override was written, for errors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// File (the sweep spec, or `command line`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Field path in that file.
    pub path: String,
}

/// Sets the value at `path` of the base scenario to `value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    /// Field path into the scenario, e.g. `facilities.egates.servers`.
    pub path: String,
    /// The new value as RON text, e.g. `24` or `LogNormal(mean_s: 12, sd_s: 3)`.
    pub value: String,
    /// Where it was written.
    #[serde(skip)]
    pub origin: Origin,
}

impl Override {
    fn diagnostic(&self, message: String, hint: Option<String>) -> Diagnostic {
        Diagnostic {
            file: self.origin.file.clone(),
            line: self.origin.line,
            column: self.origin.column,
            path: self.origin.path.clone(),
            message,
            hint,
        }
    }

    fn covers(&self, path: &str) -> bool {
        path == self.path
            || path
                .strip_prefix(self.path.as_str())
                .is_some_and(|rest| rest.starts_with(['.', '[']))
    }
}

/// The base scenario with the overrides applied, validated; errors are located at the overrides.
pub fn apply(base_text: &str, base_file: &str, variant: &str, overrides: &[Override]) -> Result<Scenario, Vec<Diagnostic>> {
    let mut text = base_text.to_string();
    let mut problems = Vec::new();
    let mut replaced = Vec::new();
    for o in overrides {
        match rewrite(&text, o) {
            Ok((next, old)) => {
                text = next;
                replaced.push((o, old));
            }
            Err((message, hint)) => problems.push(o.diagnostic(message, hint)),
        }
    }
    let error = match parse(&text, base_file) {
        Ok(scenario) if problems.is_empty() => return Ok(scenario),
        Ok(_) => return Err(problems),
        Err(error) => error,
    };
    let diagnostics = error.diagnostics();
    if diagnostics.is_empty() {
        problems.push(Diagnostic {
            file: base_file.to_string(),
            line: 1,
            column: 1,
            path: String::new(),
            message: error.to_string(),
            hint: None,
        });
        return Err(problems);
    }
    let rewrites_failed = !problems.is_empty();
    for d in diagnostics {
        match overrides.iter().find(|o| o.covers(&d.path)) {
            Some(o) => {
                let old = replaced
                    .iter()
                    .find(|(r, _)| std::ptr::eq(*r, o))
                    .and_then(|(_, old)| old.as_deref());
                let (message, hint) = match old.and_then(|old| mismatch(&o.value, old)) {
                    Some((message, hint)) => (message, Some(hint)),
                    None => (d.message.clone(), d.hint.clone()),
                };
                problems.push(o.diagnostic(format!("`{}: {}` (variant \"{variant}\"): {message}", d.path, o.value), hint));
            }
            // With an override missing, rules across fields may fail for that reason alone.
            None if rewrites_failed => {}
            None => problems.push(Diagnostic {
                message: format!("with the overrides of variant \"{variant}\": {}", d.message),
                ..d.clone()
            }),
        }
    }
    Err(problems)
}

/// RON text on one line, whitespace runs collapsed.
pub fn compact(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The shape of a piece of RON text, as a user would name it.
fn shape(text: &str) -> &'static str {
    let text = text.trim();
    let head = text.find(['(', '[', '{']).map_or(text, |i| &text[..i]).trim();
    if text.starts_with('"') {
        "a string"
    } else if text.parse::<f64>().is_ok() {
        "a number"
    } else if text.starts_with('[') {
        "a list"
    } else if text.starts_with('{') {
        "a map"
    } else if text.contains('(') && head.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        "a structure"
    } else {
        "a name"
    }
}

/// When an override's value has another shape than the base scenario's value at its path, the
/// message and hint that say so (instead of the parser's, which names its own internals).
fn mismatch(value: &str, old: &str) -> Option<(String, String)> {
    let (new_shape, old_shape) = (shape(value), shape(old));
    let composite = |shape: &str| matches!(shape, "a structure" | "a list" | "a map");
    // Between strings, numbers and names the parser's own message is clear ("Expected integer").
    if new_shape == old_shape || !(composite(new_shape) || composite(old_shape)) {
        return None;
    }
    let example = compact(old);
    let mut hint = format!("the base scenario has `{example}` there");
    if new_shape == "a string" && old_shape != "a string" {
        hint.push_str("; values in a sweep spec are written as in the scenario, without quotes");
    }
    Some((format!("this field takes {old_shape}, not {new_shape}"), hint))
}

/// Puts `o.value` at `o.path` in `text` (not validated: [`apply`] does that); also returns the
/// value it replaced, if there was one. The error is a message and a hint.
pub fn rewrite(text: &str, o: &Override) -> Result<(String, Option<String>), (String, Option<String>)> {
    let segments = parse_path(&o.path);
    if segments.is_empty() || format_path(&segments) != o.path.replace(' ', "") {
        return Err((
            format!("`{}` is not a field path", o.path),
            Some("write paths like `facilities.egates.servers` or `routing.customs.next[0].p`".into()),
        ));
    }
    let tree = SpanTree::parse(text);
    if let Some(node) = tree.get(&segments) {
        let old = text[node.start..node.end].to_string();
        return Ok((format!("{}{}{}", &text[..node.start], o.value, &text[node.end..]), Some(old)));
    }
    let mut node = &tree;
    let mut depth = 0;
    for segment in &segments {
        match node.child(segment) {
            Some(child) => {
                node = child;
                depth += 1;
            }
            None => break,
        }
    }
    let missing = &segments[depth];
    if let (Segment::Field(name), true) = (missing, depth + 1 == segments.len())
        && let Some(open) = struct_body(text, node)
    {
        return Ok((format!("{}{name}: {}, {}", &text[..open], o.value, &text[open..]), None));
    }
    let parent = if depth == 0 {
        "the scenario".to_string()
    } else {
        format!("`{}`", format_path(&segments[..depth]))
    };
    let names: Vec<String> = node
        .children
        .iter()
        .map(|(s, _)| match s {
            Segment::Field(n) => n.clone(),
            Segment::Index(i) => format!("[{i}]"),
        })
        .collect();
    let what = match missing {
        Segment::Field(n) => format!("no `{n}`"),
        Segment::Index(i) => format!("no item [{i}] ({} items)", node.children.len()),
    };
    let hint = (!names.is_empty()).then(|| format!("{parent} has: {}", names.join(", ")));
    Err((
        format!("`{}` does not exist in the base scenario: {parent} has {what}", o.path),
        hint,
    ))
}

/// The byte offset just inside the `(` of a struct value, if `node` is one.
fn struct_body(text: &str, node: &SpanTree) -> Option<usize> {
    if node.children.iter().any(|(s, _)| matches!(s, Segment::Index(_))) {
        return None;
    }
    let value = &text[node.start..node.end];
    let head = value.find(['(', '{', '['])?;
    let named = value[..head].trim();
    let is_struct = value.as_bytes()[head] == b'(' && named.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    is_struct.then_some(node.start + head + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"Scenario(
    meta: (name: "t", duration_h: 1.0),
    demand: [(name: "in", entry: "q", arrivals: Hourly(daily_total: 240, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: { "desks": (servers: 2, service: Exponential(mean_s: 60)) },
    routing: { "q": (pool: "desks", next: Split([(p: 0.5, to: "exit"), (p: 0.5, to: "exit")])) },
)"#;

    fn set(path: &str, value: &str) -> Override {
        Override {
            path: path.into(),
            value: value.into(),
            origin: Origin {
                file: "spec.ron".into(),
                line: 7,
                column: 3,
                path: format!("factors.\"{path}\""),
            },
        }
    }

    #[test]
    fn replaces_present_values_and_adds_absent_optional_fields() {
        let s = apply(
            BASE,
            "base.ron",
            "v",
            &[set("facilities.desks.servers", "5"), set("facilities.desks.capacity", "9")],
        )
        .unwrap();
        assert_eq!(s.pools[0].max_servers(), 5);
        let s = apply(
            BASE,
            "base.ron",
            "v",
            &[set("routing.q.next[0].p", "0.25"), set("routing.q.next[1].p", "0.75")],
        )
        .unwrap();
        assert_eq!(s.stages.len(), 1);
    }

    #[test]
    fn missing_paths_and_wrong_types_are_located_at_the_override() {
        let e = apply(BASE, "base.ron", "v", &[set("facilities.desk.servers", "5")]).unwrap_err();
        assert_eq!((e[0].file.as_str(), e[0].line), ("spec.ron", 7));
        assert!(e[0].message.contains("no `desk`"), "{}", e[0]);
        assert!(e[0].hint.as_deref().unwrap().contains("desks"));
        let e = apply(BASE, "base.ron", "v", &[set("facilities.desks.servers", "\"many\"")]).unwrap_err();
        assert!(e[0].message.contains("facilities.desks.servers"), "{}", e[0]);
        let e = apply(BASE, "base.ron", "v", &[set("facilities.desks.servers", "0")]).unwrap_err();
        assert!(e[0].message.contains("at least 1 server"), "{}", e[0]);
        let e = apply(BASE, "base.ron", "v", &[set("routing.q.next[4].p", "0.1")]).unwrap_err();
        assert!(e[0].message.contains("no item [4]"), "{}", e[0]);
        let e = apply(BASE, "base.ron", "v", &[set("facilities.desks.speed", "1")]).unwrap_err();
        assert!(e[0].message.contains("unknown field"), "{}", e[0]);
    }
}
