//! What a scan can show: goods categories and threat classes.

use std::fmt;
use std::str::FromStr;

/// The goods a container holds (what a declaration states and an image shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum GoodsCategory {
    /// Cartons of devices with dense components and batteries.
    Electronics,
    /// Soft bales with fibrous texture.
    Textiles,
    /// Heavy irregular parts on pallets: gears, shafts, housings.
    Machinery,
    /// Cartons of cans and packets, stacked high and regular.
    Foodstuffs,
    /// Steel drums of liquid, with rims and fill levels.
    Chemicals,
    /// Light wooden frames and flat packs, much air.
    Furniture,
    /// Bundles of bars, pipes and coils: the densest cargo.
    MetalProducts,
    /// Cartons of light, irregular plastic items.
    PlasticsToys,
    /// Paper rolls and stacked reams: dense and uniform.
    Paper,
    /// Tyres, engine blocks and brake discs.
    VehicleParts,
    /// Nothing but the container itself.
    Empty,
}

impl GoodsCategory {
    /// Every category, in the order of the image model's goods output.
    pub const ALL: [GoodsCategory; 11] = [
        GoodsCategory::Electronics,
        GoodsCategory::Textiles,
        GoodsCategory::Machinery,
        GoodsCategory::Foodstuffs,
        GoodsCategory::Chemicals,
        GoodsCategory::Furniture,
        GoodsCategory::MetalProducts,
        GoodsCategory::PlasticsToys,
        GoodsCategory::Paper,
        GoodsCategory::VehicleParts,
        GoodsCategory::Empty,
    ];

    /// Position in [`GoodsCategory::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The snake-case name used in files and scenarios.
    pub fn name(self) -> &'static str {
        match self {
            GoodsCategory::Electronics => "electronics",
            GoodsCategory::Textiles => "textiles",
            GoodsCategory::Machinery => "machinery",
            GoodsCategory::Foodstuffs => "foodstuffs",
            GoodsCategory::Chemicals => "chemicals",
            GoodsCategory::Furniture => "furniture",
            GoodsCategory::MetalProducts => "metal_products",
            GoodsCategory::PlasticsToys => "plastics_toys",
            GoodsCategory::Paper => "paper",
            GoodsCategory::VehicleParts => "vehicle_parts",
            GoodsCategory::Empty => "empty",
        }
    }
}

impl fmt::Display for GoodsCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for GoodsCategory {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        GoodsCategory::ALL
            .into_iter()
            .find(|c| c.name() == s)
            .ok_or_else(|| format!("unknown goods category `{s}`"))
    }
}

/// A kind of contraband a scan can reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum ThreatClass {
    /// Firearms and ammunition.
    Weapons,
    /// Organic blocks of narcotics.
    Drugs,
    /// Endangered-species products: tusks, scales, carvings.
    Wildlife,
    /// Live animals, often caged.
    LiveAnimals,
    /// Undeclared cash or goods (bags only).
    Cash,
}

impl ThreatClass {
    /// Threat classes of the container model, in the order of its output.
    pub const CONTAINER: [ThreatClass; 4] = [
        ThreatClass::Weapons,
        ThreatClass::Drugs,
        ThreatClass::Wildlife,
        ThreatClass::LiveAnimals,
    ];
    /// Threat classes of the bag model, in the order of its output.
    pub const BAG: [ThreatClass; 5] = [
        ThreatClass::Weapons,
        ThreatClass::Drugs,
        ThreatClass::Wildlife,
        ThreatClass::LiveAnimals,
        ThreatClass::Cash,
    ];

    /// The snake-case name used in files and scenarios.
    pub fn name(self) -> &'static str {
        match self {
            ThreatClass::Weapons => "weapons",
            ThreatClass::Drugs => "drugs",
            ThreatClass::Wildlife => "wildlife",
            ThreatClass::LiveAnimals => "live_animals",
            ThreatClass::Cash => "cash",
        }
    }

    /// Bit of the class in a contraband bit set (see [`ThreatSet::bits`]).
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for ThreatClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ThreatClass {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        ThreatClass::BAG
            .into_iter()
            .find(|c| c.name() == s)
            .ok_or_else(|| format!("unknown threat class `{s}`"))
    }
}

/// A set of threat classes (what a container or bag truly hides).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ThreatSet(u8);

impl ThreatSet {
    /// No threat.
    pub const NONE: ThreatSet = ThreatSet(0);

    /// Adds a class.
    pub fn insert(&mut self, class: ThreatClass) {
        self.0 |= class.bit();
    }

    /// Whether the set holds `class`.
    pub fn contains(self, class: ThreatClass) -> bool {
        self.0 & class.bit() != 0
    }

    /// The set holding the classes whose bits are set in `bits`.
    pub fn from_bits(bits: u8) -> ThreatSet {
        ThreatSet(bits & ThreatClass::BAG.iter().fold(0, |all, c| all | c.bit()))
    }

    /// The set as a bit set (bit `c as u8` for class `c`), as agents carry it.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The classes in the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = ThreatClass> {
        ThreatClass::BAG.into_iter().filter(move |c| self.contains(*c))
    }
}

impl FromIterator<ThreatClass> for ThreatSet {
    fn from_iter<I: IntoIterator<Item = ThreatClass>>(iter: I) -> Self {
        let mut set = ThreatSet::NONE;
        for class in iter {
            set.insert(class);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in GoodsCategory::ALL {
            assert_eq!(c.name().parse::<GoodsCategory>().unwrap(), c);
            assert_eq!(GoodsCategory::ALL[c.index()], c);
        }
        for t in ThreatClass::BAG {
            assert_eq!(t.name().parse::<ThreatClass>().unwrap(), t);
        }
        assert!("guns".parse::<ThreatClass>().is_err());
    }

    #[test]
    fn threat_sets_hold_what_was_inserted() {
        let set: ThreatSet = [ThreatClass::Drugs, ThreatClass::Cash].into_iter().collect();
        assert!(set.contains(ThreatClass::Drugs) && set.contains(ThreatClass::Cash));
        assert!(!set.contains(ThreatClass::Weapons));
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![ThreatClass::Drugs, ThreatClass::Cash]);
        assert!(ThreatSet::NONE.is_empty());
    }
}
