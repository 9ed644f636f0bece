//! Checks the cargo section: sources, truth rates, targeting rules and policy, model names
//! (against the model manifest), thresholds, breakdowns, and the cargo checks of stages.

use super::model::{Analysts, CargoCheck, CargoModel, Exam, ImageSource, ScanKind, Scanning};
use super::raw::{RawCargo, RawCargoCheck, RawCargoStageCheck, RawAnalysts, RawDeclCondition, RawExam, RawLane, RawScanImage, RawScanKind, RawScanning, RawTargeting};
use crate::cargo::clearance::lanes::Lane;
use crate::cargo::clearance::rules::{CATEGORY_FIELDS, DeclCondition, NUMERIC_FIELDS, Numeric, TIER_NAMES, parse_category, tier_from_name};
use crate::cargo::clearance::targeting::{Reroute, ScoreSelection, TargetingPolicy, TierPolicy};
use crate::detect::analyst::AnalystParams;
use crate::detect::{OperatingTable, Thresholds};
use super::scanning::DENSITY_BANDS;
use crate::detect::classes::ThreatClass;
use crate::detect::{DetectError, Model};
use crate::detect::manifest::{Manifest, models_dir};
use crate::domains::domain::DomainValidation;
use crate::scenario::model::{Breakdown, StageId};
use crate::scenario::check::Checker;

/// Default speed of trucks between stages, km/h: an assumption within the 10–30 km/h speed
/// limits of port terminals and border-crossing plazas (docs/cargo.md).
const DEFAULT_TRUCK_SPEED_KMH: f64 = 15.0;

/// Checks the `cargo` section and the cargo checks of stages.
pub(super) fn check(v: &mut DomainValidation, raw: Option<&RawCargo>, checks: &[(StageId, &RawCargoStageCheck)]) -> CargoModel {
    let mut by_stage = vec![None; v.stages.len()];
    for (stage, RawCargoStageCheck::Cargo(raw_check)) in checks {
        let path = format!("routing.{}.check", v.stages[*stage].name);
        by_stage[*stage] = Some(check_stage(v.checker, &path, raw_check, v.stages[*stage].pool.is_some()));
    }
    let Some(raw) = raw else {
        v.refuse_checks_without_section(
            checks.iter().map(|(stage, _)| *stage),
            "a cargo check needs a `cargo` section naming the sources whose agents are trucks",
            "add `cargo: (sources: [\"...\"])` (see docs/cargo.md)",
        );
        return CargoModel {
            sources: Vec::new(),
            contraband_rate: None,
            misdeclaration_rate: None,
            targeting: check_targeting(v.checker, &RawTargeting::default()).0,
            risk_model: None,
            block: 1,
            scanning: None,
            checks: by_stage,
            truck_speed_mps: DEFAULT_TRUCK_SPEED_KMH / 3.6,
        };
    };
    let c = &mut *v.checker;
    for (i, name) in raw.sources.iter().enumerate() {
        let names = v.sources.iter().map(|s| s.name.as_str());
        c.find(format!("cargo.sources[{i}]"), "source", name, names);
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
    for (name, b) in raw.breakdowns.iter() {
        let path = format!("cargo.breakdowns.{name}");
        let ok = c.at_least(&format!("{path}.mtbf_h"), b.mtbf_h, 0.0, true, "a mean time between failures")
            & c.at_least(&format!("{path}.mttr_min"), b.mttr_min, 0.0, true, "a mean time to repair");
        match v.pools.iter().position(|p| p.name == *name) {
            Some(p) if ok => {
                v.pools[p].breakdown = Some(Breakdown {
                    mtbf_s: b.mtbf_h * 3600.0,
                    mttr_s: b.mttr_min * 60.0,
                })
            }
            Some(_) => {}
            None => c.error(path, format!("pool \"{name}\" does not exist"), None),
        }
    }
    for (stage, check) in v.stages.iter().zip(&by_stage) {
        if matches!(check, Some(CargoCheck::Scan(..))) && scanning.is_none() {
            c.error(
                format!("routing.{}.check", stage.name),
                "a scan needs a `cargo.scanning` section (the image model and its thresholds)",
                Some("add `scanning: (model: Some(\"xray_container\"), thresholds: {...})` to `cargo`"),
            );
        }
    }
    if raw.truck_speed_kmh.is_some_and(|kmh| !(kmh > 0.0 && kmh <= 130.0)) {
        c.error(
            "cargo.truck_speed_kmh",
            format!("a truck speed must be above 0 and at most 130 km/h (got {})", raw.truck_speed_kmh.unwrap_or(0.0)),
            None,
        );
    }
    CargoModel {
        sources: v.sources_owned.clone(),
        contraband_rate: raw.contraband_rate,
        misdeclaration_rate: raw.misdeclaration_rate,
        targeting,
        risk_model,
        block,
        scanning,
        checks: by_stage,
        truck_speed_mps: raw.truck_speed_kmh.unwrap_or(DEFAULT_TRUCK_SPEED_KMH) / 3.6,
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
        tiers[crate::cargo::clearance::rules::tier_index(tier)] = TierPolicy {
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
    let table = raw.table.as_ref().and_then(|table| {
        if raw.model.is_some() || !raw.thresholds.is_empty() || raw.discrepancy.is_some() {
            c.error(
                format!("{path}.table"),
                "a scanner reads its scans with a model (and thresholds) or with a table, not both",
                Some("remove `model`, `thresholds` and `discrepancy`, or the `table`"),
            );
        }
        match OperatingTable::check(table, &ThreatClass::CONTAINER, &DENSITY_BANDS, true) {
            Ok(table) => Some(table),
            Err(problems) => {
                for (field, message) in problems {
                    c.error(format!("{path}.table.{field}"), message, None);
                }
                None
            }
        }
    });
    Scanning {
        model: raw.model.clone(),
        thresholds: Thresholds {
            threat,
            discrepancy: raw.discrepancy.map(|d| d as f32),
        },
        table,
        portal_image: image_source(raw.portal_image),
    }
}

fn image_source(raw: RawScanImage) -> ImageSource {
    match raw {
        RawScanImage::Synthetic => ImageSource::Synthetic,
        RawScanImage::Physics => ImageSource::Physics,
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
        match Model::inspect(&self.dir, name) {
            Ok(_) => {}
            Err(DetectError::ModelMissing { path: file, .. }) => {
                c.error(path, format!("the file of model \"{name}\" is missing: {}", file.display()), None);
                return false;
            }
            Err(e) => {
                c.error(path, format!("model \"{name}\" cannot be used: {e}"), None);
                return false;
            }
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
fn check_stage(c: &mut Checker, path: &str, raw: &RawCargoCheck, has_pool: bool) -> CargoCheck {
    let prob = |c: &mut Checker, field: &str, v: f64, what: &str| {
        c.probability(&format!("{path}.{field}"), v, what);
    };
    match raw {
        RawCargoCheck::Targeting => CargoCheck::Targeting,
        RawCargoCheck::Scan { kind, image } => CargoCheck::Scan(
            match kind {
                RawScanKind::DriveThrough => ScanKind::DriveThrough,
                RawScanKind::Gantry => ScanKind::Gantry,
                RawScanKind::ShipSide => ScanKind::ShipSide,
                RawScanKind::Mobile => ScanKind::Mobile,
            },
            image_source(*image),
        ),
        RawCargoCheck::Review {
            remote,
            analysts,
            sensitivity,
            false_alarm,
        } => {
            if !has_pool {
                c.error(path, "an image review needs a pool (the analysts)", None);
            }
            match (sensitivity, false_alarm) {
                (Some(sensitivity), false_alarm) => {
                    prob(c, "sensitivity", *sensitivity, "an analyst's sensitivity");
                    let false_alarm = false_alarm.unwrap_or(0.0);
                    prob(c, "false_alarm", false_alarm, "an analyst's false-alarm rate");
                    CargoCheck::Review(Analysts::Flat {
                        sensitivity: *sensitivity,
                        false_alarm,
                    })
                }
                (None, Some(_)) => {
                    c.error(
                        format!("{path}.false_alarm"),
                        "a flat false-alarm rate needs a flat `sensitivity` too",
                        Some("give both (calibrated mode) or neither (modelled analysts)"),
                    );
                    CargoCheck::Review(Analysts::Flat {
                        sensitivity: 0.0,
                        false_alarm: 0.0,
                    })
                }
                (None, None) => CargoCheck::Review(Analysts::Modelled {
                    params: check_analysts(c, &format!("{path}.analysts"), analysts),
                    remote: *remote,
                }),
            }
        }
        RawCargoCheck::Documents { find_probability } => {
            prob(c, "find_probability", *find_probability, "the probability of finding fraud");
            CargoCheck::Documents {
                find_probability: *find_probability,
            }
        }
        RawCargoCheck::Inspect {
            exam,
            find_probability,
            found_time_factor,
            remote,
        } => {
            if let Some(p) = find_probability {
                prob(c, "find_probability", *p, "the probability of finding what is there");
            }
            c.at_least(&format!("{path}.found_time_factor"), *found_time_factor, 0.0, true, "a time factor");
            if !has_pool {
                c.error(path, "an inspection needs a pool (the bays or the remote officers)", None);
            }
            CargoCheck::Inspect {
                exam: match exam {
                    RawExam::TailGate => Exam::TailGate,
                    RawExam::Partial => Exam::Partial,
                    RawExam::FullStrip => Exam::FullStrip,
                    RawExam::ExaminationStation => Exam::ExaminationStation,
                },
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

/// The analysts' parameters: the defaults with the scenario's overrides.
fn check_analysts(c: &mut Checker, path: &str, raw: &RawAnalysts) -> AnalystParams {
    let mut params = AnalystParams::default();
    if let Some(skill) = raw.skill
        && c.at_least(&format!("{path}.skill"), skill, 0.0, true, "a skill factor")
    {
        params.d_prime = params.d_prime.map(|d| d * skill);
        params.d_prime_goods *= skill;
    }
    let shares = [
        ("vigilance_loss", raw.vigilance_loss, &mut params.vigilance_loss as &mut f64),
        ("prevalence_weight", raw.prevalence_weight, &mut params.prevalence_weight),
    ];
    for (field, value, slot) in shares {
        if let Some(v) = value
            && c.probability(&format!("{path}.{field}"), v, "a share between 0 and 1")
        {
            *slot = v;
        }
    }
    let non_negative = [
        ("spread_sd", raw.spread_sd, &mut params.spread_sd as &mut f64),
        ("ai_gain", raw.ai_gain, &mut params.ai_gain),
        ("automation_bias", raw.automation_bias, &mut params.automation_bias),
    ];
    for (field, value, slot) in non_negative {
        if let Some(v) = value
            && c.at_least(&format!("{path}.{field}"), v, 0.0, false, "this parameter")
        {
            *slot = v;
        }
    }
    params
}
