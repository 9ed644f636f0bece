//! Incidents staged with a key press: a surge of arrivals, a breakdown, a smuggler. Each is
//! staged at the next whole second of simulated time and kept, so the run can be replayed
//! headless by adding the printed list to the scenario's `incidents`.

use crate::detect::ThreatClass;
use crate::scenario::Scenario;
use crate::scenario::incident::{Incident, IncidentKind};
use crate::scenario::layout::Entrance;
use crate::sim::time::{MS_PER_MIN, MS_PER_S, SimTime};

/// Extra arrivals of a staged surge.
const SURGE_COUNT: u32 = 150;
/// Minutes over which they arrive.
const SURGE_SPREAD_MIN: u64 = 10;
/// Minutes a staged breakdown lasts.
const BREAKDOWN_MIN: u64 = 20;

/// Which incident a key stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncidentKey {
    /// A sudden flight: extra arrivals at the first pedestrian source.
    Surge,
    /// One server of the first machine pool (a scanner, e-gates) breaks down; of the first pool
    /// if none is a machine.
    Breakdown,
    /// A smuggler (with drugs) arrives, by truck if the port has a truck source.
    Contraband,
}

fn pedestrian_source(scenario: &Scenario) -> Option<usize> {
    let layout = scenario.layout.as_ref()?;
    layout.entrances.iter().position(|e| matches!(e, Entrance::Area { .. }))
}

fn truck_source(scenario: &Scenario) -> Option<usize> {
    let layout = scenario.layout.as_ref()?;
    layout.entrances.iter().position(|e| matches!(e, Entrance::Lane(_)))
}

/// The incident a key stages at `now` (rounded up to a whole second, so that its printed time
/// replays it exactly), if the scenario has what it needs.
pub fn for_key(key: IncidentKey, scenario: &Scenario, now: SimTime) -> Option<Incident> {
    let at = SimTime(now.0.div_ceil(MS_PER_S) * MS_PER_S);
    let kind = match key {
        IncidentKey::Surge => IncidentKind::Surge {
            source: pedestrian_source(scenario).or(truck_source(scenario))?,
            count: SURGE_COUNT,
            spread: SimTime(SURGE_SPREAD_MIN * MS_PER_MIN),
        },
        IncidentKey::Breakdown => IncidentKind::Breakdown {
            pool: scenario
                .pools
                .iter()
                .position(|p| p.automated)
                .or((!scenario.pools.is_empty()).then_some(0))?,
            servers: 1,
            duration: SimTime(BREAKDOWN_MIN * MS_PER_MIN),
        },
        IncidentKey::Contraband => IncidentKind::Contraband {
            source: truck_source(scenario).or(pedestrian_source(scenario))?,
            items: ThreatClass::Drugs.bit(),
        },
    };
    Some(Incident { at, kind })
}

/// The `incidents` list that replays `staged`, one incident per line.
pub fn replay_list(scenario: &Scenario, staged: &[Incident]) -> String {
    let mut text = String::from("incidents: [\n");
    for incident in staged {
        text.push_str("    ");
        text.push_str(&incident.to_ron(scenario));
        text.push_str(",\n");
    }
    text.push_str("],\n");
    text
}
