//! The run report's per-wave (batch label) and per-segment tables.

use super::html::{Page, duration};
use crate::metrics::Summary;

/// Segments shown as columns of the per-wave table (every segment has its own table below).
const SEGMENT_COLUMNS: usize = 3;

/// Adds the per-wave table (when batches are labelled) and the per-segment table (when the
/// scenario defines segments).
pub fn group_sections(page: &mut Page, s: &Summary) {
    let shown: Vec<&str> = s.segments.iter().map(|(name, _)| name).take(SEGMENT_COLUMNS).collect();
    if !s.groups.batch.is_empty() {
        page.heading("Waves");
        page.paragraph(
            "Each batch label (a ferry, a flight) with its travellers' total waiting over the journey, \
             their time in the port and, per journey segment, the 95th percentile of its time.",
        );
        let rows: Vec<Vec<String>> = s
            .groups
            .batch
            .iter()
            .map(|(label, g)| {
                let timed = |x: f64| if g.served > 0 { duration(x) } else { "–".into() };
                let mut row = vec![
                    label.to_string(),
                    g.arrived.to_string(),
                    g.served.to_string(),
                    g.in_system_at_end.to_string(),
                    timed(g.wait_s.mean),
                    timed(g.wait_s.p95),
                    timed(g.time_in_system_s.mean),
                    timed(g.time_in_system_s.p95),
                ];
                row.extend(shown.iter().map(|seg| match g.segments.get(seg) {
                    Some(x) if x.passed > 0 => duration(x.time_s.p95),
                    _ => "–".into(),
                }));
                row
            })
            .collect();
        let mut header = vec![
            "wave".to_string(),
            "arrived".into(),
            "served".into(),
            "in port at end".into(),
            "mean wait".into(),
            "p95 wait".into(),
            "mean time in port".into(),
            "p95 time in port".into(),
        ];
        header.extend(shown.iter().map(|seg| format!("p95 {seg}")));
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        page.table(&header, &rows);
    }
    if !s.segments.is_empty() {
        page.heading("Journey segments");
        page.paragraph(
            "From an agent's arrival at the first stage's queue to the end of its service at the last; \
             passages through only one of the two are not timed but counted.",
        );
        let rows: Vec<Vec<String>> = s
            .segments
            .iter()
            .map(|(name, seg)| {
                let timed = |x: f64| if seg.passed > 0 { duration(x) } else { "–".into() };
                vec![
                    name.to_string(),
                    format!("{} → {}", seg.from, seg.to),
                    seg.passed.to_string(),
                    (seg.missed_to + seg.missed_from + seg.in_progress_at_end).to_string(),
                    timed(seg.time_s.mean),
                    timed(seg.time_s.p50),
                    timed(seg.time_s.p95),
                    timed(seg.time_s.max),
                ]
            })
            .collect();
        page.table(
            &["segment", "stages", "passed", "not timed", "mean", "median", "p95", "longest"],
            &rows,
        );
    }
}
