//! Mandatory targeting rules: conditions on the fields of a declaration.

use super::declaration::{Declaration, Route, TraderTier, reference_value_per_kg, typical_density};
use crate::detect::classes::GoodsCategory;

/// A field with a category value (`Is` rules).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Category {
    /// Declared goods.
    Goods(GoodsCategory),
    /// Country of origin, `0..ORIGINS`.
    Origin(u8),
    /// Trader tier.
    Trader(TraderTier),
    /// Route.
    Route(Route),
}

/// A numeric field (`Below` and `Above` rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numeric {
    /// Declared value per kilogram.
    ValuePerKg,
    /// Gross weight, kilograms.
    WeightKg,
    /// Volume, cubic metres.
    VolumeM3,
    /// The trader's past inspections.
    PriorInspections,
    /// Offences found in them.
    PriorOffences,
    /// Declared value per kilogram over the customs reference value of the declared goods.
    ValueRatio,
    /// Weight per volume over the typical density of the declared goods.
    DensityRatio,
}

/// Names of the category fields, for `Is("field", "value")`.
pub const CATEGORY_FIELDS: [&str; 4] = ["goods", "origin", "trader", "route"];
/// Names of the numeric fields, for `Below("field", x)` and `Above("field", x)`.
pub const NUMERIC_FIELDS: [&str; 7] = [
    "value_per_kg",
    "weight_kg",
    "volume_m3",
    "prior_inspections",
    "prior_offences",
    "value_ratio",
    "density_ratio",
];

impl Numeric {
    /// The field named `name`.
    pub fn from_name(name: &str) -> Option<Numeric> {
        let all = [
            Numeric::ValuePerKg,
            Numeric::WeightKg,
            Numeric::VolumeM3,
            Numeric::PriorInspections,
            Numeric::PriorOffences,
            Numeric::ValueRatio,
            Numeric::DensityRatio,
        ];
        NUMERIC_FIELDS.iter().position(|f| *f == name).map(|i| all[i])
    }

    /// The field's value on a declaration.
    pub fn value(self, d: &Declaration) -> f64 {
        match self {
            Numeric::ValuePerKg => d.value_per_kg,
            Numeric::WeightKg => d.weight_kg,
            Numeric::VolumeM3 => d.volume_m3,
            Numeric::PriorInspections => d.prior_inspections as f64,
            Numeric::PriorOffences => d.prior_offences as f64,
            Numeric::ValueRatio => d.value_per_kg / reference_value_per_kg(d.goods),
            Numeric::DensityRatio => d.weight_kg / d.volume_m3 / typical_density(d.goods),
        }
    }
}

/// Parses the category value `value` of field `field`; `Err` says what is wrong.
pub fn parse_category(field: &str, value: &str) -> Result<Category, String> {
    match field {
        "goods" => value.parse::<GoodsCategory>().map(Category::Goods),
        "origin" => value
            .parse::<u8>()
            .ok()
            .filter(|o| (*o as usize) < super::declaration::ORIGINS)
            .map(Category::Origin)
            .ok_or_else(|| {
                format!(
                    "origin must be a number from 0 to {} (got `{value}`)",
                    super::declaration::ORIGINS - 1
                )
            }),
        "trader" => tier_from_name(value)
            .map(Category::Trader)
            .ok_or_else(|| format!("unknown trader tier `{value}` (tiers: {})", TIER_NAMES.join(", "))),
        "route" => ["direct", "transshipment", "free_zone"]
            .iter()
            .position(|r| *r == value)
            .map(|i| Category::Route(Route::ALL[i]))
            .ok_or_else(|| format!("unknown route `{value}` (routes: direct, transshipment, free_zone)")),
        _ => Err(format!("unknown field `{field}`")),
    }
}

/// Names of the trader tiers, in [`TraderTier::ALL`] order.
pub const TIER_NAMES: [&str; 4] = ["authorised", "established", "ordinary", "new"];

/// The tier named `name`.
pub fn tier_from_name(name: &str) -> Option<TraderTier> {
    TIER_NAMES.iter().position(|t| *t == name).map(|i| TraderTier::ALL[i])
}

/// Position of a tier in [`TraderTier::ALL`].
pub fn tier_index(tier: TraderTier) -> usize {
    TraderTier::ALL.iter().position(|&t| t == tier).unwrap_or(0)
}

/// A condition on a declaration.
#[derive(Debug, Clone, PartialEq)]
pub enum DeclCondition {
    /// A category field has this value.
    Is(Category),
    /// A numeric field is below the value.
    Below(Numeric, f64),
    /// A numeric field is above the value.
    Above(Numeric, f64),
    /// Every condition holds.
    All(Vec<DeclCondition>),
    /// At least one holds.
    Any(Vec<DeclCondition>),
    /// The condition does not hold.
    Not(Box<DeclCondition>),
}

impl DeclCondition {
    /// Whether the condition holds for `d`.
    pub fn holds(&self, d: &Declaration) -> bool {
        match self {
            DeclCondition::Is(Category::Goods(g)) => d.goods == *g,
            DeclCondition::Is(Category::Origin(o)) => d.origin == *o,
            DeclCondition::Is(Category::Trader(t)) => d.trader == *t,
            DeclCondition::Is(Category::Route(r)) => d.route == *r,
            DeclCondition::Below(field, x) => field.value(d) < *x,
            DeclCondition::Above(field, x) => field.value(d) > *x,
            DeclCondition::All(cs) => cs.iter().all(|c| c.holds(d)),
            DeclCondition::Any(cs) => cs.iter().any(|c| c.holds(d)),
            DeclCondition::Not(c) => !c.holds(d),
        }
    }
}
