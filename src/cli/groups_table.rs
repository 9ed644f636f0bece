//! The compact per-batch and per-segment tables printed after a run (only when the scenario
//! has labelled batches or segments; every group's KPIs are in `summary.json`).

use porttwin::metrics::Summary;

use super::table::{count, duration};

/// Shown for a time nobody's passage measured (a segment nobody passed, a wave nobody left).
const NONE: &str = "–";

/// The per-batch and per-segment tables as text (empty without labelled batches and segments).
pub fn render(s: &Summary) -> String {
    let mut out = String::new();
    if !s.groups.batch.is_empty() {
        out.push_str(&format!(
            "\n{:<18} {:>8} {:>8} {:>10} {:>10} {:>10} {:>10}\n",
            "batch", "arrived", "served", "wait avg", "wait p95", "in port", "p95"
        ));
        for (label, g) in s.groups.batch.iter() {
            let timed = |x: f64| if g.served > 0 { duration(x) } else { NONE.into() };
            out.push_str(&format!(
                "{:<18} {:>8} {:>8} {:>10} {:>10} {:>10} {:>10}\n",
                label,
                count(g.arrived),
                count(g.served),
                timed(g.wait_s.mean),
                timed(g.wait_s.p95),
                timed(g.time_in_system_s.mean),
                timed(g.time_in_system_s.p95)
            ));
        }
    }
    if !s.segments.is_empty() {
        out.push_str(&format!(
            "\n{:<18} {:>8} {:>10} {:>10} {:>10} {:>10}\n",
            "segment", "passed", "not timed", "avg", "p95", "max"
        ));
        for (name, seg) in s.segments.iter() {
            let timed = |x: f64| if seg.passed > 0 { duration(x) } else { NONE.into() };
            out.push_str(&format!(
                "{:<18} {:>8} {:>10} {:>10} {:>10} {:>10}\n",
                name,
                count(seg.passed),
                count(seg.missed_to + seg.missed_from + seg.in_progress_at_end),
                timed(seg.time_s.mean),
                timed(seg.time_s.p95),
                timed(seg.time_s.max)
            ));
        }
    }
    out
}
