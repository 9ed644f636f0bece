//! The detector scanner facilities use: one batch per tick gives the same scores as one scan
//! at a time, per-class thresholds decide the alarms, the discrepancy rule compares the
//! predicted goods with the declared, and every decision is counted per threat class.

use std::collections::BTreeMap;
use std::sync::Arc;

use porttwin::detect::dataset::{bag_sample, container_sample};
use porttwin::detect::{BackendChoice, Detector, GoodsCategory, Model, ThreatClass, Thresholds, backend, models_dir};

fn model(name: &str) -> Arc<Model> {
    Arc::new(Model::load(backend(BackendChoice::Auto).unwrap(), &models_dir(), name).unwrap())
}

fn thresholds(classes: &[ThreatClass], value: f32, discrepancy: Option<f32>) -> Thresholds {
    Thresholds {
        threat: classes.iter().map(|&c| (c, value)).collect(),
        discrepancy,
    }
}

#[test]
fn a_batch_scores_like_scans_one_by_one() {
    let mut detector = Detector::new(model("xray_bag"), &thresholds(&ThreatClass::BAG, 0.5, None)).unwrap();
    let samples: Vec<_> = (0..12).map(|i| bag_sample(21, i)).collect();
    let images: Vec<_> = samples.iter().map(|s| &s.image).collect();
    let batch = detector.score(&images).unwrap();
    for (i, image) in images.iter().enumerate() {
        let one = detector.score(&[image]).unwrap();
        for (a, b) in one[0].threats.iter().zip(&batch[i].threats) {
            assert!((a - b).abs() < 1e-5, "scan {i}: {a} alone, {b} in the batch");
        }
    }
    assert_eq!(detector.metrics.inferences, 24);
    assert_eq!(detector.metrics.batches, 13);
}

#[test]
fn thresholds_decide_per_class_and_decisions_are_counted() {
    let model = model("xray_container");
    let samples: Vec<_> = (0..40).map(|i| container_sample(22, i)).collect();
    let images: Vec<_> = samples.iter().map(|s| &s.image).collect();
    let mut always = Detector::new(Arc::clone(&model), &thresholds(&ThreatClass::CONTAINER, 0.0, None)).unwrap();
    let mut never = Detector::new(Arc::clone(&model), &thresholds(&ThreatClass::CONTAINER, 1.0, None)).unwrap();
    for (sample, scores) in samples.iter().zip(always.score(&images).unwrap()) {
        let verdict = always.decide(&scores, Some(sample.declared));
        assert_eq!(verdict.alarms.iter().count(), 4);
        assert!(!verdict.discrepancy, "the rule is off");
        always.record(&verdict, sample.content.threats, sample.declared != sample.content.goods);
        let verdict = never.decide(&scores, Some(sample.declared));
        never.record(&verdict, sample.content.threats, false);
    }
    for class in ThreatClass::CONTAINER {
        let counts = always.metrics.class(class).unwrap();
        assert_eq!(counts.detection_rate().unwrap_or(1.0), 1.0);
        assert_eq!(counts.false_negatives + counts.true_negatives, 0);
        assert_eq!(counts.true_positives + counts.false_positives, 40);
        assert_eq!(never.metrics.class(class).unwrap().false_alarm_rate(), Some(0.0));
    }
}

#[test]
fn discrepancy_rule_flags_goods_the_image_contradicts() {
    let model = model("xray_container");
    let detector = Detector::new(model, &thresholds(&ThreatClass::CONTAINER, 1.0, Some(0.9))).unwrap();
    let mut detector = detector;
    let sample = (0..50)
        .map(|i| container_sample(23, i))
        .find(|s| s.content.goods == GoodsCategory::Paper)
        .unwrap();
    let scores = detector.score(&[&sample.image]).unwrap().remove(0);
    assert_eq!(scores.predicted_goods(), Some(GoodsCategory::Paper));
    assert!(!detector.decide(&scores, Some(GoodsCategory::Paper)).is_alarm());
    let verdict = detector.decide(&scores, Some(GoodsCategory::Furniture));
    assert!(verdict.discrepancy && verdict.is_alarm() && verdict.alarms.is_empty());
    detector.record(&verdict, sample.content.threats, true);
    assert_eq!(detector.metrics.discrepancy.true_positives, 1);
}

#[test]
fn thresholds_must_match_the_model() {
    let bag = model("xray_bag");
    let missing = thresholds(&ThreatClass::CONTAINER, 0.5, None);
    let error = Detector::new(Arc::clone(&bag), &missing).unwrap_err().to_string();
    assert!(
        error.contains("xray_bag.onnx") && error.contains("no threshold for class `cash`"),
        "{error}"
    );
    let error = Detector::new(Arc::clone(&bag), &thresholds(&ThreatClass::BAG, 0.5, Some(0.9)))
        .unwrap_err()
        .to_string();
    assert!(error.contains("no `goods` output"), "{error}");
    let mut out_of_range = thresholds(&ThreatClass::BAG, 0.5, None);
    out_of_range.threat.insert(ThreatClass::Drugs, 1.5);
    let error = Detector::new(Arc::clone(&bag), &out_of_range).unwrap_err().to_string();
    assert!(error.contains("outside 0..=1"), "{error}");
    let extra = Thresholds {
        threat: BTreeMap::from([(ThreatClass::Cash, 0.5)]),
        discrepancy: None,
    };
    assert!(Detector::new(model("xray_container"), &extra).is_err());
}
