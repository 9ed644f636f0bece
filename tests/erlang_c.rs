//! Long M/M/c runs agree with Erlang C: mean wait within 3%, P(wait) within 0.02.

mod common;

use common::{assert_littles_law, erlang_c, mean_and_se, run, scenario, single_queue};

/// Runs `replications` long M/M/c queues and checks them against the formula.
fn check_mmc(servers: u32, rho: f64, hours: f64, replications: u64) {
    let mean_service_s = 60.0;
    let rate_per_h = rho * servers as f64 * 3600.0 / mean_service_s;
    let spec = scenario(&single_queue(rate_per_h, servers, "Exponential(mean_s: 60)", hours));
    let a = rho * servers as f64;
    let p_wait = erlang_c(servers, a);
    let expected_wait = p_wait * mean_service_s / (servers as f64 * (1.0 - rho));
    let mut waits = Vec::new();
    let mut waited = Vec::new();
    for seed in 1..=replications {
        let result = run(&spec, seed);
        assert_littles_law(&result, 0.01);
        let stage = result.summary.stages.get("q").unwrap();
        waits.push(stage.wait_s.mean);
        waited.push(stage.waited_share);
    }
    let (mean, se) = mean_and_se(&waits);
    let (share, _) = mean_and_se(&waited);
    eprintln!(
        "M/M/{servers} ρ={rho}: mean wait {mean:.3} ± {se:.3} s (Erlang C {expected_wait:.3}), P(wait) {share:.4} (Erlang C {p_wait:.4})"
    );
    let tolerance = 0.03 * expected_wait;
    assert!(
        se * 3.0 < tolerance,
        "M/M/{servers} at ρ={rho}: too few replications to tell (standard error {se:.3} s)"
    );
    assert!(
        (mean - expected_wait).abs() < tolerance,
        "M/M/{servers} at ρ={rho}: mean wait {mean:.3} s, Erlang C says {expected_wait:.3} s (± {tolerance:.3})"
    );
    assert!(
        (share - p_wait).abs() < 0.02,
        "M/M/{servers} at ρ={rho}: P(wait) {share:.4}, Erlang C says {p_wait:.4}"
    );
}

#[test]
fn erlang_c_formula_matches_known_values() {
    // M/M/1: P(wait) = ρ. M/M/2 at a = 1: C = 1/3.
    assert!((erlang_c(1, 0.7) - 0.7).abs() < 1e-12);
    assert!((erlang_c(2, 1.0) - 1.0 / 3.0).abs() < 1e-12);
}

#[test]
fn mm1_at_half_load() {
    check_mmc(1, 0.5, 24.0 * 40.0, 40);
}

#[test]
fn mm2_at_0_7() {
    check_mmc(2, 0.7, 24.0 * 30.0, 24);
}

#[test]
fn mm5_at_0_8() {
    check_mmc(5, 0.8, 24.0 * 28.0, 16);
}

#[test]
fn mm12_at_0_85() {
    check_mmc(12, 0.85, 24.0 * 30.0, 16);
}

#[test]
fn mm24_at_0_9() {
    check_mmc(24, 0.9, 24.0 * 64.0, 12);
}
