//! Checks advance CT screening of checked bags: the model exists and loads, a threshold in
//! `0..=1` for each of its classes, a pool of scanners, and only bags routed through it.

use std::collections::BTreeMap;

use super::Checker;
use super::routing::reachable_from;
use crate::detect::synth::bag::BAG_SIZE;
use crate::detect::{ThreatClass, Thresholds, models_dir, shared_model};
use crate::scenario::model::{BagScan, Check, Pool, Source, Stage};

/// Validates a `BagScan` check; `None` when the model could not be loaded.
pub(super) fn check_bag_scan(c: &mut Checker, path: &str, model: &str, raw: &BTreeMap<String, f64>, has_pool: bool) -> Option<Check> {
    if !has_pool {
        c.error(path, "a bag scan needs a pool (the CT scanners)", Some("add `pool` to the stage"));
    }
    let mut threat = BTreeMap::new();
    for (name, &value) in raw {
        let field = format!("{path}.thresholds.{name}");
        match name.parse::<ThreatClass>() {
            Ok(class) => {
                if c.probability(&field, value, "an alarm threshold") {
                    threat.insert(class, value as f32);
                }
            }
            Err(message) => {
                let known: Vec<_> = ThreatClass::BAG.iter().map(|k| format!("\"{}\"", k.name())).collect();
                c.error(&field, message, Some(&format!("threat classes are: {}", known.join(", "))));
            }
        }
    }
    let model = match shared_model(&models_dir(), model) {
        Ok(model) => model,
        Err(e) => {
            c.error(
                format!("{path}.model"),
                format!("cannot load the image model: {e}"),
                Some("`porttwin doctor` lists the shipped models; PORTTWIN_MODELS points at another models folder"),
            );
            return None;
        }
    };
    if model.input_len() != BAG_SIZE * BAG_SIZE {
        c.error(
            format!("{path}.model"),
            format!("model \"{}\" does not take {BAG_SIZE} x {BAG_SIZE} bag scans", model.name),
            Some("bag scans use a bag model such as \"xray_bag\""),
        );
        return None;
    }
    let scored: Vec<ThreatClass> = match model.spec.classes.get("threats") {
        Some(names) => names.iter().filter_map(|n| n.parse().ok()).collect(),
        None => {
            c.error(
                format!("{path}.model"),
                format!("model \"{}\" scores no threat classes", model.name),
                None,
            );
            return None;
        }
    };
    let names = |classes: &[ThreatClass]| classes.iter().map(|k| format!("\"{}\"", k.name())).collect::<Vec<_>>().join(", ");
    let missing: Vec<ThreatClass> = scored.iter().copied().filter(|k| !raw.contains_key(k.name())).collect();
    if !missing.is_empty() {
        c.error(
            format!("{path}.thresholds"),
            format!("no threshold for {}, which model \"{}\" scores", names(&missing), model.name),
            Some(&format!("give a threshold for each of {}", names(&scored))),
        );
    }
    for class in threat.keys().filter(|k| !scored.contains(k)) {
        c.error(
            format!("{path}.thresholds.{class}"),
            format!("model \"{}\" does not score class \"{class}\"", model.name),
            Some(&format!("it scores {}", names(&scored))),
        );
    }
    Some(Check::BagScan(BagScan {
        model,
        thresholds: Thresholds { threat, discrepancy: None },
    }))
}

/// Travellers must never reach a bag-scan stage: it scans checked bags only.
pub(super) fn check_bags_only(c: &mut Checker, stages: &[Stage], pools: &[Pool], sources: &[Source]) {
    let reached = reachable_from(sources.iter().map(|s| s.entry), stages, pools);
    for (stage, seen) in stages.iter().zip(reached) {
        if seen && matches!(stage.check, Some(Check::BagScan(_))) {
            c.error(
                format!("routing.{}.check", stage.name),
                format!(
                    "travellers can reach stage \"{}\", but a bag scan screens checked bags only",
                    stage.name
                ),
                Some("route bags to it from a source's `bags_entry`, and keep travellers' routes away from it"),
            );
        }
    }
}
