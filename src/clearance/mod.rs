//! Clearance: declarations with their hidden truth, and the features the risk model scores.

pub mod declaration;
pub mod features;

pub use declaration::{Declaration, Fraud, HiddenTruth, Route, TraderTier};
pub use features::{FEATURES, feature_names, features};
