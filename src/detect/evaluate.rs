//! Measuring a shipped model on freshly generated data, as the manifest's figures were measured.

use super::classes::{GoodsCategory, ThreatClass, ThreatSet};
use super::dataset::{ModelInputSample, bag_sample, container_sample, model_input_sample};
use super::error::DetectError;
use super::image::ScanImage;
use super::manifest::ClassMetrics;
use super::model::Model;
use super::physics::model_scan::ModelScanner;
use super::roc::{detection_at_far, roc_auc, threshold_at_far};
use crate::cargo::clearance::{self, FEATURES};

/// Items per inference during evaluation.
const BATCH: usize = 64;
/// Bounds of the concealment-difficulty bands in the detection table.
pub const DIFFICULTY_BANDS: [(f32, f32); 4] = [(0.0, 0.25), (0.25, 0.5), (0.5, 0.75), (0.75, 1.0)];

/// A model's figures on a fresh set.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Model name.
    pub model: String,
    /// Seed of the set.
    pub seed: u64,
    /// Items in the set.
    pub count: usize,
    /// Ranking metrics per class (threat classes, `misdeclaration`, or `risky`).
    pub classes: Vec<(String, ClassMetrics)>,
    /// Per class of `classes`, in the same order: the score above which at most 5% of the
    /// negatives lie (the operating point a scenario's threshold can quote).
    pub thresholds_at_5pct_far: Vec<f32>,
    /// Other figures: `goods_accuracy`, `base_rate`, `precision_top_5pct`, `lift_top_5pct`.
    pub summary: Vec<(String, f64)>,
    /// Detection at 5% false alarms by concealment difficulty (image models).
    pub by_difficulty: Vec<DifficultyRow>,
    /// Every item's model outputs, concatenated in output order.
    pub scores: Vec<Vec<f32>>,
}

/// Detection rates at the 5% false-alarm threshold of each class, for items in one difficulty band.
#[derive(Debug, Clone)]
pub struct DifficultyRow {
    /// The band, `[low, high)` (the last includes 1).
    pub band: (f32, f32),
    /// Per class: share of positives in the band above the threshold, and their number.
    pub detection: Vec<(ThreatClass, Option<f64>, usize)>,
}

/// Runs `model` on `count` fresh items of seed `seed` (the model's kind is told by its name).
pub fn evaluate(model: &Model, seed: u64, count: usize) -> Result<Evaluation, DetectError> {
    match model.name.as_str() {
        "xray_container" => {
            check_goods_classes(model)?;
            let samples: Vec<_> = (0..count).map(|i| container_sample(seed, i)).collect();
            let images: Vec<&ScanImage> = samples.iter().map(|s| &s.image).collect();
            let truths: Vec<(ThreatSet, f32)> = samples.iter().map(|s| (s.content.threats, s.content.difficulty)).collect();
            let scores = run_all(model, &images)?;
            let mut eval = image_evaluation(model, seed, &ThreatClass::CONTAINER, &truths, scores);
            let goods: Vec<(GoodsCategory, GoodsCategory)> = samples.iter().map(|s| (s.content.goods, s.declared)).collect();
            add_goods_figures(&mut eval, &goods);
            Ok(eval)
        }
        "xray_container_physics" => {
            check_goods_classes(model)?;
            let (samples, images) = physics_samples(model, seed, count)?;
            let refs: Vec<&ScanImage> = images.iter().collect();
            // Physics scans have no difficulty draw: every item sits in the one band.
            let truths: Vec<(ThreatSet, f32)> = samples.iter().map(|s| (s.lodged.truth.contraband, 0.0)).collect();
            let scores = run_all(model, &refs)?;
            let mut eval = image_evaluation(model, seed, &ThreatClass::CONTAINER, &truths, scores);
            eval.by_difficulty.clear();
            let goods: Vec<(GoodsCategory, GoodsCategory)> =
                samples.iter().map(|s| (s.lodged.truth.goods, s.lodged.declaration.goods)).collect();
            add_goods_figures(&mut eval, &goods);
            Ok(eval)
        }
        "xray_bag" => {
            let samples: Vec<_> = (0..count).map(|i| bag_sample(seed, i)).collect();
            let images: Vec<&ScanImage> = samples.iter().map(|s| &s.image).collect();
            let truths: Vec<(ThreatSet, f32)> = samples.iter().map(|s| (s.content.threats, s.content.difficulty)).collect();
            let scores = run_all(model, &images)?;
            Ok(image_evaluation(model, seed, &ThreatClass::BAG, &truths, scores))
        }
        "declaration_risk" => {
            if model.input_len() != FEATURES {
                return Err(DetectError::WrongShape {
                    path: model.path.clone(),
                    tensor: "input `features`".into(),
                    expected: format!("[-1, {FEATURES}]"),
                    found: format!("{:?}", model.spec.inputs[0].shape),
                });
            }
            let all: Vec<_> = (0..count).map(|i| clearance::declaration::generate(seed, i)).collect();
            let mut scores = Vec::with_capacity(count);
            for chunk in all.chunks(1024) {
                let input: Vec<f32> = chunk.iter().flat_map(|(d, _)| clearance::features(d)).collect();
                let out = model.run(&input, chunk.len())?;
                scores.extend((0..chunk.len()).map(|r| out.row(0, r).to_vec()));
            }
            let risk: Vec<f32> = scores.iter().map(|s| s[0]).collect();
            let risky: Vec<bool> = all.iter().map(|(_, t)| t.is_risky()).collect();
            let mut order: Vec<usize> = (0..count).collect();
            order.sort_by(|&a, &b| risk[b].total_cmp(&risk[a]));
            let top = &order[..count / 20];
            let base_rate = risky.iter().filter(|&&r| r).count() as f64 / count as f64;
            let precision = top.iter().filter(|&&i| risky[i]).count() as f64 / top.len().max(1) as f64;
            Ok(Evaluation {
                model: model.name.clone(),
                seed,
                count,
                classes: vec![("risky".into(), class_metrics(&risk, &risky))],
                thresholds_at_5pct_far: vec![threshold_at_far(&risk, &risky, 0.05).unwrap_or(f32::NAN)],
                summary: vec![
                    ("base_rate".into(), base_rate),
                    ("precision_top_5pct".into(), precision),
                    ("lift_top_5pct".into(), precision / base_rate),
                ],
                by_difficulty: Vec::new(),
                scores,
            })
        }
        other => Err(DetectError::Unsupported {
            path: model.path.clone(),
            reason: format!(
                "no evaluation data for model `{other}` (known: xray_container, xray_container_physics, xray_bag, declaration_risk)"
            ),
        }),
    }
}

/// The goods figures of a container model: `misdeclaration` (ranked by `1 - p(declared)`) and
/// `goods_accuracy`, from each item's (true, declared) goods.
fn add_goods_figures(eval: &mut Evaluation, goods: &[(GoodsCategory, GoodsCategory)]) {
    let of = |s: &[f32]| s[ThreatClass::CONTAINER.len()..].to_vec();
    let correct = goods
        .iter()
        .zip(&eval.scores)
        .filter(|((truth, _), s)| argmax(&of(s)) == truth.index())
        .count();
    let mismatch: Vec<f32> = goods
        .iter()
        .zip(&eval.scores)
        .map(|((_, declared), s)| 1.0 - of(s)[declared.index()])
        .collect();
    let misdeclared: Vec<bool> = goods.iter().map(|(truth, declared)| truth != declared).collect();
    eval.classes.push(("misdeclaration".into(), class_metrics(&mismatch, &misdeclared)));
    eval.thresholds_at_5pct_far
        .push(threshold_at_far(&mismatch, &misdeclared, 0.05).unwrap_or(f32::NAN));
    eval.summary
        .push(("goods_accuracy".into(), correct as f64 / goods.len().max(1) as f64));
}

/// `count` fresh trucks of seed `seed` scanned at `model`'s `input` spec, as in the loop.
fn physics_samples(model: &Model, seed: u64, count: usize) -> Result<(Vec<ModelInputSample>, Vec<ScanImage>), DetectError> {
    let bad = |reason: String| DetectError::Unsupported {
        path: model.path.clone(),
        reason,
    };
    let input = model
        .spec
        .input
        .as_ref()
        .ok_or_else(|| bad("no `input` spec in the manifest".into()))?;
    let shape = &model.spec.inputs[0].shape;
    let [_, _, height, width] = shape[..] else {
        return Err(bad(format!("input shaped {shape:?}, not [-1, channels, height, width]")));
    };
    let scanner = ModelScanner::new(input, width.max(1) as usize, height.max(1) as usize).map_err(|e| bad(e.to_string()))?;
    let samples = (0..count)
        .map(|i| model_input_sample(&scanner, seed, i))
        .collect::<Result<Vec<_>, _>>()
        .map_err(bad)?;
    let images = samples.iter().map(|s| s.scan.image.clone()).collect();
    Ok((samples, images))
}

/// Runs every image through the model in batches; returns each item's outputs concatenated.
fn run_all(model: &Model, images: &[&ScanImage]) -> Result<Vec<Vec<f32>>, DetectError> {
    let len = model.input_len();
    let mut scores = Vec::with_capacity(images.len());
    let mut input = Vec::with_capacity(BATCH * len);
    for chunk in images.chunks(BATCH) {
        input.clear();
        input.resize(chunk.len() * len, 0.0);
        for (image, slot) in chunk.iter().zip(input.chunks_mut(len)) {
            image.write_input(slot);
        }
        let out = model.run(&input, chunk.len())?;
        scores.extend((0..chunk.len()).map(|r| {
            (0..out.values.len())
                .flat_map(|o| out.row(o, r).iter().copied())
                .collect::<Vec<f32>>()
        }));
    }
    Ok(scores)
}

fn image_evaluation(model: &Model, seed: u64, classes: &[ThreatClass], truths: &[(ThreatSet, f32)], scores: Vec<Vec<f32>>) -> Evaluation {
    let mut metrics = Vec::new();
    let mut thresholds = Vec::new();
    let mut by_difficulty: Vec<DifficultyRow> = DIFFICULTY_BANDS
        .iter()
        .map(|&band| DifficultyRow {
            band,
            detection: Vec::new(),
        })
        .collect();
    for (i, &class) in classes.iter().enumerate() {
        let s: Vec<f32> = scores.iter().map(|row| row[i]).collect();
        let labels: Vec<bool> = truths.iter().map(|(t, _)| t.contains(class)).collect();
        metrics.push((class.name().to_string(), class_metrics(&s, &labels)));
        let threshold = threshold_at_far(&s, &labels, 0.05).unwrap_or(f32::INFINITY);
        thresholds.push(threshold_at_far(&s, &labels, 0.05).unwrap_or(f32::NAN));
        for row in &mut by_difficulty {
            let (low, high) = row.band;
            let in_band: Vec<f32> = truths
                .iter()
                .zip(&s)
                .filter(|((t, d), _)| t.contains(class) && *d >= low && (*d < high || high >= 1.0))
                .map(|(_, &score)| score)
                .collect();
            let rate = (!in_band.is_empty()).then(|| in_band.iter().filter(|&&x| x > threshold).count() as f64 / in_band.len() as f64);
            row.detection.push((class, rate, in_band.len()));
        }
    }
    Evaluation {
        model: model.name.clone(),
        seed,
        count: truths.len(),
        classes: metrics,
        thresholds_at_5pct_far: thresholds,
        summary: Vec::new(),
        by_difficulty,
        scores,
    }
}

fn class_metrics(scores: &[f32], labels: &[bool]) -> ClassMetrics {
    ClassMetrics {
        roc_auc: roc_auc(scores, labels).unwrap_or(f64::NAN),
        detection_at_1pct_far: detection_at_far(scores, labels, 0.01).unwrap_or(f64::NAN),
        detection_at_5pct_far: detection_at_far(scores, labels, 0.05).unwrap_or(f64::NAN),
    }
}

fn argmax(values: &[f32]) -> usize {
    (0..values.len()).max_by(|&a, &b| values[a].total_cmp(&values[b])).unwrap_or(0)
}

/// Refuses a container model whose goods list differs from [`GoodsCategory::ALL`].
fn check_goods_classes(model: &Model) -> Result<(), DetectError> {
    let matches = model
        .spec
        .classes
        .get("goods")
        .is_some_and(|names| names.iter().map(String::as_str).eq(GoodsCategory::ALL.iter().map(|g| g.name())));
    if matches {
        return Ok(());
    }
    Err(DetectError::Unsupported {
        path: model.path.clone(),
        reason: format!(
            "the manifest's goods classes differ from porttwin's: {}",
            GoodsCategory::ALL.map(|g| g.name()).join(", ")
        ),
    })
}
