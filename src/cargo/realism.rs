//! The cargo domain's realism section: the in-loop container scans, the reader's and the
//! analysts' operating points against the literature, and how the seizures and the bays' load
//! move with each rate.

use super::outcomes::CargoSummary;
use crate::detect::literature::{PublishedScanner, compare};
use crate::detect::realism::{Realism, ScanRealism, Sensitivity, reader_comparisons};
use crate::detect::synth::container::{CONTAINER_HEIGHT, CONTAINER_WIDTH};
use crate::detect::DetectionMetrics;
use crate::detect::classes::ThreatClass;

/// Inside length and height of a 20 ft ISO container, millimetres (ISO 668), which the synthetic
/// scan spans.
const BOX_MM: [f64; 2] = [5_898.0, 2_393.0];

/// What the in-loop physics scans resolve (a run whose model read `image: Physics` scans).
#[derive(Debug, Clone, PartialEq)]
pub struct PhysicsFigures {
    /// Pixel size along travel and up, mm (the model's `input` spec).
    pub pixel_mm: (f64, f64),
    /// The input's width and height, pixels, and its channels in words.
    pub input: (usize, usize, String),
    /// Steel penetration of the portal binned to that pixel size, mm.
    pub steel_penetration_mm: Option<f64>,
    /// Mean contrast-to-noise per class of the hidden items in view, and their number.
    pub contrast: Vec<(ThreatClass, f64, u64)>,
}

/// The realism section of a run with `summary`, whose scans `reader` read (if anything did),
/// with `physics` when they were physics scans.
pub fn realism(summary: &CargoSummary, reader: Option<&DetectionMetrics>, physics: Option<&PhysicsFigures>) -> Realism {
    let table = summary.scans_read_by.as_deref().is_some_and(|r| r.starts_with("table"));
    let scan = match physics {
        Some(p) if !table => physics_scan(p),
        _ => ScanRealism {
            pixel_pitch_mm: (!table).then_some([BOX_MM[0] / CONTAINER_WIDTH as f64, BOX_MM[1] / CONTAINER_HEIGHT as f64]),
            steel_penetration_mm: None,
            contrast_to_noise: None,
            note: if table {
                "no image: an operating-point table decided".into()
            } else {
                format!(
                    "synthetic {CONTAINER_HEIGHT} x {CONTAINER_WIDTH} single-energy attenuation image, 8-bit, saturating at an attenuation of 5: not a physics scan, so no steel penetration or contrast-to-noise (`image: Physics` scans the true contents from physics)"
                )
            },
        },
    };
    let mut operating_points = reader.map(|m| reader_comparisons(PublishedScanner::Cargo, m, summary.discrepancy_rule.is_some())).unwrap_or_default();
    if let Some(a) = &summary.analysts {
        operating_points.extend(compare(PublishedScanner::Analyst, "any", a.hit_rate, a.false_alarm_rate, a.prevalence));
    }
    Realism {
        scan,
        read_by: summary.scans_read_by.iter().cloned().collect(),
        operating_points,
        sensitivity: sensitivity(summary),
    }
}

/// The scan figures of physics scans: the contrast-to-noise is the mean over every hidden item
/// in view, the note gives it per class.
fn physics_scan(p: &PhysicsFigures) -> ScanRealism {
    let (n, sum) = p.contrast.iter().fold((0, 0.0), |(n, sum), (_, mean, k)| (n + k, sum + mean * *k as f64));
    let per_class: Vec<String> = p.contrast.iter().map(|(class, mean, k)| format!("{class} {mean:.1} (n={k})")).collect();
    let (width, height, channels) = &p.input;
    ScanRealism {
        pixel_pitch_mm: Some([p.pixel_mm.0, p.pixel_mm.1]),
        steel_penetration_mm: p.steel_penetration_mm,
        contrast_to_noise: (n > 0).then(|| sum / n as f64),
        note: format!(
            "physics scan of the true contents, 6/3.5 MV portal binned to the model's input ({width} x {height}, {channels}, 8-bit); steel penetration on a step wedge at that pixel size; contrast-to-noise of the hidden items in view on the high-energy input: {}",
            if per_class.is_empty() { "no hidden item in view".to_string() } else { per_class.join(", ") }
        ),
    }
}

/// First-order sensitivities from the run's own conversion rates: a point more detection of a
/// class acts on the scanned containers holding it, and each new alarm is seized as often as
/// this run's alarms of that class were; a point more false alarms sends that share of clean
/// scans to review; a point more analyst hits or inspection finds acts on the threat images
/// reviewed or the threats inspected.
fn sensitivity(s: &CargoSummary) -> Vec<Sensitivity> {
    let seized: u64 = s.threats.iter().map(|(_, t)| t.seized).sum();
    let mut out = Vec::new();
    for (class, t) in s.threats.iter() {
        let m = &t.model;
        let positives = m.true_positives + m.false_negatives;
        if positives == 0 || m.true_positives == 0 {
            continue;
        }
        let conversion = t.seized as f64 / m.true_positives as f64;
        out.push(Sensitivity {
            rate: format!("scan reader detection of {class}"),
            kpi: "contraband seized".into(),
            per_point: 0.01 * positives as f64 * conversion.min(1.0),
        });
    }
    let negatives = s.threats.iter().map(|(_, t)| t.model.false_positives + t.model.true_negatives).max().unwrap_or(0);
    if negatives > 0 {
        out.push(Sensitivity {
            rate: "scan reader false alarms (each class)".into(),
            kpi: "scans sent to review".into(),
            per_point: 0.01 * negatives as f64,
        });
    }
    if let Some(a) = &s.analysts
        && a.hits > 0
    {
        out.push(Sensitivity {
            rate: "analysts' hit rate".into(),
            kpi: "contraband seized".into(),
            per_point: 0.01 * a.with_threat as f64 * (seized as f64 / a.hits as f64).min(1.0),
        });
    }
    let inspected: u64 = s.threats.iter().map(|(_, t)| t.seized + t.missed_inspection).sum();
    if inspected > 0 {
        out.push(Sensitivity {
            rate: "inspections' find probability".into(),
            kpi: "contraband seized".into(),
            per_point: 0.01 * inspected as f64,
        });
    }
    out
}
