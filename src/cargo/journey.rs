//! A truck's decisions as its journey shows them: its lane and why, scan and review alarms,
//! inspections.

use super::clearance::Reason;
use super::consignment::Consignment;
use super::model::CargoCheck;
use crate::detect::{ThreatClass, ThreatSet};
use crate::sim::agent::Agent;

/// The bits of the flags the outcomes read.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bits {
    /// `scan_alarm`.
    pub scan_alarm: u8,
    /// `review_alarm`.
    pub review_alarm: u8,
    /// `document_finding`.
    pub document_finding: u8,
    /// `seized`.
    pub seized: u8,
}

/// Threat classes by name, comma-separated.
pub(super) fn threat_names(threats: ThreatSet) -> String {
    threats.iter().map(ThreatClass::name).collect::<Vec<_>>().join(", ")
}

/// Why targeting chose a lane.
fn lane_reason(reason: Reason) -> String {
    match reason {
        Reason::Rule(rule) => format!(" by mandatory rule {}", rule + 1),
        Reason::Score(score) => format!(" by risk score {score:.2} over the threshold"),
        Reason::Budget(score) => format!(" by risk score {score:.2} within the inspection budget"),
        Reason::Random => " by random selection".into(),
        Reason::Default => " (default: nothing selected it)".into(),
        Reason::Officer(from) => format!(" (an officer re-routed it from {})", from.name()),
    }
}

/// The outcome of `check` on truck `agent` with consignment `c`, as a line (`None` for audits,
/// which show nothing on the way out).
pub(super) fn outcome(check: CargoCheck, c: &Consignment, agent: &Agent, bits: Bits) -> Option<String> {
    Some(match check {
        CargoCheck::Targeting => format!("lane {}{}", c.decision.lane.name(), lane_reason(c.decision.reason)),
        CargoCheck::Scan(..) if agent.has(bits.scan_alarm) => "scan ALARM".into(),
        CargoCheck::Scan(..) => "scan clear".into(),
        CargoCheck::Review(_) if agent.has(bits.review_alarm) => "inspection REQUESTED".into(),
        CargoCheck::Review(_) => "nothing to inspect".into(),
        CargoCheck::Documents { .. } if agent.has(bits.document_finding) => "documents: discrepancy FOUND".into(),
        CargoCheck::Documents { .. } => "documents in order".into(),
        CargoCheck::Inspect { .. } if agent.has(bits.seized) => "inspected, cargo SEIZED".into(),
        CargoCheck::Inspect { .. } => "inspected, released".into(),
        CargoCheck::Audit { .. } => return None,
    })
}
