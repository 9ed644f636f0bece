//! A log-linear histogram of durations: exact mean and max, quantiles within 0.4%.
//!
//! Values are integer milliseconds. Below 256 ms every value has its own
//! bucket; above, each power of two is split into 128 buckets, so a bucket
//! is at most 1/128 of its lower bound wide and reporting its midpoint is
//! off by at most 1/256 ≈ 0.39% (relative) of the true quantile. Memory is
//! bounded (at most 7,424 counters) whatever the number of values, which
//! keeps multi-day runs flat. This is the HdrHistogram idea with two
//! significant digits.

use serde::{Deserialize, Serialize};

const SUB_BITS: u32 = 7;
const SUB_BUCKETS: u64 = 1 << SUB_BITS;
const EXACT_BELOW: u64 = 2 * SUB_BUCKETS;

/// Worst-case relative error of a reported quantile (above 256 ms).
pub const QUANTILE_RELATIVE_ERROR: f64 = 1.0 / (2 * SUB_BUCKETS) as f64;

/// Counts of durations in log-linear buckets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LogHistogram {
    counts: Vec<u64>,
    count: u64,
    sum_ms: u128,
    max_ms: u64,
}

/// The usual summary of a duration distribution, in seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Quantiles {
    /// Exact mean.
    pub mean: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// 99th percentile.
    pub p99: f64,
    /// Exact maximum.
    pub max: f64,
}

fn bucket_of(value: u64) -> usize {
    if value < EXACT_BELOW {
        return value as usize;
    }
    let shift = 63 - value.leading_zeros() - SUB_BITS;
    (shift as u64 * SUB_BUCKETS + (value >> shift)) as usize
}

/// The lowest value and width of bucket `index`.
fn bucket_range(index: usize) -> (u64, u64) {
    let index = index as u64;
    if index < EXACT_BELOW {
        return (index, 1);
    }
    let shift = index / SUB_BUCKETS - 1;
    let mantissa = index - shift * SUB_BUCKETS;
    (mantissa << shift, 1 << shift)
}

impl LogHistogram {
    /// Adds one value in milliseconds.
    pub fn record(&mut self, value_ms: u64) {
        self.record_n(value_ms, 1);
    }

    /// Adds `n` equal values in milliseconds (the wait of each occupant of a car).
    pub fn record_n(&mut self, value_ms: u64, n: u64) {
        if n == 0 {
            return;
        }
        let bucket = bucket_of(value_ms);
        if bucket >= self.counts.len() {
            self.counts.resize(bucket + 1, 0);
        }
        self.counts[bucket] += n;
        self.count += n;
        self.sum_ms += value_ms as u128 * n as u128;
        self.max_ms = self.max_ms.max(value_ms);
    }

    /// Number of values.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Exact sum in milliseconds.
    pub fn sum_ms(&self) -> u128 {
        self.sum_ms
    }

    /// Exact mean in seconds (0 when empty).
    pub fn mean_s(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.sum_ms as f64 / self.count as f64 / 1000.0
        }
    }

    /// The `q`-quantile in seconds (nearest rank, bucket midpoint, never above the maximum).
    pub fn quantile_s(&self, q: f64) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        let rank = ((q * self.count as f64).ceil() as u64).clamp(1, self.count);
        let mut seen = 0;
        for (index, &n) in self.counts.iter().enumerate() {
            seen += n;
            if seen >= rank {
                let (low, width) = bucket_range(index);
                let mid = if width == 1 { low as f64 } else { low as f64 + width as f64 / 2.0 };
                return mid.min(self.max_ms as f64) / 1000.0;
            }
        }
        self.max_ms as f64 / 1000.0
    }

    /// Fraction of values strictly above `threshold_ms` (bucket resolution).
    pub fn fraction_above(&self, threshold_ms: u64) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        let first = bucket_of(threshold_ms) + 1;
        let above: u64 = self.counts.iter().skip(first).sum();
        above as f64 / self.count as f64
    }

    /// The values recorded after `earlier` (an earlier copy of this histogram) was taken: counts
    /// and sum exact, the maximum at bucket resolution (the upper end of the highest bucket
    /// gained, capped at the overall maximum).
    pub fn since(&self, earlier: &LogHistogram) -> LogHistogram {
        let counts: Vec<u64> = self
            .counts
            .iter()
            .enumerate()
            .map(|(i, &n)| n.saturating_sub(earlier.counts.get(i).copied().unwrap_or(0)))
            .collect();
        let max_ms = counts.iter().rposition(|&n| n > 0).map_or(0, |i| {
            let (low, width) = bucket_range(i);
            (low + width - 1).min(self.max_ms)
        });
        LogHistogram {
            counts,
            count: self.count.saturating_sub(earlier.count),
            sum_ms: self.sum_ms.saturating_sub(earlier.sum_ms),
            max_ms,
        }
    }

    /// Mean, p50, p95, p99 and max in seconds.
    pub fn summary(&self) -> Quantiles {
        Quantiles {
            mean: self.mean_s(),
            p50: self.quantile_s(0.50),
            p95: self.quantile_s(0.95),
            p99: self.quantile_s(0.99),
            max: self.max_ms as f64 / 1000.0,
        }
    }

    /// Counts per bucket as (lower bound s, upper bound s, count), non-empty buckets only.
    pub fn buckets(&self) -> impl Iterator<Item = (f64, f64, u64)> + '_ {
        self.counts.iter().enumerate().filter(|(_, n)| **n > 0).map(|(i, &n)| {
            let (low, width) = bucket_range(i);
            (low as f64 / 1000.0, (low + width) as f64 / 1000.0, n)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_cover_values_without_gaps() {
        for v in [0, 1, 255, 256, 257, 1000, 123_456, u64::MAX / 3] {
            let (low, width) = bucket_range(bucket_of(v));
            assert!(low <= v && v - low < width, "{v}: [{low}, +{width})");
        }
        for i in 1..5000 {
            let (low, width) = bucket_range(i);
            let (prev_low, prev_width) = bucket_range(i - 1);
            assert_eq!(prev_low + prev_width, low, "bucket {i}");
            assert_eq!(bucket_of(low), i);
            assert_eq!(bucket_of(low + width - 1), i);
        }
    }

    #[test]
    fn quantiles_are_within_the_stated_error() {
        let mut h = LogHistogram::default();
        let values: Vec<u64> = (1..=100_000u64).map(|i| i * 37 % 1_000_003).collect();
        for &v in &values {
            h.record(v);
        }
        let mut sorted = values.clone();
        sorted.sort_unstable();
        for q in [0.5, 0.9, 0.95, 0.99] {
            let exact = sorted[((q * sorted.len() as f64).ceil() as usize) - 1] as f64 / 1000.0;
            let got = h.quantile_s(q);
            assert!(
                (got - exact).abs() <= exact * QUANTILE_RELATIVE_ERROR + 0.001,
                "q={q}: {got} vs {exact}"
            );
        }
        let mean = values.iter().sum::<u64>() as f64 / values.len() as f64 / 1000.0;
        assert!((h.mean_s() - mean).abs() < 1e-9);
        assert_eq!(h.summary().max, *sorted.last().unwrap() as f64 / 1000.0);
    }

    #[test]
    fn the_values_since_an_earlier_copy_are_the_later_ones() {
        let mut h = LogHistogram::default();
        for v in [5, 300, 90_000] {
            h.record(v);
        }
        let earlier = h.clone();
        for v in [5, 1_000, 2_000] {
            h.record(v);
        }
        let later = h.since(&earlier);
        assert_eq!(later.count(), 3);
        assert_eq!(later.sum_ms(), 3_005);
        assert!((later.fraction_above(1_500) - 1.0 / 3.0).abs() < 1e-12);
        assert!(later.summary().max >= 2.0 && later.summary().max < 2.02, "{}", later.summary().max);
    }

    #[test]
    fn small_values_are_exact() {
        let mut h = LogHistogram::default();
        for v in [0, 0, 0, 5, 200] {
            h.record(v);
        }
        assert_eq!(h.quantile_s(0.5), 0.0);
        assert_eq!(h.quantile_s(1.0), 0.2);
        assert!((h.fraction_above(0) - 0.4).abs() < 1e-12);
    }
}
