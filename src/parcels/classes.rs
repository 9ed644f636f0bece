//! What a parcel can hide: the five classes customs report on, and which of them a belt X-ray
//! can show (the image model's threat classes).

use crate::detect::ThreatClass;

/// A kind of violation a parcel can carry (at most one per parcel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum ParcelClass {
    /// Narcotics, precursors, new psychoactive substances.
    Drugs,
    /// Goods infringing trademarks (bags, shoes, watches, electronics).
    Counterfeit,
    /// Firearm parts and components (frames, slides, barrels, suppressor parts).
    WeaponParts,
    /// Products of protected species (ivory, scales, horn, shells, dried specimens).
    Wildlife,
    /// Goods worth more than declared (duty and VAT evaded).
    UndeclaredValue,
}

impl ParcelClass {
    /// Every class, in summary order.
    pub const ALL: [ParcelClass; 5] = [
        ParcelClass::Drugs,
        ParcelClass::Counterfeit,
        ParcelClass::WeaponParts,
        ParcelClass::Wildlife,
        ParcelClass::UndeclaredValue,
    ];

    /// Position in [`ParcelClass::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The snake-case name used in scenarios and summaries.
    pub fn name(self) -> &'static str {
        match self {
            ParcelClass::Drugs => "drugs",
            ParcelClass::Counterfeit => "counterfeit",
            ParcelClass::WeaponParts => "weapon_parts",
            ParcelClass::Wildlife => "wildlife",
            ParcelClass::UndeclaredValue => "undeclared_value",
        }
    }

    /// The class named `name`.
    pub fn from_name(name: &str) -> Option<ParcelClass> {
        ParcelClass::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The image model's threat class that shows this class on an X-ray, if any: counterfeits
    /// and undervalued goods look like what they are, and only a mismatch with the declared
    /// goods (the discrepancy rule) can betray them.
    pub fn threat(self) -> Option<ThreatClass> {
        match self {
            ParcelClass::Drugs => Some(ThreatClass::Drugs),
            ParcelClass::WeaponParts => Some(ThreatClass::Weapons),
            ParcelClass::Wildlife => Some(ThreatClass::Wildlife),
            ParcelClass::Counterfeit | ParcelClass::UndeclaredValue => None,
        }
    }

    /// Whether finding it means seizure (the rest — undeclared value — means the parcel is held
    /// until duty is assessed on its real value).
    pub fn seized_when_found(self) -> bool {
        self != ParcelClass::UndeclaredValue
    }
}

/// Threat classes of the parcel image model, in the order of its `threats` output.
pub const IMAGE_THREATS: [ThreatClass; 3] = [ThreatClass::Weapons, ThreatClass::Drugs, ThreatClass::Wildlife];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_image_classes_map_back() {
        for class in ParcelClass::ALL {
            assert_eq!(ParcelClass::from_name(class.name()), Some(class));
            assert_eq!(ParcelClass::ALL[class.index()], class);
        }
        let shown: Vec<_> = ParcelClass::ALL.iter().filter_map(|c| c.threat()).collect();
        assert_eq!(shown.len(), IMAGE_THREATS.len());
        assert!(IMAGE_THREATS.iter().all(|t| shown.contains(t)));
    }
}
