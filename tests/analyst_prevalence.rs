//! The prevalence effect emerges from runs: analysts who review every scan (no image model)
//! learn the prevalence from what they find, and their criterion follows it. At 1% contraband
//! they miss far more than at 50%, within bands around Wolfe, Horowitz & Kenner (Nature 435,
//! 2005): 30% misses at 1% prevalence, 7% at 50%.

mod common;

/// Trucks scanned at a gantry with no image model, so analysts (plenty of them: no vigilance
/// decrement) review every scan.
fn scenario(contraband_rate: f64, trucks: u32) -> String {
    format!(
        r#"Scenario(
    meta: (name: "prevalence", seed: 4, duration_h: 24.0, drain: true),
    population: [(name: "truck", share: 1.0)],
    demand: [(name: "gate", entry: "lodgement", arrivals: Hourly(daily_total: {trucks}, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {{
        "gantry": (servers: 20, service: Constant(s: 60), automated: true),
        "analysts": (servers: 60, service: LogNormal(mean_s: 120, sd_s: 40)),
    }},
    routing: {{
        "lodgement": (check: Cargo(Targeting), next: To("gantry")),
        "gantry": (pool: "gantry", check: Cargo(Scan(kind: Gantry)), next: To("review")),
        "review": (pool: "analysts", check: Cargo(Review()), next: To("exit")),
    }},
    cargo: (sources: ["gate"], contraband_rate: {contraband_rate}, misdeclaration_rate: 0.0, scanning: (model: None, thresholds: {{}})),
)"#
    )
}

fn misses(contraband_rate: f64, trucks: u32) -> (f64, u64) {
    let result = common::run(&common::scenario(&scenario(contraband_rate, trucks)), 4);
    let cargo = porttwin::cargo::summary(&result.summary).expect("a cargo summary");
    let analysts = cargo.analysts.expect("modelled analysts");
    (1.0 - analysts.hit_rate.expect("threat images reviewed"), analysts.with_threat)
}

#[test]
fn rare_targets_are_missed_more_often() {
    let (rare, rare_n) = misses(0.01, 30_000);
    let (common_, common_n) = misses(0.5, 1_500);
    assert!(rare_n > 200 && common_n > 500, "{rare_n} and {common_n} threat images");
    assert!(
        (0.18..=0.45).contains(&rare),
        "misses at 1% prevalence: {rare:.3} (Wolfe et al. 2005: 0.30)"
    );
    assert!(
        (0.03..=0.14).contains(&common_),
        "misses at 50% prevalence: {common_:.3} (Wolfe et al. 2005: 0.07)"
    );
    assert!(rare > common_ + 0.10, "the prevalence effect: {rare:.3} vs {common_:.3}");
}
