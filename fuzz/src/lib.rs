//! What every fuzz target checks besides "no panic, no abort, no hang": an error must say
//! where the problem is, at a place that exists in the input.

/// The input as text, if it is UTF-8 (porttwin reads its files as UTF-8 and says so otherwise).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Checks that a 1-based `line` and `column` point into `text` (or just past its end) and that
/// the `message` says something.
pub fn assert_located(text: &str, line: usize, column: usize, message: &str) {
    let lines = text.split('\n').count();
    assert!(line >= 1 && line <= lines + 1, "line {line} outside the {lines} lines: {message}");
    assert!(column >= 1, "column {column}: {message}");
    assert!(!message.trim().is_empty(), "an empty message at {line}:{column}");
}
