//! The validated `costs` section: prices per pool and per consequence, by id.

/// What a scenario's pools cost and what their consequences are worth.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Costs {
    /// Currency label.
    pub currency: String,
    /// Costs of each pool, by pool id (zero for pools the section does not name).
    pub pools: Vec<PoolCost>,
    /// Value of a seizure, by contraband class name.
    pub seizure_value: Vec<(String, f64)>,
    /// Cost of a traveller-minute of waiting.
    pub waiting_per_traveller_min: f64,
    /// Cost of a truck-hour in the port.
    pub demurrage_per_truck_h: f64,
}

/// What one pool costs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PoolCost {
    /// Per officer-hour on duty.
    pub staff_per_hour: f64,
    /// Capital per server per day (purchase written off over the machine's life).
    pub capital_per_server_day: f64,
    /// Per server-hour on duty.
    pub running_per_hour: f64,
    /// Per service.
    pub per_service: f64,
}
