//! Bag-scan stages in the process network: one detector per stage, an alarm flags the bag and
//! its owner (`bag_flagged`), so the owner's route can send them to a search.

use super::agent::{AgentKey, AgentKind};
use super::network::{ProcessNetwork, RunError};
use crate::detect::Detector;
use crate::metrics::collector::Collector;
use crate::passengers::bag_scan::screen;
use crate::scenario::model::{Check, FLAG_BAG_FLAGGED, Scenario, StageId};

/// A detector for each bag-scan stage, by stage id.
pub(super) fn stage_detectors(scenario: &Scenario) -> Vec<Option<Detector>> {
    scenario
        .stages
        .iter()
        .map(|stage| match &stage.check {
            Some(Check::BagScan(scan)) => Some(
                Detector::new(std::sync::Arc::clone(&scan.model), &scan.thresholds)
                    .expect("validation gave the model a threshold for each of its classes"),
            ),
            _ => None,
        })
        .collect()
}

impl ProcessNetwork {
    /// The scanner at `stage` has finished with bag `key`: score it and flag it and its owner on alarm.
    pub(super) fn scan_bag(&mut self, key: AgentKey, stage: StageId, metrics: &mut Collector) -> Result<(), RunError> {
        let Some(detector) = self.detectors[stage].as_mut() else {
            return Ok(());
        };
        let bag = self.agents.get_mut(key).expect("scanned bags are live");
        let AgentKind::Bag { owner } = bag.kind else {
            return Ok(());
        };
        let verdict = screen(detector, bag, &self.scenario.stages[stage].name).map_err(|e| RunError::Inference {
            at: self.now,
            stage: self.scenario.stages[stage].name.clone(),
            message: e.to_string(),
        })?;
        let truth = crate::detect::ThreatSet::from_bits(bag.contraband);
        if verdict.is_alarm() {
            bag.attributes |= 1 << FLAG_BAG_FLAGGED;
        }
        let owner = self.agents.get_mut(owner).filter(|o| matches!(o.kind, AgentKind::Traveller));
        let in_advance = owner.as_ref().is_some_and(|o| !o.waiting_for_bags);
        if let (Some(owner), true) = (owner, verdict.is_alarm()) {
            owner.attributes |= 1 << FLAG_BAG_FLAGGED;
        }
        metrics.passengers.bag_scans.scanned(truth, &verdict, in_advance);
        Ok(())
    }
}
