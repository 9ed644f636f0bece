//! The passenger section as the CLI, the report and the viewer show it.

use super::outcomes::PassengerSummary;
use crate::presentation::{Section, count};

/// The section: stops, face verification, screening, bags, contraband (lines for the features
/// the run used).
pub(super) fn section(p: &PassengerSummary) -> Section {
    let mut section = Section::new("Passengers");
    let carried: u64 = p.contraband.iter().map(|(_, c)| c.carried).sum();
    if p.face.genuine_attempts + p.face.impostor_attempts + p.screening.screened + p.bags.checked + p.cabin_scan.screened + carried == 0 {
        // A plain queueing scenario: nothing to say beyond the stage table.
        return section;
    }
    section.line(format!(
        "stops per traveller {:.2}  seamless {:.1}%  interceptions {} ({} found nothing)",
        p.stops_per_traveller,
        p.seamless_share * 100.0,
        count(p.interceptions),
        count(p.false_interceptions)
    ));
    if p.face.genuine_attempts + p.face.impostor_attempts > 0 {
        section.line(format!(
            "face verification: FRR {:.2}% ({} of {})  FAR {:.1}% ({} of {} impostors)",
            p.face.frr * 100.0,
            p.face.false_rejects,
            count(p.face.genuine_attempts),
            p.face.far * 100.0,
            p.face.false_accepts,
            p.face.impostor_attempts
        ));
    }
    if p.screening.screened > 0 {
        let sc = &p.screening;
        section.line(format!(
            "advance screening: {} screened, selected {} by rule, {} by score, {} at random; {:.1}% of them carried contraband",
            count(sc.screened),
            sc.by_rule,
            sc.by_score,
            sc.at_random,
            sc.hit_rate * 100.0
        ));
    }
    if p.bags.checked > 0 {
        let scan = &p.bags.scan;
        let mut line = format!("checked bags: {} arrived, {} delivered", count(p.bags.checked), count(p.bags.delivered));
        if scan.screened > 0 {
            line.push_str(&format!(
                "; CT screening {} scanned, {} flagged; {}",
                count(scan.screened),
                count(scan.flagged),
                read_by(&scan.read_by)
            ));
        }
        section.line(line);
    }
    if p.cabin_scan.screened > 0 {
        let scan = &p.cabin_scan;
        section.line(format!(
            "cabin X-ray: {} scanned, {} alarmed ({} holding nothing illicit); {}",
            count(scan.screened),
            count(scan.flagged),
            count(scan.false_alarms),
            read_by(&scan.read_by)
        ));
    }
    let rows: Vec<Vec<String>> = p
        .contraband
        .iter()
        .filter(|(_, c)| c.carried > 0)
        .map(|(class, c)| {
            vec![
                class.to_string(),
                c.carried.to_string(),
                c.seized.to_string(),
                format!("{} / {}", c.missed_not_searched, c.missed_in_search),
            ]
        })
        .collect();
    if carried > 0 {
        section.table(&["contraband", "carried", "seized", "missed (never searched / searched)"], rows);
    }
    if let Some(realism) = &p.realism {
        for line in realism.lines() {
            section.line(line);
        }
    }
    section
}

/// Who read the scans, saying plainly where a table decided instead of a model.
fn read_by(readers: &[String]) -> String {
    if readers.iter().any(|r| r.starts_with("table")) {
        format!("decided by an operating-point table, not a model ({})", readers.join("; "))
    } else {
        format!("read by {}", readers.join(", "))
    }
}
