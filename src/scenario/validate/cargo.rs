//! Checks the cargo section: sources, truth rates, targeting rules and policy, model names
//! (against the model manifest), thresholds, breakdowns, and the cargo checks of stages.

use super::Checker;
use crate::clearance::lanes::Lane;
use crate::clearance::rules::{CATEGORY_FIELDS, DeclCondition, NUMERIC_FIELDS, Numeric, TIER_NAMES, parse_category, tier_from_name};
use crate::clearance::targeting::{Reroute, ScoreSelection, TargetingPolicy, TierPolicy};
use crate::detect::Thresholds;
use crate::detect::classes::ThreatClass;
use crate::detect::manifest::{Manifest, models_dir};
use crate::scenario::model::{Check, Pool, Source, Stage};
use crate::scenario::model_cargo::{Breakdown, Cargo, CargoCheck, ScanKind, Scanning};
use crate::scenario::raw_cargo::{RawCargo, RawCargoCheck, RawDeclCondition, RawLane, RawScanKind, RawScanning, RawTargeting};

/// Checks the `cargo` section; `stages` are the validated stages (to check their cargo checks).
pub(super) fn check(c: &mut Checker, raw: &RawCargo, sources: &[Source], pools: &[Pool], stages: &[Stage]) -> Cargo {
    let mut cargo_sources = Vec::new();
    for (i, name) in raw.sources.iter().enumerate() {
        let names = sources.iter().map(|s| s.name.as_str());
        if let Some(s) = c.find(format!("cargo.sources[{i}]"), "source", name, names) {
            cargo_sources.push(s);
        }
    }
    if raw.sources.is_empty() {
        c.error("cargo.sources", "cargo needs at least one source whose agents are trucks", None);
    }
    for (field, rate) in [
        ("contraband_rate", raw.contraband_rate),
        ("misdeclaration_rate", raw.misdeclaration_rate),
    ] {
        if let Some(rate) = rate {
            c.probability(&format!("cargo.{field}"), rate, "a rate");
        }
    }
    if raw.contraband_rate.unwrap_or(0.0) + raw.misdeclaration_rate.unwrap_or(0.0) > 1.0 {
        c.error(
            "cargo.misdeclaration_rate",
            "contraband and misdeclaration rates add up to more than 1",
            None,
        );
    }
    let manifest = ManifestCheck::load();
    let (targeting, block) = check_targeting(c, &raw.targeting);
    let risk_model = raw.targeting.risk_model.clone();
    if let Some(name) = &risk_model {
        manifest.model(c, "cargo.targeting.risk_model", name, "risk");
    }
    if raw.targeting.risk_model.is_none() && (raw.targeting.score_threshold.is_some() || raw.targeting.budget.is_some()) {
        c.error(
            "cargo.targeting.risk_model",
            "a score threshold or budget needs a risk model",
            Some("add `risk_model: \"declaration_risk\"`"),
        );
    }
    let scanning = raw.scanning.as_ref().map(|s| check_scanning(c, s, &manifest));
    let mut breakdowns = Vec::new();
    for (name, b) in raw.breakdowns.iter() {
        let path = format!("cargo.breakdowns.{name}");
        let ok = c.at_least(&format!("{path}.mtbf_h"), b.mtbf_h, 0.0, true, "a mean time between failures")
            & c.at_least(&format!("{path}.mttr_min"), b.mttr_min, 0.0, true, "a mean time to repair");
        match pools.iter().position(|p| p.name == *name) {
            Some(p) if ok => breakdowns.push((
                p,
                Breakdown {
                    mtbf_s: b.mtbf_h * 3600.0,
                    mttr_s: b.mttr_min * 60.0,
                },
            )),
            Some(_) => {}
            None => c.error(path, format!("pool \"{name}\" does not exist"), None),
        }
    }
    for stage in stages {
        if matches!(stage.check, Some(Check::Cargo(CargoCheck::Scan(_)))) && scanning.is_none() {
            c.error(
                format!("routing.{}.check", stage.name),
                "a scan needs a `cargo.scanning` section (the image model and its thresholds)",
                Some("add `scanning: (model: Some(\"xray_container\"), thresholds: {...})` to `cargo`"),
            );
        }
    }
    Cargo {
        sources: cargo_sources,
        contraband_rate: raw.contraband_rate,
        misdeclaration_rate: raw.misdeclaration_rate,
        targeting,
        risk_model,
        block,
        scanning,
        breakdowns,
    }
}

/// Every stage with a cargo check needs a `cargo` section.
pub(super) fn check_without_cargo(c: &mut Checker, stages: &[Stage]) {
    for stage in stages {
        if matches!(stage.check, Some(Check::Cargo(_))) {
            c.error(
                format!("routing.{}.check", stage.name),
                "a cargo check needs a `cargo` section naming the sources whose agents are trucks",
                Some("add `cargo: (sources: [\"...\"])` (see docs/cargo.md)"),
            );
        }
    }
}

fn lane(raw: RawLane) -> Lane {
    match raw {
        RawLane::Green => Lane::Green,
        RawLane::Yellow => Lane::Yellow,
        RawLane::Red => Lane::Red,
        RawLane::Blue => Lane::Blue,
    }
}

fn check_targeting(c: &mut Checker, raw: &RawTargeting) -> (TargetingPolicy, usize) {
    let path = "cargo.targeting";
    let rules = raw
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (check_condition(c, &format!("{path}.rules[{i}].when"), &r.when), lane(r.lane)))
        .collect();
    let selection = match (raw.score_threshold, raw.budget) {
        (Some(_), Some(_)) => {
            c.error(format!("{path}.budget"), "give a score threshold or a budget, not both", None);
            None
        }
        (Some(t), None) => {
            c.probability(&format!("{path}.score_threshold"), t, "a score threshold");
            Some(ScoreSelection::Threshold(t))
        }
        (None, Some(share)) => {
            c.probability(&format!("{path}.budget"), share, "an inspection budget (share of declarations)");
            Some(ScoreSelection::Budget { share })
        }
        (None, None) => None,
    };
    c.probability(&format!("{path}.random_rate"), raw.random_rate, "a random selection rate");
    if raw.block < 1 || raw.block > 1_000_000 {
        c.error(
            format!("{path}.block"),
            format!("a lodgement block holds 1 to 1,000,000 declarations (got {})", raw.block),
            None,
        );
    }
    let mut tiers = [TierPolicy::default(); 4];
    for (name, t) in raw.tiers.iter() {
        let tpath = format!("{path}.tiers.{name}");
        let Some(tier) = tier_from_name(name) else {
            c.error(
                tpath,
                format!("unknown trader tier \"{name}\""),
                Some(&format!("tiers are: {}", TIER_NAMES.join(", "))),
            );
            continue;
        };
        if let Some(r) = t.random_rate {
            c.probability(&format!("{tpath}.random_rate"), r, "a random selection rate");
        }
        if let Some(s) = t.score_threshold {
            c.probability(&format!("{tpath}.score_threshold"), s, "a score threshold");
        }
        tiers[crate::clearance::rules::tier_index(tier)] = TierPolicy {
            random_rate: t.random_rate,
            score_threshold: t.score_threshold,
            lane: t.lane.map(lane),
            remote_inspection: t.remote_inspection,
        };
    }
    let reroute = raw
        .reroute
        .iter()
        .enumerate()
        .map(|(i, r)| {
            c.probability(&format!("{path}.reroute[{i}].p"), r.p, "a re-routing probability");
            Reroute {
                from: lane(r.from),
                to: lane(r.to),
                probability: r.p,
            }
        })
        .collect();
    let policy = TargetingPolicy {
        rules,
        selection,
        score_lane: lane(raw.score_lane),
        random_rate: raw.random_rate,
        random_lane: lane(raw.random_lane),
        default_lane: lane(raw.default_lane),
        tiers,
        reroute,
    };
    (policy, raw.block.clamp(1, 1_000_000) as usize)
}

fn check_condition(c: &mut Checker, path: &str, raw: &RawDeclCondition) -> DeclCondition {
    let unknown = |c: &mut Checker, field: &str| {
        c.error(
            path,
            format!("a rule on unknown declaration field \"{field}\""),
            Some(&format!(
                "fields are: {} (with Is) and {} (with Below/Above)",
                CATEGORY_FIELDS.join(", "),
                NUMERIC_FIELDS.join(", ")
            )),
        );
    };
    match raw {
        RawDeclCondition::Is(field, value) => match parse_category(field, value) {
            Ok(category) => DeclCondition::Is(category),
            Err(message) => {
                if CATEGORY_FIELDS.contains(&field.as_str()) {
                    c.error(path, message, None);
                } else {
                    unknown(c, field);
                }
                DeclCondition::All(Vec::new())
            }
        },
        RawDeclCondition::Below(field, x) | RawDeclCondition::Above(field, x) => {
            let Some(numeric) = Numeric::from_name(field) else {
                unknown(c, field);
                return DeclCondition::All(Vec::new());
            };
            if !x.is_finite() {
                c.error(path, format!("the bound must be a finite number (got {x})"), None);
            }
            if matches!(raw, RawDeclCondition::Below(..)) {
                DeclCondition::Below(numeric, *x)
            } else {
                DeclCondition::Above(numeric, *x)
            }
        }
        RawDeclCondition::All(list) | RawDeclCondition::Any(list) => {
            if list.is_empty() {
                c.error(path, "All([...]) and Any([...]) need at least one condition", None);
            }
            let inner = list
                .iter()
                .enumerate()
                .map(|(i, x)| check_condition(c, &format!("{path}[{i}]"), x))
                .collect();
            if matches!(raw, RawDeclCondition::All(_)) {
                DeclCondition::All(inner)
            } else {
                DeclCondition::Any(inner)
            }
        }
        RawDeclCondition::Not(inner) => DeclCondition::Not(Box::new(check_condition(c, path, inner))),
    }
}

fn check_scanning(c: &mut Checker, raw: &RawScanning, manifest: &ManifestCheck) -> Scanning {
    let path = "cargo.scanning";
    let mut threat = std::collections::BTreeMap::new();
    for (name, t) in raw.thresholds.iter() {
        let tpath = format!("{path}.thresholds.{name}");
        match name.parse::<ThreatClass>().ok().filter(|c| ThreatClass::CONTAINER.contains(c)) {
            Some(class) => {
                if c.probability(&tpath, *t, "an alarm threshold") {
                    threat.insert(class, *t as f32);
                }
            }
            None => c.error(
                tpath,
                format!("unknown threat class \"{name}\""),
                Some("container classes are: weapons, drugs, wildlife, live_animals"),
            ),
        }
    }
    if let Some(d) = raw.discrepancy {
        c.probability(&format!("{path}.discrepancy"), d, "a discrepancy threshold");
    }
    if let Some(name) = &raw.model
        && manifest.model(c, &format!("{path}.model"), name, "threats")
    {
        for class in ThreatClass::CONTAINER {
            if !threat.contains_key(&class) {
                c.error(
                    format!("{path}.thresholds"),
                    format!("no alarm threshold for class \"{class}\""),
                    Some("give one threshold per class: weapons, drugs, wildlife, live_animals"),
                );
            }
        }
    }
    Scanning {
        model: raw.model.clone(),
        thresholds: Thresholds {
            threat,
            discrepancy: raw.discrepancy.map(|d| d as f32),
        },
    }
}

/// The model manifest, read once for the checks.
struct ManifestCheck {
    manifest: Result<Manifest, String>,
    dir: std::path::PathBuf,
}

impl ManifestCheck {
    fn load() -> Self {
        let dir = models_dir();
        let manifest = Manifest::load(&dir.join("manifest.ron")).map_err(|e| e.to_string());
        Self { manifest, dir }
    }

    /// Checks that model `name` is in the manifest, its file exists and it has the output `output`.
    fn model(&self, c: &mut Checker, path: &str, name: &str, output: &str) -> bool {
        let manifest = match &self.manifest {
            Ok(m) => m,
            Err(e) => {
                c.error(
                    path,
                    format!("the model manifest cannot be read: {e}"),
                    Some("set PORTTWIN_MODELS to the models folder"),
                );
                return false;
            }
        };
        let Some(spec) = manifest.models.get(name) else {
            c.error(
                path,
                format!("no model named \"{name}\" in {}", self.dir.join("manifest.ron").display()),
                Some(&format!(
                    "models are: {}",
                    manifest.models.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
            );
            return false;
        };
        let file = self.dir.join(&spec.file);
        if !file.is_file() {
            c.error(path, format!("the file of model \"{name}\" is missing: {}", file.display()), None);
            return false;
        }
        if !spec.outputs.iter().any(|o| o.name == output) {
            c.error(
                path,
                format!("model \"{name}\" has no `{output}` output; it cannot be used here"),
                None,
            );
            return false;
        }
        true
    }
}

/// Checks a stage's cargo check.
pub(super) fn check_stage(c: &mut Checker, path: &str, raw: &RawCargoCheck, has_pool: bool) -> CargoCheck {
    let prob = |c: &mut Checker, field: &str, v: f64, what: &str| {
        c.probability(&format!("{path}.{field}"), v, what);
    };
    match raw {
        RawCargoCheck::Targeting => CargoCheck::Targeting,
        RawCargoCheck::Scan { kind } => CargoCheck::Scan(match kind {
            RawScanKind::DriveThrough => ScanKind::DriveThrough,
            RawScanKind::Gantry => ScanKind::Gantry,
            RawScanKind::ShipSide => ScanKind::ShipSide,
            RawScanKind::Mobile => ScanKind::Mobile,
        }),
        RawCargoCheck::Review { sensitivity, false_alarm } => {
            prob(c, "sensitivity", *sensitivity, "an analyst's sensitivity");
            prob(c, "false_alarm", *false_alarm, "an analyst's false-alarm rate");
            if !has_pool {
                c.error(path, "an image review needs a pool (the analysts)", None);
            }
            CargoCheck::Review {
                sensitivity: *sensitivity,
                false_alarm: *false_alarm,
            }
        }
        RawCargoCheck::Documents { find_probability } => {
            prob(c, "find_probability", *find_probability, "the probability of finding fraud");
            CargoCheck::Documents {
                find_probability: *find_probability,
            }
        }
        RawCargoCheck::Inspect {
            find_probability,
            found_time_factor,
            remote,
        } => {
            prob(c, "find_probability", *find_probability, "the probability of finding what is there");
            c.at_least(&format!("{path}.found_time_factor"), *found_time_factor, 0.0, true, "a time factor");
            if !has_pool {
                c.error(path, "an inspection needs a pool (the bays or the remote officers)", None);
            }
            CargoCheck::Inspect {
                find_probability: *find_probability,
                found_time_factor: *found_time_factor,
                remote: *remote,
            }
        }
        RawCargoCheck::Audit { find_probability } => {
            prob(c, "find_probability", *find_probability, "the probability of finding fraud");
            CargoCheck::Audit {
                find_probability: *find_probability,
            }
        }
    }
}
