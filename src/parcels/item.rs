//! One parcel as the mail centre receives it: its item-level electronic advance data (what the
//! sender declared) and its hidden truth (what it really holds and what it is worth), drawn
//! from the parcel's own stream (`parcels/item/<index>`), so parcel `index` is the same
//! whatever else the run does.

use rand::{Rng, RngExt};
use rand_distr::{Distribution, LogNormal};

use super::classes::ParcelClass;
use super::goods::{self, GoodsKind, MIX, VAGUE_DESCRIPTIONS, VALUE_SIGMA, WEIGHT_SIGMA};
use crate::detect::{GoodsCategory, ThreatClass};
use crate::sim::rng::stream;

/// Who sends and receives the parcels, and how often each class hides among them.
#[derive(Debug, Clone, PartialEq)]
pub struct ParcelStream {
    /// Sender countries and their shares (summing to 1).
    pub origins: Vec<(String, f64)>,
    /// Recipient countries and their shares (summing to 1).
    pub destinations: Vec<(String, f64)>,
    /// Share of parcels carrying each class, in [`ParcelClass::ALL`] order (at most one per parcel).
    pub rates: [f64; 5],
}

/// Item-level electronic advance data, as the postal operator or express carrier transmits it.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct AdvanceData {
    /// Description of the goods.
    pub description: &'static str,
    /// HS chapter declared.
    pub chapter: u8,
    /// The goods category that chapter stands for.
    pub declared_goods: GoodsCategory,
    /// Declared value, EUR.
    pub value_eur: f64,
    /// Declared gross weight, kg.
    pub weight_kg: f64,
    /// Sender country (index into [`ParcelStream::origins`]).
    pub origin: u16,
    /// Recipient country (index into [`ParcelStream::destinations`]).
    pub destination: u16,
}

impl AdvanceData {
    /// Whether the description says nothing about the goods.
    pub fn vague(&self) -> bool {
        VAGUE_DESCRIPTIONS.contains(&self.description)
    }

    /// Declared value per kilogram, EUR.
    pub fn value_per_kg(&self) -> f64 {
        self.value_eur / self.weight_kg.max(0.01)
    }
}

/// What the parcel really is.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Truth {
    /// The goods it holds.
    pub goods: GoodsCategory,
    /// Their real value, EUR.
    pub value_eur: f64,
    /// What it hides or evades, if anything.
    pub class: Option<ParcelClass>,
}

/// What the belt X-ray sees: the goods, an item hidden among them, how well.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ParcelContent {
    /// The goods.
    pub goods: GoodsCategory,
    /// An item the image model can show, if any.
    pub hidden: Option<ThreatClass>,
    /// How well it is hidden, `0..=1`.
    pub difficulty: f32,
    /// Pieces of goods in the box.
    pub pieces: u8,
}

/// A parcel: its advance data, its truth, its contents.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ParcelItem {
    /// Serial number among the run's parcels.
    pub index: u64,
    /// What was declared.
    pub ead: AdvanceData,
    /// What it is.
    pub truth: Truth,
    /// What the X-ray sees.
    pub content: ParcelContent,
}

impl ParcelItem {
    /// Parcel `index` of the stream under run seed `seed`.
    pub fn draw(seed: u64, index: u64, population: &ParcelStream) -> ParcelItem {
        let mut rng = stream(seed, &format!("parcels/item/{index}"));
        ParcelItem::draw_with(index, population, &mut rng)
    }

    /// A parcel drawn from `rng`.
    pub fn draw_with<R: Rng + ?Sized>(index: u64, population: &ParcelStream, rng: &mut R) -> ParcelItem {
        let class = pick_class(&population.rates, rng.random());
        let kind = cover_goods(class, rng);
        let value_median = if class == Some(ParcelClass::UndeclaredValue) {
            5.0 * kind.value_median_eur
        } else {
            kind.value_median_eur
        };
        let value_eur = log_normal(value_median, VALUE_SIGMA, rng);
        let mut weight_kg = log_normal(kind.weight_median_kg, WEIGHT_SIGMA, rng);
        if class == Some(ParcelClass::Drugs) {
            weight_kg += rng.random_range(0.1..0.6);
        }
        let declared_value = if class == Some(ParcelClass::UndeclaredValue) {
            value_eur * rng.random_range(0.05..0.35)
        } else {
            value_eur
        };
        let misdescribe = match class {
            None => 0.01,
            Some(ParcelClass::UndeclaredValue) => 0.4,
            Some(ParcelClass::Counterfeit) => 0.3,
            Some(ParcelClass::Drugs) => 0.2,
            Some(ParcelClass::WeaponParts) => 0.5,
            Some(ParcelClass::Wildlife) => 0.3,
        };
        let declared = if rng.random_bool(misdescribe) {
            other_goods(kind.goods, rng)
        } else {
            kind
        };
        let chapter = if rng.random_bool(0.6) {
            declared.chapters[0]
        } else {
            declared.chapters[rng.random_range(0..declared.chapters.len())]
        };
        let vague = rng.random_bool(if class.is_some() { 0.4 } else { 0.05 });
        let description = if vague {
            VAGUE_DESCRIPTIONS[rng.random_range(0..VAGUE_DESCRIPTIONS.len())]
        } else {
            declared.descriptions[rng.random_range(0..declared.descriptions.len())]
        };
        let origin = pick_share(&population.origins, rng.random()) as u16;
        let destination = pick_share(&population.destinations, rng.random()) as u16;
        let content = ParcelContent {
            goods: kind.goods,
            hidden: class.and_then(ParcelClass::threat),
            difficulty: rng.random_range(0.0..=1.0),
            pieces: rng.random_range(2..=5),
        };
        ParcelItem {
            index,
            ead: AdvanceData {
                description,
                chapter,
                declared_goods: declared.goods,
                value_eur: round_cents(declared_value),
                weight_kg: (weight_kg * 1000.0).round() / 1000.0,
                origin,
                destination,
            },
            truth: Truth {
                goods: kind.goods,
                value_eur,
                class,
            },
            content,
        }
    }

    /// Whether the declared goods differ from the real ones.
    pub fn misdeclared(&self) -> bool {
        self.ead.declared_goods != self.truth.goods
    }
}

fn round_cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn log_normal<R: Rng + ?Sized>(median: f64, sigma: f64, rng: &mut R) -> f64 {
    LogNormal::new(median.ln(), sigma).map_or(median, |d| d.sample(rng))
}

/// The class whose cumulative rate first exceeds `u`, or none.
fn pick_class(rates: &[f64; 5], u: f64) -> Option<ParcelClass> {
    let mut total = 0.0;
    for (class, rate) in ParcelClass::ALL.iter().zip(rates) {
        total += rate;
        if u < total {
            return Some(*class);
        }
    }
    None
}

/// The index of the entry whose cumulative share first exceeds `u` (the last for rounding).
fn pick_share(shares: &[(String, f64)], u: f64) -> usize {
    let mut total = 0.0;
    for (i, (_, share)) in shares.iter().enumerate() {
        total += share;
        if u < total {
            return i;
        }
    }
    shares.len().saturating_sub(1)
}

fn from_mix<R: Rng + ?Sized>(rng: &mut R) -> &'static GoodsKind {
    let u: f64 = rng.random();
    let mut total = 0.0;
    for kind in &MIX {
        total += kind.share;
        if u < total {
            return kind;
        }
    }
    &MIX[MIX.len() - 1]
}

/// The goods a parcel of `class` holds: counterfeits are apparel, electronics and watches;
/// weapon parts travel as vehicle parts, tools and machinery; wildlife products as decoration,
/// cosmetics and remedies; the rest follow the mix (assumptions, after the classes' usual
/// covers in WCO and EUIPO seizure reports).
fn cover_goods<R: Rng + ?Sized>(class: Option<ParcelClass>, rng: &mut R) -> &'static GoodsKind {
    let pick = |options: &[(GoodsCategory, f64)], rng: &mut R| {
        let u: f64 = rng.random();
        let mut total = 0.0;
        for (goods, share) in options {
            total += share;
            if u < total {
                return goods::kind(*goods);
            }
        }
        goods::kind(options[options.len() - 1].0)
    };
    match class {
        Some(ParcelClass::Counterfeit) => pick(
            &[(GoodsCategory::Textiles, 0.5), (GoodsCategory::Electronics, 0.3), (GoodsCategory::MetalProducts, 0.2)],
            rng,
        ),
        Some(ParcelClass::WeaponParts) => pick(
            &[(GoodsCategory::VehicleParts, 0.4), (GoodsCategory::MetalProducts, 0.4), (GoodsCategory::Machinery, 0.2)],
            rng,
        ),
        Some(ParcelClass::Wildlife) => pick(
            &[(GoodsCategory::Furniture, 0.4), (GoodsCategory::Chemicals, 0.4), (GoodsCategory::Foodstuffs, 0.2)],
            rng,
        ),
        Some(ParcelClass::UndeclaredValue) if rng.random_bool(0.5) => goods::kind(GoodsCategory::Electronics),
        _ => from_mix(rng),
    }
}

/// Another kind of goods than `truth`, by the mix's shares.
fn other_goods<R: Rng + ?Sized>(truth: GoodsCategory, rng: &mut R) -> &'static GoodsKind {
    loop {
        let kind = from_mix(rng);
        if kind.goods != truth {
            return kind;
        }
    }
}

/// Advance data as a snapshot holds it: the description as text, read back as the same text of
/// the generator's lists (a description is always one of them).
#[derive(serde::Deserialize)]
struct SavedAdvanceData {
    description: String,
    chapter: u8,
    declared_goods: GoodsCategory,
    value_eur: f64,
    weight_kg: f64,
    origin: u16,
    destination: u16,
}

impl<'de> serde::Deserialize<'de> for AdvanceData {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let saved = SavedAdvanceData::deserialize(deserializer)?;
        AdvanceData::try_from(saved).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<SavedAdvanceData> for AdvanceData {
    type Error = String;

    fn try_from(saved: SavedAdvanceData) -> Result<Self, String> {
        let description = VAGUE_DESCRIPTIONS
            .iter()
            .chain(MIX.iter().flat_map(|kind| kind.descriptions.iter()))
            .find(|known| **known == saved.description)
            .copied()
            .ok_or_else(|| format!("unknown parcel description \"{}\"", saved.description))?;
        Ok(AdvanceData {
            description,
            chapter: saved.chapter,
            declared_goods: saved.declared_goods,
            value_eur: saved.value_eur,
            weight_kg: saved.weight_kg,
            origin: saved.origin,
            destination: saved.destination,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn population(rates: [f64; 5]) -> ParcelStream {
        ParcelStream {
            origins: vec![("CN".into(), 0.9), ("US".into(), 0.1)],
            destinations: vec![("DE".into(), 1.0)],
            rates,
        }
    }

    #[test]
    fn a_parcel_depends_on_seed_and_index_only() {
        let p = population([0.01; 5]);
        assert_eq!(ParcelItem::draw(3, 7, &p), ParcelItem::draw(3, 7, &p));
        assert_ne!(ParcelItem::draw(3, 7, &p), ParcelItem::draw(3, 8, &p));
    }

    #[test]
    fn classes_follow_their_rates_and_undervalued_parcels_declare_less() {
        let p = population([0.1, 0.0, 0.0, 0.0, 0.2]);
        let items: Vec<_> = (0..4000).map(|i| ParcelItem::draw(1, i, &p)).collect();
        let drugs = items.iter().filter(|i| i.truth.class == Some(ParcelClass::Drugs)).count();
        let under = items.iter().filter(|i| i.truth.class == Some(ParcelClass::UndeclaredValue)).count();
        assert!((320..480).contains(&drugs), "{drugs}");
        assert!((700..900).contains(&under), "{under}");
        for item in &items {
            let honest_value = (item.ead.value_eur - item.truth.value_eur).abs() < 0.01;
            assert_eq!(honest_value, item.truth.class != Some(ParcelClass::UndeclaredValue), "{item:?}");
            assert_eq!(item.content.hidden, item.truth.class.and_then(ParcelClass::threat));
        }
        let us = items.iter().filter(|i| i.ead.origin == 1).count();
        assert!((300..500).contains(&us), "{us}");
    }
}
