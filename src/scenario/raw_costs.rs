//! Raw types of the optional `costs` section: what the port's pools cost and what their
//! consequences are worth (docs/scenario.md#costs). Every figure is an input: porttwin has
//! no default prices.

use serde::{Deserialize, Serialize};

use super::ordered_map::OrderedMap;

/// The `costs` section.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCosts {
    /// The currency the figures are in (a label for reports, e.g. `"EUR"`).
    #[serde(default)]
    pub currency: String,
    /// Costs of each pool, by pool name (pools not named cost nothing).
    #[serde(default)]
    pub pools: OrderedMap<RawPoolCost>,
    /// Value of one seizure of each contraband class, by class name (a benefit, reported apart).
    #[serde(default)]
    pub seizure_value: OrderedMap<f64>,
    /// Cost of one minute of a traveller's waiting (queues only, not service or walking).
    #[serde(default)]
    pub waiting_per_traveller_min: f64,
    /// Demurrage: cost of one hour a truck spends in the port (arrival to exit).
    #[serde(default)]
    pub demurrage_per_truck_h: f64,
}

/// What one pool costs.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPoolCost {
    /// Cost of one officer-hour on duty (people's pools only).
    #[serde(default)]
    pub staff_per_hour: f64,
    /// Purchase and installation cost of one server (a machine, a booth), written off over `life_years`.
    #[serde(default)]
    pub capital: f64,
    /// Years over which `capital` is written off (straight line, no interest).
    #[serde(default)]
    pub life_years: Option<f64>,
    /// Running cost of one server-hour on duty (power, maintenance contracts).
    #[serde(default)]
    pub running_per_hour: f64,
    /// Running cost of one service (a scan's consumables, a licence fee per read).
    #[serde(default)]
    pub per_service: f64,
}
