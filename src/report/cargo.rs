//! The cargo section of a run report: lanes with their time in port, and what was caught.

use super::html::{Page, duration};
use crate::metrics::Summary;

/// Adds the cargo tables when the run had trucks.
pub fn section(page: &mut Page, s: &Summary) {
    let Some(c) = &s.cargo else { return };
    page.heading("Cargo clearance");
    let seized: u64 = c.threats.iter().map(|(_, t)| t.seized).sum();
    let carried: u64 = c.threats.iter().map(|(_, t)| t.carried).sum();
    page.paragraph(&format!(
        "{} trucks, {} released, {} seized. Time in port: mean {}, p95 {}. {} scans ({:.0}% of trucks), {} physical and {} remote inspections ({:.1}% of trucks, {} found nothing). Contraband seized: {} of {}. Misdeclared goods found: {} of {}.",
        c.trucks,
        c.released,
        c.seized,
        duration(c.time_in_port_s.mean),
        duration(c.time_in_port_s.p95),
        c.controls.scans,
        100.0 * c.scan_rate,
        c.controls.physical_inspections,
        c.controls.remote_inspections,
        100.0 * c.inspection_rate,
        c.controls.inspections_clean,
        seized,
        carried,
        c.misdeclared_found,
        c.misdeclared
    ));
    let lanes: Vec<Vec<String>> = c
        .lanes
        .iter()
        .map(|(lane, l)| {
            let mut row = vec![lane.to_string(), l.trucks.to_string()];
            row.extend(l.by_reason.iter().map(|(_, n)| n.to_string()));
            row.push(duration(l.time_in_port_s.mean));
            row.push(duration(l.time_in_port_s.p95));
            row
        })
        .collect();
    page.table(
        &[
            "lane",
            "trucks",
            "rule",
            "score",
            "budget",
            "random",
            "default",
            "officer",
            "mean time in port",
            "p95",
        ],
        &lanes,
    );
    let rate = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{:.1}%", 100.0 * x));
    let threats: Vec<Vec<String>> = c
        .threats
        .iter()
        .map(|(class, t)| {
            vec![
                class.to_string(),
                t.carried.to_string(),
                t.seized.to_string(),
                rate(t.detection_rate),
                t.missed_never_scanned.to_string(),
                t.missed_model.to_string(),
                t.missed_analyst.to_string(),
                t.missed_inspection.to_string(),
                t.missed_not_inspected.to_string(),
                rate(t.model.detection_rate),
                rate(t.model.false_alarm_rate),
            ]
        })
        .collect();
    page.table(
        &[
            "threat",
            "carried",
            "seized",
            "detection",
            "missed: never scanned",
            "model",
            "analyst",
            "inspection",
            "not inspected",
            "image model detection",
            "image model false alarms",
        ],
        &threats,
    );
}
