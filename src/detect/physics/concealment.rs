//! Where contraband hides (`data/concealment.ron`): among or inside the goods, in the
//! container's structure (doors, floor, a false wall, a reefer unit) or in the truck (cab, fuel
//! tank), each site with the space it offers and a weight per threat class. The shipped weights
//! are assumptions, and the file says so.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rand::{Rng, RngExt};
use serde::Deserialize;

use super::data_file::DataFile;
use super::error::PhysicsError;
use super::threats::{ThreatCatalogue, ThreatItem};
use crate::detect::classes::ThreatClass;

const TEXT: &str = include_str!("../../../data/concealment.ron");

/// Where in the truck a site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum Place {
    /// A unit of its own among the cargo, displacing goods.
    AmongGoods,
    /// Inside a carton, bale, drum or pallet load, displacing goods in it.
    InsideGoods,
    /// In the container's doors.
    Doors,
    /// Under the container's floor, between the cross members.
    Floor,
    /// Behind a false front wall.
    FalseWall,
    /// In a refrigerated container's machinery or front panels.
    ReeferUnit,
    /// In the truck's cab.
    Cab,
    /// In the truck's fuel tank.
    FuelTank,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Concealment {
    sites: Vec<RawSite>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    name: String,
    place: Place,
    what: String,
    space_mm: Option<(f64, f64, f64)>,
    weights: BTreeMap<String, f64>,
    source: String,
}

/// A concealment site.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Unique name, e.g. `"reefer_unit"`.
    pub name: String,
    /// Where it is.
    pub place: Place,
    /// What it is, in words.
    pub what: String,
    /// The largest item it holds (along, across, up), mm; `None`: bounded by the load.
    pub space_mm: Option<[f64; 3]>,
    /// What the site and its space rest on.
    pub source: String,
    weights: [f64; 4],
}

impl Site {
    /// The site's weight for `class` (0 for classes containers do not carry).
    pub fn weight(&self, class: ThreatClass) -> f64 {
        ThreatClass::CONTAINER
            .iter()
            .position(|c| *c == class)
            .map_or(0.0, |i| self.weights[i])
    }

    /// Whether an item of `size_mm` fits the site's space in some axis-aligned orientation.
    pub fn fits(&self, size_mm: [f64; 3]) -> bool {
        let Some(space) = self.space_mm else {
            return true;
        };
        let (mut item, mut room) = (size_mm, space);
        item.sort_by(f64::total_cmp);
        room.sort_by(f64::total_cmp);
        item.iter().zip(&room).all(|(i, r)| i <= r)
    }
}

/// Every concealment site of a concealment file.
#[derive(Debug, Clone, PartialEq)]
pub struct ConcealmentCatalogue {
    sites: Vec<Site>,
}

impl ConcealmentCatalogue {
    /// The shipped file's name.
    pub const FILE: &'static str = "data/concealment.ron";

    /// The sites shipped with porttwin, checked against the shipped threat items.
    pub fn standard() -> &'static ConcealmentCatalogue {
        static SITES: OnceLock<ConcealmentCatalogue> = OnceLock::new();
        SITES.get_or_init(
            || match ConcealmentCatalogue::parse(Self::FILE, TEXT, ThreatCatalogue::standard()) {
                Ok(c) => c,
                Err(e) => panic!("shipped concealment sites are broken: {e}"),
            },
        )
    }

    /// Reads and checks a concealment file's `text`: every container threat class needs a site
    /// with a positive weight, and every item of `threats` a site of its class it fits in.
    /// Errors name `file`, the line and the field.
    pub fn parse(file: &str, text: &str, threats: &ThreatCatalogue) -> Result<ConcealmentCatalogue, PhysicsError> {
        let doc = DataFile::new(file, text);
        let raw: Concealment = doc.parse()?;
        let mut sites: Vec<Site> = Vec::new();
        for (i, site) in raw.sites.iter().enumerate() {
            let at = |field: &str| format!("sites[{i}].{field}");
            if site.name.trim().is_empty() {
                return Err(doc.error(&at("name"), "a site needs a name"));
            }
            if sites.iter().any(|s| s.name == site.name) {
                return Err(doc.error(&at("name"), format!("a second site named `{}`", site.name)));
            }
            if site.source.trim().is_empty() {
                return Err(doc.error(&at("source"), "say what the site rests on (or that it is an assumption)"));
            }
            let space_mm = site.space_mm.map(|(x, y, z)| [x, y, z]);
            if let Some(space) = space_mm
                && !space.iter().all(|v| v.is_finite() && *v > 0.0)
            {
                return Err(doc.error(&at("space_mm"), format!("sizes must be positive millimetres (got {space:?})")));
            }
            let mut weights = [0.0; 4];
            for (name, &w) in &site.weights {
                let path = format!("sites[{i}].weights.{name}");
                let class = name
                    .parse::<ThreatClass>()
                    .ok()
                    .and_then(|c| ThreatClass::CONTAINER.iter().position(|k| *k == c))
                    .ok_or_else(|| {
                        let known: Vec<&str> = ThreatClass::CONTAINER.iter().map(|c| c.name()).collect();
                        doc.error(
                            &path,
                            format!("unknown threat class `{name}` (containers carry {})", known.join(", ")),
                        )
                    })?;
                if !(w.is_finite() && w >= 0.0) {
                    return Err(doc.error(&path, format!("a weight must be zero or positive (got {w})")));
                }
                weights[class] = w;
            }
            sites.push(Site {
                name: site.name.clone(),
                place: site.place,
                what: site.what.clone(),
                space_mm,
                source: site.source.clone(),
                weights,
            });
        }
        let catalogue = ConcealmentCatalogue { sites };
        for class in ThreatClass::CONTAINER {
            if !catalogue.sites.iter().any(|s| s.weight(class) > 0.0) {
                return Err(doc.error("sites", format!("no site has a positive weight for `{class}`")));
            }
            for item in threats.of_class(class) {
                if catalogue.candidates(item, |_| true).is_empty() {
                    let [x, y, z] = item.size_mm();
                    return Err(doc.error(
                        "sites",
                        format!(
                            "no site with a weight for `{class}` holds the item `{}` ({x:.0} x {y:.0} x {z:.0} mm)",
                            item.name
                        ),
                    ));
                }
            }
        }
        Ok(catalogue)
    }

    /// Every site, in file order.
    pub fn sites(&self) -> &[Site] {
        &self.sites
    }

    /// The site named `name`.
    pub fn get(&self, name: &str) -> Option<&Site> {
        self.sites.iter().find(|s| s.name == name)
    }

    /// Sites that may hold `item`: a positive weight for its class, room for it, and `open`
    /// (e.g. a reefer unit only on a refrigerated container).
    pub fn candidates(&self, item: &ThreatItem, open: impl Fn(&Site) -> bool) -> Vec<&Site> {
        self.sites
            .iter()
            .filter(|s| s.weight(item.class) > 0.0 && s.fits(item.size_mm()) && open(s))
            .collect()
    }

    /// Draws a site for `item` among the [`candidates`](Self::candidates), with probability
    /// proportional to their weights; `None` when none is open.
    pub fn draw<R: Rng + ?Sized>(&self, item: &ThreatItem, open: impl Fn(&Site) -> bool, rng: &mut R) -> Option<&Site> {
        let sites = self.candidates(item, open);
        let total: f64 = sites.iter().map(|s| s.weight(item.class)).sum();
        if sites.is_empty() {
            return None;
        }
        let mut u = rng.random_range(0.0..total);
        for s in &sites {
            u -= s.weight(item.class);
            if u < 0.0 {
                return Some(s);
            }
        }
        sites.last().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::rng::stream;

    #[test]
    fn the_shipped_sites_load_and_every_item_has_somewhere_to_hide() {
        let c = ConcealmentCatalogue::standard();
        for place in [
            Place::AmongGoods,
            Place::InsideGoods,
            Place::Doors,
            Place::Floor,
            Place::FalseWall,
            Place::ReeferUnit,
            Place::Cab,
            Place::FuelTank,
        ] {
            assert!(c.sites().iter().any(|s| s.place == place), "{place:?}");
        }
        // The rifle fits under the floor and in a door; the ammunition can (155 mm) in neither.
        let threats = ThreatCatalogue::standard();
        let names = |item: &str| -> Vec<String> {
            let item = threats.get(item).unwrap();
            c.candidates(item, |_| true).iter().map(|s| s.name.clone()).collect()
        };
        let rifle = names("assault_rifle");
        assert!(
            rifle.contains(&"floor".to_string()) && rifle.contains(&"doors".to_string()),
            "{rifle:?}"
        );
        let ammo = names("ammunition_can");
        assert!(
            !ammo.contains(&"floor".to_string()) && !ammo.contains(&"doors".to_string()),
            "{ammo:?}"
        );
    }

    #[test]
    fn sites_are_drawn_in_proportion_to_their_weights() {
        let c = ConcealmentCatalogue::standard();
        let bricks = ThreatCatalogue::standard().get("heroin_blocks").unwrap();
        // Only the reefer unit and the fuel tank are open: drugs weigh 4 and 1 there.
        let open = |s: &Site| matches!(s.place, Place::ReeferUnit | Place::FuelTank);
        let mut rng = stream(7, "test/concealment");
        let n = 20_000;
        let reefer = (0..n)
            .filter(|_| c.draw(bricks, open, &mut rng).unwrap().place == Place::ReeferUnit)
            .count();
        let share = reefer as f64 / n as f64;
        assert!((share - 0.8).abs() < 0.015, "{share}");
        assert!(c.draw(bricks, |_| false, &mut rng).is_none());
    }
}
