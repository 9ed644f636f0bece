//! The passenger domain during a run: travellers arrive with their hidden truth and bags, its
//! checks apply at service ends, reclaim holds travellers until their bags are on the carousel.

use std::sync::Arc;

use rand::RngExt;
use serde_json::Value;

use super::bag_screening::{scan, stage_readers};
use super::checks::{face_match, search};
use super::model::{PassengerCheck, PassengerModel};
use super::outcomes::PassengerStats;
use super::people::{Bag, Person, Traveller};
use super::screening::{Selection, select};
use super::traveller::Traits;
use super::{API_SELECTED, BAG_FLAGGED, FACE_REJECTED};
use crate::detect::{DetectionMetrics, ScanReader, ThreatClass, ThreatSet};
use crate::scenario::Scenario;
use crate::scenario::model::{StageId, Target};
use crate::sim::agent::{Agent, AgentKey, Mobility};
use crate::sim::agent_map::AgentMap;
use crate::sim::domain::{Arrival, Cx, DomainId, DomainRun, Look, Reach};
use crate::sim::error::RunError;
use crate::sim::rng::{AgentRng, mix64};
use crate::sim::snapshot::{decode, encode};

/// Salt of a traveller's traits stream (drawn once on arrival), apart from their journey stream.
const TRAITS_SALT: u64 = 0x7a11_7500;
/// Salt of the traits stream of a vehicle's or group's occupant (with its place among them).
const OCCUPANT_SALT: u64 = 0x0cc0_9a47;
/// Salt of a bag's journey stream.
const BAG_SALT: u64 = 0xba65_0000;

/// The flag bits the domain sets.
#[derive(Debug, Clone, Copy)]
struct Bits {
    face_rejected: u8,
    bag_flagged: u8,
    api_selected: u8,
}

/// The passenger domain's state in a run.
pub(super) struct PassengerRun {
    model: PassengerModel,
    id: DomainId,
    bits: Bits,
    people: AgentMap<Person>,
    readers: Vec<Option<ScanReader>>,
    stats: PassengerStats,
}

/// What a snapshot saves of the passenger domain: its travellers and bags, its counters, and
/// each bag scanner's tally (models, thresholds and flag bits come from the scenario).
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedPassengers {
    people: AgentMap<Person>,
    stats: PassengerStats,
    scanners: Vec<Option<DetectionMetrics>>,
}

fn contraband_names(bits: u8) -> String {
    let names: Vec<&str> = ThreatSet::from_bits(bits).iter().map(ThreatClass::name).collect();
    names.join(", ")
}

impl PassengerRun {
    /// The state at the start of a run; loads the bag-scan models.
    pub(super) fn new(model: PassengerModel, scenario: &Arc<Scenario>, id: DomainId) -> Result<Self, RunError> {
        let flags = &scenario.flags;
        Ok(Self {
            readers: stage_readers(&model.checks)?,
            bits: Bits {
                face_rejected: flags.own(FACE_REJECTED),
                bag_flagged: flags.own(BAG_FLAGGED),
                api_selected: flags.own(API_SELECTED),
            },
            model,
            id,
            people: AgentMap::default(),
            stats: PassengerStats::default(),
        })
    }

    fn traveller(&mut self, key: AgentKey) -> Option<&mut Traveller> {
        match self.people.get_mut(key)? {
            Person::Traveller(t) => Some(t),
            Person::Bag(_) => None,
        }
    }

    /// The scanner at `stage` has finished with bag `key`: score it and flag it and its owner on alarm.
    fn scan_bag(&mut self, cx: &mut Cx, key: AgentKey, stage: StageId) -> Result<(), RunError> {
        let (Some(reader), Some(Person::Bag(bag))) = (self.readers[stage].as_mut(), self.people.get(key).copied()) else {
            return Ok(());
        };
        let agent = cx.agent(key).expect("scanned bags are live");
        let (id, seed) = (agent.id, agent.seed);
        let name = &cx.scenario().stages[stage].name;
        let (verdict, truth) = scan(reader, seed, bag.contraband, name, cx.now())?;
        let alarm = verdict.is_alarm();
        let bit = self.bits.bag_flagged;
        if alarm {
            cx.agent_mut(key).expect("scanned bags are live").set(bit, true);
        }
        let owner_here = matches!(self.people.get(bag.owner), Some(Person::Traveller(_)));
        let owner = cx.agent_mut(bag.owner).filter(|_| owner_here);
        let in_advance = owner.as_ref().is_some_and(|o| !o.held);
        if let (Some(owner), true) = (owner, alarm) {
            owner.set(bit, true);
        }
        self.stats.bag_scans.scanned(truth, &verdict, in_advance);
        cx.note_at(id, stage, || if alarm { "CT scan ALARM" } else { "CT scan clear" }.into());
        Ok(())
    }

    /// The cabin X-ray at `stage` has finished with traveller `key`: their belongings are
    /// scanned for what they carry; an alarm flags them (`bag_flagged`).
    fn scan_cabin(&mut self, cx: &mut Cx, key: AgentKey, stage: StageId) -> Result<(), RunError> {
        let (Some(reader), Some(Person::Traveller(traveller))) = (self.readers[stage].as_mut(), self.people.get_mut(key)) else {
            return Ok(());
        };
        let agent = cx.agent(key).expect("scanned travellers are live");
        let (id, seed) = (agent.id, agent.seed);
        let name = &cx.scenario().stages[stage].name;
        let (verdict, truth) = scan(reader, seed, traveller.contraband, name, cx.now())?;
        let alarm = verdict.is_alarm();
        traveller.cabin_alarm |= alarm;
        if alarm {
            cx.agent_mut(key).expect("scanned travellers are live").set(self.bits.bag_flagged, true);
        }
        self.stats.cabin_scans.scanned(truth, &verdict, false);
        cx.note_at(id, stage, || if alarm { "cabin X-ray ALARM" } else { "cabin X-ray clear" }.into());
        Ok(())
    }

    /// One of `owner`'s bags, holding `contraband`, is on the carousel: the owner takes it (and what is
    /// in it); a waiting owner with all bags moves on. A bag whose owner has already left is unclaimed.
    fn bag_reached_carousel(&mut self, cx: &mut Cx, owner: AgentKey, contraband: u8) {
        let Some(traveller) = self.traveller(owner) else {
            self.stats.unclaimed(contraband);
            return;
        };
        traveller.contraband |= contraband;
        traveller.bags_pending = traveller.bags_pending.saturating_sub(1);
        let done = traveller.bags_pending == 0;
        if done && cx.agent(owner).is_some_and(|a| a.held) {
            cx.release(owner);
        }
    }
}

impl DomainRun for PassengerRun {
    fn arrive(&mut self, cx: &mut Cx, arrival: Arrival) -> Result<(), RunError> {
        let Arrival {
            source,
            type_id,
            seed,
            staged,
            attributes: recorded,
        } = arrival;
        let scenario = cx.scenario_arc();
        let spec = &scenario.sources[source];
        let traveller_type = &scenario.population.types[type_id];
        let mut traits_rng = AgentRng::new(mix64(seed ^ TRAITS_SALT));
        let mut traits = Traits::draw(traveller_type, &mut traits_rng);
        // A vehicle or group carries what its occupants carry besides what is hidden in it:
        // each occupant's contraband drawn at their own type, from a stream of their own.
        for (place, &occupant) in cx.arriving_occupants().iter().enumerate() {
            let mut occupant_rng = AgentRng::new(mix64(seed ^ OCCUPANT_SALT ^ place as u64));
            traits.contraband |= Traits::draw(&scenario.population.types[occupant], &mut occupant_rng).contraband;
        }
        if let Some(staged) = staged {
            // All of it on them or in cabin bags, none in checked bags.
            traits.contraband = staged;
            traits.bags.iter_mut().for_each(|bag| *bag = 0);
        }
        let selection_draw: f64 = traits_rng.random();
        let mut attributes = recorded.unwrap_or(traits.attributes);
        let mut screened = None;
        if let Some(screening) = self.model.screening.as_ref().filter(|s| s.sources.contains(&source)) {
            self.stats.screened += 1;
            let selection = select(screening, traveller_type, type_id, attributes, selection_draw);
            if let Some(selection) = selection {
                attributes |= 1 << self.bits.api_selected;
                self.stats.selected(selection, traits.contraband != 0);
            }
            screened = Some(selection);
        }
        self.stats.arrived_with(traits.contraband);
        let bags = if spec.bags_entry.is_some() { traits.bags.clone() } else { Vec::new() };
        let in_bags = bags.iter().fold(0u8, |acc, b| acc | b);
        let mut agent = Agent::new(0, self.id, source, type_id, spec.entry, cx.now(), seed);
        agent.attributes = attributes;
        agent.speed_mps = traits.speed_mps;
        let key = cx.admit(agent);
        let id = cx.agent(key).expect("just admitted").id;
        self.people.insert(
            key,
            Person::Traveller(Traveller {
                contraband: traits.contraband & !in_bags,
                impostor: traits.impostor,
                face_attempts: 0,
                bags_pending: bags.len() as u8,
                searched: false,
                cabin_alarm: false,
            }),
        );
        if let Some(staged) = staged.filter(|s| *s != 0) {
            cx.note(id, || format!("staged: carries {}", contraband_names(staged)));
        }
        if let Some(selection) = screened {
            cx.note(id, || match selection {
                None => "screening: not selected (no rule, score under threshold, draw above rate)".into(),
                Some(Selection::Rule(rule)) => format!("screening: SELECTED by rule {}", rule + 1),
                Some(Selection::Score(score)) => format!("screening: SELECTED by risk score {score:.2}"),
                Some(Selection::Random) => "screening: SELECTED by random draw".into(),
            });
        }
        if let Some(bags_entry) = spec.bags_entry {
            for (index, contraband) in bags.into_iter().enumerate() {
                let bag_seed = mix64(seed ^ BAG_SALT ^ index as u64);
                let mut bag = Agent::new(0, self.id, source, type_id, spec.entry, cx.now(), bag_seed);
                bag.mobility = Mobility::Conveyed;
                let bag_key = cx.add_companion(bag);
                self.people.insert(bag_key, Person::Bag(Bag { owner: key, contraband }));
                self.stats.bags_checked += 1;
                cx.send(bag_key, Target::Stage(bags_entry));
            }
        }
        cx.send(key, Target::Stage(spec.entry));
        Ok(())
    }

    fn reach(&mut self, _cx: &mut Cx, key: AgentKey, stage: StageId) -> Result<Reach, RunError> {
        let waits = matches!(self.model.checks[stage], Some(PassengerCheck::Reclaim))
            && matches!(self.people.get(key), Some(Person::Traveller(t)) if t.bags_pending > 0);
        Ok(if waits { Reach::Hold } else { Reach::Pass })
    }

    fn serve(&mut self, cx: &mut Cx, key: AgentKey, stage: StageId) -> Result<(), RunError> {
        match &self.model.checks[stage] {
            Some(PassengerCheck::FaceMatch(params)) => {
                let params = *params;
                let Some(Person::Traveller(traveller)) = self.people.get_mut(key) else { return Ok(()) };
                let agent = cx.agent_mut(key).expect("served agents are live");
                let accepted = face_match(&params, agent, traveller, &mut self.stats);
                agent.set(self.bits.face_rejected, !accepted);
                let id = agent.id;
                cx.note_at(id, stage, || if accepted { "face accepted" } else { "face REJECTED" }.into());
            }
            Some(PassengerCheck::Search { find_probability }) => {
                let find_probability = *find_probability;
                let Some(Person::Traveller(traveller)) = self.people.get_mut(key) else { return Ok(()) };
                let agent = cx.agent_mut(key).expect("served agents are live");
                let found = search(find_probability, agent, traveller, &mut self.stats);
                let id = agent.id;
                cx.note_at(id, stage, || match found {
                    0 => "searched, nothing found".into(),
                    found => format!("searched, SEIZED {}", contraband_names(found)),
                });
            }
            Some(PassengerCheck::BagScan(_)) => self.scan_bag(cx, key, stage)?,
            Some(PassengerCheck::CabinScan(_)) => self.scan_cabin(cx, key, stage)?,
            Some(PassengerCheck::Reclaim) | None => {}
        }
        Ok(())
    }

    fn leave(&mut self, cx: &mut Cx, key: AgentKey, agent: &Agent, balked: bool) -> Result<(), RunError> {
        match self.people.remove(key) {
            Some(Person::Traveller(t)) if !balked => {
                self.stats.left(t.contraband, t.searched, agent.stops, agent.manual_stops);
                if agent.has(self.bits.bag_flagged) && !t.searched {
                    if t.cabin_alarm {
                        self.stats.cabin_scans.flagged_owners_not_searched += 1;
                    } else {
                        self.stats.bag_scans.flagged_owners_not_searched += 1;
                    }
                }
            }
            Some(Person::Bag(bag)) if !balked => {
                cx.digest(&[5, agent.id, cx.now().0]);
                self.stats.bags_delivered += 1;
                self.bag_reached_carousel(cx, bag.owner, bag.contraband);
            }
            _ => {}
        }
        Ok(())
    }

    fn describe(&self, key: AgentKey) -> Option<Value> {
        match self.people.get(key)? {
            Person::Traveller(t) => Some(serde_json::json!({ "checked_bags": t.bags_pending })),
            Person::Bag(_) => None,
        }
    }

    fn summary(&self) -> Value {
        let read_by = |bags: bool| -> Vec<String> {
            let mut names: Vec<String> = self
                .model
                .checks
                .iter()
                .zip(&self.readers)
                .filter(|(check, _)| matches!(check, Some(PassengerCheck::BagScan(_))) == bags && matches!(check, Some(PassengerCheck::BagScan(_) | PassengerCheck::CabinScan(_))))
                .filter_map(|(_, reader)| reader.as_ref().map(ScanReader::decided_by))
                .collect();
            names.dedup();
            names
        };
        let mut summary = self.stats.summary(read_by(true), read_by(false));
        let readers: Vec<&ScanReader> = self.readers.iter().flatten().collect();
        summary.realism = super::realism::realism(&readers, &self.stats.seized);
        serde_json::to_value(summary).unwrap_or(Value::Null)
    }

    fn save(&self) -> Result<Vec<u8>, String> {
        encode(&SavedPassengers {
            people: self.people.clone(),
            stats: self.stats.clone(),
            scanners: self.readers.iter().map(|r| r.as_ref().map(|r| r.metrics().clone())).collect(),
        })
    }

    fn resume(&mut self, state: &[u8]) -> Result<(), String> {
        let saved: SavedPassengers = decode(state)?;
        if saved.scanners.len() != self.readers.len() {
            return Err("the stages changed since the snapshot".into());
        }
        for (reader, metrics) in self.readers.iter_mut().zip(saved.scanners) {
            match (reader, metrics) {
                (Some(reader), Some(metrics)) => *reader.metrics_mut() = metrics,
                (None, None) => {}
                _ => return Err("a stage gained or lost its bag scanner since the snapshot".into()),
            }
        }
        self.people = saved.people;
        self.stats = saved.stats;
        Ok(())
    }

    fn look(&self, key: AgentKey, agent: &Agent) -> Look {
        let Some(Person::Traveller(t)) = self.people.get(key) else {
            return Look::default();
        };
        let bits = self.bits;
        Look {
            intercepted: t.searched,
            flagged: agent.has(bits.api_selected) || agent.has(bits.bag_flagged) || agent.has(bits.face_rejected),
            carries: t.contraband != 0,
        }
    }
}
