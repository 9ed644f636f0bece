//! What detectors measure in a run: confusion counts per threat class, inference count and time.

use std::time::Duration;

use super::classes::ThreatClass;

/// True and false positives and negatives of one alarm rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Confusion {
    /// Alarms on items that hold the class.
    pub true_positives: u64,
    /// Alarms on items that do not.
    pub false_positives: u64,
    /// Releases of items that do not hold it.
    pub true_negatives: u64,
    /// Releases of items that do.
    pub false_negatives: u64,
}

impl Confusion {
    /// Counts one decision.
    pub fn record(&mut self, alarm: bool, truth: bool) {
        match (alarm, truth) {
            (true, true) => self.true_positives += 1,
            (true, false) => self.false_positives += 1,
            (false, false) => self.true_negatives += 1,
            (false, true) => self.false_negatives += 1,
        }
    }

    /// Share of positives that raised an alarm (`None` before any positive).
    pub fn detection_rate(&self) -> Option<f64> {
        let positives = self.true_positives + self.false_negatives;
        (positives > 0).then(|| self.true_positives as f64 / positives as f64)
    }

    /// Share of negatives that raised an alarm (`None` before any negative).
    pub fn false_alarm_rate(&self) -> Option<f64> {
        let negatives = self.false_positives + self.true_negatives;
        (negatives > 0).then(|| self.false_positives as f64 / negatives as f64)
    }
}

/// A detector's tally over a run.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DetectionMetrics {
    /// Confusion counts per threat class, in the model's class order.
    pub per_class: Vec<(ThreatClass, Confusion)>,
    /// Confusion counts of the discrepancy rule (alarm = predicted goods differ from the declared; truth = misdeclared).
    pub discrepancy: Confusion,
    /// Items scored.
    pub inferences: u64,
    /// Batches run (one per call, e.g. one per tick).
    pub batches: u64,
    /// Wall-clock time spent in inference. Machine-dependent: never part of a run's digest,
    /// nor of a snapshot.
    #[serde(skip)]
    pub inference_time: Duration,
}

impl DetectionMetrics {
    /// Empty counts for `classes`.
    pub fn new(classes: &[ThreatClass]) -> Self {
        Self {
            per_class: classes.iter().map(|&c| (c, Confusion::default())).collect(),
            ..Self::default()
        }
    }

    /// The counts of `class`, if the detector looks for it.
    pub fn class(&self, class: ThreatClass) -> Option<&Confusion> {
        self.per_class.iter().find(|(c, _)| *c == class).map(|(_, counts)| counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_follow_the_counts() {
        let mut c = Confusion::default();
        assert_eq!(c.detection_rate(), None);
        for (alarm, truth) in [
            (true, true),
            (false, true),
            (true, false),
            (false, false),
            (false, false),
            (false, false),
        ] {
            c.record(alarm, truth);
        }
        assert_eq!(c.detection_rate(), Some(0.5));
        assert_eq!(c.false_alarm_rate(), Some(0.25));
        let m = DetectionMetrics::new(&ThreatClass::CONTAINER);
        assert_eq!(m.class(ThreatClass::Drugs), Some(&Confusion::default()));
        assert_eq!(m.class(ThreatClass::Cash), None);
    }
}
