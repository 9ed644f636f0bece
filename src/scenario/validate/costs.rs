//! Checks the `costs` section: pool names, non-negative prices, a machine life with every
//! capital cost, no staff cost on a pool of machines, known contraband classes.

use crate::scenario::check::Checker;
use crate::scenario::costs::{Costs, PoolCost};
use crate::scenario::model::Pool;
use crate::scenario::raw_costs::RawCosts;

/// Days in a year, for writing capital off over a machine's life.
const DAYS_PER_YEAR: f64 = 365.0;

/// The validated costs, or `None` when the scenario has no `costs` section.
pub(super) fn check(c: &mut Checker, raw: Option<&RawCosts>, pools: &[Pool]) -> Option<Costs> {
    let raw = raw?;
    let mut costs = Costs {
        currency: raw.currency.clone(),
        pools: vec![PoolCost::default(); pools.len()],
        seizure_value: Vec::new(),
        waiting_per_traveller_min: raw.waiting_per_traveller_min,
        demurrage_per_truck_h: raw.demurrage_per_truck_h,
    };
    c.at_least(
        "costs.waiting_per_traveller_min",
        raw.waiting_per_traveller_min,
        0.0,
        false,
        "a cost",
    );
    c.at_least("costs.demurrage_per_truck_h", raw.demurrage_per_truck_h, 0.0, false, "a cost");
    for (name, cost) in raw.pools.iter() {
        let path = format!("costs.pools.{name}");
        let Some(p) = c.find(path.clone(), "pool", name, pools.iter().map(|p| p.name.as_str())) else {
            continue;
        };
        for (field, value) in [
            ("staff_per_hour", cost.staff_per_hour),
            ("capital", cost.capital),
            ("running_per_hour", cost.running_per_hour),
            ("per_service", cost.per_service),
        ] {
            c.at_least(&format!("{path}.{field}"), value, 0.0, false, "a cost");
        }
        if pools[p].automated && cost.staff_per_hour > 0.0 {
            c.error(
                format!("{path}.staff_per_hour"),
                format!("pool \"{name}\" is `automated: true`: its servers are machines, not officers"),
                Some("give its machines `capital`, `life_years` and `running_per_hour` or `per_service`; the people who supervise them are a pool of their own"),
            );
        }
        let capital_per_server_day = match cost.life_years {
            Some(life) if c.at_least(&format!("{path}.life_years"), life, 0.0, true, "a machine's life") => {
                cost.capital / (life * DAYS_PER_YEAR)
            }
            Some(_) => 0.0,
            None if cost.capital > 0.0 => {
                c.error(
                    format!("{path}.capital"),
                    "a capital cost needs the `life_years` it is written off over",
                    Some("e.g. `capital: 250000, life_years: 10` (straight line: a tenth of it a year)"),
                );
                0.0
            }
            None => 0.0,
        };
        costs.pools[p] = PoolCost {
            staff_per_hour: cost.staff_per_hour,
            capital_per_server_day,
            running_per_hour: cost.running_per_hour,
            per_service: cost.per_service,
        };
    }
    let classes = crate::domains::all_classes();
    for (class, value) in raw.seizure_value.iter() {
        let path = format!("costs.seizure_value.{class}");
        if c.find(path.clone(), "contraband class", class, classes.iter().copied()).is_some()
            && c.at_least(&path, *value, 0.0, false, "a seizure's value")
        {
            costs.seizure_value.push((class.to_string(), *value));
        }
    }
    Some(costs)
}
