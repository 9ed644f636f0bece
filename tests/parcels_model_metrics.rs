//! The shipped parcel image model reaches its manifest's figures on freshly generated parcel
//! scans (a seed used neither in training, 131, nor for the manifest's held-out figures, 232):
//! each threat class's ROC AUC and detection at 5% false alarms, the discrepancy rule on
//! misdeclared parcels, and the goods accuracy.

use porttwin::detect::roc::{detection_at_far, roc_auc};
use porttwin::detect::{BackendChoice, GoodsCategory, Model, ScanImage, backend, models_dir};
use porttwin::parcels::classes::IMAGE_THREATS;
use porttwin::parcels::dataset::sample;

/// Fresh data.
const SEED: u64 = 333;
/// Fresh scans (about 240 positives per threat class).
const COUNT: usize = 2000;
/// How far a fresh detection rate may stray from the manifest's (sampling error).
const RATE_TOLERANCE: f64 = 0.07;
/// How far a fresh ROC AUC may stray from the manifest's.
const AUC_TOLERANCE: f64 = 0.025;

#[test]
fn parcel_model_matches_its_manifest_on_fresh_scans() {
    let backend = backend(BackendChoice::Auto).unwrap();
    let model = Model::load(backend, &models_dir(), "xray_parcel").unwrap();
    let classes = &model.spec.classes["threats"];
    assert_eq!(
        classes,
        &IMAGE_THREATS.map(|t| t.name().to_string()),
        "the model scores the parcel domain's image classes"
    );
    let goods_names = &model.spec.classes["goods"];
    assert_eq!(
        goods_names,
        &GoodsCategory::ALL.map(|g| g.name().to_string()),
        "goods in porttwin's order"
    );
    let samples: Vec<_> = (0..COUNT).map(|i| sample(SEED, i)).collect();
    let mut threats: Vec<Vec<f32>> = vec![Vec::new(); classes.len()];
    let mut mismatch = Vec::new();
    let mut correct = 0;
    for chunk in samples.chunks(64) {
        let images: Vec<&ScanImage> = chunk.iter().map(|s| &s.image).collect();
        let mut input = vec![0.0f32; model.input_len() * images.len()];
        for (image, slot) in images.iter().zip(input.chunks_mut(model.input_len())) {
            image.write_input(slot);
        }
        let out = model.run(&input, images.len()).unwrap();
        for (row, s) in chunk.iter().enumerate() {
            for (c, scores) in threats.iter_mut().enumerate() {
                scores.push(out.row(0, row)[c]);
            }
            let goods = out.row(1, row);
            mismatch.push(1.0 - goods[s.item.ead.declared_goods.index()]);
            let best = (0..goods.len()).max_by(|&a, &b| goods[a].total_cmp(&goods[b])).unwrap();
            correct += usize::from(best == s.item.truth.goods.index());
        }
    }
    let mut checked = Vec::new();
    for (c, class) in IMAGE_THREATS.iter().enumerate() {
        let labels: Vec<bool> = samples.iter().map(|s| s.item.content.hidden == Some(*class)).collect();
        checked.push((class.name().to_string(), threats[c].clone(), labels));
    }
    let misdeclared: Vec<bool> = samples.iter().map(|s| s.item.misdeclared()).collect();
    checked.push(("misdeclaration".into(), mismatch, misdeclared));
    for (name, scores, labels) in &checked {
        let shipped = &model.spec.metrics[name];
        let auc = roc_auc(scores, labels).unwrap();
        let det = detection_at_far(scores, labels, 0.05).unwrap();
        eprintln!(
            "{name}: AUC {auc:.4} (manifest {:.4}), det@5% {det:.3} (manifest {:.3})",
            shipped.roc_auc, shipped.detection_at_5pct_far
        );
        assert!(
            (auc - shipped.roc_auc).abs() <= AUC_TOLERANCE,
            "{name}: AUC {auc} vs manifest {}",
            shipped.roc_auc
        );
        assert!(
            (det - shipped.detection_at_5pct_far).abs() <= RATE_TOLERANCE,
            "{name}: detection at 5% {det} vs manifest {}",
            shipped.detection_at_5pct_far
        );
        assert!(
            auc > 0.8,
            "{name}: the model ranks parcels holding the class above the others (AUC {auc})"
        );
    }
    let accuracy = correct as f64 / COUNT as f64;
    let shipped = model.spec.summary["goods_accuracy"];
    eprintln!("goods accuracy {accuracy:.4} (manifest {shipped:.4})");
    assert!(
        (accuracy - shipped).abs() <= RATE_TOLERANCE,
        "goods accuracy {accuracy} vs manifest {shipped}"
    );
}
