//! Reads WKT text (the format JuPedSim users keep their geometry in):
//! `POLYGON`, `MULTIPOLYGON`, `LINESTRING`, `MULTILINESTRING` and
//! `GEOMETRYCOLLECTION`, one or more per file, in two dimensions.

use super::{Geometry, ImportError, Shape};
use crate::motion::geometry::Vec2;
use crate::scenario::locate::line_col;

/// Parses every geometry in `text`.
pub fn parse(text: &str) -> Result<Geometry, ImportError> {
    let mut reader = Reader { text, pos: 0 };
    let mut out = Geometry::default();
    reader.skip_space();
    if reader.pos >= text.len() {
        return Err(reader.error("the file holds no geometry"));
    }
    while reader.pos < text.len() {
        reader.geometry(&mut out)?;
        reader.skip_space();
        if reader.peek() == Some(b';') {
            reader.pos += 1;
            reader.skip_space();
        }
    }
    Ok(out)
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

impl Reader<'_> {
    fn error(&self, message: impl Into<String>) -> ImportError {
        let at = line_col(self.text, self.pos);
        ImportError {
            line: at.line,
            column: at.column,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn word(&mut self) -> String {
        self.skip_space();
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        self.text[start..self.pos].to_ascii_uppercase()
    }

    fn expect(&mut self, byte: u8) -> Result<(), ImportError> {
        self.skip_space();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(format!("expected `{}`", byte as char)))
        }
    }

    /// After an item of a list: true when another follows (`,`), false at `)`.
    fn more(&mut self) -> Result<bool, ImportError> {
        self.skip_space();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b')') => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.error("expected `,` or `)`")),
        }
    }

    fn number(&mut self) -> Result<f32, ImportError> {
        self.skip_space();
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)) {
            self.pos += 1;
        }
        let parsed = self.text[start..self.pos].parse::<f32>().ok().filter(|v| v.is_finite());
        parsed.ok_or_else(|| {
            self.pos = start;
            self.error("expected a number")
        })
    }

    fn point(&mut self) -> Result<Vec2, ImportError> {
        let x = self.number()?;
        let y = self.number()?;
        self.skip_space();
        if self.peek().is_some_and(|b| b.is_ascii_digit() || b == b'-') {
            return Err(self.error("only two coordinates per point are supported (x y)"));
        }
        Ok(Vec2::new(x, y))
    }

    /// `(x y, x y, ...)`
    fn points(&mut self) -> Result<Vec<Vec2>, ImportError> {
        self.expect(b'(')?;
        let mut points = vec![self.point()?];
        while self.more()? {
            points.push(self.point()?);
        }
        Ok(points)
    }

    /// `((outer), (hole), ...)`
    fn rings(&mut self) -> Result<Vec<Vec<Vec2>>, ImportError> {
        self.expect(b'(')?;
        let start = self.pos;
        let mut rings = vec![self.points()?];
        while self.more()? {
            rings.push(self.points()?);
        }
        if let Some(bad) = rings.iter().find(|r| r.len() < 3) {
            self.pos = start;
            return Err(self.error(format!("a polygon ring needs at least 3 points (got {})", bad.len())));
        }
        Ok(rings)
    }

    fn empty(&mut self) -> bool {
        let save = self.pos;
        if self.word() == "EMPTY" {
            return true;
        }
        self.pos = save;
        false
    }

    fn polygon(&mut self, out: &mut Geometry) -> Result<(), ImportError> {
        let mut rings = self.rings()?;
        let outer = rings.remove(0);
        out.shapes.push(Shape::Polygon { outer, holes: rings });
        Ok(())
    }

    fn geometry(&mut self, out: &mut Geometry) -> Result<(), ImportError> {
        let start = self.pos;
        let kind = self.word();
        if self.empty() {
            return Ok(());
        }
        match kind.as_str() {
            "POLYGON" => self.polygon(out),
            "MULTIPOLYGON" => {
                self.expect(b'(')?;
                self.polygon(out)?;
                while self.more()? {
                    self.polygon(out)?;
                }
                Ok(())
            }
            "LINESTRING" => {
                let line = self.points()?;
                self.line(out, line)
            }
            "MULTILINESTRING" => {
                self.expect(b'(')?;
                let line = self.points()?;
                self.line(out, line)?;
                while self.more()? {
                    let line = self.points()?;
                    self.line(out, line)?;
                }
                Ok(())
            }
            "GEOMETRYCOLLECTION" => {
                self.expect(b'(')?;
                self.geometry(out)?;
                while self.more()? {
                    self.geometry(out)?;
                }
                Ok(())
            }
            "" => Err(self.error("expected a geometry such as POLYGON or LINESTRING")),
            other => {
                self.pos = start;
                self.skip_space();
                Err(self.error(format!(
                    "unsupported geometry `{other}`; use POLYGON, MULTIPOLYGON, LINESTRING, MULTILINESTRING or GEOMETRYCOLLECTION"
                )))
            }
        }
    }

    fn line(&mut self, out: &mut Geometry, points: Vec<Vec2>) -> Result<(), ImportError> {
        if points.len() < 2 {
            return Err(self.error("a line needs at least 2 points"));
        }
        out.shapes.push(Shape::Line(points));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_polygons_with_holes_and_lines() {
        let g = parse("GEOMETRYCOLLECTION (POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 4)), LINESTRING (1 1, 2 2))").unwrap();
        assert_eq!(g.shapes.len(), 2);
        let Shape::Polygon { outer, holes } = &g.shapes[0] else { panic!() };
        assert_eq!((outer.len(), holes.len()), (5, 1));
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse("POLYGON ((0 0, 10 0,\n 10 x, 0 10))").unwrap_err();
        assert_eq!((e.line, e.column), (2, 5));
        assert!(e.message.contains("number"), "{}", e.message);
        assert!(parse("CIRCLE (1 2)").unwrap_err().message.contains("unsupported"));
        assert!(parse("").is_err());
    }
}
