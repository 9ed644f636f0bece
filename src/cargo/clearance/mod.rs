//! Clearance: declarations with their hidden truth, the features the risk model scores, and
//! risk targeting into lanes (mandatory rules, scores, random selection, tiers).

pub mod declaration;
pub mod features;
pub mod lanes;
pub mod rules;
pub mod targeting;

pub use declaration::{Declaration, Fraud, HiddenTruth, Route, TraderTier};
pub use features::{FEATURES, feature_names, features};
pub use lanes::{Lane, LaneDecision, Reason};
pub use targeting::{Draws, Reroute, ScoreSelection, TargetingPolicy, TierPolicy, assign_block};
