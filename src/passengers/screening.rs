//! Advance passenger information screening: mandatory rules, a risk score, random selection.
//!
//! The score is the posterior probability that the traveller carries
//! contraband, given the booking attributes whose probabilities differ with
//! the hidden truth (naive Bayes over the scenario's own attribute laws):
//! the best a targeting centre could do with exactly these features.

use super::model::Screening;
use crate::scenario::model::{TravellerType, TypeId};

/// Why a traveller was selected before arrival.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Selection {
    /// A mandatory rule matched (its index).
    Rule(usize),
    /// The risk score reached the threshold.
    Score(f64),
    /// Random selection.
    Random,
}

/// Prior probability that a traveller of this type carries any contraband.
pub fn prior(traveller: &TravellerType) -> f64 {
    1.0 - traveller.contraband.iter().map(|p| 1.0 - p).product::<f64>()
}

/// Posterior probability of contraband given the traveller's attribute bits.
pub fn risk_score(traveller: &TravellerType, attributes: u64) -> f64 {
    let prior = prior(traveller);
    if prior <= 0.0 {
        return 0.0;
    }
    let mut log_odds = (prior / (1.0 - prior)).ln();
    for (a, law) in traveller.attributes.iter().enumerate() {
        if law.clean == law.risky {
            continue;
        }
        let has = attributes & (1 << a) != 0;
        let (p_risky, p_clean) = if has {
            (law.risky, law.clean)
        } else {
            (1.0 - law.risky, 1.0 - law.clean)
        };
        log_odds += (p_risky.max(1e-12) / p_clean.max(1e-12)).ln();
    }
    1.0 / (1.0 + (-log_odds).exp())
}

/// Decides selection: rules first, then the score, then random selection with the traveller's own uniform draw `u`.
pub fn select(screening: &Screening, traveller: &TravellerType, type_id: TypeId, attributes: u64, u: f64) -> Option<Selection> {
    if let Some(rule) = screening.rules.iter().position(|r| r.holds(type_id, attributes)) {
        return Some(Selection::Rule(rule));
    }
    if let Some(threshold) = screening.score_threshold {
        let score = risk_score(traveller, attributes);
        if score >= threshold {
            return Some(Selection::Score(score));
        }
    }
    (u < screening.random_rate).then_some(Selection::Random)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::{AttributeLaw, Condition};

    fn visitor() -> TravellerType {
        TravellerType {
            name: "visitor".into(),
            share: 1.0,
            attributes: vec![AttributeLaw { clean: 0.05, risky: 0.5 }, AttributeLaw { clean: 0.3, risky: 0.3 }],
            lookalike_fraud: 0.0,
            checked_bags_mean: 0.0,
            contraband: [0.0, 0.01, 0.0, 0.0, 0.0],
            walk_speed_mean_mps: 1.34,
            walk_speed_sd_mps: 0.26,
        }
    }

    #[test]
    fn score_is_the_bayes_posterior() {
        let t = visitor();
        // Has the telling attribute: odds 0.01/0.99 × 0.5/0.05 = 0.10101 → 0.0917.
        assert!((risk_score(&t, 0b01) - 0.10101 / 1.10101).abs() < 1e-4);
        // Lacks it: odds × 0.5/0.95.
        let odds = 0.01 / 0.99 * 0.5 / 0.95;
        assert!((risk_score(&t, 0b00) - odds / (1.0 + odds)).abs() < 1e-9);
        // The uninformative attribute changes nothing.
        assert_eq!(risk_score(&t, 0b11), risk_score(&t, 0b01));
    }

    #[test]
    fn rules_come_first_then_score_then_random() {
        let t = visitor();
        let screening = Screening {
            sources: vec![0],
            score_threshold: Some(0.05),
            rules: vec![Condition::Has(1)],
            random_rate: 0.1,
        };
        assert_eq!(select(&screening, &t, 0, 0b10, 0.9), Some(Selection::Rule(0)));
        assert!(matches!(select(&screening, &t, 0, 0b01, 0.9), Some(Selection::Score(_))));
        assert_eq!(select(&screening, &t, 0, 0b00, 0.05), Some(Selection::Random));
        assert_eq!(select(&screening, &t, 0, 0b00, 0.5), None);
    }
}
