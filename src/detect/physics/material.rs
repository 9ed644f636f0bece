//! Scanner materials and their attenuation, from `data/xcom/materials.ron`.
//!
//! A material is a NIST Table 4 substance or a mixture of elements and
//! earlier materials by mass; its μ/ρ follows the mixture rule over the
//! NIST SRD 126 tables ([`super::xcom`]).

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

use super::error::PhysicsError;
use super::xcom::NistTables;

const FILE: &str = "data/xcom/materials.ron";
const TEXT: &str = include_str!("../../../data/xcom/materials.ron");

macro_rules! materials {
    ($($variant:ident => $name:literal,)*) => {
        /// A material a scanner can see, named as in `data/xcom/materials.ron`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Material {
            $(#[doc = concat!("`", $name, "` in the materials file.")] $variant,)*
        }

        impl Material {
            /// Every material, in file order.
            pub const ALL: &'static [Material] = &[$(Material::$variant,)*];

            /// The name used in the materials file.
            pub fn name(self) -> &'static str {
                match self {
                    $(Material::$variant => $name,)*
                }
            }
        }
    };
}

materials! {
    Air => "air",
    Water => "water",
    Polyethylene => "polyethylene",
    Polystyrene => "polystyrene",
    Pmma => "pmma",
    Pvc => "pvc",
    Polyester => "polyester",
    Glass => "glass",
    Bone => "bone",
    SoftTissue => "soft_tissue",
    Concrete => "concrete",
    CesiumIodide => "cesium_iodide",
    GadoliniumOxysulfide => "gadolinium_oxysulfide",
    Aluminium => "aluminium",
    Iron => "iron",
    Steel => "steel",
    StainlessSteel => "stainless_steel",
    CastIron => "cast_iron",
    Copper => "copper",
    Brass => "brass",
    Lead => "lead",
    Tungsten => "tungsten",
    Cellulose => "cellulose",
    Sucrose => "sucrose",
    CalciumCarbonate => "calcium_carbonate",
    Hydroxyapatite => "hydroxyapatite",
    Polyisoprene => "polyisoprene",
    Nylon => "nylon",
    Polycarbonate => "polycarbonate",
    Diesel => "diesel",
    CadmiumTungstate => "cadmium_tungstate",
    Cocaine => "cocaine",
    Heroin => "heroin",
    Nitrocellulose => "nitrocellulose",
    Collagen => "collagen",
    Keratin => "keratin",
    Ivory => "ivory",
    Paper => "paper",
    Cotton => "cotton",
    Textile => "textile",
    Wood => "wood",
    Plywood => "plywood",
    Rubber => "rubber",
    Organic => "organic",
    Foodstuff => "foodstuff",
    CircuitBoard => "circuit_board",
    Methamphetamine => "methamphetamine",
}

impl fmt::Display for Material {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    elements: Vec<RawElement>,
    materials: Vec<RawMaterial>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawElement {
    symbol: String,
    z: u32,
    atomic_mass: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMaterial {
    name: String,
    density: f64,
    composition: RawComposition,
    source: String,
}

#[derive(Debug, Deserialize)]
enum RawComposition {
    Table(String),
    Formula(String),
    ByMass(Vec<(String, f64)>),
}

/// One material's data: density, where it comes from, and its composition as NIST tables.
#[derive(Debug, Clone, PartialEq)]
pub struct MaterialData {
    /// Density of the solid material, g/cm³.
    pub density_g_cm3: f64,
    /// Where the composition and density come from.
    pub source: String,
    /// NIST tables and their mass fractions (the mixture rule).
    pub terms: Vec<(String, f64)>,
}

/// Every material's attenuation.
#[derive(Debug, Clone)]
pub struct Catalogue {
    tables: NistTables,
    data: Vec<MaterialData>,
}

impl Catalogue {
    /// The catalogue shipped with porttwin (parsed once; its data files are checked by tests).
    pub fn standard() -> &'static Catalogue {
        static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
        CATALOGUE.get_or_init(|| match Catalogue::load() {
            Ok(c) => c,
            Err(e) => panic!("shipped physics data are broken: {e}"),
        })
    }

    /// Parses the shipped data files.
    pub fn load() -> Result<Catalogue, PhysicsError> {
        Self::parse(NistTables::shipped()?, TEXT)
    }

    fn parse(tables: NistTables, text: &str) -> Result<Catalogue, PhysicsError> {
        let raw: RawFile = ron::from_str(text).map_err(|e| PhysicsError::Data {
            file: FILE,
            line: e.span.start.line,
            message: e.code.to_string(),
        })?;
        let masses: HashMap<&str, f64> = raw.elements.iter().map(|e| (e.symbol.as_str(), e.atomic_mass)).collect();
        for e in &raw.elements {
            tables.get(&e.symbol)?;
            if e.z == 0 || e.atomic_mass <= 0.0 {
                return Err(undefined(&e.symbol));
            }
        }
        let mut resolved: HashMap<String, Vec<(String, f64)>> = HashMap::new();
        let mut by_name: HashMap<String, MaterialData> = HashMap::new();
        for m in &raw.materials {
            let terms = match &m.composition {
                RawComposition::Table(t) => {
                    tables.get(t)?;
                    vec![(t.clone(), 1.0)]
                }
                RawComposition::Formula(f) => formula_fractions(f, &masses)?,
                RawComposition::ByMass(parts) => {
                    let total: f64 = parts.iter().map(|p| p.1).sum();
                    if (total - 1.0).abs() > 1e-6 {
                        return Err(PhysicsError::Load {
                            what: m.name.clone(),
                            why: format!("mass fractions add up to {total}, not 1"),
                        });
                    }
                    let mut terms = Vec::new();
                    for (part, w) in parts {
                        if masses.contains_key(part.as_str()) {
                            terms.push((part.clone(), *w));
                        } else {
                            let sub = resolved.get(part).ok_or_else(|| undefined(part))?;
                            terms.extend(sub.iter().map(|(t, v)| (t.clone(), v * w)));
                        }
                    }
                    terms
                }
            };
            if m.density <= 0.0 {
                return Err(PhysicsError::Load {
                    what: m.name.clone(),
                    why: "density must be positive".into(),
                });
            }
            resolved.insert(m.name.clone(), terms.clone());
            by_name.insert(
                m.name.clone(),
                MaterialData {
                    density_g_cm3: m.density,
                    source: m.source.clone(),
                    terms,
                },
            );
        }
        let data = Material::ALL
            .iter()
            .map(|m| by_name.remove(m.name()).ok_or_else(|| undefined(m.name())))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(extra) = by_name.keys().next() {
            return Err(PhysicsError::Load {
                what: extra.clone(),
                why: "defined in the materials file but unknown to porttwin".into(),
            });
        }
        Ok(Catalogue { tables, data })
    }

    /// The data of `material`.
    pub fn data(&self, material: Material) -> &MaterialData {
        &self.data[material as usize]
    }

    /// Density of the solid `material`, g/cm³.
    pub fn density(&self, material: Material) -> f64 {
        self.data(material).density_g_cm3
    }

    /// μ/ρ of `material` at `energy_mev`, cm²/g.
    pub fn mu_rho(&self, material: Material, energy_mev: f64) -> f64 {
        self.mix(material, |t| t.mu_rho(energy_mev))
    }

    /// μ_en/ρ of `material` at `energy_mev`, cm²/g.
    pub fn mu_en_rho(&self, material: Material, energy_mev: f64) -> f64 {
        self.mix(material, |t| t.mu_en_rho(energy_mev))
    }

    fn mix(&self, material: Material, f: impl Fn(&super::xcom::AttenuationTable) -> f64) -> f64 {
        self.data(material)
            .terms
            .iter()
            .map(|(name, w)| w * self.tables.get(name).map_or(0.0, &f))
            .sum()
    }
}

fn undefined(name: &str) -> PhysicsError {
    PhysicsError::Undefined {
        file: FILE,
        name: name.to_string(),
    }
}

/// Mass fractions of the elements of a chemical formula such as `Ca10P6O26H2`.
fn formula_fractions(formula: &str, masses: &HashMap<&str, f64>) -> Result<Vec<(String, f64)>, PhysicsError> {
    let chars: Vec<char> = formula.chars().collect();
    let mut atoms: Vec<(String, f64)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_uppercase() {
            return Err(undefined(&format!("formula {formula}")));
        }
        let mut symbol = chars[i].to_string();
        i += 1;
        while i < chars.len() && chars[i].is_ascii_lowercase() {
            symbol.push(chars[i]);
            i += 1;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let count: f64 = if start == i {
            1.0
        } else {
            chars[start..i].iter().collect::<String>().parse().unwrap_or(1.0)
        };
        let mass = masses.get(symbol.as_str()).ok_or_else(|| undefined(&symbol))?;
        atoms.push((symbol, count * mass));
    }
    let total: f64 = atoms.iter().map(|a| a.1).sum();
    Ok(atoms.into_iter().map(|(s, m)| (s, m / total)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_material_loads_with_a_source() {
        let c = Catalogue::load().unwrap();
        for &m in Material::ALL {
            let d = c.data(m);
            assert!(!d.source.is_empty(), "{m}");
            let w: f64 = d.terms.iter().map(|t| t.1).sum();
            assert!((w - 1.0).abs() < 1e-9, "{m}: {w}");
            assert!(c.mu_rho(m, 1.0) > 0.0);
        }
    }

    #[test]
    fn mixture_rule_reproduces_nist_water() {
        // Water by formula against NIST's own Table 4 water, at 100 keV and 6 MeV.
        let tables = NistTables::shipped().unwrap();
        let masses: HashMap<&str, f64> = [("H", 1.00794), ("O", 15.99936)].into_iter().collect();
        let terms = formula_fractions("H2O", &masses).unwrap();
        for e in [0.1, 6.0] {
            let mix: f64 = terms.iter().map(|(s, w)| w * tables.get(s).unwrap().mu_rho(e)).sum();
            let nist = tables.get("water").unwrap().mu_rho(e);
            assert!((mix / nist - 1.0).abs() < 0.005, "{e} MeV: {mix} vs {nist}");
        }
    }

    #[test]
    fn heavier_elements_attenuate_more_where_photo_and_pair_effects_rule() {
        let c = Catalogue::standard();
        assert!(c.mu_rho(Material::Lead, 0.1) > 10.0 * c.mu_rho(Material::Water, 0.1));
        assert!(c.mu_rho(Material::Lead, 8.0) > 1.5 * c.mu_rho(Material::Steel, 8.0));
        let ivory = c.mu_rho(Material::Ivory, 0.08);
        assert!(ivory > c.mu_rho(Material::Water, 0.08) && ivory < c.mu_rho(Material::Aluminium, 0.08) * 1.5);
    }

    #[test]
    fn a_mixture_of_unknown_parts_is_refused() {
        let text = "(elements: [], materials: [(name: \"x\", density: 1.0, composition: ByMass([(\"unobtainium\", 1.0)]), source: \"\")])";
        let err = Catalogue::parse(NistTables::shipped().unwrap(), text).unwrap_err();
        assert_eq!(err.to_string(), "data/xcom/materials.ron: `unobtainium` is not defined");
    }
}
