//! What the smart-inspection features achieved: e-gate errors, screening, bags,
//! interceptions, seizures, misses, stops and seamless journeys.

use serde::{Deserialize, Serialize};

use super::bag_scan_outcomes::{BagScanStats, BagScanSummary};
use super::screening::Selection;
use crate::detect::ThreatClass;
use crate::scenario::ordered_map::OrderedMap;

/// Counters collected during a run.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct PassengerStats {
    /// Face verifications of genuine travellers.
    pub genuine_attempts: u64,
    /// Genuine travellers rejected.
    pub false_rejects: u64,
    /// Face verifications of impostors.
    pub impostor_attempts: u64,
    /// Impostors accepted (missed fraud).
    pub false_accepts: u64,
    /// Travellers screened in advance.
    pub screened: u64,
    /// Selected by a rule, by the score, at random.
    pub selected: [u64; 3],
    /// Selected travellers who carried contraband.
    pub selected_risky: u64,
    /// Checked bags that arrived.
    pub bags_checked: u64,
    /// Bags delivered to the carousel.
    pub bags_delivered: u64,
    /// Bags whose owner had left when they reached the carousel.
    pub bags_unclaimed: u64,
    /// Advance CT screening of the bags.
    pub bag_scans: BagScanStats,
    /// Searches (interceptions).
    pub searches: u64,
    /// Searches that found nothing because there was nothing (false interceptions).
    pub false_interceptions: u64,
    /// Contraband carried by arriving travellers, per class.
    pub carried: [u64; 5],
    /// Contraband seized, per class.
    pub seized: [u64; 5],
    /// Contraband that left the port: never searched, per class.
    pub missed_not_searched: [u64; 5],
    /// Contraband that left the port although searched, per class.
    pub missed_in_search: [u64; 5],
    /// Travellers who left.
    pub exited: u64,
    /// Services received by those travellers (stops).
    pub stops: u64,
    /// Travellers who left after only automated services.
    pub seamless: u64,
}

impl PassengerStats {
    /// Records an advance selection.
    pub fn selected(&mut self, selection: Selection, risky: bool) {
        let slot = match selection {
            Selection::Rule(_) => 0,
            Selection::Score(_) => 1,
            Selection::Random => 2,
        };
        self.selected[slot] += 1;
        self.selected_risky += risky as u64;
    }

    /// Records contraband arriving with a traveller.
    pub fn arrived_with(&mut self, contraband: u8) {
        for class in ThreatClass::BAG {
            self.carried[class as usize] += (contraband & class.bit() != 0) as u64;
        }
    }

    /// Records a search: what was found and what was there but missed.
    pub fn searched(&mut self, carried: u8, found: u8) {
        self.searches += 1;
        if carried == 0 {
            self.false_interceptions += 1;
        }
        for class in ThreatClass::BAG {
            self.seized[class as usize] += (found & class.bit() != 0) as u64;
        }
    }

    /// Records a bag left on the carousel by a traveller who had already gone, with what it held.
    pub fn unclaimed(&mut self, contraband: u8) {
        self.bags_unclaimed += 1;
        for class in ThreatClass::BAG {
            self.missed_not_searched[class as usize] += (contraband & class.bit() != 0) as u64;
        }
    }

    /// Records a traveller leaving with `kept` contraband; `was_searched` tells why it was missed.
    pub fn left(&mut self, kept: u8, was_searched: bool, stops: u8, manual_stops: u8) {
        self.exited += 1;
        self.stops += stops as u64;
        self.seamless += (manual_stops == 0) as u64;
        let missed = if was_searched {
            &mut self.missed_in_search
        } else {
            &mut self.missed_not_searched
        };
        for class in ThreatClass::BAG {
            missed[class as usize] += (kept & class.bit() != 0) as u64;
        }
    }
}

fn rate(numerator: u64, denominator: u64) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// Outcomes for one contraband class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassOutcome {
    /// Items that arrived.
    pub carried: u64,
    /// Items seized.
    pub seized: u64,
    /// Items that left: the traveller was never searched.
    pub missed_not_searched: u64,
    /// Items that left although the traveller was searched.
    pub missed_in_search: u64,
}

/// The passenger section of `summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassengerSummary {
    /// Services per traveller who left.
    pub stops_per_traveller: f64,
    /// Share of travellers who left after automated services only.
    pub seamless_share: f64,
    /// E-gate face verification.
    pub face: FaceSummary,
    /// Advance passenger information screening.
    pub screening: ScreeningSummary,
    /// Checked bags.
    pub bags: BagSummary,
    /// Searches.
    pub interceptions: u64,
    /// Searches of travellers who carried nothing.
    pub false_interceptions: u64,
    /// Per contraband class.
    pub contraband: OrderedMap<ClassOutcome>,
}

/// Face verification outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaceSummary {
    /// Genuine attempts.
    pub genuine_attempts: u64,
    /// Genuine travellers rejected.
    pub false_rejects: u64,
    /// Impostor attempts.
    pub impostor_attempts: u64,
    /// Impostors accepted.
    pub false_accepts: u64,
    /// False-reject rate.
    pub frr: f64,
    /// False-accept rate.
    pub far: f64,
}

/// Screening outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningSummary {
    /// Travellers screened.
    pub screened: u64,
    /// Selected by a mandatory rule.
    pub by_rule: u64,
    /// Selected by the risk score.
    pub by_score: u64,
    /// Selected at random.
    pub at_random: u64,
    /// Share of selected travellers who carried contraband.
    pub hit_rate: f64,
}

/// Checked-bag outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BagSummary {
    /// Bags that arrived.
    pub checked: u64,
    /// Bags delivered to the carousel.
    pub delivered: u64,
    /// Bags whose owner had already left (no reclaim stage on the owner's route).
    pub unclaimed: u64,
    /// Advance CT screening.
    pub scan: BagScanSummary,
}

impl PassengerStats {
    /// The summary of these counters.
    pub fn summary(&self) -> PassengerSummary {
        let selected: u64 = self.selected.iter().sum();
        PassengerSummary {
            stops_per_traveller: rate(self.stops, self.exited),
            seamless_share: rate(self.seamless, self.exited),
            face: FaceSummary {
                genuine_attempts: self.genuine_attempts,
                false_rejects: self.false_rejects,
                impostor_attempts: self.impostor_attempts,
                false_accepts: self.false_accepts,
                frr: rate(self.false_rejects, self.genuine_attempts),
                far: rate(self.false_accepts, self.impostor_attempts),
            },
            screening: ScreeningSummary {
                screened: self.screened,
                by_rule: self.selected[0],
                by_score: self.selected[1],
                at_random: self.selected[2],
                hit_rate: rate(self.selected_risky, selected),
            },
            bags: BagSummary {
                checked: self.bags_checked,
                delivered: self.bags_delivered,
                unclaimed: self.bags_unclaimed,
                scan: self.bag_scans.summary(),
            },
            interceptions: self.searches,
            false_interceptions: self.false_interceptions,
            contraband: OrderedMap(
                ThreatClass::BAG
                    .iter()
                    .map(|c| {
                        let i = *c as usize;
                        let outcome = ClassOutcome {
                            carried: self.carried[i],
                            seized: self.seized[i],
                            missed_not_searched: self.missed_not_searched[i],
                            missed_in_search: self.missed_in_search[i],
                        };
                        (c.name().to_string(), outcome)
                    })
                    .collect(),
            ),
        }
    }
}
