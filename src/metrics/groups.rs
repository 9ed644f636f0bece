//! The groups a run's KPIs are broken down by: batch labels (a ferry, a flight), sources,
//! agent types, attribute values and kinds of agent (travellers, trucks, parcels: each
//! domain's own headline KPIs). Which groups an agent is in follows from what it is
//! (no draw); the groups are known from the scenario before the run, so every group has its
//! KPIs in `summary.json` even when nobody of it came.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;
use crate::scenario::model::{Arrivals, SourceId};
use crate::scenario::trace::TraceItem;
use crate::sim::agent::Agent;

/// The groups of a scenario, in summary order: batch labels, sources, types, then each
/// attribute's two values (`name=true`, `name=false`), then the kinds of agent.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GroupIndex {
    /// Distinct labels of the scheduled and traced batches (unlabelled batches have no group).
    pub labels: Vec<String>,
    /// Source names.
    pub sources: Vec<String>,
    /// Agent type names.
    pub types: Vec<String>,
    /// Attribute names.
    pub attributes: Vec<String>,
    /// What each domain's agents are (`travellers`, `trucks`, `parcels`), by domain id, then
    /// `vehicles` when a source brings vehicles or groups with occupants.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Index in `kinds` of `vehicles`, if a source brings vehicles or groups.
    #[serde(default)]
    pub vehicles: Option<usize>,
}

/// The kind-of-agent group of vehicles and groups (a car, a family), counted once each.
pub const VEHICLES: &str = "vehicles";

/// Which kind of grouping a group belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// A batch label.
    Batch,
    /// A source.
    Source,
    /// An agent type.
    Type,
    /// An attribute value.
    Attribute,
    /// A kind of agent (a domain's agents).
    AgentKind,
}

impl GroupIndex {
    /// The groups of `scenario`.
    pub fn new(scenario: &Scenario) -> Self {
        let mut labels: Vec<String> = Vec::new();
        let mut add = |label: &str| {
            if !label.is_empty() && !labels.iter().any(|l| l == label) {
                labels.push(label.to_string());
            }
        };
        for source in &scenario.sources {
            match &source.arrivals {
                Arrivals::Schedule { batches, .. } => batches.iter().for_each(|b| add(&b.label)),
                Arrivals::Trace(trace) => trace.labels.iter().for_each(|l| add(l)),
                Arrivals::Hourly { .. } => {}
            }
        }
        let mut kinds: Vec<String> = scenario
            .domains
            .iter()
            .map(|d| crate::domains::agents_of(d.name()).to_string())
            .collect();
        let vehicles = scenario.sources.iter().any(|s| s.occupants.is_some()).then(|| {
            kinds.push(VEHICLES.to_string());
            kinds.len() - 1
        });
        Self {
            labels,
            sources: scenario.sources.iter().map(|s| s.name.clone()).collect(),
            types: scenario.population.types.iter().map(|t| t.name.clone()).collect(),
            attributes: scenario.population.attributes.clone(),
            kinds,
            vehicles,
        }
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.labels.len() + self.sources.len() + self.types.len() + 2 * self.attributes.len() + self.kinds.len()
    }

    /// True when there are no groups.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The label group of an arrival of `source` from batch `batch` (an index into its
    /// schedule's batches, or into its trace's items).
    pub fn label_of(&self, scenario: &Scenario, source: SourceId, batch: Option<usize>) -> Option<u16> {
        let batch = batch?;
        let label = match &scenario.sources[source].arrivals {
            Arrivals::Schedule { batches, .. } => batches.get(batch).map(|b| b.label.as_str()),
            Arrivals::Trace(trace) => match trace.items.get(batch) {
                Some(&TraceItem::Batch { label, .. }) => trace.labels.get(label as usize).map(String::as_str),
                _ => None,
            },
            Arrivals::Hourly { .. } => None,
        }?;
        self.labels.iter().position(|l| l == label).map(|g| g as u16)
    }

    /// The groups `agent` is in, each with how many people it counts for there: a lone agent
    /// counts 1 everywhere; a vehicle or group counts its occupants in its batch label, source,
    /// attribute values and kind of agent, 1 in each occupant's type, and 1 in its own type and
    /// in `vehicles` (the vehicle itself).
    pub fn groups_of(&self, agent: &Agent) -> impl Iterator<Item = (usize, u64)> + '_ {
        let sources = self.labels.len();
        let types = sources + self.sources.len();
        let attributes = types + self.types.len();
        let kinds = attributes + 2 * self.attributes.len();
        let people = agent.people();
        let kind = (usize::from(agent.domain) < self.kinds.len()).then_some((kinds + usize::from(agent.domain), people));
        let vehicle = self.vehicles.filter(|_| !agent.occupants.is_empty()).map(|v| (kinds + v, 1));
        let bits = agent.attributes;
        let occupant_types: Vec<(usize, u64)> = agent.occupants.iter().map(|&t| (types + t, 1)).collect();
        agent
            .batch_label
            .map(|l| (usize::from(l), people))
            .into_iter()
            .chain([(sources + agent.source, people), (types + agent.type_id, 1)])
            .chain(occupant_types)
            .chain((0..self.attributes.len()).map(move |a| (attributes + 2 * a + usize::from(bits & (1 << a) == 0), people)))
            .chain(kind)
            .chain(vehicle)
    }

    /// Every group's kind and name, in group order.
    pub fn names(&self) -> Vec<(GroupKind, String)> {
        let mut names: Vec<(GroupKind, String)> = Vec::with_capacity(self.len());
        names.extend(self.labels.iter().map(|l| (GroupKind::Batch, l.clone())));
        names.extend(self.sources.iter().map(|s| (GroupKind::Source, s.clone())));
        names.extend(self.types.iter().map(|t| (GroupKind::Type, t.clone())));
        for a in &self.attributes {
            names.push((GroupKind::Attribute, format!("{a}=true")));
            names.push((GroupKind::Attribute, format!("{a}=false")));
        }
        names.extend(self.kinds.iter().map(|k| (GroupKind::AgentKind, k.clone())));
        names
    }
}
