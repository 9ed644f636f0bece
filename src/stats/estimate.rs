//! Mean, standard deviation and 95% t-interval of a sample; paired differences under common random numbers.

use super::student_t::t_quantile;

/// A sample's mean with its 95% confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// Sample size.
    pub n: usize,
    /// Mean (NaN when empty).
    pub mean: f64,
    /// Sample standard deviation, n − 1 in the denominator (NaN below 2 values).
    pub sd: f64,
    /// Half-width of the 95% t-interval (infinite below 2 values).
    pub half_width: f64,
}

impl Estimate {
    /// The estimate of a sample; NaN values are left out.
    pub fn of(values: &[f64]) -> Estimate {
        let xs: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
        let n = xs.len();
        let mean = if n == 0 { f64::NAN } else { xs.iter().sum::<f64>() / n as f64 };
        if n < 2 {
            return Estimate {
                n,
                mean,
                sd: f64::NAN,
                half_width: f64::INFINITY,
            };
        }
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        let sd = var.sqrt();
        Estimate {
            n,
            mean,
            sd,
            half_width: t_quantile(0.975, (n - 1) as f64) * sd / (n as f64).sqrt(),
        }
    }

    /// Lower end of the 95% interval.
    pub fn low(&self) -> f64 {
        self.mean - self.half_width
    }

    /// Upper end of the 95% interval.
    pub fn high(&self) -> f64 {
        self.mean + self.half_width
    }

    /// True when the interval excludes zero (for a difference: the variants differ at the 5% level).
    pub fn excludes_zero(&self) -> bool {
        self.n >= 2 && (self.low() > 0.0 || self.high() < 0.0)
    }
}

/// The estimate of `a − b` over the replications both have: `(replication, value)` pairs.
pub fn paired(a: &[(u32, f64)], b: &[(u32, f64)]) -> Estimate {
    let differences: Vec<f64> = a
        .iter()
        .filter_map(|(k, x)| b.iter().find(|(kb, _)| kb == k).map(|(_, y)| x - y))
        .collect();
    Estimate::of(&differences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_of_a_known_sample() {
        // mean 5, sd sqrt(32/7), t(0.975, 7) = 2.364624
        let e = Estimate::of(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
        assert_eq!(e.n, 8);
        assert!((e.mean - 5.0).abs() < 1e-12);
        assert!((e.sd - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
        assert!((e.half_width - 2.364_624 * (32.0f64 / 7.0).sqrt() / 8f64.sqrt()).abs() < 1e-5);
        assert!(Estimate::of(&[1.0]).half_width.is_infinite());
    }

    #[test]
    fn pairing_removes_the_shared_noise() {
        let base = [(0, 10.0), (1, 20.0), (2, 30.0), (3, 40.0)];
        let better = [(0, 9.0), (1, 19.2), (2, 28.9), (3, 39.1), (4, 1.0)];
        let d = paired(&better, &base);
        assert_eq!(d.n, 4);
        assert!((d.mean + 0.95).abs() < 1e-12);
        assert!(d.excludes_zero(), "{d:?}");
        let unpaired = Estimate::of(&[9.0, 19.2, 28.9, 39.1]);
        assert!(unpaired.half_width > 10.0 * d.half_width);
    }
}
