//! The cargo section as the CLI, the report and the viewer show it.

use super::outcomes::CargoSummary;
use crate::presentation::{Section, count, duration, percent};

/// Trucks, lanes with their reasons and time in port, controls, findings, and what was caught
/// or missed per threat class.
pub(super) fn section(c: &CargoSummary) -> Section {
    let mut section = Section::new("Cargo clearance");
    let seized: u64 = c.threats.iter().map(|(_, t)| t.seized).sum();
    let carried: u64 = c.threats.iter().map(|(_, t)| t.carried).sum();
    section.line(format!(
        "trucks {}  released {}  seized {}  time in port mean {}  p95 {}",
        count(c.trucks),
        count(c.released),
        count(c.seized),
        duration(c.time_in_port_s.mean),
        duration(c.time_in_port_s.p95)
    ));
    let lanes = c
        .lanes
        .iter()
        .filter(|(_, l)| l.trucks > 0)
        .map(|(lane, l)| {
            let mut row = vec![lane.to_string(), count(l.trucks)];
            row.extend(l.by_reason.iter().map(|(_, n)| n.to_string()));
            row.push(format!("{} / {}", duration(l.time_in_port_s.mean), duration(l.time_in_port_s.p95)));
            row
        })
        .collect();
    section.table(
        &["lane", "trucks", "rule", "score", "budget", "random", "default", "officer", "time in port mean / p95"],
        lanes,
    );
    section.line(format!(
        "scans {} ({} alarms, {:.0}% of trucks)  reviews {} ({} to inspection)  documents {} ({} findings)",
        count(c.controls.scans),
        count(c.controls.scan_alarms),
        100.0 * c.scan_rate,
        count(c.controls.reviews),
        count(c.controls.review_alarms),
        count(c.controls.document_checks),
        count(c.controls.document_findings)
    ));
    if c.controls.scans > 0 {
        section.line(match &c.scans_read_by {
            Some(by) if by.starts_with("table") => format!("scans decided by an operating-point table, not a model ({by})"),
            Some(by) => format!("scans read by {by}"),
            None => "scans read by analysts only (no model or table)".to_string(),
        });
    }
    if let Some(a) = &c.analysts {
        let bands: Vec<String> = a
            .hit_rate_by_time_on_task
            .iter()
            .zip(["0-10", "10-20", "20-30", "30+"])
            .map(|(rate, band)| format!("{band} min {}", percent(*rate)))
            .collect();
        section.line(format!(
            "analysts: {} reviews, {} of {} threat images sent to inspection ({}), false alarms {} ({}); prevalence {} faced, {} expected; hit rate by time on task: {}",
            count(a.reviews),
            count(a.hits),
            count(a.with_threat),
            percent(a.hit_rate),
            count(a.false_alarms),
            percent(a.false_alarm_rate),
            percent(a.prevalence),
            percent(a.expected_prevalence),
            bands.join(", ")
        ));
    }
    section.line(format!(
        "inspections: {} physical, {} remote, {} found nothing; inspection rate {:.1}%; audits {} ({} findings)",
        count(c.controls.physical_inspections),
        count(c.controls.remote_inspections),
        count(c.controls.inspections_clean),
        100.0 * c.inspection_rate,
        count(c.controls.audits),
        count(c.controls.audit_findings)
    ));
    section.line(format!(
        "contraband seized {seized} of {carried}; misdeclared goods {} found {}  undervalued {} found {}",
        c.misdeclared, c.misdeclared_found, c.undervalued, c.undervalued_found
    ));
    let threats = c
        .threats
        .iter()
        .map(|(class, t)| {
            vec![
                class.to_string(),
                t.carried.to_string(),
                t.seized.to_string(),
                percent(t.detection_rate),
                format!(
                    "{} / {} / {} / {} / {}",
                    t.missed_never_scanned, t.missed_model, t.missed_analyst, t.missed_inspection, t.missed_not_inspected
                ),
                format!("{} / {}", percent(t.model.detection_rate), percent(t.model.false_alarm_rate)),
            ]
        })
        .collect();
    section.table(
        &[
            "threat",
            "carried",
            "seized",
            "detection",
            "missed (never scanned / model / analyst / inspection / not inspected)",
            "model DR / FAR",
        ],
        threats,
    );
    if let Some(realism) = &c.realism {
        for line in realism.lines() {
            section.line(line);
        }
    }
    section
}
