//! Risk assessment of a parcel's advance data: the de-minimis rule, mandatory rules, a
//! scorecard over risk indicators, and random selection. It decides whether an officer opens
//! the parcel and whether it needs documents.

use super::item::AdvanceData;

/// A validated condition on the advance data (countries by their index in the section's lists).
#[derive(Debug, Clone, PartialEq)]
pub enum ParcelCondition {
    /// Sender country.
    Origin(u16),
    /// Recipient country.
    Destination(u16),
    /// Declared HS chapter.
    Chapter(u8),
    /// Declared value above, EUR.
    ValueAbove(f64),
    /// Declared value below, EUR.
    ValueBelow(f64),
    /// Declared weight above, kg.
    WeightAbove(f64),
    /// A vague description.
    Vague,
    /// Every condition.
    All(Vec<ParcelCondition>),
    /// Any condition.
    Any(Vec<ParcelCondition>),
    /// Not the condition.
    Not(Box<ParcelCondition>),
}

impl ParcelCondition {
    /// Whether the condition holds for `ead`.
    pub fn holds(&self, ead: &AdvanceData) -> bool {
        match self {
            ParcelCondition::Origin(o) => ead.origin == *o,
            ParcelCondition::Destination(d) => ead.destination == *d,
            ParcelCondition::Chapter(c) => ead.chapter == *c,
            ParcelCondition::ValueAbove(v) => ead.value_eur > *v,
            ParcelCondition::ValueBelow(v) => ead.value_eur < *v,
            ParcelCondition::WeightAbove(w) => ead.weight_kg > *w,
            ParcelCondition::Vague => ead.vague(),
            ParcelCondition::All(list) => list.iter().all(|c| c.holds(ead)),
            ParcelCondition::Any(list) => list.iter().any(|c| c.holds(ead)),
            ParcelCondition::Not(c) => !c.holds(ead),
        }
    }
}

/// What a mandatory rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Open the parcel.
    Open,
    /// Hold it for documents.
    Documents,
    /// Release it without score or random selection.
    Release,
}

/// A scorecard: logistic over weighted indicators.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskScore {
    /// Log-odds with no indicator.
    pub intercept: f64,
    /// Weight of a vague description.
    pub vague: f64,
    /// Weight of a low declared value per kg.
    pub low_value_per_kg: f64,
    /// Below this value per kg (EUR/kg) the indicator holds.
    pub low_value_per_kg_eur: f64,
    /// Weight of a risky chapter.
    pub chapter: f64,
    /// Risky chapters.
    pub risky_chapters: Vec<u8>,
    /// Weight of a risky origin.
    pub origin: f64,
    /// Risky origins (indices).
    pub risky_origins: Vec<u16>,
    /// Open at or above this score.
    pub threshold: f64,
}

impl RiskScore {
    /// The score of `ead`, a probability.
    pub fn score(&self, ead: &AdvanceData) -> f64 {
        let mut z = self.intercept;
        z += self.vague * f64::from(u8::from(ead.vague()));
        z += self.low_value_per_kg * f64::from(u8::from(ead.value_per_kg() < self.low_value_per_kg_eur));
        z += self.chapter * f64::from(u8::from(self.risky_chapters.contains(&ead.chapter)));
        z += self.origin * f64::from(u8::from(self.risky_origins.contains(&ead.origin)));
        1.0 / (1.0 + (-z).exp())
    }
}

/// The whole assessment policy.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParcelTargeting {
    /// Declared value above which documents are needed, EUR.
    pub de_minimis_eur: Option<f64>,
    /// Rules, first match wins.
    pub rules: Vec<(ParcelCondition, Action)>,
    /// The scorecard.
    pub score: Option<RiskScore>,
    /// Random selection rate.
    pub random_rate: f64,
}

/// Why a parcel is opened (or not).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Reason {
    /// Mandatory rule (index).
    Rule(usize),
    /// Score at or above the threshold.
    Score(f64),
    /// Random selection.
    Random,
    /// Nothing selected it.
    None,
}

impl Reason {
    /// Keys of the reasons in summaries.
    pub const KEYS: [&'static str; 4] = ["rule", "score", "random", "none"];

    /// Position in [`Reason::KEYS`].
    pub fn index(self) -> usize {
        match self {
            Reason::Rule(_) => 0,
            Reason::Score(_) => 1,
            Reason::Random => 2,
            Reason::None => 3,
        }
    }
}

/// The assessment of one parcel.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Assessment {
    /// An officer opens it.
    pub open: bool,
    /// It needs documents (over de minimis, or by rule).
    pub documents: bool,
    /// Declared above de minimis.
    pub over_de_minimis: bool,
    /// Why it is opened or not.
    pub reason: Reason,
}

impl ParcelTargeting {
    /// Assesses `ead`; `random` is the parcel's own uniform draw for random selection.
    pub fn assess(&self, ead: &AdvanceData, random: f64) -> Assessment {
        let over_de_minimis = self.de_minimis_eur.is_some_and(|limit| ead.value_eur > limit);
        let mut assessment = Assessment {
            open: false,
            documents: over_de_minimis,
            over_de_minimis,
            reason: Reason::None,
        };
        if let Some((i, (_, action))) = self.rules.iter().enumerate().find(|(_, (c, _))| c.holds(ead)) {
            match action {
                Action::Open => {
                    assessment.open = true;
                    assessment.reason = Reason::Rule(i);
                }
                Action::Documents => assessment.documents = true,
                Action::Release => return assessment,
            }
            if assessment.open {
                return assessment;
            }
        }
        if let Some(score) = &self.score {
            let s = score.score(ead);
            if s >= score.threshold {
                assessment.open = true;
                assessment.reason = Reason::Score(s);
                return assessment;
            }
        }
        if random < self.random_rate {
            assessment.open = true;
            assessment.reason = Reason::Random;
        }
        assessment
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::GoodsCategory;

    fn ead(value_eur: f64, description: &'static str) -> AdvanceData {
        AdvanceData {
            description,
            chapter: 85,
            declared_goods: GoodsCategory::Electronics,
            value_eur,
            weight_kg: 1.0,
            origin: 0,
            destination: 0,
        }
    }

    #[test]
    fn de_minimis_rules_score_and_random_decide_in_order() {
        let policy = ParcelTargeting {
            de_minimis_eur: Some(150.0),
            rules: vec![(ParcelCondition::Chapter(85), Action::Documents), (ParcelCondition::Origin(0), Action::Open)],
            score: Some(RiskScore {
                intercept: -3.0,
                vague: 4.0,
                low_value_per_kg: 0.0,
                low_value_per_kg_eur: 5.0,
                chapter: 0.0,
                risky_chapters: vec![],
                origin: 0.0,
                risky_origins: vec![],
                threshold: 0.5,
            }),
            random_rate: 0.1,
        };
        let a = policy.assess(&ead(200.0, "usb cable"), 0.5);
        assert!(a.over_de_minimis && a.documents && !a.open, "{a:?}");
        let a = policy.assess(&ead(20.0, "gift"), 0.5);
        assert_eq!(a.reason.index(), 1, "the first rule only asks for documents; the score opens it: {a:?}");
        assert!(a.documents && a.open);
        let a = policy.assess(&ead(20.0, "usb cable"), 0.05);
        assert_eq!(a.reason, Reason::Random);
        let a = policy.assess(&ead(20.0, "usb cable"), 0.5);
        assert_eq!(a.reason, Reason::None);
        assert!(!a.open);
    }
}
