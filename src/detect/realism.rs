//! The realism section of a run report: what the in-loop scans resolve, how the in-loop
//! operating points compare with the literature, and how much the headline KPIs move with each
//! rate. Domains fill it from their own counts; this file holds the shared shape.

use serde::{Deserialize, Serialize};

use super::literature::{Comparison, PublishedScanner, compare};
use super::metrics::DetectionMetrics;

/// What the in-loop scans resolve, where they have such figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanRealism {
    /// Pixel pitch along and across the scan, millimetres (`None`: no physical scale).
    pub pixel_pitch_mm: Option<[f64; 2]>,
    /// Steel penetration, millimetres (`None`: not a physics scan).
    pub steel_penetration_mm: Option<f64>,
    /// Contrast-to-noise of the threat classes (`None`: not measured on these scans).
    pub contrast_to_noise: Option<f64>,
    /// What the scan is, in words.
    pub note: String,
}

/// How much a headline KPI moves with one rate (first order, from the run's own conversion
/// rates: the items that rate acts on, times what became of them downstream).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    /// The rate, e.g. `image reader detection of drugs`.
    pub rate: String,
    /// The KPI, e.g. `contraband seized`.
    pub kpi: String,
    /// Change of the KPI per percentage point of the rate.
    pub per_point: f64,
}

/// The realism section of a domain's summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Realism {
    /// The scans.
    pub scan: ScanRealism,
    /// What decided on the scans (`model <name>`, `table: <source>`).
    pub read_by: Vec<String>,
    /// The in-loop operating points against the literature table.
    pub operating_points: Vec<Comparison>,
    /// Sensitivity of the headline KPIs to each rate.
    pub sensitivity: Vec<Sensitivity>,
}

/// Compares a reader's measured operating point for each of its classes (and its discrepancy
/// rule, when it has one) with the literature.
pub fn reader_comparisons(scanner: PublishedScanner, metrics: &DetectionMetrics, discrepancy: bool) -> Vec<Comparison> {
    let mut out = Vec::new();
    for (class, c) in &metrics.per_class {
        out.extend(compare(scanner, class.name(), c.detection_rate(), c.false_alarm_rate(), None));
    }
    if discrepancy {
        let d = &metrics.discrepancy;
        out.extend(compare(
            scanner,
            "goods_discrepancy",
            d.detection_rate(),
            d.false_alarm_rate(),
            None,
        ));
    }
    out.extend(compare(scanner, "any", None, None, None));
    out
}

impl Realism {
    /// The section as lines for the CLI, the report and the viewer: the scan, who decided,
    /// one line per operating-point comparison, the sensitivities.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let pitch = self
            .scan
            .pixel_pitch_mm
            .map_or("no physical scale".to_string(), |[a, b]| format!("pixel pitch {a:.1} x {b:.1} mm"));
        let steel = self
            .scan
            .steel_penetration_mm
            .map_or("steel penetration n/a".to_string(), |mm| format!("steel penetration {mm:.0} mm"));
        let cnr = self
            .scan
            .contrast_to_noise
            .map_or("contrast-to-noise n/a".to_string(), |c| format!("contrast-to-noise {c:.1}"));
        lines.push(format!("realism: {pitch}, {steel}, {cnr} ({})", self.scan.note));
        if self.read_by.iter().any(|r| r.starts_with("table")) {
            lines.push(format!(
                "realism: an operating-point table decided, not a model ({})",
                self.read_by.join("; ")
            ));
        }
        for c in &self.operating_points {
            let measured = match (c.measured_detection, c.measured_false_alarm) {
                (Some(d), Some(f)) => format!("{:.1}% at {:.2}% false alarms", 100.0 * d, 100.0 * f),
                (Some(d), None) => format!("{:.1}%", 100.0 * d),
                _ => "-".into(),
            };
            lines.push(format!(
                "realism: {} measured {measured} vs published {} -> {} [{}]",
                c.class, c.published, c.verdict, c.source
            ));
        }
        for s in &self.sensitivity {
            lines.push(format!("realism: +1 point of {} moves {} by {:+.2}", s.rate, s.kpi, s.per_point));
        }
        lines
    }
}
