//! The risk model's input: features a customs system has at lodgement.

use super::declaration::{Declaration, ORIGINS, Route, TraderTier, reference_value_per_kg, typical_density};
use crate::detect::classes::GoodsCategory;

/// Declared goods categories in the features (all but [`GoodsCategory::Empty`]).
const GOODS: usize = GoodsCategory::ALL.len() - 1;

/// Length of the feature vector.
pub const FEATURES: usize = GOODS + ORIGINS + TraderTier::ALL.len() + Route::ALL.len() + 5;

/// Names of the features, in order (written to CSV headers and the model manifest).
pub fn feature_names() -> Vec<String> {
    let mut names: Vec<String> = GoodsCategory::ALL[..GOODS].iter().map(|g| format!("goods_{g}")).collect();
    names.extend((0..ORIGINS).map(|o| format!("origin_{o}")));
    names.extend(["tier_authorised", "tier_established", "tier_ordinary", "tier_new"].map(String::from));
    names.extend(["route_direct", "route_transshipment", "route_free_zone"].map(String::from));
    names.extend(
        [
            "log_value_ratio",
            "log_density_ratio",
            "log1p_inspections",
            "log1p_offences",
            "offence_rate",
        ]
        .map(String::from),
    );
    names
}

/// The feature vector of a declaration: one-hot categoricals, then log ratios against
/// the customs reference value and typical density of the declared goods, then history.
pub fn features(d: &Declaration) -> [f32; FEATURES] {
    let mut f = [0.0f32; FEATURES];
    let mut at = 0;
    let mut one_hot = |index: usize, len: usize, f: &mut [f32; FEATURES]| {
        f[at + index] = 1.0;
        at += len;
    };
    one_hot(d.goods.index().min(GOODS - 1), GOODS, &mut f);
    one_hot(d.origin as usize, ORIGINS, &mut f);
    one_hot(
        TraderTier::ALL.iter().position(|&t| t == d.trader).unwrap_or(0),
        TraderTier::ALL.len(),
        &mut f,
    );
    one_hot(Route::ALL.iter().position(|&r| r == d.route).unwrap_or(0), Route::ALL.len(), &mut f);
    let at = FEATURES - 5;
    f[at] = (d.value_per_kg / reference_value_per_kg(d.goods)).ln() as f32;
    f[at + 1] = (d.weight_kg / d.volume_m3 / typical_density(d.goods)).ln() as f32;
    f[at + 2] = (1.0 + d.prior_inspections as f64).ln() as f32;
    f[at + 3] = (1.0 + d.prior_offences as f64).ln() as f32;
    f[at + 4] = d.prior_offences as f32 / (1.0 + d.prior_inspections as f32);
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cargo::clearance::declaration::generate;

    #[test]
    fn features_are_finite_and_one_hot_blocks_sum_to_one() {
        assert_eq!(feature_names().len(), FEATURES);
        for i in 0..200 {
            let f = features(&generate(9, i).0);
            assert!(f.iter().all(|v| v.is_finite()));
            let one_hot: f32 = f[..FEATURES - 5].iter().sum();
            assert_eq!(one_hot, 4.0);
        }
    }
}
