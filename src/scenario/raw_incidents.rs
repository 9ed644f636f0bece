//! Raw types of staged incidents: events a trainer injects into a run (a sudden flight,
//! a scanner breakdown, a smuggler, a roster change), written in the scenario's `incidents` list.

use serde::{Deserialize, Serialize};

/// One staged incident, as written in the scenario file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawIncident {
    /// A sudden arrival (an unscheduled flight, a coach): `count` extra agents of `source`,
    /// arriving uniformly over `spread_min` minutes from `at`.
    Surge {
        /// Time of day, `"HH:MM"` or `"HH:MM:SS"` (optionally `"d2 08:00"`).
        at: String,
        /// Name of the source whose agents arrive.
        source: String,
        /// Number of extra agents.
        count: i64,
        /// Minutes over which they arrive.
        #[serde(default)]
        spread_min: f64,
    },
    /// Servers of a pool out of order (a scanner breaks down) for `for_min` minutes.
    Breakdown {
        /// When it breaks down.
        at: String,
        /// Name of the pool.
        pool: String,
        /// Servers out of order.
        #[serde(default = "one")]
        servers: i64,
        /// Minutes until they are repaired.
        for_min: f64,
    },
    /// One agent of `source` (a traveller, or a truck at a truck source) carrying concealed
    /// contraband.
    Contraband {
        /// When it arrives.
        at: String,
        /// Name of the source it arrives from.
        source: String,
        /// Contraband classes it carries: `"weapons"`, `"drugs"`, `"wildlife"`, `"live_animals"`, `"cash"`.
        items: Vec<String>,
    },
    /// A roster change: the pool staffs `servers` instead of its roster for `for_min` minutes
    /// (more officers called in, a lane closed), then its roster applies again.
    Staffing {
        /// When the change takes effect.
        at: String,
        /// Name of the pool.
        pool: String,
        /// Servers staffed meanwhile (0 closes the pool; at most the most its roster staffs).
        servers: i64,
        /// Minutes until the roster applies again.
        for_min: f64,
    },
}

fn one() -> i64 {
    1
}
