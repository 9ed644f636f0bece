//! Arrivals: a new traveller with their hidden truth, advance screening, and checked bags.

use std::sync::Arc;

use rand::{Rng, RngExt};

use super::agent::{Agent, AgentKey, AgentKind};
use super::handoff::MotionRequest;
use super::journal::Step;
use super::network::{ProcessNetwork, RunError};
use super::rng::{AgentRng, mix64};
use crate::detect::ThreatSet;
use crate::metrics::collector::Collector;
use crate::passengers::screening::select;
use crate::passengers::traveller::Traits;
use crate::scenario::model::{FLAG_API_SELECTED, Target};

/// Salt of a traveller's traits stream (drawn once on arrival), apart from their journey stream.
const TRAITS_SALT: u64 = 0x7a11_7500;
/// Salt of a bag's journey stream.
const BAG_SALT: u64 = 0xba65_0000;

impl ProcessNetwork {
    /// A traveller of `source` arrives now, with their bags if the source has a baggage route.
    pub(super) fn spawn(&mut self, source: usize, metrics: &mut Collector) -> Result<(), RunError> {
        self.spawn_carrying(source, None, metrics)
    }

    /// [`ProcessNetwork::spawn`], with contraband `staged` (bits) by an incident when given: a
    /// smuggler carrying it (their other traits drawn as usual), or for a truck source, a
    /// container concealing it behind an ordinary declaration.
    pub(super) fn spawn_carrying(&mut self, source: usize, staged: Option<u8>, metrics: &mut Collector) -> Result<(), RunError> {
        let scenario = Arc::clone(&self.scenario);
        let spec = &scenario.sources[source];
        let rng = &mut self.population[source];
        let type_id = pick(&spec.mix, rng.random());
        let seed = rng.next_u64();
        let traveller = &scenario.population.types[type_id];
        let mut traits_rng = AgentRng::new(mix64(seed ^ TRAITS_SALT));
        let mut traits = Traits::draw(traveller, &mut traits_rng);
        let truck = self.cargo.as_ref().is_some_and(|c| c.is_truck_source(source));
        if let Some(staged) = staged.filter(|_| !truck) {
            // All of it on them or in cabin bags, none in checked bags.
            traits.contraband = staged;
            traits.bags.iter_mut().for_each(|bag| *bag = 0);
        }
        let selection_draw: f64 = traits_rng.random();
        let mut attributes = traits.attributes;
        let mut screened = None;
        if let Some(screening) = scenario.screening.as_ref().filter(|s| s.sources.contains(&source)) {
            metrics.passengers.screened += 1;
            let selection = select(screening, traveller, type_id, attributes, selection_draw);
            if let Some(selection) = selection {
                attributes |= 1 << FLAG_API_SELECTED;
                metrics.passengers.selected(selection, traits.contraband != 0);
            }
            screened = Some(selection);
        }
        metrics.passengers.arrived_with(traits.contraband);
        let bags = if spec.bags_entry.is_some() {
            traits.bags.clone()
        } else {
            Vec::new()
        };
        let in_bags = bags.iter().fold(0u8, |acc, b| acc | b);
        let id = self.next_id();
        let agent = Agent {
            id,
            kind: AgentKind::Traveller,
            type_id,
            attributes,
            stage: spec.entry,
            arrived: self.now,
            queued_at: self.now,
            service_started: self.now,
            speed_mps: traits.speed_mps,
            rng: AgentRng::new(seed),
            identity_seed: seed,
            contraband: traits.contraband & !in_bags,
            impostor: traits.impostor,
            face_attempts: 0,
            bags_pending: bags.len() as u8,
            waiting_for_bags: false,
            stops: 0,
            manual_stops: 0,
            searched: false,
            robot: None,
        };
        let key = self.agents.insert(agent);
        if let Some(cargo) = self.cargo.as_mut().filter(|c| c.is_truck_source(source)) {
            cargo.arrive(key);
            if let Some(staged) = staged {
                cargo.conceal(key, ThreatSet::from_bits(staged));
            }
        }
        metrics.arrived(self.now, id);
        let staged_contraband = staged.unwrap_or(0);
        self.note(
            id,
            Step::Arrived {
                source,
                type_id,
                staged_contraband,
            },
        );
        if let Some(selection) = screened {
            self.note(id, Step::Screened(selection));
        }
        if self.micro {
            self.requests.push(MotionRequest::Enter {
                agent: key,
                source,
                speed_mps: traits.speed_mps,
            });
        }
        if let Some(bags_entry) = spec.bags_entry {
            for (index, contraband) in bags.into_iter().enumerate() {
                let bag = self.bag(key, seed, index as u64, contraband);
                metrics.passengers.bags_checked += 1;
                self.move_to(bag, Target::Stage(bags_entry), metrics)?;
            }
        }
        self.move_to(key, Target::Stage(spec.entry), metrics)
    }

    /// Puts a checked bag of `owner` into the port.
    fn bag(&mut self, owner: AgentKey, owner_seed: u64, index: u64, contraband: u8) -> AgentKey {
        let owner_agent = self.agents.get(owner).expect("the owner was just inserted");
        let seed = mix64(owner_seed ^ BAG_SALT ^ index);
        let bag = Agent {
            id: self.next_agent_id,
            kind: AgentKind::Bag { owner },
            type_id: owner_agent.type_id,
            attributes: 0,
            stage: owner_agent.stage,
            arrived: self.now,
            queued_at: self.now,
            service_started: self.now,
            speed_mps: 1.0,
            rng: AgentRng::new(seed),
            identity_seed: seed,
            contraband,
            impostor: false,
            face_attempts: 0,
            bags_pending: 0,
            waiting_for_bags: false,
            stops: 0,
            manual_stops: 0,
            searched: false,
            robot: None,
        };
        self.next_agent_id += 1;
        self.agents.insert(bag)
    }

    fn next_id(&mut self) -> u64 {
        self.next_agent_id += 1;
        self.next_agent_id - 1
    }
}

/// Index of the weight that `u` (uniform in 0..1) falls in.
fn pick(weights: &[f64], u: f64) -> usize {
    let mut cumulative = 0.0;
    for (i, w) in weights.iter().enumerate() {
        cumulative += w;
        if u < cumulative {
            return i;
        }
    }
    weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
}
