//! Fan charts: at each time, quantiles of a measure over the replications.

use serde::{Deserialize, Serialize};

/// The quantiles drawn in a fan chart.
pub const QUANTILES: [f64; 5] = [0.05, 0.25, 0.5, 0.75, 0.95];

/// One time of a fan chart: the 5%, 25%, 50%, 75% and 95% quantiles over the replications.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// 5% quantile.
    pub p05: f64,
    /// 25% quantile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75% quantile.
    pub p75: f64,
    /// 95% quantile.
    pub p95: f64,
}

/// The `q`-quantile of sorted values, interpolated between order statistics (Hyndman and Fan's
/// type 7, R's default).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let (low, high) = (h.floor() as usize, h.ceil() as usize);
    sorted[low] + (h - h.floor()) * (sorted[high] - sorted[low])
}

/// The band of one time from the replications' values (`None` where a replication has none);
/// `None` when no replication has a value.
pub fn band(values: impl Iterator<Item = Option<f64>>) -> Option<Band> {
    let mut sorted: Vec<f64> = values.flatten().collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let [p05, p25, p50, p75, p95] = QUANTILES.map(|q| quantile(&sorted, q));
    Some(Band { p05, p25, p50, p75, p95 })
}

/// A fan over time from each replication's series (outer index: replication); series of unequal
/// length (a run that ended early) count where they have values.
pub fn fan(series: &[Vec<Option<f64>>]) -> Vec<Option<Band>> {
    let len = series.iter().map(Vec::len).max().unwrap_or(0);
    (0..len).map(|t| band(series.iter().map(|s| s.get(t).copied().flatten()))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_between_order_statistics() {
        let b = band((1..=5).map(|v| Some(v as f64))).unwrap();
        assert_eq!((b.p05, b.p25, b.p50, b.p75, b.p95), (1.2, 2.0, 3.0, 4.0, 4.8));
        assert_eq!(band([None, None].into_iter()), None);
        let fan = fan(&[vec![Some(1.0), None], vec![Some(3.0)]]);
        assert_eq!(fan[0].unwrap().p50, 2.0);
        assert_eq!(fan[1], None);
    }
}
