//! The cargo lines of the run table.

use porttwin::metrics::Summary;

use super::table::{count, duration};

/// Lanes, scans, inspections and contraband of a run with trucks (empty otherwise).
pub fn render(s: &Summary) -> String {
    let Some(c) = &s.cargo else { return String::new() };
    let mut out = format!(
        "trucks {}  released {}  seized {}  time in port mean {}  p95 {}\n",
        count(c.trucks),
        count(c.released),
        count(c.seized),
        duration(c.time_in_port_s.mean),
        duration(c.time_in_port_s.p95)
    );
    out.push_str("lane        trucks   rule  score budget random default officer   time in port mean / p95\n");
    for (lane, l) in c.lanes.iter().filter(|(_, l)| l.trucks > 0) {
        let r: Vec<u64> = l.by_reason.iter().map(|(_, n)| *n).collect();
        out.push_str(&format!(
            "  {lane:<8} {:>7} {:>6} {:>6} {:>6} {:>6} {:>7} {:>7}   {} / {}\n",
            count(l.trucks),
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            duration(l.time_in_port_s.mean),
            duration(l.time_in_port_s.p95)
        ));
    }
    out.push_str(&format!(
        "scans {} ({} alarms)  reviews {} ({} to inspection)  documents {} ({} findings)\n",
        count(c.controls.scans),
        count(c.controls.scan_alarms),
        count(c.controls.reviews),
        count(c.controls.review_alarms),
        count(c.controls.document_checks),
        count(c.controls.document_findings)
    ));
    out.push_str(&format!(
        "inspections: {} physical, {} remote, {} found nothing; inspection rate {:.1}%; audits {} ({} findings)\n",
        count(c.controls.physical_inspections),
        count(c.controls.remote_inspections),
        count(c.controls.inspections_clean),
        100.0 * c.inspection_rate,
        count(c.controls.audits),
        count(c.controls.audit_findings)
    ));
    out.push_str(&format!(
        "misdeclared goods {} found {}  undervalued {} found {}\n",
        c.misdeclared, c.misdeclared_found, c.undervalued, c.undervalued_found
    ));
    out.push_str(
        "threat        carried  seized   missed (never scanned / model / analyst / inspection / not inspected)   model DR / FAR\n",
    );
    for (class, t) in c.threats.iter() {
        let rate = |x: Option<f64>| x.map_or("-".to_string(), |x| format!("{:.1}%", 100.0 * x));
        out.push_str(&format!(
            "  {class:<12} {:>6} {:>7}   {} / {} / {} / {} / {}   {} / {}\n",
            t.carried,
            t.seized,
            t.missed_never_scanned,
            t.missed_model,
            t.missed_analyst,
            t.missed_inspection,
            t.missed_not_inspected,
            rate(t.model.detection_rate),
            rate(t.model.false_alarm_rate)
        ));
    }
    out
}
