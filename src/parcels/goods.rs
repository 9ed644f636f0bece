//! What e-commerce parcels hold: the goods kinds of the mix, their HS chapters, typical values
//! and weights, and the descriptions senders write in the advance data.
//!
//! Parcels reuse the image models' goods categories ([`GoodsCategory`]), so the image model's
//! goods output can be compared with the HS chapter declared in the advance data. The mix,
//! values and weights are assumptions for low-value cross-border e-commerce (apparel, footwear
//! and electronics lead the categories in the European Commission's 2025 e-commerce
//! communication and in the UPU's cross-border surveys); docs/parcels.md lists them.

use crate::detect::GoodsCategory;

/// One kind of goods in the parcel mix.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoodsKind {
    /// The image models' category.
    pub goods: GoodsCategory,
    /// Share of parcels (assumption).
    pub share: f64,
    /// HS chapters declared for it (the first is the most common).
    pub chapters: &'static [u8],
    /// Specific descriptions an honest sender writes.
    pub descriptions: &'static [&'static str],
    /// Median value, EUR (log-normal, assumption).
    pub value_median_eur: f64,
    /// Median gross weight, kg (log-normal, assumption).
    pub weight_median_kg: f64,
}

/// Spread (log-space standard deviation) of values and weights around their medians (assumption).
pub const VALUE_SIGMA: f64 = 0.9;
/// Spread of weights around their medians (assumption).
pub const WEIGHT_SIGMA: f64 = 0.6;

/// Descriptions that say nothing about the goods ("gift", "sample"): a classic risk indicator
/// (WCO Cross-Border E-Commerce Framework of Standards, 2018, on data quality).
pub const VAGUE_DESCRIPTIONS: [&str; 5] = ["gift", "sample", "parts", "goods", "accessories"];

/// The mix of goods in the parcel stream (shares sum to 1).
pub const MIX: [GoodsKind; 10] = [
    GoodsKind {
        goods: GoodsCategory::Textiles,
        share: 0.30,
        chapters: &[61, 62, 64, 42],
        descriptions: &["t-shirt", "dress", "sneakers", "handbag", "jacket"],
        value_median_eur: 18.0,
        weight_median_kg: 0.5,
    },
    GoodsKind {
        goods: GoodsCategory::Electronics,
        share: 0.18,
        chapters: &[85],
        descriptions: &["phone case with charger", "bluetooth earphones", "led strip", "smart watch", "usb cable"],
        value_median_eur: 25.0,
        weight_median_kg: 0.3,
    },
    GoodsKind {
        goods: GoodsCategory::PlasticsToys,
        share: 0.12,
        chapters: &[95, 39],
        descriptions: &["toy figure", "building blocks", "plastic organiser", "phone holder"],
        value_median_eur: 12.0,
        weight_median_kg: 0.4,
    },
    GoodsKind {
        goods: GoodsCategory::Chemicals,
        share: 0.09,
        chapters: &[33, 34],
        descriptions: &["lipstick", "face cream", "nail polish", "perfume"],
        value_median_eur: 15.0,
        weight_median_kg: 0.3,
    },
    GoodsKind {
        goods: GoodsCategory::Furniture,
        share: 0.08,
        chapters: &[94, 63],
        descriptions: &["lamp", "curtain", "cushion cover", "wall decoration"],
        value_median_eur: 20.0,
        weight_median_kg: 0.9,
    },
    GoodsKind {
        goods: GoodsCategory::MetalProducts,
        share: 0.07,
        chapters: &[82, 71, 91, 73],
        descriptions: &["screwdriver set", "necklace", "wrist watch", "kitchen knife"],
        value_median_eur: 15.0,
        weight_median_kg: 0.4,
    },
    GoodsKind {
        goods: GoodsCategory::Paper,
        share: 0.05,
        chapters: &[49, 48],
        descriptions: &["book", "notebook", "stickers", "calendar"],
        value_median_eur: 12.0,
        weight_median_kg: 0.6,
    },
    GoodsKind {
        goods: GoodsCategory::Foodstuffs,
        share: 0.05,
        chapters: &[21, 9],
        descriptions: &["protein powder", "tea", "vitamin capsules", "coffee"],
        value_median_eur: 20.0,
        weight_median_kg: 0.7,
    },
    GoodsKind {
        goods: GoodsCategory::VehicleParts,
        share: 0.04,
        chapters: &[87],
        descriptions: &["brake pads", "oil filter", "bicycle pedals", "car mirror"],
        value_median_eur: 30.0,
        weight_median_kg: 1.2,
    },
    GoodsKind {
        goods: GoodsCategory::Machinery,
        share: 0.02,
        chapters: &[84],
        descriptions: &["water pump", "hair clipper", "mini drill", "printer parts"],
        value_median_eur: 40.0,
        weight_median_kg: 1.5,
    },
];

/// The mix entry of `goods` (every category but `Empty` has one).
pub fn kind(goods: GoodsCategory) -> &'static GoodsKind {
    MIX.iter().find(|k| k.goods == goods).unwrap_or(&MIX[0])
}

/// The goods category an HS chapter declares, if the mix knows the chapter.
pub fn category_of_chapter(chapter: u8) -> Option<GoodsCategory> {
    MIX.iter().find(|k| k.chapters.contains(&chapter)).map(|k| k.goods)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mix_sums_to_one_and_chapters_map_back() {
        let total: f64 = MIX.iter().map(|k| k.share).sum();
        assert!((total - 1.0).abs() < 1e-9, "{total}");
        for k in MIX {
            for &chapter in k.chapters {
                assert_eq!(category_of_chapter(chapter), Some(k.goods), "chapter {chapter}");
            }
            assert_eq!(kind(k.goods).goods, k.goods);
        }
    }
}
