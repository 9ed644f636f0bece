//! Journey segments: the time from an agent's arrival at one stage (its queue) to the end of
//! its service at another, e.g. the whole passport check of a traveller sent from an e-gate on
//! to a booth. Only passages through both stages are timed; the others are counted.

use serde::{Deserialize, Serialize};

use super::histogram::{LogHistogram, Quantiles};

/// Counts and times of one segment (for everyone, or for one group).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SegmentStats {
    /// Passages started: arrivals at the `from` stage (an agent already in the segment does not
    /// start it again).
    pub entered: u64,
    /// Passages ended at the `to` stage, with their durations.
    pub time: LogHistogram,
    /// Agents that left the port inside the segment, never finishing the `to` stage.
    pub missed_to: u64,
    /// Services finished at the `to` stage by agents that had not passed the `from` stage.
    pub missed_from: u64,
}

/// The KPIs of one segment in `summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentSummary {
    /// Stage where it starts (arrival at its queue).
    pub from: String,
    /// Stage where it ends (end of service).
    pub to: String,
    /// Passages started at `from`.
    pub entered: u64,
    /// Passages that ended at `to` (the ones `time_s` describes).
    pub passed: u64,
    /// Agents that left the port after `from` without finishing `to` (not timed).
    pub missed_to: u64,
    /// Agents that finished `to` without having passed `from` (not timed).
    pub missed_from: u64,
    /// Passages still under way when the run ended (not timed).
    pub in_progress_at_end: u64,
    /// Time from arrival at `from` to the end of service at `to`, seconds.
    pub time_s: Quantiles,
}

impl SegmentStats {
    /// The summary of this segment between stages `from` and `to`.
    pub fn summary(&self, from: &str, to: &str) -> SegmentSummary {
        let passed = self.time.count();
        SegmentSummary {
            from: from.to_string(),
            to: to.to_string(),
            entered: self.entered,
            passed,
            missed_to: self.missed_to,
            missed_from: self.missed_from,
            in_progress_at_end: self.entered.saturating_sub(passed + self.missed_to),
            time_s: self.time.summary(),
        }
    }
}
