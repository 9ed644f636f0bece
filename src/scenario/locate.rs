//! Finds where a field path sits in RON text, and which path a position is in.
//!
//! Serde tells us *what* is wrong with a value; this module tells the user
//! *where*: it reads the RON text once into a tree of spans keyed by field
//! names and list indices, so a validation error about
//! `facilities.egates.servers` can name its line and column. It is a
//! best-effort reader: on text it does not understand it stops early and
//! never panics (syntax errors are reported by the RON parser itself).

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A struct field or map key.
    Field(String),
    /// A list or tuple element.
    Index(usize),
}

/// A value's span and its named or indexed children.
#[derive(Debug, Clone, Default)]
pub struct SpanTree {
    /// Byte offset where the value starts.
    pub start: usize,
    /// Byte offset where its field name or map key starts (`start` for list items).
    pub key_start: usize,
    /// Byte offset just past the value.
    pub end: usize,
    /// Children in file order.
    pub children: Vec<(Segment, SpanTree)>,
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// Splits `a.b[2].c` into segments.
pub fn parse_path(path: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
        if !name.is_empty() {
            segments.push(Segment::Field(name.to_string()));
        }
        for index in rest.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                segments.push(Segment::Index(i));
            }
        }
    }
    segments
}

/// Joins segments back into `a.b[2].c`.
pub fn format_path(segments: &[Segment]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

impl SpanTree {
    /// Reads the span tree of a RON document.
    pub fn parse(text: &str) -> SpanTree {
        let mut reader = Reader {
            bytes: text.as_bytes(),
            pos: 0,
        };
        reader.skip_trivia();
        while reader.peek() == Some(b'#') {
            reader.skip_attribute();
            reader.skip_trivia();
        }
        reader.value(0)
    }

    /// The node at `path`, or the deepest ancestor that exists.
    pub fn locate(&self, path: &str) -> &SpanTree {
        let mut node = self;
        for segment in parse_path(path) {
            match node.children.iter().find(|(s, _)| *s == segment) {
                Some((_, child)) => node = child,
                None => break,
            }
        }
        node
    }

    /// The child reached by one segment, if the text has it.
    pub fn child(&self, segment: &Segment) -> Option<&SpanTree> {
        self.children.iter().find(|(s, _)| s == segment).map(|(_, child)| child)
    }

    /// The node at exactly these segments, if the text has it.
    pub fn get(&self, segments: &[Segment]) -> Option<&SpanTree> {
        segments.iter().try_fold(self, |node, segment| node.child(segment))
    }

    /// The path of the innermost value that contains `offset`.
    pub fn path_at(&self, offset: usize) -> String {
        let mut segments = Vec::new();
        let mut node = self;
        'descend: loop {
            for (segment, child) in &node.children {
                if child.key_start <= offset && offset < child.end.max(child.start + 1) {
                    segments.push(segment.clone());
                    node = child;
                    continue 'descend;
                }
            }
            break;
        }
        format_path(&segments)
    }
}

/// Converts a byte offset into a line and column.
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    LineCol { line, column }
}

/// Converts a 1-based line and column into a byte offset.
pub fn offset_of(text: &str, at: LineCol) -> usize {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == at.line {
            let column_bytes: usize = line.chars().take(at.column.saturating_sub(1)).map(char::len_utf8).sum();
            return offset + column_bytes;
        }
        offset += line.len();
    }
    text.len()
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

const MAX_DEPTH: usize = 128;

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_ascii_whitespace() => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => self.skip_block_comment(),
                _ => return,
            }
        }
    }

    fn skip_block_comment(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match (c, self.peek_at(1)) {
                (b'/', Some(b'*')) => {
                    depth += 1;
                    self.pos += 2;
                }
                (b'*', Some(b'/')) => {
                    self.pos += 2;
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => self.pos += 1,
            }
        }
    }

    fn skip_attribute(&mut self) {
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b']' {
                return;
            }
        }
    }

    fn is_ident_byte(c: u8) -> bool {
        c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
    }

    fn ident(&mut self) -> &str {
        let start = self.pos;
        while self.peek().is_some_and(Self::is_ident_byte) {
            self.pos += 1;
        }
        std::str::from_utf8(&self.bytes[start..self.pos]).unwrap_or("")
    }

    fn value(&mut self, depth: usize) -> SpanTree {
        self.skip_trivia();
        let start = self.pos;
        let mut node = SpanTree {
            start,
            key_start: start,
            end: start,
            children: Vec::new(),
        };
        if depth > MAX_DEPTH {
            return node;
        }
        match self.peek() {
            Some(b'(') => node.children = self.paren_body(depth),
            Some(b'[') => node.children = self.list_body(depth),
            Some(b'{') => node.children = self.map_body(depth),
            Some(b'"') => self.string(),
            Some(b'r') if matches!(self.peek_at(1), Some(b'"' | b'#')) => self.raw_string(),
            Some(b'\'') => self.char_literal(),
            Some(c) if Self::is_ident_byte(c) && !c.is_ascii_digit() => {
                self.ident();
                let after_name = self.pos;
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    node.children = self.paren_body(depth);
                } else {
                    self.pos = after_name;
                }
            }
            Some(_) => {
                while self.peek().is_some_and(|c| !b",)]}: \t\r\n".contains(&c)) {
                    self.pos += 1;
                }
                if self.pos == start {
                    self.pos += 1;
                }
            }
            None => {}
        }
        node.end = self.pos;
        node
    }

    fn string(&mut self) {
        self.pos += 1;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                // An escape skips the next byte, unless the text ends first.
                b'\\' => self.pos = (self.pos + 1).min(self.bytes.len()),
                b'"' => return,
                _ => {}
            }
        }
    }

    fn raw_string(&mut self) {
        self.pos += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        self.pos = (self.pos + 1).min(self.bytes.len());
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'"' && (0..hashes).all(|i| self.peek_at(i) == Some(b'#')) {
                self.pos += hashes;
                return;
            }
        }
    }

    fn char_literal(&mut self) {
        self.pos += 1;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                // An escape skips the next byte, unless the text ends first.
                b'\\' => self.pos = (self.pos + 1).min(self.bytes.len()),
                b'\'' => return,
                _ => {}
            }
        }
    }

    /// After `(`: a struct body (`name: value, ...`) or a tuple body.
    fn paren_body(&mut self, depth: usize) -> Vec<(Segment, SpanTree)> {
        self.pos += 1;
        self.skip_trivia();
        let is_struct = {
            let save = self.pos;
            let named = !self.ident().is_empty();
            self.skip_trivia();
            let colon = self.peek() == Some(b':') && self.peek_at(1) != Some(b':');
            self.pos = save;
            named && colon
        };
        let mut children = Vec::new();
        let mut index = 0;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return children,
                Some(b')') => {
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            let before = self.pos;
            if is_struct {
                let name = self.ident().to_string();
                self.skip_trivia();
                if self.peek() == Some(b':') {
                    self.pos += 1;
                }
                let mut child = self.value(depth + 1);
                child.key_start = before;
                children.push((Segment::Field(name), child));
            } else {
                children.push((Segment::Index(index), self.value(depth + 1)));
                index += 1;
            }
            if !self.after_item(before, b')') {
                return children;
            }
        }
        if !is_struct && children.len() == 1 {
            // A newtype like `Some(x)` or `To("exit")` is transparent.
            return children.pop().map(|(_, only)| only.children).unwrap_or_default();
        }
        children
    }

    fn list_body(&mut self, depth: usize) -> Vec<(Segment, SpanTree)> {
        self.pos += 1;
        let mut children = Vec::new();
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return children,
                Some(b']') => {
                    self.pos += 1;
                    return children;
                }
                _ => {}
            }
            let before = self.pos;
            children.push((Segment::Index(children.len()), self.value(depth + 1)));
            if !self.after_item(before, b']') {
                return children;
            }
        }
    }

    fn map_body(&mut self, depth: usize) -> Vec<(Segment, SpanTree)> {
        self.pos += 1;
        let mut children = Vec::new();
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return children,
                Some(b'}') => {
                    self.pos += 1;
                    return children;
                }
                _ => {}
            }
            let before = self.pos;
            let key = self.value(depth + 1);
            let key_text = std::str::from_utf8(&self.bytes[key.start..key.end]).unwrap_or("");
            let key_name = key_text.trim_matches('"').to_string();
            self.skip_trivia();
            if self.peek() == Some(b':') {
                self.pos += 1;
            }
            let mut child = self.value(depth + 1);
            child.key_start = before;
            children.push((Segment::Field(key_name), child));
            if !self.after_item(before, b'}') {
                return children;
            }
        }
    }

    /// Consumes an optional comma; false when reading made no progress.
    fn after_item(&mut self, before: usize, close: u8) -> bool {
        self.skip_trivia();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                true
            }
            Some(c) if c == close => true,
            _ => self.pos > before,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"// comment
Scenario(
    meta: (name: "x", duration_h: 24.0, seed: -1e-3),
    facilities: {
        "egates": (servers: 0, service: LogNormal(mean_s: 10, sd_s: 3)),
    },
    routing: {
        "a": (next: Split([(p: 0.5, to: "b"), (p: 0.4, to: "exit")])),
    },
)"#;

    #[test]
    fn locates_struct_fields_map_keys_and_list_items() {
        let tree = SpanTree::parse(TEXT);
        let servers = tree.locate("facilities.egates.servers");
        assert_eq!(line_col(TEXT, servers.start), LineCol { line: 5, column: 29 });
        let p = tree.locate("routing.a.next[1].p");
        assert_eq!(&TEXT[p.start..p.end], "0.4");
        let seed = tree.locate("meta.seed");
        assert_eq!(&TEXT[seed.start..seed.end], "-1e-3");
        let sd = tree.locate("facilities.egates.service.sd_s");
        assert_eq!(&TEXT[sd.start..sd.end], "3");
    }

    #[test]
    fn missing_path_falls_back_to_nearest_ancestor() {
        let tree = SpanTree::parse(TEXT);
        let node = tree.locate("facilities.egates.roster");
        assert_eq!(line_col(TEXT, node.start).line, 5);
    }

    #[test]
    fn finds_the_path_at_a_position() {
        let tree = SpanTree::parse(TEXT);
        let offset = TEXT.find("0.4").unwrap();
        assert_eq!(tree.path_at(offset), "routing.a.next[1].p");
        let key = TEXT.find("sd_s").unwrap();
        assert_eq!(
            tree.path_at(key),
            "facilities.egates.service.sd_s",
            "a field's name belongs to its path"
        );
    }

    #[test]
    fn survives_garbage() {
        for text in ["(", "([{", "Scenario(meta: (", "\"unterminated", "{: :}", ")))"] {
            let tree = SpanTree::parse(text);
            let _ = tree.locate("a.b[3]");
            let _ = tree.path_at(2);
        }
    }

    #[test]
    fn paths_round_trip() {
        let path = "routing.a.next[1].p";
        assert_eq!(format_path(&parse_path(path)), path);
    }
}
