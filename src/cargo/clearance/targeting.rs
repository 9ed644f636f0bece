//! Risk targeting: mandatory rules, the risk model's score (a threshold or an inspection
//! budget), a minimum random selection rate, tier-based treatment and officer re-routing.
//!
//! Declarations are lodged ahead of arrival in blocks (a vessel's manifest, a day's pre-arrival
//! declarations); [`assign_block`] decides the lanes of one block at once, so an inspection budget
//! selects exactly its share of each block's declarations.

use super::declaration::{Declaration, TraderTier};
use super::lanes::{Lane, LaneDecision, Reason};
use super::rules::{DeclCondition, tier_index};

/// How the risk score selects declarations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScoreSelection {
    /// Scores at or above this probability are selected.
    Threshold(f64),
    /// `round(share × block size)` declarations of each lodgement block are selected: the
    /// highest-scored among those no rule caught (ties: the earlier declaration).
    Budget {
        /// Share of the declarations of a block, `0..=1`.
        share: f64,
    },
}

/// Treatment of one trader tier.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TierPolicy {
    /// Random selection rate for this tier (else the policy's).
    pub random_rate: Option<f64>,
    /// Score threshold for this tier (threshold selection only; else the policy's).
    pub score_threshold: Option<f64>,
    /// Lane of this tier's declarations that nothing selected (else the policy's default).
    pub lane: Option<Lane>,
    /// May be inspected remotely (video) instead of at a bay.
    pub remote_inspection: bool,
}

/// An officer's discretionary re-routing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reroute {
    /// Lane the declaration was given.
    pub from: Lane,
    /// Lane the officer sends it to.
    pub to: Lane,
    /// Probability that the officer does so.
    pub probability: f64,
}

/// A targeting policy, as the scenario states it.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetingPolicy {
    /// Mandatory rules, in order: the first that matches decides the lane.
    pub rules: Vec<(DeclCondition, Lane)>,
    /// Selection by the risk model's score (`None`: the model is not used).
    pub selection: Option<ScoreSelection>,
    /// Lane of declarations the score selects.
    pub score_lane: Lane,
    /// Minimum random selection rate among the declarations nothing else selected.
    pub random_rate: f64,
    /// Lane of random selections.
    pub random_lane: Lane,
    /// Lane of declarations nothing selected.
    pub default_lane: Lane,
    /// Treatment by tier, in [`TraderTier::ALL`] order.
    pub tiers: [TierPolicy; 4],
    /// Officers' re-routing, applied after the lane is decided.
    pub reroute: Vec<Reroute>,
}

/// The uniform draws of one declaration (from its own stream).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Draws {
    /// Compared with the random selection rate.
    pub random: f64,
    /// Compared with the officers' re-routing probability.
    pub officer: f64,
}

impl TargetingPolicy {
    fn tier(&self, tier: TraderTier) -> &TierPolicy {
        &self.tiers[tier_index(tier)]
    }

    /// Random selection rate of a tier.
    pub fn random_rate(&self, tier: TraderTier) -> f64 {
        self.tier(tier).random_rate.unwrap_or(self.random_rate)
    }
}

/// Decides the lanes of one lodgement block: `scores` (one per declaration, when a risk model
/// scores them) and `draws` (one per declaration) line up with `declarations`.
pub fn assign_block(policy: &TargetingPolicy, declarations: &[Declaration], scores: Option<&[f32]>, draws: &[Draws]) -> Vec<LaneDecision> {
    let n = declarations.len();
    let mut decided: Vec<Option<(Lane, Reason)>> = declarations
        .iter()
        .map(|d| {
            policy
                .rules
                .iter()
                .position(|(c, _)| c.holds(d))
                .map(|r| (policy.rules[r].1, Reason::Rule(r)))
        })
        .collect();
    if let (Some(selection), Some(scores)) = (policy.selection, scores) {
        match selection {
            ScoreSelection::Threshold(default) => {
                for (i, d) in declarations.iter().enumerate() {
                    let threshold = policy.tier(d.trader).score_threshold.unwrap_or(default);
                    if decided[i].is_none() && scores[i] >= threshold as f32 {
                        decided[i] = Some((policy.score_lane, Reason::Score(scores[i])));
                    }
                }
            }
            ScoreSelection::Budget { share } => {
                let k = (share * n as f64).round() as usize;
                let mut order: Vec<usize> = (0..n).filter(|&i| decided[i].is_none()).collect();
                order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
                for &i in order.iter().take(k) {
                    decided[i] = Some((policy.score_lane, Reason::Budget(scores[i])));
                }
            }
        }
    }
    declarations
        .iter()
        .zip(decided)
        .zip(draws)
        .enumerate()
        .map(|(i, ((d, decided), draw))| {
            let tier = policy.tier(d.trader);
            let (lane, reason) = decided.unwrap_or_else(|| {
                if draw.random < policy.random_rate(d.trader) {
                    (policy.random_lane, Reason::Random)
                } else {
                    (tier.lane.unwrap_or(policy.default_lane), Reason::Default)
                }
            });
            let (lane, reason) = match policy.reroute.iter().find(|r| r.from == lane) {
                Some(r) if draw.officer < r.probability => (r.to, Reason::Officer(lane)),
                _ => (lane, reason),
            };
            LaneDecision {
                lane,
                reason,
                score: scores.map(|s| s[i]),
                remote_eligible: tier.remote_inspection,
            }
        })
        .collect()
}
