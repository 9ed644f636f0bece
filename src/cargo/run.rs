//! The cargo domain during a run: a truck's declaration is lodged and targeted as it arrives,
//! its stages' checks (targeting, scans read by the image model, analysts, documents,
//! inspections, audits) set its routing flags, and its outcome is counted as it leaves.

use std::sync::Arc;

use serde_json::Value;

use super::clearance::declaration::Fraud;
use super::clearance::lanes::Lane;
use super::consignment::{Consignment, TruthRates};
use super::lodgement::Lodgement;
use super::model::{Analysts, CargoCheck, CargoModel, ImageSource, ScanKind};
use super::outcomes::CargoStats;
use super::{FLAG_DOCUMENT_FINDING, FLAG_REMOTE_ELIGIBLE, FLAG_REVIEW_ALARM, FLAG_SCAN_ALARM, FLAG_SEIZED, inspection, journey, scanning};
use crate::detect::analyst::crew::AiVerdict;
use crate::detect::analyst::{AnalystCrew, AnalystTally};
use crate::detect::physics::model_scan::ModelScanner;
use crate::detect::{Detector, ScanReader, TableDecider, ThreatClass, ThreatSet, models_dir, shared_model};
use crate::sim::rng::stream;
use crate::sim::time::SimTime;
use crate::scenario::Scenario;
use crate::scenario::model::{StageId, Target};
use crate::sim::agent::{Agent, AgentKey};
use crate::sim::agent_map::AgentMap;
use crate::sim::domain::{Arrival, Cx, DomainId, DomainRun, Inference, Look};
use crate::sim::error::RunError;
use crate::sim::rng::{AgentRng, mix64, stream_seed};
use crate::sim::snapshot::{decode, encode};

/// The flag bits the domain sets.
#[derive(Debug, Clone, Copy)]
struct Bits {
    lanes: [u8; 4],
    scan_alarm: u8,
    review_alarm: u8,
    document_finding: u8,
    remote_eligible: u8,
    seized: u8,
}

/// What a snapshot saves of the cargo domain: the seed of its future draws, the lodgement
/// desk's current block, the image model's tally, the consignments in the port and the
/// counters (models, thresholds and flag bits come from the scenario).
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedCargo {
    seed: u64,
    lodgement: super::lodgement::LodgementState,
    image_model: Option<crate::detect::DetectionMetrics>,
    crews: Vec<Option<AnalystCrew>>,
    consignments: AgentMap<Consignment>,
    next_index: u64,
    stats: CargoStats,
}

/// The cargo side of a run.
pub struct CargoRun {
    model: CargoModel,
    id: DomainId,
    seed: u64,
    bits: Bits,
    lodgement: Lodgement,
    reader: Option<ScanReader>,
    /// The drive-through portal at the model's pixel size, built at the first physics scan.
    portal: Option<ModelScanner>,
    /// The analysts of each review stage with modelled analysts, by stage id.
    crews: Vec<Option<AnalystCrew>>,
    consignments: AgentMap<Consignment>,
    next_index: u64,
    /// What clearance has done so far.
    pub stats: CargoStats,
}

impl CargoRun {
    /// The cargo state of a run; loads the risk and image models.
    pub(crate) fn new(model: CargoModel, scenario: &Arc<Scenario>, id: DomainId, seed: u64) -> Result<Self, RunError> {
        let failed = |message: String| RunError::Start {
            domain: "cargo clearance".into(),
            message,
        };
        let load = |name: &str| shared_model(&models_dir(), name).map_err(|e| failed(e.to_string()));
        let risk_model = model.risk_model.as_deref().map(load).transpose()?;
        let reader = match model.scanning.as_ref() {
            Some(scanning) => match (&scanning.table, scanning.model.as_deref()) {
                (Some(table), _) => Some(ScanReader::Table(TableDecider::new(table.clone(), &ThreatClass::CONTAINER))),
                (None, Some(name)) => Some(ScanReader::Model {
                    name: name.to_string(),
                    detector: Detector::new(load(name)?, &scanning.thresholds).map_err(|e| failed(e.to_string()))?,
                }),
                (None, None) => None,
            },
            None => None,
        };
        let rates = TruthRates {
            contraband: model.contraband_rate,
            misdeclaration: model.misdeclaration_rate,
        };
        let flags = &scenario.flags;
        let bits = Bits {
            lanes: Lane::ALL.map(|lane| flags.own(lane.flag())),
            scan_alarm: flags.own(FLAG_SCAN_ALARM),
            review_alarm: flags.own(FLAG_REVIEW_ALARM),
            document_finding: flags.own(FLAG_DOCUMENT_FINDING),
            remote_eligible: flags.own(FLAG_REMOTE_ELIGIBLE),
            seized: flags.own(FLAG_SEIZED),
        };
        let physics = uses_physics(&model);
        if physics && let Some(ScanReader::Model { detector, name }) = &reader {
            scanning::physics_input(detector, name).map_err(failed)?;
        }
        let crews = model
            .checks
            .iter()
            .zip(&scenario.stages)
            .map(|(check, stage)| match check {
                Some(CargoCheck::Review(Analysts::Modelled { params, remote })) => {
                    let size = stage.pool.map_or(1, |p| scenario.pools[p].max_servers() as usize);
                    let mut rng = stream(seed, &format!("cargo/analysts/{}", stage.name));
                    Some(AnalystCrew::new(*params, size, *remote, &ThreatClass::CONTAINER, &mut rng))
                }
                _ => None,
            })
            .collect();
        Ok(Self {
            crews,
            lodgement: Lodgement::new(seed, rates, model.targeting.clone(), risk_model, model.block),
            model,
            id,
            seed,
            bits,
            reader,
            portal: None,
            consignments: AgentMap::default(),
            next_index: 0,
            stats: CargoStats::default(),
        })
    }

    /// The consignment of truck `key`.
    pub fn consignment(&self, key: AgentKey) -> Option<&Consignment> {
        self.consignments.get(key)
    }

    /// Applies a cargo check to truck `key`, updating its routing flags; the error says why the
    /// image model failed.
    fn apply(&mut self, check: CargoCheck, stage: Option<StageId>, now: SimTime, key: AgentKey, agent: &mut Agent) -> Result<(), String> {
        let Some(c) = self.consignments.get_mut(key) else {
            return Ok(());
        };
        let stats = &mut self.stats;
        let bits = self.bits;
        match check {
            CargoCheck::Targeting => {
                for (lane, bit) in Lane::ALL.iter().zip(bits.lanes) {
                    agent.set(bit, *lane == c.decision.lane);
                }
                agent.set(bits.remote_eligible, c.decision.remote_eligible);
                if !c.targeted {
                    stats.decided(c.decision.lane, &c.decision.reason);
                }
                c.targeted = true;
            }
            CargoCheck::Scan(kind, image) => {
                let alarm = match &mut self.reader {
                    Some(reader) => {
                        let (verdict, contrast) = scanning::read(reader, &mut self.portal, self.seed, (kind, image), c)?;
                        stats.contrast_seen(&contrast);
                        c.model_alarm = Some(verdict.is_alarm());
                        c.ai_verdict = Some(AiVerdict {
                            threat: !verdict.alarms.is_empty(),
                            discrepancy: verdict.discrepancy,
                        });
                        verdict.is_alarm()
                    }
                    None => true,
                };
                c.scans += 1;
                stats.controls.scans += 1;
                stats.controls.scan_alarms += alarm as u64;
                agent.set(bits.scan_alarm, alarm);
            }
            CargoCheck::Review(analysts) => {
                let crew = stage.and_then(|s| self.crews[s].as_mut());
                let (alarm, misdescription) = match (analysts, crew) {
                    (Analysts::Flat { sensitivity, false_alarm }, _) => inspection::flat_review(c, sensitivity, false_alarm),
                    (Analysts::Modelled { .. }, Some(crew)) => inspection::analyst_review(c, crew, now),
                    (Analysts::Modelled { .. }, None) => return Err("no analysts at this stage".into()),
                };
                c.review_alarm = Some(alarm);
                c.fraud_found |= misdescription;
                stats.controls.reviews += 1;
                stats.controls.review_alarms += alarm as u64;
                agent.set(bits.review_alarm, alarm);
            }
            CargoCheck::Documents { find_probability } => {
                let found = inspection::documents_find(c, find_probability);
                c.fraud_found |= found;
                stats.controls.document_checks += 1;
                stats.controls.document_findings += found as u64;
                agent.set(bits.document_finding, found);
            }
            CargoCheck::Inspect {
                exam,
                find_probability,
                found_time_factor,
                remote,
            } => {
                if c.pending_finding.is_none() {
                    inspection::start_inspection(c, exam, find_probability, found_time_factor);
                }
                let (threats, misdescription) = c.pending_finding.take().unwrap_or_default();
                for class in threats.iter() {
                    c.found.insert(class);
                }
                c.fraud_found |= misdescription;
                c.inspections += 1;
                if remote {
                    stats.controls.remote_inspections += 1;
                } else {
                    stats.controls.physical_inspections += 1;
                }
                stats.controls.inspections_clean += (threats.is_empty() && !misdescription) as u64;
                agent.set(bits.seized, !c.found.is_empty());
            }
            CargoCheck::Audit { find_probability } => {
                let found = inspection::documents_find(c, find_probability);
                c.fraud_found |= found;
                stats.controls.audits += 1;
                stats.controls.audit_findings += found as u64;
            }
        }
        Ok(())
    }

    /// Applies the check of `stage` to `key` and records its outcome in the journey.
    fn check(&mut self, cx: &mut Cx, key: AgentKey, stage: StageId) -> Result<(), RunError> {
        let Some(check) = self.model.checks[stage] else { return Ok(()) };
        let now = cx.now();
        let agent = cx.agent_mut(key).expect("checked agents are live");
        if let Err(message) = self.apply(check, Some(stage), now, key, agent) {
            let stage = cx.scenario().stages[stage].name.clone();
            return Err(RunError::Check { at: now, stage, message });
        }
        if cx.journaling()
            && let (Some(c), Some(agent)) = (self.consignments.get(key), cx.agent(key))
        {
            let (id, text) = (agent.id, journey::outcome(check, c, agent, self.bits_view()));
            if let Some(text) = text {
                cx.note_at(id, stage, || text);
            }
        }
        Ok(())
    }

    fn bits_view(&self) -> journey::Bits {
        journey::Bits {
            scan_alarm: self.bits.scan_alarm,
            review_alarm: self.bits.review_alarm,
            document_finding: self.bits.document_finding,
            seized: self.bits.seized,
        }
    }

    /// The tally of what read the scans (a model or a table), when something did.
    pub fn image_metrics(&self) -> Option<&crate::detect::DetectionMetrics> {
        self.reader.as_ref().map(ScanReader::metrics)
    }

    /// What the physics scans resolve, when a model reads physics scans (`None` otherwise).
    fn physics_figures(&self) -> Option<super::realism::PhysicsFigures> {
        let physics = uses_physics(&self.model);
        let Some(ScanReader::Model { detector, name }) = &self.reader else { return None };
        if !physics {
            return None;
        }
        let built;
        let scanner = match &self.portal {
            Some(portal) => portal,
            None => {
                let (input, width, height) = scanning::physics_input(detector, name).ok()?;
                built = ModelScanner::new(input, width, height).ok()?;
                &built
            }
        };
        let channels: Vec<String> = scanner.spec.channels.iter().map(|c| format!("{c:?}")).collect();
        Some(super::realism::PhysicsFigures {
            pixel_mm: scanner.spec.pixel_mm,
            input: (scanner.width, scanner.height, channels.join(" + ")),
            steel_penetration_mm: scanner.steel_penetration_mm(),
            contrast: self.stats.contrast_by_class(),
        })
    }
}

impl DomainRun for CargoRun {
    fn arrive(&mut self, cx: &mut Cx, arrival: Arrival) -> Result<(), RunError> {
        let scenario = cx.scenario_arc();
        let spec = &scenario.sources[arrival.source];
        let mut agent = Agent::new(0, self.id, arrival.source, arrival.type_id, spec.entry, cx.now(), arrival.seed);
        agent.speed_mps = self.model.truck_speed_mps;
        let key = cx.admit(agent);
        let index = self.next_index;
        self.next_index += 1;
        self.stats.arrived += 1;
        let (lodged, decision) = self.lodgement.take(index).map_err(|message| RunError::Check {
            at: cx.now(),
            stage: scenario.stages[spec.entry].name.clone(),
            message,
        })?;
        let mut consignment = Consignment::new(self.seed, lodged, decision);
        if let Some(staged) = arrival.staged {
            conceal(&mut consignment, ThreatSet::from_bits(staged));
            let id = cx.agent(key).expect("just admitted").id;
            cx.note(id, || format!("staged: its container hides {}", journey::threat_names(ThreatSet::from_bits(staged))));
        }
        self.consignments.insert(key, consignment);
        cx.send(key, Target::Stage(spec.entry));
        Ok(())
    }

    fn reach(&mut self, cx: &mut Cx, key: AgentKey, stage: StageId) -> Result<crate::sim::domain::Reach, RunError> {
        self.check(cx, key, stage)?;
        Ok(crate::sim::domain::Reach::Pass)
    }

    fn service_factor(&mut self, cx: &mut Cx, key: AgentKey, stage: StageId) -> f64 {
        let Some(c) = self.consignments.get_mut(key) else { return 1.0 };
        match self.model.checks[stage] {
            Some(CargoCheck::Inspect {
                exam,
                find_probability,
                found_time_factor,
                ..
            }) => inspection::start_inspection(c, exam, find_probability, found_time_factor),
            Some(CargoCheck::Review(Analysts::Modelled { .. })) => {
                if let Some(crew) = self.crews[stage].as_mut() {
                    c.analyst = Some(crew.start(cx.now()));
                }
                1.0
            }
            _ => 1.0,
        }
    }

    fn serve(&mut self, cx: &mut Cx, key: AgentKey, stage: StageId) -> Result<(), RunError> {
        self.check(cx, key, stage)
    }

    fn passed_portal(&mut self, cx: &mut Cx, key: AgentKey) -> Result<(), RunError> {
        let now = cx.now();
        let Some(agent) = cx.agent_mut(key) else { return Ok(()) };
        let image = self.model.scanning.as_ref().map_or(ImageSource::Synthetic, |s| s.portal_image);
        if let Err(message) = self.apply(CargoCheck::Scan(ScanKind::DriveThrough, image), None, now, key, agent) {
            let stage = "drive-through portal".into();
            return Err(RunError::Check { at: now, stage, message });
        }
        let agent = cx.agent(key).expect("passing trucks are live");
        let (id, alarm) = (agent.id, agent.has(self.bits.scan_alarm));
        cx.note(id, || if alarm { "drive-through portal: scan ALARM" } else { "drive-through portal: scan clear" }.into());
        Ok(())
    }

    fn leave(&mut self, cx: &mut Cx, key: AgentKey, agent: &Agent, balked: bool) -> Result<(), RunError> {
        if let Some(c) = self.consignments.remove(key)
            && !balked
        {
            self.stats.left(&c, cx.now() - agent.arrived);
        }
        Ok(())
    }

    fn describe(&self, key: AgentKey) -> Option<Value> {
        let d = &self.consignments.get(key)?.lodged.declaration;
        Some(serde_json::json!({
            "declared_goods": d.goods.name(),
            "origin": d.origin,
            "trader": format!("{:?}", d.trader).to_lowercase(),
            "route": format!("{:?}", d.route).to_lowercase(),
            "value_per_kg": d.value_per_kg,
            "weight_kg": d.weight_kg,
            "volume_m3": d.volume_m3,
            "prior_inspections": d.prior_inspections,
            "prior_offences": d.prior_offences,
        }))
    }

    fn summary(&self) -> Value {
        let decided_by = self.reader.as_ref().map(ScanReader::decided_by);
        let mut summary = self.stats.summary(self.image_metrics(), decided_by, self.lodgement.scored);
        let mut tally = AnalystTally::default();
        for crew in self.crews.iter().flatten() {
            tally.add(&crew.tally);
        }
        summary.analysts = self.crews.iter().any(Option::is_some).then(|| tally.summary());
        if summary.controls.scans + summary.controls.reviews > 0 {
            let physics = self.physics_figures();
            summary.realism = Some(super::realism::realism(&summary, self.image_metrics(), physics.as_ref()));
        }
        serde_json::to_value(summary).unwrap_or(Value::Null)
    }

    fn look(&self, key: AgentKey, agent: &Agent) -> Look {
        let hides = self.consignments.get(key).is_some_and(|c| !c.lodged.truth.contraband.is_empty());
        let bits = self.bits;
        Look {
            intercepted: agent.has(bits.seized),
            flagged: agent.has(bits.scan_alarm) || agent.has(bits.review_alarm) || agent.has(bits.document_finding),
            carries: hides,
        }
    }

    fn save(&self) -> Result<Vec<u8>, String> {
        encode(&SavedCargo {
            seed: self.seed,
            lodgement: self.lodgement.save(),
            image_model: self.image_metrics().cloned(),
            crews: self.crews.clone(),
            consignments: self.consignments.clone(),
            next_index: self.next_index,
            stats: self.stats.clone(),
        })
    }

    fn resume(&mut self, state: &[u8]) -> Result<(), String> {
        let saved: SavedCargo = decode(state)?;
        match (&mut self.reader, saved.image_model) {
            (Some(reader), Some(metrics)) => *reader.metrics_mut() = metrics,
            (None, None) => {}
            _ => return Err("the scans gained or lost their image model or table since the snapshot".into()),
        }
        if saved.crews.len() != self.crews.len() || saved.crews.iter().zip(&self.crews).any(|(a, b)| a.is_some() != b.is_some()) {
            return Err("the review stages changed since the snapshot".into());
        }
        self.crews = saved.crews;
        self.seed = saved.seed;
        self.lodgement.resume(saved.lodgement);
        self.consignments = saved.consignments;
        self.next_index = saved.next_index;
        self.stats = saved.stats;
        Ok(())
    }

    fn reseed(&mut self, seed: u64) {
        self.seed = seed;
        self.lodgement.reseed(seed);
        let checks = stream_seed(seed, "cargo/checks");
        self.consignments
            .values_mut()
            .for_each(|c| c.rng = AgentRng::new(mix64(checks ^ c.lodged.index)));
    }

    fn inference(&self) -> Inference {
        let image = self.image_metrics();
        let seconds = image.map_or(0.0, |m| m.inference_time.as_secs_f64()) + self.lodgement.inference_time.as_secs_f64();
        let count = image.map_or(0, |m| m.inferences) + self.lodgement.scored;
        Inference { count, seconds }
    }
}

/// The container of `c` also hides `threats`, which its declaration does not mention (a
/// smuggler staged by an incident): scanners image them and inspections can find them.
fn conceal(c: &mut Consignment, threats: ThreatSet) {
    let lodged = &mut c.lodged;
    for class in threats.iter() {
        lodged.truth.contraband.insert(class);
        lodged.content.threats.insert(class);
    }
    if !threats.is_empty() && lodged.truth.fraud == Fraud::None {
        lodged.truth.fraud = Fraud::Contraband;
    }
}

/// Whether a scanner of `model` reads physics scans (a stage's `Scan(image: Physics)` or the
/// micro portals' `portal_image: Physics`).
fn uses_physics(model: &CargoModel) -> bool {
    model.checks.iter().any(|c| matches!(c, Some(CargoCheck::Scan(_, ImageSource::Physics))))
        || model.scanning.as_ref().is_some_and(|s| s.portal_image == ImageSource::Physics)
}
