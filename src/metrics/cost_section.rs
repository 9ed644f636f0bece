//! The costs of a run as the front ends show them (the CLI table, the run report).

use super::costs::CostSummary;
use crate::presentation::{Section, count};

/// A money figure with thousands separators and no decimals (cents below 100).
pub fn money(x: f64, currency: &str) -> String {
    let unit = if currency.is_empty() {
        String::new()
    } else {
        format!(" {currency}")
    };
    if !x.is_finite() {
        return "–".into();
    }
    let body = if x.abs() < 100.0 {
        format!("{x:.2}")
    } else {
        let whole = count(x.abs().round() as u64);
        if x < 0.0 { format!("-{whole}") } else { whole }
    };
    body + &unit
}

/// The "Costs" section: the per-day figures, then a table per pool.
pub fn section(c: &CostSummary) -> Section {
    let m = |x: f64| money(x, &c.currency);
    let mut s = Section::new("Costs");
    s.line(format!(
        "cost per day {} (operating {}, travellers' waiting {}, demurrage {}) over {:.2} days",
        m(c.per_day),
        m(c.operating_per_day),
        m(c.waiting / c.days.max(f64::MIN_POSITIVE)),
        m(c.demurrage / c.days.max(f64::MIN_POSITIVE)),
        c.days
    ));
    s.line(format!(
        "per agent who left {}; per seizure {} of operating cost ({} seizures worth {}); net of seizures {} per day",
        c.per_agent.map_or("–".into(), m),
        c.per_seizure.map_or("–".into(), m),
        count(c.seizures),
        m(c.seizure_value),
        m(c.net_per_day)
    ));
    s.line(format!(
        "{:.0} traveller-minutes waiting, {:.1} truck-hours in the port",
        c.traveller_wait_min, c.truck_hours
    ));
    let kinds: Vec<String> = c
        .per_kind
        .iter()
        .map(|(k, kc)| format!("{k} {} ({} each)", m(kc.cost), kc.per_agent.map_or("–".into(), m)))
        .collect();
    if kinds.len() > 1 {
        let unallocated = match c.unallocated > 0.0 {
            true => format!("; pools nobody reached {}", m(c.unallocated)),
            false => String::new(),
        };
        s.line(format!("by kind of agent: {}{unallocated}", kinds.join("; ")));
    }
    let rows = c
        .pools
        .iter()
        .map(|(name, p)| vec![name.to_string(), m(p.staff), m(p.capital), m(p.running), m(p.total)])
        .collect();
    s.table(&["pool", "staff", "capital", "running", "total"], rows);
    s
}
