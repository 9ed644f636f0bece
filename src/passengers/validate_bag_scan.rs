//! Checks advance CT screening of checked bags: the model exists and loads, a threshold in
//! `0..=1` for each of its classes, a pool of scanners, and only bags routed through it.

use std::collections::BTreeMap;

use super::model::{BagScan, PassengerCheck};
use crate::detect::synth::bag::BAG_SIZE;
use super::bag_scan::BAG_BANDS;
use crate::detect::{Model, OperatingTable, RawOperatingTable, ThreatClass, Thresholds, models_dir};
use crate::scenario::model::{Pool, Source, Stage};
use crate::scenario::check::{Checker, reachable_from};

/// Validates what reads a `BagScan` or `CabinScan`: a model (inspected, not loaded: the run
/// loads it) with a threshold per class, or an operating-point table; `None` when it cannot be
/// used.
pub(super) fn check_bag_scan(c: &mut Checker, path: &str, model: &str, raw: &BTreeMap<String, f64>, table: Option<&RawOperatingTable>, has_pool: bool) -> Option<BagScan> {
    if !has_pool {
        c.error(path, "a bag scan needs a pool (the scanners)", Some("add `pool` to the stage"));
    }
    if let Some(table) = table {
        if !raw.is_empty() {
            c.error(
                format!("{path}.table"),
                "a bag scanner reads with a model and thresholds or with a table, not both",
                Some("remove `thresholds` or the `table`"),
            );
        }
        return match OperatingTable::check(table, &ThreatClass::BAG, &BAG_BANDS, false) {
            Ok(table) => Some(BagScan::Table(table)),
            Err(problems) => {
                for (field, message) in problems {
                    c.error(format!("{path}.table.{field}"), message, None);
                }
                None
            }
        };
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
    let name = model;
    let spec = match Model::inspect(&models_dir(), name) {
        Ok(spec) => spec,
        Err(e) => {
            c.error(
                format!("{path}.model"),
                format!("cannot load the image model: {e}"),
                Some("`porttwin doctor` lists the shipped models; PORTTWIN_MODELS points at another models folder"),
            );
            return None;
        }
    };
    if spec.input_len() != BAG_SIZE * BAG_SIZE {
        c.error(
            format!("{path}.model"),
            format!("model \"{name}\" does not take {BAG_SIZE} x {BAG_SIZE} bag scans"),
            Some("bag scans use a bag model such as \"xray_bag\""),
        );
        return None;
    }
    let scored: Vec<ThreatClass> = match spec.classes.get("threats") {
        Some(names) => names.iter().filter_map(|n| n.parse().ok()).collect(),
        None => {
            c.error(
                format!("{path}.model"),
                format!("model \"{name}\" scores no threat classes"),
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
            format!("no threshold for {}, which model \"{name}\" scores", names(&missing)),
            Some(&format!("give a threshold for each of {}", names(&scored))),
        );
    }
    for class in threat.keys().filter(|k| !scored.contains(k)) {
        c.error(
            format!("{path}.thresholds.{class}"),
            format!("model \"{name}\" does not score class \"{class}\""),
            Some(&format!("it scores {}", names(&scored))),
        );
    }
    Some(BagScan::Model {
        model: name.to_string(),
        thresholds: Thresholds { threat, discrepancy: None },
    })
}

/// Travellers must never reach a bag-scan stage: it scans checked bags only.
pub(super) fn check_bags_only(c: &mut Checker, stages: &[Stage], pools: &[Pool], sources: &[Source], checks: &[Option<PassengerCheck>]) {
    let reached = reachable_from(sources.iter().map(|s| s.entry), stages, pools);
    for ((stage, seen), check) in stages.iter().zip(reached).zip(checks) {
        if seen && matches!(check, Some(PassengerCheck::BagScan(_))) {
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
