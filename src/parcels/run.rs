//! The parcel domain during a run: a parcel's advance data and truth are drawn as it arrives,
//! its stages' checks (assessment, belt X-ray read by the image model, opening, documents) set
//! its routing flags, and its outcome is counted as it leaves.

use std::sync::Arc;

use rand::RngExt;
use serde_json::Value;

use super::belt::Belt;
use super::classes::ParcelClass;
use super::item::ParcelItem;
use super::model::{ParcelCheck, ParcelsModel};
use super::outcomes::ParcelStats;
use super::parcel::{Outcome, Parcel};
use super::{DOCUMENTS_REQUIRED, PARCEL_HELD, PARCEL_SEIZED, PARCEL_SELECTED, XRAY_ALARM, journey};
use crate::detect::{Detector, ThreatSet, models_dir, shared_model};
use crate::scenario::Scenario;
use crate::scenario::model::{StageId, Target};
use crate::sim::agent::{Agent, AgentKey, Mobility};
use crate::sim::agent_map::AgentMap;
use crate::sim::domain::{Arrival, Cx, DomainId, DomainRun, Inference, Look, Reach};
use crate::sim::error::RunError;
use crate::sim::rng::{AgentRng, mix64, stream_seed};
use crate::sim::snapshot::{decode, encode};

/// The flag bits the domain sets.
#[derive(Debug, Clone, Copy)]
struct Bits {
    selected: u8,
    documents: u8,
    xray_alarm: u8,
    seized: u8,
    held: u8,
}

/// What a snapshot saves of the parcel domain: the seed of its future draws, the belt's state,
/// the parcels in the centre and the counters (models, thresholds and flag bits come from the
/// scenario).
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedParcels {
    seed: u64,
    belt: Option<super::belt::BeltState>,
    parcels: AgentMap<Parcel>,
    next_index: u64,
    stats: ParcelStats,
}

/// The parcel side of a run.
pub struct ParcelsRun {
    model: ParcelsModel,
    id: DomainId,
    seed: u64,
    bits: Bits,
    belt: Option<Belt>,
    parcels: AgentMap<Parcel>,
    next_index: u64,
    stats: ParcelStats,
}

impl ParcelsRun {
    /// The parcel state of a run; loads the image model.
    pub(crate) fn new(model: ParcelsModel, scenario: &Arc<Scenario>, id: DomainId, seed: u64) -> Result<Self, RunError> {
        let failed = |message: String| RunError::Start {
            domain: "parcels".into(),
            message,
        };
        let belt = match &model.scanning {
            Some(scanning) => {
                let loaded = shared_model(&models_dir(), &scanning.model).map_err(|e| failed(e.to_string()))?;
                let detector = Detector::new(loaded, &scanning.thresholds).map_err(|e| failed(e.to_string()))?;
                Some(Belt::new(detector, scanning.batch, seed, model.stream.clone()))
            }
            None => None,
        };
        let flags = &scenario.flags;
        let bits = Bits {
            selected: flags.own(PARCEL_SELECTED),
            documents: flags.own(DOCUMENTS_REQUIRED),
            xray_alarm: flags.own(XRAY_ALARM),
            seized: flags.own(PARCEL_SEIZED),
            held: flags.own(PARCEL_HELD),
        };
        Ok(Self {
            model,
            id,
            seed,
            bits,
            belt,
            parcels: AgentMap::default(),
            next_index: 0,
            stats: ParcelStats::default(),
        })
    }

    /// Applies a parcel check to parcel `key`, updating its routing flags; the error says why
    /// the image model failed.
    fn apply(&mut self, check: ParcelCheck, key: AgentKey, agent: &mut Agent) -> Result<(), String> {
        let Some(p) = self.parcels.get_mut(key) else {
            return Ok(());
        };
        let (stats, bits) = (&mut self.stats, self.bits);
        match check {
            ParcelCheck::Assess => {
                let random: f64 = p.rng.random();
                let assessment = self.model.targeting.assess(&p.item.ead, random);
                if p.assessment.is_none() {
                    stats.assessed(&assessment);
                }
                p.assessment = Some(assessment);
                agent.set(bits.selected, assessment.open);
                agent.set(bits.documents, assessment.documents);
            }
            ParcelCheck::Xray => {
                let belt = self.belt.as_mut().ok_or("no image model is loaded for the X-ray")?;
                let alarm = belt.read(&p.item, p.staged)?.is_alarm();
                p.xray_alarm = Some(alarm);
                stats.scans += 1;
                stats.scan_alarms += alarm as u64;
                agent.set(bits.xray_alarm, alarm);
            }
            ParcelCheck::Open {
                find_probability,
                found_time_factor,
            } => {
                if p.pending_find.is_none() {
                    p.start_opening(find_probability, found_time_factor);
                }
                let finds = p.pending_find.take().unwrap_or(false);
                p.opened += 1;
                stats.opened += 1;
                if finds && !p.found {
                    p.found = true;
                    stats.opened_found += 1;
                    if p.class() == Some(ParcelClass::UndeclaredValue) {
                        p.held = true;
                    }
                }
                agent.set(bits.seized, p.outcome() == Outcome::Seized);
                agent.set(bits.held, p.held);
            }
            ParcelCheck::Documents {
                reply_probability,
                find_probability,
            } => {
                let (reply, find): (f64, f64) = (p.rng.random(), p.rng.random());
                p.documents_checked = true;
                stats.documents_checks += 1;
                if reply < reply_probability {
                    stats.documents_replies += 1;
                    if p.class() == Some(ParcelClass::UndeclaredValue) && find < find_probability {
                        p.found = true;
                        p.held = true;
                    }
                } else {
                    p.held = true;
                }
                agent.set(bits.held, p.held);
            }
        }
        Ok(())
    }

    /// Applies the check of `stage` to `key` and records its outcome in the journey.
    fn check(&mut self, cx: &mut Cx, key: AgentKey, stage: StageId) -> Result<(), RunError> {
        let Some(check) = self.model.checks[stage] else { return Ok(()) };
        let now = cx.now();
        let agent = cx.agent_mut(key).expect("checked parcels are live");
        if let Err(message) = self.apply(check, key, agent) {
            let stage = cx.scenario().stages[stage].name.clone();
            return Err(RunError::Check { at: now, stage, message });
        }
        if cx.journaling()
            && let (Some(p), Some(agent)) = (self.parcels.get(key), cx.agent(key))
        {
            let (id, text) = (agent.id, journey::outcome(check, p));
            cx.note_at(id, stage, || text);
        }
        Ok(())
    }
}

/// The parcel class a staged incident's threat stands for, if it is one.
fn staged_class(threats: ThreatSet) -> Option<ParcelClass> {
    threats
        .iter()
        .find_map(|t| ParcelClass::ALL.into_iter().find(|c| c.threat() == Some(t)))
}

impl DomainRun for ParcelsRun {
    fn arrive(&mut self, cx: &mut Cx, arrival: Arrival) -> Result<(), RunError> {
        let scenario = cx.scenario_arc();
        let entry = scenario.sources[arrival.source].entry;
        let mut agent = Agent::new(0, self.id, arrival.source, arrival.type_id, entry, cx.now(), arrival.seed);
        agent.mobility = Mobility::Conveyed;
        let key = cx.admit(agent);
        let index = self.next_index;
        self.next_index += 1;
        self.stats.arrived += 1;
        let mut parcel = Parcel::new(self.seed, ParcelItem::draw(self.seed, index, &self.model.stream));
        if let Some(class) = arrival.staged.map(ThreatSet::from_bits).and_then(staged_class) {
            parcel.item.truth.class = Some(class);
            parcel.item.content.hidden = class.threat();
            parcel.staged = true;
        }
        if cx.journaling() {
            let id = cx.agent(key).expect("just admitted").id;
            let text = journey::arrival(&parcel, index / u64::from(self.model.parcels_per_bag), &self.model.stream);
            cx.note(id, || text);
            if parcel.staged {
                let class = parcel.class().map_or("", ParcelClass::name);
                cx.note(id, || format!("staged: it hides {class}"));
            }
        }
        self.parcels.insert(key, parcel);
        cx.send(key, Target::Stage(entry));
        Ok(())
    }

    fn reach(&mut self, cx: &mut Cx, key: AgentKey, stage: StageId) -> Result<Reach, RunError> {
        self.check(cx, key, stage)?;
        Ok(Reach::Pass)
    }

    fn service_factor(&mut self, _cx: &mut Cx, key: AgentKey, stage: StageId) -> f64 {
        let Some(ParcelCheck::Open {
            find_probability,
            found_time_factor,
        }) = self.model.checks[stage]
        else {
            return 1.0;
        };
        self.parcels
            .get_mut(key)
            .map_or(1.0, |p| p.start_opening(find_probability, found_time_factor))
    }

    fn serve(&mut self, cx: &mut Cx, key: AgentKey, stage: StageId) -> Result<(), RunError> {
        self.check(cx, key, stage)
    }

    fn leave(&mut self, cx: &mut Cx, key: AgentKey, agent: &Agent, _balked: bool) -> Result<(), RunError> {
        if let Some(p) = self.parcels.remove(key) {
            let now = cx.now();
            self.stats.left(&p, now, now - agent.arrived);
            if cx.journaling() {
                let outcome = p.outcome().name();
                cx.note(agent.id, || format!("leaves customs control: {outcome}"));
            }
        }
        Ok(())
    }

    fn summary(&self) -> Value {
        let summary = self.stats.summary(self.model.parcels_per_bag, self.belt.as_ref().map(Belt::metrics));
        serde_json::to_value(summary).unwrap_or(Value::Null)
    }

    fn look(&self, key: AgentKey, agent: &Agent) -> Look {
        let bits = self.bits;
        Look {
            intercepted: agent.has(bits.seized) || agent.has(bits.held),
            flagged: agent.has(bits.xray_alarm) || agent.has(bits.selected),
            carries: self.parcels.get(key).is_some_and(|p| p.class().is_some()),
        }
    }

    fn save(&self) -> Result<Vec<u8>, String> {
        encode(&SavedParcels {
            seed: self.seed,
            belt: self.belt.as_ref().map(Belt::save),
            parcels: self.parcels.clone(),
            next_index: self.next_index,
            stats: self.stats.clone(),
        })
    }

    fn resume(&mut self, state: &[u8]) -> Result<(), String> {
        let saved: SavedParcels = decode(state)?;
        match (&mut self.belt, saved.belt) {
            (Some(belt), Some(state)) => belt.resume(state),
            (None, None) => {}
            _ => return Err("the X-ray gained or lost its image model since the snapshot".into()),
        }
        self.seed = saved.seed;
        self.parcels = saved.parcels;
        self.next_index = saved.next_index;
        self.stats = saved.stats;
        Ok(())
    }

    fn reseed(&mut self, seed: u64) {
        self.seed = seed;
        if let Some(belt) = &mut self.belt {
            belt.reseed(seed);
        }
        let checks = stream_seed(seed, "parcels/checks");
        self.parcels
            .values_mut()
            .for_each(|p| p.rng = AgentRng::new(mix64(checks ^ p.item.index)));
    }

    fn inference(&self) -> Inference {
        self.belt.as_ref().map_or_else(Inference::default, |b| Inference {
            count: b.metrics().inferences,
            seconds: b.metrics().inference_time.as_secs_f64(),
        })
    }
}
