//! Checks the `parcels` section and the parcel checks of stages: sources, countries and their
//! shares, class rates, the assessment policy, the image model (against the model manifest)
//! and its thresholds.

use std::collections::BTreeMap;

use super::classes::ParcelClass;
use super::item::ParcelStream;
use super::model::{DEFAULT_BATCH, DEFAULT_PARCELS_PER_BAG, ParcelCheck, ParcelScanning, ParcelsModel};
use super::raw::{RawParcelAction, RawParcelCheck, RawParcelCondition, RawParcelScanning, RawParcelStageCheck, RawParcelTargeting, RawParcels};
use super::targeting::{Action, ParcelCondition, ParcelTargeting, RiskScore};
use crate::detect::manifest::models_dir;
use crate::detect::{DetectError, Model, ThreatClass, Thresholds};
use crate::domains::domain::DomainValidation;
use crate::scenario::check::Checker;
use crate::scenario::model::StageId;
use crate::scenario::ordered_map::OrderedMap;

/// Checks the `parcels` section and the parcel checks of stages.
pub(super) fn check(v: &mut DomainValidation, raw: Option<&RawParcels>, checks: &[(StageId, &RawParcelStageCheck)]) -> ParcelsModel {
    let mut by_stage = vec![None; v.stages.len()];
    for (stage, RawParcelStageCheck::Parcel(raw_check)) in checks {
        let path = format!("routing.{}.check", v.stages[*stage].name);
        by_stage[*stage] = Some(check_stage(v.checker, &path, raw_check, v.stages[*stage].pool.is_some()));
    }
    let Some(raw) = raw else {
        v.refuse_checks_without_section(
            checks.iter().map(|(stage, _)| *stage),
            "a parcel check needs a `parcels` section naming the sources whose agents are parcels",
            "add `parcels: (sources: [\"...\"], origins: {...}, destinations: {...})` (see docs/parcels.md)",
        );
        return ParcelsModel {
            sources: Vec::new(),
            parcels_per_bag: DEFAULT_PARCELS_PER_BAG,
            stream: ParcelStream {
                origins: Vec::new(),
                destinations: Vec::new(),
                rates: [0.0; 5],
            },
            targeting: ParcelTargeting::default(),
            scanning: None,
            checks: by_stage,
        };
    };
    let c = &mut *v.checker;
    for (i, name) in raw.sources.iter().enumerate() {
        let names = v.sources.iter().map(|s| s.name.as_str());
        c.find(format!("parcels.sources[{i}]"), "source", name, names);
    }
    if raw.sources.is_empty() {
        c.error("parcels.sources", "parcels needs at least one source whose agents are parcels", None);
    }
    let parcels_per_bag = match raw.parcels_per_bag {
        None => DEFAULT_PARCELS_PER_BAG,
        Some(n) if (1..=100_000).contains(&n) => n as u32,
        Some(n) => {
            c.error("parcels.parcels_per_bag", format!("a bag holds 1 to 100,000 parcels (got {n})"), None);
            DEFAULT_PARCELS_PER_BAG
        }
    };
    let origins = shares(c, "parcels.origins", &raw.origins, "sender countries");
    let destinations = shares(c, "parcels.destinations", &raw.destinations, "recipient countries");
    let mut rates = [0.0; 5];
    for (name, rate) in raw.rates.iter() {
        let path = format!("parcels.rates.{name}");
        match ParcelClass::from_name(name) {
            Some(class) => {
                if c.probability(&path, *rate, "a rate") {
                    rates[class.index()] = *rate;
                }
            }
            None => c.error(path, format!("unknown parcel class \"{name}\""), Some(&class_hint())),
        }
    }
    if rates.iter().sum::<f64>() > 1.0 {
        c.error("parcels.rates", "the class rates add up to more than 1 (a parcel carries at most one class)", None);
    }
    let targeting = check_targeting(c, &raw.targeting, &origins, &destinations);
    let scanning = raw.scanning.as_ref().map(|s| check_scanning(c, s));
    for (stage, check) in v.stages.iter().zip(&by_stage) {
        if matches!(check, Some(ParcelCheck::Xray)) && scanning.is_none() {
            c.error(
                format!("routing.{}.check", stage.name),
                "an X-ray needs a `parcels.scanning` section (the image model and its thresholds)",
                Some("add `scanning: (model: \"xray_parcel\", thresholds: {...})` to `parcels`"),
            );
        }
    }
    ParcelsModel {
        sources: v.sources_owned.clone(),
        parcels_per_bag,
        stream: ParcelStream {
            origins,
            destinations,
            rates,
        },
        targeting,
        scanning,
        checks: by_stage,
    }
}

fn class_hint() -> String {
    let names: Vec<&str> = ParcelClass::ALL.iter().map(|c| c.name()).collect();
    format!("classes are: {}", names.join(", "))
}

/// Countries with shares: at least one, each a probability, summing to 1.
fn shares(c: &mut Checker, path: &str, raw: &OrderedMap<f64>, what: &str) -> Vec<(String, f64)> {
    if raw.is_empty() {
        c.error(path, format!("give at least one of the {what} with its share"), Some("e.g. {\"CN\": 0.8, \"US\": 0.2}"));
    }
    let mut ok = true;
    for (name, share) in raw.iter() {
        ok &= c.probability(&format!("{path}.{name}"), *share, "a share");
    }
    if ok && !raw.is_empty() {
        c.sums_to_one(path, raw.iter().map(|(_, s)| *s), &format!("the shares of {what}"));
    }
    raw.iter().map(|(name, share)| (name.to_string(), *share)).collect()
}

fn country(c: &mut Checker, path: &str, name: &str, countries: &[(String, f64)], what: &str) -> u16 {
    let found = c.find(path.to_string(), what, name, countries.iter().map(|(n, _)| n.as_str()));
    found.unwrap_or(0) as u16
}

fn chapter(c: &mut Checker, path: &str, chapter: i64) -> u8 {
    if !(1..=97).contains(&chapter) {
        c.error(path, format!("an HS chapter is a number from 1 to 97 (got {chapter})"), None);
    }
    chapter.clamp(0, 255) as u8
}

fn check_targeting(c: &mut Checker, raw: &RawParcelTargeting, origins: &[(String, f64)], destinations: &[(String, f64)]) -> ParcelTargeting {
    let path = "parcels.targeting";
    if let Some(limit) = raw.de_minimis_eur {
        c.at_least(&format!("{path}.de_minimis_eur"), limit, 0.0, false, "a de-minimis value");
    }
    let rules = raw
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let condition = check_condition(c, &format!("{path}.rules[{i}].when"), &r.when, origins, destinations);
            let action = match r.action {
                RawParcelAction::Open => Action::Open,
                RawParcelAction::Documents => Action::Documents,
                RawParcelAction::Release => Action::Release,
            };
            (condition, action)
        })
        .collect();
    let score = raw.score.as_ref().map(|s| {
        let spath = format!("{path}.score");
        for (field, w) in [
            ("intercept", s.intercept),
            ("vague", s.vague),
            ("low_value_per_kg", s.low_value_per_kg),
            ("chapter", s.chapter),
            ("origin", s.origin),
        ] {
            if !w.is_finite() {
                c.error(format!("{spath}.{field}"), format!("a weight must be a finite number (got {w})"), None);
            }
        }
        c.at_least(&format!("{spath}.low_value_per_kg_eur"), s.low_value_per_kg_eur, 0.0, false, "a value per kg");
        c.probability(&format!("{spath}.threshold"), s.threshold, "a score threshold");
        RiskScore {
            intercept: s.intercept,
            vague: s.vague,
            low_value_per_kg: s.low_value_per_kg,
            low_value_per_kg_eur: s.low_value_per_kg_eur,
            chapter: s.chapter,
            risky_chapters: s
                .risky_chapters
                .iter()
                .enumerate()
                .map(|(i, ch)| chapter(c, &format!("{spath}.risky_chapters[{i}]"), *ch))
                .collect(),
            origin: s.origin,
            risky_origins: s
                .risky_origins
                .iter()
                .enumerate()
                .map(|(i, o)| country(c, &format!("{spath}.risky_origins[{i}]"), o, origins, "origin"))
                .collect(),
            threshold: s.threshold,
        }
    });
    c.probability(&format!("{path}.random_rate"), raw.random_rate, "a random selection rate");
    ParcelTargeting {
        de_minimis_eur: raw.de_minimis_eur,
        rules,
        score,
        random_rate: raw.random_rate,
    }
}

fn check_condition(
    c: &mut Checker,
    path: &str,
    raw: &RawParcelCondition,
    origins: &[(String, f64)],
    destinations: &[(String, f64)],
) -> ParcelCondition {
    let finite = |c: &mut Checker, x: f64| {
        if !x.is_finite() {
            c.error(path, format!("the bound must be a finite number (got {x})"), None);
        }
        x
    };
    match raw {
        RawParcelCondition::Origin(name) => ParcelCondition::Origin(country(c, path, name, origins, "origin")),
        RawParcelCondition::Destination(name) => ParcelCondition::Destination(country(c, path, name, destinations, "destination")),
        RawParcelCondition::Chapter(ch) => ParcelCondition::Chapter(chapter(c, path, *ch)),
        RawParcelCondition::ValueAbove(x) => ParcelCondition::ValueAbove(finite(c, *x)),
        RawParcelCondition::ValueBelow(x) => ParcelCondition::ValueBelow(finite(c, *x)),
        RawParcelCondition::WeightAbove(x) => ParcelCondition::WeightAbove(finite(c, *x)),
        RawParcelCondition::Vague => ParcelCondition::Vague,
        RawParcelCondition::All(list) | RawParcelCondition::Any(list) => {
            if list.is_empty() {
                c.error(path, "All([...]) and Any([...]) need at least one condition", None);
            }
            let inner = list
                .iter()
                .enumerate()
                .map(|(i, x)| check_condition(c, &format!("{path}[{i}]"), x, origins, destinations))
                .collect();
            if matches!(raw, RawParcelCondition::All(_)) {
                ParcelCondition::All(inner)
            } else {
                ParcelCondition::Any(inner)
            }
        }
        RawParcelCondition::Not(inner) => ParcelCondition::Not(Box::new(check_condition(c, path, inner, origins, destinations))),
    }
}

fn check_scanning(c: &mut Checker, raw: &RawParcelScanning) -> ParcelScanning {
    let path = "parcels.scanning";
    let mut threat = BTreeMap::new();
    for (name, t) in raw.thresholds.iter() {
        let tpath = format!("{path}.thresholds.{name}");
        match name.parse::<ThreatClass>() {
            Ok(class) => {
                if c.probability(&tpath, *t, "an alarm threshold") {
                    threat.insert(class, *t as f32);
                }
            }
            Err(_) => c.error(tpath, format!("unknown threat class \"{name}\""), Some("the parcel model's classes are: weapons, drugs, wildlife")),
        }
    }
    if let Some(d) = raw.discrepancy {
        c.probability(&format!("{path}.discrepancy"), d, "a discrepancy threshold");
    }
    let batch = match raw.batch {
        None => DEFAULT_BATCH,
        Some(n) if (1..=4096).contains(&n) => n as usize,
        Some(n) => {
            c.error(format!("{path}.batch"), format!("a batch holds 1 to 4,096 images (got {n})"), None);
            DEFAULT_BATCH
        }
    };
    check_model(c, &format!("{path}.model"), &raw.model, &threat, raw.discrepancy.is_some());
    ParcelScanning {
        model: raw.model.clone(),
        thresholds: Thresholds {
            threat,
            discrepancy: raw.discrepancy.map(|d| d as f32),
        },
        batch,
    }
}

/// Checks the image model's manifest entry and file, and that the thresholds name exactly its
/// threat classes (and that a discrepancy rule has a `goods` output to read).
fn check_model(c: &mut Checker, path: &str, name: &str, threat: &BTreeMap<ThreatClass, f32>, discrepancy: bool) {
    let spec = match Model::inspect(&models_dir(), name) {
        Ok(spec) => spec,
        Err(DetectError::ModelMissing { path: file, .. }) => {
            c.error(path, format!("the file of model \"{name}\" is missing: {}", file.display()), None);
            return;
        }
        Err(e) => {
            c.error(path, format!("model \"{name}\" cannot be used: {e}"), Some("models are listed in models/manifest.ron"));
            return;
        }
    };
    let Some(classes) = spec.classes.get("threats") else {
        c.error(path, format!("model \"{name}\" has no `threats` output; it cannot read parcel scans"), None);
        return;
    };
    for class in classes {
        if !threat.keys().any(|t| t.name() == class) {
            c.error(
                "parcels.scanning.thresholds",
                format!("no alarm threshold for class \"{class}\""),
                Some(&format!("give one threshold per class of \"{name}\": {}", classes.join(", "))),
            );
        }
    }
    for t in threat.keys() {
        if !classes.iter().any(|class| class == t.name()) {
            c.error(
                format!("parcels.scanning.thresholds.{t}"),
                format!("model \"{name}\" does not score class \"{t}\""),
                Some(&format!("its classes are: {}", classes.join(", "))),
            );
        }
    }
    if discrepancy && !spec.outputs.iter().any(|o| o.name == "goods") {
        c.error("parcels.scanning.discrepancy", format!("model \"{name}\" has no `goods` output to compare with the declared chapter"), None);
    }
}

/// Checks a stage's parcel check.
fn check_stage(c: &mut Checker, path: &str, raw: &RawParcelCheck, has_pool: bool) -> ParcelCheck {
    match raw {
        RawParcelCheck::Assess => ParcelCheck::Assess,
        RawParcelCheck::Xray => ParcelCheck::Xray,
        RawParcelCheck::Open {
            find_probability,
            found_time_factor,
        } => {
            c.probability(&format!("{path}.find_probability"), *find_probability, "the probability of finding what is there");
            c.at_least(&format!("{path}.found_time_factor"), *found_time_factor, 0.0, true, "a time factor");
            if !has_pool {
                c.error(path, "opening a parcel needs a pool (the officers)", None);
            }
            ParcelCheck::Open {
                find_probability: *find_probability,
                found_time_factor: *found_time_factor,
            }
        }
        RawParcelCheck::Documents {
            reply_probability,
            find_probability,
        } => {
            c.probability(&format!("{path}.reply_probability"), *reply_probability, "the probability of an answer");
            c.probability(&format!("{path}.find_probability"), *find_probability, "the probability of finding an undervaluation");
            if !has_pool {
                c.error(path, "a documents check needs a pool (the documents desk)", None);
            }
            ParcelCheck::Documents {
                reply_probability: *reply_probability,
                find_probability: *find_probability,
            }
        }
    }
}
