//! Checking service-level targets ("95% of visitors out within 15 minutes").

use serde::{Deserialize, Serialize};

use super::histogram::LogHistogram;
use crate::scenario::Scenario;

/// One target and whether the run met it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetOutcome {
    /// What is measured, e.g. `"time_in_system visitor"` or `"wait desk"`.
    pub what: String,
    /// The limit in minutes.
    pub within_min: f64,
    /// The share required within the limit.
    pub required_share: f64,
    /// The share achieved (at the histogram's resolution).
    pub achieved_share: f64,
    /// Whether the achieved share reaches the required one.
    pub met: bool,
}

fn outcome(what: String, histogram: &LogHistogram, limit_ms: u64, required: f64) -> TargetOutcome {
    let achieved = if histogram.count() == 0 {
        1.0
    } else {
        1.0 - histogram.fraction_above(limit_ms)
    };
    TargetOutcome {
        what,
        within_min: limit_ms as f64 / 60_000.0,
        required_share: required,
        achieved_share: achieved,
        met: achieved >= required,
    }
}

/// Whom a time-in-system target without `of` measures: the travellers (each occupant of a
/// car counted) when the port has any, else every agent.
#[derive(Debug, Clone, Copy)]
pub struct Everyone<'a> {
    /// `travellers` or `everyone`, as the outcome names it.
    pub name: &'a str,
    /// Their times in system.
    pub time_in_system: &'a LogHistogram,
}

/// Evaluates the scenario's targets against the run's histograms.
pub fn evaluate(scenario: &Scenario, everyone: Everyone, by_type: &[LogHistogram], waits: &[LogHistogram]) -> Vec<TargetOutcome> {
    let mut outcomes = Vec::new();
    for (of, limit, share) in &scenario.targets.time_in_system {
        let (name, histogram) = match of {
            Some(t) => (scenario.population.types[*t].name.as_str(), &by_type[*t]),
            None => (everyone.name, everyone.time_in_system),
        };
        outcomes.push(outcome(format!("time_in_system {name}"), histogram, limit.0, *share));
    }
    for (stage, limit, share) in &scenario.targets.wait {
        outcomes.push(outcome(
            format!("wait {}", scenario.stages[*stage].name),
            &waits[*stage],
            limit.0,
            *share,
        ));
    }
    outcomes
}
