//! The group and segment KPIs of `summary.json`: `groups.<kind>.<name>` and `segments.<name>`.

use serde::{Deserialize, Serialize};

use super::group_stats::{GroupCollector, GroupStats};
use super::groups::GroupKind;
use super::histogram::Quantiles;
use super::segments::SegmentSummary;
use crate::scenario::Scenario;
use crate::scenario::ordered_map::OrderedMap;

/// The KPIs of one group's agents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupSummary {
    /// Agents that arrived.
    pub arrived: u64,
    /// Agents that completed their journey and left.
    pub served: u64,
    /// Agents that left because a queue was full.
    pub balked: u64,
    /// Agents still in the port at the end.
    pub in_system_at_end: u64,
    /// Time from arrival to exit, seconds.
    pub time_in_system_s: Quantiles,
    /// Total time spent waiting over the journey (every stage's wait), seconds, of agents that left.
    pub wait_s: Quantiles,
    /// Exits in each hour of the run.
    pub throughput_per_hour: Vec<u64>,
    /// Arrivals and waits at each stage with a pool or a check.
    pub stages: OrderedMap<GroupStageSummary>,
    /// Each journey segment.
    pub segments: OrderedMap<SegmentSummary>,
}

/// A group's arrivals and waits at one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupStageSummary {
    /// Agents of the group that reached the stage.
    pub entered: u64,
    /// Their waits there, seconds (of agents whose wait ended).
    pub wait_s: Quantiles,
}

/// The groups of `summary.json`, by kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupsSummary {
    /// Per batch label (a ferry, a flight; batches with the same label are one group).
    pub batch: OrderedMap<GroupSummary>,
    /// Per source.
    pub source: OrderedMap<GroupSummary>,
    /// Per agent type.
    #[serde(rename = "type")]
    pub agent_type: OrderedMap<GroupSummary>,
    /// Per attribute value, `name=true` and `name=false`.
    pub attribute: OrderedMap<GroupSummary>,
    /// Per kind of agent (`travellers`, `trucks`, `parcels`): each domain's headline KPIs.
    #[serde(default)]
    pub kind: OrderedMap<GroupSummary>,
}

impl GroupsSummary {
    /// The groups of one kind.
    pub fn of(&self, kind: GroupKind) -> &OrderedMap<GroupSummary> {
        match kind {
            GroupKind::Batch => &self.batch,
            GroupKind::Source => &self.source,
            GroupKind::Type => &self.agent_type,
            GroupKind::Attribute => &self.attribute,
            GroupKind::AgentKind => &self.kind,
        }
    }

    fn of_mut(&mut self, kind: GroupKind) -> &mut OrderedMap<GroupSummary> {
        match kind {
            GroupKind::Batch => &mut self.batch,
            GroupKind::Source => &mut self.source,
            GroupKind::Type => &mut self.agent_type,
            GroupKind::Attribute => &mut self.attribute,
            GroupKind::AgentKind => &mut self.kind,
        }
    }
}

fn segments(scenario: &Scenario, stats: &[super::segments::SegmentStats]) -> OrderedMap<SegmentSummary> {
    OrderedMap(
        scenario
            .segments
            .iter()
            .zip(stats)
            .map(|(seg, s)| {
                let summary = s.summary(&scenario.stages[seg.from].name, &scenario.stages[seg.to].name);
                (seg.name.clone(), summary)
            })
            .collect(),
    )
}

fn group(scenario: &Scenario, g: &GroupStats) -> GroupSummary {
    GroupSummary {
        arrived: g.arrived,
        served: g.served,
        balked: g.balked,
        in_system_at_end: g.arrived.saturating_sub(g.served + g.balked),
        time_in_system_s: g.time_in_system.summary(),
        wait_s: g.wait.summary(),
        throughput_per_hour: g.exits_per_hour.clone(),
        stages: OrderedMap(
            scenario
                .stages
                .iter()
                .enumerate()
                .filter(|(_, st)| st.pool.is_some() || st.check.is_some())
                .map(|(s, st)| {
                    let summary = GroupStageSummary {
                        entered: g.stage_entered[s],
                        wait_s: g.stage_wait[s].summary(),
                    };
                    (st.name.clone(), summary)
                })
                .collect(),
        ),
        segments: segments(scenario, &g.segments),
    }
}

/// The groups' and the segments' KPIs of a finished run.
pub fn summarise(scenario: &Scenario, collector: &GroupCollector) -> (GroupsSummary, OrderedMap<SegmentSummary>) {
    let mut groups = GroupsSummary::default();
    for ((kind, name), g) in collector.index.names().into_iter().zip(&collector.groups) {
        groups.of_mut(kind).0.push((name, group(scenario, g)));
    }
    (groups, segments(scenario, &collector.segments))
}
