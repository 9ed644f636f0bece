//! The literature's operating points (`data/operating_points.ron`, compiled in) and how a run's
//! measured operating points compare with them: a run that does better than anything published
//! says so as "unvalidated: beats the published range", rather than quoting its figures as what
//! to expect.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The table as shipped.
const TABLE: &str = include_str!("../../data/operating_points.ron");

/// Which kind of reader a published figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum PublishedScanner {
    /// Container and truck scans.
    Cargo,
    /// Cabin and checked bags.
    Bag,
    /// People reading images.
    Analyst,
}

/// What a published figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
pub enum Metric {
    /// Detection rate at the false-alarm rate given.
    DetectionAtFalseAlarm,
    /// Mean average precision of a detector (not an operating point).
    MeanAveragePrecision,
    /// Share of images classified right.
    Accuracy,
    /// People's hit rate when this share of images hold a target.
    HitRateAtPrevalence(f64),
}

/// One published figure.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct PublishedPoint {
    /// What reads the images.
    pub scanner: PublishedScanner,
    /// Threat class, `goods_discrepancy` or `any`.
    pub class: String,
    /// What it measures.
    pub metric: Metric,
    /// What was measured, in words.
    pub what: String,
    /// Detection rate (or mAP, accuracy, hit rate, as the metric says).
    pub detection: f64,
    /// False-alarm rate, where the metric has one.
    pub false_alarm: Option<f64>,
    /// Where it comes from.
    pub source: String,
    /// Whether the figure was checked against the source's own text.
    pub verified: bool,
}

#[derive(Deserialize)]
struct PublishedPoints {
    rows: Vec<PublishedPoint>,
}

/// The shipped table.
pub fn published() -> &'static [PublishedPoint] {
    static ROWS: OnceLock<Vec<PublishedPoint>> = OnceLock::new();
    ROWS.get_or_init(|| ron::from_str::<PublishedPoints>(TABLE).map(|t| t.rows).unwrap_or_default())
}

/// How a measured operating point stands against a published one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Threat class (or `goods_discrepancy`, `any`).
    pub class: String,
    /// Measured detection (or hit) rate.
    pub measured_detection: Option<f64>,
    /// Measured false-alarm rate.
    pub measured_false_alarm: Option<f64>,
    /// The published figure compared with.
    pub published: String,
    /// Its source.
    pub source: String,
    /// `unvalidated: beats the published range`, `within the published range`, or why the two
    /// cannot be compared.
    pub verdict: String,
}

/// The verdict on a run that does better than anything published.
pub const BEATS: &str = "unvalidated: beats the published range";
/// The verdict on a run that does no better than the published figure.
pub const WITHIN: &str = "within the published range";

/// Compares a measured detection and false-alarm rate of `class` read by `scanner` with every
/// published row for that class (`any` for rows about every class together). A measured point beats a published one when it
/// detects at least as much at no more false alarms, and strictly better in one of the two.
/// Analysts' hit rates are compared at the prevalence they faced (interpolated in log
/// prevalence between the published points, 5 points of slack).
pub fn compare(
    scanner: PublishedScanner,
    class: &str,
    detection: Option<f64>,
    false_alarm: Option<f64>,
    prevalence: Option<f64>,
) -> Vec<Comparison> {
    let rows: Vec<&PublishedPoint> = published().iter().filter(|p| p.scanner == scanner && p.class == class).collect();
    let mut out = Vec::new();
    if scanner == PublishedScanner::Analyst {
        let points: Vec<(f64, f64, &PublishedPoint)> = rows
            .iter()
            .filter_map(|p| match p.metric {
                Metric::HitRateAtPrevalence(prev) => Some((prev.ln(), p.detection, *p)),
                _ => None,
            })
            .collect();
        if let (Some(hit), Some(prev), false) = (detection, prevalence, points.is_empty()) {
            let expected = interpolate(&points, prev.max(1e-4).ln());
            let sources: Vec<&str> = points.iter().map(|(_, _, p)| p.source.as_str()).collect();
            out.push(Comparison {
                class: class.to_string(),
                measured_detection: Some(hit),
                measured_false_alarm: false_alarm,
                published: format!("{:.0}% hits expected at {:.1}% prevalence", 100.0 * expected, 100.0 * prev),
                source: sources.join("; "),
                verdict: if hit > expected + 0.05 { BEATS } else { WITHIN }.to_string(),
            });
        }
        return out;
    }
    for row in rows {
        let published = match (row.metric, row.false_alarm) {
            (Metric::DetectionAtFalseAlarm, Some(fa)) => {
                format!("{:.1}% at {:.2}% false alarms: {}", 100.0 * row.detection, 100.0 * fa, row.what)
            }
            (Metric::MeanAveragePrecision, _) => format!("mAP {:.2}: {}", row.detection, row.what),
            (Metric::Accuracy, _) => format!("accuracy {:.0}%: {}", 100.0 * row.detection, row.what),
            _ => row.what.clone(),
        };
        let verdict = match (row.metric, row.false_alarm, detection, false_alarm) {
            (Metric::DetectionAtFalseAlarm, Some(pf), Some(d), Some(f)) => {
                let beats = d >= row.detection && f <= pf && (d > row.detection || f < pf);
                if beats { BEATS } else { WITHIN }.to_string()
            }
            (Metric::DetectionAtFalseAlarm, _, _, _) => "not comparable: no measured rate yet".into(),
            (Metric::MeanAveragePrecision, ..) => "not comparable: mAP is not an operating point".into(),
            _ => "not comparable: another measure".into(),
        };
        out.push(Comparison {
            class: class.to_string(),
            measured_detection: detection,
            measured_false_alarm: false_alarm,
            published,
            source: format!("{}{}", row.source, if row.verified { "" } else { " [not verified]" }),
            verdict,
        });
    }
    out
}

/// Linear interpolation of `(x, y)` points at `x`, held constant beyond the ends.
fn interpolate(points: &[(f64, f64, &PublishedPoint)], x: f64) -> f64 {
    let mut sorted: Vec<(f64, f64)> = points.iter().map(|(a, b, _)| (*a, *b)).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (first, last) = (sorted[0], sorted[sorted.len() - 1]);
    if x <= first.0 {
        return first.1;
    }
    if x >= last.0 {
        return last.1;
    }
    let i = sorted.iter().position(|p| p.0 >= x).unwrap_or(sorted.len() - 1).max(1);
    let (a, b) = (sorted[i - 1], sorted[i]);
    a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_parses_and_every_row_has_a_source() {
        let rows = published();
        assert!(rows.len() >= 7, "{rows:?}");
        assert!(rows.iter().all(|r| !r.source.trim().is_empty()));
    }

    #[test]
    fn a_point_better_than_jaccard_2016_is_unvalidated() {
        let better = compare(PublishedScanner::Cargo, "weapons", Some(0.99), Some(0.01), None);
        assert_eq!(better[0].verdict, BEATS);
        let worse = compare(PublishedScanner::Cargo, "weapons", Some(0.80), Some(0.05), None);
        assert_eq!(worse[0].verdict, WITHIN);
    }

    #[test]
    fn analysts_are_compared_at_the_prevalence_they_faced() {
        let low = compare(PublishedScanner::Analyst, "any", Some(0.95), None, Some(0.01));
        assert_eq!(low[0].verdict, BEATS, "{low:?}");
        let high = compare(PublishedScanner::Analyst, "any", Some(0.92), None, Some(0.5));
        assert_eq!(high[0].verdict, WITHIN, "{high:?}");
    }
}
