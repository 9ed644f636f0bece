//! The KPIs of one stage, with the terms of Little's law.

use serde::{Deserialize, Serialize};

use super::histogram::Quantiles;

/// The KPIs of one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageSummary {
    /// Pool serving the stage (none for decision points).
    pub pool: Option<String>,
    /// Agents that reached the pool.
    pub entered: u64,
    /// Agents whose service finished.
    pub served: u64,
    /// Agents turned away by a full queue.
    pub balked: u64,
    /// Agents still waiting when the run ended.
    pub in_queue_at_end: u64,
    /// Waits of agents whose service started, seconds.
    pub wait_s: Quantiles,
    /// Share of served agents who waited at all.
    pub waited_share: f64,
    /// Time-average queue length.
    pub mean_queue: f64,
    /// Longest queue.
    pub max_queue: u32,
    /// Mean of completed service times, seconds.
    pub mean_service_s: f64,
    /// Busy share of the pool's on-duty server time.
    pub utilisation: f64,
    /// Work brought to the stage (services asked, one per occupant at a pool serving occupant by
    /// occupant, × mean service time) per staffed server-second.
    pub offered_load: f64,
    /// Little's law terms: L (mean queue), λ (arrival rate), W (mean wait including agents still waiting).
    pub little: Little,
}

/// Little's law terms of a queue: `mean_queue ≈ arrival_rate_per_s × mean_wait_s`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Little {
    /// L: time-average number waiting.
    pub mean_queue: f64,
    /// λ: arrivals per second.
    pub arrival_rate_per_s: f64,
    /// W: mean wait, counting agents still waiting at the end up to the end.
    pub mean_wait_s: f64,
}
