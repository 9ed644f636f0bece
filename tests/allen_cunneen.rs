//! M/G/c with lognormal service stays within a sanity band of the Allen–Cunneen approximation.

mod common;

use common::{erlang_c, mean_and_se, run, scenario, single_queue};

/// Allen–Cunneen: Wq ≈ C(c, a) / (cμ − λ) × (ca² + cs²) / 2, with ca² = 1 for Poisson arrivals.
fn allen_cunneen_wait_s(servers: u32, rho: f64, mean_s: f64, sd_s: f64) -> f64 {
    let a = rho * servers as f64;
    let cs2 = (sd_s / mean_s).powi(2);
    erlang_c(servers, a) * mean_s / (servers as f64 * (1.0 - rho)) * (1.0 + cs2) / 2.0
}

#[test]
fn lognormal_queues_agree_with_allen_cunneen() {
    for (servers, rho, sd_s) in [(10, 0.8, 30.0), (4, 0.7, 60.0)] {
        let rate_per_h = rho * servers as f64 * 60.0;
        let spec = scenario(&single_queue(
            rate_per_h,
            servers,
            &format!("LogNormal(mean_s: 60, sd_s: {sd_s})"),
            24.0 * 20.0,
        ));
        let waits: Vec<f64> = (1..=8)
            .map(|seed| run(&spec, seed).summary.stages.get("q").unwrap().wait_s.mean)
            .collect();
        let (mean, _) = mean_and_se(&waits);
        let approx = allen_cunneen_wait_s(servers, rho, 60.0, sd_s);
        assert!(
            (mean / approx - 1.0).abs() < 0.15,
            "M/G/{servers} at ρ={rho}, sd {sd_s}: mean wait {mean:.2} s, Allen–Cunneen {approx:.2} s"
        );
    }
}
