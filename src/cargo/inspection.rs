//! The human side of clearance: image analysts, documentary checks, physical and remote
//! inspections, post-clearance audits. Their outcomes are draws from the consignment's own
//! stream; what there is to find is the consignment's hidden truth.

use rand::RngExt;

use super::consignment::Consignment;
use crate::cargo::clearance::declaration::{Fraud, typical_density};
use crate::detect::classes::ThreatSet;

/// An analyst's review of a scan: `(inspect, misdescription_confirmed)`. An image of contraband
/// is sent to inspection with probability `sensitivity`; an image of other goods than declared
/// (and nothing hidden) has its discrepancy confirmed with `sensitivity` and is settled on the
/// documents (re-assessment, no devanning); any image without contraband is sent to inspection by
/// mistake with probability `false_alarm`.
pub fn analyst_review(consignment: &mut Consignment, sensitivity: f64, false_alarm: f64) -> (bool, bool) {
    let threat = !consignment.lodged.truth.contraband.is_empty();
    let misdeclared = consignment.lodged.misdeclared();
    let u: f64 = consignment.rng.random();
    let v: f64 = consignment.rng.random();
    if threat {
        (u < sensitivity, false)
    } else {
        (u < false_alarm, misdeclared && v < sensitivity)
    }
}

/// Whether a documentary check (or an audit) finds undervaluation or misdescription.
pub fn documents_find(consignment: &mut Consignment, find_probability: f64) -> bool {
    let fraud = matches!(consignment.lodged.truth.fraud, Fraud::Undervaluation | Fraud::Misdescription);
    let u: f64 = consignment.rng.random();
    fraud && u < find_probability
}

/// Draws what the inspection starting now will find (each hidden class and a misdescription
/// with `find_probability`) and returns its service-time factor: dense cargo takes longer to
/// devan, and a finding adds `found_time_factor` (sampling, photographs, seizure report).
pub fn start_inspection(consignment: &mut Consignment, find_probability: f64, found_time_factor: f64) -> f64 {
    let truth = consignment.lodged.truth;
    let threats: ThreatSet = truth
        .contraband
        .iter()
        .filter(|_| consignment.rng.random::<f64>() < find_probability)
        .collect();
    let misdescription = truth.fraud == Fraud::Misdescription && consignment.rng.random::<f64>() < find_probability;
    consignment.pending_finding = Some((threats, misdescription));
    let cargo = (typical_density(truth.goods) / 400.0).sqrt().clamp(0.7, 1.5);
    let found = !threats.is_empty() || misdescription;
    cargo * if found { found_time_factor } else { 1.0 }
}
