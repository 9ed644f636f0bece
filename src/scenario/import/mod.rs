//! Geometry files a layout imports: WKT (as JuPedSim users keep it) and GeoJSON.

pub mod geojson;
pub mod wkt;

use std::path::Path;

use crate::motion::geometry::Vec2;

/// One shape read from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A polygon with holes.
    Polygon {
        /// Outer ring.
        outer: Vec<Vec2>,
        /// Holes.
        holes: Vec<Vec<Vec2>>,
    },
    /// A polygon with a name (a GeoJSON feature's `name` property); holes are ignored.
    Named {
        /// The name.
        name: String,
        /// Outer ring.
        outer: Vec<Vec2>,
    },
    /// A polyline.
    Line(Vec<Vec2>),
}

/// Everything read from one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Geometry {
    /// Shapes in file order.
    pub shapes: Vec<Shape>,
}

/// A problem in an imported file, located in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ImportError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Reads a `.wkt` or `.geojson`/`.json` file; the error message names the file, line and column.
pub fn read(path: &Path) -> Result<Geometry, String> {
    let shown = path.display();
    let text = super::text_file::read(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let parsed = match extension.as_str() {
        "wkt" | "txt" => wkt::parse(&text),
        "geojson" | "json" => geojson::parse(&text),
        _ => return Err(format!("{shown}: unknown geometry format; use a .wkt or .geojson file")),
    };
    parsed.map_err(|e| format!("{shown}:{e}"))
}
