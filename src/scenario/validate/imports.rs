//! Checks the files a layout imports (WKT, GeoJSON) and adds their shapes to the floor.

use std::path::Path as FsPath;

use super::Checker;
use super::points::check_ring;
use crate::motion::geometry::{Vec2, area};
use crate::scenario::import::{self, Shape};
use crate::scenario::layout::Zone;
use crate::scenario::raw_layout::{RawImportKind, RawLayout};

/// Geometry gathered from the file and its imports.
#[derive(Default)]
pub(super) struct Floor {
    pub(super) walkable: Vec<Vec<Vec2>>,
    pub(super) obstacles: Vec<Vec<Vec2>>,
    pub(super) walls: Vec<Vec<Vec2>>,
    pub(super) zones: Vec<Zone>,
}

/// Reads the layout's imported files into `floor`, reporting unreadable or malformed ones.
pub(super) fn read(c: &mut Checker, raw: &RawLayout, base: &FsPath, floor: &mut Floor) {
    for (i, spec) in raw.import.iter().enumerate() {
        let path = format!("layout.import[{i}].file");
        let file = base.join(&spec.file);
        let geometry = match import::read(&file) {
            Ok(g) => g,
            Err(message) => {
                c.error(path, message, Some("imports are read relative to the scenario file"));
                continue;
            }
        };
        let stem = FsPath::new(&spec.file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("zone")
            .to_string();
        for (n, shape) in geometry.shapes.into_iter().enumerate() {
            let (outer, holes, name) = match shape {
                Shape::Line(line) => {
                    floor.walls.push(line);
                    continue;
                }
                Shape::Polygon { outer, holes } => (outer, holes, None),
                Shape::Named { name, outer } => (outer, Vec::new(), Some(name)),
            };
            if !check_ring(c, &path, &outer, &format!("{} shape {n}", spec.file)) {
                continue;
            }
            match spec.kind {
                RawImportKind::Walkable => {
                    floor.walkable.push(outer);
                    floor.obstacles.extend(holes);
                }
                RawImportKind::Obstacles => floor.obstacles.push(outer),
                RawImportKind::Walls => {
                    for mut ring in std::iter::once(outer).chain(holes) {
                        ring.push(ring[0]);
                        floor.walls.push(ring);
                    }
                }
                RawImportKind::Zones => floor.zones.push(Zone {
                    name: name.unwrap_or_else(|| format!("{stem}_{n}")),
                    area_m2: area(&outer),
                    polygon: outer,
                }),
            }
        }
    }
}
