//! What cargo clearance achieved: lanes and why, time in port per lane, scans, reviews,
//! inspections, detections and misses per threat class (summary JSON key `cargo`).

use serde::{Deserialize, Serialize};

use super::consignment::{Consignment, Miss};
use crate::cargo::clearance::lanes::{Lane, Reason};
use crate::detect::analyst::AnalystSummary;
use crate::detect::realism::Realism;
use crate::detect::classes::ThreatClass;
use crate::detect::metrics::{Confusion, DetectionMetrics};
use crate::metrics::histogram::{LogHistogram, Quantiles};
use crate::scenario::ordered_map::OrderedMap;
use crate::sim::time::SimTime;

/// Counters collected during a run.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct CargoStats {
    /// Trucks that arrived.
    pub arrived: u64,
    /// Trucks released.
    pub released: u64,
    /// Trucks whose cargo was seized.
    pub seized: u64,
    /// Decisions per lane and reason ([`Lane::ALL`] × [`Reason::KEYS`]).
    pub decisions: [[u64; 6]; 4],
    /// Time in port per lane (released or seized trucks).
    pub time_in_port: [LogHistogram; 4],
    /// Time in port of every truck.
    pub time_in_port_all: LogHistogram,
    /// Scans, reviews, documentary checks, inspections and audits.
    pub controls: ControlCounts,
    /// Hidden contraband per class ([`ThreatClass::CONTAINER`] order): carried, seized, and missed by reason.
    pub carried: [u64; 4],
    /// Seized per class.
    pub seized_by_class: [u64; 4],
    /// Missed per class and reason (never scanned, model, analyst, inspection, not inspected).
    pub missed: [[u64; 5]; 4],
    /// Declarations misstating the goods, and those found.
    pub misdeclared: u64,
    /// Misdescriptions found.
    pub misdeclared_found: u64,
    /// Undervaluations, and those found.
    pub undervalued: u64,
    /// Undervaluations found.
    pub undervalued_found: u64,
    /// Contrast-to-noise of the hidden items in view in physics scans, per class: sum and count.
    pub contrast: [(f64, u64); 4],
}

impl CargoStats {
    /// Tallies the contrast-to-noise of the hidden items of one physics scan.
    pub fn contrast_seen(&mut self, items: &[(ThreatClass, f64)]) {
        for (class, cnr) in items {
            if let Some(i) = ThreatClass::CONTAINER.iter().position(|c| c == class) {
                self.contrast[i].0 += cnr;
                self.contrast[i].1 += 1;
            }
        }
    }

    /// Mean contrast-to-noise per class of the hidden items seen in physics scans, with their
    /// number (classes never seen are left out).
    pub fn contrast_by_class(&self) -> Vec<(ThreatClass, f64, u64)> {
        ThreatClass::CONTAINER
            .iter()
            .zip(&self.contrast)
            .filter(|(_, (_, n))| *n > 0)
            .map(|(class, (sum, n))| (*class, sum / *n as f64, *n))
            .collect()
    }

    /// Records a lane decision as the truck reaches targeting.
    pub fn decided(&mut self, lane: Lane, reason: &Reason) {
        let r = Reason::KEYS.iter().position(|k| *k == reason.key()).unwrap_or(0);
        self.decisions[lane.index()][r] += 1;
    }

    /// Records a truck leaving the port.
    pub fn left(&mut self, consignment: &Consignment, time_in_port: SimTime) {
        let seized = !consignment.found.is_empty();
        if seized {
            self.seized += 1;
        } else {
            self.released += 1;
        }
        if consignment.targeted {
            self.time_in_port[consignment.decision.lane.index()].record(time_in_port.0);
        }
        self.time_in_port_all.record(time_in_port.0);
        let truth = consignment.lodged.truth;
        for (i, class) in ThreatClass::CONTAINER.iter().enumerate() {
            if !truth.contraband.contains(*class) {
                continue;
            }
            self.carried[i] += 1;
            if consignment.found.contains(*class) {
                self.seized_by_class[i] += 1;
            } else {
                let miss = match consignment.miss() {
                    Miss::NeverScanned => 0,
                    Miss::ModelMissed => 1,
                    Miss::AnalystMissed => 2,
                    Miss::InspectionMissed => 3,
                    Miss::NotInspected => 4,
                };
                self.missed[i][miss] += 1;
            }
        }
        match truth.fraud {
            crate::cargo::clearance::Fraud::Misdescription => {
                self.misdeclared += 1;
                self.misdeclared_found += consignment.fraud_found as u64;
            }
            crate::cargo::clearance::Fraud::Undervaluation => {
                self.undervalued += 1;
                self.undervalued_found += consignment.fraud_found as u64;
            }
            _ => {}
        }
    }

    /// The summary (`detector`: the tally of what read the scans, a model or a table, and
    /// `read_by` which one it was).
    pub fn summary(&self, detector: Option<&DetectionMetrics>, read_by: Option<String>, risk_scored: u64) -> CargoSummary {
        let trucks = self.arrived.max(1) as f64;
        let lanes = Lane::ALL
            .iter()
            .map(|lane| {
                let counts = &self.decisions[lane.index()];
                let summary = LaneSummary {
                    trucks: counts.iter().sum(),
                    by_reason: OrderedMap(Reason::KEYS.iter().zip(counts).map(|(k, n)| (k.to_string(), *n)).collect()),
                    time_in_port_s: self.time_in_port[lane.index()].summary(),
                };
                (lane.name().to_string(), summary)
            })
            .collect();
        let threats = ThreatClass::CONTAINER
            .iter()
            .enumerate()
            .map(|(i, class)| {
                let model = detector.and_then(|d| d.class(*class)).copied().unwrap_or_default();
                let m = self.missed[i];
                let summary = ThreatSummary {
                    carried: self.carried[i],
                    seized: self.seized_by_class[i],
                    detection_rate: ratio(self.seized_by_class[i], self.carried[i]),
                    missed_never_scanned: m[0],
                    missed_model: m[1],
                    missed_analyst: m[2],
                    missed_inspection: m[3],
                    missed_not_inspected: m[4],
                    model: ModelSummary::of(&model),
                };
                (class.name().to_string(), summary)
            })
            .collect();
        let inspections = self.controls.physical_inspections + self.controls.remote_inspections;
        CargoSummary {
            trucks: self.arrived,
            released: self.released,
            seized: self.seized,
            time_in_port_s: self.time_in_port_all.summary(),
            lanes: OrderedMap(lanes),
            controls: self.controls,
            inspection_rate: inspections as f64 / trucks,
            scan_rate: self.controls.scans as f64 / trucks,
            threats: OrderedMap(threats),
            misdeclared: self.misdeclared,
            misdeclared_found: self.misdeclared_found,
            undervalued: self.undervalued,
            undervalued_found: self.undervalued_found,
            discrepancy_rule: detector.map(|d| ModelSummary::of(&d.discrepancy)),
            scans_read_by: read_by,
            analysts: None,
            realism: None,
            image_inferences: detector.map_or(0, |d| d.inferences),
            risk_inferences: risk_scored,
        }
    }
}

/// How often each control ran and what it found (flattened into the `cargo` summary).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ControlCounts {
    /// Scans.
    pub scans: u64,
    /// Scans the image model (or its absence) sent to review.
    pub scan_alarms: u64,
    /// Analyst reviews.
    pub reviews: u64,
    /// Reviews asking for inspection.
    pub review_alarms: u64,
    /// Documentary checks.
    pub document_checks: u64,
    /// Fraud found in documents.
    pub document_findings: u64,
    /// Physical inspections.
    pub physical_inspections: u64,
    /// Remote (video) inspections.
    pub remote_inspections: u64,
    /// Inspections that found nothing.
    pub inspections_clean: u64,
    /// Post-clearance audits.
    pub audits: u64,
    /// Fraud found by audits.
    pub audit_findings: u64,
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Cargo KPIs (summary JSON key `cargo`; keys documented in docs/cargo.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CargoSummary {
    /// Trucks that arrived.
    pub trucks: u64,
    /// Trucks released.
    pub released: u64,
    /// Trucks whose cargo was seized.
    pub seized: u64,
    /// Time in port of every truck that left, seconds.
    pub time_in_port_s: Quantiles,
    /// Per lane: trucks, why, time in port.
    pub lanes: OrderedMap<LaneSummary>,
    /// Scans, reviews, documentary checks, inspections and audits.
    #[serde(flatten)]
    pub controls: ControlCounts,
    /// Inspections (physical and remote) per truck.
    pub inspection_rate: f64,
    /// Scans per truck.
    pub scan_rate: f64,
    /// Per threat class: carried, seized, missed and why, the image model's confusion counts.
    pub threats: OrderedMap<ThreatSummary>,
    /// Declarations misstating the goods.
    pub misdeclared: u64,
    /// Of those, found.
    pub misdeclared_found: u64,
    /// Undervalued declarations.
    pub undervalued: u64,
    /// Of those, found.
    pub undervalued_found: u64,
    /// The image model's discrepancy rule (declared vs predicted goods), when a model reviewed scans.
    pub discrepancy_rule: Option<ModelSummary>,
    /// What decided on the scans: `model <name>`, or `table: <source>` in calibrated mode
    /// (null: no automatic reading, every scan goes to an analyst).
    pub scans_read_by: Option<String>,
    /// Modelled image analysts: reviews, hits, misses, false alarms, hit rate by time on task,
    /// the prevalence they faced and expected (null: none, or flat rates).
    pub analysts: Option<AnalystSummary>,
    /// Realism: the in-loop scans, operating points against the literature, sensitivities.
    pub realism: Option<Realism>,
    /// Images the model scored.
    pub image_inferences: u64,
    /// Declarations the risk model scored.
    pub risk_inferences: u64,
}

/// One lane.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaneSummary {
    /// Trucks given the lane.
    pub trucks: u64,
    /// How many by each reason (`rule`, `score`, `budget`, `random`, `default`, `officer`).
    pub by_reason: OrderedMap<u64>,
    /// Time in port, seconds.
    pub time_in_port_s: Quantiles,
}

/// One threat class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreatSummary {
    /// Containers hiding it.
    pub carried: u64,
    /// Seized.
    pub seized: u64,
    /// `seized / carried`.
    pub detection_rate: Option<f64>,
    /// Left without scan or inspection.
    pub missed_never_scanned: u64,
    /// The image model cleared the scan.
    pub missed_model: u64,
    /// An analyst cleared the scan.
    pub missed_analyst: u64,
    /// Inspected without finding it.
    pub missed_inspection: u64,
    /// Flagged but released without inspection.
    pub missed_not_inspected: u64,
    /// The image model on the scans made.
    pub model: ModelSummary,
}

/// Confusion counts of an alarm rule with its rates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelSummary {
    /// Alarms on items holding it.
    pub true_positives: u64,
    /// Alarms on items not holding it.
    pub false_positives: u64,
    /// Clears of items not holding it.
    pub true_negatives: u64,
    /// Clears of items holding it.
    pub false_negatives: u64,
    /// Detection rate.
    pub detection_rate: Option<f64>,
    /// False-alarm rate.
    pub false_alarm_rate: Option<f64>,
}

impl ModelSummary {
    fn of(c: &Confusion) -> Self {
        Self {
            true_positives: c.true_positives,
            false_positives: c.false_positives,
            true_negatives: c.true_negatives,
            false_negatives: c.false_negatives,
            detection_rate: c.detection_rate(),
            false_alarm_rate: c.false_alarm_rate(),
        }
    }
}
