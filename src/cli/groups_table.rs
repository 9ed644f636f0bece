//! The compact per-batch and per-segment tables printed after a run (only when the scenario
//! has labelled batches or segments; every group's KPIs are in `summary.json`).

use porttwin::metrics::Summary;

use super::table::{count, duration};

/// The per-batch and per-segment tables as text (empty without labelled batches and segments).
pub fn render(s: &Summary) -> String {
    let mut out = String::new();
    if !s.groups.batch.is_empty() {
        out.push_str(&format!(
            "\n{:<18} {:>8} {:>8} {:>10} {:>10} {:>10} {:>10}\n",
            "batch", "arrived", "served", "wait avg", "wait p95", "in port", "p95"
        ));
        for (label, g) in s.groups.batch.iter() {
            out.push_str(&format!(
                "{:<18} {:>8} {:>8} {:>10} {:>10} {:>10} {:>10}\n",
                label,
                count(g.arrived),
                count(g.served),
                duration(g.wait_s.mean),
                duration(g.wait_s.p95),
                duration(g.time_in_system_s.mean),
                duration(g.time_in_system_s.p95)
            ));
        }
    }
    if !s.segments.is_empty() {
        out.push_str(&format!(
            "\n{:<18} {:>8} {:>10} {:>10} {:>10} {:>10}\n",
            "segment", "passed", "not timed", "avg", "p95", "max"
        ));
        for (name, seg) in s.segments.iter() {
            out.push_str(&format!(
                "{:<18} {:>8} {:>10} {:>10} {:>10} {:>10}\n",
                name,
                count(seg.passed),
                count(seg.missed_to + seg.missed_from + seg.in_progress_at_end),
                duration(seg.time_s.mean),
                duration(seg.time_s.p95),
                duration(seg.time_s.max)
            ));
        }
    }
    out
}
