//! What the mail centre achieved: parcels per hour, dwell time, hold rate, assessment and
//! controls, and per class what was found and what was missed (summary JSON key `parcels`,
//! keys documented in docs/parcels.md).

use serde::{Deserialize, Serialize};

use super::classes::ParcelClass;
use super::parcel::{Outcome, Parcel};
use super::targeting::{Assessment, Reason};
use crate::detect::metrics::{Confusion, DetectionMetrics};
use crate::metrics::histogram::{LogHistogram, Quantiles};
use crate::scenario::ordered_map::OrderedMap;
use crate::sim::time::SimTime;

/// Counters collected during a run.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ParcelStats {
    /// Parcels that arrived.
    pub arrived: u64,
    /// Parcels that left, per [`Outcome::ALL`].
    pub outcomes: [u64; 3],
    /// Dwell (arrival to release, hold or seizure) per outcome.
    pub dwell: [LogHistogram; 3],
    /// Dwell of every parcel that left.
    pub dwell_all: LogHistogram,
    /// Parcels that left in each hour of the run.
    pub per_hour: Vec<u64>,
    /// Assessments made.
    pub assessed: u64,
    /// Declared above de minimis.
    pub over_de_minimis: u64,
    /// Needing documents (de minimis or rule).
    pub documents_required: u64,
    /// Selected for opening, per [`Reason::KEYS`] (the last: not selected).
    pub selected: [u64; 4],
    /// X-ray scans.
    pub scans: u64,
    /// Scans the model alarmed on.
    pub scan_alarms: u64,
    /// Openings.
    pub opened: u64,
    /// Openings that found something.
    pub opened_found: u64,
    /// Documents checks.
    pub documents_checks: u64,
    /// Documents checks answered in time.
    pub documents_replies: u64,
    /// Per class: carried, found, missed without opening, missed though opened.
    pub classes: [[u64; 4]; 5],
}

impl ParcelStats {
    /// Records an assessment.
    pub fn assessed(&mut self, a: &Assessment) {
        self.assessed += 1;
        self.over_de_minimis += a.over_de_minimis as u64;
        self.documents_required += a.documents as u64;
        self.selected[a.reason.index()] += 1;
    }

    /// Records a parcel leaving at `now` after `dwell`.
    pub fn left(&mut self, parcel: &Parcel, now: SimTime, dwell: SimTime) {
        let outcome = parcel.outcome();
        let o = Outcome::ALL.iter().position(|x| *x == outcome).unwrap_or(0);
        self.outcomes[o] += 1;
        self.dwell[o].record(dwell.0);
        self.dwell_all.record(dwell.0);
        let hour = (now.0 / 3_600_000) as usize;
        if self.per_hour.len() <= hour {
            self.per_hour.resize(hour + 1, 0);
        }
        self.per_hour[hour] += 1;
        if let Some(class) = parcel.class() {
            let counts = &mut self.classes[class.index()];
            counts[0] += 1;
            if parcel.found {
                counts[1] += 1;
            } else if parcel.opened == 0 {
                counts[2] += 1;
            } else {
                counts[3] += 1;
            }
        }
    }

    /// The summary (`detector`: the image model's tally, when parcels were X-rayed).
    pub fn summary(&self, parcels_per_bag: u32, detector: Option<&DetectionMetrics>) -> ParcelsSummary {
        let left: u64 = self.outcomes.iter().sum();
        let busy: Vec<u64> = self.per_hour.iter().copied().skip_while(|n| *n == 0).collect();
        let hours = busy.len().max(1) as f64;
        let classes = ParcelClass::ALL
            .iter()
            .map(|class| {
                let [carried, found, missed_not_opened, missed_opened] = self.classes[class.index()];
                let model = class
                    .threat()
                    .and_then(|t| detector.and_then(|d| d.class(t)))
                    .map(ModelRates::of);
                let summary = ClassSummary {
                    carried,
                    found,
                    detection_rate: (carried > 0).then(|| found as f64 / carried as f64),
                    missed_not_opened,
                    missed_opened,
                    model,
                };
                (class.name().to_string(), summary)
            })
            .collect();
        ParcelsSummary {
            parcels: self.arrived,
            bags: self.arrived.div_ceil(u64::from(parcels_per_bag.max(1))),
            released: self.outcomes[0],
            held: self.outcomes[1],
            seized: self.outcomes[2],
            in_system: self.arrived - left,
            hold_rate: (left > 0).then(|| self.outcomes[1] as f64 / left as f64),
            parcels_per_hour: Throughput {
                mean: left as f64 / hours,
                peak: busy.iter().copied().max().unwrap_or(0),
            },
            dwell_s: self.dwell_all.summary(),
            dwell_by_outcome_s: OrderedMap(
                Outcome::ALL
                    .iter()
                    .zip(&self.dwell)
                    .map(|(o, h)| (o.name().to_string(), h.summary()))
                    .collect(),
            ),
            assessment: AssessmentSummary {
                assessed: self.assessed,
                over_de_minimis: self.over_de_minimis,
                documents_required: self.documents_required,
                selected: OrderedMap(
                    Reason::KEYS[..3]
                        .iter()
                        .zip(&self.selected)
                        .map(|(k, n)| (k.to_string(), *n))
                        .collect(),
                ),
            },
            controls: Controls {
                scans: self.scans,
                scan_alarms: self.scan_alarms,
                opened: self.opened,
                opened_found: self.opened_found,
                documents_checks: self.documents_checks,
                documents_replies: self.documents_replies,
            },
            classes: OrderedMap(classes),
            discrepancy_rule: detector.map(|d| ModelRates::of(&d.discrepancy)),
            image_inferences: detector.map_or(0, |d| d.inferences),
        }
    }
}

/// Parcel KPIs (summary JSON key `parcels`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParcelsSummary {
    /// Parcels that arrived.
    pub parcels: u64,
    /// Bags (receptacles) they came in.
    pub bags: u64,
    /// Released to recipients.
    pub released: u64,
    /// Held for documents or duty.
    pub held: u64,
    /// Seized.
    pub seized: u64,
    /// Still in the mail centre when the run ended (`parcels = released + held + seized + in_system`).
    pub in_system: u64,
    /// `held / (released + held + seized)`.
    pub hold_rate: Option<f64>,
    /// Parcels leaving control per hour, from the first hour with a departure.
    pub parcels_per_hour: Throughput,
    /// Dwell from arrival to release, hold or seizure, seconds.
    pub dwell_s: Quantiles,
    /// Dwell per outcome, seconds.
    pub dwell_by_outcome_s: OrderedMap<Quantiles>,
    /// What the assessment of advance data decided.
    pub assessment: AssessmentSummary,
    /// Scans, openings, documents checks.
    pub controls: Controls,
    /// Per class: carried, found, missed and why, the image model's rates.
    pub classes: OrderedMap<ClassSummary>,
    /// The discrepancy rule (declared chapter vs the goods the image shows), when X-rayed.
    pub discrepancy_rule: Option<ModelRates>,
    /// Images the model scored (whole batches).
    pub image_inferences: u64,
}

/// Parcels per hour.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Throughput {
    /// Mean over the hours from the first departure to the last.
    pub mean: f64,
    /// The busiest hour.
    pub peak: u64,
}

/// The assessment of advance data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentSummary {
    /// Parcels assessed.
    pub assessed: u64,
    /// Declared above de minimis.
    pub over_de_minimis: u64,
    /// Needing documents.
    pub documents_required: u64,
    /// Selected for opening by `rule`, `score` and `random`.
    pub selected: OrderedMap<u64>,
}

/// How often each control ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Controls {
    /// X-ray scans read by the model.
    pub scans: u64,
    /// Scans it alarmed on.
    pub scan_alarms: u64,
    /// Parcels opened.
    pub opened: u64,
    /// Openings that found something.
    pub opened_found: u64,
    /// Documents checks.
    pub documents_checks: u64,
    /// Of those, answered in time.
    pub documents_replies: u64,
}

/// One class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassSummary {
    /// Parcels carrying it that left.
    pub carried: u64,
    /// Found (seized, or held on its real value).
    pub found: u64,
    /// `found / carried`.
    pub detection_rate: Option<f64>,
    /// Missed: never opened.
    pub missed_not_opened: u64,
    /// Missed: opened without finding it.
    pub missed_opened: u64,
    /// The image model on this class (classes an image shows).
    pub model: Option<ModelRates>,
}

/// An alarm rule's rates on the scans made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelRates {
    /// Alarms on parcels holding it.
    pub true_positives: u64,
    /// Alarms on parcels not holding it.
    pub false_positives: u64,
    /// Detection rate.
    pub detection_rate: Option<f64>,
    /// False-alarm rate.
    pub false_alarm_rate: Option<f64>,
}

impl ModelRates {
    fn of(c: &Confusion) -> Self {
        Self {
            true_positives: c.true_positives,
            false_positives: c.false_positives,
            detection_rate: c.detection_rate(),
            false_alarm_rate: c.false_alarm_rate(),
        }
    }
}
