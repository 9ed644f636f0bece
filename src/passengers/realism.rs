//! The passenger domain's realism section: the in-loop bag scans, each bag reader's operating
//! points against the literature, and how seizures move with each reader's detection.

use crate::detect::literature::PublishedScanner;
use crate::detect::realism::{Realism, ScanRealism, Sensitivity, reader_comparisons};
use crate::detect::synth::bag::BAG_SIZE;
use crate::detect::ScanReader;

/// The realism section of a run whose bag scans `readers` read, with `seized` items per class
/// (`ThreatClass::BAG` order); `None` when no stage scans bags.
pub fn realism(readers: &[&ScanReader], seized: &[u64; 5]) -> Option<Realism> {
    if readers.is_empty() {
        return None;
    }
    let read_by: Vec<String> = readers.iter().map(|r| r.decided_by()).collect();
    let rendered = readers.iter().any(|r| matches!(r, ScanReader::Model { .. }));
    let scan = ScanRealism {
        pixel_pitch_mm: None,
        steel_penetration_mm: None,
        contrast_to_noise: None,
        note: if rendered {
            format!("synthetic {BAG_SIZE} x {BAG_SIZE} single-energy attenuation image of a bag from above, 8-bit, without a physical scale: not a physics scan")
        } else {
            "no image: an operating-point table decided".into()
        },
    };
    let mut operating_points = Vec::new();
    let mut sensitivity = Vec::new();
    for (reader, by) in readers.iter().zip(&read_by) {
        let metrics = reader.metrics();
        // Two bag scanners (a cabin X-ray and a hold-bag CT) meet the same published rows:
        // each comparison names the reader it is about.
        operating_points.extend(reader_comparisons(PublishedScanner::Bag, metrics, false).into_iter().map(|mut c| {
            c.class = format!("{} ({by})", c.class);
            c
        }));
        for (class, c) in &metrics.per_class {
            let positives = c.true_positives + c.false_negatives;
            if c.true_positives == 0 {
                continue;
            }
            let conversion = (seized[*class as usize] as f64 / c.true_positives as f64).min(1.0);
            sensitivity.push(Sensitivity {
                rate: format!("detection of {class} ({by})"),
                kpi: "contraband seized".into(),
                per_point: 0.01 * positives as f64 * conversion,
            });
        }
    }
    Some(Realism {
        scan,
        read_by,
        operating_points,
        sensitivity,
    })
}
