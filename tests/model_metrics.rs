//! The shipped models reach the targets on freshly generated data (a seed used
//! neither in training nor for the manifest's held-out figures), and agree with the manifest.
//!
//! Targets: each container threat class found at least 90% of the time at a 5% false-alarm
//! rate; goods category right at least 85% of the time; misdeclared goods found at least 80%
//! of the time at 5% false alarms; the risk model's top 5% at least 3x as risky as the average.

use porttwin::detect::evaluate::{Evaluation, evaluate};
use porttwin::detect::manifest::ModelSpec;
use porttwin::detect::{BackendChoice, Model, backend, models_dir};

/// Fresh data: not the training seeds (101, 111, 121, 401) nor the held-out seeds (202, 212, 222, 402).
const SEED: u64 = 303;
/// How far a fresh rate may stray from the manifest's (sampling error of ~250 positives per class).
const RATE_TOLERANCE: f64 = 0.06;
/// How far a fresh ROC AUC may stray from the manifest's.
const AUC_TOLERANCE: f64 = 0.02;

fn run(name: &str, count: usize) -> (Evaluation, ModelSpec) {
    let backend = backend(BackendChoice::Auto).unwrap();
    let model = Model::load(backend, &models_dir(), name).unwrap();
    eprintln!("{name} on {}", backend.describe());
    (evaluate(&model, SEED, count).unwrap(), model.spec.clone())
}

fn check_against_manifest(eval: &Evaluation, spec: &ModelSpec) {
    check_within(eval, spec, AUC_TOLERANCE, RATE_TOLERANCE);
}

fn check_within(eval: &Evaluation, spec: &ModelSpec, auc_tolerance: f64, rate_tolerance: f64) {
    for (class, fresh) in &eval.classes {
        let shipped = &spec.metrics[class];
        eprintln!(
            "  {class}: AUC {:.4} ({:.4}), det@5% {:.3} ({:.3})",
            fresh.roc_auc, shipped.roc_auc, fresh.detection_at_5pct_far, shipped.detection_at_5pct_far
        );
        assert!(
            (fresh.roc_auc - shipped.roc_auc).abs() <= auc_tolerance,
            "{class}: AUC {} vs manifest {}",
            fresh.roc_auc,
            shipped.roc_auc
        );
        let drift = (fresh.detection_at_5pct_far - shipped.detection_at_5pct_far).abs();
        assert!(
            drift <= rate_tolerance,
            "{class}: detection at 5% {} vs manifest {}",
            fresh.detection_at_5pct_far,
            shipped.detection_at_5pct_far
        );
    }
}

fn summary(eval: &Evaluation, name: &str) -> f64 {
    eval.summary.iter().find(|(n, _)| n == name).map(|(_, v)| *v).unwrap()
}

#[test]
fn container_model_finds_every_threat_class_and_the_goods() {
    let (eval, spec) = run("xray_container", 2000);
    check_against_manifest(&eval, &spec);
    for (class, m) in &eval.classes {
        let target = if class == "misdeclaration" { 0.80 } else { 0.90 };
        assert!(
            m.detection_at_5pct_far >= target,
            "{class}: {} < {target} at 5% false alarms",
            m.detection_at_5pct_far
        );
    }
    let accuracy = summary(&eval, "goods_accuracy");
    assert!(accuracy >= 0.85, "goods accuracy {accuracy}");
    assert!((accuracy - spec.summary["goods_accuracy"]).abs() <= RATE_TOLERANCE);
}

/// The container model trained on physics scans, on fresh trucks lodged and scanned as the
/// loop scans them (`xray_container_physics`, seed 303; trained on 401, measured on 402): its
/// figures are what the manifest says. No target: physics scans are hard, and the figures are
/// published as measured (docs/detection.md).
///
/// 1,000 trucks (a physics scan costs tens of milliseconds here) give about 125 positives per
/// class; at ROC AUC 0.6-0.7 the standard error of the AUC is then about 0.03 (Hanley & McNeil
/// 1982) and of a detection rate near 0.25 about 0.04, plus the threshold's own error, so the
/// bounds are about two and a half standard errors: 0.08 and 0.12.
#[test]
fn container_physics_model_matches_its_manifest_on_fresh_physics_scans() {
    let (eval, spec) = run("xray_container_physics", 1000);
    check_within(&eval, &spec, 0.08, 0.12);
    let accuracy = summary(&eval, "goods_accuracy");
    eprintln!("  goods accuracy {accuracy:.4} ({:.4})", spec.summary["goods_accuracy"]);
    assert!((accuracy - spec.summary["goods_accuracy"]).abs() <= RATE_TOLERANCE);
}

#[test]
fn bag_model_matches_its_manifest() {
    let (eval, spec) = run("xray_bag", 2000);
    check_against_manifest(&eval, &spec);
}

#[test]
fn risk_model_puts_risky_declarations_in_its_top_5_percent() {
    let (eval, spec) = run("declaration_risk", 40000);
    check_against_manifest(&eval, &spec);
    let lift = summary(&eval, "lift_top_5pct");
    eprintln!("  lift in the top 5%: {lift:.2} ({:.2})", spec.summary["lift_top_5pct"]);
    assert!(lift >= 3.0, "precision in the top 5% is only {lift:.2}x the base rate");
}
