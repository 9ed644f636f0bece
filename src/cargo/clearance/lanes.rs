//! Clearance lanes (ASYCUDA-style) and the recorded reason of every lane decision.

use std::fmt;
use std::str::FromStr;

/// Where a declaration goes after targeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Lane {
    /// Released at once.
    Green,
    /// Documents checked.
    Yellow,
    /// Scanned and/or physically inspected.
    Red,
    /// Released at once; audited after clearance.
    Blue,
}

impl Lane {
    /// Every lane, in report order.
    pub const ALL: [Lane; 4] = [Lane::Green, Lane::Yellow, Lane::Red, Lane::Blue];

    /// The name used in scenarios and reports.
    pub fn name(self) -> &'static str {
        match self {
            Lane::Green => "green",
            Lane::Yellow => "yellow",
            Lane::Red => "red",
            Lane::Blue => "blue",
        }
    }

    /// Position in [`Lane::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The routing flag (`lane_green`, …) set on a truck in this lane.
    pub fn flag(self) -> &'static str {
        match self {
            Lane::Green => "lane_green",
            Lane::Yellow => "lane_yellow",
            Lane::Red => "lane_red",
            Lane::Blue => "lane_blue",
        }
    }
}

impl fmt::Display for Lane {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Lane {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Lane::ALL
            .into_iter()
            .find(|l| l.name() == s)
            .ok_or_else(|| format!("unknown lane `{s}`"))
    }
}

/// What put a declaration in its lane.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Reason {
    /// Mandatory rule number `.0` of the scenario matched.
    Rule(usize),
    /// The risk score reached the threshold.
    Score(f32),
    /// The risk score ranked within the inspection budget of its lodgement block.
    Budget(f32),
    /// The random draw fell below the (tier's) random selection rate.
    Random,
    /// Nothing selected it: the tier's or the policy's default lane.
    Default,
    /// An officer re-routed it from another lane.
    Officer(Lane),
}

impl Reason {
    /// Short name used as a key in summaries.
    pub fn key(&self) -> &'static str {
        match self {
            Reason::Rule(_) => "rule",
            Reason::Score(_) => "score",
            Reason::Budget(_) => "budget",
            Reason::Random => "random",
            Reason::Default => "default",
            Reason::Officer(_) => "officer",
        }
    }

    /// Every key, in summary order.
    pub const KEYS: [&'static str; 6] = ["rule", "score", "budget", "random", "default", "officer"];
}

/// The lane of one declaration and why.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LaneDecision {
    /// The lane.
    pub lane: Lane,
    /// What caused it.
    pub reason: Reason,
    /// The risk model's score, when a model scored the declaration.
    pub score: Option<f32>,
    /// The trader may be inspected remotely (video) instead of at a bay.
    pub remote_eligible: bool,
}
