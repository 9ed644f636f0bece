//! Cargo clearance: trucks carrying one container each, with a declaration and a hidden
//! truth; risk targeting into lanes at lodgement; scanning with the image model on images
//! synthesised from each container's true contents; analysts, documentary checks, physical
//! and remote inspections, audits; scanner breakdowns; the KPIs they produce.
//!
//! The cargo domain fits the engine's pattern (as the passenger domain does): the process
//! network calls [`CargoState`] when a truck arrives, when a stage's cargo check applies
//! (service end, or arrival at a stage without a pool), when an inspection starts (its
//! duration depends on the cargo and on the finding) and when a truck leaves. Checks set
//! routing flags (`lane_red`, `scan_alarm`, `review_alarm`, `remote_eligible`, `seized`, …)
//! that the scenario's `Choose` conditions route on. In micro fidelity, [`CargoPlugin`]
//! scans trucks as they pass a portal's sensor.

pub mod breakdowns;
pub mod consignment;
pub mod inspection;
pub mod lodgement;
pub mod models;
pub mod outcomes;
mod plugin;
pub mod scanning;

use std::time::Duration;

pub use consignment::{Consignment, Lodged, Miss, TruthRates};
pub use outcomes::{CargoStats, CargoSummary};
pub use plugin::CargoPlugin;

use breakdowns::Breakdowns;
use lodgement::Lodgement;
use models::shared_model;

use crate::clearance::declaration::Fraud;
use crate::clearance::lanes::Lane;
use crate::detect::{DetectionMetrics, Detector, ThreatSet};
use crate::scenario::Scenario;
use crate::scenario::model::{FLAG_REMOTE_ELIGIBLE, FLAG_REVIEW_ALARM, FLAG_SCAN_ALARM, FLAG_SEIZED};
use crate::scenario::model_cargo::CargoCheck;
use crate::sim::agent::AgentKey;
use crate::sim::time::SimTime;

/// The cargo side of a run.
#[derive(Debug)]
pub struct CargoState {
    seed: u64,
    truck_sources: Vec<bool>,
    lodgement: Lodgement,
    detector: Option<Detector>,
    consignments: Vec<Option<Consignment>>,
    next_index: u64,
    failure: Option<String>,
    /// What clearance has done so far.
    pub stats: CargoStats,
    /// Scanner downtime.
    pub breakdowns: Breakdowns,
}

fn set_flag(attributes: &mut u64, flag: usize, on: bool) {
    if on {
        *attributes |= 1 << flag;
    } else {
        *attributes &= !(1 << flag);
    }
}

/// Loads a shared model, keeping the first failure.
fn load(name: &str, failure: &mut Option<String>) -> Option<std::sync::Arc<crate::detect::Model>> {
    match shared_model(name) {
        Ok(model) => Some(model),
        Err(e) => {
            failure.get_or_insert(e);
            None
        }
    }
}

impl CargoState {
    /// The cargo state of a run of `scenario`, or `None` when it has no cargo. Models are
    /// loaded here; a failure is kept and reported by [`CargoState::take_failure`].
    pub fn new(scenario: &Scenario, seed: u64) -> Option<CargoState> {
        let cargo = scenario.cargo.as_ref()?;
        let mut failure = None;
        let risk_model = cargo.risk_model.as_deref().and_then(|name| load(name, &mut failure));
        let detector = cargo.scanning.as_ref().and_then(|s| {
            let model = load(s.model.as_deref()?, &mut failure)?;
            match Detector::new(model, &s.thresholds) {
                Ok(detector) => Some(detector),
                Err(e) => {
                    failure.get_or_insert(e.to_string());
                    None
                }
            }
        });
        let rates = TruthRates {
            contraband: cargo.contraband_rate,
            misdeclaration: cargo.misdeclaration_rate,
        };
        let pool_names: Vec<String> = scenario.pools.iter().map(|p| p.name.clone()).collect();
        Some(CargoState {
            seed,
            truck_sources: (0..scenario.sources.len()).map(|s| cargo.sources.contains(&s)).collect(),
            lodgement: Lodgement::new(seed, rates, cargo.targeting.clone(), risk_model, cargo.block),
            detector,
            consignments: Vec::new(),
            next_index: 0,
            failure,
            stats: CargoStats::default(),
            breakdowns: Breakdowns::new(seed, &cargo.breakdowns, &pool_names),
        })
    }

    /// Why the run cannot go on (a model failed to load or to run), once.
    pub fn take_failure(&mut self) -> Option<String> {
        self.failure.take()
    }

    /// Whether agents of `source` are trucks.
    pub fn is_truck_source(&self, source: usize) -> bool {
        self.truck_sources.get(source).copied().unwrap_or(false)
    }

    /// A truck arrived as agent `key`: its declaration is lodged and targeted.
    pub fn arrive(&mut self, key: AgentKey) {
        let index = self.next_index;
        self.next_index += 1;
        self.stats.arrived += 1;
        let (lodged, decision) = match self.lodgement.take(index) {
            Ok(entry) => entry,
            Err(e) => {
                self.failure.get_or_insert(e);
                let lodged = Lodged::draw(self.seed, index, TruthRates::default());
                let decision = crate::clearance::LaneDecision {
                    lane: Lane::Green,
                    reason: crate::clearance::Reason::Default,
                    score: None,
                    remote_eligible: false,
                };
                (lodged, decision)
            }
        };
        let slot = key as usize;
        if self.consignments.len() <= slot {
            self.consignments.resize_with(slot + 1, || None);
        }
        self.consignments[slot] = Some(Consignment::new(self.seed, lodged, decision));
    }

    /// Truck `key`'s container also hides `threats`, which its declaration does not mention (a
    /// smuggler staged by an incident): scanners image them and inspections can find them.
    pub fn conceal(&mut self, key: AgentKey, threats: ThreatSet) {
        let Some(c) = self.consignments.get_mut(key as usize).and_then(Option::as_mut) else {
            return;
        };
        let lodged = &mut c.lodged;
        for class in threats.iter() {
            lodged.truth.contraband.insert(class);
            lodged.content.threats.insert(class);
        }
        if !threats.is_empty() && lodged.truth.fraud == Fraud::None {
            lodged.truth.fraud = Fraud::Contraband;
        }
    }

    /// The consignment of agent `key`, if it is a truck.
    pub fn consignment(&self, key: AgentKey) -> Option<&Consignment> {
        self.consignments.get(key as usize)?.as_ref()
    }

    /// Applies a stage's cargo check to truck `key`, updating its routing flags.
    pub fn apply(&mut self, check: &CargoCheck, key: AgentKey, attributes: &mut u64) {
        let Some(c) = self.consignments.get_mut(key as usize).and_then(Option::as_mut) else {
            return;
        };
        let stats = &mut self.stats;
        match *check {
            CargoCheck::Targeting => {
                for lane in Lane::ALL {
                    set_flag(attributes, lane.flag(), lane == c.decision.lane);
                }
                set_flag(attributes, FLAG_REMOTE_ELIGIBLE, c.decision.remote_eligible);
                if !c.targeted {
                    stats.decided(c.decision.lane, &c.decision.reason);
                }
                c.targeted = true;
            }
            CargoCheck::Scan(kind) => {
                let image = scanning::render(self.seed, kind, c);
                c.scans += 1;
                stats.controls.scans += 1;
                let alarm = match &mut self.detector {
                    Some(detector) => match scanning::review_automatically(detector, &image, c) {
                        Ok(alarm) => {
                            c.model_alarm = Some(alarm);
                            alarm
                        }
                        Err(e) => {
                            self.failure.get_or_insert(e);
                            true
                        }
                    },
                    None => true,
                };
                stats.controls.scan_alarms += alarm as u64;
                set_flag(attributes, FLAG_SCAN_ALARM, alarm);
            }
            CargoCheck::Review { sensitivity, false_alarm } => {
                let (alarm, misdescription) = inspection::analyst_review(c, sensitivity, false_alarm);
                c.review_alarm = Some(alarm);
                c.fraud_found |= misdescription;
                stats.controls.reviews += 1;
                stats.controls.review_alarms += alarm as u64;
                set_flag(attributes, FLAG_REVIEW_ALARM, alarm);
            }
            CargoCheck::Documents { find_probability } => {
                let found = inspection::documents_find(c, find_probability);
                c.fraud_found |= found;
                stats.controls.document_checks += 1;
                stats.controls.document_findings += found as u64;
                set_flag(attributes, FLAG_REVIEW_ALARM, found);
            }
            CargoCheck::Inspect {
                find_probability,
                found_time_factor,
                remote,
            } => {
                if c.pending_finding.is_none() {
                    inspection::start_inspection(c, find_probability, found_time_factor);
                }
                let (threats, misdescription) = c.pending_finding.take().unwrap_or_default();
                for class in threats.iter() {
                    c.found.insert(class);
                }
                c.fraud_found |= misdescription;
                c.inspections += 1;
                if remote {
                    stats.controls.remote_inspections += 1;
                } else {
                    stats.controls.physical_inspections += 1;
                }
                stats.controls.inspections_clean += (threats.is_empty() && !misdescription) as u64;
                set_flag(attributes, FLAG_SEIZED, !c.found.is_empty());
            }
            CargoCheck::Audit { find_probability } => {
                let found = inspection::documents_find(c, find_probability);
                c.fraud_found |= found;
                stats.controls.audits += 1;
                stats.controls.audit_findings += found as u64;
            }
        }
    }

    /// Factor on the service time of a truck whose service at a stage with `check` starts now.
    pub fn service_factor(&mut self, check: &CargoCheck, key: AgentKey) -> f64 {
        let CargoCheck::Inspect {
            find_probability,
            found_time_factor,
            ..
        } = *check
        else {
            return 1.0;
        };
        match self.consignments.get_mut(key as usize).and_then(Option::as_mut) {
            Some(c) => inspection::start_inspection(c, find_probability, found_time_factor),
            None => 1.0,
        }
    }

    /// Truck `key` leaves the port (released, or with its cargo seized).
    pub fn leave(&mut self, key: AgentKey, time_in_port: SimTime) {
        if let Some(c) = self.consignments.get_mut(key as usize).and_then(Option::take) {
            self.stats.left(&c, time_in_port);
        }
    }

    /// The image model's tally, when scans are reviewed by a model.
    pub fn image_metrics(&self) -> Option<&DetectionMetrics> {
        self.detector.as_ref().map(|d| &d.metrics)
    }

    /// Wall-clock time spent in inference so far (image and risk models).
    pub fn inference_time(&self) -> Duration {
        self.image_metrics().map_or(Duration::ZERO, |m| m.inference_time) + self.lodgement.inference_time
    }

    /// Inferences so far (images and declarations).
    pub fn inferences(&self) -> u64 {
        self.image_metrics().map_or(0, |m| m.inferences) + self.lodgement.scored
    }

    /// The KPIs so far.
    pub fn summary(&self) -> CargoSummary {
        self.stats.summary(self.image_metrics(), self.lodgement.scored)
    }
}
