//! Judging whether a run's queues were under control.

use serde::{Deserialize, Serialize};

use super::collector::StageStats;
use super::stage_summary::StageSummary;
use crate::scenario::Scenario;
use crate::scenario::ordered_map::OrderedMap;
use crate::sim::network::ProcessNetwork;

/// A backlog that would take longer than this to clear at the end marks the run unstable.
const BACKLOG_LIMIT_S: f64 = 3600.0;

/// The stability verdict of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stability {
    /// False when demand exceeded capacity at some stage.
    pub stable: bool,
    /// One line for people: "stable", or what broke and by how much.
    pub verdict: String,
    /// Stages that were overloaded.
    pub overloaded_stages: Vec<String>,
}

/// A stage is overloaded when its offered load reached 1, or when the queue
/// left at the end would take its staffed servers more than an hour to clear.
pub fn assess(scenario: &Scenario, stages: &OrderedMap<StageSummary>, counts: &[StageStats], network: &ProcessNetwork) -> Stability {
    let mut problems = Vec::new();
    let mut overloaded_stages = Vec::new();
    for ((stage, (name, summary)), count) in scenario.stages.iter().zip(stages.iter()).zip(counts) {
        let Some(pool) = stage.pool else { continue };
        let servers = network.pools()[pool].staffed().max(1) as f64;
        // A car at a pool serving occupant by occupant brings its occupants' services.
        let services_per_agent = if count.entered > 0 {
            count.services_asked as f64 / count.entered as f64
        } else {
            1.0
        };
        let backlog_s = summary.in_queue_at_end as f64 * services_per_agent * scenario.pools[pool].mean_service_s / servers;
        let mut why = Vec::new();
        if summary.offered_load >= 1.0 {
            why.push(format!("offered load {:.2} (demand exceeds capacity)", summary.offered_load));
        }
        if backlog_s > BACKLOG_LIMIT_S {
            why.push(format!(
                "{} still queued at the end (about {:.1} h of work), queues still growing",
                summary.in_queue_at_end,
                backlog_s / 3600.0
            ));
        }
        if !why.is_empty() {
            problems.push(format!("{name}: {}", why.join("; ")));
            overloaded_stages.push(name.to_string());
        }
    }
    let stable = problems.is_empty();
    let verdict = if stable {
        "stable".to_string()
    } else {
        format!("unstable: {}", problems.join(" | "))
    };
    Stability {
        stable,
        verdict,
        overloaded_stages,
    }
}
