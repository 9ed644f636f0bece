//! The Wilson score interval of a binomial proportion (Wilson 1927, J. Am. Stat. Assoc.
//! 22:209–212): unlike the normal approximation it stays within 0..1 and keeps its coverage
//! near 0 and 1 and for small counts, as forecasts with 32 replications have.

use serde::{Deserialize, Serialize};

/// A proportion with its Wilson interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Proportion {
    /// Successes.
    pub successes: u64,
    /// Trials.
    pub trials: u64,
    /// `successes / trials` (0 without trials).
    pub estimate: f64,
    /// Lower end of the 95% interval.
    pub low: f64,
    /// Upper end of the 95% interval.
    pub high: f64,
}

/// z of a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// `successes` of `trials` with its 95% Wilson score interval (0..1 without trials).
pub fn wilson(successes: u64, trials: u64) -> Proportion {
    if trials == 0 {
        return Proportion {
            successes,
            trials,
            estimate: 0.0,
            low: 0.0,
            high: 1.0,
        };
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Proportion {
        successes,
        trials,
        estimate: p,
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_published_values() {
        // Newcombe (1998), Stat. Med. 17:857, table I: 81/263 → 0.2553–0.3662; 0/10 → 0–0.2775.
        let a = wilson(81, 263);
        assert!((a.low - 0.2553).abs() < 5e-4 && (a.high - 0.3662).abs() < 5e-4, "{a:?}");
        let b = wilson(0, 10);
        assert!(b.low == 0.0 && (b.high - 0.2775).abs() < 5e-4, "{b:?}");
        let c = wilson(32, 32);
        assert!(c.high == 1.0 && (c.low - 0.8928).abs() < 5e-4, "{c:?}");
    }
}
