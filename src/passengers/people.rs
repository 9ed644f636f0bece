//! What the passenger domain knows of its agents beyond the engine's record.

use crate::sim::agent::AgentKey;

/// A traveller's hidden truth and what the checks did to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct Traveller {
    /// Contraband on them and in cabin bags (a [`crate::detect::ThreatClass`] bit set).
    pub contraband: u8,
    /// Uses someone else's document.
    pub impostor: bool,
    /// Face captures taken so far.
    pub face_attempts: u32,
    /// Checked bags not yet on the carousel.
    pub bags_pending: u8,
    /// Has been searched.
    pub searched: bool,
}

/// A checked bag on its way to the carousel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct Bag {
    /// Its owner.
    pub owner: AgentKey,
    /// Contraband packed in it.
    pub contraband: u8,
}

/// A passenger-domain agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) enum Person {
    /// A traveller.
    Traveller(Traveller),
    /// One of a traveller's checked bags.
    Bag(Bag),
}
