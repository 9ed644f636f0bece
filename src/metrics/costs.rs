//! What a run cost: each pool's staff, capital and running costs, the cost of travellers'
//! waiting and trucks' time in the port, and the value of the seizures made, from the prices
//! of the scenario's `costs` section and the run's KPIs (docs/reports.md#costs).

use serde::{Deserialize, Serialize};

use super::group_stats::TRAVELLERS;
use super::groups::VEHICLES;
use super::summary::Summary;
use crate::scenario::costs::Costs;
use crate::scenario::ordered_map::OrderedMap;

/// The kind of agent demurrage is charged on.
const TRUCKS: &str = "trucks";

/// Seconds in a day.
const S_PER_DAY: f64 = 86_400.0;

/// The costs of one pool over the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolCostSummary {
    /// Officer-hours times the staff cost per hour.
    pub staff: f64,
    /// The capital written off over the run: servers (the largest staffed count) times the
    /// capital per server per day times the run's days.
    pub capital: f64,
    /// Server-hours on duty (officer- or machine-hours) times the running cost per hour, plus
    /// services times the cost per service.
    pub running: f64,
    /// The three together.
    pub total: f64,
}

/// One kind of agent's share of a run's costs: each pool's total split by the kinds' arrivals
/// at its stages, plus the kind's own waiting or demurrage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KindCostSummary {
    /// Agents of the kind who left.
    pub served: u64,
    /// Their share of `total`.
    pub cost: f64,
    /// `cost` per agent who left; none when nobody of the kind left.
    pub per_agent: Option<f64>,
}

/// The costs of a run, in `summary.json` under `costs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostSummary {
    /// Currency label of every figure.
    pub currency: String,
    /// Days the figures cover: the scenario's duration (a drain's extra time is not a day more).
    pub days: f64,
    /// Each pool's costs (pools the `costs` section names).
    pub pools: OrderedMap<PoolCostSummary>,
    /// Staff costs of every pool.
    pub staff: f64,
    /// Capital and running costs of every pool (machines and equipment).
    pub equipment: f64,
    /// Staff plus equipment: what the port pays.
    pub operating: f64,
    /// Minutes travellers waited in queues, over the travellers who left.
    pub traveller_wait_min: f64,
    /// Their cost: `traveller_wait_min` times the cost of a traveller-minute.
    pub waiting: f64,
    /// Hours trucks spent in the port (arrival to exit), over the trucks that left.
    pub truck_hours: f64,
    /// Demurrage: `truck_hours` times the cost of a truck-hour.
    pub demurrage: f64,
    /// Operating costs plus waiting and demurrage: what the port's operation costs everyone.
    pub total: f64,
    /// `total` per day.
    pub per_day: f64,
    /// `operating` per day.
    pub operating_per_day: f64,
    /// `total` per agent who left (traveller, truck or parcel); none when nobody left.
    pub per_agent: Option<f64>,
    /// Each kind of agent's share of `total` and its cost per agent who left
    /// (`travellers`, `trucks`, `parcels`; a car's occupants are travellers).
    #[serde(default)]
    pub per_kind: OrderedMap<KindCostSummary>,
    /// The totals of pools no agent reached (nobody to charge them to); with `per_kind` it
    /// makes up `total`.
    #[serde(default)]
    pub unallocated: f64,
    /// `operating` per seizure; none without seizures.
    pub per_seizure: Option<f64>,
    /// Seizures made, every domain and class together.
    pub seizures: u64,
    /// Their value at the scenario's `seizure_value` per class (a benefit, not subtracted above).
    pub seizure_value: f64,
    /// `total` less `seizure_value`, per day.
    pub net_per_day: f64,
}

/// Sum of a group's exact mean times its count (the mean of an empty group is 0).
fn total(mean: f64, count: u64) -> f64 {
    if count == 0 { 0.0 } else { mean * count as f64 }
}

/// The costs of the run `summary` describes, at the prices `costs`.
pub fn summarise(costs: &Costs, summary: &Summary) -> CostSummary {
    let days = summary.duration_s / S_PER_DAY;
    let mut pools = OrderedMap::default();
    for ((name, pool), price) in summary.pools.iter().zip(&costs.pools) {
        if *price == Default::default() {
            continue;
        }
        let services: u64 = summary
            .stages
            .iter()
            .filter(|(_, st)| st.pool.as_deref() == Some(name))
            .map(|(_, st)| st.served)
            .sum();
        let staff = pool.officer_hours * price.staff_per_hour;
        let capital = f64::from(pool.servers_max) * price.capital_per_server_day * days;
        let running = (pool.officer_hours + pool.machine_hours) * price.running_per_hour + services as f64 * price.per_service;
        let summary = PoolCostSummary {
            staff,
            capital,
            running,
            total: staff + capital + running,
        };
        pools.0.push((name.to_string(), summary));
    }
    // `+ 0.0`: the sum of no pools is -0.0, which would print as "-0".
    let staff: f64 = pools.iter().map(|(_, p)| p.staff).sum::<f64>() + 0.0;
    let equipment: f64 = pools.iter().map(|(_, p)| p.capital + p.running).sum::<f64>() + 0.0;
    let operating = staff + equipment;
    let kind = |k: &str| summary.groups.kind.get(k);
    let traveller_wait_min = kind(TRAVELLERS).map_or(0.0, |g| total(g.wait_s.mean, g.served) / 60.0);
    let truck_hours = kind(TRUCKS).map_or(0.0, |g| total(g.time_in_system_s.mean, g.served) / 3600.0);
    let waiting = traveller_wait_min * costs.waiting_per_traveller_min;
    let demurrage = truck_hours * costs.demurrage_per_truck_h;
    let total_cost = operating + waiting + demurrage;
    let seized: Vec<(String, u64)> = summary
        .domains
        .iter()
        .flat_map(|(name, section)| crate::domains::seizures(name, section))
        .collect();
    let seizures: u64 = seized.iter().map(|(_, n)| n).sum();
    let seizure_value: f64 = seized
        .iter()
        .map(|(class, n)| {
            let value = costs.seizure_value.iter().find(|(c, _)| c == class).map_or(0.0, |(_, v)| *v);
            value * *n as f64
        })
        .sum::<f64>()
        + 0.0;
    let per_day = |x: f64| if days > 0.0 { x / days } else { 0.0 };
    let consequence = |kind: &str| match kind {
        TRAVELLERS => waiting,
        TRUCKS => demurrage,
        _ => 0.0,
    };
    let (per_kind, unallocated) = per_kind(summary, &pools, consequence);
    CostSummary {
        per_kind,
        unallocated,
        currency: costs.currency.clone(),
        days,
        pools,
        staff,
        equipment,
        operating,
        traveller_wait_min,
        waiting,
        truck_hours,
        demurrage,
        total: total_cost,
        per_day: per_day(total_cost),
        operating_per_day: per_day(operating),
        per_agent: (summary.served > 0).then(|| total_cost / summary.served as f64),
        per_seizure: (seizures > 0).then(|| operating / seizures as f64),
        seizures,
        seizure_value,
        net_per_day: per_day(total_cost - seizure_value),
    }
}

/// Splits each pool's total between the kinds of agent (not `vehicles`: a car's costs are its
/// occupants') in proportion to their arrivals at the pool's stages, and adds each kind's own
/// consequence cost; the totals of pools nobody reached are left unallocated.
fn per_kind(
    summary: &Summary,
    pools: &OrderedMap<PoolCostSummary>,
    consequence: impl Fn(&str) -> f64,
) -> (OrderedMap<KindCostSummary>, f64) {
    let mut unallocated = 0.0;
    let kinds: Vec<(&str, &super::group_summary::GroupSummary)> = summary.groups.kind.iter().filter(|(k, _)| *k != VEHICLES).collect();
    let mut cost: Vec<f64> = kinds.iter().map(|(k, _)| consequence(k)).collect();
    for (name, pool) in pools.iter() {
        let stages: Vec<&str> = summary
            .stages
            .iter()
            .filter(|(_, st)| st.pool.as_deref() == Some(name))
            .map(|(s, _)| s)
            .collect();
        let entered: Vec<u64> = kinds
            .iter()
            .map(|(_, g)| stages.iter().filter_map(|s| g.stages.get(s)).map(|st| st.entered).sum())
            .collect();
        let all: u64 = entered.iter().sum();
        if all == 0 {
            unallocated += pool.total;
            continue;
        }
        for (c, n) in cost.iter_mut().zip(&entered) {
            *c += pool.total * *n as f64 / all as f64;
        }
    }
    let per_kind = OrderedMap(
        kinds
            .iter()
            .zip(cost)
            .map(|((k, g), cost)| {
                let summary = KindCostSummary {
                    served: g.served,
                    cost: cost + 0.0,
                    per_agent: (g.served > 0).then(|| cost / g.served as f64),
                };
                (k.to_string(), summary)
            })
            .collect(),
    );
    (per_kind, unallocated + 0.0)
}
