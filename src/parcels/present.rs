//! The parcels section as the CLI, the report and the viewer show it.

use super::outcomes::ParcelsSummary;
use crate::presentation::{Section, count, duration, percent};

/// Parcels, outcomes, throughput and dwell, assessment and controls, and what was found or
/// missed per class.
pub(super) fn section(p: &ParcelsSummary) -> Section {
    let mut section = Section::new("Parcels");
    section.line(format!(
        "parcels {} in {} bags  released {}  held {} ({})  seized {}  in system {}",
        count(p.parcels),
        count(p.bags),
        count(p.released),
        count(p.held),
        percent(p.hold_rate),
        count(p.seized),
        count(p.in_system)
    ));
    section.line(format!(
        "parcels per hour mean {:.0}  peak {}  dwell mean {}  p95 {}",
        p.parcels_per_hour.mean,
        count(p.parcels_per_hour.peak),
        duration(p.dwell_s.mean),
        duration(p.dwell_s.p95)
    ));
    let selected = |key: &str| p.assessment.selected.get(key).copied().unwrap_or(0);
    section.line(format!(
        "assessed {}: over de minimis {}, documents {}; opened by rule {}, score {}, random {}",
        count(p.assessment.assessed),
        count(p.assessment.over_de_minimis),
        count(p.assessment.documents_required),
        count(selected("rule")),
        count(selected("score")),
        count(selected("random"))
    ));
    section.line(format!(
        "X-ray scans {} ({} alarms)  opened {} ({} found)  documents checks {} ({} answered)",
        count(p.controls.scans),
        count(p.controls.scan_alarms),
        count(p.controls.opened),
        count(p.controls.opened_found),
        count(p.controls.documents_checks),
        count(p.controls.documents_replies)
    ));
    let rows = p
        .classes
        .iter()
        .map(|(class, c)| {
            vec![
                class.to_string(),
                count(c.carried),
                count(c.found),
                percent(c.detection_rate),
                format!("{} / {}", count(c.missed_not_opened), count(c.missed_opened)),
                c.model
                    .as_ref()
                    .map_or("-".into(), |m| format!("{} / {}", percent(m.detection_rate), percent(m.false_alarm_rate))),
            ]
        })
        .collect();
    section.table(
        &["class", "carried", "found", "detection", "missed (not opened / opened)", "X-ray model DR / FAR"],
        rows,
    );
    let dwell = p
        .dwell_by_outcome_s
        .iter()
        .map(|(outcome, q)| vec![outcome.to_string(), duration(q.mean), duration(q.p50), duration(q.p95)])
        .collect();
    section.table(&["dwell", "mean", "p50", "p95"], dwell);
    section
}
