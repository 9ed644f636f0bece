//! Reads GeoJSON: a `FeatureCollection`, a `Feature` or a bare geometry with
//! `Polygon`, `MultiPolygon`, `LineString`, `MultiLineString` or
//! `GeometryCollection` geometries in two dimensions (extra coordinates are
//! an error). A feature's `name` property names the zone it describes.

use serde_json::Value;

use super::{Geometry, ImportError, Shape};
use crate::motion::geometry::Vec2;
use crate::scenario::locate::line_col;

/// Parses every geometry in `text`.
pub fn parse(text: &str) -> Result<Geometry, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError {
        // serde_json counts the column 0 before a line's first character (an empty file).
        line: e.line().max(1),
        column: e.column().max(1),
        message: format!("not valid JSON: {e}"),
    })?;
    let mut out = Geometry::default();
    let mut features = 0;
    read(&value, text, &mut features, None, &mut out)?;
    Ok(out)
}

fn read(value: &Value, text: &str, features: &mut usize, name: Option<&str>, out: &mut Geometry) -> Result<(), ImportError> {
    let kind = value.get("type").and_then(Value::as_str).unwrap_or("");
    let fail = |message: String| Err(located(text, *features, message));
    match kind {
        "FeatureCollection" => {
            let Some(list) = value.get("features").and_then(Value::as_array) else {
                return fail("a FeatureCollection needs a `features` list".into());
            };
            for feature in list {
                read(feature, text, features, None, out)?;
            }
            Ok(())
        }
        "Feature" => {
            *features += 1;
            let name = value.pointer("/properties/name").and_then(Value::as_str);
            match value.get("geometry") {
                Some(Value::Null) | None => Ok(()),
                Some(geometry) => read(geometry, text, features, name, out),
            }
        }
        "GeometryCollection" => {
            let Some(list) = value.get("geometries").and_then(Value::as_array) else {
                return fail("a GeometryCollection needs a `geometries` list".into());
            };
            for geometry in list {
                read(geometry, text, features, name, out)?;
            }
            Ok(())
        }
        "Polygon" | "MultiPolygon" | "LineString" | "MultiLineString" => {
            let coordinates = value.get("coordinates").unwrap_or(&Value::Null);
            shapes(kind, coordinates, name).map_or_else(fail, |mut list| {
                out.shapes.append(&mut list);
                Ok(())
            })
        }
        "Point" | "MultiPoint" => Ok(()),
        "" => fail("expected an object with a `type` (FeatureCollection, Feature, Polygon, LineString, ...)".into()),
        other => fail(format!("unsupported GeoJSON type `{other}`")),
    }
}

fn shapes(kind: &str, coordinates: &Value, name: Option<&str>) -> Result<Vec<Shape>, String> {
    let polygon = |v: &Value| -> Result<Shape, String> {
        let mut rings = list(v, "a polygon")?.iter().map(ring).collect::<Result<Vec<_>, _>>()?;
        if rings.is_empty() {
            return Err("a polygon needs an outer ring".into());
        }
        let outer = rings.remove(0);
        Ok(match name {
            Some(name) => Shape::Named {
                name: name.to_string(),
                outer,
            },
            None => Shape::Polygon { outer, holes: rings },
        })
    };
    match kind {
        "Polygon" => Ok(vec![polygon(coordinates)?]),
        "MultiPolygon" => list(coordinates, "a MultiPolygon")?.iter().map(polygon).collect(),
        "LineString" => Ok(vec![Shape::Line(line(coordinates)?)]),
        _ => list(coordinates, "a MultiLineString")?
            .iter()
            .map(|l| line(l).map(Shape::Line))
            .collect(),
    }
}

fn list<'a>(value: &'a Value, what: &str) -> Result<&'a Vec<Value>, String> {
    value.as_array().ok_or_else(|| format!("the coordinates of {what} must be a list"))
}

fn point(value: &Value) -> Result<Vec2, String> {
    match value.as_array().map(|a| a.iter().map(Value::as_f64).collect::<Vec<_>>()) {
        Some(xy) if xy.len() == 2 && xy.iter().all(Option::is_some) => {
            Ok(Vec2::new(xy[0].unwrap_or(0.0) as f32, xy[1].unwrap_or(0.0) as f32))
        }
        _ => Err(format!("a position must be [x, y] in metres (got {value})")),
    }
}

fn line(value: &Value) -> Result<Vec<Vec2>, String> {
    let points = list(value, "a line")?.iter().map(point).collect::<Result<Vec<_>, _>>()?;
    if points.len() < 2 {
        return Err("a line needs at least 2 points".into());
    }
    Ok(points)
}

fn ring(value: &Value) -> Result<Vec<Vec2>, String> {
    let points = list(value, "a ring")?.iter().map(point).collect::<Result<Vec<_>, _>>()?;
    if points.len() < 3 {
        return Err(format!("a polygon ring needs at least 3 points (got {})", points.len()));
    }
    Ok(points)
}

/// Locates a problem of the `feature`-th feature (1-based; 0 for the top level) at its `"geometry"` key.
fn located(text: &str, feature: usize, message: String) -> ImportError {
    let offset = if feature == 0 {
        0
    } else {
        text.match_indices("\"geometry\"").nth(feature - 1).map_or(0, |(i, _)| i)
    };
    let at = line_col(text, offset);
    let message = if feature == 0 {
        message
    } else {
        format!("feature {}: {message}", feature - 1)
    };
    ImportError {
        line: at.line,
        column: at.column,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_features_with_names() {
        let text = r#"{"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"name": "hall"}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[4,0],[4,4],[0,4]]]}},
            {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[0,0],[1,1]]}}
        ]}"#;
        let g = parse(text).unwrap();
        assert!(matches!(&g.shapes[0], Shape::Named { name, .. } if name == "hall"));
        assert!(matches!(&g.shapes[1], Shape::Line(l) if l.len() == 2));
    }

    #[test]
    fn errors_are_located() {
        let bad_json = parse("{\"type\": \n [").unwrap_err();
        assert_eq!(bad_json.line, 2);
        let text = "{\"type\": \"FeatureCollection\", \"features\": [\n{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,1]]]}}]}";
        let e = parse(text).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("at least 3 points"), "{}", e.message);
    }
}
