//! Staged incidents, validated: inputs to a run at given simulated times (surges, breakdowns,
//! smugglers, roster changes).
//!
//! They come from the scenario's `incidents` list or, in the viewer, from a key press
//! (recorded with its time, so the run can be replayed headless).

use super::model::{PoolId, Scenario};
use crate::detect::ThreatSet;
use crate::sim::time::SimTime;

/// Index of a source in [`Scenario::sources`].
pub type SourceId = usize;

/// One staged incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Incident {
    /// When it happens.
    pub at: SimTime,
    /// What happens.
    pub kind: IncidentKind,
}

/// What a staged incident does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum IncidentKind {
    /// `count` extra agents of `source` arrive uniformly over `spread`.
    Surge {
        /// Source of the agents.
        source: SourceId,
        /// How many.
        count: u32,
        /// Over how long.
        spread: SimTime,
    },
    /// `servers` servers of `pool` are out of order for `duration`.
    Breakdown {
        /// The pool.
        pool: PoolId,
        /// Servers out of order.
        servers: u32,
        /// Until repaired.
        duration: SimTime,
    },
    /// `pool` staffs `servers` instead of its roster for `duration`, then its roster applies again.
    Staffing {
        /// The pool.
        pool: PoolId,
        /// Servers staffed meanwhile.
        servers: u32,
        /// How long.
        duration: SimTime,
    },
    /// One agent of `source` arrives carrying the contraband classes in `items` (bits of
    /// [`crate::detect::ThreatClass::bit`]).
    Contraband {
        /// Source of the agent.
        source: SourceId,
        /// Contraband bits.
        items: u8,
    },
}

impl Incident {
    /// The incident as a line of the scenario's `incidents` list, e.g.
    /// `Breakdown(at: "08:05:00", pool: "scanner", servers: 1, for_min: 20)`.
    pub fn to_ron(&self, scenario: &Scenario) -> String {
        let at = self.at;
        match self.kind {
            IncidentKind::Surge { source, count, spread } => format!(
                "Surge(at: \"{at}\", source: \"{}\", count: {count}, spread_min: {})",
                scenario.sources[source].name,
                spread.as_secs_f64() / 60.0
            ),
            IncidentKind::Breakdown { pool, servers, duration } => format!(
                "Breakdown(at: \"{at}\", pool: \"{}\", servers: {servers}, for_min: {})",
                scenario.pools[pool].name,
                duration.as_secs_f64() / 60.0
            ),
            IncidentKind::Staffing { pool, servers, duration } => format!(
                "Staffing(at: \"{at}\", pool: \"{}\", servers: {servers}, for_min: {})",
                scenario.pools[pool].name,
                duration.as_secs_f64() / 60.0
            ),
            IncidentKind::Contraband { source, items } => {
                let quoted: Vec<String> = ThreatSet::from_bits(items).iter().map(|c| format!("\"{c}\"")).collect();
                let names = quoted.join(", ");
                format!(
                    "Contraband(at: \"{at}\", source: \"{}\", items: [{names}])",
                    scenario.sources[source].name
                )
            }
        }
    }

    /// A short description for the viewer's panel.
    pub fn describe(&self, scenario: &Scenario) -> String {
        match self.kind {
            IncidentKind::Surge { source, count, spread } => format!(
                "{count} extra arrivals at {} over {:.0} min",
                scenario.sources[source].name,
                spread.as_secs_f64() / 60.0
            ),
            IncidentKind::Breakdown { pool, servers, duration } => format!(
                "{servers} of {} out of order for {:.0} min",
                scenario.pools[pool].name,
                duration.as_secs_f64() / 60.0
            ),
            IncidentKind::Staffing { pool, servers, duration } => format!(
                "{} staffed by {servers} for {:.0} min",
                scenario.pools[pool].name,
                duration.as_secs_f64() / 60.0
            ),
            IncidentKind::Contraband { source, .. } => {
                format!("an arrival of {} conceals contraband", scenario.sources[source].name)
            }
        }
    }
}

/// `scenario` with `staged` incidents added after its own: the scenario that replays a viewed
/// run in which `staged` were staged by key presses.
pub fn replay(scenario: &Scenario, staged: &[Incident]) -> Scenario {
    let mut replay = scenario.clone();
    replay.incidents.extend_from_slice(staged);
    replay.incidents.sort_by_key(|i| i.at);
    replay
}
