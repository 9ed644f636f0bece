//! The human side of clearance: image analysts, documentary checks, physical and remote
//! inspections, post-clearance audits. Their outcomes are draws from the consignment's own
//! stream; what there is to find is the consignment's hidden truth.

use rand::RngExt;

use super::consignment::Consignment;
use super::model::{Exam, LOCALISED_REACH};
use crate::cargo::clearance::declaration::{Fraud, typical_density};
use crate::detect::analyst::{AnalystCrew, Image};
use crate::detect::classes::ThreatSet;
use crate::sim::time::SimTime;

/// Calibrated mode of a review: `(inspect, misdescription_confirmed)` with flat rates. An image
/// of contraband is sent to inspection with probability `sensitivity`; an image of other goods
/// than declared (and nothing hidden) has its discrepancy confirmed with `sensitivity` and is
/// settled on the documents (re-assessment, no devanning); any image without contraband is sent
/// to inspection by mistake with probability `false_alarm`.
pub fn flat_review(consignment: &mut Consignment, sensitivity: f64, false_alarm: f64) -> (bool, bool) {
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

/// A modelled analyst of `crew` (the one who took the image, else the next free one) reviews the
/// consignment's scan at `now`: `(inspect, misdescription_confirmed)`. The analyst sees the AI
/// reader's verdict when a model or table read the scan.
pub fn analyst_review(consignment: &mut Consignment, crew: &mut AnalystCrew, now: SimTime) -> (bool, bool) {
    let who = consignment.analyst.take().unwrap_or_else(|| crew.start(now));
    let lodged = &consignment.lodged;
    let image = Image {
        threats: lodged.truth.contraband,
        difficulty: lodged.content.difficulty as f64,
        misdeclared: Some(lodged.misdeclared()),
        ai: consignment.ai_verdict,
    };
    let misdeclared = lodged.misdeclared();
    let threat = !lodged.truth.contraband.is_empty();
    let judgement = crew.judge(who, now, &image, &mut consignment.rng);
    (judgement.inspect, judgement.discrepancy && misdeclared && !threat)
}

/// Whether a documentary check (or an audit) finds undervaluation or misdescription.
pub fn documents_find(consignment: &mut Consignment, find_probability: f64) -> bool {
    let fraud = matches!(consignment.lodged.truth.fraud, Fraud::Undervaluation | Fraud::Misdescription);
    let u: f64 = consignment.rng.random();
    fraud && u < find_probability
}

/// The probability that an `exam` finds a hidden item: the share of the load it reaches (more
/// when an alarm pointed at the item), less what the concealment hides.
pub fn find_probability(exam: Exam, localised: bool, difficulty: f64) -> f64 {
    let reach = exam.reach();
    let reach = if localised { reach + (1.0 - reach) * LOCALISED_REACH } else { reach };
    reach * (1.0 - exam.concealment_loss() * difficulty.clamp(0.0, 1.0))
}

/// Draws what the inspection starting now will find and returns its service-time factor: each
/// hidden class with the exam's find probability (or the flat `flat_find` in calibrated mode),
/// a misdescription with the exam's reach; dense cargo takes longer to devan, and a finding adds
/// `found_time_factor` (sampling, photographs, seizure report).
pub fn start_inspection(consignment: &mut Consignment, exam: Exam, flat_find: Option<f64>, found_time_factor: f64) -> f64 {
    let truth = consignment.lodged.truth;
    let localised = consignment.model_alarm == Some(true) || consignment.review_alarm == Some(true);
    let difficulty = consignment.lodged.content.difficulty as f64;
    let p_item = flat_find.unwrap_or_else(|| find_probability(exam, localised, difficulty));
    let p_goods = flat_find.unwrap_or_else(|| exam.reach());
    let threats: ThreatSet = truth.contraband.iter().filter(|_| consignment.rng.random::<f64>() < p_item).collect();
    let misdescription = truth.fraud == Fraud::Misdescription && consignment.rng.random::<f64>() < p_goods;
    consignment.pending_finding = Some((threats, misdescription));
    let cargo = (typical_density(truth.goods) / 400.0).sqrt().clamp(0.7, 1.5);
    let found = !threats.is_empty() || misdescription;
    cargo * if found { found_time_factor } else { 1.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thorough_exams_and_pointed_alarms_find_more() {
        for d in [0.0, 0.5, 1.0] {
            let tail = find_probability(Exam::TailGate, false, d);
            let partial = find_probability(Exam::Partial, false, d);
            let strip = find_probability(Exam::FullStrip, false, d);
            assert!(tail < partial && partial < strip, "{d}: {tail} {partial} {strip}");
            assert!(find_probability(Exam::Partial, true, d) > partial);
        }
        assert!(find_probability(Exam::FullStrip, false, 1.0) < find_probability(Exam::FullStrip, false, 0.0));
    }
}
