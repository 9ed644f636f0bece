//! What a crew of analysts decided, against the truth: hits, misses and false alarms, the hit
//! rate by time on task (a run measures its analysts, as threat-image projection does at real
//! checkpoints), and the prevalence they came to expect.

use serde::{Deserialize, Serialize};

/// Edges of the time-on-task bands, minutes: 0–10, 10–20, 20–30, 30 and more.
pub const TIME_ON_TASK_EDGES_MIN: [f64; 3] = [10.0, 20.0, 30.0];

/// Counts of a crew's decisions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnalystTally {
    /// Images reviewed.
    pub reviews: u64,
    /// Images holding a threat.
    pub with_threat: u64,
    /// Of those, sent to inspection.
    pub hits: u64,
    /// Images without a threat sent to inspection.
    pub false_alarms: u64,
    /// Images holding a threat, per time-on-task band.
    pub with_threat_by_time: [u64; 4],
    /// Hits per time-on-task band.
    pub hits_by_time: [u64; 4],
    /// Sum of the prevalence each decision was made with.
    pub prevalence_sum: f64,
}

impl AnalystTally {
    /// Records one decision made `on_task_min` into a bout of work, expecting `prevalence`.
    pub fn record(&mut self, holds: bool, inspect: bool, on_task_min: f64, prevalence: f64) {
        self.reviews += 1;
        self.prevalence_sum += prevalence;
        let band = TIME_ON_TASK_EDGES_MIN.iter().filter(|&&edge| on_task_min >= edge).count();
        if holds {
            self.with_threat += 1;
            self.hits += inspect as u64;
            self.with_threat_by_time[band] += 1;
            self.hits_by_time[band] += inspect as u64;
        } else {
            self.false_alarms += inspect as u64;
        }
    }

    /// Adds another crew's counts.
    pub fn add(&mut self, other: &AnalystTally) {
        self.reviews += other.reviews;
        self.with_threat += other.with_threat;
        self.hits += other.hits;
        self.false_alarms += other.false_alarms;
        for i in 0..4 {
            self.with_threat_by_time[i] += other.with_threat_by_time[i];
            self.hits_by_time[i] += other.hits_by_time[i];
        }
        self.prevalence_sum += other.prevalence_sum;
    }

    /// The summary of these counts.
    pub fn summary(&self) -> AnalystSummary {
        let ratio = |a: u64, b: u64| (b > 0).then(|| a as f64 / b as f64);
        AnalystSummary {
            reviews: self.reviews,
            with_threat: self.with_threat,
            hits: self.hits,
            misses: self.with_threat - self.hits,
            false_alarms: self.false_alarms,
            hit_rate: ratio(self.hits, self.with_threat),
            false_alarm_rate: ratio(self.false_alarms, self.reviews - self.with_threat),
            prevalence: ratio(self.with_threat, self.reviews),
            expected_prevalence: (self.reviews > 0).then(|| self.prevalence_sum / self.reviews as f64),
            hit_rate_by_time_on_task: (0..4).map(|i| ratio(self.hits_by_time[i], self.with_threat_by_time[i])).collect(),
            with_threat_by_time_on_task: self.with_threat_by_time.to_vec(),
        }
    }
}

/// The analysts' part of a summary (`cargo.analysts`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalystSummary {
    /// Images reviewed.
    pub reviews: u64,
    /// Images holding a threat.
    pub with_threat: u64,
    /// Of those, sent to inspection.
    pub hits: u64,
    /// Of those, cleared.
    pub misses: u64,
    /// Images without a threat sent to inspection.
    pub false_alarms: u64,
    /// `hits / with_threat`.
    pub hit_rate: Option<f64>,
    /// `false_alarms` over images without a threat.
    pub false_alarm_rate: Option<f64>,
    /// Share of reviewed images holding a threat (the prevalence analysts faced).
    pub prevalence: Option<f64>,
    /// Mean prevalence the analysts expected when deciding (what their criterion followed).
    pub expected_prevalence: Option<f64>,
    /// Hit rate by time on task: 0–10, 10–20, 20–30, 30+ minutes into a bout of work.
    pub hit_rate_by_time_on_task: Vec<Option<f64>>,
    /// Images holding a threat in each of those bands.
    pub with_threat_by_time_on_task: Vec<u64>,
}
