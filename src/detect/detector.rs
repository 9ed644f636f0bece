//! A detector as a scanner facility uses it: scans → scores (one batch per call) →
//! decision by per-class thresholds, with the discrepancy rule for declared goods.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use super::classes::{GoodsCategory, ThreatClass, ThreatSet};
use super::error::DetectError;
use super::image::ScanImage;
use super::metrics::DetectionMetrics;
use super::model::Model;

/// Alarm thresholds, as a scenario states them.
#[derive(Debug, Clone, PartialEq)]
pub struct Thresholds {
    /// Score at or above which each class raises an alarm.
    pub threat: BTreeMap<ThreatClass, f32>,
    /// Alarm when the model's probability of the declared goods falls below `1 - discrepancy`
    /// (i.e. the mismatch score `1 - p(declared)` reaches it); `None` disables the rule.
    pub discrepancy: Option<f32>,
}

/// One item's scores.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanScores {
    /// Score per threat class, in the detector's class order.
    pub threats: Vec<f32>,
    /// Probability of each goods category (models with a goods output), in [`GoodsCategory::ALL`] order.
    pub goods: Option<Vec<f32>>,
}

impl ScanScores {
    /// The most probable goods category.
    pub fn predicted_goods(&self) -> Option<GoodsCategory> {
        let goods = self.goods.as_ref()?;
        let best = (0..goods.len()).max_by(|&a, &b| goods[a].total_cmp(&goods[b]))?;
        GoodsCategory::ALL.get(best).copied()
    }

    /// How little the image supports the declared goods: `1 - p(declared)`.
    pub fn mismatch(&self, declared: GoodsCategory) -> Option<f32> {
        self.goods.as_ref().and_then(|g| g.get(declared.index())).map(|p| 1.0 - p)
    }
}

/// A detector's decision on one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Verdict {
    /// Classes whose score reached their threshold.
    pub alarms: ThreatSet,
    /// Whether the image contradicts the declared goods.
    pub discrepancy: bool,
}

impl Verdict {
    /// Whether the item goes to an analyst or an inspection.
    pub fn is_alarm(&self) -> bool {
        !self.alarms.is_empty() || self.discrepancy
    }
}

/// One model with its thresholds and its tally.
#[derive(Debug)]
pub struct Detector {
    model: Arc<Model>,
    classes: Vec<ThreatClass>,
    threat_output: usize,
    goods_output: Option<usize>,
    thresholds: Vec<f32>,
    discrepancy: Option<f32>,
    /// What the detector has measured so far.
    pub metrics: DetectionMetrics,
}

impl Detector {
    /// The model's manifest entry.
    pub fn spec(&self) -> &crate::detect::manifest::ModelSpec {
        &self.model.spec
    }

    /// A detector running `model` (shared between facilities) with `thresholds`, which must
    /// give one value in `0..=1` for each threat class of the model.
    pub fn new(model: Arc<Model>, thresholds: &Thresholds) -> Result<Detector, DetectError> {
        let bad = |reason: String| DetectError::Unsupported {
            path: model.path.clone(),
            reason,
        };
        let names = model
            .spec
            .classes
            .get("threats")
            .ok_or_else(|| bad("the manifest lists no `threats` classes".into()))?;
        let classes = names
            .iter()
            .map(|n| n.parse::<ThreatClass>().map_err(&bad))
            .collect::<Result<Vec<_>, _>>()?;
        let output = |name: &str| model.spec.outputs.iter().position(|o| o.name == name);
        let threat_output = output("threats").ok_or_else(|| bad("no `threats` output".into()))?;
        let goods_output = output("goods");
        let mut values = Vec::with_capacity(classes.len());
        for class in &classes {
            let t = *thresholds
                .threat
                .get(class)
                .ok_or_else(|| bad(format!("no threshold for class `{class}`")))?;
            if !(0.0..=1.0).contains(&t) {
                return Err(bad(format!("threshold {t} of class `{class}` is outside 0..=1")));
            }
            values.push(t);
        }
        if let Some(extra) = thresholds.threat.keys().find(|c| !classes.contains(c)) {
            return Err(bad(format!(
                "a threshold is set for class `{extra}`, which this model does not score"
            )));
        }
        if thresholds.discrepancy.is_some() && goods_output.is_none() {
            return Err(bad("a discrepancy threshold is set but the model has no `goods` output".into()));
        }
        Ok(Detector {
            metrics: DetectionMetrics::new(&classes),
            model,
            classes,
            threat_output,
            goods_output,
            thresholds: values,
            discrepancy: thresholds.discrepancy,
        })
    }

    /// The threat classes, in score order.
    pub fn classes(&self) -> &[ThreatClass] {
        &self.classes
    }

    /// Scores a batch of scans (e.g. all the scans of one tick) in one inference.
    pub fn score(&mut self, images: &[&ScanImage]) -> Result<Vec<ScanScores>, DetectError> {
        if images.is_empty() {
            return Ok(Vec::new());
        }
        let len = self.model.input_len();
        let mut input = vec![0.0f32; len * images.len()];
        for (image, chunk) in images.iter().zip(input.chunks_mut(len)) {
            if image.pixels.len() != len {
                return Err(DetectError::WrongShape {
                    path: self.model.path.clone(),
                    tensor: "the scan".into(),
                    expected: format!("{:?}", self.model.spec.inputs[0].shape),
                    found: format!("{} x {}", image.height, image.width),
                });
            }
            image.write_input(chunk);
        }
        let start = Instant::now();
        let outputs = self.model.run(&input, images.len())?;
        self.metrics.inference_time += start.elapsed();
        self.metrics.inferences += images.len() as u64;
        self.metrics.batches += 1;
        Ok((0..images.len())
            .map(|row| ScanScores {
                threats: outputs.row(self.threat_output, row).to_vec(),
                goods: self.goods_output.map(|o| outputs.row(o, row).to_vec()),
            })
            .collect())
    }

    /// Decides on one item; `declared` is the goods category of its declaration, if any.
    pub fn decide(&self, scores: &ScanScores, declared: Option<GoodsCategory>) -> Verdict {
        let alarms = self
            .classes
            .iter()
            .zip(&scores.threats)
            .zip(&self.thresholds)
            .filter(|((_, score), threshold)| *score >= *threshold)
            .map(|((class, _), _)| *class)
            .collect();
        let discrepancy = match (self.discrepancy, declared) {
            (Some(threshold), Some(declared)) => scores.mismatch(declared).is_some_and(|m| m >= threshold),
            _ => false,
        };
        Verdict { alarms, discrepancy }
    }

    /// Counts a decision against the truth, once it is known (after inspection, or in evaluation).
    pub fn record(&mut self, verdict: &Verdict, truth: ThreatSet, misdeclared: bool) {
        for (class, counts) in &mut self.metrics.per_class {
            counts.record(verdict.alarms.contains(*class), truth.contains(*class));
        }
        if self.discrepancy.is_some() {
            self.metrics.discrepancy.record(verdict.discrepancy, misdeclared);
        }
    }
}
