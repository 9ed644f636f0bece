//! What advance CT screening of checked bags achieved: bags screened (and how many before
//! their owner reached reclaim), alarms, and per threat class what the model found and missed.

use serde::{Deserialize, Serialize};

use crate::detect::{Confusion, ThreatClass, ThreatSet, Verdict};
use crate::scenario::ordered_map::OrderedMap;

/// Counters of bag scans during a run.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct BagScanStats {
    /// Bags scanned.
    pub screened: u64,
    /// Bags scanned while their owner had not yet reached reclaim.
    pub in_advance: u64,
    /// Bags that alarmed.
    pub flagged: u64,
    /// Bags that alarmed holding nothing illicit.
    pub false_alarms: u64,
    /// Travellers who left with a flagged bag without being searched.
    pub flagged_owners_not_searched: u64,
    /// Decisions per threat class against the truth, in [`ThreatClass::BAG`] order.
    pub per_class: [Confusion; 5],
}

impl BagScanStats {
    /// Records one scan of a bag holding `truth`; `in_advance` when its owner was not yet at reclaim.
    pub fn scanned(&mut self, truth: ThreatSet, verdict: &Verdict, in_advance: bool) {
        self.screened += 1;
        self.in_advance += in_advance as u64;
        self.flagged += verdict.is_alarm() as u64;
        self.false_alarms += (verdict.is_alarm() && truth.is_empty()) as u64;
        for class in ThreatClass::BAG {
            self.per_class[class as usize].record(verdict.alarms.contains(class), truth.contains(class));
        }
    }

    /// The summary of these counters.
    pub fn summary(&self) -> BagScanSummary {
        BagScanSummary {
            screened: self.screened,
            screened_in_advance: self.in_advance,
            flagged: self.flagged,
            false_alarms: self.false_alarms,
            flagged_owners_not_searched: self.flagged_owners_not_searched,
            per_class: OrderedMap(
                ThreatClass::BAG
                    .iter()
                    .map(|&class| {
                        let c = &self.per_class[class as usize];
                        let outcome = BagClassOutcome {
                            in_screened_bags: c.true_positives + c.false_negatives,
                            detected: c.true_positives,
                            missed: c.false_negatives,
                            false_alarms: c.false_positives,
                            detection_rate: c.detection_rate(),
                            false_alarm_rate: c.false_alarm_rate(),
                        };
                        (class.name().to_string(), outcome)
                    })
                    .collect(),
            ),
        }
    }
}

/// The `passengers.bags.scan` section of `summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BagScanSummary {
    /// Bags scanned.
    pub screened: u64,
    /// Bags scanned before their owner reached reclaim.
    pub screened_in_advance: u64,
    /// Bags that alarmed (their owners are flagged `bag_flagged`).
    pub flagged: u64,
    /// Alarms on bags holding nothing illicit.
    pub false_alarms: u64,
    /// Travellers who left with a flagged bag without being searched (routing never sent them to a search).
    pub flagged_owners_not_searched: u64,
    /// Per threat class.
    pub per_class: OrderedMap<BagClassOutcome>,
}

/// What the bag scans did for one threat class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BagClassOutcome {
    /// Scanned bags holding the class.
    pub in_screened_bags: u64,
    /// Of those, bags that alarmed on the class (true positives).
    pub detected: u64,
    /// Of those, bags that did not (false negatives).
    pub missed: u64,
    /// Bags without the class that alarmed on it (false positives).
    pub false_alarms: u64,
    /// `detected / in_screened_bags` (null before any such bag).
    pub detection_rate: Option<f64>,
    /// `false_alarms` over scanned bags without the class (null before any).
    pub false_alarm_rate: Option<f64>,
}
