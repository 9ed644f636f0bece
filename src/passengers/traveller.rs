//! A traveller's hidden truth, drawn once on arrival: contraband, impostor, attributes, bags.

use crate::detect::ThreatClass;
use rand::RngExt;
use rand_distr::{Distribution, Poisson, StandardNormal};

use crate::scenario::model::TravellerType;
use crate::sim::rng::AgentRng;

/// Most checked bags one traveller brings.
pub const MAX_CHECKED_BAGS: u8 = 8;

/// Share of a traveller's contraband packed in a checked bag, when they have one.
const IN_CHECKED_BAG: f64 = 0.7;

/// What a traveller really is and carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Traits {
    /// Attribute bits (scenario attributes only).
    pub attributes: u64,
    /// Contraband the traveller carries (a [`ThreatClass`] bit set), wherever it is packed.
    pub contraband: u8,
    /// Uses someone else's document.
    pub impostor: bool,
    /// Walking speed, m/s.
    pub speed_mps: f64,
    /// Contraband packed in each checked bag (one entry per bag).
    pub bags: Vec<u8>,
}

impl Traits {
    /// Draws the traits of a traveller of type `traveller` from its own stream.
    pub fn draw(traveller: &TravellerType, rng: &mut AgentRng) -> Traits {
        let mut contraband = 0u8;
        for (class, p) in ThreatClass::BAG.iter().zip(traveller.contraband) {
            if p > 0.0 && rng.random::<f64>() < p {
                contraband |= class.bit();
            }
        }
        let risky = contraband != 0;
        let mut attributes = 0u64;
        for (a, law) in traveller.attributes.iter().enumerate() {
            let p = if risky { law.risky } else { law.clean };
            if rng.random::<f64>() < p {
                attributes |= 1 << a;
            }
        }
        let impostor = traveller.lookalike_fraud > 0.0 && rng.random::<f64>() < traveller.lookalike_fraud;
        let z: f64 = StandardNormal.sample(rng);
        let speed_mps = (traveller.walk_speed_mean_mps + z * traveller.walk_speed_sd_mps).clamp(0.3, 2.5);
        let count = match Poisson::new(traveller.checked_bags_mean) {
            Ok(poisson) if traveller.checked_bags_mean > 0.0 => (poisson.sample(rng) as u8).min(MAX_CHECKED_BAGS),
            _ => 0,
        };
        let mut bags = vec![0u8; count as usize];
        if count > 0 {
            for class in ThreatClass::BAG.iter().filter(|c| contraband & c.bit() != 0) {
                if rng.random::<f64>() < IN_CHECKED_BAG {
                    let bag = rng.random_range(0..count as usize);
                    bags[bag] |= class.bit();
                }
            }
        }
        Traits {
            attributes,
            contraband,
            impostor,
            speed_mps,
            bags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::AttributeLaw;

    fn traveller() -> TravellerType {
        TravellerType {
            name: "visitor".into(),
            share: 1.0,
            attributes: vec![AttributeLaw { clean: 0.1, risky: 0.6 }],
            lookalike_fraud: 0.02,
            checked_bags_mean: 1.2,
            contraband: [0.0, 0.05, 0.0, 0.0, 0.0],
            walk_speed_mean_mps: 1.34,
            walk_speed_sd_mps: 0.26,
        }
    }

    #[test]
    fn attributes_follow_the_hidden_truth() {
        let t = traveller();
        let (mut risky, mut risky_with, mut clean, mut clean_with, mut impostors, mut bags) = (0, 0, 0, 0, 0, 0);
        for seed in 0..40_000u64 {
            let traits = Traits::draw(&t, &mut AgentRng::new(seed));
            let has = traits.attributes & 1 != 0;
            if traits.contraband != 0 {
                risky += 1;
                risky_with += has as u32;
            } else {
                clean += 1;
                clean_with += has as u32;
            }
            impostors += traits.impostor as u32;
            bags += traits.bags.len();
            let packed = traits.bags.iter().fold(0, |acc, b| acc | b);
            assert_eq!(packed & !traits.contraband, 0, "bags hold only the traveller's own contraband");
        }
        assert!((risky as f64 / 40_000.0 - 0.05).abs() < 0.005);
        assert!((risky_with as f64 / risky as f64 - 0.6).abs() < 0.05);
        assert!((clean_with as f64 / clean as f64 - 0.1).abs() < 0.01);
        assert!((impostors as f64 / 40_000.0 - 0.02).abs() < 0.003);
        assert!((bags as f64 / 40_000.0 - 1.2).abs() < 0.03);
    }
}
