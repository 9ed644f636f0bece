//! The KPI table printed after a run.

use porttwin::metrics::Summary;

pub use porttwin::presentation::{count, duration};

/// The table as text.
pub fn render(s: &Summary) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{}  seed {}  simulated {:.1} h\narrived {}  served {}  balked {}  in port at end {}\n\n",
        s.scenario,
        s.seed,
        s.simulated_s / 3600.0,
        count(s.arrived),
        count(s.served),
        count(s.balked),
        count(s.in_system_at_end)
    ));
    out.push_str(&format!(
        "{:<18} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>6} {:>7}\n",
        "stage", "entered", "wait avg", "p50", "p95", "p99", "max", "util", "max q"
    ));
    for (name, st) in s.stages.iter().filter(|(_, st)| st.pool.is_some()) {
        let w = st.wait_s;
        out.push_str(&format!(
            "{:<18} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>5.0}% {:>7}\n",
            name,
            count(st.entered),
            duration(w.mean),
            duration(w.p50),
            duration(w.p95),
            duration(w.p99),
            duration(w.max),
            st.utilisation * 100.0,
            count(st.max_queue as u64)
        ));
    }
    out.push_str(&super::groups_table::render(s));
    out.push('\n');
    let kinds: Vec<_> = s.groups.kind.iter().filter(|(_, g)| g.arrived > 0).collect();
    let lines: Vec<(String, porttwin::metrics::histogram::Quantiles)> = match kinds.as_slice() {
        [] | [_] => vec![("time in port".into(), s.time_in_system_s)],
        several => several
            .iter()
            .map(|(kind, g)| (format!("time in port, {kind} ({} left)", count(g.served)), g.time_in_system_s))
            .collect(),
    };
    for (what, t) in lines {
        out.push_str(&format!(
            "{what}: mean {}  p50 {}  p95 {}  p99 {}  max {}\n",
            duration(t.mean),
            duration(t.p50),
            duration(t.p95),
            duration(t.p99),
            duration(t.max)
        ));
    }
    for section in porttwin::domains::presented(s) {
        out.push_str(&section.to_text());
    }
    for t in &s.targets {
        out.push_str(&format!(
            "target {}: {:.0}% within {} min required, {:.1}% achieved: {}\n",
            t.what,
            t.required_share * 100.0,
            t.within_min,
            t.achieved_share * 100.0,
            if t.met { "met" } else { "MISSED" }
        ));
    }
    if let Some(costs) = &s.costs {
        out.push_str(&porttwin::metrics::cost_section::section(costs).to_text());
    }
    let officer_hours: f64 = s.pools.iter().map(|(_, p)| p.officer_hours).sum();
    let machine_hours: f64 = s.pools.iter().map(|(_, p)| p.machine_hours).sum();
    out.push_str(&format!("officer-hours on duty: {officer_hours:.1}"));
    if machine_hours > 0.0 {
        out.push_str(&format!("  machine-hours: {machine_hours:.1}"));
    }
    out.push('\n');
    out.push_str(&format!("stability: {}\ndigest: {}\n", s.stability.verdict, s.digest));
    if let Some(gridlock) = s.micro.as_ref().and_then(|m| m.gridlock.as_ref()) {
        out.push_str(&format!("GRIDLOCK: {}\n", gridlock.verdict));
    }
    out
}
