//! Threat items as they travel (`data/threats.ron`): pistols, rifles, ammunition, drug bricks,
//! ivory, pangolin scales and live animals with real dimensions, masses and materials.
//!
//! An item is a set of solids in its own frame (lowest corner at the origin, mm). Parts that
//! share one shape are a mixture; together they may not be denser than their solid materials,
//! and no part may be denser than its own solid material (densities from
//! `data/xcom/materials.ron`).

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use super::data_file::DataFile;
use super::error::PhysicsError;
use super::material::{Catalogue, Material};
use super::shape::{Axis, Part, Shape, Solid};
use crate::detect::classes::ThreatClass;

const TEXT: &str = include_str!("../../../data/threats.ron");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Threats {
    items: Vec<RawItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    name: String,
    class: String,
    what: String,
    parts: Vec<RawPart>,
    source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPart {
    what: String,
    material: String,
    shape: RawShape,
    at_mm: (f64, f64, f64),
    #[serde(default)]
    mass_kg: Option<f64>,
    #[serde(default)]
    grid: Option<(u32, u32, u32)>,
}

#[derive(Debug, Deserialize)]
enum RawShape {
    Box { size_mm: (f64, f64, f64) },
    Cylinder { axis: RawAxis, diameter_mm: f64, length_mm: f64 },
    Ellipsoid { size_mm: (f64, f64, f64) },
}

#[derive(Debug, Clone, Copy, Deserialize)]
enum RawAxis {
    X,
    Y,
    Z,
}

/// One solid of an item, in the item's frame.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreatPart {
    /// What the part is.
    pub what: String,
    /// The solid (its part is [`Part::Threat`] of the item's class).
    pub solid: Solid,
}

/// A threat item as it travels.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreatItem {
    /// Unique name, e.g. `"pistol"`.
    pub name: String,
    /// Threat class.
    pub class: ThreatClass,
    /// What it is, in words.
    pub what: String,
    /// Its solids, grids expanded.
    pub parts: Vec<ThreatPart>,
    /// Where the figures come from.
    pub source: String,
    size_mm: [f64; 3],
}

impl ThreatItem {
    /// Size of the item's bounding box, mm (x, y, z).
    pub fn size_mm(&self) -> [f64; 3] {
        self.size_mm
    }

    /// Total mass, kg.
    pub fn mass_kg(&self) -> f64 {
        self.parts.iter().map(|p| p.solid.mass_kg()).sum()
    }

    /// The item's solids with its lowest corner at `corner`, mm.
    pub fn solids_at(&self, corner: [f64; 3]) -> Vec<Solid> {
        self.solids_turned([0, 1, 2], corner)
    }

    /// The size of the item turned so that its own axis `turn[k]` lies along the scene's axis `k`.
    pub fn size_turned(&self, turn: [usize; 3]) -> [f64; 3] {
        turn.map(|k| self.size_mm[k])
    }

    /// The item's solids turned as [`size_turned`](Self::size_turned) says, lowest corner at
    /// `corner`, mm.
    pub fn solids_turned(&self, turn: [usize; 3], corner: [f64; 3]) -> Vec<Solid> {
        let permute = |p: [f64; 3]| turn.map(|k| p[k]);
        self.parts
            .iter()
            .map(|p| {
                let shape = match p.solid.shape {
                    Shape::Box { min, max } => Shape::Box {
                        min: permute(min),
                        max: permute(max),
                    },
                    Shape::Cylinder {
                        axis,
                        centre,
                        radius,
                        inner_radius,
                        half_length,
                    } => Shape::Cylinder {
                        axis: [Axis::X, Axis::Y, Axis::Z][turn.iter().position(|&k| k == axis.index()).unwrap_or(0)],
                        centre: permute(centre),
                        radius,
                        inner_radius,
                        half_length,
                    },
                    Shape::Ellipsoid { centre, radii } => Shape::Ellipsoid {
                        centre: permute(centre),
                        radii: permute(radii),
                    },
                };
                Solid {
                    shape: shape.moved(corner),
                    ..p.solid
                }
            })
            .collect()
    }
}

/// Every threat item of a threats file.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreatCatalogue {
    items: Vec<ThreatItem>,
}

impl ThreatCatalogue {
    /// The shipped file's name.
    pub const FILE: &'static str = "data/threats.ron";

    /// The items shipped with porttwin (parsed once; the file is checked by tests).
    pub fn standard() -> &'static ThreatCatalogue {
        static ITEMS: OnceLock<ThreatCatalogue> = OnceLock::new();
        ITEMS.get_or_init(|| match ThreatCatalogue::parse(Self::FILE, TEXT) {
            Ok(c) => c,
            Err(e) => panic!("shipped threat items are broken: {e}"),
        })
    }

    /// Reads and checks a threats file's `text`; errors name `file`, the line and the field.
    pub fn parse(file: &str, text: &str) -> Result<ThreatCatalogue, PhysicsError> {
        let doc = DataFile::new(file, text);
        let raw: Threats = doc.parse()?;
        let mut names = HashSet::new();
        let mut items = Vec::new();
        for (i, item) in raw.items.iter().enumerate() {
            let at = |field: &str| format!("items[{i}].{field}");
            if item.name.trim().is_empty() {
                return Err(doc.error(&at("name"), "an item needs a name"));
            }
            if !names.insert(item.name.as_str()) {
                return Err(doc.error(&at("name"), format!("a second item named `{}`", item.name)));
            }
            let class: ThreatClass = item.class.parse().map_err(|e: String| doc.error(&at("class"), e))?;
            if item.source.trim().is_empty() {
                return Err(doc.error(&at("source"), "say where the figures come from (or that they are assumptions)"));
            }
            if item.parts.is_empty() {
                return Err(doc.error(&at("parts"), "an item needs at least one part"));
            }
            let mut parts = Vec::new();
            for (j, part) in item.parts.iter().enumerate() {
                parts.extend(check_part(&doc, &format!("items[{i}].parts[{j}]"), part, class)?);
            }
            check_mixtures(&doc, &at("parts"), &parts)?;
            let mut size_mm = [0.0f64; 3];
            for p in &parts {
                let (_, hi) = p.solid.shape.bounds();
                for k in 0..3 {
                    size_mm[k] = size_mm[k].max(hi[k]);
                }
            }
            items.push(ThreatItem {
                name: item.name.clone(),
                class,
                what: item.what.clone(),
                parts,
                source: item.source.clone(),
                size_mm,
            });
        }
        Ok(ThreatCatalogue { items })
    }

    /// Every item, in file order.
    pub fn items(&self) -> &[ThreatItem] {
        &self.items
    }

    /// The item named `name`.
    pub fn get(&self, name: &str) -> Option<&ThreatItem> {
        self.items.iter().find(|i| i.name == name)
    }

    /// The items of `class`, in file order.
    pub fn of_class(&self, class: ThreatClass) -> impl Iterator<Item = &ThreatItem> {
        self.items.iter().filter(move |i| i.class == class)
    }
}

/// Most copies one part may have (a guard against a typo that would build millions of solids).
const MAX_COPIES: u32 = 10_000;

fn check_part(doc: &DataFile, at: &str, part: &RawPart, class: ThreatClass) -> Result<Vec<ThreatPart>, PhysicsError> {
    let field = |name: &str| format!("{at}.{name}");
    let material = Material::ALL.iter().copied().find(|m| m.name() == part.material).ok_or_else(|| {
        doc.error(
            &field("material"),
            format!("unknown material `{}` (see data/xcom/materials.ron)", part.material),
        )
    })?;
    let positive = |v: f64| v.is_finite() && v > 0.0;
    let corner = [part.at_mm.0, part.at_mm.1, part.at_mm.2];
    let (size, one) = placed_shape(&part.shape, corner);
    if !size.iter().all(|&v| positive(v)) {
        return Err(doc.error(&field("shape"), format!("sizes must be positive millimetres (got {size:?})")));
    }
    if !corner.iter().all(|v| v.is_finite() && *v >= 0.0) {
        return Err(doc.error(
            &field("at_mm"),
            format!("the item's lowest corner is the origin: a part's corner cannot be negative (got {corner:?})"),
        ));
    }
    let (nx, ny, nz) = part.grid.unwrap_or((1, 1, 1));
    let copies = u64::from(nx) * u64::from(ny) * u64::from(nz);
    if copies == 0 || copies > u64::from(MAX_COPIES) {
        return Err(doc.error(
            &field("grid"),
            format!("each count must be at least 1, at most {MAX_COPIES} copies in all"),
        ));
    }
    let solid_density = Catalogue::standard().density(material);
    let density = match part.mass_kg {
        None => solid_density,
        Some(kg) if !positive(kg) => {
            return Err(doc.error(&field("mass_kg"), format!("a mass must be positive kilograms (got {kg})")));
        }
        Some(kg) => kg * 1000.0 / one.volume_cm3(),
    };
    if density > solid_density * (1.0 + 1e-9) {
        return Err(doc.error(
            &field("mass_kg"),
            format!(
                "{:.3} kg in {:.1} cm3 is {density:.2} g/cm3, denser than solid {material} ({solid_density} g/cm3 in data/xcom/materials.ron)",
                part.mass_kg.unwrap_or_default(),
                one.volume_cm3()
            ),
        ));
    }
    let mut parts = Vec::new();
    for ix in 0..nx {
        for iy in 0..ny {
            for iz in 0..nz {
                let offset = [f64::from(ix) * size[0], f64::from(iy) * size[1], f64::from(iz) * size[2]];
                parts.push(ThreatPart {
                    what: part.what.clone(),
                    solid: Solid {
                        shape: one.moved(offset),
                        material,
                        density_g_cm3: density,
                        part: Part::Threat(class),
                    },
                });
            }
        }
    }
    Ok(parts)
}

/// A raw shape's size and the shape with its bounding box's lowest corner at `corner`.
fn placed_shape(shape: &RawShape, corner: [f64; 3]) -> ([f64; 3], Shape) {
    let centre = |size: [f64; 3]| [0, 1, 2].map(|k| corner[k] + size[k] / 2.0);
    match *shape {
        RawShape::Box { size_mm: (x, y, z) } => ([x, y, z], Shape::cuboid(corner, [x, y, z])),
        RawShape::Ellipsoid { size_mm: (x, y, z) } => (
            [x, y, z],
            Shape::Ellipsoid {
                centre: centre([x, y, z]),
                radii: [x / 2.0, y / 2.0, z / 2.0],
            },
        ),
        RawShape::Cylinder {
            axis,
            diameter_mm,
            length_mm,
        } => {
            let axis = match axis {
                RawAxis::X => Axis::X,
                RawAxis::Y => Axis::Y,
                RawAxis::Z => Axis::Z,
            };
            let mut size = [diameter_mm; 3];
            size[axis.index()] = length_mm;
            (
                size,
                Shape::Cylinder {
                    axis,
                    centre: centre(size),
                    radius: diameter_mm / 2.0,
                    inner_radius: 0.0,
                    half_length: length_mm / 2.0,
                },
            )
        }
    }
}

/// Parts of one shape in one place are a mixture: the shares of the volume their materials take
/// at solid density may not add up to more than the whole.
fn check_mixtures(doc: &DataFile, at: &str, parts: &[ThreatPart]) -> Result<(), PhysicsError> {
    let catalogue = Catalogue::standard();
    let mut seen: Vec<(Shape, f64, Vec<&str>)> = Vec::new();
    for p in parts {
        let share = p.solid.density_g_cm3 / catalogue.density(p.solid.material);
        match seen.iter_mut().find(|(shape, ..)| *shape == p.solid.shape) {
            Some((_, total, whats)) => {
                *total += share;
                whats.push(&p.what);
            }
            None => seen.push((p.solid.shape, share, vec![&p.what])),
        }
    }
    match seen.iter().find(|(_, total, _)| *total > 1.0 + 1e-9) {
        Some((_, total, whats)) => Err(doc.error(
            at,
            format!(
                "{} share one shape and would fill {:.0} % of it at solid density: more mass than the shape holds",
                whats.join(", "),
                100.0 * total
            ),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_items_load_with_their_published_masses() {
        let c = ThreatCatalogue::standard();
        assert!(c.items().len() >= 10);
        for class in ThreatClass::CONTAINER {
            assert!(c.of_class(class).count() >= 2, "{class}");
        }
        // Figures from the sources quoted in the file.
        let pistol = c.get("pistol").unwrap();
        assert!((pistol.mass_kg() - 0.72).abs() < 0.01, "{}", pistol.mass_kg());
        assert_eq!(pistol.size_mm(), [202.0, 30.0, 138.0]);
        let rifle = c.get("assault_rifle").unwrap();
        assert!((rifle.mass_kg() - (3.47 + 0.33)).abs() < 0.01, "{}", rifle.mass_kg());
        assert_eq!(rifle.size_mm()[0], 880.0);
        let ammo = c.get("ammunition_can").unwrap();
        assert_eq!(ammo.size_mm(), [305.0, 155.0, 190.0]);
        assert!((ammo.mass_kg() - 14.7).abs() < 0.1, "{}", ammo.mass_kg());
        assert!((c.get("cocaine_bricks").unwrap().mass_kg() - 22.0).abs() < 1e-9);
        assert!((c.get("ivory_tusks").unwrap().mass_kg() - 42.0).abs() < 1e-9);
        assert!((c.get("pangolin_scales").unwrap().mass_kg() - 200.0).abs() < 1e-9);
    }

    #[test]
    fn an_item_placed_in_a_scene_keeps_its_mass_and_class() {
        let item = ThreatCatalogue::standard().get("live_tortoises").unwrap();
        let solids = item.solids_at([1000.0, -200.0, 1350.0]);
        let mass: f64 = solids.iter().map(Solid::mass_kg).sum();
        assert!((mass - item.mass_kg()).abs() < 1e-9);
        assert!((mass - (4.0 + 24.0 * 0.6)).abs() < 1e-9, "{mass}");
        assert!(solids.iter().all(|s| s.part == Part::Threat(ThreatClass::LiveAnimals)));
        let (lo, _) = solids[0].shape.bounds();
        assert_eq!(lo, [1000.0, -200.0, 1350.0]);
    }

    #[test]
    fn a_turned_item_keeps_its_mass_and_takes_its_turned_size() {
        let tusks = ThreatCatalogue::standard().get("ivory_tusks").unwrap();
        // Stand the tusks up: their length (x) along z.
        let turn = [1, 2, 0];
        assert_eq!(tusks.size_turned(turn), [210.0, 140.0, 1000.0]);
        let solids = tusks.solids_turned(turn, [0.0; 3]);
        let mass: f64 = solids.iter().map(Solid::mass_kg).sum();
        assert!((mass - 42.0).abs() < 1e-9);
        let hi = solids.iter().fold([0.0f64; 3], |m, s| {
            let (_, h) = s.shape.bounds();
            [0, 1, 2].map(|k| m[k].max(h[k]))
        });
        assert_eq!(hi, [210.0, 140.0, 1000.0]);
    }
}
