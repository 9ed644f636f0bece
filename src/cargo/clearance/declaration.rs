//! Customs declarations with a hidden ground truth.
//!
//! Each declaration comes from a trader with a latent propensity to cheat
//! (set by their tier, the origin, the route and chance); the propensity
//! leaks into the history a customs system keeps (prior inspections and
//! offences). A cheating declaration undervalues, misdescribes the goods
//! or hides contraband, and each leaves its own traces: a low declared
//! value, a weight that does not fit the declared goods, or both.

use rand::{Rng, RngExt};
use rand_distr::{Distribution, Poisson, StandardNormal};

use crate::detect::classes::{GoodsCategory, ThreatClass, ThreatSet};
use crate::sim::rng::stream;

/// Number of origins in the generator.
pub const ORIGINS: usize = 8;
/// Risk offset (log-odds) of each origin.
const ORIGIN_RISK: [f64; ORIGINS] = [-0.4, 0.0, 0.0, 0.3, 0.5, 0.9, 1.3, -0.2];
/// Share of declarations from each origin.
const ORIGIN_SHARE: [f64; ORIGINS] = [0.2, 0.18, 0.15, 0.12, 0.1, 0.1, 0.05, 0.1];

/// The trader's compliance standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TraderTier {
    /// Authorised economic operator.
    Authorised,
    /// Long record, few problems.
    Established,
    /// Ordinary importer.
    Ordinary,
    /// First declarations.
    New,
}

impl TraderTier {
    /// Every tier, in feature order.
    pub const ALL: [TraderTier; 4] = [
        TraderTier::Authorised,
        TraderTier::Established,
        TraderTier::Ordinary,
        TraderTier::New,
    ];
}

/// How the goods travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Route {
    /// Straight from the origin.
    Direct,
    /// Through a hub port.
    Transshipment,
    /// Through a free zone.
    FreeZone,
}

impl Route {
    /// Every route, in feature order.
    pub const ALL: [Route; 3] = [Route::Direct, Route::Transshipment, Route::FreeZone];
}

/// What a declaration states (everything a customs system sees).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Declaration {
    /// Declared goods (never [`GoodsCategory::Empty`]).
    pub goods: GoodsCategory,
    /// Country of origin, `0..ORIGINS`.
    pub origin: u8,
    /// The trader's tier.
    pub trader: TraderTier,
    /// The route.
    pub route: Route,
    /// Declared value per kilogram.
    pub value_per_kg: f64,
    /// Gross weight in kilograms.
    pub weight_kg: f64,
    /// Volume in cubic metres.
    pub volume_m3: f64,
    /// The trader's past inspections.
    pub prior_inspections: u32,
    /// Offences found in them.
    pub prior_offences: u32,
}

/// How a declaration cheats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Fraud {
    /// An honest declaration.
    None,
    /// Value declared far below the real one.
    Undervaluation,
    /// Other goods than those declared.
    Misdescription,
    /// Contraband hidden in the cargo.
    Contraband,
}

/// What the declaration hides: known to the generator, never to the selector.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HiddenTruth {
    /// Goods really shipped.
    pub goods: GoodsCategory,
    /// The kind of fraud.
    pub fraud: Fraud,
    /// Contraband in the cargo.
    pub contraband: ThreatSet,
}

impl HiddenTruth {
    /// Whether an inspection would find something: fraud or contraband.
    pub fn is_risky(&self) -> bool {
        self.fraud != Fraud::None
    }
}

/// Customs' reference value per kilogram of each category.
pub fn reference_value_per_kg(goods: GoodsCategory) -> f64 {
    [40.0, 12.0, 15.0, 3.0, 2.5, 6.0, 2.0, 5.0, 1.2, 9.0, 0.0][goods.index()]
}

/// Typical loaded density of each category, kilograms per cubic metre.
pub fn typical_density(goods: GoodsCategory) -> f64 {
    [180.0, 220.0, 450.0, 420.0, 600.0, 120.0, 800.0, 110.0, 550.0, 350.0, 0.0][goods.index()]
}

/// Declaration `index` of the set seeded by `seed`, with its hidden truth (stream `clearance/declaration/<index>`).
pub fn generate(seed: u64, index: usize) -> (Declaration, HiddenTruth) {
    generate_with(&mut stream(seed, &format!("clearance/declaration/{index}")))
}

/// Draws a declaration and its hidden truth from `rng`.
pub fn generate_with<R: Rng + ?Sized>(rng: &mut R) -> (Declaration, HiddenTruth) {
    let trader = pick(rng, &[0.15, 0.45, 0.3, 0.1], &TraderTier::ALL);
    let origin = pick(rng, &ORIGIN_SHARE, &[0u8, 1, 2, 3, 4, 5, 6, 7]);
    let route = pick(rng, &[0.6, 0.3, 0.1], &Route::ALL);
    let tier_risk = match trader {
        TraderTier::Authorised => -5.5,
        TraderTier::Established => -4.3,
        TraderTier::Ordinary => -3.3,
        TraderTier::New => -2.3,
    };
    let route_risk = match route {
        Route::Direct => 0.0,
        Route::Transshipment => 0.7,
        Route::FreeZone => 1.3,
    };
    let noise: f64 = StandardNormal.sample(rng);
    let propensity = tier_risk + ORIGIN_RISK[origin as usize] + route_risk + 0.9 * noise;
    let history_years = rng.random_range(1.0..8.0) * if trader == TraderTier::New { 0.1 } else { 1.0 };
    let prior_inspections = poisson(rng, 1.0 + history_years * 1.5);
    let offence_rate = 0.5 * sigmoid(propensity + 1.5);
    let prior_offences = (0..prior_inspections).filter(|_| rng.random_bool(offence_rate)).count() as u32;
    let truth_goods = GoodsCategory::ALL[rng.random_range(0..GoodsCategory::ALL.len() - 1)];
    let fraud = if rng.random_bool(sigmoid(propensity + 0.2)) {
        pick(
            rng,
            &[0.5, 0.3, 0.2],
            &[Fraud::Undervaluation, Fraud::Misdescription, Fraud::Contraband],
        )
    } else {
        Fraud::None
    };
    let goods = match fraud {
        Fraud::Misdescription => {
            // Declared as other goods of lower duty: the cheapest category is declared as any other.
            let others: Vec<GoodsCategory> = GoodsCategory::ALL[..GoodsCategory::ALL.len() - 1]
                .iter()
                .copied()
                .filter(|&g| g != truth_goods && reference_value_per_kg(g) <= reference_value_per_kg(truth_goods))
                .collect();
            let others = if others.is_empty() {
                GoodsCategory::ALL[..GoodsCategory::ALL.len() - 1]
                    .iter()
                    .copied()
                    .filter(|&g| g != truth_goods)
                    .collect()
            } else {
                others
            };
            others[rng.random_range(0..others.len())]
        }
        _ => truth_goods,
    };
    let contraband = match fraud {
        Fraud::Contraband => [ThreatClass::CONTAINER[rng.random_range(0..4)]].into_iter().collect(),
        _ => ThreatSet::NONE,
    };
    let volume_m3 = rng.random_range(20.0..33.0);
    let density_factor = match fraud {
        Fraud::Contraband => 1.15,
        _ => 1.0,
    };
    let weight_kg = volume_m3 * typical_density(truth_goods) * density_factor * lognormal(rng, 0.18);
    let value_factor = match fraud {
        Fraud::Undervaluation => rng.random_range(0.25..0.7),
        _ => 1.0,
    };
    let value_per_kg = reference_value_per_kg(goods) * value_factor * lognormal(rng, 0.25);
    let declaration = Declaration {
        goods,
        origin,
        trader,
        route,
        value_per_kg,
        weight_kg,
        volume_m3,
        prior_inspections,
        prior_offences,
    };
    (
        declaration,
        HiddenTruth {
            goods: truth_goods,
            fraud,
            contraband,
        },
    )
}

fn pick<R: Rng + ?Sized, T: Copy>(rng: &mut R, weights: &[f64], items: &[T]) -> T {
    let mut u = rng.random_range(0.0..weights.iter().sum::<f64>());
    for (w, item) in weights.iter().zip(items) {
        if u < *w {
            return *item;
        }
        u -= w;
    }
    items[items.len() - 1]
}

fn poisson<R: Rng + ?Sized>(rng: &mut R, mean: f64) -> u32 {
    Poisson::new(mean).map(|p| p.sample(rng) as u32).unwrap_or(0)
}

fn lognormal<R: Rng + ?Sized>(rng: &mut R, sigma: f64) -> f64 {
    let z: f64 = StandardNormal.sample(rng);
    (sigma * z - sigma * sigma / 2.0).exp()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_seeded_and_fraud_is_rare_but_present() {
        assert_eq!(generate(3, 17), generate(3, 17));
        let all: Vec<_> = (0..5000).map(|i| generate(3, i)).collect();
        let risky = all.iter().filter(|(_, t)| t.is_risky()).count() as f64 / all.len() as f64;
        assert!((0.02..0.12).contains(&risky), "base rate {risky}");
        for (d, t) in &all {
            assert_ne!(d.goods, GoodsCategory::Empty);
            assert_eq!(t.fraud == Fraud::Misdescription, d.goods != t.goods);
            assert_eq!(t.fraud == Fraud::Contraband, !t.contraband.is_empty());
            assert!(d.prior_offences <= d.prior_inspections);
        }
    }
}
